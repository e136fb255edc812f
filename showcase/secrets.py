"""Find files that look like secrets, before anything leaves the machine.

A portfolio is published twice: its code to GitHub, its site and demos to Hugging Face. A token
that rides along is public within minutes (scrapers watch both), so every file is looked at
two ways:

- by name: files that hold credentials by convention, whatever is in them (``SECRET_NAMES``:
  ``.env``, private keys, ``.netrc``, huggingface_hub's token files, cloud credentials, ...);
- by content: text files are searched for the shapes of common keys (``KEY_PATTERNS``) and for
  the owner's own Hugging Face token (``$HF_TOKEN``, or the one ``hf auth login`` stored).
  Notebooks are JSON text, so the outputs of their cells are searched too. Binary files (model
  weights, images) are told by their first bytes, as git does, not by their extension.

A ``Leak`` names the file and the pattern, never the secret: the message that refuses a file
must not publish what it refuses.

    refuse_leaks(Path("projects/digits-cnn"))   # raises SecretError naming every file, or returns
"""

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from showcase.exceptions import SecretError


@dataclass(frozen=True)
class Leak:
    """A file that looks like it holds a secret, and why (the pattern, never the value)."""

    path: str
    """Relative to the folder searched, with forward slashes."""
    reason: str


SECRET_NAMES: tuple[tuple[tuple[str, ...], str], ...] = (
    ((".env", ".env.*"), "an environment file (.env), where secrets are kept"),
    (("*.pem", "*.key"), "a private key or certificate file (.pem, .key)"),
    (("*.p12", "*.pfx", "*.jks", "*.keystore", "*.ppk"), "a key store (.p12, .pfx, .jks, .ppk)"),
    (("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"),
     "an SSH private key"),
    ((".netrc", "_netrc"), "a .netrc file (logins and passwords for hosts)"),
    ((".pypirc",), "a .pypirc file (PyPI upload credentials)"),
    ((".git-credentials",), "a git credential store"),
    (("hf_token*",), "a Hugging Face token file"),
    (("credentials.json", "client_secret*.json"), "a cloud credentials file"),
    (("kaggle.json",), "a Kaggle API token file"),
    (("secrets.toml",), "a Streamlit secrets file"),
    ((".dockercfg",), "a Docker registry credentials file"),
)
"""(file-name patterns, lower case; reason): files that hold credentials by convention."""

NOT_SECRET_NAMES = (".env.example", ".env.sample", ".env.template", ".env.dist")
"""Templates of environment files: they are searched by content like any text file."""

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "__pycache__", ".pytest_cache", ".ruff_cache",
    ".mypy_cache", ".tox", ".nox", "node_modules", ".gradio", "build", "dist",
})
"""Folders a walk does not enter: version control, virtual environments, caches, build outputs.
(Files handed to ``find_leaks`` one by one are searched wherever they are.)"""

_L, _R = r"(?<![A-Za-z0-9_-])", r"(?![A-Za-z0-9_-])"  # a key is a whole word, not part of one

