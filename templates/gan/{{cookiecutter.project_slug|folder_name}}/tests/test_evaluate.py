# The first part is rendered from templates/_shared/include/shared/tests/evaluated.py: edit it there.
{% include "shared/tests/evaluated.py" %}


def test_gan_reports_put_the_fcd_beside_its_floor_and_its_scale(evaluated):
    m = json.loads((evaluated / "reports/metrics.json").read_text())["metrics"]
    assert m["fcd_floor"] > 0 and m["fcd_ratio"] == pytest.approx(m["fcd"] / m["fcd_floor"])
    assert m["fcd_trivial_ratio"] == pytest.approx(m["fcd_trivial"] / m["fcd_floor"])
    assert m["evaluator_accuracy"] > 0.5  # the judge reads real digits (chance is 0.1)
    assert 0 <= m["class_accuracy"] <= 1 and 0 <= m["precision"] <= 1 and 0 <= m["recall"] <= 1
    assert m["nn_distance_generated"] > 0 and m["nn_distance_real"] > 0
    readme = (evaluated / "README.md").read_text()
    assert f"{m['fcd_ratio']:.2f}x the floor" in readme


def test_training_progress_is_an_animation(evaluated):
    from PIL import Image

    with Image.open(evaluated / "reports/figures/progress.gif") as gif:
        assert gif.format == "GIF" and gif.n_frames == 4  # one frame per epoch of the tiny run


def test_changed_data_is_refused(trained, tmp_path):
    record = json.loads((trained / "reports/training.json").read_text())
    record["data"]["checksum"] = "sha256:0"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports/training.json").write_text(json.dumps(record))
    with pytest.raises(SystemExit, match="differ from those the model was trained on"):
        evaluate.main(["--reports-dir", str(tmp_path / "reports"), "--model-dir", str(trained / "models")])
