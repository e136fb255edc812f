"""Shared fixtures: a tiny review corpus and a tiny trained model, made offline in temp folders."""

import os
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from {{ cookiecutter.package_name }} import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
GOOD = ["great", "wonderful", "loved", "superb", "moving", "brilliant", "a joy", "not bad at all"]
BAD = ["awful", "boring", "hated", "dull", "a mess", "painful", "not good", "a waste of time"]
FILLER = ["the film", "the plot", "the cast", "this movie", "the ending", "the score", "it", "the director"]


def review(rng: random.Random, words: list[str]) -> str:
    """A short synthetic review with an HTML line break, as in the IMDB text."""
    parts = [f"{rng.choice(FILLER)} was {rng.choice(words)}" for _ in range(rng.randint(2, 4))]
    return ". <br /><br />".join(parts).capitalize() + "."


# Rendered from templates/_shared/include/shared/tests/tracked_runs.py: edit it there, not here.
{% include "shared/tests/tracked_runs.py" %}

@pytest.fixture(scope="session")
def reviews_csv(tmp_path_factory) -> Path:
    """300 labelled reviews (with a few exact duplicates) in a gzipped CSV like the IMDB file."""
    rng = random.Random(0)
    rows = [{"review": review(rng, GOOD if i % 2 else BAD), "sentiment": "positive" if i % 2 else "negative"}
            for i in range(300)]
    rows += rows[:5]  # duplicates, to be dropped before the split
    path = tmp_path_factory.mktemp("data") / "reviews.csv.gz"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def trained(tmp_path_factory, reviews_csv) -> Path:
    """A project copy with a model trained on the tiny corpus (a second or two)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml", "schemas/contract.json"):  # what evaluation reads
        (root / name).parent.mkdir(parents=True, exist_ok=True)                # besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--data", str(reviews_csv),
                "--text-column", "review", "--label-column", "sentiment", "--test-fraction", "0.3",
                "--val-fraction", "0.2", "--epochs", "6", "--lr", "0.1", "--min-df", "1",
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
