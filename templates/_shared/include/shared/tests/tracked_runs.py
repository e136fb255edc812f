@pytest.fixture(scope="session", autouse=True)
def tracked_runs(tmp_path_factory) -> Path:
    """Where the experiment tracker writes during the tests: a scratch folder, not the project's
    runs/ (kit/tracking.py). trackio reads TRACKIO_DIR once, when a test first imports it."""
    folder = tmp_path_factory.mktemp("tracked-runs")
    os.environ["TRACKIO_DIR"] = str(folder)
    return folder
