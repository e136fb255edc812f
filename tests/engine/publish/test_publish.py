"""`showcase deploy`, offline: a stand-in for HfApi that keeps the uploaded files, so every call,
every file and a second deploy's "nothing to upload" are checked without the network."""

import hashlib
import importlib.metadata
import json
import shutil
from pathlib import Path
from unittest.mock import call, create_autospec

import httpx
import huggingface_hub
import pytest
import yaml
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError
from huggingface_hub.hf_api import RepoFile
from rich.console import Console

from showcase.exceptions import DeployError, SecretError
from showcase.publish import dashboards
from showcase.publish import deploy as deploy_module
from showcase.publish.deploy import DeployOptions, deploy
from showcase.publish.remote import git_blob_id

REPO = Path(__file__).resolve().parents[3]
CHECK = deploy_module.readiness_failures  # the real readiness gate; most tests stand it aside
TOKEN = "hf_" + "Zq" * 17  # a token-shaped value; the tests check it is never shown or uploaded
LFS_LIMIT = 10_000_000  # the Hub stores bigger files with LFS (by their SHA-256)


class FakeHub:
    """HfApi's autospec whose create_repo/upload_folder/list_repo_tree keep repos in a dict."""

    def __init__(self) -> None:
        self.repos: dict[str, dict[str, bytes]] = {}
        self.uploaded: dict[str, list[str]] = {}
        self.api = create_autospec(HfApi, instance=True)
        self.api.create_repo.side_effect = self.create_repo
        self.api.upload_folder.side_effect = self.upload_folder
        self.api.list_repo_tree.side_effect = self.list_repo_tree

    def create_repo(self, repo_id, **kwargs):
        self.repos.setdefault(repo_id, {".gitattributes": b"*.onnx filter=lfs\n"})

    def upload_folder(self, *, repo_id, folder_path, delete_patterns, **kwargs):
        assert delete_patterns == "*"
        files = {p.relative_to(folder_path).as_posix(): p.read_bytes()
                 for p in Path(folder_path).rglob("*") if p.is_file()}
        self.repos[repo_id] = {".gitattributes": self.repos[repo_id][".gitattributes"], **files}
        self.uploaded[repo_id] = sorted(files)

    def list_repo_tree(self, repo_id, **kwargs):
        if repo_id not in self.repos:
            request = httpx.Request("GET", f"https://huggingface.co/api/x/{repo_id}/tree/main")
            response = httpx.Response(404, request=request)
            raise RepositoryNotFoundError("404 Repository Not Found", response=response)
        for path, data in self.repos[repo_id].items():
            lfs = None
            if len(data) > LFS_LIMIT:
                lfs = {"size": len(data), "oid": hashlib.sha256(data).hexdigest(), "pointerSize": 130}
            yield RepoFile(path=path, size=len(data), oid=git_blob_id(data), lfs=lfs)


@pytest.fixture
def portfolio(tmp_path, monkeypatch) -> Path:
    """The repository's site with one example project whose card names a Space; ready to publish."""
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "content", tmp_path / "content")
    project = tmp_path / "projects" / "fashion-cnn"
    shutil.copytree(REPO / "projects" / "fashion-cnn", project,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".venv", "runs"))
    card = yaml.safe_load((project / "portfolio.yaml").read_text())
    card["demo"]["space"] = "ada/fashion-demo"
    (project / "portfolio.yaml").write_text(yaml.safe_dump(card, sort_keys=False))
    (tmp_path / "deploy.yaml").write_text(yaml.safe_dump({
        "site": {"space": "ada/portfolio"},
        "projects": {"fashion-cnn": {"demo": "cpu", "model_repo": "ada/fashion-cnn"}},
    }))
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(deploy_module, "readiness_failures", lambda options, console: [])
    return tmp_path


def options(root: Path, **overrides) -> DeployOptions:
    return DeployOptions(config=root / "deploy.yaml", projects_dir=root / "projects",
                         mkdocs_config=root / "mkdocs.yml", resume=root / "content/resume.yaml", **overrides)


def run(root: Path, hub: FakeHub, sync_dashboard=dashboards.sync, **overrides):
    """One deploy against the stand-in; returns (plan, everything printed)."""
    console = Console(record=True, width=250, highlight=False)
    monkey = pytest.MonkeyPatch()
    monkey.setattr(deploy_module, "hub_offline", lambda: False)
    monkey.setattr(deploy_module, "probe_hub", lambda: None)  # the stand-in Hub answers
    try:
        plan = deploy(options(root, **overrides), api=hub.api, console=console, sync_dashboard=sync_dashboard)
    finally:
        monkey.undo()
    return plan, console.export_text()


