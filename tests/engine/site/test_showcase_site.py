"""The MkDocs plugin, end to end: real `mkdocs build --strict` runs over fixture projects,
and the repository's own site over its real projects."""

import json
import logging
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import README, RESUME, valid_card, valid_metrics
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from showcase.site.plugin import ShowcasePlugin

REPO = Path(__file__).resolve().parents[3]
XSS_TITLE = "<script>alert(1)</script> digits"

CONFIG = """
site_name: Test portfolio
docs_dir: content
site_dir: public
theme:
  name: mkdocs
plugins:
  - showcase:
      on_error: {on_error}
{options}validation:
  links: {{absolute_links: relative_to_docs, anchors: warn, unrecognized_links: warn}}
"""


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def build_site(tmp_path: Path, on_error: str = "fail", resume: dict | None = None, options: str = "") -> Path:
    """Build ``tmp_path/mkdocs.yml`` strictly (``options``: more plugin options, YAML lines);
    return the output directory."""
    (tmp_path / "content").mkdir(exist_ok=True)
    if resume is not None:
        (tmp_path / "content" / "resume.yaml").write_text(yaml.safe_dump(resume))
    options = "".join(f"      {line}\n" for line in options.splitlines())
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(on_error=on_error, options=options))
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    return tmp_path / "public"


def plugin(tmp_path: Path, **options) -> ShowcasePlugin:
    loaded = ShowcasePlugin()
    errors, _ = loaded.load_config({"projects_dir": str(tmp_path / "projects"), **options})
    assert not errors
    return loaded


def test_strict_build_renders_every_page(make_project, tmp_path):
    make_project("digits", card=valid_card() | {"title": XSS_TITLE}, readme=README)
    make_project("other")
    public = build_site(tmp_path, resume=RESUME)
    page = (public / "projects" / "digits" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "99.4%" in page and "0.9931" in page
    assert 'src="reports/figures/confusion_matrix.png"' in page
    assert 'src="docs/diagram.png"' in page  # an image the README shows, copied
    assert (public / "projects" / "digits" / "reports" / "figures" / "training_curves.png").is_file()
    home = (public / "index.html").read_text()
    assert "Ada Lovelace" in home and home.index("projects/digits/") < home.index("projects/other/")
    assert "<script>alert(1)" not in home
    for path in ("skills/index.html", "projects/index.html", "resume/index.html", "resume.json"):
        assert (public / path).is_file(), path
    assert json.loads((public / "resume.json").read_text())["basics"]["name"] == "Ada Lovelace"
    assert not (public / "resume.yaml").exists()  # published validated, as resume.json
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["resume.yaml"]  # nothing written


def test_one_project_and_no_resume(make_project, tmp_path):
    make_project("only", card=valid_card() | {"demo": None})
    public = build_site(tmp_path)
    home = (public / "index.html").read_text()
    assert "Test portfolio" in home and "resume/" not in home
    assert not (public / "resume").exists()


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("no_card", r"portfolio\.yaml: file not found\. Fix: create it"),
        ("bad_yaml", r"portfolio\.yaml: invalid YAML \(line \d+, column \d+\).*Fix: correct"),
        ("unknown_skill", r"portfolio\.yaml: field `skills`: unknown skill 'telepathy'.*Fix: change"),
        ("headline_not_in_metrics", r"portfolio\.yaml: field `headline_metric`: 'auc' is not in "
                                    r".*metrics\.json.*Fix: set `headline_metric`"),
        ("metrics_schema", r'metrics\.json: field `metrics\.accuracy`: "high" is a string.*'
                           r"Fix: run `make evaluate`"),
        ("missing_figure", r"metrics\.json: field `figures\.training_curves`: .* does not exist\. "
                           r"Fix: run `make evaluate`"),
        ("missing_cover", r"portfolio\.yaml: field `cover`: .* does not exist\. Fix:"),
        ("accuracy_out_of_range", r"metrics\.json: field `metrics\.accuracy`: "
                                  r"-5 is not a fraction in \[0, 1\]\. Fix: run `make evaluate`"),
        ("truncated_cover", r"portfolio\.yaml: field `cover`: .*confusion_matrix\.png "
                            r"is truncated or corrupt \(Pillow: .*\)\. Fix: run `make evaluate`"),
        ("text_figure", r"metrics\.json: field `figures\.training_curves`: .*training_curves\.png "
                        r"is not a PNG image: .*b'not a png.*Fix: run `make evaluate`"),
    ],
)
def test_bad_content_names_file_field_and_fix(make_project, tmp_path, breakage, expected):
    root = make_project("bad")
    card, metrics = valid_card(), valid_metrics()
    if breakage == "no_card":
        (root / "portfolio.yaml").unlink()
        (root / "README.md").write_text("# A project without its card\n")
    elif breakage == "bad_yaml":
        (root / "portfolio.yaml").write_text("title: x\nskills: [cnn\n")
    elif breakage == "unknown_skill":
        (root / "portfolio.yaml").write_text(yaml.safe_dump(card | {"skills": ["telepathy"]}))
    elif breakage == "headline_not_in_metrics":
        (root / "portfolio.yaml").write_text(yaml.safe_dump(card | {"headline_metric": "auc"}))
    elif breakage == "metrics_schema":
        metrics["metrics"]["accuracy"] = "high"
        (root / "reports" / "metrics.json").write_text(json.dumps(metrics))
    elif breakage == "missing_figure":
        (root / "reports" / "figures" / "training_curves.png").unlink()
    elif breakage == "missing_cover":
        (root / "portfolio.yaml").write_text(yaml.safe_dump(card | {"cover": "cover.png"}))
    elif breakage == "accuracy_out_of_range":
        metrics["metrics"]["accuracy"] = -5
        (root / "reports" / "metrics.json").write_text(json.dumps(metrics))
    elif breakage == "truncated_cover":
        cover = root / "reports" / "figures" / "confusion_matrix.png"
        cover.write_bytes(cover.read_bytes()[:-20])
    elif breakage == "text_figure":
        (root / "reports" / "figures" / "training_curves.png").write_text("not a png\n")
    with pytest.raises(PluginError) as info:
        plugin(tmp_path)._load(tmp_path / "projects")
    assert str(root) in str(info.value)
    assert re.search(expected, str(info.value), re.DOTALL), str(info.value)


