import json

import numpy as np
import onnxruntime
import pytest
import torch

from {{ cookiecutter.package_name }}.model import MODEL_CONFIG, ONNX_MODEL
from {{ cookiecutter.package_name }}.predict import MAX_CHARS, InvalidTextError, TextClassifier
from {{ cookiecutter.package_name }}.tokenizer import tokenize


@pytest.fixture(scope="module")
def classifier(trained):
    return TextClassifier(trained / "models")


def test_a_review_gets_probabilities_and_highlights(classifier):
    text = "The film was wonderful. <br />The cast was superb!"
    result = classifier.predict(text)
    assert result.label == "positive" and sum(result.probabilities.values()) == pytest.approx(1.0)
    assert "".join(piece for piece, _ in result.highlights) == "The film was wonderful. The cast was superb!"
    scores = dict((piece.strip(), score) for piece, score in result.highlights if score is not None)
    assert scores["wonderful."] > 0 and max(abs(s) for s in scores.values()) == pytest.approx(1.0)
    assert result.notes == []


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("   \n\t  ", "empty"),
    ("... --- ;;; ()", "No words"),
    ("\x00\x01\x02\ufffd\x7f\x1b[0m", "No words|vocabulary"),
    ("Der Hund bellt laut im Garten", "vocabulary"),
])
def test_text_the_model_cannot_read_gets_a_clear_message(classifier, text, problem):
    with pytest.raises(InvalidTextError, match=problem):
        classifier.predict(text)


def test_a_huge_text_is_read_up_to_the_limit_and_says_so(classifier):
    result = classifier.predict("the film was wonderful. " * 50_000)  # about 1.2 MB
    assert result.label == "positive"
    assert any(f"{MAX_CHARS:,}" in note for note in result.notes)


def test_mostly_unknown_words_come_with_a_warning(classifier):
    result = classifier.predict("Der Film war wonderful, aber die Handlung war langweilig und zu lang")
    assert any("knows only" in note for note in result.notes)


@pytest.mark.parametrize("text", ["The film was wonderful. <br />The cast was superb!",
                                  "Boring, dull and a waste of time: not good.",
                                  "It was not bad at all, the plot a joy, the ending awful."])
def test_the_onnx_export_answers_as_the_pytorch_model_does(trained, classifier, text):
    """The in-browser demo runs models/model.onnx: its logits and per-n-gram scores for a text's
    n-grams (as predict builds them) are the PyTorch model's."""
    session = onnxruntime.InferenceSession(str(trained / "models" / ONNX_MODEL))
    positions = classifier.vocabulary.ngram_positions(tokenize(text))
    bag = torch.tensor(sorted({ngram for ngram, _, _ in positions}))
    logits, scores = session.run(["logits", "ngram_scores"], {"ngrams": bag.numpy()})
    with torch.no_grad():
        np.testing.assert_allclose(logits, classifier.model(bag, torch.tensor([0])).numpy(), atol=1e-6)
        np.testing.assert_array_equal(scores, classifier.model.ngram_scores(bag).numpy())
    assert logits.shape == (1, 2) and scores.shape == (len(bag), 2) and len(bag) > 3
    metadata = session.get_modelmeta().custom_metadata_map[MODEL_CONFIG]
    assert json.loads(metadata) == json.loads((trained / "models" / MODEL_CONFIG).read_text())
