import math

import numpy as np
import onnxruntime
import pytest
import torch

from lunar_lander_ppo.artefacts import ONNX_ACTION, ONNX_INPUT, ONNX_MODEL
from lunar_lander_ppo.model import ActorCritic, ModelConfig, RunningNormaliser, load_model, save_model

CONFIG = ModelConfig(env_id="Acrobot-v1", observation_size=6, num_actions=3)


def test_the_actor_scores_each_action_and_the_critic_values_each_state():
    model = ActorCritic(CONFIG)
    observations = torch.rand(5, 6)
    assert model(observations).shape == (5, 3) and model.value(observations).shape == (5,)
    assert model.best_action(observations).shape == (5,)


def test_a_new_policy_is_close_to_uniform_so_it_explores():
    probabilities = ActorCritic(CONFIG).policy(torch.randn(64, 6)).probs
    assert torch.allclose(probabilities, torch.full_like(probabilities, 1 / 3), atol=0.02)


def test_weights_round_trip_through_safetensors(tmp_path):
    model = ActorCritic(CONFIG).eval()
    save_model(model, CONFIG, tmp_path)
    loaded, loaded_config = load_model(tmp_path)
    x = torch.rand(3, 6)
    assert loaded_config == CONFIG
    assert torch.equal(model(x), loaded(x)) and torch.equal(model.value(x), loaded.value(x))
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle
    # the ONNX export takes any batch size, gives the same logits, and so picks the same actions
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    for batch in (1, 7, 300):
        x = torch.randn(batch, 6) * 3
        (logits,) = session.run(None, {ONNX_INPUT: x.numpy()})
        np.testing.assert_allclose(logits, model(x).detach().numpy(), atol=1e-5)
        assert (logits.argmax(1) == model.best_action(x).numpy()).all()


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)


CONTINUOUS = ModelConfig(env_id="LunarLanderContinuous-v3", observation_size=8, num_actions=0,
                         action_low=[-1.0, -0.5], action_high=[1.0, 0.5])


def test_a_continuous_policy_is_a_gaussian_whose_log_prob_and_entropy_match_the_formulas():
    model = ActorCritic(CONTINUOUS)
    with torch.no_grad():
        model.log_std.copy_(torch.tensor([0.3, -0.7]))
    observations, actions = torch.randn(5, 8), torch.randn(5, 2)
    policy = model.policy(observations)
    mean, std = model.actor(observations), torch.tensor([0.3, -0.7]).exp()
    # log N(a; mu, sigma) = -(a - mu)^2 / (2 sigma^2) - log sigma - log(2 pi) / 2, summed over dimensions
    expected = (-(actions - mean) ** 2 / (2 * std**2) - std.log() - math.log(2 * math.pi) / 2).sum(-1)
    torch.testing.assert_close(policy.log_prob(actions), expected)
    # H = log sigma + (1 + log(2 pi)) / 2 per dimension, whatever the state
    entropy = (std.log() + (1 + math.log(2 * math.pi)) / 2).sum()
    torch.testing.assert_close(policy.entropy(), entropy.expand(5))
    assert policy.sample().shape == (5, 2)


def test_the_greedy_continuous_action_is_the_mean_within_the_bounds():
    model = ActorCritic(CONTINUOUS)
    with torch.no_grad():
        model.actor[-1].bias.copy_(torch.tensor([5.0, -5.0]))  # a mean far outside both bounds
    action = model.best_action(torch.randn(4, 8))
    assert action.shape == (4, 2) and (action == torch.tensor([1.0, -0.5])).all()


def test_a_continuous_policy_exports_its_action_to_onnx(tmp_path):
    model = ActorCritic(CONTINUOUS).eval()
    save_model(model, CONTINUOUS, tmp_path)
    loaded, loaded_config = load_model(tmp_path)
    assert loaded_config == CONTINUOUS and torch.equal(loaded.log_std, model.log_std)
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    assert [o.name for o in session.get_outputs()] == [ONNX_ACTION]
    for batch in (1, 9):
        x = torch.randn(batch, 8) * 5
        (action,) = session.run(None, {ONNX_INPUT: x.numpy()})
        np.testing.assert_allclose(action, model.best_action(x).numpy(), atol=1e-5)


def test_observations_are_normalised_by_the_running_statistics_of_every_batch_seen():
    normaliser = RunningNormaliser(3, enabled=True)
    batches = [torch.randn(n, 3) * torch.tensor([1.0, 10.0, 100.0]) + 7 for n in (5, 50, 1)]
    for batch in batches:
        normaliser.update(batch)
    seen = torch.cat(batches).double()
    torch.testing.assert_close(normaliser.mean.double(), seen.mean(0), rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(normaliser.var.double(), seen.var(0, unbiased=False), rtol=1e-4, atol=1e-4)
    z = normaliser(seen.float())
    torch.testing.assert_close(z.mean(0), torch.zeros(3), atol=1e-4, rtol=0)
    assert normaliser(torch.full((1, 3), 1e9)).max() == 10  # clipped
    off = RunningNormaliser(3, enabled=False)
    off.update(batches[0])
    assert torch.equal(off(batches[0]), batches[0])  # disabled: the identity, statistics untouched


def test_the_normaliser_travels_with_the_weights_and_into_onnx(tmp_path):
    config = ModelConfig(env_id="Acrobot-v1", observation_size=6, num_actions=3, normalise_observations=True)
    model = ActorCritic(config)
    model.normaliser.update(torch.randn(100, 6) * 4 + 2)
    save_model(model.eval(), config, tmp_path)
    loaded, _ = load_model(tmp_path)
    x = torch.randn(7, 6) * 4 + 2
    assert torch.equal(loaded(x), model(x))
    session = onnxruntime.InferenceSession(str(tmp_path / ONNX_MODEL))
    (logits,) = session.run(None, {ONNX_INPUT: x.numpy()})
    np.testing.assert_allclose(logits, model(x).detach().numpy(), atol=1e-5)
