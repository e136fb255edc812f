"""Every template kind, rendered with pytest-cookies, its file set checked and its own suite run."""

import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from cookiecutter.main import cookiecutter
from packaging.requirements import Requirement
from template_checks import (
    SHARED,
    TEMPLATES,
    leftover_jinja,
    post_gen_hook,
    rendered_files,
    run_project_tests,
)

KIT = {f"src/{{package}}/kit/{name}.py" for name in ("__init__", "config", "plots", "reporting", "runtime")}
COMMON = {
    ".cookiecutter.json", ".github/workflows/ci.yml", ".gitignore", "Makefile", "README.md",
    "configs/quick.yaml", "portfolio.yaml", "pyproject.toml",
    "schemas/contract.json", "schemas/metrics.schema.json", "schemas/portfolio.schema.json",
    *(f"src/{{package}}/{name}.py" for name in (
        "__init__", "evaluate", "model", "predict", "train", "figures")),
    *KIT,
    *(f"tests/{name}.py" for name in (
        "conftest", "test_evaluate", "test_model", "test_predict", "test_train")),
    *(f"tests/kit/{name}.py" for name in ("test_config", "test_contract", "test_reporting")),
}
# What the kinds with a data set share (RL has environments instead): the data, its split, the
# classifier's figures, and the Hub's messages for `data: hf:<id>`.
DATA_SET = {"src/{package}/data.py", "src/{package}/splits.py", "src/{package}/classification_figures.py",
            "src/{package}/kit/hub.py", "tests/test_data.py"}
# The demo app's own files, by the `demo_ui` answer (gradio unless an answer set says otherwise):
# the post-generation hook's list, the one that decides.
UI_FILES = {ui: set(names) for ui, names in post_gen_hook().UI_FILES.items()}
EXPECTED = {
    "image-classification": COMMON | DATA_SET | {
        "src/{package}/metrics.py", "src/{package}/explain.py", "src/{package}/preprocess.py",
        "src/{package}/images.py", "src/{package}/artefacts.py", "src/{package}/about_model.py",
        "src/{package}/augment.py", "configs/fashion-mnist.yaml"},
    "text-classification": COMMON | DATA_SET | {
        "src/{package}/metrics.py", "src/{package}/explain.py", "src/{package}/tokenizer.py",
        "tests/test_tokenizer.py", "configs/imdb-csv.yaml", "src/{package}/about_model.py"},
    "gan": COMMON | DATA_SET | {
        "src/{package}/artefacts.py", "src/{package}/images.py", "src/{package}/fcd_classifier.py",
        "src/{package}/fidelity.py", "tests/test_fidelity.py", "src/{package}/noise.py",
        "tests/test_noise.py", "src/{package}/kit/inputs.py", "configs/fashion-mnist.yaml"},
    # No data set, no classes: environments (envs.py) replace data.py, and PPO's maths (ppo.py)
    # the classification metrics; nothing of a split, scikit-learn or a confusion matrix.
    "reinforcement-learning": COMMON | {
        "src/{package}/envs.py", "src/{package}/ppo.py", "src/{package}/animation.py",
        "src/{package}/artefacts.py", "tests/test_envs.py", "tests/test_ppo.py",
        "src/{package}/kit/inputs.py", "configs/lunar-lander.yaml"},
}
# A kind's other model (`model`, see variants/ in templates/README.md) has its own file set.
MODEL_EXPECTED = {
    ("text-classification", "transformer"): (EXPECTED["text-classification"]
                                             - {"src/{package}/tokenizer.py", "tests/test_tokenizer.py"})
    | {"src/{package}/baseline.py", "src/{package}/kit/precision.py"},
    ("image-classification", "pretrained"): EXPECTED["image-classification"]
    | {"src/{package}/kit/precision.py", "src/{package}/baseline.py", "tests/test_baseline.py"},
}
# One answer set per kind asks for the Streamlit demo: its whole suite runs, AppTest tests included,
# in place of the Gradio one (a set of its own per kind would add a minute or more of training).
ANSWER_SETS = {
    "image, defaults": ("image-classification", {}, "handwritten-digit-classifier"),
    "image, pretrained": ("image-classification", {"model": "pretrained"}, "handwritten-digit-classifier"),
    # The data set's question: Fashion-MNIST's project trains, in its own tests, on a tiny IDX folder
    # it writes (never the real files); the two sets below name the other choices (their tests train
    # on the built-in digits: a photo project's data is a placeholder until its owner sets it).
    "image, fashion-mnist": (
        "image-classification", {"dataset": "fashion-mnist"}, "fashion-mnist-classifier"),
    "image, unicode title and author": (
        "image-classification",
        {"project_name": "Détection de chiffres — CNN", "project_slug": "chiffres-cnn",
         "dataset": "image-folder",
         "author": "José Núñez", "license": "Apache-2.0", "hf_space": "jose/chiffres"},
        "chiffres-cnn"),
    "image, streamlit, own package name, quotes": (
        "image-classification",
        {"project_name": 'My "quoted" digits', "project_slug": "x1", "package_name": "mnist_like",
         "dataset": "hub",
         "summary": "It's a \"test\": {braces} and \\ backslash.", "license": "BSD-3-Clause",
         "demo_ui": "streamlit"},
        "x1"),
    "text, defaults": ("text-classification", {}, "movie-review-sentiment"),
    "text, transformer": ("text-classification", {"model": "transformer"}, "movie-review-sentiment"),
    "text, transformer, streamlit, another encoder id": (
        "text-classification",
        {"model": "transformer", "demo_ui": "streamlit", "pretrained_model": "prajjwal1/bert-tiny",
         "project_slug": "bert-reviews"},
        "bert-reviews"),
    "gan, defaults": ("gan", {}, "handwritten-digit-generator"),
    "gan, fashion-mnist": ("gan", {"dataset": "fashion-mnist"}, "fashion-mnist-generator"),
    "gan, streamlit, own names and a Space": (
        "gan",
        {"project_name": "Générateur de chiffres", "project_slug": "chiffres-gan", "package_name": "gen8",
         "hf_space": "jose/chiffres-gan", "license": "Apache-2.0", "demo_ui": "streamlit"},
        "chiffres-gan"),
    "text, streamlit, local CSV columns and quotes": (
        "text-classification",
        {"project_name": "Avis « cinéma »", "project_slug": "avis", "data": "data/my reviews.csv",
         "text_column": "review", "label_column": "sentiment", "summary": 'Says "good" or "bad".',
         "demo_ui": "streamlit"},
        "avis"),
    "rl, defaults": ("reinforcement-learning", {}, "cartpole-ppo-agent"),
    "rl, streamlit, Acrobot, own names and quotes": (
        "reinforcement-learning",
        {"project_name": "L'Acrobot « swing-up »", "project_slug": "acrobot", "package_name": "swing_up",
         "env_id": "Acrobot-v1", "summary": 'Swings "up".', "license": "Apache-2.0", "demo_ui": "streamlit"},
        "acrobot"),
}



