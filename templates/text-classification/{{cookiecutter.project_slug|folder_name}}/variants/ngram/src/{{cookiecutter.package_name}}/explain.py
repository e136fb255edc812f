"""Explanations: how much each n-gram, and so each word, pushed the prediction.

The model's score is a sum over the text's n-grams (see model.py), so an
n-gram's contribution to the predicted class, relative to the other classes, is
exact. A word's share is the sum of its n-grams' contributions, each split evenly
over the words it spans.
"""

from __future__ import annotations

import numpy as np
import torch

from .model import NgramBag
from .tokenizer import NgramVocabulary


@torch.no_grad()
def token_contributions(model: NgramBag, positions: list[tuple[int, int, int]], num_tokens: int,
                        target: int) -> np.ndarray:
    """(num_tokens,) how much each token moved class `target`'s score above the mean score.

    The values add up to that difference of logits, less the bias terms.
    """
    scores = np.zeros(num_tokens, dtype=np.float32)
    if not positions:
        return scores
    ngram, start, end = np.array(positions, dtype=np.int64).T  # see NgramVocabulary.ngram_positions
    # The model sees each distinct n-gram once (a 0/1 bag): share it among its occurrences.
    distinct, which, occurrences = np.unique(ngram, return_inverse=True, return_counts=True)
    per_class = model.ngram_scores(torch.from_numpy(distinct)) / np.sqrt(len(distinct))  # (G, C)
    toward = (per_class[:, target] - per_class.mean(dim=1)).numpy() / occurrences  # (G,)
    value = toward[which] / (end - start)  # each occurrence's share, per token it spans
    for k in range(int((end - start).max())):  # spread over the 1..max_n tokens of each n-gram
        spans = end - start > k
        np.add.at(scores, start[spans] + k, value[spans])
    return scores


@torch.no_grad()
def strongest_ngrams(model: NgramBag, vocabulary: NgramVocabulary, target: int,
                     count: int = 15) -> list[tuple[str, float]]:
    """The n-grams that push hardest toward class `target` (relative to the other classes)."""
    scores = model.ngram_scores()
    toward = (scores[:, target] - scores.mean(dim=1)).numpy()
    best = np.argsort(-toward)[:count]
    return [(vocabulary.ngrams[i], float(toward[i])) for i in best]
