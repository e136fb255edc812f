"""The skills page: a projects x skills matrix, then each skill with its evidence.

Each cell of the matrix links to the section of the project page that proves
the skill (``Skill.evidence``): the results table for evaluation, the model
card for responsible AI, the README's approach for a CNN. Only skills that at
least one project shows are listed. The page layout is
``showcase/layouts/skills.md``.
"""

from dataclasses import dataclass

from jinja2 import Environment

from showcase.contract.skills import VOCABULARY, Skill
from showcase.reading.project import Project
from showcase.site.pages.common import SKILLS_PAGE, project_page, rel
from showcase.site.pages.jinja import render
from showcase.site.pages.project import page_sections

SECTION_NAMES = {
    "overview": "how it was built",
    "results": "results",
    "figures": "figures",
    "data": "data",
    "demo": "demo",
    "reproduce": "reproducible run",
    "model-card": "model card",
}
"""How the list under each skill names the evidence section."""


@dataclass(frozen=True)
class Evidence:
    """Where a project proves a skill: a section of its page."""

    target: str
    """The section, relative to the skills page."""
    label: str
    """``<skill>: evidence in <project>`` (the link's title and accessible name)."""
    name: str
    """The section as the list under each skill names it."""


def evidence_section(project: Project, skill_id: str, sections: set[str]) -> str:
    """The section of ``project``'s page that proves the skill (the results if it has none)."""
    section = VOCABULARY[skill_id].evidence
    return section if section in sections else "results"


def evidence(project: Project) -> dict[str, Evidence]:
    """The evidence of each skill ``project`` claims, by skill id."""
    sections = page_sections(project)
    found = {}
    for skill_id in project.card.skills:
        section = evidence_section(project, skill_id, sections)
        target = rel(SKILLS_PAGE, f"{project_page(project)}#{section}")
        label = f"{VOCABULARY[skill_id].label}: evidence in {project.card.title}"
        found[skill_id] = Evidence(target, label, SECTION_NAMES[section])
    return found


def used_skills(projects: list[Project]) -> list[tuple[str, Skill]]:
    """The skills at least one project shows, in vocabulary order."""
    return [(s, skill) for s, skill in VOCABULARY.items() if any(s in p.card.skills for p in projects)]


def render_skills(projects: list[Project], layouts: Environment | None = None) -> str:
    """The whole ``skills.md``."""
    return render(
        "skills", layouts, projects=projects, used=used_skills(projects),
        evidence={p.slug: evidence(p) for p in projects},
        links={p.slug: rel(SKILLS_PAGE, project_page(p)) for p in projects},
    )
