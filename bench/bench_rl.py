"""Benchmarks of the reinforcement-learning targets (issue 10). Not a test: it prints and records.

    make bench          # or: .venv/bin/python bench/bench_rl.py [--quick]

1. CartPole-v1, the template's default config, 3 training seeds: the mean return of each over
   100 greedy evaluation episodes (the project's own evaluation seeds), and the wall time of the
   whole `train()` (environments, networks, loop and ONNX export); beside it, stable-baselines3's
   PPO with rl-baselines3-zoo's tuned CartPole-v1 hyperparameters, the same seeds, evaluated on
   the same episodes, seed by seed in turn so both meet the same load. Also, for both, the
   training time at which the last 20 training episodes first averaged Gymnasium's threshold.
2. Acrobot-v1, the same default config, 3 seeds: the mean return beside CleanRL's published
   figure for its ppo.py (-86.36 +- 1.32 over 3 seeds, after 500k steps).
3. The demo: process start to first answer, and one full episode played and animated per request.
Needs the bench extra (`pip install -e ".[bench]"`, stable-baselines3); results go to
bench/results/reinforcement_learning.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from gradio_http import measure_runs
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "cartpole-ppo"
RESULTS = ROOT / "bench" / "results" / "reinforcement_learning.json"
sys.path.insert(0, str(PROJECT / "src"))

from cartpole_ppo.envs import make_env, play_episode  # noqa: E402
from cartpole_ppo.evaluate import EvalConfig, greedy  # noqa: E402
from cartpole_ppo.figures import rolling_mean  # noqa: E402
from cartpole_ppo.model import load_model  # noqa: E402
from cartpole_ppo.train import Config, train  # noqa: E402

CLEANRL_ACROBOT = {"mean": -86.36, "std": 1.32, "steps": 500_000,
                   "source": "docs.cleanrl.dev/rl-algorithms/ppo (ppo.py, Acrobot-v1, 3 seeds)"}
SOLVED = 475.0  # CartPole-v1's reward_threshold in Gymnasium
WINDOW = 20  # training episodes averaged for "the training curve reached the threshold"


def zoo_cartpole(seed: int) -> PPO:
    """stable-baselines3 PPO with rl-baselines3-zoo's hyperparams/ppo.yml entry for CartPole-v1
    (n_envs 8, n_steps 32, batch 256, gae_lambda 0.8, gamma 0.98, 20 epochs, no entropy bonus,
    learning rate and clip range annealed linearly from 1e-3 and 0.2; MlpPolicy, 100k steps)."""
    envs = make_vec_env("CartPole-v1", n_envs=8, seed=seed)
    return PPO("MlpPolicy", envs, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
               ent_coef=0.0, learning_rate=lambda left: left * 1e-3, clip_range=lambda left: left * 0.2,
               seed=seed, device="cpu", verbose=0)


class EpisodeClock(BaseCallback):
    """Records (seconds since learning started, return) for every finished training episode."""

    def _on_training_start(self) -> None:
        self.started, self.episodes = time.perf_counter(), []

    def _on_step(self) -> bool:
        for info in self.locals["infos"]:
            if "episode" in info:  # SB3's Monitor wrapper adds it when an episode ends
                self.episodes.append((time.perf_counter() - self.started, info["episode"]["r"]))
        return True


def first_solved_s(episodes: list[tuple[float, float]]) -> float | None:
    """Seconds into training when the mean of the last WINDOW episodes first reached SOLVED."""
    if not episodes:
        return None
    seconds, returns = np.array(episodes, dtype=float).T
    reached = np.flatnonzero(rolling_mean(returns, WINDOW) >= SOLVED)
    return round(float(seconds[reached[0]]), 2) if len(reached) else None


def evaluate_policy(env_id: str, act, episodes: int) -> float:
    """Mean return of `act` over the project's evaluation episodes (the same seeds for everyone)."""
    env, first = make_env(env_id), EvalConfig().first_seed
    return float(np.mean([play_episode(env, act, seed).total_reward for seed in range(first, first + episodes)]))


def ours(env_id: str, seed: int, episodes: int, steps: int | None) -> dict:
    """The template's agent: train with the default config (one seed), then evaluate it greedily."""
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config(env_id=env_id, seed=seed, model_dir=f"{tmp}/models", reports_dir=f"{tmp}/reports")
        if steps:
            cfg.total_timesteps = steps
        started = time.perf_counter()
        record = train(cfg)
        wall = time.perf_counter() - started
        model, _ = load_model(Path(cfg.model_dir))
    episodes_log = [(t, r) for _, t, r in record["history"]["charts/episodic_return"]]
    return {"seed": seed, "mean_return": evaluate_policy(env_id, greedy(model), episodes),
            "train_wall_s": round(wall, 2), "train_loop_s": record["train_duration_s"],
            "steps": record["environment"]["steps"], "training_curve_solved_s": first_solved_s(episodes_log)}


