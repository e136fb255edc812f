"""What may leave a project: one rule for every file that the site, a demo or a model repo takes.

A project's files leave the machine by three routes: the site copies some into ``public/`` (the
cover, figures, README images, the in-browser demo's model and examples), ``showcase deploy``
uploads bundles (the demo's app, package, ``models/`` and ``examples/``; the model repo's weights),
and git pushes the code to GitHub. Whatever the route, a file leaves only if

1. its real location, links followed, is inside the project (``contract.paths.inside_project``):
   a link to ``~/.ssh/id_rsa``, or a folder linked in from elsewhere, stops everything, naming
   the file; and
2. it does not look like a secret (``showcase.secrets``, which reads every byte of it).

``release`` applies both to a set of files about to be copied (the deploy bundles; the site's
copies are checked by ``real_files`` when the pages are planned and scanned by the plugin, which
decides between a warning and an error). ``published_files`` lists everything a project
publishes by any route, for ``showcase check``: the scan is decided by what leaves, not by what a
folder is called (a ``models/build/`` folder that git ignores still goes up with ``models/``).

    files = release(project.root, {"model.onnx": project.root / "models/model.onnx"}, "model repo")
"""

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pathspec

from showcase.contract.files import CARD_FILE, METRICS_FILE, MODEL_CARD_FILE, PUBLISHED_DIRS, README_FILE
from showcase.contract.paths import inside_project
from showcase.secrets import VCS_DIRS, refuse_leaks, walk


def real_files(root: Path, files: Mapping[str, Path], what: str) -> dict[str, Path]:
    """``files`` (where each goes -> the file in the project) with each file's real location.

    Args:
        root: the project.
        files: destination -> the file, absolute or relative to ``root``, as the project has it.
        what: what takes them, for the message (``"the site"``, ``"the demo bundle"``).

    Raises:
        OutsideProjectError: a file's real location is outside ``root``.
    """
    return {dest: inside_project(root, _as_named(root, path), f"{root}: {what} takes it")
            for dest, path in files.items()}


def release(root: Path, files: Mapping[str, Path], what: str) -> dict[str, Path]:
    """``real_files``, then refused whole if any of them looks like a secret.

    Raises:
        OutsideProjectError: a file's real location is outside ``root``.
        SecretError: naming every file that looks like a secret (as the project names it) and why.
    """
    real = real_files(root, files, what)
    refuse_leaks(root, [_named(root, files[dest], path) for dest, path in real.items()])
    return real


def _as_named(root: Path, path: Path) -> str:
    """``path`` as the project names it: relative to ``root`` when it is under it, lexically."""
    for base in (root, root.resolve()):
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def _named(root: Path, given: Path, real: Path) -> Path:
    """The file to search, under the name the owner knows it by (the real file it reaches)."""
    named = root / _as_named(root, given)
    return named if named.resolve() == real else real


def published_files(root: Path) -> list[Path]:
    """Every file of the project that leaves the machine by some route, sorted.

    - To GitHub: what git would commit from the project folder, tracked or not yet added but
      not ignored (``git ls-files --cached --others --exclude-standard``). Outside a git work
      tree, what ``git init; git add .`` would commit: every file the project's ``.gitignore``
      does not ignore.
    - To the site and the Hub: ``PUBLISHED_DIRS`` whole (what git ignores in them included) and
      the project's documents.
    """
    root = Path(root)
    files = set(_git_files(root) if _in_git(root) else _not_ignored(root))
    for name in PUBLISHED_DIRS:
        if (root / name).is_dir():
            files.update(walk(root / name))
    for name in (CARD_FILE, METRICS_FILE, README_FILE, MODEL_CARD_FILE):
        if (root / name).is_file():
            files.add(root / name)
    return sorted(path for path in files if path.is_file() or path.is_symlink())


def _in_git(root: Path) -> bool:
    try:
        result = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine
        return False
    return result.stdout.strip() == "true"


def _not_ignored(root: Path) -> list[Path]:
    """Every file under ``root`` that its ``.gitignore`` (git's own rules, read by pathspec)
    does not ignore, outside version control's folders."""
    gitignore = root / ".gitignore"
    text = gitignore.read_text(encoding="utf-8", errors="replace") if gitignore.is_file() else ""
    ignored = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        rel = here.relative_to(root).as_posix()
        prefix = "" if rel == "." else rel + "/"
        dirnames[:] = sorted(d for d in dirnames
                             if d not in VCS_DIRS and not ignored.match_file(f"{prefix}{d}/"))
        files += [here / name for name in sorted(filenames) if not ignored.match_file(prefix + name)]
    return files


def _git_files(root: Path) -> list[Path]:
    result = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True)
    return [root / name for name in result.stdout.decode("utf-8", "surrogateescape").split("\0") if name]
