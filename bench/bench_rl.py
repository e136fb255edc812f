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
3. LunarLander-v3 (issue 26), the lunar-lander-ppo project's configs/lunar-lander.yaml, 3 seeds:
   the mean return of each over the same 100 greedy evaluation episodes, training wall time, and
   when the training curve first averaged 200 (Gymnasium's threshold); beside it, SB3's PPO with
   rl-baselines3-zoo's LunarLander settings (its first seed: its 1M steps take as long as our
   three runs), and the random policy's return on the same episodes. Ours and SB3 train side by
   side, one process each on one thread.
4. Pendulum-v1 (continuous actions), the project's configs/pendulum.yaml, 3 seeds, two at a time:
   the mean return over the same 100 greedy episodes (aim: -250 or more, the range SB3's zoo
   reports) and the training time.
5. The demo: process start to first answer, and one full episode played and animated per request.
Needs the bench extra (`pip install -e ".[bench]"`, stable-baselines3); results go to
bench/results/reinforcement_learning.json (`--only PART` re-measures one part and keeps the others).
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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch
from gradio_http import measure_runs
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "projects" / "cartpole-ppo"
LUNAR_CONFIG = ROOT / "projects" / "lunar-lander-ppo" / "configs" / "lunar-lander.yaml"
PENDULUM_CONFIG = ROOT / "projects" / "lunar-lander-ppo" / "configs" / "pendulum.yaml"
RESULTS = ROOT / "bench" / "results" / "reinforcement_learning.json"
sys.path.insert(0, str(PROJECT / "src"))

from cartpole_ppo.envs import make_env, outcome, play_episode, random_policy  # noqa: E402
from cartpole_ppo.evaluate import EvalConfig, greedy  # noqa: E402
from cartpole_ppo.figures import rolling_mean  # noqa: E402
from cartpole_ppo.kit.config import load_config  # noqa: E402
from cartpole_ppo.model import load_model  # noqa: E402
from cartpole_ppo.train import Config, train  # noqa: E402

CLEANRL_ACROBOT = {"mean": -86.36, "std": 1.32, "steps": 500_000,
                   "source": "docs.cleanrl.dev/rl-algorithms/ppo (ppo.py, Acrobot-v1, 3 seeds)"}
PENDULUM_AIM = -250.0  # Pendulum-v1 has no Gymnasium threshold: the aim (SB3 zoo's range)
PARTS = ("demo", "cartpole", "acrobot", "lunar-lander", "pendulum")
WINDOW = 20  # training episodes averaged for "the training curve reached the threshold"


def zoo_lunar_lander(seed: int) -> PPO:
    """stable-baselines3 PPO with rl-baselines3-zoo's hyperparams/ppo.yml entry for LunarLander
    (n_envs 16, n_steps 1024, batch 64, gae_lambda 0.98, gamma 0.999, 4 epochs, ent_coef 0.01,
    learning rate 3e-4 and clip range 0.2 constant: SB3's defaults; MlpPolicy, 1M steps)."""
    envs = make_vec_env("LunarLander-v3", n_envs=16, seed=seed)
    return PPO("MlpPolicy", envs, n_steps=1024, batch_size=64, gae_lambda=0.98, gamma=0.999, n_epochs=4,
               ent_coef=0.01, seed=seed, device="cpu", verbose=0)


def zoo_cartpole(seed: int) -> PPO:
    """stable-baselines3 PPO with rl-baselines3-zoo's hyperparams/ppo.yml entry for CartPole-v1
    (n_envs 8, n_steps 32, batch 256, gae_lambda 0.8, gamma 0.98, 20 epochs, no entropy bonus,
    learning rate and clip range annealed linearly from 1e-3 and 0.2; MlpPolicy, 100k steps)."""
    envs = make_vec_env("CartPole-v1", n_envs=8, seed=seed)
    return PPO("MlpPolicy", envs, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
               ent_coef=0.0, learning_rate=lambda left: left * 1e-3, clip_range=lambda left: left * 0.2,
               seed=seed, device="cpu", verbose=0)


ZOO = {"CartPole-v1": (zoo_cartpole, 100_000), "LunarLander-v3": (zoo_lunar_lander, 1_000_000)}
"""Each task's SB3 model and the zoo's number of steps."""


