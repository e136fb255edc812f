"""``showcase deploy``: check the portfolio, build every bundle, then show or carry out the plan.

    plan = make_plan(options)          # readiness, bundles, what each upload changes
    print_plan(plan, console)          # the dry run stops here (the default)
    apply_plan(plan, api, console)     # --no-dry-run: create the repos, upload what changed

Demos, model repos and experiment dashboards go first, the site last, so the pages
never embed or link a Space that is not there yet. The token is huggingface_hub's business (``HF_TOKEN`` or
``hf auth login``): this module only asks whether there is one, and scrubs it
from any message the Hub sends back.
"""

import contextlib
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import huggingface_hub
from huggingface_hub import HfApi
from huggingface_hub.errors import RepositoryNotFoundError
from rich.console import Console
from rich.markup import escape

from showcase.exceptions import DeployError, SecretError
from showcase.publish.bundles import Bundle, build_demo_bundle, build_model_bundle, build_site_bundle
from showcase.publish.config import PLACEHOLDER_OWNER, DeployConfig, load_deploy_config
from showcase.publish.dashboards import Dashboard, Syncer, dashboard_of, describe, sync
from showcase.publish.remote import Changes, compare, remote_files, unknown
from showcase.reading.project import Project, discover_projects, find_project_dirs
from showcase.secrets import describe_leaks, find_leaks


@dataclass(frozen=True)
class DeployOptions:
    """What ``showcase deploy`` was asked to do."""

    config: Path = Path("deploy.yaml")
    projects_dir: Path = Path("projects")
    mkdocs_config: Path = Path("mkdocs.yml")
    resume: Path = Path("content/resume.yaml")
    """The owner's resume, which the readiness check reads."""
    site_space: str | None = None
    """The site's Space (``--space``); None: deploy.yaml's ``site.space``."""
    dry_run: bool = True
    force: bool = False
    """Publish even when the readiness check fails."""
    fast_check: bool = False
    """Skip the readiness check's slow parts (starting each demo, running each project's tests)."""


@dataclass
class Plan:
    """Everything a deploy would do: the bundles (built, in ``scratch``) and their changes."""

    bundles: list[Bundle] = field(default_factory=list)
    changes: dict[str, Changes] = field(default_factory=dict)
    """Bundle label -> what uploading it changes."""
    dashboards: list[Dashboard] = field(default_factory=list)
    """The projects' tracked runs to sync to their dashboard Spaces (deploy.yaml's `dashboard`)."""
    not_ready: list[str] = field(default_factory=list)
    """The readiness check's failures, one line each; empty when everything is ready."""
    unread: str | None = None
    """Why the Hub was not read (offline, unreachable); None when it was."""


def hub_offline() -> bool:
    """HF_HUB_OFFLINE=1: huggingface_hub refuses every call (tests set it, as a guard)."""
    return bool(huggingface_hub.constants.HF_HUB_OFFLINE)


PROBE_TIMEOUT_S = 5.0
"""How long the one connection attempt waits before deploy calls the Hub unreachable. Without it,
huggingface_hub retries a failed connection five times (about 25 s) and ends in a traceback."""


def probe_hub() -> str | None:
    """Why the Hub cannot be reached from here (no network, a name that does not resolve), or None."""
    endpoint = urlsplit(huggingface_hub.constants.ENDPOINT)
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        socket.create_connection((endpoint.hostname or "", port), timeout=PROBE_TIMEOUT_S).close()
    except OSError as e:
        return f"cannot connect to {endpoint.hostname}:{port} ({e.strerror or e})"
    return None


def why_unreadable() -> str | None:
    """Why deploy cannot read the Hub (offline by setting, or unreachable), or None."""
    if hub_offline():
        return "offline: HF_HUB_OFFLINE is set"
    return probe_hub()


def scrub(text: str) -> str:
    """``text`` with the token, if one is set, replaced: a message never carries it."""
    token = huggingface_hub.get_token()
    return text.replace(token, "<token>") if token else text


