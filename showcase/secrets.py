"""Find files that look like secrets, before anything leaves the machine.

A portfolio is published twice: its code to GitHub, its site and demos to Hugging Face. A token
that rides along is public within minutes (scrapers watch both), so every file is looked at
two ways:

- by name: files that hold credentials by convention, whatever is in them (``SECRET_NAMES``:
  ``.env``, private keys, ``.netrc``, huggingface_hub's token files, cloud credentials, ...);
- by content: every byte of every file, however large (read a chunk at a time), is searched for
  the shapes of common keys (``KEY_PATTERNS``) and for the owner's own Hugging Face token
  (``$HF_TOKEN``, or the one ``hf auth login`` stored): UTF-8 and other ASCII-based text, UTF-16
  and UTF-32 text, the decompressed text of a gzip file, and the text inside binary files (a PNG's
  text chunk, a weights file's JSON header, a notebook's outputs). Random bytes match none of the
  shapes: each needs a long run of letters and digits after a fixed prefix.

A ``Leak`` names the file and the pattern, never the secret: the message that refuses a file
must not publish what it refuses.

    refuse_leaks(Path("projects/fashion-cnn"))   # raises SecretError naming every file, or returns
"""

import codecs
import gzip
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

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

VCS_DIRS = frozenset({".git", ".hg", ".svn"})
"""Version control's own folders: a walk does not enter them. Nothing else is skipped by its name:
which files are searched is decided by what is published (``showcase.outbound.published_files``
for a project, every file for a bundle about to be uploaded), not by what a folder is called."""

_WORD = "A-Za-z0-9_-"
_R = rf"(?![{_WORD}])"  # a key is a whole word, not part of one


def _key(prefix: str, rest: str) -> str:
    """A key that starts with ``prefix`` (a fixed-width regex) and is not part of a longer word.

    The prefix comes first and the look-behind after it, so the regex engine can jump from one
    place the prefix's letters occur to the next: a 30 MB weights file is searched in well under
    a second instead of ten.
    """
    return rf"{prefix}(?<![{_WORD}]{prefix}){rest}{_R}"


