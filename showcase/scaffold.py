"""Create a new project from one of the Cookiecutter templates in ``templates/``.

Usage: ``new_project("image-classification", no_input=True)`` returns
``Path("projects/<slug>")``; ``showcase new KIND`` is the same from the shell.
"""

import shutil
import tempfile
from pathlib import Path
from typing import Any

from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter

from showcase.exceptions import TemplateError

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
"""The repository's templates: one subdirectory per project kind."""


def available_kinds(templates_dir: Path | str | None = None) -> list[str]:
    """The project kinds: subdirectories holding a ``cookiecutter.json``.

    Names starting with ``_`` (shared snippets) are not kinds.
    """
    root = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
    if not root.is_dir():
        return []
    return sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith("_") and (p / "cookiecutter.json").is_file()
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
        templates_dir: the templates root; defaults to the repository's ``templates/``.
        answers: a project's ``.cookiecutter.json``, to regenerate it with the same answers.

    Raises:
        TemplateError: unknown kind, or Cookiecutter failed (a hook rejected the
            answers, the project already exists, ...).
    """
    root = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
    kinds = available_kinds(root)
    if kind not in kinds:
        raise TemplateError(
            f"{root}: unknown project kind {kind!r}. "
            f"Fix: use one of {', '.join(kinds) or '(none found: is templates/ there?)'}."
        )
    template = root / kind
    output = Path(output_dir)
    output.mkdir(parents=True, exist_ok=True)
    # Render into a scratch folder beside the target and move the result into place only
    # when every step (hooks included) succeeded: a failure never leaves half a project.
    with tempfile.TemporaryDirectory(dir=output, prefix=".showcase-new-") as scratch:
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
        except (CookiecutterException, OSError) as e:
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


def _explain(error: Exception) -> str:
    """Cookiecutter's exception as a sentence; a hook's own message was already printed."""
    if isinstance(error, FailedHookException):
        return "the template rejected the answers (see the messages above)"
    return f"{type(error).__name__}: {error}"
