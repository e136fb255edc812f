"""Configuration: one dataclass, read from a YAML file, overridable from the command line.

Precedence is dataclass defaults < YAML file < command-line flags, so a run is
described completely by `configs/default.yaml` plus the flags you typed. Each
field's `help` becomes its `--flag` help, as in CleanRL.
"""

from __future__ import annotations

import argparse
import dataclasses
import typing
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class ConfigError(ValueError):
    """Raised when the YAML file or a flag does not fit the config's fields."""


def option(default: Any, help: str) -> Any:
    """A config field with its default and the sentence that explains it."""
    return dataclasses.field(default=default, metadata={"help": help})


def _parse_bool(text: str) -> bool:
    if text.lower() in {"1", "true", "yes", "on"}:
        return True
    if text.lower() in {"0", "false", "no", "off"}:
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def _coerce(name: str, value: Any, kind: type, source: str) -> Any:
    """Check one YAML value against the field's type (an int is accepted as a float)."""
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is bool and not isinstance(value, bool):
        raise ConfigError(f"{source}: field '{name}' must be true or false, got {value!r}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{source}: field '{name}' must be {kind.__name__}, got {value!r}")
    return value


def read_yaml(path: Path, cls: type) -> dict[str, Any]:
    """The YAML file's values, checked against the fields of `cls`."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({e})") from e
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: expected a mapping of field: value")
    hints = typing.get_type_hints(cls)
    unknown = sorted(set(values) - set(hints))
    if unknown:
        raise ConfigError(f"{path}: unknown field(s) {unknown}; valid fields: {sorted(hints)}")
    return {k: _coerce(k, v, hints[k], str(path)) for k, v in values.items()}


def load_config(cls: type[T], argv: list[str] | None = None, description: str = "") -> T:
    """Build `cls` from `--config FILE` and `--field value` flags."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", type=Path, help="YAML file with values for the fields below")
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        kind = hints[field.name]
        parser.add_argument(
            "--" + field.name.replace("_", "-"),
            dest=field.name,
            type=_parse_bool if kind is bool else kind,
            default=argparse.SUPPRESS,
            help=f"{field.metadata.get('help', '')} (default: {field.default})",
        )
    flags = vars(parser.parse_args(argv))
    path = flags.pop("config")
    values = read_yaml(path, cls) if path else {}
    values.update(flags)
    return cls(**values)

