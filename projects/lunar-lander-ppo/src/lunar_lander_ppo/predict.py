"""Inference: the trained policy plays an episode from a seed, beside a random policy on the same seed.

    python -m lunar_lander_ppo.predict SEED [SEED ...]

It runs the ONNX export of the actor (models/policy.onnx) with onnxruntime, so it and the demo
need no PyTorch. A seed that is not a whole number from 0 to MAX_SEED raises InvalidSeedError
with a sentence a demo visitor can act on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnxruntime

from .animation import frame_rate
from .artefacts import MODEL_CONFIG, ONNX_ACTION, ONNX_INPUT, ONNX_MODEL, ONNX_OUTPUT
from .envs import Episode, make_env, play_episode, random_policy, spaces_of
from .kit.inputs import as_number, is_whole

MAX_SEED = 2**31 - 1  # any seed NumPy takes would do; this one fits every client's integer type


class InvalidSeedError(ValueError):
    """Raised when a seed is missing, not a whole number, or out of range."""


def check_seed(seed: object) -> int:
    """The seed as an int, or InvalidSeedError saying what a seed must be; whatever `seed` is
    (the demo's API passes on any JSON: text, NaN, a list, an int of a hundred digits)."""
    if seed is None or (isinstance(seed, str) and not seed.strip()):
        raise InvalidSeedError("Pick a seed first: a whole number that fixes the episode's start.")
    number = as_number(seed)
    if number is None:
        raise InvalidSeedError(f"The seed must be a whole number, not {seed!r}.")
    if not is_whole(number):
        raise InvalidSeedError(f"The seed must be a whole number, not {number:g}.")
    if not 0 <= number <= MAX_SEED:
        raise InvalidSeedError(f"The seed must be between 0 and {MAX_SEED:,}; {grouped(number)} is not.")
    return int(number)


def grouped(number: int | float) -> str:
    """A whole number with its thousands grouped, as its float prints (as the browser's demo
    prints it too), or exactly when it is past a float's range."""
    try:
        return f"{float(number):,.0f}"
    except OverflowError:
        return f"{number:,}"


class Agent:
    """The trained policy, run by onnxruntime on the ONNX export training writes beside the weights."""

    def __init__(self, model_dir: str | Path):
        path = Path(model_dir) / ONNX_MODEL
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no trained policy; run `make train` first")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one observation at a time: more threads would only wait
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        config = json.loads(self.session.get_modelmeta().custom_metadata_map[MODEL_CONFIG])
        self.env_id: str = config["env_id"]
        self.continuous = spaces_of(self.env_id).continuous  # then the export answers the action itself
        env = make_env(self.env_id)
        self.frame_every, self.animation_fps = frame_rate(env.metadata.get("render_fps", 25))
        env.close()

    def outputs(self, observations: np.ndarray) -> np.ndarray:
        """(B, observation_size) -> the policy's score of each action (B, actions), or for continuous
        actions the action itself (B, action_size)."""
        (out,) = self.session.run([ONNX_ACTION if self.continuous else ONNX_OUTPUT],
                                  {ONNX_INPUT: np.asarray(observations, dtype=np.float32)})
        return out

    def act(self, observation: np.ndarray) -> int | np.ndarray:
        """The trained agent acts greedily, as it was evaluated: the most likely action, or the
        mean action within the bounds."""
        out = self.outputs(observation[None])[0]
        return out if self.continuous else int(out.argmax())

    def play(self, seed: int, animate: bool = False) -> Episode:
        """One episode of the trained agent from `seed`'s start state (with frames if `animate`)."""
        return self._play(seed, animate, random=False)

    def play_random(self, seed: int, animate: bool = False) -> Episode:
        """The same start state, played by uniformly random actions: the baseline."""
        return self._play(seed, animate, random=True)

    def _play(self, seed: int, animate: bool, random: bool) -> Episode:
        env = make_env(self.env_id, render=animate)  # a fresh one per episode: callers share nothing
        try:
            policy = random_policy(env, seed) if random else self.act
            return play_episode(env, policy, check_seed(seed), frame_every=self.frame_every if animate else 0)
        finally:
            env.close()


def main(argv: list[str] | None = None) -> None:
    seeds = sys.argv[1:] if argv is None else argv
    if not seeds:
        raise SystemExit("usage: python -m lunar_lander_ppo.predict SEED [SEED ...]")
    agent = Agent("models")
    for text in seeds:
        try:
            seed = check_seed(text)
        except InvalidSeedError as e:
            print(f"{text}: error: {e}")
            continue
        trained, random = agent.play(seed), agent.play_random(seed)
        print(f"seed {seed}: trained agent {trained.total_reward:g} in {trained.length} steps, "
              f"random policy {random.total_reward:g} in {random.length} steps")


if __name__ == "__main__":
    main()
