"""A small static file server for the built site, as a static host would serve it.

``showcase serve``, the browser tests and the benchmarks use it. Like GitHub
Pages or a static Hugging Face Space it compresses text (gzip) when the browser
accepts it, so transfer sizes and Lighthouse scores measured against it are
those a visitor gets; it serves ``404.html`` for missing pages.

Kept on the standard library's ``http.server`` on purpose: it lacks only gzip,
the 404 page and a strict URL-to-file mapping (below), while a server library
(Starlette's ``StaticFiles`` and ``GZipMiddleware`` under uvicorn, installed only
through Gradio) would be a new engine dependency and an event loop in a thread,
for ``showcase serve`` and tests.

Three choices keep it correct and fast under a burst of requests:

- every URL it cannot map to a regular file inside the site folder gets the 404
  page (``locate``): a name too long, a NUL byte, an encoded ``/`` or ``.``/``..``,
  bad percent-encoding or UTF-8, a folder without ``index.html``, a symlink that
  leads outside; never a traceback or an empty reply;
- each compressible file is gzipped once per version, by one thread, and shared
  (``GzipCache``); a background thread starts with the largest (the 14 MB
  onnxruntime wasm) when the server starts, so the first visitors find it ready;
- the listen backlog holds a page load's burst of connections (5 by default in
  ``socketserver``: the rest were dropped and retried by the client seconds later).

    with serve_directory("public") as url:   # http://127.0.0.1:<free port>/
        ...
"""

import contextlib
import functools
import gzip
import http.server
import io
import logging
import os
import re
import stat
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".wasm")
"""Suffixes served gzip-compressed to browsers that accept it."""

GZIP_LEVEL = 6
"""zlib's default: the 14 MB wasm takes 0.7 s once; level 9 gains 0.4 % for 50 % more time."""

_KEEP = "!$&'()*+,;=:@%-._~"
"""What a redirect's ``Location`` keeps of a segment as it came (``%`` escapes included)."""

_SEGMENT = re.compile(rb"(?:[^%]|%[0-9A-Fa-f]{2})*")
"""A path segment whose every ``%`` starts a valid escape."""


@dataclass(frozen=True)
class Found:
    """What a URL path names inside the site folder."""

    file: Path
    """The regular file to send (a folder's ``index.html``)."""
    redirect: str | None = None
    """Where to send the browser instead: the folder's URL with its trailing slash."""


def locate(root: Path | str, url: str) -> Found | None:
    """The file under ``root`` that the request target ``url`` names, or None.

    Strict, as a URL is a name and not a file-system path: each segment is
    percent-decoded on its own and must be valid UTF-8 and a plain file name
    (not ``.``, ``..``, nor holding ``/`` or NUL); the file, after symlinks, must
    be a regular file inside ``root``; a folder stands for its ``index.html``.
    Empty segments (``a//b``) are skipped, as most static hosts do.
    """
    path, _, query = url.partition("?")
    path = path.partition("#")[0]
    if not path.startswith("/"):
        return None  # "*", or an absolute URL: not a file here
    try:
        raw = path.encode("latin-1")  # http.server decoded the request line as Latin-1: its bytes
    except UnicodeEncodeError:
        return None
    segments = [segment for segment in raw.split(b"/") if segment]
    names = [_name(segment) for segment in segments]
    if None in names:
        return None
    try:
        real_root = os.path.realpath(root, strict=True)
        real = os.path.realpath(os.path.join(real_root, *names), strict=True)
        if not _inside(real, real_root):
            return None
        if os.path.isdir(real):
            index = os.path.realpath(os.path.join(real, "index.html"), strict=True)
            if not (_inside(index, real_root) and stat.S_ISREG(os.stat(index).st_mode)):
                return None
            if not path.endswith("/"):  # relative links in the page need the slash
                target = "/" + "".join(urllib.parse.quote(segment, safe=_KEEP) + "/" for segment in segments)
                return Found(Path(index), target + ("?" + query if query else ""))
            return Found(Path(index))
        if path.endswith("/"):
            return None  # a file is no folder
        return Found(Path(real)) if stat.S_ISREG(os.stat(real).st_mode) else None
    except (OSError, ValueError):  # missing, too long, a symlink loop, not a folder, ...
        return None