class EpisodeClock(BaseCallback):
    """Records (seconds since learning started, steps, return) for every finished training episode."""

    def _on_training_start(self) -> None:
        self.started, self.episodes = time.perf_counter(), []

    def _on_step(self) -> bool:
        for info in self.locals["infos"]:
            if "episode" in info:  # SB3's Monitor wrapper adds it when an episode ends
                self.episodes.append((time.perf_counter() - self.started, self.num_timesteps, info["episode"]["r"]))
        return True


def first_solved(episodes: list[tuple[float, float, float]], threshold: float) -> tuple[float, int] | None:
    """(seconds, steps) into training when the mean of the last WINDOW episodes first reached
    `threshold`; episodes are (seconds, steps, return)."""
    if not episodes:
        return None
    seconds, steps, returns = np.array(episodes, dtype=float).T
    reached = np.flatnonzero(rolling_mean(returns, WINDOW) >= threshold)
    return (round(float(seconds[reached[0]]), 2), int(steps[reached[0]])) if len(reached) else None


def evaluate_policy(env_id: str, act, episodes: int) -> dict:
    """Returns of `act` over the project's evaluation episodes (the same seeds for everyone); `act`
    None plays the random policy. For LunarLander, how many landed."""
    env, first = make_env(env_id), EvalConfig().first_seed
    played = [play_episode(env, act or random_policy(env, seed), seed) for seed in range(first, first + episodes)]
    returns = [e.total_reward for e in played]
    result = {"mean_return": float(np.mean(returns)), "min_return": float(np.min(returns))}
    outcomes = [outcome(env_id, e) for e in played]
    if outcomes[0] is not None:
        result["landed"] = outcomes.count("landed")
    return result


def solved_fields(env_id: str, episodes: list[tuple[float, float, float]]) -> dict:
    reached = first_solved(episodes, gym.spec(env_id).reward_threshold or PENDULUM_AIM)
    return {"training_curve_solved_s": reached and reached[0], "training_curve_solved_steps": reached and reached[1]}


def ours(env_id: str, seed: int, episodes: int, steps: int | None, config: Path | None = None) -> dict:
    """The template's agent: train with the default config, or `config` (one seed), then evaluate
    it greedily."""
    torch.set_num_threads(1)  # training asks for one thread; evaluation too
    with tempfile.TemporaryDirectory() as tmp:
        cfg = load_config(Config, ["--config", str(config)] if config else [])
        cfg.env_id, cfg.seed, cfg.model_dir, cfg.reports_dir = env_id, seed, f"{tmp}/models", f"{tmp}/reports"
        if steps:
            cfg.total_timesteps = steps
        started = time.perf_counter()
        record = train(cfg)
        wall = time.perf_counter() - started
        model, _ = load_model(Path(cfg.model_dir))
    episodes_log = [(t, s, r) for s, t, r in record["history"]["charts/episodic_return"]]
    return {"seed": seed, **evaluate_policy(env_id, greedy(model), episodes),
            "train_wall_s": round(wall, 2), "train_loop_s": record["train_duration_s"],
            "steps": record["environment"]["steps"], **solved_fields(env_id, episodes_log)}


def stable_baselines(env_id: str, seed: int, episodes: int, steps: int | None = None) -> dict:
    """SB3 PPO, zoo hyperparameters: build and learn (timed together), then evaluate greedily."""
    torch.set_num_threads(1)  # as our training runs: both on one thread of this 2-core machine
    make, zoo_steps = ZOO[env_id]
    steps = steps or zoo_steps
    clock = EpisodeClock()
    started = time.perf_counter()
    model = make(seed)
    model.learn(total_timesteps=steps, callback=clock)
    wall = time.perf_counter() - started
    act = lambda observation: int(model.predict(observation, deterministic=True)[0])  # noqa: E731
    return {"seed": seed, **evaluate_policy(env_id, act, episodes),
            "train_wall_s": round(wall, 2), "steps": steps, **solved_fields(env_id, clock.episodes)}


def summary(runs: list[dict]) -> dict:
    returns = [r["mean_return"] for r in runs]
    return {"runs": runs, "mean_return": statistics.mean(returns), "std_return_over_seeds": statistics.pstdev(returns),
            "min_mean_return": min(returns), "median_train_wall_s": statistics.median(r["train_wall_s"] for r in runs),
            "max_train_wall_s": max(r["train_wall_s"] for r in runs)}


