"""What a project's ``pyproject.toml`` says about it that the check and deploy both read."""

import tomllib
from pathlib import Path


def pyproject_licence(root: Path) -> str | None:
    """The licence ``pyproject.toml`` declares (an SPDX id, or the text or file it names)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    licence = project.get("license")
    if isinstance(licence, dict):
        licence = licence.get("text") or licence.get("file")
    return licence if isinstance(licence, str) and licence.strip() else None
