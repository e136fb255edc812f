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
from sklearn.metrics import confusion_matrix

from . import about_model
from .augment import augment, flips_allowed
from .classification_figures import confusion_matrix_figure, training_curves_figure
from .data import DataError, ImageData, as_floats, data_splits, loader
from .explain import saliency_maps
from .figures import (
    confused_figure,
    misclassified_figure,
    saliency_figure,
    shown,
    training_batch_figure,
)
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


def save_examples(levels: np.ndarray, labels: np.ndarray, class_names: list[str], folder: Path) -> None:
    """One test image per class (levels (N, C, H, W) uint8), enlarged, as examples for the demo."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    for label, name in enumerate(class_names[:10]):
        found = np.flatnonzero(labels == label)
        if len(found) == 0:
            continue
        image = Image.fromarray(shown(levels[found[0]]))
        scale = max(1, 112 // image.width)  # small images enlarged, pixel for pixel
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        image.resize((image.width * scale, image.height * scale), Image.NEAREST).save(
            folder / f"{label:02d}_{safe}.png")


def predict_batches(model: torch.nn.Module, data: ImageData, rows: np.ndarray) -> np.ndarray:
    """The model's class for each example at `rows`, a batch at a time (decoded per batch)."""
    with torch.no_grad():
        return np.concatenate([model(as_floats(levels)).argmax(1).numpy()
                               for levels, _ in loader(data, rows, 256)] or [np.zeros(0, np.int64)])


def first_training_batch(data: ImageData, parts: dict[str, np.ndarray], trained: Config) -> tuple:
    """The first batch training drew, augmented with the same seed: what the network saw first."""
    levels, labels = next(iter(loader(data, parts["train"], trained.batch_size, shuffle=True,
                                      seed=trained.seed, workers=0)))
    x = augment(as_floats(levels), trained, flips_allowed(trained.hflip, data.flips),
                torch.Generator().manual_seed(trained.seed))
    return x.clamp(0, 1).numpy(), labels.numpy()


def most_confused(y: np.ndarray, predictions: np.ndarray, class_names: list[str],
                  top: int = 3) -> list[tuple[int, int, int]]:
    """The `top` (true, said, count) pairs of classes the model mixes up most on the test split."""
    matrix = confusion_matrix(y, predictions, labels=range(len(class_names)))  # rows: true class
    np.fill_diagonal(matrix, 0)  # the mistakes alone
    order = np.argsort(-matrix, axis=None, kind="stable")[:top]
    return [(int(i), int(j), int(matrix[i, j])) for i, j in zip(*np.unravel_index(order, matrix.shape),
                                                               strict=True) if matrix[i, j] > 0]


def confusions_markdown(pairs: list[tuple[int, int, int]], y: np.ndarray, class_names: list[str]) -> str:
    """The README's table of the classes the model confuses most, read from this run (its test
    images are the figure `most_confused`)."""
    if not pairs:
        return "#### The classes it confuses most\n\nNone: every test image was read as its own class."
    rows = [f"| {class_names[i]} | {class_names[j]} | {count:,} | {count / max((y == i).sum(), 1):.1%} |"
            for i, j, count in pairs]
    return "\n".join(["#### The classes it confuses most", "",
                      "| true class | read as | test images | share of the true class |", "|---|---|---|---|",
                      *rows, "", "Examples of each are in the figure *most confused* above."])


def model_card_body(report: dict, card: dict, model_config) -> str:
    m, data = report["metrics"], report["data"]
    kind = "colour" if model_config.channels == 3 else "grey-scale"
    size = f"{model_config.image_size}x{model_config.image_size}"
    names = ", ".join(model_config.class_names[:10]) + (", ..." if model_config.num_classes > 10 else "")
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

A teaching and portfolio model: sorting {size} {kind} pictures like those of {data['name']} into its
{model_config.num_classes} classes ({names}).

## Limitations

- Trained on {data['sizes']['train']:,} images of {data['name']}: it has not seen other kinds of
  pictures, and it will still answer with one of its classes for them.
- One test error moves accuracy by {percent(1 / data['sizes']['test'])}.
- Confidence scores are not calibrated probabilities.{model_limitations}

