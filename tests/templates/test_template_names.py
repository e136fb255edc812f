"""Names derived from a title always work, and the pre-generation hook checks what the contract says.

The hook (templates/_shared/hooks/pre_gen_project.py) is plain Python: these tests import it
and call its functions, and render the template with titles that used to stop generation.
"""

import importlib.machinery
import importlib.metadata
import json
import keyword
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter
from hypothesis import given, settings
from hypothesis import strategies as st
from template_checks import CONTRACT, SHARED, TEMPLATES, pre_gen_hook

from showcase.cli import main as cli_main
from showcase.contract.files import SPACE_ID_PATTERN
from showcase.exceptions import TemplateError
from showcase.scaffold import new_project

hook = pre_gen_hook()
# The answers cookiecutter gives the hook name the kind's folder (`_repo_dir`): its questions and contract.
KIND_DIR = str(TEMPLATES / "image-classification")

# title -> the slug and package it must give (None: any valid name will do).
TITLES = {
    "Handwritten Digit Classifier": ("handwritten-digit-classifier", "handwritten_digit_classifier"),
    "class": ("class", "project_class"),
    "import": ("import", "project_import"),
    "None of the above": ("none-of-the-above", "none_of_the_above"),
    "2024 digits": ("project-2024-digits", "project_2024_digits"),
    "42": ("project-42", "project_42"),
    "9 Lives: a cat classifier": ("project-9-lives-a-cat-classifier", "project_9_lives_a_cat_classifier"),
    "numpy": ("numpy", "project_numpy"),
    "json": ("json", "project_json"),
    "Tests": ("tests", "project_tests"),
    "!!! Digits ???": ("digits", "digits"),
    "--- Sentiment ---": ("sentiment", "sentiment"),
    "___": ("my-project", "my_project"),
    "🤖🧠": ("my-project", "my_project"),
    "A": ("a", "a"),
    "C++ & Rust": ("c-rust", "c_rust"),
    'My "quoted" digits': ("my-quoted-digits", "my_quoted_digits"),
    "Détection de chiffres — CNN": ("detection-de-chiffres-cnn", "detection_de_chiffres_cnn"),
    "手写数字识别": (None, None),
    "日本語のテキスト分類": (None, None),
    "한국어 감정 분석": (None, None),
    "Распознавание рукописных цифр": (None, None),
    "التعرف على الأرقام": (None, None),
    "हिन्दी पाठ वर्गीकरण": (None, None),
    # 84 characters: cut at a word boundary, in order
    "A very long title for a handwritten digit classifier, trained on 1797 scanned digits": (
        "a-very-long-title-for-a-handwritten", "a_very_long_title_for_a_handwritten"),
    "A title of exactly one hundred characters, the most a portfolio card shows: "
    "handwritten digits, 2024": (None, None),
}


def assert_valid_names(slug: str, package: str) -> None:
    assert hook.SLUG.fullmatch(slug) and len(slug) <= hook.DERIVED_SLUG_LIMIT, slug
    assert package.isidentifier() and package.isascii() and not keyword.iskeyword(package), package
    assert not hook.shadows(package), package


@pytest.mark.parametrize("title", TITLES)
def test_names_derived_from_any_title_are_valid(title):
    slug = hook.slug_from_title(title)
    package = hook.package_from_slug(slug)
    assert_valid_names(slug, package)
    expected_slug, expected_package = TITLES[title]
    assert (slug, package) == (expected_slug or slug, expected_package or package)


@pytest.mark.parametrize("title", TITLES)
def test_a_title_alone_renders_a_project(tmp_path, title):
    created = cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                           extra_context={"project_name": title}, output_dir=str(tmp_path))
    answers = json.loads((tmp_path / created / ".cookiecutter.json").read_text())["cookiecutter"]
    slug, package = answers["project_slug"], answers["package_name"]
    assert answers["project_name"] == title
    assert_valid_names(slug, package)
    assert [p.name for p in tmp_path.iterdir()] == [slug]  # the folder is the slug, nothing else
    assert (tmp_path / slug / "src" / package / "train.py").is_file()


