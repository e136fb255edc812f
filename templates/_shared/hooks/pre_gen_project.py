"""Check the answers before cookiecutter writes a project anyone would keep.

Shared by every template kind. On a bad answer this prints what is wrong and how
to fix it, then exits 1: cookiecutter stops and removes the folder it created.
"""

import keyword
import re
import sys

ANSWERS = {
    "project_name": {{ cookiecutter.project_name | jsonify }},
    "project_slug": {{ cookiecutter.project_slug | jsonify }},
    "package_name": {{ cookiecutter.package_name | jsonify }},
    "author": {{ cookiecutter.author | jsonify }},
    "github_user": {{ cookiecutter.github_user | jsonify }},
    "hf_space": {{ cookiecutter.hf_space | jsonify }},
}

SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
PACKAGE = re.compile(r"[a-z][a-z0-9_]*")
GITHUB_USER = re.compile(r"[A-Za-z0-9](-?[A-Za-z0-9])*")
SPACE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")
# Names a generated package must not take: it would shadow what the project imports.
TAKEN = {"torch", "numpy", "sklearn", "gradio", "datasets", "safetensors", "matplotlib",
         "yaml", "tqdm", "tests", "app", "src", "huggingface_hub", "PIL", "gymnasium",
         "onnx", "onnxruntime", "onnxscript"}


def printable_text(field: str, value: str, limit: int) -> list[str]:
    """A display string: non-empty, one line, no path separators, not too long."""
    if not value.strip():
        return [f"{field} is empty: give it a short human-readable name."]
    problems = []
    if len(value) > limit:
        problems.append(f"{field} is {len(value)} characters long: keep it to {limit}.")
    if any(not ch.isprintable() for ch in value):
        problems.append(f"{field} {value!r} contains control characters or line breaks.")
    if "/" in value or "\\" in value or value.strip(". ") == "":
        problems.append(f"{field} {value!r} looks like a path: use words, not '/', '\\' or dots.")
    return problems


def ascii_name(field: str, value: str, pattern: re.Pattern, rule: str, example: str) -> list[str]:
    """An identifier-like answer: ASCII only, matching the pattern."""
    if not value.isascii():
        return [f"{field} {value!r} contains non-ASCII characters: {rule} (for example {example!r})."]
    if not pattern.fullmatch(value):
        return [f"{field} {value!r} is not valid: {rule} (for example {example!r})."]
    return []


def check(answers: dict[str, str]) -> list[str]:
    """Every problem with the answers, as sentences that say how to fix them."""
    problems = printable_text("project_name", answers["project_name"], 80)
    problems += printable_text("author", answers["author"], 80)
    slug, package = answers["project_slug"], answers["package_name"]
    problems += ascii_name("project_slug", slug, SLUG,
                           "use lowercase letters, digits and single hyphens, starting with a letter",
                           "digit-classifier")
    if len(slug) > 64:
        problems.append(f"project_slug is {len(slug)} characters long: keep it to 64.")
    package_problems = ascii_name("package_name", package, PACKAGE,
                                  "a Python package name is lowercase letters, digits and underscores, "
                                  "starting with a letter", "digit_classifier")
    if not package_problems and (keyword.iskeyword(package) or package in sys.stdlib_module_names
                                 or package in TAKEN):
        package_problems.append(f"package_name {package!r} is a Python keyword or shadows a module "
                                "the project imports: pick another name, e.g. 'my_classifier'.")
    problems += package_problems
    problems += ascii_name("github_user", answers["github_user"], GITHUB_USER,
                           "a GitHub user name is letters, digits and single hyphens", "ada-lovelace")
    space = answers["hf_space"]
    if space and not (space.isascii() and SPACE_ID.fullmatch(space)):
        problems.append(f"hf_space {space!r} is not a Space id: leave it empty or write 'owner/name'.")
    return problems


if __name__ == "__main__":
    found = check(ANSWERS)
    if found:
        print("error: the template answers need fixing; nothing was generated.", file=sys.stderr)
        for problem in found:
            print(f"  - {problem}", file=sys.stderr)
        sys.exit(1)
