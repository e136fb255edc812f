import base64
import io
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from sklearn.datasets import load_digits

from fashion_cnn.artefacts import ONNX_MODEL
from fashion_cnn.images import resized
from fashion_cnn.model import load_model
from fashion_cnn.predict import MAX_PIXELS, Classifier, InvalidImageError, read_image
from fashion_cnn.preprocess import centred_style, digits_style, prepare


@pytest.fixture(scope="module")
def classifier(trained):
    return Classifier(trained / "models")


def test_probabilities_cover_every_class_and_sum_to_one(classifier):
    pixels = np.zeros((64, 64), dtype=np.uint8)
    pixels[10:54, 28:36] = 255  # a "1", white on black
    for picture in (Image.fromarray(pixels), Image.fromarray(255 - pixels).convert("RGB")):
        probabilities, seen = classifier.predict(picture)
        assert list(probabilities) == [str(d) for d in range(10)]
        assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)
        assert seen.shape == (1, 8, 8) and seen.max() == pytest.approx(1.0)


def test_the_onnx_export_answers_as_the_pytorch_model_does(trained, classifier):
    """The demo serves the ONNX graph; evaluation measured the PyTorch model. They must agree."""
    model, _ = load_model(trained / "models")
    for image in load_digits().images[:50]:
        probabilities, seen = classifier.predict(Image.fromarray((image * 255 / 16).astype(np.uint8)))
        with torch.no_grad():
            expected = model(torch.from_numpy(seen)[None]).softmax(dim=1)[0].numpy()
        np.testing.assert_allclose(list(probabilities.values()), expected, atol=1e-5)


def test_a_model_folder_without_the_export_says_to_train(trained, tmp_path):
    for name in (trained / "models").iterdir():
        if name.name != ONNX_MODEL:
            (tmp_path / name.name).write_bytes(name.read_bytes())
    with pytest.raises(FileNotFoundError, match="make train"):
        Classifier(tmp_path)


def test_a_blank_picture_is_refused(classifier):
    with pytest.raises(InvalidImageError, match="blank"):
        classifier.predict(Image.new("RGB", (100, 100), "white"))


def as_file(data: bytes, folder: Path) -> Path:
    (folder / "picture.png").write_bytes(data)
    return folder / "picture.png"


# Every form a picture file can take on its way to the model: the same checks and messages for each.
FORMS = {
    "path": as_file,
    "path as text": lambda data, folder: str(as_file(data, folder)),
    "bytes": lambda data, folder: data,
    "open file": lambda data, folder: io.BytesIO(data),
    "data URL": lambda data, folder: "data:image/png;base64," + base64.b64encode(data).decode(),
}


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # refused, as checked
@pytest.mark.parametrize("form", FORMS)
def test_every_bad_file_gets_its_message_in_every_form(classifier, hostile_pictures, tmp_path, form):
    for name, (data, message) in hostile_pictures.items():
        picture = FORMS[form](data, tmp_path)
        with pytest.raises(InvalidImageError, match=message):
            classifier.predict(picture)
        if name != "a blank picture":  # reading it is fine: it is the model that has nothing to see
            with pytest.raises(InvalidImageError, match=message):
                read_image(FORMS[form](data, tmp_path))


@pytest.mark.parametrize("form", FORMS)
def test_a_good_file_reads_the_same_in_every_form(classifier, tmp_path, form):
    pixels = np.full((60, 40), 255, dtype=np.uint8)
    pixels[10:50, 16:24] = 0
    data = io.BytesIO()
    Image.fromarray(pixels).save(data, format="PNG")
    expected, _ = classifier.predict(Image.fromarray(pixels))
    assert classifier.predict(FORMS[form](data.getvalue(), tmp_path))[0] == pytest.approx(expected)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # refused, as checked
def test_a_huge_image_is_refused_before_decoding(monkeypatch, hostile_pictures):
    """The size comes from the file's header: no decoder is started."""
    from PIL import ImageFile

    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self.size))
    for name in ("a 12000x12000 PNG", "a 100000x100000 PNG bomb", "a 6000x5000 GIF", "a 20000x20000 JPEG"):
        with pytest.raises(InvalidImageError, match="megapixels"):
            read_image(hostile_pictures[name][0])
    assert decoded == []


