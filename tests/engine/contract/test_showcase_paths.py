"""No file leaves a project by a side door: every file the site copies or shows is really inside it.

A symlink in a project (``reports/figures/confusion_matrix.png -> ~/.ssh/id_rsa``) passes
the check of the path as text; ``inside_project`` resolves it and refuses it.
"""

from pathlib import Path

import pytest
from conftest import PNG, README, valid_card, valid_metrics
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from showcase.contract.paths import inside_project
from showcase.exceptions import OutsideProjectError
from showcase.reading.project import Project, load_project
from showcase.site.plan import project_assets

SECRET = b"token-do-not-publish"
CONFIG = "site_name: t\ndocs_dir: content\nsite_dir: public\nplugins: [{plugin}]\n"


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside every project, that must never reach the site."""
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


def link(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def test_inside_project(tmp_path, secret):
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    (root / "reports" / "real.png").write_bytes(PNG)
    link(root / "inside.png", root / "reports" / "real.png")
    link(root / "out.png", secret)
    link(root / "folder", secret.parent)  # a linked folder counts as well
    assert inside_project(root, "inside.png", "card") == (root / "reports" / "real.png").resolve()
    assert inside_project(root, "reports/../reports/real.png", "card").name == "real.png"
    assert inside_project(root, "missing.png", "card") == (root / "missing.png").resolve()
    for outside in ("out.png", "folder/secret.png", "../outside/secret.png", str(secret), "/etc/passwd"):
        with pytest.raises(OutsideProjectError) as info:
            inside_project(root, outside, "portfolio.yaml: field `cover`")
        message = str(info.value)
        assert message.startswith(f"portfolio.yaml: field `cover`: {outside} leads outside the project")
        assert "Fix: put the file itself inside" in message


def test_project_root_may_itself_be_a_link(tmp_path, make_project):
    real = make_project("digits")
    link(tmp_path / "elsewhere" / "digits", real)
    project = load_project(tmp_path / "elsewhere" / "digits")
    assert project.assets()["reports/figures/confusion_matrix.png"].read_bytes() == PNG


@pytest.mark.parametrize(
    ("linked", "named_in"),
    [
        ("reports/figures/confusion_matrix.png", "portfolio.yaml: field `cover`"),
        ("reports/figures/training_curves.png", "reports/metrics.json: field `figures.training_curves`"),
        ("app.py", "portfolio.yaml: field `demo.app`"),
        ("README.md", "README.md"),
        ("MODEL_CARD.md", "MODEL_CARD.md"),
    ],
)
def test_load_project_refuses_links_out(make_project, secret, linked, named_in):
    root = make_project(readme=README)
    link(root / linked, secret)
    with pytest.raises(OutsideProjectError) as info:
        load_project(root)
    assert str(root / named_in.split(":")[0]) in str(info.value)
    assert f"{named_in}: {linked} leads outside the project, to {secret}" in str(info.value)


def test_links_inside_the_project_are_fine(make_project):
    root = make_project(readme=README)
    (root / "reports" / "figures" / "confusion_matrix.png").unlink()
    link(root / "reports" / "figures" / "confusion_matrix.png", Path("training_curves.png"))
    link(root / "docs" / "diagram.png", root / "reports" / "figures" / "training_curves.png")
    assets = project_assets(load_project(root))
    assert assets["reports/figures/confusion_matrix.png"].read_bytes() == PNG
    assert assets["docs/diagram.png"] == (root / "reports" / "figures" / "training_curves.png").resolve()


def test_an_image_the_readme_shows_is_checked_too(make_project, secret):
    root = make_project(readme=README)
    link(root / "docs" / "diagram.png", secret)
    expected = r"README\.md: an image it shows: docs/diagram\.png leads outside"
    with pytest.raises(OutsideProjectError, match=expected):
        project_assets(load_project(root))


def test_assets_check_even_a_project_built_by_hand(make_project, secret):
    root = make_project()
    project = load_project(root)
    link(root / "reports" / "figures" / "training_curves.png", secret)  # changed after the check
    with pytest.raises(OutsideProjectError, match="figures.training_curves"):
        project.assets()
    card = project.card.model_copy(update={"cover": "../outside/secret.png"})
    with pytest.raises(OutsideProjectError, match="field `cover`"):
        Project(root, card, project.metrics).assets()


def test_the_build_fails_and_publishes_nothing_of_it(make_project, secret, tmp_path, caplog):
    root = make_project()
    link(root / "reports" / "figures" / "confusion_matrix.png", secret)
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(plugin="showcase"))
    with pytest.raises(Abort):
        build(load_config(config_file=str(tmp_path / "mkdocs.yml"), strict=True))
    assert "confusion_matrix.png leads outside the project" in caplog.text
    published = [p for p in (tmp_path / "public").rglob("*") if p.is_file()]
    assert not [p for p in published if SECRET in p.read_bytes()]


def test_skip_mode_leaves_the_project_out(make_project, secret, tmp_path):
    make_project("good")
    link(make_project("leaky") / "README.md", secret)
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(plugin="{showcase: {on_error: skip}}"))
    build(load_config(config_file=str(tmp_path / "mkdocs.yml")))
    public = tmp_path / "public"
    assert (public / "projects" / "good" / "index.html").is_file()
    assert not (public / "projects" / "leaky").exists()
    assert not [p for p in public.rglob("*") if p.is_file() and SECRET in p.read_bytes()]


def test_valid_card_and_metrics_still_load(make_project):
    assert load_project(make_project(card=valid_card(), metrics=valid_metrics())).slug == "digits"
