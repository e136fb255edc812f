"""Training throughput at one and two processes on this machine (issue 28). Not a test.

    .venv/bin/python bench/bench_distributed.py [--repeats 3] [--texts 96]

The transformer path of the text template, rendered and run as a user runs it: one process
(`python -m <package>.train`, torch's default threads, one per core) against two
(`torchrun --nproc_per_node 2 -m <package>.train`, one thread each: accelerate splits every batch
between them and averages the gradients over gloo). Both fine-tune a DistilBERT-sized encoder
(random weights, nothing can be downloaded here: the arithmetic per example is the real model's)
on `--texts` IMDB reviews from ../shared/data for one epoch, the runs alternated. The number is
`train_examples_per_s` from each run's reports/training.json (the training loop's examples per
second, all processes together); the median of `--repeats`. On a GPU machine the same command
with `--launcher accelerate` runs `accelerate launch --multi_gpu --num_processes N`.
Results go to bench/results/distributed.json.
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
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_transfer_learning import DATA, IMDB, ROOT, distilbert_sized_encoder, render  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "distributed.json"


def launch(processes: int, launcher: str, package: str) -> list[str]:
    """The command that starts `processes` training processes of `package`."""
    if processes == 1:
        return [sys.executable, "-m", f"{package}.train"]
    if launcher == "accelerate":  # GPUs: one process per device
        return [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes",
                str(processes), "-m", f"{package}.train"]
    return [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(processes), "-m",
            f"{package}.train"]


def run(project: Path, processes: int, launcher: str, flags: list[str], scratch: Path) -> dict:
    package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1",
           "TRACKIO_DIR": str(scratch / "runs")}
    if processes > 1:
        env["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // processes))
    subprocess.run([*launch(processes, launcher, package), *flags, "--model-dir", str(scratch / "models"),
                    "--reports-dir", str(scratch / "reports")], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return json.loads((scratch / "reports" / "training.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--texts", type=int, default=96, help="training texts (a multiple of the batch, 16)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--launcher", choices=["torchrun", "accelerate"], default="torchrun")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        work = Path(tmp)
        project = render("text-classification", "transformer", work / "projects")
        reviews = pd.read_csv(DATA)["review"].tolist()[:5000]
        encoder = distilbert_sized_encoder(work / "encoder", reviews)
        limit = str(round(args.texts / 0.45))  # test 0.5 and val 0.05 of the limit leave 0.45 to train on
        flags = [*IMDB, "--pretrained-model", str(encoder), "--limit", limit, "--epochs", "1",
                 "--test-fraction", "0.5", "--val-fraction", "0.05", "--no-onnx", "--no-track"]
        runs: dict[int, list[dict]] = {1: [], args.processes: []}
        for repeat in range(args.repeats):
            for processes in runs:  # alternated, so a slow minute of the machine hits both
                record = run(project, processes, args.launcher, flags, work / f"run-{processes}-{repeat}")
                runs[processes].append(record)
                print(processes, record["train_examples_per_s"], record["processes"], flush=True)
    results = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
               "model": "DistilBERT-sized encoder (66M weights, random), full fine-tuning, fp32",
               "train_examples": runs[1][0]["data"]["sizes"]["train"], "repeats": args.repeats,
               "launcher": args.launcher, "device": runs[1][0]["device"], "hardware": runs[1][0]["hardware"]}
    for processes, records in runs.items():
        rates = [r["train_examples_per_s"] for r in records]
        results[f"{processes}_process"] = {
            "examples_per_s_median": statistics.median(rates), "examples_per_s_runs": rates,
            "weights_in_sync": all(r["processes"]["weights_in_sync"] for r in records)}
    results["speedup"] = round(results[f"{args.processes}_process"]["examples_per_s_median"]
                               / results["1_process"]["examples_per_s_median"], 3)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
