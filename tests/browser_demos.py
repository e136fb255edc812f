"""Driving the site's in-browser demos in headless Chromium (the tests of each kind share this).

    def test_something(demo_page):               # conftest: the real site, served, in Chromium
        app = open_demo(demo_page, "fashion-cnn")  # click "Try it here", wait for the first answer
        result = call(demo_page, "image-classification", "prepare", pixels, 8)  # a module's export

Every demo dispatches "sc-answer" (detail: what it answered, with `ms`) and "sc-error" (detail:
{message}) on its root; `open_demo` records them in `window.scAnswers` and `window.scErrors`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from playwright.sync_api import Locator, Page

MODULES = "assets/showcase/demos/"

RECORD = """() => {
  window.scAnswers = []; window.scErrors = [];
  document.addEventListener("sc-answer", (e) => window.scAnswers.push(e.detail));
  document.addEventListener("sc-error", (e) => window.scErrors.push(e.detail.message));
}"""


def open_demo(page: Page, slug: str, timeout_ms: int = 30_000) -> Locator:
    """Open ``slug``'s project page, click "Try it here", wait for its first answer; the demo's root.

    The page's base URL is the served site (the ``demo_page`` fixture sets it)."""
    page.goto(f"projects/{slug}/")
    page.evaluate(RECORD)
    page.click(".sc-demo[data-sc-demo=browser] .sc-demo__open")
    page.wait_for_function("() => window.scAnswers.length > 0 || window.scErrors.length > 0",
                           timeout=timeout_ms)
    errors = page.evaluate("() => window.scErrors")
    assert not errors, f"{slug}: the in-browser demo's first answer failed: {errors}"
    return page.locator(".sc-demo__app")


def answers(page: Page) -> list[dict[str, Any]]:
    """Every answer the open demo gave so far, oldest first."""
    return page.evaluate("() => window.scAnswers")


def errors(page: Page) -> list[str]:
    """Every error message the open demo showed so far."""
    return page.evaluate("() => window.scErrors")


def wait_for_answers(page: Page, count: int, timeout_ms: int = 10_000) -> None:
    """Wait until the demo has answered ``count`` times or shown an error."""
    page.wait_for_function("(n) => window.scAnswers.length >= n || window.scErrors.length > 0", arg=count,
                           timeout=timeout_ms)


def call(page: Page, kind: str, function: str, *args: Any) -> Any:
    """``function(*args)`` exported by ``kind``'s demo module (or ``common``), run in the page;
    its (awaited) result comes back as JSON (typed arrays as lists)."""
    return page.evaluate(
        """async ([url, name, args]) => {
             const module = await import(new URL(url, document.baseURI).href);
             const value = await module[name](...args);
             return JSON.parse(JSON.stringify(value, (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v));
           }""",
        [f"/{MODULES}{kind}.mjs", function, list(args)],
    )


def import_app(project: Path) -> ModuleType:
    """The project's Gradio ``app.py``, imported (it loads the model): the Python demo whose
    first request and messages the page must match."""
    spec = importlib.util.spec_from_file_location(f"{project.name.replace('-', '_')}_app", project / "app.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
