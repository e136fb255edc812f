"""A colour image classifier end to end: rendered from the template, trained on a folder of colour
photos, evaluated, built into a site, and its in-browser demo answering in headless Chromium as the
project's Python does (within 1e-4), for its examples and for a new colour photo uploaded.

The example projects are grey (Fashion-MNIST); this is the path a job seeker's own photos take.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from browser_demos import answers, open_demo, wait_for_answers
from cookiecutter.main import cookiecutter
from PIL import Image
from template_checks import OFFLINE_ENV, SHARED, TEMPLATES

REPO = Path(__file__).resolve().parents[2]
SLUG = "colour-swatches"
SIZE = 16  # the model's input: 3 x 16 x 16


def swatches(root: Path, per_class: int = 16) -> Path:
    """<root>/<class>/*.jpg|png: photo-like pictures of three colours, each a patch on a noisy
    background of another size than the model's, so the resize rule is exercised too."""
    rng = np.random.default_rng(0)
    colours = {"amber": (230, 160, 20), "teal": (20, 160, 150), "violet": (140, 40, 200)}
    for name, rgb in colours.items():
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            pixels = rng.integers(0, 90, (26, 34, 3), dtype=np.uint8)
            top, left = rng.integers(2, 8, 2)
            pixels[top:top + 14, left:left + 18] = np.clip(np.array(rgb) + rng.integers(-25, 25, 3), 0, 255)
            Image.fromarray(pixels).save(root / name / f"{i}.{'jpg' if i % 2 else 'png'}")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The rendered project, trained for a few seconds on the swatches and evaluated."""
    work = tmp_path_factory.mktemp("colour")
    sys.path.insert(0, str(SHARED))  # the kinds' Jinja extension (hooks.pre_gen_project)
    try:
        answers = {"dataset": "image-folder", "project_name": "Colour Swatches"}
        root = Path(cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                                 output_dir=str(work / "projects"), extra_context=answers))
    finally:
        sys.path.remove(str(SHARED))
    assert root.name == SLUG
    package = json.loads((root / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    data = swatches(work / "photos")
    env = {**os.environ, **OFFLINE_ENV, "PYTHONPATH": str(root / "src")}
    for command in ([f"{package}.train", "--data", str(data), "--image-size", str(SIZE), "--epochs", "6",
                     "--batch-size", "16", "--threads", "1"], [f"{package}.evaluate"]):
        done = subprocess.run([sys.executable, "-m", *command], cwd=root, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, f"{command[0]}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return root


@pytest.fixture(scope="module")
def colour_site_url(project) -> str:
    """The repository's site settings and content with this one project, built (--strict) and served."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from showcase.serve.static import serve_directory

    portfolio = project.parents[1]
    shutil.copy(REPO / "mkdocs.yml", portfolio / "mkdocs.yml")
    shutil.copytree(REPO / "content", portfolio / "content")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        monkeypatch.chdir(portfolio)
        build(load_config(config_file=str(portfolio / "mkdocs.yml"), site_dir=str(portfolio / "public"),
                          strict=True))
    with serve_directory(portfolio / "public") as url:
        yield url


@pytest.fixture(scope="module")
def classifier(project):
    """The project's own predict.Classifier, imported from its source."""
    package = json.loads((project / ".cookiecutter.json").read_text())["cookiecutter"]["package_name"]
    sys.path.insert(0, str(project / "src"))
    try:
        predict = __import__(f"{package}.predict", fromlist=["Classifier", "read_image"])
        yield predict.Classifier(project / "models"), predict.read_image
    finally:
        sys.path.remove(str(project / "src"))


@pytest.fixture
def page(chromium, colour_site_url):
    context = chromium.new_context(base_url=colour_site_url)
    yield context.new_page()
    context.close()


def python_probabilities(classifier, path: Path) -> list[float]:
    model, read_image = classifier
    probabilities, pixels = model.predict(read_image(path))
    assert pixels.shape == (3, SIZE, SIZE)  # colour stays colour
    return list(probabilities.values())


def test_the_project_trained_in_colour_and_says_so(project, classifier):
    config = json.loads((project / "models" / "config.json").read_text())
    assert config["channels"] == 3 and config["image_size"] == SIZE and config["class_names"] == [
        "amber", "teal", "violet"]
    metrics = json.loads((project / "reports" / "metrics.json").read_text())["metrics"]
    assert metrics["accuracy"] >= 0.8  # three colours a few seconds of training tell apart


def test_the_page_answers_its_first_colour_example_as_python_does(page, project, classifier):
    open_demo(page, SLUG)
    first = answers(page)[0]
    example = sorted((project / "examples").glob("*.png"))[0]
    with Image.open(example) as picture:
        assert picture.mode == "RGB"
    expected = python_probabilities(classifier, example)
    assert np.abs(np.array(first["probabilities"]) - expected).max() < 1e-4


def test_a_new_colour_photo_uploaded_gets_pythons_answer(page, classifier, tmp_path):
    open_demo(page, SLUG)
    rng = np.random.default_rng(7)
    for n, (width, height, suffix) in enumerate([(61, 45, "jpg"), (30, 90, "png")], start=2):
        pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        pixels[height // 4: -height // 4, width // 4: -width // 4] = (20, 160, 150)  # a teal patch
        photo = tmp_path / f"photo.{suffix}"
        Image.fromarray(pixels).save(photo)
        page.locator("input[type=file]").set_input_files(str(photo))
        wait_for_answers(page, n)
        got = np.array(answers(page)[-1]["probabilities"])
        assert np.abs(got - python_probabilities(classifier, photo)).max() < 1e-4, photo.name
