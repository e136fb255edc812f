"""The readiness checklist: a ready project passes every check, and each check fails, with its
fix, when one thing is broken.

One test starts a real demo and runs a project's suite (the slow checks); the others run with
``run_demo=False, run_tests=False`` or fail before anything starts.
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from conftest import valid_card
from ready_project import git, make_ready_project, write_metrics, write_model_card, write_resume

from showcase.exceptions import ShowcaseError
from showcase.readiness import CHECKS, check_project, check_resume, files
from showcase.readiness.documents import TEMPLATE_DEFAULTS
from showcase.readiness.probe import probe as probe_main
from showcase.readiness.report import Report

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(p.parent for p in (ROOT / "projects").glob("*/portfolio.yaml"))


@pytest.fixture
def project(tmp_path) -> Path:
    return make_ready_project(tmp_path / "projects")


def fast(root: Path) -> Report:
    return check_project(root, run_tests=False, run_demo=False)


def edit_yaml(path: Path, **fields: object) -> None:
    path.write_text(yaml.safe_dump(yaml.safe_load(path.read_text()) | fields))


def test_a_ready_project_passes_every_check(project):
    report = check_project(project)
    assert [f.name for f in report.findings] == [check.name for check in CHECKS]
    assert report.passed and not report.failures and not report.skipped, report.failures
    assert all(f.ok and not f.fix for f in report.findings)
    assert report.finding("demo").detail == "/predict answered 'HELLO'"
    assert report.finding("tests").detail.startswith("1 passed in ")
    assert report.finding("metrics").detail == "accuracy 99.4% (headline), 2 metrics"
    assert report.slug == "digits"


def test_fast_skips_the_slow_checks_and_never_calls_them_ok(project):
    report = fast(project)
    assert report.passed
    assert [(f.name, f.ok, f.status) for f in report.skipped] == [
        ("demo", False, "skipped"), ("tests", False, "skipped")]
    with pytest.raises(KeyError):
        report.finding("nope")


# Ways to break a project: each returns the change, to apply to a project's root.
Change = Callable[[Path], None]


def set_card(**fields: object) -> Change:
    return lambda root: edit_yaml(root / "portfolio.yaml", **fields)


def set_metrics(section: str, **fields: object) -> Change:
    """Change fields of one section (``data``, ``provenance``) of metrics.json."""
    def change(root: Path) -> None:
        metrics = json.loads((root / "reports" / "metrics.json").read_text())
        metrics[section] |= fields
        write_metrics(root, metrics)
    return change


def replace(rel: str, old: str, new: str) -> Change:
    def change(root: Path) -> None:
        text = (root / rel).read_text()
        assert old in text
        (root / rel).write_text(text.replace(old, new))
    return change


def remove(rel: str) -> Change:
    return lambda root: (root / rel).unlink()


def write(rel: str, text: str) -> Change:
    return lambda root: (root / rel).write_text(text)


def sparse(rel: str, size: int) -> Change:
    def change(root: Path) -> None:
        (root / rel).parent.mkdir(exist_ok=True)
        with (root / rel).open("wb") as f:
            f.truncate(size)  # a sparse file: no disk space taken
    return change


def card_numbers(**metrics: float) -> Change:
    return lambda root: write_model_card(root, {"metrics": metrics})


class Break(NamedTuple):
    check: str
    change: Change
    detail: str
    """Words the finding's detail holds."""
    fix: str
    """Words its fix holds."""
    also: frozenset[str] = frozenset()
    """Other checks that rightly fail too."""


