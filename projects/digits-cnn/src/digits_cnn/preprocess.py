"""A new picture (a demo upload, a file) made to look like the training images: the UCI digits'
recipe for the digits, grayscale.resized for any other data set.

Kept apart from data.py so that the demo can prepare an image without importing
the data-loading stack (scikit-learn, datasets): it starts faster.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

from .grayscale import flatten_alpha, resized


def digits_style(image: Image.Image, size: int = 8) -> np.ndarray:
    """Prepare a picture of a digit the way the UCI digits were made.

    The UCI set scanned each digit into a 32x32 bitmap, centred and scaled to fit,
    then counted ink in 4x4 blocks to give 8x8 (Alpaydin & Kaynak, 1998). We do the
    same to a photo or a drawing: ink bright on dark, crop to the ink, pad to a
    square, resize to 4*size and average 4x4 blocks. Returns (size, size) in [0, 1].
    """
    gray = np.asarray(ImageOps.grayscale(flatten_alpha(image)), dtype=np.float32) / 255.0
    if np.median(edges(gray)) > 0.5:
        gray = 1.0 - gray  # dark ink on light paper -> bright ink on dark, as in the data set
    ink = np.clip(gray - np.median(edges(gray)), 0.0, 1.0)  # remove the paper's own shade
    rows, cols = np.nonzero(ink > 0.2 * ink.max()) if ink.max() > 0 else ([], [])
    if len(rows) == 0:
        return np.zeros((size, size), dtype=np.float32)
    ink = ink[rows.min(): rows.max() + 1, cols.min(): cols.max() + 1]
    side = int(max(ink.shape) * 1.15) + 1  # a thin margin, as in the UCI bitmaps
    square = np.zeros((side, side), dtype=np.float32)
    top, left = (side - ink.shape[0]) // 2, (side - ink.shape[1]) // 2
    square[top: top + ink.shape[0], left: left + ink.shape[1]] = ink
    big = Image.fromarray((square * 255).astype(np.uint8)).resize((4 * size, 4 * size), Image.LANCZOS)
    blocks = np.asarray(big, dtype=np.float32).reshape(size, 4, size, 4).mean(axis=(1, 3))
    return (blocks / blocks.max()).astype(np.float32)


def edges(array: np.ndarray) -> np.ndarray:
    """The outermost pixels, which show the background."""
    return np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])


def prepare(image: Image.Image, size: int, preprocessing: str) -> np.ndarray:
    """One image -> (size, size) float32, the same way the training images were made."""
    return digits_style(image, size) if preprocessing == "digits" else resized(image, size)
