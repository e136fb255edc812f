"""Sampling: a class and a seed in, generated images out.

    python -m fashion_gan.predict 7 --seed 3 --count 8 --out sevens.png

Runs the ONNX export of the generator with onnxruntime (no PyTorch needed). The noise comes
from noise.standard_normal with the seed given, so one seed always draws the same images, here
and in the site's in-browser demo. A request outside the limits raises InvalidRequestError with
a sentence a demo visitor can act on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import onnxruntime
from PIL import Image

from .artefacts import MODEL_CONFIG, ONNX_MODEL
from .kit.inputs import as_number, is_whole
from .noise import standard_normal

ALL = "all"  # ask for every class at once
MAX_COUNT = 64  # images per request
MAX_STEPS = 16  # images along an interpolation
MAX_SEED = 2**32 - 1  # seeds a visitor can type; the noise takes any 64-bit one


class InvalidRequestError(ValueError):
    """Raised when a request names no known class or asks for numbers outside the limits."""


def whole_number(value, name: str, low: int, high: int) -> int:
    """`value` as an int in [low, high], or a clear error naming the field; whatever `value` is
    (the demo's API passes on any JSON: text, NaN, a list, an int of a hundred digits)."""
    number = as_number(value)
    if number is None or not is_whole(number) or not low <= number <= high:
        raise InvalidRequestError(f"{name} must be a whole number from {low} to {high}, not {value!r}.")
    return int(number)


class Sampler:
    """The trained generator, run by onnxruntime on the ONNX export training writes."""

    def __init__(self, model_dir: str | Path):
        path = Path(model_dir) / ONNX_MODEL
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no trained generator; run `make train` first")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # a few tiny images per request: more threads would only wait
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        config = json.loads(self.session.get_modelmeta().custom_metadata_map[MODEL_CONFIG])
        self.class_names: list[str] = config["class_names"]
        self.latent_dim: int = config["latent_dim"]

    def labels(self, name: str, count: int) -> np.ndarray:
        """`count` labels of the class `name`, or cycling through every class for ALL."""
        if name == ALL:
            return np.arange(count, dtype=np.int64) % len(self.class_names)
        if name not in self.class_names:
            raise InvalidRequestError(f"Unknown class {name!r}: choose one of "
                                      f"{', '.join(self.class_names)} or {ALL!r}.")
        return np.full(count, self.class_names.index(name), dtype=np.int64)

    def run(self, z: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """The generator on noise z (N, latent_dim) and labels (N,): images (N, C, H, W) in [0, 1]."""
        (images,) = self.session.run(["images"], {"z": z.astype(np.float32), "labels": labels})
        return images

    def noise(self, seed: int, count: int) -> np.ndarray:
        """The generator's input for `seed`, (count, latent_dim) float64; row i is the same for any count."""
        return standard_normal(seed, (count, self.latent_dim))

    def sample(self, name: str, seed, count) -> tuple[np.ndarray, list[str]]:
        """`count` images of class `name` (or of every class) from seed `seed`, and their classes."""
        count = whole_number(count, "count", 1, MAX_COUNT)
        seed = whole_number(seed, "seed", 0, MAX_SEED)
        labels = self.labels(name, count)
        return self.run(self.noise(seed, count), labels), [self.class_names[i] for i in labels]

    def interpolate(self, name: str, seed_from, seed_to, steps) -> np.ndarray:
        """`steps` images of class `name` on the straight line between the noise of two seeds."""
        steps = whole_number(steps, "steps", 2, MAX_STEPS)
        ends = [self.noise(whole_number(s, field, 0, MAX_SEED), 1)[0]
                for s, field in ((seed_from, "first seed"), (seed_to, "second seed"))]
        if name == ALL:
            raise InvalidRequestError("Pick one class to interpolate within.")
        t = np.linspace(0, 1, steps)[:, None]
        return self.run((1 - t) * ends[0] + t * ends[1], self.labels(name, steps))


def to_picture(images: np.ndarray, columns: int = 8, scale: int = 12) -> Image.Image:
    """Images (N, C, H, W) in [0, 1] side by side in rows of `columns`, enlarged for a screen:
    grey for one channel, RGB for three."""
    n, channels, h, w = images.shape
    rows = -(-n // columns)
    columns = min(columns, n)
    canvas = np.zeros((rows * h, columns * w, channels), dtype=np.float32)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        canvas[r * h: (r + 1) * h, c * w: (c + 1) * w] = image.transpose(1, 2, 0)
    levels = (canvas * 255).round().astype(np.uint8)
    picture = Image.fromarray(levels[..., 0] if channels == 1 else levels)
    return picture.resize((picture.width * scale, picture.height * scale), Image.NEAREST)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Draw images of a class with the trained generator.")
    parser.add_argument("name", help=f"a class name, or {ALL!r}")
    parser.add_argument("--seed", default=0)
    parser.add_argument("--count", default=8)
    parser.add_argument("--out", default="samples.png")
    args = parser.parse_args(argv)
    try:
        images, names = Sampler("models").sample(args.name, args.seed, args.count)
    except InvalidRequestError as e:
        raise SystemExit(f"error: {e}") from None
    to_picture(images).save(args.out)
    print(f"wrote {len(images)} images ({', '.join(names)}) to {args.out}")


if __name__ == "__main__":
    main()
