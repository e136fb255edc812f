from dataclasses import dataclass, fields

import pytest

from digits_cnn.config import ConfigError, load_config, option
from digits_cnn.train import Config


@dataclass
class Example:
    epochs: int = option(10, "passes over the data")
    lr: float = option(0.1, "learning rate")
    augment: bool = option(True, "random distortions")
    data: str = option("a", "where the data is")


def test_yaml_then_flags_override_the_defaults(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("epochs: 3\nlr: 1\naugment: false\n")
    cfg = load_config(Example, ["--config", str(path), "--epochs", "5"])
    assert (cfg.epochs, cfg.lr, cfg.augment, cfg.data) == (5, 1.0, False, "a")


def test_flags_alone_and_booleans_from_the_command_line():
    assert load_config(Example, ["--augment", "no", "--lr", "0.5"]) == Example(augment=False, lr=0.5)


@pytest.mark.parametrize("text, problem", [
    ("epoch: 3\n", "unknown field"),
    ("epochs: three\n", "must be int"),
    ("augment: 2\n", "true or false"),
    ("- a list\n", "mapping"),
    ("epochs: [\n", "not valid YAML"),
])
def test_bad_config_files_name_the_file_and_field(tmp_path, text, problem):
    path = tmp_path / "run.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=problem) as error:
        load_config(Example, ["--config", str(path)])
    assert str(path) in str(error.value)


def test_the_shipped_config_sets_real_fields_and_every_field_has_help():
    cfg = load_config(Config, ["--config", "configs/default.yaml"])
    assert isinstance(cfg, Config)
    assert all(field.metadata.get("help") for field in fields(Config))

