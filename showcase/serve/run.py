"""``showcase serve``: the built site and every project's demo, on this machine.

Each project with a demo gets its app started with this Python (the
repository's ``.venv``) on a free port: ``app.py`` (Gradio) with the port in
``GRADIO_SERVER_PORT``, ``streamlit_app.py`` under ``streamlit run``; once the
demos answer, the site is built into a scratch folder with their addresses
(the plugin's ``local_demos`` option), so each project page embeds its local demo, and
served. ``public/`` stays the deployable build. Ctrl-C stops the server and
the demos.

    serve_site(ServeOptions(config_file="mkdocs.yml", port=8000))
"""

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from showcase.contract.files import is_streamlit_app
from showcase.exceptions import ShowcaseError
from showcase.reading.project import Project, discover_projects
from showcase.serve.static import SiteServer, site_server

if TYPE_CHECKING:  # mkdocs is imported when a site is built, not when the CLI starts
    from mkdocs.config.defaults import MkDocsConfig

    from showcase.site.plugin import ShowcasePlugin

log = logging.getLogger(__name__)

QUIET_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}
"""Demos run offline and send nothing home."""


@dataclass(frozen=True)
class ServeOptions:
    """What ``serve_site`` does."""

    config_file: str = "mkdocs.yml"
    host: str = "127.0.0.1"
    port: int = 8000
    """The site's port; 0 takes a free one."""
    demos: bool = True
    """Start the projects' demos and embed them."""
    demo_timeout_s: float = 180.0
    """How long to wait for a demo to answer before serving the site without it."""
    python: str = sys.executable
    """The interpreter that runs the demos (the one running showcase: the repo's .venv)."""


@dataclass
class RunningDemo:
    """A project's demo running in a child process."""

    slug: str
    url: str
    process: subprocess.Popen
    log_path: Path


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def demo_projects(projects_dir: Path) -> list[Project]:
    """The valid projects that have a demo app (invalid ones are the build's to report)."""
    projects = discover_projects(projects_dir, on_error=lambda project_dir, error: None)
    return [project for project in projects if project.card.demo is not None]


def demo_command(app: str, python: str, host: str, port: int) -> tuple[list[str], dict[str, str]]:
    """The command that serves the demo file ``app`` on ``host:port``, and what it adds to the
    environment: a Streamlit app runs under ``streamlit run``, a Gradio app reads the address
    from the environment."""
    if is_streamlit_app(app):
        return [python, "-m", "streamlit", "run", app, "--server.port", str(port),
                "--server.headless", "true", "--server.address", host], {}
    return [python, app], {"GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": host}


def start_demo(project: Project, python: str, log_dir: Path, host: str = "127.0.0.1") -> RunningDemo:
    """Start ``project``'s demo app on a free port; its output goes to a log file."""
    assert project.card.demo is not None
    port = free_port(host)
    command, env = demo_command(project.card.demo.app, python, host, port)
    log_path = log_dir / f"{project.slug}.log"
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=project.root,
            env=os.environ | QUIET_ENV | env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, and we stop the demos in order
        )
    return RunningDemo(project.slug, f"http://{host}:{port}/", process, log_path)


