"""The last filter over each page's HTML (``showcase.site.safe_html``): nothing it lets through
can run script, and a page with nothing to remove comes out as it went in."""

import re
from html.parser import HTMLParser

import markdown
import pytest

from showcase.site.safe_html import rewrite

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster",
                  "data-src", "data-script", "data-module"}


def live_script_target(value: str) -> bool:
    """Whether a URL attribute's value could run script or leave the site as ``//host``,
    judged without ``url_policy`` (a second opinion): whitespace and controls out, lower case."""
    plain = re.sub(r"[\x00-\x20\x7f-\x9f\u200b\ufeff]", "", value).lower().replace("\\", "/")
    return plain.startswith(("javascript:", "vbscript:", "livescript:", "data:", "//")) or any(
        re.match(rf"^{s}:|.*[, ]{s}:", plain) for s in ("javascript", "vbscript", "data"))


class Elements(HTMLParser):
    """Every element (tag, attributes) of a piece of HTML, as a browser would see it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def unsafe(text: str) -> list[str]:
    """What in ``text`` could run script: on* attributes, script-bearing URLs, script elements."""
    found = []
    for tag, attrs in Elements(text).elements:
        if tag in ("script", "iframe", "object", "embed", "base", "meta", "noscript", "style", "textarea",
                   "animate", "set"):
            found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name == "srcdoc":
                found.append(f"{tag} {name}")
            elif name in URL_ATTRIBUTES and value and live_script_target(value):
                found.append(f"{tag} {name}={value}")
    return found


HOSTILE_HTML = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A&#x61;vascript:alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<a href="//evil.example">x</a>',
    '<a href="/\\evil.example">x</a>',
    '<img src="javascript:alert(1)" alt="y">',
    '<img src=x onerror=alert(1)>',
    '<img/src="x"/onerror=alert(1)>',
    '<IMG SRC=x ONERROR="alert(1)">',
    '<img src="x" srcset="a.png 1x, javascript:alert(1) 2x">',
    '<picture><source srcset="javascript:alert(1)"></picture>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>',
    '<svg><a xlink:href="javascript:alert(1)">s</a></svg>',
    '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    '<svg onload=alert(1)>',
    '<body onload=alert(1)>',
    '<p style="x" onmouseover="alert(1)">p</p>',
    '<script>alert(1)</script>',
    '<script src="https://evil.example/x.js"></script>',
    '<script>a</script foo><img src=x onerror=alert(1)></script>',
    '<script/>alert(1)',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>',
    '<style></style ><img src=x onerror=alert(1)></style>',
    '<div data-sc-demo="space" data-src="javascript:alert(1)">d</div>',
    '<a href="javascript:alert(1)" <img src=x onerror=alert(1)>',
    '<a\vonclick=alert(1) href="javascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("text", HOSTILE_HTML)
def test_nothing_that_runs_script_gets_through(text):
    assert unsafe(text), "the case itself must be unsafe"
    cleaned = rewrite(text)
    assert unsafe(cleaned) == [], cleaned
    assert rewrite(cleaned) == cleaned  # and once is enough


PARSER_DIFFERENTIALS = [
    "<!--> <img src=x onerror=alert(1)> -->",  # a browser ends the comment at "<!-->"
    "<!-- a --!> <img src=x onerror=alert(1)> -->",  # and at "--!>"
    "<![CDATA[ <img src=x onerror=alert(1)> ]]>",
    "<? x <img src=x onerror=alert(1)> ?>",
]


@pytest.mark.parametrize("text", PARSER_DIFFERENTIALS)
def test_what_parsers_read_differently_goes(text):
    """Where ``html.parser`` sees a comment and a browser sees a tag, the tag goes too."""
    assert "<img" not in rewrite(text)


def test_a_refused_link_or_image_becomes_its_text():
    link = '<p><a href="javascript:x" title="t">the <b>text</b></a> end</p>'
    assert rewrite(link) == "<p>the <b>text</b> end</p>"
    assert rewrite('<img src="javascript:x" alt="a &amp; b"> after') == "a &amp; b after"
    inner = '<a href="https://x.org"><img src="javascript:x" alt="i"></a>'
    assert rewrite(inner) == '<a href="https://x.org">i</a>'
    assert rewrite("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


PAGE = """<h2 id="results">Results<a class="headerlink" href="#results" title="Permanent link">&para;</a></h2>
<p>Written by <code>make evaluate</code> &amp; <a href="../skills/#cnn">skills</a>, <a href="https://example.org/a?b=1&amp;c=2">web</a>,
<a href="mailto:ada@example.org">mail</a>.</p>
<table>
<thead><tr><th>Metric</th><th>Value</th></tr></thead>
<tbody><tr><td><strong>Accuracy</strong> (headline)</td><td>99.4%</td></tr></tbody>
</table>
<div class="sc-demo" data-sc-demo="browser" data-module="../../assets/showcase/demos/image.mjs"
 data-files='{"model": "digits/models/model.onnx"}' data-title="Digits demo">
<picture><source type="image/webp" srcset="digits/_site/cover.webp 1x, digits/_site/cover@2x.webp 2x">
<img alt="Still" src="digits/cover.png" width="320" height="240" loading="lazy" /></picture>
<button type="button" class="md-button md-button--primary sc-demo__open">Try it here</button>
</div>
<pre><code class="language-python">x = "&lt;b&gt;" if a &lt; b else '&amp;'
</code></pre>
<p><img alt="diagram" src="digits/docs/diagram.png" /><br />
a &gt; b, 3 &lt; 4</p>
"""


def test_a_page_with_nothing_to_remove_is_unchanged():
    assert rewrite(PAGE) == PAGE


def test_it_is_the_last_step_of_python_markdown():
    md = markdown.Markdown(extensions=["md_in_html", "attr_list", "showcase.site.safe_html"])
    out = md.convert('<div onclick="x" markdown="1">\n[a](https://x.org)\n</div>\n\n'
                     '<a href="javascript:alert(1)">b</a>\n\npara\n{: onclick="alert(1)" }')
    assert unsafe(out) == [] and '<a href="https://x.org">a</a>' in out and "javascript" not in out
    assert "<p>b</p>" in out and "<p>para</p>" in out
