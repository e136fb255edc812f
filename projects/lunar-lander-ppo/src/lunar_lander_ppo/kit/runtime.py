# Rendered from templates/_shared/include/shared/python/kit/runtime.py: edit it there, not here.
"""Run-time plumbing every script shares: seeds, device, and where a number came from."""

from __future__ import annotations

import hashlib
import os
import platform
import random
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and PyTorch so a run can be repeated."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pick_device(name: str = "auto") -> torch.device:
    """'auto' takes a CUDA GPU when one is present, else the CPU."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)


def hardware(device: torch.device) -> str:
    """A short description of the machine, for the results table."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores"


def library_versions(names: list[str]) -> dict[str, str]:
    """Installed versions of the given distributions (and Python's)."""
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


# What makes the numbers: the code, the configs and the dependencies. A change anywhere else (the
# run's own outputs, the README's story, the card, the demo, the tests) does not change a number,
# so it does not make a run "dirty". The portfolio's `showcase check` compares the same paths.
CODE_PATHS = ("src", "configs", "pyproject.toml")


def git_state(path: Path) -> tuple[str | None, bool]:
    """(commit, dirty) of the git checkout holding `path`; (None, False) outside git.

    Dirty means CODE_PATHS differ from the commit (changed, or new files not yet committed).
    """
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True,
                              check=True, timeout=10).stdout.strip()
    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        dirty = bool(git("status", "--porcelain", "--", *CODE_PATHS))
    except (OSError, subprocess.SubprocessError):
        return None, False
    return commit, dirty


def checksum(*parts: np.ndarray | list[str]) -> str:
    """sha256 of the data as loaded (arrays, or lists of texts): equal checksums mean
    the same examples and labels in the same order."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, np.ndarray):
            digest.update(str(part.dtype).encode() + str(part.shape).encode())
            digest.update(np.ascontiguousarray(part).tobytes())
        else:
            for text in part:
                digest.update(text.encode("utf-8") + b"\0")
    return "sha256:" + digest.hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
