"""`showcase add` and `showcase update`: projects in their own repositories, as submodules.

Offline: the "remotes" are bare repositories in tmp_path, cloned over git's file transport.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from showcase.cli import main
from showcase.reading.project import discover_projects
from showcase.submodules import SubmoduleError, add_project, submodule_paths, update_projects


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    for var, value in {"GIT_AUTHOR_NAME": "Owner", "GIT_AUTHOR_EMAIL": "owner@example.com",
                       "GIT_COMMITTER_NAME": "Owner", "GIT_COMMITTER_EMAIL": "owner@example.com"}.items():
        monkeypatch.setenv(var, value)


@pytest.fixture
def remote(tmp_path, make_project) -> Path:
    """A project's own repository, pushed to a bare "remote" (as GitHub would hold it)."""
    work = make_project("digits")
    own = tmp_path / "own" / "digits"
    shutil.move(work, own)
    git("init", "-q", "-b", "main", cwd=own)
    git("add", "-A", cwd=own)
    git("commit", "-qm", "first run", cwd=own)
    bare = tmp_path / "remotes" / "digits.git"
    git("clone", "-q", "--bare", str(own), str(bare), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=own)
    git("fetch", "-q", "origin", cwd=own)
    git("branch", "-q", "-u", "origin/main", cwd=own)
    return bare


@pytest.fixture
def portfolio(tmp_path) -> Path:
    root = tmp_path / "portfolio"
    (root / "projects").mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=root)
    git("commit", "-q", "--allow-empty", "-m", "empty portfolio", cwd=root)
    return root


def push_change(tmp_path: Path, change) -> str:
    """Commit ``change(project_dir)`` in the project's own clone and push it; return the commit."""
    own = tmp_path / "own" / "digits"
    change(own)
    git("commit", "-qam", "retrained", cwd=own)
    git("push", "-q", "origin", "main", cwd=own)
    return git("rev-parse", "HEAD", cwd=own)


def set_accuracy(value: float):
    def change(project: Path) -> None:
        path = project / "reports" / "metrics.json"
        metrics = json.loads(path.read_text())
        metrics["metrics"]["accuracy"] = value
        path.write_text(json.dumps(metrics))
    return change


def test_add_pins_the_project_as_a_submodule_and_the_site_reads_it(portfolio, remote, monkeypatch, capsys):
    monkeypatch.chdir(portfolio)
    assert main(["add", str(remote)]) == 0
    out = capsys.readouterr().out
    head = git("rev-parse", "HEAD", cwd=remote)
    assert f"Added projects/digits at {head[:12]}" in out and "git submodule set-url" in out
    assert submodule_paths(portfolio) == {"digits": Path("projects/digits")}
    assert git("config", "--file", ".gitmodules", "submodule.digits.url", cwd=portfolio) == str(remote)
    # The superproject records the exact commit (a gitlink, mode 160000), staged for the owner's commit.
    staged = git("ls-files", "--stage", "projects/digits", cwd=portfolio)
    assert staged.startswith(f"160000 {head}")
    assert [p.root.name for p in discover_projects(portfolio / "projects")] == ["digits"]


