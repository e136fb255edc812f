# Rendered from templates/_shared/include/shared/tests/image_data.py: edit it there, not here.
"""The data sources every image kind reads: scikit-learn's digits, an image folder (grey or colour),
MNIST-format IDX files and a Hugging Face id (a stand-in for the Hub: nothing is downloaded)."""

import gzip
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import load_digits

from fashion_gan.data import DataError, Files, data_splits, load, load_hf_dataset, loader
from fashion_gan.images import resized
from fashion_gan.splits import stratified_split


def settings(data: str, **changes) -> SimpleNamespace:
    """The fields of train.Config that data_splits reads."""
    return SimpleNamespace(**{"data": data, "image_size": 0, "channels": 0, "limit": 0, "val_fraction": 0.1,
                              "test_fraction": 0.2, "split_seed": 0, **changes})


@pytest.fixture(scope="module")
def image_folder(tmp_path_factory) -> Path:
    """<root>/<class>/*.png with 12 real digits per class for three classes, 16x16 grey pixels."""
    root = tmp_path_factory.mktemp("folder")
    digits = load_digits()
    for label in (0, 1, 7):
        (root / f"digit{label}").mkdir()
        for i, index in enumerate(np.flatnonzero(digits.target == label)[:12]):
            pixels = (digits.images[index] * 255 / 16).astype(np.uint8)
            Image.fromarray(pixels).resize((16, 16)).save(root / f"digit{label}" / f"{i}.png")
    return root


def colour_folder(root: Path, per_class: int = 4, size: int = 24, grey_one: bool = False) -> Path:
    """<root>/<red|blue>/*.jpg|png: colour pictures, and if asked one grey picture among them."""
    rng = np.random.default_rng(0)
    for name, channel in (("blue", 2), ("red", 0)):
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            pixels = rng.integers(0, 60, (size, size + 8, 3), dtype=np.uint8)
            pixels[4:-4, 4:-4, channel] = 230
            Image.fromarray(pixels).save(root / name / f"{i}.{'jpg' if i % 2 else 'png'}")
    if grey_one:
        Image.new("L", (size, size), 128).save(root / "red" / "grey.png")
    return root


def test_sklearn_digits_are_8x8_grey_levels_in_memory():
    data = load("sklearn:digits")
    levels = data.levels(np.arange(len(data)))
    assert levels.shape == (1797, 1, 8, 8) and levels.dtype == np.uint8  # a byte a pixel, not 4
    assert levels.max() == 255 and data.floats([0]).max() <= 1
    assert data.class_names == [str(d) for d in range(10)] and data.preprocessing == "digits"
    assert not data.flips  # a mirrored 2 is not a 2


def test_an_image_folder_reads_classes_from_folder_names_and_pixels_per_batch(image_folder):
    data = load(str(image_folder), 16)
    assert isinstance(data.items, Files)  # nothing decoded yet: the pixels stay in the files
    assert data.class_names == ["digit0", "digit1", "digit7"] and data.channels == 1
    assert np.bincount(data.labels).tolist() == [12, 12, 12]
    first = image_folder / "digit0" / "0.png"
    np.testing.assert_array_equal(data.floats([0])[0], resized(Image.open(first), 16, 1))


def test_no_rows_are_an_empty_batch_of_the_right_shape(tmp_path):
    """Evaluation draws the misclassified test images, and a model that makes no mistake leaves none."""
    for data in (load(str(colour_folder(tmp_path)), 16), load("sklearn:digits")):
        assert data.floats([]).shape == (0, data.channels, data.image_size, data.image_size)


@pytest.mark.parametrize("size", [8, 28, 64])
def test_a_colour_folder_stays_colour_at_any_size(tmp_path, size):
    data = load(str(colour_folder(tmp_path)), size)
    assert data.channels == 3 and data.image_size == size and data.flips
    x = data.floats([0, 5])
    assert x.shape == (2, 3, size, size)
    assert x[0, 2].mean() > x[0, 0].mean() and x[1, 0].mean() > x[1, 2].mean()  # blue, then red
    assert load(str(tmp_path), size, channels=1).floats([0]).shape == (1, 1, size, size)  # asked for grey


