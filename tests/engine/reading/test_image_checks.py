"""Every image the site publishes is checked as an image, by the build and by ``showcase check`` alike.

A table of broken files (truncated, not an image, empty, of another format than their name,
of a format the site does not serve, decompression bombs) crossed with the three places a
project names an image (the card's cover, a figure in metrics.json, an image its README
shows): the project is refused, with a message naming the file, the field and the fix.
"""

import io
import json
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import README, valid_card, valid_metrics
from PIL import Image

from showcase.exceptions import ShowcaseError
from showcase.readiness import check_project as readiness_check
from showcase.readiness.files import check_figures
from showcase.reading.project import load_project, read_project


def picture(kind: str, size: tuple[int, int] = (64, 48), frames: int = 1) -> bytes:
    """An image of ``kind`` (Pillow's format name) full of noise, so it does not compress away."""
    images = [Image.effect_noise(size, 60 + i).convert("RGB") for i in range(frames)]
    out = io.BytesIO()
    if frames > 1:
        images[0].save(out, kind, save_all=True, append_images=images[1:])
    else:
        images[0].save(out, kind)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header claims ``width`` x ``height`` pixels: a
    decompression bomb (its one zlib stream would expand to width x height x 3 bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + _chunk(b"IEND", b""))


def bad_checksum(data: bytes) -> bytes:
    """A PNG with one byte of its pixel data flipped: its chunk checksum no longer matches."""
    at = data.index(b"IDAT") + 20
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


PNG, JPEG = picture("PNG"), picture("JPEG")
GIF = picture("GIF", frames=4)

