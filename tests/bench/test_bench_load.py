"""The load bench's own arithmetic and request shaping (bench/bench_demo_load.py), not its timings."""

import json
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from bench_demo_load import summarize, uploaded  # noqa: E402


def test_summary_counts_failures_and_reads_percentiles_from_the_answers_only():
    latencies = [float(ms) for ms in range(1, 101)]  # 1 .. 100 ms
    summary = summarize(latencies, failures=3, wall_s=4.0)
    assert summary == {"requests": 103, "failed": 3, "throughput_rps": 25.0, "p50_ms": 50.5, "p99_ms": 99.0}


def test_a_run_with_no_answer_has_no_percentiles():
    assert summarize([], failures=5, wall_s=2.0) == {"requests": 5, "failed": 5, "throughput_rps": 0.0,
                                                     "p50_ms": None, "p99_ms": None}


@pytest.fixture
def server_uploads():
    """An httpx client whose server answers each upload with a path of its own, as Gradio does."""
    received = []

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/gradio_api/upload"
        received.append(request.content)
        return httpx.Response(200, json=[f"/tmp/gradio/{len(received)}.png"])

    with httpx.Client(transport=httpx.MockTransport(answer)) as client:
        yield client, received


def test_local_files_are_uploaded_wherever_they_sit_and_other_values_are_kept(tmp_path, server_uploads):
    client, received = server_uploads
    picture = tmp_path / "digit.png"
    picture.write_bytes(b"not really a png")
    local = {"path": str(picture), "meta": {"_type": "gradio.FileData"}, "orig_name": "digit.png"}
    remote = {"path": "https://example.org/a.png", "url": "https://example.org/a.png",
              "meta": {"_type": "gradio.FileData"}}
    args = [None, local, {"background": None, "layers": [], "composite": local}, remote, 3, "text"]
    sent = uploaded(client, "http://demo", args)
    assert sent[1]["path"] == "/tmp/gradio/1.png" and sent[2]["composite"]["path"] == "/tmp/gradio/2.png"
    assert sent[1]["meta"] == {"_type": "gradio.FileData"}
    assert [sent[0], sent[3], sent[4], sent[5]] == [None, remote, 3, "text"]
    assert len(received) == 2 and all(b"not really a png" in body for body in received)
    json.dumps(sent)  # what goes in the call's body