TEXT_ANSWERS = {"project_name": 'Zoë\'s "Art" 🎨 Maker', "author": "Zoë Ng 😀",
                "summary": "Draws 𝒻𝒶𝓈𝒽𝒾ℴ𝓃 — with a back\\slash and a tab-free 'quote' 🎨."}


@pytest.mark.parametrize("kind", sorted(p.parent.name for p in TEMPLATES.glob("*/cookiecutter.json")))
def test_answers_past_ascii_read_back_exactly_from_every_file_they_reach(tmp_path, kind):
    """Accents, emoji (past U+FFFF: a surrogate pair in JSON, which TOML refuses), quotes and a
    backslash, written into pyproject.toml, portfolio.yaml and Python source, each read back."""
    import ast
    import tomllib

    import yaml

    created = Path(cookiecutter(str(TEMPLATES / kind), no_input=True, extra_context=TEXT_ANSWERS,
                                output_dir=str(tmp_path)))
    pyproject = tomllib.loads((created / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["authors"] == [{"name": TEXT_ANSWERS["author"]}]
    card = yaml.safe_load((created / "portfolio.yaml").read_text(encoding="utf-8"))
    assert (card["title"], card["summary"], card["author"]) == (
        TEXT_ANSWERS["project_name"], TEXT_ANSWERS["summary"], TEXT_ANSWERS["author"])
    strings = set()
    for source in [*created.glob("*.py"), *created.glob("src/*/*.py")]:
        tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
        strings |= {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                    and isinstance(node.value, str)}
    assert TEXT_ANSWERS["project_name"] in strings  # the demo's title
    for literal in strings:
        literal.encode("utf-8")  # raises on a lone surrogate, as writing it to a page would


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_the_hooks_quoted_filter_writes_what_showcase_owner_writes(text):
    """A project rendered with an answer and a project whose answer `showcase owner --apply`
    rewrote to the same value hold the same bytes: the two `quoted` rules are one rule."""
    from showcase.owner import quoted

    assert hook.quoted(text) == quoted(text)


def test_the_text_kind_derives_names_the_same_way(tmp_path):
    created = cookiecutter(str(TEMPLATES / "text-classification"), no_input=True,
                           extra_context={"project_name": "class"}, output_dir=str(tmp_path))
    assert (tmp_path / created / "src" / "project_class" / "train.py").is_file()


def test_a_typed_slug_gets_a_package_that_does_not_shadow(tmp_path):
    created = cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                           extra_context={"project_slug": "torch"}, output_dir=str(tmp_path))
    assert (tmp_path / created / "src" / "project_torch").is_dir()


@pytest.mark.parametrize("slug, folder", [("digits", "digits"), ("../x", "x"), ("..", "invalid-slug"),
                                          ("/etc", "etc"), ("", "invalid-slug")])
def test_the_project_folder_never_leaves_the_output_dir(slug, folder):
    assert hook.folder_name(slug) == folder


def test_the_hook_checks_typed_answers():
    good = {"project_name": "Digits", "summary": "Reads digits.", "author": "Ada", "project_slug": "digits",
            "package_name": "digits", "github_user": "ada", "hf_space": "ada/digits", "demo_ui": "gradio",
            "_repo_dir": KIND_DIR}
    assert hook.check(good) == []
    bad = {**good, "project_slug": "Digits!", "package_name": "class", "hf_space": "ada/digits\n",
           "summary": "x" * 301, "demo_ui": "tkinter"}
    problems = "\n".join(hook.check(bad))
    for expected in ("project_slug 'Digits!' is not valid", "package_name 'class' is a Python keyword",
                     "hf_space 'ada/digits\\n' is not a Space id", "summary is 301 characters long",
                     "demo_ui 'tkinter' is not a demo app this template makes: choose 'gradio' or"):
        assert expected in problems


def test_the_hooks_space_id_and_limits_are_the_contracts():
    # The pattern and the card's limits have one home, the showcase; the hook reads their export and
    # keeps no copy.
    assert hook.space_id_pattern() == SPACE_ID_PATTERN
    assert hook.space_id_pattern(str(TEMPLATES / "gan")) == SPACE_ID_PATTERN  # as the hook run finds it
    source = (SHARED / "hooks" / "pre_gen_project.py").read_text()
    assert SPACE_ID_PATTERN not in source
    card = json.loads((CONTRACT / "portfolio.schema.json").read_text())["properties"]
    limits = (card["title"]["maxLength"], card["summary"]["maxLength"])
    assert hook.card_limits() == hook.card_limits(str(TEMPLATES / "gan")) == limits
    assert not re.search(rf"\b({limits[0]}|{limits[1]})\b", source)


def test_the_hook_is_plain_python_with_two_placeholders():
    source = (SHARED / "hooks" / "pre_gen_project.py").read_text()
    assert re.findall(r"\{\{.*?\}\}|\{%|\{#", source) == ["{{ cookiecutter | jsonify }}", "{{ kind_dir() }}"]


def test_the_hook_run_reads_the_rendered_answers(monkeypatch, capsys):
    answers = {"project_name": "Digits", "summary": "Reads digits.", "author": "Ada",
               "project_slug": "digits", "package_name": "json", "github_user": "ada", "hf_space": "",
               "demo_ui": "gradio", "_template": "x", "_repo_dir": KIND_DIR}
    monkeypatch.setattr(hook, "ANSWERS_JSON", json.dumps(answers))
    monkeypatch.setattr(hook, "KIND_DIR", KIND_DIR)  # rendered from the kind's folder
    with pytest.raises(SystemExit) as stopped:
        hook.main()
    assert stopped.value.code == 1 and "package_name 'json'" in capsys.readouterr().err
    monkeypatch.setattr(hook, "ANSWERS_JSON", json.dumps({**answers, "package_name": "digits"}))
    hook.main()  # no problem: returns, and cookiecutter goes on


@pytest.mark.parametrize("kind", ["image-classification", "text-classification"])
def test_every_kind_derives_its_names_with_the_hooks_filters(kind):
    config = json.loads((TEMPLATES / kind / "cookiecutter.json").read_text())
    assert config["_extensions"] == ["hooks.pre_gen_project.NamesExtension"]
    assert "slug_from_title" in config["project_slug"] and "package_from_slug" in config["package_name"]
    assert [p.name for p in (TEMPLATES / kind).glob("{{*")] == ["{{cookiecutter.project_slug|folder_name}}"]


@pytest.mark.parametrize("kind", sorted(p.parent.name for p in TEMPLATES.glob("*/cookiecutter.json")))
def test_the_hook_accepts_the_demo_apps_the_kind_offers_gradio_first(kind):
    # The kind's `demo_ui` question is the one list: the hook reads it and keeps no copy.
    config = json.loads((TEMPLATES / kind / "cookiecutter.json").read_text())
    assert hook.demo_uis(str(TEMPLATES / kind)) == tuple(config["demo_ui"]) == ("gradio", "streamlit")
    assert set(config["__prompts__"]["demo_ui"]) == {"__prompt__", *config["demo_ui"]}
    assert "\"gradio\", \"streamlit\"" not in (SHARED / "hooks" / "pre_gen_project.py").read_text()


# --- Names already taken (issue 23): `test` is Python's own package, so `make train` said
# "No module named test.train". Typed, such a name is refused with the reason; derived from the
# title, it gets the "project_" prefix, as a keyword always did, and the hook says why.

STDLIB = ["test", "json", "site", "typing", "os", "sys", "idlelib", "xxlimited", "sitecustomize",
          "usercustomize", "asyncio", "unittest", "string", "types", "random", "email", "logging",
          "collections", "abc", "io", "math", "time", "enum", "dataclasses", "pathlib", "tkinter",
          "antigravity", "this", "code", "token", "select", "secrets", "statistics", "builtins"]
KEYWORDS = sorted(k for k in keyword.kwlist if k.islower())
DEPENDED_ON = ["torch", "numpy", "gradio", "gradio_client", "yaml", "sklearn", "scipy", "pil", "transformers",
               "peft", "pytest", "py", "pandas", "streamlit", "gymnasium", "pygame", "onnx", "onnxruntime",
               "onnxscript", "datasets", "safetensors", "huggingface_hub", "tyro", "pydantic", "jsonschema",
               "ruff", "matplotlib", "tqdm"]
OWN_FILES = ["tests", "app", "conftest", "streamlit_app", "src"]

# package -> what the refusal must say about it
REFUSED = (
    {name: f"package_name {name!r} is already the name of Python's own `{name}` module" for name in STDLIB}
    | {name: f"package_name {name!r} is a Python keyword" for name in KEYWORDS}
    | {name: f"package_name {name!r} is already `{name}`, from " for name in DEPENDED_ON}
    | {name: f"package_name {name!r} is already the name of the project's own " for name in OWN_FILES}
)
# typed package names that are no package name at all
INVALID = {"my-pkg": "is not valid", "1digits": "is not valid", "2024": "is not valid",
           "Test": "is not valid", "TORCH": "is not valid", "__init__": "is not valid",
           "_private": "is not valid",
           "my pkg": "is not valid", "a.b": "is not valid", "ünïcode": "non-ASCII", "тест": "non-ASCII",
           "test\u200b": "non-ASCII"}
ALLOWED = ["digits", "digit_classifier", "tester", "testing_ground", "json_reader", "my_torch_model", "init",
           "a", "x2", "project_test", "project_torch", "sentiment"]


@cache
def distributions_of() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it (slow to read: once)."""
    return importlib.metadata.packages_distributions()


def installed_modules() -> list[str]:
    """Top-level modules of the distributions installed here, that could name a package
    (the portfolio's own example projects among them: another project must not take theirs)."""
    return sorted(m for m in distributions_of() if hook.PACKAGE.fullmatch(m))


def installed_as_this_project(package: str, slug: str) -> bool:
    """Whether only the project `slug` itself, installed from its folder, provides `package`
    (the example projects, regenerated from their saved answers)."""
    distributions = distributions_of().get(package, [])
    return bool(distributions) and all(hook._is_this_project(d, slug) for d in distributions)


def answers_with(package: str, slug: str = "digits") -> dict[str, str]:
    return {"project_name": "Digits", "summary": "Reads digits.", "author": "Ada", "project_slug": slug,
            "package_name": package, "github_user": "ada", "hf_space": "", "demo_ui": "gradio",
            "_repo_dir": KIND_DIR}


def test_the_tables_hold_what_the_issue_names():
    assert {"test", "site", "typing", "torch", "numpy", "gradio", "yaml"} <= set(REFUSED)
    assert "test" not in sys.stdlib_module_names  # why the old rule let it through
    assert len(installed_modules()) > 20
    assert {"rich", "click", "mkdocs", "cookiecutter"} <= set(installed_modules())


def test_the_hook_reads_each_installed_distributions_modules_as_importlib_does():
    """The hook reads RECORD's text itself (fast); importlib's own reading is the reference. Python
    3.11's infers modules from `.py` files only; the hook adds compiled extensions, as importable."""
    for distribution in importlib.metadata.distributions():
        theirs = set(importlib.metadata._top_level_declared(distribution)
                     or importlib.metadata._top_level_inferred(distribution))
        ours = hook._top_level_modules(distribution)
        assert theirs <= ours, distribution.metadata["Name"]
        compiled = {str(path).partition("/")[0].split(".")[0] for path in distribution.files or ()
                    if str(path).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))}
        assert ours - theirs <= compiled, distribution.metadata["Name"]


