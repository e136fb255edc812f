"""Read an image's width and height from its header, without an imaging library.

The site writes ``width`` and ``height`` on every ``<img>`` so the browser
reserves the space before the file arrives: the page does not jump while it
loads (Lighthouse's "cumulative layout shift"). Only the header is read.
"""

import struct
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".gif", ".jpg", ".jpeg", ".webp", ".svg")
"""The image files a project page may show."""


def _png(head: bytes) -> tuple[int, int] | None:
    """PNG: the IHDR chunk follows the 8-byte signature."""
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    return None


def _gif(head: bytes) -> tuple[int, int] | None:
    """GIF: the logical screen size follows the 6-byte signature."""
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    """WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) headers."""
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg(path: Path) -> tuple[int, int] | None:
    """JPEG: walk the segments up to the first start-of-frame marker."""
    with path.open("rb") as f:
        if f.read(2) != b"\xff\xd8":
            return None
        while marker := f.read(2):
            if len(marker) < 2 or marker[0] != 0xFF:
                return None
            length_bytes = f.read(2)
            if len(length_bytes) < 2:
                return None
            (length,) = struct.unpack(">H", length_bytes)
            # SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if 0xC0 <= marker[1] <= 0xCF and marker[1] not in (0xC4, 0xC8, 0xCC):
                data = f.read(5)
                h, w = struct.unpack(">HH", data[1:5])
                return w, h
            f.seek(length - 2, 1)
    return None


def image_size(path: Path | str) -> tuple[int, int] | None:
    """``(width, height)`` in pixels, or None for a format it does not know or a bad file."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".jpg", ".jpeg"):
            return _jpeg(path)
        with path.open("rb") as f:
            head = f.read(32)
    except (OSError, struct.error):
        return None
    for reader in (_png, _gif, _webp):
        try:
            if (size := reader(head)) is not None:
                return size if size[0] > 0 and size[1] > 0 else None
        except struct.error:
            return None
    return None
