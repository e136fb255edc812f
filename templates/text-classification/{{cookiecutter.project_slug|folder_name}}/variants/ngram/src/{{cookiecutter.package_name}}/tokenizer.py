"""Tokens and n-grams: the vocabulary the model reads, saved next to its weights.

A token is a lower-cased word (letters or digits, with an inner apostrophe as in
"didn't") or one of "!" and "?". An n-gram is 1 to `max_n` consecutive tokens
joined by a space: "not", "not good", "not good at". Word order beyond three
tokens is lost, which is what makes the model a *bag* of n-grams.
scikit-learn's CountVectorizer does the counting; the vocabulary is a text
file, one n-gram per line (its index is its line number), so nothing is pickled.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

TOKEN = re.compile(r"\w+(?:'\w+)?|[!?]")
VOCABULARY = "vocabulary.txt.gz"


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token in the original text, for highlighting it."""
    return [m.span() for m in TOKEN.finditer(text.lower())]


class NgramVocabulary:
    """The n-grams the model knows, each with an index."""

    def __init__(self, ngrams: list[str], max_n: int):
        self.ngrams = ngrams
        self.max_n = max_n
        self.index = {gram: i for i, gram in enumerate(ngrams)}
        self._vectorizer = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None,
                                           ngram_range=(1, max_n), binary=True, vocabulary=self.index,
                                           dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ngrams)

    @classmethod
    def fit(cls, texts: Iterable[str], max_n: int, max_size: int,
            min_df: int = 2) -> tuple[NgramVocabulary, sparse.csr_matrix]:
        """Keep the `max_size` most frequent n-grams seen in at least `min_df` texts.

        Returns the vocabulary and the (texts, n-grams) 0/1 matrix of the texts it saw.
        """
        vectorizer = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None,
                                     ngram_range=(1, max_n), binary=True, min_df=min_df,
                                     max_features=max_size, dtype=np.float32)
        matrix = vectorizer.fit_transform(texts).tocsr()
        return cls(list(vectorizer.get_feature_names_out()), max_n), matrix

    def encode(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """(texts, n-grams) 0/1 matrix: which known n-grams each text contains."""
        return self._vectorizer.transform(texts).tocsr()

    def ngram_positions(self, tokens: list[str]) -> list[tuple[int, int, int]]:
        """(n-gram index, first token, last token + 1) of every known n-gram occurrence."""
        found = []
        for n in range(1, self.max_n + 1):
            for start in range(len(tokens) - n + 1):
                index = self.index.get(" ".join(tokens[start: start + n]))
                if index is not None:
                    found.append((index, start, start + n))
        return found

    def save(self, directory: Path) -> None:
        """One n-gram per line, gzipped without a timestamp: the same vocabulary, the same bytes."""
        directory.mkdir(parents=True, exist_ok=True)
        text = "\n".join(self.ngrams) + "\n"
        (directory / VOCABULARY).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))

    @classmethod
    def load(cls, directory: Path, max_n: int) -> NgramVocabulary:
        with gzip.open(directory / VOCABULARY, "rt", encoding="utf-8") as f:
            return cls(f.read().splitlines(), max_n)
