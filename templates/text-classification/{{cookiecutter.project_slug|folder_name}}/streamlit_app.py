"""Streamlit demo: paste a review, get its sentiment and the words that decided it.

    streamlit run streamlit_app.py        # then open http://localhost:8501

The same predict module as every demo of this project: the model is loaded once per server
process and shared by every visitor.
"""

import html
import os
from pathlib import Path

import streamlit as st
import torch

from {{ cookiecutter.package_name }}.predict import InvalidTextError, Prediction, TextClassifier

HERE = Path(__file__).parent
TITLE = {{ cookiecutter.project_name | quoted }}
TOWARD, AGAINST = "34, 139, 34", "220, 20, 60"  # RGB tints: green for a push toward the answer, red against


@st.cache_resource(show_spinner="Loading the model...")
def load_classifier(model_dir: str) -> TextClassifier:
    """The model, loaded once per server process and shared by every session."""
    torch.set_num_threads(1)  # one short text per request: more threads would only spin and wait
    return TextClassifier(model_dir)


def highlighted(pieces: list[tuple[str, float | None]]) -> str:
    """The text as HTML, each word tinted by its push (-1..1): the deeper, the stronger. The
    visitor's text is escaped, so markup in a review is shown, never run."""
    spans = []
    for text, score in pieces:
        if score:
            tint = TOWARD if score > 0 else AGAINST
            spans.append(f'<span style="background:rgba({tint}, {abs(score):.2f})" '
                         f'title="{score:+.2f}">{html.escape(text)}</span>')
        else:
            spans.append(html.escape(text))
    return f'<p style="white-space:pre-wrap;line-height:1.8">{"".join(spans)}</p>'


def show(result: Prediction) -> None:
    """The label, each class's probability, then the review with its words tinted."""
    for note in result.notes:
        st.warning(note)
    st.subheader(f"Sentiment: {result.label}")
    for name, probability in sorted(result.probabilities.items(), key=lambda item: -item[1]):
        st.progress(probability, text=f"{name}: {probability:.1%}")
    st.caption("Words that pushed the answer: green toward it, red against it.")
    st.html(highlighted(result.highlights))


st.set_page_config(page_title=TITLE)
st.title(TITLE)
{%- if cookiecutter.model == "transformer" %}
st.write("A pre-trained transformer, fine-tuned on IMDB reviews. Each tinted word shows its share of the "
         "score, estimated by integrated gradients.")
{%- else %}
st.write("A bag of word n-grams with Naive Bayes scaling, trained on IMDB reviews. Each tinted word "
         "shows its exact share of the score.")
{%- endif %}
try:
    classifier = load_classifier(str(os.environ.get("MODEL_DIR", HERE / "models")))
except FileNotFoundError as e:
    st.error(str(e))
    st.stop()

with st.form("review"):
    review = st.text_area("A movie review", height=160, placeholder="Paste or write a review...")
    submitted = st.form_submit_button("Read it", type="primary")
if submitted:
    try:
        show(classifier.predict(review))
    except InvalidTextError as e:
        st.error(str(e))  # the visitor's to fix; the app keeps running
