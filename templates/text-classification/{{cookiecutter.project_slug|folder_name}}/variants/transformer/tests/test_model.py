import numpy as np
import onnxruntime
import pytest
import torch
from transformers import AutoModelForSequenceClassification

from {{ cookiecutter.package_name }}.model import (
    ONNX_MODEL,
    ModelLoadError,
    add_lora,
    class_names_of,
    load_model,
    load_pretrained,
    save_model,
    trainable_parameters,
)


def test_a_checkpoint_gets_a_new_head_for_the_classes(tiny_encoder):
    model, tokenizer, new = load_pretrained(str(tiny_encoder), ["bad", "fine", "good"])
    assert class_names_of(model) == ["bad", "fine", "good"]
    assert new == ["classifier", "pre_classifier"]  # what the encoder checkpoint did not have
    batch = tokenizer(["the film was great"], return_tensors="pt")
    assert model(**batch).logits.shape == (1, 3)


def test_a_model_that_cannot_be_loaded_names_the_setting(tmp_path):
    with pytest.raises(ModelLoadError, match="pretrained_model .*no-such-model.*save_pretrained"):
        load_pretrained(str(tmp_path / "no-such-model"), ["a", "b"])


def test_lora_trains_a_small_share_and_saves_an_ordinary_model(tiny_encoder, tmp_path):
    model, tokenizer, new = load_pretrained(str(tiny_encoder), ["negative", "positive"])
    full, _ = trainable_parameters(model)
    model = add_lora(model, new, rank=4, alpha=8, dropout=0.0)
    trained, total = trainable_parameters(model)
    assert trained < full / 2 and total > full  # frozen encoder; adapters and the head train
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_()  # as if trained: LoRA starts as a zero update
    batch = tokenizer(["the film was great", "boring"], padding=True, return_tensors="pt")
    model.eval()
    with torch.no_grad():
        expected = model(**batch).logits
    save_model(model, tokenizer, tmp_path, onnx=False)
    plain = AutoModelForSequenceClassification.from_pretrained(tmp_path).eval()  # no peft needed
    with torch.no_grad():
        torch.testing.assert_close(plain(**batch).logits, expected, atol=1e-5, rtol=1e-4)
    assert not any("lora" in name for name, _ in plain.named_parameters())


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)


def test_the_onnx_export_answers_as_the_pytorch_model_does(trained):
    """models/model.onnx serves without PyTorch: the same logits for a padded batch of any length."""
    model, tokenizer = load_model(trained / "models")
    texts = ["The film was wonderful.", "Boring, dull and a waste of time: not good. " * 3, "it"]
    batch = tokenizer(texts, padding=True, truncation=True, return_tensors="np")
    session = onnxruntime.InferenceSession(str(trained / "models" / ONNX_MODEL))
    inputs = {name: batch[name] for name in ("input_ids", "attention_mask")}
    (logits,) = session.run(["logits"], inputs)
    with torch.no_grad():
        expected = model(input_ids=torch.from_numpy(batch["input_ids"]),
                         attention_mask=torch.from_numpy(batch["attention_mask"])).logits.numpy()
    np.testing.assert_allclose(logits, expected, atol=1e-4)
    assert logits.shape == (3, 2)
    assert session.get_modelmeta().custom_metadata_map["class_names"] == '["negative", "positive"]'
