import re

import pytest

from {{ cookiecutter.package_name }}.predict import MAX_CHARS, InvalidTextError, TextClassifier


@pytest.fixture(scope="module")
def classifier(trained):
    return TextClassifier(trained / "models")


def test_a_review_gets_probabilities_and_highlights(classifier):
    text = "The film was wonderful. <br />The cast was superb!"
    result = classifier.predict(text)
    assert result.label == "positive" and sum(result.probabilities.values()) == pytest.approx(1.0)
    assert "".join(piece for piece, _ in result.highlights) == "The film was wonderful. The cast was superb!"
    scores = dict((piece.strip(), score) for piece, score in result.highlights if score is not None)
    assert scores["wonderful"] > 0 and max(abs(s) for s in scores.values()) == pytest.approx(1.0)
    assert result.notes == []


@pytest.mark.parametrize("text", ["the film was wonderful. the cast was superb",
                                  "boring, dull and a waste of time: not good",
                                  "the plot was a mess but the ending was moving"])
def test_word_attributions_add_up_to_the_score_difference(classifier, text):
    """Integrated gradients' completeness: the words' shares sum to score(text) - score(baseline),
    up to the error of the path integral, which more steps shrink. That error scales with the shares
    themselves, not with their sum: words pulling both ways can cancel to a sum near 0. Below 1e-4 the
    gap is float32 rounding, which more steps do not shrink."""
    target = int(classifier.probabilities([text])[0].argmax())
    coarse, fine = classifier.explain(text, target, steps=4), classifier.explain(text, target, steps=64)
    scale = sum(abs(score) for score in fine.scores)
    assert fine.completeness_gap < 0.02 * scale + 1e-4
    assert fine.completeness_gap <= max(coarse.completeness_gap, 1e-4)
    assert fine.words == re.findall(r"\w+|[^\w\s]", text)  # one score per word, as the tokenizer splits


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


def test_half_a_utf16_pair_is_read_as_a_question_mark(classifier):
    """JSON carries "\\ud800" as it carries any character; the tokenizer alone would refuse the text."""
    result = classifier.predict("the film was wonderful \ud800 truly")
    assert "".join(piece for piece, _ in result.highlights) == "the film was wonderful ? truly"


def test_a_huge_text_is_read_up_to_the_limit_and_says_so(classifier):
    result = classifier.predict("the film was wonderful. " * 50_000)  # about 1.2 MB
    assert result.label == "positive"
    assert any(f"{MAX_CHARS:,}" in note for note in result.notes)
    assert any("tokens at most" in note for note in result.notes)  # the model's own limit, 64 here
    assert result.highlights[-1][1] is None  # the unread rest has no score


def test_mostly_unknown_words_come_with_a_warning(classifier):
    result = classifier.predict("Der Film war wonderful, aber die Handlung war langweilig und zu lang")
    assert any("knows only" in note for note in result.notes)
