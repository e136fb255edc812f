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
2. the escaped text is read again: headings are written again one level down,
   and each run of inline text is written back from its tokens
   (``inline_markdown``) on the lines markdown-it says it came from, its links
   resolved and inline HTML escaped; code blocks are written again in one form
   (``_Lines.code``), reference definitions blanked, and an HTML block that
   only this reading finds is escaped too. Everything else stays as written.

The result is still Markdown: MkDocs (Python-Markdown) renders it in the page. The
two parsers disagree about Markdown at its edges, so what is written back for
Python-Markdown is written so that it can read no more than markdown-it did: the
text of a run is escaped (``[``, ``{`` for ``attr_list``, backticks, ``<``), raw
HTML too, a code block is a fence at the margin that no other line can close
(Python-Markdown's ``fenced_code`` takes those before anything else) or, inside a
list or a quote, one line of ``<pre>`` whose text is all character references,
and a definition has nothing left to define. Every link target goes through a
resolver, and the resolvers go through ``url_policy``; markdown-it's own judgement
of a target is switched off (``validateLink``), so that a ``javascript:`` link
reaches a resolver, which refuses it, instead of being text here and a link to
Python-Markdown. ``showcase.site.safe_html`` checks the rendered page again, for
anything this misses.
"""

import re
from collections.abc import Callable, Sequence

from markdown_it.token import Token

from showcase.reading.markdown import html_as_text, is_comment, markdown_tokens, split_lines
from showcase.site.markdown_text import link_url

Resolver = Callable[[str, bool], str | None]
"""``resolve(target, is_image)``: the link target on the site, or None to drop the link."""

_TEXT_ESCAPES = str.maketrans({"<": "&lt;", **{c: "\\" + c for c in "\\`[]{}"}})
"""Text as Markdown that Python-Markdown reads as the same text: ``<`` as an entity, and
backslash escapes for what would start a link, a code span or an ``attr_list``."""
_INERT = str.maketrans({"<": "&lt;", **{c: f"&#{ord(c)};" for c in "\\`~[]{}"}})
"""Inline HTML shown as text: ``<`` and the characters of links, code, ``attr_list`` and
fences as character references (markdown-it read none of them as Markdown there). An HTML
block needs only its ``<`` escaped: ``fit`` reads its lines again as Markdown."""
_PY_MARKDOWN_ESCAPES = frozenset("\\`*_{}[]()>#+-.!|")
"""What Python-Markdown reads after a backslash as the character itself (``|`` with ``tables``):
``\\<`` is a ``<`` to markdown-it and a backslash before a tag to Python-Markdown."""
_TILDES = re.compile("~{3}")
_LANGUAGE = re.compile(r"[\w#+.-]+")


def drop_title(text: str) -> str:
    """Remove the first block if it is an ``h1`` (``# Model Card for ...``)."""
    tokens = [t for t in markdown_tokens(text) if t.map is not None and t.type != "definition"]
    if not tokens or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        return text.strip()
    return "\n".join(split_lines(text)[tokens[0].map[1] :]).strip()


def _link(token: Token, inner: str, target: str, resolve: Resolver, is_image: bool) -> str:
    """``[inner](target "title")`` with ``target`` resolved, or just ``inner`` when it has no place."""
    new = resolve(target, is_image)
    if new is None:
        return inner
    title = str(token.attrGet("title") or "").replace("\\", "\\\\").replace('"', '\\"')
    quoted = f' "{title}"' if title else ""
    return f"{'!' if is_image else ''}[{inner}]({link_url(new)}{quoted})"


def _code(token: Token) -> str:
    """A code span, padded with a space where its content starts or ends with a backtick."""
    content = token.content
    pad = " " if content[:1] == "`" or content[-1:] == "`" else ""
    return f"{token.markup}{pad}{content}{pad}{token.markup}"


def _text(token: Token, in_table: bool) -> str:
    """One leaf token as Markdown: its source spelling, escaped so that it stays text."""
    kind = token.type
    if kind == "text":
        text = token.content.translate(_TEXT_ESCAPES)
        return text.replace("|", "\\|") if in_table else text
    if kind == "text_special":  # ``\*`` or ``&amp;`` as written, ``\<`` as ``&lt;``
        char = token.content
        if token.info != "escape" or len(char) != 1 or char in _PY_MARKDOWN_ESCAPES:
            return token.markup
        return {"&": "&amp;", "<": "&lt;"}.get(char, char)
    if kind in ("softbreak", "hardbreak"):
        return "\n" if kind == "softbreak" else "  \n"
    if kind == "code_inline":
        return _code(token)
    if kind == "html_inline":
        return "" if is_comment(token) else token.content.translate(_INERT)
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

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.source = split_lines(text)
        self.lines: list[str | None] = list(self.source)
        self.fenced: set[int] = set()  # lines holding a code block (``code``), its own fences
        # The code blocks' fence: longer than any run of backticks in the text (their own fence
        # lines aside), so that no other line can open or close one.
        blocks = [t for t in tokens if t.type in ("fence", "code_block") and t.map]
        in_blocks = {i for t in blocks for i in range(*t.map)}
        rest = [line for i, line in enumerate(self.source) if i not in in_blocks]
        rest += [t.content for t in blocks]
        self.fence = "`" * max(3, 1 + max((len(r) for r in re.findall("`+", "\n".join(rest))), default=0))
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

    def code(self, token: Token) -> None:
        """Write the code block at ``token`` again, in a form Python-Markdown reads as that code.

        At the margin: a backtick fence longer than any run of backticks in the text
        (``fenced_code`` takes such a fence before it reads anything else, and no other line,
        a code span's first one say, can pair with it; an indented block, a tilde fence or an
        unclosed one could be read otherwise). Inside a list or a quote,
        where the two parsers count indentation differently: one line of ``<pre>`` whose
        characters are all references, which shows the code whether it is read as HTML,
        text or code (as code, the references show as they are written).
        """
        start, end = token.map
        content = token.content if token.content.endswith("\n") or not token.content else token.content + "\n"
        language = _LANGUAGE.match(token.info.strip())
        language = language.group() if language else ""
        self.lines[start + 1 : end] = [None] * (end - start - 1)
        if token.level == 0:
            self.lines[start] = f"{self.fence}{language}\n{content}{self.fence}"
            self.fenced.add(start)
            return
        first, last = self.source[start], self.source[end - 1]
        if token.type == "fence":
            prefix = first[: first.find(token.markup)]
        else:  # the container's markers, without the block's own four spaces
            prefix = re.sub(" {1,4}$", "", re.match(r"[ \t>]*", first).group().expandtabs(4))
        chars = "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"&#{ord(c)};" for c in content)
        css = f' class="language-{language}"' if language else ""
        self.lines[start] = f"{prefix}<pre><code{css}>{chars}</code></pre>"
        if end - 1 > start:  # the block's last line keeps its markers: what follows stays apart
            self.lines[end - 1] = re.match(r"[ \t>]*", last).group().rstrip()

    def html(self, token: Token) -> None:
        """Show an HTML block as text (one the first pass did not escape: escaping and blanking
        there can change the blocks markdown-it finds here); a comment leaves blank lines."""
        start, end = token.map
        for i in range(start, end):
            line = self.lines[i] or ""
            self.lines[i] = "" if is_comment(token) else line.translate(_INERT)

    def blank(self, token: Token) -> None:
        """Empty the lines of a reference definition, its container's markers kept: markdown-it
        has put its target on the links that use it, and Python-Markdown must not read it again."""
        start, end = token.map
        first = self.lines[start] or ""
        self.lines[start] = first[: max(first.find("["), 0)]
        for i in range(start + 1, end):
            self.lines[i] = re.match(r"[ \t>]*", self.lines[i] or "").group().rstrip()

    def text(self) -> str:
        """The lines joined; a tilde fence at the margin that is not in a code block (``\\~~~``
        written back) is escaped, so that Python-Markdown cannot pair it with a line inside one."""
        return "\n".join(
            line if i in self.fenced or not _TILDES.match(line) else f"&#126;{line[1:]}"
            for i, line in enumerate(self.lines)
            if line is not None
        )


def fit(text: str, resolve: Resolver, shift: int = 1) -> str:
    """Shift headings, show raw HTML as text and resolve links; code stays code."""
    text = html_as_text(text)
    tokens = markdown_tokens(text)
    out = _Lines(text, tokens)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = inline_markdown(tokens[i + 1].children or [], resolve)
            out.heading(token, title, min(int(token.tag[1]) + shift, 6))
        elif token.type == "inline" and tokens[i - 1].type != "heading_open" and token.map:
            in_table = tokens[i - 1].type in ("th_open", "td_open")
            out.inline(token, inline_markdown(token.children or [], resolve, in_table), in_table)
        elif token.type in ("fence", "code_block") and token.map:
            out.code(token)
        elif token.type == "definition" and token.map:
            out.blank(token)
        elif token.type == "html_block" and token.map:
            out.html(token)
    return out.text().strip() + "\n"