def test_a_distribution_without_top_level_txt_names_its_packages_modules_and_extensions(tmp_path):
    info = tmp_path / "tool-1.0.dist-info"
    info.mkdir()
    info.joinpath("RECORD").write_text("\n".join([
        "pkg/__init__.py,sha256=x,1", "pkg/sub/mod.py,,", "solo.py,,", '"odd,name.py",,',
        "fastmod.cpython-311-x86_64-linux-gnu.so,,", "__pycache__/solo.cpython-311.pyc,,",
        "tool-1.0.dist-info/METADATA,,", "../../bin/tool,,", "pkg/data.json,,"]))
    distribution = importlib.metadata.PathDistribution(info)
    # not the cache, the metadata, a script outside; a quoted path with a comma is read whole
    assert hook._top_level_modules(distribution) == {"pkg", "solo", "fastmod", "odd,name"}


@pytest.mark.parametrize("package", REFUSED)
def test_a_typed_package_name_that_is_taken_is_refused_with_the_reason(package):
    (problem,) = hook.check(answers_with(package))
    assert problem.startswith(REFUSED[package]), problem
    assert "Choose another title, or set package_name to another name, e.g. 'project_" in problem


@pytest.mark.parametrize("package", installed_modules())
def test_a_typed_package_name_an_installed_distribution_has_is_refused(package):
    (problem,) = hook.check(answers_with(package))
    assert problem.startswith(f"package_name {package!r} is already "), problem
    if package not in REFUSED and package not in hook.DEPENDENCIES and package not in sys.stdlib_module_names:
        installed_by = distributions_of()[package]
        assert f"`{package}` module of the installed {', '.join(sorted(set(installed_by)))}" in problem


