"""Data: labelled images kept as uint8 levels (C, size, size), read a batch at a time, and a split.

Four sources, chosen by the `data` config field:
- "sklearn:digits"  scikit-learn's 1,797 real handwritten digits, 8x8 grey (ships offline)
- "idx:<folder>"    MNIST-format IDX files (MNIST, Fashion-MNIST): a folder holding
                    train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz] and the t10k-... pair
                    of its own test split; a folder holding them is recognised without the prefix
- "hf:<dataset id>" a Hugging Face `datasets` id with image and label columns (downloads once)
- any other folder  your own images laid out as <root>/<class>/*.png|jpg|...

Small sources (digits, IDX: 70,000 x 28 x 28 bytes is 55 MB) are held in memory as uint8. A folder
or a Hugging Face data set may not fit in memory: its images stay on disk (files, or the data set's
Arrow table) and each one is decoded, resized and converted when a batch needs it (`ImageDataset`,
read through a torch DataLoader). Either way a picture goes through the one rule of images.py.

Channels come from the data: grey stays 1 channel, colour becomes 3 (RGB); a source that mixes the
two is read as RGB, and says so once. `channels` in the config can force 1 or 3.
"""

from __future__ import annotations

import gzip
import io
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from PIL import Image
from sklearn.datasets import load_digits

