"""The in-browser demos (issues 12 and 29): what a visitor downloads, how long from the tap to the
first answer on a desktop and on a phone, and each answer after it, beside the project's Gradio demo.

    make bench          # or: .venv/bin/python bench/bench_browser_demos.py [--loads 5] [--only fashion-cnn]

The repository's site is built and served by showcase's static server (gzip, as a static host);
headless Chromium (Debian's) opens each project page with a fresh browser context (an empty
cache: a cold visit), scrolls the demo into view and taps "Try it here":

- desktop (unthrottled): the tap as soon as the page has loaded; median of `--loads` visits;
- phone: Lighthouse's mobile profile applied as DevTools throttling from the start of the visit
  (its "slow 4G": 562.5 ms request latency, 1.47 Mbit/s down, 675 kbit/s up; CPU 4x slower), two
  visitors, `--throttled-loads` visits each:
  - "on arrival": taps as soon as the page has loaded (the demo's files have only started to
    come: the worst case);
  - "once ready": reads until the demo has fetched its files (`data-sc-ready`, set when its
    prefetch is done), then taps; also how long that took from the load, and the bytes this
    visitor downloaded for the demo without tapping;
- time per answer: the demo's `answer()` (its form's input again: preparation, model, drawing),
  `--answers` times after the first, median;
- bytes: the demo's responses (runtime, model, code, stylesheet), on the wire (gzip) and decoded;
- the Gradio demo (the project's app.py): process start to the first answer of its
  EXAMPLE_REQUEST over HTTP and the median of `--answers` more, median of `--gradio-runs` starts.

Results go to bench/results/browser_demos.json (`--only` updates those projects' entries). The
figures before issue 29 (onnxruntime-web fetched on the tap, page loaded unthrottled, then the
tap under the mobile profile) stay in it under "before_issue_29".
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

READY = """() => new Promise((resolve) => {
  const start = performance.now();
  const box = document.querySelector(".sc-demo[data-sc-demo=browser]");
  const check = () => (box.hasAttribute("data-sc-ready") ? resolve(performance.now() - start) : setTimeout(check, 50));
  check();
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


def visit(browser: Browser, base: str, slug: str, answers: int, throttled: bool, when_ready: bool) -> dict:
    """One visit with an empty cache: the page loads, the demo is scrolled into view, the tap (at once,
    or once the demo is ready), the first answer, what came down; then `answers` more."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    try:
        if throttled:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": MOBILE_CPU_SLOWDOWN})
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(f"projects/{slug}/", wait_until="load")
        page.locator(".sc-demo[data-sc-demo=browser]").scroll_into_view_if_needed()
        ready_ms = None
        if when_ready:
            ready_ms = page.evaluate(READY)
        prefetched = len(responses)
        first = page.evaluate(CLICK)
        if isinstance(first, str):
            raise RuntimeError(f"{slug}: {first}")
        times = page.evaluate(ANSWERS, answers) if answers else []
        sizes = [(r.url, r.request.sizes()["responseBodySize"], len(r.body())) for r in responses
                 if demo_file(r.url.removeprefix(base), slug)]
        before_tap = sum(r.request.sizes()["responseBodySize"] for r in responses[:prefetched]
                         if demo_file(r.url.removeprefix(base), slug))
    finally:
        context.close()
    return {"click_to_first_answer_ms": round(first, 1), "ready_after_load_ms": ready_ms, "answer_ms": times,
            "wire_bytes": sum(s[1] for s in sizes), "decoded_bytes": sum(s[2] for s in sizes),
            "wire_bytes_before_tap": before_tap,
            "files": {url.removeprefix(base): [wire, decoded] for url, wire, decoded in sizes}}


def in_browser(browser: Browser, base: str, slug: str, loads: int, throttled_loads: int, answers: int,
               replay: bool) -> dict:
    """Desktop visits, then the two phone visitors; their medians."""
    plain = [visit(browser, base, slug, answers if i == 0 else 0, False, False) for i in range(loads)]
    arrival = [visit(browser, base, slug, 0, True, False) for _ in range(throttled_loads)]
    # a replay fetches nothing ahead (its recording comes on the tap): its reader gains nothing by waiting
    ready = [] if replay else [visit(browser, base, slug, 0, True, True) for _ in range(throttled_loads)]

    def median(runs: list[dict], key: str) -> float | None:
        return statistics.median(r[key] for r in runs) if runs else None

    result = {
        "click_to_first_answer_ms": median(plain, "click_to_first_answer_ms"),
        "runs_ms": [r["click_to_first_answer_ms"] for r in plain],
        "mobile_on_arrival_ms": median(arrival, "click_to_first_answer_ms"),
        "mobile_on_arrival_runs_ms": [r["click_to_first_answer_ms"] for r in arrival],
        "mobile_once_ready_ms": median(ready, "click_to_first_answer_ms"),
        "mobile_once_ready_runs_ms": [r["click_to_first_answer_ms"] for r in ready],
        "mobile_ready_after_load_ms": median(ready, "ready_after_load_ms"),
        "mobile_wire_bytes_without_a_tap": median(ready, "wire_bytes_before_tap") if ready else 0,
        "answer_median_ms": round(statistics.median(plain[0]["answer_ms"]), 3),
        "answers": len(plain[0]["answer_ms"]),
        "wire_bytes": plain[0]["wire_bytes"], "decoded_bytes": plain[0]["decoded_bytes"],
        "files": plain[0]["files"],
    }
    ms = lambda v: f"{v / 1000:.2f} s" if v is not None else "-"  # noqa: E731
    print(f"  desktop {ms(result['click_to_first_answer_ms'])}; phone: on arrival "
          f"{ms(result['mobile_on_arrival_ms'])}, once ready {ms(result['mobile_once_ready_ms'])} (ready "
          f"{ms(result['mobile_ready_after_load_ms'])} after the load, "
          f"{result['mobile_wire_bytes_without_a_tap'] / 1e6:.2f} MB without a tap); answer "
          f"{result['answer_median_ms']:.2f} ms; {result['wire_bytes'] / 1e6:.2f} MB on the wire", flush=True)
    return result


def gradio(project, runs: int, answers: int) -> dict:
    """The project's Gradio demo: process start to first answer, then the HTTP median."""
    request = load_app(project).EXAMPLE_REQUEST

    def payload(client: httpx.Client, base: str) -> list:
        return uploaded(client, base, request["args"])

    return measure_runs(runs, [sys.executable, "app.py"], project.root, payload, answers,
                        api=request["api_name"].lstrip("/"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="cold visits per demo, unthrottled")
    parser.add_argument("--throttled-loads", type=int, default=5,
                        help="cold visits per phone visitor (on arrival, once ready), under mobile throttling")
    parser.add_argument("--answers", type=int, default=50, help="answers timed after the first")
    parser.add_argument("--gradio-runs", type=int, default=3, help="Gradio demo starts per project")
    parser.add_argument("--only", nargs="*", help="project slugs (default: every project with a browser demo)")
    parser.add_argument("--before", type=Path,
                        help="this bench's results file from a commit before issue 29, kept beside the new figures")
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
                page = in_browser(browser, base, project.slug, args.loads, args.throttled_loads, args.answers,
                                  browser_demo(project).replay)
                results[project.slug] = {"kind": project.card.kind, "in_browser": page,
                                         "gradio": gradio(project, args.gradio_runs, args.answers)}
        browser.close()
    version = json.loads((ROOT / "showcase/site/browser/node_modules/onnxruntime-web/package.json")
                         .read_text())["version"]
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if args.only:  # a partial run updates those projects' lines, keeps the others
        results = old.get("demos", {}) | results
    before = json.loads(args.before.read_text()) if args.before else old.get("before_issue_29")
    RESULTS.write_text(json.dumps({
        "onnxruntime_web": version, "chromium": browser.version,
        "loads": args.loads, "throttled_loads": args.throttled_loads,
        "mobile_throttling": {"network": MOBILE_NETWORK, "cpu_slowdown": MOBILE_CPU_SLOWDOWN},
        "demos": results, "before_issue_29": before}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    print_table(results, before)


def print_table(results: dict, before: dict | None) -> None:
    """The Markdown table of the closing note: each demo's figures, the ones before issue 29 beside them."""
    def seconds(value: float | None) -> str:
        return "-" if value is None else f"{value / 1000:.2f} s"

    print("| demo | downloaded for the tap (wire) | desktop: tap to first answer | phone: on arrival "
          "| phone: once ready (ready after) | phone: MB without a tap | per answer | Gradio: first answer "
          "| Gradio: per answer |")
    print("|---|---|---|---|---|---|---|---|---|")
    for slug, r in results.items():
        page, server = r["in_browser"], r["gradio"]
        was = ((before or {}).get("demos", {}).get(slug) or {}).get("in_browser")
        old = (f" (was {page_mb(was)}, {seconds(was['click_to_first_answer_ms'])}, "
               f"{seconds(was['mobile_click_to_first_answer_ms'])})") if was else ""
        print(f"| {slug}{old} | {page_mb(page)} | {seconds(page['click_to_first_answer_ms'])} "
              f"| {seconds(page['mobile_on_arrival_ms'])} "
              f"| {seconds(page['mobile_once_ready_ms'])} ({seconds(page['mobile_ready_after_load_ms'])}) "
              f"| {page['mobile_wire_bytes_without_a_tap'] / 1e6:.2f} | {page['answer_median_ms']:.2f} ms "
              f"| {server['start_to_first_answer_s']:.2f} s | {server['median_ms']:.1f} ms |")


def page_mb(page: dict) -> str:
    return f"{page['wire_bytes'] / 1e6:.2f} MB"


if __name__ == "__main__":
    main()
