"""The last look at each page's HTML: no link, image or attribute in it can run script.

A project's README and model card reach a page through two Markdown parsers, and
``showcase.site.fit`` writes them so that Python-Markdown reads no more than
markdown-it did; this is the layer under that one, for whatever a disagreement
between them, a new extension or a hand-written page lets through. It is a
Python-Markdown extension (the plugin turns it on for every page), whose
postprocessor runs last, on the HTML MkDocs puts in the page, raw HTML included:

- a URL attribute (``href``, ``src``, ``srcset``, ``action``, ``formaction``,
  ``xlink:href``...) whose target ``url_policy`` refuses: an ``<a>`` becomes its
  text, an ``<img>`` its alt text, any other element loses the attribute;
- every event handler (``on*``) and ``srcdoc`` attribute is removed;
- elements that run or load code by themselves (``script``, ``object``, ``base``...),
  or whose content a browser reads as text where Python's ``html.parser`` reads
  markup (``noscript``, ``textarea``, ``iframe``...), are shown as text;
- comments and declarations are dropped, and a stray ``<`` in text is escaped.

It reads the HTML with ``html.parser`` and rewrites only what it changes, so a page
with nothing to remove comes out byte for byte as it went in. A start tag that is
not plainly written (where a browser could read its attributes otherwise) is written
again as ``html.parser`` read it, so that what was checked is what the browser gets.
"""

