import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }}.artefacts import ONNX_INPUT, ONNX_MODEL
from {{ cookiecutter.package_name }}.model import ActorCritic, ModelConfig, load_model, save_model

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
