"""Who owns the portfolio: a name, a GitHub user and a Hugging Face user, set once, in the resume.

    owner = read_owner(resume_path(Path("mkdocs.yml")))   # content/resume.yaml, as the site reads it
    template_answers(owner)        # {"author": "Ada Lovelace", "github_user": "ada"}: `showcase new`
    plan_alignment(Path("projects/fashion-cnn"), owner).changes   # what the project says differently
    align_project(Path("projects/fashion-cnn"), owner)            # rewrite it; the changes made

The owner's resume (JSON Resume, ``content/resume.yaml``) already says who they are: ``basics.name``,
and in ``basics.profiles`` a GitHub profile (its ``username``, or the user in its ``url``) and
optionally a Hugging Face one. Everything else that names the owner is derived from it:

- ``showcase new`` takes the templates' ``author`` and ``github_user`` answers from it, unless
  they are given with ``--set``;
- ``showcase owner`` lists what each project says differently, and ``--apply`` rewrites it: the
  card's ``author`` and its ``repository`` user (a github.com URL only: any other host is left
  alone), the README's byline (``By <author>.``), ``pyproject.toml``'s author and the answers
  kept in ``.cookiecutter.json``. Every other byte of those files stays as it was, comments and
  quoting included. All of a project's files are rewritten in memory first and read back
  (YAML, TOML, JSON) to check that exactly the intended values changed; only then is each file
  replaced whole (a temporary file renamed over it). A file that cannot be rewritten that way
  stops the project with an ``OwnerError`` naming the file, and nothing of it is written.

Changing the owner asks for no retraining: the author is not part of what made a run's numbers
(``readiness.provenance`` ignores ``pyproject.toml``'s metadata).
"""

import copy
import json
import os
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from showcase.contract.files import CARD_FILE, README_FILE
from showcase.contract.resume import Profile, Resume, load_resume
from showcase.contract.validation import read_mkdocs_yaml
from showcase.exceptions import OwnerError, ShowcaseError

TEMPLATE_DEFAULTS = {"author": "Your Name", "github_user": "your-github-user"}
"""The templates' default answers (their cookiecutter.json), which the sample resume holds too."""
DEFAULT_RESUME = Path("content/resume.yaml")
"""Where the resume is when ``mkdocs.yml`` does not say (the repository's layout)."""
PYPROJECT_FILE = "pyproject.toml"
ANSWERS_FILE = ".cookiecutter.json"
"""The answers a project was generated with (``showcase new --answers`` replays them)."""
OWNER_FIELDS = ("author", "github_user")
"""The template questions the owner answers."""

GITHUB_USER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")
"""A GitHub user name: letters, digits and inner hyphens, at most 39 characters."""
HF_USER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$")
"""A Hugging Face user name, as repository ids take it."""
GITHUB_URL = re.compile(r"^(?P<prefix>https?://(?:www\.)?github\.com/)(?P<user>[^/?#\s]+)", re.IGNORECASE)
"""A github.com URL and the user (or organisation) it starts with."""
HF_URL = re.compile(r"^https?://(?:www\.)?huggingface\.co/(?P<user>[^/?#\s]+)/?$", re.IGNORECASE)
BYLINE = re.compile(r"^By (?P<name>.+)\. Model card: ")
"""The templates' README byline, for a README whose byline names no author the project knows."""


@dataclass(frozen=True)
class Owner:
    """The portfolio's owner, as the resume says."""

    name: str
    github_user: str | None = None
    """From the GitHub profile; None when the resume has none."""
    hf_user: str | None = None
    """From a Hugging Face profile; None when the resume has none."""
    source: Path | None = None
    """The resume it was read from."""
    placeholder: bool = False
    """The resume still holds sample data (``meta.placeholder: true``, or the sample name)."""

    def __str__(self) -> str:
        accounts = [f"GitHub {self.github_user}" if self.github_user else "no GitHub profile"]
        if self.hf_user:
            accounts.append(f"Hugging Face {self.hf_user}")
        return f"{self.name} ({', '.join(accounts)})"


def resume_path(config_file: Path | str = "mkdocs.yml") -> Path:
    """The resume the site reads: the showcase plugin's ``resume`` under ``docs_dir``, both
    relative to ``mkdocs.yml`` as MkDocs takes them; ``content/resume.yaml`` when the file is missing,
    unreadable or configures no showcase plugin."""
    config_file = Path(config_file)
    try:
        config = read_mkdocs_yaml(config_file)
    except (OSError, ValueError, yaml.YAMLError):
        return DEFAULT_RESUME
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)
    for name, settings in entries:
        if name == "showcase":
            resume = (settings or {}).get("resume") if isinstance(settings, dict) else None
            docs_dir = str(config.get("docs_dir") or "docs")
            return config_file.parent / docs_dir / str(resume or "resume.yaml")
    return DEFAULT_RESUME


