"""Fit Markdown written for another place (a README, a model card) into a site page.

A project's ``README.md`` and ``MODEL_CARD.md`` are written to be read on
GitHub or the Hub, relative to the project root. On the site they sit inside a
generated page, so: front matter and comments go, headings move down a level
(the page keeps one ``h1``), raw HTML shows as text (a page never runs markup it
did not write), and every relative link is handed to a ``Resolver`` that says
where it points on the site, or that it has no place there (it becomes plain
text, since ``mkdocs build --strict`` would reject it).

markdown-it-py (CommonMark and GitHub's tables) finds the blocks, their lines
and every link; the text is then rewritten in place, in two passes:

1. raw HTML blocks are escaped (comments dropped), so they read as text;
2. headings are written again one level down, and each run of inline text is
   written back from its tokens (``inline_markdown``) on the lines markdown-it
   says it came from, its links resolved and inline HTML escaped. Code blocks
   and everything else stay as written.

The result is still Markdown: MkDocs (Python-Markdown) renders it in the page.
"""

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import quote, unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from showcase.reading.url_policy import is_allowed

Resolver = Callable[[str, bool], str | None]
"""``resolve(target, is_image)``: the link target on the site, or None to drop the link."""


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables; ``text_join`` off so escapes and entities keep their spelling."""
    return MarkdownIt("commonmark").enable("table").disable("text_join")


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[Token, ...]:
    """markdown-it's tokens for ``text`` (read, never changed; cached: the site reads a README
    for its page, for the skills page and for the images to copy, and again at each rebuild)."""
    return tuple(_parser().parse(text))


def split_lines(text: str) -> list[str]:
    """``text`` split into lines as markdown-it numbers them (its ``Token.map``)."""
    return re.sub(r"\r\n?", "\n", text).replace("\0", "\ufffd").split("\n")


def strip_front_matter(text: str) -> str:
    """Remove a leading ``---`` YAML block (not Markdown: markdown-it reads it as a rule)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    return text if end is None else "".join(lines[end + 1 :])


def _is_comment(token: Token) -> bool:
    return token.type in ("html_block", "html_inline") and token.content.lstrip().startswith("<!--")


def _html_blocks(text: str, escape: bool) -> str:
    """``text`` with its HTML comment blocks blanked (the lines stay, so paragraphs stay apart,
    and text after a comment's end on its line is kept) and, if asked, other HTML blocks escaped."""
    lines = split_lines(text)
    for token in _tokens(text):
        if token.type != "html_block" or token.map is None:
            continue
        start, end = token.map
        if _is_comment(token):
            after = token.content.split("-->", 1)[1].strip() if "-->" in token.content else ""
            lines[start:end] = [""] * (end - start - 1) + [after.replace("<", "&lt;") if escape else after]
        elif escape:
            lines[start:end] = [line.replace("<", "&lt;") for line in lines[start:end]]
    return "\n".join(lines)


def strip_comments(text: str) -> str:
    """``text`` without its HTML comment blocks, line for line (each comment line left blank)."""
    return _html_blocks(text, escape=False)


def _html_as_text(text: str) -> str:
    """Pass 1: comment blocks dropped, other raw HTML blocks escaped (``&lt;``) so they read as text."""
    return _html_blocks(text, escape=True)


@dataclass(frozen=True)
class Heading:
    """A heading markdown-it found: its level, its text as written, and its lines."""

    level: int
    title: str
    start: int
    end: int
    """One past its last line (a setext heading spans its underline)."""


def headings(text: str) -> list[Heading]:
    """Every top-level heading of ``text`` (not those inside code, quotes or lists), in order."""
    tokens = _tokens(text)
    return [
        Heading(int(t.tag[1]), tokens[i + 1].content.strip(), *t.map)
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.level == 0 and t.map is not None
    ]


def drop_title(text: str) -> str:
    """Remove the first block if it is an ``h1`` (``# Model Card for ...``)."""
    tokens = [t for t in _tokens(text) if t.map is not None]
    if not tokens or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        return text.strip()
    return "\n".join(split_lines(text)[tokens[0].map[1] :]).strip()


def _inline_tokens(tokens: Sequence[Token]) -> Iterator[Token]:
    """Every inline child token, images' alt text included."""
    for token in tokens:
        yield token
        yield from _inline_tokens(token.children or [])


def link_targets(text: str, images_only: bool = False) -> list[str]:
    """Every link target in ``text`` outside code (only images if asked), as markdown-it reads it."""
    tokens = _inline_tokens(_tokens(_html_as_text(strip_front_matter(text))))
    return [
        t.attrGet("src") if t.type == "image" else t.attrGet("href")
        for t in tokens
        if t.type == "image" or (t.type == "link_open" and not images_only)
    ]


def project_path(target: str) -> tuple[str, str] | None:
    """``(path, anchor)`` of a link relative to the project root, or None.

    None for absolute URLs, bare anchors and paths that leave the project. The
    path is decoded (``a%20b.png`` -> ``a b.png``), as a file name on disk.
    """
    if not target or not is_allowed(target) or target.startswith(("#", "/", "\\")) or ":" in target:
        return None
    path, _, anchor = target.partition("#")
    path = posixpath.normpath(unquote(path.split("?", 1)[0]))
    if path.startswith("..") or path == ".":
        return None
    return path, anchor


