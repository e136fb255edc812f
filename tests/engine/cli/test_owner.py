"""The owner, set once in the resume: read from it, given to ``showcase new``, and put into every
project by ``showcase owner --apply`` without touching anything else."""

import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import RESUME
from ready_project import write_resume
from template_checks import pre_gen_hook, rendered_files

from showcase.cli import main
from showcase.exceptions import OwnerError, ResumeError
from showcase.owner import (
    TEMPLATE_DEFAULTS,
    Owner,
    align_project,
    new_project_answers,
    plan_alignment,
    quoted,
    read_owner,
    resume_path,
    template_answers,
    write_atomically,
)

ROOT = Path(__file__).resolve().parents[3]
PLACEHOLDER = Owner(TEMPLATE_DEFAULTS["author"], TEMPLATE_DEFAULTS["github_user"])


def jsonify(value: str) -> str:
    """What the templates write for a value in JSON (cookiecutter's ``jsonify`` filter)."""
    return json.dumps(value, sort_keys=True, indent=4)


def as_templates_quote(value: str) -> str:
    """What the templates write for a string in YAML and TOML (the hook's ``quoted`` filter)."""
    return pre_gen_hook().quoted(value)


def write_project(root: Path, author: str = "Your Name", user: str = "your-github-user",
                  repository: str | None = None, slug: str = "digits") -> Path:
    """The files that name the owner, exactly as a template renders them for these answers."""
    root.mkdir(parents=True, exist_ok=True)
    repository = repository or f"https://github.com/{user}/{slug}"
    (root / "portfolio.yaml").write_text(
        "# The project card the portfolio site reads. Numbers are not typed here:\n"
        "# the site takes them from reports/metrics.json.\n"
        'title: "Digits"\nsummary: "A CNN."\nkind: image-classification\n'
        f"author: {as_templates_quote(author)}\n"
        "skills: [cnn, evaluation]\ndataset:\n  name: digits\n  source: https://example.org/d\n"
        "  licence: CC BY 4.0\nheadline_metric: accuracy\ndemo:\n  app: app.py\n  space: null\n"
        f"repository: {repository}\ncover: reports/figures/saliency.png\n")
    (root / "README.md").write_text(
        f"# Digits\n\nA CNN.\n\nBy {author}. Model card: [MODEL_CARD.md](MODEL_CARD.md).\n\n"
        "## Problem\n\nBy the way, this line is not a byline.\n")
    (root / "pyproject.toml").write_text(
        '# Rendered from templates/_shared: edit those.\n[build-system]\nrequires = ["setuptools>=77"]\n\n'
        f'[project]\nname = "{slug}"\nversion = "0.1.0"\ndescription = "A CNN."\nlicense = "MIT"\n'
        f"authors = [{{ name = {as_templates_quote(author)} }}]\n"
        'requires-python = ">=3.11"\ndependencies = [\n    "torch~=2.13.0",  # pinned\n]\n\n'
        '[tool.ruff]\nline-length = 110\n')
    answers = {"project_name": "Digits", "project_slug": slug, "author": author, "github_user": user,
               "hf_space": "", "license": "MIT"}
    (root / ".cookiecutter.json").write_text(
        '{\n  "cookiecutter": {\n' + ",\n".join(f"    {jsonify(k)}: {jsonify(v)}" for k, v in answers.items())
        + "\n  }\n}\n")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


