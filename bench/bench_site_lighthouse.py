"""Lighthouse 12 scores of the portfolio site beside a bare mkdocs-material page (issue 3).

    make bench          # or: .venv/bin/python bench/bench_site_lighthouse.py [--runs 3]

Lighthouse (npm, pinned in bench/lighthouse/package-lock.json; `npm ci` there when it is
missing; package.json's `overrides` pin the two packages Lighthouse's trace engine asks for
as `latest`, so the lock stays valid when they publish: tests/bench/test_bench_lighthouse.py) on
Debian's chromium (CHROME_PATH), mobile preset (its default: a mid-range
phone, simulated slow 4G and 4x CPU slowdown), four categories: performance,
accessibility, best practices, SEO. Pages: the portfolio's home, its catalogue, skills and every
project page (the repository's site over copies of the valid projects, built for the address it
is served from; `--first-project-only` for the home and one project page, as before issue 29), and
`mkdocs new`'s page with `theme: material` and nothing else. All are
served by showcase's static server (gzip, like a static host). Median of 3 runs each.
Results go to bench/results/site_lighthouse.json. Target: each score at least 95.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results" / "site_lighthouse.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_site import ENV, make_site, valid_projects  # noqa: E402

from showcase.serve.static import serve_directory  # noqa: E402


def ensure_lighthouse() -> str:
    """Lighthouse's version, installing it from the lock file first if needed."""
    if not LIGHTHOUSE.exists():
        print("installing Lighthouse (npm ci in bench/lighthouse) ...", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run; the four scores (0-100), the page weight and failing audits."""
    chrome = shutil.which("chromium")
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        check=True, env=os.environ | {"CHROME_PATH": chrome},
    )
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = sorted(
        f"{c}:{ref['id']}"
        for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0 and (report["audits"][ref["id"]].get("score") or 1) < 0.9
    )
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    return {"scores": scores, "total_kb": round(weight / 1024, 1), "failing": failing}


def median_of(runs: list[dict]) -> dict:
    """Per-category medians, the median weight, and audits failing in any run."""
    return {
        "scores": {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES},
        "total_kb": statistics.median(r["total_kb"] for r in runs),
        "failing_in_some_run": sorted({f for r in runs for f in r["failing"]}),
        "runs": [r["scores"] for r in runs],
    }


def bare_material_site(where: Path) -> Path:
    """`mkdocs new` with `theme: material`: the default page the issue compares against."""
    subprocess.run([sys.executable, "-m", "mkdocs", "new", str(where)], check=True, env=ENV,
                   capture_output=True)
    config = where / "mkdocs.yml"
    config.write_text(config.read_text() + "theme:\n  name: material\n")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=ENV)
    return where / "site"


def measure(url: str, paths: dict[str, str], runs: int, scratch: Path) -> dict:
    """Run Lighthouse ``runs`` times on each path under ``url``."""
    out = {}
    for name, path in paths.items():
        results = [lighthouse(url + path, scratch / f"{name}-{i}.json") for i in range(runs)]
        out[name] = median_of(results)
        s = out[name]["scores"]
        print(f"  {name:<14} perf {s['performance']:>5}  a11y {s['accessibility']:>5}  "
              f"best {s['best-practices']:>5}  seo {s['seo']:>5}  ({out[name]['total_kb']} KB)", flush=True)
    return out


def build_portfolio(where: Path, sources: list[Path], site_url: str) -> None:
    """The portfolio over the valid projects, built for the address it is served from
    (as when deployed: the sitemap, canonical links and social images use it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = make_site(where, sources, len(sources))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    build(load_config(config_file=str(config), site_url=site_url, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first-project-only", action="store_true",
                        help="the home and the first project page only (the pages measured before issue 29)")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        sys.exit("Debian's chromium is needed: apt-get install -y chromium")
    version = ensure_lighthouse()
    sources = valid_projects()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        scratch = Path(tmp)
        (scratch / "portfolio" / "public").mkdir(parents=True)
        print(f"Lighthouse {version}, mobile preset, median of {args.runs} run(s)")
        with serve_directory(scratch / "portfolio" / "public") as url:
            build_portfolio(scratch / "portfolio", sources, url)
            pages = {"home": "", "project_page": f"projects/{sources[0].name}/"}
            if not args.first_project_only:  # every page a visitor can reach, each project's too
                pages = {"home": "", "projects": "projects/", "skills": "skills/",
                         **{f"project:{source.name}": f"projects/{source.name}/" for source in sources}}
            results.update(measure(url, pages, args.runs, scratch))
        with serve_directory(bare_material_site(scratch / "bare")) as url:
            results.update(measure(url, {"bare_material": ""}, args.runs, scratch))
    record = {"lighthouse": version, "preset": "mobile (default)", "runs": args.runs,
              "served_by": "showcase.serve.static (gzip)", "target": 95, "pages": results}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2) + "\n")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
