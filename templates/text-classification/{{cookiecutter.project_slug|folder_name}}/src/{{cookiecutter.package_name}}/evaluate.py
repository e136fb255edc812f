"""Evaluate the trained model on the held-out test split and write every report.

    python -m {{ cookiecutter.package_name }}.evaluate

Reads models/ and reports/training.json; writes reports/metrics.json (metrics and
provenance), reports/figures/*.png, MODEL_CARD.md, and the results section of
README.md, including the test reviews the model got most confidently wrong. What the card and
README say about this particular model, and what it is compared with, is in about_model.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from huggingface_hub import ModelCardData

from . import about_model
from .classification_figures import confusion_matrix_figure, training_curves_figure
from .data import DataError, data_splits
from .figures import attribution_figure, excerpt
from .kit.config import ConfigError, config_from, load_config
from .kit.reporting import (
    CARD_FILE,
    FIGURES_DIR,
    MODEL_CARD_FILE,
    README_FILE,
    build_report,
    eval_results,
    percent,
    publish,
    read_json,
    write_model_card,
)
from .kit.runtime import checksum
from .metrics import classification_metrics
from .predict import TextClassifier
from .splits import describe_split
from .train import Config


@dataclass
class EvalConfig:
    """Where evaluation reads and writes. What was trained, and on which data, comes from
    reports/training.json, so evaluation always measures the run that training made."""

    model_dir: str = "models"
    """folder with the weights, vocabulary and config.json"""
    reports_dir: str = "reports"
    """folder with training.json; metrics.json and figures/ go here"""
    readme: str = README_FILE
    """README whose results section is re-rendered"""
    model_card: str = MODEL_CARD_FILE
    """model card to write"""
    command: str = ""
    """the command that reproduces this run, for the reports; empty: the one training recorded"""


def confident_errors_markdown(texts: list[str], y: np.ndarray, probabilities: np.ndarray,
                              class_names: list[str], count: int = 5) -> str:
    """The test texts the model got wrong with the most confidence, as a Markdown table."""
    predictions = probabilities.argmax(1)
    wrong = np.flatnonzero(predictions != y)
    worst = wrong[np.argsort(-probabilities[wrong, predictions[wrong]])][:count]
    rows = [f"| {class_names[y[i]]} | {class_names[predictions[i]]} | {percent(probabilities[i].max())} | "
            f"{escape_cell(excerpt(texts[i]))} |" for i in worst]
    return "\n".join(["#### Most confident errors", "",
                      "| true | predicted | confidence | text (start) |", "|---|---|---|---|", *rows])


def explained_examples(classifier: TextClassifier, texts: list[str], y: np.ndarray, probabilities: np.ndarray,
                       names: list[str]) -> list[tuple[str, list[str], np.ndarray]]:
    """The surest right answer for each of the first two classes, and the surest wrong one,
    each with its words' contributions to the prediction."""
    predictions, confidence = probabilities.argmax(1), probabilities.max(1)
    groups = {f"right, {names[c]}": (predictions == y) & (y == c) for c in range(min(2, len(names)))}
    groups["wrong"] = predictions != y
    examples = []
    for kind, mask in groups.items():
        if mask.any():
            i = np.flatnonzero(mask)[np.argmax(confidence[mask])]
            title = (f"{kind}: true {names[y[i]]}, predicted {names[predictions[i]]} "
                     f"({percent(confidence[i])})")
            explanation = classifier.explain(texts[i], int(predictions[i]))
            examples.append((title, explanation.words, np.asarray(explanation.scores)))
    return examples


