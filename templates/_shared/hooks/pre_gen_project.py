"""The rules for a project's names, and the check cookiecutter runs before it writes a file.

One module, two users:

- Every kind's cookiecutter.json derives the default `project_slug` and `package_name` from
  the title with `slug_from_title` and `package_from_slug` (Jinja filters, registered by
  `NamesExtension`, which the kind lists under `_extensions`). Those defaults are valid for
  any title: a keyword, a leading digit, 90 characters, a non-Latin script, only emoji.
- Cookiecutter runs this file as the pre-generation hook. `check` looks at the answers,
  typed or derived; on a problem the hook prints what is wrong and how to fix it and exits 1,
  and cookiecutter removes the folder it had created, so nothing is left behind.

It is plain Python, so tests import it and ruff lints it. Cookiecutter renders the file with
Jinja before running it: the only template syntax is the answers' placeholder in
ANSWERS_JSON, a raw string that becomes the answers as JSON.
"""

from __future__ import annotations

import json
import keyword
import re
import sys

from jinja2 import Environment
from jinja2.ext import Extension
from slugify import slugify

# The template fills this in with every answer as JSON; only the hook run (`__main__`) reads it.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
GITHUB_USER = re.compile(r"[A-Za-z0-9](-?[A-Za-z0-9])*")
# The contract's Space-id pattern (showcase.contract.files.SPACE_ID_PATTERN, exported to
# schemas/contract.json); a test keeps the two equal, as the hook cannot read the file when it runs.
SPACE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"
SPACE_ID = re.compile(SPACE_ID_PATTERN)
# The demo apps a project can have: `demo_ui` picks one (the post-generation hook removes the other's files).
DEMO_UIS = ("gradio", "streamlit")
# The card's limits on the title and the summary (schemas/portfolio.schema.json; a test checks them).
TITLE_LIMIT, SUMMARY_LIMIT = 100, 300
SLUG_LIMIT = 64  # a typed slug; a derived one is kept to DERIVED_SLUG_LIMIT, cut at a word boundary
DERIVED_SLUG_LIMIT = 40
FALLBACK_SLUG = "my-project"  # for a title with no letter or digit slugify can spell, e.g. only emoji
PREFIX = "project"  # before a derived name that would start with a digit or shadow a module
# Names a generated package must not take: it would shadow what the project imports.
TAKEN = {"torch", "numpy", "sklearn", "gradio", "datasets", "safetensors", "matplotlib",
         "yaml", "tqdm", "tests", "app", "src", "huggingface_hub", "PIL", "gymnasium", "pygame",
         "onnx", "onnxruntime", "onnxscript", "tyro", "pydantic", "jsonschema", "pandas", "scipy",
         "streamlit", "streamlit_app"}


def shadows(package: str) -> bool:
    """True when `import <package>` would mean something else: a keyword, the standard library,
    or a library the project imports."""
    return keyword.iskeyword(package) or package in sys.stdlib_module_names or package in TAKEN


def slug_from_title(title: str) -> str:
    """A valid project_slug for any title: slugify's ASCII spelling (it transliterates other
    scripts), "project-" before a leading digit, at most DERIVED_SLUG_LIMIT characters cut at
    a word boundary, and FALLBACK_SLUG when nothing is left."""
    words = slugify(title)
    if words[:1].isdigit():
        words = f"{PREFIX}-{words}"
    return slugify(words, max_length=DERIVED_SLUG_LIMIT, word_boundary=True, save_order=True) or FALLBACK_SLUG


def package_from_slug(slug: str) -> str:
    """A valid package_name for a slug: hyphens become underscores, and "project_" goes before
    a name that would start with a digit or shadow a keyword or module ("class" -> "project_class")."""
    name = re.sub(r"[^a-z0-9]+", "_", slug.lower()).strip("_")
    if not PACKAGE.fullmatch(name) or shadows(name):
        name = f"{PREFIX}_{name}".rstrip("_")
    return name


