"""The one rule for link and image targets (``showcase.reading.url_policy``), and the resolvers
that place README and model-card links on the site going through it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from showcase.reading.markdown import project_path
from showcase.reading.url_policy import is_absolute, is_allowed, scheme
from showcase.site.model_card import keep_known

ALLOWED = [
    "https://example.org/a?b=c#d",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG",
    "mailto:ada@example.org",
    "MailTo:ada@example.org",
    "#results",
    "",
    "digits/reports/figures/a.png",
    "./a.png",
    "../skills/#cnn",
    "/about/",
    "docs/a%20b.png",
    "docs/a%3Ab.png",  # a colon after the first slash is part of the path
    "?page=2",
    "#a:b",
    "https://example.org/&amp;x",
]
REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "\x00javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\x00script:alert(1)",
    "java\u200bscript:alert(1)",  # zero-width space
    "\ufeffjavascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",  # no semicolons
    "&#0000106&#0000097vascript:alert(1)",  # zero padding
    "&#x6A;avascript:alert(1)",
    "&#X6a&#x61vascript:alert(1)",
    "javascript&colon;alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&amp;#106;avascript:alert(1)",  # entities twice
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "%256Aavascript:alert(1)",  # percent-encoded twice
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",  # full-width letters
    "vbscript:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=",  # no data: at all, even images
    "file:///etc/passwd",
    "ftp://example.org",
    "tel:+123",
    "C:x",
    "//evil.example",
    " //evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "&#47;/evil.example",
]


@pytest.mark.parametrize("target", ALLOWED)
def test_allowed_targets(target):
    assert is_allowed(target)


@pytest.mark.parametrize("target", REFUSED)
def test_refused_targets(target):
    assert not is_allowed(target)


def test_scheme_and_absolute():
    assert scheme("JaVa&#x09;Script:x") == "javascript"
    assert scheme("docs/a.png") is None and scheme("#x") is None
    assert is_absolute("https://x.org") and is_absolute("mailto:a@b.c")
    assert not is_absolute("a.png") and not is_absolute("javascript:x") and not is_absolute("//x")
    nested = "&" + "amp;" * 8 + "#106;avascript:x"  # still changing after every round of decoding
    assert scheme(nested) == "" and not is_allowed(nested)


def _spellings(char: str) -> st.SearchStrategy[str]:
    """The ways HTML, URLs and browsers let one character of a scheme be written (a hex
    reference without its semicolon would take the next letter in: ``&#x6Aa`` is not ``ja``)."""
    code = ord(char)
    return st.sampled_from([
        char, char.upper(), f"&#{code};", f"&#{code:07d};", f"&#{code}", f"&#x{code:x};",
        f"&#X{code:04X};", f"%{code:02X}", f"%{code:02x}", f"\t{char}", f"{char}\n", f"\x00{char}",
    ])


@st.composite
def _encoded(draw, word: str) -> str:
    lead = draw(st.text(alphabet=" \t\n\r\x00\x01\x08\x0b\x0c\x1f", max_size=3))
    return lead + "".join(draw(_spellings(c)) for c in word)


@given(_encoded("javascript:"))
def test_any_spelling_of_javascript_is_refused(prefix):
    assert not is_allowed(prefix + "alert(1)")


@given(_encoded("vbscript:") | _encoded("data:") | _encoded("//"))
def test_any_spelling_of_other_schemes_and_hosts_is_refused(prefix):
    assert not is_allowed(prefix + "x")


def test_resolvers_apply_the_policy():
    resolve = keep_known({"notes.md", "javascript:alert(1)"})
    assert resolve("https://x.org", False) == "https://x.org" and resolve("notes.md", False) == "notes.md"
    for target in ("javascript:alert(1)", "//evil", "data:text/html,x", "other.md"):
        assert resolve(target, False) is None, target
    for target in ("//evil.example/a.png", "/\\evil.example/a.png", "\\\\evil/a.png", "java\tscript:x"):
        assert project_path(target) is None, target


def test_project_links_apply_the_policy(make_project, tmp_path):
    from showcase.reading.project import load_project
    from showcase.site.pages.project import ProjectLinks

    links = ProjectLinks(load_project(make_project(readme="# T\n")), {"docs/diagram.png": None})
    assert links("https://x.org/a", False) == "https://x.org/a"
    assert links("docs/diagram.png", True) == "digits/docs/diagram.png"
    for target in ("javascript:alert(1)", "JAVASCRIPT:x", "&#106;avascript:x", "//evil", "data:x", "#"):
        assert links(target, False) is None, target
