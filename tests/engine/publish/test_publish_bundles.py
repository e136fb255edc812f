"""What deploy uploads: every Space README's front matter, pinned requirements, a site whose links
name files, and bundles that run from their own folder (no project, no editable install needed)."""

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from showcase.publish import spaces
from showcase.publish.bundles import build_demo_bundle, build_model_bundle, build_site_bundle
from showcase.publish.config import ProjectTarget
from showcase.reading.project import load_project
from showcase.serve.run import free_port

REPO = Path(__file__).resolve().parents[3]
ALL_PROJECTS = sorted(p.name for p in (REPO / "projects").iterdir() if (p / "portfolio.yaml").is_file())


def with_space(slug: str):
    """The example project as if its card named a Space."""
    project = load_project(REPO / "projects" / slug)
    demo = project.card.demo.model_copy(update={"space": f"ada/{slug}"})
    return project.__class__(**{**project.__dict__, "card": project.card.model_copy(update={"demo": demo})})


def front_matter(readme: Path) -> dict:
    text = readme.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"{readme}: no front matter"
    return yaml.safe_load(match.group(1))


def check_space_fields(fields: dict) -> None:
    """The Hub's configuration reference, as far as the bundles use it."""
    assert set(fields) <= spaces.SPACE_FIELDS, set(fields) - spaces.SPACE_FIELDS
    assert fields["sdk"] in {"static", "gradio", "docker"}  # `sdk: streamlit` is gone
    assert fields["title"] and len(fields["title"]) <= 80
    assert fields["colorFrom"] in spaces.COLORS and fields["colorTo"] in spaces.COLORS
    assert len(fields.get("short_description", "")) <= spaces.SHORT_DESCRIPTION_LIMIT
    if fields["sdk"] == "static":
        assert fields["app_file"] == "index.html"
    if fields["sdk"] == "gradio":
        assert fields["sdk_version"] == importlib.metadata.version("gradio")
        assert fields["python_version"] == spaces.PYTHON_VERSION and fields["app_file"] == "app.py"
    if fields["sdk"] == "docker":
        assert isinstance(fields["app_port"], int) and "sdk_version" not in fields
    assert all(isinstance(tag, str) and tag == tag.lower() for tag in fields.get("tags", []))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site_bundle(REPO / "mkdocs.yml", "ada/portfolio", tmp_path_factory.mktemp("site"))


def test_the_site_space_readme_is_valid_and_every_link_names_a_file(site):
    check_space_fields(front_matter(site.folder / "README.md"))
    broken = set()
    for page in site.folder.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="([^"#][^"]*)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("mailto:", "//")):
                continue
            base = site.folder if parts.path.startswith("/") else page.parent  # 404.html: from the root
            if not (base / unquote(parts.path).lstrip("/")).resolve().is_file():
                broken.add(f"{page.relative_to(site.folder)}: {url}")
    assert not broken, sorted(broken)[:10]  # so a host that does not map dir/ to dir/index.html works
    sitemap = (site.folder / "sitemap.xml").read_text()
    assert "https://ada-portfolio.hf.space/projects/fashion-cnn.html" in sitemap


def test_the_same_tree_builds_the_same_bytes(site, tmp_path):
    again = build_site_bundle(REPO / "mkdocs.yml", "ada/portfolio", tmp_path)
    first, second = site.files(), again.files()
    assert first.keys() == second.keys()
    assert [rel for rel in first if first[rel].read_bytes() != second[rel].read_bytes()] == []


@pytest.mark.parametrize("slug", ALL_PROJECTS)
def test_each_demo_bundle_has_valid_front_matter_and_pinned_requirements(slug, tmp_path):
    project = with_space(slug)
    bundle = build_demo_bundle(project, ProjectTarget(demo="cpu", model_repo=f"ada/{slug}-model"), tmp_path)
    fields = front_matter(bundle.folder / "README.md")
    check_space_fields(fields)
    assert fields["models"] == [f"ada/{slug}-model"] and "portfolio" in fields["tags"]
    for line in (bundle.folder / "requirements.txt").read_text().splitlines():
        if line.startswith("--extra-index-url"):
            continue
        name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]+\])?==(\S+)", line).groups()
        assert importlib.metadata.version(name) == version, line
        assert name != "gradio"  # the Space installs sdk_version itself
    assert not any("__pycache__" in rel or rel.startswith(("src/", "tests/", "reports/", "configs/"))
                   for rel in bundle.files())


def test_a_model_bundle_is_the_weights_and_the_model_card(tmp_path):
    project = load_project(REPO / "projects" / "fashion-gan")
    bundle = build_model_bundle(project, "ada/fashion-gan", tmp_path)
    assert set(bundle.files()) == {"README.md", *(p.name for p in (project.root / "models").iterdir())}
    card = front_matter(bundle.folder / "README.md")
    metrics = {m["type"] for m in card["model-index"][0]["results"][0]["metrics"]}
    assert project.card.headline_metric in metrics


