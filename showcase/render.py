"""Markdown for the site's generated pages: the projects index and one page per project.

Pure functions of checked ``Project`` objects: no file is read here except a
project's ``MODEL_CARD.md``. Links are relative to the page and point at the
copies of the figures the plugin adds next to it
(``projects/<slug>/reports/figures/...``).
"""

import html
import json

from showcase.mdtext import (
    code,
    esc,
    format_duration,
    format_headline,
    format_number,
    format_timestamp,
    humanize,
    link,
    table,
    url,
)
from showcase.modelcard import model_card_section
from showcase.projects import Project
from showcase.skills import SKILLS


def skill_chips(skills: list[str]) -> str:
    """The skills as labelled chips, in vocabulary order."""
    ordered = [s for s in SKILLS if s in skills]
    return " ".join(f'<span class="md-tag">{esc(SKILLS[s])}</span>' for s in ordered)


def headline(project: Project) -> str:
    """``**99.4%** accuracy on <data set>``."""
    value = format_headline(project.headline_value)
    metric = humanize(project.card.headline_metric).lower()
    return f"**{esc(value)}** {esc(metric)} on {esc(project.card.dataset.name)}"


def _index_entry(project: Project) -> str:
    """One card of the index: title link, cover, summary, headline, skills."""
    card, page = project.card, f"{project.slug}/index.md"
    return "\n\n".join(
        [
            f"## {link(card.title, page)}",
            f"[![{esc(card.title)}]({url(project.slug + '/' + card.cover)})]({url(page)})",
            esc(card.summary),
            headline(project),
            skill_chips(card.skills),
        ]
    )


def skills_matrix(projects: list[Project]) -> str:
    """A skills x projects table of the skills at least one project shows."""
    used = [s for s in SKILLS if any(s in p.card.skills for p in projects)]
    headers = ["Skill", *(link(p.card.title, f"{p.slug}/index.md") for p in projects)]
    rows = [[esc(SKILLS[s]), *("✓" if s in p.card.skills else "" for p in projects)] for s in used]
    return table(headers, rows)


def render_index(projects: list[Project]) -> str:
    """The ``projects/index.md`` page: a card per project, then the skills matrix."""
    if not projects:
        return "# Projects\n\nNo projects yet: create one with `showcase new KIND`.\n"
    intro = f"{len(projects)} project(s), each trained and evaluated by its own code."
    parts = ["# Projects", intro]
    parts += [_index_entry(p) for p in projects]
    parts += ["## Skills matrix", skills_matrix(projects)]
    return "\n\n".join(parts) + "\n"


def results_section(project: Project) -> str:
    """The metrics table, and the per-class table when there is one."""
    rows = []
    for name, value in project.metrics.metrics.items():
        label = esc(name) + (" (headline)" if name == project.card.headline_metric else "")
        rows.append([label, esc(format_number(value))])
    parts = ["## Results", table(["Metric", "Value"], rows)]
    per_class = project.metrics.per_class
    if per_class:
        columns = list(dict.fromkeys(k for scores in per_class.values() for k in scores))
        class_rows = [
            [esc(cls), *(esc(format_number(s[c])) if c in s else "" for c in columns)]
            for cls, s in per_class.items()
        ]
        parts += ["### Per class", table(["Class", *map(esc, columns)], class_rows)]
    return "\n\n".join(parts)


def figures_section(project: Project) -> str:
    """Every figure evaluation wrote, as an image under its own heading."""
    parts = ["## Figures"]
    for name, path in project.metrics.figures.items():
        parts += [f"### {esc(humanize(name))}", f"![{esc(humanize(name))}]({url(path)})"]
    return "\n\n".join(parts) if len(parts) > 1 else ""


def data_section(project: Project) -> str:
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
    return "## Data\n\n" + table(["", ""], rows)


def provenance_section(project: Project) -> str:
    """The run's provenance: enough to reproduce it."""
    p = project.metrics.provenance
    commit = code(p.git_commit) if p.git_commit else "not recorded"
    if p.git_dirty:
        commit += " (with uncommitted changes)"
    seeds = p.seeds if p.seeds else ([p.seed] if p.seed is not None else [])
    rows = [
        ["Commit", commit],
        ["Date", esc(format_timestamp(p.timestamp)) if p.timestamp else "not recorded"],
        ["Hardware", esc(p.hardware or "not recorded")],
        ["Device", esc(p.device or "not recorded")],
        ["Training time", esc(format_duration(p.train_duration_s))]
        if p.train_duration_s is not None
        else ["Training time", "not recorded"],
        ["Seed(s)", esc(", ".join(map(str, seeds)) or "not recorded")],
        ["Versions", esc(", ".join(f"{k} {v}" for k, v in p.versions.items()) or "not recorded")],
        ["Reproduce", code(p.command) if p.command else "not recorded"],
    ]
    return "## Reproduce\n\n" + table(["", ""], rows)


def demo_section(project: Project) -> str:
    """A link to the Space, or how to run the demo locally."""
    demo = project.card.demo
    if demo is None:
        return "## Demo\n\nThis project has no demo."
    if demo.space:
        space = link(demo.space, f"https://huggingface.co/spaces/{demo.space}")
        return f"## Demo\n\nTry it on Hugging Face Spaces: {space}."
    return f"## Demo\n\nRun `make demo` in the project directory to start {code(demo.app)}."


def front_matter(title: str) -> str:
    """Front matter setting the page title, HTML-escaped.

    Themes print ``page.title`` unescaped in ``<title>``, the header and the nav,
    and the title MkDocs takes from the ``h1`` has its entities decoded; a meta
    title is used as is everywhere, so it is the one safe place to set it.
    """
    return f"---\ntitle: {json.dumps(html.escape(title, quote=True))}\n---"


def render_project(project: Project) -> str:
    """The ``projects/<slug>/index.md`` page."""
    card = project.card
    byline = f"By {esc(card.author)}"
    if card.repository:
        byline += f" · {link('code', card.repository)}"
    parts = [
        front_matter(card.title),
        f"# {esc(card.title)}",
        esc(card.summary),
        f"{headline(project)} · {byline}",
        skill_chips(card.skills),
        results_section(project),
        figures_section(project),
        data_section(project),
        provenance_section(project),
        demo_section(project),
    ]
    if card.cover not in project.metrics.figures.values():
        parts.insert(5, f"![{esc(card.title)}]({url(card.cover)})")
    if (path := project.model_card_path) is not None:
        text = path.read_text(encoding="utf-8")
        parts += ["## Model card", model_card_section(text, project.assets())]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"