def read_back(root: Path) -> dict[str, object]:
    """Every place a project names its owner, parsed as a reader of each file would."""
    card = yaml.safe_load((root / "portfolio.yaml").read_text(encoding="utf-8"))
    answers = json.loads((root / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    return {
        "card": card["author"], "repository": card["repository"],
        "pyproject": tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["authors"],
        "byline": (root / "README.md").read_text(encoding="utf-8").splitlines()[4],
        "answers": (answers["author"], answers["github_user"]),
    }


# --- who the owner is -------------------------------------------------------------------------


def resume(tmp_path: Path, profiles: list | None = None, name: str = "Ada Lovelace", **meta) -> Path:
    data = RESUME | {"basics": RESUME["basics"] | {"name": name}}
    if profiles is not None:
        data["basics"] = data["basics"] | {"profiles": profiles}
    if meta:
        data["meta"] = meta
    path = tmp_path / "resume.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_owner_is_the_resumes_name_and_github_profile(tmp_path):
    owner = read_owner(write_resume(tmp_path / "resume.yaml"))
    assert (owner.name, owner.github_user, owner.hf_user) == ("Ada Lovelace", "ada", None)
    assert not owner.placeholder
    assert owner.source == tmp_path / "resume.yaml"
    assert str(owner) == "Ada Lovelace (GitHub ada)"
    assert template_answers(owner) == {"author": "Ada Lovelace", "github_user": "ada"}


@pytest.mark.parametrize(("profile", "github", "hf"), [
    ({"network": "github", "url": "https://github.com/ada-l/"}, "ada-l", None),
    ({"network": "GitHub", "username": "@ada"}, "ada", None),
    ({"network": "GitHub", "username": "ada", "url": "https://github.com/someone-else"}, "ada", None),
    ({"network": "Hugging Face", "username": "ada-hf"}, None, "ada-hf"),
    ({"network": "HuggingFace", "url": "https://huggingface.co/ada.hf"}, None, "ada.hf"),
    ({"network": "hugging-face", "url": "https://huggingface.co/ada_hf/"}, None, "ada_hf"),
    ({"network": "LinkedIn", "username": "ada"}, None, None),
    ({"network": "GitHub", "url": "https://gitlab.com/ada"}, None, None),  # no user a GitHub URL names
], ids=["url", "at-sign", "username-first", "hf", "hf-url", "hf-spelling", "other-network", "not-github-url"])
def test_the_profiles_give_the_accounts(tmp_path, profile, github, hf):
    owner = read_owner(resume(tmp_path, [profile]))
    assert (owner.github_user, owner.hf_user) == (github, hf)


def test_no_profiles_no_github_user(tmp_path):
    owner = read_owner(resume(tmp_path, []))
    assert owner.github_user is None and str(owner) == "Ada Lovelace (no GitHub profile)"
    assert template_answers(owner) == {"author": "Ada Lovelace"}


@pytest.mark.parametrize(("profile", "words"), [
    ({"network": "GitHub", "username": "ada lovelace"}, "'ada lovelace' is not a GitHub user name"),
    ({"network": "GitHub", "username": "-ada"}, "'-ada' is not a GitHub user name"),
    ({"network": "Hugging Face", "username": "a/b"}, "'a/b' is not a Hugging Face user name"),
])
def test_a_profile_that_names_no_user_is_an_error_naming_it(tmp_path, profile, words):
    with pytest.raises(OwnerError, match=words) as error:
        read_owner(resume(tmp_path, [{"network": "LinkedIn"}, profile]))
    assert str(tmp_path / "resume.yaml") in str(error.value) and "basics.profiles[1]" in str(error.value)


def test_a_name_on_two_lines_is_an_error(tmp_path):
    with pytest.raises(OwnerError, match="basics.name 'Ada\\\\nLovelace' holds a line break"):
        read_owner(resume(tmp_path, name="Ada\nLovelace"))


def test_the_sample_resume_is_a_placeholder_owner(tmp_path):
    owner = read_owner(ROOT / "content" / "resume.yaml")
    source = ROOT / "content" / "resume.yaml"
    assert owner == Owner("Your Name", "your-github-user", "your-hf-user", source, placeholder=True)
    assert read_owner(resume(tmp_path, placeholder=True)).placeholder
    assert read_owner(resume(tmp_path, name="Your Name")).placeholder
    with pytest.raises(ResumeError, match="file not found"):
        read_owner(tmp_path / "none.yaml")


@pytest.mark.parametrize(("config", "expected"), [
    ("plugins:\n  - search\n  - showcase:\n      resume: me/cv.yaml\ndocs_dir: pages\n",
     "cfg/pages/me/cv.yaml"),
    ("plugins: [search, showcase]\n", "cfg/docs/resume.yaml"),  # MkDocs' and the plugin's defaults
    ("plugins:\n  showcase: {resume: cv.json}\ndocs_dir: content\nextra: {a: !ENV X}\n",
     "cfg/content/cv.json"),
    ("site_name: x\n", "content/resume.yaml"),  # no showcase plugin: the repository's layout
    ("plugins: [unclosed\n", "content/resume.yaml"),
    (None, "content/resume.yaml"),
])
def test_the_resume_is_where_the_site_reads_it(tmp_path, monkeypatch, config, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cfg").mkdir()
    if config is not None:
        (tmp_path / "cfg" / "mkdocs.yml").write_text(config)
    assert resume_path(Path("cfg/mkdocs.yml")) == Path(expected)


def test_the_repositorys_site_reads_content_resume_yaml():
    assert resume_path(ROOT / "mkdocs.yml") == ROOT / "content" / "resume.yaml"


# --- a project brought in line ----------------------------------------------------------------

NAMES = ["Ada Lovelace", "Zoë O'Brien", 'Ada "the first" Lovelace', "J. R. R. Tolkien", "O'Neil: the #1",
         "李雷", "Back\\slash", "Jean-Luc Picard"]


@pytest.mark.parametrize("name", NAMES)
def test_applying_the_owner_gives_what_the_template_renders_for_them(tmp_path, name):
    project = write_project(tmp_path / "digits")
    owner = Owner(name, "zoe")
    changes = align_project(project, owner)
    assert [(c.file, c.what) for c in changes] == [
        ("portfolio.yaml", "author"), ("portfolio.yaml", "repository"), ("README.md", "byline"),
        ("pyproject.toml", "authors"), (".cookiecutter.json", "author"),
        (".cookiecutter.json", "github_user")]
    # Byte for byte what `showcase new` writes with these answers: every other line as it was.
    assert snapshot(project) == snapshot(write_project(tmp_path / "expected", name, "zoe"))
    assert read_back(project) == {
        "card": name, "repository": "https://github.com/zoe/digits", "pyproject": [{"name": name}],
        "byline": f"By {name}. Model card: [MODEL_CARD.md](MODEL_CARD.md).", "answers": (name, "zoe")}
    before = snapshot(project)
    assert align_project(project, owner) == [] and snapshot(project) == before  # twice: a no-op
    assert plan_alignment(project, owner).in_line


def test_characters_past_the_basic_plane_read_back_everywhere(tmp_path):
    project = write_project(tmp_path / "digits")
    name = "Ada 😀 Lovelace"
    align_project(project, Owner(name, "ada"))
    assert read_back(project)["card"] == name and read_back(project)["pyproject"] == [{"name": name}]
    assert "😀" in (project / "pyproject.toml").read_text()  # itself: TOML and YAML take no surrogate pairs
    assert quoted("Zoë \"x\"\\\u2028") == '"Zoë \\"x\\"\\\\\\u2028"'  # escapes only where it must


def test_one_owner_then_another(tmp_path):
    project = write_project(tmp_path / "digits")
    align_project(project, Owner("Zoë O'Brien", "zoe"))
    changes = align_project(project, Owner("Ada Lovelace", "Ada"))
    assert [str(c) for c in changes][:3] == [
        'portfolio.yaml author: "Zoë O\'Brien" -> "Ada Lovelace"',
        "portfolio.yaml repository: https://github.com/zoe/digits -> https://github.com/Ada/digits",
        'README.md byline: "By Zoë O\'Brien." -> "By Ada Lovelace."']
    assert snapshot(project) == snapshot(write_project(tmp_path / "expected", "Ada Lovelace", "Ada"))
    assert align_project(project, Owner("Ada Lovelace", "ada")) == []  # GitHub users ignore case


@pytest.mark.parametrize("repository", [
    "https://gitlab.com/your-github-user/digits", "https://example.org/code/digits", "null"])
def test_a_repository_off_github_is_left_alone(tmp_path, repository):
    project = write_project(tmp_path / "digits", repository=repository)
    changes = align_project(project, Owner("Ada", "ada"))
    assert "repository" not in [c.what for c in changes]
    assert f"repository: {repository}\n" in (project / "portfolio.yaml").read_text()


def test_a_github_url_keeps_its_path_and_form(tmp_path):
    url = "'https://www.github.com/your-github-user/x/tree/main'  # code"
    project = write_project(tmp_path / "digits", repository=url)
    align_project(project, Owner("Ada", "ada"))
    text = (project / "portfolio.yaml").read_text()
    assert "repository: 'https://www.github.com/ada/x/tree/main'  # code\n" in text


def test_without_a_github_profile_only_the_name_changes(tmp_path):
    project = write_project(tmp_path / "digits")
    changes = align_project(project, Owner("Ada", None))
    assert {c.what for c in changes} == {"author", "byline", "authors"}
    assert read_back(project)["repository"] == "https://github.com/your-github-user/digits"
    assert read_back(project)["answers"] == ("Ada", "your-github-user")


def test_a_hand_written_card_keeps_its_comments_quoting_and_line_endings(tmp_path):
    project = write_project(tmp_path / "digits")
    card = project / "portfolio.yaml"
    card.write_bytes(card.read_bytes().replace(b'author: "Your Name"\n', b"author: Your Name   # me\n")
                     .replace(b"\n", b"\r\n"))
    align_project(project, Owner("Zoë O'Brien", "zoe"))
    text = card.read_bytes()
    assert b"author: Zo\xc3\xab O'Brien   # me\r\n" in text and b"\n" not in text.replace(b"\r\n", b"")
    align_project(project, Owner("O'Neil: the #1", "zoe"))  # plain would not read back: quoted
    assert b'author: "O\'Neil: the #1"   # me\r\n' in card.read_bytes()
    card.write_text(card.read_text().replace('"O\'Neil: the #1"', "'Single'"))
    align_project(project, Owner("Zoë O'Brien", "zoe"))
    assert "author: 'Zoë O''Brien'   # me" in card.read_text(encoding="utf-8")


def test_a_pyproject_without_authors_is_left_alone(tmp_path):
    project = write_project(tmp_path / "digits")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('authors = [{ name = "Your Name" }]\n', ""))
    before = pyproject.read_bytes()
    changes = align_project(project, Owner("Ada", "ada"))
    assert "pyproject.toml" not in {c.file for c in changes} and pyproject.read_bytes() == before
    assert {c.file for c in changes} == {"portfolio.yaml", "README.md", ".cookiecutter.json"}


def test_co_authors_and_emails_are_kept(tmp_path):
    project = write_project(tmp_path / "digits")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        'authors = [{ name = "Your Name" }]',
        'authors = [\n    { name = "Grace Hopper" },\n'
        '    { name = \'Your Name\', email = "me@example.org" },\n]'))
    align_project(project, Owner("Ada", "ada"))
    assert read_back(project)["pyproject"] == [{"name": "Grace Hopper"},
                                               {"name": "Ada", "email": "me@example.org"}]
    # Someone else's project, with co-authors of whom none is its known author: not ours to rename.
    pyproject.write_text(pyproject.read_text().replace('"Ada"', '"Alan Turing"'))
    before = pyproject.read_bytes()
    assert "pyproject.toml" not in {c.file for c in align_project(project, Owner("Ada", "ada"))}
    assert pyproject.read_bytes() == before


