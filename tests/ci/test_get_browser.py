"""`.ci/get-browser` (`make browser`): what it does before it would install anything.

The install itself (apt-get or Playwright's download) is what `make test` runs on a fresh
machine; here a stand-in `chromium` on PATH and SKIP_BROWSER_TESTS show the other paths.
"""

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "get-browser"


def run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/sh", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)


def test_skip_says_so_and_installs_nothing(tmp_path):
    done = run({"PATH": str(tmp_path), "SKIP_BROWSER_TESTS": "1"})
    assert done.returncode == 0
    assert "SKIP_BROWSER_TESTS=1, the site's browser tests will be skipped" in done.stdout


def test_a_chromium_on_path_is_used(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    done = run({"PATH": f"{tmp_path}{os.pathsep}/usr/bin{os.pathsep}/bin"})
    assert done.returncode == 0 and done.stdout.strip() == f"browser: {chromium}"


def test_without_apt_it_asks_playwright(tmp_path):
    playwright = tmp_path / "playwright"
    playwright.write_text('#!/bin/sh\necho "playwright $*"\n')
    playwright.chmod(0o755)
    empty = tmp_path / "bin"  # on PATH: no chromium, no apt-get
    empty.mkdir()
    done = run({"PATH": str(empty), "PLAYWRIGHT": str(playwright)})
    assert done.returncode == 0, done.stderr
    assert "no apt-get here" in done.stdout and "playwright install chromium" in done.stdout
