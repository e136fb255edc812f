"""Where a project's demo lives, and how its page embeds it.

A project page never loads a demo by itself: the visitor sees a still image and
a button, and only a click loads anything (a page load makes no third-party
request). First, when the project has the files its kind's in-browser demo reads
(``contract.files.BROWSER_DEMO_FILES``), the button is "Try it here": the model and a
runtime (the site's small ``onnx-lite.mjs`` when it has the model's operators, else
onnxruntime-web) come from the site itself and run in the page (free to host, never
asleep); they download when the demo comes near the screen, or on the click
(``showcase.js``). Then, beside it or alone, one of three cases:

- the card names a Hugging Face Space: the click loads Gradio's web component,
  pinned to the Gradio version the project's run recorded
  (``provenance.versions["gradio"]`` in ``metrics.json``), pointed at the Space;
  with no version recorded, or for a Streamlit demo (a Docker Space), an
  ``<iframe>`` of the Space instead;
- ``showcase serve`` runs the demo on this machine: it hands the plugin the
  local addresses as its ``local_demos`` option (``{"<slug>":
  "http://127.0.0.1:<port>/"}``) and the click opens an ``<iframe>`` of the
  local app;
- neither: the still image, and a link to how to run it on one's own computer (under Reproduce).
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from showcase.contract.files import (
    BROWSER_DEMO_EXAMPLES,
    BROWSER_DEMO_FILES,
    BROWSER_DEMO_MAX_BYTES,
    BROWSER_DEMO_OPTIONAL_FILES,
    BROWSER_SIMULATED_ENVS,
    is_streamlit_app,
    space_host,
    space_page,
)
from showcase.exceptions import DemoError
from showcase.outbound import real_files
from showcase.reading.images import check_image
from showcase.reading.project import Project
from showcase.site.onnx_ops import LITE_RUNTIME, runs_in_lite_runtime

GRADIO_JS = "https://gradio.s3-us-west-2.amazonaws.com/{version}/gradio.js"
"""Gradio's web component, one build per release (see gradio.app's "sharing your app")."""

_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?([a-z0-9.+-]*)$")
_LOCAL = re.compile(r"^http://(127\.0\.0\.1|localhost):\d{1,5}/?$")


BROWSER_DEMO_DIR = "demo"
"""Where a project's in-browser demo files go, under its site folder (``projects/<slug>/demo/``)."""
BROWSER_DEMO_MODULE = "assets/showcase/demos/{kind}.mjs"
"""Each kind's in-browser demo, written once for every project of that kind (theme assets)."""
MAX_EXAMPLES = 6
"""Example inputs offered by an in-browser demo, at most."""
RUNTIME_DIR = Path(__file__).parent / "browser" / "node_modules" / "onnxruntime-web" / "dist"
"""onnxruntime-web, installed from npm at the version pinned in ``browser/package-lock.json``."""
RUNTIME_FILES = ("ort.wasm.bundle.min.mjs", "ort-wasm-simd-threaded.wasm")
"""Its plain WebAssembly build: the JavaScript API (with the wasm glue bundled) and the engine."""
RUNTIME_SITE_DIR = "assets/ort"
"""Where the site serves them; the demo modules import them from there, never from a CDN."""


def runtime_files() -> dict[str, Path]:
    """Site path -> onnxruntime-web file, for a site with at least one in-browser demo.

    Raises:
        DemoError: onnxruntime-web is not installed (its npm package, pinned by the engine).
    """
    missing = [name for name in RUNTIME_FILES if not (RUNTIME_DIR / name).is_file()]
    if missing:
        raise DemoError(f"onnxruntime-web is not installed: {RUNTIME_DIR / missing[0]} is missing, and the "
                        "in-browser demos need it. Fix: `make web` (npm ci in showcase/site/browser).")
    return {f"{RUNTIME_SITE_DIR}/{name}": RUNTIME_DIR / name for name in RUNTIME_FILES}
"""Example inputs offered by an in-browser demo, at most."""


@dataclass(frozen=True)
class BrowserDemo:
    """A demo the page runs itself: the kind's module and the project's files it reads."""

    module: str
    """The kind's demo module, a path from the site root."""
    files: dict[str, str]
    """Role (``model``, ``config``, ...) -> the file's path from the site root."""
    sources: dict[str, Path]
    """Site path -> the project file copied there."""
    examples: tuple[str, ...] = ()
    """Example inputs (paths from the site root), when the project has some."""
    download_bytes: int = 0
    """What a visitor downloads for it: the model's files and the runtime, or for a replay, the
    recording (its list and every GIF)."""
    runtime: Literal["onnx-lite", "onnxruntime-web", None] = None
    """What runs the model: the site's small runtime, or onnxruntime-web (None for a replay)."""
    replay: bool = False
    """The page replays recorded episodes (an RL task it cannot simulate): no model, no runtime."""


@dataclass(frozen=True)
class Embed:
    """What the page's demo section shows."""

    mode: Literal["space", "local", "none"]
    src: str | None = None
    """The app's address (the Space's own host, or the local server)."""
    script: str | None = None
    """Gradio's web component script, pinned; None means an ``<iframe>``."""
    page: str | None = None
    """A page to open the demo in a tab (the Space on huggingface.co)."""
    browser: BrowserDemo | None = None
    """The in-browser demo, offered first, when the project has its files."""
    ui: Literal["Gradio", "Streamlit"] = "Gradio"
    """What the project's own app is built with."""


