"""Shared helpers for reading a project file and explaining why it is invalid.

``cards.py`` and ``metrics.py`` use them so that every message has the same
shape: ``<file>: field `a.b`: <what is wrong>. Expected: <...>. Fix: <...>``.
"""

import types
import typing
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ValidationError
from pydantic_core import ErrorDetails

from showcase.exceptions import ShowcaseError


def _check_relative(value: str) -> str:
    """Accept a POSIX path inside the project root (no absolute path, no ``..``)."""
    path = PurePosixPath(value)
    if not value or path.is_absolute() or ".." in path.parts or "\\" in value:
        raise ValueError("not a path inside the project, like reports/figures/loss.png")
    return path.as_posix()


RelativePath = Annotated[str, AfterValidator(_check_relative)]
"""A file path relative to the project root, with forward slashes."""


def dotted(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into a field path like ``skills[2]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside ``Model``, ``Model | None`` or ``list[Model]``, else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            if (found := _submodel(arg)) is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model that holds the fields at ``loc`` (list indices are skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        current = _submodel(current.model_fields[part].annotation)
    return current


def field_description(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """The ``Field(description=...)`` of the field at ``loc``, if it has one."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return None
    parent = _model_at(model, tuple(names[:-1]))
    if parent is None or names[-1] not in parent.model_fields:
        return None
    return parent.model_fields[names[-1]].description


def _short(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _explain(item: ErrorDetails, model: type[BaseModel], field: str) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one pydantic error."""
    kind = item["type"]
    if kind == "missing":
        return "missing", f"add `{field}`"
    if kind == "extra_forbidden":
        parent = _model_at(model, item["loc"][:-1])
        allowed = ", ".join(parent.model_fields) if parent is not None else "see the docs"
        return "unknown field", f"remove it or correct its spelling (allowed here: {allowed})"
    if "fix" in item.get("ctx", {}):  # a custom error that says its own fix
        return item["msg"], item["ctx"]["fix"]
    if kind == "string_pattern_mismatch":
        return f"{_short(item['input'])} has the wrong form", f"change `{field}`"
    message = item["msg"].removeprefix("Value error, ")
    return f"{message} (got {_short(item['input'])})", f"change `{field}`"


def describe(path: Path, error: ValidationError, model: type[BaseModel]) -> str:
    """Explain every problem in ``error``, one line each, naming ``path`` and the field."""
    lines = []
    for item in error.errors():
        field = dotted(item["loc"])
        problem, fix = _explain(item, model, field)
        expected = field_description(model, item["loc"])
        if expected is not None and item["type"] != "extra_forbidden" and "fix" not in item.get("ctx", {}):
            fix += f" to {expected}" if fix.startswith("change") else f": {expected}"
        lines.append(f"{path}: field `{field}`: {problem}. Fix: {fix}.")
    return "\n".join(lines)


def read_yaml_mapping(
    path: Path,
    error: type[ShowcaseError],
    missing_fix: str = "create it (`showcase new KIND` writes one), or remove the project directory",
) -> dict:
    """Read ``path`` as a YAML (or JSON) mapping; raise ``error`` if it is missing or not one."""
    if not path.is_file():
        raise error(f"{path}: file not found. Fix: {missing_fix}.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        where = ""
        if (mark := getattr(e, "problem_mark", None)) is not None:
            where = f" (line {mark.line + 1}, column {mark.column + 1})"
        problem = getattr(e, "problem", None) or str(e)
        raise error(f"{path}: invalid YAML{where}: {problem}. Fix: correct the syntax.") from e
    except UnicodeDecodeError as e:
        raise error(f"{path}: not UTF-8 text. Fix: save it as UTF-8.") from e
    if not isinstance(data, dict):
        raise error(
            f"{path}: expected a mapping of fields (key: value) at the top level, "
            f"got {type(data).__name__}. Fix: write one `key: value` per line."
        )
    return data


class _MkDocsLoader(yaml.SafeLoader):
    """YAML as MkDocs writes it: tags such as ``!ENV`` or ``!!python/name:`` are read as nothing."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yaml(path: Path) -> dict:
    """``mkdocs.yml`` as a mapping (empty if it holds none), its tags read as nothing: for the few
    settings showcase itself reads (site name and address, the plugin's resume), without MkDocs.

    Raises:
        OSError: the file cannot be read.
        yaml.YAMLError: it is not YAML.
    """
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506 - safe loader
    return data if isinstance(data, dict) else {}
