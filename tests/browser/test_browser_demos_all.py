"""What every in-browser demo shares, on each example project's page in headless Chromium: its files
load when it comes into view (not on the home page, not when the browser asks to save data), only
from the site; the tap then answers with nothing more to fetch; the examples' models run in the
site's small runtime, even without WebAssembly (a model for onnxruntime-web keeps the still image
with a sentence there)."""

from pathlib import Path

import pytest
from browser_demos import RECORD, errors, open_demo

from showcase.reading.project import discover_projects
from showcase.site.demos import browser_demo

REPO = Path(__file__).resolve().parents[2]
SLUGS = [p.slug for p in discover_projects(REPO / "projects") if browser_demo(p) is not None]
# An RL project on a task the page cannot simulate (all but CartPole) replays recorded episodes:
# no runtime, no model, only the recording's list and GIFs.
REPLAYED = {p.slug for p in discover_projects(REPO / "projects") if (demo := browser_demo(p)) and demo.replay}


def test_every_example_project_has_an_in_browser_demo():
    assert sorted(SLUGS) == ["cartpole-ppo", "fashion-cnn", "fashion-gan", "imdb-sentiment",
                             "lunar-lander-ppo"]
    assert REPLAYED == {"lunar-lander-ppo"}


DEMO_FILES = ("/demo/", "/assets/ort/", "/assets/showcase/demos/")


def demo_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if any(part in url for part in DEMO_FILES)]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_demo_loads_when_it_comes_into_view_only_from_this_site_and_the_tap_needs_nothing_more(
        demo_page, site_url, slug):
    requested = []
    demo_page.on("request", lambda request: requested.append(request.url))
    demo_page.goto(f"projects/{slug}/")
    box = demo_page.locator(".sc-demo[data-sc-demo=browser]")
    box.scroll_into_view_if_needed()
    if slug not in REPLAYED:  # the model and its code come while the visitor reads
        box.and_(demo_page.locator("[data-sc-ready]")).wait_for(state="attached", timeout=30_000)
        fetched = demo_requests(requested)
        assert any(url.endswith(".onnx") for url in fetched)
        assert any(url.endswith("/onnx-lite.mjs") for url in fetched)
        assert not any("/assets/ort/" in url for url in fetched)  # the examples need no onnxruntime-web
    demo_page.wait_for_load_state("networkidle")
    assert demo_page.get_by_role("button", name="Try it here").is_visible()
    before = len(requested)
    demo_page.evaluate(RECORD)
    demo_page.click(".sc-demo[data-sc-demo=browser] .sc-demo__open")
    demo_page.wait_for_function("() => window.scAnswers.length > 0 || window.scErrors.length > 0",
                                timeout=30_000)
    assert not errors(demo_page)
    after = demo_requests(requested[before:])
    if slug in REPLAYED:  # nothing to run and nothing fetched ahead: the recording comes on the tap
        assert any(url.endswith("/episodes.json") for url in after)
        assert any(url.endswith(".gif") for url in after)
        assert not any(url.endswith((".wasm", ".onnx")) for url in requested)
    else:
        assert not after, f"the tap still had to fetch {after}"
    outside = [url for url in requested if not url.startswith((site_url, "blob:", "data:"))]
    assert not outside, f"requests that left the site: {outside}"
    assert box.locator(".sc-demo__app").is_visible() and box.locator("> p > img").is_hidden()


SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true } })"


@pytest.mark.parametrize("slug", ["fashion-cnn"])
def test_a_browser_that_asks_to_save_data_fetches_nothing_until_the_tap(demo_page, slug):
    demo_page.add_init_script(SAVE_DATA)
    requested = []
    demo_page.on("request", lambda request: requested.append(request.url))
    demo_page.goto(f"projects/{slug}/")
    demo_page.locator(".sc-demo[data-sc-demo=browser]").scroll_into_view_if_needed()
    demo_page.wait_for_load_state("networkidle")
    demo_page.wait_for_timeout(500)  # idle callbacks have run
    assert not demo_requests(requested), f"fetched before the tap: {demo_requests(requested)}"
    open_demo(demo_page, slug)
    assert any(url.endswith(".onnx") for url in requested)


def test_after_instant_navigation_the_new_pages_demo_is_fetched_when_it_comes_into_view(chromium, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from showcase.serve.static import serve_directory

    (tmp_path / "public").mkdir()
    with serve_directory(tmp_path / "public") as base:
        # built for where it is served: Material's instant navigation follows the sitemap's absolute URLs
        build(load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "public"),
                          site_url=base, strict=True))
        page = chromium.new_context(base_url=base).new_page()
        page.goto("projects/", wait_until="networkidle")  # Material's instant navigation has started
        page.evaluate("() => { window.samePage = true; }")  # gone if the link reloads the page
        page.locator("a[href$='fashion-cnn/']").first.click()
        page.wait_for_url("**/projects/fashion-cnn/")
        box = page.locator(".sc-demo[data-sc-demo=browser]")
        box.scroll_into_view_if_needed()
        box.and_(page.locator("[data-sc-ready]")).wait_for(state="attached", timeout=30_000)
        assert page.evaluate("() => window.samePage") is True, "the link reloaded the page"
        page.context.close()


def test_the_home_page_fetches_no_demo(demo_page):
    requested = []
    demo_page.on("request", lambda request: requested.append(request.url))
    demo_page.goto("")
    demo_page.mouse.wheel(0, 20_000)
    demo_page.wait_for_load_state("networkidle")
    demo_page.wait_for_timeout(500)
    assert not demo_requests(requested)


@pytest.mark.parametrize("slug", SLUGS)
def test_without_webassembly_the_small_runtime_answers(demo_page, slug):
    demo_page.add_init_script("delete window.WebAssembly")
    open_demo(demo_page, slug)  # onnx-lite is plain JavaScript; a recording needs nothing


def test_without_webassembly_a_model_for_onnxruntime_web_keeps_the_still_with_a_sentence(demo_page):
    demo_page.add_init_script("delete window.WebAssembly")
    demo_page.goto("projects/fashion-cnn/")
    box = demo_page.locator(".sc-demo[data-sc-demo=browser]")
    # as the page marks a fine-tuned backbone's demo
    box.evaluate("(box) => box.setAttribute('data-runtime', 'onnxruntime-web')")
    box.get_by_role("button", name="Try it here").click()
    sentence = "This browser cannot run the demo: it has no WebAssembly. The picture above shows it."
    assert box.get_by_role("status").inner_text() == sentence
    assert box.locator("> p > img").is_visible() and box.locator(".sc-demo__app").count() == 0
