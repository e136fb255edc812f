# Rendered from templates/_shared/include/shared/python/kit/tracking.py: edit it there, not here.
"""Experiment tracking: every run's settings, curves and final metrics, kept on this machine.

trackio (Hugging Face's local-first tracker, with wandb's `init` / `log` / `finish`) writes every run
of the project into one SQLite file under `runs/`; nothing is sent anywhere and there is nothing to
sign up for. `make dashboard` opens the runs side by side, so two runs with a changed setting
compare at a glance. Training starts a run and logs its curves (with the machine's CPU and memory
use, which trackio samples itself); evaluation adds the test metrics to the same run, and
reports/metrics.json names the run, so a number on the portfolio leads back to its curves.

`--no-track` (the `track` setting) turns it off: trackio is not even imported, nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

RUNS_DIR = Path("runs")
"""Where the project's runs are kept, beside its reports (its .gitignore keeps them out of git)."""
TRACKER = "trackio"


class Tracker:
    """One tracked run: `log` what a step or an epoch measured, `finish` at the end. Off, every
    method does nothing, so a training loop calls them without asking."""

    def __init__(self, project: str, config: dict[str, Any], enabled: bool = True, *,
                 resume: str | None = None, directory: Path = RUNS_DIR) -> None:
        """Start a run of `project` with its `config`; with `resume` (a run's name), continue that
        run (its config is written again: trackio replaces a resumed run's config)."""
        self.project, self.run = project, None
        self._trackio = None
        if not enabled:
            return
        # trackio reads its folder once, when first imported; a TRACKIO_DIR set by the user wins.
        os.environ.setdefault("TRACKIO_DIR", str(directory.resolve()))
        import trackio  # only when tracking: it takes about a second to import

        try:
            run = trackio.init(project=project, name=resume, config=config, embed=False,
                               resume="must" if resume else "never")
        except ValueError as e:  # the run to resume is not in this folder (deleted, another machine)
            print(f"note: not tracked: {e} (runs are kept in {os.environ['TRACKIO_DIR']})")
            return
        self._trackio, self.run = trackio, run.name

    def log(self, metrics: dict[str, float], step: int | None = None) -> None:
        """Record `metrics` (name -> number) at `step` (None: the step after the last one)."""
        if self._trackio is not None:
            self._trackio.log({name: float(value) for name, value in metrics.items()}, step=step)

    def finish(self) -> dict[str, str] | None:
        """Close the run (what is queued is written); what the reports record of it, or None."""
        if self._trackio is None:
            return None
        self._trackio.finish()
        self._trackio = None
        return {"tracker": TRACKER, "project": self.project, "run": self.run}


def log_results(report: dict[str, Any], config: dict[str, Any]) -> None:
    """Add a report's test metrics (`test/<name>`) to the run training tracked, if it was tracked."""
    tracking = report["provenance"].get("tracking")
    if not tracking:
        return
    tracker = Tracker(tracking["project"], config, resume=tracking["run"])
    tracker.log({f"test/{name}": value for name, value in report["metrics"].items()})
    tracker.finish()
