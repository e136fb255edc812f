"""Train the agent with PPO in vectorised environments and save its networks.

    python -m cartpole_ppo.train [--config configs/quick.yaml] [--total-timesteps 20000 ...]

Each iteration plays `num_steps` steps in each of `num_envs` environments with the current policy,
estimates how much better than expected each action turned out (ppo.gae), and improves the policy
on that batch for a few epochs with PPO's clipped objective. In the spirit of CleanRL's ppo.py
(Huang et al., 2022), with the maths in ppo.py. Writes models/ (weights, config, ONNX policy for the
demo) and reports/training.json (config, the logged scalars, duration) for the evaluation step; each
iteration's scalars go to the experiment tracker too (`make dashboard`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch
from tqdm import tqdm

from .envs import EnvError, check_env_id, make_vector_env, spaces_of
from .kit.config import ConfigError, load_config, reproduce_command
from .kit.reporting import write_json
from .kit.runtime import hardware, pick_device, seed_everything
from .kit.tracking import Tracker
from .model import ActorCritic, ModelConfig, save_model
from .ppo import (
    annealed,
    approx_kl,
    clip_fraction,
    clipped_policy_loss,
    explained_variance,
    gae,
    normalise,
    value_loss,
)


@dataclass
class Config:
    """Every setting of a training run, with its default (the one place defaults live).

    A YAML file (`--config FILE`) or a flag changes a setting for one run; `--help` lists them all,
    and reports/training.json records the values a run used. The defaults start from the tuned
    CartPole-v1 settings of rl-baselines3-zoo (Raffin, 2020): many short rollouts, short-sighted
    discounting, no entropy bonus; with a 2.5x learning rate and half the epochs they solve
    CartPole-v1 in half the steps (50k), and learn Acrobot-v1 as well.
    """

    env_id: str = "CartPole-v1"
    """Gymnasium id of a task with a vector observation: discrete actions (CartPole-v1, Acrobot-v1,
    LunarLander-v3) or continuous ones (Pendulum-v1, LunarLanderContinuous-v3)"""
    seed: int = 0
    """seed of the weights, the sampled actions and the training environments (seed, seed+1, ...)"""
    total_timesteps: int = 50_000
    """environment steps to learn from, summed over all environments"""
    num_envs: int = 8
    """environments played side by side: more, less correlated experience per update"""
    num_steps: int = 32
    """steps played in each environment per iteration (the rollout length)"""
    learning_rate: float = 2.5e-3
    """Adam's step size at the start"""
    anneal_lr: bool = True
    """decay the learning rate linearly to zero over the run"""
    gamma: float = 0.98
    """discount: how much a reward one step later is worth (0.98: a horizon of about 50 steps)"""
    gae_lambda: float = 0.8
    """GAE's lambda: 0 trusts the critic (biased), 1 the observed returns (noisy)"""
    update_epochs: int = 10
    """passes over each rollout when improving the policy"""
    num_minibatches: int = 1
    """minibatches each pass is cut into"""
    norm_adv: bool = True
    """normalise the advantages within each minibatch"""
    clip_coef: float = 0.2
    """PPO's clip: how far the probability ratio may move from 1 before the objective stops rewarding it"""
    clip_vloss: bool = False
    """clip the critic's change per update too, as PPO's reference code does"""
    ent_coef: float = 0.0
    """weight of the entropy bonus, which keeps the policy exploring"""
    vf_coef: float = 0.5
    """weight of the critic's loss in the total loss"""
    max_grad_norm: float = 0.5
    """rescale the gradient to at most this global norm: no single batch can throw the policy far"""
    hidden: int = 64
    """units in each hidden layer of the actor and of the critic"""
    normalise_observations: bool = False
    """scale observations by their running mean and variance (kept in the model, so the demo sees
    the same inputs); for tasks whose observations differ widely in scale"""
    normalise_rewards: bool = False
    """divide rewards by the running standard deviation of the discounted return (training only);
    for tasks whose rewards are large or far from zero, such as Pendulum-v1"""
    threads: int = 1
    """PyTorch CPU threads; networks this small run fastest on one"""
    device: str = "cpu"
    """'cpu', 'cuda' or 'auto'; networks this small gain nothing from a GPU"""
    model_dir: str = "models"
    """where the weights, model config and ONNX policy go"""
    reports_dir: str = "reports"
    """where training.json goes"""
    track: bool = True
    """log the run to the experiment tracker (runs/, `make dashboard`); --no-track writes nothing there"""


