"""The one rule for every file the showcase takes from a project: it must really be inside it.

A card or ``metrics.json`` names files as text (``reports/figures/cm.png``), and
the text is checked when the file is loaded (no ``..``, not absolute). That is
not enough: a symlink inside the project can point anywhere (a token file,
``~/.ssh/id_rsa``), and whatever it points at would be copied into ``public/``
and published. So every file the site copies or reads into a page (cover,
figures, images a README shows, the README and model card themselves, the demo
app), and every file a deploy bundle takes, goes through ``inside_project``,
which resolves links and refuses a real location outside the project root.
"""

from pathlib import Path

from showcase.exceptions import OutsideProjectError


def inside_project(root: Path, relative: str, named_in: str) -> Path:
    """The real location of ``root/relative``, refused if it is not inside ``root``.

    Args:
        root: the project directory.
        relative: the path as the project names it, relative to ``root``.
        named_in: where the project names it, for the message
            (e.g. ``".../portfolio.yaml: field `cover`"``).

    Returns:
        The resolved path (symlinks followed); it may not exist.

    Raises:
        OutsideProjectError: the path, once ``..`` and links are resolved, or as an
            absolute path, leads outside ``root``.
    """
    real_root = root.resolve()
    real = (root / relative).resolve()
    if real != real_root and real_root not in real.parents:
        raise OutsideProjectError(
            f"{named_in}: {relative} leads outside the project, to {real}; "
            "the site would publish that file. "
            f"Fix: put the file itself inside {root} (a copy, not a link to it)."
        )
    return real
