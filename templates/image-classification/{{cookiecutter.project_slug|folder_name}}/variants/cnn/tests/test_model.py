import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }}.artefacts import ONNX_MODEL
from {{ cookiecutter.package_name }}.model import ConvNet, ModelConfig, load_model, save_model


@pytest.mark.parametrize("size", [8, 16, 28])
def test_logits_have_one_score_per_class(size):
    model = ConvNet(ModelConfig(num_classes=7, class_names=list("abcdefg"), image_size=size,
                                preprocessing="resize"))
    assert model(torch.rand(5, 1, size, size)).shape == (5, 7)


def test_weights_round_trip_through_safetensors_and_onnx(tmp_path):
    config = ModelConfig(num_classes=10, class_names=[str(i) for i in range(10)], image_size=8,
                         preprocessing="digits")
    model = ConvNet(config).eval()
    save_model(model, config, tmp_path)
    loaded, loaded_config = load_model(tmp_path)
    x = torch.rand(3, 1, 8, 8)
    assert loaded_config == config
    assert torch.equal(model(x), loaded(x))
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle
    # the ONNX export takes any batch size and gives the same logits
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    for batch in (1, 3, 17):
        x = torch.rand(batch, 1, 8, 8)
        (logits,) = session.run(None, {"pixels": x.numpy()})
        np.testing.assert_allclose(logits, model(x).detach().numpy(), atol=1e-5)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)
