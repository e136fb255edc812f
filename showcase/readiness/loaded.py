"""A project as the readiness checks see it: its card and metrics, each loaded once, or the error.

Unlike ``reading.project.check_project``, which stops at the first problem (the site cannot show
a project half), the checks want everything that can be read: a project whose card is invalid
still has a README, tests and a model card worth checking.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from showcase.contract.card import Card, load_card
from showcase.contract.metrics import Metrics, load_metrics
from showcase.exceptions import ShowcaseError
from showcase.readiness.report import Verdict, failed

TRAINING_FILE = "reports/training.json"
"""What the training step wrote (the template's): the config and data it trained on."""


@dataclass(frozen=True)
class Loaded:
    """A project's root, and its card and metrics or the error each raised."""

    root: Path
    card: Card | None
    metrics: Metrics | None
    card_error: ShowcaseError | None = None
    metrics_error: ShowcaseError | None = None


def load(root: Path) -> Loaded:
    """Load the card and the metrics of the project at ``root``, keeping each error."""
    card = metrics = card_error = metrics_error = None
    try:
        card = load_card(root)
    except ShowcaseError as e:
        card_error = e
    try:
        metrics = load_metrics(root)
    except ShowcaseError as e:
        metrics_error = e
    return Loaded(root, card, metrics, card_error, metrics_error)


def error_verdict(error: ShowcaseError, root: Path) -> Verdict:
    """A failed verdict from a showcase error: its problems as the detail, its fixes as the fix,
    each on one line, paths shown relative to the project."""
    problems, fixes = [], []
    for line in str(error).replace(f"{root}/", "").splitlines():
        problem, _, fix = line.partition(" Fix: ")
        problems.append(problem.rstrip("."))
        if fix and fix not in fixes:
            fixes.append(fix.rstrip("."))
    return failed("; ".join(problems), "; ".join(fixes) or "see the detail")


def read_training(root: Path) -> dict[str, Any] | Verdict:
    """``reports/training.json`` as a mapping, or the failed verdict saying why it cannot be read."""
    path = root / TRAINING_FILE
    fix = f"run `make train evaluate` in {root}: training writes it"
    if not path.is_file():
        return failed(f"{TRAINING_FILE} is missing, so nothing shows what the model was trained on", fix)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        return failed(f"{TRAINING_FILE} is not valid JSON ({e})", fix)
    if not isinstance(data, dict):
        return failed(f"{TRAINING_FILE} is not a JSON object", fix)
    return data
