"""Environments: which Gymnasium ids this agent can learn, and one episode played to its end.

The agent reads a vector observation and acts with one of n actions (a categorical policy:
CartPole-v1, Acrobot-v1, LunarLander-v3) or with a vector of real numbers inside bounds (a
Gaussian policy: Pendulum-v1, LunarLanderContinuous-v3, MuJoCo's tasks where `mujoco` is
installed). Tasks that observe pictures or several spaces at once are refused before training.
No PyTorch here: the demo plays episodes with the ONNX policy and starts without it.
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

EXAMPLES = ("CartPole-v1, Acrobot-v1, LunarLander-v3 (discrete), "
            "Pendulum-v1, LunarLanderContinuous-v3 (continuous)")

Policy = Callable[[np.ndarray], "int | np.ndarray"]
"""An observation in, an action out: an int for discrete actions, an array for continuous ones."""


class EnvError(ValueError):
    """Raised when an environment id is unknown, or names a task this agent cannot learn."""


@dataclass(frozen=True)
class Spaces:
    """What the networks need to know of a task: the observation's length and the actions."""

    observation_size: int
    num_actions: int  # discrete: how many actions; 0 for continuous ones
    action_low: tuple[float, ...] = ()  # continuous: each action's bounds
    action_high: tuple[float, ...] = ()

    @property
    def continuous(self) -> bool:
        return self.num_actions == 0


@cache
def spaces_of(env_id: str) -> Spaces:
    """The task's spaces, or EnvError naming the setting, what is wrong and the fix."""
    fix = f"Fix: set env_id to a task with a vector observation, e.g. {EXAMPLES}."
    if env_id not in gym.registry:
        raise EnvError(f"env_id {env_id!r} is not a registered Gymnasium environment. {fix}")
    try:
        with warnings.catch_warnings(action="ignore"):  # e.g. making CartPole-v0 warns that v1 exists
            env = gym.make(env_id)
    except gym.error.DependencyNotInstalled as e:  # Box2D or MuJoCo tasks without their package
        raise EnvError(f"env_id {env_id!r} needs a package that is not installed: {e}") from None
    observation, action = env.observation_space, env.action_space
    env.close()
    if not (isinstance(observation, gym.spaces.Box) and len(observation.shape) == 1):
        raise EnvError(f"env_id {env_id!r} observes {observation}, not a vector of numbers: this agent's "
                       f"networks read vectors (a picture would need a convolutional one). {fix}")
    size = int(observation.shape[0])
    if isinstance(action, gym.spaces.Discrete):
        return Spaces(size, int(action.n))
    if isinstance(action, gym.spaces.Box) and len(action.shape) == 1 and action.is_bounded():
        return Spaces(size, 0, tuple(map(float, action.low)), tuple(map(float, action.high)))
    raise EnvError(f"env_id {env_id!r} acts in {action}: this agent picks one of n actions or a vector of "
                   f"bounded real numbers. {fix}")


def check_env_id(env_id: str) -> None:
    """Stop with a message naming the setting and the fix, unless this agent can learn `env_id`."""
    spaces_of(env_id)


def make_env(env_id: str, render: bool = False) -> gym.Env:
    """One environment; with `render`, each step can be drawn as an RGB array (no window)."""
    check_env_id(env_id)
    return gym.make(env_id, render_mode="rgb_array" if render else None)


def make_vector_env(env_id: str, num_envs: int) -> gym.vector.VectorEnv:
    """`num_envs` copies stepped together, for training.

    SAME_STEP autoreset: a copy whose episode ends starts the next one within the same step, and
    hands the last observation of the old one over in `info["final_obs"]` (training bootstraps
    from it when the time limit, not the task, ended the episode). The statistics wrapper puts
    each finished episode's return and length in `info["episode"]`. Continuous actions are
    clipped to the task's bounds on the way in; training keeps the unclipped sample, whose
    probability the policy gave.
    """
    continuous = spaces_of(env_id).continuous
    envs = gym.vector.SyncVectorEnv([lambda: gym.make(env_id) for _ in range(num_envs)],
                                    autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    if continuous:  # a Gaussian's sample can leave the bounds: the task gets it clipped to them
        envs = gym.wrappers.vector.ClipAction(envs)
    return gym.wrappers.vector.RecordEpisodeStatistics(envs)


@dataclass
class Episode:
    """One episode: its undiscounted return, its length, how it ended and, when asked for, some frames."""

    total_reward: float
    length: int
    first_observation: np.ndarray
    frames: list[Image.Image] = field(default_factory=list)
    terminated: bool = False  # the task ended it (rather than the time limit)
    last_reward: float = 0.0


LUNAR_LANDER = ("LunarLander-v3", "LunarLanderContinuous-v3")


def outcome(env_id: str, episode: Episode) -> str | None:
    """How a LunarLander episode ended, read from the task's own rule: when it ends the episode it
    sets the last reward to +100 (the lander came to rest) or -100 (it crashed or flew off);
    otherwise the time limit stopped it in the air. None for other tasks, which have no such rule."""
    if env_id not in LUNAR_LANDER:
        return None
    if not episode.terminated:
        return "timed out"
    return {100.0: "landed", -100.0: "crashed"}.get(episode.last_reward, "ended")


def play_episode(env: gym.Env, policy: Policy, seed: int, frame_every: int = 0) -> Episode:
    """Play one episode from the start state `seed` gives to its end (the task's, or the time limit).

    With `frame_every` = k > 0 (and an env made with render=True), every k-th step is drawn and
    kept, shrunk, for an animation.
    """
    observation, _ = env.reset(seed=seed)
    first, total, length, frames = observation, 0.0, 0, []
    terminated = truncated = False
    while not (terminated or truncated):
        if frame_every and length % frame_every == 0:
            frames.append(shrink(env.render()))
        observation, reward, terminated, truncated, _ = env.step(policy(observation))
        total, length = total + float(reward), length + 1
    if frame_every:
        frames.append(shrink(env.render()))  # the final state, however the episode ended
    return Episode(total, length, first, frames, terminated=bool(terminated), last_reward=float(reward))


def random_policy(env: gym.Env, seed: int) -> Policy:
    """Uniformly random actions (within the bounds, for continuous ones) from a generator seeded
    with `seed`: the baseline to beat."""
    space = env.action_space
    space.seed(seed)
    if isinstance(space, gym.spaces.Discrete):
        return lambda observation: int(space.sample())
    return lambda observation: space.sample()
