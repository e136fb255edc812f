"""The skills vocabulary: the one place that lists what a project can prove.

Cards name skills by id (``skills: [cnn, evaluation]``); the site shows the
labels, in this order, as chips on the cards and as the projects x skills
matrix. Each skill also names the section of a project page that holds its
evidence, so a cell of the matrix links to the proof, not just to the project:
a CNN is shown by the approach the README describes, evaluation by the results
table, responsible AI by the model card.
"""

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Skill:
    """One entry of the vocabulary."""

    label: str
    """The full label, shown in the skills legend and as a tooltip."""
    short: str
    """A label short enough for a chip or a matrix column."""
    evidence: str
    """The id of the project-page section that proves it (see ``pages.project.SECTIONS``)."""


VOCABULARY: MappingProxyType[str, Skill] = MappingProxyType(
    {
        "cnn": Skill("CNNs", "CNNs", "overview"),
        "rnn": Skill("RNN / LSTM", "RNN / LSTM", "overview"),
        "transformers": Skill("Transformers & attention", "Transformers", "overview"),
        "transfer-learning": Skill(
            "Transfer learning (fine-tuning, LoRA)", "Transfer learning", "overview"
        ),
        "generative": Skill("Generative models (GAN)", "GANs", "overview"),
        "reinforcement-learning": Skill("Reinforcement learning", "RL", "overview"),
        "nlp": Skill("Natural language processing (tokenisation, text classification)", "NLP", "overview"),
        "optimisation": Skill("Optimisation (SGD/Adam, schedules)", "Optimisation", "overview"),
        "regularisation": Skill(
            "Regularisation (dropout, batch norm, augmentation)", "Regularisation", "story"
        ),
        "evaluation": Skill(
            "Evaluation (precision/recall/F1, confusion matrix)", "Evaluation", "results"
        ),
        "interpretability": Skill(
            "Interpretability (saliency, attributions)", "Interpretability", "figures"
        ),
        "responsible-ai": Skill("Responsible AI (bias, model cards)", "Responsible AI", "model-card"),
        "data-preprocessing": Skill("Data preprocessing", "Data prep", "data"),
        "mlops": Skill("MLOps (tests, CI, reproducibility)", "MLOps", "reproduce"),
        "deployment": Skill("Deployment (demos, Spaces)", "Deployment", "demo"),
    }
)
"""Skill id -> its labels and evidence section, in display order."""

SKILLS: MappingProxyType[str, str] = MappingProxyType(
    {skill_id: skill.label for skill_id, skill in VOCABULARY.items()}
)
"""Skill id -> label shown on the site, in display order."""


def skill_label(skill_id: str) -> str:
    """Return the label shown for ``skill_id``; raise ``KeyError`` if unknown."""
    return SKILLS[skill_id]


def is_skill(skill_id: str) -> bool:
    """Whether ``skill_id`` is in the vocabulary."""
    return skill_id in SKILLS


def in_order(skill_ids: list[str]) -> list[str]:
    """``skill_ids`` sorted in vocabulary order (unknown ids are dropped)."""
    return [s for s in VOCABULARY if s in skill_ids]
