"""The model: a backbone pre-trained on ImageNet, with a new head, fine-tuned (transfer learning).

A convolutional backbone trained on the 1.3 million photos of ImageNet has learned edges, strokes,
textures and shapes that serve almost any picture. `AutoModelForImageClassification` (transformers)
loads it from the Hugging Face Hub with a new, randomly initialised head for our classes; fine-tuning
trains both, the backbone at a smaller learning rate, so its features are adapted, not overwritten.
The default, ResNet-18 (He et al., 2016), has 11 million weights: small enough to fine-tune on a CPU
at a low resolution. (transformers, not timm: timm needs torchvision, which has no CPU build here.)

`PretrainedClassifier` takes exactly what the CNN of the `cnn` model takes, an (N, C, H, W) image in
[0, 1] as preprocess.py makes it (C = 3 for colour data, 1 for grey), and does the backbone's own
preparation inside the network: a grey image's one channel repeated to three (colour stays colour),
resized to `backbone_size`, normalised with the backbone's own mean and deviation (its image
processor's). So the demos, the saliency maps and the ONNX export work unchanged, and the page's
in-browser demo too.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import tempfile
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from torch import nn
from transformers import AutoConfig, AutoImageProcessor, AutoModelForImageClassification

from .artefacts import MODEL_CONFIG, ONNX_MODEL, WEIGHTS
from .kit.hub import ModelLoadError, cannot_load

__all__ = ["ModelLoadError"]  # raised by load_pretrained and check_exportable; train.py catches it here

IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


@dataclass
class ModelConfig:
    num_classes: int
    class_names: list[str]
    image_size: int  # images are (channels, image_size, image_size), as for the CNN
    preprocessing: str  # how predict.py prepares a new image: "digits", "centred" or "resize"
    pretrained_model: str  # the Hub id (or folder) the backbone came from
    backbone_size: int  # side the image is resized to inside the network
    image_mean: list[float]  # the backbone's normalisation, per RGB channel
    image_std: list[float]
    backbone: dict  # the backbone's architecture (its transformers config), to rebuild it offline
    channels: int = 1  # 1 grey (repeated to RGB inside the network), 3 RGB


class PretrainedClassifier(nn.Module):
    def __init__(self, backbone: nn.Module, config: ModelConfig):
        super().__init__()
        self.backbone = backbone
        self.size = config.backbone_size
        self.register_buffer("mean", torch.tensor(config.image_mean).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(config.image_std).view(1, 3, 1, 1))
        # A vision transformer (ViT, DeiT, BEiT...) learned one position embedding per patch of its
        # pre-training size; at another `backbone_size` it interpolates them, if it is told to.
        takes = inspect.signature(backbone.forward).parameters
        self.options = {"interpolate_pos_encoding": True} if "interpolate_pos_encoding" in takes else {}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N, C, H, W) in [0, 1] -> (N, num_classes) logits."""
        x = x.expand(-1, 3, -1, -1)  # grey to RGB, as a photo of the same picture would be; RGB stays
        # Plain bilinear: ONNX's Resize has no antialiasing, and the images are enlarged anyway.
        x = F.interpolate(x, size=(self.size, self.size), mode="bilinear", align_corners=False,
                          antialias=False)
        return self.backbone(pixel_values=(x - self.mean) / self.std, **self.options).logits


def normalisation(name: str) -> tuple[list[float], list[float]]:
    """The backbone's own mean and deviation from its image processor; ImageNet's if it has none."""
    try:
        processor = AutoImageProcessor.from_pretrained(name)
        return list(processor.image_mean), list(processor.image_std)
    except (OSError, ValueError, AttributeError, TypeError):
        return IMAGENET_MEAN, IMAGENET_STD


