"""Were the numbers made by the code, config and data the project has now?

``reports/metrics.json`` records the commit, the config and a checksum of the data of the run
that made it. A number is only worth showing if they still hold:

- code: the run was clean (``git_dirty`` false), and ``src/``, ``configs/`` and what
  ``pyproject.toml`` says about running the code are the same now as at that commit (no change,
  no new file);
- config: the config evaluation recorded is the one training recorded (``reports/training.json``),
  compared as hashes of canonical JSON;
- data: a checksum is recorded, and it is the one training recorded.

What provenance covers in ``pyproject.toml``: what decides which code runs, on what. That is
the build (``[build-system]``), the dependencies and the Python they need
(``[project].dependencies``, ``requires-python``), any extra other than the tooling ones
(``dev``, ``test``, ``lint``, ``docs``...: an extra such as ``gpu`` or ``lora`` can bring in code
a run uses), entry points, what setuptools packages (``[tool.setuptools]``), and any table this
module does not know (``[tool.uv]``'s overrides, say, change what is installed): unknown counts.
It does not cover the project's description of itself, which no number depends on: ``authors``,
``maintainers``, ``description``, ``readme``, ``license``, ``version``, ``keywords``,
``classifiers``, ``urls``, nor the test and lint tools' settings (``[tool.pytest]``,
``[tool.ruff]``, ``[tool.coverage]``, ``[tool.mypy]``...). So putting the owner's name in
``authors`` (``showcase owner --apply``), or a new licence, asks for no retraining; a changed
dependency range does. The file is compared parsed (``tomllib``), at the run's commit and now: a
comment or a re-ordered table is no change; a file that does not parse now counts as changed, and
says so.
"""

import hashlib
import json
import subprocess
import tomllib
from pathlib import Path
from typing import Any

from showcase.contract.files import METRICS_FILE
from showcase.readiness.report import Verdict, failed, passed
from showcase.reading.project import ProjectFiles

CODE_PATHS = ("src", "configs", "pyproject.toml")
"""What makes the numbers: a change here after the run means the run is not the code's (in
``pyproject.toml``, only the parts that change what runs: ``run_settings``)."""
PYPROJECT = "pyproject.toml"
SHOWN_FILES = 5
TRAINING_FILE = "reports/training.json"
"""What the training step wrote (the template's): the config and data it trained on."""

PROJECT_METADATA = frozenset({"authors", "maintainers", "description", "readme", "license", "license-files",
                              "version", "keywords", "classifiers", "urls"})
"""``[project]`` keys that describe the project and change nothing a run does."""
TOOLING_EXTRAS = frozenset({"dev", "develop", "test", "tests", "testing", "lint", "docs", "doc", "typing"})
"""``[project.optional-dependencies]`` extras of tools around the code (tests, linters, docs)."""
TOOLING_TABLES = frozenset({"pytest", "ruff", "black", "isort", "mypy", "pyright", "coverage", "codespell",
                            "pylint", "flake8", "bandit", "docformatter", "interrogate"})
