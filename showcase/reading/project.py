"""The one project loader: a project's card, its metrics and its files, as the check, the site,
``showcase serve`` and ``showcase deploy`` all see it.

Two ways to load, one reading underneath:

- ``read_project`` (lenient) reads the card and the metrics, keeping the error each raised: the
  readiness checks (``showcase check``) want everything that can be read, and a project whose card
  is invalid still has a README, tests and a model card worth checking. It gives a ``ProjectFiles``.
- ``load_project`` (strict) is that reading, stopped at the first problem, then checked: the two
  files agree with each other and with the disk, every file they name really inside the project
  (``contract.paths``) and every image the site publishes a whole image (``reading.images``). It
  gives a ``Project``, what the site renders and deploy publishes (the site cannot show a project
  half).

``discover_projects`` loads every project under a directory strictly, and is the one loop that
decides what an invalid project does to the caller (stop, skip, collect).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from showcase.contract.card import Card, load_card
from showcase.contract.files import CARD_FILE, METRICS_FILE, MODEL_CARD_FILE, README_FILE
from showcase.contract.metrics import Metrics, load_metrics
from showcase.contract.paths import inside_project
from showcase.exceptions import CardError, MetricsError, ShowcaseError
from showcase.reading.images import check_image
from showcase.reading.markdown import link_targets, project_path


@dataclass(frozen=True)
class ProjectFiles:
    """A project as read leniently (``read_project``): its root, and its card and metrics or the
    error each raised."""

    root: Path
    card: Card | None
    metrics: Metrics | None
    card_error: ShowcaseError | None = None
    metrics_error: ShowcaseError | None = None


def read_project(project_dir: Path | str) -> ProjectFiles:
    """Read the card and the metrics of the project at ``project_dir``, keeping each error."""
    root = Path(project_dir)
    card = metrics = card_error = metrics_error = None
    try:
        card = load_card(root)
    except ShowcaseError as e:
        card_error = e
    try:
        metrics = load_metrics(root)
    except ShowcaseError as e:
        metrics_error = e
    return ProjectFiles(root, card, metrics, card_error, metrics_error)


@dataclass(frozen=True)
class Project:
    """A checked project: everything the site needs to render its pages."""

    root: Path
    card: Card
    metrics: Metrics
    readme: str | None = None
    """The text of ``README.md``, read once when the project is loaded; None without one."""
    model_card: str | None = None
    """The text of ``MODEL_CARD.md``, likewise."""

    @property
    def slug(self) -> str:
        """The directory name, used in the site's URLs."""
        return self.root.name

    @property
    def headline_value(self) -> float:
        """The value of the card's headline metric."""
        return self.metrics.metrics[self.card.headline_metric]

    def assets(self) -> dict[str, Path]:
        """The files the site copies: path relative to the root -> absolute path.

        The cover and every figure; their relative layout is kept so that links
        written relative to the project root keep working on the site. The absolute
        paths are the files' real locations, each checked to be inside the project.

        Raises:
            OutsideProjectError: one of them leads outside the project.
        """
        card, metrics = self.root / CARD_FILE, self.root / METRICS_FILE
        named = {self.card.cover: f"{card}: field `cover`"}
        for name, rel in self.metrics.figures.items():
            named.setdefault(rel, f"{metrics}: field `figures.{name}`")
        return {rel: inside_project(self.root, rel, where) for rel, where in named.items()}

    def shown_images(self) -> dict[str, Path]:
        """The images its README and model card show that exist inside the project, other than
        the cover and the figures: path relative to the root -> absolute path.

        Raises:
            OutsideProjectError: one of them is a link that leads outside the project.
        """
        documents = {README_FILE: self.readme, MODEL_CARD_FILE: self.model_card}
        named = shown_images(self.root, documents, exclude=set(self.assets()))
        return {rel: path for rel, (path, _where) in named.items()}


def shown_images(
    root: Path, documents: Mapping[str, str | None], exclude: set[str] | frozenset[str] = frozenset()
) -> dict[str, tuple[Path, str]]:
    """The images that ``documents`` (file name -> its text, None if absent) show and that exist
    inside the project at ``root``, leaving out ``exclude``: path relative to the root -> (absolute
    path, where it is shown, e.g. ``".../README.md: an image it shows"``). Any file an image points
    at counts, whatever its extension (``check_image`` refuses one the site does not serve); images
    that are not there are the link checks' business, not this one's.

    Raises:
        OutsideProjectError: one of them is a link that leads outside the project.
    """
    found: dict[str, tuple[Path, str]] = {}
    for name, text in documents.items():
        if text is None:
            continue
        for target in link_targets(text, images_only=True):
            place = project_path(target)
            if place is None or place[0] in exclude:
                continue
            where = f"{root / name}: an image it shows"
            path = inside_project(root, place[0], where)
            if path.is_file():
                found.setdefault(place[0], (path, where))
    return found


def _check_headline(card: Card, metrics: Metrics, root: Path) -> None:
    """The headline metric must be one the evaluation wrote."""
    if card.headline_metric not in metrics.metrics:
        raise MetricsError(
            f"{root / CARD_FILE}: field `headline_metric`: {card.headline_metric!r} is not in "
            f"{root / METRICS_FILE} (available metrics: {', '.join(metrics.metrics)}). "
            "Fix: set `headline_metric` to one of them, or re-run the evaluation."
        )


