"""Every template kind: its package builds, bad answers stop it, its shared parts and menus hold.

The answer sets, each rendered and its own suite run, are in test_rendered_<kind>.py (one file per
kind, so the test workers share them out)."""

import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from answer_sets import EXPECTED, names_extension_importable, package_of  # noqa: F401 (autouse fixture)
from cookiecutter.main import cookiecutter
from template_checks import SHARED, TEMPLATES


@pytest.mark.parametrize("kind", EXPECTED)
def test_rendered_project_builds_as_a_package(cookies, tmp_path, kind):
    """`make install` is `pip install -e .[dev]`: the pyproject must build, with the package in it."""
    project = cookies.bake(template=str(TEMPLATES / kind)).project_path
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(project)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert f"{package_of(project)}/train.py" in names
    assert "app.py" not in names  # the demo is not part of the package


BAD_ANSWERS = {
    "empty name": ({"project_name": "  "}, "project_name is empty"),
    "path-like name": ({"project_name": "../../etc", "project_slug": "etc"}, "looks like a path"),
    "slug with spaces": ({"project_slug": "My Project"}, "project_slug 'My Project' is not valid"),
    "non-ASCII slug": ({"project_slug": "café"}, "non-ASCII"),
    "path-like slug": ({"project_slug": "../up"}, "project_slug '../up' is not valid"),
    "keyword package": ({"package_name": "class"}, "package_name 'class' is a Python keyword"),
    "package shadowing a dependency": ({"package_name": "numpy"}, "package_name 'numpy' is already `numpy`"),
    "package shadowed by the standard library": ({"package_name": "test"}, "Python's own `test` module"),
    "package starting with a digit": ({"package_name": "1digits"}, "not valid"),
    "non-ASCII package": ({"package_name": "ünïcode"}, "non-ASCII"),
    "bad space id": ({"hf_space": "not a space"}, "hf_space"),
    "control characters": ({"project_name": "two\nlines"}, "control characters"),
}


@pytest.mark.parametrize("kind", EXPECTED)
@pytest.mark.parametrize("answers, message", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answers_stop_generation_and_leave_nothing(tmp_path, capfd, kind, answers, message):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Exception, match="Hook script failed"):
        cookiecutter(str(TEMPLATES / kind), no_input=True, extra_context=answers, output_dir=str(out))
    assert list(out.iterdir()) == []
    assert not (tmp_path / "up").exists()
    assert message in capfd.readouterr().err


def test_a_saved_answer_naming_an_unknown_demo_ui_is_refused(tmp_path, capfd):
    """A choice typed on the command line is checked by cookiecutter; a saved answers file
    (`showcase new --answers`) reaches the hook as it is."""
    made = Path(cookiecutter(str(TEMPLATES / "gan"), no_input=True, output_dir=str(tmp_path / "first")))
    saved = json.loads((made / ".cookiecutter.json").read_text())
    saved["cookiecutter"]["demo_ui"] = "tkinter"
    (tmp_path / "answers.json").write_text(json.dumps(saved))
    with pytest.raises(Exception, match="Hook script failed"):
        cookiecutter(str(TEMPLATES / "gan"), replay=str(tmp_path / "answers.json"),
                     output_dir=str(tmp_path / "again"))
    assert "demo_ui 'tkinter' is not a demo app this template makes" in capfd.readouterr().err
    assert not any((tmp_path / "again").iterdir())


def test_a_saved_answer_naming_an_unknown_data_set_is_refused(tmp_path, capfd):
    made = Path(cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                             output_dir=str(tmp_path / "first")))
    saved = json.loads((made / ".cookiecutter.json").read_text())
    saved["cookiecutter"]["dataset"] = "cifar-10"
    (tmp_path / "answers.json").write_text(json.dumps(saved))
    with pytest.raises(Exception, match="Hook script failed"):
        cookiecutter(str(TEMPLATES / "image-classification"), replay=str(tmp_path / "answers.json"),
                     output_dir=str(tmp_path / "again"))
    assert "dataset 'cifar-10' is not a data set this template knows: choose 'digits', " in (
        capfd.readouterr().err)
    assert not any((tmp_path / "again").iterdir())


