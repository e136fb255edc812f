# Rendered from templates/_shared/include/shared/python/kit/reporting.py: edit it there, not here.
"""Reports: metrics.json, the README's results section and the model card.

Every number a reader sees comes from `reports/metrics.json`, which only the
evaluation step writes; the README section and the model card are re-rendered
from it on every evaluation, never typed by hand.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from huggingface_hub import EvalResult, ModelCard, ModelCardData

from .runtime import git_state, library_versions, utc_now
from .tracking import log_results

# The contract with the portfolio site: where it finds what. schemas/contract.json holds the
# same names, exported from the showcase; tests/test_contract.py checks that the two agree.
CARD_FILE = "portfolio.yaml"
METRICS_FILE = "reports/metrics.json"
FIGURES_DIR = "reports/figures"
MODEL_CARD_FILE = "MODEL_CARD.md"
README_FILE = "README.md"
CONTRACT_FILE = "schemas/contract.json"
RESULTS_START = "<!-- results:start -->"
RESULTS_END = "<!-- results:end -->"
# Metrics that are fractions, shown as percentages: one of these names, or a name ending in _<name>.
PERCENT_METRICS = ("accuracy", "precision", "recall", "f1", "share")


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically: a crash mid-write never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=False)
        f.write("\n")
    os.chmod(tmp, 0o644)  # mkstemp makes files private; reports are for everyone to read
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def percent(value: float) -> str:
    return f"{100 * value:.2f}%"


def format_metric(name: str, value: float) -> str:
    """A metric as the README shows it: a percentage for fractions (PERCENT_METRICS), else a number."""
    if any(name == p or name.endswith("_" + p) for p in PERCENT_METRICS):
        return percent(value)
    return f"{value:.4g}"


def exported_labels(contract: Path = Path(CONTRACT_FILE)) -> dict:
    """The metric labels the portfolio's contract holds (the showcase exports them into
    schemas/contract.json), so the README, the model card and the site call a metric by the same
    name; {} for a project without the file, whose metrics then get humanized names."""
    try:
        return read_json(contract)["metric_labels"]
    except (OSError, ValueError, KeyError):
        return {}


def metric_labels(task: str, exported: dict) -> dict[str, dict]:
    """Metric name -> {label, direction, meaning, key} for a project of kind `task`."""
    return {**exported.get("all", {}), **exported.get("by_kind", {}).get(task, {})}


def metric_label(name: str, labels: dict[str, dict]) -> dict:
    """One metric's label ("Macro F1"), direction (higher/lower/None) and meaning."""
    words = name.replace("_", " ")
    return labels.get(name) or {"label": words[:1].upper() + words[1:], "direction": None,
                                "meaning": "", "key": False}


def metric_rows(names: list[str], metrics: dict[str, float], labels: dict[str, dict]) -> list[str]:
    rows = []
    for name in names:
        label = metric_label(name, labels)
        arrow = {"higher": " ↑", "lower": " ↓"}.get(label["direction"] or "", "")
        value = format_metric(name, metrics[name])
        rows.append(f"| {label['label']}{arrow} | {value} | {label['meaning']} |")
    return rows


def results_markdown(metrics: dict[str, Any], measured_on: str = "test split") -> str:
    """The README's results section: metrics table (a long one shows the key metrics and folds the
    rest away, as the site does), data, provenance, figures."""
    data, prov = metrics["data"], metrics["provenance"]
    scores = metrics["metrics"]
    exported = exported_labels()
    labels = metric_labels(metrics["task"], exported)
    fold_above = exported.get("fold_above", len(scores))
    names = list(scores)
    shown = names if len(names) <= fold_above else [n for n in names if metric_label(n, labels)["key"]]
    folded = [n for n in names if n not in shown]
    header = [f"| Metric ({measured_on}) | Value | What it means |", "|---|---|---|"]
    table = [*header, *metric_rows(shown, scores, labels)]
    if folded:
        table += ["", f"<details><summary>{len(folded)} more measurements</summary>", "",
                  *header, *metric_rows(folded, scores, labels), "", "</details>"]
    sizes = ", ".join(f"{n:,} {split}" for split, n in data["sizes"].items())
    commit = prov["git_commit"] or "not a git checkout"
    if prov.get("git_dirty"):
        commit += " (with uncommitted changes)"
    figures = [f"![{name.replace('_', ' ')}]({path})" for name, path in metrics["figures"].items()]
    return "\n".join([
        *table,
        "",
        "↑ higher is better, ↓ lower is better.",
        "",
        f"Data: {data['name']}, from `{data['source']}`; {data['split']} ({sizes}); "
        f"checksum `{data['checksum'][:19]}…`.",
        f"Run: {prov['device']} ({prov['hardware']}), training took {prov['train_duration_s']:.1f} s, "
        f"seed {prov['seed']}, commit `{commit}`, {prov['timestamp']}. "
        f"Reproduce with `{prov['command']}`.",
        "",
        *figures,
    ])


