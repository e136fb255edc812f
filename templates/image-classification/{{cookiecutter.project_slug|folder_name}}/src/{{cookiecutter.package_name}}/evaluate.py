"""Evaluate the trained model on the held-out test split and write every report.

    python -m {{ cookiecutter.package_name }}.evaluate

Reads models/ and reports/training.json; writes reports/metrics.json (metrics
and provenance), reports/figures/*.png, examples/*.png for the demo,
MODEL_CARD.md, and the results section of README.md. What the card and README say about
this particular model, and what it is compared with, is in about_model.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import yaml
from huggingface_hub import ModelCardData
from PIL import Image

from . import about_model
from .classification_figures import confusion_matrix_figure, training_curves_figure
from .data import DataError, data_splits
from .explain import saliency_maps
from .figures import misclassified_figure, saliency_figure
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
from .model import load_model
from .splits import describe_split
from .train import Config


@dataclass
class EvalConfig:
    """Where evaluation reads and writes. What was trained, and on which data, comes from
    reports/training.json, so evaluation always measures the run that training made."""

    model_dir: str = "models"
    """folder with model.safetensors and config.json"""
    reports_dir: str = "reports"
    """folder with training.json; metrics.json and figures/ go here"""
    examples_dir: str = "examples"
    """where a few test images are saved for the demo"""
    readme: str = README_FILE
    """README whose results section is re-rendered"""
    model_card: str = MODEL_CARD_FILE
    """model card to write"""
    command: str = ""
    """the command that reproduces this run, for the reports; empty: the one training recorded"""


def save_examples(images: np.ndarray, labels: np.ndarray, class_names: list[str], folder: Path) -> None:
    """One test image per class, enlarged, as examples for the demo."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for label, name in enumerate(class_names[:10]):
        index = np.flatnonzero(labels == label)[0]
        pixels = (images[index, 0] * 255).astype(np.uint8)
        Image.fromarray(pixels).resize((112, 112), Image.NEAREST).save(folder / f"{label:02d}_{name}.png")


def model_card_body(report: dict, card: dict) -> str:
    m, data = report["metrics"], report["data"]
    model_limitations = "".join(f"\n- {line}" for line in about_model.limitations(report))
    return f"""
# {card['title']}

{card['summary']}

{about_model.how_it_was_made(report)}

## Results

Test split of {data['name']}: {data['sizes']['test']:,} images, {data['split']}.
Accuracy {percent(m['accuracy'])}, macro F1 {percent(m['macro_f1'])}. Every number here is read
from `reports/metrics.json`, which the evaluation step writes.

## Intended use

A teaching and portfolio model: reading single, centred handwritten digits like those of
the UCI set, or small grey-scale images of an image-folder data set it was retrained on.

## Limitations

- Trained on {data['sizes']['train']:,} 8x8 digits written by a few dozen people in the 1990s:
  it has not seen other scripts, styles, colours or pictures of anything else, and it will
  still answer with a digit for them.
- The test split is small: one error moves accuracy by about {percent(1 / data['sizes']['test'])}.
- Confidence scores are not calibrated probabilities.{model_limitations}

## Bias, risks and ethics

The writers of the data set are not a sample of any population, so accuracy may differ for
other handwriting styles (age, schooling, left-handedness). Do not use it to make decisions
about people, for example to grade or to verify forms, without testing it on their data.

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
                         pipeline_tag="image-classification", **about_model.card_metadata(report),
                         metrics=["accuracy", "f1"], eval_results=eval_results(report))
    write_model_card(path, data, model_card_body(report, card))


def evaluate(cfg: EvalConfig) -> dict:
    """Test-split metrics, figures and reports; returns what went into metrics.json."""
    reports, figures = Path(cfg.reports_dir), Path(cfg.reports_dir) / Path(FIGURES_DIR).name
    training = read_json(reports / "training.json")
    trained = config_from(Config, training["config"], f"{reports / 'training.json'} (config)")
    model, model_config = load_model(Path(cfg.model_dir))

    # Rebuild exactly the split training used, and check the data did not change since.
    data, parts = data_splits(trained)
    if checksum(data.images, data.labels) != training["data"]["checksum"]:
        raise DataError(f"{trained.data}: the data differ from those the model was trained on; "
                        "run `make train` again")
    images, test = data.images, parts["test"]
    x, y = torch.from_numpy(images[test]), data.labels[test]
    with torch.no_grad():
        predictions = model(x).argmax(1).numpy()

    scores = classification_metrics(y, predictions, model_config.class_names, data.labels[parts["train"]])
    show = np.arange(min(8, len(x)))
    maps = saliency_maps(model, x[show], torch.from_numpy(predictions[show])).numpy()
    paths = {
        "confusion_matrix": confusion_matrix_figure(y, predictions, model_config.class_names,
                                                    figures / "confusion_matrix.png"),
        "training_curves": training_curves_figure(training["history"], figures / "training_curves.png"),
        "misclassified": misclassified_figure(images[test][:, 0], y, predictions,
                                              model_config.class_names, figures / "misclassified.png"),
        "saliency": saliency_figure(images[test][show, 0], maps,
                                    [f"said {model_config.class_names[p]}" for p in predictions[show]],
                                    figures / "saliency.png"),
    }
    save_examples(images[test], y, model_config.class_names, Path(cfg.examples_dir))

    split = describe_split(trained.val_fraction, trained.test_fraction, trained.split_seed)
    report = build_report(task="image-classification", scores=scores, cfg=trained, training=training,
                          figures=paths, command=cfg.command, libraries=about_model.LIBRARIES, split=split)
    # What this model is measured against, beside its results: a baseline on the same split, or none.
    comparison = about_model.compare_with_baseline(report, training, images, data.labels, parts,
                                                   reports, Path(cfg.model_dir))
    publish(report, reports, Path(cfg.readme), comparison)
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
