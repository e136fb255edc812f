"""The images a project publishes, checked as images: the one check the build and ``showcase check`` share.

The card's cover, every figure ``metrics.json`` lists and every image a README or model card
shows end up on the site, in front of a recruiter. A file that is only named right is not
enough: a zero-byte ``cover.png``, a half-written figure, a text file or a JPEG called
``.png``, or a header that claims 100,000 x 100,000 pixels (a decompression bomb: a few
bytes on disk, gigabytes once decoded) would build, and show as a broken image or stall
the build's thumbnailer. ``check_image`` opens each with Pillow and proves it whole:

1. the extension is one the site serves (``FORMATS``), and the file is not empty;
2. Pillow recognises the content, as the format the extension names;
3. the header's width x height is within ``Image.MAX_IMAGE_PIXELS`` (checked before any pixel
   is decoded; an animation's frames together within ``ANIMATION_PIXELS``);
4. ``verify()`` finds the structure intact (PNG checksums), then a load decodes every pixel
   of every frame (a truncated JPEG or GIF passes ``verify()`` and fails only here).

An SVG is text for the browser to draw: it must be UTF-8 and hold an ``<svg`` element. It is
also a document that can run script: opened on its own (a visitor follows the image's address),
an SVG the site serves runs in the site's origin. So an SVG with a ``<script>``, a
``<foreignObject>`` (HTML inside), an embedded frame or object, an ``on*`` event handler, or a
link the URL policy refuses (``javascript:``, however encoded) is refused.

Results are cached by the file's path, size and modification time, so a rebuild of an
unchanged site decodes nothing again.
"""

import html
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from showcase.exceptions import ImageError
from showcase.reading.url_policy import is_allowed

FORMATS: dict[str, tuple[str, ...]] = {
    ".png": ("PNG",),
    ".gif": ("GIF",),
    ".jpg": ("JPEG", "MPO"),
    ".jpeg": ("JPEG", "MPO"),
    ".webp": ("WEBP",),
    ".svg": ("SVG",),
}
"""The image files the site serves, by extension -> the formats (Pillow's names) such a file may
hold. MPO is a camera's JPEG with a second picture inside; browsers show the first."""
IMAGE_SUFFIXES: tuple[str, ...] = tuple(FORMATS)
"""The image extensions a project page may show."""
ANIMATION_PIXELS_FACTOR = 2
"""An animation may decode to at most this many times ``Image.MAX_IMAGE_PIXELS`` pixels over all its
frames: a 600 x 400 episode of 500 steps (120 million) passes; a million frames does not."""
SVG_HEAD = 4096
"""Bytes of an SVG searched for its ``<svg`` element (after an XML prolog and comments)."""


@dataclass(frozen=True)
class ImageInfo:
    """A checked image: its format and, for a raster image, its size in pixels and frames."""

    format: str
    width: int | None = None
    height: int | None = None
    frames: int = 1


PILLOW_DEFAULT_PIXELS = 1024 * 1024 * 1024 // 4 // 3
"""Pillow's own default for ``Image.MAX_IMAGE_PIXELS``: 89,478,485 pixels (a 256 MiB RGB image)."""


def pixel_limit() -> int:
    """The most pixels one image may have: Pillow's ``Image.MAX_IMAGE_PIXELS`` (an owner may change it),
    or Pillow's default if it was switched off (None): the site still decodes every image it serves."""
    return Image.MAX_IMAGE_PIXELS or PILLOW_DEFAULT_PIXELS


def check_image(path: Path, where: str, fix: str) -> ImageInfo:
    """Check that ``path`` is a whole image of a format the site serves (see the module docstring).

    Args:
        path: the file, already resolved inside the project (``contract.paths.inside_project``).
        where: the file and field that name it, e.g. ``".../portfolio.yaml: field `cover`"``.
        fix: what the owner does about a bad image, e.g. "run `make evaluate` in ... to write it again".

    Raises:
        ImageError: ``"<where>: <path> <what is wrong>. Fix: <fix>."``
    """
    found = image_problem(path)
    if isinstance(found, str):
        raise ImageError(f"{where}: {path} {found}. Fix: {fix}.")
    return found


def image_problem(path: Path) -> ImageInfo | str:
    """The image at ``path`` checked: its ``ImageInfo``, or what is wrong with it
    ("is empty", "is truncated or corrupt (...)"), as a phrase that follows the file's name."""
    try:
        stat = path.stat()
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    limit = pixel_limit()
    return _inspect(str(path), stat.st_size, stat.st_mtime_ns, limit)


