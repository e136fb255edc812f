"""Timing a Gradio demo the way a visitor's client meets it: a fresh process, then the raw
HTTP API (POST /gradio_api/call/<api>, then read the event stream), on 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np

Payload = Callable[[httpx.Client, str], list]  # (client, base URL) -> the call's "data" list


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(client: httpx.Client, base: str, api: str, data: list) -> list:
    """One prediction: POST the call, then read its event stream to the end."""
    event = client.post(f"{base}/gradio_api/call/{api}", json={"data": data})
    event.raise_for_status()
    with client.stream("GET", f"{base}/gradio_api/call/{api}/{event.json()['event_id']}") as stream:
        kind = None
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind in ("complete", "error"):
                if kind == "error":
                    raise RuntimeError(f"the demo answered with an error: {line}")
                return json.loads(line[5:])
    raise RuntimeError("the event stream ended without an answer")


def start(command: list[str], cwd: Path) -> tuple[subprocess.Popen, str]:
    """Start a Gradio app on a free port of 127.0.0.1, offline; return the process and its base URL."""
    port = free_port()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False",
           "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def stop(server: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL: a demo still working through a queue (after a flood) may not stop."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure(command: list[str], cwd: Path, payload: Payload, requests: int, api: str = "predict") -> dict:
    """Start the demo, time process start to first answer, then `requests` answers one by one."""
    started = time.perf_counter()
    server, base = start(command, cwd)
    try:
        with httpx.Client(timeout=60) as client:
            while True:
                try:
                    data = payload(client, base)
                    first = call(client, base, api, data)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 120:
                        raise RuntimeError(f"{command} did not start") from None
                    time.sleep(0.05)
            first_answer_s = time.perf_counter() - started
            times = []
            for _ in range(requests):
                t0 = time.perf_counter()
                call(client, base, api, data)
                times.append((time.perf_counter() - t0) * 1000)
    finally:
        stop(server)
    return {"start_to_first_answer_s": round(first_answer_s, 2), "first_answer": first,
            "requests": requests, "median_ms": round(statistics.median(times), 2),
            "p90_ms": round(float(np.percentile(times, 90)), 2)}


def measure_runs(runs: int, command: list[str], cwd: Path, payload: Payload, requests: int,
                 api: str = "predict") -> dict:
    """Several fresh servers; the medians of their start-up times and of their latencies."""
    results = []
    for _ in range(runs):
        result = measure(command, cwd, payload, requests, api)
        result.pop("first_answer")
        results.append(result)
        print(f"  start to first answer {result['start_to_first_answer_s']:.2f} s, "
              f"median {result['median_ms']:.1f} ms over {requests} requests", flush=True)
    return {"runs": results, "requests": requests,
            "start_to_first_answer_s": statistics.median(r["start_to_first_answer_s"] for r in results),
            "median_ms": statistics.median(r["median_ms"] for r in results),
            "p90_ms": statistics.median(r["p90_ms"] for r in results)}
