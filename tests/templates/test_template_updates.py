"""What a job seeker types, from a clone of the portfolio repository: `cookiecutter <git URL>
--directory templates/<kind>`, `cruft create` the same way, and `cruft update` to take the
template's later fixes with their own edits kept (a conflict reported, never overwritten).

Offline: the "repository" is a git repository of this checkout's templates/ in tmp_path, reached by
its path and by a file:// URL of a bare clone; the kinds' links into _shared/ travel as git links.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from template_checks import TEMPLATES

BIN = Path(sys.executable).parent
SHARED_CI = Path("templates/_shared/include/shared/project/ci.yml")
PYTHON_311 = 'python-version: "3.11"'


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def git(*args: str, cwd: Path) -> str:
    return run("git", *args, cwd=cwd).stdout.strip()


@pytest.fixture(autouse=True)
def offline_tools(tmp_path, monkeypatch):
    """A git identity, and cookiecutter's clone cache in tmp_path (not ~/.cookiecutters)."""
    for var in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{var}_NAME", "Owner")
        monkeypatch.setenv(f"{var}_EMAIL", "owner@example.com")
    config = tmp_path / "cookiecutter.yaml"
    config.write_text(f"cookiecutters_dir: {tmp_path / 'cookiecutters'}\nreplay_dir: {tmp_path / 'replay'}\n")
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(config))


@pytest.fixture
def template_repo(tmp_path) -> Path:
    """A git repository holding this checkout's templates/ (commit A), as the portfolio's would."""
    repo = tmp_path / "portfolio-templates"
    shutil.copytree(TEMPLATES, repo / "templates", symlinks=True)
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "A: the templates as they are", cwd=repo)
    assert (repo / "templates" / "gan" / "hooks").is_symlink()
    return repo


def commit_template_change(repo: Path, old: str, new: str, message: str) -> None:
    path = repo / SHARED_CI
    text = path.read_text()
    assert old in text, f"{SHARED_CI} no longer has {old!r}: choose another line for this test"
    path.write_text(text.replace(old, new))
    git("commit", "-qam", message, cwd=repo)


@pytest.mark.parametrize("how", ["path", "file-url"])
def test_cookiecutter_renders_a_kind_from_a_git_repository(template_repo, tmp_path, how):
    source = str(template_repo)
    if how == "file-url":
        bare = tmp_path / "remote.git"
        git("clone", "-q", "--bare", source, str(bare), cwd=tmp_path)
        source = bare.as_uri()  # what cookiecutter clones like a GitHub URL
    out = tmp_path / "out"
    run(BIN / "cookiecutter", source, "--directory", "templates/gan", "--no-input", "-o", out,
        "project_name=Sketch Generator", cwd=tmp_path)
    project = out / "sketch-generator"
    # The shared parts arrived through the links: the kit, the contract's schemas, the shared CI.
    assert (project / "src" / "sketch_generator" / "kit" / "config.py").is_file()
    assert json.loads((project / "schemas" / "portfolio.schema.json").read_text())["properties"]
    assert PYTHON_311 in (project / ".github" / "workflows" / "ci.yml").read_text()


def test_plain_cookiecutter_with_a_relative_template_path(tmp_path, template_repo):
    """`cookiecutter templates/<kind>` from the repository's root: the hook finds the contract."""
    run(BIN / "cookiecutter", "templates/text-classification", "--no-input", "-o", tmp_path / "out",
        cwd=template_repo)
    assert (tmp_path / "out" / "movie-review-sentiment" / "portfolio.yaml").is_file()


@pytest.fixture
def owned_project(template_repo, tmp_path) -> Path:
    """`cruft create` from the template repository, then committed and edited as an owner would."""
    run(BIN / "cruft", "create", template_repo, "--directory", "templates/gan", "--no-input",
        "--output-dir", tmp_path / "mine", cwd=tmp_path)
    project = tmp_path / "mine" / "handwritten-digit-generator"
    cruft = json.loads((project / ".cruft.json").read_text())
    assert cruft["directory"] == "templates/gan"
    assert cruft["commit"] == git("rev-parse", "HEAD", cwd=template_repo)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-qm", "generated", cwd=project)
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("# Handwritten Digit Generator", "# My digit GAN", 1))
    (project / "NOTES.md").write_text("What I tried, in my words.\n")
    git("add", "-A", cwd=project)
    git("commit", "-qm", "owner: my title, my notes", cwd=project)
    return project


