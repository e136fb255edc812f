"""README and model-card Markdown fitted into a page (markdown-it tokens), and the README cut."""

import html
from html.parser import HTMLParser

import markdown
import pytest

from showcase.reading.markdown import link_targets, project_path, strip_front_matter
from showcase.reading.readme import parse_readme
from showcase.site.fit import fit
from showcase.site.model_card import model_card_section


def drop(target: str, is_image: bool) -> None:
    return None


def keep_absolute(target: str, is_image: bool) -> str | None:
    return target if target.startswith("https://") else None


def test_front_matter_and_project_paths():
    assert strip_front_matter("---\na: 1\n---\n# T\n") == "# T\n"
    assert strip_front_matter("--- no\n# T\n") == "--- no\n# T\n"
    assert project_path("reports/../reports/a.png#x") == ("reports/a.png", "x")
    assert project_path("docs/a%20b.png") == ("docs/a b.png", "")  # a file name, decoded
    for outside in ("../x.png", "/etc/passwd", "https://x.org/a.png", "#anchor", "C:x"):
        assert project_path(outside) is None


def test_headings_move_down_but_code_stays():
    shifted = fit("# a\n## b\n###### c\n```\n# d\n```\n\n    # e\n\nSetext\n---", drop)
    # An indented block becomes a fence: Python-Markdown reads a fence at the margin as code
    # whatever comes before it (after a list, it reads four spaces as the list's).
    assert shifted == "## a\n### b\n###### c\n```\n# d\n```\n\n```\n# e\n```\n\n### Setext\n"


def test_raw_html_shows_as_text_outside_code():
    assert fit("[a](a.md) <i>b</i> `<c>`", drop) == "a &lt;i>b&lt;/i> `<c>`\n"
    block = fit('<div align="center">\n<img src="x.png"> [web](https://w.org)\n</div>', keep_absolute)
    assert block == '&lt;div align="center">\n&lt;img src="x.png"> [web](https://w.org)\n&lt;/div>\n'
    assert fit("```html\n<b>x</b>\n```", drop) == "```html\n<b>x</b>\n```\n"
    comments = fit("A <!-- inline --> B\n\n<!-- block\ncomment -->\n\nC", drop)
    assert comments == "A  B\n\n\n\n\nC\n"  # a comment block's lines are left blank


def test_links_are_resolved_in_every_block():
    text = ("> see [rel](a.md) and <https://auto.org>\n\n- [x](https://x.org \"t\")\n  ![i](i.png)\n\n"
            "| a \\| b | [l](l.md) |\n|---|---|\n| `c` | [w](https://w.org) |")
    assert fit(text, keep_absolute) == (
        "> see rel and [https://auto.org](https://auto.org)\n\n- [x](https://x.org \"t\")\n  i\n\n"
        "| a \\| b | l |\n|---|---|\n| `c` | [w](https://w.org) |\n"
    )
    moved = fit("![d](docs/my%20d.png)", lambda target, is_image: "slug/docs/my d.png")
    assert moved == "![d](slug/docs/my%20d.png)\n"  # a space would end the link


def test_link_targets_come_from_the_tokens():
    text = "[a](a.md) ![b](b.png) `[c](c.md)`\n\n```\n![d](d.png)\n```\n\n<p>![e](e.png)</p>"
    assert link_targets(text) == ["a.md", "b.png", "e.png"]
    assert link_targets(text, images_only=True) == ["b.png", "e.png"]


def test_model_card_section():
    card = "---\nlicense: mit\n---\n# Model Card for x\n\n<!-- hub -->\n## Use\n\n"
    card += "[x](https://x.org) [y](y.md)"
    assert model_card_section(card) == "### Use\n\n[x](https://x.org) y\n"
    assert model_card_section("# T\n\n[x](https://x.org) [y](y.md)") == "[x](https://x.org) y\n"


def test_parse_readme_sections():
    story = parse_readme("# T\n\nLead.\n\n## Problem\n\nP.\n\n## How to reproduce\n\n`make`\n"
                         "\n## Results\n\n<!-- results:start -->\n|a|\n<!-- results:end -->\n"
                         "\n## Only a comment\n\n<!-- nothing here -->\n")
    assert [s.title for s in story.sections] == ["Problem", "How to reproduce"]
    assert story.take("reproduce").body == "`make`" and story.take("reproduce") is None
    environment = parse_readme("## Environment\n\nCartPole-v1 from Gymnasium.\n")  # an agent's data
    assert environment.take("data").body == "CartPole-v1 from Gymnasium."
    assert [s.title for s in parse_readme("# T\n\nJust text.\n").sections] == ["About"]
    assert parse_readme("# T\n").sections == []
    fenced = parse_readme("## Use\n\n```\n## not a section\n```\n\n> ## nor this\n")
    assert [s.title for s in fenced.sections] == ["Use"] and "## not a section" in fenced.sections[0].body


