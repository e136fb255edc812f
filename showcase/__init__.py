"""showcase: generate, check and publish a deep-learning portfolio.

The library API comes first (``load_card``, ``load_metrics``, ``check_project``,
``discover_projects``, ``new_project``); the CLI (``showcase ...``) and the MkDocs
plugin (``plugins: [showcase]``) are thin wrappers around it.
"""

from showcase.cards import Card, load_card
from showcase.exceptions import CardError, MetricsError, ShowcaseError, TemplateError
from showcase.generate import available_kinds, new_project
from showcase.metrics import Metrics, load_metrics
from showcase.projects import Project, check_project, discover_projects

__all__ = [
    "Card",
    "CardError",
    "Metrics",
    "MetricsError",
    "Project",
    "ShowcaseError",
    "TemplateError",
    "available_kinds",
    "check_project",
    "discover_projects",
    "load_card",
    "load_metrics",
    "new_project",
]
