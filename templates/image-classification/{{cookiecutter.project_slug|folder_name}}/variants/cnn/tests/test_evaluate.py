# The first part is rendered from templates/_shared/include/shared/tests/evaluated.py: edit it there.
{% include "shared/tests/evaluated.py" %}


def test_image_reports_have_per_class_scores_and_demo_examples(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    assert 0.5 < report["metrics"]["accuracy"] <= 1  # the tiny run learned something
    assert set(report["per_class"]) == {str(d) for d in range(10)}
    assert report["data"]["sizes"]["test"] == 80
    assert len(list((evaluated / "examples").glob("*.png"))) == 10


def test_changed_data_is_refused(trained, tmp_path):
    record = json.loads((trained / "reports/training.json").read_text())
    record["data"]["checksum"] = "sha256:0"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/training.json").write_text(json.dumps(record))
    with pytest.raises(SystemExit, match="differ from those the model was trained on"):
        evaluate.main(["--reports-dir", str(tmp_path / "reports"), "--model-dir", str(trained / "models")])
