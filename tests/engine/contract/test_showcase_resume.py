"""The owner's JSON Resume file: valid files load, errors name the file, the field and the fix."""

import json

import pytest
import yaml
from conftest import RESUME

from showcase.contract.resume import load_resume
from showcase.exceptions import ResumeError


def write(tmp_path, data, name="resume.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if name.endswith(".yaml") else json.dumps(data))
    return path


def error_for(tmp_path, data) -> str:
    with pytest.raises(ResumeError) as info:
        load_resume(write(tmp_path, data))
    return str(info.value)


def test_yaml_and_json_load(tmp_path):
    resume = load_resume(write(tmp_path, RESUME))
    assert resume.basics.name == "Ada Lovelace" and resume.work[0].startDate == "2020-06"
    assert resume.education[0].startDate == "1830"  # YAML's number taken as the year
    assert load_resume(write(tmp_path, RESUME, "resume.json")).basics.email == "ada@example.com"


def test_unknown_keys_allowed_inside_objects_not_at_the_top(tmp_path):
    data = json.loads(json.dumps(RESUME))
    data["basics"]["pronouns"] = "she/her"
    data["work"][0]["team"] = "Analytics"
    resume = load_resume(write(tmp_path, data))
    assert resume.basics.model_extra == {"pronouns": "she/her"}
    assert resume.as_json_resume()["work"][0]["team"] == "Analytics"
    message = error_for(tmp_path, data | {"hobbies": []})
    assert "field `hobbies`: unknown field" in message and str(tmp_path / "resume.yaml") in message


def test_field_errors_name_the_field_and_the_fix(tmp_path):
    data = json.loads(json.dumps(RESUME))
    data["basics"]["email"] = "not an email"
    data["work"][0]["startDate"] = "June 2020"
    del data["education"][0]["institution"]
    message = error_for(tmp_path, data)
    assert "field `basics.email`: 'not an email' has the wrong form. Fix: change" in message
    assert "field `work[0].startDate`" in message and "2024-06" in message
    assert "field `education[0].institution`: missing. Fix: add" in message


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ResumeError, match=r"resume\.yaml: file not found\. Fix: write one"):
        load_resume(tmp_path / "resume.yaml")
    (tmp_path / "resume.yaml").write_text("basics: [oops\n")
    with pytest.raises(ResumeError, match=r"invalid YAML \(line \d+"):
        load_resume(tmp_path / "resume.yaml")
    assert "field `basics`: missing" in error_for(tmp_path, {"work": []})


def test_repository_resume_is_valid_and_marked_placeholder():
    from pathlib import Path

    resume = load_resume(Path(__file__).resolve().parents[3] / "content" / "resume.yaml")
    assert resume.meta.placeholder and resume.basics.name
    assert "placeholder" not in json.dumps(resume.as_json_resume())