from .images import channels_of, resized_levels
from .kit.hub import dataset_unavailable
from .kit.runtime import checksum
from .splits import SplitError, stratified_split, subset

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}
FOLDER_SIZE = 64  # side that folder and hf images are resized to when image_size is 0 (the data's own)
CHANNEL_SAMPLE = 1000  # hf: the channels are read from this many images' headers, spread over the set
FASHION_MNIST = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                 "Bag", "Ankle boot"]  # the labels 0..9 of Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017)
IDX_FILES = {"train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
             "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}


class DataError(ValueError):
    """Raised when a data source is missing, empty, unreadable or not laid out as expected."""


# ---- Where the pixels are: in memory, in files, in an Arrow table ----

class Items(Protocol):
    def levels(self, items: np.ndarray) -> np.ndarray:
        """(B, C, S, S) uint8 levels of the source's items `items`."""


@dataclass
class InMemory:
    pixels: np.ndarray  # (N, C, S, S) uint8

    def levels(self, items: np.ndarray) -> np.ndarray:
        return self.pixels[items]


@dataclass
class Files:
    paths: list[Path]
    size: int
    channels: int

    def levels(self, items: np.ndarray) -> np.ndarray:
        return stacked([self.read(self.paths[i]) for i in items], self.channels, self.size)

    def read(self, path: Path) -> np.ndarray:
        try:
            with Image.open(path) as image:
                return resized_levels(image, self.size, self.channels)
        except OSError as e:  # a damaged or truncated file shows only when it is decoded
            raise DataError(f"{path}: not a readable image ({e})") from e


@dataclass
class Table:
    """The rows of one or more Hugging Face data sets (train, then test), decoded one at a time."""

    tables: list[Any]  # datasets.Dataset, their image column cast to undecoded bytes
    column: str
    size: int
    channels: int

    def levels(self, items: np.ndarray) -> np.ndarray:
        return stacked([self.read(int(i)) for i in items], self.channels, self.size)

    def cell(self, item: int) -> Any:
        """The image cell of row `item`, counting the tables' rows one after another."""
        for table in self.tables:
            if item < len(table):
                return table[item][self.column]
            item -= len(table)
        raise IndexError(item)

    def read(self, item: int) -> np.ndarray:
        try:
            with as_picture(self.cell(item)) as image:
                return resized_levels(image, self.size, self.channels)
        except OSError as e:
            raise DataError(f"row {item} of the data set: not a readable image ({e})") from e


def stacked(images: list[np.ndarray], channels: int, size: int) -> np.ndarray:
    """(B, C, S, S) uint8: the decoded images as one batch, empty (B = 0) when there are none (a run
    with no misclassified test image asks for none)."""
    return np.stack(images) if images else np.empty((0, channels, size, size), dtype=np.uint8)


def as_picture(value: Any) -> Image.Image:
    """A Hugging Face image cell, undecoded ({"bytes", "path"}) or decoded, as a Pillow image."""
    if isinstance(value, dict):
        return Image.open(io.BytesIO(value["bytes"]) if value.get("bytes") else value["path"])
    return value if isinstance(value, Image.Image) else Image.fromarray(np.asarray(value))


@dataclass
class ImageData:
    """A data set: labels and names in memory, pixels wherever the source keeps them."""

    items: Items  # where the pixels come from
    index: np.ndarray  # (N,) the source's items this data set holds, in order
    labels: np.ndarray  # (N,) int64 indices into class_names
    class_names: list[str]
    name: str  # a human-readable name for reports
    preprocessing: str  # how a new picture is made to look like these: "digits", "centred", "resize"
    channels: int  # 1 (grey) or 3 (RGB)
    image_size: int  # every image is (channels, image_size, image_size)
    flips: bool  # whether a mirror image is still an example of its class (never for digits)
    identity: list[str]  # what the checksum covers besides the labels, for sources not in memory
    own_test: np.ndarray | None = None  # (N,) True for the items of the source's own test split

    def __len__(self) -> int:
        return len(self.labels)

    def levels(self, rows: np.ndarray | list[int]) -> np.ndarray:
        """(B, C, S, S) uint8 levels of the examples at `rows`, decoded now if they are on disk."""
        return self.items.levels(self.index[np.asarray(rows, dtype=np.int64)])

    def floats(self, rows: np.ndarray | list[int] | None = None) -> np.ndarray:
        """(B, C, S, S) float32 in [0, 1], as the network sees them; every example when rows is None."""
        rows = np.arange(len(self)) if rows is None else rows
        return self.levels(rows).astype(np.float32) / 255.0

    def select(self, rows: np.ndarray) -> ImageData:
        """The examples at `rows` only (a `limit`), from the same source."""
        own = None if self.own_test is None else self.own_test[rows]
        return replace(self, index=self.index[rows], labels=self.labels[rows], own_test=own,
                       identity=self.identity and [self.identity[i] for i in rows])

    def checksum(self) -> str:
        """sha256 of what was loaded: the pixels of a source in memory, else each file's name and
        size (or the Hub data set's fingerprint), and the labels, in order."""
        if isinstance(self.items, InMemory):
            return checksum(self.levels(np.arange(len(self))), self.labels)
        return checksum(self.identity, self.labels)


def is_digit_names(class_names: list[str]) -> bool:
    return all(name.isdigit() for name in class_names)


def say(message: str) -> None:
    """A note about the data, once per load, where the training log goes."""
    print(f"note: {message}", file=sys.stderr)


# ---- The sources ----

def load_sklearn_digits(size: int, channels: int) -> ImageData:
    digits = load_digits()
    levels = np.round(digits.images * 255 / 16).astype(np.uint8)  # ink counts 0..16 -> levels 0..255
    pixels = in_memory(levels, size or 8, channels or 1)
    return ImageData(InMemory(pixels), np.arange(len(pixels)), digits.target.astype(np.int64),
                     [str(c) for c in digits.target_names],
                     "scikit-learn digits (UCI optical recognition of handwritten digits)", "digits",
                     pixels.shape[1], pixels.shape[-1], flips=False, identity=[])


def in_memory(grey: np.ndarray, size: int, channels: int) -> np.ndarray:
    """(N, H, W) grey levels -> (N, C, size, size) uint8, resized by the rule only if size differs."""
    if size != grey.shape[-1]:
        grey = np.stack([resized_levels(Image.fromarray(g), size, 1)[0] for g in grey])
    return np.repeat(grey[:, None], channels, axis=1)  # (N, 1 or 3, S, S)


def idx_file(folder: Path, stem: str) -> Path | None:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx")):  # some copies spell it 'ubyte.idx'
        if (folder / name).is_file():
            return folder / name
    return None


def is_idx_folder(folder: Path) -> bool:
    return folder.is_dir() and idx_file(folder, IDX_FILES["train"][0]) is not None


def read_idx(path: Path) -> np.ndarray:
    """An IDX file (LeCun's MNIST format, gzipped or not) as a uint8 array of its dimensions."""
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError) as e:
        raise DataError(f"{path}: cannot be read ({e})") from e
    if len(raw) < 4 or raw[:2] != b"\0\0" or raw[2] != 0x08:
        raise DataError(f"{path}: not an IDX file of bytes (its header is {raw[:4].hex() or 'empty'})")
    dims = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    if data.size != int(np.prod(shape)):
        raise DataError(f"{path}: its header says {shape} but it holds {data.size} bytes")
    return data.reshape(shape)


