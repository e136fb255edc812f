"""``projects/index.md``: every project in one table, for a portfolio too long to scroll.

Its page layout is ``showcase/layouts/projects.md``.
"""


from jinja2 import Environment

from showcase.reading.project import Project
from showcase.site.pages.common import PROJECTS_INDEX, project_page, rel
from showcase.site.pages.jinja import render


def render_catalogue(projects: list[Project], layouts: Environment | None = None) -> str:
    """The whole ``projects/index.md``: title, task, headline result and data set per project."""
    rows = [(p, rel(PROJECTS_INDEX, project_page(p))) for p in projects]
    return render("projects", layouts, rows=rows)
