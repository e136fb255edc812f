"""Augmentation: new training images made on the fly from each batch, seeded, in the training loop.

Each function takes a batch (B, C, H, W) in [0, 1] and a torch.Generator, so a run with the same
seed sees the same distortions, and evaluation can redraw the first batch exactly as training saw it
(reports/figures/training_batch.png). Which ones a data set allows is its own: a mirrored shirt is a
shirt, a mirrored 2 is not a 2 (`hflip`); a digit's slant and size vary (the small affine), a photo's
framing does (random crop with padding).
"""

from __future__ import annotations

import math
from typing import Protocol

import torch
import torch.nn.functional as F

from .kit.config import ConfigError


class AugmentSettings(Protocol):
    """The fields of train.Config that `augment` reads."""

    augment: bool
    max_rotation: float
    max_shift: float
    max_zoom: float
    crop_padding: int


def random_affine(x: torch.Tensor, max_rotation: float, max_shift: float, max_zoom: float,
                  generator: torch.Generator | None = None) -> torch.Tensor:
    """Rotate, shift and zoom each image of (B, C, H, W) by a small random amount.

    Handwriting varies in slant, position and size; showing the network such
    variants teaches it to ignore them (LeCun et al., 1998, section on distortions).
    """
    b, _, h, w = x.shape
    def uniform(*shape):  # U(-1, 1)
        return torch.rand(*shape, generator=generator).to(x.device) * 2 - 1
    angle = uniform(b) * math.radians(max_rotation)
    zoom = 1 + uniform(b) * max_zoom
    shift = uniform(b, 2) * max_shift * 2 / torch.tensor([w, h], device=x.device)  # px -> [-1, 1] units
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1),
                         torch.stack([sin, cos, shift[:, 1]], 1)], 1)  # (B, 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")


def random_crop(x: torch.Tensor, padding: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """Pad each image by `padding` black pixels and cut it back to its size at a random offset: the
    object moves by up to `padding` pixels (the CIFAR recipe of He et al., 2016, section 4.2)."""
    b, c, h, w = x.shape
    padded = F.pad(x, (padding,) * 4)  # (B, C, H + 2p, W + 2p)
    dy, dx = (torch.randint(0, 2 * padding + 1, (b,), generator=generator).to(x.device) for _ in range(2))
    rows = (dy[:, None] + torch.arange(h, device=x.device))[:, None, :, None]  # (B, 1, H, 1)
    cols = (dx[:, None] + torch.arange(w, device=x.device))[:, None, None, :]  # (B, 1, 1, W)
    batch = torch.arange(b, device=x.device)[:, None, None, None]
    channel = torch.arange(c, device=x.device)[None, :, None, None]
    return padded[batch, channel, rows, cols]


def random_flip(x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    """Mirror each image left to right with probability 1/2."""
    flip = torch.rand(len(x), generator=generator).to(x.device) < 0.5
    return torch.where(flip[:, None, None, None], x.flip(-1), x)


def augment(x: torch.Tensor, cfg: AugmentSettings, flips: bool, generator: torch.Generator) -> torch.Tensor:
    """The batch as the network sees it in training: each distortion the config and the data allow."""
    if not cfg.augment:
        return x
    if cfg.max_rotation or cfg.max_shift or cfg.max_zoom:
        x = random_affine(x, cfg.max_rotation, cfg.max_shift, cfg.max_zoom, generator)
    if cfg.crop_padding:
        x = random_crop(x, cfg.crop_padding, generator)
    if flips:
        x = random_flip(x, generator)
    return x


def flips_allowed(hflip: str, data_flips: bool) -> bool:
    """`hflip` "auto" follows the data (never for digits; yes for clothes and photos), "on" or "off"."""
    if hflip not in ("auto", "on", "off"):
        raise ConfigError(f"hflip: {hflip!r}; use 'auto' (as the data allow), 'on' or 'off'")
    return data_flips if hflip == "auto" else hflip == "on"
