"""The checks of what a recruiter reads first: the card, the metrics, the README and the resume.

Each is valid, complete, and no longer the template's sample text: a README that still says
"By Your Name" or links to ``your-github-user`` tells the reader the owner never read it.
"""

import re
from pathlib import Path

from showcase.contract.files import CARD_FILE, METRICS_FILE, README_FILE
from showcase.contract.metric_labels import format_headline
from showcase.contract.paths import inside_project
from showcase.contract.resume import load_resume
from showcase.exceptions import ShowcaseError
from showcase.owner import TEMPLATE_DEFAULTS  # the templates' default answers: placeholders
from showcase.readiness.report import Finding, Verdict, error_verdict, failed, passed
from showcase.reading.markdown import strip_front_matter
from showcase.reading.project import ProjectFiles
from showcase.reading.readme import ALIASES, normalise_title, readme_sections

PLACEHOLDER_MARKERS = re.compile(r"\b(?:TODO|FIXME|TBD|PLACEHOLDER)\b|(?i:lorem ipsum)")
"""Words that mark text as unfinished."""

README_SECTIONS: dict[str, frozenset[str]] = {
    "Problem": frozenset({"problem", "the problem", "problem statement", "motivation"}),
    "Data": ALIASES["data"],
    "Approach": frozenset({"approach", "method", "methods", "model", "the model", "how it works"}),
    "Results": ALIASES["results"],
    "Demo": ALIASES["demo"],
    "Reproduce": ALIASES["reproduce"],
    "Limitations": frozenset({"limitations", "ethics", "bias risks and limitations"}),
}
"""The ``##`` sections the site and a recruiter expect -> the headings (normalised) that count as
each; a heading that starts with one of them counts too ("Limitations and ethics")."""


def check_card(project: ProjectFiles) -> Verdict:
    """``portfolio.yaml`` is valid and names the owner, not the template's defaults."""
    if project.card is None:
        assert project.card_error is not None
        return error_verdict(project.card_error, project.root)
    card = project.card
    left = [f'author is "{card.author}"'] if card.author == TEMPLATE_DEFAULTS["author"] else []
    if card.repository and TEMPLATE_DEFAULTS["github_user"] in card.repository:
        left.append(f"repository is {card.repository}")
    if left:
        return failed(
            f"{CARD_FILE} still holds the template's defaults: {', '.join(left)}",
            f"put your name in `author` and your repository's URL in `repository` of {CARD_FILE}; "
            "for every project at once, set them in the resume's `basics` and run `showcase owner --apply`",
        )
    return passed(f"{card.title} ({card.kind}) by {card.author}")


def check_metrics(project: ProjectFiles) -> Verdict:
    """``reports/metrics.json`` is valid and holds the card's headline metric."""
    if project.metrics is None:
        assert project.metrics_error is not None
        return error_verdict(project.metrics_error, project.root)
    metrics = project.metrics.metrics
    if project.card is None:
        return passed(f"{len(metrics)} metrics")
    name = project.card.headline_metric
    if name not in metrics:
        return failed(
            f"the card's headline metric {name!r} is not in {METRICS_FILE} (it has {', '.join(metrics)})",
            f"set `headline_metric` in {CARD_FILE} to one of them, or run `make evaluate` again",
        )
    return passed(f"{name} {format_headline(metrics[name], name)} (headline), {len(metrics)} metrics")


def check_readme(project: ProjectFiles) -> Verdict:
    """README.md has the expected sections, none empty, and no placeholder text."""
    path = inside_project(project.root, README_FILE, str(project.root / README_FILE))
    if not path.is_file():
        return failed(f"{README_FILE} is missing", f"write it with the sections {', '.join(README_SECTIONS)}")
    text = path.read_text(encoding="utf-8", errors="replace")
    sections = {s.title: s.body for s in readme_sections(strip_front_matter(text))[1]}
    problems, fixes = [], []
    titles = [normalise_title(title) for title in sections]
    if missing := [name for name, accepted in README_SECTIONS.items() if not _has(titles, accepted)]:
        problems.append(f"no section {', '.join(missing)}")
        fixes.append(f"add {', '.join(f'`## {name}`' for name in missing)}")
    if empty := [title for title, body in sections.items() if not body.strip()]:
        problems.append(f"empty section {', '.join(empty)}")
        fixes.append("write the empty sections")
    if placeholders := placeholder_lines(text):
        problems.append(f"placeholder text on {placeholders}")
        fixes.append("replace the placeholder text with yours")
    if problems:
        return failed(f"{README_FILE}: {'; '.join(problems)}", f"in {README_FILE}, {'; '.join(fixes)}")
    return passed(f"{len(sections)} sections, the {len(README_SECTIONS)} expected ones written")


def _has(titles: list[str], accepted: frozenset[str]) -> bool:
    return any(t in accepted or any(t.startswith(a + " ") for a in accepted) for t in titles)


def placeholder_lines(text: str) -> str:
    """Where ``text`` still holds placeholders, e.g. ``line 5 ("Your Name")``; empty if nowhere."""
    spots = []
    for number, line in enumerate(text.splitlines(), 1):
        found = [value for value in TEMPLATE_DEFAULTS.values() if value in line]
        found += [m.group(0) for m in PLACEHOLDER_MARKERS.finditer(line)]
        spots += [f'line {number} ("{value}")' for value in found]
    return ", ".join(spots[:5]) + (f" and {len(spots) - 5} more" if len(spots) > 5 else "")


def check_resume(path: Path) -> Finding:
    """The portfolio's check: the owner's resume (JSON Resume) is there, valid and not sample data."""
    fix = (f"replace the sample values in {path} (marked `# placeholder`) with yours, "
           "then set `meta.placeholder: false`")
    if not path.is_file():
        verdict = failed(f"no resume at {path}; the site's header and resume page come from it",
                         f"write {path} (JSON Resume schema, https://jsonresume.org/schema)")
    else:
        try:
            resume = load_resume(path)
        except ShowcaseError as e:
            verdict = error_verdict(e, path.parent)
        else:
            if resume.meta.placeholder:
                verdict = failed(f"{path} holds sample data (meta.placeholder: true)", fix)
            elif resume.basics.name == TEMPLATE_DEFAULTS["author"]:
                verdict = failed(f'{path}: basics.name is still "{resume.basics.name}"', fix)
            else:
                verdict = passed(f"{resume.basics.name}: {len(resume.work)} jobs, "
                                 f"{len(resume.projects)} projects")
    return Finding("resume", *verdict)
