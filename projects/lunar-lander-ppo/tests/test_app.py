"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import base64
import importlib
import io
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



def gif_in(html: str) -> Image.Image:
    (data,) = re.findall(r'src="data:image/gif;base64,([^"]+)"', html)
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_a_seed_plays_both_policies_from_the_same_start(client, trained):
    from lunar_lander_ppo.predict import Agent

    trained_html, random_html, trained_return, random_return = client.predict(7, api_name="/play")
    agent = Agent(trained / "models")
    assert trained_return == agent.play(7).total_reward and random_return == agent.play_random(7).total_reward
    for html in (trained_html, random_html):
        with gif_in(html) as gif:
            assert gif.format == "GIF" and gif.n_frames >= 2
    assert f"return {trained_return:g}" in trained_html  # the alt text says what the animation shows



@pytest.mark.parametrize("seed, message", [
    (None, "Pick a seed first"), (-3, "between 0 and 2,147,483,647; -3 is not"),
    (1e12, "between 0 and"), (1.5, "The seed must be a whole number, not 1.5."),
    pytest.param(10**400, "between 0 and", id="10**400"),
    ("abc", "The seed must be a whole number, not 'abc'."),
    ([7], "whole number"), ({"seed": 7}, "whole number"), (True, "whole number, not True"),
])
def test_bad_seeds_get_the_packages_messages(client, seed, message):
    with pytest.raises(AppError, match=re.escape(message)):
        client.predict(seed, api_name="/play")


def test_numbers_json_allows_and_python_chokes_on_get_the_packages_messages(client):
    for number, shown in (("NaN", "nan"), ("Infinity", "inf"), ("-Infinity", "-inf")):
        message = raw_call(client, "play", '{"data": [' + number + ']}')
        assert message == f"The seed must be a whole number, not {shown}."
    *_, trained_return, _ = client.predict(0, api_name="/play")  # and the server keeps serving
    assert trained_return >= 1


def test_the_example_request_is_answered(client, demo_app):
    request = demo_app.EXAMPLE_REQUEST  # what the readiness check and the load bench send
    trained_html, _, trained_return, _ = client.predict(*request["args"], api_name=request["api_name"])
    assert trained_return >= 1 and f"return {trained_return:g}" in trained_html


def test_an_upload_over_the_size_limit_is_refused(client, demo_app):
    too_big = os.urandom(demo_app.MAX_FILE_SIZE + 1)  # any route's upload, not only a file input's
    answer = httpx.post(f"{client.src}gradio_api/upload", files={"files": ("big.png", too_big)})
    assert answer.status_code == 413 and "maximum allowed size" in answer.text