def folder_name(slug: str) -> str:
    """The project folder's name. Cookiecutter creates the folder before this hook checks the
    answers, so the name must be harmless even for a bad slug: "../x" becomes "x" (and the hook
    then stops with the slug's problem and the folder is removed), nothing at all "invalid-slug"."""
    return slugify(slug) or "invalid-slug"


class NamesExtension(Extension):
    """The Jinja filters the templates' names use: slug_from_title, package_from_slug, folder_name."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(slug_from_title=slug_from_title, package_from_slug=package_from_slug,
                                   folder_name=folder_name)


def printable_text(field: str, value: str, limit: int, path_like: bool = True) -> list[str]:
    """A display string: non-empty, one line, not too long, and (for a name) not a path."""
    if not value.strip():
        return [f"{field} is empty: give it a short human-readable text."]
    problems = []
    if len(value) > limit:
        problems.append(f"{field} is {len(value)} characters long: keep it to {limit}.")
    if any(not ch.isprintable() for ch in value):
        problems.append(f"{field} {value!r} contains control characters or line breaks.")
    if path_like and ("/" in value or "\\" in value or value.strip(". ") == ""):
        problems.append(f"{field} {value!r} looks like a path: use words, not '/', '\\' or dots.")
    return problems


def ascii_name(field: str, value: str, pattern: re.Pattern, rule: str, example: str) -> list[str]:
    """An identifier-like answer: ASCII only, matching the pattern."""
    if not value.isascii():
        return [f"{field} {value!r} contains non-ASCII characters: {rule} (for example {example!r})."]
    if not pattern.fullmatch(value):
        return [f"{field} {value!r} is not valid: {rule} (for example {example!r})."]
    return []


def slug_and_package(slug: str, package: str) -> list[str]:
    """The folder/repository name and the Python package name."""
    problems = ascii_name("project_slug", slug, SLUG,
                          "use lowercase letters, digits and single hyphens, starting with a letter",
                          "digit-classifier")
    if len(slug) > SLUG_LIMIT:
        problems.append(f"project_slug is {len(slug)} characters long: keep it to {SLUG_LIMIT}.")
    package_problems = ascii_name("package_name", package, PACKAGE,
                                  "a Python package name is lowercase letters, digits and underscores, "
                                  "starting with a letter", "digit_classifier")
    if not package_problems and shadows(package):
        package_problems.append(f"package_name {package!r} is a Python keyword or shadows a module "
                                "the project imports: pick another name, e.g. 'my_classifier'.")
    return problems + package_problems


def check(answers: dict[str, str]) -> list[str]:
    """Every problem with the answers, as sentences that say how to fix them."""
    problems = printable_text("project_name", answers["project_name"], TITLE_LIMIT)
    problems += printable_text("summary", answers["summary"], SUMMARY_LIMIT, path_like=False)
    problems += printable_text("author", answers["author"], 80)
    problems += slug_and_package(answers["project_slug"], answers["package_name"])
    problems += ascii_name("github_user", answers["github_user"], GITHUB_USER,
                           "a GitHub user name is letters, digits and single hyphens", "ada-lovelace")
    space = answers["hf_space"]
    if space and not (space.isascii() and SPACE_ID.fullmatch(space)):
        problems.append(f"hf_space {space!r} is not a Space id: leave it empty or write 'owner/name'.")
    if answers["demo_ui"] not in DEMO_UIS:
        problems.append(f"demo_ui {answers['demo_ui']!r} is not a demo app this template makes: "
                        f"choose {' or '.join(map(repr, DEMO_UIS))}.")
    return problems


def main() -> None:
    """The hook: check the answers cookiecutter rendered into ANSWERS_JSON; exit 1 on a problem."""
    found = check(json.loads(ANSWERS_JSON))
    if found:
        print("error: the template answers need fixing; nothing was generated.", file=sys.stderr)
        for problem in found:
            print(f"  - {problem}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
