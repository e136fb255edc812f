"""Every project names the portfolio's owner: the one in the resume, set once there.

A card whose ``author`` or GitHub ``repository`` user is not the resume's shows a recruiter a
project by someone else, or a link to someone else's repository. ``showcase owner --apply``
rewrites them (and the README's byline, ``pyproject.toml``'s authors, the saved answers).

While the resume is still sample data, projects that hold the same sample owner pass here: the
``resume`` check (and each project's ``card`` and ``readme`` checks) already say that the
placeholders are left, and adding the same failure again tells the owner nothing new. A project
that names someone else than a sample resume does fail, with the fix in the right order: the
resume first (applying the sample owner to a real name would undo the owner's work).
"""

from pathlib import Path

from showcase.contract.card import load_card
from showcase.exceptions import OwnerError, ShowcaseError
from showcase.owner import card_changes, read_owner
from showcase.readiness.report import Finding, error_verdict, failed, passed

SHOWN = 3
"""Projects named in the detail; the rest are counted."""


def check_owner(resume: Path, project_dirs: list[Path]) -> Finding:
    """Each project's card author, and its repository's GitHub user, are the resume's owner's."""
    try:
        owner = read_owner(resume)
    except OwnerError as e:  # a valid resume, whose profile names no user: said here, not by `resume`
        return Finding("owner", *error_verdict(e, resume.parent))
    except ShowcaseError:
        return Finding("owner", *failed("not checked: the resume is missing or invalid (see `resume`)",
                                        "fix the resume first"))
    differ = []
    for project_dir in project_dirs:
        try:
            card = load_card(project_dir)
        except ShowcaseError:
            continue  # the project's own `card` check says what is wrong with it
        repository = str(card.repository) if card.repository else None
        if changes := card_changes(card.author, repository, owner):
            differ.append(f"{project_dir.name} ({', '.join(f'{c.what} {c.old}' for c in changes)})")
    if differ:
        more = f"; and {len(differ) - SHOWN} more" if len(differ) > SHOWN else ""
        shown = "; ".join(differ[:SHOWN]) + more
        fix = ("run `showcase owner --apply` (it rewrites the cards, READMEs and pyproject.toml "
               "authors; no retraining)")
        if owner.placeholder:
            fix = (f"put your name and GitHub profile in `basics` of {resume} and set `meta.placeholder: "
                   "false`, then run `showcase owner --apply`")
        return Finding("owner", *failed(f"not the owner in {resume}, {owner}: {shown}", fix))
    sample = " (sample data: see `resume`)" if owner.placeholder else ""
    return Finding("owner", *passed(f"{len(project_dirs)} project(s) by {owner}{sample}"))
