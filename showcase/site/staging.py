"""Build into a fresh folder and put it in place only when the build succeeded.

MkDocs empties ``site_dir`` before it writes, so a build that stops on a bad project would leave
the owner with no site at all where the last good one was. The plugin points MkDocs at a staging
folder beside it instead (``.public.building`` for ``public``), and on success swaps it in:

    staging = staging_dir(Path("public"))   # MkDocs builds here
    swap(staging, Path("public"))           # the old site goes only once the new one is whole

A failed build removes the staging folder and leaves the last good site as it was.
"""

import shutil
from pathlib import Path


def staging_dir(final: Path) -> Path:
    """Where a build of ``final`` is written first: a hidden folder beside it."""
    return final.with_name(f".{final.name}.building")


def has_content(folder: Path) -> bool:
    """Whether ``folder`` holds anything a failed build could lose."""
    return folder.is_dir() and any(folder.iterdir())


def discard(folder: Path) -> None:
    """Remove a staging folder (a failed build's, or one a killed build left behind)."""
    if folder.exists():
        shutil.rmtree(folder)


def swap(staging: Path, final: Path) -> None:
    """Put ``staging`` where ``final`` is: two renames, so ``final`` is never half written."""
    old = final.with_name(f".{final.name}.old")
    discard(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    discard(old)