@pytest.mark.parametrize("package", [*REFUSED, *installed_modules()])
def test_a_derived_package_name_that_is_taken_gets_the_prefix(package):
    slug = package.replace("_", "-")
    derived = hook.package_from_slug(slug)
    if installed_as_this_project(package, slug):  # this very project, generated again: its own name
        assert derived == package and hook.renamed(slug, derived) is None
        return
    assert derived == f"project_{package}" and not hook.shadows(derived, slug)
    assert hook.check(answers_with(derived, slug)) == []
    note = hook.renamed(slug, derived)
    assert note.startswith(f"package_name is {derived!r}, not {package!r}: {package!r} is ")


@pytest.mark.parametrize("package, message", INVALID.items())
def test_a_typed_package_name_that_is_no_name_is_refused(package, message):
    problems = "\n".join(hook.check(answers_with(package)))
    assert f"package_name {package!r} " in problems and message in problems


@pytest.mark.parametrize("package", ALLOWED)
def test_a_free_package_name_is_kept(package):
    assert hook.check(answers_with(package)) == []
    assert hook.package_from_slug(package.replace("_", "-")) == package
    assert hook.renamed(package.replace("_", "-"), package) is None


# title -> the package it derives: dashes, digits, case and other scripts reach the same rule
DERIVED = {"test": "project_test", "Test": "project_test", "TEST": "project_test", "tëst": "project_test",
           "  test  ": "project_test", "__init__": "init", "__main__": "main", "site": "project_site",
           "typing": "project_typing", "Torch": "project_torch", "PIL": "project_pil", "py": "project_py",
           "Tests": "project_tests", "app": "project_app", "src": "project_src", "2 test": "project_2_test",
           "test-suite": "test_suite", "Test suite": "test_suite",
           "typing-extensions": "project_typing_extensions",
           "Rich": "project_rich", "Click": "project_click", "sitecustomize": "project_sitecustomize"}