def test_a_deploy_creates_each_repo_and_uploads_exactly_the_bundles(portfolio):
    hub = FakeHub()
    _, out = run(portfolio, hub, dry_run=False)
    assert hub.api.create_repo.call_args_list == [
        call("ada/fashion-demo", repo_type="space", exist_ok=True, space_sdk="gradio",
             space_hardware="cpu-basic"),
        call("ada/fashion-cnn", repo_type="model", exist_ok=True),
        call("ada/portfolio", repo_type="space", exist_ok=True, space_sdk="static"),
    ]
    source = portfolio / "projects/fashion-cnn/src/fashion_cnn"
    package = sorted(f"fashion_cnn/{p.relative_to(source).as_posix()}" for p in source.rglob("*.py"))
    examples = sorted(f"examples/{p.name}" for p in (portfolio / "projects/fashion-cnn/examples").iterdir())
    assert hub.uploaded["ada/fashion-demo"] == sorted([
        "README.md", "app.py", "requirements.txt", "models/config.json", "models/model.onnx",
        "models/model.safetensors", *package, *examples])
    assert hub.uploaded["ada/fashion-cnn"] == ["README.md", "config.json", "model.onnx", "model.safetensors"]
    site = hub.uploaded["ada/portfolio"]
    assert {"README.md", "index.html", "projects/fashion-cnn.html", "sitemap.xml"} <= set(site)
    assert "https://ada-fashion-demo.hf.space/" in out and "https://ada-portfolio.hf.space/" in out
    # the model card is the model repo's README: its model-index drives the Hub's metrics widget
    model_readme = hub.repos["ada/fashion-cnn"]["README.md"].decode()
    assert model_readme == (portfolio / "projects/fashion-cnn/MODEL_CARD.md").read_text()
    assert "model-index" in model_readme


def test_a_second_deploy_with_no_change_uploads_nothing(portfolio):
    hub = FakeHub()
    run(portfolio, hub, dry_run=False)
    hub.api.upload_folder.reset_mock()
    plan, out = run(portfolio, hub, dry_run=False)
    hub.api.upload_folder.assert_not_called()
    assert all(changes.nothing_to_do for changes in plan.changes.values())
    assert out.count("unchanged: https://") == 3
    # a changed figure is uploaded again, and only that repo
    figure = portfolio / "projects/fashion-cnn/reports/figures/confusion_matrix.png"
    figure.write_bytes(figure.read_bytes() + b"\0")
    plan, _ = run(portfolio, hub, dry_run=False)
    assert [c.kwargs["repo_id"] for c in hub.api.upload_folder.call_args_list] == ["ada/portfolio"]
    assert plan.changes["site"].changed


def test_what_is_no_longer_built_is_deleted(portfolio):
    hub = FakeHub()
    run(portfolio, hub, dry_run=False)
    hub.repos["ada/portfolio"]["old-page.html"] = b"<p>gone</p>"
    plan, out = run(portfolio, hub)  # the dry run says so
    assert plan.changes["site"].deleted == ["old-page.html"]
    assert "deleted" in out and "old-page.html" in out
    run(portfolio, hub, dry_run=False)
    assert "old-page.html" not in hub.repos["ada/portfolio"]
    assert ".gitattributes" in hub.repos["ada/portfolio"]


def test_the_dry_run_is_the_default_and_changes_nothing(portfolio):
    hub = FakeHub()
    _, out = run(portfolio, hub)
    hub.api.create_repo.assert_not_called()
    hub.api.upload_folder.assert_not_called()
    for expected in ["site -> space ada/portfolio (static Space, free",
                     "fashion-cnn demo -> space ada/fashion-demo",
                     "cpu-basic, paid plan", "fashion-cnn model -> model ada/fashion-cnn", "create",
                     "Dry run: nothing was created, uploaded or synced", "requirements.txt",
                     "models/model.onnx"]:
        assert expected in out, expected


def test_offline_the_dry_run_still_prints_the_plan_and_a_real_deploy_refuses(portfolio, monkeypatch):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)  # as HF_HUB_OFFLINE=1 does
    hub = FakeHub()
    console = Console(record=True, width=200)
    deploy(options(portfolio), api=hub.api, console=console)
    hub.api.list_repo_tree.assert_not_called()
    assert "the Hub was not read: offline" in console.export_text()
    with pytest.raises(DeployError, match="HF_HUB_OFFLINE"):
        deploy(options(portfolio, dry_run=False), api=hub.api, console=console)


