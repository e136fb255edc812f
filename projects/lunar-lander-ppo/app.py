"""Gradio demo: pick a seed, watch the trained agent play that episode beside a random policy.

    python app.py        # then open http://127.0.0.1:7860

Space-ready: the policy is loaded once at start-up; `demo` is importable for tests. It serves
the ONNX export of the policy (models/policy.onnx) with onnxruntime, so it starts without PyTorch.
"""

import base64
import os
from pathlib import Path

import gradio as gr

from lunar_lander_ppo.animation import gif_bytes
from lunar_lander_ppo.envs import Episode
from lunar_lander_ppo.predict import MAX_SEED, Agent, InvalidSeedError, check_seed

HERE = Path(__file__).parent
agent = Agent(os.environ.get("MODEL_DIR", HERE / "models"))
# What the readiness check and the load bench send: the first example seed.
EXAMPLE_REQUEST = {"api_name": "/play", "args": [0]}
# Under load (the portfolio's bench/bench_demo_load.py, 50 visitors at once; the concurrency sweep is in
# bench/results/demo_concurrency_sweep.json): a request plays and draws two episodes, partly outside the
# interpreter lock (drawing, GIF encoding), so on 2 cores 2 at a time served more per second than 1, and
# 4 no more than 2. Past QUEUE_SIZE waiting, a visitor is told "Queue is full" at once instead of
# waiting without end.
CONCURRENCY_LIMIT = 2
QUEUE_SIZE = 64  # room for the bench's 50 visitors and a few more
MAX_FILE_SIZE = gr.FileSize.MB  # no input takes a file, but Gradio's upload route is open: keep it small


def as_html(episode: Episode, fps: float, who: str) -> str:
    """The episode as an animated GIF inline in the page: no file to store per request, and it
    loops on its own in any browser."""
    data = base64.b64encode(gif_bytes(episode.frames, fps)).decode("ascii")
    return (f'<img src="data:image/gif;base64,{data}" alt="{who} playing {agent.env_id}, '
            f'return {episode.total_reward:g}" style="max-width:100%">')


def play(seed: float | None) -> tuple[str, str, float, float]:
    """Both policies from the same start state: their animations, then their returns."""
    try:
        seed = check_seed(seed)
    except InvalidSeedError as e:
        raise gr.Error(str(e)) from None  # shown to the visitor; the server keeps serving
    trained, random = agent.play(seed, animate=True), agent.play_random(seed, animate=True)
    fps = agent.animation_fps
    return (as_html(trained, fps, "The trained agent"), as_html(random, fps, "A random policy"),
            trained.total_reward, random.total_reward)


demo = gr.Interface(
    fn=play,
    # precision=None: the seed reaches check_seed as sent. With precision=0 Gradio rounds it first
    # (1.5 played seed 2) and fails with its generic error on NaN or text.
    inputs=gr.Number(label=f"Seed (0 to {MAX_SEED:,}): it fixes the start state", value=0, precision=None),
    outputs=[gr.HTML(label="Trained agent"), gr.HTML(label="Random policy, same start"),
             gr.Number(label="Trained agent's return"), gr.Number(label="Random policy's return")],
    examples=[[0], [7], [2024]],
    title="Lunar Lander PPO",
    description=(f"A PPO agent trained on {agent.env_id}. Each seed starts the episode in a slightly "
                 "different state; the agent and a random policy both play it from there. "
                 "The return is the sum of the rewards over the episode: higher is better."),
    flagging_mode="never",
)
demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_SIZE)

if __name__ == "__main__":
    demo.launch(max_file_size=MAX_FILE_SIZE)
