"""A small project that passes every readiness check, in its own git repository.

Its metrics were made at the commit that holds its code (as ``make train evaluate`` records
it), its README has every section, its model card is written by huggingface_hub from its
metrics, its demo is a tiny Gradio app with an EXAMPLE_REQUEST, and its one test passes. The
readiness tests break one thing at a time.
"""

import json
import subprocess
from pathlib import Path

import yaml
from conftest import PNG, RESUME, valid_card, valid_metrics
from huggingface_hub import EvalResult, ModelCard, ModelCardData

APP = '''"""A demo that shouts."""

import gradio as gr


def predict(text: str) -> str:
    return text.upper()


demo = gr.Interface(predict, gr.Textbox(), gr.Textbox(), api_name="predict")
EXAMPLE_REQUEST = {"api_name": "/predict", "args": ["hello"]}

if __name__ == "__main__":
    demo.launch()
'''

README = "# Digits\n\nA CNN that reads digits.\n\n" + "".join(
    f"## {title}\n\n{title} of the project, written by its author.\n\n"
    for title in ("Problem", "Data", "Approach", "Results", "Demo", "Reproduce", "Limitations and ethics")
)

PYPROJECT = '[project]\nname = "digits"\nversion = "0.1.0"\nlicense = "MIT"\nauthors = [{ name = "Ada" }]\n'


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` as a fixed author; its output."""
    command = ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", *args]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def write_model_card(root: Path, metrics: dict, licence: str = "mit") -> None:
    """MODEL_CARD.md as the templates write it: huggingface_hub's card with a model-index."""
    results = [EvalResult(task_type="image-classification", dataset_type="sklearn:digits",
                          dataset_name="digits", metric_type=name, metric_value=round(value, 4))
               for name, value in metrics["metrics"].items()]
    data = ModelCardData(license=licence, model_name=root.name, eval_results=results)
    ModelCard(f"---\n{data.to_yaml()}\n---\n\n# Digits\n\nA CNN.\n").save(root / "MODEL_CARD.md")


def write_metrics(root: Path, metrics: dict) -> None:
    (root / "reports" / "metrics.json").write_text(json.dumps(metrics, indent=2))


def make_ready_project(parent: Path, slug: str = "digits") -> Path:
    """Write the project under ``parent/slug``, commit its code, record its run at that commit."""
    root = parent / slug
    (root / "reports" / "figures").mkdir(parents=True)
    for name in ("confusion_matrix.png", "training_curves.png"):
        (root / "reports" / "figures" / name).write_bytes(PNG)
    card = valid_card() | {"repository": "https://github.com/ada/digits"}
    (root / "portfolio.yaml").write_text(yaml.safe_dump(card))
    (root / "README.md").write_text(README)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "app.py").write_text(APP)
    for rel, text in {"src/digits/__init__.py": '"""Digits."""\n', "configs/default.yaml": "lr: 0.001\n",
                      "tests/test_digits.py": "def test_adds():\n    assert 1 + 1 == 2\n",
                      ".gitignore": "__pycache__/\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    metrics = valid_metrics()
    training = {"config": metrics["provenance"]["config"], "data": {"checksum": metrics["data"]["checksum"]}}
    (root / "reports" / "training.json").write_text(json.dumps(training))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "code")
    metrics["provenance"] |= {"git_commit": git(root, "rev-parse", "--short=12", "HEAD"), "git_dirty": False}
    write_metrics(root, metrics)
    write_model_card(root, metrics)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "make train evaluate")
    return root


def write_resume(path: Path, **meta: object) -> Path:
    """The conftest's resume (real-looking data), with ``meta`` set."""
    path.write_text(yaml.safe_dump(RESUME | {"meta": meta} if meta else RESUME))
    return path
