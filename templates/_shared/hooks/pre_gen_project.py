"""The rules for a project's names, and the check cookiecutter runs before it writes a file.

One module, two users:

- Every kind's cookiecutter.json derives the default `project_slug` and `package_name` from
  the title with `slug_from_title` and `package_from_slug` (Jinja filters, registered by
  `NamesExtension`, which the kind lists under `_extensions`). Those defaults are valid for
  any title: a keyword, a module Python already has (`test`, `typing`, `torch`, anything
  installed), a leading digit, 90 characters, a non-Latin script, only emoji.
- Cookiecutter runs this file as the pre-generation hook. `check` looks at the answers,
  typed or derived; on a problem the hook prints what is wrong and how to fix it and exits 1,
  and cookiecutter removes the folder it had created, so nothing is left behind. When the
  derived package is not the slug's own spelling, it prints a note saying why.

A taken package name is changed when it is derived (as a keyword always was: the user never
typed it) and refused, with the reason, when it is typed (the user chose it; `taken` says why).

It is plain Python, so tests import it and ruff lints it. Cookiecutter renders the file with
Jinja before running it: the only template syntax is the answers' placeholder in
ANSWERS_JSON, a raw string that becomes the answers as JSON.
"""

from __future__ import annotations

import csv
import importlib.machinery
import importlib.metadata
import inspect
import json
import keyword
import os
import pkgutil
import re
import sys
import sysconfig
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import Environment
from jinja2.ext import Extension
from slugify import slugify

# The template fills this in with every answer as JSON; only the hook run (`__main__`) reads it.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""
# ... and this with the kind's folder as an absolute path: cookiecutter renders the hook from inside
# that folder (`hooks.run_hook_from_repo_dir`), while `_repo_dir` is the path as the user typed it
# (`cookiecutter templates/gan`: relative) and the hook runs from the new project's folder.
KIND_DIR = r"""{{ kind_dir() }}"""

SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
GITHUB_USER = re.compile(r"[A-Za-z0-9](-?[A-Za-z0-9])*")
# The contract with the site, as the showcase exports it into the shared parts (never typed here):
# the Space-id pattern (showcase.contract.files.SPACE_ID_PATTERN) is read from contract.json, the
# card's limits on the title and the summary from the card's schema.
CONTRACT = Path("shared") / "contract" / "contract.json"
CARD_SCHEMA = Path("shared") / "contract" / "portfolio.schema.json"
# The demo apps a project can have are the choices of the kind's own `demo_ui` question, read from
# its cookiecutter.json (the post-generation hook removes the files of those not chosen).
KIND_QUESTIONS = "cookiecutter.json"
SLUG_LIMIT = 64  # a typed slug; a derived one is kept to DERIVED_SLUG_LIMIT, cut at a word boundary
DERIVED_SLUG_LIMIT = 40
FALLBACK_SLUG = "my-project"  # for a title with no letter or digit slugify can spell, e.g. only emoji
PREFIX = "project"  # before a derived name that would start with a digit or shadow a module
# The libraries a generated project imports, by module (what `import` names) -> distribution
# (what pip installs): the templates' pyproject.toml dependencies and dev tools, and theirs that
# the code imports. A test keeps it in step with those files.
DEPENDENCIES = {
    "torch": "torch", "functorch": "torch", "torchgen": "torch", "numpy": "numpy",
    "safetensors": "safetensors", "yaml": "pyyaml", "tqdm": "tqdm",
    "matplotlib": "matplotlib", "mpl_toolkits": "matplotlib", "pylab": "matplotlib",
    "sklearn": "scikit-learn", "scipy": "scipy", "huggingface_hub": "huggingface_hub",
    "gradio": "gradio", "gradio_client": "gradio_client", "streamlit": "streamlit", "pil": "pillow",
    "tyro": "tyro", "pydantic": "pydantic", "transformers": "transformers", "peft": "peft",
    "onnx": "onnx", "onnxscript": "onnxscript", "onnxruntime": "onnxruntime", "datasets": "datasets",
    "gymnasium": "gymnasium", "pygame": "pygame", "pandas": "pandas", "pytest": "pytest", "py": "pytest",
    "ruff": "ruff", "jsonschema": "jsonschema", "trackio": "trackio", "accelerate": "accelerate",
}
# Names the project's own files take at its root: its tests, its demo apps, its source folder.
LAYOUT = {"tests": "tests/", "conftest": "tests/conftest.py", "app": "app.py",
          "streamlit_app": "streamlit_app.py", "src": "src/"}
