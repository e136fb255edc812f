"""Evaluate the trained agent on episodes it never trained on, beside a random policy, and write every report.

    python -m cartpole_ppo.evaluate

Plays `episodes` episodes from seeds apart from training's, with the greedy policy (the most likely
action, so the result does not depend on luck in sampling) and with uniformly random actions. Reads
models/ and reports/training.json; writes reports/metrics.json (metrics and provenance),
reports/figures/ (learning curve, diagnostics, the returns' spread, an evaluation episode of the agent
beside the random policy as a GIF, and as stills), examples/ (the first evaluation episodes recorded,
which the portfolio page replays), MODEL_CARD.md, and the results section of README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch
import yaml
from huggingface_hub import ModelCardData

from .animation import frame_rate, save_gif, side_by_side
from .envs import EnvError, Episode, Policy, make_env, outcome, play_episode, random_policy
from .figures import diagnostics_figure, frames_figure, learning_curve_figure, return_distribution_figure
from .kit.config import ConfigError, config_from, load_config
from .kit.reporting import (
    CARD_FILE,
    FIGURES_DIR,
    MODEL_CARD_FILE,
    README_FILE,
    build_report,
    eval_results,
    publish,
    read_json,
    write_json,
    write_model_card,
)
from .kit.runtime import checksum
from .model import ActorCritic, load_model
from .train import Config

REPLAYS = 4  # evaluation episodes recorded for the page to replay: the first ones, not the best
LIBRARIES = ["torch", "numpy", "gymnasium", "safetensors", "onnxruntime", "gradio", "huggingface_hub"]


@dataclass
class EvalConfig:
    """Where evaluation reads and writes, and which episodes it plays. What was trained comes from
    reports/training.json, so evaluation always measures the run that training made."""

    episodes: int = 100
    """evaluation episodes, each from its own seed"""
    first_seed: int = 10_000
    """seed of the first evaluation episode (then +1 each); kept apart from training's seeds"""
    replays: int = REPLAYS
    """how many of the evaluation episodes to record as GIFs in examples_dir (0: none)"""
    examples_dir: str = "examples"
    """folder for the recorded episodes and their episodes.json"""
    model_dir: str = "models"
    """folder with model.safetensors and config.json"""
    reports_dir: str = "reports"
    """folder with training.json; metrics.json and figures/ go here"""
    readme: str = README_FILE
    """README whose results section is re-rendered"""
    model_card: str = MODEL_CARD_FILE
    """model card to write"""
    command: str = ""
    """the command that reproduces this run, for the reports; empty: the one training recorded"""


def greedy(model: ActorCritic) -> Policy:
    """The trained agent as evaluated: always the most likely action (or the mean action)."""
    def act(observation: np.ndarray) -> int | np.ndarray:
        action = model.best_action(torch.as_tensor(observation[None]).float())[0]
        return action.numpy() if model.config.continuous else int(action)
    return act


def evaluation_seeds(cfg: EvalConfig, trained: Config) -> range:
    """The evaluation episodes' seeds, refused if they meet the seeds training reset with."""
    seeds, training = range(cfg.first_seed, cfg.first_seed + cfg.episodes), range(
        trained.seed, trained.seed + trained.num_envs)
    if cfg.episodes < 1:
        raise ConfigError(f"episodes {cfg.episodes}: evaluate at least one episode")
    if set(seeds) & set(training):
        raise ConfigError(f"first_seed {cfg.first_seed}: evaluation seeds {seeds.start}-{seeds.stop - 1} "
                          f"overlap training's {training.start}-{training.stop - 1}; pick a first_seed "
                          f"of {training.stop} or more")
    return seeds


def return_metrics(env_id: str, agent: list[Episode], random: list[Episode]) -> dict[str, float]:
    """The numbers metrics.json keeps: the agent's returns beside the random policy's, and for
    LunarLander the share of episodes that landed and that crashed."""
    ours, theirs = (np.array([e.total_reward for e in episodes]) for episodes in (agent, random))
    metrics = {"mean_return": float(ours.mean()), "std_return": float(ours.std()),
               "min_return": float(ours.min()),
               "random_mean_return": float(theirs.mean()), "random_std_return": float(theirs.std())}
    outcomes = [outcome(env_id, e) for e in agent]
    if outcomes[0] is not None:
        metrics |= {f"{kind}_share": outcomes.count(kind) / len(outcomes) for kind in ("landed", "crashed")}
    return metrics


@dataclass
class Recording:
    """One start state played by the agent and by the random policy, drawn frame by frame."""

    seed: int
    agent: Episode
    random: Episode
    frame_every: int
    fps: float

    def gif(self, path: Path) -> Path:
        panels = {"trained agent": self.agent.frames, "random policy": self.random.frames}
        return save_gif(side_by_side(panels), self.fps, path)


