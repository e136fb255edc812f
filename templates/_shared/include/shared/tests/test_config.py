"""The project's settings: defaults in train.Config, a run's changes in configs/*.yaml or flags."""

import re
from dataclasses import fields
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import train
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.train import Config

CONFIGS = sorted((Path(__file__).resolve().parents[1] / "configs").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=[path.name for path in CONFIGS])
def test_each_shipped_config_changes_real_fields(path):
    # An unknown field or a wrong type would raise ConfigError; a file that changes nothing is noise.
    assert load_config(Config, ["--config", str(path)]) != Config()


def test_flags_override_the_config_file(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("epochs: 3\nseed: 7\n")
    cfg = load_config(Config, ["--config", str(path), "--epochs", "5"])
    assert (cfg.epochs, cfg.seed, cfg.data) == (5, 7, Config().data)


def test_every_setting_has_help_text(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # one line per option
    with pytest.raises(SystemExit):
        load_config(Config, ["--help"])
    options = [line.strip("│ ") for line in capsys.readouterr().out.splitlines()]  # boxed on a terminal
    for field in fields(Config):
        flag = "--" + field.name.replace("_", "-")
        (line,) = [line for line in options if re.match(rf"{flag}[ ,]", line)]
        described = re.split(r"\s{2,}", line)[1]  # flag and type, then the help
        assert not described.startswith("(default"), f"{field.name} has no docstring in train.Config"


def test_a_bad_config_file_stops_training_with_its_name_and_field(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("epochs: many\n")
    with pytest.raises(SystemExit, match=rf"{re.escape(str(path))}: field 'epochs'"):
        train.main(["--config", str(path)])
