"""The shared template modules, tested where they live (templates/_shared/include/shared/python).

Every kind renders them into its package; these tests import the source files directly, so a
change is tested once here, before any project is rendered. The rendered projects' own suites
test them again in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pytest
from template_checks import shared_module

config = shared_module("kit.config")
splits = shared_module("splits")
runtime = shared_module("kit.runtime")
reporting = shared_module("kit.reporting")
metrics = shared_module("metrics")
inputs = shared_module("kit.inputs")


@dataclass
class Example:
    """Settings of a made-up run."""

    epochs: int = 10
    """passes over the data"""
    lr: float = 0.1
    """learning rate"""
    augment: bool = True
    """random distortions"""
    data: str = "a"
    """where the data is"""
    widths: tuple[int, int] = (32, 64)
    """channels of two layers: a field that is not a scalar"""


def test_defaults_then_file_then_flags(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("epochs: 3\nlr: 1\naugment: false\nwidths: [8, 16]\n")
    assert config.load_config(Example, []) == Example()
    cfg = config.load_config(Example, ["--config", str(path), "--epochs", "5"])
    assert cfg == Example(epochs=5, lr=1.0, augment=False, data="a", widths=(8, 16))


def test_flags_alone_booleans_and_tuples():
    cfg = config.load_config(Example, ["--no-augment", "--lr", "0.5", "--widths", "4", "8"])
    assert cfg == Example(augment=False, lr=0.5, widths=(4, 8))


def test_help_lists_each_field_with_its_docstring_and_the_config_flag(capsys):
    with pytest.raises(SystemExit):
        config.load_config(Example, ["--help"], description="Train it.")
    text = " ".join(capsys.readouterr().out.split())
    assert "Train it." in text and "--config FILE" in text
    assert "--epochs INT passes over the data (default: 10)" in text
    assert "--augment, --no-augment random distortions (default: True)" in text


@pytest.mark.parametrize("text, problem", [
    ("epoch: 3\n", "unknown field 'epoch'; did you mean 'epochs'?"),
    ("colour: red\n", "unknown field 'colour'; the fields are epochs, lr, augment, data, widths"),
    ("epochs: three\n", "field 'epochs': input should be a valid integer"),
    ("epochs: 2.5\n", "field 'epochs': input should be a valid integer, got a number with a fractional part"),
    ("augment: 2\n", "field 'augment': input should be a valid boolean"),
    ("widths: [1, 2, 3]\n", "field 'widths': tuple should have at most 2 items"),
    ("- a list\n", "expected a mapping of `field: value` lines, got list"),
    ("epochs: [\n", "not valid YAML"),
])
def test_a_bad_config_file_is_named_with_the_field_and_the_fix(tmp_path, text, problem):
    path = tmp_path / "run.yaml"
    path.write_text(text)
    with pytest.raises(config.ConfigError) as error:
        config.load_config(Example, ["--config", str(path)])
    assert str(error.value).startswith(f"{path}: ") and problem in str(error.value)


def test_a_missing_or_binary_config_file_is_named(tmp_path):
    missing = re.escape(f"{tmp_path / 'none.yaml'}: config file not found")
    with pytest.raises(config.ConfigError, match=missing):
        config.load_config(Example, ["--config", str(tmp_path / "none.yaml")])
    (tmp_path / "model.bin").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(config.ConfigError, match="not a text file"):
        config.load_config(Example, ["--config", str(tmp_path / "model.bin")])


def test_a_stored_config_is_checked_like_a_file():
    assert config.config_from(Example, {"epochs": 4}, "training.json") == Example(epochs=4)
    with pytest.raises(config.ConfigError, match=r"^training.json: unknown field 'epoch'"):
        config.config_from(Example, {"epoch": 4}, "training.json")


def test_subset_and_stratified_split():
    labels = np.repeat(np.arange(4), 50)  # 200 examples, 4 balanced classes
    assert len(splits.subset(labels, 0, seed=0)) == 200
    kept = splits.subset(labels, 80, seed=0)
    assert len(kept) == 80 and (np.diff(kept) > 0).all()  # sorted, no repeats
    parts = splits.stratified_split(labels, 0.1, 0.2, seed=0)
    assert [len(parts[name]) for name in ("train", "val", "test")] == [140, 20, 40]
    assert len(np.unique(np.concatenate(list(parts.values())))) == 200  # disjoint, complete
    assert (np.bincount(labels[parts["test"]]) == 10).all()  # every class keeps its share
    assert splits.describe_split(0.1, 0.2, 0) == "stratified 70%/10%/20% train/val/test, split seed 0"


def test_the_checksum_changes_with_order_content_and_labels():
    texts, labels = ["a b", "c"], np.array([0, 1])
    same = runtime.checksum(texts, labels)
    assert same == runtime.checksum(list(texts), labels.copy()) and same.startswith("sha256:")
    assert same != runtime.checksum(texts[::-1], labels)
    assert same != runtime.checksum(["a", "b c"], labels)  # not just the characters
    assert same != runtime.checksum(texts, np.array([1, 0]))


def test_scores_and_the_readme_table_come_from_the_same_numbers():
    y_true, y_pred = np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1])
    scores = metrics.classification_metrics(y_true, y_pred, ["neg", "pos"], train_labels=np.array([1, 1, 0]))
    assert scores["metrics"]["accuracy"] == 0.75
    assert scores["metrics"]["majority_accuracy"] == 0.5  # always "pos", the commoner class in training
    assert scores["per_class"]["neg"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3),
                                          "support": 2}
    report = {**scores, "task": "text-classification",
              "data": {"name": "reviews", "source": "data/reviews.csv", "split": "a split",
                       "sizes": {"train": 3, "test": 4}, "checksum": "sha256:" + "0" * 64},
              "provenance": {"git_commit": None, "device": "cpu", "hardware": "a laptop", "seed": 0,
                             "train_duration_s": 1.25, "timestamp": "2026-01-01T00:00:00+00:00",
                             "command": "make train evaluate"},
              "figures": {"confusion_matrix": "reports/figures/confusion_matrix.png"}}
    table = reporting.results_markdown(report)
    assert "| accuracy | 75.00% |" in table.lower() and "Data: reviews, from `data/reviews.csv`;" in table
    assert "commit `not a git checkout`" in table and "(reports/figures/confusion_matrix.png)" in table


@pytest.mark.parametrize("value, number", [
    (7, 7), (-3, -3), (10**400, 10**400), (7.0, 7.0), (1.5, 1.5), (np.int64(7), 7), (np.float32(2.5), 2.5),
    (" 7 ", 7.0), ("1e3", 1000.0), ("1_000", 1000.0), ("-Infinity", float("-inf")), ("1e400", float("inf")),
    (None, None), (True, None), ("", None), ("ten", None), ("0x10", None), ("\ud800", None), ([7], None),
    ({"seed": 7}, None), (b"7", None), (object(), None),
])
def test_as_number_reads_what_names_a_number_and_never_raises(value, number):
    assert inputs.as_number(value) == number
    if isinstance(number, int):
        assert type(inputs.as_number(value)) is int  # a huge one too, where float() would overflow


@pytest.mark.parametrize("value", [float("nan"), "nan", " NaN "])
def test_nan_is_a_number_but_not_a_whole_one(value):
    number = inputs.as_number(value)
    assert number != number and not inputs.is_whole(number)


def test_whole_numbers_are_ints_and_integral_floats():
    assert [inputs.is_whole(n) for n in (7, 10**400, 7.0, 1e300, 7.5, float("inf"))] == [
        True, True, True, True, False, False]
