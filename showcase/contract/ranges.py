"""What a metric's value may be, decided by its name: the one place that says so.

A number in ``reports/metrics.json`` is shown to a recruiter as it is, so a bug in an
evaluation (an accuracy of -5, a macro F1 of 1.2e38, a NaN loss) must stop the build,
not reach the page as "-500.0%". Every value under ``metrics`` and ``per_class`` is

- a JSON number: not a string (``"0.9"``), not ``true``/``false``;
- finite: no ``NaN``, ``Infinity`` or ``-Infinity`` (Python's ``json`` writes them, JSON
  itself has none);
- within the range its name gives it, by the rules below. A name may match several; the
  value must meet each.

=================  ======================================================  =============
kind               a metric name ...                                      allowed
=================  ======================================================  =============
fraction           ``accuracy``, ``precision``, ``recall``, ``f1``, or      0 <= v <= 1
                   ending in ``_`` and one of them (``macro_f1``,
                   ``class_accuracy``): ``files.PERCENT_METRICS``, the
                   metrics the site shows as percentages
magnitude          holding one of ``MAGNITUDE_WORDS`` as a word between     v >= 0
                   underscores: a distance (``fcd``, ``nn_distance_real``),
                   a spread (``std_return``), a loss, a time
                   (``train_duration_s``), a count or size (``support``),
                   a throughput (``images_per_s``)
anything else      a return or reward (``mean_return``, ``min_return``,     finite
                   negative in most environments), a ratio, a score
=================  ======================================================  =============

So a new metric gets its check by its name: call a signed quantity ``..._return``,
``..._gain`` or ``..._delta``, never ``..._loss`` or ``..._distance``.

The rules are regular expressions, read the same way by Python (``re.search``) and by
JSON Schema (``patternProperties``): ``metric_schema`` puts them into the exported
``metrics.schema.json``, so a generated project's own tests refuse what the site would.
JSON Schema says "finite" by bounding every number by the largest float (``LARGEST``); it
cannot say "not NaN" (a NaN is neither below nor above anything), so that part is checked
here only, when the site loads the file.
"""

import json
import math
import re
import sys
from dataclasses import dataclass
from typing import Any

from showcase.contract.files import PERCENT_METRICS

MAGNITUDE_WORDS: tuple[str, ...] = (
    # distances and divergences between distributions (the GAN's Fréchet classifier distance)
    "fcd", "fid", "kid", "distance", "divergence",
    # spreads and errors
    "std", "variance", "loss", "mse", "mae", "rmse", "perplexity",
    # times: a duration, a latency, a value in seconds (``_s``, ``_ms``), a throughput (``_per_s``)
    "time", "duration", "latency", "seconds", "s", "ms", "throughput",
    # counts and sizes
    "count", "support", "size", "bytes", "parameters", "params", "steps", "episodes", "length",
)
"""Words (between underscores, or at either end of the name) that make a metric a magnitude, >= 0."""


@dataclass(frozen=True)
class Range:
    """One rule: a metric whose name matches ``pattern`` lies in [minimum, maximum]."""

    kind: str
    """What the value is, for the message: "a fraction in [0, 1]"."""
    pattern: str
    """A regular expression, searched in the name (Python's ``re.search``, JSON Schema's ``pattern``)."""
    minimum: float | None = None
    maximum: float | None = None

    def matches(self, name: str) -> bool:
        return re.search(self.pattern, name) is not None

    def allows(self, value: float) -> bool:
        above = self.minimum is None or value >= self.minimum
        return above and (self.maximum is None or value <= self.maximum)


FRACTION = Range("a fraction in [0, 1]", rf"^(.*_)?({'|'.join(PERCENT_METRICS)})$", 0, 1)
MAGNITUDE = Range("a magnitude >= 0 (a distance, spread, loss, time, count or size)",
                  rf"(^|_)({'|'.join(MAGNITUDE_WORDS)})(_|$)", 0)
RANGES: tuple[Range, ...] = (FRACTION, MAGNITUDE)
"""Every rule; a metric that matches none need only be finite."""


def ranges_for(name: str) -> list[Range]:
    """The rules the metric ``name`` must meet (none: any finite number)."""
    return [rule for rule in RANGES if rule.matches(name)]


def _shown(value: Any) -> str:
    """A value as the JSON file spells it, for a message: ``-5``, ``1.2e+38``, ``NaN``, ``"0.9"``."""
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_NOT_NUMBERS = {
    str: "a string", bool: "a boolean", type(None): "no value", list: "an array", dict: "an object",
}
"""What a JSON value that is not a number is, by its Python type."""


def value_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` as the metric ``name``, or None if nothing is.

    >>> value_problem("accuracy", -5)
    '-5 is not a fraction in [0, 1]'
    >>> value_problem("mean_return", -200.5) is None
    True
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{_shown(value)} is {_NOT_NUMBERS.get(type(value), type(value).__name__)}, not a number"
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        return f"{_shown(value)} is not a finite number"
    broken = [rule.kind for rule in ranges_for(name) if not rule.allows(value)]
    return f"{_shown(value)} is not {' and not '.join(broken)}" if broken else None


LARGEST = sys.float_info.max
"""The largest finite float: JSON Schema's way to say "finite" is to bound every number by it
(``Infinity`` and an integer too large for a float are above it; ``NaN`` is beyond its reach)."""


def _number(minimum: float | None = None, maximum: float | None = None) -> dict[str, Any]:
    """JSON Schema of a finite number in [minimum, maximum]."""
    low = -LARGEST if minimum is None else minimum
    high = LARGEST if maximum is None else maximum
    return {"type": "number", "minimum": low, "maximum": high}


def metric_schema() -> dict[str, Any]:
    """JSON Schema of one mapping of metric name -> value: the ranges as ``patternProperties``, and
    any other name a finite number (``additionalProperties``). A name that matches several patterns
    must meet each, as ``ranges_for`` says."""
    return {
        "patternProperties": {rule.pattern: _number(rule.minimum, rule.maximum) for rule in RANGES},
        "additionalProperties": _number(),
    }
