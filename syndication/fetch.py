"""The only user of requests: one session with our own User-Agent, timeouts, conditional GET,
a size cap, only the hosts the config names, robots.txt obeyed (RFC 9309, via protego), one
request at a time per host spaced by ``min_interval``, bounded retries with backoff, and
``Retry-After`` honoured (docs/the-conversation.md#robots-and-manners)."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import math
import os
import queue
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from protego import Protego

from . import utc
from .config import MAX_RETRY_AFTER, FetchConfig
from .errors import (
    FetchError,
    HostNotAllowedError,
    HTTPStatusError,
    ResponseTooLargeError,
    RobotsDisallowedError,
)
from .logs import logger
from .models import Fetched, RobotsRecord
from .urls import full_origin, host_of, joined, origin_of

log = logger(__name__)

MAX_REDIRECTS = 5  # RFC 9309 §2.3.1.2 asks robots.txt redirects be followed at least five
_CHUNK = 64 * 1024
ACCEPT_FEED = "application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Worth another try: the server is overloaded or failing for now (RFC 9110 §15.6, RFC 6585).
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Statuses whose Retry-After we obey (RFC 9110 §10.2.3; RFC 6585 §4 for 429).
RETRY_AFTER_STATUSES = frozenset({429, 503})
# RFC 9309 §2.4: a cached robots.txt SHOULD NOT be used for more than 24 hours, unless the
# file is unreachable; then we keep using the old copy for up to 30 days.
ROBOTS_TTL = timedelta(days=1)
ROBOTS_STALE_MAX = timedelta(days=30)
# RFC 9309 §2.5: a parsing limit of at least 500 KiB. What lies beyond is neither read,
# stored nor parsed: a robots.txt over the size cap (max_bytes) was "unreachable", so every
# URL of its host was refused in every run; one of 10 MB cost 7 s of protego on every run
# (its copy is parsed again by each run of the day) and 10 MB of the state file.
ROBOTS_MAX_BYTES = 500 * 1024
# The longest ETag or Last-Modified kept for the next conditional GET. Real ones are under
# 100 characters; a longer one is not kept (the next GET is unconditional): kept, a header of
# up to 64 KiB was stored, sent back in every run and shown by `syndication status`.
MAX_VALIDATOR = 1_000


class HostMemory(Protocol):
    """What a Fetcher remembers between runs (Store implements it): robots.txt copies and
    how long a host asked us to stay away."""

    def robots(self, origin: str) -> RobotsRecord | None: ...

    def save_robots(self, record: RobotsRecord) -> None: ...

    def not_before(self, host: str) -> datetime | None: ...

    def save_not_before(self, host: str, until: datetime) -> None: ...


class MemoryHostState:
    """HostMemory for one process only (a Fetcher used without a state database)."""

    def __init__(self) -> None:
        self._robots: dict[str, RobotsRecord] = {}
        self._not_before: dict[str, datetime] = {}

    def robots(self, origin: str) -> RobotsRecord | None:
        return self._robots.get(origin)

    def save_robots(self, record: RobotsRecord) -> None:
        self._robots[record.origin] = record

    def not_before(self, host: str) -> datetime | None:
        return self._not_before.get(host)

    def save_not_before(self, host: str, until: datetime) -> None:
        self._not_before[host] = until


class _Answer(NamedTuple):
    """One HTTP exchange, read: the body only for 200."""

    url: str  # the URL this answer came from (after the hops so far)
    status: int
    headers: Mapping[str, str]  # case-insensitive (requests' CaseInsensitiveDict)
    body: bytes


class _Policy(NamedTuple):
    """A host's robots.txt rules, or "disallow everything" with the reason."""

    rules: Protego | None  # None: robots.txt unreachable, nothing may be fetched (§2.3.1.4)
    reason: str  # where the rules came from, for messages

    def allows(self, url: str, agent: str) -> bool:
        return self.rules is not None and self.rules.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        return self.rules.crawl_delay(agent) if self.rules is not None else None


