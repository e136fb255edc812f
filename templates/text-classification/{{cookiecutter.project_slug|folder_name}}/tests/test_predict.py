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
