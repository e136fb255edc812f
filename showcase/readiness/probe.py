"""Send a project's demo one example, from inside the project's own Python and folder.

    python probe.py gradio http://127.0.0.1:7861/ app.py    # the demo already running there
    python probe.py streamlit streamlit_app.py              # run by Streamlit's AppTest

A Gradio app names its example at module level (the portfolio's contract):

    EXAMPLE_REQUEST = {"api_name": "/predict", "args": [...]}   # file arguments in handle_file()

and this script imports the app to read it (file arguments are ``handle_file`` objects, which
only the app can build), then sends it with ``gradio_client``. It imports nothing from showcase,
so it runs with any interpreter that runs the demo. Its last line of output is one JSON object,
``{"ok": true|false, "detail": "..."}``.
"""

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any


def load_request(app: str) -> dict[str, Any]:
    """The app's ``EXAMPLE_REQUEST``, checked for shape (importing the app does not launch it)."""
    sys.path.insert(0, str(Path.cwd()))
    spec = importlib.util.spec_from_file_location("demo_app_under_check", Path(app).resolve())
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    request = getattr(module, "EXAMPLE_REQUEST", None)
    if request is None:
        raise LookupError(f"{app} defines no EXAMPLE_REQUEST")
    if not (isinstance(request, dict) and isinstance(request.get("api_name"), str)
            and isinstance(request.get("args"), list | tuple)):
        raise TypeError(f"{app}: EXAMPLE_REQUEST is not {{'api_name': str, 'args': [...]}}")
    return request


def short(value: Any, limit: int = 80) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def ask_gradio(url: str, app: str) -> str:
    """Send the app's example to the demo at ``url``; describe the answer."""
    from gradio_client import Client

    request = load_request(app)
    answer = Client(url, verbose=False).predict(*request["args"], api_name=request["api_name"])
    if answer is None:
        raise ValueError(f"{request['api_name']} answered nothing (None)")
    return f"{request['api_name']} answered {short(answer)}"


def run_streamlit(app: str) -> str:
    """Run the Streamlit script once with AppTest; it must raise nothing."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(app).resolve()), default_timeout=120).run()  # else relative to here
    if at.exception:
        raise RuntimeError(f"{app} raised: {at.exception[0].message}")
    return f"{app} ran with no exception"


def probe(argv: list[str]) -> int:
    """Answer, as one JSON line, whether the demo named by `argv` answers (see the module docstring)."""
    try:
        if argv[:1] == ["gradio"] and len(argv) == 3:
            detail = ask_gradio(argv[1], argv[2])
        elif argv[:1] == ["streamlit"] and len(argv) == 2:
            detail = run_streamlit(argv[1])
        else:
            raise SystemExit(__doc__)
    except Exception as e:  # noqa: BLE001 - every failure is the answer, reported as one line
        print(json.dumps({"ok": False, "detail": " ".join(f"{type(e).__name__}: {e}".split())}))
        return 1
    print(json.dumps({"ok": True, "detail": detail}))
    return 0


if __name__ == "__main__":
    sys.exit(probe(sys.argv[1:]))
