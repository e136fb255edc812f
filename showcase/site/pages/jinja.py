"""The Jinja environment of the page layouts: autoescape, the site's ``custom_dir`` searched first.

"Page layouts" are the Jinja files that write the site's generated pages, so that "templates"
keeps one meaning in this repository: the Cookiecutter project kinds under ``templates/``
(MkDocs and Material call their own theme files templates; where code talks to them it keeps
their word). Each generated page is rendered from a page layout of the theme folder:
``showcase/<page>.md`` (``home``, ``project``, ``projects``, ``skills``,
``resume``) only extends its layout, ``showcase/layouts/<page>.md``, whose named
blocks hold the page's parts; ``showcase/macros.md`` holds what they share.
The loader searches the folders it is given (the site's ``theme.custom_dir``,
which the plugin passes) before the package's theme, so an owner overrides one
block of a page, or the whole layout, the way Material's own theme templates are
overridden, without touching the package.

Python hands the layouts typed data (projects, cards, metrics, the resume and
small views of links and images); the layouts escape: every ``{{ }}`` is
HTML-escaped, and the filters of ``markdown_text`` escape for Markdown. The
files are named ``.md`` because MkDocs copies every other file of a theme folder
into the built site.
"""

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from showcase.site.markdown_text import FILTERS, FORMATS

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
"""The package's theme folder, searched after the site's own."""


class _CompiledLayouts(BytecodeCache):
    """Page layouts compiled once per process, in memory: each build makes a new environment
    but loads their code from here (Jinja checks it against the layout's source)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledLayouts()


def environment(layout_dirs: Sequence[Path] = ()) -> Environment:
    """The page layouts: ``layout_dirs`` first, then the package theme. One per build,
    so a layout an owner adds while ``mkdocs serve`` runs is found at the next build.

    Lines holding only a ``{% tag %}`` leave nothing behind (``trim_blocks``,
    ``lstrip_blocks``), so a layout reads like the Markdown it writes.
    """
    env = Environment(
        loader=FileSystemLoader([*layout_dirs, THEME_DIR]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        bytecode_cache=_COMPILED,
    )
    env.filters.update(FILTERS)
    env.filters.update(FORMATS)
    return env


@cache
def _package_layouts() -> Environment:
    """The package's own page layouts, for a page rendered on its own (tests, one-off calls)."""
    return environment()


def render(page: str, layouts: Environment | None = None, /, **data: object) -> str:
    """Render ``showcase/<page>.md`` with ``data`` (``layouts``: by default the package's)."""
    return (layouts or _package_layouts()).get_template(f"showcase/{page}.md").render(**data)
