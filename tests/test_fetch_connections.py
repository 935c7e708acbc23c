"""fetch.py keeps its connection across requests to a host: a source answering 304 must not
cost the next one a new TCP (and, on The Conversation, TLS) handshake."""

from __future__ import annotations

from typing import Any

from syndication.config import FetchConfig
from syndication.fetch import Fetcher

from .server import LoopbackServer


def test_not_modified_answers_keep_the_connection(server: LoopbackServer) -> None:
    connections: list[Any] = []
    accept = server.httpd.process_request

    def counting(request: Any, client_address: Any) -> None:
        connections.append(client_address)
        accept(request, client_address)

    server.httpd.process_request = counting  # type: ignore[method-assign]
    server.serve("/robots.txt", b"User-agent: *\nAllow: /\n", content_type="text/plain")
    urls = [server.serve(f"/{k}.atom", b"<feed/>") for k in range(3)]
    config = FetchConfig(user_agent="syndication-tests/0.1 (+https://example.org/contact)",
                         min_interval=0.0, timeout=5.0, max_bytes=1_000_000)
    with Fetcher(config, frozenset({"127.0.0.1"})) as f:
        etags = [f.get(u).etag for u in urls]
        again = [f.get(u, etag=e) for u, e in zip(urls, etags, strict=True)]
        again += [f.get(u, etag=e) for u, e in zip(urls, etags, strict=True)]
    assert all(g.not_modified for g in again)
    assert len([r for r in server.requests if r.path.endswith(".atom")]) == 9
    assert len(connections) == 1
