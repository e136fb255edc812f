"""The checks of what the Hub shows: the model card, its metrics, and the licence.

``MODEL_CARD.md`` is parsed with ``huggingface_hub.ModelCard``, as the Hub parses it: its
model-index must hold the numbers of ``reports/metrics.json`` (the evaluation writes both, rounded
to 4 places in the card), and its licence must be the one ``pyproject.toml`` declares.
"""

import math
from pathlib import Path

from huggingface_hub import ModelCard

from showcase.contract.files import METRICS_FILE, MODEL_CARD_FILE
from showcase.readiness.report import Verdict, failed, passed
from showcase.reading.project import ProjectFiles
from showcase.reading.pyproject import pyproject_licence

CARD_DECIMALS = 4
"""The evaluation writes each metric into the model-index rounded to 4 decimal places."""
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING")


def load_model_card(root: Path) -> ModelCard | Verdict:
    """The project's model card as the Hub reads it, or the failed verdict saying why not."""
    path = root / MODEL_CARD_FILE
    fix = f"run `make evaluate` in {root}: the evaluation writes {MODEL_CARD_FILE}"
    if not path.is_file():
        return failed(f"{MODEL_CARD_FILE} is missing", fix)
    try:
        return ModelCard.load(path)
    except Exception as e:  # noqa: BLE001 - huggingface_hub raises several kinds on bad front matter
        return failed(f"{MODEL_CARD_FILE} does not parse as a Hub model card: {e}", fix)


def check_model_card(project: ProjectFiles) -> Verdict:
    """MODEL_CARD.md parses, has a licence, and its model-index matches metrics.json."""
    card = load_model_card(project.root)
    if isinstance(card, Verdict):
        return card
    assert project.metrics is not None
    fix = f"run `make evaluate` in {project.root}: it writes the card from {METRICS_FILE}"
    if not card.data.license:
        return failed(f"{MODEL_CARD_FILE} has no `license` in its front matter", fix)
    results = {r.metric_type: r.metric_value for r in card.data.eval_results or []}
    if not results:
        return failed(f"{MODEL_CARD_FILE} has no model-index, so the Hub shows no metrics", fix)
    expected = project.metrics.metrics
    wrong = [f"{name} {results[name]} vs {round(value, CARD_DECIMALS)}" for name, value in expected.items()
             if name in results and not _same(results[name], value)]
    wrong += [f"{name} missing" for name in expected if name not in results]
    wrong += [f"{name} not in {METRICS_FILE}" for name in results if name not in expected]
    if wrong:
        return failed(f"the model-index disagrees with {METRICS_FILE}: {', '.join(wrong)}", fix)
    return passed(f"licence {card.data.license}; the model-index holds the {len(expected)} metrics "
                  f"of {METRICS_FILE}")


def _same(shown: object, value: float) -> bool:
    """Whether the card's number is the metric, rounded as the evaluation rounds it."""
    return isinstance(shown, int | float) and math.isclose(shown, value, abs_tol=0.51 * 10**-CARD_DECIMALS)


def check_licence(project: ProjectFiles) -> Verdict:
    """The code's licence (pyproject.toml) and the model's (the card) are given, and the same."""
    code = pyproject_licence(project.root)
    if code is None:
        return failed("pyproject.toml declares no licence",
                      'set `license = "MIT"` (or your SPDX id) under [project] in pyproject.toml')
    card = load_model_card(project.root)
    model = None if isinstance(card, Verdict) else card.data.license
    if not model:
        return failed(f"{MODEL_CARD_FILE} declares no licence (pyproject.toml says {code})",
                      f"run `make evaluate` in {project.root}: it writes the card with the project's licence")
    if str(model).lower() != code.lower():  # the Hub's ids are SPDX ids in lower case
        return failed(f"pyproject.toml says {code} but {MODEL_CARD_FILE} says {model}",
                      "give both the same licence, then run `make evaluate` to write the card again")
    files = [name for name in LICENCE_FILES if (project.root / name).is_file()]
    where = f", text in {files[0]}" if files else " (no LICENSE file: the templates write none)"
    return passed(f"{code} in pyproject.toml and {MODEL_CARD_FILE}{where}")
