# The fixtures and the helper every Gradio demo's tests share. The test module imports what they
# use above this part: importlib, json, os, httpx, pytest and gradio_client's Client.


@pytest.fixture(scope="module")
def demo_app(trained):
    os.environ["MODEL_DIR"] = str(trained / "models")
    return importlib.import_module("app")


@pytest.fixture(scope="module")
def client(demo_app):
    # the size limit python app.py sets; the queue is set when app.py is imported
    _, url, _ = demo_app.demo.launch(prevent_thread_lock=True, quiet=True,
                                     max_file_size=demo_app.MAX_FILE_SIZE)
    yield Client(url, verbose=False)
    demo_app.demo.close()


def raw_call(client, api: str, body: str) -> str:
    """The demo's answer to a request whose JSON text is `body`: NaN, Infinity or half a UTF-16 pair
    ("\\ud800") included, which JSON parsers take and gradio_client will not send. Returns the error's
    message, or ''."""
    event = httpx.post(f"{client.src}gradio_api/call/{api}", content=body,
                       headers={"Content-Type": "application/json"})
    answer = httpx.get(f"{client.src}gradio_api/call/{api}/{event.json()['event_id']}", timeout=60)
    kind = data = None
    for line in answer.text.splitlines():  # server-sent events: "event: <kind>", then "data: <json>"
        if line.startswith("event:"):
            kind = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data = line.removeprefix("data:")
    return json.loads(data)["error"] if kind == "error" else ""
