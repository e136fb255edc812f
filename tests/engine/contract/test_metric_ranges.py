"""Metric values are checked against what their names say they are (``showcase.contract.ranges``).

A table of names (fractions, magnitudes, returns) crossed with a table of values (just out of
range, absurdly large, not finite, not numbers): each is refused or accepted when metrics.json
is loaded, with a message that names the file, the field and the fix; the exported JSON Schema,
which generated projects check themselves against, agrees wherever JSON Schema can say it.
"""

import json
import math
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import valid_metrics

from showcase.contract.metric_labels import format_headline, format_number
from showcase.contract.metrics import load_metrics
from showcase.contract.schema import SHARED_CONTRACT
from showcase.exceptions import MetricsError
from showcase.reading.project import load_project
from showcase.site.markdown_text import format_duration
from showcase.site.pages.project import render_project

REPO = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((REPO / "templates" / SHARED_CONTRACT / "metrics.schema.json").read_text())
NAN, INF = float("nan"), float("inf")

FRACTIONS = ("accuracy", "macro_f1", "macro_precision", "recall", "class_accuracy", "evaluator_accuracy")
MAGNITUDES = ("fcd", "fcd_std", "nn_distance_real", "std_return", "train_loss", "train_duration_s",
              "images_per_s", "onnx_size_bytes", "episode_length")
RETURNS = ("mean_return", "min_return", "random_mean_return", "log_likelihood", "reward")
"""Names from the four kinds' evaluations (and a few a new project may write), by rule."""

OUT_OF_ANY_RANGE = {"NaN": NAN, "Infinity": INF, "-Infinity": -INF, "a string": "0.9", "true": True,
                    "false": False, "null": None, "a list": [0.5], "a huge integer": 10**400}
"""Values no metric may have: not finite, or not a number at all."""
NEGATIVE = {"-5": -5, "-1e-9": -1e-9, "-1e300": -1e300}
ABOVE_ONE = {"1.0000001": 1.0000001, "1.2e38": 1.2e38, "2": 2}
EDGES = {"0": 0, "-0.0": -0.0, "1e-300": 1e-300, "0.5": 0.5, "1": 1, "1.0": 1.0}

CASES: list[tuple[str, str, object, bool]] = [
    *[(name, label, value, False) for name in FRACTIONS + MAGNITUDES + RETURNS
      for label, value in OUT_OF_ANY_RANGE.items()],
    *[(name, label, value, name in RETURNS) for name in FRACTIONS + MAGNITUDES + RETURNS
      for label, value in NEGATIVE.items()],
    *[(name, label, value, name not in FRACTIONS) for name in FRACTIONS + MAGNITUDES + RETURNS
      for label, value in ABOVE_ONE.items()],
    *[(name, label, value, True) for name in FRACTIONS + MAGNITUDES + RETURNS
      for label, value in EDGES.items()],
]
"""(metric name, value's label, value, accepted?)."""


def write(root: Path, metrics: dict) -> Path:
    """Write metrics.json as Python's json writes it (NaN and Infinity included); return its path."""
    path = root / "reports" / "metrics.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics))
    return path


@pytest.fixture
def root(tmp_path) -> Path:
    """A project folder, for the tests that read only its metrics.json."""
    return tmp_path / "projects" / "digits"