def test_bad_project_fails_the_build_with_the_message(make_project, tmp_path, caplog):
    make_project(card=valid_card() | {"skills": ["telepathy"]})
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(tmp_path)
    assert "portfolio.yaml: field `skills`: unknown skill 'telepathy'" in caplog.text


def test_skip_mode_leaves_bad_projects_out_with_a_warning(make_project, tmp_path, caplog):
    make_project("good")
    make_project("bad", card=valid_card() | {"headline_metric": "auc"})
    projects = plugin(tmp_path, on_error="skip")._load(tmp_path / "projects")
    assert [p.slug for p in projects] == ["good"]
    assert "skipping bad" in caplog.text and "headline_metric" in caplog.text


def test_bad_resume_fails_the_build(make_project, tmp_path, caplog):
    make_project()
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(tmp_path, resume={"basics": {"name": "A", "email": "nope"}})
    assert "resume.yaml: field `basics.email`" in caplog.text


def test_hand_written_page_cannot_be_shadowed(make_project, tmp_path, caplog):
    make_project()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "skills.md").write_text("# Mine\n")
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(tmp_path)
    assert "skills.md is generated by the showcase plugin" in caplog.text


def test_local_demo_switch(make_project, tmp_path):
    make_project("digits")
    public = build_site(tmp_path, options='local_demos: {digits: "http://127.0.0.1:7999/"}')
    page = (public / "projects" / "digits" / "index.html").read_text()
    assert 'data-src="http://127.0.0.1:7999/"' in page and 'data-sc-demo="local"' in page


def test_local_demos_option_is_checked(make_project, tmp_path, caplog):
    make_project("digits")
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        build_site(tmp_path, options='local_demos: {digits: "https://evil.example/"}')
    assert "local_demos: 'digits': 'https://evil.example/' is not a local demo address" in caplog.text
    with pytest.raises(Abort):
        build_site(tmp_path, options="local_demos: [1]")


