import numpy as np
import pytest
import torch
from scipy import sparse

from {{ cookiecutter.package_name }}.model import (
    ModelConfig,
    NgramBag,
    bags,
    load_model,
    nb_log_count_ratios,
    save_model,
)
from {{ cookiecutter.package_name }}.tokenizer import NgramVocabulary


def test_nb_ratios_match_the_formula():
    matrix = sparse.csr_matrix(np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1]], dtype=np.float32))
    labels = np.array([1, 1, 0])
    ratios = nb_log_count_ratios(matrix, labels, num_classes=2, alpha=1.0)
    p, q = np.array([3, 2, 1]), np.array([1, 1, 2])  # 1 + counts in class 1, in class 0
    expected = np.log((p / p.sum()) / (q / q.sum()))
    assert np.allclose(ratios[1], expected) and np.allclose(ratios[0], -expected)


def test_logits_are_the_scaled_sum_of_ngram_scores():
    model = NgramBag(torch.randn(3, 5))
    torch.nn.init.normal_(model.weight)
    matrix = sparse.csr_matrix(np.array([[1, 0, 1, 1, 0], [0, 0, 0, 0, 0]], dtype=np.float32))
    logits = model(*bags(matrix))
    assert logits.shape == (2, 3)
    expected = model.ngram_scores()[[0, 2, 3]].sum(0) / np.sqrt(3) + model.bias
    assert torch.allclose(logits[0], expected, atol=1e-6)
    assert torch.allclose(logits[1], model.bias)  # a text with no known n-gram: only the bias


def test_model_round_trips_through_safetensors(tmp_path):
    model = NgramBag(torch.randn(2, 3))
    torch.nn.init.normal_(model.weight)
    config = ModelConfig(class_names=["neg", "pos"], vocab_size=3, max_n=2)
    save_model(model, config, NgramVocabulary(["a", "b", "a b"], max_n=2), tmp_path)
    loaded, loaded_config, vocabulary = load_model(tmp_path)
    matrix = sparse.csr_matrix(np.array([[1, 1, 1]], dtype=np.float32))
    assert loaded_config == config and vocabulary.ngrams == ["a", "b", "a b"]
    assert torch.equal(model(*bags(matrix)), loaded(*bags(matrix)))
    assert not list(tmp_path.glob("*.pt*")) and not list(tmp_path.glob("*.bin"))  # no pickle


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path)
