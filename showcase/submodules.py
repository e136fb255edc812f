"""Projects that live in their own git repositories, brought into the portfolio as git submodules.

A job seeker keeps each project in its own repository (what a recruiter opens: its history, its CI
badge) and the portfolio in another. ``add_project`` brings one in under ``projects/<slug>`` as a
submodule, pinned to a commit, so the site shows exactly the run that was evaluated there;
``update_projects`` moves submodules to their remote's latest commit and says what changed in
their metrics. Both check a project before it lands (``load_project``: its card, its metrics and
the files they name), and a refused project leaves the portfolio as it was.

The plain git commands do the same (``git submodule add URL projects/<slug>``, ``git submodule
update --remote projects/<slug>``); these add the checks and the report. The build reads a
submodule like any folder.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from showcase.contract.metrics import load_metrics
from showcase.exceptions import ShowcaseError
from showcase.reading.project import PROJECT_MARKERS, load_project

SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
"""A project folder's name: the templates' rule for ``project_slug``."""
# git refuses local-path ("file") transports for submodules by default since 2.38.1 (CVE-2022-39253:
# a malicious repository's links). A path the user names is their own, so it is allowed for these
# commands only; a URL from anywhere else keeps git's default.
LOCAL_TRANSPORT = ("-c", "protocol.file.allow=always")


class SubmoduleError(ShowcaseError):
    """A project could not be added or updated; the portfolio is left as it was."""


@dataclass(frozen=True)
class Added:
    slug: str
    path: Path  # projects/<slug>, relative to the portfolio's root
    url: str  # what .gitmodules records
    commit: str
    local: bool  # the URL is a path on this machine, not a remote


@dataclass(frozen=True)
class Updated:
    slug: str
    old: str
    new: str
    commits: int  # how many commits the submodule moved forward
    metric_changes: dict[str, tuple[float | None, float | None]]  # name -> (before, after)


def _git(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    except FileNotFoundError as e:
        raise SubmoduleError("git is not installed. Fix: install git (apt-get install git).") from e
    if check and result.returncode != 0:
        said = result.stderr.strip() or result.stdout.strip()
        raise SubmoduleError(f"`git {' '.join(args)}` failed: {said}")
    return result


def portfolio_root(start: Path | str = ".") -> Path:
    """The portfolio repository's root (the git work tree holding ``start``).

    Raises:
        SubmoduleError: ``start`` is not inside a git work tree.
    """
    if not Path(start).is_dir():
        raise SubmoduleError(f"{start}: no such folder. Fix: run from the portfolio's root, or create it.")
    result = _git("rev-parse", "--show-toplevel", cwd=Path(start), check=False)
    if result.returncode != 0:
        raise SubmoduleError(f"{Path(start).resolve()}: not inside a git repository, and submodules need "
                             "one. Fix: `git init` the portfolio first (or run from its folder).")
    return Path(result.stdout.strip())


def _is_local(source: str) -> bool:
    """A path on this machine (``../my-project``, ``/srv/x.git``, ``file://...``), not a remote URL."""
    return source.startswith("file://") or "://" not in source and not re.match(r"^[\w.-]+@[\w.-]+:", source)


def _default_slug(source: str) -> str:
    """The repository's own name: the last part of the URL or path, without ``.git``."""
    name = source.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return name.removesuffix(".git")


def check_project(root: Path, source: str) -> None:
    """Refuse, with the reason, what is not a portfolio project whose card and metrics the site reads.

    Raises:
        SubmoduleError: no project files at all, or the card, the metrics or the files they name fail.
    """
    if not any((root / marker).exists() for marker in PROJECT_MARKERS):
        raise SubmoduleError(
            f"{source}: not a portfolio project (it has none of {', '.join(PROJECT_MARKERS)} at its root). "
            "Fix: add a repository made with `showcase new` or `cruft create`, trained and evaluated.")
    try:
        load_project(root)
    except ShowcaseError as e:
        raise SubmoduleError(f"{source}: the portfolio cannot show it yet: {e}") from e


def add_project(source: str, projects_dir: Path | str = "projects", slug: str | None = None) -> Added:
    """Add the project at ``source`` (a git URL or a path to a repository) as the submodule
    ``projects_dir/<slug>``, pinned to its current commit; git stages it, the caller commits.

    The repository is cloned into a scratch folder and checked first (``check_project``), so a
    refused one never touches the portfolio.

    Raises:
        SubmoduleError: the portfolio is not a git repository, the slug is not a folder name or is
            taken, the source cannot be cloned, or it is not a project the site can show.
    """
    projects_dir = Path(projects_dir)
    root = portfolio_root(projects_dir.parent if not projects_dir.exists() else projects_dir)
    local = _is_local(source)
    url = str(Path(source.removeprefix("file://")).resolve()) if local else source
    if local and not Path(url).exists():
        raise SubmoduleError(f"{source}: no such repository (nor a folder at {url}).")
    slug = slug or _default_slug(url)
    if not SLUG.fullmatch(slug):
        raise SubmoduleError(f"{slug!r} is not a project folder name (lowercase letters, digits and single "
                             "hyphens, starting with a letter). Fix: pass --slug NAME.")
    target = projects_dir.resolve() / slug
    if target.exists():
        raise SubmoduleError(f"{target}: already exists. Fix: pass --slug with another name, or remove it.")
    transport = LOCAL_TRANSPORT if local else ()
    with tempfile.TemporaryDirectory(prefix="showcase-add-") as scratch:
        clone = Path(scratch) / slug
        _git(*transport, "clone", "--quiet", url, str(clone))
        check_project(clone, source)
    relative = target.relative_to(root)
    _git(*transport, "submodule", "add", "--quiet", "--name", slug, url, relative.as_posix(), cwd=root)
    commit = _git("rev-parse", "HEAD", cwd=target).stdout.strip()
    return Added(slug, relative, url, commit, local)


def submodule_paths(root: Path) -> dict[str, Path]:
    """The portfolio's submodules, path (relative to ``root``) by name, from ``.gitmodules``."""
    if not (root / ".gitmodules").is_file():
        return {}
    listed = _git("config", "--file", ".gitmodules", "--get-regexp", r"^submodule\..*\.path$",
                  cwd=root, check=False).stdout.splitlines()
    paths = {}
    for line in listed:
        key, _, path = line.partition(" ")
        paths[key.removeprefix("submodule.").removesuffix(".path")] = Path(path)
    return paths


def _metrics(project: Path) -> dict[str, float]:
    try:
        return dict(load_metrics(project).metrics)
    except ShowcaseError:
        return {}


def update_projects(names: list[str] | None = None, start: Path | str = ".") -> list[Updated]:
    """Move the named submodules (default: all) to the latest commit of their remote's branch,
    each checked like a new project; one that no longer passes is put back where it was.

    Raises:
        SubmoduleError: a name is not a submodule, a fetch fails, or the new commit is refused.
    """
    root = portfolio_root(start)
    known = submodule_paths(root)
    by_slug = {path.name: (name, path) for name, path in known.items()}
    chosen = names or sorted(by_slug)
    unknown = [n for n in chosen if n not in by_slug]
    if unknown:
        listed = ", ".join(sorted(by_slug)) or "none"
        raise SubmoduleError(f"{', '.join(unknown)}: not a project submodule of {root} (submodules: "
                             f"{listed}). Fix: add it first with `showcase add URL`.")
    results = []
    for slug in chosen:
        name, path = by_slug[slug]
        project = root / path
        url = _git("config", "--file", ".gitmodules", f"submodule.{name}.url", cwd=root).stdout.strip()
        transport = LOCAL_TRANSPORT if _is_local(url) else ()
        if not (project / ".git").exists():  # an empty folder: rev-parse would answer the portfolio's HEAD
            raise SubmoduleError(f"{path}: the submodule is not checked out (a clone without "
                                 "--recurse-submodules). Fix: git submodule update --init")
        old = _git("rev-parse", "HEAD", cwd=project).stdout.strip()
        before = _metrics(project)
        _git(*transport, "submodule", "update", "--quiet", "--remote", "--", path.as_posix(), cwd=root)
        new = _git("rev-parse", "HEAD", cwd=project).stdout.strip()
        try:
            check_project(project, f"{slug} at {new[:12]}")
        except SubmoduleError:
            _git("checkout", "--quiet", old, cwd=project)  # back to the commit the portfolio pinned
            raise
        after = _metrics(project)
        commits = int(_git("rev-list", "--count", f"{old}..{new}", cwd=project).stdout.strip() or 0)
        changes = {k: (before.get(k), after.get(k)) for k in sorted(before.keys() | after.keys())
                   if before.get(k) != after.get(k)}
        results.append(Updated(slug, old, new, commits, changes))
    return results


def describe_added(added: Added) -> str:
    """What ``showcase add`` prints: where the project went, at which commit, and what to do next."""
    lines = [f"Added {added.path} at {added.commit[:12]} from {added.url} (a submodule: the site shows "
             "exactly this commit). Next:",
             f"  git commit -m 'Add {added.slug}'   # .gitmodules and {added.path} are staged"]
    if added.local:
        lines.append(f"  # .gitmodules records a path on this machine; once the project is on GitHub:\n"
                     f"  git submodule set-url {added.path} https://github.com/<you>/{added.slug}")
    return "\n".join(lines)


def describe_updated(updated: list[Updated]) -> str:
    """What ``showcase update`` prints: each project's move and its metrics before and after."""
    if not updated:
        return "No project submodules to update."
    lines = []
    for u in updated:
        if u.old == u.new:
            lines.append(f"{u.slug}: already at its remote's latest commit ({u.new[:12]}).")
            continue
        lines.append(f"{u.slug}: {u.old[:12]} -> {u.new[:12]} ({u.commits} commit{'s' * (u.commits != 1)})")
        for metric, (before, after) in u.metric_changes.items():
            lines.append(f"  {metric}: {_number(before)} -> {_number(after)}")
        if not u.metric_changes:
            lines.append("  metrics unchanged")
    if any(u.old != u.new for u in updated):
        lines.append("Next: git commit -am 'Update projects'   # pins the portfolio to the new commits")
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.4g}"

