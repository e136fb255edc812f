"""What a metric is called where a person reads it: its label, which way is better, what it means.

``reports/metrics.json`` keys its numbers by short names (``fcd_ratio``, ``macro_f1``); a
recruiter reads "FCD ratio, lower is better: the generator's distance to real images over the
distance between two sets of real images". This module is the one place that says so, for every
metric the templates' evaluation steps write, and the site shows nothing else:

- ``LABELS``: metric name -> ``MetricLabel`` (label, direction, one-line meaning, key or not);
- ``KIND_LABELS``: the same for a name whose meaning depends on the kind of project (a GAN's
  ``precision`` is the share of generated images that look real, a classifier's is per class);
- ``BASELINES``: which metric a run's own baseline is recorded in, for the metric it should
  beat (``showcase check``'s "baseline" item compares them).

A name found in neither table gets ``fallback``: the name with its underscores as spaces and a
capital first letter (``nn_distance_real`` -> "Nn distance real"), no direction and no meaning.
A test fails while a metric that an example project or a template writes has no entry, so a new
metric gets its label here when it is added. ``schema.export`` copies the labels into each new
project's ``schemas/contract.json``, whose own tests check that its evaluation writes no metric
without one.
"""

import math
from dataclasses import asdict, dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

from showcase.contract.files import PERCENT_METRICS

Direction = Literal["higher", "lower"] | None
"""Which way is better: ``"higher"``, ``"lower"``, or None for a number that is neither (a spread,
a reference such as a baseline's score, a count)."""


@dataclass(frozen=True)
class MetricLabel:
    """How one metric is shown."""

    label: str
    """What it is called: "FCD ratio", "Macro F1" (a capital first letter, acronyms as written)."""
    direction: Direction = None
    meaning: str = ""
    """One sentence a recruiter understands, or "" (unknown metrics)."""
    key: bool = False
    """One of the few numbers that matter: a long results table shows these (and the headline)
    and folds the rest away."""

    @property
    def better(self) -> str:
        """``"higher is better"``, ``"lower is better"``, or "" when neither is."""
        return f"{self.direction} is better" if self.direction else ""

    @property
    def inline(self) -> str:
        """The label inside a sentence: "99.4% accuracy", "1.02 FCD ratio" (a first capital is
        lowered unless the second letter is one too: an acronym)."""
        first_two = self.label[:2]
        return self.label if first_two.isupper() else self.label[:1].lower() + self.label[1:]


def _fraction(label: str, meaning: str, key: bool = False) -> MetricLabel:
    return MetricLabel(label, "higher", meaning, key)