def load_pretrained(name: str, class_names: list[str], image_size: int, preprocessing: str,
                    backbone_size: int, channels: int = 1,
                    ) -> tuple[PretrainedClassifier, ModelConfig, list[str]]:
    """The backbone `name` (a Hub id or a local folder) with a new head for `class_names`, and the
    names of that head's parameters (those outside the base model: `classifier` for ResNet, ViT...)."""
    try:
        backbone, info = AutoModelForImageClassification.from_pretrained(
            name, num_labels=len(class_names), id2label=dict(enumerate(class_names)),
            label2id={label: i for i, label in enumerate(class_names)},
            ignore_mismatched_sizes=True,  # the checkpoint's own head has ImageNet's 1,000 classes
            output_loading_info=True)
    except (OSError, ValueError) as e:
        raise cannot_load(name, e) from None
    mean, std = normalisation(name)
    config = ModelConfig(num_classes=len(class_names), class_names=class_names, image_size=image_size,
                         preprocessing=preprocessing, pretrained_model=name, backbone_size=backbone_size,
                         image_mean=mean, image_std=std, backbone=backbone.config.to_dict(),
                         channels=channels)
    head = [n for n, _ in backbone.named_parameters() if not n.startswith(backbone.base_model_prefix + ".")]
    fresh = {*info["missing_keys"], *(k if isinstance(k, str) else k[0] for k in info["mismatched_keys"])}
    if not fresh.issuperset(head):  # the checkpoint's head had as many classes as ours, but not ours
        for module in {name.rsplit(".", 1)[0] for name in head}:
            backbone.get_submodule(module).reset_parameters()
    return PretrainedClassifier(backbone, config), config, sorted(f"backbone.{name}" for name in head)


def check_exportable(model: PretrainedClassifier, config: ModelConfig) -> None:
    """Export the untrained network once, before training, so that a backbone the demos cannot serve
    (some architectures do not go through torch.export to ONNX, Swin for one) stops the run at once,
    not after hours of fine-tuning."""
    with tempfile.TemporaryDirectory() as scratch:
        try:
            export_onnx(model, config, Path(scratch) / ONNX_MODEL)
        except Exception as e:  # torch.onnx raises many kinds; any of them means the same here
            reason = re.sub(r"\x1b\[[0-9;]*m", "", str(e).strip().splitlines()[0])  # no terminal colours
            raise ModelLoadError(f"pretrained_model {config.pretrained_model!r} loads but does not export to "
                                 f"ONNX ({type(e).__name__}: {reason}), and the demos serve the ONNX export. "
                                 "Choose another backbone: ResNet, ConvNeXt, RegNet, MobileNet, EfficientNet "
                                 "and ViT export.") from None
    model.train()  # export_onnx put it in eval mode


def parameter_groups(model: nn.Module, new: list[str], lr: float, backbone_lr: float) -> list[dict]:
    """The new head (the parameters named in `new`) at `lr`, the pre-trained layers at `backbone_lr`."""
    named = dict(model.named_parameters())
    head = [named[name] for name in new if name in named]
    rest = [p for name, p in named.items() if name not in new]
    return [{"params": head, "lr": lr}, {"params": rest, "lr": backbone_lr}]


def save_model(model: PretrainedClassifier, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the config (with the backbone's architecture) as JSON beside
    them, and the network exported to ONNX for serving. All three are written together, so the demo
    never serves an older model than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(model, config, directory / ONNX_MODEL)


def export_onnx(model: PretrainedClassifier, config: ModelConfig, path: Path) -> None:
    """The network, in eval mode, as an ONNX graph (torch.export, then ONNX), with the config as
    metadata: the demo runs it with onnxruntime, no PyTorch needed. Input `pixels` (N, C, H, W)."""
    size = config.image_size
    example = torch.zeros(2, config.channels, size, size)  # batch of 2: the axis stays free
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    metadata = {k: v for k, v in asdict(config).items() if k != "backbone"}  # what predict.py reads
    with warnings.catch_warnings(action="ignore"):
        program = torch.onnx.export(model.eval(), (example,), dynamo=True, verbose=False,
                                    input_names=["pixels"], output_names=["logits"],
                                    dynamic_shapes=({0: torch.export.Dim("batch")},))
    program.model.metadata_props[MODEL_CONFIG] = json.dumps(metadata)
    program.save(path)


def load_model(directory: Path, device: torch.device | str = "cpu") -> tuple[nn.Module, ModelConfig]:
    """The fine-tuned model in eval mode, and its config; built from config.json, so no download."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained model; run `make train` first")
    config = ModelConfig(**json.loads((directory / MODEL_CONFIG).read_text()))
    backbone_config = AutoConfig.for_model(**config.backbone)
    model = PretrainedClassifier(AutoModelForImageClassification.from_config(backbone_config), config)
    model.load_state_dict(load_file(directory / WEIGHTS, device=str(device)))
    return model.to(device).eval(), config
