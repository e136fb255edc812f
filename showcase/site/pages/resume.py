"""The resume page, rendered from the owner's JSON Resume file.

The portfolio's projects are the resume's projects: each is listed with its
summary and headline result and links to its page. An entry of the resume's own
``projects`` whose name is a portfolio project's title or slug adds its dates,
roles and highlights to that project instead of being listed twice; the other
entries follow as they are. The page layout is ``showcase/layouts/resume.md``.
"""

from dataclasses import dataclass

from jinja2 import Environment

from showcase.contract.resume import Resume, ResumeProject
from showcase.reading.project import Project
from showcase.site.pages.common import RESUME_JSON, RESUME_PAGE, Link, project_page, rel
from showcase.site.pages.jinja import render


@dataclass(frozen=True)
class PortfolioEntry:
    """A portfolio project on the resume, with the resume's own entry for it, if any."""

    project: Project
    link: str
    """Its page, relative to the resume page."""
    entry: ResumeProject | None


def contacts(resume: Resume) -> list[Link]:
    """Location (as text), email, website and profiles, in that order."""
    b = resume.basics
    found = []
    if b.location and (where := ", ".join(x for x in (b.location.city, b.location.countryCode) if x)):
        found.append(Link(where))
    if b.email:
        found.append(Link(b.email, f"mailto:{b.email}"))
    if b.url:
        found.append(Link(b.url, b.url))
    return found + [Link(p.network, p.url) for p in b.profiles if p.url]


def _match(entry: ResumeProject, projects: list[Project]) -> Project | None:
    """The portfolio project a resume entry names (by title or slug), if any."""
    name = entry.name.casefold()
    return next(
        (p for p in projects if name in (p.card.title.casefold(), p.slug.casefold())), None
    )


def render_resume(resume: Resume, projects: list[Project], layouts: Environment | None = None) -> str:
    """The whole ``resume.md``: the portfolio projects first (linked), then the resume's others."""
    extra = {p.slug: e for e in resume.projects if (p := _match(e, projects)) is not None}
    portfolio = [PortfolioEntry(p, rel(RESUME_PAGE, project_page(p)), extra.get(p.slug)) for p in projects]
    others = [e for e in resume.projects if _match(e, projects) is None]
    return render(
        "resume", layouts, resume=resume, contacts=contacts(resume), portfolio=portfolio,
        others=others, resume_json=RESUME_JSON,
    )
