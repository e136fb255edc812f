"""Fine-tune the pre-trained backbone on the train split, watching the validation split, and save the weights.

    python -m {{ cookiecutter.package_name }}.train [--config configs/quick.yaml] [--epochs 5 ...]

Writes models/model.safetensors + models/config.json + models/model.onnx (for the demo),
and reports/training.json (config, per-epoch curves, duration, data checksum) for the evaluation step.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from tqdm import tqdm

from .data import DataError, data_splits
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.precision import autocast_dtype, dtype_name
from .kit.reporting import write_json
from .kit.runtime import checksum, hardware, pick_device, seed_everything
from .model import ModelLoadError, check_exportable, load_pretrained, parameter_groups, save_model


@dataclass
class Config:
    """Every setting of a training run, with its default (the one place defaults live).

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used.
    """

    data: str = "sklearn:digits"
    """'sklearn:digits', 'hf:<dataset id>' or a folder <root>/<class>/*.png"""
    image_size: int = 8
    """side in pixels that folder/hf images are resized to (digits are 8)"""
    limit: int = 0
    """use at most this many examples, 0 for all (for quick runs and tests)"""
    val_fraction: float = 0.1
    """share of the data held out to watch training"""
    test_fraction: float = 0.2
    """share held out for the final test, never trained on"""
    split_seed: int = 0
    """seed of the split: keep it fixed to compare runs on one test set"""
    seed: int = 0
    """seed of weights, batch order and augmentation"""
    pretrained_model: str = {{ cookiecutter.pretrained_model | quoted }}
    """the backbone to fine-tune: a Hugging Face model id or a local save_pretrained folder"""
    backbone_size: int = 64
    """side in pixels the backbone sees (images are resized inside the network); 224 as pre-trained"""
    epochs: int = 8
    """passes over the training split"""
    batch_size: int = 64
    """examples per optimisation step"""
    lr: float = 3e-3
    """peak learning rate of the new head (one-cycle schedule)"""
    backbone_lr: float = 3e-4
    """peak learning rate of the pre-trained layers: smaller, to adapt their features, not erase them"""
    precision: str = "auto"
    """'auto' (bf16 or fp16 mixed precision on a GPU, fp32 on a CPU), 'fp32', 'bf16' or 'fp16'"""
    weight_decay: float = 1e-4
    """AdamW's decoupled weight decay"""
    label_smoothing: float = 0.1
    """spread this much target mass over all classes"""
    augment: bool = True
    """random small rotations, shifts and zooms of training images"""
    max_rotation: float = 12.0
    """augmentation: largest rotation, degrees"""
    max_shift: float = 1.0
    """augmentation: largest shift, pixels"""
    max_zoom: float = 0.1
    """augmentation: largest relative zoom in or out"""
    device: str = "auto"
    """'auto' (a GPU if present, else CPU), 'cpu' or 'cuda'"""
    model_dir: str = "models"
    """where the weights and model config go"""
    reports_dir: str = "reports"
    """where training.json goes"""


def random_affine(x: torch.Tensor, max_rotation: float, max_shift: float, max_zoom: float,
                  generator: torch.Generator | None = None) -> torch.Tensor:
    """Rotate, shift and zoom each image of (B, C, H, W) by a small random amount.

    Handwriting varies in slant, position and size; showing the network such
    variants teaches it to ignore them (LeCun et al., 1998, section on distortions).
    """
    b, _, h, w = x.shape
    def uniform(*shape):  # U(-1, 1)
        return torch.rand(*shape, generator=generator, device=x.device) * 2 - 1
    angle = uniform(b) * math.radians(max_rotation)
    zoom = 1 + uniform(b) * max_zoom
    shift = uniform(b, 2) * max_shift * 2 / torch.tensor([w, h], device=x.device)  # px -> [-1, 1] units
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1),
                         torch.stack([sin, cos, shift[:, 1]], 1)], 1)  # (B, 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, align_corners=False, padding_mode="zeros")


@torch.no_grad()
def measure(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor,
            batch_size: int = 512) -> tuple[float, float]:
    """Mean cross-entropy and accuracy on (x, y), in eval mode."""
    model.eval()
    logits = torch.cat([model(x[i: i + batch_size]) for i in range(0, len(x), batch_size)])
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


def train_one_epoch(model, x, y, optimizer, scheduler, cfg: Config, dtype=None, scaler=None) -> float:
    """One pass over (x, y) in shuffled mini-batches; returns the mean training loss."""
    model.train()
    order = torch.randperm(len(x), device=x.device)
    total = 0.0
    for start in range(0, len(x), cfg.batch_size):
        batch = order[start: start + cfg.batch_size]
        xb, yb = x[batch], y[batch]
        if cfg.augment:
            xb = random_affine(xb, cfg.max_rotation, cfg.max_shift, cfg.max_zoom)
        # forward (in mixed precision when asked), backward, update
        with torch.autocast(x.device.type, dtype=dtype, enabled=dtype is not None):
            loss = F.cross_entropy(model(xb).float(), yb, label_smoothing=cfg.label_smoothing)
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()  # fp16 scales the loss so small gradients do not underflow
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
        total += loss.item() * len(batch)
    return total / len(x)


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json."""
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    data, parts = data_splits(cfg)
    x = torch.from_numpy(data.images).to(device)  # (N, 1, H, W)
    y = torch.from_numpy(data.labels).to(device)  # (N,)
    x_train, y_train = x[parts["train"]], y[parts["train"]]
    x_val, y_val = x[parts["val"]], y[parts["val"]]

    # The model, its optimiser and its learning-rate schedule.
    model, model_config, new = load_pretrained(cfg.pretrained_model, data.class_names, data.images.shape[-1],
                                               data.preprocessing, cfg.backbone_size)
    check_exportable(model, model_config)  # before the hours of training, not after
    model.to(device)
    optimizer = torch.optim.AdamW(parameter_groups(model, new, cfg.lr, cfg.backbone_lr),
                                  weight_decay=cfg.weight_decay)
    dtype = autocast_dtype(cfg.precision, device)
    scaler = torch.amp.GradScaler(device.type, enabled=dtype == torch.float16)
    # One-cycle: warm up then anneal, each group from its own peak (Smith, 2018).
    steps = cfg.epochs * math.ceil(len(x_train) / cfg.batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=[cfg.lr, cfg.backbone_lr],
                                                    total_steps=steps)

    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": []}
    started, training_s = time.perf_counter(), 0.0  # the whole run; the optimisation loop alone
    bar = tqdm(range(cfg.epochs), desc="fine-tuning", unit="epoch")
    for _ in bar:
        epoch_started = time.perf_counter()
        train_loss = train_one_epoch(model, x_train, y_train, optimizer, scheduler, cfg, dtype, scaler)
        training_s += time.perf_counter() - epoch_started
        val_loss, val_accuracy = measure(model, x_val, y_val)
        for key, value in zip(history, (train_loss, val_loss, val_accuracy), strict=True):
            history[key].append(round(value, 6))
        bar.set_postfix(loss=f"{train_loss:.3f}", val_loss=f"{val_loss:.3f}", val_acc=f"{val_accuracy:.3f}")
    duration = time.perf_counter() - started

    save_model(model.cpu(), model_config, Path(cfg.model_dir))
    record = {
        "config": asdict(cfg),
        "data": {"name": data.name, "checksum": checksum(data.images, data.labels),
                 "sizes": {part: len(idx) for part, idx in parts.items()}},
        "device": str(device),
        "hardware": hardware(device),
        "precision": dtype_name(dtype),
        "parameters": sum(p.numel() for p in model.parameters()),
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "train_examples_per_s": round(cfg.epochs * len(x_train) / max(training_s, 1e-9), 2),
        "history": history,
    }
    write_json(Path(cfg.reports_dir) / "training.json", record)
    return record


def main(argv: list[str] | None = None) -> None:
    try:
        cfg = load_config(Config, argv, description=__doc__)
        record = train(cfg)
    except (ConfigError, DataError, ModelLoadError) as e:
        raise SystemExit(f"error: {e}") from None
    print(f"trained in {record['train_duration_s']:.1f} s; "
          f"validation accuracy {record['history']['val_accuracy'][-1]:.4f}")


if __name__ == "__main__":
    main()
