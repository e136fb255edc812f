"""Card text full of Markdown and attr_list syntax, shown exactly as written on every page.

A title such as ``__init__`` went into the skills page as ``{ aria-label="CNNs: evidence in
__init__" }``: Markdown read the underscores as bold, attr_list no longer matched, and the
attribute text was printed after every link. Here titles, summaries, authors, data-set
names, metric and class names hold every piece of Markdown, attr_list and HTML syntax; a real
site is built with Material and the repository's Markdown extensions, once with them and once
with plain words, and every page is read back with an HTML parser:

- each value is visible exactly as written;
- no attr_list text (``{``, ``aria-label=``), backslash or Markdown marker is left over;
- the pages have the same elements as with plain words (no <strong>, <em>, <code>, <a> or
  heading came from a value);
- the links' aria-label and title, the images' alt, the demo's data-title and the page's
  <title> hold the exact text.
"""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import PNG, valid_card, valid_metrics
from mkdocs.commands.build import build
from mkdocs.config import load_config

from showcase.contract.skills import VOCABULARY
from showcase.site.markdown_text import humanize
from showcase.site.pages.common import shorten

SITE_NAME = "Card text portfolio"
CONFIG = f"""
site_name: {SITE_NAME}
docs_dir: content
site_dir: public
theme:
  name: material
  font: false
plugins:
  - search
  - showcase:
      resume: resume.yaml
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
validation:
  links: {{absolute_links: relative_to_docs, anchors: warn, unrecognized_links: warn}}
"""

SKILLS = ["cnn", "optimisation", "regularisation", "evaluation", "responsible-ai", "deployment"]
"""Every project claims these: the skills page has a matrix cell and an evidence link for each."""

# slug -> the card text it shows. Titles are at most 100 characters (the contract's limit).
HOSTILE = {
    "init": {
        "title": "__init__",
        "summary": "__init__ and __main__ are _dunder_ names; *this* is **not** bold, `not code`.",
        "author": "__Ada__ *Lovelace*",
        "dataset": "__data__",
        "metric": "__score__",
        "class": "__zero__",
    },
    "marks": {
        "title": ("**Bold** _em_ *star* `code` \\ back\\slash {: .x } {#id} [x](y) [ref] # C# "
                  "| a<b & \"q\" 'q'"),
        "summary": ("[a link](https://example.org) ![img](x.png) <https://auto.example> <b>b</b> &amp; "
                    "{: .cls #ident onclick=\"x\" } { aria-label=\"no\" } | cell | \\* \\_ #hash "
                    "==mark== ~~del~~ ^^ins^^ ~sub~ ^sup^ :smile: --> (c) 1/2 +-"),
        "author": "[Ada](javascript:x) { .x } <i>L</i> | me & you",
        "dataset": "MNIST [mirror](https://x.org) | `v1` {: .y } *star* _u_ & <set>",
        "metric": "f1*[x](y)|{: .m }`c`",
        "class": "[a](b)|{: .c }",
    },
    "starts": {
        "title": "1. Not a list",
        "summary": "- not a list either",
        "author": "# not a heading",
        "dataset": "> not a quote",
        "metric": "+ plus",
        "class": "=== not setext",
    },
    "ends": {
        "title": "Ends with C# {: .x }",
        "summary": "ends with a backslash \\",
        "author": "+ Ada {",
        "dataset": "=",
        "metric": "---",
        "class": "***",
    },
}
"""The hostile values, per project."""

PLAIN = {
    slug: {field: f"Plain {field} of {slug}" for field in fields} | {"metric": f"plain_{slug}_score"}
    for slug, fields in HOSTILE.items()
}
"""The same fields in plain words: the pages' elements to compare with."""


def write_project(root: Path, slug: str, texts: dict[str, str]) -> None:
    """A project under ``root/projects/slug`` whose card and metrics show ``texts``."""
    project = root / "projects" / slug
    (project / "reports" / "figures").mkdir(parents=True)
    for name in ("confusion_matrix.png", "training_curves.png"):
        (project / "reports" / "figures" / name).write_bytes(PNG)
    (project / "app.py").write_text("print('demo')\n")
    card = valid_card() | {"title": texts["title"], "summary": texts["summary"], "author": texts["author"],
                           "skills": SKILLS, "demo": {"app": "app.py", "space": f"ada/{slug}"}}
    card["dataset"] = card["dataset"] | {"name": texts["dataset"]}
    metrics = valid_metrics()
    metrics["metrics"][texts["metric"]] = 0.5
    metrics["per_class"][texts["class"]] = {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 3}
    (project / "portfolio.yaml").write_text(yaml.safe_dump(card))
    (project / "reports" / "metrics.json").write_text(json.dumps(metrics))


