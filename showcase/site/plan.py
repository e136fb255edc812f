"""Everything the portfolio adds to a MkDocs site, as a list of files.

``plan_site`` is the whole generator: checked projects and the owner's resume
in, pages (Markdown text) and assets (files to copy) out. The MkDocs plugin
only hands them to MkDocs; tests call it directly.

    index.md                      home: the owner, a card per project
    projects/index.md             every project in one table
    projects/<slug>.md            one page per project (served at projects/<slug>/)
    projects/<slug>/<file>        its cover, figures and the images its README shows
    projects/<slug>/_site/cover.webp   a card-sized cover for the home page
    projects/<slug>/demo/<file>   what its in-browser demo reads (ONNX model, config, examples)
    assets/ort/<file>             onnxruntime-web, when any project has an in-browser demo

Files are read here, not in page code: the plan reads image sizes (``image_sizes``) and makes
the card-sized covers, and hands the pages data.
    skills.md                     projects x skills, each cell linking to the evidence
    resume.md, resume.json        the resume, when there is one
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from showcase.contract.resume import Resume
from showcase.reading.project import Project
from showcase.site.demos import Embed, embed_for, runtime_files
from showcase.site.images import card_cover, image_size
from showcase.site.pages.catalogue import render_catalogue
from showcase.site.pages.common import (
    HOME,
    PROJECTS_INDEX,
    RESUME_JSON,
    RESUME_PAGE,
    SKILLS_PAGE,
    asset_path,
    project_page,
)
from showcase.site.pages.home import Cover, OwnerHeader, most_recent, render_home
from showcase.site.pages.jinja import environment
from showcase.site.pages.project import render_project
from showcase.site.pages.resume import render_resume
from showcase.site.pages.skills import render_skills


@dataclass(frozen=True)
class Page:
    """A generated Markdown page, by its path in the site's source tree."""

    path: str
    content: str


@dataclass(frozen=True)
class Asset:
    """A file for the site: a copy of ``source``, or ``content`` made at build time."""

    path: str
    source: Path | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class SiteContent:
    """What the site is generated from."""

    projects: list[Project]
    resume: Resume | None = None
    site_name: str = "Portfolio"
    site_description: str = ""
    local_demos: Mapping[str, str] = field(default_factory=dict)
    """Project slug -> address of its demo running on this machine (``showcase serve``)."""
    home_cards: int = 12
    """At most this many project cards on the home page (the projects table lists all)."""
    layout_dirs: tuple[Path, ...] = ()
    """Folders searched for the page layouts before the package's (the site's ``custom_dir``)."""


def project_assets(project: Project) -> dict[str, Path]:
    """The project's files the site serves: cover, figures, and images its README
    or model card show that exist inside the project.

    Raises:
        OutsideProjectError: one of them is a link that leads outside the project.
    """
    return project.assets() | project.shown_images()


THUMBNAIL = "_site/cover.webp"
"""Where a project's card-sized cover goes, under its site folder."""


def image_sizes(assets: Mapping[str, Path]) -> dict[str, tuple[int, int]]:
    """The pixel sizes of the images among a project's served files, by relative path."""
    return {rel: size for rel, path in assets.items() if (size := image_size(path)) is not None}


def card_covers(projects: list[Project]) -> tuple[dict[str, Cover], list[Asset]]:
    """The cover each home card shows (card-sized when it can be), and the files made for it."""
    covers, made = {}, []
    for project in projects:
        original = project.assets()[project.card.cover]
        thumb = card_cover(original)
        if thumb is None:
            covers[project.slug] = Cover(asset_path(project, project.card.cover), image_size(original))
            continue
        path = asset_path(project, THUMBNAIL)
        covers[project.slug] = Cover(path, (thumb.width, thumb.height))
        made.append(Asset(path, content=thumb.data))
    return covers, made


def owner_of(content: SiteContent) -> OwnerHeader:
    """The owner from the resume, else the site's name and description."""
    if content.resume is not None:
        return OwnerHeader.from_resume(content.resume)
    return OwnerHeader(content.site_name, summary=content.site_description or None)


def served_files(project: Project, assets: Mapping[str, Path], embed: Embed | None) -> list[Asset]:
    """The files copied for one project: its served files, then what its in-browser demo reads."""
    copies = [Asset(asset_path(project, rel), path) for rel, path in assets.items()]
    if embed is not None and embed.browser is not None:
        copies += [Asset(site_path, path) for site_path, path in embed.browser.sources.items()]
    return copies


def plan_site(content: SiteContent) -> list[Page | Asset]:
    """Every page and asset the portfolio adds to the site (see the module docstring).

    Two steps: first everything the pages show that comes from files is read (demos, the files
    each project serves, their image sizes, the card covers, the owner); then the pages are
    written from those values, and no page reads a file.
    """
    projects = content.projects
    # 1. Read.
    embeds: dict[str, Embed | None] = {p.slug: embed_for(p, content.local_demos) for p in projects}
    assets = {p.slug: project_assets(p) for p in projects}
    sizes = {slug: image_sizes(served) for slug, served in assets.items()}
    copies = {p.slug: served_files(p, assets[p.slug], embeds[p.slug]) for p in projects}
    runtime = []  # onnxruntime-web, when any project has an in-browser demo
    if any(embed is not None and embed.browser is not None for embed in embeds.values()):
        runtime = [Asset(site_path, path) for site_path, path in runtime_files().items()]
    covers, thumbs = card_covers(most_recent(projects, content.home_cards))  # the cards shown
    owner = owner_of(content)
    description = owner.summary or content.site_description or f"Portfolio of {owner.name}."
    resume_json = None
    if content.resume is not None:
        resume_json = json.dumps(content.resume.as_json_resume(), indent=2, ensure_ascii=False) + "\n"

    # 2. Write the pages, in the site's order.
    layouts = environment(content.layout_dirs)
    home = render_home(projects, owner, embeds, description, content.resume is not None, covers,
                       max_cards=content.home_cards, layouts=layouts)
    files: list[Page | Asset] = [
        Page(HOME, home),
        *thumbs,
        Page(PROJECTS_INDEX, render_catalogue(projects, layouts)),
        Page(SKILLS_PAGE, render_skills(projects, layouts)),
    ]
    for project in projects:
        slug = project.slug
        page = render_project(project, embeds[slug], assets[slug], layouts, sizes[slug])
        files.append(Page(project_page(project), page))
        files += copies[slug]
    files += runtime
    if content.resume is not None and resume_json is not None:
        files.append(Page(RESUME_PAGE, render_resume(content.resume, projects, layouts)))
        files.append(Page(RESUME_JSON, resume_json))
    return files