def schema_accepts(metrics: dict) -> bool:
    try:
        jsonschema.validate(metrics, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


@pytest.mark.parametrize(("name", "label", "value", "accepted"), CASES,
                         ids=[f"{name}={label}" for name, label, *_ in CASES])
def test_each_metric_value_is_checked_against_its_name(root, name, label, value, accepted):
    metrics = valid_metrics()
    metrics["metrics"][name] = value
    path = write(root, metrics)
    if accepted:
        loaded = load_metrics(root).metrics[name]
        assert loaded == value and math.isfinite(loaded)
    else:
        with pytest.raises(MetricsError) as info:
            load_metrics(root)
        message = str(info.value)
        assert message.startswith(f"{path}: field `metrics.{name}`: "), message
        assert "Fix: run `make evaluate`" in message and len(message.splitlines()) == 1
    if not (isinstance(value, float) and math.isnan(value)):  # JSON Schema has no word for NaN
        assert schema_accepts(json.loads(path.read_text())) == accepted, "the exported schema agrees"


@pytest.mark.parametrize(("value", "words"), [
    (-5, "-5 is not a fraction in [0, 1]"),
    (1.0000001, "1.0000001 is not a fraction in [0, 1]"),
    (1.2e38, "1.2e+38 is not a fraction in [0, 1]"),
    (NAN, "NaN is not a finite number"),
    (-INF, "-Infinity is not a finite number"),
    ("0.99", '"0.99" is a string, not a number'),
    (True, "true is a boolean, not a number"),
])
def test_the_message_says_what_the_value_is_not(root, value, words):
    metrics = valid_metrics()
    metrics["metrics"]["accuracy"] = value
    path = write(root, metrics)
    with pytest.raises(MetricsError) as info:
        load_metrics(root)
    assert str(info.value) == (
        f"{path}: field `metrics.accuracy`: {words}. Fix: run `make evaluate` in the project to write it "
        "again; if the value comes back, the evaluation code that computes it has a bug."
    )


@pytest.mark.parametrize(("column", "value", "accepted"), [
    ("precision", -1e-9, False), ("recall", 1.0000001, False), ("f1", NAN, False), ("f1", "1", False),
    ("support", -1, False), ("support", True, False), ("support", 1e6, True), ("f1", 1, True),
])
def test_per_class_scores_are_checked_too(root, column, value, accepted):
    metrics = valid_metrics()
    metrics["per_class"]["7"] = {"precision": 0.9, "recall": 0.8, "f1": 0.85, "support": 30, column: value}
    path = write(root, metrics)
    if accepted:
        assert load_metrics(root).per_class["7"][column] == value
        assert schema_accepts(metrics)
        return
    with pytest.raises(MetricsError, match=rf"^{re.escape(str(path))}: field `per_class\.7\.{column}`: "):
        load_metrics(root)
    if not (isinstance(value, float) and math.isnan(value)):
        assert not schema_accepts(json.loads(path.read_text()))


def test_every_bad_value_is_reported_at_once(root):
    metrics = valid_metrics()
    metrics["metrics"] |= {"accuracy": -5, "fcd": NAN, "mean_return": -3.5}
    metrics["per_class"]["0"]["recall"] = 2
    write(root, metrics)
    with pytest.raises(MetricsError) as info:
        load_metrics(root)
    fields = re.findall(r"field `([^`]+)`", str(info.value))
    assert sorted(fields) == ["metrics.accuracy", "metrics.fcd", "per_class.0.recall"]
    assert str(root) in str(info.value)


@pytest.mark.parametrize(("section", "field", "value"), [
    ("provenance", "train_duration_s", -1), ("provenance", "train_duration_s", NAN),
    ("provenance", "train_duration_s", "41"), ("data", "sizes", {"train": -1}),
    ("data", "sizes", {"train": "1150"}), ("data", "sizes", {"train": True}),
])
def test_durations_and_split_sizes_are_never_negative_or_text(root, section, field, value):
    metrics = valid_metrics()
    metrics[section][field] = value
    path = write(root, metrics)
    with pytest.raises(MetricsError, match=rf"{re.escape(str(path))}: field `{section}\.{field}"):
        load_metrics(root)


def test_the_example_projects_real_metrics_pass_both_checks():
    for project in sorted((REPO / "projects").glob("*/reports/metrics.json")):
        load_metrics(project.parents[1])
        assert schema_accepts(json.loads(project.read_text())), project


@pytest.mark.parametrize("value", [0, -0.0, 1e-300, 0.5, 1, 1.2e38, 1e308, 10**30, 10**400, 123456789.0])
def test_any_value_that_passes_is_formatted_short(value):
    for text in (format_number(value), format_headline(value, "fcd")):
        assert len(text) <= 16 and not text.startswith("-"), text
    if value <= 1:
        assert re.fullmatch(r"\d{1,3}\.\d%", format_headline(value, "accuracy"))
    assert format_duration(float(value) if value < 1e300 else 1e300).endswith((" s", " min", " d"))


def test_format_examples():
    assert format_number(1.2e38) == "1.2e+38" and format_number(10**400) == "1e+400"
    assert format_number(-0.0) == "0" and format_headline(-0.0, "accuracy") == "0.0%"
    assert format_number(12_345) == "12,345" and format_number(999_999_999_999_999) == "999,999,999,999,999"
    assert format_duration(3 * 86_400) == "3 d" and format_duration(1.2e38) == "1.389e+33 d"


def test_a_huge_loss_is_shown_as_a_number_a_reader_can_read(make_project):
    metrics = valid_metrics()
    metrics["metrics"]["train_loss"] = 1.2e38
    project = load_project(make_project(metrics=metrics))
    page = render_project(project)
    assert "1.2e+38" in page and not re.search(r"\d{16}", page.replace(",", ""))
