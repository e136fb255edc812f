"""The skills page: a projects x skills matrix, then each skill with its evidence.

Each cell of the matrix links to the section of the project page that proves
the skill (``Skill.evidence``): the results table for evaluation, the model
card for responsible AI, the README's approach for a CNN. Only skills that at
least one project shows are listed.
"""

from showcase.contract.skills import VOCABULARY
from showcase.reading.project import Project
from showcase.site.markdown_text import esc, table
from showcase.site.pages.common import SKILLS_PAGE, esc_attr, front_matter, project_page, rel
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


def evidence_section(project: Project, skill_id: str, sections: set[str]) -> str:
    """The section of ``project``'s page that proves the skill (the results if it has none)."""
    section = VOCABULARY[skill_id].evidence
    return section if section in sections else "results"


def evidence_link(project: Project, skill_id: str, text: str, sections: set[str]) -> str:
    """A link from the skills page to the section of ``project``'s page that proves the skill.

    ``sections`` are the ids the project's page has; a missing one falls back to the results.
    """
    skill = VOCABULARY[skill_id]
    section = evidence_section(project, skill_id, sections)
    target = rel(SKILLS_PAGE, f"{project_page(project)}#{section}")
    label = esc_attr(f"{skill.label}: evidence in {project.card.title}")
    return f'[{text}]({target}){{ aria-label="{label}" title="{label}" }}'


def used_skills(projects: list[Project]) -> list[str]:
    """The skills at least one project shows, in vocabulary order."""
    return [s for s in VOCABULARY if any(s in p.card.skills for p in projects)]


def matrix(projects: list[Project], sections: dict[str, set[str]]) -> str:
    """Rows: projects; columns: skills; a ✓ links to the evidence."""
    used = used_skills(projects)
    headers = ["Project"] + [
        f'<abbr title="{esc_attr(VOCABULARY[s].label)}">{esc(VOCABULARY[s].short)}</abbr>'
        for s in used
    ]
    rows = [
        [f"[{esc(p.card.title)}]({rel(SKILLS_PAGE, project_page(p))})"]
        + [evidence_link(p, s, "✓", sections[p.slug]) if s in p.card.skills else "" for s in used]
        for p in projects
    ]
    return table(headers, rows)


def by_skill(projects: list[Project], sections: dict[str, set[str]]) -> str:
    """Each skill under its own heading (the chips link here), with its projects."""
    parts = []
    for skill_id in used_skills(projects):
        skill = VOCABULARY[skill_id]
        shown = [p for p in projects if skill_id in p.card.skills]
        items = [
            f"- {evidence_link(p, skill_id, esc(p.card.title), sections[p.slug])}: "
            f"{SECTION_NAMES[evidence_section(p, skill_id, sections[p.slug])]}"
            for p in shown
        ]
        parts += [f"### {esc(skill.label)} {{ #{skill_id} }}", "\n".join(items)]
    return "\n\n".join(parts)


def render_skills(projects: list[Project]) -> str:
    """The whole ``skills.md``."""
    description = "Which deep-learning skills each project demonstrates, with links to the evidence."
    parts = [front_matter("Skills", description, hide=["navigation", "toc"]), "# Skills"]
    if not projects:
        return "\n\n".join([*parts, "No projects yet."]) + "\n"
    sections = {p.slug: page_sections(p) for p in projects}
    parts += [
        "Each ✓ links to the part of the project page that shows the skill: the approach, "
        "the results, the figures, the data, the demo, the reproducible run or the model card.",
        '<div class="sc-matrix" markdown>\n\n' + matrix(projects, sections) + "\n\n</div>",
        "## By skill",
        by_skill(projects, sections),
    ]
    return "\n\n".join(parts) + "\n"