@pytest.mark.parametrize("failure", [OSError(-2, "Name or service not known"), TimeoutError("timed out"),
                                     ConnectionRefusedError(111, "Connection refused")],
                         ids=["no-dns", "timeout", "refused"])
def test_an_unreachable_hub_gets_one_quick_try_and_a_message_not_a_traceback(portfolio, monkeypatch, failure):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)  # as `make deploy` runs
    tries = []

    def connect(address, timeout):
        tries.append((address, timeout))
        raise failure

    monkeypatch.setattr(deploy_module.socket, "create_connection", connect)
    hub, console = FakeHub(), Console(record=True, width=200)
    deploy(options(portfolio), api=hub.api, console=console)  # the dry run: the plan, offline
    assert tries == [(("huggingface.co", 443), deploy_module.PROBE_TIMEOUT_S)]
    hub.api.list_repo_tree.assert_not_called()
    assert "the Hub was not read: cannot connect to huggingface.co:443" in console.export_text()
    refused = r"the Hub cannot be reached: cannot connect .*nothing was uploaded"
    with pytest.raises(DeployError, match=refused):
        deploy(options(portfolio, dry_run=False), api=hub.api, console=console)
    hub.api.upload_folder.assert_not_called()


def test_a_network_failure_reading_the_hub_is_a_message_naming_the_repo(portfolio):
    hub = FakeHub()

    class ConnectError(Exception):  # httpx's, as huggingface_hub raises it after its retries
        pass

    hub.api.list_repo_tree.side_effect = ConnectError("[Errno -2] Name or service not known")
    with pytest.raises(DeployError, match=r"reading space ada/fashion-demo: ConnectError: \[Errno -2\]"):
        run(portfolio, hub)


def test_a_real_call_fails_loudly_offline(monkeypatch):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(Exception, match="offline|Offline"):
        list(HfApi().list_repo_tree("ada/portfolio", repo_type="space"))


def test_a_portfolio_that_is_not_ready_is_refused_unless_forced(portfolio, monkeypatch):
    monkeypatch.setattr(deploy_module, "readiness_failures",
                        lambda options, console: ["fashion-cnn: tests: 1 failed. Fix: run make test"])
    hub = FakeHub()
    with pytest.raises(DeployError, match="not ready"):
        run(portfolio, hub, dry_run=False)
    hub.api.upload_folder.assert_not_called()
    _, out = run(portfolio, hub, dry_run=False, force=True)
    assert len(hub.uploaded) == 3 and "Not ready to publish" in out


def test_the_token_never_appears_in_output_files_or_errors(portfolio, capfd):
    hub = FakeHub()
    _, out = run(portfolio, hub, dry_run=False)
    assert TOKEN not in out + "".join(capfd.readouterr())
    assert all(TOKEN.encode() not in data for repo in hub.repos.values() for data in repo.values())
    request = httpx.Request("POST", "https://huggingface.co/api/repos/create")
    hub.api.create_repo.side_effect = HfHubHTTPError(
        f"401 Unauthorized: Bearer {TOKEN} is invalid", response=httpx.Response(401, request=request))
    with pytest.raises(DeployError) as error:
        run(portfolio, hub, dry_run=False)
    assert TOKEN not in str(error.value) and "<token>" in str(error.value)
    assert error.value.__cause__ is None and error.value.__suppress_context__


def test_a_file_holding_the_token_is_refused(portfolio):
    (portfolio / "projects/fashion-cnn/models/notes.txt").write_text(f"token = {TOKEN}\n")
    with pytest.raises(SecretError) as error:
        run(portfolio, FakeHub(), dry_run=False)
    message = str(error.value)
    assert "projects/fashion-cnn: 1 file(s)" in message and "models/notes.txt" in message
    assert TOKEN not in message


def test_a_secret_looking_file_in_a_bundle_is_refused(portfolio):
    (portfolio / "projects/fashion-cnn/models/.env").write_text("API_KEY=abc\n")
    hub = FakeHub()
    with pytest.raises(SecretError, match=r"projects/fashion-cnn: .*\n  models/\.env: "):
        run(portfolio, hub)
    hub.api.upload_folder.assert_not_called()


def test_no_token_gets_a_clear_message(portfolio, monkeypatch):
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setenv("HF_HOME", str(portfolio / "hf-home"))  # no stored login either
    monkeypatch.setattr(deploy_module.huggingface_hub, "get_token", lambda: None)
    with pytest.raises(DeployError, match="no Hugging Face token.*HF_TOKEN.*hf auth login"):
        run(portfolio, FakeHub(), dry_run=False)


