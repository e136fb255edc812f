"""Shared fixtures: a tiny trained generator, made offline in a temp folder."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fashion_gan import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with a generator trained for a few epochs on 400 digits (seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml", "schemas/contract.json"):  # what evaluation reads
        (root / name).parent.mkdir(parents=True, exist_ok=True)                # besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "4",
                # the built-in digits at their own size, whatever this project's data: offline, seconds
                "--data", "sklearn:digits", "--image-size", "0", "--width", "32", "--disc-width", "32",
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