BREAKS: dict[str, Break] = {
    "card-author": Break("card", set_card(author="Your Name"), 'author is "Your Name"',
                         "put your name in `author`"),
    "card-repository": Break("card", set_card(repository="https://github.com/your-github-user/x"),
                             "repository is https://github.com/your-github-user/x", "your repository's URL"),
    "metrics-headline": Break("metrics", set_card(headline_metric="f1"),
                              "headline metric 'f1' is not in reports/metrics.json", "set `headline_metric`"),
    # the model card's model-index then lacks the two new metrics
    "baseline-not-beaten": Break("baseline", set_metrics("metrics", mean_return=9.5, random_mean_return=22.5),
                                 "does not beat the baseline its own run measured: Mean return 9.5 against "
                                 "22.5 for a random policy", "train longer", also=frozenset({"model card"})),
    "readme-missing": Break("readme", remove("README.md"), "README.md is missing", "write it"),
    "readme-section": Break("readme", replace("README.md", "## Demo", "## Screenshots"), "no section Demo",
                            "add `## Demo`"),
    "readme-empty": Break("readme", replace("README.md", "Approach of the project, written by its author.",
                                            "<!-- write this -->"),
                          "empty section Approach", "write the empty sections"),
    "readme-todo": Break("readme", replace("README.md", "Data of", "TODO: data of"),
                         'placeholder text on line 11 ("TODO")', "replace the placeholder text"),
    "readme-user": Break("readme", replace("README.md", "A CNN", "[Code](https://github.com/your-github-user/x)"),
                         'line 3 ("your-github-user")', "replace the placeholder text"),
    # Code changes are left uncommitted, as an owner would leave them.
    "code-changed": Break("code", write("src/digits/__init__.py", "X = 2\n"),
                          "the code changed since the run at", "run `make train evaluate`"),
    "code-new-file": Break("code", write("configs/big.yaml", "lr: 1\n"), "configs/big.yaml",
                           "run `make train evaluate`"),
    "code-dependency": Break("code", replace("pyproject.toml", "authors", 'dependencies = ["x>=2"]\nauthors'),
                             "the code changed since the run at", "run `make train evaluate`"),
    "code-dirty": Break("code", set_metrics("provenance", git_dirty=True), "had uncommitted changes",
                        "commit your code"),
    "code-no-commit": Break("code", set_metrics("provenance", git_commit=None), "records no git commit",
                            "commit your code"),
    "code-unknown-commit": Break("code", set_metrics("provenance", git_commit="0123456789ab"),
                                 "commit 0123456789ab is not in this repository", "git fetch --unshallow"),
    "config-differs": Break("config", set_metrics("provenance", config={"lr": 0.1}),
                            "(differs in lr): the model evaluated is not the one trained",
                            "make train evaluate"),
    # training.json records the data checksum too
    "config-no-training": Break("config", remove("reports/training.json"), "reports/training.json is missing",
                                "training writes it", also=frozenset({"data"})),
    "data-no-checksum": Break("data", set_metrics("data", checksum=None), "records no data checksum",
                              "make train evaluate"),
    "data-differs": Break("data", set_metrics("data", checksum="sha256:def"),
                          "evaluated on other data than it was trained on", "on one data set"),
    "figures": Break("figures", remove("reports/figures/training_curves.png"),
                     "missing: reports/figures/training_curves.png "
                     "(reports/metrics.json: figures.training_curves)", "make evaluate"),
    "figures-not-an-image": Break("figures", write("reports/figures/training_curves.png", "not a png\n"),
                                  "reports/figures/training_curves.png (reports/metrics.json: "
                                  "figures.training_curves) is not a PNG image", "make evaluate"),
    # the licence is compared with the model card's
    "model-card-missing": Break("model card", remove("MODEL_CARD.md"), "MODEL_CARD.md is missing",
                                "make evaluate", also=frozenset({"licence"})),
    "model-card-numbers": Break("model card", card_numbers(accuracy=0.9, macro_f1=0.9931, top5=1.0),
                                "disagrees with reports/metrics.json: accuracy 0.9 vs 0.994, top5 not in",
                                "make evaluate"),
    # pyproject.toml's licence is no part of what made the numbers: the code check holds
    "licence-differs": Break("licence", replace("pyproject.toml", '"MIT"', '"Apache-2.0"'),
                             "pyproject.toml says Apache-2.0 but MODEL_CARD.md says mit", "the same licence"),
    "licence-missing": Break("licence", replace("pyproject.toml", 'license = "MIT"\n', ""),
                             "pyproject.toml declares no licence", "`license = "),
    "sizes-file": Break("sizes", sparse("models/huge.bin", 51 * 2**20),
                        "models/huge.bin is 51.0 MiB (limit 50.0 MiB a file)", "make it smaller"),
    "secrets": Break("secrets", write(".env", "X=1\n"),
                     "1 file(s) look like secrets: .env (an environment file", "environment variable"),
    "demo-no-request": Break("demo", replace("app.py", "EXAMPLE_REQUEST = ", "REQUEST = "),
                             "app.py defines no EXAMPLE_REQUEST", 'add `EXAMPLE_REQUEST = {"api_name"'),
    "demo-missing": Break("demo", remove("app.py"), "app.py is missing", "point `demo.app`"),
    "demo-crashes": Break("demo", write("app.py", "EXAMPLE_REQUEST = {}\nraise SystemExit('no model')\n"),
                          "app.py exited with status 1: no model", "run `python app.py`"),
    # A project added after `make install`: its own package is not installed, which the fix says.
    "demo-not-installed": Break("demo", write("app.py", "import digits.model\nEXAMPLE_REQUEST = {}\n"),
                                "No module named 'digits'",
                                "the project's package `digits` is not installed in this environment: "
                                "run `make install` at the portfolio's root"),
    "demo-undeclared-dependency": Break("demo", write("app.py", "import nopackage_xyz\nEXAMPLE_REQUEST = 0"),
                                        "No module named 'nopackage_xyz'",
                                        "the module `nopackage_xyz` is not installed: add the distribution"),
}
"""One broken thing per case (the slow ``tests`` check breaks in its own test below)."""


