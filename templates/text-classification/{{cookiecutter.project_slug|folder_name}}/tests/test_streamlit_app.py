# The first part is rendered from templates/_shared/include/shared/tests/streamlit_app.py: edit it there.
{% include "shared/tests/streamlit_app.py" %}


def read(at: AppTest, review: str) -> AppTest:
    """The page after a visitor types `review` and presses the button."""
    at.text_area[0].input(review)
    return at.button[0].click().run()


def test_a_review_gets_a_label_each_class_and_its_words_tinted(app, trained):
    from {{ cookiecutter.package_name }}.predict import TextClassifier

    review = "The cast was wonderful and the ending was moving."
    expected = TextClassifier(trained / "models").predict(review)
    at = shown(read(app, review))
    assert expected.label == "positive" and at.subheader[0].value == "Sentiment: positive"
    assert sorted(bar.text for bar in at.progress) == sorted(
        f"{name}: {p:.1%}" for name, p in expected.probabilities.items())
    (page,) = at.html
    assert "rgba(34, 139, 34" in page.value.split("wonderful")[0].rsplit("<span", 1)[1]  # tinted toward


def test_markup_in_a_review_is_shown_as_text_not_run(app):
    # Reading drops tags but decodes entities (IMDB's text has both): "&lt;" comes out as "<".
    import re

    (page,) = shown(read(app, "A wonderful film &lt;script&gt;alert(1)&lt;/script&gt;")).html
    shown_text = re.sub(r"<[^>]+>", "", page.value)  # what the visitor reads, whatever the pieces
    assert "&lt;/script&gt;" in shown_text and "</script>" not in page.value


def test_bad_input_gets_a_clear_message_and_the_app_keeps_running(app):
    import re

    for text, message in [("", "empty"), ("   ", "empty"), ("\x00\x01\x02", "No words|vocabulary"),
                          ("Der Hund bellt laut", "vocabulary")]:
        at = read(app, text)
        assert re.search(message, only_error(at)), text
        assert not at.progress
    at = shown(read(app, "a huge review. " + "the plot was dull. " * 60_000))
    assert at.subheader[0].value == "Sentiment: negative"  # answered on the first characters
    assert "Only the first" in at.warning[0].value
