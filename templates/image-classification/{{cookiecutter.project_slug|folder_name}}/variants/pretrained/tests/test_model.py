from dataclasses import replace

import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }} import train
from {{ cookiecutter.package_name }}.artefacts import ONNX_MODEL
from {{ cookiecutter.package_name }}.model import (
    IMAGENET_MEAN,
    ModelLoadError,
    PretrainedClassifier,
    check_exportable,
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


def test_a_checkpoint_whose_head_has_as_many_classes_still_gets_a_new_one(tmp_path):
    """Its three classes are not ours: the head starts afresh, and learns at the head's rate."""
    from transformers import ResNetConfig, ResNetForImageClassification

    config = ResNetConfig(embedding_size=8, hidden_sizes=[8, 16], depths=[1, 1], num_labels=3)
    checkpoint = ResNetForImageClassification(config)
    checkpoint.save_pretrained(tmp_path)
    model, _, new = load_pretrained(str(tmp_path), list("abc"), 8, "digits", 32)
    assert new == ["backbone.classifier.1.bias", "backbone.classifier.1.weight"]
    loaded, saved = model.backbone.state_dict(), checkpoint.state_dict()
    assert not torch.equal(loaded["classifier.1.weight"], saved["classifier.1.weight"])
    assert torch.equal(loaded["resnet.embedder.embedder.convolution.weight"],
                       saved["resnet.embedder.embedder.convolution.weight"])  # the features are kept


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
    with pytest.raises(ModelLoadError, match="pretrained_model .*no-such-model.*no folder.*save_pretrained"):
        load_pretrained(str(tmp_path / "no-such-model"), ["a", "b"], 8, "digits", 32)


def test_a_hub_id_not_downloaded_yet_says_the_hub_is_offline():
    with pytest.raises(ModelLoadError, match="pretrained_model 'nobody/no-such-model' .*HF_HUB_OFFLINE"):
        load_pretrained("nobody/no-such-model", ["a", "b"], 8, "digits", 32)


def test_training_with_a_model_that_cannot_be_loaded_stops_with_one_line(tmp_path):
    with pytest.raises(SystemExit) as stop:
        train.main(["--limit", "200", "--pretrained-model", str(tmp_path / "missing"),
{%- if cookiecutter.dataset != "digits" %}
                    "--data", "sklearn:digits",  # offline, whatever this project's data
{%- endif %}
                    "--model-dir", str(tmp_path / "models"), "--reports-dir", str(tmp_path / "reports")])
    message = str(stop.value.code)
    assert message.startswith("error: pretrained_model ") and "\n" not in message
    assert not (tmp_path / "models").exists()  # nothing written


def test_a_backbone_that_does_not_export_stops_before_training(fresh, monkeypatch):
    model, config, _ = fresh

    def refuse(*args, **kwargs):
        raise RuntimeError("\x1b[96mFailed to decompose\x1b[0m the graph\nthe trace")

    monkeypatch.setattr(torch.onnx, "export", refuse)
    with pytest.raises(ModelLoadError, match=r"loads but does not export to ONNX \(RuntimeError: Failed to "
                                             r"decompose the graph\).*Choose another backbone"):
        check_exportable(model, config)


@pytest.fixture(scope="module")
def tiny_vit(tmp_path_factory):
    """A tiny random vision transformer pre-trained (so to speak) at 32 px, in patches of 8."""
    from transformers import ViTConfig, ViTModel

    torch.manual_seed(0)
    config = ViTConfig(hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=16,
                       image_size=32, patch_size=8)
    path = tmp_path_factory.mktemp("tiny-vit")
    ViTModel(config, add_pooling_layer=False).save_pretrained(path)
    return path


def test_a_vision_transformer_runs_at_another_size_and_exports(tiny_vit, tmp_path):
    """Its position embeddings are interpolated from 4x4 patches to backbone_size's 2x2."""
    model, config, new = load_pretrained(str(tiny_vit), list("abc"), 8, "digits", backbone_size=16)
    assert (config.image_mean, config.image_std) == (IMAGENET_MEAN, [0.229, 0.224, 0.225])  # no processor
    model.eval()
    save_model(model, config, tmp_path)
    x = torch.rand(3, 1, 8, 8)
    (logits,) = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL)).run(None, {"pixels": x.numpy()})
    with torch.no_grad():
        np.testing.assert_allclose(logits, model(x).numpy(), atol=1e-4)


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


def test_colour_data_reach_the_backbone_as_colour_and_export(tiny_backbone, tmp_path):
    """Three channels in, each normalised with the backbone's own mean and deviation; the ONNX export
    takes (N, 3, H, W) and answers as the network does."""
    model, config, _ = load_pretrained(str(tiny_backbone), list("abc"), 8, "resize", 32, channels=3)
    seen = {}
    model.backbone.register_forward_pre_hook(lambda _, args, kwargs: seen.update(kwargs), with_kwargs=True)
    x = torch.ones(1, 3, 8, 8) * torch.tensor([0.9, 0.5, 0.1]).view(1, 3, 1, 1)
    model.eval()
    model(x)
    mean, std = torch.tensor(config.image_mean), torch.tensor(config.image_std)
    expected = (torch.tensor([0.9, 0.5, 0.1]) - mean) / std
    torch.testing.assert_close(seen["pixel_values"][0, :, 5, 7], expected)
    save_model(model, config, tmp_path)
    x = torch.rand(2, 3, 8, 8)
    (logits,) = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL)).run(None, {"pixels": x.numpy()})
    with torch.no_grad():
        np.testing.assert_allclose(logits, model(x).numpy(), atol=1e-4)
