"""Evaluate the trained generator against held-out real images and write every report.

    python -m fashion_gan.evaluate

Reads models/ and reports/training.json + progress.npz; writes reports/metrics.json (metrics and
provenance), reports/figures/*, MODEL_CARD.md and the results section of README.md.
Downloads nothing: the judge of the samples is a classifier trained here (fcd_classifier.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import yaml
from huggingface_hub import ModelCardData

from .classification_figures import confusion_matrix_figure
from .data import DataError, ImageData, data_splits
from .fcd_classifier import features, predict, train_evaluator
from .fidelity import fcd_protocol, mean_nearest_distance, precision_recall, stratified_halves
from .figures import image_rows, loss_curves_figure, progress_gif
from .kit.config import ConfigError, config_from, load_config
from .kit.reporting import (
    CARD_FILE,
    FIGURES_DIR,
    MODEL_CARD_FILE,
    README_FILE,
    build_report,
    eval_results,
    format_metric,
    publish,
    read_json,
    write_model_card,
)
from .model import Generator, ModelConfig, load_generator
from .splits import describe_split
from .train import PROGRESS_FILE, Config

LIBRARIES = ["torch", "numpy", "scikit-learn", "safetensors", "onnxruntime", "gradio", "huggingface_hub"]
PER_CLASS = 100  # generated images per class for the class accuracy
NEAREST = 2000  # generated and real test images whose nearest training image is looked for


@dataclass
class EvalConfig:
    """Where evaluation reads and writes. What was trained, and on which data, comes from
    reports/training.json, so evaluation always measures the run that training made."""

    model_dir: str = "models"
    """folder with generator.safetensors and config.json"""
    reports_dir: str = "reports"
    """folder with training.json; metrics.json and figures/ go here"""
    splits: int = 10
    """stratified A/B splits of the test images the FCDs are averaged over"""
    readme: str = README_FILE
    """README whose results section is re-rendered"""
    model_card: str = MODEL_CARD_FILE
    """model card to write"""
    command: str = ""
    """the command that reproduces this run, for the reports; empty: the one training recorded"""


@torch.no_grad()
def generate(generator: Generator, labels: np.ndarray, seed: int) -> np.ndarray:
    """Images of the given classes from seeded noise, (N, C, H, W) float32 in [0, 1], a thousand
    at a time."""
    noise = torch.Generator().manual_seed(seed)
    z = torch.randn(len(labels), generator.latent_dim, generator=noise)
    labels = torch.as_tensor(labels, dtype=torch.long)
    return np.concatenate([generator(z[i: i + 1000], labels[i: i + 1000]).numpy()
                           for i in range(0, len(labels), 1000)])


def trivial_sampler(images: np.ndarray, labels: np.ndarray):
    """The baseline that gives the FCD a scale: each pixel drawn on its own, with its class's mean
    and standard deviation over the training images. It knows every class's average shape and
    nothing of how pixels go together."""
    classes = np.unique(labels)
    mean = np.stack([images[labels == c].mean(0) for c in classes])
    std = np.stack([images[labels == c].std(0) for c in classes])

    def sample(wanted: np.ndarray, seed: int) -> np.ndarray:
        noise = np.random.default_rng(seed).standard_normal((len(wanted), *images.shape[1:]))
        return np.clip(mean[wanted] + std[wanted] * noise, 0, 1).astype(np.float32)
    return sample


def summarise(scores: dict[str, list[float]]) -> dict[str, float]:
    """Mean and standard deviation over the splits, and each mean's ratio to the real floor."""
    floor = float(np.mean(scores["floor"]))
    out = {"fcd": float(np.mean(scores["generated"])), "fcd_std": float(np.std(scores["generated"])),
           "fcd_floor": floor, "fcd_floor_std": float(np.std(scores["floor"])),
           "fcd_trivial": float(np.mean(scores["trivial"])),
           "fcd_trivial_std": float(np.std(scores["trivial"]))}
    out["fcd_ratio"] = out["fcd"] / floor
    out["fcd_trivial_ratio"] = out["fcd_trivial"] / floor
    return out


