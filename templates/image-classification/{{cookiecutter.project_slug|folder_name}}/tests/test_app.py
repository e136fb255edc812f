"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import os

import numpy as np
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image


@pytest.fixture(scope="module")
def client(trained):
    os.environ["MODEL_DIR"] = str(trained / "models")
    app = importlib.import_module("app")
    _, url, _ = app.demo.launch(prevent_thread_lock=True, quiet=True, max_file_size="10mb")
    yield Client(url, verbose=False)
    app.demo.close()


@pytest.fixture
def digit_png(tmp_path):
    pixels = np.full((120, 90), 255, dtype=np.uint8)
    pixels[15:105, 40:52] = 0  # a dark "1" on white paper, as a phone photo would be
    path = tmp_path / "one.png"
    Image.fromarray(pixels).save(path)
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
