"""Benchmarks of the GAN targets (issue 9). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_gan.py [--quick]

1. quality, for each of 3 training seeds of the template's default config: FCD between
   generated and held-out real images, mean ± std over 10 stratified A/B splits of the test
   set (each with its own sampling seed), beside the real-against-real floor and a trivial
   per-pixel generator; the evaluator's class accuracy on generated samples; precision and
   recall (k = 3); mean nearest-neighbour distance to the training images, generated beside
   real test images; training time. The summary is the mean over the seeds.
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

from gradio_http import measure_runs

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "digits-gan"
RESULTS = ROOT / "bench" / "results" / "gan.json"
sys.path.insert(0, str(PROJECT / "src"))

from digits_gan.data import data_splits  # noqa: E402
from digits_gan.evaluate import measure  # noqa: E402
from digits_gan.model import load_generator  # noqa: E402
from digits_gan.train import Config, train  # noqa: E402

KEYS = ("fcd", "fcd_std", "fcd_floor", "fcd_floor_std", "fcd_ratio", "fcd_trivial_ratio", "class_accuracy",
        "precision", "recall", "evaluator_accuracy", "nn_distance_generated", "nn_distance_real")


def quality(seeds: list[int], epochs: int | None, splits: int) -> dict:
    """Train once per seed with the default config, then measure as `make evaluate` does."""
    runs = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            cfg = Config(seed=seed, model_dir=f"{tmp}/models", reports_dir=f"{tmp}/reports")
            if epochs:
                cfg.epochs = epochs
            started = time.perf_counter()
            record = train(cfg)
            wall = time.perf_counter() - started
            generator, _ = load_generator(Path(cfg.model_dir))
        data, parts = data_splits(cfg)
        metrics, _ = measure(generator, data.floats(), data.labels, parts, splits, seed)
        run = {"seed": seed, "train_loop_s": record["train_duration_s"], "train_wall_s": round(wall, 2),
               **{key: round(metrics[key], 4) for key in KEYS}}
        runs.append(run)
        print(f"  seed {seed}: FCD {run['fcd']:.3f} ± {run['fcd_std']:.3f}, floor {run['fcd_floor']:.3f} "
              f"± {run['fcd_floor_std']:.3f}, ratio {run['fcd_ratio']:.2f} (trivial "
              f"{run['fcd_trivial_ratio']:.1f}), class accuracy {run['class_accuracy']:.4f}, "
              f"training {wall:.1f} s", flush=True)
    mean = {key: statistics.mean(r[key] for r in runs) for key in (*KEYS, "train_wall_s")}
    return {"runs": runs, "mean": mean, "splits": splits}


def sample_request(client, base: str) -> list:
    return ["7", 3, 16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 10 epochs, 3 splits, 20 requests")
    args = parser.parse_args()
    runs, requests = (1, 20) if args.quick else (3, 100)
    # The demo first, in a process that has not trained anything yet (see bench_image_classification).
    print("demo (/sample):")
    demo = measure_runs(runs, [sys.executable, "app.py"], PROJECT, sample_request, requests, api="sample")
    print("the same requests to a bare Gradio app with no model (the floor):")
    bare = measure_runs(runs, [sys.executable, str(ROOT / "bench" / "bare_gradio_app.py"), "gan"], PROJECT,
                        sample_request, requests, api="sample")
    print("quality and training time:")
    gan = quality([0] if args.quick else [0, 1, 2], 10 if args.quick else None, 3 if args.quick else 10)
    m = gan["mean"]
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick,
               "gan": gan, "demo": demo, "bare_gradio": bare}
    seeds = len(gan["runs"])
    print(f"""
| measure (mean of {seeds} training seeds; FCDs over {gan['splits']} splits each) | value | target |
|---|---|---|
| FCD(generated, held-out real) | {m['fcd']:.3f} (split std {m['fcd_std']:.3f}) | |
| FCD floor (real half A vs half B) | {m['fcd_floor']:.3f} (split std {m['fcd_floor_std']:.3f}) | |
| FCD / floor | {m['fcd_ratio']:.2f} (seeds: {', '.join(f"{r['fcd_ratio']:.2f}" for r in gan['runs'])}) | <= 2, aim 1.5 |
| trivial generator FCD / floor | {m['fcd_trivial_ratio']:.1f} | far above |
| class accuracy of generated samples (evaluator) | {m['class_accuracy']:.4f} | >= 0.98 |
| evaluator accuracy on real test images | {m['evaluator_accuracy']:.4f} | |
| precision / recall (k = 3) | {m['precision']:.3f} / {m['recall']:.3f} | |
| nearest training image: generated / real test (pixels) | {m['nn_distance_generated']:.3f} / {m['nn_distance_real']:.3f} | not copies |
| training time, mean | {m['train_wall_s']:.1f} s | <= 180 s |
| demo: process start to first answer, median of {len(demo['runs'])} starts | {demo['start_to_first_answer_s']:.2f} s | |
| demo: /sample over HTTP, median of {demo['requests']} (median of {len(demo['runs'])} servers) | {demo['median_ms']:.1f} ms (p90 {demo['p90_ms']:.1f}) | |
| bare Gradio app, same requests: start to first answer | {bare['start_to_first_answer_s']:.2f} s | |
| bare Gradio app, same requests: median | {bare['median_ms']:.1f} ms (p90 {bare['p90_ms']:.1f}) | |""")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
