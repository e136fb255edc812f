"""What goes on top of each repo's README on the Hub, and what each Space costs.

The Hub reads a Space's settings from its README's YAML front matter (the
configuration reference, hub-docs 2026): title, emoji, colorFrom/colorTo, sdk,
sdk_version, python_version, app_file, app_port (Docker), short_description,
license, tags, models, datasets. ``huggingface_hub.SpaceCardData`` writes them.
"""

import re
from dataclasses import dataclass

from huggingface_hub import SpaceCard, SpaceCardData

SPACE_FIELDS = frozenset({
    "title", "emoji", "colorFrom", "colorTo", "sdk", "sdk_version", "python_version", "app_file",
    "app_port", "short_description", "license", "tags", "models", "datasets", "pinned",
})
"""The front-matter fields a bundle may set; tests parse every Space README against them."""
COLORS = ("red", "yellow", "green", "blue", "indigo", "purple", "pink", "gray")
"""The Hub's choices for colorFrom and colorTo."""
SHORT_DESCRIPTION_LIMIT = 60
"""The Hub refuses a longer short_description."""
PYTHON_VERSION = "3.11"
"""What the projects are tested on; the Hub's default is older."""

EMOJI = {"image-classification": "🖼️", "text-classification": "💬", "gan": "🎨",
         "reinforcement-learning": "🕹️"}
HUB_LICENCES = {"mit": "mit", "apache-2.0": "apache-2.0", "bsd-3-clause": "bsd-3-clause",
                "bsd-2-clause": "bsd-2-clause", "gpl-3.0": "gpl-3.0", "cc-by-4.0": "cc-by-4.0"}
"""SPDX ids (lowercased) the templates offer -> the Hub's licence ids; anything else is "other"."""


@dataclass(frozen=True)
class SpacePlan:
    """The Hub settings a Space is created with, and what they cost, in words."""

    sdk: str
    hardware: str | None
    cost: str


STATIC = SpacePlan("static", None, "free (static Spaces are free on every plan)")
GRADIO_CPU = SpacePlan("gradio", "cpu-basic", "paid plan: creating a Gradio Space needs one")
GRADIO_ZEROGPU = SpacePlan(
    "gradio", "zero-a10g", "free on ZeroGPU: two such Spaces per free account (PRO hosts more)"
)
DOCKER_CPU = SpacePlan("docker", "cpu-basic", "paid plan: creating a Docker Space needs one")


def hub_licence(spdx: str | None) -> str:
    """The Hub's id for an SPDX licence id ("MIT" -> "mit"); "other" when it has none."""
    return HUB_LICENCES.get((spdx or "").strip().lower(), "other")


def short_description(text: str, limit: int = SHORT_DESCRIPTION_LIMIT) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return cut + "…"


def space_readme(fields: dict, body: str) -> str:
    """A README whose front matter holds ``fields`` (None values left out), then ``body``."""
    unknown = set(fields) - SPACE_FIELDS
    assert not unknown, f"not a Space front-matter field: {sorted(unknown)}"
    data = SpaceCardData(**{key: value for key, value in fields.items() if value is not None})
    return str(SpaceCard(f"---\n{data.to_yaml()}\n---\n\n{body.strip()}\n"))


def slug_tag(text: str) -> str:
    """A Hub tag: lowercase words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
