"""The in-browser demos (issue 12): what a visitor downloads, how long until the first answer,
and each answer after it, beside the project's Gradio demo.

    make bench          # or: .venv/bin/python bench/bench_browser_demos.py [--loads 5] [--only fashion-cnn]

The repository's site is built and served by showcase's static server (gzip, as a static host);
headless Chromium (Debian's) opens each project page with a fresh browser context (an empty
cache: a cold load) and clicks "Try it here":

- bytes: the demo's responses after the click (runtime, model, code, stylesheet), on the wire
  (gzip) and decoded;
- click to first answer: from the click to the demo's first "sc-answer" event, median of
  `--loads` cold loads, unthrottled and under Lighthouse's mobile profile applied as DevTools
  throttling (its "slow 4G": 562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s up; CPU 4x
  slower);
- time per answer: the demo's `answer()` (its form's input again: preparation, model, drawing),
  `--answers` times after the first, median;
- the Gradio demo (the project's app.py): process start to the first answer of its
  EXAMPLE_REQUEST over HTTP and the median of `--answers` more, median of `--gradio-runs` starts.

Results go to bench/results/browser_demos.json (`--only` updates those projects' entries).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "browser_demos.json"
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from bench_demo_load import load_app, uploaded  # noqa: E402
from gradio_http import measure_runs  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from showcase.reading.project import discover_projects  # noqa: E402
from showcase.serve.static import serve_directory  # noqa: E402
from showcase.site.demos import browser_demo  # noqa: E402

# Lighthouse 12's mobile preset (constants.throttling.mobileSlow4G), as DevTools applies it.
MOBILE_NETWORK = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
                  "uploadThroughput": 675 * 1024 / 8}
MOBILE_CPU_SLOWDOWN = 4

CLICK = """() => new Promise((resolve) => {
  const box = document.querySelector(".sc-demo[data-sc-demo=browser]");
  document.addEventListener("sc-answer", () => resolve(performance.now() - start), { once: true });
  document.addEventListener("sc-error", (e) => resolve("error: " + e.detail.message), { once: true });
  const start = performance.now();
  box.querySelector(".sc-demo__open").click();
})"""

ANSWERS = """async (count) => {
  const demo = document.querySelector(".sc-demo[data-sc-demo=browser]").scDemo;
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await demo.answer();
    times.push(performance.now() - start);
  }
  return times;
}"""


def build_site(where: Path) -> Path:
    """The repository's own site, built as `make build` builds it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = where / "public"
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site)))
    return site


def warm_gzip_cache(base: str, site: Path) -> None:
    """Ask once for every compressible file, so the server's gzip cache (kept per file) is filled and
    the timed loads see what a static host serves, not this server compressing 14 MB."""
    for path in site.rglob("*"):
        if path.suffix in (".wasm", ".mjs"):
            request = urllib.request.Request(f"{base}{path.relative_to(site).as_posix()}",
                                             headers={"Accept-Encoding": "gzip"})
            urllib.request.urlopen(request).read()


def demo_file(path: str, slug: str) -> bool:
    """Whether a request is the demo's: the runtime, the demos' code, the project's demo files (Material
    fetches its search index after the page loads, which may fall after the click: not counted)."""
    return path.startswith(("assets/ort/", "assets/showcase/demos/", f"projects/{slug}/demo/"))


