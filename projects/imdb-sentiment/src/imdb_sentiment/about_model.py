"""What the model card and README say about this model, and what it is compared with.

evaluate.py is the same for every model this project could have been made with; what is this
model's own is here: the libraries it runs on, the card's paragraph on how it was made, its intended
use and limitations, the card's metadata, the figures only it can draw, and the comparison the README
shows beside its results. The bag of n-grams is trained from scratch and is itself the simple model
others are measured against, so it adds no comparison; its weights can be read, so it adds a figure
of the n-grams that weigh most for each class.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .explain import strongest_ngrams
from .figures import strongest_ngrams_figure
from .predict import TextClassifier

LIBRARIES = ["torch", "numpy", "scikit-learn", "safetensors", "pandas",
             "gradio", "huggingface_hub"]


def how_it_was_made(report: dict) -> str:
    """The model card's paragraph on the model and the command that trained it."""
    return f"""\
A bag of word n-grams (up to {report['provenance']['config']['max_n']} words) with Naive Bayes feature
scaling (Wang & Manning, 2012), written as a PyTorch network and trained from scratch by
`{report['provenance']['command']}`."""


def intended_use(report: dict) -> str:
    """The model card's intended use: what it reads, and how far its explanations go."""
    return """\
A teaching and portfolio model: the sentiment of English movie reviews of a paragraph or more, and an
exact view of which words pushed each answer."""


def limitations(report: dict) -> list[str]:
    """The model card's limitations of this model, before those every model of the project has."""
    return ["It reads words and short phrases, not sentences: sarcasm, negation over long spans and\n"
            "  comparisons (\"better than the awful first film\") can fool it.",
            "It has only seen English film reviews; other languages or domains get a guess, with a warning\n"
            "  when few words are known."]


def card_metadata(report: dict) -> dict:
    """The model card's metadata that tell the Hub what the model is built with."""
    return {"library_name": "pytorch",
            "tags": ["text-classification", "sentiment-analysis", "pytorch", "portfolio"]}


def model_figures(classifier: TextClassifier, figures: Path) -> dict[str, Path]:
    """Figures of this model's own: the n-grams that weigh most for each of the first four classes."""
    names = classifier.class_names
    return {"strongest_ngrams": strongest_ngrams_figure(
        {name: strongest_ngrams(classifier.model, classifier.vocabulary, c)
         for c, name in enumerate(names[:4])},
        figures / "strongest_ngrams.png")}


def compare_with_baseline(report: dict, training: dict, train_texts: list[str], y_train: np.ndarray,
                          test_texts: list[str], y_test: np.ndarray, reports: Path) -> str:
    """The README's markdown beside the results: none, this model is the simple one."""
    return ""
