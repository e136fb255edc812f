# Rendered from templates/_shared/include/shared/tests/image_data.py: edit it there, not here.
"""The data sources every image kind reads: scikit-learn's digits, an image folder, a Hugging Face id."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import load_digits

from digits_cnn.data import DataError, load, load_hf_dataset
from digits_cnn.splits import stratified_split


@pytest.fixture(scope="module")
def image_folder(tmp_path_factory) -> Path:
    """<root>/<class>/*.png with 12 real digits per class for three classes, 16x16 pixels."""
    root = tmp_path_factory.mktemp("folder")
    digits = load_digits()
    for label in (0, 1, 7):
        (root / f"digit{label}").mkdir()
        for i, index in enumerate(np.flatnonzero(digits.target == label)[:12]):
            pixels = (digits.images[index] * 255 / 16).astype(np.uint8)
            Image.fromarray(pixels).resize((16, 16)).save(root / f"digit{label}" / f"{i}.png")
    return root


def test_sklearn_digits_are_8x8_in_unit_range():
    data = load("sklearn:digits", 8)
    assert data.images.shape == (1797, 1, 8, 8) and data.images.dtype == np.float32
    assert 0 <= data.images.min() and data.images.max() <= 1
    assert data.class_names == [str(d) for d in range(10)] and data.preprocessing == "digits"


def test_image_folder_reads_classes_from_folder_names(image_folder):
    data = load(str(image_folder), 16)
    assert data.class_names == ["digit0", "digit1", "digit7"]
    assert data.images.shape == (36, 1, 16, 16)
    assert np.bincount(data.labels).tolist() == [12, 12, 12]


def test_hugging_face_loader_reads_a_local_imagefolder(image_folder):
    # The same datasets.load_dataset call as for a Hub id, on local files (offline).
    data = load_hf_dataset("imagefolder", 16, data_dir=str(image_folder))
    assert sorted(data.class_names) == ["digit0", "digit1", "digit7"]
    assert data.images.shape == (36, 1, 16, 16)


@pytest.mark.parametrize("make", ["missing", "one_class", "corrupt"])
def test_bad_folders_name_the_problem(tmp_path, make):
    root = tmp_path / "data"
    if make != "missing":
        (root / "a").mkdir(parents=True)
        Image.new("L", (8, 8)).save(root / "a" / "x.png")
    if make == "corrupt":
        (root / "b").mkdir()
        (root / "b" / "y.png").write_bytes(b"not a png")
    with pytest.raises(DataError, match=str(root)):
        load(str(root), 8)


def test_split_is_stratified_disjoint_and_repeatable():
    labels = load("sklearn:digits", 8).labels
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
