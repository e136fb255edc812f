"""The image demo under hostile pictures (issue 22). Not a test: it prints and records.

    .venv/bin/python bench/bench_demo_hostile_inputs.py                  # this checkout's projects/fashion-cnn
    .venv/bin/python bench/bench_demo_hostile_inputs.py --against 33c497b  # and the same demo at another commit

The demo (projects/fashion-cnn/app.py) is started from its folder as `python app.py` on a free port,
as `showcase serve` does, with its own src/ first on the import path. Then, over Gradio's HTTP API,
one case after another: a digit, a 12000x12000 PNG (about 160 kB: one grey level compresses to
nothing), a truncated 5000x5000 PNG, a decompression bomb (a PNG whose header says 100000x100000)
and the largest picture the demo accepts (5000x5000), each sent the ways a picture reaches it: as
an upload, as the sketchpad's composite file, and as the composite sent ahead through the
sketchpad's accept_blobs (what the browser does while a visitor draws); some also four at once.

Each case runs on a freshly started demo (memory an earlier case left behind would blur its
peak), after one ordinary request. For each: the demo's answer (its label, or its message), the
median answer time over --repeat sends (a send: the upload, then the call and its event stream to
the end; for N at once, until the last is answered), and the demo process's memory: idle before
the case, its peak during the case (VmHWM of /proc/<pid>/status, reset by writing 5 to
/proc/<pid>/clear_refs; where that cannot be written, RSS sampled every 5 ms) and what it still
holds after. Results go to bench/results/demo_hostile_inputs.json.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import io
import json
import os
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np
from gradio_http import start, stop
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "demo_hostile_inputs.json"
PROJECT = Path("projects") / "fashion-cnn"
FILE_DATA = {"_type": "gradio.FileData"}
TIMEOUT_S = 300  # one answer; the old demo took seconds per huge drawing, queued two at a time


# ---- the pictures --------------------------------------------------------------------------

def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_saying(width: int, height: int) -> bytes:
    """A PNG whose header says width x height, with one row of pixels: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4097)) + chunk(b"IEND", b""))


