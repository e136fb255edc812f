import json

import numpy as np
import pytest

from lunar_lander_ppo import train
from lunar_lander_ppo.model import load_model

LOGGED = ["charts/episodic_return", "charts/episodic_length", "charts/learning_rate", "charts/SPS",
          "losses/policy_loss", "losses/value_loss", "losses/entropy", "losses/approx_kl",
          "losses/clipfrac", "losses/explained_variance"]


def test_a_tiny_training_run_learns(trained):
    returns = json.loads((trained / "reports/training.json").read_text())["history"]["charts/episodic_return"]
    first, last = (np.mean([value for _, _, value in points]) for points in (returns[:20], returns[-20:]))
    assert last > 2 * first  # untrained, the pole falls after about 20 steps


def test_every_quantity_is_logged_under_its_namespace_with_step_and_time(trained):
    record = json.loads((trained / "reports/training.json").read_text())
    assert set(record["history"]) == set(LOGGED)
    iterations = record["history"]["losses/approx_kl"]
    steps = [step for step, _, _ in iterations]
    assert steps == sorted(steps) and steps[-1] == record["environment"]["steps"]
    rates = [value for _, _, value in record["history"]["charts/learning_rate"]]
    assert rates[0] == train.Config().learning_rate and rates == sorted(rates, reverse=True)  # annealed
    assert all(seconds >= 0 for _, seconds, _ in iterations)


@pytest.mark.parametrize("args, problem", [
    (["--env-id", "CarRacing-v3"], "env_id 'CarRacing-v3' observes Box"),
    (["--env-id", "Nope-v0"], "env_id 'Nope-v0' is not a registered"),
    (["--total-timesteps", "100"], "total_timesteps 100 is less than one rollout"),
    (["--num-minibatches", "300"], "num_minibatches 300"),
])
def test_settings_that_cannot_make_a_run_stop_it_with_the_field_named(tmp_path, args, problem):
    with pytest.raises(SystemExit, match=problem):
        train.main([*args, "--model-dir", str(tmp_path / "m"), "--reports-dir", str(tmp_path / "r")])
    assert not (tmp_path / "m").exists()  # stopped before anything was written


@pytest.mark.parametrize("env_id", ["Acrobot-v1", "Pendulum-v1", "LunarLanderContinuous-v3"])
def test_other_tasks_train_too_discrete_and_continuous(tmp_path, env_id):
    cfg = train.Config(env_id=env_id, total_timesteps=512, normalise_observations=True,
                       normalise_rewards=True, model_dir=str(tmp_path / "m"), reports_dir=str(tmp_path / "r"))
    record = train.train(cfg)
    assert record["environment"]["id"] == env_id and (tmp_path / "m/policy.onnx").is_file()
    model, config = load_model(tmp_path / "m")
    assert config.continuous == (env_id != "Acrobot-v1")
    assert round(float(model.normaliser.count)) == 512  # every observation played went into the statistics
    losses = [value for _, _, value in record["history"]["losses/policy_loss"]]
    assert np.isfinite(losses).all()
