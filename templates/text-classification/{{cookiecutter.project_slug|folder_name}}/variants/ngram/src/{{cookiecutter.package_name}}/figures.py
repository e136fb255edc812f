"""Figures of text: the strongest n-grams, and reviews with their words coloured by influence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np

from .kit.plots import plt, save


def strongest_ngrams_figure(by_class: dict[str, list[tuple[str, float]]], path: Path) -> Path:
    """One bar chart per class: the n-grams that push hardest toward it."""
    fig, axes = plt.subplots(1, len(by_class), figsize=(4.2 * len(by_class), 4.8), squeeze=False)
    for ax, (name, ngrams) in zip(axes[0], by_class.items(), strict=True):
        words, weights = zip(*reversed(ngrams), strict=True)
        ax.barh(words, weights, color="tab:green")
        ax.set_title(f"toward '{name}'")
        ax.set_xlabel("weight x NB ratio")
    fig.suptitle("The n-grams that weigh most (Wang & Manning, 2012 scaling)")
    fig.tight_layout()
    return save(fig, path)


def attribution_figure(examples: list[tuple[str, list[str], np.ndarray]], path: Path,
                       words_per_example: int = 70, line_width: int = 95) -> Path:
    """Each example's first words, coloured green (toward its prediction) or red (against)."""
    fig, axes = plt.subplots(len(examples), 1, figsize=(10, 2.1 * len(examples)), squeeze=False)
    for ax, (title, tokens, scores) in zip(axes[:, 0], examples, strict=True):
        ax.axis("off")
        ax.set_title(title, loc="left", fontsize=9)
        scale = float(np.abs(scores).max()) or 1.0
        x, y = 0.0, 0.85
        for token, score in zip(tokens[:words_per_example], scores[:words_per_example], strict=False):
            if x + len(token) / line_width > 1:
                x, y = 0.0, y - 0.17
            strength = min(abs(float(score)) / scale, 1.0)
            colour = (0.2, 0.7, 0.2, strength) if score > 0 else (0.85, 0.2, 0.2, strength)
            ax.text(x, y, token, fontsize=9, family="monospace", transform=ax.transAxes,
                    bbox={"facecolor": colour, "edgecolor": "none", "pad": 1})
            x += (len(token) + 1) / line_width
    fig.suptitle("Which words pushed each prediction (exact shares of the score)", fontsize=10)
    fig.tight_layout()
    return save(fig, path)


def excerpt(text: str, width: int = 220) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")