def test_placeholder_owners_are_refused(portfolio):
    with pytest.raises(DeployError, match="placeholder 'your-hf-user'"):
        run(portfolio, FakeHub(), dry_run=False, site_space="your-hf-user/portfolio")


def test_bad_deploy_config_names_the_field_and_the_fix(portfolio):
    config = portfolio / "deploy.yaml"
    config.write_text("site: {space: ada/portfolio}\nprojects: {fashion-cnn: {demo: gpu}}\n")
    with pytest.raises(DeployError, match=r"projects\.fashion-cnn\.demo.*Fix"):
        run(portfolio, FakeHub())
    config.write_text("site: {space: ada/portfolio}\nprojects: {nope: {demo: cpu}}\n")
    with pytest.raises(DeployError, match="no project named 'nope'.*fashion-cnn"):
        run(portfolio, FakeHub())
    config.unlink()
    with pytest.raises(DeployError, match="deploy.yaml: file not found.*--space"):
        run(portfolio, FakeHub())
    plan, _ = run(portfolio, FakeHub(), site_space="ada/site-only")  # --space alone: just the site
    assert [b.repo_id for b in plan.bundles] == ["ada/site-only"]


def test_a_demo_without_a_space_id_or_zerogpu_for_streamlit_is_explained(portfolio):
    card_path = portfolio / "projects/fashion-cnn/portfolio.yaml"
    card = yaml.safe_load(card_path.read_text())
    card["demo"]["space"] = None
    card_path.write_text(yaml.safe_dump(card))
    with pytest.raises(DeployError, match="demo.space.*Fix: set demo.space"):
        run(portfolio, FakeHub())


def test_zerogpu_pins_the_cuda_build_and_asks_for_the_zero_hardware(portfolio):
    config = yaml.safe_load((portfolio / "deploy.yaml").read_text())
    config["projects"]["fashion-cnn"]["demo"] = "zerogpu"
    (portfolio / "deploy.yaml").write_text(yaml.safe_dump(config))
    hub = FakeHub()
    run(portfolio, hub, dry_run=False)
    assert hub.api.create_repo.call_args_list[0].kwargs["space_hardware"] == "zero-a10g"
    requirements = hub.repos["ada/fashion-demo"]["requirements.txt"].decode()
    torch = importlib.metadata.version("torch").split("+")[0]
    assert f"torch=={torch}\n" in requirements and "download.pytorch.org" not in requirements


