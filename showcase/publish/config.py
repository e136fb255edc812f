"""``deploy.yaml``: what ``showcase deploy`` publishes, where, and on which plan.

Nothing in it is secret: the token comes from ``HF_TOKEN`` or ``hf auth login``.
A demo's Space id is not repeated here: it is the project card's ``demo.space``,
the one place the site reads it from, so the page embeds the Space deploy fills.
"""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from showcase.contract.files import SPACE_ID_PATTERN
from showcase.contract.validation import describe, read_yaml_mapping
from showcase.exceptions import DeployError

RepoId = Annotated[str, Field(pattern=SPACE_ID_PATTERN)]

DemoPlan = Literal["none", "zerogpu", "cpu"]
"""none: no Space, the page shows the still image; zerogpu: a Gradio Space on ZeroGPU (free
accounts may host two); cpu: a Gradio Space, or a Docker Space for Streamlit, on CPU (the Hub
asks for a paid plan to create either)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SiteTarget(_Strict):
    """Where the built site goes."""

    space: RepoId = Field(description='the static Space for the site, "owner/name"')


class ProjectTarget(_Strict):
    """What one project publishes besides its page."""

    demo: DemoPlan = Field(default="none", description="none, zerogpu or cpu")
    model_repo: RepoId | None = Field(
        default=None, description='null, or a model repo "owner/name" for the weights and model card'
    )
    dashboard: bool = Field(
        default=False,
        description="true: publish the project's tracked runs (its runs/) to the static Space its "
        "card names as `dashboard`, where trackio draws them",
    )


class DeployConfig(_Strict):
    """The whole ``deploy.yaml``."""

    site: SiteTarget = Field(description="a mapping with space")
    projects: dict[str, ProjectTarget] = Field(
        default_factory=dict, description="project slug -> a mapping with demo, model_repo and dashboard"
    )

    def target(self, slug: str) -> ProjectTarget:
        """The project's settings; a project the file does not name publishes only its page."""
        return self.projects.get(slug, ProjectTarget())


PLACEHOLDER_OWNER = "your-hf-user"
"""The owner in the deploy.yaml the repository ships: a real deploy refuses it."""


def load_deploy_config(path: Path, known_slugs: set[str], site_space: str | None = None) -> DeployConfig:
    """Read and validate ``deploy.yaml`` (``site_space``, from ``--space``, replaces its
    ``site.space``; without the file, only the site is published there).

    Raises:
        DeployError: the file is missing (and no ``site_space``), not YAML, not valid, or names
            an unknown project.
    """
    if path.is_file() or site_space is None:
        data = read_yaml_mapping(
            path, DeployError, missing_fix="pass --space owner/name, or write it (README: Publish)"
        )
    else:
        data = {}
    if site_space is not None:
        data["site"] = {"space": site_space}
    try:
        config = DeployConfig.model_validate(data)
    except ValidationError as e:
        raise DeployError(describe(path, e, DeployConfig)) from e
    unknown = sorted(set(config.projects) - known_slugs)
    if unknown:
        raise DeployError(
            f"{path}: field `projects`: no project named {', '.join(map(repr, unknown))}. "
            f"Fix: use a folder name under projects/ ({', '.join(sorted(known_slugs)) or 'none found'})."
        )
    return config
