"""Benchmark of `showcase serve`'s static server under a burst of visitors (issue 22). Not a test.

    .venv/bin/python bench/bench_serve.py [--site public] [--rounds 3] [--baseline REF]

1. The site: ``--site`` (a built site), or the repository's mkdocs.yml built into a scratch
   folder (it needs onnxruntime-web: ``make web``).
2. The burst: 200 requests, as page loads make them: each HTML page, then the stylesheets,
   scripts and images it names, and for a page with an in-browser demo what opening the demo
   fetches (its module, config and ONNX model, onnxruntime's module and its 14 MB wasm),
   repeated until 200. 200 threads (a bounded pool) send them at once, each on its own
   connection with Chromium's ``Accept-Encoding``; each request is timed from its start to its
   last byte.
3. Cold: the server is a fresh process (nothing compressed yet) and the burst starts as soon as
   it listens; warm: the same burst again on the same server. Each round starts a new server.
4. This tree's server, and with ``--baseline REF`` also REF's (its showcase/serve/static.py, run as
   it is there; the recorded "before" is the commit this work started from), alternating,
   ``--rounds`` rounds each. Reported: p50, p99
   (nearest rank: the 198th of 200) and max per burst, their medians over rounds, and
   before/after ratios. Results go to bench/results/serve.json. Target: cold p99 under 2 s.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import html
import http.client
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "serve.json"
STATIC = "showcase/serve/static.py"
ACCEPT = "gzip, deflate, br, zstd"  # what Chromium sends
RUNTIME = ["assets/ort/ort.wasm.bundle.min.mjs", "assets/ort/ort-wasm-simd-threaded.wasm"]
SUBRESOURCE = re.compile(r"""(?:href|src)="([^"#?]+\.(?:css|js|mjs|png|webp|svg|gif|jpg))\"""")
DEMO_MODULE = re.compile(r'data-module="([^"]+)"')
DEMO_FILES = re.compile(r'data-files="([^"]+)"')

CHILD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("static_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
with module.serve_directory(sys.argv[2]) as url:
    print(url, flush=True)
    sys.stdin.read()  # until the benchmark closes our stdin
"""


def build_site(where: Path) -> Path:
    """The repository's site, built into ``where``."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"),
                    "-d", str(where)], check=True, cwd=ROOT, env=env)
    return where


def page_load(site: Path, page: Path) -> list[str]:
    """The URL paths a browser fetches for ``page``: the page, its assets, its demo if any."""
    base = "/" + page.parent.relative_to(site).as_posix() + "/"
    base = "/" if base == "/./" else base
    text = page.read_text(encoding="utf-8")
    found = [base]
    for link in SUBRESOURCE.findall(text):
        path = urllib.parse.urljoin(base, html.unescape(link))
        if (site / path.lstrip("/")).is_file() and path not in found:
            found.append(path)
    for module, files in zip(DEMO_MODULE.findall(text), DEMO_FILES.findall(text), strict=True):
        # a demo's paths are relative to the site root
        found += ["/" + html.unescape(module), *("/" + path for path in json.loads(html.unescape(files)).values())]
        found += ["/" + path for path in RUNTIME]
    return found


def burst_targets(site: Path, n: int) -> list[str]:
    """``n`` requests: every page's load in turn, repeated."""
    pages = sorted(site.rglob("index.html"), key=lambda p: (len(p.parts), str(p)))
    loads = [path for page in pages for path in page_load(site, page)]
    return [loads[i % len(loads)] for i in range(n)]


def fetch(port: list[int], target: str, start: threading.Barrier) -> tuple[float, int | str, int]:
    """At ``start``, GET ``target`` on its own connection; (seconds to the last byte, status or error,
    bytes)."""
    start.wait(timeout=120)
    began = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port[0], timeout=120)
        connection.request("GET", target, headers={"Accept-Encoding": ACCEPT})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        outcome, size = response.status, len(body)
    except OSError as e:
        outcome, size = type(e).__name__, 0
    return time.perf_counter() - began, outcome, size


def burst(targets: list[str], listening: Callable[[], int]) -> dict:
    """All ``targets`` at once, one thread each, the instant ``listening()`` returns the server's
    port (its threads are started before it is called); latency percentiles and failures."""
    start, port = threading.Barrier(len(targets) + 1), []
    with concurrent.futures.ThreadPoolExecutor(len(targets)) as pool:
        futures = [pool.submit(fetch, port, target, start) for target in targets]
        deadline = time.monotonic() + 60
        while start.n_waiting < len(targets) and time.monotonic() < deadline:
            time.sleep(0.01)
        port.append(listening())
        start.wait(timeout=60)
        replies = [future.result() for future in futures]
    times = sorted(seconds for seconds, _, _ in replies)
    failed = collections.Counter(str(o) for _, o, _ in replies if o != 200)
    slowest = sorted(zip(replies, targets, strict=True), key=lambda rt: -rt[0][0])[:5]
    return {"p50_s": round(statistics.median(times), 3), "p99_s": round(nearest_rank(times, 0.99), 3),
            "max_s": round(times[-1], 3), "failed": dict(failed),
            "mb_received": round(sum(size for _, _, size in replies) / 1e6, 1),
            "slowest": [[target, round(reply[0], 3)] for reply, target in slowest]}


