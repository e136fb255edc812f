import json
import math

import numpy as np
import pytest
import torch
from PIL import Image

from fashion_cnn import train
from fashion_cnn.augment import augment, random_affine, random_crop, random_flip
from fashion_cnn.explain import saliency_maps
from fashion_cnn.predict import Classifier


def test_no_augmentation_is_the_identity():
    x = torch.rand(4, 1, 8, 8)
    assert torch.allclose(random_affine(x, 0.0, 0.0, 0.0), x, atol=1e-5)
    assert torch.equal(random_crop(x, 0), x)
    settings = train.Config(augment=False)
    assert torch.equal(augment(x, settings, flips=True, generator=torch.Generator()), x)


def test_augmentation_moves_ink_but_keeps_shape():
    x = torch.zeros(16, 1, 8, 8)
    x[:, :, 2:6, 3:5] = 1.0
    y = random_affine(x, 15.0, 1.0, 0.1, generator=torch.Generator().manual_seed(0))
    assert y.shape == x.shape and not torch.allclose(y, x)
    assert 0 <= y.min() and y.max() <= 1 + 1e-6


def test_a_random_crop_shifts_each_image_by_at_most_the_padding():
    x = torch.zeros(32, 3, 10, 10)
    x[:, :, 4, 4] = 1.0  # one bright pixel in every channel
    y = random_crop(x, 2, generator=torch.Generator().manual_seed(0))
    where = [torch.nonzero(image[0]) for image in y]
    assert y.shape == x.shape and all(len(w) == 1 and (w - 4).abs().max() <= 2 for w in where)
    assert len({tuple(w[0].tolist()) for w in where}) > 5  # the offsets differ
    assert torch.equal(y[:, 0], y[:, 2])  # the channels of one image move together


def test_a_flip_mirrors_about_half_the_images_and_is_seeded():
    x = torch.arange(64 * 4, dtype=torch.float32).view(64, 1, 1, 4)
    y = random_flip(x, torch.Generator().manual_seed(1))
    mirrored = (y != x).any(dim=-1).flatten()
    assert 20 < mirrored.sum() < 44 and torch.equal(y[mirrored], x[mirrored].flip(-1))
    assert torch.equal(y, random_flip(x, torch.Generator().manual_seed(1)))


def test_saliency_of_a_linear_model_is_its_weight_magnitude():
    linear = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(16, 3))
    x, target = torch.rand(2, 1, 4, 4), torch.tensor([2, 0])
    maps = saliency_maps(linear, x, target)
    assert maps.shape == (2, 4, 4)
    assert torch.allclose(maps[0].flatten(), linear[1].weight[2].abs())


def test_a_tiny_training_run_learns(trained):
    history = json.loads((trained / "reports/training.json").read_text())["history"]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_accuracy"][-1] > 0.5  # chance is 0.1
    assert math.isfinite(history["val_loss"][-1])


def picture_folder(root, channels: int, side: int):
    """Two classes of 8 pictures each, a bright square left or right, grey or colour, side px."""
    rng = np.random.default_rng(channels)
    for name, left in (("left", True), ("right", False)):
        (root / name).mkdir(parents=True)
        for i in range(8):
            pixels = rng.integers(0, 50, (side, side, 3), dtype=np.uint8)
            half = slice(0, side // 2) if left else slice(side // 2, side)
            pixels[side // 4: 3 * side // 4, half] = (220, 120, 40)
            image = Image.fromarray(pixels)
            (image.convert("L") if channels == 1 else image).save(root / name / f"{i}.png")
    return root


@pytest.mark.parametrize("channels, size", [(3, 64), (1, 28), (3, 8)])
def test_a_run_at_any_channels_and_size_trains_exports_and_answers(tmp_path, tiny_run_args, channels, size):
    """One epoch on a few pictures, through the data path, the model, the ONNX export and predict."""
    folder = picture_folder(tmp_path / "pictures", channels, side=40)
    train.main(["--data", str(folder), "--image-size", str(size), "--epochs", "1", "--batch-size", "4",
                "--workers", "0", *tiny_run_args,
                "--model-dir", str(tmp_path / "models"), "--reports-dir", str(tmp_path / "reports")])
    record = json.loads((tmp_path / "reports/training.json").read_text())
    assert (record["data"]["channels"], record["data"]["image_size"]) == (channels, size)
    classifier = Classifier(tmp_path / "models")
    probabilities, seen = classifier.predict(Image.open(folder / "left" / "0.png"))
    assert seen.shape == (channels, size, size) and sum(probabilities.values()) == pytest.approx(1, abs=1e-5)


def write_idx(path, array: np.ndarray) -> None:
    """An IDX file: zero, zero, the type (8: unsigned bytes), the number of dimensions, each size."""
    header = bytes([0, 0, 8, array.ndim]) + b"".join(n.to_bytes(4, "big") for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def test_the_defaults_train_on_fashion_mnist_files_and_the_demos_ask_for_clothing(tmp_path, tiny_run_args):
    """This project's defaults (28 px, crops and flips, no affine) over a tiny folder in Fashion-MNIST's
    layout, written here: never the real files. Its classes, the input and the demos' words follow."""
    assert train.Config().data == "idx:/usr/share/datasets/fashion-mnist"
    folder = tmp_path / "fashion-mnist"  # the path says fashion: Fashion-MNIST's class names
    folder.mkdir()
    rng = np.random.default_rng(0)
    for stem, per_class in (("train", 10), ("t10k", 2)):
        labels = np.repeat(np.arange(10), per_class)
        images = rng.integers(0, 40, (len(labels), 28, 28))
        for image, label in zip(images, labels, strict=True):
            image[4 + 2 * label: 12 + 2 * label, 6:22] = 220  # a bright band, lower for a higher class
        write_idx(folder / f"{stem}-images-idx3-ubyte", images)
        write_idx(folder / f"{stem}-labels-idx1-ubyte", labels)
    train.main(["--data", f"idx:{folder}", "--epochs", "1", "--batch-size", "16", "--workers", "0",
                *tiny_run_args, "--model-dir", str(tmp_path / "models"),
                "--reports-dir", str(tmp_path / "reports")])
    classifier = Classifier(tmp_path / "models")
    assert classifier.class_names[:2] == ["T-shirt/top", "Trouser"] and classifier.image_size == 28
    assert classifier.requests["nothing"] == "Draw or upload a picture of a piece of clothing first."


def test_missing_fashion_mnist_files_say_how_to_get_them(tmp_path):
    with pytest.raises(SystemExit, match="apt-get install dataset-fashion-mnist"):
        train.main(["--data", f"idx:{tmp_path / 'fashion-mnist'}", "--model-dir", str(tmp_path / "models")])
