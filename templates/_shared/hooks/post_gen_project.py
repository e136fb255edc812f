"""Tell the owner what to do next."""

print(
    "\nCreated {{ cookiecutter.project_slug }}. Next:\n"
    "  cd {{ cookiecutter.project_slug }}\n"
    "  make install      # a .venv with the project and its pinned dependencies\n"
    "  make train evaluate\n"
    "  make test && make demo\n"
)
