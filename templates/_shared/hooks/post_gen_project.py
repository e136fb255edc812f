"""Keep the files of the demo app and the model the owner chose, remove the others', and say what to
do next.

Every kind's template holds both demo apps' files; `demo_ui` picks one. Removing the other's here
keeps the template's file names plain, and works for a folder (`.streamlit/`), which a Jinja
condition in its name cannot drop (templates/README.md says why).

A kind that offers a choice of model (`model`: text `ngram` or `transformer`, image `cnn` or
`pretrained`) keeps each model's own files in `variants/<model>/`, laid out as the project is: the
chosen folder's files move into place and `variants/` goes. Files every model shares stay where they
are. Cookiecutter renders this file with Jinja and runs it in the new project's folder.
"""

import os
import shlex
import shutil
import sys
from pathlib import Path

# Each demo app's own files, the one list of them (tests/templates/answer_sets.py imports it); the
# pre-generation hook has checked that DEMO_UI is one of these.
UI_FILES = {
    "gradio": ["app.py", "tests/test_app.py"],
    "streamlit": ["streamlit_app.py", "tests/test_streamlit_app.py", "Dockerfile", ".streamlit/config.toml"],
}
DEMO_UI = "{{ cookiecutter.demo_ui }}"
VARIANTS = "variants"
MODEL = "{{ cookiecutter.get('model', '') }}"  # empty for a kind with one model


def remove_other_uis(project: Path, chosen: str) -> None:
    """Delete the files of every demo app but `chosen`, and a folder that holds nothing else
    (`.streamlit/`)."""
    for ui, names in UI_FILES.items():
        if ui == chosen:
            continue
        for path in (project / name for name in names):
            path.unlink()
            if path.parent != project and not any(path.parent.iterdir()):
                path.parent.rmdir()


def apply_model_variant(project: Path, chosen: str) -> None:
    """Move `variants/<chosen>/`'s files to the same places in the project, then drop `variants/`.

    An answer with no folder (a typo in a saved answers file) stops generation with the choices.
    """
    variants = project / VARIANTS
    if not variants.is_dir():
        return
    choices = sorted(folder.name for folder in variants.iterdir() if folder.is_dir())
    if chosen not in choices:
        sys.exit(f"error: model {chosen!r} is not a model this template makes: choose "
                 f"{' or '.join(map(repr, choices))}. Nothing was generated.")
    source = variants / chosen
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = project / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    shutil.rmtree(variants)


SHOWCASE_NEW = "SHOWCASE_NEW"
"""Set by `showcase new`, which renders into a scratch folder and says itself where the project went
(only once it is in place: a project that already exists is refused after this hook has run)."""


def next_steps(project: Path) -> str:
    """What to do next, with the project's path as the person typed from (cookiecutter runs this
    hook inside the project, so the shell's own folder, $PWD, is the one to start from)."""
    start = os.environ.get("PWD") or os.getcwd()
    where = os.path.relpath(project, start) if project.is_relative_to(Path(start).resolve()) else str(project)
    return (
        f"\nCreated {where}. Next:\n"
        f"  cd {shlex.quote(where)}\n"
        "  make install      # a .venv with the project and its pinned dependencies\n"
        "  make train evaluate\n"
        "  make test && make demo\n"
    )


if __name__ == "__main__":
    apply_model_variant(Path.cwd(), MODEL)
    remove_other_uis(Path.cwd(), DEMO_UI)
    if os.environ.get(SHOWCASE_NEW) != "1":
        print(next_steps(Path.cwd().resolve()))
