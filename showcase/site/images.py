"""The site's images: their pixel sizes, and card-sized copies of the covers (Pillow).

Every image here has been checked whole when its project was loaded (``reading.images``:
format, size within ``Image.MAX_IMAGE_PIXELS``, every pixel decodable), so decoding one
cannot stall the build; what Pillow still cannot read is shown as it is.

Sizes: the site writes ``width`` and ``height`` on every ``<img>`` so the browser
reserves the space before the file arrives: the page does not jump while it
loads (Lighthouse's "cumulative layout shift"). Pillow reads only the header
for that; the pixels are decoded lazily, and never here.

Covers: a cover is a figure evaluation wrote for reading (often 1,000+ pixels
wide, 100+ KB of PNG); a card shows it about 360 CSS pixels wide. ``card_cover``
returns a WebP at most ``MAX_WIDTH`` pixels wide (enough for a phone's dense
screen), or None when the original is already small or is not a raster image
(the site then shows the original). Results are cached by file content, so a
hundred copies of one project cost one resize.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

MAX_WIDTH = 640
"""Pixels: a card is at most ~340 CSS px wide, shown at up to ~2 device px each."""
SMALL_ENOUGH = 40_000
"""Bytes: a cover this small is served as it is."""
_UNREADABLE = (OSError, ValueError, Image.DecompressionBombError)
"""What Pillow raises for a missing, broken or unknown file (``UnidentifiedImageError`` is an OSError)."""


def image_size(path: Path | str) -> tuple[int, int] | None:
    """``(width, height)`` in pixels, or None for a file Pillow cannot read (an SVG, a broken file)."""
    try:
        with Image.open(path) as image:
            width, height = image.size
    except _UNREADABLE:
        return None
    return (width, height) if width > 0 and height > 0 else None


@dataclass(frozen=True)
class Thumbnail:
    """A resized cover: WebP bytes and their pixel size."""

    data: bytes
    width: int
    height: int


def card_cover(path: Path) -> Thumbnail | None:
    """A card-sized WebP of the image at ``path``, or None to use the original."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) <= SMALL_ENOUGH or path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".webp"):
        return None
    return _resize(hashlib.sha256(data).hexdigest(), data)


@lru_cache(maxsize=512)
def _resize(digest: str, data: bytes) -> Thumbnail | None:
    """Resize (cached by content digest); None if Pillow cannot read it or nothing is saved."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.width > MAX_WIDTH:
                height = max(1, round(image.height * MAX_WIDTH / image.width))
                image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
            mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
            out = io.BytesIO()
            image.convert(mode).save(out, "WEBP", quality=82, method=4)
            size = image.size
    except _UNREADABLE:
        return None
    if out.tell() >= len(data):
        return None  # no saving: keep the original
    return Thumbnail(out.getvalue(), *size)