def read_owner(path: Path | str) -> Owner:
    """The owner the resume at ``path`` names.

    Raises:
        ResumeError: the resume is missing or invalid.
        OwnerError: its name spans lines, or a profile's user is not a user name.
    """
    path = Path(path)
    return owner_from_resume(load_resume(path), path)


def owner_from_resume(resume: Resume, source: Path | None = None) -> Owner:
    """The owner a loaded resume names (see ``read_owner``)."""
    where = source or "the resume"
    name = resume.basics.name
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name):
        raise OwnerError(f"{where}: basics.name {name!r} holds a line break or a control character. "
                         "Fix: write the name on one line.")
    github = hf = None
    for index, profile in enumerate(resume.basics.profiles):
        network = re.sub(r"[\s_.-]", "", profile.network).casefold()
        if network == "github" and github is None:
            github = _profile_user(profile, index, GITHUB_URL, GITHUB_USER, "GitHub", where)
        elif network in ("huggingface", "hf") and hf is None:
            hf = _profile_user(profile, index, HF_URL, HF_USER, "Hugging Face", where)
    placeholder = resume.meta.placeholder or name == TEMPLATE_DEFAULTS["author"]
    return Owner(name, github, hf, Path(source) if source else None, placeholder)


def _profile_user(profile: Profile, index: int, url: re.Pattern, valid: re.Pattern, network: str,
                  where: object) -> str | None:
    """A profile's user: its ``username``, else the user its ``url`` names; None if neither does."""
    user = (profile.username or "").strip().removeprefix("@")
    if not user and profile.url and (match := url.match(profile.url)):
        user = match["user"]
    if not user:
        return None
    if not valid.match(user):
        raise OwnerError(f"{where}: basics.profiles[{index}] ({profile.network}): {user!r} is not a "
                         f"{network} user name. Fix: set its `username` to the user name alone "
                         f"(as in its URL), e.g. ada-lovelace.")
    return user


def template_answers(owner: Owner) -> dict[str, str]:
    """The template answers the owner gives: ``author``, and ``github_user`` when there is one."""
    return {"author": owner.name} | ({"github_user": owner.github_user} if owner.github_user else {})


def new_project_answers(resume: Path, given: Collection[str] = ()) -> tuple[dict[str, str], str]:
    """What ``showcase new`` answers for the owner (leaving out the questions in ``given``, answered
    with ``--set``), and one line saying where that came from."""
    asked = " and ".join(key for key in OWNER_FIELDS if key not in given)
    update = f"edit `basics` in {resume}, then `showcase owner --apply` updates every project"
    if not resume.is_file():
        return {}, f"{asked}: the template's defaults (no resume at {resume}); write one: {update}"
    try:
        owner = read_owner(resume)
    except ShowcaseError as e:  # an invalid resume, or a profile that names no user
        return {}, f"{asked}: the template's defaults ({_first_line(e)}); {update}"
    answers = {key: value for key, value in template_answers(owner).items() if key not in given}
    told = ", ".join(f'author "{value}"' if key == "author" else f"{key} {value}"
                     for key, value in answers.items())
    note = f"{told}: from {resume}" if told else f"from {resume}"
    if owner.github_user is None and "github_user" not in given:
        note += " (no GitHub profile in basics.profiles, so github_user is the template's default)"
    if owner.placeholder:
        note += f", which still holds sample data (meta.placeholder: true): {update}"
    return answers, note


def _shown(value: object) -> str:
    """A value in a message, quoted as JSON (a name with quotes in it stays readable)."""
    return json.dumps(value, ensure_ascii=False)


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


# --- one project, brought in line with the owner ---------------------------------------------


@dataclass(frozen=True)
class Change:
    """One value a project holds that differs from the owner's."""

    file: str
    """The file, relative to the project."""
    what: str
    """The field, e.g. ``author``, ``repository``, ``byline``."""
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.file} {self.what}: {self.old} -> {self.new}"


@dataclass(frozen=True)
class Alignment:
    """What bringing one project in line with the owner changes: the changes, and each rewritten
    file's whole new text (checked, not yet written)."""

    root: Path
    changes: tuple[Change, ...]
    texts: dict[str, str] = field(default_factory=dict)
    """File (relative to ``root``) -> its new contents."""

    @property
    def in_line(self) -> bool:
        return not self.changes

    def write(self) -> None:
        """Replace each changed file whole, by renaming a finished temporary file over it."""
        for rel, text in self.texts.items():
            write_atomically(self.root / rel, text)


