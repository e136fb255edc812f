"""Saliency: which pixels the predicted class score is most sensitive to.

Vanilla gradient saliency (Simonyan, Vedaldi & Zisserman, 2014, "Deep Inside
Convolutional Networks"): the absolute gradient of the class score with respect
to each input pixel. Bright pixels are those where a small change in ink would
change the score most.
"""

from __future__ import annotations

import torch


def saliency_maps(model: torch.nn.Module, x: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """|d score[target] / d pixel| for each image: (B, C, H, W) -> (B, H, W), max over channels."""
    model.eval()
    x = x.detach().clone().requires_grad_(True)
    scores = model(x).gather(1, targets.view(-1, 1)).sum()  # each image's own class score
    (grad,) = torch.autograd.grad(scores, x)
    return grad.abs().amax(dim=1)
