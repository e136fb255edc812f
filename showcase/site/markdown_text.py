"""Text for the pages' Markdown: every filter the page layouts use, escaping and formats.

The page layouts (``theme/showcase/``) are rendered with autoescape, so a value
printed as ``{{ value }}`` is HTML-escaped. The pages are Markdown read with
``attr_list`` and ``md_in_html``, which needs a little more, so the layouts
print card, resume and metrics text through one of these filters:

- ``md``: inline Markdown text (a heading, a link's text, a table cell, raw HTML's text);
- ``text``: one line of HTML text (an attribute, also inside an attr_list ``{ ... }``,
  ``<title>``, ``<code>`` in a table);
- ``url``: a link target;
- ``json``: a front-matter value.

``md`` and ``text`` spell every character Markdown could read as syntax as a numeric
character reference (``_`` as ``&#95;``). A reference is the character itself wherever it
lands: in Markdown text, in raw HTML that Markdown leaves alone (``<p class="sc-lead">``),
in an attr_list attribute value and in an HTML attribute. A backslash escape works in the
first place only (raw HTML would show the backslash), and an unescaped ``__init__`` inside
``{ aria-label="..." }`` turns into bold, so attr_list no longer sees its braces and the
attribute text is printed on the page.
"""

import json
import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from markupsafe import Markup

from showcase.contract.files import KIND_NAMES
from showcase.contract.metric_labels import (
    MetricLabel,
    format_headline,
    format_number,
    is_percent_metric,
    metric_label,
)
from showcase.contract.skills import VOCABULARY, Skill, in_order

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
SYNTAX = "&<>\"'\\`*_{}[]|#~^="
"""The characters spelled as references anywhere in a value: HTML's (``& < > " '``), inline
Markdown's (emphasis, code, links, escapes), attr_list's braces, a table's ``|``, a heading's
closing ``#``, and the marks of the usual extra extensions (``~~``, ``^^``, ``==``)."""
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
"""HTML's own as ``html.escape`` spells them; the others as ``&#<code point>;``."""
_BLOCK_START = re.compile(r"[^\w\s]|\d+[.)](?=\s|$)")
"""What starts a block at the start of a line (a list's ``-``, ``+`` or ``1.``, an admonition's
``!!!``, ...): the first character of a value, or the mark after its leading digits."""


def _references(value: object) -> str:
    """``value`` on one line (whitespace collapsed, as HTML shows it anyway: a line break or
    four leading spaces would start a block), its syntax characters and the mark that would
    start a block as references."""
    line = " ".join(str(value).split())
    start = _BLOCK_START.match(line)
    mark = start.end() - 1 if start else -1
    return "".join((_NAMED.get(c) or f"&#{ord(c)};") if c in SYNTAX or i == mark else c
                   for i, c in enumerate(line))


def link_url(target: str) -> str:
    """Percent-encode the characters that would end a Markdown link target (``url``, and the
    links ``site.fit`` writes back)."""
    return quote(target, safe=":/?#@!$&'*+,;=%~-._")


def esc(value: object) -> Markup:
    """Card, resume or metrics text shown exactly as written wherever a page puts it: Markdown
    text, a table cell, a heading, raw HTML's text or attribute, an attr_list value, on one line."""
    return Markup(_references(value))


def url(target: str) -> Markup:
    """A link target, percent-encoded where it would end a Markdown link (spaces, parentheses)."""
    return Markup(link_url(target))


def json_value(value: object) -> Markup:
    """``value`` as JSON, which YAML reads: a front-matter value (strings escaped with ``text`` first)."""
    return Markup(json.dumps(value))


FILTERS = {"md": esc, "text": esc, "url": url, "json": json_value}
"""The escaping filters, by their name in the page layouts. ``md`` and ``text`` are one spelling
now (see the module docstring); the two names still say what a place holds, for a reader of a
page layout and for a site's own overrides."""


def format_duration(seconds: float) -> str:
    """41.2 s, 3 min 5 s, 1 h 12 min, 42 d (the contract keeps it finite and >= 0)."""
    if not math.isfinite(seconds):
        return f"{seconds} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{format_number(round(seconds / 86_400))} d"


def format_timestamp(moment: datetime) -> str:
    """2026-11-21 20:00 UTC (naive times are shown as they are)."""
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def humanize(name: str) -> str:
    """``confusion_matrix`` -> ``Confusion matrix``."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def format_date(value: str | None) -> str:
    """``2024-06-29`` or ``2024-06`` -> ``Jun 2024``; ``2024`` stays."""
    if not value:
        return ""
    parts = value.split("-")
    return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) > 1 else parts[0]


def period(start: str | None, end: str | None) -> str:
    """``Jun 2022 – present``, ``2019 – 2021``, or one end alone."""
    if start and not end:
        return f"{format_date(start)} – present"
    return " – ".join(x for x in (format_date(start), format_date(end)) if x)


def skills_in_order(skill_ids: Sequence[str]) -> list[tuple[str, Skill]]:
    """``(id, Skill)`` for each of ``skill_ids``, in vocabulary order (a layout filter)."""
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
"""Formatting filters: values in, plain text out (escaped by the layout like any other);
``metric`` gives a metric's ``MetricLabel`` (``name | metric(kind)``: its label, direction and
meaning, from the contract)."""
