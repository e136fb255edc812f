"""{{ cookiecutter.project_name }}: the environments, agent, PPO training, evaluation and inference code."""
