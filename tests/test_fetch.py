"""fetch.py against the loopback server: politeness (robots.txt, spacing, Retry-After,
retries), the size cap, the deadline, and the hosts the config names. Time is injected:
nothing here sleeps for real except the drip test, which is bounded by its timeout."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import pytest

from syndication.config import FetchConfig
from syndication.errors import (
    FetchError,
    HostNotAllowedError,
    HTTPStatusError,
    ResponseTooLargeError,
    RobotsDisallowedError,
)
from syndication.fetch import ROBOTS_MAX_BYTES, Fetcher, MemoryHostState, parse_retry_after
from syndication.models import RobotsRecord
from syndication.store import Store
from syndication.urls import origin_of

from .conftest import SAMPLES
from .server import LoopbackServer, Reply

UA = "syndication-tests/0.1 (+https://example.org/contact)"
NOW = datetime(2025, 10, 1, 12, 0, tzinfo=UTC)
ROBOTS = SAMPLES / "tc-robots.txt"  # the recorded robots.txt: feeds allowed for "*"


class FakeTime:
    """A monotonic clock that only moves when the fetcher sleeps, and a wall clock."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.slept: list[float] = []
        self.now = NOW

    def clock(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.t += seconds

    def wall(self) -> datetime:
        return self.now


def fetch_config(**kw: object) -> FetchConfig:
    values: dict[str, object] = {"user_agent": UA, "min_interval": 0.0, "timeout": 2.0,
                                 "max_bytes": 10_000_000, "retries": 2, "backoff": 1.0,
                                 "max_wait": 60.0}
    values.update(kw)
    return FetchConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_fetcher(server: LoopbackServer, fake: FakeTime) -> Iterator[object]:
    made: list[Fetcher] = []

    def make(memory: MemoryHostState | None = None, **kw: object) -> Fetcher:
        f = Fetcher(fetch_config(**kw), frozenset({"127.0.0.1"}), memory=memory,
                    clock=fake.clock, sleep=fake.sleep, now=fake.wall)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


def sequence(*replies: Reply) -> Reply:
    """A path that answers with each reply in turn, then keeps giving the last one."""
    calls = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        reply = replies[min(calls["n"], len(replies) - 1)]
        calls["n"] += 1
        answer(h, reply)

    return Reply(handler=handler)


def answer(h: BaseHTTPRequestHandler, reply: Reply) -> None:
    h.send_response(reply.status)
    h.send_header("Content-Type", reply.content_type)
    h.send_header("Content-Length", str(len(reply.body)))
    for k, v in reply.headers.items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(reply.body)


# --- the User-Agent and robots.txt --------------------------------------------------------


def test_user_agent_sent_and_robots_fetched_once_per_origin(server, make_fetcher):
    server.serve("/robots.txt", ROBOTS, content_type="text/plain")
    server.serve("/a.atom", b"<feed/>")
    server.serve("/b.atom", b"<feed/>")
    f = make_fetcher()
    f.get(server.url("/a.atom"))
    f.get(server.url("/b.atom"))
    assert [r.path for r in server.requests] == ["/robots.txt", "/a.atom", "/b.atom"]
    assert {r.headers["user-agent"] for r in server.requests} == {UA}


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        # the recorded file: "*" may fetch feeds, named AI crawlers may not
        (ROBOTS.read_text(), True),
        ("User-agent: syndication-tests\nDisallow: /\n", False),
        ("User-agent: SYNDICATION-TESTS\nDisallow: /feeds/\n", False),  # case-insensitive
        ("User-agent: *\nDisallow: /feeds/\nUser-agent: syndication-tests\nAllow: /\n", True),
        ("User-agent: *\nDisallow: /\n", False),
        ("User-agent: *\nDisallow: /feeds/*.atom$\n", False),
        # a group matching only the contact URL in our User-Agent is not ours (§2.2.1)
        ("User-agent: example\nDisallow: /\n", True),
        ("", True),
    ],
)
def test_robots_rules_obeyed_for_our_product_token(server, make_fetcher, robots, allowed):
    server.serve("/robots.txt", robots, content_type="text/plain")
    server.serve("/feeds/x.atom", b"<feed/>")
    f = make_fetcher()
    if allowed:
        assert f.get(server.url("/feeds/x.atom")).status == 200
    else:
        with pytest.raises(RobotsDisallowedError, match=r"robots\.txt does not allow"):
            f.get(server.url("/feeds/x.atom"))
        assert server.requests_to("/feeds/x.atom") == []


