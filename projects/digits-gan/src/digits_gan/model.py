"""The two networks of a class-conditional DCGAN (Radford et al., 2016) for small grey images.

The generator turns noise z and a class label into an image: a linear layer makes a small
(4w, H/4, W/4) map, two upsample-conv stages double it twice, a last conv gives one channel
in [0, 1]. Batch norm after each layer keeps its activations well scaled (the DCGAN recipe).
The label enters as a small learned embedding beside a much larger z: with an embedding as wide
as z, the class drowns the noise and every sample of a class comes out the same (mode collapse).

The discriminator scores (image, label) pairs: strided convs to (4w, H/4, W/4) features h,
summed over positions, then score = linear(h) + <embed(label), h>, the projection discriminator
(Miyato & Koyama, 2018): it asks "is this a real image of *this* class". Spectral norm
(Miyato et al., 2018) on every layer bounds how fast its score can change, which keeps the
game stable with the hinge loss (train.py).
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
from torch.nn.utils.parametrizations import spectral_norm

from .artefacts import MODEL_CONFIG, ONNX_MODEL, WEIGHTS


@dataclass
class ModelConfig:
    class_names: list[str]
    image_size: int  # images are (1, image_size, image_size); a multiple of 4
    latent_dim: int = 64  # size of the noise vector z
    label_dim: int = 10  # size of the class embedding fed to the generator
    width: int = 32  # channels of the widest stage are 4 * width

    @property
    def num_classes(self) -> int:
        return len(self.class_names)


class Generator(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        w, self.base = config.width, config.image_size // 4
        self.latent_dim, self.image_size, self.channels = config.latent_dim, config.image_size, 4 * w
        self.embed = nn.Embedding(config.num_classes, config.label_dim)
        self.project = nn.Sequential(  # (B, latent + label) -> (B, 4w * base * base)
            nn.Linear(config.latent_dim + config.label_dim, 4 * w * self.base**2),
            nn.BatchNorm1d(4 * w * self.base**2), nn.ReLU())
        self.upsample = nn.Sequential(
            nn.Upsample(scale_factor=2), nn.Conv2d(4 * w, 2 * w, 3, padding=1),  # (B, 2w, H/2, W/2)
            nn.BatchNorm2d(2 * w), nn.ReLU(),
            nn.Upsample(scale_factor=2), nn.Conv2d(2 * w, w, 3, padding=1),  # (B, w, H, W)
            nn.BatchNorm2d(w), nn.ReLU(),
            nn.Conv2d(w, 1, 3, padding=1), nn.Sigmoid())  # (B, 1, H, W) in [0, 1], like the data

    def forward(self, z: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        h = self.project(torch.cat([z, self.embed(labels)], dim=1))
        return self.upsample(h.view(-1, self.channels, self.base, self.base))


class Discriminator(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        w = config.width
        self.features = nn.Sequential(
            spectral_norm(nn.Conv2d(1, w, 3, padding=1)), nn.LeakyReLU(0.2),  # (B, w, H, W)
            spectral_norm(nn.Conv2d(w, 2 * w, 4, stride=2, padding=1)), nn.LeakyReLU(0.2),  # H/2
            spectral_norm(nn.Conv2d(2 * w, 4 * w, 4, stride=2, padding=1)), nn.LeakyReLU(0.2))  # H/4
        self.score = spectral_norm(nn.Linear(4 * w, 1))
        self.embed = spectral_norm(nn.Embedding(config.num_classes, 4 * w))

    def forward(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        h = self.features(images * 2 - 1).sum(dim=(2, 3))  # (B, 4w); inputs centred on 0
        return self.score(h).squeeze(1) + (self.embed(labels) * h).sum(dim=1)  # (B,) realness


def save_generator(generator: Generator, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the architecture as JSON beside them, and the generator
    exported to ONNX for serving, all three together so the demo never serves an older model."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file(generator.state_dict(), directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(generator, config, directory / ONNX_MODEL)


def export_onnx(generator: Generator, config: ModelConfig, path: Path) -> None:
    """The generator in eval mode as an ONNX graph (z, labels) -> images, with the config as
    metadata. The demo runs it with onnxruntime, which starts far faster than torch."""
    example = (torch.zeros(2, config.latent_dim), torch.zeros(2, dtype=torch.long))
    batch = torch.export.Dim("batch")
    # The exporter logs that torchvision's ops are missing (none are used) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    # It also warns that z and labels share the batch axis, which is what we declared.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        warnings.filterwarnings("ignore", message=".*shares the same shape constraints")
        program = torch.onnx.export(generator.eval(), example, dynamo=True, verbose=False,
                                    input_names=["z", "labels"], output_names=["images"],
                                    dynamic_shapes=({0: batch}, {0: batch}))
    program.model.metadata_props[MODEL_CONFIG] = json.dumps(asdict(config))
    program.save(path)


def load_generator(directory: Path) -> tuple[Generator, ModelConfig]:
    """The trained (EMA) generator in eval mode, and its config."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained generator; run `make train` first")
    config = ModelConfig(**json.loads((directory / MODEL_CONFIG).read_text()))
    generator = Generator(config)
    generator.load_state_dict(load_file(directory / WEIGHTS))
    return generator.eval(), config
