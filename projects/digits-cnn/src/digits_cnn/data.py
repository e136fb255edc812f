# Rendered from templates/_shared/include/shared/python/image_data.py: edit it there, not here.
"""Data: images as a float array (N, 1, H, W) in [0, 1], integer labels, and a stratified split.

Three sources, chosen by the `data` config field:
- "sklearn:digits"   scikit-learn's 1,797 real handwritten digits, 8x8 (ships offline)
- "hf:<dataset id>"  a Hugging Face `datasets` id with image and label columns (online)
- any other string   a folder of your own images laid out as <root>/<class>/*.png|jpg
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

from .grayscale import resized
from .kit.hub import dataset_unavailable
from .splits import stratified_split, subset

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}


class DataError(ValueError):
    """Raised when a data source is missing, empty or not laid out as expected."""


@dataclass
class ImageData:
    images: np.ndarray  # (N, 1, H, W) float32 in [0, 1], bright ink on a dark background
    labels: np.ndarray  # (N,) int64 indices into class_names
    class_names: list[str]
    name: str  # a human-readable name for reports
    preprocessing: str  # "digits" or "resize": how a new picture is made to look like these


def load_sklearn_digits() -> ImageData:
    digits = load_digits()
    images = (digits.images / 16.0).astype(np.float32)[:, None]  # (1797, 1, 8, 8), ink counts 0..16
    return ImageData(images, digits.target.astype(np.int64), [str(c) for c in digits.target_names],
                     "scikit-learn digits (UCI optical recognition of handwritten digits)", "digits")


LOCAL_DATA_FIX = ("train on local images: ARGS='--data <folder>' (one sub-folder of .png/.jpg files per "
                  "class) or ARGS='--data sklearn:digits' (built in)")


def load_image_folder(root: Path, size: int) -> ImageData:
    """Read <root>/<class>/*.png|jpg; class names are the sub-folder names, sorted."""
    if not root.is_dir():
        raise DataError(f"{root}: no such folder; expected <root>/<class>/*.png|jpg "
                        "or 'sklearn:digits' or 'hf:<dataset id>'")
    class_dirs = sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))
    images, labels = [], []
    for label, class_dir in enumerate(class_dirs):
        for path in sorted(class_dir.iterdir()):
            if path.suffix.lower() in IMAGE_SUFFIXES:
                try:
                    with Image.open(path) as image:
                        images.append(resized(image, size))
                except OSError as e:
                    raise DataError(f"{path}: not a readable image ({e})") from e
                labels.append(label)
    if len(class_dirs) < 2 or len(images) == 0:
        raise DataError(f"{root}: found {len(class_dirs)} class folder(s) and {len(images)} "
                        "image(s); need at least 2 class folders with images in them")
    return ImageData(np.stack(images)[:, None], np.array(labels, dtype=np.int64),
                     [d.name for d in class_dirs], f"image folder {root.name}", "resize")


def load_hf_dataset(name: str, size: int, split: str = "train", data_dir: str | None = None,
                    image_column: str = "image", label_column: str = "label") -> ImageData:
    """A Hugging Face `datasets` id (downloads once, then reads the local cache)."""
    import datasets  # imported here: only this source needs it

    try:
        dataset = datasets.load_dataset(name, data_dir=data_dir, split=split)
    except Exception as e:  # offline, a wrong id, a gated set: each ends the run, with its reason
        raise DataError(dataset_unavailable(name, e, LOCAL_DATA_FIX)) from e
    missing = {image_column, label_column} - set(dataset.column_names)
    if missing:
        raise DataError(f"hf:{name}: no column(s) {sorted(missing)}; it has {dataset.column_names}")
    feature, labels = dataset.features[label_column], dataset[label_column]
    if hasattr(feature, "names"):  # a ClassLabel column: integer labels with names
        class_names = [str(name) for name in feature.names]
    else:  # plain values: sort them into classes
        class_names = sorted({str(label) for label in labels})
        labels = [class_names.index(str(label)) for label in labels]
    images = np.stack([resized(image, size) for image in dataset[image_column]])[:, None]
    return ImageData(images, np.array(labels, dtype=np.int64), class_names,
                     f"Hugging Face dataset {name}", "resize")


def load(source: str, size: int) -> ImageData:
    """Pick the loader from the `data` config field."""
    if source == "sklearn:digits":
        return load_sklearn_digits()
    if source.startswith("hf:"):
        return load_hf_dataset(source[3:], size)
    return load_image_folder(Path(source), size)


class DataSettings(Protocol):
    """The settings `data_splits` reads, the first fields of train.Config (named here, not imported
    from train.py, so that data.py comes first and train.py imports it, not the other way round)."""

    data: str
    image_size: int
    limit: int
    val_fraction: float
    test_fraction: float
    split_seed: int


def data_splits(cfg: DataSettings) -> tuple[ImageData, dict[str, np.ndarray]]:
    """The examples a run uses and their train/val/test indices: load the data `cfg` names,
    keep `cfg.limit` of them, split. Training, evaluation and the benchmarks all call this,
    so they see the same examples in the same parts."""
    data = load(cfg.data, cfg.image_size)
    keep = subset(data.labels, cfg.limit, cfg.split_seed)
    data = replace(data, images=data.images[keep], labels=data.labels[keep])
    return data, stratified_split(data.labels, cfg.val_fraction, cfg.test_fraction, cfg.split_seed)