LABELS: MappingProxyType[str, MetricLabel] = MappingProxyType({
    # Classifiers (image and text): the shared metrics.py, and its per-class columns.
    "accuracy": _fraction("Accuracy", "Share of test examples the model labels correctly.", key=True),
    "macro_f1": _fraction("Macro F1", "F1 (the balance of precision and recall) averaged over the "
                          "classes, each class counting the same however rare.", key=True),
    "macro_precision": _fraction("Macro precision", "Of the examples given a class, the share that "
                                 "really belong to it, averaged over the classes."),
    "macro_recall": _fraction("Macro recall", "Of the examples of a class, the share the model "
                              "finds, averaged over the classes."),
    "precision": _fraction("Precision", "Of the examples given this class, the share that really "
                           "belong to it."),
    "recall": _fraction("Recall", "Of the examples of this class, the share the model finds."),
    "f1": _fraction("F1", "The balance (harmonic mean) of precision and recall."),
    "support": MetricLabel("Support", None, "How many test examples there are of this class."),
    "majority_accuracy": MetricLabel("Majority-class accuracy", None, "Accuracy of always answering "
                                     "the class most common in training: the number to beat.",
                                     key=True),
    # GAN: Fréchet classifier distance (FCD), measured in a digit classifier's features.
    "fcd": MetricLabel("FCD", "lower", "Fréchet classifier distance between generated and real "
                       "test images, in the features of a classifier (like FID)."),
    "fcd_std": MetricLabel("FCD spread", None, "Standard deviation of the FCD over splits of "
                           "the test images."),
    "fcd_floor": MetricLabel("FCD floor (real vs real)", None, "The FCD between two sets of real "
                             "images: the best a generator can hope for."),
    "fcd_floor_std": MetricLabel("FCD floor spread", None, "Standard deviation of the floor over "
                                 "the splits."),
    "fcd_trivial": MetricLabel("FCD of the trivial generator", None, "The FCD of a baseline that "
                               "draws each pixel on its own from its class's mean and spread."),
    "fcd_trivial_std": MetricLabel("FCD spread of the trivial generator", None, "Standard deviation "
                                   "of the trivial generator's FCD over the splits."),
    "fcd_ratio": MetricLabel("FCD ratio", "lower", "The generator's FCD over the real-vs-real "
                             "floor: 1 means as close to real digits as real ones are to each other.",
                             key=True),
    "fcd_trivial_ratio": MetricLabel("Trivial generator's FCD ratio", None, "The same ratio for the "
                                     "per-pixel baseline: the number to beat.", key=True),
    "class_accuracy": _fraction("Class accuracy", "Share of generated images that an independent "
                                "classifier reads as the class that was asked for.", key=True),
    "evaluator_accuracy": _fraction("Evaluator accuracy", "Accuracy on real test images of the "
                                    "classifier that measures the FCD: a check of the ruler."),
    "nn_distance_generated": MetricLabel("Nearest training image (generated)", None, "Mean pixel "
                                         "distance from a generated image to its nearest training "
                                         "image; far below the real images' value would mean copying."),
    "nn_distance_real": MetricLabel("Nearest training image (real)", None, "The same for unseen "
                                    "real images: the reference for the generated images' value."),
    # Reinforcement learning: returns over evaluation episodes, the agent's and a random policy's.
    "mean_return": MetricLabel("Mean return", "higher", "Average total reward per evaluation "
                               "episode.", key=True),
    "std_return": MetricLabel("Return spread", None, "Standard deviation of the return over the "
                              "evaluation episodes."),
    "min_return": MetricLabel("Worst-episode return", "higher", "Total reward of the worst "
                              "evaluation episode."),
    "random_mean_return": MetricLabel("Random policy's mean return", None, "The same start states "
                                      "played by random actions: the number to beat.", key=True),
    "random_std_return": MetricLabel("Random policy's return spread", None, "Standard deviation of "
                                     "the random policy's return."),
    "landed_share": _fraction("Landed", "Share of evaluation episodes in which the lander came to "
                              "rest (LunarLander's +100 ending).", key=True),
    "crashed_share": MetricLabel("Crashed", "lower", "Share of evaluation episodes that ended in a "
                                 "crash or off the screen (LunarLander's -100 ending)."),
})
"""Metric name -> how it is shown, whatever the kind of project (unless ``KIND_LABELS`` says
otherwise)."""

KIND_LABELS: MappingProxyType[str, MappingProxyType[str, MetricLabel]] = MappingProxyType({
    "gan": MappingProxyType({
        "precision": _fraction("Precision (realism)", "Share of generated images that lie among "
                               "real ones (k-nearest-neighbour manifolds): how real they look.",
                               key=True),
        "recall": _fraction("Recall (variety)", "Share of real images that lie among generated "
                            "ones: how much of the real variety the generator covers.", key=True),
    }),
})
"""Kind -> metric name -> how it is shown in a project of that kind, where that differs."""


def fallback(name: str) -> MetricLabel:
    """The label of a metric the tables do not know: its name humanized, no direction, no meaning."""
    words = " ".join(name.replace("_", " ").replace("-", " ").split())
    return MetricLabel(words[:1].upper() + words[1:])


