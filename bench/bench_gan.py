"""Benchmarks of the GAN targets (issues 9 and 25). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_gan.py [--quick]

1. quality, for each of 3 training seeds of the fashion-gan example's default config
   (Fashion-MNIST, 28x28): FCD between generated and held-out real images, both sides 5,000
   images (one stratified half of the 10,000 test images against as many generated ones), mean
   ± std over 10 splits (each with its own sampling seed), beside the real-against-real floor
   (half against half) and a trivial per-pixel generator; the evaluator's class accuracy on
   generated samples and its accuracy on real test images; precision and recall (k = 3); mean
   nearest-neighbour distance to the training images, generated beside real test images;
   training time. The summary is the mean over the seeds. Beside it, the same generator under
   the digits protocol's sample size (180 images a side, what the digits choice's 360 test images
   allow), to show how much stricter the 5,000-image ratio is.
2. demo: process start to first answer and HTTP latency of /sample (median of 100 requests,
   3 fresh servers), beside a bare Gradio app with the same inputs and outputs.
Results go to bench/results/gan.json. The project's own evaluation code computes every number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from gradio_http import measure_runs

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "fashion-gan"
RESULTS = ROOT / "bench" / "results" / "gan.json"
RECIPE = PROJECT / "configs" / "fashion-mnist.yaml"
sys.path.insert(0, str(PROJECT / "src"))

from fashion_gan import evaluate  # noqa: E402
from fashion_gan.data import data_splits  # noqa: E402
from fashion_gan.evaluate import measure  # noqa: E402
from fashion_gan.kit.config import load_config  # noqa: E402
from fashion_gan.model import load_generator  # noqa: E402
from fashion_gan.train import Config, train  # noqa: E402

KEYS = ("fcd", "fcd_std", "fcd_floor", "fcd_floor_std", "fcd_ratio", "fcd_trivial_ratio", "class_accuracy",
        "precision", "recall", "evaluator_accuracy", "nn_distance_generated", "nn_distance_real")


def small_sample(data, parts: dict, seed: int) -> dict:
    """The digits protocol's sample size on this data: a stratified 360 of the test images, so each
    half holds 180, as the digits choice's test split does. Returns a copy of `parts` with that test part."""
    rng = np.random.default_rng(seed)
    test = parts["test"]
    labels = data.labels[test]
    keep = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:36] for c in np.unique(labels)])
    return {**parts, "test": np.sort(test[keep])}


def judge_once(train_evaluator):
    """evaluate.train_evaluator, trained once per seed: the small-sample figure is measured by the
    same judge as the full one (same training images, same seed), so it need not be trained twice."""
    judges = {}

    def judge(images, labels, num_classes, seed=0):
        if seed not in judges:
            judges[seed] = train_evaluator(images, labels, num_classes, seed=seed)
        return judges[seed]
    return judge


def quality(seeds: list[int], epochs: int | None, splits: int) -> dict:
    """Train once per seed with the default config, then measure as `make evaluate` does."""
    runs = []
    evaluate.train_evaluator = judge_once(evaluate.train_evaluator)
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            # The example's recipe, as its `make train` reads it (the Makefile's default CONFIG).
            cfg = load_config(Config, ["--config", str(RECIPE), "--seed", str(seed), "--model-dir", f"{tmp}/models",
                                       "--reports-dir", f"{tmp}/reports", "--no-track",
                                       *(["--epochs", str(epochs)] if epochs else [])])
            started = time.perf_counter()
            record = train(cfg)
            wall = time.perf_counter() - started
            generator, _ = load_generator(Path(cfg.model_dir))
        data, parts = data_splits(cfg)
        metrics, _ = measure(generator, data, parts, splits, seed)
        small, _ = measure(generator, data, small_sample(data, parts, seed), splits, seed)
        run = {"seed": seed, "train_loop_s": record["train_duration_s"], "train_wall_s": round(wall, 2),
               **{key: round(metrics[key], 4) for key in KEYS},
               "small_sample": {key: round(small[key], 4) for key in ("fcd", "fcd_floor", "fcd_ratio")}}
        runs.append(run)
        print(f"  seed {seed}: FCD {run['fcd']:.3f} ± {run['fcd_std']:.3f}, floor {run['fcd_floor']:.3f} "
              f"± {run['fcd_floor_std']:.3f}, ratio {run['fcd_ratio']:.2f} (trivial "
              f"{run['fcd_trivial_ratio']:.1f}), class accuracy {run['class_accuracy']:.4f}, "
              f"training {wall:.1f} s", flush=True)
    mean = {key: statistics.mean(r[key] for r in runs) for key in (*KEYS, "train_wall_s")}
    mean["small_sample_ratio"] = statistics.mean(r["small_sample"]["fcd_ratio"] for r in runs)
    return {"runs": runs, "mean": mean, "splits": splits}


