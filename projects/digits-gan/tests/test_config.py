# Rendered from templates/_shared/include/shared/tests/test_config.py: edit it there, not here.
"""The project's settings: defaults in train.Config, a run's changes in configs/*.yaml or flags."""

import re
from dataclasses import fields
from pathlib import Path

import pytest

from digits_gan import train
from digits_gan.config import load_config
from digits_gan.train import Config

CONFIGS = sorted((Path(__file__).resolve().parents[1] / "configs").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=[path.name for path in CONFIGS])
def test_each_shipped_config_changes_real_fields(path):
    # An unknown field or a wrong type would raise ConfigError; a file that changes nothing is noise.
    assert load_config(Config, ["--config", str(path)]) != Config()


def test_flags_override_the_config_file(tmp_path):
    # seed, model_dir and reports_dir: settings every kind's train.Config has
    path = tmp_path / "run.yaml"
    path.write_text("seed: 3\nmodel_dir: from-file\n")
    cfg = load_config(Config, ["--config", str(path), "--seed", "5"])
    assert (cfg.seed, cfg.model_dir, cfg.reports_dir) == (5, "from-file", Config().reports_dir)


def test_every_setting_has_help_text(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # no help text wrapped over lines
    with pytest.raises(SystemExit):
        load_config(Config, ["--help"])
    lines = [line.strip("│ ") for line in capsys.readouterr().out.splitlines()]  # boxed on a terminal
    for field in fields(Config):
        flag = "--" + field.name.replace("_", "-")
        (at,) = [i for i, line in enumerate(lines) if re.match(rf"{flag}[ ,]", line)]
        parts = re.split(r"\s{2,}", lines[at])  # flag and type, then the help on the same line,
        described = parts[1] if len(parts) > 1 else lines[at + 1]  # or on the next after a long flag
        assert not described.startswith("(default"), f"{field.name} has no docstring in train.Config"


def test_a_bad_config_file_stops_training_with_its_name_and_field(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("seed: many\n")
    with pytest.raises(SystemExit, match=rf"{re.escape(str(path))}: field 'seed'"):
        train.main(["--config", str(path)])