PROBE = """
import json, sys
from gradio_client import Client
import app
_, url, _ = app.demo.launch(prevent_thread_lock=True, quiet=True)
request = app.EXAMPLE_REQUEST
answer = Client(url, verbose=False).predict(*request["args"], api_name=request["api_name"])
print(json.dumps({"answered": answer is not None, "app": app.__file__,
                  "modules": sorted(m.__file__ for m in list(sys.modules.values())
                                    if getattr(m, "__file__", None) and "{package}" in m.__name__)}))
app.demo.close()
"""


@pytest.mark.parametrize("slug", ALL_PROJECTS)
def test_a_gradio_bundle_runs_from_its_own_folder(slug, tmp_path):
    project = with_space(slug)
    bundle = build_demo_bundle(project, ProjectTarget(demo="cpu"), tmp_path)
    package = next(p.name for p in bundle.folder.iterdir() if (p / "__init__.py").is_file())
    env = {"PATH": "/usr/bin:/bin", "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
           "MPLBACKEND": "Agg", "HOME": str(tmp_path), "GRADIO_SERVER_PORT": str(free_port())}
    result = subprocess.run([sys.executable, "-c", PROBE.replace("{package}", package)], cwd=bundle.folder,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert report["answered"]
    assert report["modules"] and all(m.startswith(str(bundle.folder)) for m in report["modules"])


@pytest.fixture(scope="module")
def streamlit_twin(tmp_path_factory):
    """fashion-cnn as if generated with demo_ui=streamlit: the template rendered from its saved
    answers, with the example project's trained model, reports and model card beside it."""
    from showcase.scaffold import new_project

    source = REPO / "projects" / "fashion-cnn"
    out = tmp_path_factory.mktemp("twin")
    answers = json.loads((source / ".cookiecutter.json").read_text())
    answers["cookiecutter"]["demo_ui"] = "streamlit"
    (out / "answers.json").write_text(json.dumps(answers))
    root = new_project("image-classification", output_dir=out / "projects", answers=out / "answers.json",
                       templates_dir=REPO / "templates")
    for name in ("models", "examples", "reports"):
        shutil.copytree(source / name, Path(root) / name, dirs_exist_ok=True)
    shutil.copy(source / "MODEL_CARD.md", Path(root) / "MODEL_CARD.md")
    card = yaml.safe_load((Path(root) / "portfolio.yaml").read_text())
    card["demo"]["space"] = "ada/fashion-streamlit"
    (Path(root) / "portfolio.yaml").write_text(yaml.safe_dump(card, sort_keys=False))
    return load_project(root)


APPTEST = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("streamlit_app.py", default_timeout=120).run()
at.selectbox[0].set_value(at.selectbox[0].options[0]).run()  # the first example the bundle ships
print(json.dumps({"exception": [e.value for e in at.exception], "error": [e.value for e in at.error],
                  "subheaders": [h.value for h in at.subheader]}))
"""


def test_a_streamlit_bundle_is_a_docker_space_that_runs_from_its_own_folder(streamlit_twin, tmp_path):
    assert streamlit_twin.card.demo.app == "streamlit_app.py"
    bundle = build_demo_bundle(streamlit_twin, ProjectTarget(demo="cpu"), tmp_path)
    assert bundle.plan.sdk == "docker"
    assert {"Dockerfile", ".streamlit/config.toml", "streamlit_app.py"} <= set(bundle.files())
    fields = front_matter(bundle.folder / "README.md")
    check_space_fields(fields)
    dockerfile = (bundle.folder / "Dockerfile").read_text()
    assert fields["app_port"] == int(re.search(r"ENV APP_PORT=(\d+)", dockerfile)[1])
    requirements = (bundle.folder / "requirements.txt").read_text()
    assert f"streamlit=={importlib.metadata.version('streamlit')}" in requirements  # Docker installs it all
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "MPLBACKEND": "Agg", "HOME": str(tmp_path),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    result = subprocess.run([sys.executable, "-c", APPTEST], cwd=bundle.folder, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    page = json.loads(result.stdout.strip().splitlines()[-1])
    assert page["exception"] == [] and page["error"] == []
    assert page["subheaders"] == ["Prediction: T-shirt/top"]  # examples/00_T-shirt_top.png


def test_zerogpu_is_refused_for_a_streamlit_demo(streamlit_twin, tmp_path):
    from showcase.exceptions import DeployError

    with pytest.raises(DeployError, match="ZeroGPU runs only Gradio Spaces.*Fix"):
        build_demo_bundle(streamlit_twin, ProjectTarget(demo="zerogpu"), tmp_path)
