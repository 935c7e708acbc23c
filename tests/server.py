"""A loopback HTTP server for tests: serves recorded pages from 127.0.0.1 on a free port,
answers conditional GETs, records every request it got (to assert headers and politeness),
and can be told to misbehave per path. Never reaches beyond this machine."""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Reply:
    """What the server answers for one path. ``handler`` overrides everything (faults)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/atom+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True  # send an ETag and answer If-None-Match with 304
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-answer is what fault tests do on purpose (a size cap, a
        # deadline): not worth a traceback on stderr, where tests read the CLI's lines.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                outer._record(self)
                outer._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # a short poll: stop() returns at once instead of after half a second
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- setup --------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | str | Path, **kwargs: object) -> str:
        """Serve ``body`` (bytes, text, or a file's bytes) at ``path``; returns its URL."""
        if isinstance(body, Path):
            body = body.read_bytes()
        elif isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Reply(body=body, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def start(self) -> LoopbackServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    # --- serving ------------------------------------------------------------------------

    def _record(self, h: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(
                Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()},
                        time.monotonic())
            )

    def _answer(self, h: BaseHTTPRequestHandler) -> None:
        reply = self.routes.get(h.path.split("?", 1)[0])
        if reply is None:
            h.send_response(404)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        if reply.handler is not None:
            reply.handler(h)
            return
        etag = f'"{hashlib.sha256(reply.body).hexdigest()[:16]}"' if reply.etag else None
        if etag and reply.status == 200 and h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(reply.status)
        h.send_header("Content-Type", reply.content_type)
        h.send_header("Content-Length", str(len(reply.body)))
        if etag:
            h.send_header("ETag", etag)
        for k, v in reply.headers.items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(reply.body)
