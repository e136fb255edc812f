"""Create a new project from one of the Cookiecutter templates in ``templates/``.

Usage: ``new_project("image-classification", no_input=True)`` returns
``Path("projects/<slug>")``; ``showcase new KIND`` is the same from the shell.

The templates are not part of the installed package (each kind links to the shared
parts with symlinks, which a wheel would flatten into copies); they are found by a
setting, first match wins: the ``templates_dir`` argument (``--templates-dir``), the
``SHOWCASE_TEMPLATES`` environment variable, ``templates/`` of the repository checkout
the package sits in (an editable install, as ``make install`` does), ``templates/``
in the current directory (a portfolio repository's root).
"""

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter

from showcase.contract.files import KINDS
from showcase.exceptions import TemplateError

TEMPLATES_ENV = "SHOWCASE_TEMPLATES"
"""The environment variable naming the templates folder."""
CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
"""``templates/`` beside the package: there when showcase runs from its repository."""
SHOWCASE_NEW = "SHOWCASE_NEW"
"""Set while ``showcase new`` renders: the template's post-generation hook then prints nothing."""
MENU = "cookiecutter.json"
"""A templates folder holds the menu of kinds (``cookiecutter templates/`` reads it)."""


def find_templates(templates_dir: Path | str | None = None) -> Path:
    """The templates folder, by the setting described in the module docstring.

    Raises:
        TemplateError: ``templates_dir`` or ``SHOWCASE_TEMPLATES`` is not a templates
            folder, or neither is set and none is found.
    """
    given = templates_dir or os.environ.get(TEMPLATES_ENV)
    if given:
        setting = "--templates-dir" if templates_dir else TEMPLATES_ENV
        if not (Path(given) / MENU).is_file():
            raise TemplateError(
                f"{given}: not a templates folder (it has no {MENU}). "
                f"Fix: point {setting} at the portfolio repository's templates/."
            )
        return Path(given)
    for candidate in (CHECKOUT_TEMPLATES, Path("templates")):
        if (candidate / MENU).is_file():
            return candidate
    raise TemplateError(
        f"no templates found (not beside the installed package, {CHECKOUT_TEMPLATES.parent}, nor in "
        f"{Path.cwd()}). Fix: run from the portfolio repository's root, or point --templates-dir or "
        f"{TEMPLATES_ENV} at its templates/ folder."
    )


def available_kinds(templates_dir: Path | str | None = None) -> list[str]:
    """The kinds the templates folder has: subdirectories holding a ``cookiecutter.json``.

    Names starting with ``_`` (shared snippets) are not kinds.

    Raises:
        TemplateError: no templates folder is found (see ``find_templates``).
    """
    root = find_templates(templates_dir)
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith("_") and (p / MENU).is_file()
    )


def new_project(
    kind: str,
    output_dir: Path | str = "projects",
    no_input: bool = False,
    extra_context: dict[str, Any] | None = None,
    templates_dir: Path | str | None = None,
    answers: Path | str | None = None,
) -> Path:
    """Render the ``kind`` template into ``output_dir`` and return the new project's path.

    Args:
        kind: a template name, e.g. ``image-classification`` (see ``available_kinds``).
        output_dir: where the project directory is created.
        no_input: take the template's defaults (and ``extra_context``) without prompting.
        extra_context: answers that override the template's defaults.
        templates_dir: the templates folder (see ``find_templates`` for the default).
        answers: a project's ``.cookiecutter.json``, to regenerate it with the same answers.

    Raises:
        TemplateError: a kind the contract does not list, no template for it, or
            Cookiecutter failed (a hook rejected the answers, the project already exists, ...).
    """
    if kind not in KINDS:
        raise TemplateError(f"unknown project kind {kind!r}. Fix: use one of {', '.join(KINDS)}.")
    root = find_templates(templates_dir)
    template = root / kind
    if not (template / MENU).is_file():
        raise TemplateError(
            f"{template}: no template for {kind!r} (no {MENU}). Fix: point --templates-dir or "
            f"{TEMPLATES_ENV} at the portfolio repository's templates/."
        )
    output = Path(output_dir)
    output.mkdir(parents=True, exist_ok=True)
    # Render into a scratch folder beside the target and move the result into place only
    # when every step (hooks included) succeeded: a failure never leaves half a project.
    with tempfile.TemporaryDirectory(dir=output, prefix=".showcase-new-") as scratch, _quiet_hook():
        try:
            created = Path(
                cookiecutter(
                    str(template),
                    no_input=no_input,
                    extra_context=extra_context,
                    replay=str(answers) if answers else None,
                    output_dir=scratch,
                )
            )
        # ValueError: an answer that is not one of the question's choices (`--set demo_ui=tk`).
        except (CookiecutterException, OSError, ValueError) as e:
            raise TemplateError(
                f"{template}: could not generate the project into {output}: {_explain(e)}"
            ) from e
        target = output / created.name
        if target.exists():
            raise TemplateError(
                f"{target}: already exists. "
                "Fix: choose another project_slug, or move the old project away."
            )
        shutil.move(created, target)
    return target


