"""showcase: generate, check and publish a deep-learning portfolio.

The library API comes first (``load_card``, ``load_metrics``, ``load_project`` (strict: what the
site and deploy use) and ``read_project`` (lenient: what ``showcase check`` reads),
``discover_projects``, ``new_project``, ``load_resume``, ``plan_site``,
``serve_site``; the readiness checklist is ``showcase.readiness.check_project``
and the secrets scan ``showcase.secrets``); the CLI (``showcase ...``) and the
MkDocs plugin (``plugins: [showcase]``) are thin wrappers around it.
"""

from showcase.contract.card import Card, load_card
from showcase.contract.metrics import Metrics, load_metrics
from showcase.contract.resume import Resume, load_resume
from showcase.exceptions import (
    CardError,
    DemoError,
    MetricsError,
    OutsideProjectError,
    ResumeError,
    SecretError,
    ShowcaseError,
    TemplateError,
)
from showcase.reading.project import Project, ProjectFiles, discover_projects, load_project, read_project
from showcase.scaffold import available_kinds, new_project
from showcase.serve import ServeOptions, serve_site
from showcase.site.plan import SiteContent, plan_site

__all__ = [
    "Card",
    "CardError",
    "DemoError",
    "Metrics",
    "MetricsError",
    "OutsideProjectError",
    "Project",
    "ProjectFiles",
    "Resume",
    "ResumeError",
    "SecretError",
    "ServeOptions",
    "ShowcaseError",
    "SiteContent",
    "TemplateError",
    "available_kinds",
    "discover_projects",
    "load_card",
    "load_metrics",
    "load_project",
    "load_resume",
    "new_project",
    "plan_site",
    "read_project",
    "serve_site",
]
