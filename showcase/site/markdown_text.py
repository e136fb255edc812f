"""Text for the pages' Markdown: the escaping filters the page templates use, and number formats.

The page templates (``theme/showcase/``) are rendered with autoescape, so a value
printed as ``{{ value }}`` is HTML-escaped. The pages are Markdown read with
``attr_list`` and ``md_in_html``, which needs a little more, so the templates
print card, resume and metrics text through one of these filters:

- ``md``: inline Markdown text (a heading, a link's text, a table cell);
- ``text``: one line of HTML text (an attribute, ``<title>``, ``<code>`` in a table);
- ``url``: a link target;
- ``json``: a front-matter value.
"""

import html
import json
import math
import re
from datetime import UTC, datetime
from decimal import Decimal

from markupsafe import Markup

from showcase.contract.files import is_percent_metric
from showcase.reading.markdown import link_url

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def esc(value: object) -> Markup:
    """Inline Markdown text: HTML-escaped, ``|`` as an entity (it would end a table cell),
    Markdown's syntax characters backslash-escaped (``*`` stays a star), on one line."""
    escaped = html.escape(str(value), quote=True).replace("|", "&#124;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " "))


def esc_attr(value: object) -> Markup:
    """One line of HTML text (an attribute, ``<title>``, ``<code>``): HTML-escaped,
    ``|`` as an entity, whitespace collapsed. No Markdown is read there."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True).replace("|", "&#124;"))


def url(target: str) -> Markup:
    """A link target, percent-encoded where it would end a Markdown link (spaces, parentheses)."""
    return Markup(link_url(target))


def json_value(value: object) -> Markup:
    """``value`` as JSON, which YAML reads: a front-matter value (strings escaped with ``text`` first)."""
    return Markup(json.dumps(value))


FILTERS = {"md": esc, "text": esc_attr, "url": url, "json": json_value}
"""The escaping filters, by their name in the templates."""


LARGE = 1e15
"""From here on a number is shown as ``1.2e+38``: its digits would only be noise (and a float has
no more than 17 significant ones)."""


def format_number(value: float) -> str:
    """A short, readable number: 0.9938, 12, 487.5, 12,345, 1.2e+38.

    The contract lets only finite numbers through (``contract.ranges``); anything else is shown
    as Python spells it rather than failing the page.
    """
    if isinstance(value, int) and abs(value) >= 2**1023:  # no float holds it: the exponent from its digits
        return f"{Decimal(value).normalize():.4g}".replace("E", "e")
    value = float(value) + 0.0  # -0.0 is shown as 0
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= LARGE:
        return f"{value:.4g}"
    if value.is_integer():
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def format_headline(value: float, name: str) -> str:
    """A headline metric: a percentage for the metrics the contract calls fractions (which it keeps
    in [0, 1], so 0.0% to 100.0%), else a number."""
    return f"{float(value) + 0.0:.1%}" if is_percent_metric(name) else format_number(value)


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
