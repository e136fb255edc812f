# The first part is rendered from templates/_shared/include/shared/tests/evaluated.py: edit it there.
{% include "shared/tests/evaluated.py" %}


def test_text_reports_count_duplicates_and_show_the_worst_errors(evaluated):
    report = json.loads((evaluated / "reports/metrics.json").read_text())
    assert 0.5 < report["metrics"]["accuracy"] <= 1  # better than a coin
    assert set(report["per_class"]) == {"negative", "positive"}
    assert report["data"]["removed_duplicates"] >= 5
    assert "Most confident errors" in (evaluated / "README.md").read_text()


def test_error_table_escapes_the_review_text():
    cell = evaluate.escape_cell("<script>alert(1)</script> | a & b")
    assert "<" not in cell and "\\|" in cell and "&amp;" in cell