def test_grey_among_colour_is_read_as_colour_and_said_once(tmp_path, capsys):
    data = load(str(colour_folder(tmp_path, grey_one=True)), 16)
    assert data.channels == 3
    notes = capsys.readouterr().err.strip().splitlines()
    assert len(notes) == 1 and "1 grey and 8 colour images" in notes[0] and "grey.png" in notes[0]
    grey = data.floats([len(data) - 1])[0]  # the grey picture, its level in R, G and B
    assert np.allclose(grey[0], grey[1]) and np.allclose(grey[1], grey[2])


def write_idx(path: Path, array: np.ndarray) -> None:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(d.to_bytes(4, "big") for d in array.shape)
    data = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


@pytest.fixture
def idx_folder(tmp_path) -> Path:
    """A tiny MNIST-format data set: 40 train and 10 test images of 12x12, one pair gzipped."""
    rng = np.random.default_rng(0)
    folder = tmp_path / "tiny-fashion"
    folder.mkdir()
    for stem, count in (("train", 40), ("t10k", 10)):
        labels = np.arange(count) % 5
        images = rng.integers(0, 40, (count, 12, 12))
        images[:, 2:10, 2:10] += 40 * labels[:, None, None]
        suffix = ".gz" if stem == "train" else ""
        write_idx(folder / f"{stem}-images-idx3-ubyte{suffix}", images)
        write_idx(folder / f"{stem}-labels-idx1-ubyte{suffix}", labels)
    return folder


def test_idx_files_keep_their_own_test_split(idx_folder):
    for source in (str(idx_folder), f"idx:{idx_folder}"):  # recognised with or without the prefix
        data, parts = data_splits(settings(source, val_fraction=0.25))
        assert data.levels(np.arange(len(data))).shape == (50, 1, 12, 12) and data.preprocessing == "centred"
        assert data.class_names == ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                                    "Shirt", "Sneaker", "Bag", "Ankle boot"]  # the folder says fashion
        assert parts["test"].tolist() == list(range(40, 50))  # the t10k files, not a share of train
        assert sorted([*parts["train"], *parts["val"]]) == list(range(40))
        assert np.bincount(data.labels[parts["val"]]).tolist() == [2] * 5  # stratified


def test_idx_class_names_come_from_classes_txt(idx_folder):
    (idx_folder / "classes.txt").write_text("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n")
    assert load(f"idx:{idx_folder}", 28).class_names[:2] == ["a", "b"]
    assert load(f"idx:{idx_folder}", 28).image_size == 28  # resized by the rule when asked


def test_a_damaged_idx_file_is_named(idx_folder):
    (idx_folder / "t10k-labels-idx1-ubyte").write_bytes(b"\0\0\x08\x01\0\0\0\x09abc")
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte: its header says"):
        load(f"idx:{idx_folder}")


@pytest.fixture
def hub(monkeypatch, image_folder):
    """A stand-in for the Hub: datasets.load_dataset gives real Arrow-backed data sets, a train
    and a test split made from the image folder, with a ClassLabel column."""
    import datasets

    def load_dataset(name, data_dir=None, **kwargs):
        features = datasets.Features({"image": datasets.Image(),
                                      "label": datasets.ClassLabel(names=["zero", "one", "seven"])})
        files = [(str(p), label) for label, c in enumerate(("digit0", "digit1", "digit7"))
                 for p in sorted((image_folder / c).glob("*.png"))]
        def part(rows):
            return datasets.Dataset.from_dict({"image": [p for p, _ in rows], "label": [y for _, y in rows]},
                                              features=features)
        return datasets.DatasetDict({"train": part(files[::2] + files[1::4]), "test": part(files[3::4])})

    monkeypatch.setattr(datasets, "load_dataset", load_dataset)


def test_a_hub_data_set_is_read_per_item_with_its_own_test_split(hub):
    data, parts = data_splits(settings("hf:someone/digits", image_size=16))
    assert data.class_names == ["zero", "one", "seven"] and data.channels == 1
    assert len(parts["test"]) == 9 and len(data) == 36
    assert data.floats(parts["test"][:2]).shape == (2, 1, 16, 16)
    assert data.checksum() == data_splits(settings("hf:someone/digits", image_size=16))[0].checksum()


