"""Inference: a text in, class probabilities and per-word highlights out.

    python -m imdb_sentiment.predict "A moving, beautifully acted film."

Empty or word-less input, or text with no word the model knows, raises
InvalidTextError with a sentence a demo visitor can act on; a very long text is
read up to MAX_CHARS and the answer says so.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from .data import clean
from .explain import token_contributions
from .model import bags, load_model
from .tokenizer import token_spans, tokenize

MAX_CHARS = 20_000  # about 3,500 words; the longest IMDB review is about 13,700 characters
FEW_KNOWN = 0.3  # below this share of known words, the answer comes with a warning


class InvalidTextError(ValueError):
    """Raised when a text gives the model nothing to read."""


@dataclass
class Explanation:
    words: list[str]  # the text's tokens
    scores: np.ndarray  # each token's exact share of the score toward the target class


@dataclass
class Prediction:
    label: str
    probabilities: dict[str, float]
    highlights: list[tuple[str, float | None]]  # (piece of text, -1..1 push toward the label)
    notes: list[str] = field(default_factory=list)  # caveats worth showing next to the answer


def highlight(text: str, scores: np.ndarray) -> list[tuple[str, float | None]]:
    """The text cut into pieces, one per token with the gap after it, each with the token's
    score scaled to -1..1 (half as many pieces to send as tokens and gaps apart)."""
    spans = token_spans(text)
    if not spans:
        return [(text, None)]
    scale = float(np.abs(scores).max()) or 1.0
    pieces = [(text[: spans[0][0]], None)] if spans[0][0] > 0 else []
    starts = [start for start, _ in spans[1:]] + [len(text)]
    for (start, _), next_start, score in zip(spans, starts, scores, strict=True):
        pieces.append((text[start:next_start], round(float(score) / scale, 2)))
    return pieces


class TextClassifier:
    """The trained model with its vocabulary."""

    def __init__(self, model_dir: str | Path):
        self.model, self.config, self.vocabulary = load_model(Path(model_dir))
        self.class_names = self.config.class_names

    @torch.no_grad()
    def probabilities(self, texts: list[str]) -> np.ndarray:
        """(texts, classes) probabilities of cleaned texts, all at once."""
        return self.model(*bags(self.vocabulary.encode(texts))).softmax(dim=1).numpy()

    def explain(self, text: str, target: int) -> Explanation:
        """Each token's share of the score toward class `target`."""
        tokens = tokenize(text)
        scores = token_contributions(self.model, self.vocabulary.ngram_positions(tokens), len(tokens), target)
        return Explanation(tokens, scores)

    @torch.no_grad()
    def predict(self, text: str) -> Prediction:
        if not isinstance(text, str) or not text.strip():
            raise InvalidTextError("The text is empty: paste a review first.")
        notes = []
        if len(text) > MAX_CHARS:
            notes.append(f"Only the first {MAX_CHARS:,} of {len(text):,} characters were read.")
            text = text[:MAX_CHARS]
        text = clean(text)
        tokens = tokenize(text)
        if not tokens:
            raise InvalidTextError("No words found in the text: paste a review written in words.")
        positions = self.vocabulary.ngram_positions(tokens)
        if not positions:
            raise InvalidTextError("None of these words is in the model's vocabulary: it was trained "
                                   "on English movie reviews.")
        known = sum(token in self.vocabulary.index for token in tokens) / len(tokens)
        if known < FEW_KNOWN:
            notes.append(f"The model knows only {known:.0%} of these words (it learned English movie "
                         "reviews): treat the answer with care.")
        bag = torch.tensor(sorted({ngram for ngram, _, _ in positions}))  # each n-gram once, as in training
        probabilities = self.model(bag, torch.tensor([0])).softmax(dim=1)[0]  # (C,)
        target = int(probabilities.argmax())
        scores = token_contributions(self.model, positions, len(tokens), target)
        names = self.config.class_names
        return Prediction(names[target], dict(zip(names, probabilities.tolist(), strict=True)),
                          highlight(text, scores), notes)


def main(argv: list[str] | None = None) -> None:
    texts = sys.argv[1:] if argv is None else argv
    if not texts:
        raise SystemExit('usage: python -m imdb_sentiment.predict "TEXT" ["TEXT" ...]')
    classifier = TextClassifier("models")
    for text in texts:
        try:
            result = classifier.predict(text)
        except InvalidTextError as e:
            print(f"error: {e}")
            continue
        print(f"{result.label} ({result.probabilities[result.label]:.1%}): {text[:60]!r}")


if __name__ == "__main__":
    main()
