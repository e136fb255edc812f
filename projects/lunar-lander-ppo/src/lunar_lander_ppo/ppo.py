"""The mathematics of PPO, each piece a pure function of tensors (train.py runs the loop).

Proximal policy optimisation (Schulman et al., 2017) improves a policy from the experience it
just collected, but not too far in one go: the probability ratio between the new policy and
the one that acted is clipped, so a step that would move it much gains nothing. Advantages
come from generalised advantage estimation (Schulman et al., 2016).
"""

from __future__ import annotations

import torch


def gae(rewards: torch.Tensor, values: torch.Tensor, episode_ends: torch.Tensor, last_value: torch.Tensor,
        gamma: float, lam: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimates and the returns the critic learns, both (T, N).

    rewards, values, episode_ends: (T, N), for T steps of N environments; episode_ends[t] is 1
    where the episode ended with step t (the next observation starts a new one). last_value: (N,),
    the critic's value of the observation after the last step. Working backwards,

        delta_t = r_t + gamma * V(s_t+1) * (1 - end_t) - V(s_t)      (the one-step TD error)
        A_t     = delta_t + gamma * lam * (1 - end_t) * A_t+1

    lam = 0 gives the one-step TD error (low variance, biased by the critic); lam = 1 the Monte
    Carlo return minus the baseline (unbiased, noisy). Returns are A_t + V(s_t).
    """
    advantages = torch.zeros_like(rewards)
    next_value, next_advantage = last_value, torch.zeros_like(last_value)
    for t in reversed(range(len(rewards))):
        carry = 1.0 - episode_ends[t]  # nothing flows back across the end of an episode
        delta = rewards[t] + gamma * next_value * carry - values[t]
        next_advantage = advantages[t] = delta + gamma * lam * carry * next_advantage
        next_value = values[t]
    return advantages, advantages + values


def normalise(advantages: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Zero mean and unit standard deviation in each minibatch: the step size then does not depend
    on the scale of the rewards, and about half the actions are pushed up, half down."""
    return (advantages - advantages.mean()) / (advantages.std() + eps)


def clipped_policy_loss(log_ratio: torch.Tensor, advantages: torch.Tensor, clip: float) -> torch.Tensor:
    """PPO's clipped surrogate objective, negated to be minimised (Schulman et al., 2017, eq. 7).

    log_ratio = log pi_new(a|s) - log pi_old(a|s). Taking the pessimistic (larger) of the plain and
    the clipped loss means that moving the ratio outside [1 - clip, 1 + clip] in the direction the
    advantage favours earns nothing, while moving it the wrong way is still penalised in full.
    """
    ratio = log_ratio.exp()
    plain = -advantages * ratio
    clipped = -advantages * ratio.clamp(1 - clip, 1 + clip)
    return torch.max(plain, clipped).mean()


def value_loss(values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor,
               clip: float | None) -> torch.Tensor:
    """Half the squared error of the critic; with `clip`, the pessimistic one of the plain error and
    that of a value kept within `clip` of the old one, as in PPO's reference code (Huang et al., 2022)."""
    error = (values - returns) ** 2
    if clip is not None:
        kept = old_values + (values - old_values).clamp(-clip, clip)
        error = torch.max(error, (kept - returns) ** 2)
    return 0.5 * error.mean()


def approx_kl(log_ratio: torch.Tensor) -> torch.Tensor:
    """KL(pi_old || pi_new) estimated from samples as mean((r - 1) - log r): unbiased, never negative
    (Schulman, 2020, "Approximating KL divergence"). A diagnostic: large values mean big policy steps."""
    return ((log_ratio.exp() - 1) - log_ratio).mean()


def clip_fraction(log_ratio: torch.Tensor, clip: float) -> torch.Tensor:
    """The share of samples whose ratio fell outside [1 - clip, 1 + clip], where the objective is flat."""
    return ((log_ratio.exp() - 1).abs() > clip).float().mean()


def explained_variance(predicted: torch.Tensor, target: torch.Tensor) -> float:
    """1 - Var(target - predicted) / Var(target): 1 for a perfect critic, 0 for one that predicts
    the mean, negative for worse; nan when the targets do not vary."""
    variance = target.var()
    return float("nan") if variance == 0 else float(1 - (target - predicted).var() / variance)


def annealed(value: float, iteration: int, iterations: int) -> float:
    """`value` decayed linearly from full at the first iteration to one step above zero at the last:
    big steps while the policy is poor, small ones as it settles."""
    return value * (1.0 - iteration / iterations)
