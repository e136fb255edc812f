"""A README and a model card that try to run script on the portfolio, built into a real site.

The project's Markdown holds script URLs spelled every way a browser forgives (OWASP's XSS
filter evasion cheat sheet: case, character references with and without semicolons and
padding, tabs, newlines and control characters in the scheme, percent-encoding, ``data:``,
``vbscript:``, ``livescript:``, ``//host``), in every place a link can be (inline,
reference, autolink, image, heading, table, list, quote, raw HTML, ``attr_list``, code
that the two Markdown parsers delimit differently). The site is built with the plugin and
Material, as the repository's own ``mkdocs.yml`` builds it, and every page and the search
index are read back with an HTML parser: no script URL in a link or image, no event
handler, no script, and each refused link still shows its text.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

VECTORS: dict[int, str] = {
    1: "[v1](javascript:alert(1))",
    2: "[v2](JaVaScRiPt:alert(2))",
    3: "[v3](&#106;avascript:alert(3))",
    4: "[v4](&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(4))",
    5: "[v5](&#0000106&#0000097vascript:alert(5))",
    6: "[v6](&#x6A;avascript:alert(6))",
    7: "[v7](&#X6a&#x61vascript:alert(7))",
    8: "[v8](javascript&colon;alert(8))",
    9: "[v9](java&Tab;script:alert(9))",
    10: "[v10](<java\tscript:alert(10)>)",
    11: "[v11](<java&#x0A;script:alert(11)>)",
    12: "[v12](<&#14;javascript:alert(12)>)",
    13: "[v13](javascript%3Aalert(13))",
    14: "[v14](%6Aavascript:alert(14))",
    15: "[v15](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=)",
    16: "[v16](vbscript:alert(16))",
    17: "[v17](livescript:alert(17))",
    18: "[v18][r18]\n\n[r18]: javascript:alert(18)",
    19: "[v19]\n\n[v19]: JAVASCRIPT:alert(19)",
    20: "<javascript:alert(20)> v20",
    21: "![v21](javascript:alert(21))",
    22: "![v22](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMjIpPg==)",
    23: "[v23](//evil.example/alert(23))",
    24: "[v24](/\\evil.example/alert(24))",
    25: '### [v25](javascript:alert(25)) in a heading {: onclick="alert(25)" }',
    26: "| a | b |\n|---|---|\n| [v26](javascript:alert(26)) | ![v26b](javascript:alert(26)) |",
    27: "- a list\n- [v27](javascript:alert(27))\n  1. [v27b](vbscript:alert(27))",
    28: "> [v28](javascript:alert(28))\n> > ![v28b](javascript:alert(28))",
    29: '<img src="javascript:alert(29)" onerror="alert(29)"> <a href="javascript:alert(29)">v29</a>',
    30: 'a paragraph v30\n{: onclick="alert(30)" }',
    31: '<div markdown="1">\n[v31](javascript:alert(31))\n</div>',
    32: "- v32\n\n  ```\n  a\n\n  <img src=x onerror=alert(32)>\n  ```",
    33: "v33\n\n~~~\n<script>alert(33)</script>\n~~~~",
    34: "10.  v34\n\n    <script>alert(34)</script>",
    35: "v35 \\<script>alert(35)\\</script> \\<img src=x onerror=alert(35)>",
    36: '[v36](javascript:alert(36) "a title")',
    37: "[![v37](javascript:alert(37))](javascript:alert(37))",
    38: "[v38](<javascript:alert(38)>)",
    39: "[v39](&#x2F;&#x2F;evil.example/alert(39))",
    40: "*v40*{: onmouseover=alert(40) }",
}
"""Hostile Markdown, by number; ``vN`` is the text each one must still show."""

CARD_VECTORS = (1, 3, 7, 12, 15, 18, 21, 25, 26, 28, 30, 32, 35)
"""Those that go in the model card too."""


def _readme() -> str:
    body = "\n\n".join(VECTORS[n] for n in VECTORS if n not in (18, 19, 25))
    return (
        "# Hostile\n\nA README that tries everything.\n\n"
        f"## Problem\n\n[ok](https://example.org/ok) and ![diagram](docs/diagram.png)\n\n{body}\n\n"
        f"## Data\n\n{VECTORS[18]}\n\n{VECTORS[19]}\n\n## Demo\n\n{VECTORS[27]}\n\n"
        f"## Notes\n\n{VECTORS[25]}\n\nText under it.\n"
    )


def _model_card() -> str:
    body = "\n\n".join(VECTORS[n] for n in CARD_VECTORS)
    return f"---\nlicense: mit\n---\n# Model Card for hostile\n\n## Intended use\n\n{body}\n"


CONFIG = """
site_name: Hostile portfolio
docs_dir: content
site_dir: public
theme:
  name: material
  font: false
