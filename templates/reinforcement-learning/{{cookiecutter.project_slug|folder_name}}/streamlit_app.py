"""Streamlit demo: pick a seed, watch the trained agent play that episode beside a random policy.

    streamlit run streamlit_app.py        # then open http://localhost:8501

The same predict module as every demo of this project: the policy (its ONNX export, run by
onnxruntime) is loaded once per server process and shared by every visitor.
"""

import os
from pathlib import Path

import streamlit as st

from {{ cookiecutter.package_name }}.animation import gif_bytes
from {{ cookiecutter.package_name }}.envs import Episode
from {{ cookiecutter.package_name }}.predict import MAX_SEED, Agent, InvalidSeedError, check_seed

HERE = Path(__file__).parent
TITLE = {{ cookiecutter.project_name | quoted }}


@st.cache_resource(show_spinner="Loading the policy...")
def load_agent(model_dir: str) -> Agent:
    """The policy, loaded once per server process and shared by every session."""
    return Agent(model_dir)


def show(agent: Agent, episode: Episode, who: str) -> None:
    """An episode's return, and the episode as an animated GIF (it loops on its own)."""
    st.metric(f"{who}'s return", f"{episode.total_reward:g}")
    st.image(gif_bytes(episode.frames, agent.animation_fps),
             caption=f"{who} playing {agent.env_id}: {episode.length} steps")


st.set_page_config(page_title=TITLE)
st.title(TITLE)
try:
    agent = load_agent(str(os.environ.get("MODEL_DIR", HERE / "models")))
except FileNotFoundError as e:
    st.error(str(e))
    st.stop()
st.write(f"A PPO agent trained on {agent.env_id}. Each seed starts the episode in a slightly different "
         "state; the agent and a random policy both play it from there. The return is the sum of the "
         "rewards over the episode: higher is better.")

with st.form("play"):
    seed = st.number_input(f"Seed (0 to {MAX_SEED:,}): it fixes the start state", value=0, step=1)
    played = st.form_submit_button("Play", type="primary")
if played:
    try:
        seed = check_seed(seed)
    except InvalidSeedError as e:
        st.error(str(e))  # the visitor's to fix; the app keeps running
        st.stop()
    with st.spinner("Playing both episodes..."):
        trained, random = agent.play(seed, animate=True), agent.play_random(seed, animate=True)
    left, right = st.columns(2)
    with left:
        show(agent, trained, "The trained agent")
    with right:
        show(agent, random, "A random policy")