def test_cruft_update_brings_a_template_fix_and_keeps_the_owners_edits(owned_project, template_repo):
    commit_template_change(template_repo, PYTHON_311, 'python-version: "3.12"', "B: CI on Python 3.12")
    result = run(BIN / "cruft", "update", "--skip-apply-ask", cwd=owned_project)
    assert "with conflicts" not in result.stdout + result.stderr
    diff = git("diff", "HEAD", "--", ".github/workflows/ci.yml", cwd=owned_project)
    print(diff)  # the closing note quotes it
    assert f'-          {PYTHON_311}' in diff and '+          python-version: "3.12"' in diff
    assert (owned_project / "README.md").read_text().startswith("# My digit GAN")
    assert (owned_project / "NOTES.md").read_text() == "What I tried, in my words.\n"
    assert json.loads((owned_project / ".cruft.json").read_text())["commit"] == git(
        "rev-parse", "HEAD", cwd=template_repo)
    assert run(BIN / "cruft", "check", cwd=owned_project, check=False).returncode == 0


def test_cruft_update_reports_a_conflict_and_keeps_both_sides(owned_project, template_repo):
    ci = owned_project / ".github" / "workflows" / "ci.yml"
    ci.write_text(ci.read_text().replace(PYTHON_311, 'python-version: "3.10"'))
    git("commit", "-qam", "owner: CI on 3.10", cwd=owned_project)
    commit_template_change(template_repo, PYTHON_311, 'python-version: "3.13"', "B: CI on Python 3.13")
    result = run(BIN / "cruft", "update", "--skip-apply-ask", cwd=owned_project, check=False)
    said = result.stdout + result.stderr
    assert "Applied patch to '.github/workflows/ci.yml' with conflicts" in said
    text = ci.read_text()
    both = ('<<<<<<< ours\n          python-version: "3.10"\n=======\n'
            '          python-version: "3.13"\n>>>>>>> theirs')
    assert both in text
    status = git("status", "--porcelain", "--", ".github/workflows/ci.yml", cwd=owned_project)
    assert status == "UU .github/workflows/ci.yml"  # unmerged: git and the owner see it



def test_showcase_new_own_repo_makes_a_repository_that_cruft_updates(template_repo, tmp_path):
    """`showcase new KIND --own-repo`: a project outside the portfolio, its own repository with one
    commit, whose .cruft.json lets `cruft update` bring the template's next fix."""
    repos = tmp_path / "repos"
    result = run(BIN / "showcase", "new", "gan", "--own-repo", "--no-input", "--output-dir", repos,
                 "--templates-dir", template_repo / "templates", "--set", "author=Ada Lovelace",
                 "--set", "github_user=ada", "--set", "project_name=Sketch GAN", cwd=tmp_path)
    assert "git remote add origin https://github.com/ada/sketch-gan.git" in result.stdout
    assert "showcase add https://github.com/ada/sketch-gan" in result.stdout
    project = repos / "sketch-gan"
    assert git("log", "--format=%s", cwd=project) == "Generated from the gan template"
    assert git("status", "--porcelain", cwd=project) == ""
    state = json.loads((project / ".cruft.json").read_text())
    assert state["template"] == str(template_repo) and state["directory"] == "templates/gan"
    assert state["commit"] == git("rev-parse", "HEAD", cwd=template_repo)
    assert state["context"]["cookiecutter"]["project_name"] == "Sketch GAN"

    commit_template_change(template_repo, PYTHON_311, 'python-version: "3.12"', "B: CI on Python 3.12")
    run(BIN / "cruft", "update", "--skip-apply-ask", cwd=project)
    diff = git("diff", "HEAD", "--", ".github/workflows/ci.yml", cwd=project)
    assert '+          python-version: "3.12"' in diff


def test_showcase_new_own_repo_says_when_the_templates_cannot_be_followed(template_repo, tmp_path):
    (template_repo / "templates" / "gan" / "cookiecutter.json").touch()
    (template_repo / "templates" / "NOTES.txt").write_text("not committed\n")
    result = run(BIN / "showcase", "new", "gan", "--own-repo", "--no-input", "--output-dir", tmp_path / "r",
                 "--templates-dir", template_repo / "templates", "--set", "author=Ada", "--set",
                 "github_user=ada", cwd=tmp_path)
    assert "note: no .cruft.json:" in result.stdout and "has changes not committed" in result.stdout
    project = tmp_path / "r" / "handwritten-digit-generator"
    assert not (project / ".cruft.json").exists() and git("status", "--porcelain", cwd=project) == ""


def test_showcase_new_own_repo_without_a_git_identity_says_what_to_do(template_repo, tmp_path, monkeypatch):
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(var)
    # No name or e-mail anywhere, and no guessing one from the host's name (as on a fresh machine).
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("EMAIL", raising=False)
    result = run(BIN / "showcase", "new", "gan", "--own-repo", "--no-input", "--output-dir", tmp_path / "r",
                 "--templates-dir", template_repo / "templates", "--set", "author=Ada", "--set",
                 "github_user=ada", cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "the project is there, but `git commit" in result.stderr and "git config --global user.name" in \
        result.stderr
    assert (tmp_path / "r" / "handwritten-digit-generator" / "portfolio.yaml").is_file()
