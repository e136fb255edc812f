"""Demos under load (issue 11). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_demo_load.py [--quick] [--only SLUG]
    .venv/bin/python bench/bench_demo_load.py --sweep 1,2,4 --only imdb-sentiment   # try other concurrencies

For each example project with a Gradio demo: the demo started from its folder as `python app.py`
on a free port (as `showcase serve` does), then 50 concurrent clients each sending the app's
EXAMPLE_REQUEST 10 times, one after the other: failed requests, throughput, p50 and p99 latency.
Beside it, under the same load: the same app with Gradio's default queue (bench/demo_with_queue.py:
one request at a time, no size limit), and a bare Gradio app with the same inputs and no model
(bench/bare_gradio_app.py: Gradio's own floor). Then a flood against the demo: three times more
requests at once than its queue holds; past the queue's size they must be refused at once ("Queue
is full"), where Gradio's defaults take them all and leave them waiting.

The clients speak plain HTTP to Gradio's queue API (bench/gradio_http.call: POST
/gradio_api/call/<api>, then read the event stream; a file argument is uploaded first, on every
request, as gradio_client does), one httpx.Client per visitor, each in its own thread. Not
gradio_client itself: measured here it spends about 110 ms of client CPU per request against about
7 ms for plain HTTP, and on a 2-core machine the clients would take the server's CPU.
Results go to bench/results/demo_load.json (--sweep: demo_concurrency_sweep.json).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import httpx
import numpy as np
from gradio_http import call, start, stop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from showcase.reading.project import Project, discover_projects  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "demo_load.json"
SWEEP_RESULTS = ROOT / "bench" / "results" / "demo_concurrency_sweep.json"
BARE_APP = ROOT / "bench" / "bare_gradio_app.py"
WITH_QUEUE = ROOT / "bench" / "demo_with_queue.py"
BARE_MODE = {"image-classification": "image", "text-classification": "text", "gan": "gan",
             "reinforcement-learning": "rl"}  # the project kind -> the bare app with its inputs
TIMEOUT_S = 600  # one request may wait behind all the others: the slowest demo, one at a time
FILE_DATA = "gradio.FileData"


def summarize(latencies_ms: list[float], failures: int, wall_s: float) -> dict:
    """Failed requests, answers per second of the whole run, and the answers' p50 and p99
    (numpy's linear interpolation between the nearest ranks; None when nothing was answered)."""
    answered = len(latencies_ms)
    p50, p99 = (round(float(p), 1) for p in np.percentile(latencies_ms, [50, 99])) if answered else (None, None)
    return {"requests": answered + failures, "failed": failures,
            "throughput_rps": round(answered / wall_s, 1) if wall_s > 0 else 0.0, "p50_ms": p50, "p99_ms": p99}


def load_app(project: Project) -> ModuleType:
    """The project's app.py as a module (for its EXAMPLE_REQUEST and queue settings)."""
    spec = importlib.util.spec_from_file_location(f"{project.slug.replace('-', '_')}_app", project.root / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_files(value, replace: Callable[[dict], dict]):
    """`value` with each local file in it (gradio_client.handle_file's dict) passed through `replace`."""
    if isinstance(value, list):
        return [with_files(item, replace) for item in value]
    if not isinstance(value, dict):
        return value
    if value.get("meta", {}).get("_type") == FILE_DATA and "url" not in value:
        return replace(value)
    return {key: with_files(item, replace) for key, item in value.items()}


def uploaded(client: httpx.Client, base: str, value):
    """`value` with each local file uploaded and replaced by the server's copy, as gradio_client does."""
    def upload(file: dict) -> dict:
        path = Path(file["path"])
        answer = client.post(f"{base}/gradio_api/upload", files={"files": (path.name, path.read_bytes())})
        answer.raise_for_status()
        return {"path": answer.json()[0], "meta": {"_type": FILE_DATA}, "orig_name": path.name}

    return with_files(value, upload)


def send(client: httpx.Client, base: str, request: dict) -> list:
    """One EXAMPLE_REQUEST over HTTP, its files uploaded first."""
    return call(client, base, request["api_name"].lstrip("/"), uploaded(client, base, request["args"]))


def drive(base: str, request: dict, clients: int, requests: int) -> dict:
    """`clients` visitors at once, each sending `request` `requests` times in a row."""
    latencies, errors, lock = [], [], threading.Lock()

    def visitor(_: int) -> None:
        with httpx.Client(timeout=TIMEOUT_S) as client:
            for _ in range(requests):
                started = time.perf_counter()
                try:
                    send(client, base, request)
                except (httpx.HTTPError, RuntimeError) as e:
                    with lock:
                        errors.append(f"{type(e).__name__}: {e}"[:200])
                    continue
                with lock:
                    latencies.append((time.perf_counter() - started) * 1000)

    started, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(visitor, range(clients)))
    wall_s = time.perf_counter() - started
    result = summarize(latencies, len(errors), wall_s)
    result["wall_s"] = round(wall_s, 1)
    result["client_cpu_s"] = round(time.process_time() - cpu, 1)  # the load's own share of the CPU
    result["errors"] = sorted(set(errors))[:5]
    return result


def flood(base: str, request: dict, count: int) -> dict:
    """`count` requests posted at once (files uploaded once, before): how many the queue refused."""
    api = request["api_name"].lstrip("/")
    with httpx.Client(timeout=TIMEOUT_S) as client:
        data = uploaded(client, base, request["args"])

    def post(_: int) -> httpx.Response:
        with httpx.Client(timeout=TIMEOUT_S) as client:
            return client.post(f"{base}/gradio_api/call/{api}", json={"data": data})

    with ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(post, range(count)))
    refused = [a for a in answers if a.status_code == 503]
    return {"sent": count, "accepted": sum(a.status_code == 200 for a in answers), "refused": len(refused),
            "message": refused[0].json().get("detail") if refused else None}