def cartpole(seeds: list[int], episodes: int, quick: bool) -> tuple[dict, dict]:
    """Ours and SB3's, seed by seed in turn, so that both meet the same load on a shared machine."""
    mine, theirs = [], []
    for seed in seeds:
        mine.append(ours("CartPole-v1", seed, episodes, 20_000 if quick else None))
        print(f"  ours seed {seed}: {mine[-1]}", flush=True)
        theirs.append(stable_baselines("CartPole-v1", seed, episodes, 20_000 if quick else None))
        print(f"  SB3  seed {seed}: {theirs[-1]}", flush=True)
    return summary(mine), summary(theirs)


def lunar_lander(seeds: list[int], episodes: int, quick: bool) -> dict:
    """Ours (the project's config) for each seed, one after another on one core, while SB3's zoo
    PPO trains its first seed on the other (its 1M steps take about three of our runs); the random
    policy on the same episodes."""
    steps = 50_000 if quick else None
    with ProcessPoolExecutor(2) as pool:
        sb3_run = pool.submit(stable_baselines, "LunarLander-v3", seeds[0], episodes, steps)
        mine = [pool.submit(ours, "LunarLander-v3", seed, episodes, steps, LUNAR_CONFIG) for seed in seeds]
        mine = [run.result() for run in mine]
        for run in mine:
            print(f"  ours seed {run['seed']}: {run}", flush=True)
        theirs = [sb3_run.result()]
        print(f"  SB3  seed {seeds[0]}: {theirs[0]}", flush=True)
    return {"ours": summary(mine), "sb3_zoo": summary(theirs),
            "random_policy": evaluate_policy("LunarLander-v3", None, episodes)}


def pendulum(seeds: list[int], episodes: int, quick: bool) -> dict:
    """Ours on Pendulum-v1 with the project's config, two seeds at a time (one core each)."""
    steps = 20_000 if quick else None
    with ProcessPoolExecutor(2) as pool:
        runs = [pool.submit(ours, "Pendulum-v1", seed, episodes, steps, PENDULUM_CONFIG) for seed in seeds]
        return summary([run.result() for run in runs])


def lunar_table(lunar: dict, episodes: int) -> str:
    mine, sb3, rand = lunar["ours"], lunar["sb3_zoo"], lunar["random_policy"]
    per_seed = lambda runs, key: ", ".join(str(r[key]) for r in runs["runs"])  # noqa: E731
    returns = lambda runs: ", ".join(f"{r['mean_return']:.1f}" for r in runs["runs"])  # noqa: E731
    return f"""
| LunarLander-v3 ({episodes} greedy episodes, seeds 10000+) | ours | SB3, zoo settings | target |
|---|---|---|---|
| mean return per training seed | {returns(mine)} | {returns(sb3)} | >= 200 each |
| episodes landed per seed | {per_seed(mine, 'landed')} | {per_seed(sb3, 'landed')} | |
| training wall time per seed (s) | {per_seed(mine, 'train_wall_s')} | {per_seed(sb3, 'train_wall_s')} | <= 300 (aim 180) |
| environment steps | {mine['runs'][0]['steps']:,} | {sb3['runs'][0]['steps']:,} | |
| training curve first at 200 (mean of last {WINDOW}): s | {per_seed(mine, 'training_curve_solved_s')} | {per_seed(sb3, 'training_curve_solved_s')} | |
| the same, in steps | {per_seed(mine, 'training_curve_solved_steps')} | {per_seed(sb3, 'training_curve_solved_steps')} | |
| random policy, same episodes | {rand['mean_return']:.1f} (landed {rand['landed']}) | | |"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 seed, 20k steps, 10 episodes, 5 requests")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="measure this part (repeatable); the recorded results keep the others")
    args = parser.parse_args()
    parts = args.only or PARTS
    seeds, episodes, requests = ([0], 10, 5) if args.quick else ([0, 1, 2], 100, 20)
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() and args.only else {}
    results |= {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "quick": args.quick}
    if "demo" in parts:
        print("demos (a fresh process, then seed 7's episode played and animated per request, both policies):")
        for key, project in (("demo", PROJECT), ("lunar_lander_demo", LUNAR_CONFIG.parents[1])):
            # app.py imports the project's package: installed by `make install`, else found in src/
            os.environ["PYTHONPATH"] = os.pathsep.join([str(project / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
            demo = results[key] = measure_runs(1 if args.quick else 3, [sys.executable, "app.py"], project,
                                               lambda client, base: [7], requests, api="play")
            print(f"| {project.name} demo: process start to first answer, median of {len(demo['runs'])} starts | "
                  f"{demo['start_to_first_answer_s']:.2f} s |\n| {project.name} demo: one episode played and "
                  f"animated over HTTP, median of {demo['requests']} | {demo['median_ms']:.0f} ms "
                  f"(p90 {demo['p90_ms']:.0f}) |")
    if "cartpole" in parts:
        print("CartPole-v1, ours beside stable-baselines3 (rl-baselines3-zoo hyperparameters):")
        mine, sb3 = cartpole(seeds, episodes, args.quick)
        ratio = mine["median_train_wall_s"] / sb3["median_train_wall_s"]
        results |= {"cartpole": mine, "sb3_zoo_cartpole": sb3, "wall_time_ratio_ours_to_sb3": ratio}
        solved = lambda runs: ", ".join(str(r["training_curve_solved_s"]) for r in runs)  # noqa: E731
        print(f"""
