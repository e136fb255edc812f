"""Fit a project's ``MODEL_CARD.md`` into its page on the site.

The card is Markdown written by ``huggingface_hub.ModelCard``: YAML front
matter for the Hub, then an ``h1`` and sections. On the site it sits under a
"Model card" ``h2``, so its front matter and its own ``h1`` title go, its other
headings move one level down (the page keeps a single ``h1``), raw HTML is shown as text, and links
the site cannot resolve become plain text (``mkdocs build --strict`` would
reject them).
"""

import re
from collections.abc import Collection

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")


def strip_front_matter(text: str) -> str:
    """Remove a leading ``---`` YAML block."""
    return _FRONT_MATTER.sub("", text, count=1)


def drop_title(text: str) -> str:
    """Remove the first line if it is an ``h1`` (``# Model Card for ...``)."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    return rest if re.match(r"#\s", first) else stripped


def _outside_fences(text: str):
    """Yield (line, inside_fence) for every line of ``text``."""
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            yield line, True
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            yield line, True
        else:
            yield line, False


def shift_headings(text: str, by: int = 1) -> str:
    """Move every ATX heading (``# x``) ``by`` levels down, at most to ``h6``."""
    out = []
    for line, fenced in _outside_fences(text):
        if not fenced and (m := _HEADING.match(line)):
            level = min(len(m.group(1)) + by, 6)
            line = "#" * level + line[m.end(1) :]
        out.append(line)
    return "\n".join(out)


def _escape_html(line: str) -> str:
    """Show ``<`` as text outside code spans, keeping ``<https://...>`` links."""
    line = _AUTOLINK.sub(r"[\1](\1)", line)
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts += [line[last : m.start()].replace("<", "&lt;"), m.group(0)]
        last = m.end()
    parts.append(line[last:].replace("<", "&lt;"))
    return "".join(parts)


def _unlink(line: str, known: Collection[str]) -> str:
    """Keep absolute links and links to ``known`` files; turn the rest into text."""

    def keep(m: re.Match[str]) -> str:
        target = m.group(3)
        if target.startswith(("http://", "https://", "mailto:")) or target in known:
            return m.group(0)
        return m.group(2)

    return _LINK.sub(keep, line)


def model_card_section(text: str, known_files: Collection[str] = ()) -> str:
    """The body of a model card, ready to sit under a "Model card" ``h2``.

    Args:
        text: the whole ``MODEL_CARD.md``.
        known_files: paths (relative to the project root) the site also serves;
            links to them are kept.
    """
    body = drop_title(_COMMENT.sub("", strip_front_matter(text)))
    out = []
    for line, fenced in _outside_fences(shift_headings(body, by=1)):
        out.append(line if fenced else _unlink(_escape_html(line), known_files))
    return "\n".join(out).strip() + "\n"
