"""Fine-tune a pre-trained transformer on the train split, watching the validation split.

    python -m {{ cookiecutter.package_name }}.train [--config configs/quick.yaml] [--lora] [--epochs 1 ...]
    accelerate launch --multi_gpu --num_processes 2 -m {{ cookiecutter.package_name }}.train ...   # 2 GPUs
    torchrun --nproc_per_node 2 -m {{ cookiecutter.package_name }}.train ...   # 2 CPU processes

Writes models/ (model.safetensors, config.json, the tokenizer's files, model.onnx) and
reports/training.json (config, per-epoch curves, duration, throughput, data checksum); logs the run
(settings, per-step and per-epoch curves) to the experiment tracker (`make dashboard`). The same loop
runs on one device or several: accelerate (kit/distributed.py) wraps it.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from accelerate import PartialState
from torch.utils.data import DataLoader
from tqdm import tqdm
from transformers import get_linear_schedule_with_warmup

from .data import DataConfig, DataError, data_splits
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.distributed import make_accelerator, mean_over_processes, weights_in_sync
from .kit.precision import autocast_dtype, dtype_name
from .kit.reporting import write_json
from .kit.runtime import checksum, hardware, pick_device, seed_everything
from .kit.tracking import Tracker
from .model import ModelLoadError, add_lora, load_pretrained, save_model, trainable_parameters


@dataclass
class Config(DataConfig):
    """Every setting of a training run, with its default (the one place defaults live): the data
    settings of data.DataConfig first, then these.

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used.
    """

    seed: int = 0
    """seed of the new head's weights, dropout and batch order"""
    pretrained_model: str = {{ cookiecutter.pretrained_model | quoted }}
    """the encoder to fine-tune: a Hugging Face model id or a local save_pretrained folder"""
    max_length: int = 256
    """read at most this many tokens of a text (about 190 words); longer texts are cut"""
    epochs: int = 2
    """passes over the training split"""
    batch_size: int = 16
    """texts per optimisation step"""
    lr: float = 5e-5
    """AdamW's peak learning rate (LoRA trains well at about 10x more)"""
    weight_decay: float = 0.01
    """AdamW's decoupled weight decay"""
    warmup_fraction: float = 0.1
    """share of the steps over which the learning rate rises from 0, then falls linearly to 0"""
    lora: bool = False
    """train low-rank adapters (LoRA) of the attention layers instead of every weight"""
    lora_rank: int = 8
    """LoRA: rank of each update"""
    lora_alpha: float = 16.0
    """LoRA: scale of the updates (alpha / rank multiplies them)"""
    lora_dropout: float = 0.1
    """LoRA: dropout on the adapters' input"""
    precision: str = "auto"
    """'auto' (bf16 where the GPU or CPU has it natively, fp16 on an older GPU, else fp32), 'fp32',
    'bf16' or 'fp16'"""
    device: str = "auto"
    """'auto' (a GPU if present, else CPU), 'cpu' or 'cuda'"""
    onnx: bool = True
    """also export the model to ONNX (models/model.onnx) for serving"""
    model_dir: str = "models"
    """where the weights, tokenizer and model config go"""
    reports_dir: str = "reports"
    """where training.json goes"""
    track: bool = True
    """log the run to the experiment tracker (runs/, `make dashboard`); --no-track writes nothing there"""


def encode(tokenizer, texts: list[str], max_length: int, device: torch.device) -> dict[str, torch.Tensor]:
    """Token ids and attention masks of a batch, cut at `max_length` and padded to its longest text."""
    batch = tokenizer(texts, truncation=True, max_length=max_length, padding=True, return_tensors="pt")
    return {name: batch[name].to(device) for name in ("input_ids", "attention_mask")}


@torch.no_grad()
def measure(model, tokenizer, texts: list[str], y: torch.Tensor, cfg: Config,
            batch_size: int = 64) -> tuple[float, float]:
    """Mean cross-entropy and accuracy on `texts`, in eval mode."""
    model.eval()
    logits = []
    for i in range(0, len(texts), batch_size):
        batch = encode(tokenizer, texts[i: i + batch_size], cfg.max_length, y.device)
        logits.append(model(**batch).logits)
    logits = torch.cat(logits).float()
    return F.cross_entropy(logits, y).item(), (logits.argmax(1) == y).float().mean().item()