BROKEN: dict[str, tuple[str, bytes, str]] = {
    "truncated png": (".png", PNG[: len(PNG) // 2], "is truncated or corrupt (Pillow: "),
    "png without its end": (".png", PNG[:-12], "is truncated or corrupt (Pillow: "),
    "png bad checksum": (".png", bad_checksum(PNG), "is truncated or corrupt (Pillow: "),
    "truncated jpeg": (".jpg", JPEG[: len(JPEG) // 2], "is truncated or corrupt (Pillow: "),
    "truncated animated gif": (".gif", GIF[: -len(GIF) // 4], "is truncated or corrupt (Pillow: "),
    "text named png": (".png", b"<html>404 Not Found</html>\n",
                       "is not a PNG image: Pillow does not recognise its content (it starts with b'<html>"),
    "zero bytes": (".png", b"", "is empty (0 bytes)"),
    "zero-byte svg": (".svg", b"", "is empty (0 bytes)"),
    "jpeg named png": (".png", JPEG, "is a JPEG image in a file named .png"),
    "gif named jpg": (".jpg", GIF, "is a GIF image in a file named .jpg"),
    "tiff named png": (".png", picture("TIFF"), "is a TIFF image in a file named .png"),
    "bmp": (".bmp", picture("BMP"), "is not an image the site serves (a .bmp;"),
    "no extension": ("", PNG, "is not an image the site serves (a file without an extension;"),
    "bomb past pillow's refusal": (".png", png_claiming(100_000, 100_000), "is a decompression bomb"),
    "bomb past max_image_pixels": (".png", png_claiming(10_000, 10_000),
                                   "is 10,000 x 10,000 pixels (100,000,000), over the limit of 89,478,485"),
    "svg that is not one": (".svg", b"hello", "is not an SVG image: no <svg> element"),
    "binary svg": (".svg", PNG, "is not an SVG image: it is not UTF-8 text"),
    **{f"svg with {what}": (".svg", f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>'.encode(),
                            "is an SVG that could run script")
       for what, body in {
           "a script": "<script>alert(1)</script>",
           "a spaced script": "< SCRIPT >alert(1)</script>",
           "foreignObject": "<foreignObject><iframe src='x'/></foreignObject>",
           "onload": '<rect onload="alert(1)"/>',
           "an uppercase handler": "<rect\nONMOUSEOVER='alert(1)'/>",
           "a javascript link": '<a href="javascript:alert(1)"><text>x</text></a>',
           "an entity-encoded link": '<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>',
           "a data link": "<image href='data:text/html;base64,PHNjcmlwdD4='/>",
       }.items()},
}
"""Case -> (extension, content, what the message says about it)."""

Placer = Callable[[Path, str], tuple[str, str]]


def as_cover(root: Path, name: str) -> tuple[str, str]:
    (root / "portfolio.yaml").write_text(yaml.safe_dump(valid_card() | {"cover": f"reports/figures/{name}"}))
    return f"reports/figures/{name}", f"{root / 'portfolio.yaml'}: field `cover`: "


def as_figure(root: Path, name: str) -> tuple[str, str]:
    metrics = valid_metrics()
    metrics["figures"]["broken"] = f"reports/figures/{name}"
    (root / "reports" / "metrics.json").write_text(json.dumps(metrics))
    return f"reports/figures/{name}", f"{root / 'reports' / 'metrics.json'}: field `figures.broken`: "


def in_readme(root: Path, name: str) -> tuple[str, str]:
    (root / "README.md").write_text(README + f"\n![a drawing](docs/{name})\n")
    return f"docs/{name}", f"{root / 'README.md'}: an image it shows: "


PLACES: dict[str, Placer] = {"cover": as_cover, "figure": as_figure, "readme image": in_readme}
"""Where a project names an image -> puts ``name`` there and returns (its path, the message's start)."""


def broken_project(make_project, case: str, place: str) -> tuple[Path, str, str, str]:
    """A project with the broken file of ``case`` named at ``place``: (root, rel path, message start,
    words about the file)."""
    suffix, content, words = BROKEN[case]
    root = make_project(readme=README)
    rel, start = PLACES[place](root, f"broken{suffix}")
    (root / rel).write_bytes(content)
    return root, rel, start, words


CASES = [(case, place) for case in BROKEN for place in PLACES]


@pytest.mark.parametrize(("case", "place"), CASES, ids=[f"{c}-as-{p}" for c, p in CASES])
def test_the_build_refuses_a_broken_image_naming_file_and_field(make_project, case, place):
    root, rel, start, words = broken_project(make_project, case, place)
    with pytest.raises(ShowcaseError) as info:
        load_project(root)  # what the plugin runs on each project before any page is made
    message = str(info.value)
    assert message.startswith(f"{start}{(root / rel).resolve()} {words}"), message
    assert "Fix: " in message and len(message.splitlines()) == 1


CHECK_NAMES = {"cover": "portfolio.yaml: cover", "figure": "reports/metrics.json: figures.broken",
               "readme image": "README.md: an image it shows"}
"""How ``showcase check`` names each place (paths relative to the project)."""


@pytest.mark.parametrize(("case", "place"), CASES, ids=[f"{c}-as-{p}" for c, p in CASES])
def test_showcase_check_refuses_it_too(make_project, case, place):
    root, rel, _, words = broken_project(make_project, case, place)
    verdict = check_figures(read_project(root))
    assert not verdict.ok
    assert f"{rel} ({CHECK_NAMES[place]}) {words}" in verdict.detail, verdict.detail
    assert "make evaluate" in verdict.fix and "\n" not in verdict.detail


def test_the_checklist_reports_it_under_figures(make_project):
    root, *_ = broken_project(make_project, "truncated png", "cover")
    report = readiness_check(root, run_tests=False, run_demo=False)
    finding = report.finding("figures")
    assert not finding.ok
    assert "reports/figures/broken.png (portfolio.yaml: cover) is truncated" in finding.detail


GOOD: dict[str, tuple[str, bytes]] = {
    "png": (".png", PNG),
    "jpeg": (".jpg", JPEG),
    "jpeg as .jpeg": (".jpeg", JPEG),
    "animated gif": (".gif", GIF),
    "webp": (".webp", picture("WEBP")),
    "animated webp": (".webp", picture("WEBP", frames=3)),
    "svg": (".svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'),
    "png with bytes after its end": (".png", PNG + b"\0"),
}


@pytest.mark.parametrize("case", GOOD)
@pytest.mark.parametrize("place", PLACES)
def test_whole_images_of_each_served_format_pass(make_project, case, place):
    suffix, content = GOOD[case]
    root = make_project(readme=README)
    rel, _ = PLACES[place](root, f"good{suffix}")
    (root / rel).write_bytes(content)
    project = load_project(root)
    assert rel in project.assets() | project.shown_images()
    assert check_figures(read_project(root)).ok


def test_the_limit_is_pillows_max_image_pixels(make_project, monkeypatch):
    root = make_project()
    (root / "reports" / "figures" / "confusion_matrix.png").write_bytes(PNG)  # 64 x 48 = 3,072 pixels
    load_project(root)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3_000)
    with pytest.raises(ShowcaseError, match=r"confusion_matrix\.png is 64 x 48 pixels \(3,072\), over the "
                                            r"limit of 3,000 \(PIL\.Image\.MAX_IMAGE_PIXELS\)"):
        load_project(root)


def test_an_image_fixed_on_disk_is_read_again(make_project):
    root = make_project()
    figure = root / "reports" / "figures" / "training_curves.png"
    figure.write_bytes(PNG[:100])
    with pytest.raises(ShowcaseError, match="truncated"):
        load_project(root)
    figure.write_bytes(PNG)  # the check's cache is keyed by the file's size and time: no stale verdict
    load_project(root)


def test_the_example_projects_images_are_whole():
    repo = Path(__file__).resolve().parents[3]
    for card in sorted((repo / "projects").glob("*/portfolio.yaml")):
        project = load_project(card.parent)
        assert project.assets(), card
        assert check_figures(read_project(card.parent)).ok, card


def test_with_pillows_limit_switched_off_the_default_still_holds(make_project, monkeypatch):
    root, *_ = broken_project(make_project, "bomb past max_image_pixels", "figure")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with pytest.raises(ShowcaseError, match=r"over the limit of 89,478,485"):
        load_project(root)
