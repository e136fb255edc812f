"""Figures that show images: a training batch, misclassified examples, the most confused classes
and saliency maps. Images come as (N, C, H, W) in [0, 1], grey (C = 1) or colour (C = 3)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .kit.plots import plt, save


def shown(image: np.ndarray) -> np.ndarray:
    """(C, H, W) -> what imshow draws: (H, W) grey or (H, W, 3) colour."""
    return image[0] if image.shape[0] == 1 else image.transpose(1, 2, 0)


def image_grid(images: np.ndarray, titles: list[str], path: Path, suptitle: str,
               overlays: list[np.ndarray | None] | None = None, columns: int = 8) -> Path:
    """Images (N, C, H, W) in a grid, each with a title and, where given, a heat-map overlay."""
    count = max(len(images), 1)
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows + 0.4), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, title in zip(axes.flat, images, titles, strict=False):
        ax.imshow(shown(image), cmap="gray", vmin=0, vmax=1)
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


def training_batch_figure(images: np.ndarray, labels: np.ndarray, class_names: list[str], path: Path,
                          limit: int = 32) -> Path:
    """The first training batch as the network saw it: augmented, at its own size and channels."""
    titles = [class_names[label] for label in labels[:limit]]
    return image_grid(images[:limit], titles, path, "One training batch, as the network sees it "
                      "(after augmentation)", columns=min(8, max(len(titles), 1)))


def misclassified_figure(images: np.ndarray, labels: np.ndarray, predictions: np.ndarray,
                         class_names: list[str], path: Path, total: int) -> Path:
    """Misclassified test images (at most a few dozen, given in `images`), of `total` tested."""
    titles = [f"true {class_names[y]}, said {class_names[p]}"
              for y, p in zip(labels, predictions, strict=True)]
    return image_grid(images, titles, path, f"Misclassified test images ({len(titles)} shown, of "
                      f"{total} tested)", columns=min(6, max(len(titles), 1)))


def confused_figure(examples: list[tuple[str, str, np.ndarray]], path: Path) -> Path:
    """For each most-confused pair (true, said, images (K, C, H, W)), a row of its test images."""
    columns = max([len(row) for *_, row in examples] + [1])
    images, titles = [], []
    for true, said, row in examples:
        for k in range(columns):  # a pair with fewer examples ends in blank squares
            images.append(row[k] if k < len(row) else np.zeros_like(row[0]))
            titles.append(f"{true} as {said}" if k < len(row) else "")
    return image_grid(np.stack(images) if images else np.zeros((0, 1, 1, 1)), titles, path,
                      "The classes it confuses most: test images of one class read as another",
                      columns=columns)


def saliency_figure(images: np.ndarray, maps: np.ndarray, titles: list[str], path: Path) -> Path:
    """Each image (N, C, H, W) twice: as it is, and under its saliency map (N, H, W)."""
    maps = maps / np.maximum(maps.reshape(len(maps), -1).max(1), 1e-12)[:, None, None]
    n = len(images)
    overlays = [None] * n + list(maps)  # top row as seen, bottom row with the map over it
    return image_grid(np.concatenate([images, images]), titles + ["saliency"] * n, path,
                      "Saliency: where the predicted class score is most sensitive (Simonyan et al., 2014)",
                      overlays=overlays, columns=n)
