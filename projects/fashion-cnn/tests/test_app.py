"""The demo, launched for real and called over HTTP the way a visitor's browser or a client does."""

import importlib
import io
import json
import os
import uuid

import httpx
import numpy as np
import pytest
from gradio_client import Client, handle_file
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



@pytest.fixture(scope="module", autouse=True)
def example_pictures(tmp_path_factory):
    """The demo's examples, set before demo_app imports app.py (an autouse fixture comes first):
    `make evaluate` writes the project's own."""
    examples = tmp_path_factory.mktemp("examples")
    Image.fromarray(one_on_white()).save(examples / "00_1.png")
    os.environ["EXAMPLES_DIR"] = str(examples)


def one_on_white() -> np.ndarray:
    pixels = np.full((120, 90), 255, dtype=np.uint8)
    pixels[15:105, 40:52] = 0  # a dark "1" on white paper, as a phone photo would be
    return pixels


def png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


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


def sent_ahead(client, demo_app, data: bytes, kind: str = "composite", index: str = "null",
               drawing: str | None = None) -> dict:
    """What the browser does while a visitor draws: it posts the drawing's images to the sketchpad's
    accept_blobs under one id, then the request names that id instead of sending files."""
    drawing = drawing or uuid.uuid4().hex
    fields = {"component_id": str(demo_app.demo.input_components[0]._id), "fn_name": "accept_blobs",
              "session_hash": client.session_hash, "id": drawing, "type": kind, "index": index}
    answer = httpx.post(f"{client.src}gradio_api/component_server/", data=fields,
                        files={"file": (f"{kind}.png", data, "image/png")})
    assert answer.status_code == 200, answer.text
    return {"id": drawing}


def as_file(data: bytes, folder) -> str:
    path = folder / f"{uuid.uuid4().hex}.png"
    path.write_bytes(data)
    return str(path)


# The ways a picture reaches predict over HTTP: the same checks and messages for each.
WAYS = {
    "upload": lambda client, demo_app, data, folder: (None, handle_file(as_file(data, folder))),
    "drawing as a file": lambda client, demo_app, data, folder: (
        {"background": None, "layers": [], "composite": handle_file(as_file(data, folder))}, None),
    "drawing sent ahead": lambda client, demo_app, data, folder: (sent_ahead(client, demo_app, data), None),
}


@pytest.mark.parametrize("way", WAYS)
def test_a_picture_gets_an_answer_whichever_way_it_comes(client, demo_app, tmp_path, way):
    best, _ = top_label(client.predict(*WAYS[way](client, demo_app, png(one_on_white()), tmp_path),
                                       api_name="/predict"))
    assert best in {str(d) for d in range(10)}


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # refused, as checked
@pytest.mark.parametrize("way", WAYS)
def test_every_bad_file_gets_the_demos_message_whichever_way_it_comes(client, demo_app, tmp_path,
                                                                        hostile_pictures, way):
    for data, message in hostile_pictures.values():
        with pytest.raises(AppError, match=message):
            client.predict(*WAYS[way](client, demo_app, data, tmp_path), api_name="/predict")
    assert top_label(client.predict(None, handle_file(as_file(png(one_on_white()), tmp_path)),
                                    api_name="/predict"))[0] in {str(d) for d in range(10)}


@pytest.mark.parametrize("args", [
    (None, None),
    ({"background": None, "layers": [], "composite": None}, None),
    ({"id": "never-sent"}, None),
])
def test_nothing_to_read_asks_for_a_drawing_or_an_upload(client, args):
    with pytest.raises(AppError, match="Draw a digit"):
        client.predict(*args, api_name="/predict")


def test_the_sketchpad_keeps_only_the_composite_and_only_so_much(client, demo_app, monkeypatch):
    sketchpad = demo_app.demo.input_components[0]
    sketchpad.blob_storage.clear()
    drawing = sent_ahead(client, demo_app, b"x" * 100, kind="layer", index=str(10**9))["id"]
    sent_ahead(client, demo_app, b"x" * 100, kind="background", drawing=drawing)
    assert sketchpad.blob_storage == {}  # Gradio's own made a list of a billion layers for that one
    monkeypatch.setattr(demo_app, "DRAWINGS_KEPT", 250)
    ids = [sent_ahead(client, demo_app, b"x" * 100)["id"] for _ in range(4)]
    assert list(sketchpad.blob_storage) == ids[-2:]  # the newest, within the budget
    with pytest.raises(AppError, match="Draw a digit"):  # an evicted drawing is asked for again
        client.predict({"id": ids[0]}, None, api_name="/predict")


def test_an_upload_over_the_size_limit_is_refused(client, demo_app):
    too_big = os.urandom(demo_app.MAX_FILE_SIZE + 1)  # any route's upload, not only a file input's
    answer = httpx.post(f"{client.src}gradio_api/upload", files={"files": ("big.png", too_big)})
    assert answer.status_code == 413 and "maximum allowed size" in answer.text