def stable_baselines(seed: int, episodes: int, steps: int) -> dict:
    """SB3 PPO, zoo hyperparameters: build and learn (timed together), then evaluate greedily."""
    torch.set_num_threads(1)  # as our training runs: both on one thread of this 2-core machine
    clock = EpisodeClock()
    started = time.perf_counter()
    model = zoo_cartpole(seed)
    model.learn(total_timesteps=steps, callback=clock)
    wall = time.perf_counter() - started
    act = lambda observation: int(model.predict(observation, deterministic=True)[0])  # noqa: E731
    return {"seed": seed, "mean_return": evaluate_policy("CartPole-v1", act, episodes),
            "train_wall_s": round(wall, 2), "steps": steps,
            "training_curve_solved_s": first_solved_s(clock.episodes)}


def summary(runs: list[dict]) -> dict:
    returns = [r["mean_return"] for r in runs]
    return {"runs": runs, "mean_return": statistics.mean(returns), "std_return_over_seeds": statistics.pstdev(returns),
            "min_mean_return": min(returns), "median_train_wall_s": statistics.median(r["train_wall_s"] for r in runs)}


def cartpole(seeds: list[int], episodes: int, quick: bool) -> tuple[dict, dict]:
    """Ours and SB3's, seed by seed in turn, so that both meet the same load on a shared machine."""
    mine, theirs = [], []
    for seed in seeds:
        mine.append(ours("CartPole-v1", seed, episodes, 20_000 if quick else None))
        print(f"  ours seed {seed}: {mine[-1]}", flush=True)
        theirs.append(stable_baselines(seed, episodes, 20_000 if quick else 100_000))
        print(f"  SB3  seed {seed}: {theirs[-1]}", flush=True)
    return summary(mine), summary(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 20k steps, 10 episodes, 5 requests")
    args = parser.parse_args()
    seeds, episodes, requests = ([0], 10, 5) if args.quick else ([0, 1, 2], 100, 20)
    print("demo (a fresh process, then one 500-step episode played and animated per request):")
    # app.py imports the project's package: installed by `make install`, else found in src/
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT / "src"), os.environ.get("PYTHONPATH")]))
    demo = measure_runs(1 if args.quick else 3, [sys.executable, "app.py"], PROJECT,
                        lambda client, base: [7], requests, api="play")
    print("CartPole-v1, ours beside stable-baselines3 (rl-baselines3-zoo hyperparameters):")
    mine, sb3 = cartpole(seeds, episodes, args.quick)
    print("Acrobot-v1, ours:")
    acrobot_runs = []
    for seed in seeds:
        acrobot_runs.append(ours("Acrobot-v1", seed, episodes, 20_000 if args.quick else None))
        print(f"  ours seed {seed}: {acrobot_runs[-1]}", flush=True)
    acrobot = summary(acrobot_runs)
    ratio = mine["median_train_wall_s"] / sb3["median_train_wall_s"]
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick,
               "cartpole": mine, "sb3_zoo_cartpole": sb3, "wall_time_ratio_ours_to_sb3": ratio,
               "acrobot": acrobot, "cleanrl_acrobot": CLEANRL_ACROBOT, "demo": demo}
    solved = lambda runs: ", ".join(str(r["training_curve_solved_s"]) for r in runs)  # noqa: E731
    print(f"""
| measure | value | target |
|---|---|---|
| CartPole-v1, ours: mean return over {episodes} episodes, per seed | {', '.join(f"{r['mean_return']:.1f}" for r in mine['runs'])} | >= 475 each |
| CartPole-v1, ours: training wall time, median of {len(seeds)} ({mine['runs'][0]['steps']:,} steps) | {mine['median_train_wall_s']:.1f} s | <= 30 s |
| CartPole-v1, SB3 zoo PPO: mean return per seed | {', '.join(f"{r['mean_return']:.1f}" for r in sb3['runs'])} | |
| CartPole-v1, SB3 zoo PPO: training wall time, median ({sb3['runs'][0]['steps']:,} steps) | {sb3['median_train_wall_s']:.1f} s | |
| wall-time ratio, ours / SB3 | {ratio:.2f} | < 1 |
| training curve at {SOLVED:g} (mean of last {WINDOW} episodes), s: ours / SB3 | {solved(mine['runs'])} / {solved(sb3['runs'])} | |
| Acrobot-v1, ours: mean return per seed ({acrobot['runs'][0]['steps']:,} steps) | {', '.join(f"{r['mean_return']:.1f}" for r in acrobot['runs'])} (mean {acrobot['mean_return']:.1f}) | |
| Acrobot-v1, CleanRL ppo.py (published, {CLEANRL_ACROBOT['steps']:,} steps) | {CLEANRL_ACROBOT['mean']} +- {CLEANRL_ACROBOT['std']} | about -86 |
| demo: process start to first answer, median of {len(demo['runs'])} starts | {demo['start_to_first_answer_s']:.2f} s | |
| demo: one episode played and animated over HTTP, median of {demo['requests']} | {demo['median_ms']:.0f} ms (p90 {demo['p90_ms']:.0f}) | |""")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
