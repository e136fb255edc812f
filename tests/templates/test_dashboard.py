"""`make dashboard` in a project: trackio's dashboard of the runs its training logged in runs/, served
here offline. The Makefile is the example cartpole-ppo's, the template's as rendered."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parents[1]
LOG_A_RUN = """
import trackio
trackio.init(project="cartpole_ppo", name="first-run", config={"learning_rate": 0.00025}, embed=False)
trackio.log({"charts/episodic_return": 21.0}, step=128)
trackio.finish()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_dashboard_serves_the_projects_runs_from_runs(tmp_path):
    project = tmp_path / "cartpole-ppo"
    project.mkdir()
    (project / "Makefile").write_text((REPO / "projects/cartpole-ppo/Makefile").read_text())
    env = {key: value for key, value in os.environ.items() if key != "TRACKIO_DIR"}  # the Makefile's default
    subprocess.run([sys.executable, "-c", LOG_A_RUN], cwd=project, check=True, capture_output=True,
                   env={**env, "TRACKIO_DIR": str(project / "runs")})
    assert (project / "runs" / "cartpole_ppo.db").is_file()
    port = free_port()
    # `-o`: the venv counts as installed (the project's own `make install` is not under test here)
    server = subprocess.Popen(["make", "-o", f"{VENV}/.installed", "dashboard", f"VENV={VENV}"], cwd=project,
                              env={**env, "GRADIO_SERVER_PORT": str(port)}, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            lines.append(line)
            if "launched at" in line or server.poll() is not None:
                break
        url = re.search(r"http://127\.0\.0\.1:\d+/\?project=cartpole_ppo", "".join(lines))
        assert url, "".join(lines)
        assert f":{port}/" in url.group(0)
        with urllib.request.urlopen(url.group(0), timeout=30) as page:
            assert page.status == 200 and "<title>Trackio Dashboard</title>" in page.read().decode()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