import html
import re
from bisect import bisect_right
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from showcase.reading.url_policy import is_allowed

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "manifest", "codebase", "icon", "archive",
    "data-src", "data-script", "data-module",  # the demo script loads these (showcase.js)
})
"""Attributes holding one URL that a browser (or the site's demo script) follows."""
URL_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping"})
"""Attributes holding several: ``srcset``'s candidates, ``ping``'s URLs."""
SHOWN_AS_TEXT = frozenset({
    "script", "style", "object", "embed", "applet", "base", "meta", "link", "frame",
    "frameset", "animate", "set", "animatemotion", "animatetransform",  # SVG: set an href
    "iframe", "noscript", "noembed", "noframes", "textarea", "title", "xmp", "plaintext",
})
"""Elements a page's Markdown never needs: they run or load code, change every link's
base, or hold text that ``html.parser`` would read as markup (the last line). A tag
whose name is not a plain name is shown as text too."""
_PLAIN_TAG = re.compile(
    r"""<[a-zA-Z][a-zA-Z0-9-]*(?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    r"""(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:"[^"]*"|'[^']*'|[^ \t\n\r\f"'=<>`]+))?)*[ \t\n\r\f]*/?>"""
)
"""A start tag whose attributes every HTML parser splits the same way (HTML's own spaces only)."""
_NAME = re.compile(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*")
_TAG_NAME = re.compile(r"[a-z][a-z0-9-]*")


def _url_ok(name: str, value: str | None) -> bool:
    """Whether attribute ``name`` may keep ``value`` (only URL attributes are judged)."""
    if value is None or (name not in URL_ATTRIBUTES and name not in URL_LIST_ATTRIBUTES):
        return True
    if name in URL_ATTRIBUTES:
        return is_allowed(value)
    # Every place a candidate URL could start: after a comma (srcset) or a space (ping).
    return all(is_allowed(part.split()[0]) for part in re.split(r"[,\s]+", value) if part.strip())


def _tag(name: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    """A start tag, written plainly (names that are not plain names are left out)."""
    parts = [name]
    for key, value in attrs:
        if _NAME.fullmatch(key):
            parts.append(key if value is None else f'{key}="{html.escape(value, quote=True)}"')
    return f"<{' '.join(parts)}{' /' if closed else ''}>"


class _Rewriter(HTMLParser):
    """Reads the HTML once and notes each replacement: (start, end, new text)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.edits: list[tuple[int, int, str]] = []
        self.starts: list[int] = []  # where each piece of the page starts, in order
        self.links: list[bool] = []  # open <a> elements: True where it is being unwrapped
        self.shown: tuple[str, int] | None = None  # an element shown as text: (tag, its start)

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _mark(self) -> int:
        """Where the piece being handled starts (``html.parser`` moves on after the handler)."""
        self.starts.append(self._here())
        return self.starts[-1]

    def _tag_end(self, start: int) -> int:
        """One past the ``>`` of the tag at ``start`` (end tags: ``html.parser`` reads to it)."""
        end = self.text.find(">", start)
        return len(self.text) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start, raw = self._mark(), self.get_starttag_text() or ""
        if self.shown is not None:
            return
        end = start + len(raw)
        if tag in SHOWN_AS_TEXT or not _TAG_NAME.fullmatch(tag):
            if tag in self.CDATA_CONTENT_ELEMENTS and not closed:  # with its text, at its end tag
                self.shown = (tag, start)
            else:  # what it holds is read as any other markup, here and in the browser
                self.edits.append((start, end, html.escape(raw)))
            return
        kept = [(k, v) for k, v in attrs if not k.startswith("on") and k != "srcdoc" and _url_ok(k, v)]
        refused = {k for k, v in attrs if not _url_ok(k, v)}
        if tag == "a":
            self.links.append("href" in refused or "xlink:href" in refused)
            if self.links[-1]:
                self.edits.append((start, end, ""))
                return
        if tag == "img" and "src" in refused:
            self.edits.append((start, end, html.escape(dict(attrs).get("alt") or "")))
        elif kept != attrs or not _PLAIN_TAG.fullmatch(raw):
            self.edits.append((start, end, _tag(tag, kept, closed)))

    def handle_endtag(self, tag: str) -> None:
        start = self._mark()
        end = self._tag_end(start)
        if self.shown is not None:
            if tag == self.shown[0]:  # the whole element, as text
                self.edits.append((self.shown[1], end, html.escape(self.text[self.shown[1] : end])))
                self.shown = None
            return
        if tag in SHOWN_AS_TEXT:
            self.edits.append((start, end, html.escape(self.text[start:end])))
        elif tag == "a" and self.links and self.links.pop():
            self.edits.append((start, end, ""))

    def handle_data(self, data: str) -> None:
        start = self._mark()
        if self.shown is None and "<" in data:
            self.edits.append((start, start + len(data), data.replace("<", "&lt;")))

    def handle_entityref(self, name: str) -> None:
        self._mark()

    def handle_charref(self, name: str) -> None:
        self._mark()

    def handle_comment(self, data: str) -> None:
        self._drop()

    def handle_decl(self, decl: str) -> None:
        self._drop()

    def handle_pi(self, data: str) -> None:
        self._drop()

    def unknown_decl(self, data: str) -> None:
        self._drop()

    def _drop(self) -> None:
        """Drop a comment or declaration, up to where the next piece starts (-1: not known yet)."""
        start = self._mark()
        if self.shown is None:
            self.edits.append((start, -1, ""))


def rewrite(text: str) -> str:
    """``text`` (a page's HTML) with what the module's docstring lists removed or shown as text."""
    parser = _Rewriter(text)
    parser.feed(text)
    parser.close()
    edits, starts = parser.edits, [*parser.starts, len(text)]
    if parser.shown is not None:  # never closed: the rest of the page is text
        edits.append((parser.shown[1], len(text), html.escape(text[parser.shown[1] :])))
    out, at = [], 0
    for start, end, new in sorted(edits):
        if start < at:
            continue  # inside an element already shown as text
        if end < 0:
            end = starts[bisect_right(starts, start)]
        out += [text[at:start], new]
        at = end
    return "".join([*out, text[at:]])


class _SafeHtml(Postprocessor):
    def run(self, text: str) -> str:
        return rewrite(text)


class SafeHtmlExtension(Extension):
    """Registers the filter as Python-Markdown's last postprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_SafeHtml(md), "showcase_safe_html", -100)


def makeExtension(**kwargs) -> SafeHtmlExtension:  # noqa: N802 (how Python-Markdown loads it by name)
    """``markdown_extensions: [showcase.site.safe_html]`` loads the filter."""
    return SafeHtmlExtension(**kwargs)