@lru_cache(maxsize=1024)
def _inspect(path: str, size: int, mtime_ns: int, limit: int) -> ImageInfo | str:
    """``image_problem``, cached by the file's state and the pixel limit."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        served = ", ".join(s.lstrip(".") for s in IMAGE_SUFFIXES)
        what = suffix or "file without an extension"
        return f"is not an image the site serves (a {what}; it serves {served})"
    if size == 0:
        return "is empty (0 bytes)"
    if suffix == ".svg":
        return _inspect_svg(Path(path))
    return _inspect_raster(Path(path), suffix, limit)


def _inspect_svg(path: Path) -> ImageInfo | str:
    """An SVG: UTF-8 text with an ``<svg`` element near its start."""
    try:
        head = path.read_bytes()[:SVG_HEAD].decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return "is not an SVG image: it is not UTF-8 text (an SVG is XML text)"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    if "<svg" not in head.lower():
        return "is not an SVG image: no <svg> element at its start"
    if reason := _svg_script(path.read_text(encoding="utf-8", errors="replace")):
        return f"is an SVG that could run script ({reason}); the site serves only drawings"
    return ImageInfo("SVG")


_SVG_ACTIVE = re.compile(r"<\s*(script|foreignobject|iframe|embed|object|handler)\b", re.IGNORECASE)
_SVG_HANDLER = re.compile(r"[\s/\"']on[a-z]+\s*=", re.IGNORECASE)
_SVG_LINK = re.compile(r"""\b(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _svg_script(text: str) -> str | None:
    """Why an SVG's text could run script, or None (read after character references are decoded)."""
    text = html.unescape(text)
    if found := _SVG_ACTIVE.search(text):
        return f"a <{found.group(1)}> element"
    if _SVG_HANDLER.search(text):
        return "an on* event handler"
    for match in _SVG_LINK.finditer(text):
        if not is_allowed(match.group(1) if match.group(1) is not None else match.group(2)):
            return "a link the site's URL policy refuses"
    return None


def _inspect_raster(path: Path, suffix: str, limit: int) -> ImageInfo | str:
    """A raster image: recognised, of its extension's format, within the pixel limit, and whole."""
    expected = FORMATS[suffix]
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; the limit is checked
            # here, once, with the file's name in the message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                frames = getattr(image, "n_frames", 1) if kind in ("GIF", "WEBP", "PNG") else 1
    except Image.DecompressionBombError as e:
        return f"is a decompression bomb, or far too large for a web page ({_pillow(e)})"
    except Image.UnidentifiedImageError:
        return f"is not a {expected[0]} image: Pillow does not recognise its content ({_start(path)})"
    except Exception as e:  # Pillow's parsers raise many kinds on a damaged header
        return f"is truncated or corrupt ({_pillow(e)})"
    if kind not in expected:
        own = next((s for s, kinds in FORMATS.items() if kind in kinds), None)
        rename = f"rename it {own}" if own else f"convert it to one the site serves ({', '.join(FORMATS)})"
        return (f"is a {kind} image in a file named {suffix}: the site serves a file as what its "
                f"extension says; save it as {expected[0]} or {rename}")
    if width <= 0 or height <= 0:
        return f"has no pixels ({width} x {height})"
    if width * height > limit:
        return (f"is {width:,} x {height:,} pixels ({width * height:,}), over the limit of {limit:,} "
                "(PIL.Image.MAX_IMAGE_PIXELS): a decompression bomb, or far too large for a web page")
    if width * height * frames > ANIMATION_PIXELS_FACTOR * limit:
        return (f"has {frames:,} frames of {width:,} x {height:,} pixels, over "
                f"{ANIMATION_PIXELS_FACTOR * limit:,} pixels in all: too large for a web page")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()  # the structure: chunk checksums, markers
            with Image.open(path) as image:  # verify() leaves the image unusable: open it again
                for frame in range(frames):
                    image.seek(frame)
                    image.load()  # every pixel: a truncated file fails here
    except Exception as e:  # a damaged file makes Pillow's decoders raise many kinds
        return f"is truncated or corrupt ({_pillow(e)})"
    return ImageInfo(kind, width, height, frames)


def _pillow(error: Exception) -> str:
    """Pillow's own words for what went wrong, on one line."""
    text = " ".join(str(error).split()) or type(error).__name__
    return f"Pillow: {text[:160]}"


def _start(path: Path) -> str:
    """How the file starts, to tell a text file or an HTML error page from an image."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        return "unreadable"
    return f"it starts with {head!r}"
