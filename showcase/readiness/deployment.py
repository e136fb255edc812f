"""The portfolio's deploy settings, checked up front: ``deploy.yaml`` against the projects there are.

``showcase deploy`` reads ``deploy.yaml`` only after the whole checklist has run (minutes, with the
demos and the projects' tests), and then stops on a project that no longer exists or a demo with no
Space to go to. ``showcase check`` reads it first, in a second, with the same code deploy uses
(``publish.config.load_deploy_config``), and says so before the slow checks start.
"""

from pathlib import Path

from showcase.contract.card import load_card
from showcase.exceptions import ShowcaseError
from showcase.publish.config import PLACEHOLDER_OWNER, load_deploy_config
from showcase.readiness.report import Finding, failed, passed

FIX_FILE = "edit deploy.yaml (README: Publish) so it names only projects under projects/"


def check_deploy(path: Path, project_dirs: list[Path]) -> Finding:
    """``deploy.yaml`` is valid, names only existing projects, and every demo and dashboard it
    publishes has a Space id in its card (``demo.space``, ``dashboard``). No file: deploy publishes
    the site alone (``--space``)."""
    if not path.is_file():
        alone = f"no {path}: `showcase deploy --space owner/name` publishes the site alone"
        return Finding("deploy", *passed(alone))
    try:
        config = load_deploy_config(path, {d.name for d in project_dirs})
    except ShowcaseError as e:
        detail, _, fix = str(e).partition(" Fix: ")
        return Finding("deploy", *failed(detail, fix or FIX_FILE))
    placeholders = [repo for repo in [config.site.space, *(t.model_repo for t in config.projects.values())]
                    if repo and repo.split("/")[0] == PLACEHOLDER_OWNER]
    missing, no_dashboard = [], []
    for project_dir in project_dirs:
        target = config.target(project_dir.name)
        if target.demo == "none" and not target.dashboard:
            continue
        try:
            card = load_card(project_dir)
        except ShowcaseError:
            continue  # the project's own `card` check says what is wrong with it
        spaces = []
        if target.demo != "none":
            spaces.append(card.demo.space if card.demo else None)
            if not spaces[-1]:
                missing.append(project_dir.name)
        if target.dashboard:
            spaces.append(card.dashboard)
            if not card.dashboard:
                no_dashboard.append(project_dir.name)
        placeholders += [space for space in spaces if space and space.split("/")[0] == PLACEHOLDER_OWNER]
    if missing:
        return Finding("deploy", *failed(
            f"{path} publishes a demo for {', '.join(missing)}, whose card names no Space (demo.space)",
            f"set `demo.space: your-hf-user/<name>` in each portfolio.yaml, or `demo: none` in {path}"))
    if no_dashboard:
        return Finding("deploy", *failed(
            f"{path} publishes the tracked runs of {', '.join(no_dashboard)}, whose card names no "
            "Space for them (dashboard)",
            f"set `dashboard: your-hf-user/<name>` in each portfolio.yaml, or `dashboard: false` in {path}"))
    if placeholders:
        return Finding("deploy", *failed(
            f"{', '.join(placeholders)}: the owner is the placeholder {PLACEHOLDER_OWNER!r}",
            f"put your Hugging Face user in {path} (`showcase owner --apply` does, from the resume's "
            "Hugging Face profile) and in the cards' demo.space and dashboard"))
    demos = sum(config.target(d.name).demo != "none" for d in project_dirs)
    models = sum(config.target(d.name).model_repo is not None for d in project_dirs)
    dashboards = sum(config.target(d.name).dashboard for d in project_dirs)
    return Finding("deploy", *passed(f"site to {config.site.space}; {demos} demo(s), {models} model repo(s), "
                                     f"{dashboards} dashboard(s)"))
