"""Fit Markdown written for another place (a README, a model card) into a site page.

A project's ``README.md`` and ``MODEL_CARD.md`` are written to be read on
GitHub or the Hub, relative to the project root. On the site they sit inside a
generated page, so: front matter and comments go, headings move down a level
(the page keeps one ``h1``), raw HTML shows as text (a page never runs markup it
did not write), and every relative link is handed to a ``Resolver`` that says
where it points on the site, or that it has no place there (it becomes plain
text, since ``mkdocs build --strict`` would reject it).
"""

import posixpath
import re
from collections.abc import Callable, Iterator

Resolver = Callable[[str, bool], str | None]
"""``resolve(target, is_image)``: the link target on the site, or None to drop the link."""

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
ABSOLUTE = ("http://", "https://", "mailto:")


def strip_front_matter(text: str) -> str:
    """Remove a leading ``---`` YAML block."""
    return _FRONT_MATTER.sub("", text, count=1)


def strip_comments(text: str) -> str:
    """Remove ``<!-- ... -->`` comments."""
    return _COMMENT.sub("", text)


def drop_title(text: str) -> str:
    """Remove the first line if it is an ``h1`` (``# Model Card for ...``)."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    return rest if re.match(r"#\s", first) else stripped


def lines_with_fences(text: str) -> Iterator[tuple[str, bool]]:
    """Yield ``(line, inside_a_code_fence)`` for every line of ``text``."""
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


def heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` if ``line`` is an ATX heading (``## Data``), else None."""
    if (m := _HEADING.match(line)) is None:
        return None
    return len(m.group(1)), line[m.end(1) :].strip().rstrip("#").strip()


def shift_headings(text: str, by: int = 1) -> str:
    """Move every ATX heading (``# x``) ``by`` levels down, at most to ``h6``."""
    out = []
    for line, fenced in lines_with_fences(text):
        if not fenced and (m := _HEADING.match(line)):
            level = min(len(m.group(1)) + by, 6)
            line = "#" * level + line[m.end(1) :]
        out.append(line)
    return "\n".join(out)


def escape_html(line: str) -> str:
    """Show ``<`` as text outside code spans, keeping ``<https://...>`` links."""
    line = _AUTOLINK.sub(r"[\1](\1)", line)
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts += [line[last : m.start()].replace("<", "&lt;"), m.group(0)]
        last = m.end()
    parts.append(line[last:].replace("<", "&lt;"))
    return "".join(parts)


def relink(line: str, resolve: Resolver) -> str:
    """Rewrite every Markdown link and image of ``line`` through ``resolve``."""

    def rewrite(m: re.Match[str]) -> str:
        bang, text, target = m.groups()
        new = resolve(target, bool(bang))
        if new is None:
            return text
        return f"{bang}[{text}]({new})"

    return _LINK.sub(rewrite, line)


def link_targets(text: str, images_only: bool = False) -> list[str]:
    """Every link target in ``text`` outside code fences (only images if asked)."""
    found = []
    for line, fenced in lines_with_fences(text):
        if not fenced:
            found += [m.group(3) for m in _LINK.finditer(line) if m.group(1) or not images_only]
    return found


def project_path(target: str) -> tuple[str, str] | None:
    """``(path, anchor)`` of a link relative to the project root, or None.

    None for absolute URLs, bare anchors and paths that leave the project.
    """
    if not target or target.startswith(ABSOLUTE) or target.startswith(("#", "/")) or ":" in target:
        return None
    path, _, anchor = target.partition("#")
    path = posixpath.normpath(path.split("?", 1)[0])
    if path.startswith("..") or path == ".":
        return None
    return path, anchor


def fit(text: str, resolve: Resolver, shift: int = 1) -> str:
    """Shift headings, show raw HTML as text and resolve links, leaving code fences alone."""
    out = []
    for line, fenced in lines_with_fences(shift_headings(text, by=shift)):
        out.append(line if fenced else relink(escape_html(line), resolve))
    return "\n".join(out).strip() + "\n"
