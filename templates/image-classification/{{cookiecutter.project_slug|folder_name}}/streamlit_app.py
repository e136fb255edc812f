"""Streamlit demo: upload or take a picture, or pick an example, see the model's top guesses.

    streamlit run streamlit_app.py        # then open http://localhost:8501

The same predict module as every demo of this project: the model (its ONNX export, run by
onnxruntime) is loaded once per server process and shared by every visitor. Streamlit has no
drawing pad of its own, so a visitor uploads a picture (on a phone, the file input offers the camera)
or picks one of the examples evaluation saved.
"""

import os
from pathlib import Path

import numpy as np
import streamlit as st
from PIL import Image

from {{ cookiecutter.package_name }}.predict import Classifier, InvalidImageError, read_image

HERE = Path(__file__).parent
TITLE = {{ cookiecutter.project_name | quoted }}
TOP = 3  # guesses shown
SHOWN_SIZE = 160  # pixels: the model's small input, enlarged for a screen
IMAGE_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp"]


@st.cache_resource(show_spinner="Loading the model...")
def load_classifier(model_dir: str) -> Classifier:
    """The model, loaded once per server process and shared by every session."""
    return Classifier(model_dir)


def show(probabilities: dict[str, float], seen: np.ndarray) -> None:
    """The top guesses as bars, beside the picture the model actually saw."""
    ranked = sorted(probabilities.items(), key=lambda item: item[1], reverse=True)[:TOP]
    guesses, picture = st.columns([2, 1])
    with guesses:
        st.subheader(f"Prediction: {ranked[0][0]}")
        for name, probability in ranked:
            st.progress(probability, text=f"{name}: {probability:.1%}")
    with picture:
        levels = (seen * 255).round().astype(np.uint8)  # (C, H, W)
        pixels = Image.fromarray(levels[0] if len(levels) == 1 else levels.transpose(1, 2, 0))
        st.image(pixels.resize((SHOWN_SIZE, SHOWN_SIZE), Image.NEAREST),
                 caption=f"What the model sees: {seen.shape[-1]}x{seen.shape[-2]} pixels")


st.set_page_config(page_title=TITLE)
st.title(TITLE)
try:
    classifier = load_classifier(str(os.environ.get("MODEL_DIR", HERE / "models")))
except FileNotFoundError as e:
    st.error(str(e))
    st.stop()
size = classifier.image_size
st.write(f"{{ 'A pre-trained backbone, fine-tuned' if cookiecutter.model == 'pretrained' else 'A CNN trained from scratch' }}: "
         f"{', '.join(classifier.class_names[:10])}{', ...' if len(classifier.class_names) > 10 else ''}. "
         f"Upload a picture of one, or pick an example; the model sees it at {size}x{size} pixels"
         f"{' in grey' if classifier.channels == 1 else ''}, as shown beside its answer.")

examples = {path.stem: path for path in sorted((HERE / "examples").glob("*.png"))}
upload = st.file_uploader("Upload a picture", type=IMAGE_TYPES)
example = st.selectbox("...or pick an example", list(examples), index=None) if examples else None
source = upload or examples.get(example)
if source is None:
    st.info("Upload a picture" + (" or pick an example." if examples else "."))
else:
    try:
        show(*classifier.predict(read_image(source)))
    except InvalidImageError as e:
        st.error(str(e))  # the visitor's to fix; the app keeps running