def answers(url: str) -> bool:
    """Whether ``url`` answers an HTTP GET with a success status."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 400
    except (urllib.error.URLError, OSError):
        return False


def wait_for(demos: list[RunningDemo], timeout_s: float) -> list[RunningDemo]:
    """Wait until each demo answers, exits or runs out of time; return those that answer."""
    pending, ready = list(demos), []
    deadline = time.monotonic() + timeout_s
    while pending and time.monotonic() < deadline:
        for demo in list(pending):
            if demo.process.poll() is not None:
                log.warning("demo %s exited (status %s); see %s", demo.slug,
                            demo.process.returncode, demo.log_path)
                pending.remove(demo)
            elif answers(demo.url):
                log.info("demo %s is up on %s", demo.slug, demo.url)
                pending.remove(demo)
                ready.append(demo)
        time.sleep(0.3)
    for demo in pending:
        log.warning("demo %s did not answer in %.0f s; see %s", demo.slug, timeout_s, demo.log_path)
    return ready


def stop(demos: list[RunningDemo]) -> None:
    """Stop every demo: SIGTERM, then SIGKILL after five seconds."""
    for demo in demos:
        if demo.process.poll() is None:
            os.killpg(demo.process.pid, signal.SIGTERM)
    for demo in demos:
        try:
            demo.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(demo.process.pid, signal.SIGKILL)
            demo.process.wait()


@contextlib.contextmanager
def running_demos(projects: list[Project], options: ServeOptions, log_dir: Path) -> Iterator[dict]:
    """Start the demos, yield ``{slug: url}`` of those that answer, stop them all on exit."""
    demos: list[RunningDemo] = []
    try:
        demos = [start_demo(p, options.python, log_dir, options.host) for p in projects]
        yield {d.slug: d.url for d in wait_for(demos, options.demo_timeout_s)}
    finally:
        stop(demos)


def build_site(config_file: str, site_dir: Path, local_demos: dict[str, str], site_url: str) -> None:
    """Build the site into ``site_dir`` with the local demo addresses.

    ``site_url`` is where it is served: Material's instant navigation only follows
    links listed in the sitemap, which holds absolute URLs.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=config_file, site_dir=str(site_dir), site_url=site_url)
        showcase_plugin(config, Path(config_file)).config.local_demos = local_demos
        build(config)
    except MkDocsException as e:
        raise ShowcaseError(f"{config_file}: build failed: {e.format_message()}") from e


def wait_forever(url: str) -> None:
    """Block until Ctrl-C."""
    print(f"serving the portfolio on {url} (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(3600)


def serve_site(options: ServeOptions, until: Callable[[str], None] = wait_forever) -> None:
    """Start the demos, build the site against them, serve it until ``until(url)`` returns.

    Raises:
        ShowcaseError: the configuration or a project is invalid (the build fails).
    """
    config_path = Path(options.config_file).resolve()
    projects_dir = _projects_dir(config_path)
    _stop_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="showcase-serve-") as scratch:
        scratch_dir = Path(scratch)
        projects = demo_projects(projects_dir) if options.demos else []
        site_dir = scratch_dir / "site"
        site_dir.mkdir()
        with running_demos(projects, options, scratch_dir) as local, _listening(site_dir, options) as server:
            build_site(str(config_path), site_dir, local, site_url=server.url)
            server.precompress_in_background()  # the first visitors find the wasm compressed
            until(server.url)


@contextlib.contextmanager
def _listening(site_dir: Path, options: ServeOptions) -> Iterator[SiteServer]:
    """``site_server``, with a busy port reported as a ``ShowcaseError``."""
    try:
        serving = site_server(site_dir, options.host, options.port)
        server = serving.__enter__()
    except OSError as e:
        raise ShowcaseError(
            f"{options.host}:{options.port}: cannot listen ({e.strerror}). "
            "Fix: stop what uses it, or pick another port with --dev-addr."
        ) from e
    try:
        yield server
    finally:
        serving.__exit__(None, None, None)


def _stop_on_sigterm() -> None:
    """Make SIGTERM (``kill``, ``timeout``) unwind like Ctrl-C, so the demos are stopped too."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread

    def stop_serving(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_serving)


def _projects_dir(config_path: Path) -> Path:
    """The projects directory the site's showcase plugin reads."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_path))
    except MkDocsException as e:
        raise ShowcaseError(f"{config_path}: invalid configuration: {e.format_message()}") from e
    return showcase_plugin(config, config_path).projects_dir(config)


def showcase_plugin(config: "MkDocsConfig", config_path: Path) -> "ShowcasePlugin":
    """The site's showcase plugin, as loaded from ``config_path``.

    Raises:
        ShowcaseError: the site does not use it.
    """
    plugin = config.plugins.get("showcase")
    if plugin is None:
        raise ShowcaseError(
            f"{config_path}: the showcase plugin is not enabled. Fix: add `- showcase` under `plugins`."
        )
    return plugin
