"""A project's story: its ``README.md`` read as sections (the project page and ``showcase check``
both read it so; the page fits each section in with ``site.fit``).

The README is written for GitHub: an ``h1`` title, a lead paragraph (the card's
summary), then ``##`` sections (Problem, Data, Approach, Results, Demo,
Reproduce, Limitations...). On the site the card already gives the title and
the summary, and the page renders ``metrics.json`` itself, so:

- the title and the lead (everything before the first ``##``) go;
- the section holding the generated results block (``<!-- results:start -->``)
  goes: it is a copy of ``metrics.json``, which the page shows directly;
- sections about the data, the demo, reproducing the run or the results are
  handed to the page's own section of that name (``Story.take``), so their
  prose sits beside the table or the embed generated from the files;
- the rest keep the README's order.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from showcase.contract.files import RESULTS_START
from showcase.reading.markdown import headings, split_lines, strip_comments, strip_front_matter

ALIASES: dict[str, frozenset[str]] = {
    "results": frozenset({"results", "result", "evaluation results"}),
    # An agent's data is its environment (reinforcement learning).
    "data": frozenset({"data", "dataset", "data set", "the data", "the dataset", "environment",
                       "the environment"}),
    "demo": frozenset({"demo", "the demo", "try it", "live demo"}),
    "reproduce": frozenset(
        {"reproduce", "how to reproduce", "reproducibility", "reproducing", "reproduce it"}
    ),
}
"""Page section id -> README headings (normalised) whose prose it takes in."""


@dataclass(frozen=True)
class Section:
    """One ``##`` section of the README."""

    title: str
    body: str
    """The Markdown under the heading, its sub-headings included, without comments."""
    results: bool = False
    """It holds the generated results block (``<!-- results:start -->``)."""


@dataclass
class Story:
    """The README's sections, minus what the page generates itself."""

    sections: list[Section] = field(default_factory=list)

    def take(self, section_id: str) -> Section | None:
        """Remove and return the section that the page's ``section_id`` section absorbs."""
        names = ALIASES.get(section_id, frozenset({section_id}))
        for i, section in enumerate(self.sections):
            if normalise_title(section.title) in names:
                return self.sections.pop(i)
        return None


def normalise_title(title: str) -> str:
    """``"How to reproduce:"`` -> ``"how to reproduce"``."""
    return re.sub(r"[^a-z0-9 ]+", "", title.lower()).strip()


def readme_sections(text: str) -> tuple[str, tuple[Section, ...]]:
    """The text before the first ``##`` heading and every ``##`` section, without comments, front
    matter read as text (markdown-it finds the headings). The one reading of a README's sections:
    the project page and ``showcase check`` both start here."""
    lines, clean = split_lines(text), split_lines(strip_comments(text))  # line for line
    found = [h for h in headings(text) if h.level == 2]
    bounds = [h.start for h in found] + [len(lines)]  # each section runs to the next one
    sections = tuple(
        Section(h.title, body="\n".join(clean[h.end : end]).strip(),
                results=RESULTS_START in "\n".join(lines[h.end : end]))
        for h, end in zip(found, bounds[1:], strict=True)
    )
    return "\n".join(clean[: bounds[0]]), sections


@lru_cache(maxsize=256)
def _story_sections(text: str) -> tuple[str, tuple[Section, ...], bool]:
    """The preamble, the sections other than the results block's, and whether it has any ``##``
    section (cached: the site reads each README for its page and for the skills page)."""
    preamble, sections = readme_sections(text)
    return preamble, tuple(s for s in sections if not s.results), bool(sections)


def _drop_titles(preamble: str) -> str:
    """The preamble without its ``h1`` headings."""
    lines: list[str | None] = list(split_lines(preamble))
    for h in headings(preamble):
        if h.level == 1:
            lines[h.start : h.end] = [None] * (h.end - h.start)
    return "\n".join(line for line in lines if line is not None).strip()


def parse_readme(text: str) -> Story:
    """Read a README as the sections of its story (see the module docstring)."""
    preamble, sections, has_sections = _story_sections(strip_front_matter(text))
    kept = [s for s in sections if s.body]
    if not has_sections and (body := _drop_titles(preamble)):
        kept.append(Section("About", body))  # a README with no sections: its text is the story
    return Story(kept)
