# Rendered from templates/_shared/include/shared/python/images.py: edit it there, not here.
"""Any picture -> the network's (C, size, size) pixels: the one resize rule of every image path.

The rule, used by training, evaluation, both demo apps and the page's in-browser demo alike:

1. transparency is laid on white paper (`flatten_alpha`), so a see-through background reads as paper;
2. the picture becomes grey ("L", Pillow's 299/587/114 weighting) for a 1-channel model, or RGB
   for a 3-channel one (a grey picture's one level repeated in R, G and B);
3. the whole picture is resized to a size x size square with Pillow's Lanczos filter, each
   channel with the same kernel (no crop: a wide picture is squeezed, as a square one is kept);
4. levels 0..255 are kept as uint8 in memory and divided by 255 (float32 in [0, 1]) at the network.

Plain Pillow and NumPy, nothing of the data-loading stack (scikit-learn, datasets, torch), so a demo
can use it too (preprocess.py) and still start fast.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

GREY_MODES = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}  # a picture with one level per pixel


def channels_of(image: Image.Image) -> int:
    """1 for a grey picture, 3 for a colour one, from its mode (known from the file's header)."""
    if image.mode == "P":  # a palette: grey when every colour in it is grey
        palette = np.asarray(image.getpalette() or [], dtype=np.uint8).reshape(-1, 3)
        return 1 if (palette == palette[:, :1]).all() else 3
    return 1 if image.mode in GREY_MODES else 3


def flatten_alpha(image: Image.Image) -> Image.Image:
    """Put a transparent image on white paper, so transparency reads as background; RGB out."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        paper = Image.new("RGBA", image.size, "white")
        return Image.alpha_composite(paper, image.convert("RGBA")).convert("RGB")
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):  # 16-bit or float grey: to 8 bits first
        return image.convert("L").convert("RGB")
    return image.convert("RGB")


def as_mode(image: Image.Image, channels: int) -> Image.Image:
    """Steps 1 and 2 of the rule: on white paper, then grey ("L") or colour ("RGB")."""
    flat = flatten_alpha(image)
    return flat.convert("L") if channels == 1 else flat


def resized_levels(image: Image.Image, size: int, channels: int) -> np.ndarray:
    """Steps 1-3: any picture -> (channels, size, size) uint8 levels."""
    square = np.asarray(as_mode(image, channels).resize((size, size), Image.LANCZOS), dtype=np.uint8)
    return square[None] if channels == 1 else square.transpose(2, 0, 1)  # (H, W, 3) -> (3, H, W)


def resized(image: Image.Image, size: int, channels: int = 1) -> np.ndarray:
    """The whole rule: any picture -> (channels, size, size) float32 in [0, 1]."""
    return resized_levels(image, size, channels).astype(np.float32) / 255.0
