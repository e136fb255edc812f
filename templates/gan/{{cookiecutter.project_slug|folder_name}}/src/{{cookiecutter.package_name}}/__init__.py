"""{{ cookiecutter.project_name }}: the data, model, training, evaluation and inference code."""
