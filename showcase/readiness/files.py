"""The checks of a project's files: figures present and whole, artefacts small enough, no secrets.

Size limits. On the Hub a file over 10 MB goes through LFS/Xet, which ``huggingface_hub``'s
``upload_folder`` handles by itself, so the Hub is not the tight limit; GitHub is, where the code
lives: it warns about a file over 50 MiB and refuses one over 100 MiB, and asks repositories to
stay under 1 GB (a Space repository has the same order of limit). A portfolio project that trains
on a laptop CPU in minutes has weights of a few MB; 50 MiB per file and 200 MiB for ``models/``
and ``reports/`` together leave room for a larger model while keeping clones, Space builds and
the site (whose figures a recruiter's phone loads) fast.
"""

from pathlib import Path

from showcase.contract.files import CARD_FILE, METRICS_FILE, MODEL_CARD_FILE, README_FILE
from showcase.contract.paths import inside_project
from showcase.exceptions import OutsideProjectError
from showcase.outbound import published_files
from showcase.readiness.report import Verdict, failed, passed
from showcase.reading.images import image_problem
from showcase.reading.project import ProjectFiles, shown_images
from showcase.secrets import find_leaks

MAX_FILE_BYTES = 50 * 2**20
"""Per file: GitHub warns above 50 MiB (and refuses 100 MiB)."""
MAX_ARTEFACT_BYTES = 200 * 2**20
"""``models/`` and ``reports/`` together: a fifth of the 1 GB a repository should stay under."""
ARTEFACT_DIRS = ("models", "reports")
SHOWN = 5


def _listed(items: list[str]) -> str:
    return ", ".join(items[:SHOWN]) + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def check_figures(project: ProjectFiles) -> Verdict:
    """The card's cover and every figure metrics.json lists exist, inside the project; they and the
    images the README and model card show are whole images the site serves (``reading.images``,
    the check the build makes too)."""
    assert project.card is not None and project.metrics is not None
    root = project.root
    named = {project.card.cover: f"{CARD_FILE}: cover"}
    for name, rel in project.metrics.figures.items():
        named.setdefault(rel, f"{METRICS_FILE}: figures.{name}")
    missing, broken, found = [], [], {}
    for rel, where in named.items():
        try:
            path = inside_project(root, rel, where)
        except OutsideProjectError as e:
            return failed(str(e).partition(" Fix: ")[0], str(e).partition(" Fix: ")[2])
        if path.is_file():
            found[rel] = (path, where)
        else:
            missing.append(f"{rel} ({where})")
    if missing:
        return failed(f"missing: {_listed(missing)}",
                      f"run `make evaluate` in {root} to write the figures again, "
                      f"or point `cover` in {CARD_FILE} at an existing image")
    documents = {name: _text(root, name) for name in (README_FILE, MODEL_CARD_FILE)}
    shown = shown_images(root, documents, exclude=set(found))  # may raise OutsideProjectError
    for rel, (path, where) in (found | shown).items():
        if isinstance(problem := image_problem(path), str):
            broken.append(f"{rel} ({where.replace(f'{root}/', '')}) {problem}")
    if broken:
        return failed(f"not whole images the site can serve: {_listed(broken)}",
                      f"run `make evaluate` in {root} to write the figures again; replace an image a "
                      "document shows with a whole PNG, JPEG, GIF, WebP or SVG")
    extra = f" and {len(shown)} images the README and model card show" if shown else ""
    return passed(f"the cover and {len(project.metrics.figures)} figures present{extra}, all whole images")


def _text(root: Path, name: str) -> str | None:
    """A project document's text (undecodable bytes replaced), or None without one."""
    path = inside_project(root, name, str(root / name))
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def size(n: int) -> str:
    """Bytes in KiB or MiB, for a person."""
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def check_sizes(project: ProjectFiles) -> Verdict:
    """Every file the project publishes (``outbound.published_files``: a data set git ignores is
    not among them) is under ``MAX_FILE_BYTES``, and the artefacts under ``MAX_ARTEFACT_BYTES``."""
    root = project.root
    sizes = {
        path.relative_to(root).as_posix(): path.stat().st_size
        for path in published_files(root)
        if path.is_file()
    }
    if not sizes:
        return passed("no files")
    big = [f"{rel} is {size(n)}" for rel, n in sorted(sizes.items()) if n > MAX_FILE_BYTES]
    artefacts = sum(n for rel, n in sizes.items() if rel.split("/")[0] in ARTEFACT_DIRS)
    fix = ("make it smaller (a smaller model, fewer or smaller figures), or keep it out of the project "
           "and publish it as a model repository on the Hub")
    if big:
        return failed(f"{_listed(big)} (limit {size(MAX_FILE_BYTES)} a file)", fix)
    if artefacts > MAX_ARTEFACT_BYTES:
        return failed(f"models/ and reports/ hold {size(artefacts)} (limit {size(MAX_ARTEFACT_BYTES)})", fix)
    largest = max(sizes, key=sizes.__getitem__)
    return passed(f"largest file {largest} ({size(sizes[largest])}); models/ and reports/ {size(artefacts)}")


def check_secrets(project: ProjectFiles) -> Verdict:
    """No file the project publishes, by any route, looks like a secret (the scan deploy runs:
    ``showcase.secrets`` over ``outbound.published_files``)."""
    leaks = find_leaks(project.root, published_files(project.root))
    if leaks:
        return failed(
            f"{len({leak.path for leak in leaks})} file(s) look like secrets: "
            + _listed([f"{leak.path} ({leak.reason})" for leak in leaks]),
            "remove each file, or move the secret to an environment variable (e.g. HF_TOKEN) read with "
            "os.environ; revoke any secret that was ever committed or uploaded")
    return passed("no file looks like a secret")
