"""Names derived from a title always work, and the pre-generation hook checks what the contract says.

The hook (templates/_shared/hooks/pre_gen_project.py) is plain Python: these tests import it
and call its functions, and render the template with titles that used to stop generation.
"""

import json
import keyword
import re

import pytest
from cookiecutter.main import cookiecutter
from template_checks import CONTRACT, SHARED, TEMPLATES, pre_gen_hook

from showcase.contract.files import SPACE_ID_PATTERN

hook = pre_gen_hook()

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
            "package_name": "digits", "github_user": "ada", "hf_space": "ada/digits", "demo_ui": "gradio"}
    assert hook.check(good) == []
    bad = {**good, "project_slug": "Digits!", "package_name": "class", "hf_space": "ada/digits\n",
           "summary": "x" * 301, "demo_ui": "tkinter"}
    problems = "\n".join(hook.check(bad))
    for expected in ("project_slug 'Digits!' is not valid", "package_name 'class' is a Python keyword",
                     "hf_space 'ada/digits\\n' is not a Space id", "summary is 301 characters long",
                     "demo_ui 'tkinter' is not a demo app this template makes: choose 'gradio' or"):
        assert expected in problems


def test_the_hooks_space_id_and_limits_are_the_contracts():
    assert hook.SPACE_ID_PATTERN == SPACE_ID_PATTERN
    assert hook.SPACE_ID_PATTERN == json.loads((CONTRACT / "contract.json").read_text())["space_id_pattern"]
    card = json.loads((CONTRACT / "portfolio.schema.json").read_text())["properties"]
    assert hook.TITLE_LIMIT == card["title"]["maxLength"]
    assert hook.SUMMARY_LIMIT == card["summary"]["maxLength"]


def test_the_hook_is_plain_python_with_one_placeholder():
    source = (SHARED / "hooks" / "pre_gen_project.py").read_text()
    assert re.findall(r"\{\{.*?\}\}|\{%|\{#", source) == ["{{ cookiecutter | jsonify }}"]


def test_the_hook_run_reads_the_rendered_answers(monkeypatch, capsys):
    answers = {"project_name": "Digits", "summary": "Reads digits.", "author": "Ada",
               "project_slug": "digits", "package_name": "json", "github_user": "ada", "hf_space": "",
               "demo_ui": "gradio", "_template": "x"}
    monkeypatch.setattr(hook, "ANSWERS_JSON", json.dumps(answers))
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
def test_every_kind_offers_the_demo_apps_the_hook_accepts_gradio_first(kind):
    config = json.loads((TEMPLATES / kind / "cookiecutter.json").read_text())
    assert tuple(config["demo_ui"]) == hook.DEMO_UIS and hook.DEMO_UIS[0] == "gradio"
    assert set(config["__prompts__"]["demo_ui"]) == {"__prompt__", *hook.DEMO_UIS}
