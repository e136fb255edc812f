"""What the model card and README say about this model, and what it is compared with.

evaluate.py is the same for every model this project could have been made with; what is this
model's own is here: the libraries it runs on, the card's paragraph on how it was made, its intended
use and limitations, the card's metadata (the checkpoint it was fine-tuned from), and the comparison
the README shows beside its results: a bag-of-n-grams baseline fitted on the same split (baseline.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .baseline import baseline_markdown, fit_baseline
from .kit.hub import hub_id
from .kit.reporting import write_json
from .predict import TextClassifier

LIBRARIES = ["torch", "transformers", "peft", "numpy", "scikit-learn", "safetensors", "pandas",
             "{{ cookiecutter.demo_ui }}", "huggingface_hub"]


def how_it_was_made(report: dict) -> str:
    """The model card's paragraph on the model and the command that trained it."""
    config = report["provenance"]["config"]
    method = (f"LoRA adapters of rank {config['lora_rank']} (Hu et al., 2022), merged into the weights"
              if config["lora"] else "every weight updated")
    return f"""\
The pre-trained encoder `{config['pretrained_model']}`, with a new classification head, fine-tuned
({method}) for {config['epochs']} epoch(s) on texts cut at {config['max_length']} tokens, by
`{report['provenance']['command']}`. The pre-trained weights are `{config['pretrained_model']}`'s from the
Hugging Face Hub (or the local folder named), under that checkpoint's own licence; see its model card."""


def intended_use(report: dict) -> str:
    """The model card's intended use: what it reads, and how far its explanations go."""
    return """\
A teaching and portfolio model: the sentiment of English movie reviews of a paragraph or more, with an
estimate of which words pushed each answer (integrated gradients, Sundararajan et al., 2017)."""


def limitations(report: dict) -> list[str]:
    """The model card's limitations of this model, before those every model of the project has."""
    max_length = report["provenance"]["config"]["max_length"]
    return [f"It reads the first {max_length} tokens (word pieces) of a text; the rest of a\n"
            "  long review is not read, and the demo says so.",
            "The word highlights are estimates of each word's share, not exact: their sum matches the score\n"
            "  difference only up to the error of a path integral taken in a few steps.",
            "It has only been fine-tuned on English film reviews; the pre-trained encoder brings the biases"
            " of\n  the web text it was pre-trained on."]


def card_metadata(report: dict) -> dict:
    """The model card's metadata that tell the Hub what the model is built with, and from what."""
    return {"library_name": "transformers",
            "base_model": hub_id(report["provenance"]["config"]["pretrained_model"]),
            "tags": ["text-classification", "sentiment-analysis", "transformers", "fine-tuned", "portfolio"]}


def model_figures(classifier: TextClassifier, figures: Path) -> dict[str, Path]:
    """Figures of this model's own: none beyond those every model has (its word highlights are there)."""
    return {}


def compare_with_baseline(report: dict, training: dict, train_texts: list[str], y_train: np.ndarray,
                          test_texts: list[str], y_test: np.ndarray, reports: Path) -> str:
    """The same split, a bag-of-n-grams model: what the transformer's accuracy and hours are measured
    against. Writes reports/baseline.json; returns the README's cost-and-gain table."""
    baseline = fit_baseline(train_texts, y_train, test_texts, y_test)
    write_json(reports / "baseline.json", baseline)
    return baseline_markdown(report, training, baseline)
