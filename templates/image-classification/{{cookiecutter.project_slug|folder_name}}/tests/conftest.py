"""Shared fixtures: tiny data and a tiny trained model, all made offline in a temp folder."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from {{ cookiecutter.package_name }} import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


{% if cookiecutter.model == "pretrained" -%}
@pytest.fixture(scope="session")
def tiny_backbone(tmp_path_factory) -> Path:
    """A tiny, randomly initialised ResNet and its image processor, saved as a Hub checkpoint is
    (backbone only, no head): what the tests name as `pretrained_model`, so nothing is downloaded."""
    import torch
    from transformers import ConvNextImageProcessor, ResNetConfig, ResNetModel

    torch.manual_seed(0)
    backbone = ResNetModel(ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1],
                                        layer_type="basic"))
    path = tmp_path_factory.mktemp("tiny-backbone")
    backbone.save_pretrained(path)
    ConvNextImageProcessor(image_mean=[0.5, 0.4, 0.3], image_std=[0.2, 0.25, 0.3]).save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def trained(tmp_path_factory, tiny_backbone) -> Path:
    """A project copy with the tiny backbone fine-tuned for a few epochs on 400 digits (seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml"):  # what evaluation reads besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "12", "--pretrained-model", str(tiny_backbone),
                "--backbone-size", "32", "--lr", "1e-2", "--backbone-lr", "1e-2", "--no-augment",
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
{%- else -%}
@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with a model trained for a few epochs on 400 digits (a few seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml"):  # what evaluation reads besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "4",
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
{%- endif %}
