"""Is a project ready for a recruiter? The checklist behind ``showcase check`` and ``showcase deploy``.

    report = check_project(Path("projects/fashion-cnn"), run_tests=False, run_demo=False)
    report.passed, [(f.name, f.detail, f.fix) for f in report.failures]
    check_resume(Path("content/resume.yaml"))        # the portfolio's own check

Each check (``CHECKS``, in the order a reader meets them) gives a ``Finding``: ok or failed, a
one-line detail, and for a failure a one-line fix. A check that needs the card or the metrics
and cannot have them fails with "not checked", pointing at the check that says why; a slow
check the caller turned off is "skipped", never ok.
"""

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showcase.exceptions import ShowcaseError
from showcase.readiness.baseline import check_baseline
from showcase.readiness.deployment import check_deploy
from showcase.readiness.documents import check_card, check_metrics, check_readme, check_resume
from showcase.readiness.files import check_figures, check_secrets, check_sizes
from showcase.readiness.model_card import check_licence, check_model_card
from showcase.readiness.owner import check_owner
from showcase.readiness.provenance import check_code, check_config, check_data
from showcase.readiness.report import (
    Finding,
    Report,
    Verdict,
    error_verdict,
    failure_lines,
    portfolio_line,
    print_reports,
)
from showcase.readiness.running import check_demo, check_tests
from showcase.readiness.site import check_site
from showcase.reading.project import ProjectFiles, read_project

__all__ = [
    "CHECKS", "Check", "Finding", "Report", "check_portfolio", "check_project", "check_resume",
    "failure_lines", "portfolio_line", "print_reports",
]


@dataclass(frozen=True)
class Check:
    """One item of the checklist."""

    name: str
    run: Callable[[ProjectFiles], Verdict]
    needs: tuple[str, ...] = ()
    """``"card"``, ``"metrics"``: what must have loaded for the check to run."""
    slow: bool = False
    """Starts a process that takes seconds to minutes (``--fast`` skips it)."""


CHECKS: tuple[Check, ...] = (
    Check("card", check_card),
    Check("metrics", check_metrics),
    Check("baseline", check_baseline, needs=("metrics",)),
    Check("readme", check_readme),
    Check("code", check_code, needs=("metrics",)),
    Check("config", check_config, needs=("metrics",)),
    Check("data", check_data, needs=("metrics",)),
    Check("figures", check_figures, needs=("card", "metrics")),
    Check("model card", check_model_card, needs=("metrics",)),
    Check("licence", check_licence),
    Check("demo", check_demo, needs=("card", "metrics"), slow=True),
    Check("tests", check_tests, slow=True),
    Check("sizes", check_sizes),
    Check("secrets", check_secrets),
)
"""The checklist, in the order the report shows it."""


def check_project(
    project_dir: Path,
    *,
    run_tests: bool = True,
    run_demo: bool = True,
    on_check: Callable[[str], None] | None = None,
) -> Report:
    """Run every check on the project at ``project_dir``.

    Args:
        run_tests, run_demo: False skips that slow check (it is reported as skipped).
        on_check: called with each check's name before it runs (to show progress).

    Raises:
        ShowcaseError: ``project_dir`` is not a directory.
    """
    root = Path(project_dir)
    if not root.is_dir():
        raise ShowcaseError(f"{root}: no such project directory. Fix: name a folder under projects/.")
    project = read_project(root)
    skip = {"demo": not run_demo, "tests": not run_tests}
    findings = []
    for check in CHECKS:
        if on_check is not None:
            on_check(check.name)
        findings.append(_run(check, project, skip.get(check.name, False)))
    return Report(root, tuple(findings))


def _run(check: Check, project: ProjectFiles, skip: bool) -> Finding:
    """One check's finding: skipped, not checked (a file it needs is invalid), or its verdict."""
    if skip:
        return Finding(check.name, False, "skipped: the slow checks were turned off", skipped=True)
    missing = [part for part in check.needs if getattr(project, part) is None]
    if missing:
        return Finding(check.name, False, f"not checked: the {missing[0]} is invalid (see `{missing[0]}`)",
                       f"fix the {missing[0]} first")
    try:
        return Finding(check.name, *check.run(project))
    except ShowcaseError as e:  # e.g. a file that is a link out of the project
        return Finding(check.name, *error_verdict(e, project.root))
    except (OSError, subprocess.SubprocessError) as e:  # e.g. git is not installed
        return Finding(check.name, False, f"could not check: {e}", "see the detail")


def check_portfolio(
    project_dirs: list[Path],
    resume: Path,
    *,
    deploy_config: Path | None = None,
    mkdocs_config: Path | None = None,
    fast: bool = False,
    on_check: Callable[[str, str], None] | None = None,
    on_portfolio: Callable[[Finding], None] | None = None,
) -> tuple[list[Report], list[Finding]]:
    """Every project's report and the portfolio's own findings (the deploy settings, the site's
    settings, the resume, then the owner the projects name): what ``showcase check`` and ``deploy``
    show.

    Args:
        deploy_config: ``deploy.yaml``, checked first, in a second (``readiness.deployment``).
        mkdocs_config: ``mkdocs.yml``, whose site name and address must be the owner's
            (``readiness.site``).
        fast: skip the slow checks (the demo start, the projects' tests).
        on_check: called with the project's folder name and each check's name before it runs.
        on_portfolio: called with each portfolio finding as soon as it is known (before the
            projects' slow checks), so a caller can say at once what is wrong.
    """
    portfolio = [check_deploy(deploy_config, project_dirs)] if deploy_config is not None else []
    if mkdocs_config is not None:
        portfolio.append(check_site(mkdocs_config))
    portfolio.append(check_resume(resume))
    portfolio.append(check_owner(resume, project_dirs))
    for finding in portfolio:
        if on_portfolio is not None:
            on_portfolio(finding)
    reports = []
    for project_dir in project_dirs:
        def show(check: str, slug: str = project_dir.name) -> None:
            if on_check is not None:
                on_check(slug, check)

        reports.append(check_project(project_dir, run_tests=not fast, run_demo=not fast, on_check=show))
    return reports, portfolio