def test_a_code_span_over_two_lines_stays_in_its_paragraph():
    assert fit("- a `b\n  c` [x](y.md)\n  d <i>", drop) == "- a `b c` x d &lt;i>\n"


class _Attributes(HTMLParser):
    """Every element's tag and attributes in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _rendered(markdown_text: str) -> list[tuple[str, dict[str, str | None]]]:
    """``markdown_text`` fitted, then rendered as MkDocs renders a page (its built-in
    extensions and the plugin's, without the plugin's last filter), as (tag, attributes)."""
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc", "fenced_code"])
    parser = _Attributes()
    parser.feed(md.convert(fit(markdown_text, keep_absolute)))
    return parser.elements


HOSTILE_MARKDOWN = {
    "inline link": "[v](javascript:alert(1))",
    "reference": "[v][r]\n\n[r]: javascript:alert(1)",
    "shortcut reference": "[r]\n\n[r]: vbscript:msgbox(1)",
    "reference in a label": "[a\\]b]: [evil]\n\n[evil]: javascript:alert(1)",
    "entity": "[v](&#106;avascript:alert(1))",
    "data": "![v](data:text/html;base64,PHNjcmlwdD4=)",
    "tab in scheme": "[v](<java\tscript:alert(1)>)",
    "autolink": "<javascript:alert(1)>",
    "attr_list on a paragraph": 'text\n{: onclick="alert(1)" }',
    "attr_list on a heading": "# Title {: onmouseover=alert(1) }",
    "attr_list on emphasis": "*v*{: onclick=alert(1) }",
    "link in an HTML block": '<div markdown="1">\n[v](javascript:alert(1))\n</div>',
    "link in inline HTML": '<a title="[v](javascript:alert(1))">x</a>',
    "tilde fence closed by a longer one": "~~~\n<script>alert(1)</script>\n~~~~",
    "unclosed fence": "```\n\n<script>alert(1)</script>",
    "fence in a list": "- item\n\n  ```\n  a\n\n  <img src=x onerror=alert(1)>\n  ```",
    "fence in a quote": "> ```\n> a\n>\n> <script>alert(1)</script>\n> ```",
    "indented code after a list": "10.  item\n\n    <script>alert(1)</script>",
    "indented fence": "  ```\n  x\n\n  <script>alert(1)</script>\n  ```",
    "fence in a table's last row": "| a |\n|---|\n| b |\n```\n\n```\n<script>alert(1)</script>\n```",
    "TOC marker": "# A\n\n[TOC]",
    "escaped tag": "\\<script>alert(1)\\</script> \\<img src=x onerror=alert(1)>",
    "escaped tilde fence": "\\~~~\n<script>alert(1)</script>\n~~~",
    "escaped tilde fence before a fence": "\\~~~\n\n```\n~~~\n<script>alert(1)</script>\n```",
    "code span at the margin": "```py )`` <img src=x onerror=alert(1)>```py",
    "code span opening a fence": "```{`}\nfoo```\n\n```\n<script>alert(1)</script>\n```",
    "fence hidden in an HTML block": "<div>\n```\n</div>\n\n```\n<script>alert(1)</script>\n```",
}


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_python_markdown_reads_no_more_than_markdown_it(text):
    """What ``fit`` writes back gives Python-Markdown no link, handler, script or table of
    contents that markdown-it did not see (the page's last filter is not needed for it)."""
    for tag, attrs in _rendered(text):
        assert tag not in ("script", "a", "img", "div"), (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)


def test_allowed_links_and_code_still_render():
    elements = _rendered("[w](https://w.org) ![i](https://w.org/i.png)\n\n```py\nx = 1\n```\n\n"
                         "- a\n\n  ```\n  <b>code</b> [x](y)\n  ```\n")
    assert ("a", {"href": "https://w.org"}) in elements
    assert ("img", {"alt": "i", "src": "https://w.org/i.png"}) in elements
    assert ("code", {"class": "language-py"}) in elements
    nested = fit("- a\n\n  ```\n  <b>code</b> [x](y)\n  ```\n", drop)
    assert html.unescape(nested.split("<code>")[1].split("</code>")[0]) == "<b>code</b> [x](y)\n"
    assert fit("A [b] {c} `d` \\e \\<i> \\&lt;", drop) == "A \\[b\\] \\{c\\} `d` \\e &lt;i> &amp;lt;\n"
