"""Gradio demo: upload a photo (or, for grey pictures of one object, draw one), see the model's top guesses.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the model is loaded once at start-up; `demo` is importable for tests. It serves
the ONNX export of the model (models/model.onnx) with onnxruntime, so it starts without PyTorch.
"""

import os
from pathlib import Path

import gradio as gr
import numpy as np
from gradio.components.base import server
from gradio_client import handle_file

from digits_cnn.predict import Classifier, InvalidImageError

HERE = Path(__file__).parent
# Gradio wraps every call in a matplotlib backend switch; with no backend named, the first call
# imports pyplot to pick one, which kept the first visitor waiting about half a second.
os.environ.setdefault("MPLBACKEND", "Agg")
classifier = Classifier(os.environ.get("MODEL_DIR", HERE / "models"))
# A drawing pad for grey pictures of one object (digits, clothes); photos are uploaded or taken.
DRAWABLE = classifier.preprocessing in ("digits", "centred")
MODEL = "A CNN trained from scratch."
HOW = "Draw one, large and centred, or upload" if DRAWABLE else "Take or upload"
GREY = " in grey" if classifier.channels == 1 else ""
SIZE = f"{classifier.image_size}x{classifier.image_size} pixels{GREY}"
CLASSES = ", ".join(classifier.class_names[:10]) + (", ..." if len(classifier.class_names) > 10 else "")
DESCRIPTION = f"{MODEL} Classes: {CLASSES}. {HOW} a picture; the model sees it at {SIZE}, as on the right."
# `make evaluate` writes the examples; EXAMPLES_DIR points elsewhere, as MODEL_DIR does for the model.
EXAMPLE_FILES = sorted(Path(os.environ.get("EXAMPLES_DIR", HERE / "examples")).glob("*.png"))
EXAMPLES = [[None, str(path)] for path in EXAMPLE_FILES]
# What the readiness check and the load bench send: the first example uploaded (before `make evaluate`
# there is none, and the demo answers that no image was given).
EXAMPLE_REQUEST = {"api_name": "/predict",
                   "args": [None, handle_file(EXAMPLE_FILES[0]) if EXAMPLE_FILES else None]}
# Under load (the portfolio's bench/bench_demo_load.py, 50 visitors at once; the concurrency sweep is in
# bench/results/demo_concurrency_sweep.json): a request is mostly Gradio's own Python around a model call
# of a millisecond or so, under one interpreter lock, so running more at once buys little: 2 at a time
# served as many per second as 1 or more, and about as many as 4. 2 match a free Space's 2 vCPUs and keep
# one slow request from holding up the rest. Past QUEUE_SIZE waiting, a visitor is told "Queue is full"
# at once instead of waiting without end.
CONCURRENCY_LIMIT = 2
QUEUE_SIZE = 64  # room for the bench's 50 visitors and a few more
MAX_FILE_SIZE = 10 * gr.FileSize.MB  # per uploaded file; a larger one is refused before predict
DRAWINGS_KEPT = 64 * gr.FileSize.MB  # drawings sent ahead, not yet asked about (a drawn digit: kilobytes)


def sketchpad(visible: bool) -> gr.Sketchpad:
    """Gradio's sketchpad, handing `predict` the drawing undecoded: the composite's file, or its
    bytes when the browser sent them ahead, for the package to read with an upload's checks. Gradio
    would first decode the background, every layer and the composite at any size (a 170 kB PNG of
    12000x12000 pixels cost seconds and gigabytes: the portfolio's bench/bench_demo_hostile_inputs.py)
    and hide a broken file's message. (Overridden on the instance: for a subclass, Gradio would write
    a .pyi stub beside this file.)"""
    pad = gr.Sketchpad(label="Draw one object, large and centred", visible=visible,
                       brush=gr.Brush(default_size=18, colors=["#000000"], color_mode="fixed"))
    drawings = pad.blob_storage  # drawing id -> its composite's bytes, until predict asks for it

    def preprocess(payload) -> bytes | str | None:
        if payload is None:
            return None
        if payload.id is not None:  # sent ahead, through accept_blobs
            return drawings.pop(payload.id, None)
        return payload.composite.path if payload.composite else None

    def accept_blobs(data) -> None:
        """Keep the composite alone (Gradio's own kept the background and every layer, and a layer
        numbered a billion made it build a list of a billion), the newest up to DRAWINGS_KEPT bytes."""
        if data.data.get("type") == "composite" and data.files:
            drawings[str(data.data.get("id"))] = data.files[0][1]
        while sum(map(len, drawings.values())) > DRAWINGS_KEPT:
            drawings.pop(next(iter(drawings)))  # the oldest

    pad.preprocess, pad.accept_blobs = preprocess, server(accept_blobs)
    return pad


def as_html_grid(pixels: np.ndarray) -> str:
    """The model's input (C, H, W) as a grid of grey or coloured squares: crisp at any size, and
    cheaper than an image output, which Gradio encodes and stores as a file on every request."""
    levels = (np.broadcast_to(pixels, (3, *pixels.shape[1:])) * 255).astype(int).reshape(3, -1)
    cells = "".join(f'<i style="background:rgb({r},{g},{b})"></i>' for r, g, b in levels.T)
    return (f'<div style="display:grid;grid-template-columns:repeat({pixels.shape[-1]},1fr);'
            f'width:160px;aspect-ratio:1;border:1px solid #888">{cells}</div>')


def predict(drawing: bytes | str | None, upload: str | None) -> tuple[dict[str, float], str]:
    """Top classes for the uploaded file if there is one, else for the drawing; both are files,
    read by the package's one reader (predict.as_image)."""
    picture = upload if upload is not None else drawing
    try:
        if picture is None:
            raise InvalidImageError(classifier.requests["nothing"])
        probabilities, seen = classifier.predict(picture)
    except InvalidImageError as e:
        raise gr.Error(str(e)) from None  # shown to the visitor; the server keeps serving
    return probabilities, as_html_grid(seen)


demo = gr.Interface(
    fn=predict,
    inputs=[
        sketchpad(visible=DRAWABLE),
        # A file input: on a phone it offers the camera as well as the photo library.
        gr.File(label="Upload a photo" + (" (or draw above)" if DRAWABLE else ""), file_types=["image"],
                type="filepath"),
    ],
    outputs=[gr.Label(num_top_classes=3, label="Prediction"),
             gr.HTML(label="What the model sees")],
    examples=EXAMPLES or None,
    title="Handwritten Digits CNN",
    description=DESCRIPTION,
    flagging_mode="never",
)
demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_SIZE)

if __name__ == "__main__":
    demo.launch(max_file_size=MAX_FILE_SIZE)
