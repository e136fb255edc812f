"""Shared fixtures: tiny data and a tiny trained model, all made offline in a temp folder."""

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import load_digits

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from digits_cnn import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def image_folder(tmp_path_factory) -> Path:
    """<root>/<class>/*.png with 12 real digits per class for three classes, 16x16 pixels."""
    root = tmp_path_factory.mktemp("folder")
    digits = load_digits()
    for label in (0, 1, 7):
        (root / f"digit{label}").mkdir()
        for i, index in enumerate(np.flatnonzero(digits.target == label)[:12]):
            pixels = (digits.images[index] * 255 / 16).astype(np.uint8)
            Image.fromarray(pixels).resize((16, 16)).save(root / f"digit{label}" / f"{i}.png")
    return root


@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with a model trained for a few epochs on 400 digits (a few seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml"):  # what evaluation reads besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "4",
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
