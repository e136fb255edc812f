"""A project's published experiment dashboard: its tracked runs, synced to a static Space.

Training logs every run into the project's ``runs/`` (trackio, one SQLite file per trackio project,
kit/tracking.py in the project); ``reports/metrics.json`` names the run behind the numbers. With
``dashboard: true`` in deploy.yaml, deploy hands that file to ``trackio.sync(..., sdk="static")``,
which creates the card's ``dashboard`` Space (a static Space: free) and uploads the runs. Trackio
reads its folder from ``TRACKIO_DIR`` once, at import, so each sync runs in its own process.
``runs/`` is not in git: a dashboard is published from the machine that trained.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from showcase.contract.files import CARD_FILE, METRICS_FILE, space_page
from showcase.exceptions import DeployError
from showcase.reading.project import Project

RUNS_DIR = "runs"
"""Where a project's tracked runs are (the projects' kit/tracking.py RUNS_DIR)."""
SYNC_TIMEOUT_S = 600


@dataclass(frozen=True)
class Dashboard:
    """One project's runs and the Space they go to."""

    slug: str
    tracker_project: str
    """The tracker's project name, as metrics.json's provenance records it."""
    runs_dir: Path
    space: str

    @property
    def database(self) -> Path:
        return self.runs_dir / f"{self.tracker_project}.db"

    @property
    def url(self) -> str:
        return space_page(self.space)


def dashboard_of(project: Project) -> Dashboard:
    """What publishing ``project``'s dashboard needs, checked: the card's Space, a tracked run,
    the runs' file here.

    Raises:
        DeployError: one of them is missing, with the fix.
    """
    card, tracking = project.card, project.metrics.provenance.tracking
    if not card.dashboard:
        raise DeployError(f"{project.root / CARD_FILE}: field `dashboard` is empty, but deploy.yaml asks "
                          f"to publish the dashboard of {project.slug}. Fix: set it to a Space id, e.g. "
                          f"your-hf-user/{project.slug}-runs.")
    if tracking is None:
        raise DeployError(f"{project.root / METRICS_FILE}: the run was not tracked (no "
                          "`provenance.tracking`). Fix: train and evaluate again with tracking on "
                          "(the default), or set `dashboard: false` in deploy.yaml.")
    dashboard = Dashboard(project.slug, tracking.project, project.root / RUNS_DIR, card.dashboard)
    if not dashboard.database.is_file():
        raise DeployError(f"{dashboard.database}: not found; the runs stay on the machine that trained "
                          "(runs/ is not in git). Fix: deploy from that machine, or set `dashboard: "
                          "false` in deploy.yaml.")
    return dashboard


def sync_command(dashboard: Dashboard) -> list[str]:
    """trackio's own sync, in a process of its own (TRACKIO_DIR is read once, at import)."""
    call = (f"import trackio; trackio.sync(project={dashboard.tracker_project!r}, "
            f"space_id={dashboard.space!r}, sdk='static', force=True)")
    return [sys.executable, "-c", call]


def sync(dashboard: Dashboard) -> None:
    """Create or update the dashboard's static Space from the runs.

    Raises:
        RuntimeError: trackio failed; its last line (where the Hub's message ends up). Deploy words
            it and scrubs the token from it.
    """
    env = {**os.environ, "TRACKIO_DIR": str(dashboard.runs_dir.resolve())}
    done = subprocess.run(sync_command(dashboard), env=env, capture_output=True, text=True,
                          timeout=SYNC_TIMEOUT_S)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["trackio exited with no output"]
        raise RuntimeError(last[0])


Syncer = Callable[[Dashboard], None]


def describe(dashboard: Dashboard) -> str:
    """One line of the deploy plan."""
    size = dashboard.database.stat().st_size
    return (f"{dashboard.slug}'s tracked runs ({dashboard.database.name}, {size / 1e6:.1f} MB, trackio "
            f"project {json.dumps(dashboard.tracker_project)}) -> static Space {dashboard.space} (free): "
            f"trackio sync; then {dashboard.url}")
