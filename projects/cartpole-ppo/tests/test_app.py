"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import base64
import importlib
import io
import os
import re

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


def gif_in(html: str) -> Image.Image:
    (data,) = re.findall(r'src="data:image/gif;base64,([^"]+)"', html)
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_a_seed_plays_both_policies_from_the_same_start(client, trained):
    from cartpole_ppo.predict import Agent

    trained_html, random_html, trained_return, random_return = client.predict(7, api_name="/play")
    agent = Agent(trained / "models")
    assert trained_return == agent.play(7).total_reward and random_return == agent.play_random(7).total_reward
    for html in (trained_html, random_html):
        with gif_in(html) as gif:
            assert gif.format == "GIF" and gif.n_frames >= 2
    assert f"return {trained_return:g}" in trained_html  # the alt text says what the animation shows


def test_bad_input_gets_a_clear_message_and_the_server_keeps_serving(client):
    for seed, message in ((None, "Pick a seed"), (-3, "between 0 and"), (1e12, "between 0 and")):
        with pytest.raises(AppError, match=message):
            client.predict(seed, api_name="/play")
    *_, trained_return, _ = client.predict(0, api_name="/play")
    assert trained_return >= 1
