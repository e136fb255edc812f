# Rendered from templates/_shared/include/shared/python/metrics.py: edit it there, not here.
"""Classification metrics from scikit-learn, in the shape metrics.json stores them."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support


def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, class_names: list[str],
                           train_labels: np.ndarray) -> dict:
    """Accuracy, macro precision/recall/F1, the per-class table, and the baseline to beat: the
    accuracy of always answering the class most common in the training labels."""
    labels = list(range(len(class_names)))
    p, r, f, support = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    macro = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    return {
        "metrics": {"accuracy": float(accuracy_score(y_true, y_pred)), "macro_f1": float(macro[2]),
                    "macro_precision": float(macro[0]), "macro_recall": float(macro[1]),
                    "majority_accuracy": float(np.mean(y_true == np.bincount(train_labels).argmax()))},
        "per_class": {name: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                             "support": int(support[i])} for i, name in enumerate(class_names)},
    }
