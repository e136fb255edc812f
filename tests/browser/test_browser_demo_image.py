"""The image classifier's in-browser demo against the project's Python, in headless Chromium.

The page must prepare a picture exactly as predict.py does (the same model input, to float32
precision) and answer the same probabilities (within 1e-4), for the example files, for a drawing
made on its canvas, and for Pillow's Lanczos resize on its own; bad input gets the Gradio
demo's own messages.
"""

import base64
import importlib
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from browser_demos import answers, call, errors, import_app, open_demo, wait_for_answers
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "projects" / "fashion-cnn"
KIND = "image-classification"
SHARED_IMAGES = REPO / "templates/_shared/include/shared/python/images.py"
KIND_PREPROCESS = next((REPO / "templates" / KIND).glob("*/src/*/preprocess.py"))

# Fetch a site file, read it as the demo reads a dropped file, prepare it as the model's input.
PREPARE_URL = """async ([module, url, config]) => {
  const demo = await import(new URL(module, document.baseURI).href);
  const picture = await demo.readImage(await (await fetch(url)).blob());
  return Array.from(demo.prepare(picture.rgba, picture.width, picture.height, config));
}"""


@pytest.fixture(scope="module")
def classifier():
    from fashion_cnn.predict import Classifier

    return Classifier(PROJECT / "models")


@pytest.fixture(scope="module")
def gradio_app():
    """The project's Gradio app.py, for its messages."""
    return import_app(PROJECT)


def python_answer(classifier, path: Path) -> tuple[np.ndarray, list[float]]:
    from fashion_cnn.predict import read_image

    probabilities, pixels = classifier.predict(read_image(path))
    return pixels, list(probabilities.values())


def test_the_demo_opens_on_its_first_example_with_pythons_answer(demo_page, classifier):
    app = open_demo(demo_page, "fashion-cnn")
    first = answers(demo_page)[0]
    _, expected = python_answer(classifier, sorted((PROJECT / "examples").glob("*.png"))[0])
    assert np.abs(np.array(first["probabilities"]) - expected).max() < 1e-4
    assert [name for name, _ in first["top"]] == sorted(classifier.class_names, key=lambda n: -expected[
        classifier.class_names.index(n)])[:3]
    assert app.locator(".sc-demo__bar").count() == 3  # the top three, as the Gradio Label shows


def test_every_example_gets_the_same_input_and_probabilities(demo_page, classifier):
    open_demo(demo_page, "fashion-cnn")
    config = {"image_size": classifier.image_size, "preprocessing": classifier.preprocessing}
    examples = sorted((PROJECT / "examples").glob("*.png"))
    assert examples, "fashion-cnn has no examples/: run its `make evaluate`"
    for path in examples:
        url = f"/projects/fashion-cnn/demo/examples/{path.name}"
        if demo_page.request.get(url).status != 200:  # the site carries the first few only
            continue
        module = f"/assets/showcase/demos/{KIND}.mjs"
        pixels = np.array(demo_page.evaluate(PREPARE_URL, [module, url, config]))
        expected, _ = python_answer(classifier, path)
        np.testing.assert_allclose(pixels, expected.ravel(), atol=1e-6, err_msg=path.name)


@pytest.mark.parametrize(("size", "out"), [((37, 53), (32, 32)), ((300, 200), (8, 8)), ((5, 7), (32, 32)),
                                           ((64, 64), (16, 48)), ((33, 33), (33, 10))])