class _Sender:
    """A daemon thread that sends a Fetcher's requests, one at a time, so that the Fetcher
    can stop waiting for one at a deadline (Fetcher._send). One thread for all of them: a
    thread started for each request cost 0.5 ms, one handed a request 0.09 ms."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name="syndication-fetch", daemon=True).start()

    def _loop(self) -> None:
        while (job := self.jobs.get()) is not None:
            job()  # never raises: _send's job hands everything to its caller

    def stop(self) -> None:
        """End the thread once the request it is sending, if any, is over."""
        self.jobs.put(None)


class _Transient(Exception):
    """A failure worth another try: network error, timeout, incomplete body."""


class Fetcher:
    """Fetches URLs politely. Use as a context manager, or call ``close()``.

    ``clock`` (monotonic seconds) and ``sleep`` space requests and time bodies; ``now`` (UTC)
    dates robots.txt copies and Retry-After. Tests inject all three, so nothing sleeps.
    """

    def __init__(
        self,
        config: FetchConfig,
        allowed_hosts: frozenset[str],
        *,
        memory: HostMemory | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = utc.now,
        allowed_origins: frozenset[str] | None = None,
    ):
        self.config = config
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        # Narrower still when given (``syndication check``): only these full_origin()s, so
        # a redirect to another port of an allowed host is refused too.
        self.allowed_origins = allowed_origins
        self.memory: HostMemory = memory if memory is not None else MemoryHostState()
        self._clock = clock
        self._sleep = sleep
        self._now = now
        self._last_request: dict[str, float] = {}  # host -> clock() when its last request ended
        self._ready_at: dict[str, float] = {}  # host -> clock() before which we must not ask
        self._policies: dict[str, _Policy] = {}  # origin -> robots.txt rules, for this run
        # robots.txt groups are matched on the product token (RFC 9309 §2.2.1), the name
        # before "/": a contact URL in the rest of the User-Agent must not match a group.
        self.agent = config.user_agent.split("/", 1)[0].split()[0]
        self.requests_made = 0  # every request sent, redirects included (for reports, benchmarks)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = config.user_agent
        self.session.headers["Accept"] = ACCEPT_FEED
        # Proxies and .netrc from the environment are honoured by requests; certificate
        # checks stay on. Redirects are followed by hand so that each hop is vetted, and
        # retries are ours (urllib3's Retry honours any Retry-After, however long, sleeps
        # where tests cannot reach, and cannot retry a body that breaks off mid-way).
        self.session.max_redirects = MAX_REDIRECTS
        # With trust_env on, requests reads the environment again for every request (its
        # proxy variables twice over): 1.4 M instructions a request with 35 variables, 28 M
        # of a warm run of 20 sources (806 M, callgrind). It is read once per origin instead
        # (_environment), with requests' own functions, and given to each request.
        self.session.trust_env = False
        self._environments: dict[str, dict[str, Any]] = {}  # full_origin -> get() arguments
        self._sender: _Sender | None = None  # started by the first request

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._sender is not None:
            self._sender.stop()
            self._sender = None
        self.session.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """GET ``url``; with a validator, a conditional GET that may answer 304.

        Raises FetchError (or a subclass) naming the URL: a host the config does not name,
        robots.txt disallowing us, a host that asked us to wait, a network failure or timeout
        (after the retries), a status other than 200/304, a body over max_bytes.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        answer = self._follow(url, headers, robots=True)
        if answer.status == 304:
            return Fetched(
                url=url,
                final_url=answer.url,
                status=304,
                body=b"",
                etag=_validator(answer.headers.get("ETag")) or etag,
                last_modified=_validator(answer.headers.get("Last-Modified")) or last_modified,
                content_type=answer.headers.get("Content-Type"),
            )
        if answer.status != 200:
            raise HTTPStatusError(url, answer.status)
        return Fetched(
            url=url,
            final_url=answer.url,
            status=200,
            body=answer.body,
            etag=_validator(answer.headers.get("ETag")),
            last_modified=_validator(answer.headers.get("Last-Modified")),
            content_type=answer.headers.get("Content-Type"),
            policy=answer.headers.get("Content-Security-Policy"),
        )

    def sitemaps(self, url: str) -> tuple[str, ...]:
        """The sitemaps named by the robots.txt that governs ``url`` (its ``Sitemap:`` lines,
        RFC 9309 §2.2.4), each read against it, in its order. Read from the rules this
        fetcher already holds for that origin, or loaded as a fetch would load them (the
        stored copy under a day old, else fetched): robots.txt is never asked twice. ()
        when it names none; RobotsDisallowedError when it could not be read (then nothing
        of the origin may be fetched, RFC 9309 §2.3.1.4)."""
        origin = origin_of(url)
        policy = self._policies.get(origin)
        if policy is None:
            self._check_host(url, url)
            policy = self._policies[origin] = self._load_robots(origin)
        if policy.rules is None:
            raise RobotsDisallowedError(url, policy.reason)
        found = (joined(f"{origin}/robots.txt", s) for s in policy.rules.sitemaps)
        return tuple(dict.fromkeys(u for u in found if u))

    # --- hops, tries, exchanges ---------------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], *, robots: bool,
                head: int | None = None) -> _Answer:
        """The answer at the end of the redirects, each hop vetted (host, robots.txt).
        ``head``: read only the body's first ``head`` bytes (robots.txt), never too large."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_host(url, current)
            if robots:
                self._check_robots(url, current)
            answer = self._tries(url, current, headers, head)
            if answer.status not in REDIRECTS:
                return answer
            location = answer.headers.get("Location", "")
            if not location:
                raise HTTPStatusError(url, answer.status, "redirect without Location")
            target = joined(current, location)
            if target is None:  # as in _exchange, where requests reads the Location first
                raise FetchError(url, f"redirect to a URL that cannot be read: {location[:80]!r}")
            current = target
            log.debug("%s: redirected to %s", url, current)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _tries(self, url: str, current: str, headers: dict[str, str],
               head: int | None = None) -> _Answer:
        """One exchange, tried again (up to ``retries`` times) after a network error, a 5xx
        or a 429, waiting as Retry-After says or with exponential backoff."""
        host = host_of(current)
        self._check_not_before(url, host)
        retries = self.config.retries
        attempt = 0
        while True:
            retry_after: float | None = None
            status = 0
            try:
                answer = self._exchange(url, current, headers, head)
            except _Transient as e:
                problem, cause = str(e), e.__cause__
            else:
                if answer.status not in RETRY_STATUSES:
                    return answer
                status, problem, cause = answer.status, f"HTTP {answer.status}", None
                if status in RETRY_AFTER_STATUSES:
                    retry_after = parse_retry_after(answer.headers.get("Retry-After"),
                                                    self._now())
            if retry_after is not None and retry_after > self.config.max_wait:
                # A long pause asked for: respected across runs, not waited for here.
                until = self._now() + timedelta(seconds=retry_after)
                self.memory.save_not_before(host, until)
                raise HTTPStatusError(
                    url, status, f"HTTP {status}, Retry-After {retry_after:.0f} s is more than "
                    f"max_wait {self.config.max_wait:g} s: {host} is left alone until "
                    f"{utc.timestamp(until)}")
            if attempt >= retries:
                tries = f"gave up after {attempt + 1} {'try' if attempt == 0 else 'tries'}"
                if retry_after is not None:  # the next request to this host, if any, waits
                    self._ready_at[host] = max(self._ready_at.get(host, -math.inf),
                                               self._clock() + retry_after)
                if status:
                    raise HTTPStatusError(url, status, f"{problem}, {tries}")
                raise FetchError(url, f"{problem}, {tries}") from cause
            wait = (retry_after if retry_after is not None
                    else min(self.config.backoff * 2**attempt, self.config.max_wait))
            log.info("%s: %s; trying again in %g s (retry %d of %d)",
                     url, problem, wait, attempt + 1, retries)
            self._ready_at[host] = max(self._ready_at.get(host, -math.inf),
                                       self._clock() + wait)
            attempt += 1

    def _exchange(self, url: str, current: str, headers: dict[str, str],
                  head: int | None = None) -> _Answer:
        """Send one request and read its answer (the body only for 200)."""
        host = host_of(current)
        self._wait_turn(host)
        timeout = self.config.timeout
        self.requests_made += 1
        started = self._clock()
        try:
            response = self._send(current, headers, timeout)
        except requests.Timeout as e:
            raise _Transient(f"timed out after {timeout:g} s") from e
        except requests.ConnectionError as e:
            raise _Transient(f"connection failed ({_reason(e)})") from e
        except requests.RequestException as e:
            raise FetchError(url, f"request failed ({_reason(e)})") from e
        except ValueError as e:
            # requests reads a redirect's Location even when it does not follow it, and
            # urllib.parse raises on one it cannot split ("http://[bad/").
            raise FetchError(url, f"redirect to a URL that cannot be read ({e})") from e
        finally:
            self._last_request[host] = self._clock()
        try:
            body = (self._read(url, response, started, head) if response.status_code == 200
                    else b"")
            if response.status_code == 304:
                # No body (RFC 9110 §15.4.5), but reading its end lets the connection go
                # back to the pool: closed unread, it would be dropped, and the next source
                # would pay a new TCP and TLS handshake.
                response.content  # noqa: B018
            return _Answer(current, response.status_code, response.headers, body)
        finally:
            response.close()
            self._last_request[host] = self._clock()

    def _send(self, current: str, headers: dict[str, str], timeout: float
              ) -> requests.Response:
        """The response to a GET of ``current``, its status line and headers read, within
        ``timeout`` seconds (and a second's grace, so that requests' own timeouts speak
        first). requests' timeouts bound each read, not their sum: a server dripping its
        headers a byte at a time, each sooner than ``timeout``, held the run for as long as
        it dripped (days: up to 100 header lines of 64 KiB), and so every later run of cron
        (exit 75, the lock held). Sent by the sender thread, waited for here; at the
        deadline it is left to end alone with that thread (its answer, if any, is closed),
        a daemon thread that never keeps the process alive, and the next request gets a new
        one."""
        got: dict[str, Any] = {}
        done = threading.Event()
        lock = threading.Lock()

        def send() -> None:
            try:
                response = self.session.get(current, headers=headers, timeout=(timeout, timeout),
                                            allow_redirects=False, stream=True,
                                            **self._environment(current))
            except BaseException as e:  # handed to the caller, who raises it
                got["error"] = e
            else:
                with lock:
                    if got.get("abandoned"):
                        response.close()
                    else:
                        got["response"] = response
            finally:
                done.set()

        if self._sender is None:
            self._sender = _Sender()
        self._sender.jobs.put(send)
        if not done.wait(timeout + 1.0):
            self._sender.stop()
            self._sender = None
            with lock:
                got["abandoned"] = True
                late = got.pop("response", None)
            if late is not None:
                late.close()
            raise _Transient(f"headers not complete after {timeout:g} s")
        if "error" in got:
            raise got["error"]
        response: requests.Response = got["response"]
        return response

    def _read(self, url: str, response: requests.Response, started: float,
              head: int | None = None) -> bytes:
        """The body, refused past max_bytes (decoded size, so gzip bombs count) or when the
        whole exchange takes longer than the timeout (a server dripping bytes). ``head``:
        only its first ``head`` bytes are read (the rest is left unread), never refused for
        its size."""
        cap = self.config.max_bytes if head is None else head
        timeout = self.config.timeout
        declared = response.headers.get("Content-Length", "")
        if head is None and declared.isdigit() and int(declared) > cap:
            raise ResponseTooLargeError(url, f"body of {int(declared)} bytes exceeds {cap}")
        deadline = started + timeout
        chunks: list[bytes] = []
        total = 0
        try:
            while True:
                # read1: at most one socket read, so a drip cannot hold us past the deadline
                # (a plain read(n) waits until n bytes came, however slowly).
                chunk = response.raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                total += len(chunk)
                if total >= cap and head is not None:
                    chunks.append(chunk[:len(chunk) - (total - cap)])
                    break
                if total > cap:
                    raise ResponseTooLargeError(url, f"body exceeds {cap} bytes")
                if self._clock() > deadline:
                    raise _Transient(f"body not complete after {timeout:g} s")
                chunks.append(chunk)
        except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as e:
            raise _Transient(f"timed out after {timeout:g} s") from e
        except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as e:
            raise _Transient(f"body incomplete ({_reason(e)})") from e
        return b"".join(chunks)

    def _environment(self, url: str) -> dict[str, Any]:
        """What requests takes from the environment for a request to ``url`` when trust_env
        is on (Session.prepare_request, Session.merge_environment_settings): the proxies
        for its host (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, unless NO_PROXY names it), the
        credentials .netrc (or the file NETRC names) gives its host, and the CA bundle
        REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE names. Read once per origin (one entry for each
        origin a Fetcher asks: the config's hosts)."""
        origin = full_origin(url)
        found = self._environments.get(origin)
        if found is None:
            found = self._environments[origin] = {
                "proxies": requests.utils.get_environ_proxies(url),
                "auth": requests.utils.get_netrc_auth(url),
                "verify": (os.environ.get("REQUESTS_CA_BUNDLE")
                           or os.environ.get("CURL_CA_BUNDLE") or True),
            }
        return found

    # --- manners ------------------------------------------------------------------------

    def _check_host(self, url: str, current: str) -> None:
        if self.allowed_origins is not None:
            if full_origin(current) not in self.allowed_origins:
                what = "redirected to" if current != url else "at"
                raise HostNotAllowedError(
                    url, f"{what} {current!r}: refused, only "
                    f"{', '.join(sorted(self.allowed_origins))} may be fetched"
                )
            return
        host = host_of(current)
        if urlsplit(current).scheme not in ("http", "https") or host not in self.allowed_hosts:
            what = "redirected to" if current != url else "host of"
            raise HostNotAllowedError(
                url, f"{what} {current!r}: not a host named in the configuration"
            )

    def _check_not_before(self, url: str, host: str) -> None:
        until = self.memory.not_before(host)
        now = self._now()
        # A wait ending more than MAX_RETRY_AFTER from now was recorded by a clock that has
        # gone back since (a Retry-After is obeyed for a day at most): not obeyed, it would
        # have left the host alone for as long as the clock was off.
        if until is not None and now < until <= now + timedelta(seconds=MAX_RETRY_AFTER):
            raise FetchError(url, f"{host} asked us (Retry-After) to wait until "
                             f"{utc.timestamp(until)}: not contacted")

    def _wait_turn(self, host: str) -> None:
        """At most one request per min_interval (or robots.txt Crawl-delay) seconds to a
        host, and none before a retry's wait is over
        (docs/the-conversation.md#robots-and-manners)."""
        interval = self.config.min_interval
        for origin, policy in self._policies.items():
            delay = policy.crawl_delay(self.agent) if host_of(origin) == host else None
            if delay:
                interval = max(interval, min(delay, self.config.max_wait))
        ready = max(self._last_request.get(host, -math.inf) + interval,
                    self._ready_at.get(host, -math.inf))
        wait = ready - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _check_robots(self, url: str, current: str) -> None:
        origin = origin_of(current)
        policy = self._policies.get(origin)
        if policy is None:
            policy = self._policies[origin] = self._load_robots(origin)
        if not policy.allows(current, self.agent):
            raise RobotsDisallowedError(
                url, f"{policy.reason} does not allow {self.agent!r} to fetch {current}")

    def _load_robots(self, origin: str) -> _Policy:
        """The rules for ``origin``: the stored copy while under a day old, else fetched.

        RFC 9309 §2.3.1: 2xx -> its rules; 4xx -> no rules, everything allowed (§2.3.1.3);
        5xx, 429, network failure, a redirect off the configured hosts -> "unreachable":
        everything disallowed for now (§2.3.1.4), or the last copy if under 30 days old (§2.4).
        Nothing is cached on failure: the next run asks again.
        """
        record = self.memory.robots(origin)
        now = self._now()
        # A copy dated after now was dated by a clock that has gone back since: its age is
        # not known, so it is fetched again (kept, it held for as long as the clock was off).
        age = now - record.fetched if record is not None else ROBOTS_TTL
        if age < timedelta(0):
            age = ROBOTS_TTL
        if record is not None and age < ROBOTS_TTL:
            return _policy(record)
        robots_url = f"{origin}/robots.txt"
        try:
            # RFC 9309 §2.5: past its parsing limit, a robots.txt is not read at all (a
            # larger one was "too large", so "unreachable": every URL of its host refused)
            answer = self._follow(robots_url, {"Accept": "text/plain"}, robots=False,
                                  head=ROBOTS_MAX_BYTES + 1)
        except FetchError as e:
            failure = str(e)
        else:
            if answer.status == 200 or 400 <= answer.status < 500:
                # RFC 9309 §2.3: UTF-8; undecodable bytes become U+FFFD, never a crash.
                body = _robots_text(answer.body) if answer.status == 200 else ""
                record = RobotsRecord(origin, now, answer.status, body)
                self.memory.save_robots(record)
                log.debug("%s: HTTP %d, cached for a day", robots_url, answer.status)
                return _policy(record)
            failure = f"{robots_url}: HTTP {answer.status}"
        if record is not None and age < ROBOTS_STALE_MAX:
            log.info("%s; using the copy of %s", failure, utc.timestamp(record.fetched))
            return _policy(record)
        return _Policy(None, f"robots.txt unreachable ({failure}), so RFC 9309 §2.3.1.4")


def _validator(value: str | None) -> str | None:
    """A validator header as kept for the next conditional GET: None past MAX_VALIDATOR."""
    return value if value is None or len(value) <= MAX_VALIDATOR else None


def _robots_text(body: bytes) -> str:
    """A robots.txt's text within the parsing limit (RFC 9309 §2.5), cut at the end of its
    last whole line: a line cut short could say less than it did ("Disallow: /private"
    cut to "Disallow: /priv" is another rule; cut to "Allow: /" a wider one)."""
    if len(body) > ROBOTS_MAX_BYTES:
        body = body[:ROBOTS_MAX_BYTES]
        body = body[:body.rfind(b"\n") + 1]
    return body.decode("utf-8", "replace")


def _policy(record: RobotsRecord) -> _Policy:
    if record.status != 200:
        return _Policy(Protego.parse(""), f"{record.origin}/robots.txt (HTTP {record.status})")
    # a copy stored before the limit was applied is parsed within it too
    body = record.body
    if len(body) > ROBOTS_MAX_BYTES:
        body = _robots_text(body.encode("utf-8", "replace"))
    return _Policy(Protego.parse(body), f"{record.origin}/robots.txt")


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an
    HTTP-date. None when absent or unreadable; a date in the past is 0; at most
    MAX_RETRY_AFTER, however far the header points."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # "-0000" or no zone: HTTP-dates are always GMT
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return min(max(0.0, seconds), MAX_RETRY_AFTER)




def _reason(e: BaseException) -> str:
    """The innermost cause of a requests error, in one line."""
    inner: BaseException = e
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    text = str(inner) or type(inner).__name__
    return text.splitlines()[0][:200]
