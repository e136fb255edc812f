"""Streamlit demo: ask for a class and a seed, see what the generator draws; walk between two seeds.

    streamlit run streamlit_app.py        # then open http://localhost:8501

The same predict module as every demo of this project: the generator (its ONNX export, run by
onnxruntime) is loaded once per server process and shared by every visitor.
"""

import os
from pathlib import Path

import streamlit as st

from {{ cookiecutter.package_name }}.predict import (
    ALL,
    MAX_COUNT,
    MAX_STEPS,
    InvalidRequestError,
    Sampler,
    to_picture,
)

HERE = Path(__file__).parent
TITLE = {{ cookiecutter.project_name | quoted }}


@st.cache_resource(show_spinner="Loading the generator...")
def load_sampler(model_dir: str) -> Sampler:
    """The generator, loaded once per server process and shared by every session."""
    return Sampler(model_dir)


def samples_tab(sampler: Sampler) -> None:
    """`count` images of one class (or of every class) from a seed's noise."""
    with st.form("samples"):
        choices = [ALL, *sampler.class_names]
        name = st.selectbox("{{ "Digit" if cookiecutter.dataset == "digits" else "Class" }}", choices, index=1)
        seed = st.number_input("Seed", value=0, step=1)
        count = st.slider("How many", 1, MAX_COUNT, value=16)
        drawn = st.form_submit_button("Draw", type="primary")
    if drawn:
        try:
            images, names = sampler.sample(name, seed, count)
        except InvalidRequestError as e:
            st.error(str(e))  # the visitor's to fix; the app keeps running
            return
        st.image(to_picture(images), caption=f"{len(images)} images of {name}, seed {seed}")


def walk_tab(sampler: Sampler) -> None:
    """Images of one class along the straight line from one seed's noise to another's."""
    with st.form("walk"):
        name = st.selectbox("{{ "Digit" if cookiecutter.dataset == "digits" else "Class" }}", sampler.class_names, index=0)
        seed_from = st.number_input("From seed", value=0, step=1)
        seed_to = st.number_input("To seed", value=1, step=1)
        steps = st.slider("Steps", 2, MAX_STEPS, value=10)
        walked = st.form_submit_button("Walk", type="primary")
    if walked:
        try:
            images = sampler.interpolate(name, seed_from, seed_to, steps)
        except InvalidRequestError as e:
            st.error(str(e))
            return
        st.image(to_picture(images, columns=len(images)),
                 caption=f"{name}, from seed {seed_from}'s noise to seed {seed_to}'s in {len(images)} steps")


st.set_page_config(page_title=TITLE)
st.title(TITLE)
st.write("A conditional GAN trained on {{ {"digits": "8x8 handwritten digits", "fashion-mnist": "Fashion-MNIST's 28x28 pictures of clothes"}.get(cookiecutter.dataset, "pictures of each class") }}. Choose a {{ "digit" if cookiecutter.dataset == "digits" else "class" }} and a seed: the same "
         "seed always draws the same images, another seed draws others.")
try:
    loaded = load_sampler(str(os.environ.get("MODEL_DIR", HERE / "models")))
except FileNotFoundError as e:
    st.error(str(e))
    st.stop()
samples, walk = st.tabs(["Samples", "Interpolation"])
with samples:
    samples_tab(loaded)
with walk:
    walk_tab(loaded)
