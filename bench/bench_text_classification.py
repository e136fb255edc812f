"""Benchmarks of the text-classification targets (issue 4). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_text_classification.py [--quick]

1. test accuracy of the template's model on its stated 50/50 split of the de-duplicated
   IMDB reviews, beside a TF-IDF (1-2 grams) + logistic regression baseline trained on
   the same train half; 2. training time (the whole `train()`, loading included);
3. the demo's prediction latency for a 200-word review over the raw HTTP API (median of
   100 requests, on 3 fresh servers), beside a bare Gradio app with the same inputs.
Needs ../shared/data/imdb-50k.csv.gz; results go to bench/results/text_classification.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import torch
from gradio_http import measure_runs
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "imdb-sentiment"
DATA = ROOT.parent / "shared" / "data" / "imdb-50k.csv.gz"
RESULTS = ROOT / "bench" / "results" / "text_classification.json"
sys.path.insert(0, str(PROJECT / "src"))

from imdb_sentiment.data import data_splits  # noqa: E402
from imdb_sentiment.model import bags, load_model  # noqa: E402
from imdb_sentiment.predict import TextClassifier  # noqa: E402
from imdb_sentiment.train import Config, train  # noqa: E402

REVIEW_200_WORDS = (
    "I went into this film expecting very little, having read the mixed notices, and came out "
    "pleasantly surprised. The story follows a retired teacher who returns to the village where she "
    "grew up, and the first half hour, which sets up her family and the old quarrel with her brother, "
    "is slow but never dull. The photography is lovely, all grey skies and wet stone, and the music "
    "knows when to stay quiet. What lifts the film is the lead performance: she plays a proud, funny, "
    "difficult woman without asking us to like her, and by the end I did. The supporting cast is "
    "uneven; the brother is a cliché, and a subplot about a land sale goes nowhere. The script also "
    "leans too hard on flashbacks in the middle, which kills the momentum just when the story should "
    "tighten. Still, the final scene at the harbour is beautifully judged and genuinely moving, and I "
    "have thought about it several times since. Not a masterpiece, and a little too long, but a warm, "
    "intelligent and well acted drama that deserves a wider audience than it found in cinemas. Go and "
    "see it on a big screen if you still can."
)


def imdb_file_config(**changes) -> Config:
    """The project's defaults, reading the local IMDB file (as configs/imdb-csv.yaml does)."""
    return Config(data=str(DATA), text_column="review", label_column="sentiment", **changes)


def accuracy_and_time(epochs: int | None) -> dict:
    """Train with the project's defaults on the IMDB file; score it on the test half."""
    with tempfile.TemporaryDirectory() as tmp:
        cfg = imdb_file_config(model_dir=f"{tmp}/models", reports_dir=f"{tmp}/reports")
        if epochs:
            cfg.epochs = epochs
        started = time.perf_counter()
        record = train(cfg)
        wall = time.perf_counter() - started
        model, _, vocabulary = load_model(Path(cfg.model_dir))
    data, parts = data_splits(cfg)  # the texts and test half training used
    test = [data.texts[i] for i in parts["test"]]
    with torch.no_grad():
        predictions = model(*bags(vocabulary.encode(test))).argmax(1).numpy()
    accuracy = float((predictions == data.labels[parts["test"]]).mean())
    print(f"  test accuracy {accuracy:.4f}, training {wall:.1f} s", flush=True)
    return {"test_accuracy": accuracy, "train_wall_s": round(wall, 1),
            "train_loop_s": record["train_duration_s"], "sizes": record["data"]["sizes"],
            "removed_duplicates": record["data"]["removed_duplicates"]}


def tfidf_baseline() -> dict:
    """TF-IDF of 1-2 grams + logistic regression, trained on the whole train half (train + val)."""
    data, parts = data_splits(imdb_file_config())
    train_idx = np.concatenate([parts["train"], parts["val"]])
    started = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    x_train = vectorizer.fit_transform([data.texts[i] for i in train_idx])
    classifier = LogisticRegression(C=10, max_iter=1000).fit(x_train, data.labels[train_idx])
    seconds = time.perf_counter() - started
    x_test = vectorizer.transform([data.texts[i] for i in parts["test"]])
    accuracy = float(classifier.score(x_test, data.labels[parts["test"]]))
    print(f"  TF-IDF + logistic regression: {accuracy:.4f} in {seconds:.1f} s", flush=True)
    return {"test_accuracy": accuracy, "train_s": round(seconds, 1)}


def review_payload(client: httpx.Client, base: str) -> list:
    return [REVIEW_200_WORDS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 epoch, 1 server, 20 requests")
    args = parser.parse_args()
    if not DATA.is_file():
        raise SystemExit(f"skipped: {DATA} is absent (the IMDB reviews; see ../shared/data/README.md)")
    if not (PROJECT / "models").is_dir():
        raise SystemExit(f"skipped: {PROJECT}/models is absent; run `make train` there first")
    assert len(REVIEW_200_WORDS.split()) == 200
    assert TextClassifier(PROJECT / "models").predict(REVIEW_200_WORDS).label == "positive"
    runs, requests = (1, 20) if args.quick else (3, 100)
    print("demo, a 200-word review:")
    demo = measure_runs(runs, [sys.executable, "app.py"], PROJECT, review_payload, requests)
    print("the same requests to a bare Gradio app with no model (the floor):")
    bare = measure_runs(runs, [sys.executable, str(ROOT / "bench" / "bare_gradio_app.py"), "text"], PROJECT,
                        review_payload, requests)
    print("accuracy and training time:")
    model = accuracy_and_time(1 if args.quick else None)
    baseline = tfidf_baseline()
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick,
               "model": model, "tfidf_baseline": baseline, "demo": demo, "bare_gradio": bare}
    print(f"""
| measure | value | target |
|---|---|---|
| test accuracy, 50/50 split of {sum(model['sizes'].values()):,} de-duplicated reviews | {model['test_accuracy']:.4f} | >= 0.910 |
| TF-IDF (1-2 grams) + logistic regression, same split | {baseline['test_accuracy']:.4f} | about 0.906 |
| model / baseline accuracy ratio | {model['test_accuracy'] / baseline['test_accuracy']:.4f} | > 1 |
| training time (loading, n-grams, {'1 epoch' if args.quick else 'all epochs'}) | {model['train_wall_s']:.1f} s | <= 300 s |
| baseline training time | {baseline['train_s']:.1f} s | |
| demo: prediction over HTTP, 200-word review, median of {requests} (median of {runs} servers) | {demo['median_ms']:.1f} ms (p90 {demo['p90_ms']:.1f}) | <= 25 ms |
| bare Gradio app, same requests: median | {bare['median_ms']:.1f} ms (p90 {bare['p90_ms']:.1f}) | |
| demo: process start to first answer | {demo['start_to_first_answer_s']:.2f} s | |""")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
