import numpy as np
import pandas as pd
import pytest

from imdb_sentiment.data import DataError, clean, load, read_hf
from imdb_sentiment.splits import stratified_split


def test_cleaning_removes_tags_and_entities():
    assert clean("Great.<br /><br />Really &amp; truly   <i>great</i>!") == "Great. Really & truly great !"


def test_csv_is_cleaned_and_deduplicated_before_any_split(reviews_csv):
    data = load(str(reviews_csv), "review", "sentiment")
    assert data.class_names == ["negative", "positive"]
    assert len(data.texts) == len(set(data.texts)) and data.removed_duplicates >= 5
    assert not any("<br" in text for text in data.texts)
    parts = stratified_split(data.labels, 0.1, 0.5, seed=0)
    seen = {data.texts[i] for i in parts["train"]}
    assert not seen & {data.texts[i] for i in parts["test"]}  # no review on both sides
    assert abs(len(parts["test"]) - len(data.texts) / 2) <= 1


def test_jsonl_files_are_read_too(tmp_path):
    path = tmp_path / "reviews.jsonl"
    pd.DataFrame({"body": ["good film", "bad film", "fine film"], "stars": [5, 1, 5]}).to_json(
        path, orient="records", lines=True)
    data = load(str(path), "body", "stars")
    assert data.class_names == ["1", "5"] and data.labels.tolist() == [1, 0, 1]


def test_hugging_face_loader_reads_local_files_the_same_way(tmp_path):
    # The same datasets.load_dataset call as for a Hub id, on local parquet files (offline),
    # with a ClassLabel column and an unlabelled (-1) row, as in stanfordnlp/imdb.
    import datasets

    features = datasets.Features({"text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["neg", "pos"])})
    for split, rows in {"train": (["a fine film", "a dull film"], [1, 0]),
                        "test": (["a great film", "an unlabelled film"], [1, -1])}.items():
        part = datasets.Dataset.from_dict({"text": rows[0], "label": rows[1]}, features=features)
        part.to_parquet(str(tmp_path / f"{split}.parquet"))
    frame = read_hf("parquet", "text", "label", data_dir=str(tmp_path))
    assert sorted(frame.label) == ["neg", "pos", "pos"]


@pytest.mark.parametrize("columns", [("text", "sentiment"), ("review", "x")])
def test_missing_columns_are_named(reviews_csv, columns):
    with pytest.raises(DataError, match="no column") as error:
        load(str(reviews_csv), *columns)
    assert "review" in str(error.value) and "sentiment" in str(error.value)  # lists what it has


def test_bad_files_name_the_problem(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load(str(tmp_path / "missing.csv"), "text", "label")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(DataError, match="unknown file type"):
        load(str(tmp_path / "notes.txt"), "text", "label")
    pd.DataFrame({"text": ["a", "b"], "label": ["x", "x"]}).to_csv(tmp_path / "one.csv", index=False)
    with pytest.raises(DataError, match="at least 2 classes"):
        load(str(tmp_path / "one.csv"), "text", "label")


def test_labels_are_integers_into_the_class_names(reviews_csv):
    data = load(str(reviews_csv), "review", "sentiment")
    assert data.labels.dtype == np.int64 and set(data.labels) == {0, 1}


@pytest.mark.parametrize("failure", [ConnectionError("Name or service not known"),
                                     FileNotFoundError("Dataset 'nobody/nothing' doesn't exist on the Hub")])
def test_a_hub_data_set_that_does_not_load_names_the_local_config(failure, monkeypatch):
    # Offline, hf:stanfordnlp/imdb cannot download: the message says why, and which local
    # copy to train on (configs/imdb-csv.yaml), alone or with the quick settings.
    import datasets  # a dependency of the project (for hf: ids)

    def unavailable(*args, **kwargs):
        raise failure

    monkeypatch.setattr(datasets, "load_dataset", unavailable)
    with pytest.raises(DataError) as raised:
        load("hf:nobody/nothing", "text", "label")
    message = str(raised.value)
    assert message.startswith("hf:nobody/nothing could not be loaded (") and str(failure) in message
    assert "make train evaluate CONFIG=configs/imdb-csv.yaml" in message
    assert "CONFIG='configs/quick.yaml configs/imdb-csv.yaml'" in message