def align_project(root: Path | str, owner: Owner) -> list[Change]:
    """Bring the project at ``root`` in line with ``owner``; the changes made (none: it already was).

    Raises:
        OwnerError: a file cannot be read or rewritten (see ``plan_alignment``); nothing was written.
    """
    alignment = plan_alignment(Path(root), owner)
    alignment.write()
    return list(alignment.changes)


def plan_alignment(root: Path, owner: Owner) -> Alignment:
    """What the project at ``root`` says differently from ``owner``, and the files rewritten to say
    what the owner says. Writes nothing.

    Raises:
        OwnerError: the card is missing, or a file does not parse, is not UTF-8, is a link, or names
            the author where it cannot be rewritten alone. The message names the file.
    """
    root = Path(root)
    card = _read(root, CARD_FILE)
    if card is None:
        raise OwnerError(f"{root / CARD_FILE}: file not found. Fix: name a project folder "
                         "(one with portfolio.yaml).")
    card_text, card_changes, old_author = _align_card(root / CARD_FILE, card, owner)
    done = {CARD_FILE: (card, card_text, card_changes)}  # file -> (text, new text, changes)
    old_names = [old_author]  # the names the project had for its author: the byline's may be either
    if (answers := _read(root, ANSWERS_FILE)) is not None:
        answers_text, answers_changes, answered = _align_answers(root / ANSWERS_FILE, answers, owner)
        done[ANSWERS_FILE] = (answers, answers_text, answers_changes)
        old_names.append(answered)
    old_names = [n for n in old_names if isinstance(n, str) and n]
    if (readme := _read(root, README_FILE)) is not None:
        done[README_FILE] = (readme, *_align_readme(readme, owner, old_names))
    if (pyproject := _read(root, PYPROJECT_FILE)) is not None:
        aligned = _align_pyproject(root / PYPROJECT_FILE, pyproject, owner, old_names)
        done[PYPROJECT_FILE] = (pyproject, *aligned)
    texts: dict[str, str] = {}
    changes: list[Change] = []
    for rel in (CARD_FILE, README_FILE, PYPROJECT_FILE, ANSWERS_FILE):  # the order a reader meets them
        if rel in done and done[rel][2]:
            before, after, found = done[rel]
            changes += found
            if after != before:
                texts[rel] = after
    return Alignment(root, tuple(changes), texts)


def plan_deploy_alignment(path: Path, owner: Owner) -> Alignment | None:
    """``deploy.yaml``'s Hugging Face repo ids still on the placeholder owner (``your-hf-user/...``),
    moved to the owner's Hugging Face user; None when there is no such file or the resume names no
    Hugging Face user. Ids under any other owner (an organisation, say) are the owner's choice and
    stay. Only the values change: comments, order and every other line stay as they are.

    Raises:
        OwnerError: the file is a link or not UTF-8 text.
    """
    from showcase.publish.config import PLACEHOLDER_OWNER  # publish's rule: a real deploy refuses it

    if owner.hf_user is None or owner.placeholder:
        return None
    text = _read(path.parent, path.name)
    if text is None:
        return None
    placeholder = re.compile(rf"(?<![\w.-]){re.escape(PLACEHOLDER_OWNER)}/(?P<name>[A-Za-z0-9][\w.-]*)")
    lines, changes = text.splitlines(keepends=True), []
    for number, line in enumerate(lines):
        value, hash_, comment = line.partition(" #")  # a comment keeps its example ids
        for found in placeholder.finditer(value):
            changes.append(Change(path.name, f"line {number + 1}", found.group(0),
                                  f"{owner.hf_user}/{found.group('name')}"))
        moved = placeholder.sub(lambda m: f"{owner.hf_user}/{m.group('name')}", value)
        lines[number] = moved + hash_ + comment
    return Alignment(path.parent, tuple(changes), {path.name: "".join(lines)} if changes else {})


