"""portfolio.yaml: valid cards load, and every error names the file, the field and the fix."""

import pytest
import yaml
from conftest import valid_card

from showcase.contract.card import KINDS, load_card
from showcase.contract.skills import SKILLS
from showcase.exceptions import CardError


def write_card(tmp_path, card) -> None:
    (tmp_path / "portfolio.yaml").write_text(yaml.safe_dump(card))


def error_for(tmp_path, card) -> str:
    write_card(tmp_path, card)
    with pytest.raises(CardError) as info:
        load_card(tmp_path)
    return str(info.value)


def test_valid_card_loads(tmp_path):
    write_card(tmp_path, valid_card())
    card = load_card(tmp_path)
    assert card.title == "Handwritten digits with a small CNN"
    assert card.demo is not None and card.demo.app == "app.py"
    assert card.dataset.licence == "CC BY 4.0"


def test_demo_may_be_null(tmp_path):
    write_card(tmp_path, valid_card() | {"demo": None, "repository": "https://github.com/a/b"})
    assert load_card(tmp_path).demo is None


def test_missing_file_names_it(tmp_path):
    with pytest.raises(CardError, match=r"portfolio\.yaml: file not found.*showcase new"):
        load_card(tmp_path)


def test_yaml_syntax_error_gives_the_line(tmp_path):
    (tmp_path / "portfolio.yaml").write_text("title: a\nskills: [cnn\n")
    with pytest.raises(CardError, match=r"portfolio\.yaml: invalid YAML \(line \d+"):
        load_card(tmp_path)


def test_not_a_mapping(tmp_path):
    (tmp_path / "portfolio.yaml").write_text("- a\n- b\n")
    with pytest.raises(CardError, match="expected a mapping"):
        load_card(tmp_path)


def test_missing_nested_field_names_its_path(tmp_path):
    card = valid_card()
    del card["dataset"]["licence"]
    message = error_for(tmp_path, card)
    assert str(tmp_path / "portfolio.yaml") in message
    assert "field `dataset.licence`: missing" in message
    assert 'Fix: add `dataset.licence`: the data licence, e.g. "CC BY 4.0"' in message


def test_unknown_skill_lists_valid_ids(tmp_path):
    message = error_for(tmp_path, valid_card() | {"skills": ["cnn", "telepathy"]})
    assert "field `skills`" in message and "'telepathy'" in message
    assert all(skill in message for skill in SKILLS)


def test_duplicate_and_empty_skills(tmp_path):
    assert "listed twice" in error_for(tmp_path, valid_card() | {"skills": ["cnn", "cnn"]})
    assert "field `skills`" in error_for(tmp_path, valid_card() | {"skills": []})


def test_unknown_kind_lists_kinds(tmp_path):
    message = error_for(tmp_path, valid_card() | {"kind": "regression"})
    assert "field `kind`" in message and all(kind in message for kind in KINDS)


def test_unknown_key_is_a_typo(tmp_path):
    message = error_for(tmp_path, valid_card() | {"titel": "x"})
    assert "field `titel`: unknown field" in message and "allowed here: title" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 101),
        ("summary", ""),
        ("cover", "/etc/passwd"),
        ("cover", "../other/cover.png"),
        ("repository", "ftp://example.org"),
        ("demo", {"app": "app.py", "space": "not a space id"}),
    ],
)
def test_bad_values_name_the_field(tmp_path, field, value):
    message = error_for(tmp_path, valid_card() | {field: value})
    assert f"field `{field}" in message and "Fix:" in message


def test_all_errors_reported_at_once(tmp_path):
    message = error_for(tmp_path, valid_card() | {"kind": "x", "skills": ["y"]})
    assert len(message.splitlines()) == 2
