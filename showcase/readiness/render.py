"""``showcase check``'s output: a table of checks x projects, then one line per failure with its fix.

    check        digits-cnn   imdb-sentiment
    card         FAILED       ok
    ...
    portfolio: resume ok

    digits-cnn: card: portfolio.yaml still holds the template's defaults: .... Fix: put your name ...
"""

from rich.console import Console
from rich.table import Table

from showcase.readiness.report import Finding, Report

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