def _read(root: Path, rel: str) -> str | None:
    """A project file's text as it is on disk (line endings kept), or None if there is none."""
    path = root / rel
    if path.is_symlink():
        raise OwnerError(f"{path}: a link, which showcase does not rewrite. Fix: replace it with the "
                         "file itself, or edit the owner's name in it by hand.")
    if not path.is_file():
        return None
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise OwnerError(f"{path}: not UTF-8 text. Fix: save it as UTF-8.") from e


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new, never half of one:
    into a temporary file beside it, then renamed over it (keeping its permissions)."""
    mode = path.stat().st_mode if path.exists() else None
    fd, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(scratch, mode & 0o7777)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def quoted(value: str) -> str:
    """``value`` as a double-quoted string that Python, YAML and TOML all read back as ``value``: the
    templates' ``quoted`` filter (templates/_shared/hooks/pre_gen_project.py; a test keeps the two
    equal). Quotes, backslashes and controls are escaped; every other printable character is
    written as itself (JSON's ``\\ud83d\\ude00`` surrogate pairs are no character to YAML or TOML)."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def github_user_of(url: str | None) -> str | None:
    """The user a github.com URL starts with (``https://github.com/ada/digits`` -> ``ada``); None
    for any other URL."""
    match = GITHUB_URL.match(str(url or "").strip())
    return match["user"] if match else None


def same_github_user(a: str | None, b: str | None) -> bool:
    """GitHub user names are case-insensitive."""
    return (a or "").casefold() == (b or "").casefold()


def card_changes(author: str, repository: str | None, owner: Owner, file: str = CARD_FILE) -> list[Change]:
    """How a card's author and repository differ from ``owner`` (a repository off github.com, or
    an owner with no GitHub profile: the repository is not compared)."""
    changes = []
    if author != owner.name:
        changes.append(Change(file, "author", _shown(author), _shown(owner.name)))
    user = github_user_of(repository)
    if repository and user and owner.github_user and not same_github_user(user, owner.github_user):
        new = _with_github_user(repository, owner.github_user)
        changes.append(Change(file, "repository", repository, new))
    return changes


def _with_github_user(url: str, user: str) -> str:
    return GITHUB_URL.sub(lambda m: m["prefix"] + user, url.strip(), count=1)


def _align_card(path: Path, text: str, owner: Owner) -> tuple[str, list[Change], str | None]:
    """The card with the owner's author and repository user; the changes; the author it had."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise OwnerError(f"{path}: invalid YAML{where}: {getattr(e, 'problem', None) or e}. "
                         "Fix: correct the syntax (nothing was changed).") from e
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise OwnerError(f"{path}: expected a mapping of fields (key: value) at the top level. "
                         "Fix: write one `key: value` per line.")
    nodes = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    author = data.get("author")
    if not isinstance(author, str) or "author" not in nodes:
        raise OwnerError(f"{path}: no `author` text (got {author!r}). Fix: add `author: \"Your name\"`.")
    repository = data.get("repository")
    repository = repository if isinstance(repository, str) else None
    changes = card_changes(author, repository, owner)
    edits, expected = [], dict(data)
    for change in changes:
        new = owner.name if change.what == "author" else change.new
        edits.append((_yaml_span(path, nodes[change.what], change.what), new))
        expected[change.what] = new
    new_text = _edit(text, edits)
    try:
        ok = yaml.safe_load(new_text) == expected
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise OwnerError(f"{path}: rewriting {', '.join(c.what for c in changes)} would change more than "
                         "that. Fix: write each on one line (`author: \"...\"`), then run it again.")
    return new_text, changes, author


def _yaml_span(path: Path, node: yaml.Node, key: str) -> tuple[int, int]:
    """Where a one-line scalar value is in the text."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, '"', "'") \
            or node.start_mark.line != node.end_mark.line:
        raise OwnerError(f"{path}: `{key}` is not written on one line. Fix: write it as "
                         f"`{key}: \"...\"`, then run it again.")
    return node.start_mark.index, node.end_mark.index


def _yaml_token(value: str, opening: str) -> str:
    """``value`` as a YAML scalar quoted the way the old one was (plain only where plain is safe)."""
    if opening == "'":
        return "'" + value.replace("'", "''") + "'"
    if opening != '"':
        try:
            if yaml.safe_load(f"k: {value}\n") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return quoted(value)


def _edit(text: str, edits: list[tuple[tuple[int, int], str]]) -> str:
    """``text`` with each span replaced by its value, as a YAML scalar quoted like the old one."""
    for (start, end), value in sorted(edits, reverse=True):
        text = text[:start] + _yaml_token(value, text[start]) + text[end:]
    return text


def _align_readme(text: str, owner: Owner, old_names: list[str]) -> tuple[str, list[Change]]:
    """The README with its byline (``By <author>.``, above the first section) naming the owner.
    A README with no byline, or one naming no author the project knows, is left alone."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("## "):
            break
        if not line.startswith("By "):
            continue
        if line.startswith(f"By {owner.name}."):
            return text, []
        old = next((n for n in sorted(old_names, key=len, reverse=True) if line.startswith(f"By {n}.")), None)
        if old is None and (match := BYLINE.match(line)):
            old = match["name"]
        if old is None:
            return text, []
        lines[index] = f"By {owner.name}." + line[len(f"By {old}.") :]
        change = Change(README_FILE, "byline", _shown(f"By {old}."), _shown(f"By {owner.name}."))
        return "".join(lines), [change]
    return text, []


def _align_pyproject(path: Path, text: str, owner: Owner, old_names: list[str]) -> tuple[str, list[Change]]:
    """``pyproject.toml`` with the project's author named as the owner. Left alone: no ``authors``;
    the owner among them already; several authors, none of them the project's known author."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise OwnerError(f"{path}: not valid TOML ({e}). Fix: correct it (nothing was changed).") from e
    project = data.get("project")
    authors = project.get("authors") if isinstance(project, dict) else None
    if not isinstance(authors, list) or not authors:
        return text, []
    names = [a.get("name") if isinstance(a, dict) else None for a in authors]
    if owner.name in names:
        return text, []
    target = next((i for i, n in enumerate(names) if n in old_names), None)
    if target is None and len(names) == 1 and isinstance(names[0], str):
        target = 0
    if target is None:
        return text, []
    old = names[target]
    expected = copy.deepcopy(data)
    expected["project"]["authors"][target]["name"] = owner.name
    for start, end in _toml_name_tokens(text):
        try:
            if tomllib.loads(f"v = {text[start:end]}")["v"] != old:
                continue
            new_text = text[:start] + quoted(owner.name) + text[end:]
            if tomllib.loads(new_text) == expected:
                return new_text, [Change(PYPROJECT_FILE, "authors", _shown(old), _shown(owner.name))]
        except tomllib.TOMLDecodeError:
            continue
    raise OwnerError(f"{path}: cannot find where [project] authors names {old!r} (expected "
                     f'`authors = [{{ name = "{old}" }}]`). Fix: change the name there by hand.')


_TOML_NAME = re.compile(r"""\bname\s*=\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*')""")


def _toml_name_tokens(text: str) -> list[tuple[int, int]]:
    """Where a ``name = "..."`` string follows an ``authors =`` line of ``[project]``."""
    header = re.search(r"^\[project\][ \t]*(?:#.*)?$", text, re.MULTILINE)
    if header is None:
        return []
    end = re.compile(r"^\[", re.MULTILINE).search(text, header.end())
    table_end = end.start() if end else len(text)
    authors = re.compile(r"^authors\s*=", re.MULTILINE).search(text, header.end(), table_end)
    if authors is None:
        return []
    return [m.span(1) for m in _TOML_NAME.finditer(text, authors.end(), table_end)]


def _align_answers(path: Path, text: str, owner: Owner) -> tuple[str, list[Change], Any]:
    """``.cookiecutter.json`` with the owner's answers; the changes; the author it had."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise OwnerError(f"{path}: invalid JSON (line {e.lineno}, column {e.colno}): {e.msg}. "
                         "Fix: correct it (nothing was changed).") from e
    answers = data.get("cookiecutter") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise OwnerError(f'{path}: expected {{"cookiecutter": {{...the answers...}}}}. '
                         "Fix: restore it from the project's history.")
    wanted = {"author": owner.name, "github_user": owner.github_user}
    changes, edits = [], []
    for key in OWNER_FIELDS:
        old, new = answers.get(key), wanted[key]
        if new is None or key not in answers or old == new:
            continue
        if key == "github_user" and isinstance(old, str) and same_github_user(old, new):
            continue
        tokens = [m.span(1) for m in re.finditer(rf'"{key}"\s*:\s*("(?:[^"\\]|\\.)*")', text)
                  if json.loads(m.group(1)) == old]
        edits += [(span, json.dumps(new)) for span in tokens]
        changes.append(Change(ANSWERS_FILE, key, _shown(old), _shown(new)))
    new_text = text
    for (start, end), token in sorted(edits, reverse=True):
        new_text = new_text[:start] + token + new_text[end:]
    expected = json.loads(text)
    expected["cookiecutter"] |= {c.what: wanted[c.what] for c in changes}
    try:
        ok = json.loads(new_text) == expected
    except json.JSONDecodeError:
        ok = False
    if not ok:
        raise OwnerError(f"{path}: cannot rewrite {', '.join(c.what for c in changes)} alone. "
                         "Fix: change them by hand.")
    return new_text, changes, answers.get("author")
