from pathlib import Path

import numpy as np
import pytest

from {{ cookiecutter.package_name }}.baseline import baseline_markdown, duration, fit_baseline
from {{ cookiecutter.package_name }}.data import ImageData, InMemory


def test_the_baseline_learns_on_the_training_part_and_is_measured_on_the_test_part():
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 50)
    levels = (rng.random((100, 1, 4, 4)) * 127).astype(np.uint8)
    levels[labels == 1, :, :2] += 128  # class 1 has ink at the top
    data = ImageData(InMemory(levels), np.arange(100), labels, ["a", "b"], "made up", "resize", 1, 4,
                     flips=False, identity=[])
    parts = {"train": np.arange(0, 100, 2), "test": np.arange(1, 100, 2)}
    result = fit_baseline(data, parts)
    assert result["accuracy"] > 0.9 and result["macro_f1"] > 0.9
    assert result["parameters"] == 16 + 1  # two classes: one weight per pixel, and a bias
    assert result["train_examples_per_s"] > 0


@pytest.mark.parametrize("seconds, shown",
                         [(0.44, "0.4 s"), (42.4, "42 s"), (450, "7.5 min"), (11_520, "3.2 h")])
def test_durations_read_at_a_glance(seconds, shown):
    assert duration(seconds) == shown


def test_the_table_puts_both_models_and_their_costs_side_by_side(tmp_path: Path):
    onnx = tmp_path / "model.onnx"
    onnx.write_bytes(b"0" * 2_500_000)
    report = {"provenance": {"config": {"pretrained_model": "microsoft/resnet-18", "backbone_size": 64,
                                        "epochs": 8}},
              "metrics": {"accuracy": 0.99, "macro_f1": 0.985}, "data": {"sizes": {"train": 1257}}}
    training = {"parameters": 11_181_642, "train_duration_s": 100.0, "train_examples_per_s": 101.9,
                "hardware": "cpu", "precision": "fp32"}
    baseline = {"model": "pixels", "accuracy": 0.96, "macro_f1": 0.955, "parameters": 650,
                "train_duration_s": 0.5, "train_examples_per_s": 2514.0}
    text = baseline_markdown(report, training, baseline, onnx)
    assert "| `microsoft/resnet-18` at 64 px, 8 epochs | 99.00% | 98.50% | 11,181,642 | 100 s | 101.9 |" \
        in text
    assert "| baseline: pixels | 96.00% | 95.50% | 650 | 0.5 s | 2,514 | CPU |" in text
    assert "gained 3.0 points" in text and "200 times as long" in text and "1,257 training images" in text
    assert "is 2.5 MB." in text
