"""One page per project: ``projects/<slug>.md``.

Results first (a recruiter reads the top), then the project's story from its
README, its figures, the data, the demo, how to reproduce the run, and the
model card. Every number comes from ``reports/metrics.json``; the README's
prose about the data, the demo and reproducing the run sits in the matching
section, beside the table generated from the files.
"""

import html
import posixpath
from collections.abc import Mapping

from showcase.contract.files import MODEL_CARD_FILE, README_FILE
from showcase.reading.markdown import ABSOLUTE, fit, project_path
from showcase.reading.model_card import model_card_section
from showcase.reading.project import Project
from showcase.reading.readme import Section, Story, parse_readme
from showcase.site.demos import Embed
from showcase.site.markdown_text import (
    code,
    esc,
    format_duration,
    format_number,
    format_timestamp,
    humanize,
    link,
    table,
)
from showcase.site.pages.common import (
    front_matter,
    headline,
    image,
    project_page,
    shorten,
    skill_chips,
)

SECTIONS = ("results", "overview", "figures", "data", "demo", "reproduce", "model-card")
"""The page's sections, by anchor id, in order (skills link to them as evidence)."""
ABSORBED = ("results", "data", "demo", "reproduce")
"""Sections that take in the README's prose on the same subject (see ``story``)."""


class ProjectLinks:
    """Resolve the links of a project's README and model card to places on the site."""

    def __init__(self, project: Project, assets: Mapping[str, object]) -> None:
        self.project = project
        self.assets = assets
        self.prefix = f"{project.slug}/"  # assets are beside the page, under its slug

    def __call__(self, target: str, is_image: bool) -> str | None:
        """The target on the site, or None when it has no place there (it becomes text)."""
        if target.startswith(ABSOLUTE) or (target.startswith("#") and len(target) > 1):
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


def _prose(section: Section | None, links: ProjectLinks) -> list[str]:
    """A README section's body, fitted under a page ``h2`` (its sub-headings one level down)."""
    return [fit(section.body, links, shift=1).strip()] if section else []


def absorb(story: Story, links: ProjectLinks) -> dict[str, list[str]]:
    """Take out of ``story`` the README prose that the page's own sections show."""
    return {sid: _prose(story.take(sid), links) for sid in ABSORBED}


def header(project: Project, embed: Embed | None) -> str:
    """Title, summary, headline result, author and links, skill chips."""
    card, page = project.card, project_page(project)
    links = [f"By {esc(card.author)}"]
    if card.repository:
        links.append(link("Code", card.repository))
    if embed is not None:
        links.append("[Demo](#demo)")
    links.append("[Model card](#model-card)" if project.model_card is not None else "")
    return "\n\n".join(
        [
            f"# {esc(card.title)}",
            f'<p class="sc-lead">{esc(card.summary)}</p>',
            f'<p class="sc-meta" markdown>{headline(project)} · '
            + " · ".join(x for x in links if x)
            + "</p>",
            skill_chips(card.skills, page),
        ]
    )


def results_section(project: Project, prose: list[str]) -> str:
    """The metrics table, and the per-class table when there is one."""
    p = project.metrics.provenance
    rows = []
    for name, value in project.metrics.metrics.items():
        label = esc(humanize(name))
        if name == project.card.headline_metric:
            label = f"**{label}** (headline)"
        rows.append([label, esc(format_number(value))])
    when = f", {format_timestamp(p.timestamp)}" if p.timestamp else ""
    source = (
        f"Written by the project's own evaluation run "
        f"(`reports/metrics.json`{esc(when)}; see [Reproduce](#reproduce))."
    )
    parts = ["## Results { #results }", source, *prose]
    parts.append(table(["Metric", "Value"], rows))
    per_class = project.metrics.per_class
    if per_class:
        columns = list(dict.fromkeys(k for scores in per_class.values() for k in scores))
        class_rows = [
            [esc(cls), *(esc(format_number(s[c])) if c in s else "" for c in columns)]
            for cls, s in per_class.items()
        ]
        per_class_table = table(["Class", *map(esc, map(humanize, columns))], class_rows)
        count = f"{len(per_class)} class{'es' if len(per_class) != 1 else ''}"
        parts.append(
            f'<details class="sc-details" markdown>\n<summary>Per-class scores ({count})</summary>'
            f"\n\n{per_class_table}\n\n</details>"
        )
    return "\n\n".join(parts)


def overview_section(story: Story, links: ProjectLinks) -> str:
    """The README's remaining sections, in its order, one level down."""
    if not story.sections:
        return ""
    parts = ["## Overview { #overview }"]
    for section in story.sections:
        parts += [f"### {esc(section.title)}", fit(section.body, links, shift=1).strip()]
    return "\n\n".join(parts)


def figures_section(project: Project) -> str:
    """Every figure evaluation wrote, under its own heading."""
    parts = ["## Figures { #figures }"]
    for name, rel in project.metrics.figures.items():
        src = f"{project.slug}/{rel}"
        parts += [f"### {esc(humanize(name))}", image(src, humanize(name), project.root / rel)]
    return "\n\n".join(parts) if len(parts) > 1 else ""


