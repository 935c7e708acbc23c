"""`syndication serve`, through its entry point: the output folder on 127.0.0.1 with the feeds'
media types, ETag and Last-Modified, 304 answers to conditional requests, index.html at /,
and nothing outside the folder or hidden in it."""

from __future__ import annotations

import email.utils
import http.client
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from syndication.output import write_if_changed
from syndication.serve import MAX_CONNECTIONS, make_server

from .golden import GOLDEN

FILES = {  # name -> the media type it must be served with
    "all.atom": "application/atom+xml",
    "all.rss": "application/rss+xml",
    "all.json": "application/feed+json",
    "index.html": "text/html",
}


class Served:
    def __init__(self, proc: subprocess.Popen[str], url: str, folder: Path):
        self.proc = proc
        self.folder = folder
        self.host, port = url.removeprefix("http://").rstrip("/").split(":")
        self.port = int(port)

    def get(self, path: str, headers: dict[str, str] | None = None,
            method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request(method, path, headers=headers or {})
            answer = conn.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            conn.close()


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "syndication", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # "Serving DIR on http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    if not line:
        proc.wait(timeout=10)
        assert proc.stderr is not None
        pytest.fail(f"serve did not start: {proc.stderr.read()}")
    url = next(w for w in line.split() if w.startswith("http://"))
    return proc, url


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    folder = tmp_path / "feeds"
    folder.mkdir()
    for name in FILES:
        (folder / name).write_bytes((GOLDEN / name).read_bytes())
    (folder / ".all.atom.x1y2.tmp").write_bytes(b"half a feed")  # a write in progress
    (tmp_path / "secret.txt").write_text("outside the folder", encoding="utf-8")
    proc, url = _start("--dir", str(folder))
    assert url.startswith("http://127.0.0.1:")  # localhost only, by default
    try:
        yield Served(proc, url, folder)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.parametrize("name", list(FILES))
def test_files_are_served_with_their_media_type_and_validators(
    served: Served, name: str
) -> None:
    status, headers, body = served.get(f"/{name}")
    assert status == 200
    assert headers["content-type"].split(";")[0] == FILES[name]
    assert "charset=utf-8" in headers["content-type"]
    assert body == (served.folder / name).read_bytes()
    assert headers["content-length"] == str(len(body))
    assert headers["etag"].startswith('"') and headers["etag"].endswith('"')
    mtime = int((served.folder / name).stat().st_mtime)
    assert email.utils.parsedate_to_datetime(headers["last-modified"]).timestamp() == mtime


def test_conditional_requests_get_304(served: Served) -> None:
    _, first, _ = served.get("/all.atom")
    etag, last_modified = first["etag"], first["last-modified"]

    status, headers, body = served.get("/all.atom", {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert headers["etag"] == etag  # a 304 repeats the validators (RFC 9110 15.4.5)
    status, _, _ = served.get("/all.atom", {"If-None-Match": f'"other", W/{etag}'})
    assert status == 304  # weak comparison, any tag in the list
    status, _, _ = served.get("/all.atom", {"If-Modified-Since": last_modified})
    assert status == 304
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
    status, _, body = served.get("/all.atom", {"If-None-Match": '"other"',
                                               "If-Modified-Since": last_modified})
    assert status == 200 and body
    status, _, _ = served.get("/all.atom", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert status == 200
    status, _, _ = served.get("/all.atom", {"If-Modified-Since": "not a date"})
    assert status == 200


def test_a_rewritten_file_gets_a_new_etag(served: Served) -> None:
    _, before, _ = served.get("/all.json")
    path = served.folder / "all.json"
    assert write_if_changed(path, path.read_bytes() + b"\n")
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    status, after, _ = served.get("/all.json", {"If-None-Match": before["etag"]})
    assert status == 200
    assert after["etag"] != before["etag"]
    assert after["last-modified"] != before["last-modified"]


def test_head_and_index(served: Served) -> None:
    status, headers, body = served.get("/", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-type"].startswith("text/html")
    assert headers["content-length"] == str((served.folder / "index.html").stat().st_size)
    status, _, body = served.get("/")
    assert body == (served.folder / "index.html").read_bytes()


@pytest.mark.parametrize("path", ["/missing.atom", "/.all.atom.x1y2.tmp", "/../secret.txt",
                                  "/%2e%2e/secret.txt"])
def test_nothing_else_is_served(served: Served, path: str) -> None:
    status, _, body = served.get(path)
    assert status == 404
    assert b"outside the folder" not in body and b"half a feed" not in body


def test_serve_reads_the_folder_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_bytes(b"<!DOCTYPE html><title>x</title>")
    (tmp_path / "config.toml").write_text(
        '[site]\ntitle = "T"\nbase_url = "https://example.org/"\noutput_dir = "public"\n'
        '[fetch]\nuser_agent = "t (+https://example.org/)"\n'
        '[[feed]]\nname = "a"\ntitle = "A"\nsources = ["https://theconversation.com/us/articles.atom"]\n',
        encoding="utf-8",
    )
    proc, url = _start("--config", str(tmp_path / "config.toml"))
    try:
        served = Served(proc, url, tmp_path / "public")
        status, _, body = served.get("/")
        assert (status, body) == (200, b"<!DOCTYPE html><title>x</title>")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


@pytest.mark.parametrize(("args", "message"), [
    (["--dir", "no/such/folder"], "no such directory"),
    (["--port", "70000", "--dir", "."], "--port 70000"),
    (["--dir", ".", "--config", "x.toml"], "not allowed with argument"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "syndication", "serve", *args],
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 2
    assert message in done.stderr


def test_help() -> None:
    done = subprocess.run([sys.executable, "-m", "syndication", "serve", "--help"],
                          capture_output=True, text=True, timeout=30, check=True)
    for word in ("--port", "--dir", "--config", "--bind", "application/feed+json", "304"):
        assert word in done.stdout


def test_an_interrupted_thread_start_gives_the_slot_back_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM raises Stopped (a KeyboardInterrupt) wherever the main thread is: inside
    Thread.start(), after the connection's thread began, the slot must be given back once and
    the interruption must go on. A second release raised ValueError instead, which the server
    logged and served on, deaf to SIGTERM."""
    server = make_server(tmp_path, port=0)
    start = threading.Thread.start

    def started_then_interrupted(thread: threading.Thread) -> None:
        start(thread)
        thread.join(timeout=10)  # the connection is served and its thread has ended
        raise KeyboardInterrupt

    ours, theirs = socket.socketpair()
    theirs.close()  # the client hangs up: the connection's thread ends at once
    monkeypatch.setattr(threading.Thread, "start", started_then_interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            server.process_request(ours, ("127.0.0.1", 1))
    finally:
        monkeypatch.undo()
        server.server_close()
    # Every slot free again: MAX_CONNECTIONS may be taken, and not one more.
    slots = server._slots  # type: ignore[attr-defined]
    assert all(slots.acquire(blocking=False) for _ in range(MAX_CONNECTIONS))
    assert not slots.acquire(blocking=False)
