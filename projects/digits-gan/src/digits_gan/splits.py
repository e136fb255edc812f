# Rendered from templates/_shared/include/shared/python/splits.py: edit it there, not here.
"""Splits: a random subset for quick runs, and a stratified train/val/test split."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split


def subset(labels: np.ndarray, limit: int, seed: int) -> np.ndarray:
    """Indices of at most `limit` examples, drawn at random (all of them when limit is 0)."""
    indices = np.random.default_rng(seed).permutation(len(labels))
    return np.sort(indices[:limit]) if 0 < limit < len(labels) else np.arange(len(labels))


def stratified_split(labels: np.ndarray, val_fraction: float, test_fraction: float,
                     seed: int) -> dict[str, np.ndarray]:
    """Stratified train/val/test indices: every class keeps its share in every part.

    The test part is cut first and is never seen in training or model selection.
    """
    indices = np.arange(len(labels))
    rest, test = train_test_split(indices, test_size=test_fraction, stratify=labels,
                                  random_state=seed)
    train, val = train_test_split(rest, test_size=val_fraction / (1 - test_fraction),
                                  stratify=labels[rest], random_state=seed)
    return {"train": train, "val": val, "test": test}


def describe_split(val_fraction: float, test_fraction: float, seed: int) -> str:
    """The split in words, for every report that quotes a number measured on it."""
    return (f"stratified {1 - val_fraction - test_fraction:.0%}/{val_fraction:.0%}/{test_fraction:.0%} "
            f"train/val/test, split seed {seed}")
