import json
import math

import torch

from {{ cookiecutter.package_name }}.explain import saliency_maps
from {{ cookiecutter.package_name }}.train import random_affine


def test_no_augmentation_is_the_identity():
    x = torch.rand(4, 1, 8, 8)
    assert torch.allclose(random_affine(x, 0.0, 0.0, 0.0), x, atol=1e-5)


def test_augmentation_moves_ink_but_keeps_shape():
    x = torch.zeros(16, 1, 8, 8)
    x[:, :, 2:6, 3:5] = 1.0
    y = random_affine(x, 15.0, 1.0, 0.1, generator=torch.Generator().manual_seed(0))
    assert y.shape == x.shape and not torch.allclose(y, x)
    assert 0 <= y.min() and y.max() <= 1 + 1e-6


def test_saliency_of_a_linear_model_is_its_weight_magnitude():
    linear = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(16, 3))
    x, target = torch.rand(2, 1, 4, 4), torch.tensor([2, 0])
    maps = saliency_maps(linear, x, target)
    assert maps.shape == (2, 4, 4)
    assert torch.allclose(maps[0].flatten(), linear[1].weight[2].abs())


def test_a_tiny_training_run_learns(trained):
    history = json.loads((trained / "reports/training.json").read_text())["history"]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_accuracy"][-1] > 0.5  # chance is 0.1
    assert math.isfinite(history["val_loss"][-1])