@contextlib.contextmanager
def hub_call(what: str) -> Iterator[None]:
    """Turn a Hub failure into a DeployError that says what was being done, token scrubbed."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - any failure of a Hub call (HTTP, network, ...) becomes a message
        raise DeployError(scrub(f"{what}: {type(e).__name__}: {e}")) from None


def build_bundles(config: DeployConfig, projects: list[Project], options: DeployOptions,
                  scratch: Path) -> list[Bundle]:
    """Every upload, demos and models first, then the site; each refused if it holds a secret."""
    bundles = []
    for project in projects:
        target = config.target(project.slug)
        if target.demo != "none":
            bundles.append(build_demo_bundle(project, target, scratch))
        if target.model_repo:
            bundles.append(build_model_bundle(project, target.model_repo, scratch))
    bundles.append(build_site_bundle(options.mkdocs_config, config.site.space, scratch))
    for bundle in bundles:
        # The sources were checked as they were copied; this reads every byte that will be
        # uploaded, generated files included (the built pages, the search index, the README).
        leaks = find_leaks(bundle.folder, bundle.files().values())
        if leaks:
            raise SecretError(describe_leaks(f"{bundle.label} (as built for upload)", leaks))
    return bundles


def changes_for(api: HfApi, bundle: Bundle, readable: bool) -> Changes:
    """What uploading ``bundle`` changes in its repo (all new when the Hub cannot be read)."""
    local = bundle.files()
    if not readable:
        return unknown(local)
    try:
        entries = list(api.list_repo_tree(bundle.repo_id, repo_type=bundle.repo_type, recursive=True))
    except RepositoryNotFoundError:
        return compare(local, None)
    except Exception as e:  # noqa: BLE001 - any failure of the call (HTTP, network, ...) becomes a message
        what = f"reading {bundle.repo_type} {bundle.repo_id}"
        raise DeployError(scrub(f"{what}: {type(e).__name__}: {e}")) from None
    return compare(local, remote_files(entries))


def upload(api: HfApi, bundle: Bundle, changes: Changes) -> str:
    """Create the repo if needed and upload the bundle; a repo already up to date gets nothing."""
    plan = bundle.plan
    settings = {}
    if plan is not None:
        settings["space_sdk"] = plan.sdk
        if plan.hardware:
            settings["space_hardware"] = plan.hardware
    with hub_call(f"creating {bundle.repo_type} {bundle.repo_id}"):
        api.create_repo(bundle.repo_id, repo_type=bundle.repo_type, exist_ok=True, **settings)
    if changes.nothing_to_do:
        return f"unchanged: {bundle.url}"
    with hub_call(f"uploading to {bundle.repo_type} {bundle.repo_id}"):
        api.upload_folder(repo_id=bundle.repo_id, repo_type=bundle.repo_type, folder_path=bundle.folder,
                          delete_patterns="*",  # what is no longer built goes (.gitattributes stays)
                          commit_message=f"showcase deploy: {bundle.label}")
    counts = f"{len(changes.added)} new, {len(changes.changed)} changed, {len(changes.deleted)} deleted"
    return f"uploaded ({counts}): {bundle.url}"


def readiness_failures(options: DeployOptions, console: Console) -> list[str]:
    """Run ``showcase check`` on the portfolio, print its report, return its failures."""
    from showcase.readiness import check_portfolio, failure_lines, print_reports

    reports, portfolio = check_portfolio(find_project_dirs(options.projects_dir), options.resume,
                                         deploy_config=options.config, mkdocs_config=options.mkdocs_config,
                                         fast=options.fast_check)
    print_reports(console, reports, portfolio)
    return failure_lines(reports, portfolio)


def make_plan(options: DeployOptions, api: HfApi, scratch: Path, console: Console,
              unread: str | None = None) -> Plan:
    """Check the portfolio, build the bundles into ``scratch`` and compare them with the Hub
    (unless ``unread`` says why it cannot be read)."""
    projects = discover_projects(options.projects_dir)
    config = load_deploy_config(options.config, {p.slug for p in projects}, options.site_space)
    plan = Plan(not_ready=readiness_failures(options, console), unread=unread)
    plan.dashboards = [dashboard_of(p) for p in projects if config.target(p.slug).dashboard]
    plan.bundles = build_bundles(config, projects, options, scratch)
    plan.changes = {b.label: changes_for(api, b, unread is None) for b in plan.bundles}
    return plan


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def print_plan(plan: Plan, console: Console, dry_run: bool) -> None:
    """Every repo, what it costs, and every file with its size and what the upload does to it;
    every dashboard and the runs it would sync."""
    for dashboard in plan.dashboards:
        console.print(f"\n[bold]dashboard[/bold]: {escape(describe(dashboard))}")
    for bundle in plan.bundles:
        changes = plan.changes[bundle.label]
        kind = f"{bundle.plan.sdk} Space, {bundle.plan.cost}" if bundle.plan else "model repo"
        if bundle.plan and bundle.plan.hardware:
            kind = f"{bundle.plan.sdk} Space on {bundle.plan.hardware}, {bundle.plan.cost}"
        action = "create" if not changes.repo_exists else "update"
        if not changes.remote_known:
            action = f"create or update (the Hub was not read: {plan.unread or 'offline'})"
        console.print(f"\n[bold]{escape(bundle.label)}[/bold] -> {bundle.repo_type} "
                      f"[bold]{escape(bundle.repo_id)}[/bold] ({escape(kind)}): {action}")
        files = bundle.files()
        for rel, path in files.items():
            console.print(f"  {changes.status(rel):9} {_size(path.stat().st_size):>9}  {escape(rel)}")
        for rel in changes.deleted:
            console.print(f"  {'deleted':9} {'':>9}  {escape(rel)}")
        total = sum(path.stat().st_size for path in files.values())
        console.print(f"  {len(files)} files, {_size(total)}; {len(changes.added)} new, "
                      f"{len(changes.changed)} changed, {len(changes.deleted)} deleted, "
                      f"{len(changes.unchanged)} unchanged; then {bundle.url}")
    if plan.not_ready:
        console.print(f"\n[red]Not ready to publish[/red]: {len(plan.not_ready)} failed checks, each "
                      "with its fix in the readiness report above; a real deploy stops there "
                      "(--force publishes anyway).")
    if dry_run:
        console.print("\nDry run: nothing was created, uploaded or synced. "
                      "`showcase deploy --no-dry-run` publishes this plan.")


def deploy(options: DeployOptions, api: HfApi | None = None, console: Console | None = None,
           sync_dashboard: Syncer = sync) -> Plan:
    """Plan, print, and (``dry_run`` False) publish: demos, models and dashboards first, then the site.
    ``sync_dashboard`` publishes one dashboard (trackio's sync; tests pass a stand-in).

    Raises:
        DeployError: not ready (without ``force``), no token, offline, or the Hub refused a call.
    """
    console = console or Console(highlight=False, soft_wrap=True)  # a file's line stays one line
    api = api or HfApi()
    unread = why_unreadable()
    if not options.dry_run:
        if hub_offline():
            raise DeployError("HF_HUB_OFFLINE is set, so the Hub cannot be reached. "
                              "Fix: unset HF_HUB_OFFLINE for a real deploy (the dry run works offline).")
        if unread is not None:
            raise DeployError(f"the Hub cannot be reached: {unread}; nothing was uploaded. Fix: check "
                              "this machine's connection (the dry run, the default, works offline).")
        if huggingface_hub.get_token() is None:
            raise DeployError("no Hugging Face token. Fix: set HF_TOKEN to a write token, or run "
                              "`hf auth login` (the token is never written to a file by showcase).")
    with tempfile.TemporaryDirectory(prefix="showcase-deploy-") as scratch:
        plan = make_plan(options, api, Path(scratch), console, unread)
        print_plan(plan, console, options.dry_run)
        if options.dry_run:
            return plan
        repo_ids = [b.repo_id for b in plan.bundles] + [d.space for d in plan.dashboards]
        placeholders = [repo_id for repo_id in repo_ids if repo_id.split("/")[0] == PLACEHOLDER_OWNER]
        if placeholders:
            raise DeployError(f"{', '.join(placeholders)}: the owner is the placeholder "
                              f"{PLACEHOLDER_OWNER!r}; "
                              "nothing was uploaded. Fix: pass --space <your-user>/<name>, or edit "
                              f"{options.config} (and the cards' demo.space and dashboard).")
        if plan.not_ready and not options.force:
            raise DeployError("the portfolio is not ready (see the list above); nothing was uploaded. "
                              "Fix: what each line says, or `--force` to publish anyway.")
        for dashboard in plan.dashboards:  # before the site, whose pages link them
            with hub_call(f"publishing the dashboard of {dashboard.slug} to {dashboard.space}"):
                sync_dashboard(dashboard)
            console.print(escape(f"synced: {dashboard.url}"))
        for bundle in plan.bundles:
            console.print(escape(upload(api, bundle, plan.changes[bundle.label])))
    return plan
