"""Demo addresses, the local-demo switch, image sizes and the Markdown import helpers."""

import struct
import zlib

import pytest
from conftest import PNG

from showcase.exceptions import DemoError
from showcase.reading.markdown import fit, project_path, shift_headings, strip_front_matter
from showcase.reading.readme import parse_readme
from showcase.site.demos import check_local_demos, gradio_script, space_host
from showcase.site.images import image_size


def test_space_host_and_gradio_pin():
    assert space_host("Ada/My_App.v2") == "https://ada-my-app-v2.hf.space"
    assert gradio_script("6.31.0") == "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"
    assert gradio_script("4.44.1+cpu").endswith("/4.44.1/gradio.js")
    assert gradio_script(None) is None and gradio_script("latest; rm -rf") is None


def test_check_local_demos():
    assert check_local_demos({}) == {}
    assert check_local_demos({"a": "http://127.0.0.1:7861/"}) == {"a": "http://127.0.0.1:7861/"}
    assert check_local_demos({"a": "http://localhost:80"}) == {"a": "http://localhost:80"}
    for bad in ('{"a": "http://127.0.0.1:1/"}', {"a": "https://evil.example/"}, {"a": 7861}, {1: "x"}):
        with pytest.raises(DemoError, match=r"local_demos: .*Fix: leave it unset"):
            check_local_demos(bad)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_image_size(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 640, 480, 8, 2, 0, 0, 0))
    (tmp_path / "a.png").write_bytes(png)
    (tmp_path / "b.gif").write_bytes(b"GIF89a" + struct.pack("<HH", 30, 20) + b"\0" * 8)
    jpeg = b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 4) + b"\0\0"
    jpeg += b"\xff\xc0" + struct.pack(">HBHH", 11, 8, 90, 120) + b"\0" * 6
    (tmp_path / "c.jpg").write_bytes(jpeg)
    (tmp_path / "d.png").write_bytes(b"not an image")
    (tmp_path / "e.png").write_bytes(PNG)
    assert image_size(tmp_path / "a.png") == (640, 480)
    assert image_size(tmp_path / "b.gif") == (30, 20)
    assert image_size(tmp_path / "c.jpg") == (120, 90)
    assert image_size(tmp_path / "d.png") is None and image_size(tmp_path / "none.png") is None
    assert image_size(tmp_path / "e.png") == (1, 1)


def test_markdown_import_helpers():
    assert strip_front_matter("---\na: 1\n---\n# T\n") == "# T\n"
    shifted = shift_headings("# a\n## b\n###### c\n```\n# d\n```")
    assert shifted == "## a\n### b\n###### c\n```\n# d\n```"
    assert project_path("reports/../reports/a.png#x") == ("reports/a.png", "x")
    for outside in ("../x.png", "/etc/passwd", "https://x.org/a.png", "#anchor", "C:x"):
        assert project_path(outside) is None
    keep = fit("[a](a.md) <i>b</i> `<c>`", lambda target, image: None)
    assert keep == "a &lt;i>b&lt;/i> `<c>`\n"


def test_parse_readme_sections():
    story = parse_readme("# T\n\nLead.\n\n## Problem\n\nP.\n\n## How to reproduce\n\n`make`\n"
                         "\n## Results\n\n<!-- results:start -->\n|a|\n<!-- results:end -->\n")
    assert [s.title for s in story.sections] == ["Problem", "How to reproduce"]
    assert story.take("reproduce").body == "`make`" and story.take("reproduce") is None
    assert [s.title for s in parse_readme("# T\n\nJust text.\n").sections] == ["About"]
    assert parse_readme("# T\n").sections == []


def test_card_cover_thumbnail(tmp_path):
    pytest.importorskip("PIL")
    from PIL import Image

    from showcase.site.thumbnails import MAX_WIDTH, card_cover

    big = tmp_path / "big.png"
    noise = Image.effect_noise((1600, 500), 80).convert("RGB")  # incompressible: a large PNG
    noise.save(big)
    thumb = card_cover(big)
    assert thumb is not None and (thumb.width, thumb.height) == (MAX_WIDTH, 200)
    assert thumb.data[8:12] == b"WEBP" and len(thumb.data) < big.stat().st_size
    assert card_cover(tmp_path / "missing.png") is None
    (tmp_path / "small.png").write_bytes(PNG)
    assert card_cover(tmp_path / "small.png") is None  # already small: served as it is