def record(env_id: str, policy: Policy, seed: int) -> Recording:
    """Play `seed`'s start with both policies in a rendering environment (headless). Drawing adds
    no randomness, so the returns are those of the same seed's evaluation episodes."""
    env = make_env(env_id, render=True)
    every, fps = frame_rate(env.metadata.get("render_fps", 25))
    agent = play_episode(env, policy, seed, frame_every=every)
    random = play_episode(env, random_policy(env, seed), seed, frame_every=every)
    env.close()
    return Recording(seed, agent, random, every, fps)


def episode_figures(recording: Recording, figures: Path) -> dict[str, Path]:
    """An evaluation episode as a GIF (the agent beside the random policy) and the agent's part as
    four stills (the card's cover)."""
    episode, every = recording.agent, recording.frame_every
    picks = np.linspace(0, len(episode.frames) - 1, 4).round().astype(int)
    steps = [min(int(i) * every, episode.length) for i in picks]
    return {"episode": recording.gif(figures / "episode.gif"),
            "episode_stills": frames_figure([episode.frames[i] for i in picks], steps,
                                            figures / "episode_stills.png")}


def write_replays(env_id: str, recordings: list[Recording], folder: Path) -> None:
    """The page's replay demo: each recorded episode as a GIF, and episodes.json with its seed,
    returns, lengths and outcomes. Earlier recordings are removed first, so none is left over."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("episode-*.gif"):
        old.unlink()
    def summary(episode: Episode) -> dict:
        return {"return": round(episode.total_reward, 2), "length": episode.length,
                "outcome": outcome(env_id, episode)}
    episodes = [{"seed": r.seed, "gif": r.gif(folder / f"episode-{r.seed}.gif").name,
                 "agent": summary(r.agent), "random": summary(r.random)} for r in recordings]
    write_json(folder / "episodes.json", {"env_id": env_id, "policy": "greedy", "episodes": episodes})


def env_family(env_id: str) -> str:
    """The Gymnasium family of a task, from where it is defined: "classic control", "box2d", "mujoco"."""
    parts = str(gym.spec(env_id).entry_point).split(":")[0].split(".")
    return parts[2].replace("_", " ") if parts[:2] == ["gymnasium", "envs"] and len(parts) > 2 else parts[0]


def data_section(trained: Config, training: dict, seeds: range, episodes: list[Episode]) -> dict:
    """What the numbers were measured on. An environment has no data set to split: the episodes'
    seeds play that part, and the checksum covers their start states (same checksum, same starts)."""
    env = training["environment"]
    return {
        "name": f"{trained.env_id} (Gymnasium {env['gymnasium']}, {env_family(trained.env_id)})",
        "source": f"gymnasium:{trained.env_id}",
        "sizes": {"training steps": env["steps"], "training episodes": env["episodes"],
                  "evaluation episodes": len(seeds)},
        "split": (f"evaluation episodes from seeds {seeds.start}-{seeds.stop - 1}, greedy policy; training "
                  f"reset its {trained.num_envs} environments with seeds {trained.seed}-"
                  f"{trained.seed + trained.num_envs - 1}"),
        "checksum": checksum(np.stack([e.first_observation for e in episodes])),
        "reward_threshold": gym.spec(trained.env_id).reward_threshold,
    }


def model_card_body(report: dict, card: dict) -> str:
    m, data = report["metrics"], report["data"]
    threshold = data.get("reward_threshold")
    solved = "" if threshold is None else (
        f" Gymnasium counts the task solved at a mean return of {threshold:g}: "
        f"{'reached' if m['mean_return'] >= threshold else 'not reached'}.")
    if "landed_share" in m:
        solved += (f" The lander came to rest in {m['landed_share']:.0%} of the episodes and crashed in "
                   f"{m['crashed_share']:.0%}; the time limit ended the rest in the air.")
    return f"""
# {card['title']}

{card['summary']}

An actor-critic agent (two 64-64 tanh networks) trained with proximal policy optimisation (PPO),
written in plain PyTorch, by `{report['provenance']['command']}`.

## Results

Measured on {data['sizes']['evaluation episodes']} episodes of {data['name']}: {data['split']}.
Mean return {m['mean_return']:.4g} ± {m['std_return']:.4g} (standard deviation), worst episode
{m['min_return']:.4g}; a random policy on the same start states: {m['random_mean_return']:.4g} ±
{m['random_std_return']:.4g}.{solved} Every number here is read from `reports/metrics.json`, which
the evaluation step writes.