def a_digit(size: int) -> Image.Image:
    """A dark "1" on white paper, size x size."""
    pixels = np.full((size, size), 255, dtype=np.uint8)
    pixels[size // 8: -size // 8, size * 9 // 20: size * 11 // 20] = 0
    return Image.fromarray(pixels)


def pictures() -> dict[str, bytes]:
    print("making the pictures...", flush=True)
    largest = png(a_digit(5000))
    return {
        "a digit (200x200)": png(a_digit(200)),
        "a 12000x12000 PNG": png(Image.new("L", (12000, 12000), 255)),
        "a truncated 5000x5000 PNG": largest[: len(largest) * 3 // 5],
        "a bomb (a PNG saying 100000x100000)": png_saying(100_000, 100_000),
        "the largest accepted (5000x5000 PNG)": largest,
    }


# (picture, way, at once): what is sent, how, and how many at the same time
CASES = [
    ("a digit (200x200)", "upload", 1),
    ("a digit (200x200)", "drawing", 1),
    ("a digit (200x200)", "drawing sent ahead", 1),
    ("a 12000x12000 PNG", "upload", 1),
    ("a 12000x12000 PNG", "drawing", 1),
    ("a 12000x12000 PNG", "drawing sent ahead", 1),
    ("a 12000x12000 PNG", "drawing", 4),
    ("a truncated 5000x5000 PNG", "drawing", 1),
    ("a bomb (a PNG saying 100000x100000)", "drawing", 1),
    ("the largest accepted (5000x5000 PNG)", "upload", 1),
    ("the largest accepted (5000x5000 PNG)", "drawing", 4),
]


# ---- talking to the demo -------------------------------------------------------------------

def uploaded(client: httpx.Client, base: str, data: bytes) -> dict:
    answer = client.post(f"{base}/gradio_api/upload", files={"files": ("picture.png", data, "image/png")})
    answer.raise_for_status()
    return {"path": answer.json()[0], "orig_name": "picture.png", "meta": FILE_DATA}


def sent_ahead(client: httpx.Client, base: str, sketchpad: int, data: bytes) -> dict:
    """The browser's way: the composite posted to the sketchpad's accept_blobs, then named by id."""
    drawing = uuid.uuid4().hex
    answer = client.post(f"{base}/gradio_api/component_server/",
                         data={"component_id": str(sketchpad), "fn_name": "accept_blobs",
                               "session_hash": drawing, "id": drawing, "type": "composite", "index": "null"},
                         files={"file": ("composite.png", data, "image/png")})
    answer.raise_for_status()
    return {"id": drawing}


def arguments(client: httpx.Client, base: str, sketchpad: int, data: bytes, way: str) -> list:
    if way == "upload":
        return [None, uploaded(client, base, data)]
    if way == "drawing":
        return [{"background": None, "layers": [], "composite": uploaded(client, base, data)}, None]
    return [sent_ahead(client, base, sketchpad, data), None]


def answer_of(client: httpx.Client, base: str, data: list) -> str:
    """The demo's answer to /predict: its top label, or its message ("error: ...")."""
    event = client.post(f"{base}/gradio_api/call/predict", json={"data": data})
    event.raise_for_status()
    kind = last = None
    with client.stream("GET", f"{base}/gradio_api/call/predict/{event.json()['event_id']}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                last = json.loads(line.removeprefix("data:"))
            if kind in ("complete", "error") and last is not None:
                break
    if kind == "error":
        return "error: " + ((last or {}).get("error") or "(Gradio's generic error: no message)")
    return f"answered {last[0]['label']}"


def send(base: str, sketchpad: int, data: bytes, way: str) -> tuple[str, float]:
    with httpx.Client(timeout=TIMEOUT_S) as client:
        started = time.perf_counter()
        answer = answer_of(client, base, arguments(client, base, sketchpad, data, way))
        return answer, time.perf_counter() - started


# ---- the demo's memory ---------------------------------------------------------------------

HWM, SAMPLED = "VmHWM, reset through /proc/<pid>/clear_refs", "VmRSS sampled every 5 ms"
MEMORY_MEASURE = HWM if os.access("/proc/self/clear_refs", os.W_OK) else SAMPLED


class Memory:
    """The demo process's resident memory: its peak since the last reset, and now (MB)."""

    def __init__(self, pid: int):
        self.pid, self.sampled = pid, 0
        if MEMORY_MEASURE == SAMPLED:
            threading.Thread(target=self._sample, daemon=True).start()
        self.reset()

    def field(self, name: str) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _sample(self) -> None:
        try:
            while True:
                self.sampled = max(self.sampled, self.field("VmRSS"))
                time.sleep(0.005)
        except OSError:  # the demo has stopped
            return

    def reset(self) -> None:
        if MEMORY_MEASURE == HWM:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        self.sampled = 0

    def peak(self) -> float:
        return round(self.field("VmHWM") if MEMORY_MEASURE == HWM else self.sampled, 1)

    def now(self) -> float:
        return round(self.field("VmRSS"), 1)


# ---- one demo, every case ------------------------------------------------------------------

def started(project: Path) -> tuple[subprocess.Popen, str]:
    """The demo, `python app.py` in its folder with its own src/ first, answering at its URL."""
    os.environ["PYTHONPATH"] = str(project / "src")  # the checkout's package, not the installed one
    server, base = start([sys.executable, "app.py"], cwd=project)
    deadline = time.perf_counter() + 180
    while True:
        try:
            httpx.get(f"{base}/gradio_api/info", timeout=2).raise_for_status()
            return server, base
        except httpx.HTTPError:
            if server.poll() is not None or time.perf_counter() > deadline:
                stop(server)
                raise RuntimeError(f"{project}/app.py did not start") from None
            time.sleep(0.2)


def sketchpad_id(base: str) -> int:
    config = httpx.get(f"{base}/config", timeout=10).json()
    return next(c["id"] for c in config["components"] if c.get("type") == "imageeditor")


def run_case(base: str, sketchpad: int, memory: Memory, data: bytes, way: str, at_once: int,
             repeat: int) -> dict:
    memory.reset()
    times, answers = [], []
    for _ in range(repeat):
        begun = time.perf_counter()
        with ThreadPoolExecutor(at_once) as pool:
            results = list(pool.map(lambda _: send(base, sketchpad, data, way), range(at_once)))
        times.append(time.perf_counter() - begun)  # until the last of them is answered
        answers += [answer for answer, _ in results]
    return {"answer": max(set(answers), key=answers.count), "answers_differ": len(set(answers)) > 1,
            "median_s": round(statistics.median(times), 3), "times_s": [round(t, 3) for t in times],
            "peak_rss_mb": memory.peak(), "rss_after_mb": memory.now()}


def bench_case(project: Path, images: dict[str, bytes], case: tuple[str, str, int], repeat: int) -> dict:
    """One case on a freshly started demo, so that no case pays for memory an earlier one left."""
    picture, way, at_once = case
    server, base = started(project)
    try:
        memory = Memory(server.pid)
        sketchpad = sketchpad_id(base)
        send(base, sketchpad, images["a digit (200x200)"], "upload")  # the first call's one-off costs
        time.sleep(0.5)
        idle = memory.now()
        result = run_case(base, sketchpad, memory, images[picture], way, at_once, repeat)
    finally:
        stop(server)
    print(f"  {picture}, {way}, {at_once} at once: {result['median_s']:.2f} s, idle {idle:.0f} MB, "
          f"peak {result['peak_rss_mb']:.0f} MB, after {result['rss_after_mb']:.0f} MB -> "
          f"{result['answer'][:80]}", flush=True)
    return {"picture": picture, "bytes": len(images[picture]), "way": way, "at_once": at_once,
            "idle_rss_mb": idle, **result}


def bench(project: Path, images: dict[str, bytes], repeat: int) -> dict:
    cases = [bench_case(project, images, case, repeat) for case in CASES]
    return {"idle_rss_mb": statistics.median(case["idle_rss_mb"] for case in cases),
            "memory_measure": MEMORY_MEASURE, "cases": cases}


# ---- checkouts, records --------------------------------------------------------------------

def commit_of(folder: Path) -> str:
    return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=folder, capture_output=True,
                          text=True, check=True).stdout.strip()


def at_commit(ref: str, folder: Path) -> Path:
    """The project as committed at `ref` (its trained model is committed with it), in `folder`."""
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), ref], cwd=ROOT, check=True,
                   capture_output=True)
    return folder / PROJECT