def nearest_rank(ordered: list[float], q: float) -> float:
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class ServerProcess:
    """The server under test in a child process of its own, so each start is cold."""

    def __init__(self, static: Path, site: Path) -> None:
        self.command = [sys.executable, "-c", CHILD, str(static), str(site)]
        self.process: subprocess.Popen | None = None
        self.port, self.start_s = 0, 0.0

    def start(self) -> int:
        """Start it; return its port once it listens."""
        began = time.perf_counter()
        self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline().strip().rsplit(":", 1)[1].strip("/"))
        self.start_s = time.perf_counter() - began
        return self.port

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def one_round(static: Path, site: Path, targets: list[str]) -> dict:
    """A fresh server: the cold burst as soon as it listens, then the warm one."""
    server = ServerProcess(static, site)
    try:
        cold = burst(targets, server.start)
        warm = burst(targets, lambda: server.port)
    finally:
        server.stop()
    return {"start_to_listening_s": round(server.start_s, 3), "cold": cold, "warm": warm}


def medians(rounds: list[dict]) -> dict:
    """Per phase, the median over rounds of each percentile and of the failed requests (whose
    times, until the failure, are in the percentiles too)."""
    return {phase: {key: round(statistics.median(r[phase][key] for r in rounds), 3)
                    for key in ("p50_s", "p99_s", "max_s")}
            | {"failed": statistics.median(sum(r[phase]["failed"].values()) for r in rounds)}
            for phase in ("cold", "warm")}


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def baseline_static(ref: str, where: Path) -> Path:
    """``ref``'s static server, as a file."""
    path = where / "static_before.py"
    path.write_text(git("show", f"{ref}:{STATIC}") + "\n")
    return path


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the repository's)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default="", help="git ref of a 'before' server to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        site = args.site.resolve() if args.site else build_site(Path(tmp) / "site")
        targets = burst_targets(site, args.requests)
        variants = {"after": ROOT / STATIC}
        if args.baseline:
            variants = {"before": baseline_static(args.baseline, Path(tmp))} | variants
        mix = collections.Counter(Path(t).suffix or "/ (page)" for t in targets)
        print(f"{len(targets)} requests at once: {dict(mix.most_common())}; load average {loadavg()}")
        rounds: dict[str, list[dict]] = {name: [] for name in variants}
        load_before = loadavg()
        for i in range(args.rounds):
            for name, static in variants.items():
                result = one_round(static, site, targets)
                rounds[name].append(result)
                print(f"  round {i + 1} {name:>6}: cold p50 {result['cold']['p50_s']:.2f} s, "
                      f"p99 {result['cold']['p99_s']:.2f} s, max {result['cold']['max_s']:.2f} s; "
                      f"warm p99 {result['warm']['p99_s']:.2f} s; failed {result['cold']['failed'] or 0}",
                      flush=True)
    summary = {name: medians(r) for name, r in rounds.items()}
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_before_after": [load_before, loadavg()],
        "requests": len(targets), "concurrency": len(targets),
        "mix": dict(mix.most_common()),
        "command": " ".join(["bench/bench_serve.py", *sys.argv[1:]]),
        "baseline": args.baseline and git("rev-parse", args.baseline),
        "after": git("rev-parse", "HEAD") + (" + uncommitted changes" if git("status", "--porcelain", STATIC) else ""),
        "median_over_rounds": summary,
        "rounds": rounds,
        "target": {"cold_p99_s": 2},
    }
    if "before" in summary:
        result["before_over_after"] = {
            phase: {key: round(summary["before"][phase][key] / max(summary["after"][phase][key], 1e-3), 1)
                    for key in ("p50_s", "p99_s", "max_s")} for phase in ("cold", "warm")}
    for name, s in summary.items():
        print(f"{name:>6} (median of {args.rounds}): cold p50/p99/max {s['cold']['p50_s']}/{s['cold']['p99_s']}/"
              f"{s['cold']['max_s']} s, {s['cold']['failed']} failed; "
              f"warm {s['warm']['p50_s']}/{s['warm']['p99_s']}/{s['warm']['max_s']} s, {s['warm']['failed']} failed")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