@pytest.mark.parametrize("case", BREAKS, ids=list(BREAKS))
def test_each_check_fails_alone_with_its_fix(project, case):
    broken = BREAKS[case]
    broken.change(project)
    report = check_project(project, run_tests=False, run_demo=broken.check == "demo")
    finding = report.finding(broken.check)
    assert (finding.ok, finding.status) == (False, "FAILED")
    assert broken.detail in finding.detail and broken.fix in finding.fix, finding
    assert {f.name for f in report.failures} == {broken.check} | broken.also
    assert "\n" not in finding.detail + finding.fix


def test_every_check_has_a_breaking_case():
    assert {broken.check for broken in BREAKS.values()} | {"tests"} == {check.name for check in CHECKS}


def test_an_invalid_card_or_metrics_is_reported_and_what_needs_it_is_not_checked(project):
    edit_yaml(project / "portfolio.yaml", skills=["nope"])
    report = fast(project)
    card = report.finding("card")
    assert card.detail == "portfolio.yaml: field `skills`: unknown skill 'nope' (got ['nope'])"
    assert card.fix.startswith("change `skills` to a list of distinct skill ids")
    assert report.finding("figures").detail == "not checked: the card is invalid (see `card`)"
    assert {f.name for f in report.failures} == {"card", "figures"}
    (project / "reports" / "metrics.json").write_text("{")
    report = fast(project)
    assert report.finding("metrics").detail.startswith("reports/metrics.json: invalid JSON (line 1")
    assert {f.name for f in report.failures} == {"card", "metrics", "baseline", "code", "config", "data",
                                                  "figures", "model card"}


