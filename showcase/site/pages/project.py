"""One page per project: ``projects/<slug>.md``.

Results first (a recruiter reads the top), then the project's story from its
README, its figures, the data, the demo, how to reproduce the run, and the
model card. Every number comes from ``reports/metrics.json``, shown by its label,
direction and meaning (``contract.metric_labels``); the README's prose about the
data and reproducing the run sits in the matching section, beside the table
generated from the files, and its prose about starting the demo under Reproduce. The page layout is
``showcase/layouts/project.md``; this module gathers what it shows.
"""

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from showcase.contract.files import MODEL_CARD_FILE, README_FILE, space_page
from showcase.contract.metric_labels import FOLD_ABOVE, MetricLabel, metric_label
from showcase.reading.markdown import project_path
from showcase.reading.project import Project
from showcase.reading.readme import Section, Story, parse_readme
from showcase.reading.url_policy import is_absolute, is_allowed
from showcase.site.demos import Embed
from showcase.site.fit import fit
from showcase.site.markdown_text import humanize
from showcase.site.model_card import model_card_section
from showcase.site.pages.common import SKILLS_PAGE, ImageSizes, Picture, project_page, rel, shorten
from showcase.site.pages.jinja import render

SECTIONS = ("results", "overview", "figures", "data", "demo", "reproduce", "model-card")
"""The page's sections, by anchor id, in order (skills link to them as evidence)."""
ABSORBED = ("results", "data", "demo", "reproduce")
"""Sections that take in the README's prose on the same subject (see ``story``). The README's
demo prose tells a developer how to start the app (``make demo``), so the page puts it under
Reproduce, in "Run the demo on your computer"; the demo section speaks to the visitor."""
DEMO_INVITES = {
    "image-classification": "Draw on the canvas or drop in a picture, and see the three classes the "
                            "model finds likeliest.",
    "text-classification": "Write or paste a text, and see the label the model gives it, how sure it "
                           "is, and which words decided it.",
    "gan": "Pick a class and a seed, and see the images the generator draws for them; or walk from "
           "one seed to another and watch one drawing turn into the next.",
    "reinforcement-learning": "Pick a start, and watch the trained agent play the episode beside a "
                              "random policy from the same start.",
}
"""What a visitor can do with a kind's demo (in the page, or on its Space), said to the visitor."""


class ProjectLinks:
    """Resolve the links of a project's README and model card to places on the site."""

    def __init__(self, project: Project, assets: Mapping[str, object]) -> None:
        self.project = project
        self.assets = assets
        self.prefix = f"{project.slug}/"  # assets are beside the page, under its slug

    def __call__(self, target: str, is_image: bool) -> str | None:
        """The target on the site, or None when it has no place there or ``url_policy`` refuses
        it (it becomes text)."""
        if not is_allowed(target):
            return None
        if is_absolute(target) or (target.startswith("#") and len(target) > 1):
            return target
        found = project_path(target)
        if found is None:
            return None
        path, anchor = found
        if path in self.assets:
            return self.prefix + path
        if path == MODEL_CARD_FILE and self.project.model_card is not None:
            return "#model-card"
        if path == README_FILE:
            return "#" + (anchor or "overview")
        return None if is_image else self._repository_link(path, anchor)

    def _repository_link(self, path: str, anchor: str) -> str | None:
        """A project file that the site does not serve, on GitHub (where the code lives)."""
        repo = (self.project.card.repository or "").rstrip("/")
        if not repo.startswith("https://github.com/") or not (self.project.root / path).exists():
            return None
        return f"{repo}/blob/HEAD/{path}" + (f"#{anchor}" if anchor else "")


def _fitted(markdown: str, links: ProjectLinks) -> Markup:
    """README or model-card Markdown fitted into the page (``site.fit.fit``: raw HTML
    shown as text, links resolved), so the layout prints it as it is."""
    return Markup(fit(markdown, links, shift=1).strip())


def absorb(story: Story, links: ProjectLinks) -> dict[str, Markup]:
    """Take out of ``story`` the README prose that the page's own sections show ("" if none)."""
    taken: dict[str, Section | None] = {sid: story.take(sid) for sid in ABSORBED}
    return {sid: _fitted(s.body, links) if s else Markup() for sid, s in taken.items()}


@dataclass(frozen=True)
class ResultRow:
    """One metric of the results table."""

    name: str
    value: float
    label: MetricLabel
    """Its label, direction and meaning (``contract.metric_labels``)."""
    headline: bool
    """The card's headline metric."""


