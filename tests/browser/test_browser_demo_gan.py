"""The GAN kind's in-browser demo (demos/gan.mjs) against the example project's Python code, in Chromium.

The page's noise, samples and interpolations must equal fashion-gan's 28x28 ones (noise.standard_normal,
Sampler.sample, Sampler.interpolate), its messages for bad input must be the Python demo's, and
the demo must open from the real site's project page with the Python demo's first answer.
The Python side is this repository's projects/fashion-gan/src (on PYTHONPATH, or installed editable).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from browser_demos import MODULES, answers, call, errors, import_app, open_demo, wait_for_answers

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "projects" / "fashion-gan"
SLUG = "fashion-gan"
KIND = "gan"
FILES = {"model": f"/projects/{SLUG}/demo/generator.onnx", "config": f"/projects/{SLUG}/demo/config.json"}
TOLERANCE = 1e-4  # float32 through two runtimes (onnxruntime's CPU kernels and its wasm build)

predict = pytest.importorskip("fashion_gan.predict", reason="the fashion-gan example is not installed")
from fashion_gan.noise import standard_normal  # noqa: E402

# Run `function(*args)` of the demo's module and return the message of the error it throws,
# and whether it is an InputError (a message for the visitor) rather than a bug.
FAILURE = """async ([url, name, args]) => {
  const module = await import(new URL(url, document.baseURI).href);
  const common = await import(new URL("common.mjs", new URL(url, document.baseURI)).href);
  try { await module[name](...args); return null; }
  catch (e) { return {message: e.message, input: e instanceof common.InputError}; }
}"""

# The demo's canvases: their pixels (grey), size on screen and rendering.
CANVASES = """() => [...document.querySelectorAll(".sc-demo__app canvas")].map((c) => ({
  width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width,
  rendering: getComputedStyle(c).imageRendering,
  grey: Array.from(c.getContext("2d").getImageData(0, 0, c.width, c.height).data)
    .filter((_, i) => i % 4 === 0),
}))"""


@pytest.fixture(scope="module")
def sampler():
    if not Path(predict.__file__).resolve().is_relative_to(PROJECT):
        pytest.fail(f"fashion_gan comes from {predict.__file__}, not this repository. "
                    f"Fix: PYTHONPATH={PROJECT / 'src'}")
    return predict.Sampler(PROJECT / "models")


@pytest.fixture
def site_page(demo_page):
    """A page on the site's home (module URLs resolve against it), the demo not opened."""
    demo_page.goto("")
    return demo_page


def failure(page, function: str, *args) -> dict | None:
    return page.evaluate(FAILURE, [f"/{MODULES}{KIND}.mjs", function, list(args)])


def python_message(function, *args) -> str:
    with pytest.raises(predict.InvalidRequestError) as caught:
        function(*args)
    return str(caught.value)


def to_grid(images: np.ndarray, columns: int) -> np.ndarray:
    """predict.to_picture's layout at one pixel per image pixel, grey levels 0-255."""
    return np.asarray(predict.to_picture(images, columns=columns, scale=1), dtype=float)


def test_the_limits_are_the_python_demos(site_page):
    for name in ("ALL", "MAX_COUNT", "MAX_STEPS", "MAX_SEED"):
        assert site_page.evaluate(f"async () => (await import('/{MODULES}{KIND}.mjs')).{name}") == \
            getattr(predict, name), name


@pytest.mark.parametrize("seed", [0, 1, 7, 123456789, predict.MAX_SEED - 1, predict.MAX_SEED])
def test_the_noise_is_the_pythons(site_page, seed):
    count, dim = 3, 64
    browser = np.array(call(site_page, KIND, "noise", seed, count, dim)).reshape(count, dim)
    np.testing.assert_allclose(browser, standard_normal(seed, (count, dim)), rtol=0, atol=1e-12)


