"""Shared fixtures: tiny but complete portfolio projects, and a resume, written into tmp_path."""

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

# Offline, whoever runs pytest (the Makefile sets the same): a real Hub call fails loudly.
for _name, _value in {"HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                      "GRADIO_ANALYTICS_ENABLED": "False"}.items():
    os.environ.setdefault(_name, _value)

# The files that take minutes (each runs whole project suites), longest first: `make test` hands
# whole files to its workers in this order (--dist loadfile --no-loadscope-reorder), so the long
# ones start at once and the short ones fill in around them.
SLOW_FILES = ("examples/test_example_projects.py", "templates/test_rendered_image.py",
              "templates/test_rendered_text.py", "templates/test_rendered_gan.py",
              "templates/test_rendered_image_pretrained.py", "templates/test_rendered_rl.py",
              "browser/test_browser_demo_colour.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.path.as_posix()
        return next((i for i, name in enumerate(SLOW_FILES) if path.endswith(name)), len(SLOW_FILES))
    items.sort(key=rank)  # a stable sort: the other files keep their order


# A valid 1x1 PNG (a transparent pixel), so the tests need no imaging library. The site checks
# every image it publishes (showcase.reading.images): Pillow's verify() and load() accept it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082"
)


def valid_card() -> dict[str, Any]:
    """A card exactly as the templates write it."""
    return {
        "title": "Handwritten digits with a small CNN",
        "summary": "A CNN that reads 8x8 handwritten digits.",
        "kind": "image-classification",
        "author": "Ada Lovelace",
        "skills": ["cnn", "optimisation", "evaluation"],
        "dataset": {
            "name": "scikit-learn digits",
            "source": "https://archive.ics.uci.edu/dataset/80",
            "licence": "CC BY 4.0",
        },
        "headline_metric": "accuracy",
        "demo": {"app": "app.py", "space": None},
        "repository": None,
        "cover": "reports/figures/confusion_matrix.png",
    }


def valid_metrics() -> dict[str, Any]:
    """metrics.json as an evaluation step writes it."""
    return {
        "schema_version": 1,
        "task": "image-classification",
        "metrics": {"accuracy": 0.994, "macro_f1": 0.9931},
        "per_class": {"0": {"precision": 1.0, "recall": 0.97, "f1": 0.985, "support": 36}},
        "data": {
            "name": "digits",
            "source": "sklearn:digits",
            "sizes": {"train": 1150},
            "split": "stratified 64/16/20, seed 0",
            "checksum": "sha256:abc",
        },
        "provenance": {
            "git_commit": "abc1234",
            "git_dirty": False,
            "config": {"lr": 0.001},
            "seed": 0,
            "device": "cpu",
            "hardware": "x86_64, 2 cores",
            "versions": {"python": "3.11.7"},
            "train_duration_s": 41.2,
            "timestamp": "2026-11-21T20:00:00+00:00",
            "command": "make train evaluate",
        },
        "figures": {
            "confusion_matrix": "reports/figures/confusion_matrix.png",
            "training_curves": "reports/figures/training_curves.png",
        },
    }


MODEL_CARD = """---
license: mit
---
# Model Card for digits

<!-- a comment the Hub template leaves -->
## Intended use

Reading digits. <b>bold?</b> See `a<b` and [the notes](NOTES.md).

```python
# a comment in code, not a heading
```
"""


README = """# Handwritten digits

A CNN that reads 8x8 handwritten digits.

## Problem

Read a digit. See [the model card](MODEL_CARD.md), [the config](configs/default.yaml),
[a missing file](nowhere.md) and [the web](https://example.org).

![diagram](docs/diagram.png)

## Data

Scikit-learn's digits, <b>unescaped?</b>

## Results

Written by `make evaluate`.

<!-- results:start -->
| metric | value |
|---|---|
| accuracy | 99.40% |
<!-- results:end -->

## Demo

`make demo` starts it.

## Limitations

```bash
# not a heading
```
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project under ``tmp_path/projects/<slug>``; return its directory."""

    def make(
        slug: str = "digits",
        card: dict | None = None,
        metrics: dict | None = None,
        model_card: str | None = MODEL_CARD,
        readme: str | None = None,
    ) -> Path:
        root = tmp_path / "projects" / slug
        (root / "reports" / "figures").mkdir(parents=True)
        (root / "portfolio.yaml").write_text(yaml.safe_dump(card or valid_card()))
        (root / "reports" / "metrics.json").write_text(json.dumps(metrics or valid_metrics()))
        for name in ("confusion_matrix.png", "training_curves.png"):
            (root / "reports" / "figures" / name).write_bytes(PNG)
        (root / "app.py").write_text("print('demo')\n")
        if model_card is not None:
            (root / "MODEL_CARD.md").write_text(model_card)
        if readme is not None:
            (root / "README.md").write_text(readme)
            (root / "docs").mkdir()
            (root / "docs" / "diagram.png").write_bytes(PNG)
            (root / "configs").mkdir()
            (root / "configs" / "default.yaml").write_text("lr: 0.001\n")
        return root

    return make


RESUME = {
    "basics": {
        "name": "Ada Lovelace",
        "label": "ML engineer",
        "email": "ada@example.com",
        "summary": "I build models & measure them.",
        "location": {"city": "London", "countryCode": "GB"},
        "profiles": [{"network": "GitHub", "username": "ada", "url": "https://github.com/ada"}],
    },
    "work": [
        {
            "name": "Engines Ltd",
            "position": "Analyst",
            "startDate": "2020-06",
            "highlights": ["Wrote the first program"],
        }
    ],
    "education": [{"institution": "Home", "area": "Mathematics", "studyType": "Tutoring",
                   "startDate": 1830, "endDate": "1835"}],
    "skills": [{"name": "Deep learning", "keywords": ["PyTorch"]}],
    "projects": [
        {"name": "digits", "highlights": ["Merged into the portfolio project"], "startDate": "2024"},
        {"name": "Difference engine notes", "description": "Older work", "url": "https://example.org"},
    ],
}
"""A JSON Resume with every section the site shows."""


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> tuple[Path, list[str]]:
    """The repository's own site (mkdocs.yml, content/, projects/) built with --strict into a
    scratch folder, once per session; returns (site dir, project slugs)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from showcase.reading.project import find_project_dirs

    repo = Path(__file__).resolve().parents[1]
    site_dir = tmp_path_factory.mktemp("real-site") / "public"
    with pytest.MonkeyPatch.context() as monkeypatch:  # a session fixture has no `monkeypatch`
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    return site_dir, [p.name for p in find_project_dirs(repo / "projects")]


@pytest.fixture(scope="session")
def site_url(real_site) -> Iterator[str]:
    """The real site (``real_site``) served on a free local port, as a static host would."""
    from showcase.serve.static import serve_directory

    with serve_directory(real_site[0]) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module (Debian's, else Playwright's); skipped with
    SKIP_BROWSER_TESTS=1. Per module, not per session: Playwright's sync API allows one instance
    at a time in a thread, and a session-long one would stand in the way of any other."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1 skips the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        executable = shutil.which("chromium")
        if executable is None and not Path(playwright.chromium.executable_path).is_file():
            pytest.fail("no browser for the browser tests. Fix: `make browser` (Debian's chromium through "
                        "apt, or Playwright's Chromium), or set SKIP_BROWSER_TESTS=1 to skip them.")
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_page(chromium, site_url):
    """A fresh page (its own cache: every load is cold) whose base URL is the served site."""
    context = chromium.new_context(base_url=site_url)
    page = context.new_page()
    yield page
    context.close()
