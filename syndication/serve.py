"""``syndication serve``: the output directory over HTTP on this machine, to preview the index
page and to subscribe from a feed reader on the same computer. Feed media types, ETag and
Last-Modified on every file, 304 answers to conditional requests (RFC 9110 §13). For real
publishing use any static web host (README "Publishing")."""

from __future__ import annotations

import email.utils
import hashlib
import io
import mimetypes
import socket
import sys
import threading
import time
from datetime import UTC, datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from .errors import ServeError
from .logs import logger
from .output import FORMATS, INDEX_FILE

log = logger(__name__)

DEFAULT_HOST = "127.0.0.1"  # this machine only, unless --bind says otherwise
DEFAULT_PORT = 8000  # the demo's links point here unless `demo --port` says otherwise
IDLE_TIMEOUT = 10.0  # seconds a connection may stay silent (idle keep-alive, half-sent)
MAX_CONNECTIONS = 64  # connections served at once; more are closed at once
FULL_SAID_EVERY = 60.0  # seconds between two warnings that MAX_CONNECTIONS are open
# Our files are UTF-8: say so, so that no client guesses (RFC 7303 §3.2 for the XML types).
CONTENT_TYPES = {
    **{f".{fmt}": f"{media_type}; charset=utf-8" for fmt, media_type in FORMATS.items()},
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
}


class FeedRequestHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of the files in ``directory``: no listings, no hidden files (the
    ``.name.tmp`` files of an atomic write in progress), and conditional requests."""

    protocol_version = "HTTP/1.1"  # keep-alive for readers that fetch several feeds
    # An idle, slow or half-sent connection is closed after this many seconds without a byte
    # (StreamRequestHandler sets it on the socket): left running, serve is not exhausted
    # by connections that never finish.
    timeout = IDLE_TIMEOUT

    def version_string(self) -> str:
        return "syndication-serve"

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))  # the stdlib refuses ".." escapes here
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # 301 to the URL with a "/", as Apache does
            path = path / INDEX_FILE
        if path.name.startswith(".") or not path.is_file() or not self._inside(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            data = path.read_bytes()  # small files: read once, so the ETag matches the body
            mtime = path.stat().st_mtime
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
        last_modified = self.date_time_string(mtime)
        if self._not_modified(etag, mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(etag, last_modified)
            self.end_headers()
            return None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(data)))
        self._validators(etag, last_modified)
        self.end_headers()
        return io.BytesIO(data)

    def _inside(self, path: Path) -> bool:
        """Whether ``path``, its symbolic links followed, is in the served folder: a link
        leading out of it (to /etc/passwd, to the state database) is not served."""
        try:
            return path.resolve(strict=True).is_relative_to(Path(self.directory).resolve())
        except (OSError, RuntimeError):  # a loop of links, a vanished file
            return False

    def _validators(self, etag: str, last_modified: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        # Ask caches (browsers) to revalidate each time: a run may rewrite a file any minute.
        self.send_header("Cache-Control", "no-cache")

    def _not_modified(self, etag: str, mtime: float) -> bool:
        """RFC 9110 §13.2.2: If-None-Match first (weak comparison for GET/HEAD); only
        without it, If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip() for t in if_none_match.split(",")]
            return "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # an unreadable date is ignored (RFC 9110 §13.1.3)
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return datetime.fromtimestamp(int(mtime), UTC) <= since

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)


def content_type(path: Path) -> str:
    """The Content-Type of a file we publish; the stdlib's guess for anything else."""
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class CappedHTTPServer(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS at once: a connection beyond them is
    closed at once, so a flood of connections cannot take every thread and all memory."""

    daemon_threads = True
    # The kernel's queue of connections not yet accepted: socketserver's 5 made a burst of
    # connections (a reader refreshing every feed, or a flood) wait a second each for a
    # retransmitted SYN; the system's maximum lets the cap above decide instead.
    request_queue_size = socket.SOMAXCONN

    def __init__(self, *args: Any, **kwargs: Any):
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._holding: set[Any] = set()  # the requests holding a slot
        self._holding_lock = threading.Lock()
        self._full_said = -FULL_SAID_EVERY
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            # Said once a minute at most: a flood of connections is not a flood of lines.
            said = time.monotonic() - self._full_said < FULL_SAID_EVERY
            (log.debug if said else log.warning)(
                "%s: more than %d connections open: new ones are closed until some end",
                client_address[0], MAX_CONNECTIONS)
            if not said:
                self._full_said = time.monotonic()
            self.shutdown_request(request)
            return
        with self._holding_lock:
            self._holding.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            # Thread.start() can be interrupted (SIGTERM's Stopped) after the thread began:
            # the slot is given back once, by whichever of the two comes second, and the
            # interruption goes on (a second release raised ValueError in its place, which
            # the server logged and served on, deaf to SIGTERM).
            self._give_back(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._give_back(request)

    def _give_back(self, request: Any) -> None:
        """Release ``request``'s slot, if it still holds one."""
        with self._holding_lock:
            if request not in self._holding:
                return
            self._holding.remove(request)
        self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, not socketserver's traceback on stderr: a client that hangs up or stays
        silent is an everyday event (debug); anything else is said once (an error)."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            log.debug("%s: %s", client_address[0], error)
        else:
            log.error("%s: %s: %s", client_address[0], type(error).__name__, error)


def make_server(directory: Path, host: str = DEFAULT_HOST,
                port: int = DEFAULT_PORT) -> ThreadingHTTPServer:
    """A server for ``directory`` bound to host:port (port 0: any free port); call
    ``serve_forever()`` on it. Raises ServeError when the port cannot be bound."""
    handler = partial(FeedRequestHandler, directory=str(directory))
    try:
        server = CappedHTTPServer((host, port), handler)
    except OSError as e:
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
    server.daemon_threads = True
    return server


def server_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else host
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"