def test_robots_404_allows_everything(server, make_fetcher):
    server.serve("/x.atom", b"<feed/>")  # no /robots.txt route: the server answers 404
    f = make_fetcher()
    assert f.get(server.url("/x.atom")).status == 200
    assert f.memory.robots(origin_of(server.base)).status == 404


@pytest.mark.parametrize("status", [500, 503, 429])
def test_robots_unreachable_disallows_for_now_and_is_not_cached(server, make_fetcher, fake,
                                                                status):
    server.serve("/robots.txt", b"oops", status=status)
    server.serve("/x.atom", b"<feed/>")
    f = make_fetcher(retries=1)
    with pytest.raises(RobotsDisallowedError, match=r"unreachable .*RFC 9309 §2\.3\.1\.4"):
        f.get(server.url("/x.atom"))
    assert server.requests_to("/x.atom") == []
    assert len(server.requests_to("/robots.txt")) == 2  # tried, and retried once
    assert f.memory.robots(origin_of(server.base)) is None  # the next run asks again


def test_robots_unreachable_uses_a_stale_copy_under_30_days(server, make_fetcher, fake):
    memory = MemoryHostState()
    origin = origin_of(server.base)
    memory.save_robots(RobotsRecord(origin, NOW - timedelta(days=5), 200,
                                    "User-agent: *\nDisallow: /private/\n"))
    server.serve("/robots.txt", b"", status=500)
    server.serve("/x.atom", b"<feed/>")
    server.serve("/private/y.atom", b"<feed/>")
    f = make_fetcher(memory, retries=0)
    assert f.get(server.url("/x.atom")).status == 200
    with pytest.raises(RobotsDisallowedError):
        f.get(server.url("/private/y.atom"))
    # ... but not one 31 days old: unreachable again means disallowed
    memory.save_robots(RobotsRecord(origin, NOW - timedelta(days=31), 200, ""))
    with pytest.raises(RobotsDisallowedError, match="unreachable"):
        make_fetcher(memory, retries=0).get(server.url("/x.atom"))


def test_robots_cached_for_a_day(server, make_fetcher, fake):
    memory = MemoryHostState()
    server.serve("/robots.txt", ROBOTS, content_type="text/plain")
    server.serve("/x.atom", b"<feed/>")
    make_fetcher(memory).get(server.url("/x.atom"))  # run 1
    fake.now = NOW + timedelta(hours=23)
    make_fetcher(memory).get(server.url("/x.atom"))  # run 2: the stored copy
    assert len(server.requests_to("/robots.txt")) == 1
    fake.now = NOW + timedelta(hours=24, seconds=1)
    make_fetcher(memory).get(server.url("/x.atom"))  # run 3: stale, fetched again
    assert len(server.requests_to("/robots.txt")) == 2


def robots_past_the_limit() -> bytes:
    """The recorded robots.txt, then comment lines past RFC 9309's parsing limit, then a rule
    beyond it: what a broken or hostile server may send (up to the 10 MB size cap)."""
    head = ROBOTS.read_bytes() + b"User-agent: *\nDisallow: /private/\n"
    filler = b"".join(b"# %07d " % i + b"x" * 90 + b"\n" for i in range(6000))
    return head + filler + b"User-agent: *\nDisallow: /beyond/\n"


