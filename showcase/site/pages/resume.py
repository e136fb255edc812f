"""The resume page, rendered from the owner's JSON Resume file.

The portfolio's projects are the resume's projects: each is listed with its
summary and headline result and links to its page. An entry of the resume's own
``projects`` whose name is a portfolio project's title or slug adds its dates,
roles and highlights to that project instead of being listed twice; the other
entries follow as they are.
"""

from showcase.contract.resume import Resume, ResumeProject
from showcase.reading.project import Project
from showcase.site.markdown_text import esc, url
from showcase.site.pages.common import RESUME_JSON, RESUME_PAGE, front_matter, headline, project_page
from showcase.site.pages.common import rel as relative

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def format_date(value: str | None) -> str:
    """``2024-06-29`` or ``2024-06`` -> ``Jun 2024``; ``2024`` stays."""
    if not value:
        return ""
    parts = value.split("-")
    return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) > 1 else parts[0]


def period(start: str | None, end: str | None) -> str:
    """``Jun 2022 – present``, ``2019 – 2021``, or one end alone."""
    if start and not end:
        return f"{format_date(start)} – present"
    return " – ".join(x for x in (format_date(start), format_date(end)) if x)


def _item(title: str, subtitle: str, summary: str | None, highlights: list[str]) -> list[str]:
    """A heading, a muted line (dates, place), a summary and bullet highlights."""
    out = [f"### {title}"]
    if subtitle:
        out.append(f'<p class="sc-muted" markdown>{subtitle}</p>')
    if summary:
        out.append(esc(summary))
    if highlights:
        out.append("\n".join(f"- {esc(h)}" for h in highlights))
    return out


def contact_line(resume: Resume) -> str:
    """Location, email, website and profiles on one line."""
    b = resume.basics
    bits = []
    if b.location and (where := ", ".join(x for x in (b.location.city, b.location.countryCode) if x)):
        bits.append(esc(where))
    if b.email:
        bits.append(f"[{esc(b.email)}](mailto:{url(b.email)})")
    if b.url:
        bits.append(f"[{esc(b.url)}]({url(b.url)})")
    bits += [f"[{esc(p.network)}]({url(p.url)})" for p in b.profiles if p.url]
    return '<p class="sc-muted" markdown>' + " · ".join(bits) + "</p>" if bits else ""


def work_section(resume: Resume) -> list[str]:
    out = ["## Experience"] if resume.work else []
    for w in resume.work:
        title = esc(w.position or w.name) + (f" — {esc(w.name)}" if w.position else "")
        if w.url:
            title = f"{title} ([site]({url(w.url)}))"
        sub = " · ".join(esc(x) for x in (period(w.startDate, w.endDate), w.location) if x)
        out += _item(title, sub, w.summary, w.highlights)
    return out


def _match(entry: ResumeProject, projects: list[Project]) -> Project | None:
    """The portfolio project a resume entry names (by title or slug), if any."""
    name = entry.name.casefold()
    return next(
        (p for p in projects if name in (p.card.title.casefold(), p.slug.casefold())), None
    )


def projects_section(resume: Resume, projects: list[Project]) -> list[str]:
    """Portfolio projects first (linked), then the resume's other projects."""
    extra = {p.slug: e for e in resume.projects if (p := _match(e, projects)) is not None}
    out = ["## Projects"] if projects or resume.projects else []
    for p in projects:
        entry = extra.get(p.slug)
        title = f"[{esc(p.card.title)}]({relative(RESUME_PAGE, project_page(p))})"
        sub = f"{headline(p)}"
        if entry and (when := period(entry.startDate, entry.endDate)):
            sub = f"{esc(when)} · {sub}"
        if entry and entry.roles:
            sub += " · " + esc(", ".join(entry.roles))
        out += _item(title, sub, p.card.summary, entry.highlights if entry else [])
    for e in resume.projects:
        if _match(e, projects) is None:
            title = f"[{esc(e.name)}]({url(e.url)})" if e.url else esc(e.name)
            out += _item(title, esc(period(e.startDate, e.endDate)), e.description, e.highlights)
    return out


def education_section(resume: Resume) -> list[str]:
    out = ["## Education"] if resume.education else []
    for e in resume.education:
        degree = " in ".join(x for x in (e.studyType, e.area) if x)
        title = esc(degree or e.institution) + (f" — {esc(e.institution)}" if degree else "")
        sub = " · ".join(esc(x) for x in (period(e.startDate, e.endDate), e.score) if x)
        courses = [f"Courses: {', '.join(e.courses)}"] if e.courses else []
        out += _item(title, sub, None, courses)
    return out


def skills_section(resume: Resume) -> list[str]:
    if not resume.skills:
        return []
    lines = []
    for s in resume.skills:
        level = f" ({esc(s.level)})" if s.level else ""
        keywords = f": {esc(', '.join(s.keywords))}" if s.keywords else ""
        lines.append(f"- **{esc(s.name)}**{level}{keywords}")
    return ["## Skills", "\n".join(lines)]


def other_sections(resume: Resume) -> list[str]:
    """Languages, certificates and awards, as short lists."""
    out = []
    if resume.languages:
        items = [f"- {esc(x.language)}" + (f": {esc(x.fluency)}" if x.fluency else "")
                 for x in resume.languages]
        out += ["## Languages", "\n".join(items)]
    if resume.certificates:
        items = []
        for c in resume.certificates:
            name = f"[{esc(c.name)}]({url(c.url)})" if c.url else esc(c.name)
            rest = ", ".join(esc(x) for x in (c.issuer, format_date(c.date)) if x)
            items.append(f"- {name}" + (f" — {rest}" if rest else ""))
        out += ["## Certificates", "\n".join(items)]
    if resume.awards:
        items = []
        for a in resume.awards:
            rest = ", ".join(esc(x) for x in (a.awarder, format_date(a.date)) if x)
            items.append(f"- **{esc(a.title)}**" + (f" — {rest}" if rest else ""))
        out += ["## Awards", "\n".join(items)]
    return out


def render_resume(resume: Resume, projects: list[Project]) -> str:
    """The whole ``resume.md``."""
    b = resume.basics
    title = f"Resume of {b.name}"
    description = b.summary or f"Resume of {b.name}."
    parts = [front_matter(title, description), f"# {esc(b.name)}"]
    if b.label:
        parts.append(f'<p class="sc-tagline">{esc(b.label)}</p>')
    parts.append(contact_line(resume))
    if b.summary:
        parts.append(esc(b.summary))
    for section in (
        work_section(resume),
        projects_section(resume, projects),
        education_section(resume),
        skills_section(resume),
        other_sections(resume),
    ):
        parts += section
    parts.append(
        f'<p class="sc-muted" markdown>Machine-readable: [resume.json]({RESUME_JSON}) '
        "(JSON Resume schema).</p>"
    )
    return "\n\n".join(p for p in parts if p) + "\n"
