import numpy as np
import pytest
import torch

from lunar_lander_ppo import train
from lunar_lander_ppo.artefacts import ONNX_MODEL
from lunar_lander_ppo.envs import make_env
from lunar_lander_ppo.model import load_model
from lunar_lander_ppo.predict import MAX_SEED, Agent, InvalidSeedError, check_seed


@pytest.fixture(scope="module")
def agent(trained):
    return Agent(trained / "models")


def test_the_onnx_policy_picks_the_actions_the_pytorch_model_picks(trained, agent):
    """The demo serves the ONNX graph; evaluation measured the PyTorch model. They must agree,
    on the states the agent actually visits."""
    model, _ = load_model(trained / "models")
    env = make_env("CartPole-v1")
    for seed in range(5):
        observation, _ = env.reset(seed=seed)
        done = False
        while not done:
            action = agent.act(observation)
            assert action == model.best_action(torch.as_tensor(observation[None]))[0].item()
            observation, _, terminated, truncated, _ = env.step(action)
            done = terminated or truncated


def test_a_continuous_policy_is_served_as_its_mean_action_within_the_bounds(tmp_path):
    """Pendulum-v1, trained for a moment with normalised observations: the ONNX graph the demo
    runs answers the action (normaliser included) the PyTorch model evaluates with."""
    train.train(train.Config(env_id="Pendulum-v1", total_timesteps=256, normalise_observations=True,
                             model_dir=str(tmp_path / "m"), reports_dir=str(tmp_path / "r")))
    model, _ = load_model(tmp_path / "m")
    pendulum = Agent(tmp_path / "m")
    env = make_env("Pendulum-v1")
    observation, _ = env.reset(seed=0)
    for _ in range(50):
        action = pendulum.act(observation)
        assert action.shape == (1,) and abs(action[0]) <= 2
        np.testing.assert_allclose(action, model.best_action(torch.as_tensor(observation[None]))[0].numpy(),
                                   atol=1e-5)
        observation, *_ = env.step(action)
    episode = pendulum.play(4)
    assert episode.length == 200 and episode.total_reward < 0  # Pendulum pays a cost every step


def test_the_trained_agent_beats_a_random_policy_on_the_same_start(agent):
    seeds = range(20)
    trained = sum(agent.play(seed).total_reward for seed in seeds)
    random = sum(agent.play_random(seed).total_reward for seed in seeds)
    assert trained > 1.5 * random  # a random policy keeps the pole up about 22 steps


def test_an_episode_repeats_from_its_seed_and_can_be_animated(agent):
    plain, animated = agent.play(3), agent.play(3, animate=True)
    assert plain.total_reward == animated.total_reward and not plain.frames
    assert len(animated.frames) == -(-animated.length // agent.frame_every) + 1


@pytest.mark.parametrize("seed, problem", [
    (None, "Pick a seed"), ("", "Pick a seed"), ("ten", "whole number"), (1.5, "whole number"),
    (-1, "between 0 and"), (MAX_SEED + 1, "between 0 and"), (float("nan"), "whole number, not nan"),
    # what the demo's API passes on as sent: any JSON, and numbers float() chokes on
    (float("inf"), "whole number, not inf"), ("-Infinity", "whole number, not -inf"),
    pytest.param(10**400, "; 10,000,000,000,000,000,000,000,000,000,000,000", id="10**400"),
    (-(10**30), "between 0 and"),
    ("1e400", "whole number, not inf"), ([7], r"whole number, not \[7\]"), ({"seed": 7}, "whole number"),
    (True, "whole number, not True"), (b"7", "whole number"), ("   ", "Pick a seed"),
])
def test_bad_seeds_are_refused_with_a_sentence(seed, problem):
    with pytest.raises(InvalidSeedError, match=problem):
        check_seed(seed)


def test_good_seeds_become_ints():
    seeds = (0, 7.0, "42", " 7 ", "1_0", "7e0", MAX_SEED)
    assert [check_seed(s) for s in seeds] == [0, 7, 42, 7, 10, 7, MAX_SEED]


def test_a_model_folder_without_the_export_says_to_train(trained, tmp_path):
    for path in (trained / "models").iterdir():
        if path.name != ONNX_MODEL:
            (tmp_path / path.name).write_bytes(path.read_bytes())
    with pytest.raises(FileNotFoundError, match="make train"):
        Agent(tmp_path)
