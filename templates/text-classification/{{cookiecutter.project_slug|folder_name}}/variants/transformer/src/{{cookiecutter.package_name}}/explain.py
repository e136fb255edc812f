"""Explanations: how much each token, and so each word, pushed the prediction, by integrated gradients.

A transformer's answer is no sum of word scores, so the shares have to be estimated. Integrated
gradients (Sundararajan et al. 2017) walks in a straight line from a baseline (the same text with
every word replaced by padding, so nothing is said) to the text itself, in the space of the input
embeddings, and adds up the gradient of the score along the way. Each token's attribution is its
embedding's change times the average gradient; the attributions add up to the score of the text
minus the score of the baseline (completeness), up to the error of the `steps`-point sum. Unlike a
plain gradient, it does not miss words whose effect has saturated. The score explained is the target
class's logit minus the mean logit, as in the n-gram model's explanations.
"""

from __future__ import annotations

import torch
from torch import nn

STEPS = 32  # points on the path; the error of the sum shrinks as 1/steps^2 (midpoint rule)
CHUNK = 8  # points per forward and backward pass


def score(logits: torch.Tensor, target: int) -> torch.Tensor:
    """The target class's logit above the mean logit, per row."""
    return logits[:, target] - logits.mean(dim=1)


def integrated_gradients(model: nn.Module, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                         special: torch.Tensor, pad_id: int, target: int,
                         steps: int = STEPS) -> tuple[torch.Tensor, float]:
    """(tokens,) attributions of one text's tokens (`input_ids` (1, tokens)) toward class `target`, and
    the score difference they should add up to.

    `special` (1, tokens) marks [CLS], [SEP] and the like: the baseline keeps them, so the walk
    changes the words only.
    """
    embed = model.get_input_embeddings()
    baseline_ids = torch.where(special.bool(), input_ids, torch.full_like(input_ids, pad_id))
    with torch.no_grad():
        x, x0 = embed(input_ids), embed(baseline_ids)  # (1, tokens, dim)
    alphas = (torch.arange(steps, dtype=x.dtype) + 0.5) / steps  # midpoints of `steps` pieces of (0, 1)
    gradient_sum = torch.zeros_like(x)
    for chunk in alphas.split(CHUNK):  # a few points per pass keep the memory of the backward pass small
        path = (x0 + chunk.view(-1, 1, 1) * (x - x0)).requires_grad_(True)  # (chunk, tokens, dim)
        logits = model(inputs_embeds=path, attention_mask=attention_mask.expand(len(chunk), -1)).logits
        gradients, = torch.autograd.grad(score(logits, target).sum(), path)
        gradient_sum += gradients.sum(dim=0, keepdim=True)
    attributions = ((x - x0) * gradient_sum / steps).sum(dim=-1)[0]  # (tokens,)
    with torch.no_grad():
        ends = model(inputs_embeds=torch.cat([x, x0]), attention_mask=attention_mask.expand(2, -1)).logits
        difference = score(ends, target)
    return attributions.detach(), float(difference[0] - difference[1])


def word_scores(word_ids: list[int | None], attributions: torch.Tensor, num_words: int) -> list[float]:
    """Token attributions summed into the words they are pieces of (`word_ids` from the tokenizer;
    None for special tokens)."""
    totals = [0.0] * num_words
    for word, value in zip(word_ids, attributions.tolist(), strict=True):
        if word is not None:
            totals[word] += value
    return totals
