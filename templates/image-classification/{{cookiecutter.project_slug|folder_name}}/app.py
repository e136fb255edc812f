"""Gradio demo: draw a digit or upload a picture, see the model's top guesses.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the model is loaded once at start-up; `demo` is importable for tests. It serves
the ONNX export of the model (models/model.onnx) with onnxruntime, so it starts without PyTorch.
"""

import os
from pathlib import Path

import gradio as gr
import numpy as np

from {{ cookiecutter.package_name }}.predict import Classifier, InvalidImageError, read_image

HERE = Path(__file__).parent
# Gradio wraps every call in a matplotlib backend switch; with no backend named, the first call
# imports pyplot to pick one, which kept the first visitor waiting about half a second.
os.environ.setdefault("MPLBACKEND", "Agg")
classifier = Classifier(os.environ.get("MODEL_DIR", HERE / "models"))
EXAMPLES = [[None, str(path)] for path in sorted((HERE / "examples").glob("*.png"))]


def as_html_grid(pixels: np.ndarray) -> str:
    """The model's input as a grid of grey squares: crisp at any size, and cheaper than an
    image output, which Gradio encodes and stores as a file on every request."""
    shades = (pixels.ravel() * 255).astype(int)
    cells = "".join(f'<i style="background:rgb({v},{v},{v})"></i>' for v in shades)
    return (f'<div style="display:grid;grid-template-columns:repeat({pixels.shape[1]},1fr);'
            f'width:160px;aspect-ratio:1;border:1px solid #888">{cells}</div>')


def predict(drawing: dict | None, upload: str | None) -> tuple[dict[str, float], str]:
    """Top classes for the uploaded file if there is one, else for the drawing."""
    try:
        if upload:
            image = read_image(upload)
        elif drawing is not None and drawing.get("composite") is not None:
            image = drawing["composite"]
        else:
            raise InvalidImageError("Draw a digit on the canvas or upload an image first.")
        probabilities, seen = classifier.predict(image)
    except InvalidImageError as e:
        raise gr.Error(str(e)) from None  # shown to the visitor; the server keeps serving
    return probabilities, as_html_grid(seen)


demo = gr.Interface(
    fn=predict,
    inputs=[
        gr.Sketchpad(label="Draw a digit", type="numpy", image_mode="L",
                     brush=gr.Brush(default_size=18, colors=["#000000"], color_mode="fixed")),
        gr.File(label="...or upload an image", file_types=["image"], type="filepath"),
    ],
    outputs=[gr.Label(num_top_classes=3, label="Prediction"),
             gr.HTML(label="What the model sees")],
    examples=EXAMPLES or None,
    title={{ cookiecutter.project_name | jsonify }},
    description=("A small CNN trained on 8x8 handwritten digits. Draw one digit, large and centred, "
                 "or upload a picture of one; the model sees it shrunk to 8x8 as on the right."),
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch(max_file_size="10mb")
