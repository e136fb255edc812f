"""The owner's resume: a JSON Resume file (https://jsonresume.org/schema), YAML or JSON.

The site reads ``content/resume.yaml`` for two things: who the owner is (the home
page's header comes from ``basics``) and the resume page. ``load_resume``
validates the part of the schema the site shows (basics, work, education,
skills, projects, languages, certificates, awards); the other sections of the
schema (volunteer, publications, interests, references) are accepted as lists
of objects and not shown. As in the schema, unknown keys are allowed inside
each object but not at the top level, where they are usually typos.

Set ``meta.placeholder: true`` while the file still holds sample data: the
build then reminds the owner to replace it.
"""

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from showcase.contract.validation import describe, read_yaml_mapping
from showcase.exceptions import ResumeError


def _date_text(value: Any) -> Any:
    """YAML reads ``2024`` as a number and ``2024-06-29`` as a date: take them as text."""
    if isinstance(value, int | date) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


IsoDate = Annotated[
    str,
    BeforeValidator(_date_text),
    Field(
        pattern=r"^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$",
        description="an ISO 8601 date: 2024, 2024-06 or 2024-06-29",
    ),
]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", description="an http(s) URL")]
Email = Annotated[
    str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="an email address")
]


def _optional(description: str) -> Any:
    """An optional field whose format is explained in error messages."""
    return Field(default=None, description=description)


DATE = "an ISO 8601 date: 2024, 2024-06 or 2024-06-29"
URL = "an http(s) URL"


class _Open(BaseModel):
    """A JSON Resume object: extra keys are allowed, as the schema allows them."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)


class Location(_Open):
    address: str | None = None
    postalCode: str | None = None
    city: str | None = None
    countryCode: str | None = None
    region: str | None = None


class Profile(_Open):
    network: str = Field(min_length=1, description="e.g. GitHub or LinkedIn")
    username: str | None = None
    url: Url | None = _optional(URL)


class Basics(_Open):
    name: str = Field(min_length=1, description="the owner's name")
    label: str | None = Field(default=None, description='a headline, e.g. "ML engineer"')
    image: str | None = None
    email: Email | None = _optional("an email address, like you@example.com")
    phone: str | None = None
    url: Url | None = _optional(URL)
    summary: str | None = Field(default=None, description="two or three sentences about you")
    location: Location | None = None
    profiles: list[Profile] = Field(default_factory=list)


class Work(_Open):
    name: str = Field(min_length=1, description="the organisation's name")
    position: str | None = None
    url: Url | None = _optional(URL)
    location: str | None = None
    startDate: IsoDate | None = _optional(DATE)
    endDate: IsoDate | None = _optional(DATE)
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Education(_Open):
    institution: str = Field(min_length=1, description="the school's name")
    url: Url | None = _optional(URL)
    area: str | None = None
    studyType: str | None = None
    startDate: IsoDate | None = _optional(DATE)
    endDate: IsoDate | None = _optional(DATE)
    score: str | None = None
    courses: list[str] = Field(default_factory=list)


class SkillGroup(_Open):
    name: str = Field(min_length=1, description="a skill area, e.g. Deep learning")
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)


class ResumeProject(_Open):
    name: str = Field(
        min_length=1,
        description="the project's name; a portfolio project's title or slug links it to its page",
    )
    description: str | None = None
    highlights: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    startDate: IsoDate | None = _optional(DATE)
    endDate: IsoDate | None = _optional(DATE)
    url: Url | None = _optional(URL)
    roles: list[str] = Field(default_factory=list)


class Language(_Open):
    language: str = Field(min_length=1, description="e.g. English")
    fluency: str | None = None


class Certificate(_Open):
    name: str = Field(min_length=1, description="the certificate's name")
    date: IsoDate | None = _optional(DATE)
    issuer: str | None = None
    url: Url | None = _optional(URL)


class Award(_Open):
    title: str = Field(min_length=1, description="the award's title")
    date: IsoDate | None = _optional(DATE)
    awarder: str | None = None
    summary: str | None = None


class Meta(_Open):
    canonical: Url | None = _optional(URL)
    version: str | None = None
    lastModified: str | None = None
    placeholder: bool = Field(default=False, description="true while the file holds sample data")


class Resume(BaseModel):
    """The whole file. Top-level keys outside the schema are errors, as in the schema."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str | None = Field(default=None, alias="$schema")
    basics: Basics = Field(description="a mapping with at least name")
    work: list[Work] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    skills: list[SkillGroup] = Field(default_factory=list)
    projects: list[ResumeProject] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    volunteer: list[dict[str, Any]] = Field(default_factory=list)
    publications: list[dict[str, Any]] = Field(default_factory=list)
    interests: list[dict[str, Any]] = Field(default_factory=list)
    references: list[dict[str, Any]] = Field(default_factory=list)
    meta: Meta = Field(default_factory=Meta)

    def as_json_resume(self) -> dict[str, Any]:
        """The resume as JSON Resume data (schema key names, empty fields left out)."""
        data = self.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
        data.get("meta", {}).pop("placeholder", None)
        return {k: v for k, v in data.items() if v}


def load_resume(path: Path | str) -> Resume:
    """Read and validate a JSON Resume file (YAML or JSON).

    Raises:
        ResumeError: the file is missing, not YAML/JSON, or not a valid resume.
    """
    path = Path(path)
    data = read_yaml_mapping(
        path,
        ResumeError,
        missing_fix="write one (the JSON Resume schema, https://jsonresume.org/schema), "
        "or set the plugin's `resume` option to the file you have",
    )
    try:
        return Resume.model_validate(data)
    except ValidationError as e:
        raise ResumeError(describe(path, e, Resume)) from e
