# Rendered from templates/_shared/include/shared/tests/kit/test_reporting.py: edit it there, not here.
from pathlib import Path

import pytest

from lunar_lander_ppo.kit.reporting import (
    RESULTS_END,
    RESULTS_START,
    build_report,
    results_markdown,
    update_readme,
    write_json,
)
from lunar_lander_ppo.train import Config

DATA = {"name": "d", "source": "s", "split": "a split", "checksum": "sha256:" + "0" * 64,
        "sizes": {"train": 8, "test": 2}}
TRAINING = {"data": DATA,
            "device": "cpu", "hardware": "a CPU", "train_duration_s": 1.0,
            "command": "make train evaluate CONFIG=configs/quick.yaml"}


def report_with(metrics: dict[str, float], task: str = "gan") -> dict:
    return build_report(task=task, scores={"metrics": metrics}, cfg=Config(), training=TRAINING,
                        figures={}, command="", libraries=[], data=DATA)


def test_readme_results_are_replaced_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\n{RESULTS_START}\nold\n{RESULTS_END}\n\n## After\n")
    update_readme(readme, "| new |")
    text = readme.read_text()
    assert "old" not in text and "| new |" in text and text.endswith("## After\n")


def test_readme_without_markers_is_left_alone(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# T\n")
    with pytest.raises(ValueError, match="markers"):
        update_readme(readme, "x")
    assert readme.read_text() == "# T\n"


def test_json_is_written_whole(tmp_path):
    write_json(tmp_path / "a" / "m.json", {"x": 1})
    assert (tmp_path / "a" / "m.json").read_text() == '{\n  "x": 1\n}\n'
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["m.json"]  # no temp file left


def test_evaluation_quotes_the_command_training_recorded_unless_told_otherwise():
    assert report_with({})["provenance"]["command"] == TRAINING["command"]
    report = build_report(task="gan", scores={"metrics": {}}, cfg=Config(), training=TRAINING,
                          figures={}, command="make it so", libraries=[], data=DATA)
    assert report["provenance"]["command"] == "make it so"
    older = {key: value for key, value in TRAINING.items() if key != "command"}  # a run from before
    report = build_report(task="gan", scores={"metrics": {}}, cfg=Config(), training=older,
                          figures={}, command="", libraries=[], data=DATA)
    assert report["provenance"]["command"] == "make train evaluate"


def test_results_show_labels_directions_and_meanings_and_fold_a_long_table(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # where schemas/contract.json is
    many = {"fcd_ratio": 1.5, "fcd_trivial_ratio": 18.0, "fcd": 3.0, "fcd_std": 0.1, "fcd_floor": 2.0,
            "fcd_floor_std": 0.1, "nn_distance_real": 4.0, "made_up_metric": 2.0}
    text = results_markdown(report_with(many))
    table, folded = text.split("<details>")
    assert "| FCD ratio ↓ | 1.5 | The generator's FCD over" in table  # key metrics shown
    assert "FCD floor spread" not in table and "| FCD floor spread | 0.1 |" in folded
    assert "| Made up metric | 2 |  |" in folded  # an unknown metric: humanized, no meaning
    assert "fcd_ratio" not in text and "Fcd" not in text
    short = results_markdown(report_with({"fcd_ratio": 1.5, "fcd": 3.0}))
    assert "<details>" not in short and "| FCD ↓ | 3 |" in short
