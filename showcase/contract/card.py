"""The project card: ``portfolio.yaml`` in each project root.

The card says what the site shows about a project (title, summary, skills,
data set, headline metric, demo, cover). ``load_card`` reads and validates it;
every problem becomes a ``CardError`` naming the file, the field and the fix.
"""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from showcase.contract.files import CARD_FILE, KINDS, SPACE_ID_PATTERN
from showcase.contract.skills import SKILLS
from showcase.contract.validation import RelativePath, describe, read_yaml_mapping
from showcase.exceptions import CardError

Kind = Literal[KINDS]  # type: ignore[valid-type]  # the kinds are listed once, in files.KINDS

SpaceId = Annotated[str, Field(pattern=SPACE_ID_PATTERN)]
HttpUrl = Annotated[str, Field(pattern=r"^https?://\S+$")]


class _Strict(BaseModel):
    """Base of the card models: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Dataset(_Strict):
    """Where the data comes from, and on what terms."""

    name: str = Field(min_length=1, description="the data set's name")
    source: str = Field(min_length=1, description="a URL or an id such as sklearn:digits")
    licence: str = Field(min_length=1, description='the data licence, e.g. "CC BY 4.0"')


class Demo(_Strict):
    """The project's demo app and, once deployed, its Hugging Face Space."""

    app: RelativePath = Field(description="the demo file, relative to the project root (app.py)")
    space: SpaceId | None = Field(
        default=None, description='null or a Hugging Face Space id "owner/name"'
    )


class Card(_Strict):
    """The whole ``portfolio.yaml``."""

    title: str = Field(min_length=1, max_length=100, description="a title of 1 to 100 characters")
    summary: str = Field(
        min_length=1, max_length=300, description="one sentence of 1 to 300 characters"
    )
    kind: Kind = Field(description=f"one of {', '.join(KINDS)}")
    author: str = Field(min_length=1, description="the author's name")
    skills: list[str] = Field(
        min_length=1,
        description=f"a list of distinct skill ids, at least one, from: {', '.join(SKILLS)}",
    )
    dataset: Dataset = Field(description="a mapping with name, source and licence")
    headline_metric: str = Field(
        min_length=1, description='a key of "metrics" in reports/metrics.json, e.g. accuracy'
    )
    demo: Demo | None = Field(description="null, or a mapping with app and space")
    repository: HttpUrl | None = Field(default=None, description="null or an http(s) URL")
    dashboard: SpaceId | None = Field(
        default=None,
        description='null or the Space id "owner/name" of the published dashboard of the project\'s '
        "tracked training runs (deploy.yaml's `dashboard: true` publishes it)",
    )
    cover: RelativePath = Field(description="an image file relative to the project root")

    @field_validator("skills")
    @classmethod
    def _known_unique_skills(cls, skills: list[str]) -> list[str]:
        """Every skill must be in the vocabulary, and listed once."""
        unknown = [s for s in skills if s not in SKILLS]
        if unknown:
            raise ValueError(f"unknown skill {', '.join(map(repr, unknown))}")
        duplicates = sorted({s for s in skills if skills.count(s) > 1})
        if duplicates:
            raise ValueError(f"skill {', '.join(map(repr, duplicates))} is listed twice")
        return skills


def load_card(project_dir: Path | str) -> Card:
    """Read and validate ``<project_dir>/portfolio.yaml``.

    Raises:
        CardError: the file is missing, not YAML, not a mapping or not a valid card.
    """
    path = Path(project_dir) / CARD_FILE
    data = read_yaml_mapping(path, CardError)
    try:
        return Card.model_validate(data)
    except ValidationError as e:
        raise CardError(describe(path, e, Card)) from e
