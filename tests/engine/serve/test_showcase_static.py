"""The static server behind `showcase serve`: strict URL-to-file mapping, gzip once, bursts.

Every request goes over real HTTP to the server on 127.0.0.1 (a free port), written as raw
bytes so a test can send what a browser never would (NUL, bad escapes, non-UTF-8 bytes).
"""

import concurrent.futures
import gzip
import http.client
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from showcase.serve import static
from showcase.serve.static import GzipCache, SiteServer, serve_directory, site_server

NOT_HERE = b"<p>not here</p>"
SCRIPT = b"console.log('app');\n" * 400


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def request(url: str, target: bytes, method: bytes = b"GET", headers: bytes = b"") -> Reply:
    """Send one raw HTTP/1.0 request; read the reply until the server closes."""
    host, port = url.removeprefix("http://").strip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(method + b" " + target + b" HTTP/1.0\r\n" + headers + b"\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    assert data, f"empty reply to {target[:80]!r}"
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines)
    return Reply(int(status_line.split()[1]), fields, body)


def make_site(where: Path) -> Path:
    """A small built site, with the traps an attacker would look for around it."""
    root, outside = where / "site", where / "outside"
    (root / "page").mkdir(parents=True)
    (root / "pagé").mkdir()
    (root / "pagé" / "index.html").write_text("<p>accent</p>")
    (root / "assets").mkdir()
    (root / "empty").mkdir()
    (root / "noindex").mkdir()
    (root / "index-out").mkdir()
    (outside / "folder").mkdir(parents=True)
    (root / "index.html").write_text("<p>home</p>" * 100)
    (root / "404.html").write_bytes(NOT_HERE)
    (root / "page" / "index.html").write_text("<p>page</p>")
    (root / "assets" / "app.js").write_bytes(SCRIPT)
    (root / "assets" / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 8)
    (root / "noindex" / "readme.txt").write_text("no index here")
    (root / "file with space.html").write_text("<p>space</p>")
    (root / "café.html").write_text("<p>café</p>")
    (outside / "secret.txt").write_text("secret")
    (outside / "folder" / "index.html").write_text("<p>secret folder</p>")
    (root / "link-out").symlink_to(outside / "secret.txt")
    (root / "dir-link-out").symlink_to(outside / "folder")
    (root / "index-out" / "index.html").symlink_to(outside / "folder" / "index.html")
    (root / "link-in").symlink_to(root / "page" / "index.html")
    (root / "loop").symlink_to(root / "loop")
    os.mkfifo(root / "fifo")  # opening it would block: never opened
    return root


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path)


@pytest.fixture
def url(site) -> str:
    with serve_directory(site) as base:
        yield base


@pytest.fixture(scope="module")
def shared_url(tmp_path_factory) -> str:
    """One server for the tables of requests that change nothing (each server takes 0.5 s to stop)."""
    with serve_directory(make_site(tmp_path_factory.mktemp("static"))) as base:
        yield base


NOT_FOUND = [
    # names too long for the file system: one segment, or the whole path
    b"/" + b"a" * 255, b"/" + b"a" * 256, b"/" + b"a" * 1000, b"/page/" + b"a" * 256 + b"/index.html",
    b"/" + b"a/" * 3000, b"/" + b"a" * 60_000,
    # NUL bytes, raw or encoded
    b"/%00", b"/index.html%00", b"/index.html%00.png", b"/index.html\x00", b"/%00/../index.html",
    # encoded slashes and backslashes: a segment is a name, never a path
    b"/page%2Findex.html", b"/page%2findex.html", b"/%2Fetc%2Fpasswd", b"/%2F", b"/%2F%2F",
    b"/..%5C..%5Cetc%5Cpasswd", b"/..\\..\\etc\\passwd",
    # dot segments, raw or encoded: no escape, and no second name for a file either
    b"/../../etc/passwd", b"/..", b"/page/../index.html", b"/./index.html", b"/%2e%2e/%2e%2e/etc/passwd",
    b"/%2E%2E/", b"/page/%2e%2e/index.html", b"/%2e/index.html", b"/.%2e/.%2e/etc/passwd",
    b"/%252e%252e/index.html",
    # percent-encoding that is not
    b"/%", b"/%z", b"/%zz", b"/index%2.html", b"/%%32%65", b"/page/%",
    # bytes that are not UTF-8, raw or encoded; the classic overlong dots
    b"/%e9", b"/%ff%fe", b"/%c3%28", b"/\xe9", b"/\xff\xfe", b"/%c0%ae%c0%ae/index.html",
    # folders without an index, a file taken for a folder
    b"/empty", b"/empty/", b"/noindex", b"/noindex/", b"/index.html/", b"/assets/app.js/", b"/index.html/x",
    # symlinks that lead outside the site, or nowhere
    b"/link-out", b"/dir-link-out", b"/dir-link-out/", b"/dir-link-out/index.html", b"/index-out/",
    b"/index-out", b"/loop", b"/loop/x",
    # not a regular file; not a path at all
    b"/fifo", b"*", b"http://127.0.0.1/index.html", b"index.html", b"/missing", b"/missing/",
    b"/missing?q=%zz",
]