def metric_label(name: str, kind: str | None = None) -> MetricLabel:
    """How the metric ``name`` of a project of ``kind`` is shown (``fallback`` if unknown).

    >>> metric_label("fcd_ratio").better
    'lower is better'
    >>> metric_label("precision", "gan").label
    'Precision (realism)'
    """
    by_kind = KIND_LABELS.get(kind or "", MappingProxyType({}))
    return by_kind.get(name) or LABELS.get(name) or fallback(name)


def is_labelled(name: str, kind: str | None = None) -> bool:
    """Whether ``name`` has its own entry (for ``kind``), rather than the fallback."""
    return name in LABELS or name in KIND_LABELS.get(kind or "", {})


@dataclass(frozen=True)
class Baseline:
    """A baseline a project's own run measures: the model's ``metric`` should beat ``baseline``,
    in the direction ``metric``'s label gives."""

    metric: str
    baseline: str
    what: str
    """The baseline in words: "a trivial per-pixel generator"."""


BASELINES: tuple[Baseline, ...] = (
    Baseline("accuracy", "majority_accuracy", "always answering the most common class"),
    Baseline("fcd_ratio", "fcd_trivial_ratio", "the trivial per-pixel generator"),
    Baseline("mean_return", "random_mean_return", "a random policy from the same start states"),
)
"""Every model-versus-baseline pair a metrics file can hold; a file holding both names is
compared. (A fine-tuned model's stronger baseline, a bag-of-n-grams or pixel model trained on the
same split, goes to ``reports/baseline.json``, which is not part of the contract.)"""

FOLD_ABOVE = 6
"""A results table longer than this shows the headline and the metrics marked as key
(``MetricLabel.key``), and folds the others away: on the site and in a project's README."""


def beats(value: float, baseline: float, direction: Direction) -> bool:
    """Whether ``value`` is strictly better than ``baseline`` in ``direction`` (a tie is not)."""
    if direction == "higher":
        return value > baseline
    if direction == "lower":
        return value < baseline
    raise ValueError("a baseline is compared with a metric that has a direction")


def exported() -> dict[str, object]:
    """The labels as plain data for ``contract.json``: ``{"all": {name: label}, "by_kind": {kind:
    {name: label}}, "fold_above": FOLD_ABOVE}``, each label a mapping of ``label``, ``direction``,
    ``meaning`` and ``key``."""
    return {
        "fold_above": FOLD_ABOVE,
        "all": {name: asdict(label) for name, label in LABELS.items()},
        "by_kind": {kind: {name: asdict(label) for name, label in table.items()}
                    for kind, table in KIND_LABELS.items()},
    }


# -- how a value is written (the site, the check's messages) ---------------------------------

LARGE = 1e15
"""From here on a number is shown as ``1.2e+38``: its digits would only be noise (and a float has
no more than 17 significant ones)."""


def format_number(value: float) -> str:
    """A short, readable number: 0.9938, 12, 487.5, 12,345, 1.2e+38.

    The contract lets only finite numbers through (``contract.ranges``); anything else is shown
    as Python spells it rather than failing the page.
    """
    if isinstance(value, int) and abs(value) >= 2**1023:  # no float holds it: the exponent from its digits
        return f"{Decimal(value).normalize():.4g}".replace("E", "e")
    value = float(value) + 0.0  # -0.0 is shown as 0
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= LARGE:
        return f"{value:.4g}"
    if value.is_integer():
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def is_percent_metric(name: str) -> bool:
    """Whether the metric ``name`` is a fraction shown as a percentage (see
    ``contract.files.PERCENT_METRICS``)."""
    return any(name == suffix or name.endswith("_" + suffix) for suffix in PERCENT_METRICS)


def format_headline(value: float, name: str) -> str:
    """A headline metric: a percentage for the metrics the contract calls fractions (which it keeps
    in [0, 1], so 0.0% to 100.0%), else a number."""
    return f"{float(value) + 0.0:.1%}" if is_percent_metric(name) else format_number(value)
