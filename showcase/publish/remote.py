"""What an upload would change on the Hub: a bundle's files against the repo's.

The Hub names each file by its git blob id (and, for a file stored with LFS, by
the SHA-256 of its contents); the same ids computed here tell an unchanged file
from a changed one, so a second deploy of the same build uploads nothing.
"""

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

KEPT_REMOTE = frozenset({".gitattributes"})
"""Files the Hub keeps in every repo; a bundle never deletes them (nor does upload_folder)."""


@dataclass(frozen=True)
class RemoteFile:
    """One file in the repo, as the Hub lists it."""

    blob_id: str
    lfs_sha256: str | None = None


@dataclass
class Changes:
    """Files by what an upload does to them; ``remote_known`` False: the repo was not read."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    remote_known: bool = True
    repo_exists: bool = True

    @property
    def nothing_to_do(self) -> bool:
        """True when the repo already holds exactly these files."""
        return self.remote_known and self.repo_exists and not (self.added or self.changed or self.deleted)

    def status(self, path: str) -> str:
        """``new``, ``changed`` or ``unchanged`` for a local file."""
        if path in self.changed:
            return "changed"
        return "unchanged" if path in self.unchanged else "new"


def git_blob_id(data: bytes) -> str:
    """The id git (and so the Hub) gives a file with these contents."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def same_file(path: Path, remote: RemoteFile) -> bool:
    """Whether ``path`` holds what the repo holds under its name."""
    data = path.read_bytes()
    if remote.lfs_sha256 is not None:
        return hashlib.sha256(data).hexdigest() == remote.lfs_sha256
    return git_blob_id(data) == remote.blob_id


def remote_files(entries: Iterable) -> dict[str, RemoteFile]:
    """``HfApi.list_repo_tree(..., recursive=True)`` entries -> path -> RemoteFile (files only)."""
    found = {}
    for entry in entries:
        blob_id = getattr(entry, "blob_id", None)
        if blob_id is None:  # a folder
            continue
        lfs = getattr(entry, "lfs", None)
        found[entry.path] = RemoteFile(blob_id, getattr(lfs, "sha256", None) if lfs else None)
    return found


def compare(local: Mapping[str, Path], remote: Mapping[str, RemoteFile] | None) -> Changes:
    """How the repo's files (None: the repo does not exist yet) differ from ``local``."""
    if remote is None:
        return Changes(added=list(local), repo_exists=False)
    changes = Changes()
    for path, file in local.items():
        if path not in remote:
            changes.added.append(path)
        elif same_file(file, remote[path]):
            changes.unchanged.append(path)
        else:
            changes.changed.append(path)
    changes.deleted = sorted(set(remote) - set(local) - KEPT_REMOTE)
    return changes


def unknown(local: Mapping[str, Path]) -> Changes:
    """Changes when the repo could not be read (offline, or no token for a dry run)."""
    return Changes(added=list(local), remote_known=False, repo_exists=False)