@dataclass(frozen=True)
class Results:
    """The results table: the rows shown, and those folded into a ``<details>`` block."""

    shown: list[ResultRow]
    folded: list[ResultRow]


def results(project: Project) -> Results:
    """The headline first, then the metrics in the file's order; beyond ``FOLD_ABOVE`` rows, only
    the headline and the key metrics are shown, the rest folded."""
    kind, headline = project.card.kind, project.card.headline_metric
    rows = [ResultRow(name, value, metric_label(name, kind), name == headline)
            for name, value in project.metrics.metrics.items()]
    rows.sort(key=lambda row: not row.headline)  # stable: the others keep their order
    if len(rows) <= FOLD_ABOVE:
        return Results(rows, [])
    return Results([r for r in rows if r.headline or r.label.key],
                   [r for r in rows if not (r.headline or r.label.key)])


@dataclass(frozen=True)
class ProjectView:
    """What the project page shows besides the project itself: its links, images and prose."""

    description: str
    image: str
    """The social preview image, relative to the page."""
    skills_page: str
    prose: dict[str, Markup]
    """README prose absorbed by the page's sections, by section id (see ``ABSORBED``)."""
    story: list[tuple[str, Markup]]
    """The README's other sections: (title, fitted Markdown)."""
    figures: list[tuple[str, Picture]]
    still: Picture
    """The demo's still image (the cover)."""
    per_class_columns: list[str]
    model_card: Markup | None
    results: Results
    demo_invite: str
    """What the visitor can do with the demo (``DEMO_INVITES``), or ""."""
    dashboard: str
    """The page of the Space drawing the project's tracked training runs (the card's `dashboard`), or ""."""


def project_view(project: Project, links: ProjectLinks, sizes: ImageSizes) -> ProjectView:
    """Gather the page's prose, images (their sizes from ``sizes``) and links."""
    card, page = project.card, project_page(project)
    story = _story(project)
    prose = absorb(story, links)
    per_class = project.metrics.per_class
    model_card = model_card_section(project.model_card, links) if project.model_card is not None else None
    return ProjectView(
        description=shorten(card.summary),
        image=posixpath.join(posixpath.dirname(page), project.slug, card.cover),
        skills_page=rel(page, SKILLS_PAGE),
        prose=prose,
        story=[(s.title, _fitted(s.body, links)) for s in story.sections],
        figures=[
            (name, Picture(f"{project.slug}/{path}", humanize(name), sizes.get(path)))
            for name, path in project.metrics.figures.items()
        ],
        still=Picture(f"{project.slug}/{card.cover}", f"Still of the {card.title} demo",
                      sizes.get(card.cover)),
        per_class_columns=list(dict.fromkeys(k for scores in per_class.values() for k in scores)),
        model_card=Markup(model_card.strip()) if model_card is not None else None,
        results=results(project),
        demo_invite=DEMO_INVITES.get(card.kind, ""),
        dashboard=space_page(card.dashboard) if card.dashboard else "",
    )


def page_sections(project: Project) -> set[str]:
    """The section ids ``render_project`` writes for ``project`` (evidence links need them)."""
    sections = {"results", "data", "reproduce", "demo"}
    story = _story(project)
    for absorbed in ABSORBED:
        story.take(absorbed)
    if story.sections:
        sections.add("overview")
    if project.metrics.figures:
        sections.add("figures")
    if project.model_card is not None:
        sections.add("model-card")
    return sections


def _story(project: Project) -> Story:
    """The project's README, parsed; an empty story when it has none."""
    return parse_readme(project.readme) if project.readme is not None else Story()


def render_project(
    project: Project,
    embed: Embed | None = None,
    assets: Mapping[str, object] | None = None,
    layouts: Environment | None = None,
    sizes: ImageSizes | None = None,
) -> str:
    """The whole ``projects/<slug>.md`` page.

    Args:
        project: a checked project.
        embed: how to show its demo (``demos.embed_for``); None when it has none.
        assets: the project files the site copies (relative path -> anything);
            README and model-card links to them are kept. Defaults to ``project.assets()``.
        layouts: the page layouts (``jinja.environment``); by default the package's.
        sizes: the pixel sizes of its images (``plan.image_sizes``), written on each ``<img>``;
            none by default.
    """
    links = ProjectLinks(project, assets if assets is not None else project.assets())
    view = project_view(project, links, sizes or {})
    return render("project", layouts, project=project, embed=embed, page=view)