# The standard library's modules that sys.stdlib_module_names leaves out (its test suite, `test`,
# and two sample modules), and the two that `site` imports at every start if they exist.
STDLIB_EXTRA = {"test", "xxlimited", "xxlimited_35", "sitecustomize", "usercustomize"}


def _normalized(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503): `Digits_CNN` -> `digits-cnn`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _is_this_project(distribution: str, slug: str) -> bool:
    """Whether an installed distribution is the project itself, generated again from its saved
    answers: the slug's name, installed from a folder that cookiecutter generated (`pip install -e .`
    in the project, as `make install` does), not a library of the same name from an index."""
    if not slug or _normalized(distribution) != _normalized(slug):
        return False
    try:
        origin = importlib.metadata.distribution(distribution).read_text("direct_url.json")
        origin = json.loads(origin or "{}")
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    url = urlparse(origin.get("url", ""))
    folder = Path(unquote(url.path))
    return "dir_info" in origin and url.scheme == "file" and (folder / ".cookiecutter.json").is_file()


MODULE_SUFFIXES = (".py", *importlib.machinery.EXTENSION_SUFFIXES)
"""What a module file's name ends in: Python source, or a compiled extension (`.cpython-311-...so`)."""


def _top_level_modules(distribution: importlib.metadata.Distribution) -> set[str]:
    """The modules an installed distribution puts at the top of the import path: its top_level.txt,
    else the first part of each Python or extension module its RECORD lists, as
    `importlib.metadata.packages_distributions()` infers them (which reads only `.py` files), read
    from RECORD's text instead of one PackagePath per file: that took a third of a template's render
    (0.4 s against 0.07 s over the 169 distributions of the portfolio's environment)."""
    declared = (distribution.read_text("top_level.txt") or "").split()
    if declared:
        return set(declared)
    record = distribution.read_text("RECORD")
    if record is None:  # an older install: the file list from installed-files.txt or SOURCES.txt
        paths = [str(path) for path in distribution.files or ()]
    else:
        paths = [row[0] for row in csv.reader(record.splitlines()) if row]
    modules = [path for path in paths if path.endswith(MODULE_SUFFIXES)]  # not __pycache__/*.pyc
    tops = {top if rest else inspect.getmodulename(top)
            for top, _, rest in (path.partition("/") for path in modules)}
    return {name for name in tops if name and "." not in name}


@cache
def _environment() -> tuple[frozenset[str], dict[str, list[importlib.metadata.Distribution]], dict[str, str]]:
    """What this Python can already import, by lower-case name: the standard library (the list
    Python keeps, the few it leaves out, and what its folders hold); the top-level modules of each
    installed distribution; any other module on the import path and the folder it is in (the
    current folder and the running script's own are left out: they are where the tools run, not
    what the project will import)."""
    stdlib_dirs = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib")}
    stdlib_dirs |= {os.path.join(d, "lib-dynload") for d in stdlib_dirs}
    stdlib = {m.name.lower() for m in pkgutil.iter_modules(sorted(stdlib_dirs))}
    stdlib |= {name.lower() for name in sys.stdlib_module_names} | STDLIB_EXTRA
    installed: dict[str, list[importlib.metadata.Distribution]] = {}  # names read when asked: slow to parse
    for distribution in importlib.metadata.distributions():
        for module in _top_level_modules(distribution):
            installed.setdefault(module.lower(), []).append(distribution)
    script = sys.argv[0] if sys.argv and sys.argv[0] else ""  # the hook's own temporary file, when it runs
    here = {os.path.realpath(""), os.path.realpath(os.path.dirname(script) if script else "")}
    importable: dict[str, str] = {}
    for folder in sys.path:
        if folder and os.path.isdir(folder) and os.path.realpath(folder) not in here:
            for module in pkgutil.iter_modules([folder]):
                importable.setdefault(module.name.lower(), os.path.abspath(folder))
    return frozenset(stdlib), installed, importable