def environment(repeat: int) -> dict:
    versions = {name: importlib.metadata.version(name) for name in ("gradio", "pillow", "numpy")}
    return {"date": datetime.date.today().isoformat(), "cpu_count": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],  # other jobs on the machine
            "machine": platform.machine(), "python": platform.python_version(), **versions,
            "repeat": repeat, "command": " ".join(["python", "bench/bench_demo_hostile_inputs.py", *sys.argv[1:]])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="sends per case; the median time is kept")
    parser.add_argument("--against", metavar="REF", help="also bench the demo as it was at this commit")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    images = pictures()
    runs = {}
    if args.against:
        with tempfile.TemporaryDirectory() as scratch:
            old = at_commit(args.against, Path(scratch) / "checkout")
            try:
                print(f"{PROJECT} at {args.against}:", flush=True)
                runs[f"at {commit_of(old)} (--against)"] = bench(old, images, args.repeat)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(Path(scratch) / "checkout")],
                               cwd=ROOT, check=False, capture_output=True)
                shutil.rmtree(Path(scratch) / "checkout", ignore_errors=True)
    print(f"{PROJECT} at {commit_of(ROOT)} (this checkout):", flush=True)
    runs[f"at {commit_of(ROOT)} (this checkout)"] = bench(ROOT / PROJECT, images, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"environment": environment(args.repeat), "runs": runs}, indent=2) + "\n")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
