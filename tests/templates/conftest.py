"""What every template test here needs."""

import pytest
from template_checks import SHARED


@pytest.fixture(autouse=True)
def names_extension_importable(monkeypatch):
    """The kinds' cookiecutter.json loads the `hooks.pre_gen_project` Jinja extension, which
    cookiecutter imports from the template folder it puts on sys.path. pytest-cookies renders
    the answers once more on its own, without that path: give it the same module."""
    monkeypatch.syspath_prepend(str(SHARED))