def test_add_refuses_what_is_not_a_project_and_leaves_the_portfolio_alone(portfolio, tmp_path, monkeypatch,
                                                                          capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("learn CUDA\n")
    git("init", "-q", "-b", "main", cwd=notes)
    git("add", "-A", cwd=notes)
    git("commit", "-qm", "notes", cwd=notes)
    monkeypatch.chdir(portfolio)
    assert main(["add", str(notes)]) == 1
    assert "not a portfolio project (it has none of portfolio.yaml" in capsys.readouterr().err
    assert not (portfolio / ".gitmodules").exists() and not (portfolio / "projects" / "notes").exists()
    assert git("status", "--porcelain", cwd=portfolio) == ""


def test_add_refuses_a_project_whose_card_the_site_cannot_read(portfolio, remote, tmp_path):
    def break_card(project: Path) -> None:
        (project / "portfolio.yaml").write_text("title: only a title\n")
    push_change(tmp_path, break_card)
    with pytest.raises(SubmoduleError, match=r"the portfolio cannot show it yet: .*portfolio\.yaml"):
        add_project(str(remote), portfolio / "projects")
    assert git("status", "--porcelain", cwd=portfolio) == ""


@pytest.mark.parametrize(("source", "message"), [
    ("missing.git", "no such repository"),
    ("https://example.invalid/Bad_Name.git", "not a project folder name"),
])
def test_add_refuses_bad_sources_with_the_reason(portfolio, tmp_path, source, message):
    with pytest.raises(SubmoduleError, match=message):
        add_project(str(tmp_path / source) if "://" not in source else source, portfolio / "projects")


def test_add_needs_a_git_portfolio_and_a_free_folder(tmp_path, remote, portfolio):
    plain = tmp_path / "plain" / "projects"
    plain.mkdir(parents=True)
    with pytest.raises(SubmoduleError, match="not inside a git repository"):
        add_project(str(remote), plain)
    (portfolio / "projects" / "digits").mkdir()
    with pytest.raises(SubmoduleError, match="already exists. Fix: pass --slug"):
        add_project(str(remote), portfolio / "projects")
    renamed = add_project(str(remote), portfolio / "projects", slug="digits-cnn")
    assert renamed.path == Path("projects/digits-cnn")


def test_update_moves_to_the_latest_commit_and_reports_the_metrics(portfolio, remote, tmp_path,
                                                                    monkeypatch, capsys):
    added = add_project(str(remote), portfolio / "projects")
    git("commit", "-qm", "Add digits", cwd=portfolio)
    new = push_change(tmp_path, set_accuracy(0.99))
    monkeypatch.chdir(portfolio)
    assert main(["update"]) == 0
    out = capsys.readouterr().out
    assert f"digits: {added.commit[:12]} -> {new[:12]} (1 commit)" in out
    assert "accuracy: 0.994 -> 0.99" in out
    assert git("rev-parse", "HEAD", cwd=portfolio / "projects" / "digits") == new
    assert git("status", "--porcelain", cwd=portfolio) == "M projects/digits"
    # Nothing new: said so.
    assert update_projects(["digits"], portfolio)[0].old == new


def test_update_puts_back_a_commit_the_site_cannot_show(portfolio, remote, tmp_path):
    added = add_project(str(remote), portfolio / "projects")
    git("commit", "-qm", "Add digits", cwd=portfolio)
    push_change(tmp_path, lambda p: (p / "reports" / "metrics.json").write_text("{}"))
    with pytest.raises(SubmoduleError, match="digits at .*: the portfolio cannot show it yet"):
        update_projects(start=portfolio)
    assert git("rev-parse", "HEAD", cwd=portfolio / "projects" / "digits") == added.commit
    assert git("status", "--porcelain", cwd=portfolio) == ""


def test_update_names_an_unknown_project(portfolio):
    with pytest.raises(SubmoduleError, match="nope: not a project submodule .* Fix: add it first"):
        update_projects(["nope"], portfolio)


def test_update_refuses_a_submodule_that_is_not_checked_out(portfolio, remote, tmp_path):
    add_project(str(remote), portfolio / "projects")
    git("commit", "-qm", "Add digits", cwd=portfolio)
    clone = tmp_path / "fresh-clone"
    git("clone", "-q", str(portfolio), str(clone), cwd=tmp_path)  # no --recurse-submodules
    with pytest.raises(SubmoduleError, match="not checked out .* Fix: git submodule update --init"):
        update_projects(start=clone)


def test_add_names_a_missing_projects_folder(tmp_path, remote):
    with pytest.raises(SubmoduleError, match="no such folder"):
        add_project(str(remote), tmp_path / "nowhere" / "projects")