@pytest.mark.parametrize("title", DERIVED)
def test_a_title_derives_a_package_that_is_free(title):
    slug = hook.slug_from_title(title)
    assert hook.package_from_slug(slug) == DERIVED[title]
    assert hook.check({**answers_with(DERIVED[title], slug), "project_name": title}) == []


@given(st.text(max_size=100))
@settings(max_examples=300, deadline=None)
def test_any_title_derives_names_that_are_free(title):
    slug = hook.slug_from_title(title)
    package = hook.package_from_slug(slug)
    assert_valid_names(slug, package)
    assert hook.taken(package, slug) is None


def test_an_earlier_install_of_the_same_project_is_not_in_the_way(tmp_path, monkeypatch):
    """Regenerating a project from its saved answers (`showcase new --answers`) where `make install`
    installed it: the module is its own. A library of that name from an index is in the way."""
    project = tmp_path / "digits-cnn"
    project.mkdir()
    origin = {"digits-cnn": {"dir_info": {"editable": True}, "url": project.as_uri()},
              "rich": None, "other-folder": {"dir_info": {}, "url": tmp_path.as_uri()}}

    class Distribution:
        def __init__(self, name):
            self.name = hook._normalized(name)

        def read_text(self, file):
            return None if origin[self.name] is None else json.dumps(origin[self.name])

    monkeypatch.setattr(hook.importlib.metadata, "distribution", Distribution)
    assert not hook._is_this_project("digits-cnn", "digits-cnn")  # no .cookiecutter.json there
    (project / ".cookiecutter.json").write_text("{}")
    assert hook._is_this_project("digits-cnn", "digits-cnn")
    assert hook._is_this_project("Digits_CNN", "digits-cnn")  # names as pip compares them
    assert not hook._is_this_project("digits-cnn", "digits")  # another project
    assert not hook._is_this_project("rich", "rich")  # from an index
    assert not hook._is_this_project("other-folder", "other-folder")  # a folder cookiecutter did not make


