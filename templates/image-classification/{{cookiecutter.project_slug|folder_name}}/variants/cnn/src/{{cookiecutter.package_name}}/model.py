"""The model: a small VGG-style convolutional network (Simonyan & Zisserman, 2015).

Two stages of [conv-BN-ReLU, conv-BN-ReLU, 2x2 max-pool] turn an (N, 1, H, W)
image into feature maps; a two-layer head with dropout turns those into class
scores. Batch norm (Ioffe & Szegedy, 2015) lets it train fast at a high learning
rate; dropout (Srivastava et al., 2014) keeps 1,300 training images from being
memorised. About 100k parameters: it trains on a laptop CPU in well under a minute.
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
    image_size: int  # images are (1, image_size, image_size)
    preprocessing: str  # how predict.py prepares a new image: "digits" or "resize"
    widths: tuple[int, int] = (32, 64)  # channels of the two conv stages
    hidden: int = 128  # units in the head's hidden layer
    dropout: float = 0.3


def conv_block(c_in: int, c_out: int) -> nn.Sequential:
    """Conv-BN-ReLU: 3x3 convolution, padded so the map keeps its size."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
                         nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


class ConvNet(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        w1, w2 = config.widths
        self.features = nn.Sequential(
            conv_block(1, w1), conv_block(w1, w1), nn.MaxPool2d(2),   # (B, w1, H/2, W/2)
            conv_block(w1, w2), conv_block(w2, w2), nn.MaxPool2d(2),  # (B, w2, H/4, W/4)
            nn.AdaptiveAvgPool2d(2),  # (B, w2, 2, 2) whatever the input size
        )
        self.head = nn.Sequential(
            nn.Flatten(),  # (B, 4 * w2)
            nn.Dropout(config.dropout),
            nn.Linear(4 * w2, config.hidden), nn.ReLU(inplace=True),
            nn.Dropout(config.dropout),
            nn.Linear(config.hidden, config.num_classes),  # (B, num_classes) logits
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def save_model(model: ConvNet, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the architecture as JSON beside them, and the
    network exported to ONNX for serving. All three are written together, so the demo never
    serves an older model than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file(model.state_dict(), directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(model, config, directory / ONNX_MODEL)


def export_onnx(model: ConvNet, config: ModelConfig, path: Path) -> None:
    """The network, switched to eval mode, as an ONNX graph (torch.export, then ONNX), with the
    config as metadata. The demo runs it with onnxruntime, which loads in a fraction of the time
    torch takes, so a freshly started demo answers its first visitor sooner."""
    example = torch.zeros(2, 1, config.image_size, config.image_size)  # batch of 2: the axis stays free
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
    config = ModelConfig(**{**raw, "widths": tuple(raw["widths"])})
    model = ConvNet(config)
    model.load_state_dict(load_file(directory / WEIGHTS, device=str(device)))
    return model.to(device).eval(), config
