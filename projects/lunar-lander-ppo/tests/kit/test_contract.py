# Rendered from templates/_shared/include/shared/tests/kit/test_contract.py: edit it there, not here.
"""The project keeps its contract with the portfolio site, held in schemas/ (exported by the showcase)."""

import json
from pathlib import Path

import jsonschema
import yaml

from lunar_lander_ppo.kit import reporting

PROJECT = Path(__file__).resolve().parents[2]
CONTRACT = json.loads((PROJECT / "schemas/contract.json").read_text(encoding="utf-8"))


def test_the_card_passes_the_schema():
    card = yaml.safe_load((PROJECT / reporting.CARD_FILE).read_text(encoding="utf-8"))
    schema = json.loads((PROJECT / "schemas/portfolio.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(card, schema)  # raises, naming the field, on a mismatch
    assert card["kind"] in CONTRACT["kinds"]


def test_the_projects_file_names_and_markers_are_the_contracts():
    assert CONTRACT["files"] == {
        "card": reporting.CARD_FILE, "metrics": reporting.METRICS_FILE, "figures": reporting.FIGURES_DIR,
        "model_card": reporting.MODEL_CARD_FILE, "readme": reporting.README_FILE,
    }
    assert CONTRACT["markers"] == {"results_start": reporting.RESULTS_START,
                                   "results_end": reporting.RESULTS_END}
    assert CONTRACT["percent_metrics"] == list(reporting.PERCENT_METRICS)  # the site formats the same way
    readme = (PROJECT / reporting.README_FILE).read_text(encoding="utf-8")
    assert readme.count(reporting.RESULTS_START) == readme.count(reporting.RESULTS_END) == 1