def test_lanczos_resize_is_pillows_to_the_byte(demo_page, size, out):
    demo_page.goto("/")
    gray = np.random.default_rng(sum(size + out)).integers(0, 256, size=(size[1], size[0]), dtype=np.uint8)
    gray[: size[1] // 3] = 255  # flat areas and sharp edges, where ringing and clipping show
    expected = np.asarray(Image.fromarray(gray).resize(out, Image.LANCZOS)).ravel()
    got = call(demo_page, KIND, "resize", gray.ravel().tolist(), size[0], size[1], out[0], out[1])
    np.testing.assert_array_equal(np.array(got), expected)


def test_grey_levels_and_transparency_are_pillows(demo_page):
    demo_page.goto("/")
    rng = np.random.default_rng(1)
    rgba = rng.integers(0, 256, size=(16, 16, 4), dtype=np.uint8)
    rgba[:4, :, 3] = 255  # opaque rows, then every alpha
    from fashion_cnn.images import flatten_alpha

    expected = np.asarray(flatten_alpha(Image.fromarray(rgba, "RGBA")).convert("L")).ravel()
    got = call(demo_page, KIND, "grayscale", rgba.ravel().tolist(), 16, 16)
    np.testing.assert_array_equal(np.array(got), expected)


def test_a_drawing_on_the_canvas_gets_pythons_answer_for_the_same_picture(demo_page, classifier, tmp_path):
    open_demo(demo_page, "fashion-cnn")
    pad = demo_page.locator(".sc-demo__pad")
    box = pad.bounding_box()
    stroke = [(0.35, 0.2), (0.65, 0.2), (0.45, 0.85)]  # a seven
    demo_page.mouse.move(box["x"] + box["width"] * stroke[0][0], box["y"] + box["height"] * stroke[0][1])
    demo_page.mouse.down()
    for x, y in stroke[1:]:
        demo_page.mouse.move(box["x"] + box["width"] * x, box["y"] + box["height"] * y, steps=12)
    demo_page.mouse.up()  # the end of a stroke classifies the drawing
    wait_for_answers(demo_page, 2)
    assert not errors(demo_page)
    drawing = demo_page.evaluate("() => document.querySelector('.sc-demo__pad').toDataURL('image/png')")
    path = tmp_path / "drawing.png"
    path.write_bytes(base64.b64decode(drawing.split(",", 1)[1]))
    _, expected = python_answer(classifier, path)
    assert np.abs(np.array(answers(demo_page)[-1]["probabilities"]) - expected).max() < 1e-4


def gradio_message(gradio_app, upload: str | None) -> str:
    import gradio as gr

    with pytest.raises(gr.Error) as raised:
        gradio_app.predict(None, upload)
    return raised.value.message


def test_bad_input_gets_the_python_demos_messages(demo_page, gradio_app, tmp_path):
    app = open_demo(demo_page, "fashion-cnn")
    app.get_by_role("button", name="Clear").click()
    app.get_by_role("button", name="Classify").click()
    demo_page.wait_for_function("() => window.scErrors.length >= 1")
    assert errors(demo_page)[-1] == gradio_message(gradio_app, None)
    assert app.get_by_role("alert").inner_text() == errors(demo_page)[-1]

    not_image = tmp_path / "notes.png"
    not_image.write_text("these are not pixels")
    blank = tmp_path / "blank.png"
    Image.new("L", (64, 64), 255).save(blank)
    huge = tmp_path / "huge.png"
    Image.new("1", (5001, 5001)).save(huge)
    for n, path in enumerate([not_image, blank, huge], start=2):
        demo_page.locator("input[type=file]").set_input_files(str(path))
        demo_page.wait_for_function("(n) => window.scErrors.length >= n", arg=n)
        assert errors(demo_page)[-1] == gradio_message(gradio_app, str(path)), path.name


PAD_INK = """() => {
  const canvas = document.querySelector(".sc-demo__pad");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark += 1;
  return dark;
}"""


def test_the_picture_answered_is_shown_on_the_canvas_never_a_blank_one(demo_page, classifier):
    # The demo opens on its first example's answer: that example is on the paper beside it.
    app = open_demo(demo_page, "fashion-cnn")
    shown = demo_page.evaluate(PAD_INK)
    assert shown > 500, shown  # a digit's dark strokes, fitted to the 280x280 paper
    app.get_by_role("button", name="Example 2").click()
    wait_for_answers(demo_page, 2)
    assert demo_page.evaluate(PAD_INK) > 500
    app.get_by_role("button", name="Clear").click()
    assert demo_page.evaluate(PAD_INK) == 0  # clean paper to draw on


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The template's own preprocess.py and images.py (plain Python, as they render into a project),
    imported from a package folder of their own: the Python the page must equal for colour and
    centred pictures, which the digits example project does not cover."""
    package = tmp_path_factory.mktemp("reference") / "image_reference"
    package.mkdir()
    shutil.copy(SHARED_IMAGES, package / "images.py")
    shutil.copy(KIND_PREPROCESS, package / "preprocess.py")
    (package / "__init__.py").touch()
    sys.path.insert(0, str(package.parent))
    try:
        yield importlib.import_module("image_reference.preprocess")
    finally:
        sys.path.remove(str(package.parent))


def a_photo(seed: int, width: int, height: int, product: bool) -> np.ndarray:
    """RGBA pixels: noise with see-through rows, or a product photo (a coloured object on white)."""
    rng = np.random.default_rng(seed)
    rgba = rng.integers(0, 256, size=(height, width, 4), dtype=np.uint8)
    if product:
        rgba[...] = 250
        rgba[height // 5: height - 4, width // 3: width - 5, :3] = rng.integers(0, 200, (3,), dtype=np.uint8)
        rgba[..., 3] = 255
    else:
        rgba[height // 2:, :, 3] = 255  # opaque below, every alpha above
    return rgba


@pytest.mark.parametrize(("style", "channels", "size", "product"), [
    ("resize", 3, 16, False), ("resize", 3, 32, True), ("resize", 1, 28, False),
    ("centred", 1, 28, True), ("centred", 3, 28, True), ("centred", 1, 12, False), ("digits", 3, 8, True)])
def test_colour_and_centred_pictures_are_prepared_as_python_does(demo_page, reference, style, channels, size,
                                                                  product):
    demo_page.goto("/")
    for width, height in ((53, 37), (40, 90)):
        rgba = a_photo(size + channels + width, width, height, product)
        expected = reference.prepare(Image.fromarray(rgba, "RGBA"), size, style, channels)
        config = {"image_size": size, "preprocessing": style, "channels": channels}
        got = call(demo_page, KIND, "prepare", rgba.ravel().tolist(), width, height, config)
        assert len(got) == channels * size * size
        np.testing.assert_allclose(np.array(got), expected.ravel(), atol=1e-6, err_msg=f"{width}x{height}")
