"""The generated Markdown pages: escaping, results, story, demo, home, skills, resume."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from conftest import README, RESUME, valid_card, valid_metrics

from showcase.contract.metric_labels import format_headline
from showcase.contract.resume import Resume
from showcase.reading.project import load_project
from showcase.site.demos import Embed, embed_for
from showcase.site.markdown_text import (
    esc,
    format_date,
    format_duration,
    format_timestamp,
    period,
)
from showcase.site.model_card import model_card_section
from showcase.site.pages.catalogue import render_catalogue
from showcase.site.pages.home import OwnerHeader, render_home
from showcase.site.pages.project import page_sections, render_project
from showcase.site.pages.resume import render_resume
from showcase.site.pages.skills import render_skills
from showcase.site.plan import Asset, Page, SiteContent, image_sizes, plan_site, project_assets

XSS = "<script>alert(1)</script>"


def test_esc_neutralises_html_and_markdown():
    assert esc(XSS) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc("a*b_c|d [x]") == "a&#42;b&#95;c&#124;d &#91;x&#93;"
    assert esc("__init__ {: .x } `c` C#") == "&#95;&#95;init&#95;&#95; &#123;: .x &#125; &#96;c&#96; C&#35;"
    # a mark that would start a block, at the start of a line: a list, a heading, an admonition
    assert esc("1. Not a list") == "1&#46; Not a list" and esc("- x") == "&#45; x"
    assert esc("!!! note") == "&#33;!! note" and esc("two\n  lines ") == "two lines"
    assert esc("99.4%") == "99.4%" and esc("2024.") == "2024&#46;"


def test_number_formats():
    assert format_headline(0.994, "accuracy") == "99.4%"
    assert format_headline(0.5, "fcd_ratio") == "0.5" and format_headline(0.91, "macro_f1") == "91.0%"
    assert format_headline(487.5, "mean_return") == "487.5"
    assert format_duration(41.23) == "41.2 s"
    assert format_duration(185) == "3 min 5 s"
    assert format_duration(4500) == "1 h 15 min"
    moment = datetime(2026, 11, 21, 21, 0, tzinfo=timezone(timedelta(hours=1)))
    assert format_timestamp(moment) == "2026-11-21 20:00 UTC"
    assert format_timestamp(datetime(2026, 1, 2, 3, 4, tzinfo=UTC)) == "2026-01-02 03:04 UTC"


def test_project_page_numbers_come_from_metrics(make_project):
    metrics = valid_metrics()
    metrics["metrics"]["accuracy"] = 0.8771
    project = load_project(make_project(metrics=metrics))
    page = render_project(project, sizes=image_sizes(project.assets()))
    assert page.startswith('---\ntitle: "Handwritten digits with a small CNN"\n')
    assert "**87.7%** accuracy on scikit-learn digits" in page
    higher = ('<span class="sc-better" role="img" aria-label="higher is better" title="higher is better">'
              "↑</span>")
    assert f"| **Accuracy** {higher} (headline) | 0.8771 | Share of test examples" in page
    assert f"| Macro F1 {higher} | 0.9931 | F1 (the balance" in page
    assert "| Class | Precision | Recall | F1 | Support |" in page
    assert "| 0 | 1 | 0.97 | 0.985 | 36 |" in page and "Per-class scores (1 class)" in page
    assert "| Commit | <code>abc1234</code> |" in page
    assert "| Date | 2026-11-21 20:00 UTC |" in page and "| Training time | 41.2 s |" in page
    assert "| Command | <code>make train evaluate</code> |" in page
    assert '{ width="1" height="1" loading="lazy" }' in page  # no layout shift: sizes from the plan
    assert "(../skills.md#cnn" in page  # chips link to the skills page


def test_project_page_sections_in_order(make_project):
    page = render_project(load_project(make_project(readme=README)))
    ids = ["results", "overview", "figures", "data", "demo", "reproduce", "model-card"]
    positions = [page.index(f"{{ #{i} }}") for i in ids]
    assert positions == sorted(positions)
    assert page_sections(load_project(make_project("x", readme=README))) == set(ids)


def test_project_page_escapes_card_and_metrics(make_project):
    metrics = valid_metrics()
    metrics["provenance"]["command"] = "make </code><script>x</script>"
    card = valid_card() | {"title": XSS, "author": "<b>me</b>", "summary": "a <img src=x>"}
    page = render_project(load_project(make_project(card=card, metrics=metrics)))
    assert "<script>" not in page and "<b>" not in page and "<img" not in page
    assert '\ntitle: "&lt;script&gt;alert(1)&lt;/script&gt;"\n' in page
    assert "# &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_readme_story_is_fitted_into_the_page(make_project):
    card = valid_card() | {"repository": "https://github.com/ada/digits"}
    project = load_project(make_project(card=card, readme=README))
    page = render_project(project, assets=project_assets(project))
    assert "# Handwritten digits\n" not in page  # the README's title: the card gives it
    assert "99.40%" not in page  # its generated results block: the page renders metrics.json
    assert "### Problem" in page and "### Limitations" in page
    assert "[the model card](#model-card)" in page
    assert "(https://github.com/ada/digits/blob/HEAD/configs/default.yaml)" in page
    assert "a missing file and" in page and "nowhere.md" not in page
    assert "![diagram](digits/docs/diagram.png)" in page
    assert "&lt;b>unescaped?&lt;/b>" in page
    data = page.split("## Data { #data }", 1)[1]
    assert data.index("Scikit-learn's digits") < data.index("| Name |")  # prose beside the table
    demo, reproduce = page.split("## Demo { #demo }", 1)[1].split("## Reproduce { #reproduce }")
    assert "make demo" not in demo  # a developer's instructions, not the visitor's
    assert reproduce.split("### Run the demo on your computer { #run-the-demo }")[1].startswith(
        "\n\n`make demo` starts it.")
    assert "# not a heading" in page  # code fences untouched


def test_readme_links_without_a_github_repository_become_text(make_project):
    project = load_project(make_project(readme=README))
    page = render_project(project, assets=project_assets(project))
    assert "the config" in page and "configs/default.yaml)" not in page


def test_demo_embeds(make_project):
    card = valid_card() | {"demo": {"app": "app.py", "space": "ada/My_Digits"}}
    project = load_project(make_project("a", card=card))
    embed = embed_for(project, {})
    assert embed == Embed(
        "space",
        src="https://ada-my-digits.hf.space",
        script=None,  # metrics.json recorded no gradio version: an iframe
        page="https://huggingface.co/spaces/ada/My_Digits",
    )
    page = render_project(project, embed)
    assert '<div class="sc-demo" data-sc-demo="space"' in page
    assert 'data-src="https://ada-my-digits.hf.space"' in page
    assert "Open the live demo</button>" in page
    assert "[Open it on Hugging Face](https://huggingface.co/spaces/ada/My_Digits)" in page
    assert "<script" not in page  # nothing loads until the visitor asks

    metrics = valid_metrics()
    metrics["provenance"]["versions"]["gradio"] = "6.31.0"
    pinned = embed_for(load_project(make_project("b", card=card, metrics=metrics)), {})
    assert pinned.script == "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"
    # a Streamlit demo runs as a Docker Space: framed, never Gradio's component
    streamlit = valid_card() | {"demo": {"app": "streamlit_app.py", "space": "ada/My_Digits"}}
    root = make_project("c", card=streamlit, metrics=metrics)
    (root / "streamlit_app.py").write_text("import streamlit\n")
    framed = embed_for(load_project(root), {})
    assert framed.mode == "space" and framed.script is None

    local = embed_for(project, {"a": "http://127.0.0.1:7861/"})
    assert local == Embed("local", src="http://127.0.0.1:7861/")
    assert 'data-sc-demo="local"' in render_project(project, local)


def test_demo_without_space_or_app(make_project):
    project = load_project(make_project("a"))
    page = render_project(project, embed_for(project, {}))
    demo, reproduce = page.split("## Demo { #demo }", 1)[1].split("## Reproduce { #reproduce }")
    assert "No hosted demo yet" in demo and "[Run the demo on your computer](#run-the-demo)" in demo
    assert "make demo" not in demo and "data-sc-demo" not in page
    assert "`make demo` starts <code>app.py</code>" in reproduce
    none = load_project(make_project("b", card=valid_card() | {"demo": None}))
    assert embed_for(none, {}) is None and "This project has no demo." in render_project(none)


def test_model_card_section(make_project):
    page = render_project(load_project(make_project()))
    card = page.split("## Model card", 1)[1]
    assert "license: mit" not in card and "Model Card for" not in card
    assert "### Intended use" in card  # h2 -> h3 under "## Model card"
    assert "# a comment in code, not a heading" in card  # code untouched
    assert "&lt;b>bold?&lt;/b>" in card and "`a<b`" in card  # raw HTML shown as text
    assert "the notes" in card and "NOTES.md" not in card  # unresolvable link dropped
    assert "a comment the Hub template leaves" not in card
    assert model_card_section("# T\n\n[x](https://x.org) [y](y.md)") == "[x](https://x.org) y\n"


@pytest.fixture
def projects(make_project):
    first = load_project(make_project("a-first"))
    card = valid_card() | {"title": "<i>x</i>", "skills": ["rnn", "deployment"], "repository":
                           "https://github.com/ada/x", "demo": {"app": "app.py", "space": "ada/x"}}
    return [first, load_project(make_project("c-third", card=card))]


def test_home_page_cards(projects):
    embeds = {p.slug: embed_for(p, {}) for p in projects}
    owner = OwnerHeader.from_resume(Resume.model_validate(RESUME))
    home = render_home(projects, owner, embeds, "desc", has_resume=True)
    assert "# Ada Lovelace" in home and "ML engineer · London, GB" in home
    assert "[Resume](resume.md){ .md-button .md-button--primary }" in home
    assert "[GitHub](https://github.com/ada){ .md-button }" in home
    assert home.index("(projects/a-first.md)") < home.index("(projects/c-third.md)")
    assert "### [&lt;i&gt;x&lt;/i&gt;](projects/c-third.md){ .sc-card__link }" in home
    assert "**99.4%** accuracy on scikit-learn digits" in home
    assert "[Code](https://github.com/ada/x)" in home
    assert "[Live demo](https://huggingface.co/spaces/ada/x)" in home
    assert "[Demo](projects/a-first.md#demo)" in home
    assert 'loading="lazy"' in home and 'fetchpriority' not in home  # text first, covers after
    assert '<span class="sc-chip" title="RNN / LSTM">RNN / LSTM</span>' in home
    assert "<i>" not in home
    assert "Skills shown:" in home and "Deployment (1)" in home and "(skills.md)" in home


def test_home_shows_the_most_recent_runs_first(make_project):
    projects = []
    for slug, day in (("old", "01"), ("new", "20"), ("mid", "10")):
        metrics = valid_metrics()
        metrics["provenance"]["timestamp"] = f"2026-11-{day}T10:00:00+00:00"
        projects.append(load_project(make_project(slug, metrics=metrics)))
    home = render_home(projects, OwnerHeader("Me"), {}, "d", has_resume=False, max_cards=2)
    assert home.index("(projects/new.md)") < home.index("(projects/mid.md)")
    assert "(projects/old.md)" not in home and "3 projects" in home and "the 2 most recent" in home


def test_home_without_resume_or_projects():
    home = render_home([], OwnerHeader("Portfolio", summary="About me"), {}, "d", has_resume=False)
    assert "# Portfolio" in home and "No projects yet" in home and "Resume" not in home


def test_skills_matrix_links_to_evidence(projects):
    page = render_skills(projects)
    header = next(line for line in page.splitlines() if line.startswith("| Project |"))
    assert header.index("CNNs") < header.index("RNN / LSTM") < header.index("Deployment")
    assert "[✓](projects/a-first.md#results)" in page  # evaluation -> the results table
    assert "[✓](projects/c-third.md#demo)" in page  # deployment -> the demo
    assert "[✓](projects/a-first.md#overview)" not in page  # no README: no overview section
    assert "### CNNs { #cnn }" in page and "{ #telepathy }" not in page
    assert "<i>" not in page


def test_catalogue(projects):
    page = render_catalogue(projects)
    assert "| [&lt;i&gt;x&lt;/i&gt;](c-third.md) | Image classification | **99.4%** accuracy |" in page
    assert "No projects yet" in render_catalogue([])


def test_resume_page(projects):
    resume = Resume.model_validate(RESUME | {"projects": [*RESUME["projects"], {"name": "a-first"}]})
    page = render_resume(resume, projects)
    assert "### Analyst — Engines Ltd" in page and "Jun 2020 – present" in page
    assert "### [Handwritten digits with a small CNN](projects/a-first.md)" in page
    assert page.count("(projects/a-first.md)") == 1  # the resume's entry merged, not repeated
    assert "### [Difference engine notes](https://example.org)" in page
    assert "### Tutoring in Mathematics — Home" in page and "1830 – 1835" in page
    assert "- **Deep learning**: PyTorch" in page and "[resume.json](resume.json)" in page
    assert format_date("2024-06-29") == "Jun 2024" and period(None, "2021") == "2021"


def test_plan_site_lists_pages_and_assets(projects):
    resume = Resume.model_validate(RESUME)
    planned = plan_site(SiteContent(projects, resume, local_demos={"a-first": "http://127.0.0.1:1/"}))
    pages = {p.path: p.content for p in planned if isinstance(p, Page)}
    assets = {a.path for a in planned if isinstance(a, Asset)}
    assert set(pages) == {"index.md", "projects/index.md", "skills.md", "resume.md", "resume.json",
                          "projects/a-first.md", "projects/c-third.md"}
    assert "projects/a-first/reports/figures/confusion_matrix.png" in assets
    assert 'data-sc-demo="local"' in pages["projects/a-first.md"]
    assert '"name": "Ada Lovelace"' in pages["resume.json"]
    no_resume = {p.path for p in plan_site(SiteContent(projects)) if isinstance(p, Page)}
    assert "resume.md" not in no_resume