def idx_class_names(folder: Path) -> list[str]:
    """classes.txt beside the files (one name a line) if there is one; Fashion-MNIST's ten names
    when the folder's path says fashion; else MNIST's digits."""
    listed = folder / "classes.txt"
    if listed.is_file():
        return [line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]
    return FASHION_MNIST if "fashion" in str(folder.resolve()).lower() else [str(d) for d in range(10)]


def load_idx(folder: Path, size: int, channels: int) -> ImageData:
    """MNIST-format IDX files: the train pair, then the test pair (the data set's own test split)."""
    parts = []
    for stems in IDX_FILES.values():
        paths = [idx_file(folder, stem) for stem in stems]
        if None in paths:
            raise DataError(f"{folder}: no {stems[0 if paths[0] is None else 1]}[.gz]; an IDX folder "
                            "holds train-images-idx3-ubyte, train-labels-idx1-ubyte and the t10k-... pair"
                            + ("" if folder.is_dir() else FASHION_MNIST_FILES))
        images, labels = read_idx(paths[0]), read_idx(paths[1])
        if images.ndim != 3 or labels.shape != images.shape[:1]:
            raise DataError(f"{paths[0]}: {images.shape} images for {labels.shape} labels")
        parts.append((images, labels.astype(np.int64)))
    class_names = idx_class_names(folder)
    labels = np.concatenate([labels for _, labels in parts])
    if labels.max() >= len(class_names):
        raise DataError(f"{folder}: label {labels.max()} but {len(class_names)} class names")
    pixels = in_memory(np.concatenate([images for images, _ in parts]), size or parts[0][0].shape[-1],
                       channels or 1)
    own_test = np.arange(len(labels)) >= len(parts[0][1])
    name = "Fashion-MNIST (Xiao et al., 2017)" if class_names == FASHION_MNIST else f"IDX files {folder.name}"
    return ImageData(InMemory(pixels), np.arange(len(labels)), labels, class_names, name, "centred",
                     pixels.shape[1], pixels.shape[-1], flips=not is_digit_names(class_names),
                     identity=[], own_test=own_test)


LOCAL_DATA_FIX = ("train on local images: ARGS='--data <folder>' (one sub-folder of .png/.jpg files per "
                  "class), ARGS='--data idx:<folder>' (MNIST-format files) or ARGS='--data sklearn:digits' "
                  "(built in)")


def decide_channels(modes: dict[int, list[str]], where: str) -> int:
    """1 if every picture is grey, else 3; a source mixing them is read in colour, and says so."""
    if 3 in modes and 1 in modes:
        say(f"{where}: {len(modes[1])} grey and {len(modes[3])} colour images (e.g. grey {modes[1][0]}, "
            f"colour {modes[3][0]}); reading all of them as RGB")
    return 3 if 3 in modes else 1


