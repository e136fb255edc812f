"""What a readiness check says: one ``Finding`` per check, gathered in a project's ``Report``."""

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

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
