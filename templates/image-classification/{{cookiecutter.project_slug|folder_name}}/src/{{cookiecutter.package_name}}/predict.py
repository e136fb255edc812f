"""Inference: one picture in, class probabilities out.

    python -m {{ cookiecutter.package_name }}.predict path/to/image.png

Bad input (not an image, a corrupt or huge file, a blank picture) raises
InvalidImageError with a sentence a demo visitor can act on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnxruntime
from PIL import Image, UnidentifiedImageError

from .artefacts import MODEL_CONFIG, ONNX_MODEL
from .preprocess import prepare

MAX_PIXELS = 25_000_000  # a 5000x5000 photo; larger is refused before it is decoded


class InvalidImageError(ValueError):
    """Raised when an input cannot be read as a picture the model can judge."""


def read_image(path: str | Path) -> Image.Image:
    """Open an image file, refusing what is not an image or too large to decode safely."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InvalidImageError(f"The image is {width}x{height} pixels; "
                                        f"the limit is {MAX_PIXELS // 1_000_000} megapixels.")
            image.load()  # decode now, so a truncated file fails here
            return image.copy()
    except (UnidentifiedImageError, Image.DecompressionBombError) as e:
        raise InvalidImageError("That file is not an image this demo can read "
                                "(PNG, JPEG, GIF, BMP or WebP).") from e
    except OSError as e:
        raise InvalidImageError(f"The image file is damaged or incomplete ({e}).") from e


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

    def prepare(self, image: Image.Image | np.ndarray) -> np.ndarray:
        """A picture -> the (size, size) array in [0, 1] the model sees."""
        if isinstance(image, np.ndarray):
            image = Image.fromarray(image.astype(np.uint8) if image.dtype != np.uint8 else image)
        pixels = prepare(image, self.image_size, self.preprocessing)
        if pixels.max() - pixels.min() < 1e-3:
            raise InvalidImageError("The picture is blank: draw a digit or upload an image "
                                    "with something in it.")
        return pixels

    def predict(self, image: Image.Image | np.ndarray) -> tuple[dict[str, float], np.ndarray]:
        """Probabilities per class name, and the prepared input (what the model saw)."""
        pixels = self.prepare(image)
        (logits,) = self.session.run(["logits"], {"pixels": pixels[None, None]})  # (1, 1, H, W) float32
        scores = np.exp(logits[0] - logits[0].max())  # softmax, shifted so exp cannot overflow
        probabilities = (scores / scores.sum()).tolist()
        return dict(zip(self.class_names, probabilities, strict=True)), pixels


def main(argv: list[str] | None = None) -> None:
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        raise SystemExit("usage: python -m {{ cookiecutter.package_name }}.predict IMAGE [IMAGE ...]")
    classifier = Classifier("models")
    for path in paths:
        try:
            probabilities, _ = classifier.predict(read_image(path))
        except InvalidImageError as e:
            print(f"{path}: error: {e}")
            continue
        best = max(probabilities, key=probabilities.get)
        print(f"{path}: {best} ({probabilities[best]:.1%})")


if __name__ == "__main__":
    main()