def sample_request(client, base: str) -> list:
    return ["Sneaker", 3, 16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 2 epochs, 3 splits, 20 requests")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="training seeds (default 0 1 2)")
    args = parser.parse_args()
    runs, requests = (1, 20) if args.quick else (3, 100)
    # The demo first, in a process that has not trained anything yet (see bench_image_classification).
    print("demo (/sample):")
    demo = measure_runs(runs, [sys.executable, "app.py"], PROJECT, sample_request, requests, api="sample")
    print("the same requests to a bare Gradio app with no model (the floor):")
    bare = measure_runs(runs, [sys.executable, str(ROOT / "bench" / "bare_gradio_app.py"), "gan"], PROJECT,
                        sample_request, requests, api="sample")
    print("quality and training time:")
    gan = quality([0] if args.quick else args.seeds, 2 if args.quick else None, 3 if args.quick else 10)
    m = gan["mean"]
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick,
               "gan": gan, "demo": demo, "bare_gradio": bare}
    seeds = len(gan["runs"])
    print(f"""
| measure (mean of {seeds} training seeds; FCDs over {gan['splits']} splits each) | value | target |
|---|---|---|
| FCD(generated, held-out real) | {m['fcd']:.3f} (split std {m['fcd_std']:.3f}) | |
| FCD floor (real half A vs half B) | {m['fcd_floor']:.3f} (split std {m['fcd_floor_std']:.3f}) | |
| FCD / floor, 5,000 images a side | {m['fcd_ratio']:.2f} (seeds: {', '.join(f"{r['fcd_ratio']:.2f}" for r in gan['runs'])}) | <= 6, aim 3 |
| FCD / floor at the digits protocol's 180 a side | {m['small_sample_ratio']:.2f} | (comparison) |
| trivial generator FCD / floor | {m['fcd_trivial_ratio']:.1f} | >= 10x the generator's |
| class accuracy of generated samples (evaluator) | {m['class_accuracy']:.4f} | >= 0.85 |
| evaluator accuracy on real test images | {m['evaluator_accuracy']:.4f} | >= 0.90 |
| precision / recall (k = 3) | {m['precision']:.3f} / {m['recall']:.3f} | |
| nearest training image: generated / real test (pixels) | {m['nn_distance_generated']:.3f} / {m['nn_distance_real']:.3f} | not copies |
| training time, mean | {m['train_wall_s']:.1f} s | <= 900 s |
| demo: process start to first answer, median of {len(demo['runs'])} starts | {demo['start_to_first_answer_s']:.2f} s | |
| demo: /sample over HTTP, median of {demo['requests']} (median of {len(demo['runs'])} servers) | {demo['median_ms']:.1f} ms (p90 {demo['p90_ms']:.1f}) | |
| bare Gradio app, same requests: start to first answer | {bare['start_to_first_answer_s']:.2f} s | |
| bare Gradio app, same requests: median | {bare['median_ms']:.1f} ms (p90 {bare['p90_ms']:.1f}) | |""")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
