"""Data: labelled texts, cleaned and de-duplicated, ready for a stratified split.

Two sources, chosen by the `data` config field:
- "hf:<dataset id>"   a Hugging Face `datasets` id (stanfordnlp/imdb by default; online)
- a file path          a local .csv, .csv.gz, .jsonl or .jsonl.gz with a text and a label column

Cleaning removes HTML tags (the IMDB reviews hold `<br />`) and entities, and
squeezes white space. Duplicate texts are dropped *before* splitting, so no
review can sit in both the training and the test part.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .kit.hub import dataset_unavailable
from .splits import stratified_split, subset

TAG = re.compile(r"<[^>]+>")


class DataError(ValueError):
    """Raised when a data source is missing, unreadable or lacks the named columns."""


@dataclass
class DataConfig:
    """Which texts a run reads and how they are split: the first settings of train.Config."""

    data: str = {{ cookiecutter.data | quoted }}
    """'hf:<dataset id>' or a local .csv/.jsonl file (.gz too); configs/imdb-csv.yaml reads a local copy"""
    text_column: str = {{ cookiecutter.text_column | quoted }}
    """column holding the text"""
    label_column: str = {{ cookiecutter.label_column | quoted }}
    """column holding the label"""
    limit: int = 0
    """use at most this many texts, 0 for all (for quick runs and tests)"""
    val_fraction: float = 0.05
    """share of the data held out to watch training"""
    test_fraction: float = 0.5
    """share held out for the final test, never trained on (a 50/50 split, as IMDB's own)"""
    split_seed: int = 0
    """seed of the split: keep it fixed to compare runs on one test set"""


@dataclass
class TextData:
    texts: list[str]  # cleaned, unique
    labels: np.ndarray  # (N,) int64 indices into class_names
    class_names: list[str]
    name: str  # a human-readable name for reports
    removed_duplicates: int  # texts dropped because an identical one came first


def clean(text: str) -> str:
    """Plain text: no HTML tags or entities, single spaces."""
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


def read_table(path: Path, text_column: str, label_column: str) -> pd.DataFrame:
    """A CSV or JSON-lines file (optionally gzipped) as a frame with `text` and `label`."""
    if not path.is_file():
        raise DataError(f"{path}: no such file; give a .csv or .jsonl file, or hf:<dataset id>")
    suffixes = [s for s in path.suffixes if s != ".gz"]
    try:
        if suffixes[-1:] == [".csv"]:
            frame = pd.read_csv(path)
        elif suffixes[-1:] in ([".jsonl"], [".json"]):
            frame = pd.read_json(path, lines=True)
        else:
            raise DataError(f"{path}: unknown file type; use .csv, .jsonl (or either .gz)")
    except (ValueError, OSError, pd.errors.ParserError) as e:
        raise DataError(f"{path}: could not be read ({e})") from e
    missing = {text_column, label_column} - set(frame.columns)
    if missing:
        raise DataError(f"{path}: no column(s) {sorted(missing)}; it has {list(frame.columns)}. "
                        "Set text_column and label_column in the config")
    return frame.rename(columns={text_column: "text", label_column: "label"})[["text", "label"]]


LOCAL_DATA_FIX = ("train on a local .csv or .jsonl file: ARGS='--data <file>'; configs/imdb-csv.yaml "
                  "reads the IMDB reviews from data/imdb-50k.csv.gz: "
                  "`make train evaluate CONFIG=configs/imdb-csv.yaml`, "
                  "or CONFIG='configs/quick.yaml configs/imdb-csv.yaml' for a quick run")


def read_hf(name: str, text_column: str, label_column: str, data_dir: str | None = None) -> pd.DataFrame:
    """Every labelled split of a Hugging Face dataset, joined (we make our own split)."""
    import datasets  # imported here: only this source needs it

    try:
        splits = datasets.load_dataset(name, data_dir=data_dir)
    except Exception as e:  # offline, a wrong id, a gated set: each ends the run, with its reason
        raise DataError(dataset_unavailable(name, e, LOCAL_DATA_FIX)) from e
    frames = []
    for split_name, part in splits.items():
        missing = {text_column, label_column} - set(part.column_names)
        if missing:
            raise DataError(f"hf:{name} ({split_name}): no column(s) {sorted(missing)}; "
                            f"it has {part.column_names}")
        feature = part.features[label_column]
        frame = part.select_columns([text_column, label_column]).to_pandas()
        frame.columns = ["text", "label"]
        frame = frame[~frame.label.isin([-1])]  # -1 marks unlabelled texts (imdb's "unsupervised")
        if hasattr(feature, "names"):  # a ClassLabel column: integers with names
            frame["label"] = [feature.names[value] for value in frame.label]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def prepare(frame: pd.DataFrame, name: str) -> TextData:
    """Clean, drop empty and duplicate texts, and number the classes."""
    frame = frame.dropna(subset=["text", "label"]).copy()
    frame["text"] = frame.text.astype(str).map(clean)
    frame = frame[frame.text != ""]
    before = len(frame)
    frame = frame.drop_duplicates(subset="text", keep="first")
    class_names = sorted(frame.label.astype(str).unique())
    if len(class_names) < 2:
        raise DataError(f"{name}: found {len(class_names)} label value(s); need at least 2 classes")
    labels = frame.label.astype(str).map(class_names.index).to_numpy(dtype=np.int64)
    return TextData(frame.text.tolist(), labels, class_names, name, before - len(frame))


def load(source: str, text_column: str, label_column: str) -> TextData:
    """Pick the reader from the `data` config field."""
    if source.startswith("hf:"):
        return prepare(read_hf(source[3:], text_column, label_column), f"Hugging Face dataset {source[3:]}")
    path = Path(source)
    return prepare(read_table(path, text_column, label_column), path.name)


def data_splits(cfg: DataConfig) -> tuple[TextData, dict[str, np.ndarray]]:
    """The texts a run uses and their train/val/test indices: load the data `cfg` names, keep
    `cfg.limit` of them, split. Training, evaluation and the benchmarks all call this, so they
    see the same texts in the same parts."""
    data = load(cfg.data, cfg.text_column, cfg.label_column)
    keep = subset(data.labels, cfg.limit, cfg.split_seed)
    data = replace(data, texts=[data.texts[i] for i in keep], labels=data.labels[keep])
    return data, stratified_split(data.labels, cfg.val_fraction, cfg.test_fraction, cfg.split_seed)