"""``[tool.*]`` tables of tools that check or format the code without running it for a result."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)


def changed_files(root: Path, commit: str) -> list[str]:
    """The files of ``CODE_PATHS`` (relative to ``root``) that differ from ``commit``, or are new;
    ``pyproject.toml`` only when what it says about running the code differs, named with the parts
    that do (``pyproject.toml (dependencies)``)."""
    diff = _git(root, "diff", "--name-only", "--relative", commit, "--", *CODE_PATHS)
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--", *CODE_PATHS)
    changed = set(diff.stdout.splitlines()) | set(new.stdout.splitlines())
    if PYPROJECT in changed:
        changed.discard(PYPROJECT)
        if parts := pyproject_changes(root, commit):
            changed.add(f"{PYPROJECT} ({', '.join(parts)})")
    return sorted(changed)


def pyproject_changes(root: Path, commit: str) -> list[str]:
    """The run-relevant parts of ``pyproject.toml`` (``run_settings``) that differ between
    ``commit`` and the working tree, e.g. ``["dependencies"]``; a file missing on one side, or not
    valid TOML, is one part saying so."""
    then = subprocess.run(["git", "show", f"{commit}:./{PYPROJECT}"], cwd=root, capture_output=True,
                          timeout=60)  # bytes: decoded as UTF-8 below, whatever the locale
    if then.returncode != 0:
        return ["new since the run"]
    path = root / PYPROJECT
    if not path.is_file():
        return ["removed since the run"]
    try:
        now = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return [f"not valid TOML now: {e}"]
    try:
        before = tomllib.loads(then.stdout.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ["not valid TOML at the run's commit"]
    old, new = run_settings(before), run_settings(now)
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))


def run_settings(pyproject: dict[str, Any]) -> dict[str, Any]:
    """What ``pyproject.toml`` says that can change a run's numbers, flattened to named parts
    (``build-system``, ``dependencies``, ``optional-dependencies.gpu``, ``tool.setuptools``...):
    everything but the project's metadata and the tooling's settings (see the module docstring)."""
    parts: dict[str, Any] = {}
    for table, value in pyproject.items():
        if table == "project" and isinstance(value, dict):
            for key, item in value.items():
                if key == "optional-dependencies" and isinstance(item, dict):
                    parts |= {f"optional-dependencies.{extra}": deps for extra, deps in item.items()
                              if extra not in TOOLING_EXTRAS}
                elif key not in PROJECT_METADATA:
                    parts[key] = item
        elif table == "tool" and isinstance(value, dict):
            parts |= {f"tool.{tool}": item for tool, item in value.items() if tool not in TOOLING_TABLES}
        else:
            parts[table] = value
    return parts


def check_code(project: ProjectFiles) -> Verdict:
    """The metrics were made at a clean commit, and the code has not changed since."""
    assert project.metrics is not None
    root, provenance = project.root, project.metrics.provenance
    commit = provenance.git_commit
    rerun = f"commit your code, then run `make train evaluate` in {root} and commit its reports"
    if not commit:
        return failed(f"{METRICS_FILE} records no git commit (the run was outside a git checkout)", rerun)
    if provenance.git_dirty:
        return failed(f"the run at {commit} had uncommitted changes to the code", rerun)
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        return failed(f"{root} is not in a git checkout, so the code cannot be compared with {commit}",
                      "check the project from the repository it was trained in")
    if _git(root, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        return failed(f"the run's commit {commit} is not in this repository (a shallow clone?)",
                      f"fetch the full history (git fetch --unshallow), or {rerun}")
    if changed := changed_files(root, commit):
        shown = ", ".join(changed[:SHOWN_FILES]) + (
            f" and {len(changed) - SHOWN_FILES} more" if len(changed) > SHOWN_FILES else "")
        return failed(f"the code changed since the run at {commit}: {shown}", rerun)
    return passed(f"made at {commit}; src, configs and pyproject.toml's run settings unchanged since")


def config_hash(config: dict[str, Any]) -> str:
    """A short sha256 of the config as canonical JSON (sorted keys, no spaces): equal configs,
    equal hashes, whatever order or layout the files wrote them in."""
    text = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def check_config(project: ProjectFiles) -> Verdict:
    """The config in metrics.json is the config in training.json."""
    assert project.metrics is not None
    training = read_training(project.root)
    if isinstance(training, Verdict):
        return training
    evaluated, trained = project.metrics.provenance.config, training.get("config")
    if not isinstance(trained, dict):
        return failed(f"{TRAINING_FILE} records no config",
                      f"run `make train evaluate` in {project.root}")
    if config_hash(evaluated) != config_hash(trained):
        keys = sorted(k for k in evaluated.keys() | trained.keys() if evaluated.get(k) != trained.get(k))
        return failed(
            f"config {config_hash(evaluated)} in {METRICS_FILE} is not config {config_hash(trained)} "
            f"in {TRAINING_FILE} (differs in {', '.join(keys)}): the model evaluated is not the one trained",
            f"run `make train evaluate` in {project.root}, so both steps use one config")
    return passed(f"config {config_hash(evaluated)} in both {METRICS_FILE} and {TRAINING_FILE}")


def check_data(project: ProjectFiles) -> Verdict:
    """A data checksum is recorded, and it is the one training recorded."""
    assert project.metrics is not None
    checksum = project.metrics.data.checksum
    if not checksum:
        return failed(f"{METRICS_FILE} records no data checksum (data.checksum)",
                      f"run `make train evaluate` in {project.root} (the template's evaluation records it)")
    training = read_training(project.root)
    if isinstance(training, Verdict):
        return training
    trained = (training.get("data") or {}).get("checksum")
    if trained is None:  # e.g. reinforcement learning: the data are the evaluation episodes' start states
        return passed(f"checksum {checksum[:19]}… recorded ({TRAINING_FILE} records none to compare)")
    if trained != checksum:
        return failed(
            f"data {checksum[:19]}… in {METRICS_FILE} is not data {trained[:19]}… in {TRAINING_FILE}: "
            "the model was evaluated on other data than it was trained on",
            f"run `make train evaluate` in {project.root} on one data set")
    return passed(f"checksum {checksum[:19]}… in both {METRICS_FILE} and {TRAINING_FILE}")


def read_training(root: Path) -> dict[str, Any] | Verdict:
    """``reports/training.json`` as a mapping, or the failed verdict saying why it cannot be read."""
    path = root / TRAINING_FILE
    fix = f"run `make train evaluate` in {root}: training writes it"
    if not path.is_file():
        return failed(f"{TRAINING_FILE} is missing, so nothing shows what the model was trained on", fix)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return failed(f"{TRAINING_FILE} is not valid JSON ({e})", fix)
    if not isinstance(data, dict):
        return failed(f"{TRAINING_FILE} is not a JSON object", fix)
    return data