def _check_files(card: Card, metrics: Metrics, root: Path) -> None:
    """The cover, the figures and the demo app must exist, inside the project; the cover and the
    figures must be whole images of a format the site serves."""
    named_in = f"{root / CARD_FILE}: field `cover`"
    cover = inside_project(root, card.cover, named_in)
    if not cover.is_file():
        raise CardError(
            f"{named_in}: {root / card.cover} does not exist. "
            f"Fix: run `make evaluate` in {root}, or point `cover` at an existing image."
        )
    check_image(cover, named_in, f"run `make evaluate` in {root} to write it again, or point `cover` "
                                 "at a whole PNG, JPEG, GIF, WebP or SVG image")
    named_in = f"{root / CARD_FILE}: field `demo.app`"
    if card.demo is not None and not inside_project(root, card.demo.app, named_in).is_file():
        raise CardError(
            f"{named_in}: {root / card.demo.app} does not exist. "
            "Fix: point `demo.app` at the demo file, or set `demo: null`."
        )
    for name, rel in metrics.figures.items():
        named_in = f"{root / METRICS_FILE}: field `figures.{name}`"
        figure = inside_project(root, rel, named_in)
        if not figure.is_file():
            raise MetricsError(
                f"{named_in}: {root / rel} does not exist. "
                f"Fix: run `make evaluate` in {root} to write the figures again."
            )
        check_image(figure, named_in, f"run `make evaluate` in {root} to write the figures again; if it "
                                      "comes back, the evaluation code that saves it has a bug")


def _check_shown_images(project: "Project") -> None:
    """Every image the README and model card show, that the site would copy, is a whole image."""
    documents = {README_FILE: project.readme, MODEL_CARD_FILE: project.model_card}
    for rel, (path, where) in shown_images(project.root, documents, exclude=set(project.assets())).items():
        check_image(path, where, f"replace {rel} with a whole PNG, JPEG, GIF, WebP or SVG image, "
                                 "or take it out of the document")


def load_project(project_dir: Path | str) -> Project:
    """Load a project strictly: its card and metrics (``read_project``), the first error raised,
    checked against each other and the disk, and its README and model card read.

    Raises:
        CardError: bad ``portfolio.yaml``, or a file it names is missing.
        MetricsError: bad or missing ``reports/metrics.json`` (a value out of its range included),
            a missing figure, or a headline metric the metrics do not have.
        ImageError: the cover, a figure or an image the README or model card shows is not a
            whole image of a format the site serves.
        OutsideProjectError: a file the site would publish lies outside the project.
    """
    files = read_project(project_dir)
    root, card, metrics = files.root, files.card, files.metrics
    if card is None or metrics is None:
        raise files.card_error or files.metrics_error  # type: ignore[misc]  # one is set
    _check_headline(card, metrics, root)
    _check_files(card, metrics, root)
    project = Project(root, card, metrics, _read_text(root, README_FILE), _read_text(root, MODEL_CARD_FILE))
    _check_shown_images(project)
    return project


def _read_text(root: Path, name: str) -> str | None:
    """A project document's text, or None when the project has none.

    Raises:
        CardError: the file is there but is not UTF-8 text.
        OutsideProjectError: it is a link to a file outside the project.
    """
    path = inside_project(root, name, str(root / name))
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise CardError(f"{path}: not UTF-8 text. Fix: save it as UTF-8.") from e


PROJECT_MARKERS = (CARD_FILE, "pyproject.toml", README_FILE, "reports")
"""A directory holding any of these is a project (and must have a valid card)."""


def find_project_dirs(projects_dir: Path | str) -> list[Path]:
    """Every direct subdirectory of ``projects_dir`` that is a project, sorted by slug.

    A project is a directory holding a card or anything else a project has
    (``PROJECT_MARKERS``), so that a project whose ``portfolio.yaml`` is missing
    is reported, not silently left out. Names starting with ``.`` or ``_`` are skipped.

    Raises:
        ShowcaseError: ``projects_dir`` is not a directory.
    """
    projects_dir = Path(projects_dir)
    if not projects_dir.is_dir():
        raise ShowcaseError(
            f"{projects_dir}: projects directory not found. "
            "Fix: create it with `showcase new KIND`, or point the option at it."
        )
    return sorted(
        (
            p
            for p in projects_dir.iterdir()
            if p.is_dir()
            and not p.name.startswith((".", "_"))
            and any((p / marker).exists() for marker in PROJECT_MARKERS)
        ),
        key=lambda p: p.name,
    )


OnError = Callable[[Path, ShowcaseError], None]
"""What to do with an invalid project: ``on_error(project_dir, error)``; raise to stop."""


def _raise(project_dir: Path, error: ShowcaseError) -> None:
    """The default ``on_error``: the first invalid project stops the loop."""
    raise error


def discover_projects(projects_dir: Path | str, on_error: OnError = _raise) -> list[Project]:
    """Check every project under ``projects_dir``, sorted by slug.

    An invalid project is handed to ``on_error`` and left out; by default its error
    is raised (the first one stops the loop). The plugin's ``on_error: skip``, ``showcase
    check`` (which reports them all) and ``showcase serve`` (which leaves them to the
    build) pass their own.

    Raises:
        ShowcaseError: ``projects_dir`` is not a directory, or what ``on_error`` raises.
    """
    projects = []
    for project_dir in find_project_dirs(projects_dir):
        try:
            projects.append(load_project(project_dir))
        except ShowcaseError as e:
            on_error(project_dir, e)
    return projects