def link_url(target: str) -> str:
    """Percent-encode the characters that would end a Markdown link target."""
    return quote(target, safe=":/?#@!$&'*+,;=%~-._")


def _link(token: Token, inner: str, target: str, resolve: Resolver, is_image: bool) -> str:
    """``[inner](target "title")`` with ``target`` resolved, or just ``inner`` when it has no place."""
    new = resolve(target, is_image)
    if new is None:
        return inner
    title = str(token.attrGet("title") or "").replace('"', '\\"')
    quoted = f' "{title}"' if title else ""
    return f"{'!' if is_image else ''}[{inner}]({link_url(new)}{quoted})"


def _code(token: Token) -> str:
    """A code span, padded with a space where its content starts or ends with a backtick."""
    content = token.content
    pad = " " if content[:1] == "`" or content[-1:] == "`" else ""
    return f"{token.markup}{pad}{content}{pad}{token.markup}"


def _text(token: Token, in_table: bool) -> str:
    """One leaf token as Markdown: its source spelling, ``<`` escaped."""
    kind = token.type
    if kind == "text":
        text = token.content.replace("<", "&lt;")
        return text.replace("|", "\\|") if in_table else text
    if kind == "text_special":
        return token.markup  # ``\*`` or ``&amp;`` as written
    if kind in ("softbreak", "hardbreak"):
        return "\n" if kind == "softbreak" else "  \n"
    if kind == "code_inline":
        return _code(token)
    if kind == "html_inline":
        return "" if _is_comment(token) else token.content.replace("<", "&lt;")
    return token.markup or token.content  # emphasis markers and the like


def inline_markdown(tokens: list[Token], resolve: Resolver, in_table: bool = False) -> str:
    """Markdown for a run of inline tokens, links and images resolved, raw HTML as text."""
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "link_open":
            close = next(j for j in range(i + 1, len(tokens)) if tokens[j].type == "link_close")
            inner = inline_markdown(tokens[i + 1 : close], resolve, in_table)
            out.append(_link(token, inner, str(token.attrGet("href")), resolve, False))
            i = close
        elif token.type == "image":
            alt = inline_markdown(token.children or [], resolve, in_table)
            out.append(_link(token, alt, str(token.attrGet("src")), resolve, True))
        else:
            out.append(_text(token, in_table))
        i += 1
    return "".join(out)


class _Lines:
    """The text's lines, rewritten in place at the positions markdown-it gives."""

    def __init__(self, text: str) -> None:
        self.lines: list[str | None] = list(split_lines(text))
        self.cursor: dict[int, int] = {}  # line -> where the next search starts (table cells)

    def _find(self, index: int, old: str) -> int | None:
        """Where ``old`` is on line ``index``, at or after the line's cursor; None if not there."""
        at = (self.lines[index] or "").find(old, self.cursor.get(index, 0))
        return None if at < 0 else at

    def _put(self, index: int, at: int, old: str, new: str) -> None:
        line = self.lines[index] or ""
        self.lines[index] = line[:at] + new + line[at + len(old) :]
        self.cursor[index] = at + len(new)

    def inline(self, token: Token, new: str, in_table: bool) -> None:
        """Put ``new`` where the inline ``token``'s source is, line by line (container
        markers such as ``>`` and list indentation stay as they are).

        When the line counts differ (a code span broken over lines), ``new`` goes on the
        first line, on one line, and the others are dropped.
        """
        start, end = token.map
        source = token.content.replace("|", "\\|") if in_table else token.content
        olds = [line.strip() for line in source.split("\n")]
        news = new.split("\n")
        if len(olds) == len(news) == end - start:
            spots = [self._find(i, old) for i, old in zip(range(start, end), olds, strict=True)]
            if None not in spots:
                for i, at, old, line in zip(range(start, end), spots, olds, news, strict=True):
                    self._put(i, at, old, line)
                return
        line = self.lines[start] or ""
        at = self._find(start, olds[0])
        if at is None:  # keep the line's indentation
            at = len(line) - len(line.lstrip())
        self.lines[start] = line[:at] + " ".join(news)
        self.lines[start + 1 : end] = [None] * (end - start - 1)

    def heading(self, token: Token, title: str, level: int) -> None:
        """Write the heading at ``token`` as an ATX heading of ``level`` (setext ones included)."""
        start, end = token.map
        line = self.lines[start] or ""
        if token.markup.startswith("#"):
            prefix = line[: line.index("#")]
        else:  # setext: the text's lines, then the underline
            prefix = line[: len(line) - len(line.lstrip())]
        self.lines[start] = prefix + ("#" * level + " " + title.replace("\n", " ")).rstrip()
        self.lines[start + 1 : end] = [None] * (end - start - 1)

    def text(self) -> str:
        return "\n".join(line for line in self.lines if line is not None)


def fit(text: str, resolve: Resolver, shift: int = 1) -> str:
    """Shift headings, show raw HTML as text and resolve links, leaving code alone."""
    text = _html_as_text(text)
    out = _Lines(text)
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = inline_markdown(tokens[i + 1].children or [], resolve)
            out.heading(token, title, min(int(token.tag[1]) + shift, 6))
        elif token.type == "inline" and tokens[i - 1].type != "heading_open" and token.map:
            in_table = tokens[i - 1].type in ("th_open", "td_open")
            out.inline(token, inline_markdown(token.children or [], resolve, in_table), in_table)
    return out.text().strip() + "\n"
