"""Gradio demo: paste a review, get its sentiment and the words that decided it.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the model is loaded once at start-up; `demo` is importable for tests.
"""

import os
from pathlib import Path

import gradio as gr
import torch

from {{ cookiecutter.package_name }}.predict import InvalidTextError, TextClassifier

HERE = Path(__file__).parent
# Gradio wraps every call in a matplotlib backend switch; with no backend named, the first call
# imports pyplot to pick one, which kept the first visitor waiting about half a second.
os.environ.setdefault("MPLBACKEND", "Agg")
torch.set_num_threads(1)  # one short text per request: more threads would only spin and wait
classifier = TextClassifier(os.environ.get("MODEL_DIR", HERE / "models"))
EXAMPLES = [
    "One of the most moving films I have seen in years. The acting is superb and the ending stayed "
    "with me for days.",
    "I wanted to like it, but the plot makes no sense and the dialogue is painfully bad. "
    "Two hours I will never get back.",
    "Not bad at all! A silly premise, yet the cast clearly had fun and so did I.",
]
# What the readiness check and the load bench send.
EXAMPLE_REQUEST = {"api_name": "/predict", "args": [EXAMPLES[0]]}
# Under load (the portfolio's bench/bench_demo_load.py, 50 visitors at once; the concurrency sweep is in
# bench/results/demo_concurrency_sweep.json): a request is mostly Gradio's own Python around a model call
# of a millisecond or so, under one interpreter lock, so running more at once buys little: 2 at a time
# served as many per second as 1 or more, and about as many as 4. 2 match a free Space's 2 vCPUs and keep
# one slow request from holding up the rest. Past QUEUE_SIZE waiting, a visitor is told "Queue is full"
# at once instead of waiting without end.
CONCURRENCY_LIMIT = 2
QUEUE_SIZE = 64  # room for the bench's 50 visitors and a few more
MAX_FILE_SIZE = gr.FileSize.MB  # no input takes a file, but Gradio's upload route is open: keep it small


def predict(review: str) -> tuple[dict[str, float], list[tuple[str, float | None]]]:
    """Class probabilities, and the review with each word's push toward the answer."""
    try:
        result = classifier.predict(review)
    except InvalidTextError as e:
        raise gr.Error(str(e)) from None  # shown to the visitor; the server keeps serving
    for note in result.notes:
        gr.Warning(note)
    return result.probabilities, result.highlights


demo = gr.Interface(
    fn=predict,
    inputs=gr.Textbox(lines=6, label="A movie review", placeholder="Paste or write a review..."),
    outputs=[gr.Label(num_top_classes=2, label="Sentiment"),
             gr.HighlightedText(label="Words that pushed the answer (positive: toward it, "
                                      "negative: against)")],
    examples=EXAMPLES,
    title={{ cookiecutter.project_name | quoted }},
{%- if cookiecutter.model == "transformer" %}
    description=("A pre-trained transformer, fine-tuned on IMDB reviews. Each highlighted word shows its "
                 "share of the score, estimated by integrated gradients."),
{%- else %}
    description=("A bag of word n-grams with Naive Bayes scaling, trained on IMDB reviews. Each highlighted "
                 "word shows its exact share of the score."),
{%- endif %}
    flagging_mode="never",
)
demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_SIZE)

if __name__ == "__main__":
    demo.launch(max_file_size=MAX_FILE_SIZE)
