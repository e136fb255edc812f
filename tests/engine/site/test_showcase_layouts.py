"""The page layouts: an owner's custom_dir overrides a layout's block, and values are escaped."""

from pathlib import Path

import pytest
import yaml
from conftest import valid_card
from mkdocs.commands.build import build
from mkdocs.config import load_config

from showcase.reading.project import load_project
from showcase.site.pages.jinja import environment
from showcase.site.pages.project import render_project

XSS = "<script>alert(1)</script>"

CONFIG = {
    "site_name": "Test portfolio",
    "theme": {"name": "mkdocs", "custom_dir": "overrides"},  # the owner's layout overrides
    "docs_dir": "content",
    "site_dir": "public",
    "plugins": ["showcase"],
}


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("SHOWCASE_LOCAL_DEMOS", raising=False)


def override(folder: Path, page: str, body: str) -> None:
    """Write ``<folder>/showcase/<page>.md``: the page's layout with ``body`` (its blocks) changed."""
    (folder / "showcase").mkdir(parents=True, exist_ok=True)
    (folder / "showcase" / f"{page}.md").write_text(
        f'{{% extends "showcase/layouts/{page}.md" %}}\n{body}'
    )


def test_a_block_overridden_from_another_folder(make_project, tmp_path):
    project = load_project(make_project())
    override(tmp_path / "overrides", "project",
             "{% block figures %}\n\n## Gallery\n\nMine: {{ project.card.title }}\n{% endblock %}\n")
    page = render_project(project, layouts=environment([tmp_path / "overrides"]))
    assert "## Gallery\n\nMine: Handwritten digits with a small CNN\n" in page
    assert "{ #figures }" not in page and "## Results { #results }" in page  # the other blocks stay
    assert "## Gallery" not in render_project(project)  # the package's layout, by default


def test_autoescape_covers_an_owners_layout(make_project, tmp_path):
    project = load_project(make_project(card=valid_card() | {"title": XSS}))
    override(tmp_path, "project", "{% block header %}\n\nRaw: {{ project.card.title }}\n{% endblock %}\n")
    page = render_project(project, layouts=environment([tmp_path]))
    assert "Raw: &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page


def test_custom_dir_overrides_a_page_in_the_built_site(make_project, tmp_path):
    make_project("digits", card=valid_card() | {"title": f"{XSS} digits", "summary": f"Reads {XSS}"})
    intro = '<p class="mine">Hand-made intro for {{ owner.name }}</p>'
    override(tmp_path / "overrides", "home", f"{{% block owner %}}\n{intro}\n{{% endblock %}}\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG))
    build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    public = tmp_path / "public"
    home = (public / "index.html").read_text()
    assert '<p class="mine">Hand-made intro for Test portfolio</p>' in home
    assert "projects/digits/" in home  # the rest of the layout is the package's
    for page in ("index.html", "projects/index.html", "projects/digits/index.html", "skills/index.html"):
        html = (public / page).read_text()
        assert "<script>alert(1)" not in html, page  # card title and summary shown as text
    project_page = (public / "projects" / "digits" / "index.html").read_text()
    assert "Reads &lt;script&gt;alert(1)&lt;/script&gt;" in project_page
    assert not list(public.rglob("*.md")) and not (public / "showcase").exists()  # page layouts not published