KEY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.ASCII))
    for reason, pattern in (
        ("a Hugging Face token (hf_...)", _L + r"hf_[A-Za-z0-9]{30,}" + _R),
        ("an AWS access key id (AKIA...)", r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
        ("an AWS secret access key", r"(?i)aws_secret_access_key['\"]?\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}"
         r"(?![A-Za-z0-9/+])"),
        ("a private key block (BEGIN ... PRIVATE KEY)",
         r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
        ("a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)", _L + r"gh[pousr]_[A-Za-z0-9]{36,}" + _R),
        ("a GitHub fine-grained token (github_pat_...)", _L + r"github_pat_[A-Za-z0-9_]{50,}" + _R),
        ("an OpenAI or Anthropic style API key (sk-...)",
         _L + r"sk-(?:proj-|svcacct-|admin-|ant-)?(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])"
         r"[A-Za-z0-9_-]{32,}" + _R),
        ("a Slack token (xox...)", _L + r"xox[abposr]-[A-Za-z0-9-]{10,}" + _R),
        ("a Slack webhook URL", r"hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),
        ("a Google API key (AIza...)", _L + r"AIza[0-9A-Za-z_-]{35}" + _R),
        ("a Google Cloud service-account key", r"\"type\"\s*:\s*\"service_account\""),
        ("a GitLab token (glpat-...)", _L + r"glpat-[A-Za-z0-9_-]{20,}" + _R),
        ("a Stripe live key (sk_live_, rk_live_)", _L + r"[rs]k_live_[A-Za-z0-9]{20,}" + _R),
        ("an npm token (npm_...)", _L + r"npm_[A-Za-z0-9]{36}" + _R),
        ("an npm auth setting (_authToken=, _auth=, _password=)",
         r"(?m)^[ \t]*(?:\S*:)?_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)\S+"),  # ${VAR} is fine
        ("a PyPI token (pypi-...)", _L + r"pypi-AgE[A-Za-z0-9_-]{50,}" + _R),
        ("a SendGrid key (SG....)", _L + r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}" + _R),
        ("a Replicate token (r8_...)", _L + r"r8_[A-Za-z0-9]{37}" + _R),
        ("an Azure storage account key (AccountKey=...)", r"AccountKey=[A-Za-z0-9+/]{80,}"),
        ("a Weights & Biases API key", r"(?i)wandb_api_key['\"]?\s*[=:]\s*['\"]?[0-9a-f]{40}(?![0-9a-f])"),
        # Header and payload both base64url JSON ({" -> eyJ): a JSON Web Token, e.g. a bearer token.
        ("a JSON Web Token (eyJ....eyJ....)",
         _L + r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}" + _R),
    )
)
"""(reason, pattern): the shapes of common keys, searched for in every text file."""

SNIFF_BYTES = 8192
"""A file with a NUL byte in its first 8 KiB is binary (git's own test); it is not searched."""
MAX_TEXT_BYTES = 4 * 2**20
"""How much of a text file is searched: the first 4 MiB. Secrets sit in configs and notes, not
deep inside a data file, and a walk must not read gigabytes of CSV."""
MAX_NOTEBOOK_BYTES = 64 * 2**20
"""A notebook is read further: images in its outputs can push a printed token past 4 MiB."""
TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
"""Environment variables whose value, the owner's own token, must appear in no file."""


def find_leaks(root: Path, files: Iterable[Path] | None = None) -> list[Leak]:
    """Every file under ``root`` (or every one of ``files``) that looks like a secret, sorted.

    Args:
        root: the folder searched; each ``Leak.path`` is relative to it.
        files: the files to search, relative to ``root`` or absolute (a folder is walked);
            by default every file under ``root``, outside ``SKIPPED_DIRS``.
    """
    root = Path(root)
    tokens = _own_tokens()
    leaks: set[Leak] = set()
    for path in _files(root, files):
        rel = _relative(path, root)
        if reason := _by_name(path, rel):
            leaks.add(Leak(rel, reason))
        leaks.update(Leak(rel, reason) for reason in _by_content(path, tokens))
    return sorted(leaks, key=lambda leak: (leak.path, leak.reason))


def refuse_leaks(root: Path, files: Iterable[Path] | None = None) -> None:
    """Raise ``SecretError`` if any file looks like a secret (see ``find_leaks``).

    Raises:
        SecretError: naming every file, why, and how to fix it.
    """
    leaks = find_leaks(root, files)
    if leaks:
        raise SecretError(describe_leaks(Path(root), leaks))


def describe_leaks(root: Path, leaks: list[Leak]) -> str:
    """The message for ``leaks``: one line per file and reason, then the fix."""
    lines = [f"{root}: {len({leak.path for leak in leaks})} file(s) look like secrets and were refused:"]
    lines += [f"  {leak.path}: {leak.reason}" for leak in leaks]
    lines.append(
        "Fix: remove each file (or move it out of this folder); keep a secret in an environment "
        "variable (e.g. HF_TOKEN) that the code reads with os.environ, never in a file. "
        "If the secret was ever committed or uploaded, revoke it and make a new one."
    )
    return "\n".join(lines)


def _files(root: Path, files: Iterable[Path] | None) -> Iterator[Path]:
    """The files to search: those given (folders walked), or all under ``root``."""
    if files is None:
        yield from walk(root)
        return
    for path in files:
        path = path if path.is_absolute() else root / path
        yield from (walk(path) if path.is_dir() else [path])


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, outside ``SKIPPED_DIRS``, virtual environments and eggs."""
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not _skipped(here / d))
        yield from (here / name for name in sorted(filenames))


def _skipped(folder: Path) -> bool:
    return folder.name in SKIPPED_DIRS or folder.suffix == ".egg-info" or (folder / "pyvenv.cfg").exists()


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given when it lies elsewhere."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _by_name(path: Path, rel: str) -> str | None:
    """Why the file's name alone marks it as a secret, or None."""
    name = path.name.lower()
    parents = [part.lower() for part in Path(rel).parts[:-1]]
    if name in NOT_SECRET_NAMES:
        return None
    for patterns, reason in SECRET_NAMES:
        if any(fnmatch(name, pattern) for pattern in patterns):
            return reason
    if name in ("token", "stored_tokens") and any("huggingface" in part for part in parents):
        return "a Hugging Face token file (huggingface_hub's login)"
    if name == "credentials" and ".aws" in parents:
        return "an AWS credentials file"
    return None


def _by_content(path: Path, tokens: list[str]) -> list[str]:
    """The reasons the file's text looks like a secret, each with the first line it is on."""
    text = _text(path)
    if text is None:
        return []
    found = [(reason, pattern.search(text)) for reason, pattern in KEY_PATTERNS]
    reasons = [f"{reason} on line {_line(text, m.start())}" for reason, m in found if m]
    for token in tokens:
        if (at := text.find(token)) >= 0:
            reasons.append(f"the value of your Hugging Face token on line {_line(text, at)}")
    return reasons


def _text(path: Path) -> str | None:
    """The file's first ``MAX_TEXT_BYTES`` as text, or None for a binary or unreadable file."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_NOTEBOOK_BYTES if path.suffix == ".ipynb" else MAX_TEXT_BYTES)
    except OSError:  # a dangling link, a socket, a file we may not read: nothing to publish
        return None
    if b"\0" in data[:SNIFF_BYTES]:
        return None
    return data.decode("utf-8", errors="replace")


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _own_tokens() -> list[str]:
    """The owner's Hugging Face token(s): from the environment, and the one a login stored."""
    values = [os.environ.get(name, "") for name in TOKEN_VARIABLES]
    try:
        from huggingface_hub import get_token

        values.append(get_token() or "")
    except Exception:  # noqa: BLE001 - an unreadable token file is not this module's problem
        pass
    return sorted({value.strip() for value in values if len(value.strip()) >= 16})
