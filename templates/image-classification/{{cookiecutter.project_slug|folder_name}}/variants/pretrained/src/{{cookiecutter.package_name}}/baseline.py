"""The baseline the fine-tuned backbone has to beat, trained on the same split: what transfer learning
buys, and what it costs.

A logistic regression on the raw pixels (scikit-learn): no convolution, no pre-training, seconds on
a CPU. The evaluation step fits it on the training split, measures it on the test split, and puts
its accuracy, training time and throughput beside the backbone's in the README, all from this run.
(The template's other model, `model: cnn`, is the stronger from-scratch baseline; it is a project of
its own, so its numbers are in its own README.)
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

from .data import ImageData
from .kit.reporting import percent

NAME = "logistic regression on the pixels (scikit-learn)"
MAX_TRAIN = 10_000  # training images the baseline fits on, at most


def fit_baseline(data: ImageData, parts: dict[str, np.ndarray]) -> dict:
    """The baseline's test accuracy and macro F1, its size, and its training time and throughput
    (images/s), on the train and test parts the backbone used (at most MAX_TRAIN training images,
    drawn with the split's order: pixels of a large photo set would not fit in memory)."""
    train, test = parts["train"][:MAX_TRAIN], parts["test"]
    pixels = {name: data.floats(rows).reshape(len(rows), -1)  # (N, C * H * W)
              for name, rows in (("train", train), ("test", test))}
    model = LogisticRegression(max_iter=1000)
    started = time.perf_counter()
    model.fit(pixels["train"], data.labels[train])
    duration = time.perf_counter() - started
    predictions = model.predict(pixels["test"])
    labels = data.labels[test]
    return {"model": NAME, "accuracy": float(accuracy_score(labels, predictions)),
            "macro_f1": float(f1_score(labels, predictions, average="macro")),
            "parameters": int(model.coef_.size + model.intercept_.size),
            "train_duration_s": round(duration, 2),
            "train_examples_per_s": round(len(train) / max(duration, 1e-9), 2)}


def duration(seconds: float) -> str:
    """A duration a reader takes in at a glance: 0.4 s, 42 s, 7.5 min, 3.2 h."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


def baseline_markdown(report: dict, training: dict, baseline: dict, onnx: Path) -> str:
    """The README's cost-and-gain table: the fine-tuned backbone beside the baseline, both from this run,
    and the size of the export the demos serve."""
    config, m, b = report["provenance"]["config"], report["metrics"], baseline
    epochs = f"{config['epochs']} epoch{'s' * (config['epochs'] != 1)}"
    rows = [
        f"| `{config['pretrained_model']}` at {config['backbone_size']} px, {epochs} | "
        f"{percent(m['accuracy'])} | {percent(m['macro_f1'])} | {training['parameters']:,} | "
        f"{duration(training['train_duration_s'])} | {training['train_examples_per_s']:,.1f} | "
        f"{training['hardware']}, {training['precision']} |",
        f"| baseline: {b['model']} | {percent(b['accuracy'])} | {percent(b['macro_f1'])} | "
        f"{b['parameters']:,} | {duration(b['train_duration_s'])} | {b['train_examples_per_s']:,.0f} | CPU |",
    ]
    gain = 100 * (m["accuracy"] - b["accuracy"])
    ratio = training["train_duration_s"] / max(b["train_duration_s"], 1e-9)
    times = f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"
    return "\n".join([
        "#### What fine-tuning buys, and what it costs",
        "",
        "| model | test accuracy | macro F1 | weights | training time | images/s in training | hardware |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Fine-tuning {'gained' if gain >= 0 else 'lost'} {abs(gain):.1f} points of accuracy over the "
        f"baseline and took {times} times as long to train. Both were trained and tested on the same "
        f"split ({report['data']['sizes']['train']:,} training images) by the same `make evaluate`. "
        f"The ONNX export the demos serve is {onnx.stat().st_size / 1e6:.1f} MB.",
    ])
