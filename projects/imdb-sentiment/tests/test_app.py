"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import json
import os
import re

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

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



def test_a_review_gets_a_label_a_confidence_and_highlights(client):
    review = "The cast was wonderful and the ending was moving."
    label, highlights = client.predict(review, api_name="/predict")
    assert label["label"] == "positive" and len(label["confidences"]) == 2
    pieces = [item["token"].strip() for item in highlights]
    assert "wonderful" in pieces and "".join(item["token"] for item in highlights) == review


def test_bad_input_gets_a_clear_message_and_the_server_keeps_serving(client):
    for text, message in [("", "empty"), ("   ", "empty"), ("\x00\x01\x02", "No words|vocabulary"),
                          ("Der Hund bellt laut", "vocabulary")]:
        with pytest.raises(AppError, match=message):
            client.predict(text, api_name="/predict")
    label, _ = client.predict("a huge review. " + "the plot was dull. " * 60_000, api_name="/predict")
    assert label["label"] == "negative"  # answered on the first characters, over 1 MB sent



OURS = "empty|No words|vocabulary"  # the package's messages (predict.InvalidTextError)


@pytest.mark.parametrize("value", [None, 5, 2.5, True, ["the", "film"], {"the": "film"}, "\x00" * 100,
                                   "<b></b>&nbsp;", "\u200b\u200b", "the film was wonderful\x00"])
def test_any_value_gets_an_answer_or_the_packages_message(client, value):
    """Gradio's text box passes on any JSON value as its text: never a generic error."""
    try:
        label, _ = client.predict(value, api_name="/predict")
    except AppError as e:
        assert re.search(OURS, str(e)), str(e)
    else:
        assert label["label"] in {"positive", "negative"}


def test_half_a_utf16_pair_gets_an_answer(client):
    assert raw_call(client, "predict", json.dumps({"data": ["the film was wonderful \ud800 truly"]})) == ""
    assert re.search(OURS, raw_call(client, "predict", '{"data": ["\\udfff"]}'))


def test_the_example_request_is_answered(client, demo_app):
    request = demo_app.EXAMPLE_REQUEST  # what the readiness check and the load bench send
    label, highlights = client.predict(*request["args"], api_name=request["api_name"])
    assert label["label"] in {"positive", "negative"} and len(label["confidences"]) == 2
    assert "".join(item["token"] for item in highlights) == request["args"][0]


def test_an_upload_over_the_size_limit_is_refused(client, demo_app):
    too_big = os.urandom(demo_app.MAX_FILE_SIZE + 1)  # any route's upload, not only a file input's
    answer = httpx.post(f"{client.src}gradio_api/upload", files={"files": ("big.png", too_big)})
    assert answer.status_code == 413 and "maximum allowed size" in answer.text