## Bias, risks and ethics

The people and things in the data set are not a sample of any population, so accuracy may differ
on pictures taken elsewhere, by other people, of other things. Do not use it to make decisions
about people without testing it on their data.

## How to reproduce

```
make install
{report['provenance']['command']}
```
"""


def write_card(report: dict, path: Path, model_config, portfolio: Path = Path(CARD_FILE)) -> None:
    """MODEL_CARD.md: metadata with a model-index the Hub displays, and the story."""
    card = yaml.safe_load(portfolio.read_text(encoding="utf-8"))
    data = ModelCardData(model_name={{ cookiecutter.project_slug | quoted }},
                         license={{ cookiecutter.license | lower | quoted }},
                         pipeline_tag="image-classification", **about_model.card_metadata(report),
                         metrics=["accuracy", "f1"], eval_results=eval_results(report))
    write_model_card(path, data, model_card_body(report, card, model_config))


def evaluate(cfg: EvalConfig) -> dict:
    """Test-split metrics, figures and reports; returns what went into metrics.json."""
    reports, figures = Path(cfg.reports_dir), Path(cfg.reports_dir) / Path(FIGURES_DIR).name
    training = read_json(reports / "training.json")
    trained = config_from(Config, training["config"], f"{reports / 'training.json'} (config)")
    model, model_config = load_model(Path(cfg.model_dir))

    # Rebuild exactly the split training used, and check the data did not change since.
    data, parts = data_splits(trained)
    if data.checksum() != training["data"]["checksum"]:
        raise DataError(f"{trained.data}: the data differ from those the model was trained on; "
                        "run `make train` again")
    test, names = parts["test"], model_config.class_names
    y, predictions = data.labels[test], predict_batches(model, data, test)
    scores = classification_metrics(y, predictions, names, data.labels[parts["train"]])

    # Figures: what the network saw in training, what it got wrong and why it answered as it did.
    wrong = np.flatnonzero(y != predictions)
    show = np.arange(min(8, len(test)))
    x_show = torch.from_numpy(data.floats(test[show]))
    maps = saliency_maps(model, x_show, torch.from_numpy(predictions[show])).numpy()
    pairs = most_confused(y, predictions, names)
    confused = [(names[i], names[j], data.floats(test[(y == i) & (predictions == j)][:6]))
                for i, j, _ in pairs]
    batch, batch_labels = first_training_batch(data, parts, trained)
    paths = {
        "confusion_matrix": confusion_matrix_figure(y, predictions, names, figures / "confusion_matrix.png"),
        "training_curves": training_curves_figure(training["history"], figures / "training_curves.png"),
        "misclassified": misclassified_figure(data.floats(test[wrong[:24]]), y[wrong[:24]],
                                              predictions[wrong[:24]], names, figures / "misclassified.png",
                                              len(test)),
        "saliency": saliency_figure(x_show.numpy(), maps, [f"said {names[p]}" for p in predictions[show]],
                                    figures / "saliency.png"),
        "training_batch": training_batch_figure(batch, batch_labels, names, figures / "training_batch.png"),
    }
    if confused:
        paths["most_confused"] = confused_figure(confused, figures / "most_confused.png")
    examples = np.array([np.flatnonzero(y == label)[0] for label in np.unique(y)[:10]])
    save_examples(data.levels(test[examples]), y[examples], names, Path(cfg.examples_dir))

    split = describe_split(trained.val_fraction, trained.test_fraction, trained.split_seed,
                           own_test=data.own_test is not None)
    report = build_report(task="image-classification", scores=scores, cfg=trained, training=training,
                          figures=paths, command=cfg.command, libraries=about_model.LIBRARIES, split=split)
    confusions = confusions_markdown(pairs, y, names)
    # What this model is measured against, beside its results: a baseline on the same split, or none.
    comparison = about_model.compare_with_baseline(report, training, data, parts, reports,
                                                   Path(cfg.model_dir))
    publish(report, reports, Path(cfg.readme), "\n\n".join(filter(None, [confusions, comparison])))
    write_card(report, Path(cfg.model_card), model_config)
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
