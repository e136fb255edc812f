"""Shared fixtures: a tiny trained generator, made offline in a temp folder."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fashion_gan import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


# Rendered from templates/_shared/include/shared/tests/tracked_runs.py: edit it there, not here.
@pytest.fixture(scope="session", autouse=True)
def tracked_runs(tmp_path_factory) -> Path:
    """Where the experiment tracker writes during the tests: a scratch folder, not the project's
    runs/ (kit/tracking.py). trackio reads TRACKIO_DIR once, when a test first imports it."""
    folder = tmp_path_factory.mktemp("tracked-runs")
    os.environ["TRACKIO_DIR"] = str(folder)
    return folder


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