@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
@pytest.mark.parametrize("target", NOT_FOUND, ids=lambda t: repr(t[:40]))
def test_what_the_server_cannot_map_is_a_404(shared_url, target, method, capfd, caplog):
    reply = request(shared_url, target, method)
    assert reply.status == 404
    assert int(reply.headers["Content-Length"]) == len(NOT_HERE)
    assert reply.body == (NOT_HERE if method == b"GET" else b"")
    assert "Traceback" not in capfd.readouterr().err and not caplog.records


FOUND = [
    (b"/", b"<p>home</p>"), (b"/index.html", b"<p>home</p>"), (b"/page/", b"<p>page</p>"),
    (b"/page//", b"<p>page</p>"), (b"/assets//app.js", SCRIPT[:20]), (b"/link-in", b"<p>page</p>"),
    (b"/file%20with%20space.html", b"space"), (b"/caf%C3%A9.html", "café".encode()),
    ("/café.html".encode(), "café".encode()), (b"/index.html?q=%zz#x", b"<p>home</p>"),
    (b"/%69ndex.html", b"<p>home</p>"),
]


@pytest.mark.parametrize(("target", "expected"), FOUND, ids=lambda t: repr(t[:40]))
def test_what_a_browser_asks_for_is_served(shared_url, target, expected):
    reply = request(shared_url, target)
    assert reply.status == 200 and expected in reply.body


@pytest.mark.parametrize(("target", "location"), [
    (b"/page", "/page/"), (b"/page?x=1", "/page/?x=1"), (b"//page", "/page/"),  # never //host/
    (b"//page?x", "/page/?x"), (b"/%70age", "/%70age/"), ("/pagé".encode(), "/pag%C3%A9/"),
])
def test_a_folder_without_its_slash_is_redirected_to_it(shared_url, target, location):
    reply = request(shared_url, target)
    assert (reply.status, reply.headers["Location"], reply.body) == (301, location, b"")


def test_a_request_line_past_the_stdlib_limit_gets_a_reply(shared_url):
    reply = request(shared_url, b"/" + b"a" * 70_000)  # http.server's own limit: 64 KiB
    assert reply.status == 414


def test_compressible_files_are_gzipped_for_browsers_that_accept_it(url, site):
    reply = request(url, b"/assets/app.js", headers=b"Accept-Encoding: gzip, deflate, br\r\n")
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] == "gzip" and reply.headers["Vary"] == "Accept-Encoding"
    assert reply.headers["Cache-Control"] == "no-cache"
    assert reply.headers["Content-Type"] == "text/javascript"
    assert int(reply.headers["Content-Length"]) == len(reply.body) < len(SCRIPT) / 10
    assert gzip.decompress(reply.body) == SCRIPT

    head = request(url, b"/assets/app.js", b"HEAD", headers=b"Accept-Encoding: gzip\r\n")
    assert head.headers["Content-Length"] == reply.headers["Content-Length"] and head.body == b""

    plain = request(url, b"/assets/app.js")
    assert "Content-Encoding" not in plain.headers and plain.body == SCRIPT
    assert plain.headers["Vary"] == "Accept-Encoding" and "Last-Modified" in plain.headers
    assert int(plain.headers["Content-Length"]) == len(SCRIPT)

    image = request(url, b"/assets/logo.png", headers=b"Accept-Encoding: gzip\r\n")
    assert "Content-Encoding" not in image.headers and "Vary" not in image.headers
    assert image.body == (site / "assets" / "logo.png").read_bytes()


def test_an_unchanged_file_is_not_sent_again(url):
    first = request(url, b"/assets/app.js")
    since = f"If-Modified-Since: {first.headers['Last-Modified']}\r\n".encode()
    again = request(url, b"/assets/app.js", headers=since)
    assert again.status == 304 and again.body == b""


