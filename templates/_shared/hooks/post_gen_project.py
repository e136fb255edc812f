"""Keep the files of the demo app the owner chose, remove the other's, and say what to do next.

Every kind's template holds both demo apps' files; `demo_ui` picks one. Removing the other's here
keeps the template's file names plain, and works for a folder (`.streamlit/`), which a Jinja
condition in its name cannot drop (templates/README.md says why). Cookiecutter renders this file
with Jinja and runs it in the new project's folder.
"""

import shutil
from pathlib import Path

# Each demo app's own files; the pre-generation hook has checked that DEMO_UI is one of these.
UI_FILES = {
    "gradio": ["app.py", "tests/test_app.py"],
    "streamlit": ["streamlit_app.py", "tests/test_streamlit_app.py", "Dockerfile", ".streamlit"],
}
DEMO_UI = "{{ cookiecutter.demo_ui }}"


def remove_other_uis(project: Path, chosen: str) -> None:
    """Delete the files of every demo app but `chosen`."""
    for ui, names in UI_FILES.items():
        if ui == chosen:
            continue
        for path in (project / name for name in names):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


if __name__ == "__main__":
    remove_other_uis(Path.cwd(), DEMO_UI)
    print(
        "\nCreated {{ cookiecutter.project_slug }}. Next:\n"
        "  cd {{ cookiecutter.project_slug }}\n"
        "  make install      # a .venv with the project and its pinned dependencies\n"
        "  make train evaluate\n"
        "  make test && make demo\n"
    )
