"""The model: a VGG-style convolutional network (Simonyan & Zisserman, 2015) of any width and depth.

Stages of 3x3 conv-BN-ReLU blocks, a 2x2 max-pool between stages, turn a (N, C, H, W) image of any
channels and size into feature maps; global average pooling (Lin et al., 2014, "Network in
Network") takes their mean over the image, so the head is the same at 8 or 64 pixels; dropout
(Srivastava et al., 2014) and one linear layer give the class scores. Batch norm (Ioffe & Szegedy,
2015) lets it train fast at a high learning rate. `widths` and `depths` in the config set its shape:
(32, 64, 128) channels in 1, 1 and 2 blocks is about 242k weights.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from .artefacts import MODEL_CONFIG, ONNX_MODEL, WEIGHTS


@dataclass
class ModelConfig:
    num_classes: int
    class_names: list[str]
    image_size: int  # images are (channels, image_size, image_size)
    preprocessing: str  # how predict.py prepares a new image: "digits", "centred" or "resize"
    channels: int = 1  # 1 grey, 3 RGB
    widths: tuple[int, ...] = (32, 64, 128)  # output channels of each stage
    depths: tuple[int, ...] = (1, 1, 2)  # conv blocks in each stage
    dropout: float = 0.3  # before the linear head


def conv_block(c_in: int, c_out: int) -> nn.Sequential:
    """Conv-BN-ReLU: 3x3 convolution, padded so the map keeps its size."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


class ConvNet(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        if len(config.widths) != len(config.depths) or min(config.depths, default=0) < 1:
            raise ValueError(f"widths {config.widths} and depths {config.depths}: one depth of 1 or more "
                             "per stage width")
        layers, c_in = [], config.channels
        for stage, (width, depth) in enumerate(zip(config.widths, config.depths, strict=True)):
            if stage > 0:
                layers.append(nn.MaxPool2d(2, ceil_mode=True))  # halve H and W (an odd side rounds up)
            for _ in range(depth):
                layers.append(conv_block(c_in, width))
                c_in = width
        self.features = nn.Sequential(*layers)  # (B, widths[-1], H / 2^(stages-1), W / ...)
        self.head = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),  # (B, widths[-1], 1, 1): the mean of each map, at any size
            nn.Flatten(),  # (B, widths[-1])
            nn.Dropout(config.dropout),
            nn.Linear(c_in, config.num_classes),  # (B, num_classes) logits
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def save_model(model: ConvNet, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the architecture as JSON beside them, and the
    network exported to ONNX for serving. All three are written together, so the demo never
    serves an older model than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    model = model.to(memory_format=torch.contiguous_format)  # channels-last weights save as they load
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(model, config, directory / ONNX_MODEL)


def export_onnx(model: ConvNet, config: ModelConfig, path: Path) -> None:
    """The network, switched to eval mode, as an ONNX graph (torch.export, then ONNX), with the
    config as metadata. The demo runs it with onnxruntime, which loads in a fraction of the time
    torch takes, so a freshly started demo answers its first visitor sooner."""
    size = config.image_size
    example = torch.zeros(2, config.channels, size, size)  # batch of 2: the axis stays free
    # The exporter logs that torchvision's ops are missing (this model uses none) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings(action="ignore", category=FutureWarning):
        program = torch.onnx.export(model.eval(), (example,), dynamo=True, verbose=False,
                                    input_names=["pixels"], output_names=["logits"],
                                    dynamic_shapes=({0: torch.export.Dim("batch")},))
    program.model.metadata_props[MODEL_CONFIG] = json.dumps(asdict(config))
    program.save(path)


def load_model(directory: Path, device: torch.device | str = "cpu") -> tuple[ConvNet, ModelConfig]:
    """The trained model in eval mode, and its config."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained model; run `make train` first")
    raw = json.loads((directory / MODEL_CONFIG).read_text())
    config = ModelConfig(**{**raw, "widths": tuple(raw["widths"]), "depths": tuple(raw["depths"])})
    model = ConvNet(config)
    model.load_state_dict(load_file(directory / WEIGHTS, device=str(device)))
    return model.to(device).eval(), config
