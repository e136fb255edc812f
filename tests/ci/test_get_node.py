"""`.ci/get-node` (a step of `make web`): Node.js and npm for onnxruntime-web's `npm ci`.

The apt-get install itself is what a fresh Debian machine runs; here stand-ins on PATH show
each path the script takes, with a recording `apt-get` and `id` in place of the real ones.
"""

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "get-node"


def tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def run(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/sh", str(SCRIPT)], env={"PATH": str(path)}, capture_output=True,
                          text=True, timeout=30)


def test_an_npm_on_path_is_used(tmp_path):
    tool(tmp_path, "npm", "echo 10.9.0")
    tool(tmp_path, "node", "echo v20.1.0")
    done = run(tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"node: {tmp_path / 'node'} v20.1.0, npm 10.9.0"


def test_as_root_with_apt_it_installs_debians_nodejs_and_npm(tmp_path):
    tool(tmp_path, "id", "echo 0")
    tool(tmp_path, "apt-get", f'echo "apt-get $*" >> {tmp_path / "log"}')
    done = run(tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "log").read_text().splitlines() == [
        "apt-get update", "apt-get install -y --no-install-recommends nodejs npm"]


def test_without_root_or_apt_it_says_what_to_install(tmp_path):
    tool(tmp_path, "id", "echo 1000")
    tool(tmp_path, "apt-get", "exit 1")
    done = run(tmp_path)
    assert done.returncode == 1
    assert "sudo apt-get install -y --no-install-recommends nodejs npm" in done.stderr
    (tmp_path / "apt-get").unlink()
    done = run(tmp_path)
    assert done.returncode == 1 and "install Node.js 18 or later with npm" in done.stderr
