import pytest

from digits_cnn.config import ConfigError
from digits_cnn.train import Config, load_config


def test_yaml_then_flags_override_the_defaults(tmp_path):
    path = tmp_path / "run.yaml"
    path.write_text("epochs: 3\nlr: 1\naugment: false\n")
    cfg = load_config(Config, ["--config", str(path), "--epochs", "5"])
    assert (cfg.epochs, cfg.lr, cfg.augment) == (5, 1.0, False)
    assert cfg.seed == Config().seed


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
        load_config(Config, ["--config", str(path)])
    assert str(path) in str(error.value)


def test_the_shipped_config_loads():
    cfg = load_config(Config, ["--config", "configs/default.yaml"])
    assert cfg == Config(**{**cfg.__dict__})