def measure(generator: Generator, data: ImageData, parts: dict, splits: int,
            seed: int) -> tuple[dict[str, float], np.ndarray]:
    """Every number of the report. Returns the metrics, and the class each generated image was
    asked for beside the class the evaluator read (for the confusion matrix)."""
    train_images, train_labels = data.floats(parts["train"]), data.labels[parts["train"]]
    test_images, test_labels = data.floats(parts["test"]), data.labels[parts["test"]]
    num_classes = len(data.class_names)
    evaluator = train_evaluator(train_images, train_labels, num_classes, seed=seed)
    embed = lambda batch: features(evaluator, batch)  # noqa: E731
    samplers = {"generated": lambda wanted, s: generate(generator, wanted, 1000 + s),
                "trivial": trivial_sampler(train_images, train_labels)}
    metrics = summarise(fcd_protocol(embed, test_images, test_labels, samplers, splits))

    asked = np.repeat(np.arange(num_classes), PER_CLASS)
    read = predict(evaluator, generate(generator, asked, seed=0))
    # Precision, recall and copying on one stratified half of the test images (5,000 of
    # Fashion-MNIST's 10,000: the k-NN balls compare every pair, so the cost grows as its square).
    half, _ = stratified_halves(test_labels, seed=0)
    real, like_real = test_images[half], generate(generator, test_labels[half], seed=1)
    precision, recall = precision_recall(embed(real), embed(like_real), k=3)
    metrics |= {
        "class_accuracy": float((read == asked).mean()),
        "precision": precision, "recall": recall,
        "evaluator_accuracy": float((predict(evaluator, test_images) == test_labels).mean()),
        "nn_distance_generated": mean_nearest_distance(like_real[:NEAREST], train_images),
        "nn_distance_real": mean_nearest_distance(real[:NEAREST], train_images),
    }
    return metrics, np.stack([asked, read])


def draw_figures(generator: Generator, class_names: list[str], training: dict, asked_read: np.ndarray,
                 reports: Path, figures: Path) -> dict[str, Path]:
    """Samples per class, an interpolation, the fixed latents through training, curves, confusion."""
    rows = len(class_names)
    grid = generate(generator, np.repeat(np.arange(rows), 10), seed=2)
    grid = grid.reshape(rows, 10, *grid.shape[1:])
    progress = np.load(reports / PROGRESS_FILE, allow_pickle=False)
    return {
        "samples": image_rows(grid, class_names, figures / "samples.png",
                              "Generated: ten samples of each class (EMA generator)"),
        "interpolation": image_rows(interpolate(generator, rows, steps=10), class_names,
                                    figures / "interpolation.png",
                                    "Walking the latent space from one noise vector to another, per class"),
        "progress": progress_gif(progress["images"], columns=4, path=figures / "progress.gif"),
        "losses": loss_curves_figure(training["history"], figures / "losses.png"),
        "confusion_matrix": confusion_matrix_figure(asked_read[0], asked_read[1], class_names,
                                                    figures / "confusion_matrix.png"),
    }


@torch.no_grad()
def interpolate(generator: Generator, classes: int, steps: int, seed: int = 3) -> np.ndarray:
    """For each class, images along the straight line between two noise vectors, (classes, steps, C, H, W)."""
    noise = torch.Generator().manual_seed(seed)
    ends = torch.randn(2, generator.latent_dim, generator=noise)
    t = torch.linspace(0, 1, steps)[:, None]
    z = ((1 - t) * ends[0] + t * ends[1]).repeat(classes, 1)  # (classes * steps, latent)
    labels = torch.arange(classes).repeat_interleave(steps)
    images = generator(z, labels).numpy()
    return images.reshape(classes, steps, *images.shape[1:])


def results_note(m: dict[str, float], splits: int) -> str:
    """The README's reading of the numbers: what the FCD is measured against."""
    return (f"FCD is the Fréchet distance in the evaluator's feature space, mean ± std over {splits} "
            f"stratified splits of the test images: generated {m['fcd']:.3g} ± {m['fcd_std']:.2g}, "
            f"real against real {m['fcd_floor']:.3g} ± {m['fcd_floor_std']:.2g} (the floor), "
            f"the trivial generator {m['fcd_trivial']:.3g} ± {m['fcd_trivial_std']:.2g}. "
            f"The generator sits at {m['fcd_ratio']:.2f}x the floor, the trivial one at "
            f"{m['fcd_trivial_ratio']:.1f}x. The evaluator reads held-out real images with "
            f"{format_metric('evaluator_accuracy', m['evaluator_accuracy'])} accuracy and the generated "
            f"ones as the class asked for {format_metric('class_accuracy', m['class_accuracy'])} "
            "of the time. "
            f"Generated images are {m['nn_distance_generated']:.3g} from their nearest training image "
            f"(pixels), unseen real ones {m['nn_distance_real']:.3g}; a generator that copied its "
            "training images would sit far closer than the unseen ones.")


