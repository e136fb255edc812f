"""Figures of a generator: samples per class, an interpolation, training progress, loss curves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from .kit.plots import plt, save


def channels_last(image: np.ndarray) -> np.ndarray:
    """One image (C, H, W) as matplotlib and PIL want it: (H, W) grey or (H, W, 3) colour."""
    return image[0] if image.shape[0] == 1 else image.transpose(1, 2, 0)


def image_rows(images: np.ndarray, row_names: list[str], path: Path, title: str) -> Path:
    """Images (rows, columns, C, H, W) in [0, 1] as a grid, one named row per class."""
    rows, columns = images.shape[:2]
    fig, axes = plt.subplots(rows, columns, figsize=(0.5 * columns + 0.5, 0.5 * rows + 0.6),
                             squeeze=False, gridspec_kw={"wspace": 0.06, "hspace": 0.06})
    for r in range(rows):
        for c in range(columns):
            ax = axes[r, c]
            ax.imshow(channels_last(images[r, c]), cmap="gray", vmin=0, vmax=1, aspect="equal")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
        axes[r, 0].set_ylabel(row_names[r], rotation=0, ha="right", va="center", fontsize=9)
    fig.suptitle(title, fontsize=10)
    return save(fig, path)


def loss_curves_figure(history: dict[str, list[float]], path: Path) -> Path:
    """Left: both losses per epoch. Right: the discriminator's mean score on real training
    images, on real images it never trained on, and on generated ones. When the unseen real
    images drift from the training ones towards the generated, the discriminator is memorising
    its training set (Karras et al., 2020)."""
    epochs = np.arange(1, len(history["d_loss"]) + 1)
    fig, (loss_ax, score_ax) = plt.subplots(1, 2, figsize=(9, 3.5))
    loss_ax.plot(epochs, history["d_loss"], label="discriminator (hinge)")
    loss_ax.plot(epochs, history["g_loss"], label="generator")
    loss_ax.set(xlabel="epoch", ylabel="loss", title="Losses")
    loss_ax.legend()
    for key, label in (("d_real", "real, trained on"), ("d_real_unseen", "real, unseen"),
                       ("d_fake", "generated")):
        score_ax.plot(epochs, history[key], label=label)
    score_ax.set(xlabel="epoch", ylabel="mean score", title="Discriminator scores")
    score_ax.legend()
    fig.tight_layout()
    return save(fig, path)


def tile(images: np.ndarray, columns: int, scale: int) -> Image.Image:
    """Images (N, C, H, W) as uint8 in one picture, `columns` wide, each enlarged `scale` times."""
    n, channels, h, w = images.shape
    rows = -(-n // columns)
    canvas = np.full((rows * (h + 1) + 1, columns * (w + 1) + 1, channels), 64, dtype=np.uint8)  # grey lines
    for i, image in enumerate(images):
        top, left = 1 + (i // columns) * (h + 1), 1 + (i % columns) * (w + 1)
        canvas[top: top + h, left: left + w] = image.transpose(1, 2, 0)
    canvas = canvas[..., 0] if channels == 1 else canvas
    return Image.fromarray(canvas).resize((canvas.shape[1] * scale, canvas.shape[0] * scale), Image.NEAREST)


def progress_gif(snapshots: np.ndarray, columns: int, path: Path, frames: int = 30) -> Path:
    """The fixed latents' images epoch by epoch, (epochs, N, C, H, W) uint8, as an animated GIF:
    the same noise and labels every frame, so you watch each sample take shape. Sixteen levels
    per channel are plenty for the eye and keep the file small (GIF compresses repeated values)."""
    snapshots = (snapshots // 16 * 17).astype(np.uint8)
    picks = np.unique(np.linspace(0, len(snapshots) - 1, min(frames, len(snapshots))).round().astype(int))
    pictures = []
    for epoch in picks:
        grid = tile(snapshots[epoch], columns, scale=4)
        picture = Image.new(grid.mode, (grid.width, grid.height + 14))  # a black strip for the caption
        picture.paste(grid, (0, 14))
        white = 255 if grid.mode == "L" else (255, 255, 255)
        ImageDraw.Draw(picture).text((4, 1), f"epoch {epoch + 1}", fill=white)
        pictures.append(picture)
    path.parent.mkdir(parents=True, exist_ok=True)
    durations = [120] * (len(pictures) - 1) + [1500]  # linger on the final generator
    pictures[0].save(path, save_all=True, append_images=pictures[1:], duration=durations, loop=0,
                     optimize=True)
    return path
