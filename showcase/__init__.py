"""showcase: generate, check and publish a deep-learning portfolio.

The library API comes first (``load_card``, ``load_metrics``, ``check_project``,
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
from showcase.reading.project import Project, check_project, discover_projects
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
    "Resume",
    "ResumeError",
    "SecretError",
    "ServeOptions",
    "ShowcaseError",
    "SiteContent",
    "TemplateError",
    "available_kinds",
    "check_project",
    "discover_projects",
    "load_card",
    "load_metrics",
    "load_resume",
    "new_project",
    "plan_site",
    "serve_site",
]
