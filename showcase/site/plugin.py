"""The MkDocs plugin: ``plugins: [showcase]`` turns ``projects/*`` into the portfolio site.

At build time it checks every project, reads the owner's resume, and adds the
pages and assets that ``plan.plan_site`` lists (home, one page per project,
skills, resume). Nothing is written into ``docs_dir``. It also turns on the
Markdown extensions those pages use and adds its theme layer (social preview
tags, an accessible search dialog, its stylesheet inlined, the demo script).

    plugins:
      - search
      - showcase:
          projects_dir: projects   # relative to mkdocs.yml
          resume: resume.yaml      # JSON Resume file, relative to docs_dir
          on_error: fail           # or "skip": warn and leave a bad project out
          home_cards: 12           # cards on the home page (latest runs); the table lists all
          local_demos: {}          # slug -> http://127.0.0.1:<port>/; `showcase serve` sets it
"""

import logging
from pathlib import Path
from typing import Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import CountHandler

from showcase.contract.files import CARD_FILE, METRICS_FILE, MODEL_CARD_FILE, README_FILE
from showcase.contract.resume import Resume, load_resume
from showcase.exceptions import ShowcaseError
from showcase.reading.project import Project, discover_projects, find_project_dirs
from showcase.secrets import FIX, find_leaks
from showcase.site import staging
from showcase.site.demos import check_local_demos
from showcase.site.pages.common import HOME, PROJECTS_INDEX, RESUME_PAGE, SKILLS_PAGE, asset_path
from showcase.site.plan import Asset, Page, SiteContent, plan_site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

THEME_DIR = Path(__file__).parent / "theme"
"""Page layouts and static assets, layered over the site's theme."""
STYLESHEET = "assets/showcase/showcase.css"
SCRIPT = "assets/showcase/showcase.js"
EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "showcase.site.safe_html")
"""Markdown extensions the generated pages need; the last one filters every page's HTML (``safe_html``)."""