def browser_demo(project: Project) -> BrowserDemo | None:
    """The in-browser demo of ``project``, or None when its kind's files are not all there
    (not trained yet) or the model is too large to send to a visitor's browser.

    Raises:
        OutsideProjectError: one of its files (or the ``examples`` folder) is a link that leads
            outside the project (``outbound.real_files``): the site would publish that file.
        ImageError: an example is not a whole image (``reading.images.check_image``).
    """
    wanted = BROWSER_DEMO_FILES.get(project.card.kind)
    if wanted is None:
        return None
    what = "the in-browser demo"
    paths = real_files(project.root, {role: project.root / rel for role, rel in wanted.items()}, what)
    if not all(path.is_file() for path in paths.values()):
        return None
    # Files the demo reads when the project has them (an RL project's recorded episodes).
    optional = BROWSER_DEMO_OPTIONAL_FILES.get(project.card.kind, {})
    present = real_files(project.root, {role: project.root / rel for role, rel in optional.items()}, what)
    paths |= {role: path for role, path in present.items() if path.is_file()}
    wanted = {**wanted, **optional}
    replay = replays_episodes(project.card.kind, paths)
    if replay:
        del paths["model"]  # the page shows the recording; the policy is not needed there
    model_bytes = sum(path.stat().st_size for path in paths.values())
    if model_bytes > BROWSER_DEMO_MAX_BYTES:
        return None
    folder = f"projects/{project.slug}/{BROWSER_DEMO_DIR}"
    files = {role: f"{folder}/{Path(wanted[role]).name}" for role in paths}
    sources = {files[role]: path for role, path in paths.items()}
    folder_path = project.root / BROWSER_DEMO_EXAMPLES
    found = sorted([*folder_path.glob("*.png"), *folder_path.glob("*.gif")])[:MAX_EXAMPLES]
    examples = {f"{folder}/{BROWSER_DEMO_EXAMPLES}/{path.name}": path for path in found}
    for site_path, path in real_files(project.root, examples, what).items():
        fix = f"run `make evaluate` in {project.root} to write the examples again"
        sources[site_path] = path
        check_image(path, f"{project.root}: {what} offers it", fix)
    runtime = None if replay else "onnx-lite" if runs_in_lite_runtime(paths["model"]) else "onnxruntime-web"
    downloads = {None: examples.values(), "onnx-lite": [LITE_RUNTIME],
                 "onnxruntime-web": runtime_files().values()}[runtime]
    return BrowserDemo(
        module=BROWSER_DEMO_MODULE.format(kind=project.card.kind),
        files=files,
        sources=sources,
        examples=tuple(examples),
        download_bytes=model_bytes + sum(path.stat().st_size for path in downloads),
        replay=replay,
        runtime=runtime,
    )


def replays_episodes(kind: str, paths: Mapping[str, Path]) -> bool:
    """An RL project on a task the page cannot simulate (its ``config.json``'s ``env_id`` is not in
    ``BROWSER_SIMULATED_ENVS``), with recorded episodes: the page replays them."""
    if kind != "reinforcement-learning" or "episodes" not in paths:
        return False
    try:
        env_id = json.loads(paths["config"].read_text(encoding="utf-8")).get("env_id")
    except (OSError, ValueError, AttributeError):
        return False  # the demo's own check says what is wrong with the file
    return env_id not in BROWSER_SIMULATED_ENVS


def gradio_script(version: str | None) -> str | None:
    """Gradio's web component at exactly ``version``, or None for a missing or odd version."""
    if not version:
        return None
    version = version.split("+", 1)[0]
    return GRADIO_JS.format(version=version) if _VERSION.match(version) else None


def check_local_demos(urls: object) -> dict[str, str]:
    """The plugin's ``local_demos`` option, checked: project slug -> a local demo's address.

    ``showcase serve`` sets it to the demos it started; an address may only be this
    machine's (``http://127.0.0.1:<port>/`` or ``localhost``), since the page frames it.

    Raises:
        DemoError: not a mapping of slug to such an address (the message shows the first
            bad entry).
    """
    expected = 'a mapping of project slug to "http://127.0.0.1:<port>/"'
    if not isinstance(urls, Mapping):
        raise DemoError(f"local_demos: expected {expected}, got {type(urls).__name__}. "
                        "Fix: leave it unset (`showcase serve` sets it itself).")
    for slug, url in urls.items():
        if not isinstance(slug, str) or not isinstance(url, str) or not _LOCAL.match(url):
            raise DemoError(f"local_demos: {slug!r}: {url!r} is not a local demo address; expected "
                            f"{expected}. Fix: leave it unset (`showcase serve` sets it itself).")
    return dict(urls)


def embed_for(project: Project, local_urls: Mapping[str, str]) -> Embed | None:
    """How ``project``'s page shows its demo; None if the card says it has none."""
    demo = project.card.demo
    if demo is None:
        return None
    browser = browser_demo(project)
    gradio = not is_streamlit_app(demo.app)
    ui = "Gradio" if gradio else "Streamlit"
    if project.slug in local_urls:
        return Embed("local", src=local_urls[project.slug], browser=browser, ui=ui)
    if demo.space:
        # A Streamlit demo runs as a Docker Space: an <iframe>; Gradio's component is for Gradio.
        version = project.metrics.provenance.versions.get("gradio") if gradio else None
        return Embed(
            "space",
            src=space_host(demo.space),
            script=gradio_script(version),
            page=space_page(demo.space),
            browser=browser,
            ui=ui,
        )
    return Embed("none", browser=browser, ui=ui)
