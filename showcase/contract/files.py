"""What a project writes where, and the kinds of project there are: the contract's constants.

A project and the site agree on these names and nothing else; ``schema.export``
writes them, with the card and metrics schemas, into the shared template parts,
and every generated project's tests check its own constants against that copy.
"""

import re
from pathlib import PurePosixPath

KINDS: tuple[str, ...] = ("image-classification", "text-classification", "gan", "reinforcement-learning")
"""The project kinds: one template each under ``templates/``, in the menu's order."""
KIND_NAMES: dict[str, str] = {
    "image-classification": "Image classification",
    "text-classification": "Text classification",
    "gan": "GAN",
    "reinforcement-learning": "Reinforcement learning",
}
"""Each kind as the site names it ("Task: GAN")."""

CARD_FILE = "portfolio.yaml"
"""The project card, in the project root."""
METRICS_FILE = "reports/metrics.json"
"""The results of a run, written only by the project's evaluation step."""
FIGURES_DIR = "reports/figures"
"""Where evaluation writes its figures."""
MODEL_CARD_FILE = "MODEL_CARD.md"
"""The model card written by evaluation, in the project root."""
README_FILE = "README.md"
"""The project's story, in the project root."""
PUBLISHED_DIRS: tuple[str, ...] = ("models", "reports", "examples")
"""Folders whose files leave the project whatever git ignores in them: the site serves figures
and the in-browser demo's files from them, and the demo and model bundles take them whole."""

RESULTS_START = "<!-- results:start -->"
"""Opens the results block that evaluation re-renders in the README from metrics.json."""
RESULTS_END = "<!-- results:end -->"
"""Closes it."""

PERCENT_METRICS: tuple[str, ...] = ("accuracy", "precision", "recall", "f1", "share")
"""Metrics that are fractions in [0, 1], shown as percentages: a metric named one of these, or
ending in ``_`` and one of these (``macro_f1``, ``class_accuracy``, ``landed_share``). Every other
metric is shown as a number (a loss, a distance, a return), whatever its value."""


SPACE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"
"""A Hugging Face Space id, ``owner/name``."""


def space_host(space_id: str) -> str:
    """The Space's own address: ``owner/My_App`` -> ``https://owner-my-app.hf.space``."""
    sub = re.sub(r"[^a-z0-9-]", "-", space_id.replace("/", "-").lower())
    return f"https://{sub}.hf.space"


def space_page(space_id: str) -> str:
    """The Space's page on the Hub."""
    return f"https://huggingface.co/spaces/{space_id}"


STREAMLIT_APP = "streamlit_app.py"
"""The card names a Streamlit demo so (``demo.app``); any other demo file is a Gradio app (``app.py``)."""


def is_streamlit_app(app: str) -> bool:
    """Whether the demo file ``app`` (the card's ``demo.app``) is a Streamlit app."""
    return PurePosixPath(app).name == STREAMLIT_APP

BROWSER_DEMO_FILES: dict[str, dict[str, str]] = {
    "image-classification": {"model": "models/model.onnx", "config": "models/config.json"},
    "text-classification": {"model": "models/model.onnx", "config": "models/config.json",
                            "vocabulary": "models/vocabulary.txt.gz"},
    "gan": {"model": "models/generator.onnx", "config": "models/config.json"},
    "reinforcement-learning": {"model": "models/policy.onnx", "config": "models/config.json"},
}
"""What a kind's in-browser demo reads from the project, by role: the ONNX export training writes,
the model's config (class names, sizes) and any lookup table. A project that has them all gets a
"Try it here" demo on its page, run by onnxruntime-web.

The text kind's page demo runs the n-gram model (its vocabulary is the lookup table). A text project
fine-tuned from a transformer (`model: transformer`) writes no vocabulary, so it has no page demo: its
ONNX export needs the encoder's own tokenizer, and DistilBERT's 66 million float32 weights alone are
about 268 MB, over five times BROWSER_DEMO_MAX_BYTES. An image project with a pre-trained backbone
keeps the CNN's input and output, so it has one while its export stays under that limit."""
BROWSER_DEMO_OPTIONAL_FILES: dict[str, dict[str, str]] = {
    "reinforcement-learning": {"episodes": "examples/episodes.json"},
}
"""What a kind's in-browser demo reads when the project has it, by role. An RL project's evaluation
records its first episodes (GIFs in ``examples/`` listed in ``episodes.json``): the page replays them
for a task it cannot simulate in the browser (all but CartPole)."""
BROWSER_SIMULATED_ENVS: tuple[str, ...] = ("CartPole-v1",)
"""The environments the RL page demo simulates in JavaScript (``cartpole.mjs``), where the policy
plays live; a project on another task, with recorded episodes, gets them replayed instead."""
BROWSER_DEMO_EXAMPLES = "examples"
"""Optional: example inputs (``*.png``) or recorded episodes (``*.gif``) the in-browser demo offers,
written by evaluation."""
BROWSER_DEMO_MAX_BYTES = 50 * 1024 * 1024
"""Above this, a model is left out of the in-browser demo: a visitor on a phone would wait minutes."""
