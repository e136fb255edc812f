"""Benchmarks of the portfolio site's build time and home-page weight (issue 3). Not a test.

    make bench          # or: .venv/bin/python bench/bench_site.py [--quick]

1. `mkdocs build --strict` wall time (a fresh process, as a user runs it; median of 3) of
   the repository's mkdocs.yml and content/ over N projects, N = 1, 4, 25, 100: copies of
   the valid projects under projects/ (cycled), made in a scratch folder; a least-squares
   line gives the fixed cost and the cost per project.
2. Home-page weight: every byte transferred (HTML, CSS, JS, images, JSON; gzip as a static
   host serves it) until the network is idle, in Debian's headless Chromium at a phone's
   viewport, for 4 and 100 projects.
Results go to bench/results/site_build.json. Targets: 4 projects < 3 s, 100 < 20 s,
home page < 500 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "site_build.json"
sys.path.insert(0, str(ROOT))

from showcase.exceptions import ShowcaseError  # noqa: E402
from showcase.reading.project import discover_projects  # noqa: E402
from showcase.serve.static import serve_directory  # noqa: E402

ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "GRADIO_ANALYTICS_ENABLED": "False",
                    "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
SKIP = shutil.ignore_patterns("models", "src", "tests", "data", "examples", ".venv", "__pycache__",
                              "*.egg-info", ".pytest_cache", ".ruff_cache")


def valid_projects() -> list[Path]:
    """The projects under projects/ that the site can show today (others are reported)."""
    def left_out(project_dir: Path, error: ShowcaseError) -> None:
        print(f"  (left out, not valid yet: {project_dir.name}: {str(error).splitlines()[0][:120]})")

    found = [project.root for project in discover_projects(ROOT / "projects", on_error=left_out)]
    if not found:
        sys.exit("no valid project under projects/ to copy")
    return found


def make_site(where: Path, sources: list[Path], n: int) -> Path:
    """The repository's site config beside ``n`` project copies; return its mkdocs.yml."""
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "content", where / "content")
    for i in range(n):
        source = sources[i % len(sources)]
        slug = source.name if i < len(sources) else f"{source.name}-{i:03d}"
        shutil.copytree(source, where / "projects" / slug, ignore=SKIP)
    return where / "mkdocs.yml"


def build_seconds(config: Path, runs: int) -> list[float]:
    """Wall time of `mkdocs build --strict` in a fresh process, ``runs`` times."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                       check=True, env=ENV, cwd=config.parent)
        times.append(round(time.perf_counter() - started, 3))
    return times


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares ``seconds = a + b * projects``; returns (a, b)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    b = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def home_weight(site_dir: Path) -> dict:
    """Bytes transferred by the home page until the network is idle (phone viewport)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {"skipped": "Debian's chromium is not installed: `make browser` (as root) installs it"}
    by_type: dict[str, int] = {}
    with serve_directory(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        done = []
        page.on("requestfinished", lambda request: done.append(request))
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        for request in done:
            sizes = request.sizes()
            kind = request.resource_type
            by_type[kind] = by_type.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
        browser.close()
    total = sum(by_type.values())
    return {"total_kb": round(total / 1024, 1), "requests": len(done),
            "by_type_kb": {k: round(v / 1024, 1) for k, v in sorted(by_type.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run per size, sizes 1, 4 and 25")
    args = parser.parse_args()
    runs, sizes = (1, [1, 4, 25]) if args.quick else (3, [1, 4, 25, 100])
    sources = valid_projects()
    print(f"site build, {runs} run(s) per size, copies of: {', '.join(p.name for p in sources)}")
    builds, weights = {}, {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
            config = make_site(Path(tmp), sources, n)
            times = build_seconds(config, runs)
            builds[n] = {"runs_s": times, "median_s": statistics.median(times)}
            line = f"  {n:>3} projects: build {builds[n]['median_s']:.2f} s (median of {runs}: {times})"
            if n in (4, 100):
                weights[n] = home_weight(Path(tmp) / "public")
                line += f"; home page {weights[n].get('total_kb')} KB in {weights[n].get('requests')} requests"
            print(line, flush=True)
    fixed, per_project = fit_line([(n, b["median_s"]) for n, b in builds.items()])
    print(f"  growth: about {fixed:.2f} s fixed + {per_project * 1000:.0f} ms per project (least squares)")
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "quick": args.quick,
        "projects_copied": [p.name for p in sources],
        "build": {str(n): b for n, b in builds.items()},
        "growth": {"fixed_s": round(fixed, 3), "per_project_ms": round(per_project * 1000, 1)},
        "home_page_weight": {str(n): w for n, w in weights.items()},
        "targets": {"build_4_s": 3, "build_100_s": 20, "home_kb": 500},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