def test_a_rebuilt_file_is_compressed_afresh(url, site):
    gzipped = b"Accept-Encoding: gzip\r\n"
    assert gzip.decompress(request(url, b"/assets/app.js", headers=gzipped).body) == SCRIPT
    (site / "assets" / "app.js").write_bytes(b"rebuilt();\n")
    assert gzip.decompress(request(url, b"/assets/app.js", headers=gzipped).body) == b"rebuilt();\n"


@pytest.fixture
def compressions(monkeypatch) -> list[int]:
    """Count gzip compressions (and make each slow enough for requests to overlap it)."""
    calls, compress = [], gzip.compress

    def counted(data: bytes, **kwargs: object) -> bytes:
        calls.append(len(data))
        time.sleep(0.2)
        return compress(data, **kwargs)

    monkeypatch.setattr(static.gzip, "compress", counted)
    return calls


def test_a_file_asked_for_by_many_threads_is_compressed_once(tmp_path, compressions):
    (tmp_path / "big.wasm").write_bytes(b"\0asm" * 100_000)
    cache = GzipCache()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        bodies = list(pool.map(lambda _: cache.get(tmp_path / "big.wasm"), range(32)))
    assert len(compressions) == 1 and len(set(bodies)) == 1
    assert gzip.decompress(bodies[0]) == b"\0asm" * 100_000


def test_a_file_that_cannot_be_read_is_tried_again(tmp_path):
    cache = GzipCache()
    with pytest.raises(OSError):
        cache.get(tmp_path / "later.js")
    (tmp_path / "later.js").write_text("ok")
    assert gzip.decompress(cache.get(tmp_path / "later.js")) == b"ok"


def test_precompress_takes_the_compressible_files_inside_the_site(site, compressions):
    GzipCache().precompress(site)
    compressible = [p for p in site.rglob("*") if p.suffix in static.COMPRESSED and not p.is_symlink()]
    assert sorted(compressions) == sorted(p.stat().st_size for p in compressible)
    assert compressions[0] == max(compressions)  # the largest first: it takes longest


def test_a_cold_burst_is_answered_in_full_with_one_compression_per_file(site, compressions):
    """200 connections at once on a fresh server: every reply complete and right (no timing here)."""
    wasm = bytes(range(256)) * 8_000  # 2 MB
    (site / "assets" / "engine.wasm").write_bytes(wasm)
    targets = ["/", "/page/", "/assets/app.js", "/assets/logo.png", "/assets/engine.wasm"] * 40
    expected = {"/": "<p>home</p>" * 100, "/page/": "<p>page</p>"}
    with site_server(site) as server:  # no background compression: the burst itself is the cold start

        def fetch(target: str) -> tuple[str, int, bytes, str | None]:
            connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=60)
            connection.request("GET", target, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            return target, response.status, body, response.getheader("Content-Encoding")

        with concurrent.futures.ThreadPoolExecutor(200) as pool:
            replies = list(pool.map(fetch, targets))
    assert all(status == 200 for _, status, _, _ in replies)
    for target, _, body, encoding in replies:
        content = gzip.decompress(body) if encoding == "gzip" else body
        if target in expected:
            assert content.decode() == expected[target]
        else:
            assert content == (site / target.lstrip("/")).read_bytes()
    sent = ["index.html", "page/index.html", "assets/app.js", "assets/engine.wasm"]
    assert sorted(compressions) == sorted((site / name).stat().st_size for name in sent)  # once each


def test_a_silent_connection_is_closed(site, monkeypatch):
    monkeypatch.setattr(static.SiteHandler, "timeout", 0.5)
    with site_server(site) as server, socket.create_connection(server.server_address, timeout=10) as sock:
        assert sock.recv(1024) == b""  # closed by the server, without a reply to a request never sent
        assert request(server.url, b"/").status == 200


def test_the_backlog_holds_a_page_loads_burst():
    assert SiteServer.request_queue_size >= 200


def test_serve_directory_starts_compressing_at_once(site, compressions):
    compressible = [p for p in site.rglob("*") if p.suffix in static.COMPRESSED and not p.is_symlink()]
    with serve_directory(site) as url:
        deadline = time.monotonic() + 30
        while len(compressions) < len(compressible) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(compressions) == len(compressible)
        reply = request(url, b"/assets/app.js", headers=b"Accept-Encoding: gzip\r\n")
        assert gzip.decompress(reply.body) == SCRIPT and len(compressions) == len(compressible)