@pytest.mark.parametrize("pixels, message", [
    (np.zeros((0, 0), dtype=np.uint8), "0x0 pixels"),
    (np.zeros((6000, 5000), dtype=np.uint8), "5000x6000 pixels; the limit is 25 megapixels"),
    (np.full((20, 20), np.nan), "not NaN or infinity"),
    (np.full((20, 20, 3), np.inf, dtype=np.float32), "not NaN or infinity"),
    (np.zeros((20, 20, 2)), r"float64 \(20, 20, 2\)"),
    (np.zeros((2, 2, 2, 2)), "shaped"),
    (np.zeros(20), "shaped"),
    (np.array([["a", "b"]]), "shaped"),
    (np.zeros((20, 20), dtype=complex), "shaped"),
    (np.full((20, 20), 255, dtype=np.uint8), "blank"),
])
def test_bad_arrays_of_pixels_are_refused(classifier, pixels, message):
    with pytest.raises(InvalidImageError, match=message):
        classifier.predict(pixels)


def test_arrays_of_pixels_read_as_their_image_does(classifier):
    pixels = np.full((40, 30, 3), 250, dtype=np.uint8)
    pixels[5:35, 12:18] = 10
    expected, _ = classifier.predict(Image.fromarray(pixels))
    for same in (pixels, pixels.astype(np.float32), pixels[:, :, :1].repeat(3, axis=2)):
        assert classifier.predict(same)[0] == pytest.approx(expected, abs=1e-6)
    assert classifier.predict(pixels[:, :, 0])[0] == pytest.approx(classifier.predict(pixels[:, :, :1])[0])


def test_a_decoded_image_over_the_limit_is_refused_too(classifier):
    with pytest.raises(InvalidImageError, match="megapixels"):
        classifier.predict(Image.new("L", (MAX_PIXELS + 1, 1)))


def test_a_data_url_over_the_upload_limit_is_refused_before_decoding():
    with pytest.raises(InvalidImageError, match="over the limit of 10 MB"):
        read_image("data:image/png;base64," + "A" * (15 * 2**20))
    with pytest.raises(InvalidImageError, match="not an image"):
        read_image("data:image/png,not-base64")


def test_digits_style_centres_dark_ink_on_white_paper():
    paper = np.full((200, 300), 255, dtype=np.uint8)
    paper[20:60, 30:45] = 0  # a short dark bar, far off-centre
    pixels = digits_style(Image.fromarray(paper))
    assert pixels.shape == (8, 8) and pixels.max() == pytest.approx(1.0)
    rows, cols = np.nonzero(pixels > 0.5)
    assert 2 <= rows.mean() <= 5 and 2 <= cols.mean() <= 5  # moved to the middle
    assert pixels[0].max() < 0.5  # the paper became background


def test_centred_style_trims_fits_centres_and_negates_as_fashion_mnist_did():
    photo = np.full((300, 200, 3), 250, dtype=np.uint8)  # a product photo: white background
    photo[40:100, 20:50] = (30, 60, 200)  # a blue object, 60 tall and 30 wide, off-centre
    pixels = centred_style(Image.fromarray(photo), 28)
    assert pixels.shape == (28, 28) and pixels[0, 0] < 0.05  # light background -> dark
    rows, cols = np.nonzero(pixels > 0.5)
    assert (rows.min(), rows.max(), cols.min(), cols.max()) == (0, 27, 7, 20)  # fitted, centred
    assert centred_style(Image.new("L", (50, 50), 200)).max() == 0  # nothing to trim to: blank


def test_a_colour_model_sees_colour_and_a_grey_style_gives_equal_channels():
    photo = Image.fromarray(np.random.default_rng(0).integers(0, 255, (30, 50, 3), dtype=np.uint8))
    colour = prepare(photo, 16, "resize", channels=3)
    assert colour.shape == (3, 16, 16) and not np.allclose(colour[0], colour[1])
    np.testing.assert_array_equal(colour, resized(photo, 16, 3))
    grey = prepare(photo, 16, "centred", channels=3)
    assert grey.shape == (3, 16, 16) and np.array_equal(grey[0], grey[2])
    with pytest.raises(ValueError, match="preprocessing"):
        prepare(photo, 16, "sepia")
