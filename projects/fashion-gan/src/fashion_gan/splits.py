# Rendered from templates/_shared/include/shared/python/splits.py: edit it there, not here.
"""Splits: a random subset for quick runs, and a stratified train/val/test split."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split


class SplitError(ValueError):
    """Raised when the examples are too few to give every class a place in every part."""


def subset(labels: np.ndarray, limit: int, seed: int) -> np.ndarray:
    """Indices of at most `limit` examples, drawn at random (all of them when limit is 0)."""
    indices = np.random.default_rng(seed).permutation(len(labels))
    return np.sort(indices[:limit]) if 0 < limit < len(labels) else np.arange(len(labels))


def stratified(indices: np.ndarray, labels: np.ndarray, fraction: float, seed: int,
               part: str) -> tuple[np.ndarray, np.ndarray]:
    """`indices` cut in two, every class keeping its share in both; a clear SplitError with the
    numbers where scikit-learn would stop with its own traceback."""
    try:
        return train_test_split(indices, test_size=fraction, stratify=labels[indices], random_state=seed)
    except ValueError as e:
        counts = np.bincount(labels[indices])
        present = counts[counts > 0]
        raise SplitError(
            f"{len(indices)} examples in {len(present)} classes (the smallest has {present.min()}) are too "
            f"few to hold out {fraction:.0%} as the {part} part with every class in it ({e}); use more "
            f"examples (a larger `limit`, at least {int(np.ceil(2 * len(present) / fraction))} here, "
            "or 0 for all)") from None


def stratified_split(labels: np.ndarray, val_fraction: float, test_fraction: float, seed: int,
                     own_test: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Stratified train/val/test indices: every class keeps its share in every part.

    The test part is cut first and is never seen in training or model selection. Where the data
    set has a test split of its own (`own_test`: its indices, e.g. Fashion-MNIST's 10,000), that is
    the test part, and validation is `val_fraction` of the rest.
    """
    indices = np.arange(len(labels))
    if own_test is not None:
        rest = np.setdiff1d(indices, own_test)
        train, val = stratified(rest, labels, val_fraction, seed, "validation")
        return {"train": train, "val": val, "test": np.asarray(own_test)}
    rest, test = stratified(indices, labels, test_fraction, seed, "test")
    train, val = stratified(rest, labels, val_fraction / (1 - test_fraction), seed, "validation")
    return {"train": train, "val": val, "test": test}


def describe_split(val_fraction: float, test_fraction: float, seed: int, own_test: bool = False) -> str:
    """The split in words, for every report that quotes a number measured on it."""
    if own_test:
        return (f"the data set's own test split; validation: a stratified {val_fraction:.0%} of its "
                f"train split, split seed {seed}")
    return (f"stratified {1 - val_fraction - test_fraction:.0%}/{val_fraction:.0%}/{test_fraction:.0%} "
            f"train/val/test, split seed {seed}")
