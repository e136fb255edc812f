"""The evaluator (the FCD classifier): a small CNN, trained on the training split only, whose eyes judge
the generated images.

Inception-based scores (FID) need a network trained on ImageNet photos, a download, and
pictures far larger than these. We train our own judge instead, in seconds: its class
predictions say whether a sample shows the class asked for, and its last hidden layer is the
feature space the Fréchet distance and precision/recall are measured in (fidelity.py). Its
accuracy on held-out real images is reported beside every number it produces: a judge that
cannot read real images could not be trusted on generated ones.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

IMAGES_SEEN = 250_000  # the evaluator's training budget, in images


class Evaluator(nn.Module):
    """Three conv stages at full, half and quarter size (C channels in), then global pooling to
    the feature layer: small enough to train on 54,000 images in a few minutes on a CPU."""

    def __init__(self, num_classes: int, channels: int = 1, width: int = 32, feature_dim: int = 64):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(width, 2 * width, 3, padding=1), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(2 * width, 4 * width, 3, padding=1), nn.BatchNorm2d(4 * width), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
            nn.Linear(4 * width, feature_dim), nn.ReLU())  # (B, feature_dim): the feature space
        self.head = nn.Linear(feature_dim, num_classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(images))


def passes_for(examples: int, budget: int = IMAGES_SEEN, most: int = 20) -> int:
    """Passes over the training images: about `budget` images seen in all, 3 to `most` passes
    (20 over scikit-learn's 1,437 digits, 5 over Fashion-MNIST's 54,000)."""
    return max(3, min(most, math.ceil(budget / examples)))


def random_shift(images: torch.Tensor, pad: int, generator: torch.Generator) -> torch.Tensor:
    """Each image moved by its own random offset of up to `pad` pixels each way (zero padding)."""
    n, channels, height, width = images.shape
    padded = F.pad(images, (pad, pad, pad, pad))
    dy, dx = (torch.randint(0, 2 * pad + 1, (n,), generator=generator) for _ in range(2))
    rows = (dy[:, None] + torch.arange(height))[:, None, :, None]  # (n, 1, H, 1)
    cols = (dx[:, None] + torch.arange(width))[:, None, None, :]  # (n, 1, 1, W)
    images_at, channels_at = torch.arange(n)[:, None, None, None], torch.arange(channels)[None, :, None, None]
    return padded[images_at, channels_at, rows, cols]


def train_evaluator(images: np.ndarray, labels: np.ndarray, num_classes: int, seed: int = 0,
                    epochs: int = 0, batch_size: int = 128, lr: float = 3e-3, shift: int = 1) -> Evaluator:
    """Fit the evaluator on (images, labels), the training split: AdamW with a one-cycle schedule.
    epochs 0: as many as passes_for says. Each batch is moved by up to `shift` pixels: without it
    the features see a one-pixel shift of real images as far from real (20x the floor measured on
    Fashion-MNIST), and the FCD would judge where things sit rather than what is drawn."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = Evaluator(num_classes, channels=images.shape[1])
    x, y = torch.from_numpy(images), torch.from_numpy(labels)
    epochs = epochs or passes_for(len(x))
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    steps = epochs * math.ceil(len(x) / batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start: start + batch_size]
            loss = F.cross_entropy(model(random_shift(x[batch], shift, generator)), y[batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            scheduler.step()
    return model.eval()


@torch.no_grad()
def features(model: Evaluator, images: np.ndarray) -> np.ndarray:
    """The evaluator's last hidden layer for each image, (N, feature_dim), in float64 for the
    covariance algebra that follows."""
    return np.concatenate([model.features(torch.as_tensor(images[i: i + 1000])).double().numpy()
                           for i in range(0, len(images), 1000)])


@torch.no_grad()
def predict(model: Evaluator, images: np.ndarray) -> np.ndarray:
    """The class the evaluator reads in each image."""
    return np.concatenate([model(torch.as_tensor(images[i: i + 1000])).argmax(1).numpy()
                           for i in range(0, len(images), 1000)])
