"""``projects/index.md``: every project in one table, for a portfolio too long to scroll."""

from showcase.reading.project import Project
from showcase.site.markdown_text import esc, format_headline, humanize, table
from showcase.site.pages.common import PROJECTS_INDEX, front_matter, project_page, rel


def render_catalogue(projects: list[Project]) -> str:
    """The whole ``projects/index.md``: title, task, headline result and data set per project."""
    parts = [
        front_matter("Projects", "Every project in the portfolio, with its headline result."),
        "# Projects",
    ]
    if not projects:
        return "\n\n".join([*parts, "No projects yet: create one with `showcase new KIND`."]) + "\n"
    rows = [
        [
            f"[{esc(p.card.title)}]({rel(PROJECTS_INDEX, project_page(p))})",
            esc(humanize(p.card.kind)),
            f"**{esc(format_headline(p.headline_value))}** {esc(humanize(p.card.headline_metric).lower())}",
            esc(p.card.dataset.name),
        ]
        for p in projects
    ]
    parts.append(table(["Project", "Task", "Result", "Data set"], rows))
    return "\n\n".join(parts) + "\n"
