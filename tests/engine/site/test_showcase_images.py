"""The site's images: pixel sizes read by Pillow, and card-sized covers."""

import pytest
from conftest import PNG
from PIL import Image

from showcase.site.images import MAX_WIDTH, card_cover, image_size


@pytest.mark.parametrize("suffix", [".png", ".gif", ".jpg", ".webp"])
def test_image_size_of_each_raster_format(tmp_path, suffix):
    path = tmp_path / f"figure{suffix}"
    Image.new("RGB", (123, 45), "white").save(path)
    assert image_size(path) == (123, 45)


def test_image_size_reads_the_header_not_the_name(tmp_path):
    misnamed = tmp_path / "really-a-gif.png"
    Image.new("P", (7, 3)).save(misnamed, "GIF")
    assert image_size(misnamed) == (7, 3)
    (tmp_path / "tiny.png").write_bytes(PNG)
    assert image_size(tmp_path / "tiny.png") == (1, 1)


def test_image_size_is_none_for_what_pillow_cannot_read(tmp_path):
    (tmp_path / "broken.png").write_bytes(b"not an image")
    (tmp_path / "truncated.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00")
    (tmp_path / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    for name in ("broken.png", "truncated.jpg", "drawing.svg", "missing.png"):
        assert image_size(tmp_path / name) is None, name


def test_card_cover_thumbnail(tmp_path):
    big = tmp_path / "big.png"
    noise = Image.effect_noise((1600, 500), 80).convert("RGB")  # incompressible: a large PNG
    noise.save(big)
    thumb = card_cover(big)
    assert thumb is not None and (thumb.width, thumb.height) == (MAX_WIDTH, 200)
    assert thumb.data[8:12] == b"WEBP" and len(thumb.data) < big.stat().st_size
    assert card_cover(tmp_path / "missing.png") is None
    (tmp_path / "small.png").write_bytes(PNG)
    assert card_cover(tmp_path / "small.png") is None  # already small: served as it is
    (tmp_path / "big.svg").write_text("<svg/>" * 10_000)
    assert card_cover(tmp_path / "big.svg") is None  # not a raster image
