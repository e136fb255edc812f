"""Each upload built in a scratch folder from an allow-list, never a project folder as it is.

A bundle is one repo on the Hub and the folder holding exactly the files it gets:

- the site: ``mkdocs build --strict`` with ``site_url`` set to the Space's address, and
  page links that name ``index.html`` (``use_directory_urls: false``), so the site works
  whether or not the static host resolves ``dir/`` to ``dir/index.html``;
- a demo: the app, its package copied beside it, the weights, the examples,
  ``requirements.txt`` pinned to the versions installed here (the ones the project's
  tests ran with), and a README whose front matter comes from the project card;
- a model: the weights and the model card (its model-index front matter becomes the
  Hub's metrics widget).
"""

import importlib.metadata
import os
import re
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Literal

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from showcase.contract.files import MODEL_CARD_FILE, is_streamlit_app, space_host
from showcase.exceptions import DeployError
from showcase.outbound import release
from showcase.publish import spaces
from showcase.publish.config import ProjectTarget
from showcase.reading.project import Project
from showcase.reading.pyproject import pyproject_licence
from showcase.secrets import walk

STREAMLIT_FILES = ("Dockerfile", ".streamlit/config.toml")
"""What a Streamlit demo adds to its bundle: the Docker Space's image and Streamlit's settings."""
DEMO_FOLDERS = ("models", "examples")
"""Folders a demo bundle takes whole (when the project has them): the weights, the example inputs
(both among ``contract.files.PUBLISHED_DIRS``, so ``showcase check`` scans them whole too)."""
CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
"""Where pip finds a ``+cpu`` torch build (PyPI's torch wheels carry CUDA)."""


@dataclass(frozen=True)
class Bundle:
    """One upload: a repo on the Hub and the scratch folder with exactly its files."""

    label: str
    repo_id: str
    repo_type: Literal["space", "model"]
    folder: Path
    plan: spaces.SpacePlan | None = None
    """How a Space is created and what it costs; None for a model repo."""

    @property
    def url(self) -> str:
        """Where a visitor opens it: the Space's own address, or the model's page."""
        if self.repo_type == "space":
            return space_host(self.repo_id) + "/"
        return f"https://huggingface.co/{self.repo_id}"

    def files(self) -> dict[str, Path]:
        """Every file, path relative to the folder (POSIX) -> the file, sorted."""
        found = (p for p in self.folder.rglob("*") if p.is_file())
        return dict(sorted((p.relative_to(self.folder).as_posix(), p) for p in found))


def _tree(source: Path, target: str, pattern: str = "*") -> dict[str, Path]:
    """Every file under ``source`` matching ``pattern`` (links included: ``release`` decides where
    they may lead), keyed by its path under ``target``; Python's caches left out."""
    return {
        PurePosixPath(target, path.relative_to(source).as_posix()).as_posix(): path
        for path in walk(source)
        if fnmatch(path.name, pattern) and "__pycache__" not in path.relative_to(source).parts
    }


def _copy_all(project_root: Path, files: dict[str, Path], folder: Path, what: str) -> None:
    """Copy ``files`` into ``folder``, or nothing at all: every file must really be inside the
    project and none may look like a secret (``outbound.release``, which names the file)."""
    for rel, source in release(project_root, files, what).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)  # contents only: no permissions, no timestamps


def package_dir(project: Project) -> Path:
    """The project's Python package: the one folder under ``src/`` with an ``__init__.py``."""
    found = sorted(p.parent for p in (project.root / "src").glob("*/__init__.py"))
    if len(found) != 1:
        raise DeployError(
            f"{project.root / 'src'}: expected one package (a folder with __init__.py), found "
            f"{len(found)}. Fix: keep the project's code in src/<package>/, as the templates do."
        )
    return found[0]


def _project_table(project_root: Path) -> dict:
    path = project_root / "pyproject.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))["project"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as e:
        raise DeployError(f"{path}: cannot read its [project] table ({e}). Fix: restore the "
                          "pyproject.toml the template wrote.") from e


