"""The agent: two small networks, an actor that scores each action and a critic that values a state.

The actor maps an observation to one logit per action: the policy is the softmax of those,
a categorical distribution the agent samples from while it learns and takes the most likely
action of once it is evaluated. The critic estimates the return to expect from a state, the
baseline that advantage estimation (ppo.gae) subtracts. Two separate 64-64 tanh networks with
orthogonal initialisation, as in PPO's reference implementation (Huang et al., 2022, "The 37
implementation details of PPO"): the policy's last layer starts near zero, so every action
starts equally likely and the agent explores.
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.distributions import Categorical

from .artefacts import MODEL_CONFIG, ONNX_INPUT, ONNX_MODEL, ONNX_OUTPUT, WEIGHTS


@dataclass
class ModelConfig:
    env_id: str  # the environment the agent was trained on (the demo plays that one)
    observation_size: int  # length of an observation vector: 4 for CartPole, 6 for Acrobot
    num_actions: int  # how many discrete actions: 2 for CartPole, 3 for Acrobot
    hidden: int = 64  # units in each of the two hidden layers of either network


def layer(n_in: int, n_out: int, gain: float = math.sqrt(2)) -> nn.Linear:
    """A linear layer with orthogonal weights of the given gain and zero biases (Saxe et al., 2014)."""
    linear = nn.Linear(n_in, n_out)
    nn.init.orthogonal_(linear.weight, gain)
    nn.init.zeros_(linear.bias)
    return linear


def mlp(n_in: int, hidden: int, n_out: int, last_gain: float) -> nn.Sequential:
    return nn.Sequential(layer(n_in, hidden), nn.Tanh(), layer(hidden, hidden), nn.Tanh(),
                         layer(hidden, n_out, last_gain))


class ActorCritic(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.actor = mlp(config.observation_size, config.hidden, config.num_actions, last_gain=0.01)
        self.critic = mlp(config.observation_size, config.hidden, 1, last_gain=1.0)

    def forward(self, observation: torch.Tensor) -> torch.Tensor:
        """The policy's logits, (B, num_actions): all that acting needs, and what ONNX exports."""
        return self.actor(observation)

    def value(self, observation: torch.Tensor) -> torch.Tensor:
        """The critic's estimate of the return from each state, (B,)."""
        return self.critic(observation).squeeze(-1)

    def policy(self, observation: torch.Tensor) -> Categorical:
        return Categorical(logits=self.actor(observation))

    @torch.no_grad()
    def best_action(self, observation: torch.Tensor) -> torch.Tensor:
        """The most likely action for each observation, (B,): how the trained agent is evaluated."""
        return self.actor(observation).argmax(-1)


def save_model(model: ActorCritic, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the config as JSON beside them, and the actor exported to
    ONNX for serving. All three are written together, so the demo never serves an older policy
    than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file(model.state_dict(), directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(model, config, directory / ONNX_MODEL)


def export_onnx(model: ActorCritic, config: ModelConfig, path: Path) -> None:
    """The actor as an ONNX graph (torch.export, then ONNX), observations in and logits out, with
    the config as metadata. The demo runs it with onnxruntime, which starts in a fraction of the
    time torch takes; the critic is only needed for learning, so it stays out."""
    example = torch.zeros(2, config.observation_size)  # a batch of 2: the batch axis stays free
    # The exporter logs that torchvision's ops are missing (this model uses none) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings(action="ignore", category=FutureWarning):
        program = torch.onnx.export(model.eval(), (example,), dynamo=True, verbose=False,
                                    input_names=[ONNX_INPUT], output_names=[ONNX_OUTPUT],
                                    dynamic_shapes=({0: torch.export.Dim("batch")},))
    program.model.metadata_props[MODEL_CONFIG] = json.dumps(asdict(config))
    program.save(path)


def load_model(directory: Path, device: torch.device | str = "cpu") -> tuple[ActorCritic, ModelConfig]:
    """The trained agent in eval mode, and its config."""
    if not (directory / WEIGHTS).is_file():
        raise FileNotFoundError(f"{directory / WEIGHTS}: no trained model; run `make train` first")
    config = ModelConfig(**json.loads((directory / MODEL_CONFIG).read_text()))
    model = ActorCritic(config)
    model.load_state_dict(load_file(directory / WEIGHTS, device=str(device)))
    return model.to(device).eval(), config
