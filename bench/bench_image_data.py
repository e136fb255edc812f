"""Benchmark of the image data path at real scale (issue 25). Not a test: it prints and records.

    .venv/bin/python bench/bench_image_data.py [--images 20000] [--batches 150]

1. Generates a folder of 20,000 colour JPEGs at 64 px (10 classes: a shape of the class's own kind
   and colour on noise) in a temporary folder.
2. Renders the image-classification template (its default CNN) and, in a fresh process each, trains
   `--batches` steps of it on that folder through the real data path (data_splits, a DataLoader over
   ImageDataset decoding each batch's files in worker processes, the training loop's own
   train_one_epoch with augmentation), then the same steps on the same batches decoded into memory
   beforehand. For each: images/s of the training loop (after a warm-up) and the peak resident memory
   of the whole process tree (the trainer and its loader workers, sampled every 100 ms: the sum of
   their PSS, and the sum of their RSS, which counts pages shared after fork once per process).
Results go to bench/results/image_data.json. The numbers are noisy on a shared CPU: say so beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "templates" / "image-classification"
RESULTS = ROOT / "bench" / "results" / "image_data.json"
WARM_UP = 10  # batches left out of the throughput (workers starting, first allocations)


def make_folder(root: Path, count: int, size: int = 64, classes: int = 10) -> Path:
    """<root>/<class>/*.jpg: count colour JPEGs, a class-coloured shape on noise."""
    rng = np.random.default_rng(0)
    colours = rng.integers(40, 255, (classes, 3))
    for c in range(classes):
        (root / f"class{c}").mkdir(parents=True)
    for i in range(count):
        c = i % classes
        image = Image.fromarray(rng.integers(0, 120, (size, size, 3), dtype=np.uint8))
        draw, (x, y) = ImageDraw.Draw(image), rng.integers(4, size // 2, 2)
        box = (int(x), int(y), int(x) + size // 3, int(y) + size // 3)
        (draw.ellipse if c % 2 else draw.rectangle)(box, fill=tuple(int(v) for v in colours[c]))
        image.save(root / f"class{c}" / f"{i}.jpg", quality=90)
    return root


def render_project(into: Path) -> Path:
    from cookiecutter.main import cookiecutter

    sys.path.insert(0, str(ROOT / "templates" / "_shared"))  # the kinds' Jinja extension
    return Path(cookiecutter(str(TEMPLATE), no_input=True, output_dir=str(into)))


TRAIN = r"""
import itertools, json, sys, time
import torch
from {package} import train as t
from {package}.data import data_splits, loader
from {package}.model import ConvNet, ModelConfig

mode, folder, batches, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cfg = t.Config(data=folder, image_size=64, batch_size=64, epochs=1, workers=workers, max_rotation=0,
               max_shift=0, max_zoom=0, crop_padding=4, hflip="on")
torch.manual_seed(0)
data, parts = data_splits(cfg)
source = loader(data, parts["train"], cfg.batch_size, shuffle=True, seed=0, workers=workers)
steps = itertools.islice(source, batches)
if mode == "memory":  # the same batches, decoded before the clock starts
    steps = list(steps)
model = ConvNet(ModelConfig(len(data.class_names), data.class_names, 64, "resize", channels=3))
model = model.to(memory_format=torch.channels_last)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.05, total_steps=batches)
times = []
class Clock:
    def __init__(self, steps):
        self.steps = steps
    def __len__(self):
        return batches
    def __iter__(self):
        for step in self.steps:
            times.append(time.perf_counter())
            yield step
        times.append(time.perf_counter())
gen = torch.Generator().manual_seed(0)
loss = t.train_one_epoch(model, Clock(steps), optimizer, scheduler, cfg, True, gen, torch.device("cpu"))
steady = times[{warm}:]
print(json.dumps({{"images_per_s": round(64 * (len(steady) - 1) / (steady[-1] - steady[0]), 1),
                  "batches": len(times) - 1, "loss": round(loss, 4), "channels": data.channels,
                  "examples": len(data)}}))
"""


def peak_tree_memory(process: subprocess.Popen, stop: threading.Event, peak: list[int]) -> None:
    """Sample the memory of `process` and its loader workers every 100 ms; keep the highest sums of
    RSS (pages the workers share with the trainer after fork are counted in each) and of PSS (each
    shared page split between the processes sharing it: what the tree costs the machine)."""
    import psutil

    root = psutil.Process(process.pid)
    while not stop.is_set():
        try:
            tree = [p.memory_full_info() for p in [root, *root.children(recursive=True)]]
            peak[0] = max(peak[0], sum(m.rss for m in tree))
            peak[1] = max(peak[1], sum(m.pss for m in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)


def run(mode: str, project: Path, package: str, folder: Path, batches: int, workers: int) -> dict:
    script = project / "bench_train.py"
    script.write_text(TRAIN.format(package=package, warm=WARM_UP))
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    process = subprocess.Popen([sys.executable, str(script), mode, str(folder), str(batches), str(workers)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop, peak = threading.Event(), [0, 0]
    sampler = threading.Thread(target=peak_tree_memory, args=(process, stop, peak))
    sampler.start()
    out, err = process.communicate()
    stop.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{mode}: the training process failed ({process.returncode}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, "peak_rss_sum_mb": round(peak[0] / 2**20, 1), "peak_pss_mb": round(peak[1] / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=20_000)
    parser.add_argument("--batches", type=int, default=150, help="training steps of 64 images per mode")
    parser.add_argument("--workers", type=int, default=2, help="loader processes decoding files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        folder = make_folder(Path(tmp) / "jpegs", args.images)
        generated_s = time.perf_counter() - started
        project = render_project(Path(tmp) / "project")
        package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
        files = run("files", project, package, folder, args.batches, args.workers)
        memory = run("memory", project, package, folder, args.batches, 0)
    result = {
        "what": f"{args.images:,} colour JPEGs at 64 px in 10 classes; {args.batches} training steps of 64 "
                "images (the default CNN, channels-last, random crop and flip) through the real data path",
        "files": {**files, "workers": args.workers,
                  "note": "decoded per batch from the JPEG files by ImageDataset in DataLoader workers"},
        "pre_decoded": {**memory, "note": "the same batches decoded into memory before the clock starts"},
        "loading_cost": round(1 - files["images_per_s"] / memory["images_per_s"], 3),
        "peak_memory_target_mb": 1536,
        "generate_s": round(generated_s, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "threads": os.environ.get("OMP_NUM_THREADS", "torch default"),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
