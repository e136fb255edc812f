import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }}.artefacts import ONNX_MODEL
from {{ cookiecutter.package_name }}.model import ConvNet, ModelConfig, load_model, save_model


@pytest.mark.parametrize("channels, size", [(1, 8), (1, 28), (3, 28), (3, 64), (1, 7)])
def test_logits_have_one_score_per_class_at_any_channels_and_size(channels, size):
    model = ConvNet(ModelConfig(num_classes=7, class_names=list("abcdefg"), image_size=size,
                                preprocessing="resize", channels=channels))
    assert model(torch.rand(5, channels, size, size)).shape == (5, 7)


def test_the_shape_follows_widths_and_depths():
    config = ModelConfig(num_classes=3, class_names=list("abc"), image_size=16, preprocessing="resize",
                         widths=(8, 16), depths=(2, 3))
    convs = [m for m in ConvNet(config).modules() if isinstance(m, torch.nn.Conv2d)]
    assert [c.out_channels for c in convs] == [8, 8, 16, 16, 16]
    with pytest.raises(ValueError, match="one depth"):
        ConvNet(ModelConfig(3, list("abc"), 16, "resize", widths=(8, 16), depths=(2,)))


@pytest.mark.parametrize("channels", [1, 3])
def test_weights_round_trip_through_safetensors_and_onnx(tmp_path, channels):
    config = ModelConfig(num_classes=10, class_names=[str(i) for i in range(10)], image_size=8,
                         preprocessing="digits", channels=channels)
    model = ConvNet(config).to(memory_format=torch.channels_last).eval()  # as training leaves it
    save_model(model, config, tmp_path)
    loaded, loaded_config = load_model(tmp_path)
    x = torch.rand(3, channels, 8, 8)
    assert loaded_config == config
    assert torch.allclose(model(x), loaded(x), atol=1e-6)
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle
    # the ONNX export takes any batch size and gives the same logits
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    for batch in (1, 3, 17):
        x = torch.rand(batch, channels, 8, 8)
        (logits,) = session.run(None, {"pixels": x.numpy()})
        np.testing.assert_allclose(logits, model(x).detach().numpy(), atol=1e-5)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)
