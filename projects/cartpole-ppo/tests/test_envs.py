"""Environments: which ids are accepted, and episodes that repeat exactly from a seed."""

import io

import pytest
from PIL import Image

from cartpole_ppo.animation import frame_rate, gif_bytes
from cartpole_ppo.envs import (
    EnvError,
    check_env_id,
    discrete_control_ids,
    make_env,
    make_vector_env,
    play_episode,
    random_policy,
)


def test_the_discrete_classic_control_tasks_are_accepted():
    assert {"CartPole-v1", "Acrobot-v1", "MountainCar-v0"} <= set(discrete_control_ids())
    check_env_id("Acrobot-v1")


@pytest.mark.parametrize("env_id, problem", [
    ("Pendulum-v1", "has continuous actions"),
    ("MountainCarContinuous-v0", "has continuous actions"),
    ("CartPole-v9", "is not a registered"),
    ("NoSuchTask", "is not a registered"),
])
def test_other_ids_are_refused_naming_the_setting_and_the_fix(env_id, problem):
    fix = "Fix: set env_id to one of .*CartPole-v1"
    with pytest.raises(EnvError, match=f"env_id '{env_id}' {problem}.*{fix}"):
        check_env_id(env_id)


def test_vector_envs_report_finished_episodes_and_their_last_observation():
    envs = make_vector_env("CartPole-v1", 3)
    envs.reset(seed=0)
    while True:
        _, _, terminated, truncated, info = envs.step(envs.action_space.sample())
        if (terminated | truncated).any():
            break
    ended = terminated | truncated
    assert (info["_episode"] == ended).all() and (info["episode"]["r"][ended] >= 1).all()
    assert all(obs.shape == (4,) for obs in info["final_obs"][ended])  # the old episode's last state


def test_an_episode_repeats_exactly_from_its_seed():
    env = make_env("CartPole-v1")
    first = play_episode(env, random_policy(env, 5), seed=5)
    again = play_episode(env, random_policy(env, 5), seed=5)
    other = play_episode(env, random_policy(env, 6), seed=6)
    assert (first.total_reward, first.length) == (again.total_reward, again.length)
    assert (first.first_observation == again.first_observation).all()
    assert (first.first_observation != other.first_observation).any()
    assert first.total_reward == first.length  # CartPole pays 1 per step the pole stays up


def test_frames_are_drawn_headless_and_make_a_small_looping_gif():
    env = make_env("CartPole-v1", render=True)
    every, fps = frame_rate(env.metadata["render_fps"])
    episode = play_episode(env, random_policy(env, 0), seed=0, frame_every=every)
    assert len(episode.frames) == -(-episode.length // every) + 1  # every k-th step, and the end
    assert episode.frames[0].size == (300, 200)  # 600x400 shrunk by 2
    data = gif_bytes(episode.frames, fps)
    with Image.open(io.BytesIO(data)) as gif:
        assert gif.format == "GIF" and gif.n_frames == len(episode.frames)
        assert gif.info["loop"] == 0 and gif.info["duration"] == round(1000 / fps)
    assert len(data) < 2_000 * len(episode.frames)  # a few hundred bytes to 2 KB a frame
