"""The MkDocs plugin, end to end: a real `mkdocs build --strict` over fixture projects."""

import shutil
from pathlib import Path

import pytest
from conftest import valid_card, valid_metrics
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

REPO = Path(__file__).resolve().parents[1]
XSS_TITLE = "<script>alert(1)</script> digits"

CONFIG = """
site_name: Test portfolio
docs_dir: site
site_dir: public
theme:
  name: mkdocs
plugins:
  - showcase:
      on_error: {on_error}
markdown_extensions: [tables]
validation:
  links: {{absolute_links: relative_to_docs, anchors: warn, unrecognized_links: warn}}
"""


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def build_site(tmp_path: Path, on_error: str = "fail") -> Path:
    """Build ``tmp_path/mkdocs.yml`` strictly; return the output directory."""
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "index.md").write_text("# Home\n\n[Projects](projects/index.md)\n")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(on_error=on_error))
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    return tmp_path / "public"


def test_strict_build_renders_project_pages(make_project, tmp_path):
    make_project("digits", card=valid_card() | {"title": XSS_TITLE})
    make_project("other")
    public = build_site(tmp_path)
    page = (public / "projects" / "digits" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "99.4%" in page and "0.9931" in page
    assert 'src="reports/figures/confusion_matrix.png"' in page
    figures = public / "projects" / "digits" / "reports" / "figures"
    assert (figures / "training_curves.png").is_file()
    index = (public / "projects" / "index.html").read_text()
    assert index.index("digits/") < index.index("other/")
    assert "<script>alert(1)" not in index
    assert not (tmp_path / "site" / "projects").exists()  # nothing written into docs_dir


def test_bad_project_fails_the_build_naming_the_file(make_project, tmp_path):
    metrics = valid_metrics()
    del metrics["provenance"]
    make_project(metrics=metrics)
    with pytest.raises(Abort):
        build_site(tmp_path)


def test_plugin_error_names_the_file(make_project, tmp_path):
    from showcase.plugin import ShowcasePlugin

    root = make_project(card=valid_card() | {"skills": ["nope"]})
    plugin = ShowcasePlugin()
    plugin.load_config({"projects_dir": str(tmp_path / "projects")})
    with pytest.raises(PluginError, match=str(root / "portfolio.yaml")):
        plugin._load(tmp_path / "projects")


def test_skip_mode_leaves_bad_projects_out(make_project, tmp_path, caplog):
    from showcase.plugin import ShowcasePlugin

    make_project("good")
    make_project("bad", card=valid_card() | {"headline_metric": "auc"})
    plugin = ShowcasePlugin()
    plugin.load_config({"on_error": "skip"})
    projects = plugin._load(tmp_path / "projects")
    assert [p.slug for p in projects] == ["good"]
    assert "skipping bad" in caplog.text


def test_repository_site_builds_strict(make_project, tmp_path):
    """The real mkdocs.yml and site/ pages, over fixture projects."""
    make_project(card=valid_card() | {"title": XSS_TITLE})
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "site", tmp_path / "site")
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    home = (tmp_path / "public" / "index.html").read_text()
    assert 'href="projects/"' in home
    page = (tmp_path / "public" / "projects" / "digits" / "index.html").read_text()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; digits - " in page
    assert "<script>alert(1)" not in page and "99.4%" in page