def data_section(project: Project, prose: list[str]) -> str:
    """Where the data came from and how it was split."""
    data, dataset = project.metrics.data, project.card.dataset
    source = dataset.source
    shown = link(source, source) if source.startswith(("http://", "https://")) else esc(source)
    rows = [["Name", esc(dataset.name)], ["Source", shown], ["Licence", esc(dataset.licence)]]
    if data.split:
        rows.append(["Split", esc(data.split)])
    if data.sizes:
        sizes = ", ".join(f"{name} {n:,}" for name, n in data.sizes.items())
        rows.append(["Sizes", esc(sizes)])
    if data.checksum:
        rows.append(["Checksum", code(data.checksum)])
    return "\n\n".join(
        ["## Data { #data }", *prose, key_values(rows)]
    )


def provenance_section(project: Project, prose: list[str]) -> str:
    """The run's provenance: enough to reproduce it."""
    p = project.metrics.provenance
    commit = code(p.git_commit) if p.git_commit else "not recorded"
    if p.git_dirty:
        commit += " (with uncommitted changes)"
    seeds = p.seeds if p.seeds else ([p.seed] if p.seed is not None else [])
    duration = format_duration(p.train_duration_s) if p.train_duration_s is not None else None
    rows = [
        ["Commit", commit],
        ["Date", esc(format_timestamp(p.timestamp)) if p.timestamp else "not recorded"],
        ["Hardware", esc(p.hardware or "not recorded")],
        ["Device", esc(p.device or "not recorded")],
        ["Training time", esc(duration or "not recorded")],
        ["Seed(s)", esc(", ".join(map(str, seeds)) or "not recorded")],
        ["Versions", esc(", ".join(f"{k} {v}" for k, v in p.versions.items()) or "not recorded")],
        ["Command", code(p.command) if p.command else "not recorded"],
    ]
    return "\n\n".join(
        ["## Reproduce { #reproduce }", *prose, key_values(rows)]
    )


def key_values(rows: list[list[str]]) -> str:
    """A two-column table of fields and values that wraps long values on a phone."""
    return '<div class="sc-kv" markdown>\n\n' + table(["Field", "Value"], rows) + "\n\n</div>"


def _attrs(**values: str | None) -> str:
    """HTML attributes, escaped; None values left out."""
    return " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{html.escape(v, quote=True)}"' for k, v in values.items() if v
    )


def demo_section(project: Project, embed: Embed | None, prose: list[str]) -> str:
    """The demo: a still image and a button that loads it on click, or how to run it."""
    if embed is None:
        return "\n\n".join(["## Demo { #demo }", *prose, "This project has no demo."])
    card = project.card
    still = image(f"{project.slug}/{card.cover}", f"Still of the {card.title} demo",
                  project.root / card.cover)
    if embed.mode == "none":
        run = (
            f"No hosted demo yet: run `make demo` in the project to start "
            f"{code(card.demo.app) if card.demo else ''} on your machine."
        )
        return "\n\n".join(["## Demo { #demo }", *prose, still, run])
    where = "on this machine" if embed.mode == "local" else "from Hugging Face Spaces"
    note = f"Loads the demo {where} when you ask for it"
    note += "; a sleeping Space takes a minute to wake." if embed.mode == "space" else "."
    if embed.page:
        note += f" [Open it on Hugging Face]({embed.page})."
    box = _attrs(
        class_="sc-demo", data_sc_demo=embed.mode, data_src=embed.src, data_script=embed.script,
        data_title=f"{card.title} demo",
    )
    return "\n\n".join(
        [
            "## Demo { #demo }",
            *prose,
            f"<div {box} markdown>",
            still,
            '<button type="button" class="md-button md-button--primary sc-demo__open">'
            "Open the live demo</button>",
            f'<p class="sc-demo__note" markdown>{note}</p>',
            "</div>",
        ]
    )


def model_card_part(project: Project, links: ProjectLinks) -> str:
    """The model card, under its own ``h2``."""
    if project.model_card is None:
        return ""
    body = model_card_section(project.model_card, links)
    return "## Model card { #model-card }\n\n" + body


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
    project: Project, embed: Embed | None = None, assets: Mapping[str, object] | None = None
) -> str:
    """The whole ``projects/<slug>.md`` page.

    Args:
        project: a checked project.
        embed: how to show its demo (``demos.embed_for``); None when it has none.
        assets: the project files the site copies (relative path -> anything);
            README and model-card links to them are kept. Defaults to ``project.assets()``.
    """
    card = project.card
    links = ProjectLinks(project, assets if assets is not None else project.assets())
    story = _story(project)
    prose = absorb(story, links)
    image_path = posixpath.join(posixpath.dirname(project_page(project)), project.slug, card.cover)
    parts = [
        front_matter(card.title, shorten(card.summary), image=image_path),
        header(project, embed),
        results_section(project, prose["results"]),
        overview_section(story, links),
        figures_section(project),
        data_section(project, prose["data"]),
        demo_section(project, embed, prose["demo"]),
        provenance_section(project, prose["reproduce"]),
        model_card_part(project, links),
    ]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


