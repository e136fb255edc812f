"""Train the CNN on the train split, watching the validation split, and save the weights.

    python -m fashion_cnn.train [--config configs/quick.yaml] [--epochs 5 ...]

Writes models/model.safetensors + models/config.json + models/model.onnx (for the demo),
and reports/training.json (config, per-epoch curves, duration, data checksum) for the evaluation step;
logs the run (settings, per-step and per-epoch curves) to the experiment tracker (`make dashboard`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm

from .augment import augment, flips_allowed
from .data import DataError, as_floats, data_splits, loader
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.reporting import write_json
from .kit.runtime import hardware, pick_device, seed_everything
from .kit.tracking import Tracker
from .model import ConvNet, ModelConfig, save_model


@dataclass
class Config:
    """Every setting of a training run, with its default (the one place defaults live).

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used.
    """

    data: str = "idx:/usr/share/datasets/fashion-mnist"
    """'sklearn:digits', 'idx:<folder>' (MNIST-format), 'hf:<dataset id>' or a folder <root>/<class>/*.png"""
    image_size: int = 28
    """side in pixels images are resized to; 0: the data's own (digits 8, IDX 28), 64 for folders and hf"""
    channels: int = 0
    """1 (grey) or 3 (RGB); 0: as the data are (grey stays grey, colour is RGB)"""
    limit: int = 0
    """use at most this many examples, 0 for all (for quick runs and tests)"""
    val_fraction: float = 0.1
    """share held out to watch training (of the train split where the data set has a test split)"""
    test_fraction: float = 0.2
    """share held out for the final test, never trained on (unused where the data set has a test split)"""
    split_seed: int = 0
    """seed of the split: keep it fixed to compare runs on one test set"""
    seed: int = 0
    """seed of weights, batch order and augmentation"""
    widths: tuple[int, ...] = (32, 64, 128)
    """output channels of each conv stage (a 2x2 max-pool between stages)"""
    depths: tuple[int, ...] = (1, 1, 2)
    """conv-BN-ReLU blocks in each stage"""
    epochs: int = 60
    """passes over the training split"""
    batch_size: int = 64
    """examples per optimisation step"""
    optimizer: str = "adamw"
    """'adamw' (Loshchilov & Hutter, 2019) or 'sgd' (with Nesterov momentum)"""
    lr: float = 3e-3
    """peak learning rate of the one-cycle schedule"""
    momentum: float = 0.9
    """SGD's momentum (optimizer 'sgd' only)"""
    weight_decay: float = 1e-4
    """decoupled (AdamW) or L2 (SGD) weight decay"""
    label_smoothing: float = 0.1
    """spread this much target mass over all classes"""
    dropout: float = 0.3
    """dropout before the linear head"""
    augment: bool = True
    """distort training images on the fly (the fields below); off: train on the images as they are"""
    max_rotation: float = 0.0
    """affine augmentation: largest rotation, degrees (0 with the next two: no affine)"""
    max_shift: float = 0.0
    """affine augmentation: largest shift, pixels"""
    max_zoom: float = 0.0
    """affine augmentation: largest relative zoom in or out"""
    crop_padding: int = 2
    """random crop: pad by this many pixels and crop back at a random offset (0: none)"""
    hflip: str = "auto"
    """mirror images left-right at random: 'auto' (as the data allow: never digits), 'on' or 'off'"""
    channels_last: bool = True
    """keep batches and weights channels-last (NHWC), which CPU convolutions run faster on"""
    threads: int = 0
    """CPU threads torch computes with; 0: torch's default (one per core)"""
    workers: int = -1
    """processes decoding images ahead of training; -1: none for data in memory, 2 for files"""
    device: str = "auto"
    """'auto' (a GPU if present, else CPU), 'cpu' or 'cuda'"""
    model_dir: str = "models"
    """where the weights and model config go"""
    reports_dir: str = "reports"
    """where training.json goes"""
    track: bool = True
    """log the run to the experiment tracker (runs/, `make dashboard`); --no-track writes nothing there"""


@torch.no_grad()
def measure(model: torch.nn.Module, batches, device: torch.device,
            channels_last: bool = False) -> tuple[float, float]:
    """Mean cross-entropy and accuracy over a loader's batches, in eval mode."""
    model.eval()
    loss, correct, count = 0.0, 0, 0
    for levels, y in batches:
        logits, y = model(as_floats(levels, device, channels_last)), y.to(device)
        loss += F.cross_entropy(logits, y, reduction="sum").item()
        correct += (logits.argmax(1) == y).sum().item()
        count += len(y)
    return loss / count, correct / count


def train_one_epoch(model, batches, optimizer, scheduler, cfg: Config, flips: bool,
                    generator: torch.Generator, device: torch.device, tracker: Tracker, step: int) -> float:
    """One pass over the training batches (shuffled by the loader), `step` optimisation steps having
    been done before it; returns the mean training loss."""
    model.train()
    total, count = 0.0, 0
    for levels, yb in tqdm(batches, desc="batches", unit="batch", leave=False):
        xb = augment(as_floats(levels, device, False), cfg, flips, generator)  # (B, C, H, W) in [0, 1]
        if cfg.channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        yb = yb.to(device)
        # forward, backward, update
        loss = F.cross_entropy(model(xb), yb, label_smoothing=cfg.label_smoothing)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        step += 1  # the tracker's x-axis: optimisation steps done
        tracker.log({"train/loss": loss.item(), "train/lr": scheduler.get_last_lr()[0]}, step)
        scheduler.step()
        total, count = total + loss.item() * len(yb), count + len(yb)
    return total / count


def make_optimizer(model: torch.nn.Module, cfg: Config) -> torch.optim.Optimizer:
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    if cfg.optimizer == "sgd":
        return torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=cfg.momentum, nesterov=True,
                               weight_decay=cfg.weight_decay)
    raise ConfigError(f"optimizer: {cfg.optimizer!r}; use 'adamw' or 'sgd'")


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json."""
    seed_everything(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    data, parts = data_splits(cfg)
    flips = flips_allowed(cfg.hflip, data.flips)
    train_batches = loader(data, parts["train"], cfg.batch_size, shuffle=True, seed=cfg.seed,
                           workers=cfg.workers)
    val_batches = loader(data, parts["val"], 512, workers=cfg.workers)
    generator = torch.Generator().manual_seed(cfg.seed)  # the augmentation's own random numbers

    # The model, its optimiser and its learning-rate schedule.
    model_config = ModelConfig(num_classes=len(data.class_names), class_names=data.class_names,
                               image_size=data.image_size, preprocessing=data.preprocessing,
                               channels=data.channels, widths=cfg.widths, depths=cfg.depths,
                               dropout=cfg.dropout)
    model = ConvNet(model_config).to(device)
    if cfg.channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(model, cfg)
    # One-cycle: warm up then anneal; reaches a good minimum in few epochs (Smith, 2018).
    steps = cfg.epochs * len(train_batches)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=cfg.lr, total_steps=steps)

    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": []}
    tracker = Tracker(__package__, asdict(cfg), cfg.track)
    started, training_s = time.perf_counter(), 0.0  # the whole run; the optimisation loop alone
    bar = tqdm(range(cfg.epochs), desc="training", unit="epoch")
    for epoch in bar:
        epoch_started = time.perf_counter()
        train_loss = train_one_epoch(model, train_batches, optimizer, scheduler, cfg, flips, generator,
                                     device, tracker, step=epoch * len(train_batches))
        training_s += time.perf_counter() - epoch_started
        val_loss, val_accuracy = measure(model, val_batches, device, cfg.channels_last)
        for key, value in zip(history, (train_loss, val_loss, val_accuracy), strict=True):
            history[key].append(round(value, 6))
        tracker.log({"epoch": epoch + 1, "train/epoch_loss": train_loss, "val/loss": val_loss,
                     "val/accuracy": val_accuracy}, step=(epoch + 1) * len(train_batches))
        bar.set_postfix(loss=f"{train_loss:.3f}", val_loss=f"{val_loss:.3f}", val_acc=f"{val_accuracy:.3f}")
    duration = time.perf_counter() - started

    save_model(model.cpu(), model_config, Path(cfg.model_dir))
    record = {
        "config": asdict(cfg),
        "data": {"name": data.name, "checksum": data.checksum(), "channels": data.channels,
                 "image_size": data.image_size, "sizes": {part: len(idx) for part, idx in parts.items()}},
        "device": str(device),
        "hardware": hardware(device),
        "parameters": sum(p.numel() for p in model.parameters()),
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "train_examples_per_s": round(cfg.epochs * len(parts["train"]) / max(training_s, 1e-9), 2),
        "history": history,
        "tracking": tracker.finish(),  # the tracked run's name, which evaluation and metrics.json quote
    }
    write_json(Path(cfg.reports_dir) / "training.json", record)
    return record


def main(argv: list[str] | None = None) -> None:
    try:
        cfg = load_config(Config, argv, description=__doc__)
        record = train(cfg)
    except (ConfigError, DataError) as e:
        raise SystemExit(f"error: {e}") from None
    print(f"trained in {record['train_duration_s']:.1f} s; "
          f"validation accuracy {record['history']['val_accuracy'][-1]:.4f}")


if __name__ == "__main__":
    main()