@contextlib.contextmanager
def _quiet_hook() -> Iterator[None]:
    """Tell the post-generation hook that ``showcase new`` says where the project went (once it is
    in place), so a scratch folder's path or a refused project is never announced as created."""
    saved = os.environ.get(SHOWCASE_NEW)
    os.environ[SHOWCASE_NEW] = "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(SHOWCASE_NEW, None)
        else:
            os.environ[SHOWCASE_NEW] = saved


def next_steps(project: Path) -> str:
    """What ``showcase new`` prints once the project is in place: one set of next steps."""
    where = shlex.quote(str(project))
    return (f"Created {project}. Next:\n"
            f"  cd {where} && make install train evaluate   # its own .venv, then a run of its model\n"
            "  make install                                 # here, at the portfolio's root: the site's "
            ".venv gets the project too (showcase check, make serve)")


def _explain(error: Exception) -> str:
    """Cookiecutter's exception as a sentence; a hook's own message was already printed."""
    if isinstance(error, FailedHookException):
        return "the template rejected the answers (see the messages above)"
    return f"{type(error).__name__}: {error}"


CRUFT_FILE = ".cruft.json"
"""Where cruft keeps the template a project came from and the commit it was rendered at."""


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def own_repository(project: Path, kind: str, templates_dir: Path | str | None = None) -> str | None:
    """Make ``project`` its own git repository: ``git init``, a ``.cruft.json`` naming the templates'
    repository and commit (so ``cruft update`` brings the template's later fixes), one first commit.

    Returns a note when no ``.cruft.json`` could be written (the templates are not in a git
    repository, or have changes not committed there, so no commit reproduces this rendering).

    Raises:
        TemplateError: git is missing or refused a step.
    """
    templates = find_templates(templates_dir).resolve()
    note = None
    top = _git("rev-parse", "--show-toplevel", cwd=templates)
    if top.returncode != 0:
        note = f"{templates} is not in a git repository, so `cruft update` cannot follow it"
    elif _git("status", "--porcelain", "--", ".", cwd=templates).stdout.strip():
        note = (f"{templates} has changes not committed, so no commit reproduces this project for "
                "`cruft update`")
    else:
        root = Path(top.stdout.strip())
        # The last commit that changed the templates; cruft clones `url` and renders it there, so the
        # URL is origin's only when origin has that commit (it was pushed), else this repository.
        commit = _git("log", "-1", "--format=%H", "--", ".", cwd=templates).stdout.strip()
        origin = _git("remote", "get-url", "origin", cwd=root)
        pushed = _git("branch", "-r", "--contains", commit, cwd=root).stdout.strip()
        url = origin.stdout.strip() if origin.returncode == 0 and pushed else str(root)
        answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
        extensions = json.loads((templates / kind / MENU).read_text(encoding="utf-8")).get("_extensions", [])
        context = answers | {"_extensions": extensions, "_template": url, "_commit": commit}
        state = {"template": url, "commit": commit, "checkout": None, "context": {"cookiecutter": context},
                 "directory": (templates / kind).relative_to(root).as_posix()}
        (project / CRUFT_FILE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    for step in (("init", "-q", "-b", "main"), ("add", "-A"),
                 ("commit", "-q", "-m", f"Generated from the {kind} template")):
        try:
            result = _git(*step, cwd=project)
        except FileNotFoundError as e:
            raise TemplateError("git is not installed. Fix: install git (apt-get install git).") from e
        if result.returncode != 0:
            raise TemplateError(f"{project}: the project is there, but `git {' '.join(step)}` failed: "
                                f"{result.stderr.strip()}. Fix: set your name and e-mail for git (git config "
                                "--global user.name ...; user.email ...), then in the project: git add -A && "
                                "git commit -m 'Generated'.")
    return note


def own_repository_steps(project: Path, github_user: str) -> str:
    """What ``showcase new --own-repo`` prints: train, push to GitHub, then add it to the portfolio."""
    where = shlex.quote(str(project))
    slug = project.name
    repo = f"https://github.com/{github_user}/{slug}"
    return (f"Created {project}, its own git repository (one commit). Next:\n"
            f"  cd {where} && make install train evaluate && git add -A && git commit -m 'First run'\n"
            f"  # an empty repository named {slug} on GitHub, then:\n"
            f"  git remote add origin {repo}.git && git push -u origin main\n"
            f"  showcase add {repo}   # in the portfolio: a pinned submodule\n"
            "  cruft update   # in the project, whenever the templates get a fix (your edits are kept)")
