# The first part is rendered from templates/_shared/include/shared/tests/evaluated.py: edit it there.
"""Evaluation of the tiny trained model, and the checks every kind's reports must pass."""

import json
import math
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from huggingface_hub import ModelCard

from fashion_gan import evaluate
from fashion_gan.kit.reporting import format_metric

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
CONTRACT = json.loads((SCHEMAS / "contract.json").read_text(encoding="utf-8"))
FILES = CONTRACT["files"]


@pytest.fixture(scope="module")
def evaluated(trained):
    cwd = os.getcwd()
    os.chdir(trained)  # evaluation runs from the project root, as `make evaluate` does
    try:
        evaluate.main([])
    finally:
        os.chdir(cwd)
    return trained


def test_reports_are_where_the_site_reads_them_in_the_contracts_shape(evaluated):
    report = json.loads((evaluated / FILES["metrics"]).read_text())
    jsonschema.validate(report, json.loads((SCHEMAS / "metrics.schema.json").read_text()))
    # the schema bounds every value but cannot refuse a NaN (no bound rules it out); the site does
    per_class = [value for row in report.get("per_class", {}).values() for value in row.values()]
    assert all(math.isfinite(value) for value in [*report["metrics"].values(), *per_class])
    headline = yaml.safe_load((evaluated / FILES["card"]).read_text())["headline_metric"]
    assert headline in report["metrics"]  # the number the site puts on the project's card
    # how the examples (or episodes) were drawn, with the seed that fixes them
    assert report["data"]["checksum"].startswith("sha256:") and "seed" in report["data"]["split"]
    for path in report["figures"].values():
        assert path.startswith(FILES["figures"] + "/") and (evaluated / path).stat().st_size > 1000
    assert (evaluated / FILES["model_card"]).is_file()


def test_every_number_it_reports_has_a_label_in_the_contract(evaluated):
    # The site shows a metric by its label, which way is better and what it means, all from
    # the showcase's contract (exported into schemas/contract.json): a new metric needs them first.
    report = json.loads((evaluated / FILES["metrics"]).read_text())
    kind = yaml.safe_load((evaluated / FILES["card"]).read_text())["kind"]
    labels = CONTRACT["metric_labels"]
    known = set(labels["all"]) | set(labels["by_kind"].get(kind, {}))
    columns = {column for row in report.get("per_class", {}).values() for column in row}
    unlabelled = sorted((set(report["metrics"]) | columns) - known)
    assert not unlabelled, (f"no label in schemas/contract.json for {', '.join(unlabelled)}: add one to "
                            "the showcase's showcase/contract/metric_labels.py and export the contract again")


def test_readme_and_model_card_read_the_same_numbers(evaluated):
    report = json.loads((evaluated / FILES["metrics"]).read_text())
    readme = (evaluated / FILES["readme"]).read_text()
    kind = yaml.safe_load((evaluated / FILES["card"]).read_text())["kind"]
    labels = {**CONTRACT["metric_labels"]["all"], **CONTRACT["metric_labels"]["by_kind"].get(kind, {})}
    for name, value in report["metrics"].items():
        # each number under its label (not its key), with its direction and meaning
        label = labels[name]
        arrow = {"higher": " ↑", "lower": " ↓"}.get(label["direction"] or "", "")
        assert f"| {label['label']}{arrow} | {format_metric(name, value)} | {label['meaning']} |" in readme
    # the command that reproduces the run is the one training recorded
    training = json.loads((evaluated / "reports" / "training.json").read_text())
    assert report["provenance"]["command"] == training["command"]
    assert f"Reproduce with `{training['command']}`." in readme
    assert f"from `{report['data']['source']}`;" in readme  # which data the numbers come from
    assert "Run `make train evaluate` to fill" not in readme
    card = ModelCard.load(evaluated / FILES["model_card"])
    results = {r.metric_type: r.metric_value for r in card.data.eval_results}
    assert results == {name: round(value, 4) for name, value in report["metrics"].items()}
    named = {r.metric_name for r in card.data.eval_results}
    assert named == {labels[name]["label"] for name in report["metrics"]}
    assert "## Limitations" in card.text and "## Bias, risks and ethics" in card.text
    assert yaml.safe_load((evaluated / FILES["card"]).read_text())["title"] in card.text


def test_the_run_is_tracked_from_its_first_step_to_its_test_metrics(evaluated):
    # imported here, after conftest.py has pointed TRACKIO_DIR at a scratch folder
    from trackio.sqlite_storage import SQLiteStorage

    training = json.loads((evaluated / "reports" / "training.json").read_text())
    report = json.loads((evaluated / FILES["metrics"]).read_text())
    tracking = training["tracking"]
    assert report["provenance"]["tracking"] == tracking and tracking["tracker"] == "trackio"
    rows = SQLiteStorage.get_logs(tracking["project"], tracking["run"])
    logged = {name for row in rows for name in row}
    assert any(name.startswith(("train/", "charts/", "losses/")) for name in logged)  # the curves
    final = {name: value for row in rows for name, value in row.items() if name.startswith("test/")}
    assert final == {f"test/{name}": value for name, value in report["metrics"].items()}



def test_gan_reports_put_the_fcd_beside_its_floor_and_its_scale(evaluated):
    m = json.loads((evaluated / "reports/metrics.json").read_text())["metrics"]
    assert m["fcd_floor"] > 0 and m["fcd_ratio"] == pytest.approx(m["fcd"] / m["fcd_floor"])
    assert m["fcd_trivial_ratio"] == pytest.approx(m["fcd_trivial"] / m["fcd_floor"])
    assert m["evaluator_accuracy"] > 0.5  # the judge reads real digits (chance is 0.1)
    assert 0 <= m["class_accuracy"] <= 1 and 0 <= m["precision"] <= 1 and 0 <= m["recall"] <= 1
    assert m["nn_distance_generated"] > 0 and m["nn_distance_real"] > 0
    readme = (evaluated / "README.md").read_text()
    assert f"{m['fcd_ratio']:.2f}x the floor" in readme


def test_training_progress_is_an_animation(evaluated):
    from PIL import Image

    with Image.open(evaluated / "reports/figures/progress.gif") as gif:
        assert gif.format == "GIF" and gif.n_frames == 4  # one frame per epoch of the tiny run


def test_changed_data_is_refused(trained, tmp_path):
    record = json.loads((trained / "reports/training.json").read_text())
    record["data"]["checksum"] = "sha256:0"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/training.json").write_text(json.dumps(record))
    with pytest.raises(SystemExit, match="differ from those the model was trained on"):
        evaluate.main(["--reports-dir", str(tmp_path / "reports"), "--model-dir", str(trained / "models")])
