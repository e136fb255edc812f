"""The page templates: Jinja2 with autoescape, looked up in the site's ``custom_dir`` first.

Each generated page is rendered from a template of the theme folder:
``showcase/<page>.md`` (``home``, ``project``, ``projects``, ``skills``,
``resume``) only extends its layout, ``showcase/layouts/<page>.md``, whose named
blocks hold the page's parts; ``showcase/macros.md`` holds what they share.
The loader searches the folders it is given (the site's ``theme.custom_dir``,
which the plugin passes) before the package's theme, so an owner overrides one
block of a page, or the whole layout, the way Material's own templates are
overridden, without touching the package.

Python hands the templates typed data (projects, cards, metrics, the resume and
small views of links and images); the templates escape: every ``{{ }}`` is
HTML-escaped, and the filters of ``markdown_text`` escape for Markdown. The
files are named ``.md`` because MkDocs copies every other file of a theme folder
into the built site.
"""

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from showcase.contract.skills import VOCABULARY, Skill, in_order
from showcase.site.markdown_text import (
    FILTERS,
    format_date,
    format_duration,
    format_headline,
    format_number,
    format_timestamp,
    humanize,
    period,
)

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
"""The package's theme folder, searched after the site's own."""


def skills_in_order(skill_ids: Sequence[str]) -> list[tuple[str, Skill]]:
    """``(id, Skill)`` for each of ``skill_ids``, in vocabulary order (a template filter)."""
    return [(skill_id, VOCABULARY[skill_id]) for skill_id in in_order(list(skill_ids))]


FORMATS = {
    "number": format_number,
    "headline_number": format_headline,
    "duration": format_duration,
    "timestamp": format_timestamp,
    "humanize": humanize,
    "date": format_date,
    "period": period,
    "skills": skills_in_order,
}
"""Formatting filters: values in, plain text out (escaped by the template like any other)."""


@cache
def environment(template_dirs: tuple[Path, ...] = ()) -> Environment:
    """The page templates' environment: ``template_dirs`` first, then the package theme.

    Lines holding only a ``{% tag %}`` leave nothing behind (``trim_blocks``,
    ``lstrip_blocks``), so a layout reads like the Markdown it writes.
    """
    env = Environment(
        loader=FileSystemLoader([*template_dirs, THEME_DIR]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(FILTERS)
    env.filters.update(FORMATS)
    return env


def render(page: str, template_dirs: Sequence[Path] = (), /, **data: object) -> str:
    """Render ``showcase/<page>.md`` with ``data``."""
    template = environment(tuple(Path(d) for d in template_dirs)).get_template(f"showcase/{page}.md")
    return template.render(**data)