def pinned_requirements(project_root: Path, leave_out: tuple[str, ...] = (), cuda: bool = False) -> str:
    """``requirements.txt``: each of the project's dependencies at the version installed here.

    This environment is the one ``showcase check`` ran the project's tests in, so the Space
    gets what was tested. A ``+cpu`` torch keeps its build through PyTorch's CPU index, unless
    ``cuda`` (ZeroGPU) asks for the same release with CUDA.
    """
    pyproject = project_root / "pyproject.toml"
    lines, needs_cpu_index = [], False
    skip = {canonicalize_name(name) for name in leave_out}
    for text in _project_table(project_root).get("dependencies", []):
        try:
            requirement = Requirement(text)
        except InvalidRequirement as e:
            raise DeployError(f"{pyproject}: dependency {text!r} is not valid: {e}.") from e
        if canonicalize_name(requirement.name) in skip:
            continue
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            version = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError as e:
            raise DeployError(
                f"{pyproject}: dependency {requirement.name!r} is not installed here, so its tested "
                "version is unknown. Fix: run `make install` at the repository root, then deploy."
            ) from e
        if "+" in version and cuda:
            version = version.split("+", 1)[0]
        needs_cpu_index |= version.endswith("+cpu")
        extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
        lines.append(f"{requirement.name}{extras}=={version}")
    header = [f"--extra-index-url {CPU_TORCH_INDEX}"] if needs_cpu_index else []
    return "\n".join(header + lines) + "\n"


def demo_plan(project: Project, target: ProjectTarget) -> spaces.SpacePlan:
    """The Space a demo needs: Streamlit runs as a Docker Space; ZeroGPU is Gradio only."""
    assert project.card.demo is not None
    streamlit = is_streamlit_app(project.card.demo.app)
    if target.demo == "zerogpu":
        if streamlit:
            raise DeployError(
                f"deploy.yaml: projects.{project.slug}.demo: ZeroGPU runs only Gradio Spaces and this "
                "demo is Streamlit (a Docker Space). Fix: choose `cpu` (a paid plan) or `none`."
            )
        return spaces.GRADIO_ZEROGPU
    return spaces.DOCKER_CPU if streamlit else spaces.GRADIO_CPU


def _docker_port(dockerfile: Path) -> int:
    """The port the image serves on: its EXPOSE line, through an ``ENV`` variable if it names
    one (the template writes the port once, ``ENV APP_PORT=8501``); app_port must match it."""
    env: dict[str, str] = {}
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words[:1] == ["ENV"]:
            env |= dict(word.split("=", 1) for word in words[1:] if "=" in word)
        elif words[:1] == ["EXPOSE"] and len(words) > 1:
            name = re.fullmatch(r"\$\{?(\w+)\}?(/\w+)?", words[1])
            port = env.get(name.group(1), "") if name else words[1]
            if port.split("/")[0].isdigit():
                return int(port.split("/")[0])
    raise DeployError(f"{dockerfile}: no `EXPOSE <port>` line the port can be read from. "
                      "Fix: restore the template's Dockerfile.")


def _demo_front_matter(project: Project, plan: spaces.SpacePlan, folder: Path,
                       model_repo: str | None) -> dict:
    card = project.card
    source = card.dataset.source
    fields = {
        "title": card.title[:80], "emoji": spaces.EMOJI.get(card.kind, "🧠"),
        "colorFrom": "indigo", "colorTo": "purple", "sdk": plan.sdk,
        "short_description": spaces.short_description(card.summary),
        "license": spaces.hub_licence(pyproject_licence(project.root)),
        "tags": sorted({spaces.slug_tag(card.kind), *card.skills, "portfolio"}),
        "models": [model_repo] if model_repo else None,
        "datasets": [source.removeprefix("hf:")] if source.startswith("hf:") else None,
    }
    if plan.sdk == "gradio":
        fields |= {"sdk_version": importlib.metadata.version("gradio"),
                   "python_version": spaces.PYTHON_VERSION, "app_file": Path(card.demo.app).name}
    else:
        fields["app_port"] = _docker_port(folder / "Dockerfile")
    return fields


