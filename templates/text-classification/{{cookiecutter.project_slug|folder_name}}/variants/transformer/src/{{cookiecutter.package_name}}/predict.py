"""Inference: a text in, class probabilities and per-word highlights out.

    python -m {{ cookiecutter.package_name }}.predict "A moving, beautifully acted film."

Empty or word-less input, or text whose words the tokenizer does not know at all, raises
InvalidTextError with a sentence a demo visitor can act on; a long text is read up to the model's
token limit (and at most MAX_CHARS characters) and the answer says so.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from .data import clean
from .explain import integrated_gradients, word_scores
from .model import class_names_of, load_model

MAX_CHARS = 20_000  # about 3,500 words; the tokenizer reads far fewer (max_length tokens)
FEW_KNOWN = 0.3  # below this share of known words, the answer comes with a warning
DEMO_STEPS = 16  # integrated-gradients points per answer: a CPU answers in seconds, not tens of seconds


class InvalidTextError(ValueError):
    """Raised when a text gives the model nothing to read."""


@dataclass
class Prediction:
    label: str
    probabilities: dict[str, float]
    highlights: list[tuple[str, float | None]]  # (piece of text, -1..1 push toward the label)
    notes: list[str] = field(default_factory=list)  # caveats worth showing next to the answer


@dataclass
class Explanation:
    words: list[str]
    spans: list[tuple[int, int]]  # each word's (start, end) in the text
    scores: list[float]  # each word's integrated-gradients attribution toward the target class
    completeness_gap: float  # |sum of scores - score difference|: the error of the path integral


def highlight(text: str, spans: list[tuple[int, int]], scores: list[float]) -> list[tuple[str, float | None]]:
    """The text cut into pieces, one per word with the gap after it, each with the word's score scaled
    to -1..1; text before the first word and after the last word read has no score."""
    if not spans:
        return [(text, None)]
    scale = max(abs(s) for s in scores) or 1.0
    pieces = [(text[: spans[0][0]], None)] if spans[0][0] > 0 else []
    ends = [start for start, _ in spans[1:]] + [spans[-1][1]]
    for (start, _), end, value in zip(spans, ends, scores, strict=True):
        pieces.append((text[start:end], round(value / scale, 2)))
    if spans[-1][1] < len(text):
        pieces.append((text[spans[-1][1]:], None))
    return pieces


class TextClassifier:
    """The fine-tuned model with its tokenizer."""

    def __init__(self, model_dir: str | Path):
        self.model, self.tokenizer = load_model(Path(model_dir))
        self.class_names = class_names_of(self.model)

    def encode(self, texts: list[str], **options) -> dict:
        return self.tokenizer(texts, truncation=True, padding=True, return_tensors="pt", **options)

    @torch.no_grad()
    def probabilities(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """(texts, classes) probabilities, in batches."""
        parts = []
        for i in range(0, len(texts), batch_size):
            batch = self.encode(texts[i: i + batch_size])
            logits = self.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
            parts.append(logits.softmax(dim=1).numpy())
        return np.concatenate(parts) if parts else np.zeros((0, len(self.class_names)), dtype=np.float32)

    def explain(self, text: str, target: int, steps: int = DEMO_STEPS) -> Explanation:
        """Each word's attribution toward class `target` (the words past the token limit have none)."""
        batch = self.encode([text], return_special_tokens_mask=True)
        word_ids = batch.word_ids(0)
        count = max((w for w in word_ids if w is not None), default=-1) + 1
        spans = [tuple(batch.word_to_chars(0, w)) for w in range(count)]
        attributions, difference = integrated_gradients(
            self.model, batch["input_ids"], batch["attention_mask"], batch["special_tokens_mask"],
            self.tokenizer.pad_token_id, target, steps)
        scores = word_scores(word_ids, attributions, count)
        return Explanation([text[a:b] for a, b in spans], spans, scores, abs(sum(scores) - difference))

    def predict(self, text: str, steps: int = DEMO_STEPS) -> Prediction:
        if not isinstance(text, str) or not text.strip():
            raise InvalidTextError("The text is empty: paste a review first.")
        notes = []
        if len(text) > MAX_CHARS:
            notes.append(f"Only the first {MAX_CHARS:,} of {len(text):,} characters were read.")
            text = text[:MAX_CHARS]
        # JSON may carry half of a UTF-16 pair ("\\ud800"), which no UTF-8 text holds: the tokenizer
        # (Rust) refuses the whole string, so each becomes a "?".
        text = clean(text.encode("utf-8", "replace").decode("utf-8"))
        if not any(ch.isalpha() for ch in text):
            raise InvalidTextError("No words found in the text: paste a review written in words.")
        batch = self.encode([text], return_special_tokens_mask=True)  # the mask marks [CLS], [SEP], ...
        pieces = batch["input_ids"][0][batch["special_tokens_mask"][0] == 0].tolist()
        known = 1 - pieces.count(self.tokenizer.unk_token_id) / max(len(pieces), 1)
        if known == 0:
            raise InvalidTextError("None of these words is in the model's vocabulary: it was fine-tuned "
                                   "on English movie reviews.")
        if known < FEW_KNOWN:
            notes.append(f"The model knows only {known:.0%} of these words: treat the answer with care.")
        probabilities = self.probabilities([text])[0]
        target = int(probabilities.argmax())
        explanation = self.explain(text, target, steps)
        if explanation.spans[-1][1] < len(text.rstrip()):
            notes.append(f"Only the first {len(explanation.words):,} words were read: the model reads "
                         f"{self.tokenizer.model_max_length:,} tokens at most.")
        names = self.class_names
        return Prediction(names[target], dict(zip(names, probabilities.tolist(), strict=True)),
                          highlight(text, explanation.spans, explanation.scores), notes)


def main(argv: list[str] | None = None) -> None:
    texts = sys.argv[1:] if argv is None else argv
    if not texts:
        raise SystemExit('usage: python -m {{ cookiecutter.package_name }}.predict "TEXT" ["TEXT" ...]')
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
