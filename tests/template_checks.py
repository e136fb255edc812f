"""Checks every template kind shares: render, exact file set, no Jinja left, own tests pass."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
SHARED = TEMPLATES / "_shared"
SHARED_PYTHON = SHARED / "include" / "shared" / "python"
CONTRACT = SHARED / "include" / "shared" / "contract"
# Outputs of a project's own run, and local data (data/, git-ignored): not what a template renders.
RUN_OUTPUTS = ("models", "reports", "examples", "MODEL_CARD.md", ".venv", "data")
# Tools' caches, wherever they sit (the project's .gitignore keeps them out of git too).
CACHES = {"__pycache__", ".pytest_cache", ".ruff_cache"}
# Jinja's delimiters; `${{ ... }}` is a GitHub Actions expression (the workflows), not a leftover.
JINJA_LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#")
RESULTS_SECTION = re.compile(r"<!-- results:start -->.*?<!-- results:end -->", re.S)

OFFLINE_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "MPLBACKEND": "Agg",
}


def rendered_files(project: Path) -> set[str]:
    """Paths of the project's files, relative, without run outputs or caches."""
    return {
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.is_file()
        and not any(part in CACHES or part.endswith(".egg-info") for part in p.parts)
        and p.relative_to(project).parts[0] not in RUN_OUTPUTS
    }


def leftover_jinja(project: Path) -> list[str]:
    """Files (or file names) that still hold template syntax."""
    found = []
    for rel in sorted(rendered_files(project)):
        if JINJA_LEFTOVER.search(rel) or JINJA_LEFTOVER.search((project / rel).read_text()):
            found.append(rel)
    return found


def run_project_tests(project: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """The project's own pytest suite, in this interpreter's environment, offline."""
    env = {**os.environ, **OFFLINE_ENV}
    env.pop("MODEL_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )


def without_results(readme: str) -> str:
    """A README with its generated results section blanked out."""
    return RESULTS_SECTION.sub("<!-- results -->", readme)


def shared_module(name: str) -> types.ModuleType:
    """A module of templates/_shared/include/shared/python, imported where it lives.

    The modules import each other relatively (`from .runtime import ...`), as they do once
    rendered into a project's package; here a synthetic package whose __path__ is that
    folder stands in for the project's package.
    """
    package = "template_shared_python"
    if package not in sys.modules:
        module = types.ModuleType(package)
        module.__path__ = [str(SHARED_PYTHON)]
        sys.modules[package] = module
    return importlib.import_module(f"{package}.{name}")


def pre_gen_hook() -> types.ModuleType:
    """templates/_shared/hooks/pre_gen_project.py, imported as a plain module (not rendered)."""
    return _hook("pre_gen_project")


def post_gen_hook() -> types.ModuleType:
    """templates/_shared/hooks/post_gen_project.py, imported as a plain module (not rendered): the
    home of UI_FILES."""
    return _hook("post_gen_project")


def _hook(stem: str) -> types.ModuleType:
    name = f"template_{stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SHARED / "hooks" / f"{stem}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
