"""Environments: which Gymnasium ids this agent can learn, and one episode played to its end.

The agent picks one of n actions (a categorical policy), so it learns any classic-control task
with a discrete action space: CartPole-v1 and Acrobot-v1 among them. No PyTorch here: the demo
plays episodes with the ONNX policy and starts without it.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import gymnasium as gym
import numpy as np
from PIL import Image

from .animation import shrink

# Rendering draws with pygame into an off-screen buffer: no window, no display needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

CLASSIC_CONTROL = "gymnasium.envs.classic_control"

Policy = Callable[[np.ndarray], int]
"""An observation in, an action out."""


class EnvError(ValueError):
    """Raised when an environment id is unknown, or names a task this agent cannot learn."""


@cache
def discrete_control_ids() -> tuple[str, ...]:
    """The registered classic-control ids whose actions are discrete, e.g. CartPole-v1, Acrobot-v1."""
    ids = [env_id for env_id, spec in gym.registry.items()
           if str(spec.entry_point).startswith(CLASSIC_CONTROL)]
    with warnings.catch_warnings(action="ignore"):  # making CartPole-v0 warns that v1 exists
        spaces = {env_id: gym.make(env_id).action_space for env_id in ids}
    return tuple(env_id for env_id, space in spaces.items() if isinstance(space, gym.spaces.Discrete))


def check_env_id(env_id: str) -> None:
    """Stop with a message naming the setting and the ids that work, unless `env_id` is one of them."""
    if env_id in discrete_control_ids():
        return
    known = ", ".join(discrete_control_ids())
    if env_id not in gym.registry:
        problem = "is not a registered Gymnasium environment"
    elif not str(gym.spec(env_id).entry_point).startswith(CLASSIC_CONTROL):
        problem = "is not a classic-control environment (this project renders and serves only those)"
    else:
        problem = ("has continuous actions; this agent picks one of n discrete actions (a categorical "
                   "policy), so it cannot drive it")
    raise EnvError(f"env_id {env_id!r} {problem}. Fix: set env_id to one of {known}.")


def make_env(env_id: str, render: bool = False) -> gym.Env:
    """One environment; with `render`, each step can be drawn as an RGB array (no window)."""
    check_env_id(env_id)
    return gym.make(env_id, render_mode="rgb_array" if render else None)


def make_vector_env(env_id: str, num_envs: int) -> gym.vector.VectorEnv:
    """`num_envs` copies stepped together, for training.

    SAME_STEP autoreset: a copy whose episode ends starts the next one within the same step, and
    hands the last observation of the old one over in `info["final_obs"]` (training bootstraps
    from it when the time limit, not the task, ended the episode). The statistics wrapper puts
    each finished episode's return and length in `info["episode"]`.
    """
    check_env_id(env_id)
    envs = gym.vector.SyncVectorEnv([lambda: gym.make(env_id) for _ in range(num_envs)],
                                    autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    return gym.wrappers.vector.RecordEpisodeStatistics(envs)


@dataclass
class Episode:
    """One episode: its undiscounted return, its length and, when asked for, some frames."""

    total_reward: float
    length: int
    first_observation: np.ndarray
    frames: list[Image.Image] = field(default_factory=list)


def play_episode(env: gym.Env, policy: Policy, seed: int, frame_every: int = 0) -> Episode:
    """Play one episode from the start state `seed` gives to its end (the task's, or the time limit).

    With `frame_every` = k > 0 (and an env made with render=True), every k-th step is drawn and
    kept, shrunk, for an animation.
    """
    observation, _ = env.reset(seed=seed)
    first, total, length, frames = observation, 0.0, 0, []
    done = False
    while not done:
        if frame_every and length % frame_every == 0:
            frames.append(shrink(env.render()))
        observation, reward, terminated, truncated, _ = env.step(policy(observation))
        total, length, done = total + float(reward), length + 1, terminated or truncated
    if frame_every:
        frames.append(shrink(env.render()))  # the final state, however the episode ended
    return Episode(total, length, first, frames)


def random_policy(env: gym.Env, seed: int) -> Policy:
    """Uniformly random actions from a generator seeded with `seed`: the baseline to beat."""
    space = env.action_space
    space.seed(seed)
    return lambda observation: int(space.sample())
