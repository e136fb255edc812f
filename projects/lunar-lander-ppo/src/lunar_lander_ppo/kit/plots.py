# Rendered from templates/_shared/include/shared/python/kit/plots.py: edit it there, not here.
"""Saving figures: matplotlib without a display, and one way to write a PNG."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed: figures go straight to PNG files
import matplotlib.pyplot as plt  # noqa: E402

__all__ = ["plt", "save"]


def save(fig: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path
