"""`make bench` installs Lighthouse with `npm ci` in bench/lighthouse: the lock file must satisfy
package.json, or a fresh clone's `npm ci` stops ("Missing: ... from lock file").

Checked with `npm ci --dry-run --offline` and an empty npm cache: it installs nothing and
reaches no registry, and it succeeds only if the lock alone answers every dependency of
package.json (a dependency the lock does not pin would need the registry, which an empty
cache in offline mode refuses). So the test runs the same offline and online.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

LIGHTHOUSE_DIR = Path(__file__).resolve().parents[2] / "bench" / "lighthouse"
NPM = shutil.which("npm")

pytestmark = pytest.mark.skipif(NPM is None, reason="npm is not installed (only `make bench` needs it)")


def npm_ci_dry_run(folder: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NPM, "ci", "--dry-run", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=folder, env={"PATH": str(Path(NPM).parent), "npm_config_cache": str(cache), "HOME": str(cache)},
        capture_output=True, text=True, timeout=120,
    )


def copy_of_the_bench(tmp_path: Path) -> Path:
    folder = tmp_path / "lighthouse"
    folder.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(LIGHTHOUSE_DIR / name, folder / name)
    return folder


def test_lock_file_satisfies_package_json(tmp_path):
    done = npm_ci_dry_run(copy_of_the_bench(tmp_path), tmp_path / "empty-cache")
    assert done.returncode == 0, (
        f"{LIGHTHOUSE_DIR / 'package-lock.json'} does not satisfy package.json:\n{done.stderr[-1500:]}\n"
        "Fix: `cd bench/lighthouse && npm install --package-lock-only` and commit the lock file."
    )


def test_a_lock_out_of_step_is_caught(tmp_path):
    folder = copy_of_the_bench(tmp_path)
    package = folder / "package.json"
    package.write_text(package.read_text().replace('"lighthouse": "^12', '"lighthouse": "^99'))
    assert npm_ci_dry_run(folder, tmp_path / "empty-cache").returncode != 0