@pytest.fixture(autouse=True)
def names_extension_importable(monkeypatch):
    """The kinds' cookiecutter.json loads the `hooks.pre_gen_project` Jinja extension, which
    cookiecutter imports from the template folder it puts on sys.path. pytest-cookies renders
    the answers once more on its own, without that path: give it the same module."""
    monkeypatch.syspath_prepend(str(SHARED))


def package_of(project) -> str:
    return json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]


@pytest.mark.parametrize("kind, answers, slug", ANSWER_SETS.values(), ids=ANSWER_SETS.keys())
def test_rendered_project_is_complete_and_its_own_tests_pass(cookies, kind, answers, slug):
    result = cookies.bake(template=str(TEMPLATES / kind), extra_context=answers)
    assert result.exit_code == 0, result.exception
    project = result.project_path
    assert project.name == slug
    package = package_of(project)
    expected = MODEL_EXPECTED.get((kind, answers.get("model")), EXPECTED[kind])
    expected = expected | UI_FILES[answers.get("demo_ui", "gradio")]
    assert rendered_files(project) == {p.replace("{package}", package) for p in expected}
    assert leftover_jinja(project) == []
    saved = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]
    assert {k: saved[k] for k in answers} == answers  # the answers are kept for regeneration
    assert_demo_is(project, answers.get("demo_ui", "gradio"))

    ruff = Path(sys.executable).parent / "ruff"
    lint = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=project, capture_output=True,
                          text=True)
    assert lint.returncode == 0, lint.stdout  # the project's own `make lint`, with its own settings
    run = run_project_tests(project)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def assert_demo_is(project: Path, ui: str) -> None:
    """The card, `make demo` and the dependencies name the chosen demo app and only it."""
    app = {"gradio": "app.py", "streamlit": "streamlit_app.py"}[ui]
    assert yaml.safe_load((project / "portfolio.yaml").read_text())["demo"]["app"] == app
    demo_recipe = (project / "Makefile").read_text().split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert ("streamlit run streamlit_app.py" if ui == "streamlit" else "python app.py") in demo_recipe
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    needs = {Requirement(requirement).name for requirement in pyproject["dependencies"]}
    assert {name for name in UI_FILES if name in needs} == {ui}
    assert ("gradio_client" in str(pyproject["optional-dependencies"]["dev"])) == (ui == "gradio")


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
