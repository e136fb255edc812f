"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import os

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image


@pytest.fixture(scope="module")
def client(trained):
    os.environ["MODEL_DIR"] = str(trained / "models")
    app = importlib.import_module("app")
    _, url, _ = app.demo.launch(prevent_thread_lock=True, quiet=True)
    yield Client(url, verbose=False)
    app.demo.close()


def test_samples_come_back_as_one_enlarged_picture(client):
    with Image.open(client.predict("7", 3, 16, api_name="/sample")) as picture:
        assert picture.size == (8 * 8 * 12, 2 * 8 * 12)  # 16 images in rows of 8, 12x enlarged


def test_an_interpolation_is_one_row(client):
    with Image.open(client.predict("2", 0, 1, 6, api_name="/interpolate")) as picture:
        assert picture.size == (6 * 8 * 12, 8 * 12)


def test_bad_input_gets_a_clear_message_and_the_server_keeps_serving(client):
    # Gradio itself refuses a digit outside the dropdown's choices and a count beyond the slider's
    # range, and rounds a fractional seed (precision=0), before our code runs; the seed's range is ours.
    for args, message in [(("x", 0, 4), "not in the list of choices"), (("3", -5, 4), "seed must be"),
                          (("3", 0, 500), "greater than maximum"), (("3", 2**33, 4), "seed must be")]:
        with pytest.raises(AppError, match=message):
            client.predict(*args, api_name="/sample")
    with pytest.raises(AppError, match="greater than maximum"):
        client.predict("3", 0, 1, 40, api_name="/interpolate")
    with Image.open(client.predict("all", 0, 10, api_name="/sample")) as picture:
        assert picture.width > 0
