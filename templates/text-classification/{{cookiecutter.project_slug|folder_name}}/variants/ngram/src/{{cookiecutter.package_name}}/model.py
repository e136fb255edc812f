"""The model: a bag of n-grams with Naive Bayes feature scaling, as a PyTorch network.

Wang & Manning (2012, "Baselines and Bigrams") showed that scaling each n-gram's
presence by its Naive Bayes log-count ratio before a linear classifier (NBSVM)
makes a strong sentiment model. Written as a network it is a bag of n-gram
embeddings of width one per class: n-gram g has a fixed input r[c, g] (its NB ratio
for class c) and a learned weight w[c, g], and a text's score for class c is

    score_c = b_c + sum over n-grams g in the text of r[c, g] * w[c, g] / sqrt(#n-grams)

Dividing by the square root keeps long and short reviews on one scale. Because
the score is a sum over n-grams, each n-gram's share of it is exact: the demo's
highlighting is not an approximation. (fast.ai's "NB-dot-product" model on IMDB
is the same idea.)
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from scipy import sparse
from torch import nn

from .tokenizer import NgramVocabulary

WEIGHTS = "model.safetensors"
MODEL_CONFIG = "config.json"
ONNX_MODEL = "model.onnx"  # one text's logits and n-gram scores as an ONNX graph (the in-browser demo)


@dataclass
class ModelConfig:
    class_names: list[str]
    vocab_size: int
    max_n: int  # longest n-gram, in tokens


def nb_log_count_ratios(matrix: sparse.csr_matrix, labels: np.ndarray, num_classes: int,
                        alpha: float = 1.0) -> np.ndarray:
    """r[c, g] = log of how much likelier n-gram g is in class c than in the other classes.

    Counts are of texts containing g, smoothed by `alpha` and normalised per side:
    r = log((p / |p|_1) / (q / |q|_1)), p = alpha + counts in c, q = alpha + counts elsewhere.
    """
    ratios = np.empty((num_classes, matrix.shape[1]), dtype=np.float32)
    for c in range(num_classes):
        p = alpha + np.asarray(matrix[labels == c].sum(axis=0)).ravel()
        q = alpha + np.asarray(matrix[labels != c].sum(axis=0)).ravel()
        ratios[c] = np.log((p / p.sum()) / (q / q.sum()))
    return ratios


class NgramBag(nn.Module):
    def __init__(self, ratios: torch.Tensor):
        super().__init__()
        num_classes, vocab_size = ratios.shape
        self.register_buffer("ratios", ratios)  # (C, V) fixed inputs, saved with the weights
        self.weight = nn.Parameter(torch.zeros(num_classes, vocab_size))  # (C, V) learned
        self.bias = nn.Parameter(torch.zeros(num_classes))

    def ngram_scores(self, ngrams: torch.Tensor | None = None) -> torch.Tensor:
        """(N, C): what each given n-gram (all of them if None) adds to each class score."""
        if ngrams is None:
            return (self.ratios * self.weight).T
        return (self.ratios[:, ngrams] * self.weight[:, ngrams]).T

    def forward(self, ngrams: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        """ngrams: all texts' n-gram indices, concatenated; offsets: where each text starts.

        Returns (B, C) logits.
        """
        counts = torch.diff(offsets, append=torch.tensor([len(ngrams)], device=offsets.device))  # (B,)
        text_of = torch.repeat_interleave(torch.arange(len(offsets), device=offsets.device), counts)
        sums = torch.zeros(len(offsets), self.bias.shape[0], device=offsets.device)
        sums = sums.index_add(0, text_of, self.ngram_scores(ngrams))  # (B, C): sum over each bag
        return sums / counts.clamp(min=1).sqrt().unsqueeze(1) + self.bias


def bags(matrix: sparse.csr_matrix, device: torch.device | str = "cpu") -> tuple[torch.Tensor, torch.Tensor]:
    """A (texts, n-grams) 0/1 matrix as the (ngrams, offsets) pair NgramBag reads."""
    ngrams = torch.from_numpy(matrix.indices.astype(np.int64)).to(device)
    offsets = torch.from_numpy(matrix.indptr[:-1].astype(np.int64)).to(device)
    return ngrams, offsets


def save_model(model: NgramBag, config: ModelConfig, vocabulary: NgramVocabulary, directory: Path) -> None:
    """Weights and NB ratios as safetensors (no pickle), config as JSON, vocabulary as text, and the
    model as ONNX for the in-browser demo. All are written together, so no demo serves an older
    model than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    vocabulary.save(directory)
    export_onnx(model, config, directory / ONNX_MODEL)


class OneText(nn.Module):
    """NgramBag.forward for one text, with r * w multiplied out once: the graph then holds one
    (V, C) table instead of r and w apart, half the bytes a visitor downloads. It also returns
    each n-gram's scores, so a page can highlight words as explain.token_contributions does."""

    def __init__(self, model: NgramBag):
        super().__init__()
        self.register_buffer("scores", model.ngram_scores().detach().contiguous())  # (V, C)
        self.register_buffer("bias", model.bias.detach().clone())  # (C,)

    def forward(self, ngrams: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """ngrams: (N,) the text's distinct known n-gram indices -> (1, C) logits, (N, C) scores."""
        scores = self.scores[ngrams]  # (N, C): the same products as model.ngram_scores(ngrams)
        count = torch.ones_like(ngrams, dtype=scores.dtype).sum()  # N, as a float the graph can read
        return scores.sum(0, keepdim=True) / count.sqrt() + self.bias, scores


def export_onnx(model: NgramBag, config: ModelConfig, path: Path) -> None:
    """One text's graph (OneText) as ONNX via torch.export, the config as metadata; inputs
    `ngrams` int64 (N,), outputs `logits` (1, C) and `ngram_scores` (N, C)."""
    example = torch.tensor([0, min(1, config.vocab_size - 1)])  # N = 2: the axis stays free
    # The exporter logs that torchvision's ops are missing (this model uses none) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings(action="ignore", category=FutureWarning):
        program = torch.onnx.export(OneText(model.cpu()).eval(), (example,), dynamo=True, verbose=False,
                                    input_names=["ngrams"], output_names=["logits", "ngram_scores"],
                                    dynamic_shapes=({0: torch.export.Dim("ngrams")},))
    program.model.metadata_props[MODEL_CONFIG] = json.dumps(asdict(config))
    program.save(path)


def load_model(directory: Path) -> tuple[NgramBag, ModelConfig, NgramVocabulary]:
    """The trained model in eval mode, its config and its vocabulary."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained model; run `make train` first")
    config = ModelConfig(**json.loads((directory / MODEL_CONFIG).read_text()))
    state = load_file(directory / WEIGHTS)
    model = NgramBag(state["ratios"])
    model.load_state_dict(state)
    return model.eval(), config, NgramVocabulary.load(directory, config.max_n)