def test_the_cli_prints_the_dry_run_and_reports_errors(portfolio, capsys, monkeypatch):
    from showcase.cli import main

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    args = ["deploy", "--config", str(portfolio / "deploy.yaml"), "--projects", str(portfolio / "projects"),
            "-f", str(portfolio / "mkdocs.yml")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "ada/portfolio" in out and "Dry run" in out and TOKEN not in out
    assert main([*args, "--no-dry-run"]) == 1
    assert "HF_HUB_OFFLINE" in capsys.readouterr().err


def test_deploy_runs_the_readiness_checklist_first(portfolio, monkeypatch):
    monkeypatch.setattr(deploy_module, "readiness_failures", CHECK)
    plan, out = run(portfolio, FakeHub(), fast_check=True)
    # the example portfolio is sample data: its author and resume are placeholders
    assert any(line.startswith("fashion-cnn: card:") and "Fix:" in line for line in plan.not_ready)
    assert any(line.startswith("portfolio: resume:") for line in plan.not_ready)
    assert "readiness" in out and "Not ready to publish" in out and "skipped: demo, tests" in out


# --- A project's experiment dashboard: its tracked runs synced to a static Space (trackio) ---


def tracked(portfolio: Path, dashboard: str | None = "ada/fashion-runs", runs: bool = True) -> Path:
    """The example project with a tracked run, its runs' file and, in deploy.yaml, `dashboard: true`."""
    project = portfolio / "projects/fashion-cnn"
    metrics = json.loads((project / "reports/metrics.json").read_text())
    metrics["provenance"]["tracking"] = {"tracker": "trackio", "project": "fashion_cnn",
                                         "run": "bright-run-0"}
    (project / "reports/metrics.json").write_text(json.dumps(metrics))
    card = yaml.safe_load((project / "portfolio.yaml").read_text())
    card["dashboard"] = dashboard
    (project / "portfolio.yaml").write_text(yaml.safe_dump(card, sort_keys=False))
    if runs:
        (project / "runs").mkdir(exist_ok=True)
        (project / "runs/fashion_cnn.db").write_bytes(b"SQLite format 3\0" + bytes(2000))
    config = yaml.safe_load((portfolio / "deploy.yaml").read_text())
    config["projects"]["fashion-cnn"]["dashboard"] = True
    (portfolio / "deploy.yaml").write_text(yaml.safe_dump(config))
    return project


def deploy_with_sync(root: Path, hub: FakeHub, synced: list, **overrides) -> str:
    """`run`, with a stand-in for trackio's sync that records each dashboard."""
    def stand_in(dashboard):  # the site must not be uploaded before the dashboard it links
        assert "ada/portfolio" not in hub.repos
        synced.append(dashboard)

    return run(root, hub, sync_dashboard=stand_in, **overrides)[1]


def test_a_dashboard_is_listed_by_the_dry_run_synced_before_the_site_and_linked_by_its_page(portfolio):
    project = tracked(portfolio)
    synced, hub = [], FakeHub()
    out = deploy_with_sync(portfolio, hub, synced)
    assert synced == [] and not hub.repos
    assert ("dashboard: fashion-cnn's tracked runs (fashion_cnn.db, 0.0 MB, trackio project \"fashion_cnn\")"
            " -> static Space ada/fashion-runs (free): trackio sync") in out
    assert "nothing was created, uploaded or synced" in out

    out = deploy_with_sync(portfolio, hub, synced, dry_run=False)
    assert [(d.space, d.tracker_project, d.database) for d in synced] == [
        ("ada/fashion-runs", "fashion_cnn", project / "runs/fashion_cnn.db")]
    assert "synced: https://huggingface.co/spaces/ada/fashion-runs" in out
    page = hub.repos["ada/portfolio"]["projects/fashion-cnn.html"].decode()
    assert page.count('href="https://huggingface.co/spaces/ada/fashion-runs"') == 2  # header, Reproduce
    assert "<code>bright-run-0</code>" in page


@pytest.mark.parametrize(("dashboard", "runs", "tracking", "message"), [
    (None, True, True, r"portfolio.yaml: field `dashboard` is empty.*Fix: set it"),
    ("ada/fashion-runs", False, True, r"runs/fashion_cnn.db: not found.*machine that trained"),
    ("ada/fashion-runs", True, False, r"metrics.json: the run was not tracked.*Fix: train and evaluate"),
    ("your-hf-user/runs", True, True, r"your-hf-user/runs: the owner is the placeholder"),
])
def test_a_dashboard_that_cannot_be_published_is_explained_and_nothing_is_uploaded(
        portfolio, dashboard, runs, tracking, message):
    project = tracked(portfolio, dashboard, runs)
    if not tracking:
        metrics = json.loads((project / "reports/metrics.json").read_text())
        del metrics["provenance"]["tracking"]
        (project / "reports/metrics.json").write_text(json.dumps(metrics))
    hub, synced = FakeHub(), []
    with pytest.raises(DeployError, match=message):
        deploy_with_sync(portfolio, hub, synced, dry_run=False)
    assert synced == [] and not hub.repos


def test_the_sync_is_trackios_own_in_a_process_reading_the_projects_runs(tmp_path, monkeypatch):
    """The real sync, with a stand-in `trackio` module first on the path: it records the call and
    the folder it was given, and fails on request as trackio would (its last line is the message)."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "trackio.py").write_text(
        "import json, os, sys\n"
        "def sync(**kwargs):\n"
        "    if kwargs['space_id'].endswith('refused'):\n"
        "        raise SystemExit('403 Forbidden: you cannot create a Space under ada')\n"
        "    with open(os.environ['RECORD'], 'w') as f:\n"
        "        json.dump({**kwargs, 'dir': os.environ['TRACKIO_DIR']}, f)\n")
    monkeypatch.setenv("PYTHONPATH", str(fake))
    monkeypatch.setenv("RECORD", str(tmp_path / "call.json"))
    runs = tmp_path / "project" / "runs"
    dashboards.sync(dashboards.Dashboard("fashion-cnn", "fashion_cnn", runs, "ada/fashion-runs"))
    assert json.loads((tmp_path / "call.json").read_text()) == {
        "project": "fashion_cnn", "space_id": "ada/fashion-runs", "sdk": "static", "force": True,
        "dir": str(runs.resolve())}
    with pytest.raises(RuntimeError, match="403 Forbidden: you cannot create a Space under ada"):
        dashboards.sync(dashboards.Dashboard("fashion-cnn", "fashion_cnn", runs, "ada/refused"))


def test_the_demo_space_is_not_asked_to_install_the_experiment_tracker(portfolio):
    hub = FakeHub()
    run(portfolio, hub, dry_run=False)
    requirements = hub.repos["ada/fashion-demo"]["requirements.txt"].decode()
    assert "torch==" in requirements and "trackio" not in requirements
