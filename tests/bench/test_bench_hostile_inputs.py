"""The hostile-inputs bench's own pictures (bench/bench_demo_hostile_inputs.py), not its timings."""

import io
import sys
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from bench_demo_hostile_inputs import CASES, a_digit, png, png_saying  # noqa: E402


def test_the_bomb_says_its_size_in_a_header_pillow_reads_and_refuses():
    with Image.open(io.BytesIO(png_saying(3000, 2000))) as image:  # under Pillow's limit: opens, lazily
        assert image.size == (3000, 2000) and image.format == "PNG"
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_saying(100_000, 100_000)))


def test_the_digit_is_dark_ink_on_white_paper():
    with Image.open(io.BytesIO(png(a_digit(200)))) as image:
        assert image.size == (200, 200) and image.getextrema() == (0, 255)
        assert image.getpixel((100, 100)) == 0 and image.getpixel((5, 5)) == 255


def test_every_case_is_sent_one_of_the_three_ways():
    assert {way for _, way, _ in CASES} == {"upload", "drawing", "drawing sent ahead"}
