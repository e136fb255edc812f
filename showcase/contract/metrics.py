"""The results of a run: ``reports/metrics.json``, written by a project's evaluation.

The site never computes a number; it shows what this file says. ``load_metrics``
reads and validates it; every problem becomes a ``MetricsError`` naming the
file, the field and the fix. Each metric's value is checked against what its name
says it is (a fraction, a magnitude, a return: ``contract.ranges``).
"""

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from showcase.contract.files import METRICS_FILE
from showcase.contract.ranges import LARGEST, metric_schema, value_problem
from showcase.contract.validation import RelativePath, describe
from showcase.exceptions import MetricsError

Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
"""A JSON number (not a string, not true/false), finite."""
Count = Annotated[int, Field(strict=True, ge=0)]
"""A JSON integer >= 0."""

RERUN_FIX = (
    "run `make evaluate` in the project to write it again; if the value comes back, "
    "the evaluation code that computes it has a bug"
)
"""The fix for a metric value out of its range: the file is written by evaluation, never by hand."""


def _check_values(values: Any, handler: ValidatorFunctionWrapHandler) -> dict[str, float]:
    """Each value of a metric mapping is a finite number in its name's range (``contract.ranges``);
    every value out of range is reported under its own key."""
    if isinstance(values, dict):
        errors = [
            InitErrorDetails(
                type=PydanticCustomError("metric_value", "{problem}", {"problem": problem, "fix": RERUN_FIX}),
                loc=(str(name),),
                input=value,
            )
            for name, value in values.items()
            if (problem := value_problem(str(name), value)) is not None
        ]
        if errors:
            raise ValidationError.from_exception_data("metric values", errors)
    return handler(values)


MetricValues = Annotated[
    dict[str, Number], WrapValidator(_check_values), Field(json_schema_extra=metric_schema())
]
"""A mapping of metric name -> value, each in its name's range (``contract.ranges``)."""


class DataInfo(BaseModel):
    """The data the run used. Extra keys are kept (each kind records its own)."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(description="the data set's name")
    source: str = Field(description="where it came from, e.g. sklearn:digits or a URL")
    sizes: dict[str, Count] = Field(description="a mapping of split name -> number of examples")
    split: str | None = Field(default=None, description="how the splits were made")
    checksum: str | None = Field(description='"sha256:<hex>" of the data as loaded, or null')


class TrackedRun(BaseModel):
    """The experiment tracker's run that holds a run's curves (a project's `make dashboard`)."""

    tracker: str = Field(min_length=1, description='the tracker, e.g. "trackio"')
    project: str = Field(min_length=1, description="the tracker's project the run is in")
    run: str = Field(min_length=1, description="the run's name there")


class Provenance(BaseModel):
    """How to reproduce the run. Extra keys are kept; the keys without a default are required
    (DESIGN: every number says which commit, config, seed, machine and versions made it)."""

    model_config = ConfigDict(extra="allow")

    git_commit: str | None = Field(description="the commit hash, or null outside a git checkout")
    git_dirty: bool | None = Field(default=None, description="true if there were local edits")
    config: dict[str, Any] = Field(description="the resolved config, a mapping")
    seed: int | None = Field(description="the random seed (null when `seeds` lists several)")
    seeds: list[int] | None = Field(default=None, description="the seeds, for multi-seed runs")
    device: str = Field(description='the device trained on, e.g. "cpu" or "cuda"')
    hardware: str = Field(description='the machine, e.g. "x86_64, 2 cores"')
    versions: dict[str, str] = Field(description="a mapping of package -> version")
    train_duration_s: Number = Field(ge=0, le=LARGEST, description="seconds of training, a number >= 0")
    timestamp: datetime = Field(description="when evaluation ran, ISO 8601 date and time")
    command: str = Field(description='the command that reproduces the run, e.g. "make train evaluate"')
    tracking: TrackedRun | None = Field(
        default=None, description="null, or a mapping with tracker, project and run: where the curves are"
    )


class Metrics(BaseModel):
    """The whole ``reports/metrics.json``."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = Field(description="1")
    task: str = Field(description="the project kind, e.g. image-classification")
    metrics: MetricValues = Field(
        min_length=1, description="a mapping of metric name -> finite number in the name's range"
    )
    per_class: dict[str, MetricValues] = Field(
        default_factory=dict, description="class -> {metric name: number in the name's range}"
    )
    data: DataInfo = Field(description="a mapping with name, source, sizes, split, checksum")
    provenance: Provenance = Field(description="a mapping with git_commit, seed, device, ...")
    figures: dict[str, RelativePath] = Field(
        default_factory=dict, description="figure name -> path relative to the project root"
    )


def _missing_message(path: Path, project_dir: Path) -> str:
    """The message for a project that has not been evaluated yet."""
    return (
        f"{path}: file not found; it is written by the project's evaluation. "
        f"Fix: run `make train evaluate` in {project_dir}."
    )


def load_metrics(project_dir: Path | str) -> Metrics:
    """Read and validate ``<project_dir>/reports/metrics.json``.

    Raises:
        MetricsError: the file is missing, not JSON or not valid metrics.
    """
    project_dir = Path(project_dir)
    path = project_dir / METRICS_FILE
    if not path.is_file():
        raise MetricsError(_missing_message(path, project_dir))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise MetricsError(
            f"{path}: invalid JSON (line {e.lineno}, column {e.colno}): {e.msg}. "
            f"Fix: run `make evaluate` in {project_dir} to write it again."
        ) from e
    except UnicodeDecodeError as e:
        raise MetricsError(f"{path}: not UTF-8 text. Fix: run `make evaluate` again.") from e
    try:
        return Metrics.model_validate(data)
    except ValidationError as e:
        raise MetricsError(describe(path, e, Metrics)) from e
