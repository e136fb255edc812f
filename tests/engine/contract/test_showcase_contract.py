"""The project <-> showcase contract is defined once and every copy of it agrees.

The exported JSON Schemas in the shared template parts match the models, the kinds are
the same everywhere (contract, card, templates menu, template folders), and the example
projects' files meet the contract.
"""

import json
import typing
from pathlib import Path

import pytest
import yaml

from showcase.contract import files
from showcase.contract.card import Card, Kind
from showcase.contract.metrics import Metrics
from showcase.contract.schema import SHARED_CONTRACT, contract_files, export, stale_files
from showcase.scaffold import available_kinds

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = REPO / "templates"
PROJECTS = sorted(p for p in (REPO / "projects").iterdir() if (p / files.CARD_FILE).is_file())


def test_exported_contract_is_current():
    stale = stale_files(TEMPLATES)
    assert stale == [], (
        f"{TEMPLATES / SHARED_CONTRACT}: {', '.join(stale)} out of date with showcase/contract. "
        "Fix: run `python -m showcase.contract.schema` and commit the result."
    )


def test_stale_files_sees_a_change(tmp_path):
    assert sorted(stale_files(tmp_path)) == sorted(contract_files())  # nothing exported yet
    export(tmp_path)
    assert stale_files(tmp_path) == []
    (tmp_path / SHARED_CONTRACT / "contract.json").write_text("{}\n")
    assert stale_files(tmp_path) == ["contract.json"]


def test_kinds_agree_everywhere():
    menu = json.loads((TEMPLATES / "cookiecutter.json").read_text(encoding="utf-8"))["templates"]
    assert typing.get_args(Kind) == files.KINDS, "the card's kinds are the contract's"
    assert tuple(menu) == files.KINDS, "templates/cookiecutter.json lists the contract's kinds, in order"
    assert [entry["path"] for entry in menu.values()] == [f"./{kind}" for kind in files.KINDS]
    assert sorted(available_kinds(TEMPLATES)) == sorted(files.KINDS), "one template folder per kind"
    exported = json.loads((TEMPLATES / SHARED_CONTRACT / "contract.json").read_text(encoding="utf-8"))
    assert exported["kinds"] == list(files.KINDS)


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_example_projects_meet_the_contract(project):
    """Validated with the models the schemas are exported from (the JSON Schema check itself,
    with jsonschema, runs in each generated project's own tests)."""
    card = Card.model_validate(yaml.safe_load((project / files.CARD_FILE).read_text(encoding="utf-8")))
    metrics = Metrics.model_validate_json((project / files.METRICS_FILE).read_text(encoding="utf-8"))
    assert card.kind == metrics.task
    assert card.headline_metric in metrics.metrics


def test_there_are_example_projects():
    assert {p.name for p in PROJECTS} >= {"fashion-cnn", "imdb-sentiment", "cartpole-ppo"}
