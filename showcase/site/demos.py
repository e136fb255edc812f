"""Where a project's demo lives, and how its page embeds it.

A project page never loads a demo by itself: the visitor sees a still image and
a button, and only a click loads anything (a page load makes no third-party
request). Three cases:

- the card names a Hugging Face Space: the click loads Gradio's web component,
  pinned to the Gradio version the project's run recorded
  (``provenance.versions["gradio"]`` in ``metrics.json``), pointed at the Space;
  with no version recorded, or for a Streamlit demo (a Docker Space), an
  ``<iframe>`` of the Space instead;
- ``showcase serve`` runs the demo on this machine: it hands the plugin the
  local addresses as its ``local_demos`` option (``{"<slug>":
  "http://127.0.0.1:<port>/"}``) and the click opens an ``<iframe>`` of the
  local app;
- neither: the still image and how to run ``make demo``.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from showcase.contract.files import is_streamlit_app
from showcase.exceptions import DemoError
from showcase.reading.project import Project

GRADIO_JS = "https://gradio.s3-us-west-2.amazonaws.com/{version}/gradio.js"
"""Gradio's web component, one build per release (see gradio.app's "sharing your app")."""

_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?([a-z0-9.+-]*)$")
_LOCAL = re.compile(r"^http://(127\.0\.0\.1|localhost):\d{1,5}/?$")


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


def space_host(space_id: str) -> str:
    """The Space's own address: ``owner/My_App`` -> ``https://owner-my-app.hf.space``."""
    sub = re.sub(r"[^a-z0-9-]", "-", space_id.replace("/", "-").lower())
    return f"https://{sub}.hf.space"


def space_page(space_id: str) -> str:
    """The Space's page on the Hub."""
    return f"https://huggingface.co/spaces/{space_id}"


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
    if project.slug in local_urls:
        return Embed("local", src=local_urls[project.slug])
    if demo.space:
        # A Streamlit demo runs as a Docker Space: an <iframe>; Gradio's component is for Gradio.
        gradio = not is_streamlit_app(demo.app)
        version = project.metrics.provenance.versions.get("gradio") if gradio else None
        return Embed(
            "space",
            src=space_host(demo.space),
            script=gradio_script(version),
            page=space_page(demo.space),
        )
    return Embed("none")