def update_readme(readme: Path, section: str) -> None:
    """Replace what stands between the results markers in the README."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(RESULTS_START), text.find(RESULTS_END)
    if start < 0 or end < start:
        raise ValueError(f"{readme}: the markers {RESULTS_START} and {RESULTS_END} are missing; "
                         "put them back where the results table belongs")
    new = text[: start + len(RESULTS_START)] + "\n" + section + "\n" + text[end:]
    readme.write_text(new, encoding="utf-8")


def write_model_card(path: Path, card_data: ModelCardData, body: str) -> ModelCard:
    """A Hugging Face model card: YAML metadata (with model-index) and a Markdown body."""
    card = ModelCard(f"---\n{card_data.to_yaml()}\n---\n\n{body.strip()}\n")
    card.save(path)
    return card


def build_report(*, task: str, scores: dict, cfg: Any, training: dict, figures: dict[str, Path],
                 command: str, libraries: list[str], data: dict | None = None, split: str = "") -> dict:
    """metrics.json: the scores, the data they were measured on, and where they came from.

    `cfg` is the training config and `training` is reports/training.json, both as the
    training step wrote them. `command` reproduces the run; empty, it is the command training
    recorded, so `make evaluate` alone quotes the CONFIG and ARGS of `make train`. `data` is the
    data section; by default the one training recorded, with the `data` setting as its source
    (a Hub id hf:..., a built-in set sklearn:... or a local path) and `split`, the split in words
    (splits.describe_split), as its split.
    """
    if data is None:
        data = {**training["data"], "source": cfg.data, "split": split}
    commit, dirty = git_state(Path.cwd())
    command = command or training.get("command") or "make train evaluate"
    return {
        "schema_version": 1,
        "task": task,
        **scores,
        "data": data,
        "provenance": {
            "git_commit": commit, "git_dirty": dirty, "config": asdict(cfg), "seed": cfg.seed,
            "device": training["device"],
            "hardware": training["hardware"], "versions": library_versions(libraries),
            "train_duration_s": training["train_duration_s"], "timestamp": utc_now(),
            "command": command,
            # the experiment tracker's run that holds this run's curves (absent when not tracked)
            **({"tracking": training["tracking"]} if training.get("tracking") else {}),
        },
        "figures": {name: path.as_posix() for name, path in figures.items()},
    }


def publish(report: dict, reports_dir: Path, readme: Path, extra_markdown: str = "",
            measured_on: str = "test split") -> None:
    """Write metrics.json into `reports_dir`, re-render the README's results section from it, and add
    the test metrics to the tracked run (kit/tracking.py) training logged, if it was tracked."""
    write_json(reports_dir / Path(METRICS_FILE).name, report)
    log_results(report, report["provenance"]["config"])
    section = results_markdown(report, measured_on)
    update_readme(readme, "\n\n".join(filter(None, [section, extra_markdown])))


def eval_results(report: dict, task_type: str | None = None, split: str = "test") -> list[EvalResult]:
    """The model-index entries the Hub shows on the model page, one per metric. `task_type` is a
    Hub task id (image-classification, reinforcement-learning, ...); by default the project kind."""
    data, labels = report["data"], metric_labels(report["task"], exported_labels())
    return [EvalResult(task_type=task_type or report["task"], dataset_type=data["source"],
                       dataset_name=data["name"], dataset_split=split, metric_type=name,
                       metric_name=metric_label(name, labels)["label"], metric_value=round(value, 4))
            for name, value in report["metrics"].items()]
