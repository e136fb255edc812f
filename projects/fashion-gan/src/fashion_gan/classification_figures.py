# Rendered from templates/_shared/include/shared/python/classification_figures.py: edit it there, not here.
"""Figures every classifier draws: the confusion matrix and the training curves."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

from .kit.plots import plt, save


def confusion_matrix_figure(y_true: np.ndarray, y_pred: np.ndarray, class_names: list[str],
                            path: Path) -> Path:
    """Counts of (true, predicted) class pairs: the diagonal is right, the rest are the mistakes."""
    matrix = confusion_matrix(y_true, y_pred, labels=range(len(class_names)))
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ConfusionMatrixDisplay(matrix, display_labels=class_names).plot(
        ax=ax, cmap="Blues", colorbar=False)
    ax.set_title("Confusion matrix (test split)")
    return save(fig, path)


def training_curves_figure(history: dict[str, list[float]], path: Path) -> Path:
    """Loss on the left, accuracy on the right, one point per epoch."""
    epochs = np.arange(1, len(history["train_loss"]) + 1)
    fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(9, 3.5))
    loss_ax.plot(epochs, history["train_loss"], label="train")
    loss_ax.plot(epochs, history["val_loss"], label="validation")
    loss_ax.set(xlabel="epoch", ylabel="cross-entropy", title="Loss")
    loss_ax.legend()
    acc_ax.plot(epochs, history["val_accuracy"], color="tab:green")
    acc_ax.set(xlabel="epoch", ylabel="accuracy", title="Validation accuracy")
    fig.tight_layout()
    return save(fig, path)