class ScalarLog:
    """Scalars under namespaced tags (`charts/episodic_return`, `losses/approx_kl`, ...), each point
    [global step, seconds since the start, value]: what TensorBoard's add_scalar records, kept
    in memory and written to reports/training.json for the learning curves."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.scalars: dict[str, list[list[float]]] = defaultdict(list)

    def add(self, tag: str, value: float, step: int) -> None:
        self.scalars[tag].append([step, round(time.perf_counter() - self.started, 3), round(float(value), 6)])

    def recent_mean(self, tag: str, count: int = 20) -> float:
        points = self.scalars[tag][-count:]
        return float(np.mean([value for _, _, value in points])) if points else float("nan")


@dataclass
class Rollout:
    """What one iteration played: (T, N) tensors for T steps in N environments (observations (T, N, D))."""

    observations: torch.Tensor
    actions: torch.Tensor
    log_probs: torch.Tensor  # log pi_old(a|s) of the policy that acted
    values: torch.Tensor  # V(s) of the critic at the time
    rewards: torch.Tensor
    episode_ends: torch.Tensor
    last_value: torch.Tensor  # (N,) V of the observation after the last step


def collect(envs: gym.vector.VectorEnv, agent: ActorCritic, observation: np.ndarray, cfg: Config,
            log: ScalarLog, step: int) -> tuple[Rollout, np.ndarray]:
    """Play cfg.num_steps steps in every environment with the current policy; returns the rollout and
    the observation to continue from. `step` is the global step count before this rollout."""
    device, stored = next(agent.parameters()).device, defaultdict(list)
    for _ in range(cfg.num_steps):
        obs = torch.as_tensor(observation, dtype=torch.float32, device=device)  # (N, D)
        agent.normaliser.update(obs)  # (a no-op unless normalise_observations)
        with torch.no_grad():
            policy, value = agent.policy(obs), agent.value(obs)
            action = policy.sample()  # (N,) discrete, (N, A) continuous (clipped to the bounds by the env)
        observation, reward, terminated, truncated, info = envs.step(action.cpu().numpy())
        reward = torch.as_tensor(reward, dtype=torch.float32, device=device)
        # An episode cut by the time limit did not end in the task: bootstrap its last reward with
        # the value of where it stood, as if it went on (Pardo et al., 2018, "Time limits in RL").
        cut = truncated & ~terminated
        if cut.any():
            final = torch.as_tensor(np.stack(info["final_obs"][cut]), dtype=torch.float32, device=device)
            with torch.no_grad():
                reward[cut] += cfg.gamma * agent.value(final)
        step += envs.num_envs
        for i in np.flatnonzero(info.get("_episode", [])):
            log.add("charts/episodic_return", info["episode"]["r"][i], step)
            log.add("charts/episodic_length", info["episode"]["l"][i], step)
        ends = torch.as_tensor(terminated | truncated, dtype=torch.float32, device=device)
        log_prob = policy.log_prob(action)
        for name, tensor in (("observations", obs), ("actions", action), ("log_probs", log_prob),
                             ("values", value), ("rewards", reward), ("episode_ends", ends)):
            stored[name].append(tensor)
    with torch.no_grad():
        last_value = agent.value(torch.as_tensor(observation, dtype=torch.float32, device=device))
    return Rollout(**{name: torch.stack(tensors) for name, tensors in stored.items()},
                   last_value=last_value), observation


def update(agent: ActorCritic, optimizer: torch.optim.Optimizer, rollout: Rollout, cfg: Config) -> dict:
    """Improve the policy and the critic on one rollout; returns the last minibatch's diagnostics."""
    advantages, returns = gae(rollout.rewards, rollout.values, rollout.episode_ends, rollout.last_value,
                              cfg.gamma, cfg.gae_lambda)
    obs = rollout.observations.flatten(0, 1)  # (T*N, D)
    actions, old_log_probs, old_values = (t.flatten(0, 1) for t in (rollout.actions, rollout.log_probs,
                                                                    rollout.values))
    advantages, returns = advantages.flatten(), returns.flatten()
    clip_fractions = []
    for _ in range(cfg.update_epochs):
        for batch in torch.randperm(len(obs), device=obs.device).chunk(cfg.num_minibatches):
            policy = agent.policy(obs[batch])
            log_ratio = policy.log_prob(actions[batch]) - old_log_probs[batch]
            adv = normalise(advantages[batch]) if cfg.norm_adv else advantages[batch]
            policy_loss = clipped_policy_loss(log_ratio, adv, cfg.clip_coef)
            v_loss = value_loss(agent.value(obs[batch]), old_values[batch], returns[batch],
                                cfg.clip_coef if cfg.clip_vloss else None)
            entropy = policy.entropy().mean()
            loss = policy_loss - cfg.ent_coef * entropy + cfg.vf_coef * v_loss
            # backward, clip the gradient's norm, step
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(agent.parameters(), cfg.max_grad_norm)
            optimizer.step()
            clip_fractions.append(clip_fraction(log_ratio.detach(), cfg.clip_coef).item())
    return {"losses/policy_loss": policy_loss.item(), "losses/value_loss": v_loss.item(),
            "losses/entropy": entropy.item(), "losses/approx_kl": approx_kl(log_ratio.detach()).item(),
            "losses/clipfrac": float(np.mean(clip_fractions)),
            "losses/explained_variance": explained_variance(old_values, returns)}