def _name(segment: bytes) -> str | None:
    """The file name a URL path segment spells, or None if it spells none."""
    if not _SEGMENT.fullmatch(segment):
        return None
    try:
        name = urllib.parse.unquote_to_bytes(segment).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if name in (".", "..") or "/" in name or "\0" in name:
        return None
    return name


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class GzipCache:
    """Gzipped bodies of the site's files, each compressed once per version of the file.

    Every request thread shares it: the first to ask for a file compresses it, the
    others that ask meanwhile wait for that same result instead of compressing it
    again (200 visitors asking at once for the 14 MB wasm cost one compression,
    not 200). A file's version is its modification time, size and inode, so a
    rebuilt site is compressed afresh.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bodies: dict[str, tuple[tuple[int, int, int], Future]] = {}

    def get(self, path: Path) -> bytes:
        """``path``'s content, gzip-compressed.

        Raises:
            OSError: the file cannot be read.
        """
        key = os.fspath(path)
        info = os.stat(key)
        version = (info.st_mtime_ns, info.st_size, info.st_ino)
        with self._lock:
            held = self._bodies.get(key)
            mine = held is None or held[0] != version
            if mine:
                held = (version, Future())
                self._bodies[key] = held
        future = held[1]
        if mine:
            try:
                with open(key, "rb") as f:
                    future.set_result(gzip.compress(f.read(), compresslevel=GZIP_LEVEL, mtime=0))
            except BaseException as e:
                with self._lock:
                    if self._bodies.get(key) is held:
                        del self._bodies[key]  # the next request tries again
                future.set_exception(e)
        return future.result()

    def precompress(self, root: Path | str) -> None:
        """Compress every compressible file under ``root`` now, the largest first."""
        files = []
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                if name.endswith(COMPRESSED) and not os.path.islink(path):
                    with contextlib.suppress(OSError):
                        files.append((os.stat(path).st_size, path))
        for _, path in sorted(files, reverse=True):
            with contextlib.suppress(OSError):
                self.get(Path(path))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` with strict paths, gzip, a 404 page, caching headers, no logging."""

    server: "SiteServer"
    timeout = 60
    """Seconds a connection may stay silent before it is closed: an idle client holds no thread."""
    _found: Path | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: a test or a benchmark prints what matters itself."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        if self._found is not None and self._found.suffix in COMPRESSED:
            self.send_header("Vary", "Accept-Encoding")  # both variants: a cache keeps them apart
        super().end_headers()

    def send_head(self):  # noqa: ANN201 - stdlib signature
        self._found = None
        found = locate(self.directory, self.path)
        if found is None:
            return self._not_found()
        if found.redirect is not None:
            self.send_response(301)
            self.send_header("Location", found.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if accepts_gzip and found.file.suffix in COMPRESSED:
            return self._send_gzip(found.file)
        self._found = found.file
        return super().send_head()  # the stdlib's headers and If-Modified-Since, for translate_path's file

    def translate_path(self, path: str) -> str:
        """The file ``send_head`` located (the stdlib's own mapping is not used)."""
        assert self._found is not None, "send_head locates the file first"
        return os.fspath(self._found)

    def _send_gzip(self, path: Path):  # noqa: ANN202
        """Send ``path`` gzip-compressed (from the server's shared cache)."""
        try:
            body = self.server.gzip_cache.get(path)
        except OSError:
            return self._not_found()  # gone since it was located
        self._found = path
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self):  # noqa: ANN202
        """The site's ``404.html`` with status 404, or the stdlib's page."""
        self._found = None
        try:
            body = (Path(self.directory) / "404.html").read_bytes()
        except OSError:
            self.send_error(404)
            return None
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """A thread per connection, a shared gzip cache, and a backlog for a page load's burst."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024
    """Connections the kernel holds until accepted (capped by net.core.somaxconn)."""

    def __init__(self, address: tuple[str, int], directory: Path | str) -> None:
        self.directory = os.fspath(directory)
        self.gzip_cache = GzipCache()
        super().__init__(address, functools.partial(SiteHandler, directory=self.directory))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def precompress_in_background(self) -> threading.Thread:
        """Start compressing the site's files in a thread; requests meanwhile share its work."""
        thread = threading.Thread(target=self.gzip_cache.precompress, args=(self.directory,),
                                  name="showcase-gzip", daemon=True)
        thread.start()
        return thread

    def handle_error(self, request: object, client_address: tuple) -> None:
        """A client that hangs up mid-reply is no error of ours; anything else is logged."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            log.exception("showcase serve: error while answering %s", client_address)


@contextlib.contextmanager
def site_server(directory: Path | str, host: str = "127.0.0.1", port: int = 0) -> Iterator[SiteServer]:
    """Serve ``directory`` in a background thread; yield the server; stop on exit.

    ``port=0`` takes a free port, so parallel runs never collide.
    """
    server = SiteServer((host, port), directory)
    thread = threading.Thread(target=server.serve_forever, name="showcase-http", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def serve_directory(directory: Path | str, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the built site ``directory``; yield its base URL; stop on exit.

    Its compressible files start being compressed at once, in the background.
    """
    with site_server(directory, host, port) as server:
        server.precompress_in_background()
        yield server.url