@pytest.mark.parametrize("name, seed, count", [
    ("T-shirt/top", 0, 16), ("Sneaker", 3, 5), ("Ankle boot", predict.MAX_SEED, 1),
    ("all", 12345, predict.MAX_COUNT), ("all", 0, 12),
    ("Pullover", " 1_0 ", "3"),  # text Python's float() reads
])
def test_samples_are_the_pythons(site_page, sampler, name, seed, count):
    drawn = call(site_page, KIND, "sample", FILES, name, seed, count)
    images, names = sampler.sample(name, seed, count)
    assert drawn["shape"] == list(images.shape) == [len(names), 1, 28, 28]
    assert drawn["names"] == names
    browser = np.array(drawn["images"]).reshape(images.shape)
    np.testing.assert_allclose(browser, images, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("name, seed_from, seed_to, steps", [
    ("Dress", 1, 2, 5), ("T-shirt/top", 0, predict.MAX_SEED, predict.MAX_STEPS), ("Ankle boot", 42, 7, 2),
    ("Sandal", 8, 8, 3),
])
def test_interpolations_are_the_pythons(site_page, sampler, name, seed_from, seed_to, steps):
    walked = call(site_page, KIND, "interpolate", FILES, name, seed_from, seed_to, steps)
    images = sampler.interpolate(name, seed_from, seed_to, steps)
    browser = np.array(walked["images"]).reshape(images.shape)
    np.testing.assert_allclose(browser, images, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("args", [
    ("Dress", -1, 4), ("Dress", 1.5, 4), ("Dress", "abc", 4), ("Dress", None, 4), ("Dress", 1.5e-05, 4),
    ("Dress", "it's", 4), ("Dress", predict.MAX_SEED + 1, 4), ("Dress", 0, 0),
    ("Dress", 0, predict.MAX_COUNT + 1), ("Dress", 0, "2.5 "), ("Dress", "1__0", 2),
    ("Dress", " -Infinity ", 2),
    ("Sock", 0, 4), ("3", 0, 4), ("", 0, 4),
])
def test_bad_samples_get_the_python_demos_messages(site_page, sampler, args):
    assert failure(site_page, "sample", FILES, *args) == \
        {"message": python_message(sampler.sample, *args), "input": True}


@pytest.mark.parametrize("args", [
    ("Dress", 0, 1, 1), ("Dress", 0, 1, predict.MAX_STEPS + 1), ("Dress", -1, 1, 4), ("Dress", 0, "x", 4),
    ("all", 0, 1, 4), ("Sock", 0, 1, 4),
])
def test_bad_interpolations_get_the_python_demos_messages(site_page, sampler, args):
    assert failure(site_page, "interpolate", FILES, *args) == \
        {"message": python_message(sampler.interpolate, *args), "input": True}


def test_labels_are_the_samplers(site_page, sampler):
    for name in ("all", "T-shirt/top", "Ankle boot"):
        assert call(site_page, KIND, "labels", name, 23, sampler.class_names) == \
            sampler.labels(name, 23).tolist()


@pytest.fixture(scope="module")
def example_request() -> dict:
    """The Python demo's first request (its app.py's EXAMPLE_REQUEST)."""
    return import_app(PROJECT).EXAMPLE_REQUEST


def test_the_demo_opens_on_the_project_page_with_the_python_demos_first_answer(demo_page, sampler,
                                                                               example_request):
    app = open_demo(demo_page, SLUG)
    name, seed, count = example_request["args"]
    first = answers(demo_page)[0]
    assert (first["task"], first["class"], first["seed"], first["count"]) == ("sample", name, seed, count)
    assert app.locator("img").count() == 0
    samples = demo_page.evaluate(CANVASES)[0]
    expected = to_grid(sampler.sample(name, seed, count)[0], columns=8)
    assert (samples["height"], samples["width"]) == expected.shape
    np.testing.assert_allclose(np.array(samples["grey"]).reshape(expected.shape), expected, atol=1)
    assert samples["cssWidth"] > 2 * samples["width"] and samples["rendering"] == "pixelated"


def test_the_forms_draw_walk_and_show_the_python_demos_messages(demo_page, sampler):
    app = open_demo(demo_page, SLUG)
    wait_for_answers(demo_page, 2)  # the first samples, then the first walk
    app.locator("[name=class]").select_option("all")
    app.locator("[name=seed]").fill("5")
    app.get_by_label("How many").fill("11")
    app.get_by_role("button", name="Draw").click()
    wait_for_answers(demo_page, 3)
    grey = np.array(demo_page.evaluate(CANVASES)[0]["grey"])
    np.testing.assert_allclose(grey, to_grid(sampler.sample("all", 5, 11)[0], 8).ravel(), atol=1)

    app.locator("[name=walk-class]").select_option("Coat")
    app.locator("[name=from]").fill("2")
    app.locator("[name=to]").fill("9")
    app.get_by_label("Steps").fill("4")
    app.get_by_role("button", name="Walk").click()
    wait_for_answers(demo_page, 4)
    walk = sampler.interpolate("Coat", 2, 9, 4)
    grey = np.array(demo_page.evaluate(CANVASES)[1]["grey"])
    np.testing.assert_allclose(grey, to_grid(walk, len(walk)).ravel(), atol=1)

    app.get_by_label("How many").fill(str(predict.MAX_COUNT + 1))
    app.get_by_role("button", name="Draw").click()
    demo_page.wait_for_function("() => window.scErrors.length > 0")
    message = python_message(sampler.sample, "all", 5, predict.MAX_COUNT + 1)
    assert errors(demo_page) == [message]
    assert app.get_by_role("alert").text_content() == message
    assert len(answers(demo_page)) == 4
