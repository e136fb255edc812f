"""The home page: who the owner is, then one card per project.

A recruiter gives it thirty seconds: the owner's name, headline and links come
first (from the resume's ``basics``), then a grid of cards, each with the cover
figure, the title, the one-line summary, the headline result with its data
set, the skills, and links to the project page, the code and the demo. The
page layout is ``showcase/layouts/home.md``.
"""

from dataclasses import dataclass

from jinja2 import Environment

from showcase.contract.resume import Resume
from showcase.contract.skills import VOCABULARY, Skill
from showcase.reading.project import Project
from showcase.site.demos import Embed
from showcase.site.pages.common import (
    HOME,
    PROJECTS_INDEX,
    RESUME_PAGE,
    SKILLS_PAGE,
    Link,
    Picture,
    project_page,
    rel,
    shorten,
)
from showcase.site.pages.jinja import render

EAGER_COVERS = 0
"""Covers loaded at once. None: the headline text is what a visitor reads first (the
largest paint); an early image download would only delay it on a slow phone connection."""


@dataclass(frozen=True)
class Cover:
    """The image a card shows, by its site path: a card-sized copy of the cover, or the cover."""

    path: str
    size: tuple[int, int] | None = None
    """Its pixel size, written on the ``<img>`` so the card does not jump while it loads."""


@dataclass(frozen=True)
class OwnerHeader:
    """Who the portfolio belongs to, as the home page shows it."""

    name: str
    headline: str | None = None
    summary: str | None = None
    location: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    """(label, URL) pairs: email, website, profiles."""

    @classmethod
    def from_resume(cls, resume: Resume) -> "OwnerHeader":
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


@dataclass(frozen=True)
class HomeCard:
    """One card of the grid. Its title's link covers the whole card (CSS), so a card holds
    few links: every link costs the browser work on load, and a home page may show a hundred."""

    project: Project
    link: str
    """The project page, relative to the home page."""
    cover: Picture
    demo: Link | None
    """The hosted demo, or the demo section of the project page."""


def home_card(project: Project, embed: Embed | None, eager: bool, cover: Cover | None) -> HomeCard:
    """The card of ``project``: its page, its cover (card-sized when there is one) and its demo."""
    c, target = project.card, rel(HOME, project_page(project))
    alt = f"{c.title}: cover figure"
    cover = cover or Cover(f"projects/{project.slug}/{c.cover}")
    shown = Picture(cover.path, alt, cover.size, lazy=not eager)
    demo = None
    if embed is not None and embed.mode == "space" and embed.page:
        demo = Link("Live demo", embed.page)
    elif embed is not None:
        demo = Link("Demo", f"{target}#demo")
    return HomeCard(project, target, shown, demo)


def skill_counts(projects: list[Project]) -> list[tuple[Skill, int]]:
    """Each skill the projects show, with how many show it, in vocabulary order."""
    counts = {s: sum(s in p.card.skills for p in projects) for s in VOCABULARY}
    return [(VOCABULARY[s], n) for s, n in counts.items() if n]


def most_recent(projects: list[Project], limit: int) -> list[Project]:
    """Up to ``limit`` projects, latest evaluation run first (undated ones last, by slug)."""

    def key(project: Project) -> tuple[bool, float, str]:
        moment = project.metrics.provenance.timestamp
        stamp = moment.timestamp() if moment is not None and moment.tzinfo is not None else 0.0
        return (moment is None, -stamp, project.slug)

    return sorted(projects, key=key)[: max(limit, 0)]


def render_home(
    projects: list[Project],
    owner: OwnerHeader,
    embeds: dict[str, Embed | None],
    description: str,
    has_resume: bool,
    covers: dict[str, Cover] | None = None,
    max_cards: int = 12,
    layouts: Environment | None = None,
) -> str:
    """The whole ``index.md``.

    Args:
        covers: the cover each card shows, by slug: a card-sized copy or the original,
            with its pixel size (``plan.card_covers``); the original, unsized, by default.
        max_cards: at most this many cards, the most recent runs first; the projects
            table lists them all. A phone should not lay out a hundred cards.
        layouts: the page layouts (``jinja.environment``); by default the package's.
    """
    covers = covers or {}
    shown = most_recent(projects, max_cards)
    cards = [
        home_card(p, embeds.get(p.slug), i < EAGER_COVERS, covers.get(p.slug)) for i, p in enumerate(shown)
    ]
    links = {"resume": RESUME_PAGE, "projects": PROJECTS_INDEX, "skills": SKILLS_PAGE}
    return render(
        "home", layouts, owner=owner, description=shorten(description), has_resume=has_resume,
        count=len(projects), cards=cards, skill_counts=skill_counts(projects), links=links,
    )
