"""Figures that show images: misclassified examples and saliency maps."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .kit.plots import plt, save


def image_grid(images: np.ndarray, titles: list[str], path: Path, suptitle: str,
               overlays: list[np.ndarray | None] | None = None, columns: int = 8) -> Path:
    """Images (N, H, W) in a grid, each with a title and, where given, a heat-map overlay."""
    count = max(len(images), 1)
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows + 0.4), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, title in zip(axes.flat, images, titles, strict=False):
        ax.imshow(image, cmap="gray", vmin=0, vmax=1)
        ax.set_title(title, fontsize=8)
    if overlays is not None:
        for ax, overlay in zip(axes.flat, overlays, strict=False):
            if overlay is not None:
                ax.imshow(overlay, cmap="inferno", alpha=0.6)
    if len(images) == 0:
        axes.flat[0].text(0.5, 0.5, "none", ha="center", va="center")
    fig.suptitle(suptitle, fontsize=10)
    fig.tight_layout()
    return save(fig, path)


def misclassified_figure(images: np.ndarray, labels: np.ndarray, predictions: np.ndarray,
                         class_names: list[str], path: Path, limit: int = 24) -> Path:
    wrong = np.flatnonzero(labels != predictions)[:limit]
    titles = [f"true {class_names[labels[i]]}, said {class_names[predictions[i]]}" for i in wrong]
    return image_grid(images[wrong], titles, path,
                      f"Misclassified test images ({len(np.flatnonzero(labels != predictions))} "
                      f"of {len(labels)})", columns=min(6, max(len(wrong), 1)))


def saliency_figure(images: np.ndarray, maps: np.ndarray, titles: list[str], path: Path) -> Path:
    """Each image twice: as it is, and under its saliency map."""
    maps = maps / np.maximum(maps.reshape(len(maps), -1).max(1), 1e-12)[:, None, None]
    n = len(images)
    overlays = [None] * n + list(maps)  # top row as seen, bottom row with the map over it
    return image_grid(np.concatenate([images, images]), titles + ["saliency"] * n, path,
                      "Saliency: where the predicted class score is most sensitive (Simonyan et al., 2014)",
                      overlays=overlays, columns=n)
