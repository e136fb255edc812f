"""A small static file server for the built site, as a static host would serve it.

``showcase serve``, the browser tests and the benchmarks use it. Like GitHub
Pages or a static Hugging Face Space it compresses text (gzip) when the browser
accepts it, so transfer sizes and Lighthouse scores measured against it are
those a visitor gets; it serves ``404.html`` for missing pages.

Kept on the standard library's ``http.server`` on purpose: it lacks only gzip and
the 404 page (60 lines here), while a server library (Starlette's ``StaticFiles``
and ``GZipMiddleware`` under uvicorn, installed only through Gradio) would be a new
engine dependency and an event loop in a thread, for ``showcase serve`` and tests.

    with serve_directory("public") as url:   # http://127.0.0.1:<free port>/
        ...
"""

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".wasm")
"""Suffixes served gzip-compressed to browsers that accept it."""


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` with gzip, a 404 page, caching headers and no logging."""

    _gzip_cache: dict[tuple[str, float], bytes] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: a test or a benchmark prints what matters itself."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - stdlib signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the stdlib redirects to the slash form
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if accepts_gzip and path.suffix in COMPRESSED:
            return self._send_gzip(path)
        return super().send_head()

    def _send_gzip(self, path: Path):  # noqa: ANN202
        """Send ``path`` gzip-compressed (compressed once per version of the file)."""
        key = (str(path), path.stat().st_mtime)
        body = self._gzip_cache.get(key)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self._gzip_cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):  # noqa: ANN202
        """The site's ``404.html`` with status 404, or the stdlib's page."""
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve_directory(
    directory: Path | str, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Serve ``directory`` in a background thread; yield its base URL; stop on exit.

    ``port=0`` takes a free port, so parallel runs never collide.
    """
    handler = functools.partial(SiteHandler, directory=os.fspath(directory))
    server = _Server((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, name="showcase-http", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
