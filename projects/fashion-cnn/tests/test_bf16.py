import json

import pytest
import torch
from safetensors.torch import load_file

from fashion_cnn import train
from fashion_cnn.kit.config import ConfigError


def test_bf16_is_on_off_or_auto():
    cpu = torch.device("cpu")
    assert train.bfloat16_wanted("on", cpu) and not train.bfloat16_wanted("off", cpu)
    assert isinstance(train.bfloat16_wanted("auto", cpu), bool)
    with pytest.raises(ConfigError, match="bf16: 'yes'"):
        train.bfloat16_wanted("yes", cpu)


def test_a_run_in_bfloat16_learns_and_saves_float32_weights(tmp_path):
    train.main(["--data", "sklearn:digits", "--image-size", "0", "--crop-padding", "0", "--limit", "600",
                "--epochs", "10", "--bf16", "on", "--no-track",
                "--model-dir", str(tmp_path / "models"), "--reports-dir", str(tmp_path / "reports")])
    record = json.loads((tmp_path / "reports/training.json").read_text())
    assert record["bf16"] is True
    assert record["history"]["train_loss"][-1] < record["history"]["train_loss"][0]
    assert record["history"]["val_accuracy"][-1] > 0.9  # chance is 0.1; float32 reaches 0.98
    weights = load_file(tmp_path / "models/model.safetensors")
    assert {tensor.dtype for tensor in weights.values()} <= {torch.float32, torch.int64}
