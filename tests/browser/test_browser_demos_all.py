"""What every in-browser demo shares, on each example project's page in headless Chromium: nothing
of it loads before the click, the click gives a first answer with the files the site serves (no
other host), and a browser without WebAssembly keeps the still image with a sentence."""

from pathlib import Path

import pytest
from browser_demos import open_demo

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


@pytest.mark.parametrize("slug", SLUGS)
def test_nothing_loads_until_asked_then_only_from_this_site(demo_page, site_url, slug):
    requested = []
    demo_page.on("request", lambda request: requested.append(request.url))
    demo_page.goto(f"projects/{slug}/")
    demo_page.wait_for_load_state("networkidle")
    demo_files = [url for url in requested
                  if "/demo/" in url or "/assets/ort/" in url or url.endswith(".mjs")]
    assert not demo_files, f"loaded before the click: {demo_files}"
    assert demo_page.get_by_role("button", name="Try it here").is_visible()
    before = len(requested)
    app = open_demo(demo_page, slug)
    after = requested[before:]
    if slug in REPLAYED:
        assert any(url.endswith("/episodes.json") for url in after)
        assert any(url.endswith(".gif") for url in after)
        assert not any(url.endswith((".wasm", ".onnx")) for url in after)  # nothing to run
    else:
        assert any(url.endswith(".wasm") for url in after) and any(url.endswith(".onnx") for url in after)
    outside = [url for url in requested if not url.startswith((site_url, "blob:", "data:"))]
    assert not outside, f"requests that left the site: {outside}"
    assert app.is_visible() and demo_page.locator(".sc-demo[data-sc-demo=browser] > p > img").is_hidden()


@pytest.mark.parametrize("slug", SLUGS)
def test_without_webassembly_the_still_stays_with_a_sentence_unless_it_is_a_recording(demo_page, slug):
    demo_page.add_init_script("delete window.WebAssembly")
    demo_page.goto(f"projects/{slug}/")
    box = demo_page.locator(".sc-demo[data-sc-demo=browser]")
    box.get_by_role("button", name="Try it here").click()
    if slug in REPLAYED:  # a recording needs no WebAssembly: it plays
        box.locator(".sc-demo__replay").wait_for(timeout=10_000)
        return
    sentence = "This browser cannot run the demo: it has no WebAssembly. The picture above shows it."
    assert box.get_by_role("status").inner_text() == sentence
    assert box.locator("> p > img").is_visible() and box.locator(".sc-demo__app").count() == 0
