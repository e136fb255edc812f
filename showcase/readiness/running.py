"""The slow checks: the demo starts and answers one example, and the project's own tests pass.

Both run the project as its owner would, in a child process of this Python (the repository's
``.venv``, where every project is installed), offline (``serve.run.QUIET_ENV``). A Gradio demo is
started with ``showcase serve``'s own ``start_demo`` and sent its ``EXAMPLE_REQUEST`` by
``probe.py``; a Streamlit app (``demo.app: streamlit_app.py``) is run once by AppTest.
"""

import ast
import contextlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from showcase.contract.files import is_streamlit_app
from showcase.contract.paths import inside_project
from showcase.readiness import probe
from showcase.readiness.report import Verdict, failed, passed
from showcase.reading.project import Project, ProjectFiles
from showcase.serve.run import QUIET_ENV, RunningDemo, start_demo, stop, wait_for
from showcase.serve.run import log as serve_log

"""The card's ``demo.app`` for a Streamlit demo (anything else is a Gradio app)."""
DEMO_START_S = 180.0
"""A demo's first start imports gradio and loads the model: tens of seconds on a busy laptop."""
PROBE_S = 180.0
"""The probe imports the app again (its model too), then waits for one answer."""
TESTS_S = 900.0
"""A project's suite trains a tiny model and starts its demo: minutes at most."""


def defines_example_request(app: Path) -> bool:
    """Whether ``app`` assigns ``EXAMPLE_REQUEST`` at module level (read, not run)."""
    try:
        tree = ast.parse(app.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return False
    targets = [t for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
    targets += [node.target for node in tree.body if isinstance(node, ast.AnnAssign)]
    return any(isinstance(t, ast.Name) and t.id == "EXAMPLE_REQUEST" for t in targets)


MISSING_MODULE = re.compile(r"No module named '([A-Za-z_][\w.]*)'")


def missing_module_fix(root: Path, output: str) -> str | None:
    """The fix when ``output`` says a module is missing, or None.

    A project added to ``projects/`` after ``make install`` is not installed in the repository's
    environment, so its own package is missing: the fix is ``make install`` at the root, not
    reading the demo's error. Another missing module is a dependency the project does not declare.
    """
    found = MISSING_MODULE.search(output)
    if found is None:
        return None
    module = found.group(1).split(".")[0]
    own = {path.parent.name for path in (root / "src").glob("*/__init__.py")}
    if module in own:
        return (f"the project's package `{module}` is not installed in this environment: run `make install` "
                "at the portfolio's root (it installs every project under projects/ into .venv)")
    return (f"the module `{module}` is not installed: add the distribution that provides it to the "
            f"dependencies in {root / 'pyproject.toml'}, then run `make install` at the portfolio's root")


def _probe(root: Path, *args: str) -> Verdict:
    """Run ``probe.py`` in the project's folder; its last line is the verdict."""
    fix = f"run the demo in {root} (`make demo`) and send it the example; fix what fails"
    try:
        run = subprocess.run([sys.executable, probe.__file__, *args], cwd=root, env=os.environ | QUIET_ENV,
                             capture_output=True, text=True, timeout=PROBE_S)
    except subprocess.TimeoutExpired:
        return failed(f"no answer to the example in {PROBE_S:.0f} s", fix)
    lines = run.stdout.strip().splitlines() or run.stderr.strip().splitlines() or ["no output"]
    try:
        answer = json.loads(lines[-1])
    except json.JSONDecodeError:
        output = run.stdout + run.stderr
        return failed(f"the probe failed: {lines[-1]}", missing_module_fix(root, output) or fix)
    if answer["ok"]:
        return passed(answer["detail"])
    return failed(answer["detail"], missing_module_fix(root, answer["detail"]) or fix)


def check_demo(project: ProjectFiles) -> Verdict:
    """The card's demo starts and answers its example (Gradio), or runs (Streamlit)."""
    assert project.card is not None and project.metrics is not None
    root, demo = project.root, project.card.demo
    if demo is None:
        return passed("the card lists no demo (demo: null)")
    app = inside_project(root, demo.app, "portfolio.yaml: field `demo.app`")
    if not app.is_file():
        return failed(f"{demo.app} is missing",
                      "point `demo.app` in portfolio.yaml at the demo, or set `demo: null`")
    if is_streamlit_app(demo.app):
        return _probe(root, "streamlit", demo.app)
    if not defines_example_request(app):
        return failed(f"{demo.app} defines no EXAMPLE_REQUEST, so no example can be sent to the demo",
                      f'add `EXAMPLE_REQUEST = {{"api_name": "/predict", "args": [...]}}` to {demo.app}: '
                      "one request the demo answers (files in gradio_client.handle_file)")
    with tempfile.TemporaryDirectory(prefix="showcase-check-") as logs:
        running = start_demo(Project(root, project.card, project.metrics), sys.executable, Path(logs))
        try:
            with _quiet(serve_log):  # it would point at a log file deleted on return; the detail quotes it
                ready = wait_for([running], DEMO_START_S)
            if not ready:
                return _not_started(running, root, demo.app)
            return _probe(root, "gradio", running.url, demo.app)
        finally:
            stop([running])


def _not_started(running: RunningDemo, root: Path, app: str) -> Verdict:
    """Why the demo is not answering: it exited, or it is still silent; the last line it wrote."""
    log = running.log_path.read_text(errors="replace")
    lines = log.strip().splitlines() or ["no output"]
    code = running.process.poll()
    what = f"exited with status {code}" if code is not None else f"did not answer in {DEMO_START_S:.0f} s"
    fix = missing_module_fix(root, log) or f"run `python {app}` in the project and read its error"
    return failed(f"{app} {what}: {lines[-1]}", fix)


@contextlib.contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Only errors from ``logger`` while the block runs."""
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _summary(output: str) -> str:
    """pytest's counts ("12 passed, 1 skipped") from its last summary line, or ""."""
    for line in reversed(output.strip().splitlines()):
        if re.search(r"\d+ (passed|failed|errors?|skipped|deselected)|no tests ran", line):
            return re.sub(r"\s+in [\d.]+s.*$", "", line).strip("= ")
    return ""


def check_tests(project: ProjectFiles) -> Verdict:
    """``python -m pytest -q -x`` passes in the project's folder, offline."""
    root = project.root
    fix = f"run `python -m pytest -x` in {root} and fix what fails"
    if not (root / "tests").is_dir():
        return failed("no tests/ folder", f"write tests in {root / 'tests'} (the templates write a suite)")
    env = os.environ | QUIET_ENV
    env.pop("MODEL_DIR", None)  # the suite must test the project's own model
    start = time.monotonic()
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"],
                             cwd=root, env=env, capture_output=True, text=True, timeout=TESTS_S)
    except subprocess.TimeoutExpired:
        return failed(f"the tests did not finish in {TESTS_S:.0f} s", fix)
    took = f"in {time.monotonic() - start:.0f} s"
    counts = _summary(run.stdout) or f"pytest exited with status {run.returncode}"
    if run.returncode == 0:
        return passed(f"{counts} {took}")
    first = next((line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))), "")
    fix = missing_module_fix(root, run.stdout + run.stderr) or fix
    return failed(f"{counts} {took}" + (f": {first}" if first else ""), fix)