def served(command: list[str], cwd: Path, request: dict, load: tuple[int, int], flood_count: int = 0) -> dict:
    """Start a server, warm it with a few requests, drive the load (and the flood), stop it."""
    server, base = start(command, cwd)
    try:
        deadline = time.monotonic() + 180
        with httpx.Client(timeout=TIMEOUT_S) as client:
            while True:
                try:
                    for _ in range(3):
                        send(client, base, request)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"{' '.join(command)} in {cwd} did not start") from None
                    time.sleep(0.2)
        cpu = cpu_seconds(server.pid)
        result = drive(base, request, *load)
        result["server_cpu_s"] = round(cpu_seconds(server.pid) - cpu, 1)
        result["server_cores_busy"] = round(result["server_cpu_s"] / result["wall_s"], 2)  # of os.cpu_count()
        if flood_count:
            result["flood"] = flood(base, request, flood_count)
    finally:
        stop(server)
    return result


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux: /proc/<pid>/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def relative(path: str) -> str:
    """A path as the record shows it: from the repository's root, the same on every machine."""
    return Path(path).resolve().relative_to(ROOT).as_posix()


def gradio_apps() -> list[Project]:
    """The example projects whose demo is a Gradio app (a Streamlit demo has no queue API)."""
    projects = discover_projects(ROOT / "projects", on_error=lambda folder, error: None)
    return [p for p in projects if p.card.demo is not None and p.card.demo.app == "app.py"]


def bench_project(project: Project, load: tuple[int, int]) -> dict:
    """The demo with its own settings, with Gradio's defaults, and the bare app, under the same load."""
    app = load_app(project)
    request = app.EXAMPLE_REQUEST
    python = sys.executable
    runs = {
        "demo": [python, "app.py"],
        "demo_gradio_defaults": [python, str(WITH_QUEUE)],
        "bare_gradio": [python, str(BARE_APP), BARE_MODE[project.card.kind]],
    }
    result = {"settings": {"concurrency_limit": app.CONCURRENCY_LIMIT, "queue_size": app.QUEUE_SIZE,
                           "max_file_size": app.MAX_FILE_SIZE},
              "request": with_files(request, lambda file: {**file, "path": relative(file["path"])})}
    for name, command in runs.items():
        flood_count = 3 * app.QUEUE_SIZE if name != "bare_gradio" else 0  # refused, or all left waiting
        result[name] = served(command, project.root, request, load, flood_count)
        print(f"  {name}: {row(result[name])}", flush=True)
    return result


