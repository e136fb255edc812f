"""The home page: who the owner is, then one card per project.

A recruiter gives it thirty seconds: the owner's name, headline and links come
first (from the resume's ``basics``), then a grid of cards, each with the cover
figure, the title, the one-line summary, the headline result with its data
set, the skills, and links to the project page, the code and the demo.
"""

from dataclasses import dataclass

from showcase.contract.resume import Resume
from showcase.contract.skills import VOCABULARY, in_order
from showcase.reading.project import Project
from showcase.site.demos import Embed
from showcase.site.markdown_text import esc, url
from showcase.site.pages.common import (
    HOME,
    PROJECTS_INDEX,
    RESUME_PAGE,
    SKILLS_PAGE,
    esc_attr,
    front_matter,
    headline,
    image,
    project_page,
    rel,
    shorten,
)

EAGER_COVERS = 0
"""Covers loaded at once. None: the headline text is what a visitor reads first (the
largest paint); an early image download would only delay it on a slow phone connection."""


@dataclass(frozen=True)
class Cover:
    """A card's cover image made for the site (a card-sized copy), by its site path."""

    path: str
    width: int
    height: int


@dataclass(frozen=True)
class Owner:
    """Who the portfolio belongs to, as the home page shows it."""

    name: str
    headline: str | None = None
    summary: str | None = None
    location: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    """(label, URL) pairs: email, website, profiles."""

    @classmethod
    def from_resume(cls, resume: Resume) -> "Owner":
        """The owner from the resume's ``basics``."""
        b = resume.basics
        where = ", ".join(x for x in (b.location.city, b.location.countryCode) if x) if (
            b.location
        ) else ""
        links = [(p.network, p.url) for p in b.profiles if p.url]
        if b.url:
            links.append(("Website", b.url))
        if b.email:
            links.append(("Email", f"mailto:{b.email}"))
        return cls(b.name, b.label, b.summary, where or None, tuple(links))


def owner_block(owner: Owner, has_resume: bool) -> str:
    """Name, headline, location, summary and contact buttons."""
    lines = [f"# {esc(owner.name)}"]
    tagline = " · ".join(esc(x) for x in (owner.headline, owner.location) if x)
    if tagline:
        lines.append(f'<p class="sc-tagline">{tagline}</p>')
    if owner.summary:
        lines.append(f'<p class="sc-lead">{esc(owner.summary)}</p>')
    buttons = []
    if has_resume:
        buttons.append(f"[Resume]({RESUME_PAGE}){{ .md-button .md-button--primary }}")
    buttons += [f"[{esc(label)}]({url(target)}){{ .md-button }}" for label, target in owner.links]
    if buttons:
        lines.append('<p class="sc-actions" markdown>' + " ".join(buttons) + "</p>")
    return '<div class="sc-owner" markdown>\n\n' + "\n\n".join(lines) + "\n\n</div>"


def card(project: Project, embed: Embed | None, eager: bool, cover: Cover | None = None) -> str:
    """One card of the grid, as an item of a Markdown list (Material's "grid cards").

    The title's link covers the whole card (CSS), so a card holds few links: every link
    costs the browser work on load, and a home page may show a hundred cards.
    """
    c, page = project.card, project_page(project)
    target = rel(HOME, page)
    alt = f"{c.title}: cover figure"
    if cover is not None:
        picture = image(cover.path, alt, size=(cover.width, cover.height), lazy=not eager)
    else:
        picture = image(f"projects/{project.slug}/{c.cover}", alt, project.root / c.cover,
                        lazy=not eager)
    links = []
    if c.repository:
        links.append(f"[Code]({url(c.repository)})")
    if embed is not None and embed.mode == "space" and embed.page:
        links.append(f"[Live demo]({url(embed.page)})")
    elif embed is not None:
        links.append(f"[Demo]({target}#demo)")
    body = [
        picture,  # the card's first paragraph: styled as the cover (showcase.css)
        f"### [{esc(c.title)}]({target}){{ .sc-card__link }}",
        esc(c.summary),
        f'<p class="sc-card__headline" markdown>{headline(project)}</p>',
        skill_tags(c.skills),
    ]
    if links:
        body.append('<p class="sc-card__links" markdown>' + " · ".join(links) + "</p>")
    return "-   " + "\n\n    ".join(x for x in body if x)


def skill_tags(skills: list[str]) -> str:
    """The skills as chips without links (the card is one link already)."""
    tags = [
        f'<span class="sc-chip" title="{esc_attr(VOCABULARY[s].label)}">{esc(VOCABULARY[s].short)}</span>'
        for s in in_order(skills)
    ]
    return '<p class="sc-chips">' + " ".join(tags) + "</p>" if tags else ""


def skills_line(projects: list[Project]) -> str:
    """``Skills shown: CNNs (3) · Evaluation (4) ...`` and a link to the matrix."""
    counts = {s: sum(s in p.card.skills for p in projects) for s in VOCABULARY}
    items = [f"{esc(VOCABULARY[s].short)} ({n})" for s, n in counts.items() if n]
    return (
        f'<p class="sc-skills-line" markdown>Skills shown: {" · ".join(items)}. '
        f"[Which project shows what]({SKILLS_PAGE}).</p>"
    )


def most_recent(projects: list[Project], limit: int) -> list[Project]:
    """Up to ``limit`` projects, latest evaluation run first (undated ones last, by slug)."""

    def key(project: Project) -> tuple[bool, float, str]:
        moment = project.metrics.provenance.timestamp
        stamp = moment.timestamp() if moment is not None and moment.tzinfo is not None else 0.0
        return (moment is None, -stamp, project.slug)

    return sorted(projects, key=key)[: max(limit, 0)]


def render_home(
    projects: list[Project],
    owner: Owner,
    embeds: dict[str, Embed | None],
    description: str,
    has_resume: bool,
    covers: dict[str, Cover] | None = None,
    max_cards: int = 12,
) -> str:
    """The whole ``index.md``.

    Args:
        covers: card-sized covers by slug (else the originals are shown).
        max_cards: at most this many cards, the most recent runs first; the projects
            table lists them all. A phone should not lay out a hundred cards.
    """
    meta = front_matter(owner.name, shorten(description), hide=["navigation", "toc"])
    parts = [meta, owner_block(owner, has_resume), "## Projects { #projects }"]
    if not projects:
        parts.append("No projects yet: create one with `showcase new KIND`.")
        return "\n\n".join(parts) + "\n"
    n = len(projects)
    shown = most_recent(projects, max_cards)
    which = f"; the {len(shown)} most recent are below" if len(shown) < n else ""
    parts.append(
        f"{n} project{'s' if n != 1 else ''}, each trained and evaluated by its own code{which}. "
        f"Every number is read from the project's own `reports/metrics.json`. "
        f"[All projects as a table]({PROJECTS_INDEX})."
    )
    if n > 1:
        parts.append(skills_line(projects))
    covers = covers or {}
    cards = [
        card(p, embeds.get(p.slug), i < EAGER_COVERS, covers.get(p.slug))
        for i, p in enumerate(shown)
    ]
    parts.append('<div class="grid cards sc-cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>")
    return "\n\n".join(parts) + "\n"
