# Rendered from templates/_shared/include/shared/tests/kit/test_config.py: edit it there, not here.
"""The project's settings: defaults in train.Config, a run's changes in configs/*.yaml or flags."""

import re
from dataclasses import fields
from pathlib import Path

import pytest

from lunar_lander_ppo import train
from lunar_lander_ppo.kit.config import REPRODUCE_ENV, as_flags, load_config, reproduce_command
from lunar_lander_ppo.train import Config

CONFIGS = sorted((Path(__file__).resolve().parents[2] / "configs").glob("*.yaml"))


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


def test_several_config_files_apply_in_order_later_files_winning(tmp_path):
    first, second = tmp_path / "quick.yaml", tmp_path / "local.yaml"
    first.write_text("seed: 3\nmodel_dir: quick\n")
    second.write_text("model_dir: local\nreports_dir: local-reports\n")
    cfg = load_config(Config, ["--config", str(first), "--config", str(second)])
    assert (cfg.seed, cfg.model_dir, cfg.reports_dir) == (3, "local", "local-reports")
    # a field the later file leaves out keeps the earlier file's value, not the default
    swapped = load_config(Config, ["--config", str(second), "--config", str(first)])
    assert swapped.reports_dir == "local-reports"


def test_an_error_in_the_second_config_file_names_that_file(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("seed: 3\n")
    bad.write_text("seedd: 4\n")
    named = rf"{re.escape(str(bad))}: unknown field 'seedd'; did you mean 'seed'"
    with pytest.raises(SystemExit, match=named):
        train.main(["--config", str(good), "--config", str(bad)])


@pytest.mark.parametrize("path", CONFIGS, ids=[path.name for path in CONFIGS])
def test_the_recorded_command_repeats_the_run(path, monkeypatch):
    # Run other than by `make train`, the reports quote the flags of every changed setting:
    # parsing those flags gives the same config back, whatever files it came from.
    monkeypatch.delenv(REPRODUCE_ENV, raising=False)
    cfg = load_config(Config, ["--config", str(path), "--seed", "7"])
    command = reproduce_command(cfg, train.__package__)
    assert command.startswith(f"python -m {train.__package__}.train ") and "--seed 7" in command
    assert load_config(Config, as_flags(cfg)) == cfg
    assert as_flags(Config()) == []


def test_make_train_gives_its_own_command_to_record(monkeypatch):
    command = "make train evaluate CONFIG='configs/a.yaml configs/b.yaml'"
    monkeypatch.setenv(REPRODUCE_ENV, command)
    assert reproduce_command(Config(), train.__package__) == command
