"""The CLI and new_project: exit codes, messages, and a fake Cookiecutter template."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import valid_card
from ready_project import make_ready_project, write_resume

from showcase.cli import main
from showcase.contract.files import KINDS
from showcase.exceptions import TemplateError
from showcase.scaffold import available_kinds, find_templates, new_project

KIND = "image-classification"
"""The fake template takes the name of a kind the contract lists."""


@pytest.fixture
def templates(tmp_path, monkeypatch) -> Path:
    """A templates/ root: one tiny template for a contract kind, one for a kind the contract
    does not list, a shared-snippets dir and a stray dir."""
    config = tmp_path / "cookiecutter-config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'cc'}\n")
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(config))
    monkeypatch.delenv("SHOWCASE_TEMPLATES", raising=False)
    root = tmp_path / "templates"
    for name in (KIND, "tiny"):
        kind = root / name
        (kind / "{{cookiecutter.project_slug}}").mkdir(parents=True)
        (kind / "cookiecutter.json").write_text(json.dumps({"project_slug": "demo", "ui": ["a", "b"]}))
        (kind / "{{cookiecutter.project_slug}}" / "README.md").write_text(
            "# {{ cookiecutter.project_slug }}\n"
        )
        (kind / "hooks").mkdir()
        (kind / "hooks" / "pre_gen_project.py").write_text(
            "import sys\nif '{{ cookiecutter.project_slug }}' == 'bad':\n"
            "    sys.exit('project_slug: bad is not allowed')\n"
        )
    (root / "cookiecutter.json").write_text(json.dumps({"templates": {KIND: {"path": f"./{KIND}"}}}))
    (root / "_shared").mkdir()
    (root / "_shared" / "cookiecutter.json").write_text("{}")
    (root / "notes").mkdir()
    return root


def test_available_kinds(templates):
    assert available_kinds(templates) == [KIND, "tiny"]


def test_new_project(templates, tmp_path):
    out = new_project(
        KIND,
        tmp_path / "projects",
        no_input=True,
        extra_context={"project_slug": "mine"},
        templates_dir=templates,
    )
    assert out == tmp_path / "projects" / "mine"
    assert (out / "README.md").read_text() == "# mine\n"


def test_only_the_contract_kinds(templates):
    expected = r"unknown project kind '{}'\. Fix: use one of " + re.escape(", ".join(KINDS)) + r"\."
    for kind in ("nope", "tiny"):  # "tiny" has a template, but the contract does not list it
        with pytest.raises(TemplateError, match=expected.format(kind)):
            new_project(kind, templates_dir=templates)
    with pytest.raises(TemplateError, match=r"text-classification: no template for 'text-classification'"):
        new_project("text-classification", templates_dir=templates)


def test_templates_are_found_by_a_setting(templates, tmp_path, monkeypatch):
    import showcase.scaffold

    # As in a non-editable install: no templates/ beside the package, none in the current directory.
    monkeypatch.setattr(showcase.scaffold, "CHECKOUT_TEMPLATES", tmp_path / "site-packages" / "templates")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with pytest.raises(TemplateError, match=r"no templates found.*--templates-dir or SHOWCASE_TEMPLATES"):
        find_templates()
    monkeypatch.setenv("SHOWCASE_TEMPLATES", str(templates))
    assert find_templates() == templates
    monkeypatch.setenv("SHOWCASE_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError, match=r"not a templates folder.*Fix: point SHOWCASE_TEMPLATES at"):
        find_templates()
    assert find_templates(templates) == templates  # the argument (--templates-dir) comes first
    monkeypatch.delenv("SHOWCASE_TEMPLATES")
    monkeypatch.chdir(tmp_path)  # a portfolio repository's root
    assert find_templates() == Path("templates")
    assert new_project(KIND, tmp_path / "out", no_input=True).name == "demo"


def test_the_repository_templates_are_found_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOWCASE_TEMPLATES", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_templates() == Path(__file__).resolve().parents[3] / "templates"


def test_cookiecutter_errors_are_template_errors(templates, tmp_path):
    with pytest.raises(TemplateError, match="rejected the answers") as info:
        new_project(
            KIND,
            tmp_path,
            no_input=True,
            extra_context={"project_slug": "bad"},
            templates_dir=templates,
        )
    assert str(templates / KIND) in str(info.value) and info.value.__cause__ is not None
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="rejected the answers"):
        new_project(KIND, out, no_input=True, extra_context={"project_slug": "bad"},
                    templates_dir=templates)
    assert list(out.iterdir()) == []  # nothing half-written, no scratch folder left
    with pytest.raises(TemplateError, match=r"c provided for choice variable ui, but the choices are"):
        new_project(KIND, out, no_input=True, extra_context={"ui": "c"}, templates_dir=templates)
    new_project(KIND, out, no_input=True, templates_dir=templates)
    with pytest.raises(TemplateError, match="already exists"):
        new_project(KIND, out, no_input=True, templates_dir=templates)
    assert [p.name for p in out.iterdir()] == ["demo"]


def test_cli_new(templates, tmp_path, capsys):
    argv = [
        "new",
        KIND,
        "--no-input",
        "--output-dir",
        str(tmp_path / "p"),
        "--set",
        "project_slug=cli",
        "--templates-dir",
        str(templates),
    ]
    assert main(argv) == 0
    assert (tmp_path / "p" / "cli" / "README.md").is_file()
    assert main(["new", "nope", "--templates-dir", str(templates)]) == 1
    assert "error: " in capsys.readouterr().err


def check(tmp_path: Path, *args: str) -> int:
    """``showcase check`` on tmp_path/projects with a real-looking resume."""
    resume = write_resume(tmp_path / "resume.yaml")
    site = tmp_path / "mkdocs.yml"
    site.write_text("site_name: Ada Lovelace, deep learning\nsite_url: https://ada.example.org/\n")
    return main(["check", "--projects", str(tmp_path / "projects"), "--resume", str(resume),
                 "--deploy-config", str(tmp_path / "deploy.yaml"), "-f", str(site), *args])


def test_cli_check_ok(tmp_path, capsys):
    make_ready_project(tmp_path / "projects")
    assert check(tmp_path, "--fast") == 0
    out = capsys.readouterr().out
    assert re.search(r"check +┃ digits", out) and re.search(r"secrets +│ ok", out)
    assert re.search(r"demo +│ skipped", out) and "portfolio: deploy ok, site ok, resume ok, owner ok" in out
    assert "skipped: demo, tests (run `showcase check` without --fast before publishing)" in out
    assert check(tmp_path, "--fast", "-v") == 0  # every detail, the headline among them
    assert "digits: metrics: accuracy 99.4% (headline), 2 metrics." in capsys.readouterr().out


def test_cli_check_reports_every_failure_with_its_fix(make_project, tmp_path, capsys, monkeypatch):
    # The report names each failure on stdout as `project: check: detail. Fix: ...`; an invalid
    # card is one of them (it used to be the only check, printed as `error: ...` on stderr).
    make_ready_project(tmp_path / "projects", "good")
    make_project("bad", card=valid_card() | {"skills": ["nope"]})
    assert check(tmp_path, "--fast") == 1
    out = capsys.readouterr().out
    assert re.search(r"check +┃ bad +┃ good", out) and re.search(r"card +│ FAILED +│ ok", out)
    assert "bad: card: portfolio.yaml: field `skills`: unknown skill 'nope' (got ['nope']). Fix: change" \
        in out
    assert "good:" not in out
    monkeypatch.chdir(tmp_path)  # no content/resume.yaml here
    assert main(["check", "good", "--fast"]) == 1
    out = capsys.readouterr().out
    assert "bad:" not in out and "portfolio: resume: no resume at content/resume.yaml" in out


def test_cli_check_names_projects(tmp_path, capsys):
    root = make_ready_project(tmp_path / "projects", "good")
    assert check(tmp_path, "--fast", str(root)) == 0
    assert check(tmp_path, "nope") == 1
    assert "error: nope: no such project" in capsys.readouterr().err


def test_cli_check_missing_dir(tmp_path, capsys):
    assert main(["check", "--projects", str(tmp_path / "none")]) == 1
    assert "projects directory not found" in capsys.readouterr().err


def test_cli_build(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    make_project()
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: content\nsite_dir: public\nplugins: [showcase]\n"
    )
    config = str(tmp_path / "mkdocs.yml")
    assert main(["build", "--strict", "-f", config]) == 0
    assert (tmp_path / "public" / "projects" / "digits" / "index.html").is_file()
    assert (tmp_path / "public" / "index.html").is_file()  # the home page is generated too
    (tmp_path / "projects" / "digits" / "reports" / "metrics.json").unlink()
    assert main(["build", "-f", config]) == 1
    assert main(["build", "-f", str(tmp_path / "missing.yml")]) == 1


@pytest.mark.parametrize("command", [[], ["new"], ["owner"], ["check"], ["build"], ["serve"], ["deploy"]],
                         ids=["showcase", "new", "owner", "check", "build", "serve", "deploy"])
def test_help_is_plain_text_not_restructuredtext(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: showcase")
    for markup in ("``", ":func:", ":class:", ".. ", "**"):
        assert markup not in text, (markup, text)


REAL_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def test_showcase_new_says_created_once_and_only_when_it_is_in_place(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argv = ["new", "image-classification", "--no-input", "--set", "project_name=Leaf Spots",
            "--templates-dir", str(REAL_TEMPLATES)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert out.count("Created") == 1 and "Created projects/leaf-spots. Next:" in out, out
    assert "cd projects/leaf-spots && make install train evaluate" in out
    assert ".showcase-new-" not in out  # never the scratch folder
    assert main(argv) == 1  # the same slug again: refused, and nothing announced
    captured = capsys.readouterr()
    assert "Created" not in captured.out + captured.err
    assert "projects/leaf-spots: already exists" in captured.err


@pytest.mark.parametrize("output_dir", ["out", "deep/er/out", "."], ids=["out", "nested", "here"])
def test_plain_cookiecutter_names_the_folder_it_created(tmp_path, output_dir):
    # The hook runs inside the new project; it names it from the folder the person typed in.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cookiecutter"), str(REAL_TEMPLATES / "gan"), "--no-input",
         "-o", output_dir, "project_name=Faces"],
        cwd=tmp_path, capture_output=True, text=True, env=os.environ | {"PWD": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    where = os.path.normpath(f"{output_dir}/faces")
    assert f"Created {where}. Next:\n  cd {where}\n" in result.stdout, result.stdout
    assert (tmp_path / where / "portfolio.yaml").is_file()
