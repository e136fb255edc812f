import numpy as np
import onnxruntime
import pytest
import torch

from fashion_gan.artefacts import ONNX_MODEL
from fashion_gan.model import (
    Discriminator,
    Generator,
    ModelConfig,
    load_generator,
    save_generator,
    stage_widths,
    stages,
)


@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("size", [8, 16, 28, 64])
def test_generator_draws_images_in_unit_range_and_discriminator_scores_them(size, channels):
    config = ModelConfig(class_names=list("abc"), image_size=size, channels=channels, width=8, disc_width=8)
    z, labels = torch.randn(5, config.latent_dim), torch.tensor([0, 1, 2, 0, 1])
    images = Generator(config)(z, labels)
    assert images.shape == (5, channels, size, size)
    assert 0 <= images.min() and images.max() <= 1
    assert Discriminator(config)(images, labels).shape == (5,)


@pytest.mark.parametrize("size, count, widths", [
    (8, 1, [32, 64]),  # 4 -> 8
    (28, 2, [32, 64, 128]),  # 7 -> 14 -> 28
    (64, 4, [32, 64, 128, 256, 256]),  # 4 -> ... -> 64, the widest capped at 8x
    (12, 1, [32, 64]),  # 6 -> 12
])
def test_one_stage_per_doubling_from_a_small_base(size, count, widths):
    assert stages(size) == count and stage_widths(32, size) == widths
    generator = Generator(ModelConfig(class_names=list("ab"), image_size=size))
    assert generator.base == size >> count and 4 <= generator.base <= 7
    upsamplings = [m for m in generator.modules() if isinstance(m, torch.nn.ConvTranspose2d)]
    strided = [m for m in Discriminator(ModelConfig(class_names=list("ab"), image_size=size)).modules()
               if isinstance(m, torch.nn.Conv2d) and m.stride == (2, 2)]
    assert len(upsamplings) == len(strided) == count


def test_the_discriminator_is_conditional():
    config = ModelConfig(class_names=list("ab"), image_size=8)
    discriminator, images = Discriminator(config), torch.rand(4, 1, 8, 8)
    same = discriminator(images, torch.zeros(4, dtype=torch.long))
    other = discriminator(images, torch.ones(4, dtype=torch.long))
    assert not torch.allclose(same, other)  # the label changes the verdict (projection)


def test_weights_round_trip_through_safetensors_and_onnx_draws_the_same_images(tmp_path):
    config = ModelConfig(class_names=[str(i) for i in range(10)], image_size=8)
    generator = Generator(config).eval()
    save_generator(generator, config, tmp_path)
    loaded, loaded_config = load_generator(tmp_path)
    z, labels = torch.randn(3, config.latent_dim), torch.tensor([0, 5, 9])
    assert loaded_config == config
    assert torch.equal(generator(z, labels), loaded(z, labels))
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    for batch in (1, 3, 17):  # any batch size
        z, labels = torch.randn(batch, config.latent_dim), torch.randint(10, (batch,))
        (images,) = session.run(None, {"z": z.numpy(), "labels": labels.numpy()})
        np.testing.assert_allclose(images, generator(z, labels).detach().numpy(), atol=1e-5)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_generator(tmp_path)