def taken(package: str, slug: str = "") -> str | None:
    """Why `package` cannot name a project's package, or None if it can: a keyword, or a name
    Python would import something else for (the standard library, a library the project imports,
    a file of the project's own, anything installed or importable here). Either the project's
    package would hide that module or that module would hide the package, so `python -m
    <package>.train` (`make train`) runs the wrong code or stops with "No module named ...".
    `slug` names the project: an earlier install of the same project is not in the way."""
    if keyword.iskeyword(package):
        return f"is a Python keyword: `import {package}` is a syntax error"
    name = package.lower()  # on macOS and Windows, `pil` would be the folder `PIL`
    stdlib, installed, importable = _environment()
    if name in stdlib:
        return (f"is already the name of Python's own `{name}` module (its standard library): Python "
                "would import that one instead of the project's, so `make train` would stop with "
                f"\"No module named {name}.train\"")
    if name in LAYOUT:
        return f"is already the name of the project's own {LAYOUT[name]}: importing one would find the other"
    if name in DEPENDENCIES:
        return (f"is already `{name}`, from {DEPENDENCIES[name]}, which the project imports: "
                "the project's package and that library would shadow one another")
    providers = {distribution.metadata["Name"] for distribution in installed.get(name, [])}
    others = sorted(d for d in providers if not _is_this_project(d, slug))
    if others:
        return (f"is already the `{name}` module of the installed {', '.join(others)} (in {sys.prefix}): "
                "the project's package and that one would shadow one another")
    if name in importable and name not in installed:
        return (f"is already a module Python imports from {importable[name]}: "
                "the project's package and that one would shadow one another")
    return None


def shadows(package: str, slug: str = "") -> bool:
    """True when `import <package>` would mean something else (see `taken`)."""
    return taken(package, slug) is not None


def slug_from_title(title: str) -> str:
    """A valid project_slug for any title: slugify's ASCII spelling (it transliterates other
    scripts), "project-" before a leading digit, at most DERIVED_SLUG_LIMIT characters cut at
    a word boundary, and FALLBACK_SLUG when nothing is left."""
    words = slugify(title)
    if words[:1].isdigit():
        words = f"{PREFIX}-{words}"
    return slugify(words, max_length=DERIVED_SLUG_LIMIT, word_boundary=True, save_order=True) or FALLBACK_SLUG


def plain_package(slug: str) -> str:
    """The slug spelt as a package name, as it is: hyphens and the like become underscores."""
    return re.sub(r"[^a-z0-9]+", "_", slug.lower()).strip("_")


def package_from_slug(slug: str) -> str:
    """A valid package_name for a slug: hyphens become underscores, and "project_" goes before
    a name that would start with a digit or is `taken` ("class" -> "project_class", "test" ->
    "project_test"); a number follows in the rare case that name is taken too."""
    name = plain_package(slug)
    if PACKAGE.fullmatch(name) and not shadows(name, slug):
        return name
    prefixed = f"{PREFIX}_{name}".rstrip("_")
    name, number = prefixed, 2
    while shadows(name, slug):
        name, number = f"{prefixed}_{number}", number + 1
    return name


def folder_name(slug: str) -> str:
    """The project folder's name. Cookiecutter creates the folder before this hook checks the
    answers, so the name must be harmless even for a bad slug: "../x" becomes "x" (and the hook
    then stops with the slug's problem and the folder is removed), nothing at all "invalid-slug"."""
    return slugify(slug) or "invalid-slug"


def quoted(value: str | None) -> str:
    """A string as a double-quoted literal that Python, YAML and TOML all read back as ``value``.

    Quotes, backslashes and controls are escaped; every other printable character is written as
    itself (UTF-8): cookiecutter's ``jsonify`` writes an emoji as a surrogate pair
    (``\\ud83d\\ude00``), which TOML refuses and Python reads as two broken halves. The same
    rule as showcase/owner.py's ``quoted``, which rewrites these answers later (a test keeps the
    two equal). No value (an empty optional answer as `none`) is YAML's null, as jsonify wrote it."""
    if value is None:
        return "null"
    out = []
    for ch in value:
        if ch in QUOTED_ESCAPES:
            out.append(QUOTED_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


QUOTED_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
                  "\f": "\\f"}