def test_the_hugging_face_loader_reads_a_local_imagefolder(image_folder):
    # The same datasets.load_dataset call as for a Hub id, on local files (offline).
    data = load_hf_dataset("imagefolder", 16, data_dir=str(image_folder))
    assert sorted(data.class_names) == ["digit0", "digit1", "digit7"]
    assert data.floats(np.arange(len(data))).shape == (36, 1, 16, 16)


def test_batches_come_through_a_data_loader_in_a_seeded_order(image_folder):
    data, parts = data_splits(settings(str(image_folder), image_size=16))
    first = [y.tolist() for _, y in loader(data, parts["train"], 8, shuffle=True, seed=3, workers=0)]
    again = [y.tolist() for _, y in loader(data, parts["train"], 8, shuffle=True, seed=3, workers=0)]
    x, _ = next(iter(loader(data, parts["train"], 8, workers=0)))
    assert first == again and x.shape == (8, 1, 16, 16) and str(x.dtype) == "torch.uint8"


@pytest.mark.parametrize("make, message", [
    ("missing", "no such folder"),
    ("one_class", "found 1 class folder"),
    ("corrupt", "y.png: not a readable image"),
    ("one_image", "b: 1 image"),
])
def test_bad_folders_name_the_problem(tmp_path, make, message):
    root = tmp_path / "data"
    if make != "missing":
        (root / "a").mkdir(parents=True)
        Image.new("L", (8, 8)).save(root / "a" / "x.png")
        Image.new("L", (8, 8)).save(root / "a" / "z.png")
    if make in ("corrupt", "one_image"):
        (root / "b").mkdir()
        Image.new("L", (8, 8)).save(root / "b" / "x.png")
    if make == "corrupt":
        (root / "b" / "y.png").write_bytes(b"not a png")
    with pytest.raises(DataError, match=message):
        load(str(root), 8)


def test_a_file_damaged_past_its_header_is_named_when_it_is_decoded(tmp_path):
    root = colour_folder(tmp_path)
    path = root / "red" / "0.png"
    path.write_bytes(path.read_bytes()[:200])  # the header reads; the pixels do not
    data = load(str(root), 8)
    with pytest.raises(DataError, match="0.png: not a readable image"):
        data.floats(np.arange(len(data)))


def test_a_limit_too_small_to_stratify_says_so_with_the_numbers():
    with pytest.raises(DataError, match=r"sklearn:digits \(limit 12\): .* too few .*a larger `limit`"):
        data_splits(settings("sklearn:digits", limit=12))


def test_split_is_stratified_disjoint_and_repeatable():
    labels = load("sklearn:digits").labels
    parts = stratified_split(labels, 0.1, 0.2, seed=0)
    assert sum(len(p) for p in parts.values()) == len(labels)
    assert len(np.unique(np.concatenate(list(parts.values())))) == len(labels)
    shares = np.bincount(labels[parts["test"]]) / len(parts["test"])
    assert np.allclose(shares, np.bincount(labels) / len(labels), atol=0.01)
    again = stratified_split(labels, 0.1, 0.2, seed=0)
    assert all((parts[name] == again[name]).all() for name in parts)


@pytest.mark.parametrize("failure", [ConnectionError("Name or service not known"),
                                     FileNotFoundError("Dataset 'nobody/nothing' doesn't exist on the Hub")])
def test_a_hub_data_set_that_does_not_load_says_why_and_which_local_data_to_use(failure, monkeypatch):
    import datasets  # a dependency of the project (for hf: ids)

    def unavailable(*args, **kwargs):
        raise failure

    monkeypatch.setattr(datasets, "load_dataset", unavailable)  # offline, or a wrong id
    with pytest.raises(DataError) as raised:
        load("hf:nobody/nothing", 8)
    message = str(raised.value)
    assert message.startswith("hf:nobody/nothing could not be loaded (") and str(failure) in message
    assert "--data <folder>" in message and "sklearn:digits" in message