def sweep_project(project: Project, load: tuple[int, int], limits: list[int], rounds: int) -> dict:
    """The demo under the same load with each concurrency limit (no queue size limit), in turn
    `rounds` times, so a busy spell on a shared machine falls on every limit alike."""
    request = load_app(project).EXAMPLE_REQUEST
    runs: dict[str, list] = {str(limit): [] for limit in limits}
    for _ in range(rounds):
        for limit in limits:
            command = [sys.executable, str(WITH_QUEUE), "--concurrency", str(limit)]
            runs[str(limit)].append(served(command, project.root, request, load))
            print(f"  concurrency {limit}: {row(runs[str(limit)][-1])}", flush=True)
    medians = {limit: {key: round(float(np.median([run[key] for run in done])), 2)
                       for key in ("throughput_rps", "p50_ms", "p99_ms", "server_cores_busy")}
               for limit, done in runs.items()}
    for limit, median in medians.items():
        print(f"  concurrency {limit}, median of {rounds}: {median}", flush=True)
    return {"runs": runs, "medians": medians}


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def row(run: dict) -> str:
    return (f"{run['failed']} failed of {run['requests']}, {run['throughput_rps']:.1f} requests/s, "
            f"p50 {ms(run['p50_ms'])}, p99 {ms(run['p99_ms'])}; server {run['server_cores_busy']} cores busy, "
            f"client CPU {run['client_cpu_s']} s")


def table(results: dict) -> str:
    lines = ["| demo | server | failed | requests/s | p50 | p99 | flood refused |", "|---|---|---|---|---|---|---|"]
    for slug, result in results.items():
        for name in ("demo", "demo_gradio_defaults", "bare_gradio"):
            run = result[name]
            flood_text = f"{run['flood']['refused']} of {run['flood']['sent']}" if "flood" in run else ""
            lines.append(f"| {slug} | {name} | {run['failed']} of {run['requests']} | {run['throughput_rps']:.1f} | "
                         f"{ms(run['p50_ms'])} | {ms(run['p99_ms'])} | {flood_text} |")
    refusals = {run["flood"]["message"] for result in results.values() for run in result.values()
                if isinstance(run, dict) and run.get("flood", {}).get("message")}
    return "\n".join(lines + [f"\nrefused with: {message}" for message in sorted(refusals)])


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                platform.processor())


def environment(load: tuple[int, int]) -> dict:
    """Where and when: the machine, the versions, the load."""
    return {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {cpu_model()}",
            "python": platform.python_version(),
            "versions": {name: importlib.metadata.version(name) for name in ("gradio", "gradio_client", "httpx")},
            "load": {"clients": load[0], "requests_per_client": load[1],
                     "client": "plain HTTP on Gradio's queue API, one httpx.Client per thread"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 clients x 3 requests; records nothing")
    parser.add_argument("--only", help="one project's slug")
    parser.add_argument("--sweep", help="concurrency limits to try, e.g. 1,2,4 (records the sweep instead)")
    parser.add_argument("--rounds", type=int, default=3, help="--sweep: how many times to try each limit")
    parser.add_argument("--requests", type=int, default=10, help="requests per client (default 10)")
    args = parser.parse_args()
    load = (10, 3) if args.quick else (50, args.requests)
    projects = [p for p in gradio_apps() if args.only in (None, p.slug)]
    if not projects:
        raise SystemExit(f"skipped: no Gradio demo under {ROOT / 'projects'}" + (f" named {args.only}" if args.only else ""))
    if args.sweep:
        sweep(projects, load, [int(n) for n in args.sweep.split(",")], args.rounds)
        return
    results = {}
    for project in projects:
        print(f"{project.slug}, {load[0]} clients x {load[1]} requests:", flush=True)
        results[project.slug] = bench_project(project, load)
    print("\n" + table(results))
    if not args.quick:
        RESULTS.write_text(json.dumps({**environment(load), "projects": results}, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


def sweep(projects: list[Project], load: tuple[int, int], limits: list[int], rounds: int) -> None:
    """Each project's sweep, recorded beside those of the projects not swept this time."""
    record = json.loads(SWEEP_RESULTS.read_text()) if SWEEP_RESULTS.exists() else {}
    for project in projects:
        print(f"{project.slug}, {load[0]} clients x {load[1]} requests, concurrency {limits}:", flush=True)
        record[project.slug] = {**environment(load), **sweep_project(project, load, limits, rounds)}
        SWEEP_RESULTS.write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {SWEEP_RESULTS.relative_to(ROOT)}")

if __name__ == "__main__":
    main()