def escape_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def model_card_body(report: dict, card: dict) -> str:
    m, data = report["metrics"], report["data"]
    model_limitations = "".join(f"- {line}\n" for line in about_model.limitations(report))
    return f"""
# {card['title']}

{card['summary']}

{about_model.how_it_was_made(report)}

## Results

Test split of {data['name']}: {data['sizes']['test']:,} texts, {data['split']}, after cleaning and
removing {data['removed_duplicates']:,} duplicate texts. Accuracy {percent(m['accuracy'])}, macro F1
{percent(m['macro_f1'])}. Every number here is read from `reports/metrics.json`, which the evaluation
step writes.

## Intended use

{about_model.intended_use(report)}

## Limitations

{model_limitations}- Confidence scores are not calibrated probabilities.

## Bias, risks and ethics

The reviews come from IMDB users, not a sample of any population; words tied to groups of people
can carry the sentiment of the reviews they appeared in. Do not use it to judge people or their
writing, and check its errors on your own data before relying on it.

## How to reproduce

```
make install
{report['provenance']['command']}
```
"""


def write_card(report: dict, path: Path, portfolio: Path = Path(CARD_FILE)) -> None:
    """MODEL_CARD.md: metadata with a model-index the Hub displays, and the story."""
    card = yaml.safe_load(portfolio.read_text(encoding="utf-8"))
    data = ModelCardData(model_name={{ cookiecutter.project_slug | quoted }},
                         license={{ cookiecutter.license | lower | quoted }},
                         pipeline_tag="text-classification", language="en",
                         **about_model.card_metadata(report),
                         metrics=["accuracy", "f1"], eval_results=eval_results(report))
    write_model_card(path, data, model_card_body(report, card))


def evaluate(cfg: EvalConfig) -> dict:
    """Test-split metrics, figures and reports; returns what went into metrics.json."""
    reports, figures = Path(cfg.reports_dir), Path(cfg.reports_dir) / Path(FIGURES_DIR).name
    training = read_json(reports / "training.json")
    trained = config_from(Config, training["config"], f"{reports / 'training.json'} (config)")
    classifier = TextClassifier(cfg.model_dir)
    names = classifier.class_names

    # Rebuild exactly the split training used, and check the data did not change since.
    data, parts = data_splits(trained)
    if checksum(data.texts, data.labels) != training["data"]["checksum"]:
        raise DataError(f"{trained.data}: the data differ from those the model was trained on; "
                        "run `make train` again")
    test_texts, y = [data.texts[i] for i in parts["test"]], data.labels[parts["test"]]
    probabilities = classifier.probabilities(test_texts)
    predictions = probabilities.argmax(1)
    scores = classification_metrics(y, predictions, names, data.labels[parts["train"]])

    examples = explained_examples(classifier, test_texts, y, probabilities, names)
    paths = {
        "confusion_matrix": confusion_matrix_figure(y, predictions, names, figures / "confusion_matrix.png"),
        "training_curves": training_curves_figure(training["history"], figures / "training_curves.png"),
        "word_attributions": attribution_figure(examples, figures / "word_attributions.png"),
        **about_model.model_figures(classifier, figures),
    }

    split = describe_split(trained.val_fraction, trained.test_fraction, trained.split_seed)
    report = build_report(task="text-classification", scores=scores, cfg=trained, training=training,
                          figures=paths, command=cfg.command, libraries=about_model.LIBRARIES, split=split)
    errors = confident_errors_markdown(test_texts, y, probabilities, names)
    # What this model is measured against, beside its results: a baseline on the same split, or none.
    train_texts = [data.texts[i] for i in parts["train"]]
    comparison = about_model.compare_with_baseline(report, training, train_texts,
                                                   data.labels[parts["train"]], test_texts, y, reports)
    publish(report, reports, Path(cfg.readme), "\n\n".join(filter(None, [comparison, errors])))
    write_card(report, Path(cfg.model_card))
    return report


def main(argv: list[str] | None = None) -> None:
    try:
        report = evaluate(load_config(EvalConfig, argv, description=__doc__))
    except (ConfigError, DataError, FileNotFoundError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None
    m = report["metrics"]
    print(f"test accuracy {m['accuracy']:.4f}, macro F1 {m['macro_f1']:.4f}; "
          "wrote reports/metrics.json, figures, MODEL_CARD.md and the README results")


if __name__ == "__main__":
    main()
