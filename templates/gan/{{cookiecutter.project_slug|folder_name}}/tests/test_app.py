"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import os

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image


@pytest.fixture(scope="module")
def demo_app(trained):
    os.environ["MODEL_DIR"] = str(trained / "models")
    return importlib.import_module("app")


@pytest.fixture(scope="module")
def client(demo_app):
    # the size limit python app.py sets; the queue is set when app.py is imported
    _, url, _ = demo_app.demo.launch(prevent_thread_lock=True, quiet=True,
                                     max_file_size=demo_app.MAX_FILE_SIZE)
    yield Client(url, verbose=False)
    demo_app.demo.close()


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


def test_the_example_request_is_answered(client, demo_app):
    request = demo_app.EXAMPLE_REQUEST  # what the readiness check and the load bench send
    with Image.open(client.predict(*request["args"], api_name=request["api_name"])) as picture:
        assert picture.size == (8 * 8 * 12, 2 * 8 * 12)  # 16 images, as the Samples tab opens


def test_an_upload_over_the_size_limit_is_refused(client, demo_app):
    too_big = os.urandom(demo_app.MAX_FILE_SIZE + 1)  # any route's upload, not only a file input's
    answer = httpx.post(f"{client.src}gradio_api/upload", files={"files": ("big.png", too_big)})
    assert answer.status_code == 413 and "maximum allowed size" in answer.text