@pytest.mark.parametrize("max_bytes", [10_000_000, 200_000])
def test_robots_past_the_parsing_limit_is_neither_stored_nor_parsed(server, make_fetcher,
                                                                    max_bytes):
    """RFC 9309 §2.5: a parsing limit of at least 500 KiB. A robots.txt over the size cap
    was "unreachable", so every URL of its host was refused in every run; one of 10 MB
    cost 7 s of parsing on every run (its copy is parsed again by each run of the day) and
    10 MB of the state file."""
    body = robots_past_the_limit()
    assert len(body) > ROBOTS_MAX_BYTES > max_bytes or max_bytes > len(body)
    memory = MemoryHostState()
    server.serve("/robots.txt", body, content_type="text/plain")
    server.serve("/private/x.atom", b"<feed/>")
    server.serve("/beyond/x.atom", b"<feed/>")
    f = make_fetcher(memory, max_bytes=max_bytes)
    with pytest.raises(RobotsDisallowedError):
        f.get(server.url("/private/x.atom"))
    assert f.get(server.url("/beyond/x.atom")).status == 200  # past the limit: not read
    kept = memory.robots(origin_of(server.base))
    assert kept is not None and kept.body.endswith("\n")  # whole lines only
    assert len(kept.body.encode()) <= ROBOTS_MAX_BYTES
    assert body.decode().startswith(kept.body)


def test_a_robots_copy_stored_before_the_limit_is_parsed_within_it(server, make_fetcher):
    memory = MemoryHostState()
    memory.save_robots(RobotsRecord(origin_of(server.base), NOW, 200,
                                    robots_past_the_limit().decode()))
    server.serve("/beyond/x.atom", b"<feed/>")
    assert make_fetcher(memory).get(server.url("/beyond/x.atom")).status == 200
    assert server.requests_to("/robots.txt") == []  # the copy, under a day old


def test_a_robots_copy_dated_after_now_is_fetched_again(server, make_fetcher, fake):
    """The clock went back (a VM restored, a clock set right after running ahead): a copy
    dated a year ahead was used for that year, whatever the site's rules became."""
    memory = MemoryHostState()
    memory.save_robots(RobotsRecord(origin_of(server.base), NOW + timedelta(days=365), 200,
                                    "User-agent: *\nDisallow: /\n"))
    server.serve("/robots.txt", ROBOTS, content_type="text/plain")
    server.serve("/x.atom", b"<feed/>")
    assert make_fetcher(memory).get(server.url("/x.atom")).status == 200
    assert len(server.requests_to("/robots.txt")) == 1
    kept = memory.robots(origin_of(server.base))
    assert kept is not None and kept.fetched == NOW  # dated by the clock as it is now


def test_a_wait_dated_by_a_clock_that_went_back_is_void(server, make_fetcher, fake, tmp_path):
    """A Retry-After recorded while the clock was a year ahead left the host alone for that
    year (a Retry-After is obeyed for a day at most); and, kept as the larger of the two, it
    hid the next genuine one. In the real state file, across runs."""
    server.serve("/robots.txt", ROBOTS, content_type="text/plain")
    server.serve("/x.atom", b"", status=503, headers={"Retry-After": "3600"})
    with Store(tmp_path / "state.sqlite3") as store:
        fake.now = NOW + timedelta(days=365)  # the clock runs a year ahead
        with pytest.raises(HTTPStatusError, match="left alone until 2026-10-01T13:00:00Z"):
            make_fetcher(store, max_wait=60).get(server.url("/x.atom"))
        fake.now = NOW  # set right: the host is contacted again, and asks for an hour
        with pytest.raises(HTTPStatusError, match="left alone until 2025-10-01T13:00:00Z"):
            make_fetcher(store, max_wait=60).get(server.url("/x.atom"))
        assert len(server.requests_to("/x.atom")) == 2
        fake.now = NOW + timedelta(minutes=30)  # that hour is obeyed
        with pytest.raises(FetchError, match=r"asked us .* to wait until 2025-10-01T13:00:00Z"):
            make_fetcher(store, max_wait=60).get(server.url("/x.atom"))
        assert len(server.requests_to("/x.atom")) == 2


