# Rendered from templates/_shared/include/shared/python/kit/config.py: edit it there, not here.
"""Configuration: a dataclass holds every setting and its default; a YAML file and flags change some.

Precedence is dataclass defaults < YAML files (`--config FILE`, repeatable: later files win) <
command-line flags. The defaults live in the dataclass only, so a YAML file holds just what a run
changes (a quick run, a local data set: `--config configs/quick.yaml --config configs/local.yaml`
combines them), and the resolved config is written to reports/training.json, so every report says
what ran.

tyro (the command-line library CleanRL uses) turns the dataclass into flags, and each field's
docstring becomes that flag's `--help`. pydantic checks a YAML file's values against the
fields' types, so a bad file stops with its name, the field and what was expected.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import shlex
from pathlib import Path
from typing import Any, TypeVar

import tyro
import yaml
from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")

CONFIG_FLAG_HELP = ("--config FILE: a YAML file of `field: value` lines, applied over the defaults "
                    "below; give it again for more files (later files win); flags override them.")
REPRODUCE_ENV = "REPRODUCE"
"""Set by `make train` to the make command that repeats the run (`make train evaluate CONFIG=...`)."""


class ConfigError(ValueError):
    """Raised when a config file, or a config stored in a report, does not fit the fields."""


def read_yaml(path: Path) -> Any:
    """The YAML file's content (an empty file is an empty mapping)."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({e})") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not a text file ({e})") from e


def config_from(cls: type[T], values: Any, source: str) -> T:
    """`cls` from a mapping of field: value, each value checked against its field's type.

    Fields the mapping leaves out keep their defaults. `source` says where the mapping came
    from (a YAML file, reports/training.json), for the error message.
    """
    if not isinstance(values, dict):
        raise ConfigError(f"{source}: expected a mapping of `field: value` lines, "
                          f"got {type(values).__name__}")
    names = [field.name for field in dataclasses.fields(cls)]
    for key in values:
        if key not in names:
            close = difflib.get_close_matches(str(key), names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(f"{source}: unknown field '{key}'; {hint}the fields are {', '.join(names)}")
    try:
        return TypeAdapter(cls).validate_python(values)
    except ValidationError as e:
        problems = [f"field '{'.'.join(map(str, error['loc']))}': {error['msg'].lower()}, "
                    f"got {error['input']!r}" for error in e.errors()]
        raise ConfigError(f"{source}: {'; '.join(problems)}") from None


def load_config(cls: type[T], argv: list[str] | None = None, description: str = "") -> T:
    """`cls` from its defaults, then each `--config FILE` in turn, then `--field value` flags
    (see `--help`)."""
    first = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    first.add_argument("--config", type=Path, action="append", default=[])
    known, flags = first.parse_known_args(argv)
    base = cls()
    for path in known.config:
        # Each file changes the config the files before it made; a field it leaves out stays.
        values = read_yaml(path)
        if isinstance(values, dict):
            values = {**_as_values(base), **values}
        base = config_from(cls, values, str(path))
    return tyro.cli(cls, args=flags, default=base, description=f"{description}\n{CONFIG_FLAG_HELP}")


def _as_values(cfg: Any) -> dict[str, Any]:
    return {field.name: getattr(cfg, field.name) for field in dataclasses.fields(cfg)}


def as_flags(cfg: Any) -> list[str]:
    """The command-line flags that turn the defaults into `cfg`: only the fields it changes."""
    defaults, flags = type(cfg)(), []
    for field in dataclasses.fields(cfg):
        value = getattr(cfg, field.name)
        if value == getattr(defaults, field.name):
            continue
        name = field.name.replace("_", "-")
        if isinstance(value, bool):
            flags.append(f"--{name}" if value else f"--no-{name}")
        elif isinstance(value, (tuple, list)):  # tyro reads a sequence as the values after its flag
            flags += [f"--{name}", *map(str, value)]
        else:
            flags += [f"--{name}", str(value)]
    return flags


def reproduce_command(cfg: Any, package: str) -> str:
    """The command that repeats this run, training and evaluation, for the reports to quote.

    `make train` passes its own in $REPRODUCE (`make train evaluate CONFIG=... ARGS=...`); run any
    other way, it is the Python commands with the flags of every setting this run changed.
    """
    if command := os.environ.get(REPRODUCE_ENV, "").strip():
        return command
    train = shlex.join(["python", "-m", f"{package}.train", *as_flags(cfg)])
    return f"{train} && python -m {package}.evaluate"
