"""What every generated page shares: where pages live, links between them, images.

Pages are Markdown, with the ``attr_list`` and ``md_in_html`` extensions (the
plugin turns them on), rendered from the page layouts of the theme folder
(``jinja``). Links are written relative to the page's own source path so
that MkDocs resolves and validates them (``--strict``).
"""

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from showcase.reading.project import Project

HOME = "index.md"
SKILLS_PAGE = "skills.md"
RESUME_PAGE = "resume.md"
RESUME_JSON = "resume.json"
PROJECTS_INDEX = "projects/index.md"


def project_page(project: Project) -> str:
    """The project page's source path: ``projects/<slug>.md`` (served at ``projects/<slug>/``)."""
    return f"projects/{project.slug}.md"


def asset_path(project: Project, rel: str) -> str:
    """Where a project file (relative to its root) is copied in the site."""
    return f"projects/{project.slug}/{rel}"


def rel(from_page: str, target: str) -> str:
    """``target`` (a site source path, maybe with ``#anchor``) relative to ``from_page``."""
    path, sep, anchor = target.partition("#")
    start = posixpath.dirname(from_page) or "."
    relative = posixpath.relpath(path, start) if path else ""
    return relative + sep + anchor


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (meta descriptions)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class Link:
    """A link a page layout writes: its text and its target (None: the text alone)."""

    text: str
    target: str | None = None


@dataclass(frozen=True)
class Picture:
    """An image a page layout shows: its address (relative to the page), alt text and pixel size."""

    src: str
    alt: str
    size: tuple[int, int] | None = None
    """Written as ``width`` and ``height``, so the page does not jump while it loads."""
    lazy: bool = True
    """``loading="lazy"``, else ``fetchpriority="high"``."""


ImageSizes = Mapping[str, tuple[int, int]]
"""Pixel sizes of a project's images, by path relative to the project root. The plan reads
them from the files (``plan.image_sizes``); page code reads no files."""
