"""What every generated page shares: where pages live, front matter, chips, images.

Pages are Markdown, with the ``attr_list`` and ``md_in_html`` extensions (the
plugin turns them on). Every string from a card, a resume or metrics goes
through ``esc``; links are written relative to the page's own source path so
that MkDocs resolves and validates them (``--strict``).
"""

import html
import json
import posixpath
from pathlib import Path

from showcase.contract.skills import VOCABULARY, in_order
from showcase.reading.project import Project
from showcase.site.images import image_size
from showcase.site.markdown_text import esc, format_headline, humanize, url

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
    return url(relative) + sep + anchor


def front_matter(title: str, description: str, **extra: object) -> str:
    """YAML front matter; title and description HTML-escaped.

    Themes print ``page.meta.title`` and ``page.meta.description`` unescaped in
    ``<title>``, ``<meta>`` and the header, so they are escaped here, once.
    """
    meta = {"title": esc_attr(title), "description": esc_attr(description), **extra}
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items()) + "---"


def esc_attr(text: str) -> str:
    """``text`` escaped for an HTML attribute or ``<title>`` (one line, no Markdown)."""
    return html.escape(" ".join(str(text).split()), quote=True).replace("|", "&#124;")


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (meta descriptions)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def headline(project: Project) -> str:
    """``**99.4%** accuracy on <data set>``."""
    value = format_headline(project.headline_value)
    metric = humanize(project.card.headline_metric).lower()
    return f"**{esc(value)}** {esc(metric)} on {esc(project.card.dataset.name)}"


def skill_chips(skills: list[str], page: str) -> str:
    """The skills as chips linking to their entry on the skills page, in vocabulary order."""
    chips = []
    for skill_id in in_order(skills):
        skill = VOCABULARY[skill_id]
        target = rel(page, f"{SKILLS_PAGE}#{skill_id}")
        chips.append(f'[{esc(skill.short)}]({target} "{esc_attr(skill.label)}"){{ .sc-chip }}')
    return '<span class="sc-chips" markdown>' + " ".join(chips) + "</span>" if chips else ""


def image(
    src: str,
    alt: str,
    file: Path | None = None,
    *,
    size: tuple[int, int] | None = None,
    lazy: bool = True,
    css: str = "",
) -> str:
    """A Markdown image with its pixel size (given, or read from ``file``), so the page
    does not jump while it loads."""
    attrs = []
    if size is None and file is not None:
        size = image_size(file)
    if size is not None:
        attrs += [f'width="{size[0]}"', f'height="{size[1]}"']
    attrs.append('loading="lazy"' if lazy else 'fetchpriority="high"')
    if css:
        attrs.append(css)
    return f"![{esc(alt)}]({url(src)}){{ {' '.join(attrs)} }}"
