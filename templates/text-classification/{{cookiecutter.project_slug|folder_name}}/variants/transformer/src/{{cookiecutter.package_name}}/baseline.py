"""The baseline the transformer has to beat, trained on the same split: what fine-tuning buys, and costs.

TF-IDF weighted word 1- and 2-grams and a logistic regression (scikit-learn): the bag-of-n-grams
family of the template's other model (model=ngram; NBSVM, Wang & Manning 2012). It trains on a CPU
in seconds to a minute. The evaluation step fits it on the training split, measures it on the test
split, and puts its accuracy, training time and throughput beside the transformer's in the README.
"""

from __future__ import annotations

import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline

from .kit.reporting import percent

NAME = "TF-IDF word 1-2-grams + logistic regression (scikit-learn)"


def fit_baseline(train_texts: list[str], y_train: np.ndarray, test_texts: list[str],
                 y_test: np.ndarray) -> dict:
    """The baseline's test accuracy and macro F1, and its training time and throughput (texts/s)."""
    features = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=200_000, sublinear_tf=True)
    model = make_pipeline(features, LogisticRegression(C=4.0, max_iter=1000))
    started = time.perf_counter()
    model.fit(train_texts, y_train)
    duration = time.perf_counter() - started
    predictions = model.predict(test_texts)
    return {"model": NAME, "accuracy": float(accuracy_score(y_test, predictions)),
            "macro_f1": float(f1_score(y_test, predictions, average="macro")),
            "train_duration_s": round(duration, 2),
            "train_examples_per_s": round(len(train_texts) / max(duration, 1e-9), 2)}


def duration(seconds: float) -> str:
    """A duration a reader takes in at a glance: 42 s, 7.5 min, 3.2 h."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


def baseline_markdown(report: dict, training: dict, baseline: dict) -> str:
    """The README's cost-and-gain table: the fine-tuned model beside the baseline, both from this run."""
    config, m = report["provenance"]["config"], report["metrics"]
    method = f"LoRA rank {config['lora_rank']}" if config["lora"] else "full fine-tuning"
    epochs = config["epochs"]
    rows = [
        f"| `{config['pretrained_model']}`, {method}, {epochs} epoch{'s' * (epochs != 1)} | "
        f"{percent(m['accuracy'])} | {percent(m['macro_f1'])} | {duration(training['train_duration_s'])} | "
        f"{training['train_examples_per_s']:,.1f} | {training['hardware']}, {training['precision']} |",
        f"| baseline: {baseline['model']} | {percent(baseline['accuracy'])} | "
        f"{percent(baseline['macro_f1'])} | "
        f"{duration(baseline['train_duration_s'])} | {baseline['train_examples_per_s']:,.0f} | CPU |",
    ]
    gain = 100 * (m["accuracy"] - baseline["accuracy"])
    ratio = training["train_duration_s"] / max(baseline["train_duration_s"], 1e-9)
    return "\n".join([
        "#### What fine-tuning buys, and what it costs",
        "",
        "| model | test accuracy | macro F1 | training time | texts/s in training | hardware |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Fine-tuning {'gained' if gain >= 0 else 'lost'} {abs(gain):.1f} points of accuracy over the "
        f"baseline and took {ratio:,.0f} times as long to train. Both were trained and tested on the same "
        f"split ({report['data']['sizes']['train']:,} training texts) by the same `make evaluate`.",
    ])
