"""Gradio demo: draw a digit or upload a picture, see the model's top guesses.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the model is loaded once at start-up; `demo` is importable for tests.
"""

import os
from pathlib import Path

import gradio as gr
import numpy as np

from {{ cookiecutter.package_name }}.predict import Classifier, InvalidImageError, read_image

HERE = Path(__file__).parent
classifier = Classifier(os.environ.get("MODEL_DIR", HERE / "models"))
EXAMPLES = [[None, str(path)] for path in sorted((HERE / "examples").glob("*.png"))]


def predict(drawing: dict | None, upload: str | None) -> tuple[dict[str, float], np.ndarray]:
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
    return probabilities, (np.kron(seen, np.ones((16, 16))) * 255).astype(np.uint8)


demo = gr.Interface(
    fn=predict,
    inputs=[
        gr.Sketchpad(label="Draw a digit", type="numpy", image_mode="L",
                     brush=gr.Brush(default_size=18, colors=["#000000"], color_mode="fixed")),
        gr.File(label="...or upload an image", file_types=["image"], type="filepath"),
    ],
    outputs=[gr.Label(num_top_classes=3, label="Prediction"),
             gr.Image(label="What the model sees", show_label=True)],
    examples=EXAMPLES or None,
    title={{ cookiecutter.project_name | jsonify }},
    description=("A small CNN trained on 8x8 handwritten digits. Draw one digit, large and centred, "
                 "or upload a picture of one; the model sees it shrunk to 8x8 as on the right."),
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch(max_file_size="10mb")