def test_a_readme_byline_naming_someone_unknown_or_no_byline(tmp_path):
    project = write_project(tmp_path / "digits")
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("By Your Name.", "By A. N. Other."))
    align_project(project, Owner("Ada", "ada"))  # the templates' byline shape tells where the name ends
    assert read_back(project)["byline"] == "By Ada. Model card: [MODEL_CARD.md](MODEL_CARD.md)."
    readme.write_text("# Digits\n\nWritten with Grace.\n\n## Problem\n\nBy the way.\n")
    assert "README.md" not in {c.file for c in align_project(project, Owner("Zoë", "ada"))}


@pytest.mark.parametrize(("rel", "text", "words"), [
    ("portfolio.yaml", "title: [unclosed\n", "portfolio.yaml: invalid YAML (line 2, column 1)"),
    ("portfolio.yaml", "- a list\n", "expected a mapping"),
    ("portfolio.yaml", "title: x\n", "no `author` text"),
    ("portfolio.yaml", "author: >-\n  Your\n  Name\nrepository: null\n",
     "`author` is not written on one line"),
    ("pyproject.toml", "[project\n", "pyproject.toml: not valid TOML"),
    ("pyproject.toml", '[project]\nauthors = [{ "name" = "Your Name" }]\n',
     "cannot find where [project] authors names 'Your Name'"),
    (".cookiecutter.json", "{", ".cookiecutter.json: invalid JSON (line 1, column 2)"),
    (".cookiecutter.json", '{"author": "Your Name"}', 'expected {"cookiecutter"'),
])
def test_a_project_that_cannot_be_rewritten_is_named_and_nothing_is_written(tmp_path, rel, text, words):
    project = write_project(tmp_path / "digits")
    (project / rel).write_text(text)
    before = snapshot(project)
    with pytest.raises(OwnerError) as error:
        align_project(project, Owner("Ada", "ada"))
    assert words in str(error.value) and str(project / rel) in str(error.value), error.value
    assert "Fix: " in str(error.value)
    assert snapshot(project) == before  # not even the files that could be rewritten


