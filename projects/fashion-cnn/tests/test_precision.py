import json

import pytest
import torch
from safetensors.torch import load_file

from fashion_cnn import train
from fashion_cnn.kit.config import ConfigError
from fashion_cnn.kit.precision import autocast_dtype, fast_bf16


def test_auto_picks_bfloat16_only_where_the_hardware_has_it():
    cpu = torch.device("cpu")
    assert autocast_dtype("auto", cpu) is (torch.bfloat16 if fast_bf16(cpu) else None)
    assert autocast_dtype("bf16", cpu) is torch.bfloat16 and autocast_dtype("fp32", cpu) is None
    with pytest.raises(ConfigError, match="precision 'yes'"):
        autocast_dtype("yes", cpu)


def train_on_digits(tmp_path, precision: str, epochs: int) -> dict:
    """A small digits run at `precision`; returns its reports/training.json."""
    train.main(["--data", "sklearn:digits", "--image-size", "0", "--crop-padding", "0", "--limit", "600",
                "--epochs", str(epochs), "--precision", precision, "--no-track",
                "--model-dir", str(tmp_path / "models"), "--reports-dir", str(tmp_path / "reports")])
    return json.loads((tmp_path / "reports/training.json").read_text())


def test_a_run_in_bfloat16_learns_and_saves_float32_weights(tmp_path):
    record = train_on_digits(tmp_path, "bf16", epochs=10)
    assert record["precision"] == "bfloat16"
    assert record["history"]["train_loss"][-1] < record["history"]["train_loss"][0]
    assert record["history"]["val_accuracy"][-1] > 0.9  # chance is 0.1; float32 reaches 0.98
    weights = load_file(tmp_path / "models/model.safetensors")
    assert {tensor.dtype for tensor in weights.values()} <= {torch.float32, torch.int64}


def test_a_run_in_float16_learns_and_records_it(tmp_path):
    """The fp16 path: autocast to float16 with the loss scaled (GradScaler), on any device."""
    record = train_on_digits(tmp_path, "fp16", epochs=6)
    assert record["precision"] == "float16"
    assert record["history"]["val_accuracy"][-1] > 0.8  # chance is 0.1; 0.97 here
