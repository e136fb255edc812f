"""PPO's pure functions against cases worked out by hand."""

import math

import pytest
import torch

from lunar_lander_ppo.ppo import (
    annealed,
    approx_kl,
    clip_fraction,
    clipped_policy_loss,
    explained_variance,
    gae,
    normalise,
    value_loss,
)


def test_gae_matches_a_hand_computed_rollout():
    # One environment, three steps; the episode ends with step 1, a new one starts at step 2.
    rewards = torch.tensor([[1.0], [2.0], [3.0]])
    values = torch.tensor([[0.5], [1.0], [2.0]])
    ends = torch.tensor([[0.0], [1.0], [0.0]])
    last_value = torch.tensor([4.0])
    gamma, lam = 0.5, 0.5
    # By hand, backwards:
    # t=2: delta = 3 + 0.5*4 - 2 = 3;                 A2 = 3
    # t=1: delta = 2 + 0 (episode ended) - 1 = 1;     A1 = 1 (nothing flows back across the end)
    # t=0: delta = 1 + 0.5*1.0 - 0.5 = 1;             A0 = 1 + 0.5*0.5*1 = 1.25
    advantages, returns = gae(rewards, values, ends, last_value, gamma, lam)
    assert advantages.flatten().tolist() == [1.25, 1.0, 3.0]
    assert returns.flatten().tolist() == [1.75, 2.0, 5.0]  # A + V


def test_gae_with_lambda_one_is_the_discounted_return_minus_the_baseline():
    rewards, values = torch.ones(4, 2), torch.rand(4, 2)
    advantages, returns = gae(rewards, values, torch.zeros(4, 2), torch.zeros(2), gamma=0.9, lam=1.0)
    discounted = sum(0.9**k for k in range(4))  # from step 0, with a final value of 0
    assert torch.allclose(returns[0], torch.full((2,), discounted))
    assert torch.allclose(advantages, returns - values)


def test_gae_with_lambda_zero_is_the_one_step_td_error():
    rewards, values, last = torch.rand(5, 3), torch.rand(5, 3), torch.rand(3)
    advantages, _ = gae(rewards, values, torch.zeros(5, 3), last, gamma=0.99, lam=0.0)
    next_values = torch.cat([values[1:], last[None]])
    assert torch.allclose(advantages, rewards + 0.99 * next_values - values)


def test_the_clipped_loss_is_the_plain_surrogate_inside_the_clip_range():
    log_ratio, advantages = torch.log(torch.tensor([0.9, 1.1])), torch.tensor([1.0, -2.0])
    expected = -(advantages * log_ratio.exp()).mean()
    assert clipped_policy_loss(log_ratio, advantages, clip=0.2) == pytest.approx(expected.item())


def test_the_clip_removes_the_gain_and_gradient_of_moving_too_far():
    # A good action (A > 0) whose probability already rose 50%: the objective is flat beyond 1.2.
    log_ratio = torch.log(torch.tensor([1.5])).requires_grad_()
    loss = clipped_policy_loss(log_ratio, torch.tensor([1.0]), clip=0.2)
    loss.backward()
    assert loss.item() == pytest.approx(-1.2) and log_ratio.grad.item() == 0.0
    # A bad action (A < 0) that became more likely is still penalised in full, not clipped.
    log_ratio = torch.log(torch.tensor([1.5])).requires_grad_()
    loss = clipped_policy_loss(log_ratio, torch.tensor([-1.0]), clip=0.2)
    loss.backward()
    assert loss.item() == pytest.approx(1.5) and log_ratio.grad.item() == pytest.approx(1.5)


def test_value_loss_plain_and_clipped():
    values, old, returns = torch.tensor([3.0]), torch.tensor([1.0]), torch.tensor([0.0])
    assert value_loss(values, old, returns, clip=None).item() == pytest.approx(4.5)  # 0.5 * 3^2
    # clipped to 1 + 0.2 = 1.2, whose error 1.44 is smaller: the larger (3^2) counts
    assert value_loss(values, old, returns, clip=0.2).item() == pytest.approx(4.5)
    # moving towards the return beyond the clip gains nothing: the clipped value's error counts
    values, returns = torch.tensor([0.0]), torch.tensor([0.0])
    assert value_loss(values, old, returns, clip=0.2).item() == pytest.approx(0.5 * 0.8**2)


def test_diagnostics():
    same = torch.zeros(8)
    assert approx_kl(same).item() == 0.0 and clip_fraction(same, 0.2).item() == 0.0
    moved = torch.log(torch.tensor([1.0, 1.0, 1.5, 0.5]))
    assert approx_kl(moved).item() > 0 and clip_fraction(moved, 0.2).item() == 0.5
    target = torch.tensor([1.0, 2.0, 3.0])
    assert explained_variance(target, target) == 1.0
    assert explained_variance(torch.full((3,), 2.0), target) == pytest.approx(0.0)
    assert math.isnan(explained_variance(target, torch.ones(3)))


def test_normalised_advantages_have_zero_mean_and_unit_std():
    out = normalise(torch.tensor([1.0, 2.0, 3.0, 10.0]))
    assert out.mean().item() == pytest.approx(0.0, abs=1e-6) and out.std().item() == pytest.approx(1.0)


def test_the_learning_rate_anneals_linearly_to_one_step_above_zero():
    rates = [annealed(1e-3, i, 4) for i in range(4)]
    assert rates == pytest.approx([1e-3, 7.5e-4, 5e-4, 2.5e-4])
