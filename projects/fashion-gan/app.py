"""Gradio demo: ask for a class and a seed, see what the generator draws; walk between two seeds.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the generator is loaded once at start-up; `demo` is importable for tests. It serves
the ONNX export (models/generator.onnx) with onnxruntime, so it starts without PyTorch.
"""

import os
from pathlib import Path

import gradio as gr
from PIL import Image

from fashion_gan.predict import (
    ALL,
    MAX_COUNT,
    MAX_STEPS,
    InvalidRequestError,
    Sampler,
    to_picture,
)

HERE = Path(__file__).parent
# Gradio wraps every call in a matplotlib backend switch; with no backend named, the first call
# imports pyplot to pick one, which kept the first visitor waiting about half a second.
os.environ.setdefault("MPLBACKEND", "Agg")
sampler = Sampler(os.environ.get("MODEL_DIR", HERE / "models"))
CHOICES = [ALL, *sampler.class_names]
# What the readiness check and the load bench send: the Samples tab as it opens.
EXAMPLE_REQUEST = {"api_name": "/sample", "args": [CHOICES[1], 0, 16]}
# Under load (the portfolio's bench/bench_demo_load.py, 50 visitors at once; the concurrency sweep is in
# bench/results/demo_concurrency_sweep.json): a request is mostly Gradio's own Python around a model call
# of a millisecond or so, under one interpreter lock, so running more at once buys little: 2 at a time
# served as many per second as 1 or more, and about as many as 4. 2 match a free Space's 2 vCPUs and keep
# one slow request from holding up the rest. Past QUEUE_SIZE waiting, a visitor is told "Queue is full"
# at once instead of waiting without end.
CONCURRENCY_LIMIT = 2
QUEUE_SIZE = 64  # room for the bench's 50 visitors and a few more
MAX_FILE_SIZE = gr.FileSize.MB  # no input takes a file, but Gradio's upload route is open: keep it small
TITLE = "Fashion-MNIST GAN"
INTRO = ("A conditional GAN trained on Fashion-MNIST's 28x28 pictures of clothes. Choose a class and a seed: "
         "the same seed always draws the same images, another seed draws others.")


def sample(name: str, seed: float, count: float) -> Image.Image:
    """`count` images of class `name` (or of every class) from the noise of `seed`."""
    try:
        images, _ = sampler.sample(name, seed, count)
    except InvalidRequestError as e:
        raise gr.Error(str(e)) from None  # shown to the visitor; the server keeps serving
    return to_picture(images)


def interpolate(name: str, seed_from: float, seed_to: float, steps: float) -> Image.Image:
    """Images of class `name` along the line from the noise of one seed to another's."""
    try:
        images = sampler.interpolate(name, seed_from, seed_to, steps)
    except InvalidRequestError as e:
        raise gr.Error(str(e)) from None
    return to_picture(images, columns=len(images))


with gr.Blocks(title=TITLE) as demo:
    gr.Markdown(f"# {TITLE}\n\n{INTRO}")
    with gr.Tab("Samples"):
        with gr.Row():
            name = gr.Dropdown(CHOICES, value=CHOICES[1], label="Class")
            seed = gr.Number(value=0, precision=0, label="Seed")
            count = gr.Slider(1, MAX_COUNT, value=16, step=1, label="How many")
        samples = gr.Image(label="Generated", type="pil", format="png")
        # preprocess=False: the values reach the package's checks as sent. Gradio's own would round
        # the seed (1.5 drew seed 2) and fail with its generic error on NaN or text, before them.
        gr.Button("Draw", variant="primary").click(sample, [name, seed, count], samples, preprocess=False)
    with gr.Tab("Interpolation"):
        with gr.Row():
            walk_name = gr.Dropdown(sampler.class_names, value=sampler.class_names[0], label="Class")
            seed_from = gr.Number(value=0, precision=0, label="From seed")
            seed_to = gr.Number(value=1, precision=0, label="To seed")
            steps = gr.Slider(2, MAX_STEPS, value=10, step=1, label="Steps")
        walk = gr.Image(label="From one seed's noise to the other's", type="pil", format="png")
        gr.Button("Walk", variant="primary").click(interpolate, [walk_name, seed_from, seed_to, steps], walk,
                                                   preprocess=False)
demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_SIZE)

if __name__ == "__main__":
    demo.launch(max_file_size=MAX_FILE_SIZE)
