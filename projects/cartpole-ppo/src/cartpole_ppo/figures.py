"""Figures of a run: the learning curve, PPO's diagnostics, and stills of an evaluation episode."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from .kit.plots import plt, save

Points = list[list[float]]  # [global step, seconds since the start, value], as train.ScalarLog writes them
THOUSANDS = "{x:,.0f}"  # axis labels 50,000 rather than 5 and a "1e4" beside the axis
DIAGNOSTICS = {
    "losses/value_loss": "critic loss",
    "losses/entropy": "policy entropy (nats)",
    "losses/approx_kl": "approximate KL per update",
    "losses/clipfrac": "share of ratios clipped",
}


def rolling_mean(values: np.ndarray, window: int) -> np.ndarray:
    """The mean of each value and the up to `window - 1` values before it."""
    sums = np.cumsum(np.insert(values, 0, 0.0))
    starts = np.maximum(np.arange(1, len(values) + 1) - window, 0)
    return (sums[1:] - sums[starts]) / (np.arange(1, len(values) + 1) - starts)


def learning_curve_figure(episodes: Points, path: Path, threshold: float | None, random_return: float,
                          window: int = 20) -> Path:
    """Each training episode's return, against environment steps (sample efficiency) and against
    seconds of training (what it costs on this machine), with the mean of the last `window`."""
    steps, seconds, returns = np.asarray(episodes, dtype=float).reshape(-1, 3).T
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
    for ax, x, label in ((axes[0], steps, "environment steps"), (axes[1], seconds, "training time (s)")):
        ax.plot(x, returns, ".", color="tab:blue", alpha=0.25, markersize=3, label="episode")
        ax.plot(x, rolling_mean(returns, window), color="tab:blue", label=f"mean of the last {window}")
        ax.axhline(random_return, color="tab:gray", linestyle=":", label="random policy")
        if threshold is not None:
            ax.axhline(threshold, color="tab:green", linestyle="--", label="solved (Gymnasium's threshold)")
        ax.set(xlabel=label, title=f"Training episodes' return vs {label.split(' (')[0]}")
    axes[0].xaxis.set_major_formatter(THOUSANDS)
    axes[0].set_ylabel("return")
    axes[0].legend(fontsize=8, loc="best")
    fig.tight_layout()
    return save(fig, path)


def diagnostics_figure(history: dict[str, Points], path: Path) -> Path:
    """PPO's health over the run: the critic's loss, the policy's entropy (how much it still
    explores), and how far each update moved the policy (approximate KL, share of clipped ratios)."""
    fig, axes = plt.subplots(1, len(DIAGNOSTICS), figsize=(12, 2.8))
    for ax, (tag, title) in zip(axes, DIAGNOSTICS.items(), strict=True):
        steps, _, values = np.asarray(history[tag], dtype=float).reshape(-1, 3).T
        ax.plot(steps, values, color="tab:purple", linewidth=1)
        ax.set(xlabel="environment steps", title=title)
        ax.xaxis.set_major_formatter(THOUSANDS)
    fig.tight_layout()
    return save(fig, path)


OUTCOME_COLOURS = {"landed": "tab:green", "timed out": "tab:orange", "crashed": "tab:red",
                   "ended": "tab:gray"}


def return_distribution_figure(returns: list[float], random_returns: list[float], outcomes: list[str | None],
                               path: Path, threshold: float | None) -> Path:
    """How the evaluation episodes' returns spread, the agent's beside a random policy's from the
    same starts; where the task says how an episode ended (LunarLander), the agent's bars are
    stacked by outcome, so the landed, the crashed and the timed-out episodes show apart."""
    fig, ax = plt.subplots(figsize=(7, 3.6))
    bins = np.histogram_bin_edges(np.concatenate([returns, random_returns]), bins=30)
    ax.hist(random_returns, bins=bins, color="tab:gray", alpha=0.5, label="random policy")
    if any(outcomes):
        kinds = [kind for kind in OUTCOME_COLOURS if kind in outcomes]
        groups = [[r for r, o in zip(returns, outcomes, strict=True) if o == kind] for kind in kinds]
        ax.hist(groups, bins=bins, stacked=True, color=[OUTCOME_COLOURS[k] for k in kinds],
                label=[f"trained agent: {kind} ({len(g)})" for kind, g in zip(kinds, groups, strict=True)])
    else:
        ax.hist(returns, bins=bins, color="tab:blue", alpha=0.8, label="trained agent")
    if threshold is not None:
        ax.axvline(threshold, color="tab:green", linestyle="--", label="solved (Gymnasium's threshold)")
    ax.set(xlabel="return of an evaluation episode", ylabel="episodes",
           title=f"Returns over {len(returns)} evaluation episodes")
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return save(fig, path)


def frames_figure(frames: list[Image.Image], steps: list[int], path: Path, columns: int = 2) -> Path:
    """A few frames of an episode in a grid, each labelled with its step: the still that shows the
    episode where an animation cannot play (a card's cover, a printed page)."""
    width, height = frames[0].size
    rows = -(-len(frames) // columns)
    sheet = Image.new("RGB", (columns * width, rows * height), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (frame, step) in enumerate(zip(frames, steps, strict=True)):
        left, top = (i % columns) * width, (i // columns) * height
        sheet.paste(frame.convert("RGB"), (left, top))
        draw.rectangle((left, top, left + width - 1, top + height - 1), outline=(200, 200, 200))
        draw.text((left + 6, top + 4), f"step {step}", fill=(60, 60, 60))
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    return path
