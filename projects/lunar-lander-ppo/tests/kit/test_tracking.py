# Rendered from templates/_shared/include/shared/tests/kit/test_tracking.py: edit it there, not here.
"""The experiment tracker (kit/tracking.py): what a run writes, and that a run with tracking off
writes nothing. TRACKIO_DIR is a scratch folder here (conftest.py's tracked_runs), set before a test
first imports trackio, which reads it then: so no module-level import of trackio in the tests.
"""

import json
import os
from dataclasses import replace

from lunar_lander_ppo import train
from lunar_lander_ppo.kit.config import config_from
from lunar_lander_ppo.kit.tracking import Tracker


def logged(project: str, run: str) -> dict[str, dict[int, float]]:
    """Every value the run logged: metric name -> {step: value}."""
    from trackio.sqlite_storage import SQLiteStorage

    values: dict[str, dict[int, float]] = {}
    for row in SQLiteStorage.get_logs(project, run):
        for name, value in row.items():
            if name not in ("step", "timestamp") and isinstance(value, int | float):
                values.setdefault(name, {})[row["step"]] = value
    return values


def test_a_run_keeps_its_config_and_values_and_evaluation_adds_to_it(tracked_runs):
    from trackio import Api

    tracker = Tracker("tracking-test", {"lr": 0.1, "epochs": 2})
    for step in (1, 2, 3):
        tracker.log({"train/loss": 1 / step}, step)
    record = tracker.finish()
    assert record == {"tracker": "trackio", "project": "tracking-test", "run": tracker.run}
    assert (tracked_runs / "tracking-test.db").is_file()
    # evaluation resumes the run by name: the test metric joins the curves, the config stays
    resumed = Tracker("tracking-test", {"lr": 0.1, "epochs": 2}, resume=record["run"])
    resumed.log({"test/accuracy": 0.75}, step=4)
    assert resumed.finish() == record
    values = logged("tracking-test", record["run"])
    assert values["train/loss"] == {1: 1.0, 2: 0.5, 3: 1 / 3} and values["test/accuracy"] == {4: 0.75}
    assert {"lr": 0.1, "epochs": 2}.items() <= Api().runs("tracking-test")[0].config.items()
    # a second run with a changed setting sits beside the first (the dashboard draws both)
    second = Tracker("tracking-test", {"lr": 0.2, "epochs": 2})
    second.log({"train/loss": 0.9}, 1)
    second.finish()
    runs = {run.name: run.config["lr"] for run in Api().runs("tracking-test")}
    assert runs == {record["run"]: 0.1, second.run: 0.2} and second.run != record["run"]


def test_a_run_to_resume_that_is_not_there_is_a_note_not_a_crash(tracked_runs, capsys):
    tracker = Tracker("tracking-test-missing", {}, resume="no-such-run")
    tracker.log({"test/accuracy": 1.0})
    assert tracker.finish() is None
    assert "not tracked" in capsys.readouterr().out


def test_training_with_tracking_off_writes_nothing_to_the_tracker(trained, tracked_runs, tmp_path):
    before = {path: path.stat().st_mtime_ns for path in tracked_runs.rglob("*")}
    recorded = json.loads((trained / "reports" / "training.json").read_text())
    cfg = config_from(train.Config, recorded["config"], "training.json")
    cfg = replace(cfg, track=False, model_dir=str(tmp_path / "models"), reports_dir=str(tmp_path / "reports"))
    cwd = os.getcwd()
    os.chdir(trained)  # as `make train` runs, from the project root
    try:
        record = train.train(cfg)
    finally:
        os.chdir(cwd)
    assert record["tracking"] is None
    assert {path: path.stat().st_mtime_ns for path in tracked_runs.rglob("*")} == before
    assert not (trained / "runs").exists()
