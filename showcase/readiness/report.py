"""What a readiness check says: one ``Finding`` per check, gathered in a project's ``Report``; and
how ``showcase check`` prints the reports: a table of checks x projects, then one line per failure
with its fix.

    check        fashion-cnn   imdb-sentiment
    card         FAILED       ok
    ...
    portfolio: resume ok

    fashion-cnn: card: portfolio.yaml still holds the template's defaults: .... Fix: put your name ...
"""

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rich.console import Console
from rich.table import Table

from showcase.exceptions import ShowcaseError


class Verdict(NamedTuple):
    """What one check function returns; the runner adds the check's name."""

    ok: bool
    detail: str
    fix: str = ""


def passed(detail: str) -> Verdict:
    """The check holds; ``detail`` says what was seen (one line)."""
    return Verdict(True, detail)


def failed(detail: str, fix: str) -> Verdict:
    """The check fails; ``detail`` says what is wrong, ``fix`` what to do (one line each)."""
    return Verdict(False, detail, fix)


def error_verdict(error: ShowcaseError, root: Path) -> Verdict:
    """A failed verdict from a showcase error: its problems as the detail, its fixes as the fix,
    each on one line, paths shown relative to the project."""
    problems, fixes = [], []
    for line in str(error).replace(f"{root}/", "").splitlines():
        problem, _, fix = line.partition(" Fix: ")
        problems.append(problem.rstrip("."))
        if fix and fix not in fixes:
            fixes.append(fix.rstrip("."))
    return failed("; ".join(problems), "; ".join(fixes) or "see the detail")


@dataclass(frozen=True)
class Finding:
    """The outcome of one named check of one project."""

    name: str
    ok: bool
    """True when the check ran and holds. A skipped check is never ok."""
    detail: str
    fix: str = ""
    """How to make it pass; empty when it does."""
    skipped: bool = False
    """The check was not run (``showcase check --fast``): neither ok nor failed."""

    @property
    def status(self) -> str:
        """``ok``, ``FAILED`` or ``skipped``, as the report shows it."""
        return "skipped" if self.skipped else "ok" if self.ok else "FAILED"


@dataclass(frozen=True)
class Report:
    """Every finding about one project, in the order the checks ran."""

    root: Path
    findings: tuple[Finding, ...]

    @property
    def slug(self) -> str:
        """The project's directory name, as in the site's URLs."""
        return self.root.name

    @property
    def passed(self) -> bool:
        """No check failed (skipped checks do not count either way)."""
        return not self.failures

    @property
    def failures(self) -> list[Finding]:
        """The checks that ran and failed."""
        return [f for f in self.findings if not f.ok and not f.skipped]

    @property
    def skipped(self) -> list[Finding]:
        """The checks that were not run."""
        return [f for f in self.findings if f.skipped]

    def finding(self, name: str) -> Finding:
        """The finding of the check called ``name``.

        Raises:
            KeyError: no check of that name ran.
        """
        for f in self.findings:
            if f.name == name:
                return f
        raise KeyError(name)


# How the reports are printed (``showcase check``, ``showcase deploy``).
STYLES = {"ok": "green", "FAILED": "bold red", "skipped": "yellow"}


def _cell(finding: Finding) -> str:
    return f"[{STYLES[finding.status]}]{finding.status}[/]"


def _line(where: str, finding: Finding, with_fix: bool = True) -> str:
    """``where: check: detail. Fix: fix.`` on one line."""
    text = f"{where}: {finding.name}: {finding.detail.rstrip('.')}."
    return f"{text} Fix: {finding.fix.rstrip('.')}." if with_fix and finding.fix else text


def table(reports: list[Report]) -> Table:
    """Checks as rows, projects as columns: a portfolio has a handful of projects, the list a dozen checks."""
    grid = Table("check", *(report.slug for report in reports), title="readiness")
    for i, finding in enumerate(reports[0].findings if reports else []):
        grid.add_row(finding.name, *(_cell(report.findings[i]) for report in reports))
    return grid


def failure_lines(reports: list[Report], portfolio: list[Finding]) -> list[str]:
    """Every failed check, ``where: check: detail. Fix: fix.`` (skipped checks are not failures)."""
    lines = [_line(report.slug, finding) for report in reports for finding in report.failures]
    return lines + [_line("portfolio", finding) for finding in portfolio if not finding.ok]


def portfolio_line(finding: Finding) -> str:
    """A portfolio finding as soon as it is known: ``portfolio: deploy FAILED: detail. Fix: ...``."""
    return _line("portfolio", finding)


def print_reports(console: Console, reports: list[Report], portfolio: list[Finding],
                  verbose: bool = False) -> None:
    """The table, the portfolio's own checks, then every failure (every finding if ``verbose``)."""
    if reports:
        console.print(table(reports))
    console.print("portfolio: " + ", ".join(f"{f.name} {_cell(f)}" for f in portfolio))
    lines = []
    for report in reports:
        shown = report.findings if verbose else report.failures
        lines += [_line(report.slug, f, with_fix=not f.ok and not f.skipped) for f in shown]
    lines += [_line("portfolio", f, with_fix=not f.ok) for f in portfolio if verbose or not f.ok]
    if lines:
        console.print()
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    skipped = sorted({f.name for report in reports for f in report.skipped})
    if skipped:
        console.print(f"\nskipped: {', '.join(skipped)} "
                      "(run `showcase check` without --fast before publishing)", markup=False, soft_wrap=True)
