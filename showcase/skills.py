"""The skills vocabulary: the one place that lists what a project can prove.

Cards name skills by id (``skills: [cnn, evaluation]``); the site shows the
labels, in this order, as chips and as the projects x skills matrix.
"""

from types import MappingProxyType

SKILLS: MappingProxyType[str, str] = MappingProxyType(
    {
        "cnn": "CNNs",
        "rnn": "RNN / LSTM",
        "transformers": "Transformers & attention",
        "generative": "Generative models (GAN)",
        "reinforcement-learning": "Reinforcement learning",
        "optimisation": "Optimisation (SGD/Adam, schedules)",
        "regularisation": "Regularisation (dropout, batch norm, augmentation)",
        "evaluation": "Evaluation (precision/recall/F1, confusion matrix)",
        "interpretability": "Interpretability (saliency, attributions)",
        "responsible-ai": "Responsible AI (bias, model cards)",
        "data-preprocessing": "Data preprocessing",
        "mlops": "MLOps (tests, CI, reproducibility)",
        "deployment": "Deployment (demos, Spaces)",
    }
)
"""Skill id -> label shown on the site, in display order."""


def skill_label(skill_id: str) -> str:
    """Return the label shown for ``skill_id``; raise ``KeyError`` if unknown."""
    return SKILLS[skill_id]


def is_skill(skill_id: str) -> bool:
    """Whether ``skill_id`` is in the vocabulary."""
    return skill_id in SKILLS
