"""Where a link or an image on the site may point: one rule, read the way a browser reads a URL.

A project's README and model card are written by someone else, for another place, and on
the way to a page they are read by two Markdown parsers (markdown-it finds the links,
Python-Markdown renders the result) that disagree about what a link is and which targets
are safe: markdown-it turns ``[x](javascript:alert(1))`` into text, Python-Markdown turns it
into a live ``href``. So neither parser's judgement is trusted; every target is judged
here, by the resolvers that place README and model-card links on the site and again by
the filter over each page's finished HTML (``showcase.site.safe_html``):

- allowed: ``http:``, ``https:`` and ``mailto:``, and targets without a scheme, which stay
  on the site (``#results``, ``digits/reports/a.png``, ``../skills/``, ``/about/``);
- refused: every other scheme (``javascript:``, ``vbscript:``, ``data:``, ``file:``, ...),
  and ``//host``, which looks relative but leaves the site (``/\\host`` and ``\\\\host``
  too: a browser reads a backslash as a slash).

Browsers are lenient about what comes before the colon, so the target is normalised first,
the way they do and a little further (refusing a strange target costs a link; accepting
one can cost the visitor): HTML character references decoded (``&#106;``, ``&#x6A``,
``&colon;``), percent-escapes decoded, every whitespace and control character removed
(``java\\tscript:``, ``\\x01javascript:``), compatibility forms folded (full-width
letters), case folded. A target that still changes after a few rounds of decoding is
refused.
"""

import html
import re
import unicodedata
from urllib.parse import unquote

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_ROUNDS = 5
"""Decoding rounds before giving up: ``&amp;#106;`` or ``%256A`` need two; a browser does one."""
_SCHEME_END = re.compile(r"[:/?#]")


def _visible(char: str) -> bool:
    """False for whitespace and for control and format characters (``\\t``, NUL, zero-width space)."""
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


def _decode_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", unquote(html.unescape(text)))
    return "".join(char for char in text if _visible(char))


def normalise_url(target: str) -> str | None:
    """``target`` as a browser could read it, lower case, backslashes as slashes; None when
    decoding it does not settle within a few rounds."""
    text = _decode_once(target)
    for _ in range(_ROUNDS):
        decoded = _decode_once(text)
        if decoded == text:
            return text.replace("\\", "/").casefold()
        text = decoded
    return None


def scheme(target: str) -> str | None:
    """The scheme ``target`` names once normalised (``"javascript"``), ``""`` when it cannot be
    read, or None when it has none (a path, an anchor)."""
    text = normalise_url(target)
    if text is None:
        return ""
    end = _SCHEME_END.search(text)
    return text[: end.start()] if end is not None and end.group() == ":" else None


def is_allowed(target: str) -> bool:
    """Whether a link or image may point at ``target`` (see the module's docstring)."""
    found = scheme(target)
    if found is not None:
        return found in ALLOWED_SCHEMES
    return not (normalise_url(target) or "").startswith("//")


def is_absolute(target: str) -> bool:
    """Whether ``target`` is an allowed link off the site (``http:``, ``https:``, ``mailto:``)."""
    return scheme(target) in ALLOWED_SCHEMES
