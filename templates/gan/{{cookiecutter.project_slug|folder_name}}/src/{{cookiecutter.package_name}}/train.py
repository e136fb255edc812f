"""Train the conditional GAN on the train split and save the averaged (EMA) generator.

    python -m {{ cookiecutter.package_name }}.train [--config configs/quick.yaml] [--epochs 10 ...]

Writes models/generator.safetensors + models/config.json + models/generator.onnx (for the demo),
reports/training.json (config, per-epoch curves, duration, data checksum) and
reports/progress.npz (the fixed latents' images through training) for the evaluation step; logs
the run (settings, per-step and per-epoch curves) to the experiment tracker (`make dashboard`).
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm import tqdm

from .data import DataError, as_floats, data_splits, loader
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.reporting import write_json
from .kit.runtime import hardware, pick_device, seed_everything
from .kit.tracking import Tracker
from .model import Discriminator, Generator, ModelConfig, save_generator, stages

PROGRESS_FILE = "progress.npz"  # in reports/: the fixed latents' images, epoch by epoch
WATCHED = 500  # real images the discriminator's scores are watched on, seen and unseen


@dataclass
class Config:
    """Every setting of a training run, with its default (the one place defaults live).

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used.
    """

    data: str = {{ {"digits": "sklearn:digits", "fashion-mnist": "idx:/usr/share/datasets/fashion-mnist", "image-folder": "data/images"}[cookiecutter.dataset] | quoted }}
    """'sklearn:digits', 'idx:<folder>' (MNIST-format), 'hf:<dataset id>' or a folder <root>/<class>/*.png"""
    image_size: int = {{ 64 if cookiecutter.dataset == "image-folder" else 0 }}
    """side in pixels images are resized to, even and at least 8; 0: the data's own (digits 8, IDX 28)"""
    channels: int = 0
    """1 (grey) or 3 (RGB); 0: as the data are (grey stays grey, colour is RGB)"""
    limit: int = 0
    """use at most this many examples, 0 for all (for quick runs and tests)"""
    val_fraction: float = 0.1
    """share held out to watch the discriminator overfit (its score on real images it never saw)"""
    test_fraction: float = 0.2
    """share held out for evaluation (the real images generated ones are compared with)"""
    split_seed: int = 0
    """seed of the split: keep it fixed to compare runs on one test set"""
    seed: int = 0
    """seed of weights, noise and batch order"""
    epochs: int = 80
    """passes over the training split"""
    batch_size: int = 64
    """real (and generated) images per optimisation step"""
    lr: float = 2e-4
    """Adam's learning rate, for both networks"""
    beta1: float = 0.0
    """Adam's first-moment decay; 0 (no momentum) is the usual choice for GANs with spectral norm"""
    beta2: float = 0.9
    """Adam's second-moment decay"""
    latent_dim: int = 64
    """size of the noise vector z the generator starts from"""
    label_dim: int = 10
    """size of the class embedding beside z (small, so the noise still matters)"""
    width: int = 32
    """the generator's channels at full size (doubled per halving of the side, at most 8x)"""
    disc_width: int = 32
    """the discriminator's channels at full size: it runs three times per step, so it costs the most"""
    ema_decay: float = 0.999
    """the saved generator is an exponential moving average of the trained one's weights"""
    threads: int = 0
    """CPU threads torch computes with; 0: torch's default (one per core)"""
    device: str = "auto"
    """'auto' (a GPU if present, else CPU), 'cpu' or 'cuda'"""
    model_dir: str = "models"
    """where the weights and model config go"""
    reports_dir: str = "reports"
    """where training.json and progress.npz go"""
    track: bool = True
    """log the run to the experiment tracker (runs/, `make dashboard`); --no-track writes nothing there"""


def discriminator_loss(real_scores: torch.Tensor, fake_scores: torch.Tensor) -> torch.Tensor:
    """Hinge loss (Lim & Ye, 2017): push real scores above +1 and fake ones below -1; pairs
    already beyond the margin cost nothing, so the discriminator does not grow overconfident."""
    return F.relu(1 - real_scores).mean() + F.relu(1 + fake_scores).mean()


def generator_loss(fake_scores: torch.Tensor) -> torch.Tensor:
    """The generator raises the discriminator's score of its images (the hinge GAN's G loss)."""
    return -fake_scores.mean()


def ema_decay_at(step: int, decay: float) -> float:
    """The decay for update number `step` (from 0): low at first, so the average forgets the random
    initial weights quickly (0.999 from the start would still hold 20% of them after 1,600 steps),
    then `decay`."""
    return min(decay, (1 + step) / (10 + step))


@torch.no_grad()
def update_ema(ema: torch.nn.Module, model: torch.nn.Module, decay: float) -> None:
    """ema <- decay * ema + (1 - decay) * model, weight by weight. The average of the generator
    along its path is smoother and better than its last step (Yazici et al., 2019). Batch-norm
    statistics are copied, not averaged: they fit the trained weights, not the average, until
    `recompute_batch_norm` measures the average's own at the end."""
    for averaged, current in zip(ema.parameters(), model.parameters(), strict=True):
        averaged.lerp_(current, 1 - decay)
    for averaged, current in zip(ema.buffers(), model.buffers(), strict=True):
        averaged.copy_(current)


@torch.no_grad()
def recompute_batch_norm(generator: torch.nn.Module, labels: torch.Tensor, latent_dim: int,
                         batches: int = 100, batch_size: int = 256, seed: int = 0) -> None:
    """Replace the generator's batch-norm running statistics by those of its own weights, measured
    over `batches` batches of noise and of class labels drawn from `labels` (the training ones),
    each batch counting equally ("standing statistics", Brock et al., 2019). The EMA generator's
    copied statistics belong to the trained weights; on Fashion-MNIST its own lowered the FCD by
    a sixth (4.07 to 3.38 on the same weights)."""
    norms = [m for m in generator.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    momenta = [norm.momentum for norm in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # a plain average over the batches below
    noise = torch.Generator(device=labels.device).manual_seed(seed)
    generator.train()
    for _ in range(batches):
        picked = labels[torch.randint(len(labels), (batch_size,), generator=noise, device=labels.device)]
        generator(torch.randn(batch_size, latent_dim, generator=noise, device=labels.device), picked)
    for norm, momentum in zip(norms, momenta, strict=True):
        norm.momentum = momentum  # as they were, for any further training
    generator.eval()


def fixed_latents(config: ModelConfig, per_class: int, seed: int = 1234) -> tuple[torch.Tensor, torch.Tensor]:
    """The same noise and labels every epoch, so the progress animation shows one sample change."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(config.num_classes).repeat_interleave(per_class)
    return torch.randn(len(labels), config.latent_dim, generator=generator), labels


def train_one_epoch(generator, discriminator, ema, optimizers, batches, cfg: Config,
                    step: int, device: torch.device, tracker: Tracker) -> dict[str, float]:
    """One pass over the real images in shuffled mini-batches: for each batch, one discriminator
    step on real and generated images, then one generator step. `step` counts the batches of
    earlier epochs. Returns the epoch's mean losses."""
    g_opt, d_opt = optimizers
    sums, seen = {"d_loss": 0.0, "g_loss": 0.0}, 0
    for levels, labels in batches:
        real, labels = as_floats(levels, device), labels.to(device)  # (B, C, H, W) in [0, 1]
        z = torch.randn(len(labels), cfg.latent_dim, device=device)
        fake = generator(z, labels)  # the generator draws the same classes as the real batch

        # discriminator: real pairs up, generated pairs down (fake detached: G is not updated here)
        d_loss = discriminator_loss(discriminator(real, labels), discriminator(fake.detach(), labels))
        d_opt.zero_grad(set_to_none=True)
        d_loss.backward()
        d_opt.step()

        # generator: make the discriminator score its images as real
        g_loss = generator_loss(discriminator(fake, labels))
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        update_ema(ema, generator, ema_decay_at(step, cfg.ema_decay))
        step += 1  # the tracker's x-axis: batches done
        tracker.log({"train/d_loss": d_loss.item(), "train/g_loss": g_loss.item()}, step)

        sums["d_loss"] += d_loss.item() * len(labels)
        sums["g_loss"] += g_loss.item() * len(labels)
        seen += len(labels)
    return {key: total / seen for key, total in sums.items()}


@torch.no_grad()
def mean_score(discriminator, x, y) -> float:
    """The discriminator's mean score on (x, y): real training images, unseen real ones, or fakes."""
    return discriminator(x, y).mean().item()


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json."""
    if cfg.image_size and (cfg.image_size < 8 or stages(cfg.image_size) == 0):
        raise ConfigError(f"image_size: {cfg.image_size}; use an even side of at least 8 (the generator "
                          "doubles a small map to it), or 0 for the data's own")
    seed_everything(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    data, parts = data_splits(cfg)
    if stages(data.image_size) == 0:
        raise ConfigError(f"{cfg.data}: images are {data.image_size} px; set image_size to an even side "
                          "of at least 8")
    batches = loader(data, parts["train"], cfg.batch_size, shuffle=True, seed=cfg.seed)
    # A few hundred images each to watch the discriminator: training ones, and unseen ones.
    watch = min(WATCHED, len(parts["val"]))
    x_seen, y_seen = (torch.from_numpy(a).to(device) for a in (data.floats(parts["train"][:watch]),
                                                              data.labels[parts["train"][:watch]]))
    x_val, y_val = (torch.from_numpy(a).to(device) for a in (data.floats(parts["val"][:watch]),
                                                            data.labels[parts["val"][:watch]]))

    config = ModelConfig(class_names=data.class_names, image_size=data.image_size, channels=data.channels,
                         latent_dim=cfg.latent_dim, label_dim=cfg.label_dim, width=cfg.width,
                         disc_width=cfg.disc_width)
    generator, discriminator = Generator(config).to(device), Discriminator(config).to(device)
    ema = copy.deepcopy(generator).eval().requires_grad_(False)
    optimizers = tuple(torch.optim.Adam(net.parameters(), lr=cfg.lr, betas=(cfg.beta1, cfg.beta2))
                       for net in (generator, discriminator))
    z_fixed, labels_fixed = (t.to(device) for t in fixed_latents(config, per_class=4))

    history: dict[str, list[float]] = {key: [] for key in
                                       ("d_loss", "g_loss", "d_real", "d_real_unseen", "d_fake")}
    snapshots = []
    tracker = Tracker(__package__, asdict(cfg), cfg.track)
    started = time.perf_counter()
    bar = tqdm(range(cfg.epochs), desc="training", unit="epoch")
    for epoch in bar:
        losses = train_one_epoch(generator, discriminator, ema, optimizers, batches, cfg,
                                 step=epoch * len(batches), device=device, tracker=tracker)
        z = torch.randn(len(x_val), cfg.latent_dim, device=device)
        scores = {"d_real": mean_score(discriminator, x_seen, y_seen),
                  "d_real_unseen": mean_score(discriminator, x_val, y_val),
                  "d_fake": mean_score(discriminator, ema(z, y_val), y_val)}
        for key, value in {**losses, **scores}.items():
            history[key].append(round(value, 6))
        per_epoch = {f"epoch/{key}": value for key, value in {**losses, **scores}.items()}
        tracker.log({"epoch": epoch + 1, **per_epoch}, step=(epoch + 1) * len(batches))
        with torch.no_grad():
            snapshots.append(ema(z_fixed, labels_fixed).cpu().numpy())
        bar.set_postfix(d_loss=f"{losses['d_loss']:.3f}", g_loss=f"{losses['g_loss']:.3f}")
    recompute_batch_norm(ema, torch.from_numpy(data.labels[parts["train"]]).to(device), cfg.latent_dim)
    duration = time.perf_counter() - started

    save_generator(ema.cpu(), config, Path(cfg.model_dir))
    progress = np.round(np.stack(snapshots) * 255).astype(np.uint8)  # (epochs, K, C, H, W)
    Path(cfg.reports_dir).mkdir(parents=True, exist_ok=True)
    np.savez_compressed(Path(cfg.reports_dir) / PROGRESS_FILE, images=progress,
                        labels=labels_fixed.cpu().numpy())
    record = {
        "config": asdict(cfg),
        "data": {"name": data.name, "checksum": data.checksum(),
                 "sizes": {part: len(idx) for part, idx in parts.items()}},
        "device": str(device),
        "hardware": hardware(device),
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "steps": cfg.epochs * len(batches),
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
    print(f"trained {record['steps']} steps in {record['train_duration_s']:.1f} s")


if __name__ == "__main__":
    main()
