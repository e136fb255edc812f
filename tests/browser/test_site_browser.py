"""The built site in a real browser: headless Chromium (Debian's, else Playwright's), driven by Playwright.

Every page of the real site is visited at phone and desktop sizes; a page fails on a
console error, a failed request, a broken image or link, content wider than the
viewport, or any request that leaves 127.0.0.1. Screenshots go to
tests/artifacts/screenshots/. Then the demo embeds: a Space (Gradio's web component,
answered by a stand-in so nothing reaches the network) after Material's instant
navigation, and `showcase serve`'s local demos.

`make test` gets the browser first (`make browser`: Debian's chromium through apt where
there is apt, Playwright's own Chromium elsewhere). Without one these tests fail, saying
how to get it; SKIP_BROWSER_TESTS=1 skips them instead.
"""

import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import README, valid_card, valid_metrics
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.skipif(
    os.environ.get("SKIP_BROWSER_TESTS") == "1", reason="SKIP_BROWSER_TESTS=1 skips the browser tests"
)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts" / "screenshots"
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}

# Scroll every image into loading, then report those that did not decode.
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  await Promise.all(images.map(i => { i.loading = "eager"; return i.decode().catch(() => null); }));
  return images.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.currentSrc || i.src);
}"""

# Content wider than the viewport: the page scrolls sideways, or an element of the article
# sticks out (tables and code blocks scroll inside their own box and do not count).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const page = document.documentElement.scrollWidth;
  if (page > width + 1) out.push("page " + page);
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || (box.right <= width + 1 && box.left >= -1)) continue;
    let up = el.parentElement, clipped = false;
    while (up && up.tagName !== "ARTICLE") {
      if (getComputedStyle(up).overflowX !== "visible") { clipped = true; break; }
      up = up.parentElement;
    }
    if (!clipped) out.push(el.tagName + "." + el.className + " right=" + Math.round(box.right));
  }
  return out.slice(0, 5);
}"""

LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"


@pytest.fixture(scope="module")
def browser(chromium):
    """One Chromium for the module (conftest's: launching it is the slow part)."""
    return chromium


class Watch:
    """Collects what goes wrong on a page: console errors, failed or outside requests."""

    def __init__(self, page: Page, base: str, allow: dict[str, bytes] | None = None) -> None:
        self.problems: list[str] = []
        self.outside: list[str] = []
        self.base = base
        self.allow = allow or {}
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        """Local requests go through; a stand-in answers allowed ones; the rest are refused."""
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:")):
            route.continue_()
        elif url in self.allow:
            self.outside.append(url)
            route.fulfill(status=200, content_type="text/javascript", body=self.allow[url])
        else:
            self.outside.append(url)
            route.abort()


def site_paths(public: Path) -> list[str]:
    """Every page of a built site, as URL paths."""
    pages = sorted(p.parent.relative_to(public).as_posix() for p in public.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in pages if not p.startswith(("assets", "search"))]


def link_status(url: str, cache: dict[str, int]) -> int:
    """The HTTP status of a local link, fetched once."""
    url = urllib.parse.urldefrag(url)[0]
    if url not in cache:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                cache[url] = response.status
        except urllib.error.HTTPError as e:
            cache[url] = e.code
    return cache[url]


def check_page(page: Page, url: str, base: str, cache: dict[str, int]) -> list[str]:
    """Load ``url``; return its broken images and links and its overflow."""
    page.goto(url, wait_until="networkidle")
    problems = [f"broken image {src}" for src in page.evaluate(BROKEN_IMAGES)]
    problems += [f"overflow {what}" for what in page.evaluate(OVERFLOW)]
    for href in page.evaluate(LINKS):
        if href.startswith(base):
            if link_status(href, cache) != 200:
                problems.append(f"broken link {href}")
        elif not href.startswith(("https://", "http://", "mailto:")):
            problems.append(f"odd link {href}")
    return problems


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_of_the_real_site(browser: Browser, real_site, size):
    from showcase.serve.static import serve_directory

    public, _ = real_site
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    problems, cache = [], {}
    with serve_directory(public) as base:
        watch = Watch(page, base)
        for path in site_paths(public):
            problems += [f"{path or '/'}: {p}" for p in check_page(page, base + path, base, cache)]
            shot = ARTIFACTS / size / f"{path.strip('/').replace('/', '_') or 'home'}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=shot, full_page=True, animations="disabled")
    context.close()
    assert not problems + watch.problems, "\n".join(problems + watch.problems)
    assert not watch.outside, f"requests that left 127.0.0.1 at page load: {watch.outside}"


GRADIO_STAND_IN = b"""
customElements.define("gradio-app", class extends HTMLElement {
  connectedCallback() {
    this.textContent = "stand-in Gradio app for " + this.getAttribute("src");
    setTimeout(() => this.dispatchEvent(new CustomEvent("render")), 50);
  }
});
"""
GRADIO_JS = "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"


def test_space_demo_loads_on_click_after_instant_navigation(browser, make_project, tmp_path):
    """Escaped titles in the browser; the Space embed only on click, surviving instant navigation."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from showcase.serve.static import serve_directory

    metrics = valid_metrics()
    metrics["provenance"]["versions"]["gradio"] = "6.31.0"
    demo = {"app": "app.py", "space": "ada/digits"}
    card = valid_card() | {"title": "<script>alert(1)</script>", "demo": demo}
    make_project("digits", card=card, metrics=metrics, readme=README)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    (tmp_path / "public").mkdir()
    page = browser.new_page()
    with serve_directory(tmp_path / "public") as base:
        # Built for where it is served: instant navigation follows the sitemap's absolute URLs.
        build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True, site_url=base))
        watch = Watch(page, base, allow={GRADIO_JS: GRADIO_STAND_IN})
        page.goto(base, wait_until="networkidle")
        assert page.locator(".sc-cards h3 a").first.inner_text() == "<script>alert(1)</script>"
        page.click(".md-search__input")  # search works offline, from the built index
        page.keyboard.type("handwritten")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")
        page.evaluate("window.__same_document = true")
        page.locator(".sc-cards h3 a").first.click()  # Material's instant navigation
        page.wait_for_url("**/projects/digits/")
        assert page.evaluate("window.__same_document === true"), "instant navigation reloaded"
        assert watch.outside == [], "a third-party request before the visitor asked for the demo"
        page.locator(".sc-demo__open").click()
        page.wait_for_selector('.sc-demo[data-sc-state="open"] gradio-app')
        assert page.locator("gradio-app").get_attribute("src") == "https://ada-digits.hf.space"
        assert watch.outside == [GRADIO_JS]
    assert not watch.problems, watch.problems


def test_showcase_serve_embeds_the_local_demo(browser, make_project, tmp_path, monkeypatch):
    from fake_demo import FAKE_APP

    from showcase.serve import ServeOptions, serve_site

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (make_project("digits") / "app.py").write_text(FAKE_APP)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    page = browser.new_page()

    def visit(base: str) -> None:
        watch = Watch(page, base)
        page.goto(base + "projects/digits/", wait_until="networkidle")
        page.locator(".sc-demo__open").click()
        frame = page.frame_locator("iframe.sc-demo__frame")
        assert frame.locator("#ok").inner_text() == "local demo ok"
        assert not watch.problems and not watch.outside, watch.problems + watch.outside

    serve_site(ServeOptions(config_file=str(tmp_path / "mkdocs.yml"), port=0), until=visit)
