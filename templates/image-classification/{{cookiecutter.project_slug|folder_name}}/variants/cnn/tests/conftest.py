"""Shared fixtures: tiny data and a tiny trained model, all made offline in a temp folder."""

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from {{ cookiecutter.package_name }} import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


# Rendered from templates/_shared/include/shared/tests/tracked_runs.py: edit it there, not here.
{% include "shared/tests/tracked_runs.py" %}

@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with a model trained for a few epochs on 400 digits (a few seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml", "schemas/contract.json"):  # what evaluation reads
        (root / name).parent.mkdir(parents=True, exist_ok=True)                # besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "6",
{%- if cookiecutter.dataset != "digits" %}
                # the built-in digits at their own settings, whatever this project's data: offline, seconds
                "--data", "sklearn:digits", "--image-size", "0", "--crop-padding", "0",
                "--max-rotation", "12", "--max-shift", "1", "--max-zoom", "0.1",
{%- endif %}
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root


@pytest.fixture(scope="session")
def tiny_run_args() -> list[str]:
    """What a one-epoch run of tests/test_train.py adds for this model."""
    return []



def png_saying(width: int, height: int) -> bytes:
    """A PNG whose header says width x height, followed by one row of pixels: what a decompression
    bomb shows before it is decoded. (A real 12000x12000 PNG is 140 kB and takes a second to make;
    had a check decoded this one, it would have found it truncated, not too large.)"""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    row = zlib.compress(b"\x00" * (min(width, 4096) + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def encoded(image: Image.Image, format: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format)
    return buffer.getvalue()


def saying(format: str, width: int, height: int) -> bytes:
    """A small file of `format` whose header is rewritten to say width x height."""
    data = bytearray(encoded(Image.new("L", (8, 8), 255), format))
    if format == "JPEG":  # the frame header: marker, length, precision, then height, width
        at = data.index(b"\xff\xc0") + 5
        data[at:at + 4] = struct.pack(">HH", height, width)
    elif format == "GIF":  # the logical screen
        data[6:10] = struct.pack("<HH", width, height)
    elif format == "BMP":  # the info header
        data[18:26] = struct.pack("<ii", width, height)
    return bytes(data)


@pytest.fixture(scope="session")
def hostile_pictures() -> dict[str, tuple[bytes, str]]:
    """Files a visitor (or an attacker) may send as a picture, each with the message it must get:
    the demo's own, whichever way the file came in."""
    noise = np.random.default_rng(0).integers(0, 255, (64, 64), dtype=np.uint8)
    return {
        "a 12000x12000 PNG": (png_saying(12000, 12000), "12000x12000 pixels; the limit is 25 megapixels"),
        "a 100000x100000 PNG bomb": (png_saying(100_000, 100_000), "far over the limit of 25 megapixels"),
        "a 20000x20000 JPEG": (saying("JPEG", 20000, 20000), "far over the limit of 25 megapixels"),
        "a 6000x5000 GIF": (saying("GIF", 6000, 5000), "6000x5000 pixels; the limit is 25 megapixels"),
        "a 30000x30000 BMP": (saying("BMP", 30000, 30000), "far over the limit of 25 megapixels"),
        "a PNG 0 pixels wide": (png_saying(0, 10), "not an image"),
        "a truncated PNG": (encoded(Image.fromarray(noise), "PNG")[:300], "damaged or incomplete"),
        "a PNG signature then noise": (b"\x89PNG\r\n\x1a\n" + noise.tobytes()[:64], "not an image|damaged"),
        "a text file": (b"this is not an image", "not an image"),
        "an empty file": (b"", "not an image"),
        "a TIFF": (encoded(Image.fromarray(noise), "TIFF"), "not an image"),
        "a blank picture": (encoded(Image.new("RGB", (200, 200), "white"), "PNG"), "blank"),
    }