plugins:
  - search
  - showcase
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
validation:
  links: {absolute_links: relative_to_docs, anchors: warn, unrecognized_links: warn}
"""

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster",
                  "data-src", "data-script", "data-module"}


def live(value: str) -> bool:
    """Whether a URL attribute could run script or leave the site as ``//host`` (judged here,
    not by ``url_policy``: whitespace and controls out, lower case, backslash as slash)."""
    plain = re.sub(r"[\x00-\x20\x7f-\x9f]", "", value).lower().replace("\\", "/")
    return plain.startswith(("javascript:", "vbscript:", "livescript:", "data:", "//")) or "alert(" in plain


class Page(HTMLParser):
    """Elements, script text and visible text of one HTML document."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def problems(self) -> list[str]:
        found = [f"script: {s}" for s in self.scripts if "alert(" in s]
        for tag, attrs in self.elements:
            for name, value in attrs.items():
                if name.startswith("on") or name == "srcdoc":
                    found.append(f"<{tag} {name}={value!r}>")
                elif (name in URL_ATTRIBUTES and value and live(value)) or "alert(" in (value or ""):
                    found.append(f"<{tag} {name}={value!r}>")
        return found


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    """The site built over one project with the hostile README and model card."""
    from conftest import PNG, valid_card, valid_metrics

    root = tmp_path_factory.mktemp("hostile")
    project = root / "projects" / "hostile"
    (project / "reports" / "figures").mkdir(parents=True)
    (project / "docs").mkdir()
    for name in ("confusion_matrix.png", "training_curves.png"):
        (project / "reports" / "figures" / name).write_bytes(PNG)
    (project / "docs" / "diagram.png").write_bytes(PNG)
    (project / "app.py").write_text("print('demo')\n")
    import yaml

    (project / "portfolio.yaml").write_text(yaml.safe_dump(valid_card()))
    (project / "reports" / "metrics.json").write_text(json.dumps(valid_metrics()))
    (project / "README.md").write_text(_readme())
    (project / "MODEL_CARD.md").write_text(_model_card())
    (root / "content").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        build(load_config(config_file=str(root / "mkdocs.yml"), strict=True))
    return root / "public"


def test_there_are_enough_cases():
    assert len(VECTORS) >= 30 and len(CARD_VECTORS) >= 10


def test_no_page_has_a_script_link_a_handler_or_a_script(public):
    pages = sorted(public.rglob("*.html"))
    assert public / "projects" / "hostile" / "index.html" in pages
    for path in pages:
        assert Page(path.read_text(encoding="utf-8")).problems() == [], path


def test_the_search_index_has_no_live_link(public):
    index = json.loads((public / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"]
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert Page(doc.get(field) or "").problems() == [], (doc["location"], field)


def test_each_refused_link_shows_its_text(public):
    page = Page((public / "projects" / "hostile" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    shown = {n for n in VECTORS if re.search(rf"\bv{n}\b", text)}
    assert shown == set(VECTORS), sorted(set(VECTORS) - shown)
    assert "javascript:alert(20)" in text  # an autolink refused is its text


def test_good_links_and_images_still_work(public):
    page = Page((public / "projects" / "hostile" / "index.html").read_text(encoding="utf-8"))
    assert ("a", {"href": "https://example.org/ok"}) in page.elements
    assert any(tag == "img" and attrs.get("src") == "docs/diagram.png" for tag, attrs in page.elements)
    assert any(tag == "h4" and attrs.get("id", "").startswith("v25") for tag, attrs in page.elements)
