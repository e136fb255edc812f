"""The two networks of a class-conditional DCGAN (Radford et al., 2016), sized by the image.

Both networks grow with the image: `stages(image_size)` halves the side while it is even and
above 7, so 8 px images start from 4x4 (one stage), 28 px from 7x7 (two), 64 px from 4x4 (four).

The generator turns noise z and a class label into an image: a linear layer makes a small
(channels, base, base) map, each stage doubles its side with a 4x4 transposed convolution and
halves its channels (the DCGAN rule: half the arithmetic of upsample-then-3x3-conv, which
matters on a CPU), and a last conv gives C channels (1 grey, 3 RGB) in [0, 1]. Batch norm after
each layer keeps its activations well scaled. The label enters as a small learned embedding
beside a much larger z: with an embedding as wide as z, the class drowns the noise and every
sample of a class comes out the same (mode collapse).

The discriminator mirrors it: a conv at full size, then one strided conv per stage down to the
base, summed over positions into features h, and score = linear(h) + <embed(label), h>, the
projection discriminator (Miyato & Koyama, 2018): it asks "is this a real image of *this*
class". Spectral norm (Miyato et al., 2018) on every layer bounds how fast its score can change,
which keeps the game stable with the hinge loss (train.py).
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

from .artefacts import MODEL_CONFIG, ONNX_MODEL, WEIGHTS

MAX_WIDTH_FACTOR = 8  # the widest stage has at most 8x the narrowest's channels


@dataclass
class ModelConfig:
    class_names: list[str]
    image_size: int  # images are (channels, image_size, image_size)
    channels: int = 1  # 1 grey, 3 RGB
    latent_dim: int = 64  # size of the noise vector z
    label_dim: int = 10  # size of the class embedding fed to the generator
    width: int = 32  # the generator's channels at full size (doubling per stage towards the base)
    disc_width: int = 32  # the discriminator's channels at full size

    @property
    def num_classes(self) -> int:
        return len(self.class_names)


def stages(image_size: int) -> int:
    """How many times the side is doubled from the base map: halve while even and above 7."""
    count = 0
    while image_size % 2 == 0 and image_size > 7:
        image_size, count = image_size // 2, count + 1
    return count


def stage_widths(width: int, image_size: int) -> list[int]:
    """Channels at each side from full size down to the base: width, 2 width, 4 width, ..."""
    return [width * min(2**i, MAX_WIDTH_FACTOR) for i in range(stages(image_size) + 1)]


class Generator(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        widths = stage_widths(config.width, config.image_size)[::-1]  # base first
        self.base = config.image_size >> stages(config.image_size)
        self.latent_dim, self.image_size, self.channels = config.latent_dim, config.image_size, widths[0]
        self.embed = nn.Embedding(config.num_classes, config.label_dim)
        self.project = nn.Sequential(  # (B, latent + label) -> (B, widths[0] * base * base)
            nn.Linear(config.latent_dim + config.label_dim, widths[0] * self.base**2),
            nn.BatchNorm1d(widths[0] * self.base**2), nn.ReLU())
        layers: list[nn.Module] = []
        for c_in, c_out in pairwise(widths):  # each stage: twice the side, half the channels
            layers += [nn.ConvTranspose2d(c_in, c_out, 4, stride=2, padding=1),
                       nn.BatchNorm2d(c_out), nn.ReLU()]
        layers += [nn.Conv2d(widths[-1], config.channels, 3, padding=1),  # (B, C, H, W)
                   nn.Sigmoid()]  # in [0, 1], like the data
        self.upsample = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        h = self.project(torch.cat([z, self.embed(labels)], dim=1))
        return self.upsample(h.view(-1, self.channels, self.base, self.base))


class Discriminator(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        widths = stage_widths(config.disc_width, config.image_size)  # full size first
        layers: list[nn.Module] = [spectral_norm(nn.Conv2d(config.channels, widths[0], 3, padding=1)),
                                   nn.LeakyReLU(0.2)]
        for c_in, c_out in pairwise(widths):  # each stage: half the side, twice the channels
            layers += [spectral_norm(nn.Conv2d(c_in, c_out, 4, stride=2, padding=1)), nn.LeakyReLU(0.2)]
        self.features = nn.Sequential(*layers)
        self.score = spectral_norm(nn.Linear(widths[-1], 1))
        self.embed = spectral_norm(nn.Embedding(config.num_classes, widths[-1]))

    def forward(self, images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        h = self.features(images * 2 - 1).sum(dim=(2, 3))  # (B, widest); inputs centred on 0
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
