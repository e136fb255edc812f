"""The Jinja environment of the page templates: autoescape, the site's ``custom_dir`` searched first.

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

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from showcase.contract.files import KIND_NAMES, is_percent_metric
from showcase.contract.metric_labels import MetricLabel, format_headline, format_number, metric_label
from showcase.contract.skills import VOCABULARY, Skill, in_order
from showcase.site.markdown_text import (
    FILTERS,
    format_date,
    format_duration,
    format_timestamp,
    humanize,
    period,
)

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
"""The package's theme folder, searched after the site's own."""


def skills_in_order(skill_ids: Sequence[str]) -> list[tuple[str, Skill]]:
    """``(id, Skill)`` for each of ``skill_ids``, in vocabulary order (a template filter)."""
    return [(skill_id, VOCABULARY[skill_id]) for skill_id in in_order(list(skill_ids))]


def kind_name(kind: str) -> str:
    """A project kind as the site names it: ``gan`` -> ``GAN`` (``contract.files.KIND_NAMES``)."""
    return KIND_NAMES.get(kind) or humanize(kind)


def headline_note(name: str, kind: str | None = None) -> str:
    """Which way is better, beside a headline number: "lower is better", or "" where it goes
    without saying (a percentage, where higher is better) or the metric has no direction."""
    label: MetricLabel = metric_label(name, kind)
    if label.direction == "higher" and is_percent_metric(name):
        return ""
    return label.better


FORMATS = {
    "number": format_number,
    "headline_number": format_headline,
    "duration": format_duration,
    "timestamp": format_timestamp,
    "humanize": humanize,
    "date": format_date,
    "period": period,
    "skills": skills_in_order,
    "metric": metric_label,
    "headline_note": headline_note,
    "kind": kind_name,
}
"""Formatting filters: values in, plain text out (escaped by the template like any other);
``metric`` gives a metric's ``MetricLabel`` (``name | metric(kind)``: its label, direction and
meaning, from the contract)."""


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, in memory: each build makes a new environment
    but loads their code from here (Jinja checks it against the template's source)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """The page templates: ``template_dirs`` first, then the package theme. One per build,
    so a template an owner adds while ``mkdocs serve`` runs is found at the next build.

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
        bytecode_cache=_COMPILED,
    )
    env.filters.update(FILTERS)
    env.filters.update(FORMATS)
    return env


@cache
def _package_templates() -> Environment:
    """The package's own templates, for a page rendered on its own (tests, one-off calls)."""
    return environment()


def render(page: str, templates: Environment | None = None, /, **data: object) -> str:
    """Render ``showcase/<page>.md`` with ``data`` (``templates``: by default the package's)."""
    return (templates or _package_templates()).get_template(f"showcase/{page}.md").render(**data)
