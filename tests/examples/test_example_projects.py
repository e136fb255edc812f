"""The portfolio's own projects: valid for the site, true to their template, tests green."""

import json
import shutil

import jsonschema
import pytest
import yaml
from template_checks import ROOT, rendered_files, run_project_tests, shared_module, without_results

from showcase.contract.card import load_card
from showcase.contract.files import CARD_FILE, METRICS_FILE
from showcase.reading.project import load_project
from showcase.scaffold import new_project

PROJECTS = sorted(p.parent for p in (ROOT / "projects").glob("*/portfolio.yaml"))
ARTEFACTS = ("models", "reports", "examples")

pytestmark = pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])


def test_the_site_reads_what_the_project_wrote_and_its_own_schemas_agree(project):
    checked = load_project(project)  # raises on a card or metrics the site cannot use
    metrics = json.loads((project / METRICS_FILE).read_text())
    assert checked.headline_value == metrics["metrics"][checked.card.headline_metric]
    schemas = project / "schemas"
    card = yaml.safe_load((project / CARD_FILE).read_text())
    jsonschema.validate(card, json.loads((schemas / "portfolio.schema.json").read_text()))
    jsonschema.validate(metrics, json.loads((schemas / "metrics.schema.json").read_text()))


def test_it_regenerates_from_its_saved_answers(project, tmp_path):
    regenerated = new_project(load_card(project).kind, output_dir=tmp_path,
                              answers=project / ".cookiecutter.json")
    assert rendered_files(regenerated) == rendered_files(project)
    for rel in rendered_files(project):
        ours, theirs = (project / rel).read_text(), (regenerated / rel).read_text()
        if rel == "README.md":
            ours, theirs = without_results(ours), without_results(theirs)
        assert ours == theirs, f"{project.name}/{rel} differs from the template's rendering"


def test_reports_are_committed_small_and_consistent(project):
    size = sum(f.stat().st_size for d in ARTEFACTS for f in (project / d).rglob("*") if f.is_file())
    assert size < 5 * 2**20
    assert list((project / "models").glob("*.safetensors"))
    metrics = json.loads((project / "reports/metrics.json").read_text())
    name = load_card(project).headline_metric
    headline = metrics["metrics"][name]
    shown = shared_module("kit.reporting").format_metric(name, headline)  # as the project's README shows it
    assert f"| {shown} |" in (project / "README.md").read_text()
    assert f"{round(headline, 4)}" in (project / "MODEL_CARD.md").read_text()


def test_its_own_tests_pass(project, tmp_path):
    # Run on a copy, so the suite cannot touch the committed artefacts.
    copy = tmp_path / project.name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    run = run_project_tests(copy)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