def _repository_site(tmp_path: Path) -> Path:
    """The repository's mkdocs.yml and content/ beside fixture projects."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "mkdocs.yml"


THIRD_PARTY_AT_LOAD = re.compile(
    r"<(?:script|img|iframe)[^>]+src=\"(?:https?:)?//|<link[^>]+href=\"(?:https?:)?//[^\"]+\"[^>]*"
    r"rel=\"(?:stylesheet|preload|preconnect)|<link[^>]+rel=\"(?:stylesheet|preload|preconnect)\""
    r"[^>]+href=\"(?:https?:)?//"
)


def test_repository_config_builds_strict_over_fixture_projects(make_project, tmp_path):
    card = valid_card() | {"title": XSS_TITLE, "demo": {"app": "app.py", "space": "ada/digits"}}
    metrics = valid_metrics()
    metrics["provenance"]["versions"]["gradio"] = "6.31.0"
    make_project(card=card, metrics=metrics, readme=README)
    build(load_config(config_file=str(_repository_site(tmp_path)), strict=True))
    public = tmp_path / "public"
    page = (public / "projects" / "digits" / "index.html").read_text()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; digits - " in page
    assert '<meta name="description" content="A CNN that reads 8x8 handwritten digits.">' in page
    image = "https://your-github-user.github.io/portfolio/projects/digits/reports/figures/confusion_matrix.png"
    assert f'<meta property="og:image" content="{image}">' in page
    assert 'data-script="https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"' in page
    assert "<script>alert(1)" not in page and "99.4%" in page
    home = (public / "index.html").read_text()
    assert re.findall(r'class="md-tabs__link">\s*(\w+)', home) == ["Home", "Projects", "Skills", "Resume"]
    assert 'role="dialog" aria-label="Search"' in home
    assert "<style>" in home and ".sc-card__link" in home  # the stylesheet, inlined
    # deferred after Material's bundle (also deferred), so it runs once `document$` exists
    scripts = re.findall(r'<script src="([^"]+)"( defer)?', home)
    assert scripts[-1] == ("assets/showcase/showcase.js", " defer"), scripts
    assert any("javascripts/bundle." in src and defer for src, defer in scripts[:-1]), scripts
    for html_file in public.rglob("*.html"):  # no third-party request when a page loads
        assert not THIRD_PARTY_AT_LOAD.search(html_file.read_text()), html_file


def test_real_site_builds_strict(real_site):
    """The repository's site over its real projects (built once per session, in conftest)."""
    public, projects = real_site
    assert (public / "index.html").is_file() and (public / "skills" / "index.html").is_file()
    for slug in projects:
        page = (public / "projects" / slug / "index.html").read_text()
        metrics = json.loads((REPO / "projects" / slug / "reports" / "metrics.json").read_text())
        commit = metrics["provenance"]["git_commit"]
        assert commit, f"{slug}: the example project's run recorded no git commit"
        assert commit in page  # the provenance on the page is the run's own


def test_large_cover_gets_a_card_sized_copy(make_project, tmp_path):
    pytest.importorskip("PIL")
    from PIL import Image

    cover = make_project() / "reports" / "figures" / "confusion_matrix.png"
    Image.effect_noise((1500, 600), 90).convert("RGB").save(cover)
    public = build_site(tmp_path)
    thumb = public / "projects" / "digits" / "_site" / "cover.webp"
    assert thumb.is_file() and thumb.stat().st_size < cover.stat().st_size
    home = (public / "index.html").read_text()
    assert 'src="projects/digits/_site/cover.webp"' in home and 'width="640"' in home
    assert 'src="reports/figures/confusion_matrix.png"' in (public / "projects/digits/index.html").read_text()


def test_own_nav_is_left_alone(make_project, tmp_path):
    make_project()
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        CONFIG.format(on_error="fail", options="")
        + "nav:\n  - Work: projects/digits.md\n  - Start: index.md\n  - projects/index.md\n  - skills.md\n"
    )
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    home = (tmp_path / "public" / "index.html").read_text()
    assert home.index(">Work<") < home.index(">Start<")


def test_many_projects_leave_the_navigation(make_project, tmp_path, monkeypatch):
    import showcase.site.plugin

    monkeypatch.setattr(showcase.site.plugin, "NAV_PROJECTS_MAX", 1)
    for slug in ("a", "b"):
        make_project(slug)
    public = build_site(tmp_path)
    home = (public / "index.html").read_text()
    assert home.count('href="projects/a/"') == 1  # the card's link, not a navigation entry
    assert (public / "projects" / "a" / "index.html").is_file()  # still built, linked from the table
