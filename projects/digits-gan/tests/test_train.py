import json
import math

import numpy as np
import pytest
import torch

from digits_gan import train
from digits_gan.train import discriminator_loss, ema_decay_at, generator_loss, update_ema


def test_hinge_losses_by_hand():
    real, fake = torch.tensor([2.0, 0.5]), torch.tensor([-3.0, 0.0])
    # real: max(0, 1-2)=0, max(0, 1-0.5)=0.5 -> mean 0.25; fake: max(0, 1-3)=0, max(0, 1+0)=1 -> 0.5
    assert discriminator_loss(real, fake).item() == pytest.approx(0.75)
    assert generator_loss(fake).item() == pytest.approx(1.5)


def test_ema_moves_a_step_towards_the_model_and_copies_batch_norm_statistics():
    ema, model = torch.nn.BatchNorm1d(2), torch.nn.BatchNorm1d(2)
    with torch.no_grad():
        ema.weight.fill_(0.0)
        model.weight.fill_(1.0)
        model.running_mean.fill_(3.0)
    update_ema(ema, model, decay=0.9)
    assert torch.allclose(ema.weight, torch.full((2,), 0.1))
    assert torch.equal(ema.running_mean, model.running_mean)


def test_the_average_forgets_the_random_start_quickly():
    assert ema_decay_at(0, 0.999) == pytest.approx(0.1)  # the first update mostly replaces
    assert ema_decay_at(10_000, 0.999) == 0.999
    kept = math.prod(ema_decay_at(step, 0.999) for step in range(1600))
    assert kept < 1e-3  # of the initial weights, after a default run's 1,600 updates


def test_a_tiny_training_run_records_curves_and_progress(trained):
    record = json.loads((trained / "reports/training.json").read_text())
    history = record["history"]
    assert len(history["d_loss"]) == 4 and all(math.isfinite(v) for v in history["d_loss"])
    assert record["steps"] == 4 * math.ceil(record["data"]["sizes"]["train"] / 64)
    progress = np.load(trained / "reports/progress.npz", allow_pickle=False)
    assert progress["images"].shape == (4, 40, 8, 8) and progress["images"].dtype == np.uint8
    assert progress["labels"].tolist() == [c for c in range(10) for _ in range(4)]


def test_an_image_size_the_generator_cannot_draw_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="image_size: 10 is not a multiple of 4"):
        train.main(["--image-size", "10", "--reports-dir", str(tmp_path), "--model-dir", str(tmp_path)])
