"""Experiment trackers side by side on this machine (issue 28): trackio against TensorBoard. Not a test.

    .venv/bin/python bench/bench_tracking.py     # about two minutes; needs `pip install trackio tensorboard`

For each: what installing it adds to a project that already has the template's dependencies (the
distributions it needs that fashion-cnn's do not, and their size on disk), the time to import it in
a process that has imported torch (as a training run has), and what logging costs: starting a run,
one `log` of five numbers (the mean over 2,000, so a run logging every step pays that per step),
closing the run (writing what is queued), and the bytes written. Each timing is the median of
`--repeats` fresh processes. The overhead of logging every optimisation step is then set against
the real step time of the fashion-cnn example (its reports/training.json: examples per second and
batch size). Then whole training runs of two example projects, with the tracker on and off
(`--no-track`), alternated, `--runs` of each: the process's wall time (trackio's import, the run's
start and finish included) and the training loop's own time. Results go to
bench/results/tracking.json.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "tracking.json"
EXAMPLE = ROOT / "projects" / "fashion-cnn"
# Training runs timed with tracking on and off: (project, its package, a short run's flags). The
# CNN logs each of ~850 steps an epoch; PPO logs its scalars each iteration and each episode.
RUNS = [("fashion-cnn", "fashion_cnn", ["--epochs", "2"]),
        ("cartpole-ppo", "cartpole_ppo", ["--total-timesteps", "40000"])]
TRACKERS = {"trackio": "trackio", "tensorboard": "tensorboard"}  # name -> the distribution installed
STEPS = 2000
METRICS = "{'loss': 1.0 / (s + 1), 'lr': 0.1, 'accuracy': 0.5, 'grad_norm': 2.0, 'examples_per_s': 800.0}"

# One process: torch imported first, then the tracker timed from import to closed run.
PROBE = """
import json, os, sys, time
import torch
kind, out = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if kind == "trackio":
    import trackio
    imported = time.perf_counter()
    trackio.init(project="bench", name="run", config={{"lr": 0.1}}, embed=False)
    started = time.perf_counter()
    for s in range({steps}):
        trackio.log({metrics}, step=s)
    logged = time.perf_counter()
    trackio.finish()
else:
    from torch.utils.tensorboard import SummaryWriter
    imported = time.perf_counter()
    writer = SummaryWriter(out)
    started = time.perf_counter()
    for s in range({steps}):
        for name, value in ({metrics}).items():
            writer.add_scalar(name, value, s)
    logged = time.perf_counter()
    writer.close()
finished = time.perf_counter()
size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out) for f in fs)
print(json.dumps({{"import_s": imported - t, "start_s": started - imported,
                  "log_us": (logged - started) / {steps} * 1e6, "finish_s": finished - logged, "bytes": size}}))
""".format(steps=STEPS, metrics=METRICS)  # noqa: UP032 (a program as text: its braces are its own)


def requirement_closure(names: list[str], leave_out: frozenset[str] = frozenset()) -> set[str]:
    """The installed distributions ``names`` need, themselves included (extras and markers that do
    not apply here left out, and the distributions in ``leave_out``)."""
    seen, todo = set(), [n.lower() for n in names]
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop())
        if name in seen or name in leave_out:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
    return seen


def size_on_disk(names: set[str]) -> int:
    total = 0
    for name in names:
        for file in metadata.distribution(name).files or []:
            path = Path(file.locate())
            if path.is_file():
                total += path.stat().st_size
    return total


def probe(kind: str, repeats: int) -> dict[str, float]:
    runs = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as scratch:
            env = {**os.environ, "TRACKIO_DIR": scratch}
            done = subprocess.run([sys.executable, "-c", PROBE, kind, scratch], env=env, capture_output=True,
                                  text=True, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: round(statistics.median(r[key] for r in runs), 4) for key in runs[0]}


def training_run(project: str, package: str, flags: list[str], track: bool) -> dict[str, float]:
    """One short training run of an example project in a fresh process: its wall time and its
    training loop's time (reports/training.json), with the tracker writing to a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "TRACKIO_DIR": scratch}
        command = [sys.executable, "-m", f"{package}.train", *flags, "--model-dir", f"{scratch}/models",
                   "--reports-dir", f"{scratch}/reports", "--track" if track else "--no-track"]
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT / "projects" / project, env=env, capture_output=True, check=True)
        wall = time.perf_counter() - started
        training = json.loads(Path(scratch, "reports", "training.json").read_text())
    return {"wall_s": wall, "train_s": training["train_duration_s"]}


def training_overhead(runs: int, projects: list[str]) -> dict[str, dict]:
    """Per project named: median wall and loop times with tracking on and off, and the overheads."""
    results = {}
    for project, package, flags in [run for run in RUNS if run[0] in projects]:
        timed: dict[bool, list[dict]] = {True: [], False: []}
        for _ in range(runs):
            for track in (False, True):  # alternated, so a slow minute of the machine hits both
                timed[track].append(training_run(project, package, flags, track))
        median = {track: {key: round(statistics.median(r[key] for r in timed[track]), 2)
                          for key in ("wall_s", "train_s")} for track in timed}
        results[project] = {
            "flags": flags, "runs": runs, "off": median[False], "on": median[True],
            "overhead_wall": round(median[True]["wall_s"] / median[False]["wall_s"] - 1, 4),
            "overhead_loop": round(median[True]["train_s"] / median[False]["train_s"] - 1, 4),
        }
        print(project, json.dumps(results[project]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="training runs per project, with and without")
    parser.add_argument("--projects", nargs="+", default=[run[0] for run in RUNS], choices=[run[0] for run in RUNS],
                        help="time these projects' training runs; the others keep their last results")
    args = parser.parse_args()
    # The example's own closure, the tracker it now depends on left out: what each tracker adds.
    project = requirement_closure(["fashion-cnn"], leave_out=frozenset({"trackio"}))
    training = json.loads((EXAMPLE / "reports" / "training.json").read_text())
    step_s = training["config"]["batch_size"] / training["train_examples_per_s"]
    results = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
               "steps_logged": STEPS, "metrics_per_log": 5,
               "fashion_cnn_step_s": round(step_s, 4), "trackers": {}}
    for kind, dist in TRACKERS.items():
        # trackio with its `cpu` extra, as the template asks for it (psutil samples CPU and memory)
        added = sorted(requirement_closure([dist, "psutil"] if dist == "trackio" else [dist]) - project)
        timing = probe(kind, args.repeats)
        results["trackers"][kind] = {
            "version": metadata.version(dist),
            "adds_distributions": added,
            "adds_mb": round(size_on_disk(set(added)) / 1e6, 1),
            **timing,
            "overhead_per_step_of_fashion_cnn": round(timing["log_us"] / 1e6 / step_s, 5),
        }
        print(kind, json.dumps(results["trackers"][kind]))
    earlier = json.loads(RESULTS.read_text()).get("training_runs", {}) if RESULTS.is_file() else {}
    results["training_runs"] = {**earlier, **training_overhead(args.runs, args.projects)}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