def test_robots_redirect_off_the_configured_hosts_counts_as_unreachable(server, make_fetcher):
    server.serve("/robots.txt", b"", status=301, headers={"Location": "http://example.com/r"})
    server.serve("/x.atom", b"<feed/>")
    with pytest.raises(RobotsDisallowedError, match="not a host named in the configuration"):
        make_fetcher().get(server.url("/x.atom"))


def test_crawl_delay_spaces_requests(server, make_fetcher, fake):
    server.serve("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
    server.serve("/x.atom", b"<feed/>")
    f = make_fetcher(min_interval=1.0)
    f.get(server.url("/x.atom"))
    f.get(server.url("/x.atom"))
    assert fake.slept == [5.0, 5.0]  # robots.txt -> feed, feed -> feed: Crawl-delay, not 1 s


# --- spacing and retries ------------------------------------------------------------------


def test_min_interval_between_requests_to_one_host(server, make_fetcher, fake):
    server.serve("/x.atom", b"<feed/>")
    f = make_fetcher(min_interval=1.5)
    for _ in range(3):
        f.get(server.url("/x.atom"))
    # robots.txt, then three feeds: each waits min_interval after the previous one
    assert fake.slept == [1.5, 1.5, 1.5]


def test_5xx_retried_with_exponential_backoff(server, make_fetcher, fake):
    server.routes["/x.atom"] = sequence(Reply(status=500), Reply(status=502),
                                        Reply(body=b"<feed/>"))
    f = make_fetcher(retries=2, backoff=1.0)
    assert f.get(server.url("/x.atom")).body == b"<feed/>"
    assert fake.slept == [1.0, 2.0]


def test_retries_are_bounded(server, make_fetcher, fake):
    server.serve("/x.atom", b"", status=500)
    f = make_fetcher(retries=2, backoff=1.0)
    with pytest.raises(HTTPStatusError, match="HTTP 500, gave up after 3 tries") as e:
        f.get(server.url("/x.atom"))
    assert e.value.status == 500
    assert len(server.requests_to("/x.atom")) == 3


def test_4xx_is_not_retried(server, make_fetcher, fake):
    f = make_fetcher(retries=2)
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        f.get(server.url("/missing.atom"))
    assert len(server.requests_to("/missing.atom")) == 1
    assert fake.slept == []


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds_honoured(server, make_fetcher, fake, status):
    server.routes["/x.atom"] = sequence(Reply(status=status, headers={"Retry-After": "7"}),
                                        Reply(body=b"<feed/>"))
    f = make_fetcher(backoff=1.0)
    assert f.get(server.url("/x.atom")).status == 200
    assert fake.slept == [7.0]


def test_retry_after_http_date_honoured(server, make_fetcher, fake):
    server.routes["/x.atom"] = sequence(
        Reply(status=429, headers={"Retry-After": "Wed, 01 Oct 2025 12:00:30 GMT"}),
        Reply(body=b"<feed/>"))
    assert make_fetcher().get(server.url("/x.atom")).status == 200
    assert fake.slept == [30.0]


def test_retry_after_beyond_max_wait_leaves_the_host_alone_across_runs(server, make_fetcher,
                                                                        fake):
    memory = MemoryHostState()
    server.serve("/x.atom", b"", status=503, headers={"Retry-After": "3600"})
    server.serve("/y.atom", b"<feed/>")
    with pytest.raises(HTTPStatusError, match="Retry-After 3600 s is more than max_wait"):
        make_fetcher(memory, max_wait=60).get(server.url("/x.atom"))
    assert fake.slept == []
    assert len(server.requests_to("/x.atom")) == 1
    # the next run, half an hour later: the host is not contacted at all
    fake.now = NOW + timedelta(minutes=30)
    with pytest.raises(FetchError, match=r"asked us .* to wait until 2025-10-01T13:00:00Z"):
        make_fetcher(memory).get(server.url("/y.atom"))
    assert server.requests_to("/y.atom") == []
    # an hour later it is
    fake.now = NOW + timedelta(hours=1, seconds=1)
    assert make_fetcher(memory).get(server.url("/y.atom")).status == 200


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        ("Wed, 01 Oct 2025 12:02:00 GMT", 120.0),
        ("Wednesday, 01-Oct-25 12:02:00 GMT", 120.0),  # RFC 850, obsolete but allowed
        ("Wed Oct  1 12:02:00 2025", 120.0),  # asctime
        ("Tue, 30 Sep 2025 12:00:00 GMT", 0.0),  # in the past
        ("-5", None),
        ("soon", None),
        ("٣", None),  # an Arabic-Indic digit is a digit to str.isdigit, not to HTTP
        # beyond a day is a day: a source is never left alone for good (issue 10)
        ("86401", 86400.0),
        ("99999999999999999999", 86400.0),
        ("9" * 400, 86400.0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 86400.0),
        ("Fri, 31 Dec 9999 23:59:59 -2359", 86400.0),
        ("Mon, 01 Jan 0001 00:00:00 +1400", 0.0),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value, seconds):
    assert parse_retry_after(value, NOW) == seconds