def train_one_epoch(model, tokenizer, texts: list[str], y: torch.Tensor, batches, optimizer, scheduler,
                    accelerator, cfg: Config, bar: tqdm, tracker: Tracker, step: int) -> float:
    """One pass over `batches` (shuffled row numbers of `texts`; each process gets its share of every
    batch), `step` optimisation steps having been done before it; returns the mean training loss."""
    model.train()
    total, count = 0.0, 0
    for rows in batches:
        batch = encode(tokenizer, [texts[i] for i in rows.tolist()], cfg.max_length, accelerator.device)
        # forward (in mixed precision when asked), backward (gradients averaged over processes), clip, update
        loss = F.cross_entropy(model(**batch).logits.float(), y[rows])
        optimizer.zero_grad(set_to_none=True)
        accelerator.backward(loss)  # fp16 scales the loss so small gradients do not underflow
        accelerator.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1  # the tracker's x-axis: optimisation steps done
        tracker.log({"train/loss": loss.item(), "train/lr": scheduler.get_last_lr()[0]}, step)
        scheduler.step()
        total, count = total + loss.item() * len(rows), count + len(rows)
        bar.update(len(rows) * accelerator.num_processes)
        bar.set_postfix(loss=f"{loss.item():.3f}")
    return mean_over_processes(accelerator, total, count)


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json (the main process writes it)."""
    seed_everything(cfg.seed)
    wanted = pick_device(cfg.device)
    dtype = autocast_dtype(cfg.precision, wanted)
    accelerator = make_accelerator(wanted, dtype, cfg.batch_size)
    device = accelerator.device  # this process's own (cuda:1 for the second of two GPUs)
    data, parts = data_splits(cfg)
    model, tokenizer, new_modules = load_pretrained(cfg.pretrained_model, data.class_names)
    tokenizer.model_max_length = cfg.max_length  # saved with the tokenizer: the demo reads as far
    if cfg.lora:
        model = add_lora(model, new_modules, cfg.lora_rank, cfg.lora_alpha, cfg.lora_dropout)
    trained_count, all_count = trainable_parameters(model)

    train_texts = [data.texts[i] for i in parts["train"]]
    val_texts = [data.texts[i] for i in parts["val"]]
    y_train = torch.from_numpy(data.labels[parts["train"]]).to(device)
    y_val = torch.from_numpy(data.labels[parts["val"]]).to(device)
    # Batches of row numbers, shuffled by the seed; the texts are tokenised batch by batch.
    batches = DataLoader(torch.arange(len(train_texts)), batch_size=cfg.batch_size, shuffle=True,
                         generator=torch.Generator().manual_seed(cfg.seed))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.lr,
                                  weight_decay=cfg.weight_decay)
    steps = cfg.epochs * len(batches)
    scheduler = get_linear_schedule_with_warmup(optimizer, round(cfg.warmup_fraction * steps), steps)
    # accelerate: the model on this process's device, each batch split between the processes
    model, optimizer, batches, scheduler = accelerator.prepare(model, optimizer, batches, scheduler)

    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": []}
    tracker = Tracker(__package__, asdict(cfg), cfg.track and accelerator.is_main_process)
    started, training_s = time.perf_counter(), 0.0
    bar = tqdm(total=cfg.epochs * len(train_texts), desc="fine-tuning", unit="text",
               disable=not accelerator.is_main_process)
    for epoch in range(cfg.epochs):
        epoch_started = time.perf_counter()
        train_loss = train_one_epoch(model, tokenizer, train_texts, y_train, batches, optimizer, scheduler,
                                     accelerator, cfg, bar, tracker, epoch * len(batches))
        training_s += time.perf_counter() - epoch_started
        # every process measures the whole validation split, with the same weights: the same numbers
        with accelerator.autocast():
            val_loss, val_accuracy = measure(accelerator.unwrap_model(model), tokenizer, val_texts, y_val,
                                             cfg)
        for key, value in zip(history, (train_loss, val_loss, val_accuracy), strict=True):
            history[key].append(round(value, 6))
        tracker.log({"epoch": epoch + 1, "train/epoch_loss": train_loss, "val/loss": val_loss,
                     "val/accuracy": val_accuracy}, step=(epoch + 1) * len(batches))
        if accelerator.is_main_process:
            bar.write(f"epoch {epoch + 1}: loss {train_loss:.3f}, val_loss {val_loss:.3f}, "
                      f"val_acc {val_accuracy:.3f}")
    bar.close()
    duration = time.perf_counter() - started
    in_sync = weights_in_sync(accelerator, model)

    record = {
        "config": asdict(cfg),
        "data": {"name": data.name, "checksum": checksum(data.texts, data.labels),
                 "removed_duplicates": data.removed_duplicates,
                 "sizes": {part: len(idx) for part, idx in parts.items()}},
        "device": str(device),
        "hardware": hardware(device),
        "precision": dtype_name(dtype),
        "processes": {"count": accelerator.num_processes, "weights_in_sync": in_sync},
        "parameters": {"trained": trained_count, "total": all_count},
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "train_examples_per_s": round(cfg.epochs * len(train_texts) / max(training_s, 1e-9), 2),
        "history": history,
        "tracking": tracker.finish(),  # the tracked run's name, which evaluation and metrics.json quote
    }
    if accelerator.is_main_process:
        # without accelerate's mixed-precision wrapper: the saved model and its ONNX export compute in fp32
        trained = accelerator.unwrap_model(model, keep_fp32_wrapper=False).cpu()
        save_model(trained, tokenizer, Path(cfg.model_dir), onnx=cfg.onnx)
        write_json(Path(cfg.reports_dir) / "training.json", record)
    accelerator.wait_for_everyone()  # no process leaves before the files are written
    return record


def main(argv: list[str] | None = None) -> None:
    try:
        cfg = load_config(Config, argv, description=__doc__)
        record = train(cfg)
    except (ConfigError, DataError, ModelLoadError) as e:
        raise SystemExit(f"error: {e}") from None
    if PartialState().is_main_process:  # one line, not one per process
        print(f"trained in {record['train_duration_s']:.1f} s "
              f"({record['train_examples_per_s']:.1f} texts/s); "
              f"validation accuracy {record['history']['val_accuracy'][-1]:.4f}")


if __name__ == "__main__":
    main()
