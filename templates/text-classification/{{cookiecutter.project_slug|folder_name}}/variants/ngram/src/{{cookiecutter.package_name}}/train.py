"""Train the bag-of-n-grams classifier on the train split, watching the validation split.

    python -m {{ cookiecutter.package_name }}.train [--config configs/imdb-csv.yaml] [--epochs 2 ...]

Writes models/ (model.safetensors, config.json, vocabulary.txt.gz, model.onnx) and
reports/training.json (config, per-epoch curves, duration, data checksum); logs the run (settings,
per-step and per-epoch curves) to the experiment tracker (`make dashboard`).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from scipy import sparse
from tqdm import tqdm

from .data import DataConfig, DataError, data_splits
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.reporting import write_json
from .kit.runtime import checksum, hardware, pick_device, seed_everything
from .kit.tracking import Tracker
from .model import ModelConfig, NgramBag, bags, nb_log_count_ratios, save_model
from .tokenizer import NgramVocabulary


@dataclass
class Config(DataConfig):
    """Every setting of a training run, with its default (the one place defaults live): the data
    settings of data.DataConfig first, then these.

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used.
    """

    seed: int = 0
    """seed of the batch order"""
    max_n: int = 3
    """longest n-gram, in tokens (1: words only)"""
    vocab_size: int = 150_000
    """keep this many of the most frequent n-grams"""
    min_df: int = 2
    """ignore n-grams found in fewer texts than this"""
    epochs: int = 4
    """passes over the training split"""
    batch_size: int = 256
    """texts per optimisation step"""
    lr: float = 0.02
    """Adam's learning rate"""
    weight_decay: float = 0.0
    """L2 penalty on the n-gram weights"""
    device: str = "auto"
    """'auto' (a GPU if present, else CPU), 'cpu' or 'cuda'"""
    model_dir: str = "models"
    """where the weights, vocabulary and model config go"""
    reports_dir: str = "reports"
    """where training.json goes"""
    track: bool = True
    """log the run to the experiment tracker (runs/, `make dashboard`); --no-track writes nothing there"""


@torch.no_grad()
def measure(model: NgramBag, matrix: sparse.csr_matrix, y: torch.Tensor,
            batch_size: int = 4096) -> tuple[float, float]:
    """Mean cross-entropy and accuracy on a (texts, n-grams) matrix, in eval mode."""
    model.eval()
    device = y.device
    logits = torch.cat([model(*bags(matrix[i: i + batch_size], device))
                        for i in range(0, matrix.shape[0], batch_size)])
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


def train_one_epoch(model: NgramBag, matrix: sparse.csr_matrix, y: torch.Tensor,
                    optimizer: torch.optim.Optimizer, cfg: Config, tracker: Tracker, step: int) -> float:
    """One pass in shuffled mini-batches, `step` optimisation steps having been done before it;
    returns the mean training loss."""
    model.train()
    order = torch.randperm(matrix.shape[0]).numpy()
    total = 0.0
    for start in range(0, len(order), cfg.batch_size):
        rows = order[start: start + cfg.batch_size]
        # forward, backward, update
        loss = F.cross_entropy(model(*bags(matrix[rows], y.device)), y[rows])
        if cfg.weight_decay:
            loss = loss + cfg.weight_decay * model.weight.pow(2).sum()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        step += 1  # the tracker's x-axis: optimisation steps done
        tracker.log({"train/loss": loss.item()}, step)
        total += loss.item() * len(rows)
    return total / len(order)


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json."""
    seed_everything(cfg.seed)
    device = pick_device(cfg.device)
    data, parts = data_splits(cfg)
    texts, labels = data.texts, data.labels
    started = time.perf_counter()

    # The vocabulary and the NB ratios come from the training texts only.
    train_texts = tqdm([texts[i] for i in parts["train"]], desc="n-grams", unit="text")
    vocabulary, x_train = NgramVocabulary.fit(train_texts, cfg.max_n, cfg.vocab_size, cfg.min_df)
    x_val = vocabulary.encode(texts[i] for i in parts["val"])
    y_train = torch.from_numpy(labels[parts["train"]]).to(device)
    y_val = torch.from_numpy(labels[parts["val"]]).to(device)
    ratios = nb_log_count_ratios(x_train, labels[parts["train"]], len(data.class_names))
    model = NgramBag(torch.from_numpy(ratios)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)

    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": []}
    tracker = Tracker(__package__, asdict(cfg), cfg.track)
    steps_per_epoch = -(-x_train.shape[0] // cfg.batch_size)  # ceiling division
    training_s = 0.0  # the optimisation loop alone, for the throughput
    bar = tqdm(range(cfg.epochs), desc="training", unit="epoch")
    for epoch in bar:
        epoch_started = time.perf_counter()
        train_loss = train_one_epoch(model, x_train, y_train, optimizer, cfg, tracker,
                                     step=epoch * steps_per_epoch)
        training_s += time.perf_counter() - epoch_started
        val_loss, val_accuracy = measure(model, x_val, y_val)
        for key, value in zip(history, (train_loss, val_loss, val_accuracy), strict=True):
            history[key].append(round(value, 6))
        tracker.log({"epoch": epoch + 1, "train/epoch_loss": train_loss, "val/loss": val_loss,
                     "val/accuracy": val_accuracy}, step=(epoch + 1) * steps_per_epoch)
        bar.set_postfix(loss=f"{train_loss:.3f}", val_loss=f"{val_loss:.3f}", val_acc=f"{val_accuracy:.3f}")
    duration = time.perf_counter() - started

    model_config = ModelConfig(class_names=data.class_names, vocab_size=len(vocabulary), max_n=cfg.max_n)
    save_model(model.cpu(), model_config, vocabulary, Path(cfg.model_dir))
    record = {
        "config": asdict(cfg),
        "data": {"name": data.name, "checksum": checksum(texts, labels),
                 "removed_duplicates": data.removed_duplicates,
                 "sizes": {part: len(idx) for part, idx in parts.items()}},
        "device": str(device),
        "hardware": hardware(device),
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "train_examples_per_s": round(cfg.epochs * x_train.shape[0] / max(training_s, 1e-9), 2),
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