def cold_load(browser: Browser, base: str, slug: str, answers: int, throttled: bool) -> dict:
    """One visit with an empty cache: the click, the first answer, what came down, then `answers` more."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    try:
        page.goto(f"projects/{slug}/", wait_until="load")
        if throttled:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU_SLOWDOWN})
        responses = []
        page.on("response", lambda response: responses.append(response))
        first = page.evaluate(CLICK)
        if isinstance(first, str):
            raise RuntimeError(f"{slug}: {first}")
        times = page.evaluate(ANSWERS, answers) if answers else []
        sizes = [(r.url, r.request.sizes()["responseBodySize"], len(r.body())) for r in responses
                 if demo_file(r.url.removeprefix(base), slug)]
    finally:
        context.close()
    return {"click_to_first_answer_ms": round(first, 1), "answer_ms": times,
            "wire_bytes": sum(s[1] for s in sizes), "decoded_bytes": sum(s[2] for s in sizes),
            "files": {url.removeprefix(base): [wire, decoded] for url, wire, decoded in sizes}}


def in_browser(browser: Browser, base: str, slug: str, loads: int, throttled_loads: int, answers: int) -> dict:
    """Cold loads, unthrottled then throttled; their medians."""
    plain = [cold_load(browser, base, slug, answers if i == 0 else 0, False) for i in range(loads)]
    slow = [cold_load(browser, base, slug, 0, True) for _ in range(throttled_loads)]
    first = [r["click_to_first_answer_ms"] for r in plain]
    mobile = [r["click_to_first_answer_ms"] for r in slow]
    print(f"  in the page: first answer {statistics.median(first):.0f} ms (runs {first}), "
          f"mobile {statistics.median(mobile) if mobile else float('nan'):.0f} ms, "
          f"answer {statistics.median(plain[0]['answer_ms']):.2f} ms, "
          f"{plain[0]['wire_bytes'] / 1e6:.2f} MB on the wire", flush=True)
    return {"click_to_first_answer_ms": statistics.median(first), "runs_ms": first,
            "mobile_click_to_first_answer_ms": statistics.median(mobile) if mobile else None,
            "mobile_runs_ms": mobile,
            "answer_median_ms": round(statistics.median(plain[0]["answer_ms"]), 3),
            "answers": len(plain[0]["answer_ms"]),
            "wire_bytes": plain[0]["wire_bytes"], "decoded_bytes": plain[0]["decoded_bytes"],
            "files": plain[0]["files"]}


def gradio(project, runs: int, answers: int) -> dict:
    """The project's Gradio demo: process start to first answer, then the HTTP median."""
    request = load_app(project).EXAMPLE_REQUEST

    def payload(client: httpx.Client, base: str) -> list:
        return uploaded(client, base, request["args"])

    return measure_runs(runs, [sys.executable, "app.py"], project.root, payload, answers,
                        api=request["api_name"].lstrip("/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="cold loads per demo, unthrottled")
    parser.add_argument("--throttled-loads", type=int, default=5, help="cold loads under mobile throttling")
    parser.add_argument("--answers", type=int, default=50, help="answers timed after the first")
    parser.add_argument("--gradio-runs", type=int, default=3, help="Gradio demo starts per project")
    parser.add_argument("--only", nargs="*", help="project slugs (default: every project with a browser demo)")
    args = parser.parse_args()
    projects = [p for p in discover_projects(ROOT / "projects") if browser_demo(p) is not None
                and (not args.only or p.slug in args.only)]
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = build_site(Path(tmp))
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        with serve_directory(site) as base:
            warm_gzip_cache(base, site)
            for project in projects:
                print(f"{project.slug} ({project.card.kind})", flush=True)
                page = in_browser(browser, base, project.slug, args.loads, args.throttled_loads, args.answers)
                results[project.slug] = {"kind": project.card.kind, "in_browser": page,
                                         "gradio": gradio(project, args.gradio_runs, args.answers)}
        browser.close()
    version = json.loads((ROOT / "showcase/site/browser/node_modules/onnxruntime-web/package.json")
                         .read_text())["version"]
    if args.only and RESULTS.exists():  # a partial run updates those projects' lines, keeps the others
        results = json.loads(RESULTS.read_text())["demos"] | results
    RESULTS.write_text(json.dumps({"onnxruntime_web": version, "chromium": browser.version,
                                   "loads": args.loads, "throttled_loads": args.throttled_loads,
                                   "mobile_throttling": {"network": MOBILE_NETWORK, "cpu_slowdown": MOBILE_CPU_SLOWDOWN},
                                   "demos": results}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    print("| demo | downloaded (wire / decoded) | click to first answer | mobile profile | per answer "
          "| Gradio: start to first answer | Gradio: per answer (HTTP) |")
    print("|---|---|---|---|---|---|---|")
    for slug, r in results.items():
        page, server = r["in_browser"], r["gradio"]
        mobile = page["mobile_click_to_first_answer_ms"]
        print(f"| {slug} | {page['wire_bytes'] / 1e6:.2f} / {page['decoded_bytes'] / 1e6:.2f} MB "
              f"| {page['click_to_first_answer_ms']:.0f} ms | {f'{mobile / 1000:.1f} s' if mobile else '-'} "
              f"| {page['answer_median_ms']:.2f} ms | {server['start_to_first_answer_s']:.2f} s "
              f"| {server['median_ms']:.1f} ms |")


if __name__ == "__main__":
    main()
