"""The agent: two small networks, an actor that chooses actions and a critic that values a state.

For a task with n discrete actions the actor maps an observation to one logit per action: the
policy is the softmax of those, a categorical distribution the agent samples from while it learns
and takes the most likely action of once it is evaluated. For continuous actions (a vector of real
numbers within bounds) the actor gives the mean of a Gaussian per action dimension, with a learned
log standard deviation that does not depend on the state; the agent samples while it learns and
acts with the mean, clipped to the bounds, once evaluated (as CleanRL's ppo_continuous_action.py).
The critic estimates the return to expect from a state, the baseline that advantage estimation
(ppo.gae) subtracts. Two separate 64-64 tanh networks with orthogonal initialisation, as in PPO's
reference implementation (Huang et al., 2022, "The 37 implementation details of PPO"): the
policy's last layer starts near zero, so every action starts about equally likely and the agent
explores. Where the task needs it, observations are normalised by running statistics kept inside
the network, so the demo, the ONNX export and the page see exactly what training saw.
"""

from __future__ import annotations

import json
import logging
import math
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from torch.distributions import Categorical, Distribution, Independent, Normal

from .artefacts import MODEL_CONFIG, ONNX_ACTION, ONNX_INPUT, ONNX_MODEL, ONNX_OUTPUT, WEIGHTS


@dataclass
class ModelConfig:
    env_id: str  # the environment the agent was trained on (the demo plays that one)
    observation_size: int  # length of an observation vector: 4 for CartPole, 8 for LunarLander
    num_actions: int  # discrete: how many actions (2 for CartPole, 4 for LunarLander); 0: continuous
    hidden: int = 64  # units in each of the two hidden layers of either network
    action_low: list[float] = field(default_factory=list)  # continuous: each action's bounds
    action_high: list[float] = field(default_factory=list)
    normalise_observations: bool = False  # scale each observation by running mean and variance

    @property
    def continuous(self) -> bool:
        return self.num_actions == 0

    @property
    def action_size(self) -> int:
        """Outputs of the actor: one logit per action, or one mean per action dimension."""
        return len(self.action_low) if self.continuous else self.num_actions


def layer(n_in: int, n_out: int, gain: float = math.sqrt(2)) -> nn.Linear:
    """A linear layer with orthogonal weights of the given gain and zero biases (Saxe et al., 2014)."""
    linear = nn.Linear(n_in, n_out)
    nn.init.orthogonal_(linear.weight, gain)
    nn.init.zeros_(linear.bias)
    return linear


def mlp(n_in: int, hidden: int, n_out: int, last_gain: float) -> nn.Sequential:
    return nn.Sequential(layer(n_in, hidden), nn.Tanh(), layer(hidden, hidden), nn.Tanh(),
                         layer(hidden, n_out, last_gain))


class RunningNormaliser(nn.Module):
    """Observations shifted and scaled by the mean and variance of all observations seen in training
    (Chan et al.'s parallel update), clipped to [-clip, clip]. The statistics are buffers: saved with
    the weights, exported to ONNX, frozen once training stops calling `update`."""

    def __init__(self, size: int, enabled: bool, clip: float = 10.0, eps: float = 1e-8):
        super().__init__()
        self.enabled, self.clip, self.eps = enabled, clip, eps
        self.register_buffer("mean", torch.zeros(size))
        self.register_buffer("var", torch.ones(size))
        self.register_buffer("count", torch.tensor(eps))

    @torch.no_grad()
    def update(self, x: torch.Tensor) -> None:
        """Fold a batch (B, size) into the running statistics."""
        if not self.enabled:
            return
        batch_mean, batch_var, n = x.mean(0), x.var(0, unbiased=False), len(x)
        delta, total = batch_mean - self.mean, self.count + n
        self.var.copy_((self.var * self.count + batch_var * n + delta**2 * self.count * n / total) / total)
        self.mean.add_(delta * n / total)
        self.count.copy_(total)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.enabled:
            return x
        return ((x - self.mean) / torch.sqrt(self.var + self.eps)).clamp(-self.clip, self.clip)


class ActorCritic(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.config = config
        self.normaliser = RunningNormaliser(config.observation_size, config.normalise_observations)
        self.actor = mlp(config.observation_size, config.hidden, config.action_size, last_gain=0.01)
        self.critic = mlp(config.observation_size, config.hidden, 1, last_gain=1.0)
        if config.continuous:
            self.log_std = nn.Parameter(torch.zeros(config.action_size))  # std 1 at the start
            self.register_buffer("low", torch.tensor(config.action_low))
            self.register_buffer("high", torch.tensor(config.action_high))

    def forward(self, observation: torch.Tensor) -> torch.Tensor:
        """What acting needs, and what ONNX exports: the logits (B, num_actions) of a discrete
        policy, or the action (B, action_size) a continuous one takes, its mean within the bounds."""
        out = self.actor(self.normaliser(observation))
        return torch.clamp(out, self.low, self.high) if self.config.continuous else out

    def value(self, observation: torch.Tensor) -> torch.Tensor:
        """The critic's estimate of the return from each state, (B,)."""
        return self.critic(self.normaliser(observation)).squeeze(-1)

    def policy(self, observation: torch.Tensor) -> Distribution:
        """The distribution actions are sampled from in training; log_prob and entropy are per
        observation (for continuous actions: summed over the action's dimensions)."""
        out = self.actor(self.normaliser(observation))
        if not self.config.continuous:
            return Categorical(logits=out)
        return Independent(Normal(out, self.log_std.exp().expand_as(out)), 1)

    @torch.no_grad()
    def best_action(self, observation: torch.Tensor) -> torch.Tensor:
        """How the trained agent is evaluated: the most likely action (B,), or the mean action
        within the bounds (B, action_size)."""
        out = self(observation)
        return out if self.config.continuous else out.argmax(-1)


def save_model(model: ActorCritic, config: ModelConfig, directory: Path) -> None:
    """Weights as safetensors (no pickle), the config as JSON beside them, and the actor exported to
    ONNX for serving. All three are written together, so the demo never serves an older policy
    than the one evaluated."""
    directory.mkdir(parents=True, exist_ok=True)
    save_file(model.state_dict(), directory / WEIGHTS)
    (directory / MODEL_CONFIG).write_text(json.dumps(asdict(config), indent=2) + "\n")
    export_onnx(model, config, directory / ONNX_MODEL)


def export_onnx(model: ActorCritic, config: ModelConfig, path: Path) -> None:
    """The actor as an ONNX graph (torch.export, then ONNX), observations in and logits (or the
    continuous action) out, with the config as metadata. The demo runs it with onnxruntime, which
    starts in a fraction of the time torch takes; the critic is only needed for learning, so it
    stays out."""
    example = torch.zeros(2, config.observation_size)  # a batch of 2: the batch axis stays free
    # The exporter logs that torchvision's ops are missing (this model uses none) and warns about
    # torch's own internal deprecations: nothing a reader of the training log can act on.
    logging.getLogger("torch.onnx._internal.exporter._registration").setLevel(logging.ERROR)
    with warnings.catch_warnings(action="ignore", category=FutureWarning):
        program = torch.onnx.export(model.eval(), (example,), dynamo=True, verbose=False,
                                    input_names=[ONNX_INPUT],
                                    output_names=[ONNX_ACTION if config.continuous else ONNX_OUTPUT],
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
