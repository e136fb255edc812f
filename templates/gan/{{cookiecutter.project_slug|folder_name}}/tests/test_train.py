import json
import math

import numpy as np
import pytest
import torch

from {{ cookiecutter.package_name }} import train
from {{ cookiecutter.package_name }}.model import Generator, ModelConfig
from {{ cookiecutter.package_name }}.train import (
    discriminator_loss,
    ema_decay_at,
    generator_loss,
    recompute_batch_norm,
    update_ema,
)


def test_hinge_losses_by_hand():
    real, fake = torch.tensor([2.0, 0.5]), torch.tensor([-3.0, 0.0])
    # real: max(0, 1-2)=0, max(0, 1-0.5)=0.5 -> mean 0.25; fake: max(0, 1-3)=0, max(0, 1+0)=1 -> 0.5
    assert discriminator_loss(real, fake).item() == pytest.approx(0.75)
    assert generator_loss(fake).item() == pytest.approx(1.5)


def test_ema_moves_a_step_towards_the_model_and_copies_batch_norm_statistics():
    ema, model = torch.nn.BatchNorm1d(2), torch.nn.BatchNorm1d(2)
    with torch.no_grad():
        ema.weight.fill_(0.0)
        model.weight.fill_(1.0)
        model.running_mean.fill_(3.0)
    update_ema(ema, model, decay=0.9)
    assert torch.allclose(ema.weight, torch.full((2,), 0.1))
    assert torch.equal(ema.running_mean, model.running_mean)


def test_standing_statistics_are_the_generators_own():
    torch.manual_seed(0)
    generator = Generator(ModelConfig(class_names=list("abc"), image_size=8, width=4))
    norm = generator.project[1]  # the batch norm after the first linear layer
    with torch.no_grad():
        norm.running_mean.fill_(100.0)  # statistics that belong to other weights
        norm.running_var.fill_(100.0)
    norm.momentum = 0.05  # not torch's default: it must come back as it was
    labels = torch.tensor([0, 1, 2])
    recompute_batch_norm(generator, labels, generator.latent_dim, batches=50, batch_size=200)
    assert not generator.training and norm.momentum == 0.05
    # What the linear layer feeds its batch norm, over fresh noise and labels: the same statistics.
    z, y = torch.randn(10_000, generator.latent_dim), labels[torch.randint(3, (10_000,))]
    with torch.no_grad():
        before_norm = generator.project[0](torch.cat([z, generator.embed(y)], dim=1))
    assert torch.allclose(norm.running_mean, before_norm.mean(0), atol=0.05)
    assert torch.allclose(norm.running_var, before_norm.var(0), rtol=0.1, atol=0.01)


def test_the_average_forgets_the_random_start_quickly():
    assert ema_decay_at(0, 0.999) == pytest.approx(0.1)  # the first update mostly replaces
    assert ema_decay_at(10_000, 0.999) == 0.999
    kept = math.prod(ema_decay_at(step, 0.999) for step in range(1600))
    assert kept < 1e-3  # of the initial weights, after a default run's 1,600 updates


def test_a_tiny_training_run_records_curves_and_progress(trained):
    record = json.loads((trained / "reports/training.json").read_text())
    history = record["history"]
    assert len(history["d_loss"]) == 4 and all(math.isfinite(v) for v in history["d_loss"])
    assert record["steps"] == 4 * math.ceil(record["data"]["sizes"]["train"] / 64)
    progress = np.load(trained / "reports/progress.npz", allow_pickle=False)
    assert progress["images"].shape == (4, 40, 1, 8, 8) and progress["images"].dtype == np.uint8
    assert progress["labels"].tolist() == [c for c in range(10) for _ in range(4)]


@pytest.mark.parametrize("size", [6, 9])
def test_an_image_size_the_generator_cannot_draw_is_refused(tmp_path, size):
    with pytest.raises(SystemExit, match=f"image_size: {size}; use an even side of at least 8"):
        train.main(["--image-size", str(size), "--reports-dir", str(tmp_path), "--model-dir", str(tmp_path)])


def test_colour_photos_train_a_colour_generator_at_their_size(tmp_path):
    """A folder of colour PNGs at 16 px: the networks take and draw three channels, the demo
    draws RGB, and the figures are in colour."""
    from PIL import Image

    from {{ cookiecutter.package_name }}.predict import Sampler, to_picture

    rng = np.random.default_rng(0)
    for name, colour in (("red", (200, 30, 30)), ("blue", (30, 30, 200))):
        (tmp_path / "photos" / name).mkdir(parents=True)
        for i in range(12):
            pixels = np.clip(np.array(colour) + rng.integers(-25, 25, (20, 20, 3)), 0, 255)
            Image.fromarray(pixels.astype(np.uint8)).save(tmp_path / "photos" / name / f"{i}.png")
    train.main(["--data", str(tmp_path / "photos"), "--image-size", "16", "--epochs", "1",
                "--batch-size", "8", "--width", "8", "--disc-width", "8",
                "--model-dir", str(tmp_path / "models"), "--reports-dir", str(tmp_path / "reports")])
    progress = np.load(tmp_path / "reports/progress.npz", allow_pickle=False)
    assert progress["images"].shape == (1, 8, 3, 16, 16)
    sampler = Sampler(tmp_path / "models")
    images, names = sampler.sample("red", 0, 3)
    assert images.shape == (3, 3, 16, 16) and names == ["red"] * 3
    assert to_picture(images, scale=1).mode == "RGB"
{%- if cookiecutter.dataset == "fashion-mnist" %}


def write_idx(path, array: np.ndarray) -> None:
    """An IDX file: zero, zero, the type (8: unsigned bytes), the number of dimensions, each size."""
    header = bytes([0, 0, 8, array.ndim]) + b"".join(n.to_bytes(4, "big") for n in array.shape)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def test_the_defaults_train_on_fashion_mnist_files_at_28_px(tmp_path):
    """This project's defaults over a tiny folder in Fashion-MNIST's layout, written here: never the
    real files. The generator draws 28x28 grey pictures of the ten clothing classes."""
    from {{ cookiecutter.package_name }}.predict import Sampler

    assert train.Config().data == "idx:/usr/share/datasets/fashion-mnist"
    folder = tmp_path / "fashion-mnist"  # the path says fashion: Fashion-MNIST's class names
    folder.mkdir()
    rng = np.random.default_rng(0)
    for stem, per_class in (("train", 20), ("t10k", 2)):  # 10% of 200 holds every class
        labels = np.repeat(np.arange(10), per_class)
        write_idx(folder / f"{stem}-images-idx3-ubyte", rng.integers(0, 255, (len(labels), 28, 28)))
        write_idx(folder / f"{stem}-labels-idx1-ubyte", labels)
    train.main(["--data", f"idx:{folder}", "--epochs", "1", "--batch-size", "16", "--width", "8",
                "--disc-width", "8", "--model-dir", str(tmp_path / "models"),
                "--reports-dir", str(tmp_path / "reports")])
    images, names = Sampler(tmp_path / "models").sample("Sneaker", 0, 2)
    assert images.shape == (2, 1, 28, 28) and names == ["Sneaker", "Sneaker"]


def test_missing_fashion_mnist_files_say_how_to_get_them(tmp_path):
    with pytest.raises(SystemExit, match="apt-get install dataset-fashion-mnist"):
        train.main(["--data", f"idx:{tmp_path / 'fashion-mnist'}", "--model-dir", str(tmp_path / "models")])
{%- endif %}
