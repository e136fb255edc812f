import json

import pytest
import torch

from {{ cookiecutter.package_name }} import train
from {{ cookiecutter.package_name }}.kit.config import ConfigError
from {{ cookiecutter.package_name }}.kit.precision import autocast_dtype, dtype_name, fast_bf16


def test_a_tiny_fine_tuning_run_learns_and_records_its_cost(trained):
    record = json.loads((trained / "reports/training.json").read_text())
    history = record["history"]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_accuracy"][-1] > 0.8  # chance is 0.5
    # on a CPU, auto is bf16 where it has AVX512-BF16 or AMX, else fp32
    assert record["train_examples_per_s"] > 0
    assert record["precision"] == dtype_name(autocast_dtype("auto", torch.device("cpu")))
    assert 0 < record["parameters"]["trained"] == record["parameters"]["total"]  # full fine-tuning
    assert (trained / "models/model.safetensors").is_file() and (trained / "models/tokenizer.json").is_file()


def test_auto_mixed_precision_is_for_hardware_with_native_bf16_unless_asked():
    cpu = torch.device("cpu")
    assert autocast_dtype("auto", cpu) is (torch.bfloat16 if fast_bf16(cpu) else None)
    assert autocast_dtype("fp32", cpu) is None
    assert autocast_dtype("bf16", torch.device("cpu")) is torch.bfloat16
    with pytest.raises(ConfigError, match="precision 'fp8'"):
        autocast_dtype("fp8", torch.device("cpu"))


def test_a_lora_run_trains_adapters_only(reviews_csv, tiny_encoder, tmp_path):
    record = train.train(train.Config(
        data=str(reviews_csv), text_column="review", label_column="sentiment", limit=80, epochs=1,
        pretrained_model=str(tiny_encoder), max_length=32, lr=1e-2, lora=True, lora_rank=4, onnx=False,
        model_dir=str(tmp_path / "models"), reports_dir=str(tmp_path / "reports")))
    assert record["parameters"]["trained"] < record["parameters"]["total"] / 2
    assert record["config"]["lora"] and not (tmp_path / "models/model.onnx").exists()
    assert "lora" not in (tmp_path / "models/config.json").read_text()  # merged: an ordinary model


def test_a_bad_pretrained_model_stops_with_the_setting_named(reviews_csv, tmp_path, capsys):
    with pytest.raises(SystemExit, match="error: pretrained_model 'nobody/no-such-model'"):
        train.main(["--data", str(reviews_csv), "--text-column", "review", "--label-column", "sentiment",
                    "--pretrained-model", "nobody/no-such-model", "--model-dir", str(tmp_path / "m")])
    assert not (tmp_path / "m").exists()  # nothing half-written
