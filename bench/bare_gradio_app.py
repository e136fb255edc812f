"""A demo's request path with no model behind it: the same inputs and outputs as the
image classifier demo (`image`, fashion-cnn's inputs), the sentiment demo (`text`), fashion-gan's samples (`gan`) or the
agent's episode (`rl`), and a constant answer. The benchmarks time it beside the real demos,
so Gradio's floor (HTTP, queue, event stream) and the model's own share can be told apart.
It keeps Gradio's default queue.

    python bench/bare_gradio_app.py image|text|gan|rl
"""

import os
import sys

import gradio as gr

os.environ.setdefault("MPLBACKEND", "Agg")  # as the demos do: no backend search on the first call

if sys.argv[1:] == ["gan"]:
    from PIL import Image

    PICTURE = Image.new("L", (8 * 28 * 12, 2 * 28 * 12))  # 16 of fashion-gan's 28 px samples, enlarged 12x
    CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
               "Ankle boot"]  # fashion-gan's

    def sample(name, seed, count):
        return PICTURE

    demo = gr.Interface(sample, [gr.Dropdown(["all", *CLASSES]), gr.Number(precision=0),
                                 gr.Slider(1, 64)],
                        gr.Image(type="pil", format="png"), flagging_mode="never")
elif sys.argv[1:] == ["rl"]:
    def play(seed):
        return "<img>", "<img>", 500.0, 20.0

    demo = gr.Interface(play, gr.Number(precision=0), [gr.HTML(), gr.HTML(), gr.Number(), gr.Number()],
                        flagging_mode="never")
elif sys.argv[1:] == ["text"]:
    def predict(review):
        return {"positive": 1.0}, [(review, None)]

    demo = gr.Interface(predict, gr.Textbox(), [gr.Label(num_top_classes=2), gr.HighlightedText()],
                        flagging_mode="never")
else:
    def predict(drawing, upload):
        return {"0": 1.0}, "<div></div>"

    demo = gr.Interface(predict, [gr.Sketchpad(type="numpy"), gr.File(type="filepath")],
                        [gr.Label(num_top_classes=3), gr.HTML()], flagging_mode="never")

if __name__ == "__main__":
    demo.launch()