def test_links_and_other_encodings_are_not_rewritten(tmp_path):
    project = write_project(tmp_path / "digits")
    (tmp_path / "elsewhere.md").write_text("By Your Name. Model card: x.\n")
    (project / "README.md").unlink()
    (project / "README.md").symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(OwnerError, match="README.md: a link"):
        align_project(project, Owner("Ada", "ada"))
    (project / "README.md").unlink()
    (project / "README.md").write_bytes("By Your Name.\n".encode("utf-16"))
    with pytest.raises(OwnerError, match="README.md: not UTF-8 text"):
        align_project(project, Owner("Ada", "ada"))
    with pytest.raises(OwnerError, match="portfolio.yaml: file not found"):
        align_project(tmp_path / "none", Owner("Ada", "ada"))


def test_a_file_is_replaced_whole_with_its_permissions(tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new\r\n")
    assert path.read_bytes() == b"new\r\n" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["f.txt"]  # no temporary file left


# --- showcase owner -------------------------------------------------------------------------


def owner_cli(tmp_path: Path, *args: str, resume_file: Path | None = None) -> int:
    return main(["owner", "--projects", str(tmp_path / "projects"),
                 "--resume", str(resume_file or write_resume(tmp_path / "resume.yaml")), *args])


def test_showcase_owner_lists_the_differences_then_applies_them(tmp_path, capsys):
    write_project(tmp_path / "projects" / "digits")
    write_project(tmp_path / "projects" / "mine", "Ada Lovelace", "ada", slug="mine")
    assert owner_cli(tmp_path) == 1
    out = capsys.readouterr().out
    assert f"The owner, from {tmp_path / 'resume.yaml'}: Ada Lovelace (GitHub ada)." in out
    assert 'digits: differs\n  portfolio.yaml author: "Your Name" -> "Ada Lovelace"\n' in out
    assert "  pyproject.toml authors: " in out and "mine: in line" in out
    assert "1 of 2 project(s) differ from the owner. Fix: `showcase owner --apply` rewrites them." in out
    assert read_back(tmp_path / "projects" / "digits")["card"] == "Your Name"  # listing changes nothing
    assert owner_cli(tmp_path, "--apply") == 0
    out = capsys.readouterr().out
    assert "digits: rewrote portfolio.yaml, README.md, pyproject.toml, .cookiecutter.json" in out
    assert "no retraining is needed" in out
    assert read_back(tmp_path / "projects" / "digits")["card"] == "Ada Lovelace"
    assert owner_cli(tmp_path) == 0
    assert "Every project (2) is in line with the owner." in capsys.readouterr().out
    assert owner_cli(tmp_path, "mine") == 0  # one project, by name


def test_showcase_owner_will_not_apply_a_sample_resume(tmp_path, capsys):
    project = write_project(tmp_path / "projects" / "digits", "Ada Lovelace", "ada")
    before = snapshot(project)
    sample = resume(tmp_path, [{"network": "GitHub", "username": "your-github-user"}], name="Your Name",
                    placeholder=True)
    assert owner_cli(tmp_path, "--apply", resume_file=sample) == 1
    captured = capsys.readouterr()
    assert "still holds sample data (meta.placeholder: true)" in captured.out
    assert "error: not applied:" in captured.err and snapshot(project) == before


def test_showcase_owner_changes_nothing_when_a_project_cannot_be_read(tmp_path, capsys):
    good = write_project(tmp_path / "projects" / "a-good")
    bad = write_project(tmp_path / "projects" / "b-bad")
    (bad / "pyproject.toml").write_text("[project\n")
    before = snapshot(good)
    assert owner_cli(tmp_path, "--apply") == 1
    err = capsys.readouterr().err
    assert f"b-bad: {bad / 'pyproject.toml'}: not valid TOML" in err and "nothing was changed" in err
    assert snapshot(good) == before


def test_showcase_owner_reads_the_resume_the_site_names(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path / "projects" / "digits", "Ada Lovelace", "ada")
    assert main(["owner"]) == 1
    assert "error: content/resume.yaml: file not found" in capsys.readouterr().err
    (tmp_path / "pages").mkdir()
    write_resume(tmp_path / "pages" / "cv.yaml")
    (tmp_path / "mkdocs.yml").write_text("docs_dir: pages\nplugins:\n  - showcase:\n      resume: cv.yaml\n")
    assert main(["owner"]) == 0
    assert "The owner, from pages/cv.yaml: Ada Lovelace" in capsys.readouterr().out


# --- showcase new -----------------------------------------------------------------------------


@pytest.fixture
def owner_template(tmp_path, monkeypatch) -> Path:
    """A tiny template that asks what the real ones ask about the owner."""
    config = tmp_path / "cookiecutter-config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\ncookiecutters_dir: {tmp_path / 'cc'}\n")
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(config))
    root = tmp_path / "templates"
    kind = root / "image-classification"
    (kind / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (kind / "cookiecutter.json").write_text(json.dumps({"project_slug": "demo"} | TEMPLATE_DEFAULTS))
    (kind / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "By {{ cookiecutter.author }}, https://github.com/{{ cookiecutter.github_user }}\n")
    (root / "cookiecutter.json").write_text("{}")
    return root


def new(tmp_path: Path, templates: Path, *args: str) -> str:
    assert main(["new", "image-classification", "--no-input", "--output-dir", str(tmp_path / "p"),
                 "--templates-dir", str(templates), *args]) == 0
    return (tmp_path / "p" / "demo" / "README.md").read_text(encoding="utf-8")


def test_showcase_new_takes_the_owner_from_the_resume(tmp_path, owner_template, capsys):
    path = resume(tmp_path, [{"network": "GitHub", "username": "zoe"}], name="Zoë O'Brien")
    assert new(tmp_path, owner_template, "--resume", str(path)) == "By Zoë O'Brien, https://github.com/zoe\n"
    assert f"author \"Zoë O'Brien\", github_user zoe: from {path}\n" in capsys.readouterr().out


def test_what_set_gives_wins(tmp_path, owner_template, capsys):
    path = write_resume(tmp_path / "resume.yaml")
    assert new(tmp_path, owner_template, "--resume", str(path), "--set", "github_user=other") \
        == "By Ada Lovelace, https://github.com/other\n"
    assert capsys.readouterr().out.startswith(f'author "Ada Lovelace": from {path}\n')
    (tmp_path / "p" / "demo").rename(tmp_path / "first")
    assert new(tmp_path, owner_template, "--resume", str(tmp_path / "none.yaml"), "--set", "author=Me",
               "--set", "github_user=me") == "By Me, https://github.com/me\n"
    assert capsys.readouterr().out.startswith("Created ")  # both given: the resume is not read


@pytest.mark.parametrize(("case", "words"), [
    ("missing", "author and github_user: the template's defaults (no resume at {resume}); write one: "
                "edit `basics` in {resume}, then `showcase owner --apply` updates every project"),
    ("sample", 'author "Ada Lovelace", github_user ada: from {resume}, which still holds sample data '
               "(meta.placeholder: true): edit `basics` in {resume}, then `showcase owner --apply`"),
    ("invalid", "author and github_user: the template's defaults ({resume}: invalid YAML"),
    ("no-github",
     "from {resume} (no GitHub profile in basics.profiles, so github_user is the template's default)"),
])
def test_showcase_new_says_in_one_line_where_the_owner_came_from(tmp_path, owner_template, capsys, case,
                                                                 words):
    path = tmp_path / "resume.yaml"
    if case == "sample":
        write_resume(path, placeholder=True)
    elif case == "invalid":
        path.write_text("basics: [unclosed\n")
    elif case == "no-github":
        resume(tmp_path, [])
    new(tmp_path, owner_template, "--resume", str(path))
    captured = capsys.readouterr()
    note = captured.out.splitlines()[0]
    assert words.format(resume=path) in note and "Traceback" not in captured.out + captured.err
    assert captured.out.splitlines()[1].startswith("Created ")
    answers, line = new_project_answers(path)
    assert line == note


def test_a_replay_keeps_its_own_answers(tmp_path, owner_template, capsys):
    write_project(tmp_path / "old", "Grace Hopper", "grace", slug="demo")
    assert main(["new", "image-classification", "--output-dir", str(tmp_path / "p"), "--templates-dir",
                 str(owner_template), "--resume", str(write_resume(tmp_path / "resume.yaml")),
                 "--answers", str(tmp_path / "old" / ".cookiecutter.json")]) == 0
    assert (tmp_path / "p" / "demo" / "README.md").read_text() == "By Grace Hopper, https://github.com/grace\n"
    assert "from" not in capsys.readouterr().out.splitlines()[0]


def test_a_real_template_renders_what_apply_writes(tmp_path, monkeypatch, capsys):
    """`showcase new` with the owner from the resume, and an example project generated with the
    template's defaults then given that owner by `showcase owner --apply`, are the same files."""
    monkeypatch.chdir(tmp_path)
    example = ROOT / "projects" / "fashion-cnn"
    answers = json.loads((example / ".cookiecutter.json").read_text())["cookiecutter"]
    given = [f"--set={key}={value}" for key, value in answers.items() if key not in TEMPLATE_DEFAULTS]
    path = resume(tmp_path, [{"network": "GitHub", "url": "https://github.com/zoe-ob"}], name="Zoë O'Brien")
    assert main(["new", "image-classification", "--no-input", "--resume", str(path), *given]) == 0
    made = tmp_path / "projects" / answers["project_slug"]
    copy = tmp_path / "copy"
    copy.mkdir()
    for rel in ("portfolio.yaml", "pyproject.toml", ".cookiecutter.json", "README.md"):
        (copy / rel).write_bytes((example / rel).read_bytes())
    assert owner_cli(tmp_path, "--apply", resume_file=path) == 0  # projects/ holds the new one: in line
    assert len(align_project(copy, read_owner(path))) == 6
    for rel in ("portfolio.yaml", "pyproject.toml"):
        assert (copy / rel).read_text(encoding="utf-8") == (made / rel).read_text(encoding="utf-8"), rel
    # The example's answers are in the order of the template it was made with; the values agree.
    def answers_of(root: Path) -> dict:
        return json.loads((root / ".cookiecutter.json").read_text())

    assert answers_of(copy) == answers_of(made)
    assert '    "author": "Zo\\u00eb O\'Brien",\n' in (made / ".cookiecutter.json").read_text()
    byline = (made / "README.md").read_text(encoding="utf-8").splitlines()[4]
    assert byline == "By Zoë O'Brien. Model card: [MODEL_CARD.md](MODEL_CARD.md)."
    assert (copy / "README.md").read_text(encoding="utf-8").splitlines()[4] == byline
    assert {"portfolio.yaml", "README.md"} <= rendered_files(made)


DEPLOY = """# PLACEHOLDER: your Hugging Face user. A real deploy refuses "your-hf-user".
site:
  space: your-hf-user/portfolio  # e.g. your-hf-user/portfolio stays in this comment
projects:
  digits:
    demo: none
    model_repo: "your-hf-user/fashion-cnn"
  other:
    model_repo: my-org/other  # an organisation the owner chose: left alone
"""


def test_showcase_owner_moves_deploy_repos_off_the_placeholder_owner(tmp_path, capsys):
    write_project(tmp_path / "projects" / "digits", "Ada Lovelace", "ada")
    deploy = tmp_path / "deploy.yaml"
    deploy.write_text(DEPLOY)
    owner_resume = resume(tmp_path, [{"network": "GitHub", "username": "ada"},
                                     {"network": "Hugging Face", "username": "ada-hf"}])
    args = ("--deploy-config", str(deploy))
    assert owner_cli(tmp_path, *args, resume_file=owner_resume) == 1
    out = capsys.readouterr().out
    assert "digits: in line" in out and "portfolio: differs" in out
    assert "  deploy.yaml line 3: your-hf-user/portfolio -> ada-hf/portfolio" in out
    assert "0 of 1 project(s) and " in out and deploy.read_text() == DEPLOY  # listing writes nothing
    assert owner_cli(tmp_path, "--apply", *args, resume_file=owner_resume) == 0
    text = deploy.read_text()
    assert "space: ada-hf/portfolio  # e.g. your-hf-user/portfolio stays in this comment" in text
    assert 'model_repo: "ada-hf/fashion-cnn"' in text and "model_repo: my-org/other" in text
    assert text.replace("ada-hf/portfolio ", "your-hf-user/portfolio ", 1).replace(
        '"ada-hf/fashion-cnn"', '"your-hf-user/fashion-cnn"') == DEPLOY  # nothing else changed
    capsys.readouterr()
    assert owner_cli(tmp_path, *args, resume_file=owner_resume) == 0
    assert f"Every project (1) is in line with the owner, and so is {deploy}." in capsys.readouterr().out


def test_deploy_repos_stay_without_a_hugging_face_profile(tmp_path, capsys):
    write_project(tmp_path / "projects" / "digits", "Ada Lovelace", "ada")
    deploy = tmp_path / "deploy.yaml"
    deploy.write_text(DEPLOY)
    assert owner_cli(tmp_path, "--apply", "--deploy-config", str(deploy)) == 0  # GitHub profile only
    assert deploy.read_text() == DEPLOY
