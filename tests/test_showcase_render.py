"""The generated Markdown: escaping, tables, provenance, model card, index."""

from datetime import UTC, datetime, timedelta, timezone

from conftest import valid_card, valid_metrics

from showcase.mdtext import esc, format_duration, format_headline, format_timestamp
from showcase.modelcard import model_card_section, shift_headings, strip_front_matter
from showcase.projects import check_project
from showcase.render import render_index, render_project


def test_esc_neutralises_html_and_markdown():
    assert esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc("a*b_c|d [x]") == r"a\*b\_c&#124;d \[x\]"


def test_number_formats():
    assert format_headline(0.994) == "99.4%"
    assert format_headline(487.5) == "487.5"
    assert format_duration(41.23) == "41.2 s"
    assert format_duration(185) == "3 min 5 s"
    assert format_duration(4500) == "1 h 15 min"
    moment = datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1)))
    assert format_timestamp(moment) == "2026-11-21 20:00 UTC"
    assert format_timestamp(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)) == "2026-01-02 03:04 UTC"


def test_project_page(make_project):
    page = render_project(check_project(make_project()))
    assert page.startswith('---\ntitle: "Handwritten digits with a small CNN"\n---\n')
    h1s = [line for line in page.splitlines() if line.startswith("# ")]
    assert h1s == ["# Handwritten digits with a small CNN", "# a comment in code, not a heading"]
    assert "**99.4%** accuracy on scikit-learn digits" in page
    assert "| accuracy (headline) | 0.994 |" in page
    assert "| 0 | 1 | 0.97 | 0.985 | 36 |" in page
    assert "![Training curves](reports/figures/training_curves.png)" in page
    assert "<code>abc1234</code>" in page and "<code>make train evaluate</code>" in page
    assert "| Date | 2026-11-21 20:00 UTC |" in page and "| Training time | 41.2 s |" in page
    assert "Run `make demo`" in page
    assert '<span class="md-tag">CNNs</span>' in page


def test_project_page_escapes_card_and_metrics(make_project):
    metrics = valid_metrics()
    metrics["provenance"]["command"] = "make </code><script>x</script>"
    card = valid_card() | {"title": "<script>alert(1)</script>", "author": "<b>me</b>"}
    page = render_project(check_project(make_project(card=card, metrics=metrics)))
    assert "<script>" not in page and "<b>" not in page
    assert '\ntitle: "&lt;script&gt;alert(1)&lt;/script&gt;"\n' in page
    assert "# &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_space_link_and_no_demo(make_project):
    card = valid_card() | {"demo": {"app": "app.py", "space": "ada/digits"}}
    page = render_project(check_project(make_project("a", card=card)))
    assert "(https://huggingface.co/spaces/ada/digits)" in page
    page = render_project(check_project(make_project("b", card=valid_card() | {"demo": None})))
    assert "no demo" in page


def test_model_card_section(make_project):
    page = render_project(check_project(make_project()))
    card = page.split("## Model card", 1)[1]
    assert "license: mit" not in card and "Model Card for" not in card
    assert "### Intended use" in card  # h2 -> h3 under "## Model card"
    assert "# a comment in code, not a heading" in card  # code untouched
    assert "&lt;b>bold?&lt;/b>" in card and "`a<b`" in card  # raw HTML shown as text
    assert "the notes" in card and "NOTES.md" not in card  # unresolvable link dropped
    assert "a comment the Hub template leaves" not in card


def test_model_card_helpers():
    assert strip_front_matter("---\na: 1\n---\n# T\n") == "# T\n"
    shifted = shift_headings("# a\n## b\n###### c\n```\n# d\n```")
    assert shifted == "## a\n### b\n###### c\n```\n# d\n```"
    kept = model_card_section("# T\n\n![cm](reports/cm.png) [x](https://x.org)", ["reports/cm.png"])
    assert kept == "![cm](reports/cm.png) [x](https://x.org)\n"


def test_index_page_lists_projects_in_order(make_project, tmp_path):
    projects = [check_project(make_project(slug)) for slug in ("a-first", "b-second")]
    projects[1] = check_project(
        make_project("c-third", card=valid_card() | {"title": "<i>x</i>", "skills": ["rnn"]})
    )
    index = render_index(projects)
    assert index.startswith("# Projects\n")
    assert index.index("(a-first/index.md)") < index.index("(c-third/index.md)")
    assert "## [&lt;i&gt;x&lt;/i&gt;](c-third/index.md)" in index
    assert "(a-first/reports/figures/confusion_matrix.png)" in index
    assert "**99.4%** accuracy" in index
    assert "| RNN / LSTM |  | ✓ |" in index and "| CNNs | ✓ |  |" in index


def test_empty_index():
    assert "No projects yet" in render_index([])
