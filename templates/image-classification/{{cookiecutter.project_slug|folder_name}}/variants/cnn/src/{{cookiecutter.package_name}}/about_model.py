"""What the model card and README say about this model, and what it is compared with.

evaluate.py is the same for every model this project could have been made with; what is this
model's own is here: the libraries it runs on, the card's paragraph on how it was made, its own
limitations, the card's metadata, and the comparison the README shows beside its results. This
small CNN is trained from scratch: it is the from-scratch baseline itself, so it adds no comparison.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .data import ImageData

LIBRARIES = ["torch", "numpy", "scikit-learn", "safetensors", "{{ cookiecutter.demo_ui }}", "huggingface_hub"]


def how_it_was_made(report: dict) -> str:
    """The model card's paragraph on the model and the command that trained it."""
    config = report["provenance"]["config"]
    stages = ", ".join(f"{depth}x{width}"
                       for width, depth in zip(config["widths"], config["depths"], strict=True))
    return f"""\
A VGG-style convolutional network (stages of 3x3 conv-BN-ReLU blocks, {stages} channels, 2x2 max-pooling
between stages, global average pooling and a linear head) written in plain PyTorch and trained from
scratch by `{report['provenance']['command']}`."""


def limitations(report: dict) -> list[str]:
    """The model card's limitations of this model, beyond those every model of the project has."""
    return []


def card_metadata(report: dict) -> dict:
    """The model card's metadata that tell the Hub what the model is built with."""
    return {"library_name": "pytorch", "tags": ["image-classification", "cnn", "pytorch", "portfolio"]}


def compare_with_baseline(report: dict, training: dict, data: ImageData, parts: dict[str, np.ndarray],
                          reports: Path, model_dir: Path) -> str:
    """The README's markdown beside the results: none, this network is the simple model."""
    return ""
