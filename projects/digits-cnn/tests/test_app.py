"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import os

import httpx
import numpy as np
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image


@pytest.fixture(scope="module")
def demo_app(trained, tmp_path_factory):
    os.environ["MODEL_DIR"] = str(trained / "models")
    examples = tmp_path_factory.mktemp("examples")  # `make evaluate` writes the project's own
    Image.fromarray(one_on_white()).save(examples / "00_1.png")
    os.environ["EXAMPLES_DIR"] = str(examples)
    return importlib.import_module("app")


@pytest.fixture(scope="module")
def client(demo_app):
    # the size limit python app.py sets; the queue is set when app.py is imported
    _, url, _ = demo_app.demo.launch(prevent_thread_lock=True, quiet=True,
                                     max_file_size=demo_app.MAX_FILE_SIZE)
    yield Client(url, verbose=False)
    demo_app.demo.close()


def one_on_white() -> np.ndarray:
    pixels = np.full((120, 90), 255, dtype=np.uint8)
    pixels[15:105, 40:52] = 0  # a dark "1" on white paper, as a phone photo would be
    return pixels


@pytest.fixture
def digit_png(tmp_path):
    path = tmp_path / "one.png"
    Image.fromarray(one_on_white()).save(path)
    return path


def top_label(result):
    label, _ = result
    return label["label"], {c["label"]: c["confidence"] for c in label["confidences"]}


def test_an_uploaded_image_gets_top_three_probabilities(client, digit_png):
    result = client.predict(None, handle_file(digit_png), api_name="/predict")
    best, confidences = top_label(result)
    assert best in {str(d) for d in range(10)} and len(confidences) == 3
    assert confidences[best] == max(confidences.values())
    assert result[1].count("<i ") == 64  # the 8x8 input the model saw


def test_the_example_request_is_answered(client, demo_app):
    request = demo_app.EXAMPLE_REQUEST  # what the readiness check and the load bench send
    best, confidences = top_label(client.predict(*request["args"], api_name=request["api_name"]))
    assert best in {str(d) for d in range(10)} and len(confidences) == 3


def test_a_drawing_gets_an_answer(client, digit_png):
    drawing = {"background": None, "layers": [], "composite": handle_file(digit_png)}
    best, _ = top_label(client.predict(drawing, None, api_name="/predict"))
    assert best in {str(d) for d in range(10)}


def bad_inputs(tmp_path):
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    text = tmp_path / "notes.png"
    text.write_text("this is not an image")
    huge = tmp_path / "huge.png"
    Image.new("L", (6000, 5000), 255).save(huge)
    blank = tmp_path / "blank.png"
    Image.new("RGB", (200, 200), "white").save(blank)
    return {
        "nothing": ((None, None), "Draw a digit"),
        "corrupt file": ((None, handle_file(corrupt)), "not an image|damaged"),
        "text file": ((None, handle_file(text)), "not an image"),
        "huge image": ((None, handle_file(huge)), "megapixels"),
        "empty canvas": (({"background": None, "layers": [], "composite": handle_file(blank)}, None),
                         "blank"),
    }


def test_bad_input_gets_a_clear_message_and_the_server_keeps_serving(client, tmp_path, digit_png):
    for args, message in bad_inputs(tmp_path).values():
        with pytest.raises(AppError, match=message):
            client.predict(*args, api_name="/predict")
    best, _ = top_label(client.predict(None, handle_file(digit_png), api_name="/predict"))
    assert best in {str(d) for d in range(10)}


def test_an_upload_over_the_size_limit_is_refused(client, demo_app):
    too_big = os.urandom(demo_app.MAX_FILE_SIZE + 1)  # any route's upload, not only a file input's
    answer = httpx.post(f"{client.src}gradio_api/upload", files={"files": ("big.png", too_big)})
    assert answer.status_code == 413 and "maximum allowed size" in answer.text