def reset(h: BaseHTTPRequestHandler) -> None:
    """Close the connection with a TCP RST before answering."""
    import io
    import socket
    import struct

    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.wfile = io.BytesIO()  # type: ignore[assignment]  # the handler's own flush: harmless
    h.close_connection = True


def test_connection_reset_retried(server, make_fetcher, fake):
    server.routes["/x.atom"] = sequence(Reply(handler=reset), Reply(body=b"<feed/>"))
    calls = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            reset(h)
        else:
            answer(h, Reply(body=b"<feed/>"))

    server.routes["/x.atom"] = Reply(handler=handler)
    f = make_fetcher(backoff=0.5)
    assert f.get(server.url("/x.atom")).body == b"<feed/>"
    assert fake.slept == [0.5]


# --- size, deadline, hosts ------------------------------------------------------------------


def test_declared_size_over_cap_refused_before_reading(server, make_fetcher):
    def huge(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", str(50_000_000))
        h.end_headers()
        with contextlib.suppress(OSError):
            h.wfile.write(b"x" * 100_000)

    server.routes["/x.atom"] = Reply(handler=huge)
    with pytest.raises(ResponseTooLargeError, match="50000000 bytes exceeds 10000000"):
        make_fetcher().get(server.url("/x.atom"))


def stream_forever(chunk: bytes, headers: dict[str, str] | None = None):
    """An endless chunked body (no Content-Length): only our cap stops it."""

    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        try:
            for _ in range(10_000):
                h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except OSError:
            pass
        h.close_connection = True

    return handler


def test_streamed_body_over_cap_refused(server, make_fetcher):
    server.routes["/x.atom"] = Reply(handler=stream_forever(b"x" * 65536))
    with pytest.raises(ResponseTooLargeError, match="exceeds 1000000 bytes"):
        make_fetcher(max_bytes=1_000_000).get(server.url("/x.atom"))
    assert len(server.requests_to("/x.atom")) == 1  # not retried


def test_gzip_bomb_counted_decompressed(server, make_fetcher):
    bomb = gzip.compress(b"\0" * 50_000_000)  # ~50 kB on the wire, 50 MB unpacked

    def handler(h: BaseHTTPRequestHandler) -> None:
        answer(h, Reply(body=bomb, headers={"Content-Encoding": "gzip"}))

    server.routes["/x.atom"] = Reply(handler=handler)
    with pytest.raises(ResponseTooLargeError, match="exceeds 10000000 bytes"):
        make_fetcher().get(server.url("/x.atom"))


def test_drip_stopped_at_the_deadline(server):
    stop = threading.Event()

    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        try:
            for _ in range(1000):
                h.wfile.write(b"x")
                h.wfile.flush()
                if stop.wait(0.05):
                    return
        except OSError:
            pass

    server.routes["/x.atom"] = Reply(handler=drip)
    f = Fetcher(fetch_config(timeout=0.5, retries=0), frozenset({"127.0.0.1"}))
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match=r"body not complete after 0\.5 s, gave up after 1"):
            f.get(server.url("/x.atom"))
    finally:
        stop.set()
        f.close()
    assert time.monotonic() - started < 0.5 + 0.5  # the deadline, plus one read at most


