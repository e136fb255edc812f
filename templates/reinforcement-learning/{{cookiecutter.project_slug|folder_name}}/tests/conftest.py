"""Shared fixtures: a tiny trained agent, made offline in a temp folder in a few seconds."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # pygame draws off-screen

from {{ cookiecutter.package_name }} import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
TINY_RUN = 8192  # environment steps: 32 iterations, a few seconds; the agent doubles its return


# Rendered from templates/_shared/include/shared/tests/tracked_runs.py: edit it there, not here.
{% include "shared/tests/tracked_runs.py" %}

@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with an agent trained on CartPole-v1 for TINY_RUN steps."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml", "schemas/contract.json"):  # what evaluation reads
        (root / name).parent.mkdir(parents=True, exist_ok=True)                # besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--env-id", "CartPole-v1", "--total-timesteps", str(TINY_RUN),
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
