"""What the model card and README say about this model, and what it is compared with.

evaluate.py is the same for every model this project could have been made with; what is this
model's own is here: the libraries it runs on, the card's paragraph on how it was made, its own
limitations, the card's metadata (the checkpoint it was fine-tuned from), and the comparison the
README shows beside its results: a baseline fitted on the same split (baseline.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .artefacts import ONNX_MODEL
from .baseline import baseline_markdown, fit_baseline
from .data import ImageData
from .kit.hub import hub_id
from .kit.reporting import write_json

LIBRARIES = ["torch", "transformers", "numpy", "scikit-learn", "safetensors", "{{ cookiecutter.demo_ui }}", "huggingface_hub"]


def how_it_was_made(report: dict) -> str:
    """The model card's paragraph on the model and the command that trained it."""
    return f"""\
The pre-trained backbone `{report['provenance']['config']['pretrained_model']}`, with a new head for these
classes, fine-tuned in plain PyTorch at {report['provenance']['config']['backbone_size']} px by
`{report['provenance']['command']}`. The pre-trained weights are that checkpoint's, from the Hugging Face
Hub (or the local folder named), under its own licence; see its model card."""


def limitations(report: dict) -> list[str]:
    """The model card's limitations of this model, beyond those every model of the project has."""
    return ["The backbone was pre-trained on ImageNet photos: it brings that data set's view of the world,\n"
            "  and its features were made for colour photos larger than these images."]


def card_metadata(report: dict) -> dict:
    """The model card's metadata that tell the Hub what the model is built with, and from what."""
    return {"library_name": "pytorch",
            "base_model": hub_id(report["provenance"]["config"]["pretrained_model"]),
            "tags": ["image-classification", "transfer-learning", "transformers", "pytorch", "portfolio"]}


def compare_with_baseline(report: dict, training: dict, data: ImageData, parts: dict[str, np.ndarray],
                          reports: Path, model_dir: Path) -> str:
    """The same split, no deep learning: what the backbone's accuracy and minutes are measured
    against. Writes reports/baseline.json; returns the README's cost-and-gain table."""
    baseline = fit_baseline(data, parts)
    write_json(reports / "baseline.json", baseline)
    return baseline_markdown(report, training, baseline, model_dir / ONNX_MODEL)
