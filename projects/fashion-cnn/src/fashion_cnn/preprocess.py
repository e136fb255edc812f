"""A new picture (a demo upload, a drawing, a file) made to look like the training images.

Three styles, one per kind of data set, named in the model's config (`preprocessing`):
- "digits"   the UCI digits' own recipe (scikit-learn's 8x8 digits)
- "centred"  Fashion-MNIST's own recipe for single objects on a plain background (Xiao et al., 2017):
             MNIST-format data sets, and any grey data of one centred object
- "resize"   the plain rule of images.py: the whole picture, resized (photos, colour or grey)

Kept apart from data.py so that the demo can prepare an image without importing the data-loading
stack (scikit-learn, datasets, torch): it starts faster. The page's in-browser demo
(image-classification.mjs in the showcase) is a port of this file, number for number.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

from .images import as_mode, flatten_alpha, resized

STYLES = ("digits", "centred", "resize")


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


def centred_style(image: Image.Image, size: int = 28) -> np.ndarray:
    """Prepare a photo of one object the way Fashion-MNIST's product photos were made.

    Xiao, Rasul & Vollgraf (2017, section 2) trimmed each photo to the object (the pixels that
    differ from the background by more than 5%), resized its longest edge to 28, centred it on a
    square, negated it (dark background, bright object) and made it grey. We do the same, in 8-bit
    steps a browser repeats exactly: the background is the median of the outermost pixels, and the
    negation happens when that background is light. (Their sharpening step is left out.)
    Returns (size, size) in [0, 1].
    """
    gray = np.asarray(as_mode(image, 1), dtype=np.uint8)
    background = int(np.median(edges(gray)))
    rows, cols = np.nonzero(np.abs(gray.astype(np.int32) - background) > 12)  # over 5% of 255
    if len(rows) == 0:
        return np.zeros((size, size), dtype=np.float32)
    object_ = gray[rows.min(): rows.max() + 1, cols.min(): cols.max() + 1]
    height, width = object_.shape
    longest = max(height, width)
    new_w, new_h = (max(1, (side * size + longest // 2) // longest) for side in (width, height))
    small = np.asarray(Image.fromarray(object_).resize((new_w, new_h), Image.LANCZOS), dtype=np.uint8)
    square = np.full((size, size), background, dtype=np.uint8)
    top, left = (size - new_h) // 2, (size - new_w) // 2
    square[top: top + new_h, left: left + new_w] = small
    if background > 127:
        square = 255 - square  # dark object on light paper -> bright on dark, as in the data set
    return square.astype(np.float32) / 255.0


def edges(array: np.ndarray) -> np.ndarray:
    """The outermost pixels, which show the background."""
    return np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])


def prepare(image: Image.Image, size: int, preprocessing: str, channels: int = 1) -> np.ndarray:
    """One image -> (channels, size, size) float32, the same way the training images were made."""
    if preprocessing == "digits":
        grey = digits_style(image, size)
    elif preprocessing == "centred":
        grey = centred_style(image, size)
    elif preprocessing == "resize":
        return resized(image, size, channels)
    else:
        raise ValueError(f"preprocessing: {preprocessing!r}; one of {', '.join(STYLES)}")
    return np.repeat(grey[None], channels, axis=0)  # a grey style for a colour model: R = G = B