## Intended use

A teaching and portfolio model: an example of deep reinforcement learning on a simulated
control task, to read, rerun and compare with other implementations.

## Limitations

- It knows one simulated task ({data['source']}) with the physics and observations Gymnasium
  gives it; a change of dynamics, noise in the observations or a real device are all untested.
- The returns come from {data['sizes']['evaluation episodes']} episodes from fixed seeds; the
  standard deviation says how much they spread, not how another training seed would do.
- The policy acts greedily (the most likely action); sampled actions score differently.

## Bias, risks and ethics

No personal data is involved. The agent optimises the reward it is given and nothing else, a
known risk of reinforcement learning when a reward stands in for what people actually want
(reward hacking). Do not use it to control physical equipment.

## How to reproduce

```
make install
{report['provenance']['command']}
```
"""


def write_card(report: dict, path: Path, portfolio: Path = Path(CARD_FILE)) -> None:
    """MODEL_CARD.md: metadata with a model-index the Hub displays, and the story."""
    card = yaml.safe_load(portfolio.read_text(encoding="utf-8"))
    env_id = report["data"]["source"].split(":", 1)[1]
    data = ModelCardData(model_name="cartpole-ppo",
                         license="mit",
                         library_name="pytorch", pipeline_tag="reinforcement-learning",
                         tags=["reinforcement-learning", "deep-reinforcement-learning", "ppo", env_id,
                               "pytorch", "portfolio"],
                         eval_results=eval_results(report, task_type="reinforcement-learning",
                                                   split="evaluation episodes"))
    write_model_card(path, data, model_card_body(report, card))


def evaluate(cfg: EvalConfig) -> dict:
    """Evaluation episodes, figures and reports; returns what went into metrics.json."""
    reports, figures = Path(cfg.reports_dir), Path(cfg.reports_dir) / Path(FIGURES_DIR).name
    training = read_json(reports / "training.json")
    trained = config_from(Config, training["config"], f"{reports / 'training.json'} (config)")
    model, model_config = load_model(Path(cfg.model_dir))
    if model_config.env_id != trained.env_id:
        raise EnvError(f"{cfg.model_dir}: the model was trained on {model_config.env_id}, but "
                       f"{reports / 'training.json'} says {trained.env_id}; run `make train` again")
    seeds = evaluation_seeds(cfg, trained)

    # The trained agent and a random policy, each from the same start states.
    env = make_env(trained.env_id)
    agent = [play_episode(env, greedy(model), seed) for seed in seeds]
    random = [play_episode(env, random_policy(env, seed), seed) for seed in seeds]
    env.close()
    metrics = return_metrics(trained.env_id, agent, random)
    recordings = [record(trained.env_id, greedy(model), seed) for seed in seeds[:max(1, cfg.replays)]]
    if cfg.replays > 0:
        write_replays(trained.env_id, recordings[:cfg.replays], Path(cfg.examples_dir))

    paths = {
        "learning_curve": learning_curve_figure(training["history"]["charts/episodic_return"],
                                                figures / "learning_curve.png",
                                                gym.spec(trained.env_id).reward_threshold,
                                                metrics["random_mean_return"]),
        "training_diagnostics": diagnostics_figure(training["history"], figures / "training_diagnostics.png"),
        "return_distribution": return_distribution_figure(
            [e.total_reward for e in agent], [e.total_reward for e in random],
            [outcome(trained.env_id, e) for e in agent], figures / "return_distribution.png",
            gym.spec(trained.env_id).reward_threshold),
        **episode_figures(recordings[0], figures),
    }
    report = build_report(task="reinforcement-learning", scores={"metrics": metrics}, cfg=trained,
                          training=training, figures=paths, command=cfg.command, libraries=LIBRARIES,
                          data=data_section(trained, training, seeds, agent))
    publish(report, reports, Path(cfg.readme), measured_on=f"{len(seeds)} evaluation episodes")
    write_card(report, Path(cfg.model_card))
    return report


def main(argv: list[str] | None = None) -> None:
    try:
        report = evaluate(load_config(EvalConfig, argv, description=__doc__))
    except (ConfigError, EnvError, FileNotFoundError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None
    m = report["metrics"]
    landed = f", landed {m['landed_share']:.0%}" if "landed_share" in m else ""
    print(f"mean return {m['mean_return']:.1f} ± {m['std_return']:.1f} over "
          f"{report['data']['sizes']['evaluation episodes']} episodes{landed} (random policy "
          f"{m['random_mean_return']:.1f}); wrote reports/metrics.json, figures, MODEL_CARD.md "
          "and the README results")


if __name__ == "__main__":
    main()