def test_the_dependencies_cover_what_the_templates_install():
    """Every distribution a template's pyproject.toml names (any kind, model or demo app): its
    top-level modules, as installed here, are in DEPENDENCIES."""
    files = [SHARED / "include" / "shared" / "project" / "pyproject.toml",
             *TEMPLATES.glob("*/{{cookiecutter.project_slug|folder_name}}/pyproject.toml")]
    requirement = re.compile(r'"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*[<>=~!]')
    names = {m for f in files for m in requirement.findall(f.read_text())}
    assert {"torch", "gradio", "streamlit", "transformers", "peft", "gymnasium", "pytest", "ruff"} <= names
    modules: dict[str, set[str]] = {}
    for module, distributions in distributions_of().items():
        for distribution in distributions:
            modules.setdefault(hook._normalized(distribution), set()).add(module)
    missing = {}
    for name in names - {"setuptools"}:  # the build backend, not imported by the project
        found = {m.lower() for m in modules.get(hook._normalized(name), set())}
        missing[name] = {m for m in found if hook.PACKAGE.fullmatch(m)} - set(hook.DEPENDENCIES)
    assert not any(missing.values()), missing
    assert set(hook.DEPENDENCIES.values()) <= {n.lower() for n in names} | {"scipy", "onnx", "pygame"}


# --- The same rule through each way of generating a project: plain cookiecutter on a kind,
# cookiecutter on the templates/ menu, `showcase new` (the library call and the command line).


def generate(entry: str, output: Path, answers: dict[str, str]) -> Path:
    if entry == "cookiecutter":
        return Path(cookiecutter(str(TEMPLATES / "image-classification"), no_input=True,
                                 extra_context=answers, output_dir=str(output)))
    if entry == "cookiecutter-menu":  # `cookiecutter templates/` with no input: the menu's first kind
        return Path(cookiecutter(str(TEMPLATES), no_input=True, extra_context=answers,
                                 output_dir=str(output)))
    if entry == "showcase-new":
        return new_project("image-classification", output, no_input=True, extra_context=answers)
    argv = ["new", "image-classification", "--no-input", "--output-dir", str(output)]
    argv += [arg for key, value in answers.items() for arg in ("--set", f"{key}={value}")]
    if cli_main(argv) != 0:
        raise TemplateError("showcase new failed")
    (created,) = output.iterdir()
    return created


ENTRIES = ["cookiecutter", "cookiecutter-menu", "showcase-new", "showcase-cli"]


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_title_test_gives_the_package_project_test(entry, tmp_path, capfd):
    created = generate(entry, tmp_path / "out", {"project_name": "test"})
    assert created.name == "test" and (created / "src" / "project_test" / "train.py").is_file()
    assert "PACKAGE := project_test" in (created / "Makefile").read_text()
    assert "note: package_name is 'project_test', not 'test': 'test' is already the name of Python's own " \
           "`test` module" in capfd.readouterr().out


TAKEN_TYPED = {"test": "Python's own `test` module", "torch": "is already `torch`",
               "class": "is a Python keyword", "rich": "module of the installed rich"}


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("package", TAKEN_TYPED)
def test_a_typed_package_that_is_taken_stops_every_entry_and_leaves_nothing(entry, package, tmp_path, capfd):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises((FailedHookException, TemplateError)):
        generate(entry, out, {"project_name": "Digits", "package_name": package})
    err = capfd.readouterr().err
    assert f"package_name {package!r} " in err and TAKEN_TYPED[package] in err and "set package_name" in err
    assert not [p for p in out.iterdir() if not p.name.startswith(".showcase-new-")] and not any(
        p.iterdir() for p in out.iterdir())
