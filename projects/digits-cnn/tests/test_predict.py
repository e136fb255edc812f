import numpy as np
import pytest
import torch
from PIL import Image
from sklearn.datasets import load_digits

from digits_cnn.artefacts import ONNX_MODEL
from digits_cnn.model import load_model
from digits_cnn.predict import Classifier, InvalidImageError, read_image
from digits_cnn.preprocess import digits_style


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
        assert seen.shape == (8, 8) and seen.max() == pytest.approx(1.0)


def test_the_onnx_export_answers_as_the_pytorch_model_does(trained, classifier):
    """The demo serves the ONNX graph; evaluation measured the PyTorch model. They must agree."""
    model, _ = load_model(trained / "models")
    for image in load_digits().images[:50]:
        probabilities, seen = classifier.predict(Image.fromarray((image * 255 / 16).astype(np.uint8)))
        with torch.no_grad():
            expected = model(torch.from_numpy(seen)[None, None]).softmax(dim=1)[0].numpy()
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


@pytest.mark.parametrize("content, problem", [
    (b"hello, I am text", "not an image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image|damaged"),
])
def test_files_that_are_not_images_are_refused(tmp_path, content, problem):
    path = tmp_path / "x.png"
    path.write_bytes(content)
    with pytest.raises(InvalidImageError, match=problem):
        read_image(path)


def test_a_truncated_png_is_refused(tmp_path):
    path = tmp_path / "cut.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64), dtype=np.uint8)).save(path)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(InvalidImageError, match="damaged|not an image"):
        read_image(path)


def test_a_huge_image_is_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.png"
    Image.new("L", (6000, 5000), 255).save(path)
    with pytest.raises(InvalidImageError, match="6000x5000"):
        read_image(path)


def test_digits_style_centres_dark_ink_on_white_paper():
    paper = np.full((200, 300), 255, dtype=np.uint8)
    paper[20:60, 30:45] = 0  # a short dark bar, far off-centre
    pixels = digits_style(Image.fromarray(paper))
    assert pixels.shape == (8, 8) and pixels.max() == pytest.approx(1.0)
    rows, cols = np.nonzero(pixels > 0.5)
    assert 2 <= rows.mean() <= 5 and 2 <= cols.mean() <= 5  # moved to the middle
    assert pixels[0].max() < 0.5  # the paper became background
