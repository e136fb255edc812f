"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import os

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError


@pytest.fixture(scope="module")
def client(trained):
    os.environ["MODEL_DIR"] = str(trained / "models")
    app = importlib.import_module("app")
    _, url, _ = app.demo.launch(prevent_thread_lock=True, quiet=True)
    yield Client(url, verbose=False)
    app.demo.close()


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
