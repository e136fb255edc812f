"""metrics.json loading, the card/metrics cross-checks and project discovery."""

import pytest
from conftest import valid_card, valid_metrics

from showcase.contract.metrics import load_metrics
from showcase.contract.skills import SKILLS, VOCABULARY, in_order, is_skill, skill_label
from showcase.exceptions import CardError, MetricsError, ShowcaseError
from showcase.reading.project import discover_projects, find_project_dirs, load_project


def test_skills_vocabulary():
    assert skill_label("mlops") == "MLOps (tests, CI, reproducibility)"
    with pytest.raises(KeyError):
        skill_label("telepathy")
    assert is_skill("cnn") and not is_skill("CNN")
    assert in_order(["evaluation", "telepathy", "cnn"]) == ["cnn", "evaluation"]  # vocabulary order
    assert list(SKILLS) == list(VOCABULARY)
    assert all(len(skill.short) <= len(skill.label) for skill in VOCABULARY.values())


def test_valid_project(make_project):
    project = load_project(make_project())
    assert project.slug == "digits"
    assert project.headline_value == pytest.approx(0.994)
    assert project.metrics.provenance.seed == 0
    assert set(project.assets()) == {
        "reports/figures/confusion_matrix.png",
        "reports/figures/training_curves.png",
    }


def test_missing_metrics_says_how_to_make_them(make_project):
    root = make_project()
    (root / "reports" / "metrics.json").unlink()
    with pytest.raises(MetricsError, match=rf"run `make train evaluate` in {root}"):
        load_metrics(root)


def test_invalid_json(make_project):
    root = make_project()
    (root / "reports" / "metrics.json").write_text("{ not json")
    with pytest.raises(MetricsError, match=r"metrics\.json: invalid JSON \(line 1"):
        load_metrics(root)


def test_metrics_field_errors(make_project):
    metrics = valid_metrics()
    metrics["metrics"]["accuracy"] = "high"
    metrics["surprise"] = 1
    del metrics["data"]["source"]
    root = make_project(metrics=metrics)
    with pytest.raises(MetricsError) as info:
        load_metrics(root)
    message = str(info.value)
    assert str(root / "reports" / "metrics.json") in message
    for field in ("metrics.accuracy", "surprise", "data.source"):
        assert f"field `{field}`" in message


def test_nan_metric_rejected(make_project):
    root = make_project()
    path = root / "reports" / "metrics.json"
    path.write_text(path.read_text().replace("0.994", "NaN"))
    with pytest.raises(MetricsError, match="metrics.accuracy"):
        load_metrics(root)


def test_extra_provenance_and_data_kept(make_project):
    metrics = valid_metrics()
    metrics["provenance"]["episodes"] = 500
    metrics["data"]["env_id"] = "CartPole-v1"
    metrics.pop("per_class")
    loaded = load_metrics(make_project(metrics=metrics))
    assert loaded.provenance.model_extra == {"episodes": 500}
    assert loaded.per_class == {}


def test_headline_must_be_a_metric(make_project):
    root = make_project(card=valid_card() | {"headline_metric": "auc"})
    with pytest.raises(MetricsError) as info:
        load_project(root)
    message = str(info.value)
    assert "portfolio.yaml" in message and "metrics.json" in message
    assert "'auc'" in message and "accuracy, macro_f1" in message


def test_missing_figure(make_project):
    root = make_project()
    (root / "reports" / "figures" / "training_curves.png").unlink()
    with pytest.raises(MetricsError, match=r"figures\.training_curves.*make evaluate"):
        load_project(root)


def test_missing_cover_and_demo(make_project):
    root = make_project(card=valid_card() | {"cover": "cover.png"})
    with pytest.raises(CardError, match="field `cover`"):
        load_project(root)
    root = make_project("other")
    (root / "app.py").unlink()
    with pytest.raises(CardError, match="field `demo.app`"):
        load_project(root)


def test_discovery_sorted_by_slug(make_project, tmp_path):
    for slug in ("zeta", "alpha", "mid"):
        make_project(slug)
    (tmp_path / "projects" / "notes").mkdir()  # no card: not a project
    (tmp_path / "projects" / "README.md").write_text("hi")
    assert [p.slug for p in discover_projects(tmp_path / "projects")] == ["alpha", "mid", "zeta"]


def test_discovery_stops_or_hands_errors_on(make_project, tmp_path):
    make_project("bad", card=valid_card() | {"headline_metric": "auc"})
    make_project("good")
    with pytest.raises(MetricsError, match="headline_metric"):
        discover_projects(tmp_path / "projects")
    seen = []
    projects = discover_projects(tmp_path / "projects", on_error=lambda d, e: seen.append((d.name, e)))
    assert [p.slug for p in projects] == ["good"]
    assert [(name, type(error)) for name, error in seen] == [("bad", MetricsError)]


def test_missing_projects_dir(tmp_path):
    with pytest.raises(ShowcaseError, match="projects directory not found"):
        find_project_dirs(tmp_path / "nowhere")
