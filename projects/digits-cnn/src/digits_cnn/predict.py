"""Inference: one picture in, class probabilities out.

    python -m digits_cnn.predict path/to/image.png

A picture reaches the model in whatever form a demo or a caller has it: a file path, the file's
bytes, an open file, a data: URL, a decoded image or an array of pixels. Every form goes through
`as_image`, which reads a file's size from its header and refuses a picture over MAX_PIXELS before
a pixel of it is decoded. Bad input (not an image, a damaged, empty or huge file, a blank picture)
raises InvalidImageError with a sentence a demo visitor can act on, whichever way it came.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import sys
from pathlib import Path
from typing import BinaryIO

import numpy as np
import onnxruntime
from PIL import Image, UnidentifiedImageError

from .artefacts import MODEL_CONFIG, ONNX_MODEL
from .preprocess import prepare

MAX_PIXELS = 25_000_000  # a 5000x5000 photo; larger is refused before it is decoded
# The formats the message names (a phone's multi-picture JPEG opens as JPEG too). Pillow knows
# dozens more, each a decoder an attacker could aim at; a demo for photos and drawings needs none.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
MAX_FILE_BYTES = 10 * 2**20  # the demos' upload limit (app.py, .streamlit/config.toml), for data: URLs
NOT_AN_IMAGE = "That file is not an image this demo can read (PNG, JPEG, GIF, BMP or WebP)."

Picture = str | Path | bytes | BinaryIO | Image.Image | np.ndarray


class InvalidImageError(ValueError):
    """Raised when an input cannot be read as a picture the model can judge."""


# Fashion-MNIST's ten classes (data.py's list, repeated: predict.py runs without PyTorch or data.py).
FASHION_MNIST = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                 "Bag", "Ankle boot"]


def requests(preprocessing: str, class_names: list[str]) -> dict[str, str]:
    """What the demos ask a visitor for, worded from the model's config alone, so every demo of any
    project says the same (the portfolio's in-browser demo words its messages by this rule too):
    a digit to draw (digit classes), a piece of clothing (Fashion-MNIST's classes), one object
    (other grey pictures of one object), a photo (nothing to draw). `nothing`: no picture was given;
    `blank`: the picture has nothing in it."""
    if preprocessing == "resize":
        return {"nothing": "Upload or take a photo first.",
                "blank": "The picture is blank: upload or take a photo with something in it."}
    if all(name.isascii() and name.isdigit() for name in class_names):
        return {"nothing": "Draw a digit on the canvas or upload an image first.",
                "blank": "The picture is blank: draw a digit or upload an image with something in it."}
    subject = "a piece of clothing" if class_names == FASHION_MNIST else "one object"
    return {"nothing": f"Draw or upload a picture of {subject} first.",
            "blank": f"The picture is blank: draw or upload a picture of {subject}."}


def check_size(width: int, height: int) -> None:
    """Refuse a picture with no pixels, or with more than MAX_PIXELS: decoding one costs 4 bytes
    a pixel and seconds of CPU, and Pillow's own guard (Image.MAX_IMAGE_PIXELS) sits far higher."""
    if width * height > MAX_PIXELS:
        raise InvalidImageError(f"The image is {width}x{height} pixels; "
                                f"the limit is {MAX_PIXELS // 1_000_000} megapixels.")
    if width < 1 or height < 1:
        raise InvalidImageError(f"The image is {width}x{height} pixels: there is nothing in it to read.")


def from_data_url(url: str) -> bytes:
    """The file inside a base64 data: URL ("data:image/png;base64,iVBOR..."), within MAX_FILE_BYTES."""
    head, _, data = url.partition(",")
    if len(data) > MAX_FILE_BYTES * 4 // 3 + 4:  # base64 spends 4 characters on 3 bytes
        raise InvalidImageError(f"The file is over the limit of {MAX_FILE_BYTES // 2**20} MB.")
    if not head.endswith(";base64"):
        raise InvalidImageError(NOT_AN_IMAGE)
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidImageError(NOT_AN_IMAGE) from None


def read_image(source: str | Path | bytes | BinaryIO) -> Image.Image:
    """Open an image file (a path, its bytes, an open file or a data: URL), refusing what is not an
    image or too large to decode safely: the size comes from the header, before any decoding."""
    if isinstance(source, str) and source.startswith("data:"):
        source = from_data_url(source)
    if isinstance(source, bytes | bytearray | memoryview):
        source = io.BytesIO(source)
    try:
        with Image.open(source, formats=FORMATS) as image:  # lazy: reads the header only
            check_size(*image.size)
            image.load()  # decode now, so a truncated file fails here
            return image.copy()
    except InvalidImageError:
        raise
    except Image.DecompressionBombError as e:  # so large that Pillow itself refuses to open it
        raise InvalidImageError(f"The image is far over the limit of {MAX_PIXELS // 1_000_000} "
                                "megapixels.") from e
    except UnidentifiedImageError as e:
        raise InvalidImageError(NOT_AN_IMAGE) from e
    except (OSError, ValueError, EOFError) as e:  # a decoder's ways of saying "broken"
        raise InvalidImageError(f"The image file is damaged or incomplete ({e}).") from e


def image_from_array(pixels: np.ndarray) -> Image.Image:
    """Pixels as levels 0..255, (height, width) grey or (height, width, 1, 3 or 4 channels), as
    Gradio and Pillow hand them -> an image, with the same size limit as a file."""
    channels = pixels.shape[2] if pixels.ndim == 3 else 1
    numeric = np.issubdtype(pixels.dtype, np.integer) or np.issubdtype(pixels.dtype, np.floating)
    if pixels.ndim not in (2, 3) or channels not in (1, 3, 4) or not numeric:
        raise InvalidImageError("A picture as an array must be numbers shaped (height, width) or "
                                f"(height, width, 3 or 4 channels), not {pixels.dtype} {pixels.shape}.")
    check_size(pixels.shape[1], pixels.shape[0])
    if pixels.dtype != np.uint8:
        if not np.isfinite(pixels).all():
            raise InvalidImageError("The pixels must be levels from 0 to 255, not NaN or infinity.")
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
    return Image.fromarray(pixels[:, :, 0] if pixels.ndim == 3 and channels == 1 else pixels)  # L, RGB, RGBA


def as_image(picture: Picture) -> Image.Image:
    """Any form a picture comes in -> a decoded image, each form through the same checks."""
    if isinstance(picture, Image.Image):
        check_size(*picture.size)
        return picture
    if isinstance(picture, np.ndarray):
        return image_from_array(picture)
    if isinstance(picture, str | Path | bytes | bytearray | memoryview) or hasattr(picture, "read"):
        return read_image(picture)
    raise InvalidImageError(NOT_AN_IMAGE)


class Classifier:
    """The trained model with the preprocessing it was trained with, run by onnxruntime on the
    ONNX export that training writes beside the weights (no PyTorch needed to serve it)."""

    def __init__(self, model_dir: str | Path):
        path = Path(model_dir) / ONNX_MODEL
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no trained model; run `make train` first")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one small image per request: more threads would only wait
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        config = json.loads(self.session.get_modelmeta().custom_metadata_map[MODEL_CONFIG])
        self.class_names: list[str] = config["class_names"]
        self.image_size: int = config["image_size"]
        self.preprocessing: str = config["preprocessing"]
        self.channels: int = config.get("channels", 1)  # 1 grey, 3 RGB
        self.requests = requests(self.preprocessing, self.class_names)  # what the demos ask for

    def prepare(self, picture: Picture) -> np.ndarray:
        """A picture, in any form as_image takes -> the (channels, size, size) array in [0, 1] the
        model sees."""
        pixels = prepare(as_image(picture), self.image_size, self.preprocessing, self.channels)
        if pixels.max() - pixels.min() < 1e-3:
            raise InvalidImageError(self.requests["blank"])
        return pixels

    def predict(self, picture: Picture) -> tuple[dict[str, float], np.ndarray]:
        """Probabilities per class name, and the prepared input (what the model saw)."""
        pixels = self.prepare(picture)
        (logits,) = self.session.run(["logits"], {"pixels": pixels[None]})  # (1, C, H, W) float32
        scores = np.exp(logits[0] - logits[0].max())  # softmax, shifted so exp cannot overflow
        probabilities = (scores / scores.sum()).tolist()
        return dict(zip(self.class_names, probabilities, strict=True)), pixels


def main(argv: list[str] | None = None) -> None:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        raise SystemExit("usage: python -m digits_cnn.predict IMAGE [IMAGE ...]")
    classifier = Classifier("models")
    for path in paths:
        try:
            probabilities, _ = classifier.predict(Path(path))
        except InvalidImageError as e:
            print(f"{path}: error: {e}")
            continue
        best = max(probabilities, key=probabilities.get)
        print(f"{path}: {best} ({probabilities[best]:.1%})")


if __name__ == "__main__":
    main()
