"""Read the Markdown a project wrote (its README, its model card) as markdown-it reads it.

markdown-it-py (CommonMark and GitHub's tables) finds the blocks, their lines, the headings and
every link target; what reads a project's documents uses these: the loader (the images a document
shows, ``reading.project``), the README's sections (``reading.readme``), the readiness checks and
the site's fitting of a document into a page (``site.fit``). markdown-it's own judgement of a
target is switched off (``validateLink``), so that every target, ``javascript:`` included, reaches
whoever reads it, and the URL policy (``reading.url_policy``) judges it there.
"""

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from showcase.reading.url_policy import is_allowed


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables; ``text_join`` off so escapes and entities keep their spelling;
    reference definitions as tokens (``site.fit`` blanks them); every link target accepted, so
    that each reaches a resolver (see the module's docstring)."""
    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable("table").disable("text_join")
    md.validateLink = lambda url: True
    return md


@lru_cache(maxsize=1024)
def markdown_tokens(text: str) -> tuple[Token, ...]:
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


def is_comment(token: Token) -> bool:
    """An HTML comment (a block or inline)."""
    return token.type in ("html_block", "html_inline") and token.content.lstrip().startswith("<!--")


def _html_blocks(text: str, escape: bool) -> str:
    """``text`` with its HTML comment blocks blanked (the lines stay, so paragraphs stay apart,
    and text after a comment's end on its line is kept) and, if asked, other HTML blocks escaped."""
    lines = split_lines(text)
    for token in markdown_tokens(text):
        if token.type != "html_block" or token.map is None:
            continue
        start, end = token.map
        if is_comment(token):
            after = token.content.split("-->", 1)[1].strip() if "-->" in token.content else ""
            lines[start:end] = [""] * (end - start - 1) + [after.replace("<", "&lt;") if escape else after]
        elif escape:
            lines[start:end] = [line.replace("<", "&lt;") for line in lines[start:end]]
    return "\n".join(lines)


def strip_comments(text: str) -> str:
    """``text`` without its HTML comment blocks, line for line (each comment line left blank)."""
    return _html_blocks(text, escape=False)


def html_as_text(text: str) -> str:
    """Comment blocks dropped, other raw HTML blocks escaped (``&lt;``) so they read as text."""
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
    tokens = markdown_tokens(text)
    return [
        Heading(int(t.tag[1]), tokens[i + 1].content.strip(), *t.map)
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.level == 0 and t.map is not None
    ]


def _inline_tokens(tokens: Sequence[Token]) -> Iterator[Token]:
    """Every inline child token, images' alt text included."""
    for token in tokens:
        yield token
        yield from _inline_tokens(token.children or [])


def link_targets(text: str, images_only: bool = False) -> list[str]:
    """Every link target in ``text`` outside code (only images if asked), as markdown-it reads it."""
    tokens = _inline_tokens(markdown_tokens(html_as_text(strip_front_matter(text))))
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
