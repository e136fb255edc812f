"""The templates' answer sets, and the check each one gets: rendered, its file set checked, linted,
its own suite run. test_rendered_<kind>.py run a kind's sets each."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from template_checks import (
    SHARED,
    TEMPLATES,
    leftover_jinja,
    post_gen_hook,
    rendered_files,
    run_project_tests,
)

KIT = {f"src/{{package}}/kit/{name}.py"
       for name in ("__init__", "config", "plots", "reporting", "runtime", "tracking")}
COMMON = {
    ".cookiecutter.json", ".github/workflows/ci.yml", ".gitignore", "Makefile", "README.md",
    "configs/quick.yaml", "portfolio.yaml", "pyproject.toml",
    "schemas/contract.json", "schemas/metrics.schema.json", "schemas/portfolio.schema.json",
    *(f"src/{{package}}/{name}.py" for name in (
        "__init__", "evaluate", "model", "predict", "train", "figures")),
    *KIT,
    *(f"tests/{name}.py" for name in (
        "conftest", "test_evaluate", "test_model", "test_predict", "test_train")),
    *(f"tests/kit/{name}.py" for name in ("test_config", "test_contract", "test_reporting", "test_tracking")),
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
        "src/{package}/kit/inputs.py", "configs/lunar-lander.yaml", "configs/pendulum.yaml"},
}
# A kind's other model (`model`, see variants/ in templates/README.md) has its own file set.
MODEL_EXPECTED = {
    ("text-classification", "transformer"): (EXPECTED["text-classification"]
                                             - {"src/{package}/tokenizer.py", "tests/test_tokenizer.py"})
    | {"src/{package}/baseline.py", "src/{package}/kit/precision.py", "src/{package}/kit/distributed.py",
       "tests/test_distributed.py"},
    ("image-classification", "pretrained"): EXPECTED["image-classification"]
    | {"src/{package}/kit/precision.py", "src/{package}/kit/distributed.py", "src/{package}/baseline.py",
       "tests/test_baseline.py", "tests/test_distributed.py"},
}
# One answer set per kind asks for the Streamlit demo: its whole suite runs, AppTest tests included,
# in place of the Gradio one (a set of its own per kind would add a minute or more of training).
# The example projects are answer sets too: tests/examples renders each from its saved answers,
# compares it with the project and runs the project's own suite. So their answers are not repeated
# here: Fashion-MNIST's (the fashion-cnn and fashion-gan examples), LunarLander's (lunar-lander-ppo),
# and the text and RL kinds' defaults (imdb-sentiment and cartpole-ppo are those, with other names).
ANSWER_SETS = {
    "image, defaults": ("image-classification", {}, "handwritten-digit-classifier"),
    "image, pretrained": ("image-classification", {"model": "pretrained"}, "handwritten-digit-classifier"),
    # The data set's question (Fashion-MNIST's answer is the fashion-cnn example, whose own tests
    # train on a tiny IDX folder they write): the two sets below name the other choices (their tests
    # train on the built-in digits: a photo project's data is a placeholder until its owner sets it).
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
    "text, transformer": ("text-classification", {"model": "transformer"}, "movie-review-sentiment"),
    "text, transformer, streamlit, another encoder id": (
        "text-classification",
        {"model": "transformer", "demo_ui": "streamlit", "pretrained_model": "prajjwal1/bert-tiny",
         "project_slug": "bert-reviews"},
        "bert-reviews"),
    "gan, defaults": ("gan", {}, "handwritten-digit-generator"),
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


def sets_of(kind: str, model: str | None = None) -> dict[str, tuple[dict, str]]:
    """The answer sets of one kind (and, given, one `model` answer; "" for the default): id -> (answers,
    slug)."""
    return {name: (answers, slug) for name, (k, answers, slug) in ANSWER_SETS.items()
            if k == kind and (model is None or answers.get("model", "") == model)}


def package_of(project) -> str:
    return json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]


def check_rendered_project(cookies, kind: str, answers: dict, slug: str) -> None:
    """Render `answers` with pytest-cookies; check its file set, leftovers, saved answers, demo
    choice and lint; run its own test suite."""
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