def model_card_body(report: dict, card: dict, side: int, channels: int) -> str:
    m, data, prov = report["metrics"], report["data"], report["provenance"]
    return f"""
# {card['title']}

{card['summary']}

A class-conditional DCGAN written in plain PyTorch and trained from scratch by `{prov['command']}`:
a generator of {side}x{side} {"grey" if channels == 1 else "colour"} images from noise
and a class label, trained against a projection discriminator with spectral norm and the hinge
loss. The weights here are an exponential moving average of the generator's.

## Results

Against the {data['sizes']['test']:,} test images of {data['name']} ({data['split']}), in the
feature space of a classifier trained on the training split only (its test accuracy:
{format_metric('evaluator_accuracy', m['evaluator_accuracy'])}):

- FCD {m['fcd']:.3g}, {m['fcd_ratio']:.2f}x the real-against-real floor ({m['fcd_floor']:.3g}); a
  trivial per-pixel generator scores {m['fcd_trivial_ratio']:.1f}x.
- The evaluator reads {format_metric('class_accuracy', m['class_accuracy'])} of generated images as the
  class asked for.
- Precision {format_metric('precision', m['precision'])}, recall {format_metric('recall', m['recall'])}
  (k-NN manifolds, k = 3).

Every number is read from `reports/metrics.json`, which the evaluation step writes.

## Intended use

A teaching and portfolio model: drawing new pictures of a chosen class, for demonstrations of
how GANs learn. The samples are {side}x{side} pixels, like the data set.

## Limitations

- It can only draw what {data['sizes']['train']:,} training images showed it; rare styles,
  patterns and textures come out rarer still or not at all (a GAN favours the common modes).
- FCD is measured by our own small classifier, not Inception: compare it with the floor and the
  trivial generator beside it, not with published FID numbers.
- One FCD on a sample is noisy, so the report gives a mean and spread over several stratified
  splits of the test images, each half against the other for the floor.

## Bias, risks and ethics

Generated pictures can be passed off as real ones; at {side}x{side} pixels these are too small
to deceive, but the same method at higher resolution is how fake product photos and synthetic
identities are made. Label synthetic images as synthetic, and do not train a generator on
people's faces, bodies or work without their consent.

## How to reproduce

```
make install
{prov['command']}
```
"""


def write_card(report: dict, path: Path, model_config: ModelConfig,
               portfolio: Path = Path(CARD_FILE)) -> None:
    """MODEL_CARD.md: metadata with a model-index the Hub displays, and the story."""
    card = yaml.safe_load(portfolio.read_text(encoding="utf-8"))
    data = ModelCardData(model_name="fashion-gan",
                         license="mit",
                         library_name="pytorch",
                         tags=["gan", "image-generation", "conditional-gan", "pytorch", "portfolio"],
                         eval_results=eval_results(report, task_type="image-generation"))
    body = model_card_body(report, card, model_config.image_size, model_config.channels)
    write_model_card(path, data, body)


def evaluate(cfg: EvalConfig) -> dict:
    """Metrics, figures and reports; returns what went into metrics.json."""
    reports, figures = Path(cfg.reports_dir), Path(cfg.reports_dir) / Path(FIGURES_DIR).name
    training = read_json(reports / "training.json")
    trained = config_from(Config, training["config"], f"{reports / 'training.json'} (config)")
    generator, model_config = load_generator(Path(cfg.model_dir))

    # Rebuild exactly the split training used, and check the data did not change since.
    data, parts = data_splits(trained)
    if data.checksum() != training["data"]["checksum"]:
        raise DataError(f"{trained.data}: the data differ from those the model was trained on; "
                        "run `make train` again")
    metrics, asked_read = measure(generator, data, parts, cfg.splits, trained.seed)
    paths = draw_figures(generator, model_config.class_names, training, asked_read, reports, figures)
    split = describe_split(trained.val_fraction, trained.test_fraction, trained.split_seed)
    report = build_report(task="gan", scores={"metrics": metrics}, cfg=trained, training=training,
                          figures=paths, command=cfg.command, libraries=LIBRARIES, split=split)
    publish(report, reports, Path(cfg.readme), results_note(metrics, cfg.splits),
            measured_on="against the test split")
    write_card(report, Path(cfg.model_card), model_config)
    return report


def main(argv: list[str] | None = None) -> None:
    try:
        report = evaluate(load_config(EvalConfig, argv, description=__doc__))
    except (ConfigError, DataError, FileNotFoundError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None
    m = report["metrics"]
    print(f"evaluator accuracy on real test images {m['evaluator_accuracy']:.4f}; "
          f"FCD {m['fcd']:.3f} ± {m['fcd_std']:.3f} = {m['fcd_ratio']:.2f}x the real floor "
          f"{m['fcd_floor']:.3f} (trivial generator {m['fcd_trivial_ratio']:.1f}x); "
          f"class accuracy {m['class_accuracy']:.4f}, precision {m['precision']:.3f}, "
          f"recall {m['recall']:.3f}; wrote reports/metrics.json, figures, MODEL_CARD.md and the README")


if __name__ == "__main__":
    main()