def check(cfg: Config) -> None:
    """Stop before anything runs if the settings cannot make a run."""
    check_env_id(cfg.env_id)
    batch = cfg.num_envs * cfg.num_steps
    if min(cfg.num_envs, cfg.num_steps, cfg.num_minibatches, cfg.update_epochs) < 1:
        raise ConfigError("num_envs, num_steps, num_minibatches and update_epochs must be at least 1")
    if cfg.total_timesteps < batch:
        raise ConfigError(f"total_timesteps {cfg.total_timesteps} is less than one rollout "
                          f"(num_envs x num_steps = {batch}); raise total_timesteps")
    if batch // cfg.num_minibatches < 2:
        raise ConfigError(f"num_minibatches {cfg.num_minibatches} leaves fewer than 2 samples per "
                          f"minibatch of the {batch} a rollout holds; lower it")


def train(cfg: Config) -> dict:
    """The whole run; returns what it wrote to reports/training.json."""
    check(cfg)
    seed_everything(cfg.seed)
    torch.set_num_threads(cfg.threads)
    device = pick_device(cfg.device)
    envs = make_vector_env(cfg.env_id, cfg.num_envs)
    if cfg.normalise_rewards:  # outside the episode statistics, which keep the true returns
        envs = gym.wrappers.vector.NormalizeReward(envs, gamma=cfg.gamma)
    spaces = spaces_of(cfg.env_id)
    model_config = ModelConfig(cfg.env_id, spaces.observation_size, spaces.num_actions, cfg.hidden,
                               list(spaces.action_low), list(spaces.action_high), cfg.normalise_observations)
    agent = ActorCritic(model_config).to(device)
    optimizer = torch.optim.Adam(agent.parameters(), lr=cfg.learning_rate, eps=1e-5, foreach=True)

    iterations = cfg.total_timesteps // (cfg.num_envs * cfg.num_steps)
    tracker = Tracker(__package__, asdict(cfg), cfg.track)
    log, step = ScalarLog(), 0
    observation, _ = envs.reset(seed=cfg.seed)  # environment i starts from seed + i
    bar = tqdm(range(iterations), desc=f"training on {cfg.env_id}", unit="iteration")
    for iteration in bar:
        lr = annealed(cfg.learning_rate, iteration, iterations) if cfg.anneal_lr else cfg.learning_rate
        optimizer.param_groups[0]["lr"] = lr
        # play, then learn from what was played
        rollout, observation = collect(envs, agent, observation, cfg, log, step)
        step += cfg.num_envs * cfg.num_steps
        diagnostics = update(agent, optimizer, rollout, cfg)
        # log
        scalars = {**diagnostics, "charts/learning_rate": lr,
                   "charts/SPS": step / (time.perf_counter() - log.started)}
        for tag, value in scalars.items():
            log.add(tag, value, step)
        # the tracker gets one row per iteration (a call per episode would slow this Python-bound loop)
        recent = {f"{tag}_last20": log.recent_mean(tag) for tag in ("charts/episodic_return",
                                                                     "charts/episodic_length")}
        tracker.log({**scalars, **{tag: value for tag, value in recent.items() if np.isfinite(value)}}, step)
        bar.set_postfix(episodic_return=f"{log.recent_mean('charts/episodic_return'):.1f}",
                        approx_kl=f"{diagnostics['losses/approx_kl']:.4f}")
    duration = time.perf_counter() - log.started
    envs.close()

    save_model(agent.cpu(), model_config, Path(cfg.model_dir))
    record = {
        "config": asdict(cfg),
        "environment": {"id": cfg.env_id, "gymnasium": gym.__version__, "steps": step,
                        "episodes": len(log.scalars["charts/episodic_return"])},
        "device": str(device),
        "hardware": hardware(device),
        "command": reproduce_command(cfg, __package__),  # what evaluation quotes
        "train_duration_s": round(duration, 2),
        "history": dict(log.scalars),
        "tracking": tracker.finish(),  # the tracked run's name, which evaluation and metrics.json quote
    }
    write_json(Path(cfg.reports_dir) / "training.json", record)
    return record


def main(argv: list[str] | None = None) -> None:
    try:
        cfg = load_config(Config, argv, description=__doc__)
        record = train(cfg)
    except (ConfigError, EnvError) as e:
        raise SystemExit(f"error: {e}") from None
    returns = [value for _, _, value in record["history"]["charts/episodic_return"][-20:]]
    print(f"trained in {record['train_duration_s']:.1f} s on {record['environment']['steps']:,} steps; "
          f"mean return of the last {len(returns)} training episodes {np.mean(returns):.1f}")


if __name__ == "__main__":
    main()
