from dataclasses import replace

import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }}.artefacts import ONNX_MODEL
from {{ cookiecutter.package_name }}.model import (
    IMAGENET_MEAN,
    ModelLoadError,
    PretrainedClassifier,
    load_model,
    load_pretrained,
    normalisation,
    parameter_groups,
    save_model,
)


@pytest.fixture(scope="module")
def fresh(tiny_backbone):
    return load_pretrained(str(tiny_backbone), list("abc"), image_size=8, preprocessing="digits",
                           backbone_size=32)


def test_a_checkpoint_gets_a_new_head_and_its_own_normalisation(fresh, tiny_backbone):
    model, config, new = fresh
    assert new and all(name.startswith("backbone.classifier.") for name in new)  # the new head only
    assert (config.image_mean, config.image_std) == normalisation(str(tiny_backbone)) != (IMAGENET_MEAN, None)
    assert config.image_mean == pytest.approx([0.5, 0.4, 0.3])
    assert model(torch.rand(5, 1, 8, 8)).shape == (5, 3)  # the CNN's input, three classes out


def test_the_network_prepares_images_as_the_backbone_expects(fresh):
    """Grey to RGB, resized, normalised: what the backbone receives for a uniform grey image."""
    model, config, _ = fresh
    seen = {}
    model.backbone.register_forward_pre_hook(lambda _, args, kwargs: seen.update(kwargs), with_kwargs=True)
    model(torch.full((1, 1, 8, 8), 0.6))
    pixels = seen["pixel_values"]
    assert pixels.shape == (1, 3, 32, 32)
    expected = (0.6 - torch.tensor(config.image_mean)) / torch.tensor(config.image_std)
    torch.testing.assert_close(pixels[0, :, 5, 7], expected)


def test_the_new_head_learns_faster_than_the_pretrained_layers(fresh):
    model, _, new = fresh
    head, rest = parameter_groups(model, new, lr=1e-2, backbone_lr=1e-3)
    assert (head["lr"], rest["lr"]) == (1e-2, 1e-3)
    assert len(head["params"]) == len(new) and len(head["params"]) + len(rest["params"]) == len(
        list(model.parameters()))


def test_a_model_that_cannot_be_loaded_names_the_setting(tmp_path):
    with pytest.raises(ModelLoadError, match="pretrained_model .*no-such-model.*save_pretrained"):
        load_pretrained(str(tmp_path / "no-such-model"), ["a", "b"], 8, "digits", 32)


def test_weights_round_trip_through_safetensors_and_onnx(fresh, tmp_path):
    model, config, _ = fresh
    model.eval()
    save_model(model, config, tmp_path)
    loaded, loaded_config = load_model(tmp_path)  # rebuilt from config.json: no checkpoint needed
    assert isinstance(loaded, PretrainedClassifier)
    assert replace(loaded_config, backbone={}) == replace(config, backbone={})  # JSON: the rest as saved
    x = torch.rand(3, 1, 8, 8)
    with torch.no_grad():
        torch.testing.assert_close(loaded(x), model(x))
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))  # what the demos run
    for batch in (1, 4):
        x = torch.rand(batch, 1, 8, 8)
        (logits,) = session.run(None, {"pixels": x.numpy()})
        with torch.no_grad():
            np.testing.assert_allclose(logits, model(x).numpy(), atol=1e-4)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)
