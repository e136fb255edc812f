"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import json
import os
import re

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from PIL import Image

# Rendered from templates/_shared/include/shared/tests/gradio_app.py: edit it there, not here.
# The fixtures and the helper every Gradio demo's tests share. The test module imports what they
# use above this part: importlib, json, os, httpx, pytest and gradio_client's Client.


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


def raw_call(client, api: str, body: str) -> str:
    """The demo's answer to a request whose JSON text is `body`: NaN, Infinity or half a UTF-16 pair
    ("\\ud800") included, which JSON parsers take and gradio_client will not send. Returns the error's
    message, or ''."""
    event = httpx.post(f"{client.src}gradio_api/call/{api}", content=body,
                       headers={"Content-Type": "application/json"})
    answer = httpx.get(f"{client.src}gradio_api/call/{api}/{event.json()['event_id']}", timeout=60)
    kind = data = None
    for line in answer.text.splitlines():  # server-sent events: "event: <kind>", then "data: <json>"
        if line.startswith("event:"):
            kind = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = line.removeprefix("data:")
    return json.loads(data)["error"] if kind == "error" else ""



def test_samples_come_back_as_one_enlarged_picture(client):
    with Image.open(client.predict("7", 3, 16, api_name="/sample")) as picture:
        assert picture.size == (8 * 8 * 12, 2 * 8 * 12)  # 16 images in rows of 8, 12x enlarged


def test_an_interpolation_is_one_row(client):
    with Image.open(client.predict("2", 0, 1, 6, api_name="/interpolate")) as picture:
        assert picture.size == (6 * 8 * 12, 8 * 12)



@pytest.mark.parametrize("args, message", [
    (("x", 0, 4), "Unknown class 'x'"),
    (("3", -5, 4), "seed must be a whole number from 0 to 4294967295, not -5"),
    (("3", 1.5, 4), "seed must be a whole number from 0 to 4294967295, not 1.5"),
    (("3", 2**33, 4), "seed must be a whole number"),
    pytest.param(("3", 10**400, 4), "seed must be a whole number", id="seed 10**400"),
    (("3", "abc", 4), "seed must be a whole number from 0 to 4294967295, not 'abc'"),
    (("3", [1], 4), "seed must be a whole number"),
    (("3", None, 4), "seed must be a whole number"),
    (("3", 0, 500), "count must be a whole number from 1 to 64, not 500"),
    (("3", 0, "many"), "count must be a whole number"),
])
def test_bad_samples_get_the_packages_messages(client, args, message):
    with pytest.raises(AppError, match=re.escape(message)):
        client.predict(*args, api_name="/sample")


@pytest.mark.parametrize("body, message", [
    ('{"data": ["3", NaN, 4]}', "seed must be a whole number from 0 to 4294967295, not nan."),
    ('{"data": ["3", Infinity, 4]}', "seed must be a whole number from 0 to 4294967295, not inf."),
    ('{"data": ["3", 0, -Infinity]}', "count must be a whole number from 1 to 64, not -inf."),
])
def test_numbers_json_allows_and_python_chokes_on_get_the_packages_messages(client, body, message):
    assert raw_call(client, "sample", body) == message


def test_bad_walks_get_the_packages_messages_and_the_server_keeps_serving(client):
    with pytest.raises(AppError, match="steps must be a whole number from 2 to 16, not 40"):
        client.predict("3", 0, 1, 40, api_name="/interpolate")
    with pytest.raises(AppError, match="second seed must be a whole number"):
        client.predict("3", 0, 10**30, 4, api_name="/interpolate")
    assert raw_call(client, "interpolate", '{"data": ["3", NaN, 1, 4]}').startswith("first seed must be")
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