KEY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.ASCII))
    for reason, pattern in (
        ("a Hugging Face token (hf_...)", _key("hf_", "[A-Za-z0-9]{30,}")),
        ("an AWS access key id (AKIA...)", r"(?:AKIA|ASIA)(?<![A-Z0-9]....)[A-Z0-9]{16}(?![A-Z0-9])"),
        ("an AWS secret access key", r"(?i)aws_secret_access_key['\"]?\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}"
         r"(?![A-Za-z0-9/+])"),
        ("a private key block (BEGIN ... PRIVATE KEY)",
         r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
        ("a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)", _key("gh[pousr]_", "[A-Za-z0-9]{36,}")),
        ("a GitHub fine-grained token (github_pat_...)", _key("github_pat_", "[A-Za-z0-9_]{50,}")),
        ("an OpenAI or Anthropic style API key (sk-...)",
         _key("sk-", r"(?:proj-|svcacct-|admin-|ant-)?(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Za-z])"
              r"[A-Za-z0-9_-]{32,}")),
        ("a Slack token (xox...)", _key("xox[abposr]-", "[A-Za-z0-9-]{10,}")),
        ("a Slack webhook URL", r"hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"),
        ("a Google API key (AIza...)", _key("AIza", "[0-9A-Za-z_-]{35}")),
        ("a Google Cloud service-account key", r"\"type\"\s*:\s*\"service_account\""),
        ("a GitLab token (glpat-...)", _key("glpat-", "[A-Za-z0-9_-]{20,}")),
        ("a Stripe live key (sk_live_, rk_live_)", _key("[rs]k_live_", "[A-Za-z0-9]{20,}")),
        ("an npm token (npm_...)", _key("npm_", "[A-Za-z0-9]{36}")),
        ("an npm auth setting (_authToken=, _auth=, _password=)",
         r"(?m)^[ \t]*(?:\S*:)?_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)\S+"),  # ${VAR} is fine
        ("a PyPI token (pypi-...)", _key("pypi-AgE", "[A-Za-z0-9_-]{50,}")),
        ("a SendGrid key (SG....)", _key(r"SG\.", r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")),
        ("a Replicate token (r8_...)", _key("r8_", "[A-Za-z0-9]{37}")),
        ("an Azure storage account key (AccountKey=...)", r"AccountKey=[A-Za-z0-9+/]{80,}"),
        ("a Weights & Biases API key", r"(?i)wandb_api_key['\"]?\s*[=:]\s*['\"]?[0-9a-f]{40}(?![0-9a-f])"),
        # Header and payload both base64url JSON ({" -> eyJ): a JSON Web Token, e.g. a bearer token.
        ("a JSON Web Token (eyJ....eyJ....)",
         _key("eyJ", r"[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")),
    )
)
"""(reason, pattern): the shapes of common keys, searched for in every text file."""

CHUNK_BYTES = 2**20
"""A file is read this much at a time, however large it is: memory stays bounded."""
OVERLAP_CHARS = 4096
"""Each chunk is searched with this much of the one before, so a key cut in two by a chunk
boundary is still found whole (every key shape is far shorter)."""
SNIFF_BYTES = 8192
"""How much of a file's start tells its encoding (a byte-order mark, or UTF-16's NUL bytes)."""
TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")
"""Environment variables whose value, the owner's own token, must appear in no file."""
OWN_TOKEN = "the value of your Hugging Face token"


def find_leaks(root: Path, files: Iterable[Path] | None = None) -> list[Leak]:
    """Every file under ``root`` (or every one of ``files``) that looks like a secret, sorted.

    Args:
        root: the folder searched; each ``Leak.path`` is relative to it.
        files: the files to search, as paths (absolute, or relative to the current directory
            like any path: not to ``root``); a folder is walked. By default every file under
            ``root`` outside version control's folders.
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


def describe_leaks(root: Path | str, leaks: list[Leak]) -> str:
    """The message for ``leaks``: one line per file and reason, then the fix."""
    lines = [f"{root}: {len({leak.path for leak in leaks})} file(s) look like secrets and were refused:"]
    lines += [f"  {leak.path}: {leak.reason}" for leak in leaks]
    lines.append(FIX)
    return "\n".join(lines)


FIX = ("Fix: remove each file (or move it out of this folder); keep a secret in an environment "
       "variable (e.g. HF_TOKEN) that the code reads with os.environ, never in a file. "
       "If the secret was ever committed or uploaded, revoke it and make a new one.")


def _files(root: Path, files: Iterable[Path] | None) -> Iterator[Path]:
    """The files to search: those given (folders walked), or all under ``root``."""
    if files is None:
        yield from walk(root)
        return
    for path in map(Path, files):
        yield from (walk(path) if path.is_dir() else [path])


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (links to files included), outside version control's folders."""
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in VCS_DIRS)
        yield from (here / name for name in sorted(filenames))


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given when it lies elsewhere."""
    pairs = ((path, root), (path.absolute(), root.absolute()), (path.resolve(), root.resolve()))
    for candidate, base in pairs:
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
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
    """The reasons the file's bytes look like a secret, each with the first line it is on.

    Every byte of every file is read, a chunk at a time: as single bytes (so any ASCII-based text,
    UTF-8 included, and the text inside a binary file, such as a PNG's text chunk or a weights
    file's JSON header), as UTF-16 or UTF-32 text when the file starts like it, and decompressed
    when it is gzip (a ``.csv.gz`` data file).
    """
    patterns = list(KEY_PATTERNS) + [(OWN_TOKEN, re.compile(re.escape(token))) for token in tokens]
    found: dict[str, int] = {}
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
        for label, encoding, opener in _readings(path, head):
            with opener() as stream:
                _search(_decoded(stream, encoding), patterns, found, label)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        # A dangling link, a socket, a file we may not read, a truncated gzip: what could be
        # read was searched; nothing more of it can be published either.
        pass
    return [f"{reason} on line {line}" for reason, line in found.items()]


def _readings(path: Path, head: bytes) -> list[tuple[str, str, Callable[[], BinaryIO]]]:
    """How the file is read: (words added to a reason, text encoding, how to open its bytes)."""
    raw = lambda: path.open("rb")  # noqa: E731 - a short opener per reading
    readings: list[tuple[str, str, Callable[[], BinaryIO]]] = [("", "latin-1", raw)]
    if wide := _wide_encoding(head):
        readings.append((f" (in {wide[:6].upper()} text)", wide, raw))
    if head[:2] == b"\x1f\x8b":
        readings.append((" (in its gzip-compressed text)", "latin-1", lambda: gzip.open(path, "rb")))
    return readings


def _wide_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16, when the file starts with their byte-order mark or (UTF-16 without
    one) has NUL bytes in every other place, as ASCII text in UTF-16 has; else None."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return encoding
    pairs = len(head) // 2
    if pairs < 4:
        return None
    even, odd = head[0 : 2 * pairs : 2].count(0) / pairs, head[1 : 2 * pairs : 2].count(0) / pairs
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _decoded(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """The stream's text, a chunk at a time (bytes that do not decode become U+FFFD)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    while chunk := stream.read(CHUNK_BYTES):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _search(chunks: Iterator[str], patterns: list[tuple[str, re.Pattern[str]]],
            found: dict[str, int], label: str) -> None:
    """Add to ``found`` (reason -> first line) every pattern that matches the text in ``chunks``.

    Each chunk is searched together with the end of the one before (``OVERLAP_CHARS``), from just
    after the first character kept, so that look-behinds see the character before a key.
    """
    tail, tail_line = "", 1  # the text kept from the chunk before, and the line it starts on
    for chunk in chunks:
        window = tail + chunk
        start = 1 if tail else 0
        for reason, pattern in patterns:
            key = reason + label
            if key not in found and (match := pattern.search(window, start)):
                found[key] = tail_line + window.count("\n", 0, match.start())
        keep = window[-OVERLAP_CHARS:]
        tail_line += window.count("\n", 0, len(window) - len(keep))
        tail = keep


def _own_tokens() -> list[str]:
    """The owner's Hugging Face token(s): from the environment, and the one a login stored."""
    values = [os.environ.get(name, "") for name in TOKEN_VARIABLES]
    try:
        from huggingface_hub import get_token

        values.append(get_token() or "")
    except Exception:  # noqa: BLE001 - an unreadable token file is not this module's problem
        pass
    return sorted({value.strip() for value in values if len(value.strip()) >= 16})
