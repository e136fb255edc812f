"""Were the numbers made by the code, config and data the project has now?

``reports/metrics.json`` records the commit, the config and a checksum of the data of the run
that made it. A number is only worth showing if they still hold:

- code: the run was clean (``git_dirty`` false), and ``src/``, ``configs/`` and ``pyproject.toml``
  are the same now as at that commit (no change, no new file);
- config: the config evaluation recorded is the one training recorded (``reports/training.json``),
  compared as hashes of canonical JSON;
- data: a checksum is recorded, and it is the one training recorded.
"""

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

from showcase.contract.files import METRICS_FILE
from showcase.readiness.loaded import TRAINING_FILE, Loaded, read_training
from showcase.readiness.report import Verdict, failed, passed

CODE_PATHS = ("src", "configs", "pyproject.toml")
"""What makes the numbers: a change here after the run means the run is not the code's."""
SHOWN_FILES = 5


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)


def changed_files(root: Path, commit: str) -> list[str]:
    """The files of ``CODE_PATHS`` (relative to ``root``) that differ from ``commit``, or are new."""
    diff = _git(root, "diff", "--name-only", "--relative", commit, "--", *CODE_PATHS)
    new = _git(root, "ls-files", "--others", "--exclude-standard", "--", *CODE_PATHS)
    return sorted(set(diff.stdout.splitlines()) | set(new.stdout.splitlines()))


def check_code(project: Loaded) -> Verdict:
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
    return passed(f"made at {commit}; {', '.join(CODE_PATHS)} unchanged since")


def config_hash(config: dict[str, Any]) -> str:
    """A short sha256 of the config as canonical JSON (sorted keys, no spaces): equal configs,
    equal hashes, whatever order or layout the files wrote them in."""
    text = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def check_config(project: Loaded) -> Verdict:
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


def check_data(project: Loaded) -> Verdict:
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
