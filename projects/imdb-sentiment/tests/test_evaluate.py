import json
import os

import pytest
from huggingface_hub import ModelCard

from imdb_sentiment import evaluate

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


def test_metrics_json_has_metrics_and_provenance(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    assert 0.5 < report["metrics"]["accuracy"] <= 1
    assert set(report["per_class"]) == {"negative", "positive"}
    assert REQUIRED_PROVENANCE <= set(report["provenance"])
    assert report["data"]["removed_duplicates"] >= 5 and report["data"]["checksum"].startswith("sha256:")
    for path in report["figures"].values():
        assert (evaluated / path).stat().st_size > 1000


def test_readme_and_model_card_read_the_same_numbers(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    readme = (evaluated / "README.md").read_text()
    assert f"{100 * report['metrics']['accuracy']:.2f}%" in readme
    assert "Most confident errors" in readme and "Run `make train evaluate` to fill" not in readme
    card = ModelCard.load(evaluated / "MODEL_CARD.md")
    results = {r.metric_type: r.metric_value for r in card.data.eval_results}
    assert results["accuracy"] == round(report["metrics"]["accuracy"], 4)
    assert "## Limitations" in card.text and "## Bias, risks and ethics" in card.text


def test_error_table_escapes_the_review_text():
    cell = evaluate.escape_cell("<script>alert(1)</script> | a & b")
    assert "<" not in cell and "\\|" in cell and "&amp;" in cell
