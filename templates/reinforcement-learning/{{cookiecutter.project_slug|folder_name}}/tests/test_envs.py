"""Environments: which ids are accepted, and episodes that repeat exactly from a seed."""

import io

import numpy as np
import pytest
from PIL import Image

from {{ cookiecutter.package_name }}.animation import frame_rate, gif_bytes, side_by_side
from {{ cookiecutter.package_name }}.envs import (
    EnvError,
    Episode,
    Spaces,
    check_env_id,
    make_env,
    make_vector_env,
    outcome,
    play_episode,
    random_policy,
    spaces_of,
)


@pytest.mark.parametrize("env_id, spaces", [
    ("CartPole-v1", Spaces(4, 2)),
    ("Acrobot-v1", Spaces(6, 3)),
    ("LunarLander-v3", Spaces(8, 4)),
    ("Pendulum-v1", Spaces(3, 0, (-2.0,), (2.0,))),
    ("LunarLanderContinuous-v3", Spaces(8, 0, (-1.0, -1.0), (1.0, 1.0))),
])
def test_vector_tasks_with_discrete_or_bounded_continuous_actions_are_accepted(env_id, spaces):
    assert spaces_of(env_id) == spaces
    assert spaces_of(env_id).continuous == (spaces.num_actions == 0)
    check_env_id(env_id)


@pytest.mark.parametrize("env_id, problem", [
    ("CartPole-v9", "is not a registered"),
    ("NoSuchTask", "is not a registered"),
    ("CarRacing-v3", r"observes Box\(0, 255, \(96, 96, 3\), uint8\), not a vector"),
    ("FrozenLake-v1", r"observes Discrete\(16\), not a vector"),
    ("Blackjack-v1", "observes Tuple"),
])
def test_other_ids_are_refused_naming_the_setting_and_the_fix(env_id, problem):
    fix = "Fix: set env_id to a task with a vector observation, e.g. CartPole-v1"
    with pytest.raises(EnvError, match=f"env_id '{env_id}' {problem}.*{fix}"):
        check_env_id(env_id)


def test_continuous_actions_are_clipped_to_the_bounds_on_the_way_in():
    envs = make_vector_env("Pendulum-v1", 2)
    envs.reset(seed=0)
    envs.step(np.array([[100.0], [-100.0]]))  # far outside [-2, 2]: the task gets 2 and -2
    torques = [env.unwrapped.last_u for env in envs.unwrapped.envs]
    assert torques == [2.0, -2.0]


def test_a_random_policy_acts_within_the_bounds():
    env = make_env("LunarLanderContinuous-v3")
    policy = random_policy(env, 3)
    actions = np.stack([policy(None) for _ in range(200)])
    assert actions.shape == (200, 2) and (np.abs(actions) <= 1).all()


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


def test_a_lunar_lander_episode_says_how_it_ended():
    env = make_env("LunarLander-v3")
    falling = play_episode(env, lambda observation: 0, seed=0)  # engines off: it falls and crashes
    assert falling.terminated and falling.last_reward == -100.0
    assert outcome("LunarLander-v3", falling) == "crashed"
    start = np.zeros(8)
    landed = Episode(240.0, 300, start, terminated=True, last_reward=100.0)
    assert outcome("LunarLander-v3", landed) == "landed"
    assert outcome("LunarLanderContinuous-v3", Episode(90.0, 1000, start)) == "timed out"  # the time limit
    assert outcome("CartPole-v1", falling) is None  # no such rule in other tasks


def test_two_episodes_play_side_by_side_and_the_shorter_holds_its_last_frame():
    short, long = [Image.new("RGB", (10, 8), "red")] * 2, [Image.new("RGB", (10, 8), "blue")] * 5
    sheets = side_by_side({"trained agent": short, "random policy": long})
    assert len(sheets) == 5 and sheets[0].size == (20, 8 + 16)  # a caption strip above the frames
    assert sheets[4].getpixel((5, 20)) == (255, 0, 0) and sheets[4].getpixel((15, 20)) == (0, 0, 255)
    with pytest.raises(ValueError, match="at least one episode"):
        side_by_side({"trained agent": []})