def load_image_folder(root: Path, size: int, channels: int) -> ImageData:
    """<root>/<class>/*.png|jpg; class names are the sub-folder names, sorted. Each file's header is
    read now (its mode, and whether it is an image at all); its pixels when a batch needs them."""
    if not root.is_dir():
        raise DataError(f"{root}: no such folder; expected <root>/<class>/*.png|jpg, an IDX folder, "
                        f"'sklearn:digits' or 'hf:<dataset id>'. {SET_DATA}")
    class_dirs = sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))
    if len(class_dirs) < 2:
        raise DataError(f"{root}: found {len(class_dirs)} class folder(s); need at least 2, "
                        "each holding the images of one class")
    paths, labels, modes = [], [], {}
    for label, class_dir in enumerate(class_dirs):
        files = sorted(p for p in class_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if len(files) < 2:
            raise DataError(f"{class_dir}: {len(files)} image(s); a class needs at least 2 (one to train "
                            "on, one to test on), and more to be learned")
        for path in files:
            try:
                with Image.open(path) as image:  # reads the header only
                    modes.setdefault(channels_of(image), []).append(str(path))
            except OSError as e:
                raise DataError(f"{path}: not a readable image ({e})") from e
        paths += files
        labels += [label] * len(files)
    channels = channels or decide_channels(modes, str(root))
    class_names = [d.name for d in class_dirs]
    identity = [f"{p.relative_to(root)}:{p.stat().st_size}" for p in paths]
    return ImageData(Files(paths, size or FOLDER_SIZE, channels), np.arange(len(paths)),
                     np.array(labels, dtype=np.int64), class_names, f"image folder {root.name}", "resize",
                     channels, size or FOLDER_SIZE, flips=not is_digit_names(class_names), identity=identity)


def load_hf_dataset(name: str, size: int, channels: int = 0, data_dir: str | None = None,
                    image_column: str = "image", label_column: str = "label") -> ImageData:
    """A Hugging Face `datasets` id (downloads once, then reads the local cache). Its `train` split,
    and its `test` split where it has one; images stay in the Arrow table until a batch needs them."""
    import datasets  # imported here: only this source needs it

    try:
        loaded = datasets.load_dataset(name, data_dir=data_dir)
    except Exception as e:  # offline, a wrong id, a gated set: each ends the run, with its reason
        raise DataError(dataset_unavailable(name, e, LOCAL_DATA_FIX)) from e
    splits = loaded if isinstance(loaded, dict) else {"train": loaded}
    train = splits["train"] if "train" in splits else next(iter(splits.values()))
    tables = [train] + ([splits["test"]] if "test" in splits and splits["test"] is not train else [])
    missing = {image_column, label_column} - set(train.column_names)
    if missing:
        raise DataError(f"hf:{name}: no column(s) {sorted(missing)}; it has {train.column_names}")
    if isinstance(train.features[image_column], datasets.Image):  # keep the bytes; decode per item
        tables = [t.cast_column(image_column, datasets.Image(decode=False)) for t in tables]
    feature = train.features[label_column]
    raw = [label for table in tables for label in table[label_column]]
    if hasattr(feature, "names"):  # a ClassLabel column: integer labels with names
        class_names, labels = [str(n) for n in feature.names], raw
    else:  # plain values: sort them into classes
        class_names = sorted({str(label) for label in raw})
        labels = [class_names.index(str(label)) for label in raw]
    total = sum(len(t) for t in tables)
    table = Table(tables, image_column, size or FOLDER_SIZE, 0)
    if not channels:
        modes: dict[int, list[str]] = {}
        for item in np.linspace(0, total - 1, min(total, CHANNEL_SAMPLE)).astype(int):
            with as_picture(table.cell(int(item))) as image:
                modes.setdefault(channels_of(image), []).append(f"row {item}")
        channels = decide_channels(modes, f"hf:{name}")
    table.channels = channels
    own_test = np.arange(total) >= len(tables[0]) if len(tables) > 1 else None
    fingerprint = "|".join(f"{getattr(t, '_fingerprint', '')}:{len(t)}" for t in tables)
    return ImageData(table, np.arange(total), np.array(labels, dtype=np.int64), class_names,
                     f"Hugging Face dataset {name}", "resize", channels, size or FOLDER_SIZE,
                     flips=not is_digit_names(class_names),
                     identity=[f"{fingerprint}#{row}" for row in range(total)], own_test=own_test)


FASHION_MNIST_FILES = (" (for Fashion-MNIST, `apt-get install dataset-fashion-mnist` puts them in "
                       "/usr/share/datasets/fashion-mnist; or use data: hf:zalando-datasets/fashion_mnist)")
SET_DATA = ("Fix: point `data` at your images, with a `data:` line in a config file "
            "(make train CONFIG=configs/<name>.yaml) or ARGS='--data <folder or hf:id>'")


def load(source: str, size: int = 0, channels: int = 0) -> ImageData:
    """Pick the loader from the `data` config field; size and channels 0 mean the data's own."""
    if "<" in source:  # the template's placeholder, e.g. hf:<owner>/<dataset>
        raise DataError(f"data: {source!r} is a placeholder, not a data set. {SET_DATA}")
    if channels not in (0, 1, 3):
        raise DataError(f"channels: {channels}; use 1 (grey), 3 (RGB) or 0 (as the data are)")
    if source == "sklearn:digits":
        return load_sklearn_digits(size, channels)
    if source.startswith("hf:"):
        return load_hf_dataset(source[3:], size, channels)
    if source.startswith("idx:"):
        return load_idx(Path(source[4:]), size, channels)
    if is_idx_folder(Path(source)):
        return load_idx(Path(source), size, channels)
    return load_image_folder(Path(source), size, channels)


class DataSettings(Protocol):
    """The settings `data_splits` reads, the first fields of train.Config (named here, not imported
    from train.py, so that data.py comes first and train.py imports it, not the other way round)."""

    data: str
    image_size: int
    channels: int
    limit: int
    val_fraction: float
    test_fraction: float
    split_seed: int


def data_splits(cfg: DataSettings) -> tuple[ImageData, dict[str, np.ndarray]]:
    """The examples a run uses and their train/val/test indices: load the data `cfg` names,
    keep `cfg.limit` of them, split. Training, evaluation and the benchmarks all call this,
    so they see the same examples in the same parts. Where the data set has a test split of its
    own, it is the test part (describe_split says so)."""
    data = load(cfg.data, cfg.image_size, cfg.channels)
    data = data.select(subset(data.labels, cfg.limit, cfg.split_seed))
    own_test = None if data.own_test is None else np.flatnonzero(data.own_test)
    try:
        return data, stratified_split(data.labels, cfg.val_fraction, cfg.test_fraction, cfg.split_seed,
                                      own_test)
    except SplitError as e:
        raise DataError(f"{cfg.data} (limit {cfg.limit}): {e}") from None


# ---- Batches for training and evaluation ----

class ImageDataset(torch.utils.data.Dataset):
    """The examples at `rows` of `data` as a torch Dataset: (uint8 levels (C, S, S), label).

    A DataLoader asks for a whole batch at once (`__getitems__`), so an in-memory source is one
    array index per batch and a source on disk decodes just that batch's files.
    """

    def __init__(self, data: ImageData, rows: np.ndarray):
        self.data, self.rows = data, np.asarray(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, int]:
        x, y = self.__getitems__([i])
        return x[0], int(y[0])

    def __getitems__(self, batch: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        rows = self.rows[batch]
        return torch.from_numpy(self.data.levels(rows)), torch.from_numpy(self.data.labels[rows])


def as_batch(batch: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """The DataLoader's collate step: __getitems__ has already stacked the batch."""
    return batch


def as_floats(levels: torch.Tensor, device: torch.device | str = "cpu",
              channels_last: bool = False) -> torch.Tensor:
    """A batch of uint8 levels (B, C, H, W) -> float32 in [0, 1] on `device`, in the memory layout
    the network runs on (channels-last: NHWC, which CPU convolutions run faster on)."""
    x = levels.to(device, non_blocking=True).float().div_(255)
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def loader(data: ImageData, rows: np.ndarray, batch_size: int, shuffle: bool = False, seed: int = 0,
           workers: int = -1) -> torch.utils.data.DataLoader:
    """Batches of (uint8 (B, C, S, S), labels (B,)) over `rows`; shuffled by `seed` when asked.
    workers -1: none for a source in memory (an index is faster than a process), two that decode
    files or table rows ahead of the training step for a source on disk."""
    if workers < 0:
        workers = 0 if isinstance(data.items, InMemory) else 2
    return torch.utils.data.DataLoader(
        ImageDataset(data, rows), batch_size=batch_size, shuffle=shuffle, collate_fn=as_batch,
        generator=torch.Generator().manual_seed(seed), num_workers=workers,
        persistent_workers=workers > 0, prefetch_factor=4 if workers > 0 else None)
