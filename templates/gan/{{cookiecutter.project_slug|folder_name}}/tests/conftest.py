"""Shared fixtures: a tiny trained generator, made offline in a temp folder."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from {{ cookiecutter.package_name }} import train  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]


# Rendered from templates/_shared/include/shared/tests/tracked_runs.py: edit it there, not here.
{% include "shared/tests/tracked_runs.py" %}

@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> Path:
    """A project copy with a generator trained for a few epochs on 400 digits (seconds)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("README.md", "portfolio.yaml", "schemas/contract.json"):  # what evaluation reads
        (root / name).parent.mkdir(parents=True, exist_ok=True)                # besides the model
        shutil.copy(PROJECT / name, root / name)
    train.main(["--limit", "400", "--epochs", "4",
{%- if cookiecutter.dataset != "digits" %}
                # the built-in digits at their own size, whatever this project's data: offline, seconds
                "--data", "sklearn:digits", "--image-size", "0", "--width", "32", "--disc-width", "32",
{%- endif %}
                "--model-dir", str(root / "models"), "--reports-dir", str(root / "reports")])
    return root
