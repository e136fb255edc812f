"""Small helpers to write safe Markdown: escaping, tables, links and numbers.

Every string that comes from a card or from metrics goes through ``esc`` (or
``code``/``link``) so that ``<script>`` shows as text and ``*`` stays a star.
"""

import html
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def esc(text: object) -> str:
    """HTML-escape ``text`` and backslash-escape Markdown syntax, for inline use."""
    escaped = html.escape(str(text), quote=True).replace("|", "&#124;")
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def code(text: object) -> str:
    """``text`` as inline code, safe inside a table cell."""
    return f"<code>{html.escape(str(text), quote=True).replace('|', '&#124;')}</code>"


def url(target: str) -> str:
    """Percent-encode the characters that would end a Markdown link target."""
    return quote(target, safe=":/?#@!$&'*+,;=%~-._")


def link(text: object, target: str) -> str:
    """A Markdown link with escaped text: ``[text](target)``."""
    return f"[{esc(text)}]({url(target)})"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def format_number(value: float) -> str:
    """A short, readable number: 0.9938, 12, 487.5, 12,345."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def format_headline(value: float) -> str:
    """A headline metric: a percentage for scores in [0, 1], else a number."""
    return f"{value:.1%}" if 0 <= value <= 1 else format_number(value)


def format_duration(seconds: float) -> str:
    """41.2 s, 3 min 5 s, 1 h 12 min."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def format_timestamp(moment: datetime) -> str:
    """2026-11-21 20:00 UTC (naive times are shown as they are)."""
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def humanize(name: str) -> str:
    """``confusion_matrix`` -> ``Confusion matrix``."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