def test_a_project_outside_git_cannot_show_its_code_made_the_numbers(project):
    for path in sorted((project / ".git").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (project / ".git").rmdir()
    finding = fast(project).finding("code")
    assert "is not in a git checkout" in finding.detail and finding.fix


# What provenance covers in pyproject.toml: what decides the code that runs, not the metadata.
PYPROJECT_EDITS: dict[str, tuple[Callable[[str], str], str | None]] = {
    # edit of the ready project's pyproject.toml -> None (the code check holds) or the part it names
    "authors": (lambda t: t.replace('"Ada"', '"Zoë O\'Brien"'), None),
    "authors-removed": (lambda t: t.replace('authors = [{ name = "Ada" }]\n', ""), None),
    "description": (lambda t: t + 'description = "Digits, read."\n', None),
    "version": (lambda t: t.replace('"0.1.0"', '"0.2.0"'), None),
    "licence": (lambda t: t.replace('"MIT"', '"Apache-2.0"'), None),
    "urls": (lambda t: t + '[project.urls]\nHomepage = "https://ada.example.org"\n', None),
    "comments-and-layout": (lambda t: "# the digits project\n" + t.replace(" = ", "=") + "\n\n", None),
    "dev-extra": (lambda t: t + '[project.optional-dependencies]\ndev = ["pytest>=8"]\n', None),
    "ruff": (lambda t: t + "[tool.ruff]\nline-length = 100\n", None),
    "pytest": (lambda t: t + '[tool.pytest.ini_options]\naddopts = "-ra"\n', None),
    "dependencies": (lambda t: t.replace("authors", 'dependencies = ["torch~=2.13.0"]\nauthors'),
                     "pyproject.toml (dependencies)"),
    "requires-python": (lambda t: t + 'requires-python = ">=3.12"\n', "pyproject.toml (requires-python)"),
    "gpu-extra": (lambda t: t + '[project.optional-dependencies]\ngpu = ["cupy"]\ndev = ["pytest"]\n',
                  "pyproject.toml (optional-dependencies.gpu)"),
    "build-system": ("[build-system]\nrequires = [\"hatchling\"]\n".__add__, "pyproject.toml (build-system)"),
    "setuptools": (lambda t: t + '[tool.setuptools.packages.find]\nwhere = ["lib"]\n',
                   "pyproject.toml (tool.setuptools)"),
    "unknown-tool": (lambda t: t + '[tool.uv]\noverride-dependencies = ["numpy<2"]\n',
                     "pyproject.toml (tool.uv)"),
    "entry-points": (lambda t: t + '[project.scripts]\ndigits = "digits:main"\n', "pyproject.toml (scripts)"),
    "not-toml": (lambda t: t + "[project\n", "pyproject.toml (not valid TOML now: "),
}


@pytest.mark.parametrize("case", PYPROJECT_EDITS, ids=list(PYPROJECT_EDITS))
def test_pyproject_counts_as_code_only_where_it_changes_what_runs(project, case):
    edit, names = PYPROJECT_EDITS[case]
    pyproject = project / "pyproject.toml"
    pyproject.write_text(edit(pyproject.read_text()), encoding="utf-8")
    finding = fast(project).finding("code")
    if names is None:
        assert finding.ok, finding
        git(project, "commit", "-qam", "metadata")  # committed, too: still the run's code
        assert fast(project).finding("code").ok
    else:
        assert not finding.ok and "the code changed since the run at " in finding.detail, finding
        assert names in finding.detail and "run `make train evaluate`" in finding.fix, finding
        assert "\n" not in finding.detail


def test_a_pyproject_new_or_removed_since_the_run_is_a_change(project):
    (project / "pyproject.toml").unlink()
    assert "pyproject.toml (removed since the run)" in fast(project).finding("code").detail
    git(project, "commit", "-qam", "no pyproject")
    metrics = json.loads((project / "reports" / "metrics.json").read_text())
    metrics["provenance"]["git_commit"] = git(project, "rev-parse", "HEAD")
    write_metrics(project, metrics)
    (project / "pyproject.toml").write_text('[project]\nname = "digits"\n')
    assert "pyproject.toml (new since the run)" in fast(project).finding("code").detail


def test_the_owner_applied_to_a_committed_project_keeps_its_numbers(project):
    from showcase.owner import Owner, align_project

    changes = align_project(project, Owner("Zoë O'Brien", "zoe"))
    assert {c.file for c in changes} == {"portfolio.yaml", "pyproject.toml"}  # no README byline here
    git(project, "commit", "-qam", "the owner")
    report = fast(project)
    assert report.passed, report.failures
    assert report.finding("code").detail.endswith(
        "src, configs and pyproject.toml's run settings unchanged since")


def test_the_artefacts_as_a_whole_have_a_limit(project, monkeypatch):
    monkeypatch.setattr(files, "MAX_ARTEFACT_BYTES", 1024)
    finding = fast(project).finding("sizes")
    assert finding.detail.startswith("models/ and reports/ hold ")
    assert finding.detail.endswith("(limit 1 KiB)")


def test_failing_tests_fail_the_check_with_the_first_failure(project):
    (project / "tests" / "test_more.py").write_text("def test_breaks():\n    assert False\n")
    finding = check_project(project, run_demo=False).finding("tests")
    assert not finding.ok
    assert finding.detail.startswith("1 failed, 1 passed in ")
    assert finding.detail.endswith(": FAILED tests/test_more.py::test_breaks - assert False")
    assert finding.fix.startswith("run `python -m pytest -x` in ")
    (project / "tests" / "test_more.py").unlink()
    (project / "tests" / "test_digits.py").unlink()
    assert fast(project).passed  # and with no test at all:
    assert check_project(project, run_demo=False).finding("tests").detail.startswith("no tests ran")


def test_a_streamlit_demo_is_run_by_apptest(project):
    (project / "streamlit_app.py").write_text("import streamlit as st\n\nst.title('Digits')\n")
    edit_yaml(project / "portfolio.yaml", demo={"app": "streamlit_app.py", "space": None})
    finding = check_project(project, run_tests=False).finding("demo")
    assert finding.ok and finding.detail == "streamlit_app.py ran with no exception"
    (project / "streamlit_app.py").write_text("import streamlit as st\n\nst.title(1 / 0)\n")
    finding = check_project(project, run_tests=False).finding("demo")
    assert not finding.ok and finding.detail == "RuntimeError: streamlit_app.py raised: division by zero"


def test_no_demo_is_no_failure(project):
    edit_yaml(project / "portfolio.yaml", demo=None)
    finding = check_project(project, run_tests=False).finding("demo")
    assert (finding.ok, finding.detail) == (True, "the card lists no demo (demo: null)")


@pytest.mark.parametrize("app, words", [
    ("X = 1\n", "LookupError: app.py defines no EXAMPLE_REQUEST"),
    ("EXAMPLE_REQUEST = ['/predict', 'hi']\n", "TypeError: app.py: EXAMPLE_REQUEST is not"),
])
def test_the_probe_says_what_is_wrong_with_the_request(tmp_path, monkeypatch, capsys, app, words):
    (tmp_path / "app.py").write_text(app)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert probe_main(["gradio", "http://127.0.0.1:9/", "app.py"]) == 1
    answer = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert answer["ok"] is False and answer["detail"].startswith(words)


def test_a_readme_linked_from_outside_is_refused(project, tmp_path):
    (tmp_path / "notes.md").write_text((project / "README.md").read_text())
    (project / "README.md").unlink()
    (project / "README.md").symlink_to(tmp_path / "notes.md")
    finding = fast(project).finding("readme")
    outside = tmp_path / "notes.md"
    assert finding.detail.startswith(f"README.md: README.md leads outside the project, to {outside}")
    assert finding.fix.startswith("put the file itself inside")


def test_check_project_needs_a_directory(tmp_path):
    with pytest.raises(ShowcaseError, match="no such project directory"):
        check_project(tmp_path / "none")


def test_the_resume_check(tmp_path):
    path = tmp_path / "resume.yaml"
    assert not check_resume(path).ok and "no resume at" in check_resume(path).detail
    finding = check_resume(write_resume(path))
    assert (finding.name, finding.ok, finding.detail) == ("resume", True, "Ada Lovelace: 1 jobs, 2 projects")
    finding = check_resume(write_resume(path, placeholder=True))
    assert not finding.ok and "holds sample data (meta.placeholder: true)" in finding.detail
    assert "set `meta.placeholder: false`" in finding.fix
    path.write_text(yaml.safe_dump({"basics": {"name": TEMPLATE_DEFAULTS["author"]}}))
    assert 'basics.name is still "Your Name"' in check_resume(path).detail
    path.write_text(yaml.safe_dump({"basics": {}}))
    finding = check_resume(path)
    assert finding.detail == "resume.yaml: field `basics.name`: missing"
    assert finding.fix == "add `basics.name`: the owner's name"


def test_the_placeholders_are_the_templates_defaults():
    for menu in sorted((ROOT / "templates").glob("*/cookiecutter.json")):
        answers = json.loads(menu.read_text())
        if "author" in answers:
            assert answers["author"] == TEMPLATE_DEFAULTS["author"], menu
            assert answers["github_user"] == TEMPLATE_DEFAULTS["github_user"], menu


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_example_projects_pass_what_their_owner_and_a_rerun_do_not_decide(example):
    report = fast(example)
    decided_elsewhere = {"card", "readme", "code"}  # the owner's name; the commit of the last run
    assert [f for f in report.failures if f.name not in decided_elsewhere] == []


def test_a_card_demo_needs_the_card(project):
    (project / "portfolio.yaml").write_text(yaml.safe_dump(valid_card() | {"kind": "nope"}))
    report = check_project(project, run_tests=False)
    assert report.finding("demo").detail == "not checked: the card is invalid (see `card`)"
    git(project, "status")  # the checks left the repository as it was