def build_demo_bundle(project: Project, target: ProjectTarget, scratch: Path) -> Bundle:
    """The demo's Space: app, package, weights, examples, pinned requirements, README."""
    demo = project.card.demo
    if demo is None or not demo.space:
        raise DeployError(
            f"{project.root / 'portfolio.yaml'}: field `demo.space` is empty, but deploy.yaml asks for "
            f"a {target.demo} demo. Fix: set demo.space to the Space id, e.g. your-hf-user/{project.slug}."
        )
    plan = demo_plan(project, target)
    folder = scratch / f"{project.slug}-demo"
    app, package = project.root / demo.app, package_dir(project)
    files = {app.name: app, **_tree(package, package.name, "*.py")}
    for name in DEMO_FOLDERS:
        if (project.root / name).is_dir():
            files |= _tree(project.root / name, name)
    if plan.sdk == "docker":
        for name in STREAMLIT_FILES:
            if not (project.root / name).is_file():
                raise DeployError(f"{project.root / name}: file not found; a Streamlit demo needs it "
                                  "for its Docker Space. Fix: regenerate the project with demo_ui=streamlit.")
            files[name] = project.root / name
    _copy_all(project.root, files, folder, "the demo bundle")
    # A gradio Space installs its sdk_version itself; the experiment tracker serves training only.
    leave_out = ("gradio", "trackio") if plan.sdk == "gradio" else ("trackio",)
    requirements = pinned_requirements(project.root, leave_out, cuda=plan is spaces.GRADIO_ZEROGPU)
    (folder / "requirements.txt").write_text(requirements, encoding="utf-8")
    fields = _demo_front_matter(project, plan, folder, target.model_repo)
    body = (f"# {project.card.title}\n\n{project.card.summary}\n\n"
            f"The demo of a portfolio project by {project.card.author}"
            + (f"; the code: {project.card.repository}" if project.card.repository else "") + ".")
    (folder / "README.md").write_text(spaces.space_readme(fields, body), encoding="utf-8")
    return Bundle(f"{project.slug} demo", demo.space, "space", folder, plan)


def build_model_bundle(project: Project, repo_id: str, scratch: Path) -> Bundle:
    """The model repo: the weights at its root and the model card as its README."""
    card = project.root / MODEL_CARD_FILE
    models = project.root / "models"
    if not card.is_file() or not models.is_dir():
        missing = card if not card.is_file() else models
        raise DeployError(f"{missing}: not found; a model repo needs the weights and the model card. "
                          f"Fix: run `make train evaluate` in {project.root}.")
    folder = scratch / f"{project.slug}-model"
    _copy_all(project.root, {**_tree(models, "."), "README.md": card}, folder, "the model repo")
    return Bundle(f"{project.slug} model", repo_id, "model", folder)


def _build_date(repo_dir: Path) -> str | None:
    """The last commit's time, for SOURCE_DATE_EPOCH: the same tree builds the same bytes."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo_dir, capture_output=True,
                            text=True, check=False)
    return result.stdout.strip() or None


def build_site_bundle(config_file: Path, space_id: str, scratch: Path) -> Bundle:
    """The static Space: the site built for its address, and a README that serves index.html."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    folder = scratch / "site"
    site_url = space_host(space_id) + "/"
    epoch = _build_date(config_file.resolve().parent)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch  # sitemap dates and gzip headers
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(folder),
                             site_url=site_url, use_directory_urls=False)
        build(config)
    except MkDocsException as e:
        raise DeployError(f"{config_file}: build failed: {e.format_message()}") from e
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    if (folder / "README.md").exists():
        raise DeployError(f"{config_file}: the built site has a README.md, which would become the "
                          "Space's README. Fix: rename the page (docs_dir/README.md).")
    fields = {"title": config["site_name"][:80], "emoji": "🧠", "colorFrom": "indigo",
              "colorTo": "purple", "sdk": "static", "app_file": "index.html",
              "short_description": spaces.short_description(config["site_description"] or "") or None,
              "tags": ["portfolio", "deep-learning"]}
    body = f"# {config['site_name']}\n\n{config['site_description'] or ''}\n\nBuilt by `showcase deploy`."
    (folder / "README.md").write_text(spaces.space_readme(fields, body), encoding="utf-8")
    return Bundle("site", space_id, "space", folder, spaces.STATIC)
