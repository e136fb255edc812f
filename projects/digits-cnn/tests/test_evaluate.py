"""Evaluation of the tiny trained model, and the checks every kind's reports must pass."""

import json
import os

import pytest
import yaml
from huggingface_hub import ModelCard

from digits_cnn import evaluate

REQUIRED_PROVENANCE = {"git_commit", "config", "seed", "device", "hardware", "versions",
                       "train_duration_s", "timestamp", "command"}


@pytest.fixture(scope="module")
def evaluated(trained):
    cwd = os.getcwd()
    os.chdir(trained)  # evaluation runs from the project root, as `make evaluate` does
    try:
        evaluate.main([])
    finally:
        os.chdir(cwd)
    return trained


def test_metrics_json_has_metrics_provenance_and_figures(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    assert 0.5 < report["metrics"]["accuracy"] <= 1
    assert REQUIRED_PROVENANCE <= set(report["provenance"])
    assert report["data"]["checksum"].startswith("sha256:") and "split seed" in report["data"]["split"]
    for path in report["figures"].values():
        assert (evaluated / path).stat().st_size > 1000


def test_readme_and_model_card_read_the_same_numbers(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    readme = (evaluated / "README.md").read_text()
    assert f"{100 * report['metrics']['accuracy']:.2f}%" in readme
    assert "Run `make train evaluate` to fill" not in readme
    card = ModelCard.load(evaluated / "MODEL_CARD.md")
    results = {r.metric_type: r.metric_value for r in card.data.eval_results}
    assert results["accuracy"] == round(report["metrics"]["accuracy"], 4)
    assert "## Limitations" in card.text and "## Bias, risks and ethics" in card.text
    assert yaml.safe_load((evaluated / "portfolio.yaml").read_text())["title"] in card.text



def test_image_reports_have_per_class_scores_and_demo_examples(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    assert set(report["per_class"]) == {str(d) for d in range(10)}
    assert report["data"]["sizes"]["test"] == 80
    assert len(list((evaluated / "examples").glob("*.png"))) == 10


def test_changed_data_is_refused(trained, tmp_path):
    record = json.loads((trained / "reports/training.json").read_text())
    record["data"]["checksum"] = "sha256:0"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/training.json").write_text(json.dumps(record))
    with pytest.raises(SystemExit, match="differ from those the model was trained on"):
        evaluate.main(["--reports-dir", str(tmp_path / "reports"), "--model-dir", str(trained / "models")])
