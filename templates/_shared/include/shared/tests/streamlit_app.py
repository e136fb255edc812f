"""The Streamlit demo, run by Streamlit's own test harness (AppTest): the script runs in this
process as it would for a visitor, widgets are set, buttons clicked, and the page is read back."""

import tomllib
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

PROJECT = Path(__file__).resolve().parents[1]
SETTINGS = PROJECT / ".streamlit" / "config.toml"
TIMEOUT_S = 60  # per run: the first loads the model, an episode with frames takes seconds


@pytest.fixture
def app(trained, monkeypatch) -> AppTest:
    """The app on the tiny trained model, after its first run (the page a visitor first sees)."""
    monkeypatch.setenv("MODEL_DIR", str(trained / "models"))
    return AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=TIMEOUT_S).run()


def shown(at: AppTest) -> AppTest:
    """`at` after a run that raised nothing: the page, not a traceback, is what a visitor sees."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def only_error(at: AppTest) -> str:
    """The one error message on the page, after a run that raised nothing."""
    (error,) = shown(at).error
    return error.value


def test_without_a_trained_model_the_page_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.setenv("MODEL_DIR", str(tmp_path))
    at = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=TIMEOUT_S).run()
    assert "run `make train` first" in only_error(at)


def test_streamlit_reads_the_upload_limit_and_sends_no_usage_stats(monkeypatch):
    monkeypatch.chdir(PROJECT)  # Streamlit reads .streamlit/config.toml from where it is started
    settings = tomllib.loads(SETTINGS.read_text(encoding="utf-8"))
    streamlit_config.get_config_options(force_reparse=True)
    try:
        for option, value in (("server.maxUploadSize", settings["server"]["maxUploadSize"]),
                              ("browser.gatherUsageStats", False), ("server.headless", True)):
            assert streamlit_config.get_option(option) == value
            assert Path(streamlit_config.get_where_defined(option)) == SETTINGS
    finally:
        monkeypatch.undo()
        streamlit_config.get_config_options(force_reparse=True)
