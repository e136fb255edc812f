"""`showcase serve`: demos started on free ports, the site built against them, all stopped after.

The Gradio demo apps here are tiny HTTP servers that read GRADIO_SERVER_PORT as a Gradio app
does, so the test needs neither Gradio nor the network; the Streamlit one is a real, one-line
Streamlit app.
"""

import urllib.error
import urllib.request

import pytest
from conftest import valid_card
from fake_demo import FAKE_APP

from showcase.serve.run import ServeOptions, demo_command, serve_site
from showcase.serve.static import serve_directory

CONFIG = """
site_name: Serve test
docs_dir: content
site_dir: public
theme: {name: mkdocs}
plugins: [showcase]
"""


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def serve_fixture(tmp_path, make_project) -> ServeOptions:
    """Two projects: one demo that starts, one that crashes; a third with no demo."""
    (make_project("good") / "app.py").write_text(FAKE_APP)
    (make_project("crashes") / "app.py").write_text("raise SystemExit(3)\n")
    make_project("none", card=valid_card() | {"demo": None})
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    return ServeOptions(config_file=str(tmp_path / "mkdocs.yml"), port=0, demo_timeout_s=30)


def test_serve_runs_demos_and_embeds_them(make_project, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seen = {}

    def visit(url: str) -> None:
        page = fetch(url + "projects/good/")
        seen["demo"] = page.split('data-src="', 1)[1].split('"', 1)[0]
        seen["answer"] = fetch(seen["demo"])
        seen["crashes"] = fetch(url + "projects/crashes/")
        seen["home"] = fetch(url)

    serve_site(serve_fixture(tmp_path, make_project), until=visit)
    assert seen["demo"].startswith("http://127.0.0.1:") and "local demo ok" in seen["answer"]
    assert 'data-sc-demo="local"' not in seen["crashes"]  # a demo that fails is not embedded
    assert "No hosted demo yet" in seen["crashes"]
    assert "demo crashes exited (status 3)" in caplog.text
    with pytest.raises(OSError):  # stopped with the server
        fetch(seen["demo"])
    assert not (tmp_path / "public").exists()  # public/ stays the deployable build


def test_serve_starts_a_streamlit_demo_with_streamlit(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    card = valid_card() | {"demo": {"app": "streamlit_app.py", "space": None}}
    (make_project("lit", card=card) / "streamlit_app.py").write_text("import streamlit as st\nst.write(1)\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    seen = {}

    def visit(url: str) -> None:
        demo = fetch(url + "projects/lit/").split('data-src="', 1)[1].split('"', 1)[0]
        seen["demo"], seen["health"] = demo, fetch(demo + "_stcore/health")  # Streamlit's own endpoint

    serve_site(ServeOptions(config_file=str(tmp_path / "mkdocs.yml"), port=0, demo_timeout_s=60), until=visit)
    assert seen["demo"].startswith("http://127.0.0.1:") and seen["health"] == "ok"
    with pytest.raises(OSError):  # stopped with the server
        fetch(seen["demo"])


def test_a_demo_is_started_by_its_file():
    python = "/venv/bin/python"
    assert demo_command("app.py", python, "127.0.0.1", 7001) == (
        [python, "app.py"], {"GRADIO_SERVER_PORT": "7001", "GRADIO_SERVER_NAME": "127.0.0.1"})
    assert demo_command("streamlit_app.py", python, "127.0.0.1", 7002) == (
        [python, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", "7002",
         "--server.headless", "true", "--server.address", "127.0.0.1"], {})


def test_serve_without_demos(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    options = serve_fixture(tmp_path, make_project)
    pages = []
    serve_site(ServeOptions(config_file=options.config_file, port=0, demos=False),
               until=lambda url: pages.append(fetch(url + "projects/good/")))
    assert "data-sc-demo" not in pages[0] and "make demo" in pages[0]


def test_static_server_gzips_and_serves_404(tmp_path):
    (tmp_path / "index.html").write_text("<p>home</p>" * 100)
    (tmp_path / "404.html").write_text("<p>not here</p>")
    with serve_directory(tmp_path) as url:
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert len(response.read()) < 200
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(url + "missing/")
        assert info.value.code == 404 and b"not here" in info.value.read()
