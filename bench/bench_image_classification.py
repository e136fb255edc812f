"""Benchmarks of the image-classification targets (issue 2). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_image_classification.py [--quick]

1. test accuracy of the template's CNN, 3 seeds, on the stated split, beside
   scikit-learn's SVC(gamma=0.001) on the same split; 2. training time (median of 3);
3. demo: process start to first answer, and prediction latency over the raw HTTP API
   (median of 100 requests; each measured on 3 fresh servers, the median reported); 4. `cookiecutter --no-input` render time (median of 5).
Results go to bench/results/image_classification.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import torch
from gradio_http import measure_runs
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "digits-cnn"
TEMPLATE = ROOT / "templates" / "image-classification"
RESULTS = ROOT / "bench" / "results" / "image_classification.json"
sys.path.insert(0, str(PROJECT / "src"))

from digits_cnn.data import data_splits  # noqa: E402
from digits_cnn.model import load_model  # noqa: E402
from digits_cnn.train import Config, train  # noqa: E402


def accuracy_and_time(seeds: list[int], epochs: int | None) -> dict:
    """Train the CNN once per seed (default config) and score it on the test split."""
    runs = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = Config(seed=seed, model_dir=f"{tmp}/models", reports_dir=f"{tmp}/reports")
            if epochs:
                cfg.epochs = epochs
            started = time.perf_counter()
            record = train(cfg)
            wall = time.perf_counter() - started
            model, _ = load_model(Path(cfg.model_dir))
        data, parts = data_splits(cfg)  # the examples and test part training used
        test = parts["test"]
        with torch.no_grad():
            predictions = model(torch.from_numpy(data.images[test])).argmax(1).numpy()
        accuracy = float((predictions == data.labels[test]).mean())
        runs.append({"seed": seed, "test_accuracy": accuracy, "train_loop_s": record["train_duration_s"],
                     "train_wall_s": round(wall, 2)})
        print(f"  seed {seed}: test accuracy {accuracy:.4f}, training {wall:.1f} s", flush=True)
    return {"runs": runs, "mean_test_accuracy": statistics.mean(r["test_accuracy"] for r in runs),
            "median_train_wall_s": statistics.median(r["train_wall_s"] for r in runs)}


def svc_baseline() -> dict:
    """scikit-learn's SVC(gamma=0.001) on the same split, trained on the same train part."""
    data, parts = data_splits(Config())
    x = data.images.reshape(len(data.images), -1) * 16  # the original 0..16 ink counts
    scores = {}
    for name, train_idx in {"train": parts["train"],
                            "train+val": np.concatenate([parts["train"], parts["val"]])}.items():
        svc = SVC(gamma=0.001).fit(x[train_idx], data.labels[train_idx])
        scores[name] = float(svc.score(x[parts["test"]], data.labels[parts["test"]]))
    return {"test_accuracy_trained_on_train": scores["train"],
            "test_accuracy_trained_on_train_val": scores["train+val"]}


def upload_example(client: httpx.Client, base: str) -> list:
    """The call's inputs: no drawing, and an example digit uploaded once."""
    example = sorted((PROJECT / "examples").glob("*.png"))[7]
    upload = client.post(f"{base}/gradio_api/upload",
                         files={"files": (example.name, example.read_bytes(), "image/png")})
    upload.raise_for_status()
    return [None, {"path": upload.json()[0], "meta": {"_type": "gradio.FileData"}}]


def render_time(repeats: int) -> dict:
    """`cookiecutter --no-input` of the template, as a user runs it (a fresh process)."""
    times = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "cookiecutter"), "--no-input", str(TEMPLATE),
                            "-o", out], check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    return {"repeats": repeats, "median_s": round(statistics.median(times), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 5 epochs, 20 requests")
    args = parser.parse_args()
    # The demo first, in a process that has not trained anything yet: a client that just
    # trained leaves torch's worker threads and memory behind, which slowed both measures.
    runs, requests = (1, 20) if args.quick else (3, 100)
    print("demo:")
    demo = measure_runs(runs, [sys.executable, "app.py"], PROJECT, upload_example, requests)
    print("the same requests to a bare Gradio app with no model (the floor):")
    bare = measure_runs(runs, [sys.executable, str(ROOT / "bench" / "bare_gradio_app.py"), "image"], PROJECT,
                        upload_example, requests)
    render = render_time(5)
    print("accuracy and training time:")
    cnn = accuracy_and_time([0] if args.quick else [0, 1, 2], 5 if args.quick else None)
    svc = svc_baseline()
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick,
               "cnn": cnn, "svc": svc, "demo": demo, "bare_gradio": bare, "render": render}
    ratio = cnn["mean_test_accuracy"] / svc["test_accuracy_trained_on_train"]
    print(f"""
| measure | value | target |
|---|---|---|
| CNN test accuracy, mean of {len(cnn['runs'])} seeds | {cnn['mean_test_accuracy']:.4f} | >= 0.994 |
| SVC(gamma=0.001) test accuracy, same split and train part | {svc['test_accuracy_trained_on_train']:.4f} | about 0.989 |
| SVC trained on train+val | {svc['test_accuracy_trained_on_train_val']:.4f} | |
| CNN / SVC accuracy ratio | {ratio:.4f} | > 1 |
| training time, median | {cnn['median_train_wall_s']:.1f} s | <= 60 s |
| demo: process start to first answer, median of {len(demo['runs'])} starts | {demo['start_to_first_answer_s']:.2f} s | <= 8 s |
| demo: prediction over HTTP, median of {demo['requests']} (median of {len(demo['runs'])} servers) | {demo['median_ms']:.1f} ms (p90 {demo['p90_ms']:.1f}) | <= 25 ms |
| bare Gradio app, same requests: start to first answer | {bare['start_to_first_answer_s']:.2f} s | |
| bare Gradio app, same requests: median | {bare['median_ms']:.1f} ms (p90 {bare['p90_ms']:.1f}) | |
| cookiecutter --no-input render, median of 5 | {render['median_s']:.2f} s | < 1 s |""")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