def test_a_saved_answer_naming_an_unknown_model_is_refused(tmp_path, capfd):
    """The post-generation hook picks variants/<model>/; a saved answer it has no folder for stops
    generation with the choices, and cookiecutter removes the half-made project."""
    made = Path(cookiecutter(str(TEMPLATES / "text-classification"), no_input=True,
                             output_dir=str(tmp_path / "first")))
    assert not (made / "variants").exists()
    saved = json.loads((made / ".cookiecutter.json").read_text())
    saved["cookiecutter"]["model"] = "lstm"
    (tmp_path / "answers.json").write_text(json.dumps(saved))
    with pytest.raises(Exception, match="Hook script failed"):
        cookiecutter(str(TEMPLATES / "text-classification"), replay=str(tmp_path / "answers.json"),
                     output_dir=str(tmp_path / "again"))
    assert "model 'lstm' is not a model this template makes: choose 'ngram' or 'transformer'" in (
        capfd.readouterr().err)
    assert not any((tmp_path / "again").iterdir())


# The demo apps name the model only in the one-line description they show (templates/README.md).
MODEL_WORDS_ONLY = {"app.py", "streamlit_app.py"}


@pytest.mark.parametrize("kind", ["image-classification", "text-classification"])
def test_code_that_differs_by_model_is_a_whole_file_per_model(kind):
    """One rule (templates/README.md): a Python module that differs by model is a whole file in
    variants/<model>/; `{% if cookiecutter.model %}` chooses words, so it is in no other Python file."""
    project = TEMPLATES / kind / "{{cookiecutter.project_slug|folder_name}}"
    models = json.loads((TEMPLATES / kind / "cookiecutter.json").read_text())["model"]
    assert sorted(p.name for p in (project / "variants").iterdir()) == sorted(models)
    shared = (path for path in project.rglob("*.py") if "variants" not in path.relative_to(project).parts)
    naming = {str(path.relative_to(project)) for path in shared if "cookiecutter.model" in path.read_text()}
    assert naming <= MODEL_WORDS_ONLY
    words = re.compile(r"\s*(\{%-? (if cookiecutter\.model ==.*|else|endif) -?%\}|st\.write\(.*)")
    for name in naming:
        for line in (project / name).read_text().splitlines():
            assert "cookiecutter.model" not in line or words.fullmatch(line), line
    for path in (project / "variants").rglob("*.py"):
        assert "cookiecutter.model" not in path.read_text(), path


def test_the_docker_space_files_agree_with_what_the_readme_says():
    """The Dockerfile names its port once; the README paragraph quotes it and the upload limit."""
    shared = SHARED / "include" / "shared" / "project"
    docker = (shared / "Dockerfile").read_text()
    readme = (shared / "readme_streamlit.md").read_text()
    (port,) = re.findall(r"^ENV APP_PORT=(\d+)$", docker, re.M)
    assert f"app_port: {port}" in readme and docker.count("$APP_PORT") == 2  # EXPOSE and the command
    command = "streamlit run streamlit_app.py --server.port=$APP_PORT --server.address=0.0.0.0"
    assert re.search(r"^CMD .*" + re.escape(command), docker, re.M)
    assert "useradd --create-home --uid 1000 user\nUSER user" in docker  # the user a Space runs as
    assert "\nCOPY --chown=user . .\n" in docker  # the whole bundle, app, package and models
    upload_mb = tomllib.loads((shared / "streamlit_config.toml").read_text())["server"]["maxUploadSize"]
    assert f"caps uploads at {upload_mb} MB" in readme


def test_root_menu_lists_exactly_the_template_folders(tmp_path):
    menu = json.loads((TEMPLATES / "cookiecutter.json").read_text())["templates"]
    folders = {p.parent.name for p in TEMPLATES.glob("*/cookiecutter.json")}
    assert set(menu) == folders == set(EXPECTED)
    assert all((TEMPLATES / entry["path"]).resolve().name == name for name, entry in menu.items())
    # --no-input takes the first entry of the menu
    created = cookiecutter(str(TEMPLATES), no_input=True, output_dir=str(tmp_path))
    assert (tmp_path / "handwritten-digit-classifier" / "portfolio.yaml").is_file()
    assert created.endswith("handwritten-digit-classifier")


@pytest.mark.parametrize("kind", EXPECTED)
def test_each_kind_reaches_the_shared_parts_through_links(kind):
    for link, target in (("templates", "_shared/include"), ("hooks", "_shared/hooks")):
        path = TEMPLATES / kind / link
        assert path.is_symlink() and path.resolve() == (TEMPLATES / target).resolve(), (
            f"{path} must be a link to {target}: see 'On Windows' in templates/README.md")
