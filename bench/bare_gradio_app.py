"""The demo's request path with no model behind it: the same inputs and outputs as the
digits demo, a constant answer. The benchmark times it beside the real demo, so the
Gradio floor (HTTP, queue, event stream) and the model's own share can be told apart."""

import gradio as gr


def predict(drawing, upload):
    return {"0": 1.0}, "<div></div>"


demo = gr.Interface(predict, [gr.Sketchpad(type="numpy"), gr.File(type="filepath")],
                    [gr.Label(num_top_classes=3), gr.HTML()], flagging_mode="never")

if __name__ == "__main__":
    demo.launch()
