import json

import numpy as np
import torch

from {{ cookiecutter.package_name }}.explain import token_contributions
from {{ cookiecutter.package_name }}.model import bags, load_model
from {{ cookiecutter.package_name }}.tokenizer import tokenize


def test_a_tiny_training_run_learns(trained):
    history = json.loads((trained / "reports/training.json").read_text())["history"]
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_accuracy"][-1] > 0.8  # chance is 0.5


def test_word_contributions_add_up_to_the_score_difference(trained):
    model, _, vocabulary = load_model(trained / "models")
    text = "the plot was a mess. the cast was wonderful and the ending was moving"
    tokens = tokenize(text)
    logits = model(*bags(vocabulary.encode([text])))[0].detach()
    target = int(logits.argmax())
    contributions = token_contributions(model, vocabulary.ngram_positions(tokens), len(tokens), target)
    without_bias = logits - model.bias.detach()
    assert np.isclose(contributions.sum(), float(without_bias[target] - without_bias.mean()), atol=1e-5)
    assert contributions[tokens.index("wonderful")] != 0
    assert torch.isfinite(logits).all()
