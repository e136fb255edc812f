"""Export the contract into the shared template parts, so projects check themselves against it.

    python -m showcase.contract.schema        # rewrites templates/_shared/include/shared/contract/

Three files: ``portfolio.schema.json`` and ``metrics.schema.json`` (JSON Schema of
the card and metrics models, ``model_json_schema()``) and ``contract.json`` (file
names, README markers, kinds, the Space-id pattern, which metrics are percentages, and each
metric's label, direction and meaning from ``metric_labels``).
Every template renders them into ``schemas/`` of a new project, whose own tests validate ``portfolio.yaml``
and ``reports/metrics.json`` against them (``jsonschema``): a project that drifts
from the contract fails in its own CI, not first in the site build. A test of
this repository fails when the exported files are stale.
"""

import json
import sys
from pathlib import Path

from showcase.contract import files, metric_labels
from showcase.contract.card import Card
from showcase.contract.metrics import Metrics

SHARED_CONTRACT = Path("_shared/include/shared/contract")
"""Where the export goes, relative to the templates folder."""


def _dump(data: dict) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def contract_files() -> dict[str, str]:
    """File name -> text of every file the export writes."""
    constants = {
        "kinds": list(files.KINDS),
        "files": {
            "card": files.CARD_FILE,
            "metrics": files.METRICS_FILE,
            "figures": files.FIGURES_DIR,
            "model_card": files.MODEL_CARD_FILE,
            "readme": files.README_FILE,
        },
        "markers": {"results_start": files.RESULTS_START, "results_end": files.RESULTS_END},
        "space_id_pattern": files.SPACE_ID_PATTERN,
        "percent_metrics": list(files.PERCENT_METRICS),
        "metric_labels": metric_labels.exported(),
    }
    texts = {
        "portfolio.schema.json": _dump(Card.model_json_schema()),
        "metrics.schema.json": _dump(Metrics.model_json_schema()),
        "contract.json": _dump(constants),
    }
    # The templates render these files through Jinja's include: no template syntax may appear.
    for name, text in texts.items():
        if any(token in text for token in ("{{", "{%", "{#")):
            raise ValueError(f"{name}: the export holds Jinja syntax; it would not render verbatim")
    return texts


def stale_files(templates_dir: Path) -> list[str]:
    """The exported files that are missing or differ from the contract today."""
    folder = templates_dir / SHARED_CONTRACT
    return [
        name
        for name, text in contract_files().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def export(templates_dir: Path) -> list[Path]:
    """Write the contract files into ``templates_dir``'s shared parts; return their paths."""
    folder = templates_dir / SHARED_CONTRACT
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in contract_files().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "templates"
    for path in export(root):
        print(f"wrote {path}")