class NamesExtension(Extension):
    """The Jinja filters the templates use: slug_from_title, package_from_slug, folder_name for
    names, and quoted for any answer written into Python, YAML or TOML."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(slug_from_title=slug_from_title, package_from_slug=package_from_slug,
                                   folder_name=folder_name, quoted=quoted)
        environment.globals["kind_dir"] = os.getcwd  # for KIND_DIR, rendered from the kind's folder


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
    reason = None if package_problems else taken(package, slug)
    if reason:
        package_problems.append(f"package_name {package!r} {reason}. Choose another title, or set "
                                f"package_name to another name, e.g. {package_from_slug(package)!r}.")
    return problems + package_problems


def renamed(slug: str, package: str) -> str | None:
    """A note when the package is not the slug's own spelling because that one is taken (the
    title "test" gives the package "project_test"), saying why; None otherwise."""
    plain = plain_package(slug)
    reason = taken(plain, slug) if PACKAGE.fullmatch(plain) else None
    if reason and package == package_from_slug(slug):
        return f"package_name is {package!r}, not {plain!r}: {plain!r} {reason}."
    return None


def _contract(name: Path, repo_dir: str = "") -> dict:
    """One file of the contract, as JSON. Cookiecutter runs a rendered copy of this file from a
    temporary folder, so the contract is found through the kind's `templates` link in the template
    folder it names (`_repo_dir`); imported (tests, NamesExtension), beside this file."""
    for include in (Path(repo_dir) / "templates" if repo_dir else None,
                    Path(__file__).resolve().parents[1] / "include"):
        if include and (include / name).is_file():
            return json.loads((include / name).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"{name}: not found in the template's shared parts; "
                            "export it again with `python -m showcase.contract.schema`")


@cache
def space_id_pattern(repo_dir: str = "") -> str:
    """The contract's pattern for a Space id (contract.json)."""
    return _contract(CONTRACT, repo_dir)["space_id_pattern"]


@cache
def card_limits(repo_dir: str = "") -> tuple[int, int]:
    """The card's longest title and summary, in characters (the card's schema, portfolio.schema.json)."""
    card = _contract(CARD_SCHEMA, repo_dir)["properties"]
    return card["title"]["maxLength"], card["summary"]["maxLength"]


@cache
def demo_uis(repo_dir: str) -> tuple[str, ...]:
    """The demo apps the kind offers: its `demo_ui` question's choices, in the kind's cookiecutter.json
    (`_repo_dir` is the kind's folder)."""
    questions = json.loads((Path(repo_dir) / KIND_QUESTIONS).read_text(encoding="utf-8"))
    return tuple(questions["demo_ui"])


@cache
def data_sets(repo_dir: str) -> tuple[str, ...]:
    """The data sets the kind offers (the image kind's `dataset` question), as demo_uis reads its own."""
    questions = json.loads((Path(repo_dir) / KIND_QUESTIONS).read_text(encoding="utf-8"))
    return tuple(questions.get("dataset", ()))


def check(answers: dict[str, str]) -> list[str]:
    """Every problem with the answers, as sentences that say how to fix them. The answers are as
    cookiecutter gives them, with `_repo_dir`: the kind's folder, whose questions and link to the
    contract the checks read."""
    repo_dir = answers["_repo_dir"]
    title_limit, summary_limit = card_limits(repo_dir)
    problems = printable_text("project_name", answers["project_name"], title_limit)
    problems += printable_text("summary", answers["summary"], summary_limit, path_like=False)
    problems += printable_text("author", answers["author"], 80)
    problems += slug_and_package(answers["project_slug"], answers["package_name"])
    problems += ascii_name("github_user", answers["github_user"], GITHUB_USER,
                           "a GitHub user name is letters, digits and single hyphens", "ada-lovelace")
    space, pattern = answers["hf_space"], space_id_pattern(repo_dir)
    if space and not (space.isascii() and re.fullmatch(pattern, space)):
        problems.append(f"hf_space {space!r} is not a Space id: leave it empty or write 'owner/name'.")
    if answers["demo_ui"] not in (choices := demo_uis(repo_dir)):
        problems.append(f"demo_ui {answers['demo_ui']!r} is not a demo app this template makes: "
                        f"choose {' or '.join(map(repr, choices))}.")
    if "dataset" in answers and answers["dataset"] not in (choices := data_sets(repo_dir)):
        problems.append(f"dataset {answers['dataset']!r} is not a data set this template knows: "
                        f"choose {', '.join(map(repr, choices))}.")
    return problems


def main() -> None:
    """The hook: check the answers cookiecutter rendered into ANSWERS_JSON; exit 1 on a problem."""
    answers = json.loads(ANSWERS_JSON) | {"_repo_dir": KIND_DIR}
    found = check(answers)
    if found:
        print("error: the template answers need fixing; nothing was generated.", file=sys.stderr)
        for problem in found:
            print(f"  - {problem}", file=sys.stderr)
        sys.exit(1)
    note = renamed(answers["project_slug"], answers["package_name"])
    if note:
        print(f"note: {note}")


if __name__ == "__main__":
    main()
