# Rendered from templates/_shared/include/shared/python/grayscale.py: edit it there, not here.
"""Any picture -> a (size, size) grey-scale array in [0, 1]: the one resize the data loaders use.

Plain Pillow and NumPy, nothing of the data-loading stack (scikit-learn, datasets), so the image
kind's demo can use it too (preprocess.py) and still start fast.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps


def resized(image: Image.Image, size: int) -> np.ndarray:
    """Plain preparation for any picture: grayscale, square resize, scale to [0, 1]."""
    gray = ImageOps.grayscale(flatten_alpha(image)).resize((size, size), Image.LANCZOS)
    return np.asarray(gray, dtype=np.float32) / 255.0


def flatten_alpha(image: Image.Image) -> Image.Image:
    """Put a transparent image on white paper, so transparency reads as background."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        paper = Image.new("RGBA", image.size, "white")
        return Image.alpha_composite(paper, image.convert("RGBA")).convert("RGB")
    return image.convert("RGB")
