"""The model: a pre-trained transformer encoder with a new classification head, fine-tuned.

A transformer encoder (BERT, Devlin et al. 2019; DistilBERT, Sanh et al. 2019, is the default) has
read billions of words to learn what words mean in context. `AutoModelForSequenceClassification`
puts a new, randomly initialised head on the encoder's summary of the text (the [CLS] position);
fine-tuning then trains head and encoder together for a few epochs at a small learning rate, so the
pre-trained knowledge is adapted rather than overwritten. That is transfer learning.

LoRA (Hu et al. 2022, through `peft`) is the cheaper variant: the encoder's weights stay frozen and
small low-rank updates of its linear layers are learned instead, with the new head trained in full.
Before saving, the updates are merged into the weights, so the saved model is an ordinary one.

Everything is saved by `save_pretrained` (safetensors, no pickle): `config.json` holds the class
names as `id2label`, the tokenizer's files sit beside the weights, and `model.onnx` is the same
network as an ONNX graph for serving without PyTorch.
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path

import torch
from torch import nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer, PreTrainedTokenizerBase

from .kit.hub import ModelLoadError, cannot_load

__all__ = ["ModelLoadError"]  # raised by load_pretrained; train.py catches it from here

WEIGHTS = "model.safetensors"
ONNX_MODEL = "model.onnx"  # the fine-tuned network as an ONNX graph: token ids in, logits out
Tokenizer = PreTrainedTokenizerBase


def load_pretrained(name: str, class_names: list[str]) -> tuple[nn.Module, Tokenizer, list[str]]:
    """The encoder `name` (a Hub id or a local folder) with a new head for `class_names`, its
    tokenizer, and the names of the modules the checkpoint did not have (the new head)."""
    try:
        tokenizer = AutoTokenizer.from_pretrained(name)
        model, info = AutoModelForSequenceClassification.from_pretrained(
            name, num_labels=len(class_names), id2label=dict(enumerate(class_names)),
            label2id={label: i for i, label in enumerate(class_names)},
            ignore_mismatched_sizes=True,  # a checkpoint's own head, if any, has other classes
            output_loading_info=True)
    except (OSError, ValueError) as e:
        raise cannot_load(name, e) from None
    keys = [*info["missing_keys"], *(k if isinstance(k, str) else k[0] for k in info["mismatched_keys"])]
    return model, tokenizer, sorted({key.rsplit(".", 1)[0] for key in keys})


def add_lora(model: nn.Module, new_modules: list[str], rank: int, alpha: float, dropout: float) -> nn.Module:
    """Freeze `model` and train low-rank updates of its linear layers, plus the new head in full.

    `all-linear` (as QLoRA, Dettmers et al. 2023, does) adapts every linear layer of the encoder,
    attention and feed-forward, whatever each architecture calls them; `modules_to_save` trains the
    modules the checkpoint did not have (the new head) in full.
    """
    from peft import LoraConfig, get_peft_model  # only LoRA runs need peft

    config = LoraConfig(task_type="SEQ_CLS", r=rank, lora_alpha=alpha, lora_dropout=dropout,
                        target_modules="all-linear",
                        modules_to_save=[name.rsplit(".", 1)[-1] for name in new_modules])
    return get_peft_model(model, config)


def trainable_parameters(model: nn.Module) -> tuple[int, int]:
    """(trained, all) parameter counts."""
    counts = [(p.numel(), p.requires_grad) for p in model.parameters()]
    return sum(n for n, trained in counts if trained), sum(n for n, _ in counts)


def class_names_of(model: nn.Module) -> list[str]:
    """The class names, in output order, from the model's config."""
    id2label = model.config.id2label
    return [id2label[i] for i in range(len(id2label))]


class Logits(nn.Module):
    """The model as a plain function of token ids and attention mask, for the ONNX export."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def export_onnx(model: nn.Module, tokenizer: Tokenizer, path: Path) -> None:
    """The network as ONNX via torch.export: inputs `input_ids` and `attention_mask` int64 (batch,
    tokens), output `logits` (batch, classes); the class names ride along as metadata."""
    example = tokenizer(["an example", "a second, longer example"], padding=True, return_tensors="pt")
    batch, tokens = torch.export.Dim("batch"), torch.export.Dim("tokens", max=tokenizer.model_max_length)
    # The exporter logs that torchvision's ops are missing (this model uses none) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings(action="ignore"):
        program = torch.onnx.export(
            Logits(model).eval(), (example["input_ids"], example["attention_mask"]), dynamo=True,
            verbose=False, input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_shapes=({0: batch, 1: tokens}, {0: batch, 1: tokens}))
    program.model.metadata_props["class_names"] = json.dumps(class_names_of(model))
    program.save(path)


def save_model(model: nn.Module, tokenizer: Tokenizer, directory: Path,
               onnx: bool = True) -> nn.Module:
    """Weights (LoRA merged in), config and tokenizer by save_pretrained, and the ONNX export. All are
    written together, so no demo serves an older model than the one evaluated. Returns the plain model."""
    if hasattr(model, "merge_and_unload"):  # a LoRA model: fold the low-rank updates into the weights
        model = model.merge_and_unload()
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    if onnx:
        export_onnx(model, tokenizer, directory / ONNX_MODEL)
    return model


def load_model(directory: Path, device: torch.device | str = "cpu") -> tuple[nn.Module, Tokenizer]:
    """The fine-tuned model in eval mode, and its tokenizer."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained model; run `make train` first")
    model = AutoModelForSequenceClassification.from_pretrained(directory)
    return model.to(device).eval(), AutoTokenizer.from_pretrained(directory)
