# Rendered from templates/_shared/include/shared/tests/test_reporting.py: edit it there, not here.
import pytest

from digits_gan.reporting import RESULTS_END, RESULTS_START, update_readme, write_json


def test_readme_results_are_replaced_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n\n{RESULTS_START}\nold\n{RESULTS_END}\n\n## After\n")
    update_readme(readme, "| new |")
    text = readme.read_text()
    assert "old" not in text and "| new |" in text and text.endswith("## After\n")


def test_readme_without_markers_is_left_alone(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# T\n")
    with pytest.raises(ValueError, match="markers"):
        update_readme(readme, "x")
    assert readme.read_text() == "# T\n"


def test_json_is_written_whole(tmp_path):
    write_json(tmp_path / "a" / "m.json", {"x": 1})
    assert (tmp_path / "a" / "m.json").read_text() == '{\n  "x": 1\n}\n'
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["m.json"]  # no temp file left