def test_truncated_body_is_an_error(server, make_fetcher):
    def truncated(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "5000")
        h.end_headers()
        h.wfile.write(b"<feed>" + b"x" * 100)
        h.close_connection = True

    server.routes["/x.atom"] = Reply(handler=truncated)
    with pytest.raises(FetchError, match="body incomplete"):
        make_fetcher(retries=0).get(server.url("/x.atom"))


def test_redirect_to_another_host_refused_without_contacting_it(server, make_fetcher):
    other = LoopbackServer().start()
    try:
        other.serve("/x.atom", b"<feed/>")
        target = f"http://localhost:{other.httpd.server_address[1]}/x.atom"
        server.serve("/x.atom", b"", status=302, headers={"Location": target})
        with pytest.raises(HostNotAllowedError, match=r"redirected to .*localhost"):
            make_fetcher().get(server.url("/x.atom"))
        assert other.requests == []
    finally:
        other.stop()


@pytest.mark.parametrize("shape", ["http://localhost:{port}\\@127.0.0.1:{port}/x.atom",
                                   "HTTP://localhost:{port}\\x@127.0.0.1:{port}/x.atom"])
def test_a_redirect_whose_host_ends_at_a_backslash_is_refused(server, make_fetcher, shape):
    """urllib3 (so requests) and browsers end the host at a backslash, urlsplit does not: the
    host checked was 127.0.0.1 (configured), the host contacted localhost (another server
    here; any host in the world in general). Vetted as it is contacted now."""
    other = LoopbackServer().start()
    try:
        other.serve("/x.atom", b"<feed/>")
        target = shape.format(port=other.httpd.server_address[1])
        server.serve("/x.atom", b"", status=302, headers={"Location": target})
        with pytest.raises(HostNotAllowedError, match=r"redirected to .*not a host named"):
            make_fetcher().get(server.url("/x.atom"))
        assert other.requests == []
    finally:
        other.stop()


def test_redirects_within_the_host_followed_and_bounded(server, make_fetcher):
    server.serve("/old.atom", b"", status=301, headers={"Location": "/new.atom"})
    server.serve("/new.atom", b"<feed/>")
    got = make_fetcher().get(server.url("/old.atom"))
    assert (got.status, got.final_url) == (200, server.url("/new.atom"))
    server.serve("/loop.atom", b"", status=302, headers={"Location": "/loop.atom"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        make_fetcher().get(server.url("/loop.atom"))


def test_redirect_to_a_malformed_url_is_a_fetch_error(server, make_fetcher):
    server.serve("/x.atom", b"", status=302, headers={"Location": "http://[bad/x.atom"})
    with pytest.raises(FetchError, match=r"redirect to a URL that cannot be read"):
        make_fetcher().get(server.url("/x.atom"))


def test_conditional_get_answers_304(server, make_fetcher):
    server.serve("/x.atom", b"<feed/>")
    f = make_fetcher()
    first = f.get(server.url("/x.atom"))
    again = f.get(server.url("/x.atom"), etag=first.etag)
    assert (again.status, again.body, again.etag) == (304, b"", first.etag)
    assert server.requests_to("/x.atom")[-1].headers["if-none-match"] == first.etag