class ShowcaseConfig(base.Config):
    """The plugin's options in ``mkdocs.yml``."""

    projects_dir = c.Type(str, default="projects")
    """The projects directory, relative to ``mkdocs.yml``."""
    resume = c.Type(str, default="resume.yaml")
    """The owner's JSON Resume file (YAML or JSON), relative to ``docs_dir``; optional."""
    on_error = c.Choice(("fail", "skip"), default="fail")
    """``fail``: stop the build on an invalid project; ``skip``: warn and leave it out."""
    home_cards = c.Type(int, default=12)
    """At most this many project cards on the home page, latest runs first."""
    local_demos = c.Type(dict, default={})
    """Project slug -> ``http://127.0.0.1:<port>/`` of its demo running on this machine; set by
    ``showcase serve`` (``serve.run.build_site``), checked in ``on_config``."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    """Generate the portfolio's pages from ``projects/*`` and the owner's resume."""

    in_place: bool = False
    """``mkdocs serve`` (a folder of its own) and ``--dirty`` (which keeps what is there) build in
    ``site_dir`` itself; every other build is staged (``staging``)."""
    final_dir: Path | None = None
    """The ``site_dir`` a staged build replaces on success; None when it builds in place."""
    warnings: CountHandler | None = None
    """Counts the build's warnings: under ``--strict`` a warning fails it, so nothing is swapped."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Note how MkDocs builds (it calls this; ``showcase build`` goes straight to a build)."""
        self.in_place = command == "serve" or dirty

    def _stage(self, config: MkDocsConfig) -> None:
        """Point the build at a fresh folder when ``site_dir`` holds a site a failed build could lose."""
        self.final_dir = None
        final = Path(config.site_dir)
        if self.in_place or not staging.has_content(final):
            return
        self.final_dir = final
        config.site_dir = str(staging.staging_dir(final))
        staging.discard(Path(config.site_dir))  # left by a build that was killed
        if config.strict:
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def _unstage(self) -> int:
        """Stop counting; the number of warnings counted."""
        if self.warnings is None:
            return 0
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        counted, self.warnings = sum(n for _, n in self.warnings.get_counts()), None
        return counted

    @event_priority(-100)  # last: after the search index and every other plugin has written
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Swap the staged site in, unless ``--strict`` is about to fail the build on a warning."""
        warned = self._unstage()
        if self.final_dir is not None and not warned:
            staging.swap(Path(config.site_dir), self.final_dir)
            config.site_dir = str(self.final_dir)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves the last good site as it was."""
        self._unstage()
        if self.final_dir is not None:
            staging.discard(staging.staging_dir(self.final_dir))

    def projects_dir(self, config: MkDocsConfig) -> Path:
        """``projects_dir`` resolved against the directory of ``mkdocs.yml``."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        return base_dir / self.config.projects_dir

    def _fail_or_skip(self, error: ShowcaseError, what: str) -> None:
        """Raise ``error`` as a ``PluginError``, or log it and go on, as configured."""
        if self.config.on_error == "fail":
            raise PluginError(str(error)) from error
        log.warning("skipping %s: %s", what, error)

    def _load(self, projects_dir: Path) -> list[Project]:
        """Check every project, failing or skipping on errors as configured."""
        try:
            return discover_projects(projects_dir, lambda d, e: self._fail_or_skip(e, d.name))
        except ShowcaseError as e:
            raise PluginError(str(e)) from e

    def _resume(self, config: MkDocsConfig) -> Resume | None:
        """The owner's resume, if the file is there."""
        path = Path(config.docs_dir) / self.config.resume
        if not path.is_file():
            log.info("showcase: no resume at %s; the site has no resume page", path)
            return None
        try:
            resume = load_resume(path)
        except ShowcaseError as e:
            self._fail_or_skip(e, "the resume")
            return None
        if resume.meta.placeholder:
            log.info("showcase: %s holds placeholder data (meta.placeholder: true); "
                     "replace it with yours", path)
        return resume

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check ``local_demos``; turn on the Markdown extensions the pages use; add the theme
        overrides and assets."""
        try:  # set after the config was loaded (by `showcase serve`), so checked here
            self.config.local_demos = check_local_demos(self.config.local_demos)
        except ShowcaseError as e:
            raise PluginError(str(e)) from e
        self._stage(config)
        for name in EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        # Inlined in each page's <head> by theme/main.html: one render-blocking request fewer.
        config.extra["showcase_css"] = (THEME_DIR / STYLESHEET).read_text(encoding="utf-8")
        if SCRIPT not in [str(s) for s in config.extra_javascript]:
            # defer, not async: deferred scripts run in order, so this one runs after Material's
            # bundle has made `document$`, which it needs to follow instant navigation. As async it
            # could run first, miss `document$`, and never prefetch the demo of a page reached by a link.
            script = c.ExtraScriptValue(SCRIPT)
            script.defer = True
            config.extra_javascript.append(script)
        return config

    def _add(self, files: Files, file: File) -> None:
        """Add a generated file, refusing to shadow a hand-written one."""
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"{file.src_uri} is generated by the showcase plugin but also exists in "
                "docs_dir. Fix: remove or rename the hand-written file."
            )
        files.append(file)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every generated page and asset."""
        try:
            content = SiteContent(
                projects=self._load(self.projects_dir(config)),
                resume=self._resume(config),
                site_name=config.site_name,
                site_description=config.site_description or "",
                local_demos=self.config.local_demos,
                home_cards=self.config.home_cards,
                layout_dirs=(Path(config.theme.custom_dir),) if config.theme.custom_dir else (),
            )
            planned = plan_site(content)
        except ShowcaseError as e:
            raise PluginError(str(e)) from e
        except (OSError, UnicodeDecodeError) as e:
            raise PluginError(f"showcase: cannot read a project file: {e}") from e
        self._refuse_secrets(config, files, content.projects, planned)
        if content.projects:  # the social preview image of pages that have none of their own
            first = content.projects[0]
            config.extra["showcase_image"] = asset_path(first, first.card.cover)
        if (source := files.get_file_from_path(self.config.resume)) is not None:
            files.remove(source)  # published as resume.json, validated
        for item in planned:
            if isinstance(item, Page) or item.content is not None:
                file = File.generated(config, item.path, content=item.content)
            else:
                file = File.generated(config, item.path, abs_src_path=str(item.source))
            self._add(files, file)
        log.info("showcase: %d project page(s)", len(content.projects))
        return files

    def _refuse_secrets(self, config: MkDocsConfig, files: Files, projects: list[Project],
                        planned: list[Page | Asset]) -> None:
        """No page or copied file may carry a secret (``showcase.secrets``, the scan deploy runs).

        What is searched is what the pages are made of and what is copied: each project's card,
        metrics, README and model card, every file copied from a project, and the site's own
        pages and files in ``docs_dir`` (the resume among them). Each leak names the source file
        and line. Under ``--strict`` the build stops; otherwise each is a warning.
        """
        docs_dir = Path(config.docs_dir).resolve()
        sources = [Path(f.abs_src_path) for f in files if f.abs_src_path
                   and Path(f.abs_src_path).resolve().is_relative_to(docs_dir)]
        documents = (CARD_FILE, METRICS_FILE, README_FILE, MODEL_CARD_FILE)
        for project in projects:
            sources += [project.root / name for name in documents if (project.root / name).is_file()]
        projects_dir = self.projects_dir(config).resolve()
        sources += [item.source for item in planned if isinstance(item, Asset) and item.source is not None
                    and item.source.resolve().is_relative_to(projects_dir)]
        base = Path(config.config_file_path or ".").resolve().parent
        leaks = find_leaks(base, sorted(set(sources)))
        if not leaks:
            return
        lines = [f"{leak.path}: {leak.reason}: the site would publish it" for leak in leaks]
        if config.strict:
            raise PluginError("showcase: the site would publish secrets:\n  " + "\n  ".join(lines)
                              + "\n" + FIX)
        for line in lines:
            log.warning("showcase: %s. %s", line, FIX)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Order the generated navigation Home, Projects, Skills, Resume, then other pages.

        Left alone when ``mkdocs.yml`` has its own ``nav``.
        """
        if config.nav is not None:
            return nav
        rank = {HOME: 0, PROJECTS_INDEX: 1, SKILLS_PAGE: 2, RESUME_PAGE: 3}

        def key(item) -> int:
            pages = [item] if isinstance(item, MkDocsPage) else _pages(getattr(item, "children", []))
            return min((rank.get(p.file.src_uri, len(rank)) for p in pages), default=len(rank))

        nav.items.sort(key=key)
        _trim_project_pages(nav.items)
        for src, label in ((HOME, "Home"), (RESUME_PAGE, "Resume")):  # their titles name the owner
            if (file := files.get_file_from_path(src)) is not None and file.page is not None:
                file.page.title = label
        nav.pages = pages = _pages(nav.items)
        for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
            page.previous_page, page.next_page = before, after
        return nav

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Rebuild when a project's card, metrics, figures, README or model card change."""
        projects_dir = self.projects_dir(config)
        if projects_dir.is_dir():
            server.watch(str(projects_dir), recursive=False)
            for project_dir in find_project_dirs(projects_dir):
                for name in (CARD_FILE, README_FILE, MODEL_CARD_FILE, "reports"):
                    if (project_dir / name).exists():
                        server.watch(str(project_dir / name))
        return server


NAV_PROJECTS_MAX = 20
"""Above this many projects, the navigation lists the projects table, not every project:
each page carries the whole navigation, and a phone pays for every entry."""


def _trim_project_pages(items: list) -> None:
    """Leave project pages out of the Projects section when there are too many."""
    for item in items:
        children = getattr(item, "children", None)
        if not children or isinstance(item, MkDocsPage):
            continue
        pages = [c for c in children if isinstance(c, MkDocsPage)]
        if any(p.file.src_uri == PROJECTS_INDEX for p in pages) and len(pages) > NAV_PROJECTS_MAX + 1:
            item.children = [p for p in pages if p.file.src_uri == PROJECTS_INDEX]


def _pages(items: list) -> list[MkDocsPage]:
    """The pages of a navigation tree, in order."""
    out: list[MkDocsPage] = []
    for item in items:
        if isinstance(item, MkDocsPage):
            out.append(item)
        else:
            out += _pages(getattr(item, "children", None) or [])
    return out