| measure | value | target |
|---|---|---|
| CartPole-v1, ours: mean return over {episodes} episodes, per seed | {', '.join(f"{r['mean_return']:.1f}" for r in mine['runs'])} | >= 475 each |
| CartPole-v1, ours: training wall time, median of {len(seeds)} ({mine['runs'][0]['steps']:,} steps) | {mine['median_train_wall_s']:.1f} s | <= 30 s |
| CartPole-v1, SB3 zoo PPO: mean return per seed | {', '.join(f"{r['mean_return']:.1f}" for r in sb3['runs'])} | |
| CartPole-v1, SB3 zoo PPO: training wall time, median ({sb3['runs'][0]['steps']:,} steps) | {sb3['median_train_wall_s']:.1f} s | |
| wall-time ratio, ours / SB3 | {ratio:.2f} | < 1 |
| training curve at {gym.spec('CartPole-v1').reward_threshold:g} (mean of last {WINDOW} episodes), s: ours / SB3 | {solved(mine['runs'])} / {solved(sb3['runs'])} | |""")
    if "acrobot" in parts:
        print("Acrobot-v1, ours:")
        runs = []
        for seed in seeds:
            runs.append(ours("Acrobot-v1", seed, episodes, 20_000 if args.quick else None))
            print(f"  ours seed {seed}: {runs[-1]}", flush=True)
        acrobot = results["acrobot"] = summary(runs)
        results["cleanrl_acrobot"] = CLEANRL_ACROBOT
        returns = ", ".join(f"{r['mean_return']:.1f}" for r in acrobot["runs"])
        print(f"| Acrobot-v1, ours: mean return per seed ({acrobot['runs'][0]['steps']:,} steps) | "
              f"{returns} (mean {acrobot['mean_return']:.1f}) |\n"
              f"| Acrobot-v1, CleanRL ppo.py (published, {CLEANRL_ACROBOT['steps']:,} steps) | "
              f"{CLEANRL_ACROBOT['mean']} +- {CLEANRL_ACROBOT['std']} |")
    if "lunar-lander" in parts:
        print("LunarLander-v3, ours (configs/lunar-lander.yaml) beside SB3's PPO (zoo settings), side by side:")
        results["lunar_lander"] = lunar_lander(seeds, episodes, args.quick)
        print(lunar_table(results["lunar_lander"], episodes))
    if "pendulum" in parts:
        print("Pendulum-v1, ours (configs/pendulum.yaml):")
        runs = results["pendulum"] = pendulum(seeds, episodes, args.quick)
        returns = ", ".join(f"{r['mean_return']:.1f}" for r in runs["runs"])
        times = ", ".join(str(r["train_wall_s"]) for r in runs["runs"])
        print(f"| Pendulum-v1, ours: mean return per seed ({runs['runs'][0]['steps']:,} steps) | {returns} | "
              f">= -250 |\n| Pendulum-v1, ours: training wall time per seed (s) | {times} | |")
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
