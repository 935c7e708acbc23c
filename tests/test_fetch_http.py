"""fetch.py against the loopback server: our User-Agent, conditional GET, the hosts the config
names, the size cap, and per-host spacing (with a recorded clock: no real waiting)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from syndication.config import FetchConfig
from syndication.errors import (
    FetchError,
    HostNotAllowedError,
    HTTPStatusError,
    ResponseTooLargeError,
)
from syndication.fetch import Fetcher

from .server import LoopbackServer, Reply

UA = "syndication-tests/0.1 (+https://example.org/contact)"


def fetcher(min_interval: float = 0.0, max_bytes: int = 10_000_000, **kwargs: object) -> Fetcher:
    config = FetchConfig(user_agent=UA, min_interval=min_interval, timeout=5.0,
                         max_bytes=max_bytes, retries=0)
    return Fetcher(config, frozenset({"127.0.0.1"}), **kwargs)  # type: ignore[arg-type]


def test_get_sends_our_user_agent_and_keeps_validators(server: LoopbackServer) -> None:
    stamp = "Fri, 26 Sep 2025 12:30:52 GMT"
    url = server.serve("/a.atom", b"<feed/>", headers={"Last-Modified": stamp})
    with fetcher() as f:
        got = f.get(url)
    assert got.status == 200 and got.body == b"<feed/>"
    assert got.etag and got.last_modified == "Fri, 26 Sep 2025 12:30:52 GMT"
    robots, req = server.requests  # robots.txt first (404 here: everything allowed)
    assert robots.path == "/robots.txt" and robots.headers["user-agent"] == UA
    assert req.headers["user-agent"] == UA
    assert "application/atom+xml" in req.headers["accept"]


def test_conditional_get_answers_not_modified(server: LoopbackServer) -> None:
    url = server.serve("/a.atom", b"<feed/>")
    with fetcher() as f:
        first = f.get(url)
        second = f.get(url, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified and second.body == b"" and second.etag == first.etag
    assert server.requests_to("/a.atom")[1].headers["if-none-match"] == first.etag


def test_hosts_not_in_the_config_are_refused_before_any_request(server: LoopbackServer) -> None:
    with fetcher() as f, pytest.raises(HostNotAllowedError):
        f.get(server.url("/a.atom").replace("127.0.0.1", "localhost"))
    assert server.requests == []


def test_redirect_within_allowed_hosts_is_followed(server: LoopbackServer) -> None:
    target = server.serve("/new.atom", b"<feed/>")

    def moved(h: BaseHTTPRequestHandler) -> None:
        h.send_response(301)
        h.send_header("Location", "/new.atom")
        h.send_header("Content-Length", "0")
        h.end_headers()

    server.routes["/old.atom"] = Reply(handler=moved)
    with fetcher() as f:
        got = f.get(server.url("/old.atom"))
    assert got.body == b"<feed/>" and got.final_url == target


@pytest.mark.parametrize("declared", [True, False])
def test_bodies_over_the_cap_are_refused(server: LoopbackServer, declared: bool) -> None:
    body = b"x" * 5000

    def stream(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        if declared:
            h.send_header("Content-Length", str(len(body)))
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(body)
        h.close_connection = True

    server.routes["/big"] = Reply(handler=stream)
    with fetcher(max_bytes=2048) as f, pytest.raises(ResponseTooLargeError) as info:
        f.get(server.url("/big"))
    assert "2048" in str(info.value)


def test_error_status_names_the_url(server: LoopbackServer) -> None:
    url = server.serve("/gone", b"", status=410)
    with fetcher() as f, pytest.raises(HTTPStatusError) as info:
        f.get(url)
    assert info.value.status == 410 and url in str(info.value)


def test_connection_refused_is_a_fetch_error() -> None:
    with fetcher() as f, pytest.raises(FetchError) as info:
        f.get("http://127.0.0.1:9/feed.atom")  # discard port: nothing listens
    assert "connection failed" in str(info.value)


def test_requests_to_one_host_are_spaced_by_min_interval(server: LoopbackServer) -> None:
    url = server.serve("/a.atom", b"<feed/>")
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with fetcher(min_interval=1.5, clock=lambda: now[0], sleep=sleep) as f:
        f.get(url)
        now[0] += 0.5  # half a second of work between the two requests
        f.get(url)
        now[0] += 2.0  # longer than min_interval: no wait
        f.get(url)
    # robots.txt -> first feed request: 1.5; then 1.0 after half a second of work
    assert slept == [pytest.approx(1.5), pytest.approx(1.0)]
    assert len(server.requests_to("/a.atom")) == 3