def build_portfolio(root: Path, projects: dict[str, dict[str, str]]) -> Path:
    """The site over ``projects``, with a resume naming each by its title; its output folder."""
    for slug, texts in projects.items():
        write_project(root, slug, texts)
    entries = [{"name": texts["title"], "highlights": ["Trained it"]} for texts in projects.values()]
    resume = {"basics": {"name": "Ada Lovelace", "summary": "I build models."}, "projects": entries}
    (root / "content").mkdir()
    (root / "content" / "resume.yaml").write_text(yaml.safe_dump(resume))
    (root / "mkdocs.yml").write_text(CONFIG)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        build(load_config(config_file=str(root / "mkdocs.yml"), strict=True))
    return root / "public"


HIDDEN = ("script", "style")
"""Elements whose text a visitor does not see."""


class Element:
    """One element of a parsed page: its tag, attributes, text and children."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[Element | str] = []

    def text(self) -> str:
        """Its visible text, whitespace collapsed (as a browser shows it), without scripts and
        the headings' permalinks (toc's "¶")."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children if not (
            isinstance(c, Element) and (c.tag in HIDDEN or c.attrs.get("class") == "headerlink"))]
        return " ".join("".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """An HTML document as a tree of ``Element`` (html.parser, with void elements closed)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self._open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        self._open[-1].children.append(data)

    def all(self, tag: str) -> list[Element]:
        """Every ``tag`` element of the page."""
        return [e for e in self.root.iter() if e.tag == tag]

    def content(self) -> Element:
        """The page's own content (Material's article), without the navigation around it."""
        (article,) = [e for e in self.root.iter() if e.tag == "article"]
        return article


def squash(text: str) -> str:
    return " ".join(text.split())


PAGES = ["index.html", "projects/index.html", "skills/index.html", "resume/index.html"] + [
    f"projects/{slug}/index.html" for slug in HOSTILE]


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The portfolio built with the hostile values, and with plain ones."""
    return (build_portfolio(tmp_path_factory.mktemp("hostile"), HOSTILE),
            build_portfolio(tmp_path_factory.mktemp("plain"), PLAIN))


def shown_on(page: str, slug: str) -> list[str]:
    """The fields of ``slug``'s card that ``page`` shows as text (metric names humanized)."""
    if page == f"projects/{slug}/index.html":
        return ["title", "summary", "author", "dataset", "metric", "class"]
    return {"index.html": ["title", "summary", "dataset"], "projects/index.html": ["title", "dataset"],
            "skills/index.html": ["title"], "resume/index.html": ["title", "summary", "dataset"],
            }.get(page, [])


def visible(texts: dict[str, str], field: str) -> str:
    """A field as a page shows it: on one line, a metric's name humanized."""
    return squash(humanize(texts[field]) if field == "metric" else texts[field])


def without_values(text: str) -> str:
    """``text`` with every hostile value taken out (the longest first, so that a value inside
    another goes with it)."""
    values = sorted({visible(texts, f) for texts in HOSTILE.values() for f in texts}, key=len, reverse=True)
    for value in values:
        text = text.replace(value, " ")
    return text


def test_the_cases_hold_every_piece_of_syntax():
    every = "".join(value for texts in HOSTILE.values() for value in texts.values())
    for syntax in ("_", "__init__", "*", "**", "`", "{", "}", "{: .x }", "[", "]", "[x](y)", "#", "|",
                   "<", "&", '"', "'", "\\"):
        assert syntax in every, syntax
    assert all(len(texts["title"]) <= 100 for texts in HOSTILE.values())


@pytest.mark.parametrize("page", PAGES)
def test_every_value_is_shown_exactly_as_written(sites, page):
    hostile = Page((sites[0] / page).read_text(encoding="utf-8")).content().text()
    for slug, texts in HOSTILE.items():
        for field in shown_on(page, slug):
            assert visible(texts, field) in hostile, (slug, field, hostile)


@pytest.mark.parametrize("page", PAGES)
def test_no_markdown_or_attr_list_text_is_left_over(sites, page):
    text = without_values(Page((sites[0] / page).read_text(encoding="utf-8")).content().text())
    for leftover in ("{", "}", "aria-label", "title=", "\\", "**", "__", "`", "[", "]", "sc-chip"):
        assert leftover not in text, (leftover, text)


@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_escaped_twice_anywhere_on_the_page(sites, page):
    """The whole document, navigation and <title> included: a character reference shows as
    its character, never as "&#95;" or "&amp;"."""
    document = Page((sites[0] / page).read_text(encoding="utf-8"))
    texts = [document.root.text()] + [e.attrs[name] or "" for e in document.root.iter()
                                      for name in ("title", "aria-label", "alt", "content", "data-title")
                                      if name in e.attrs]
    for text in texts:
        rest = without_values(text)
        assert not any(ref in rest for ref in ("&#", "&amp;", "&lt;", "&gt;", "&quot;")), rest


def test_the_search_index_shows_each_title_once_escaped(sites):
    index = json.loads((sites[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for slug, texts in HOSTILE.items():
        shown = Page(titles[f"projects/{slug}/"]).root.text()  # the index holds HTML
        assert shown == squash(texts["title"])


@pytest.mark.parametrize("page", PAGES)
def test_the_values_make_no_element(sites, page):
    """The same elements, in the same order, as the page with plain words: a value made no
    <strong>, <em>, <code>, link, heading, list, class or attribute of its own."""
    def shape(site: Path) -> list[str]:
        elements = Page((site / page).read_text(encoding="utf-8")).content().iter()
        return [f"{e.tag}{sorted(k for k in e.attrs if k not in ('id', 'href'))} {e.attrs.get('class')}"
                for e in elements]

    hostile, plain = shape(sites[0]), shape(sites[1])
    assert hostile == plain
    counts = {tag: sum(e.startswith(f"{tag}[") for e in hostile) for tag in ("strong", "em", "code")}
    assert counts == {tag: sum(e.startswith(f"{tag}[") for e in plain) for tag in counts}


def test_the_evidence_links_are_labelled_with_the_exact_title(sites):
    page = Page((sites[0] / "skills" / "index.html").read_text(encoding="utf-8"))
    labels = [(e.attrs.get("aria-label"), e.attrs.get("title")) for e in page.content().iter()
              if e.tag == "a" and "aria-label" in e.attrs]
    expected = [f"{VOCABULARY[s].label}: evidence in {t['title']}" for t in HOSTILE.values() for s in SKILLS]
    assert sorted(label for label, _ in labels) == sorted(expected * 2)  # the matrix and the list
    assert all(label == title for label, title in labels)
    abbreviations = [e.attrs["title"] for e in page.content().iter() if e.tag == "abbr"]
    assert abbreviations == [VOCABULARY[s].label for s in VOCABULARY if s in SKILLS]


def test_images_demos_and_page_titles_hold_the_exact_title(sites):
    home = Page((sites[0] / "index.html").read_text(encoding="utf-8"))
    alts = {e.attrs["alt"] for e in home.content().iter() if e.tag == "img"}
    assert alts == {f"{texts['title']}: cover figure" for texts in HOSTILE.values()}
    for slug, texts in HOSTILE.items():
        page = Page((sites[0] / "projects" / slug / "index.html").read_text(encoding="utf-8"))
        (title,) = page.all("title")
        assert title.text() == squash(f"{texts['title']} - {SITE_NAME}")
        (heading,) = [e for e in page.content().iter() if e.tag == "h1"]
        assert heading.text() == squash(texts["title"])
        demos = [e.attrs["data-title"] for e in page.content().iter() if "data-title" in e.attrs]
        assert demos and set(demos) == {f"{texts['title']} demo"}
        assert {e.attrs["alt"] for e in page.content().iter() if e.tag == "img"} >= {
            f"Still of the {texts['title']} demo"}
        descriptions = [e.attrs["content"] for e in page.all("meta") if e.attrs.get("name") == "description"]
        assert descriptions == [squash(shorten(texts["summary"]))]  # cut for a search result


def test_the_headings_and_links_that_name_a_project_hold_its_exact_title(sites):
    """The project page's heading, the home card's and the resume entry's heading links, and the
    links in the projects table and the skills matrix."""
    titles = {squash(texts["title"]) for texts in HOSTILE.values()}
    home = Page((sites[0] / "index.html").read_text(encoding="utf-8")).content()
    assert {e.text() for e in home.iter() if e.tag == "h3"} == titles
    resume = Page((sites[0] / "resume" / "index.html").read_text(encoding="utf-8")).content()
    assert titles <= {e.text() for e in resume.iter() if e.tag == "h3"}
    for table_page in ("projects/index.html", "skills/index.html"):
        content = Page((sites[0] / table_page).read_text(encoding="utf-8")).content()
        links = {a.text() for cell in content.iter() if cell.tag == "td"
                 for a in cell.iter() if a.tag == "a" and a.text() != "✓"}
        assert titles <= links, (table_page, links)

