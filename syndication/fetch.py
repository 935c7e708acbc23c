"""The only user of requests: one session with our own User-Agent, timeouts, conditional GET,
a size cap, only the hosts the config names, and one request at a time per host spaced by
``min_interval`` (SPEC §2.5)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import requests

from .config import FetchConfig
from .errors import FetchError, HostNotAllowedError, HTTPStatusError, ResponseTooLargeError
from .models import Fetched

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
ACCEPT_FEED = "application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Fetcher:
    """Fetches URLs politely. Use as a context manager, or call ``close()``."""

    def __init__(
        self,
        config: FetchConfig,
        allowed_hosts: frozenset[str],
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.config = config
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}  # host -> clock() when its last request ended
        self.requests_made = 0  # every request sent, redirects included (for reports, benchmarks)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = config.user_agent
        self.session.headers["Accept"] = ACCEPT_FEED
        # Proxies and .netrc from the environment are honoured by requests; certificate
        # checks stay on. Redirects are followed by hand so that each hop is vetted.
        self.session.max_redirects = MAX_REDIRECTS

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
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

        Raises FetchError (or a subclass) naming the URL: a host the config does not name, a
        network failure or timeout, a status other than 200/304, a body over max_bytes.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_host(url, current)
            response = self._send(url, current, headers)
            try:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    if not location:
                        raise HTTPStatusError(url, response.status_code,
                                              "redirect without Location")
                    current = urljoin(current, location)
                    log.debug("%s: redirected to %s", url, current)
                    continue
                if response.status_code == 304:
                    return Fetched(
                        url=url,
                        final_url=current,
                        status=304,
                        body=b"",
                        etag=response.headers.get("ETag") or etag,
                        last_modified=response.headers.get("Last-Modified") or last_modified,
                        content_type=response.headers.get("Content-Type"),
                    )
                if response.status_code != 200:
                    raise HTTPStatusError(url, response.status_code)
                body = self._read(url, response)
                return Fetched(
                    url=url,
                    final_url=current,
                    status=200,
                    body=body,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    content_type=response.headers.get("Content-Type"),
                )
            finally:
                response.close()
                self._last_request[host_of(current)] = self._clock()
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _check_host(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or host not in self.allowed_hosts:
            what = "redirected to" if current != url else "host of"
            raise HostNotAllowedError(
                url, f"{what} {current!r}: not a host named in the configuration"
            )

    def _wait_turn(self, host: str) -> None:
        """At most one request per min_interval seconds to a host (SPEC §2.5)."""
        last = self._last_request.get(host)
        if last is None:
            return
        delay = self.config.min_interval - (self._clock() - last)
        if delay > 0:
            self._sleep(delay)

    def _send(self, url: str, current: str, headers: dict[str, str]) -> requests.Response:
        self._wait_turn(host_of(current))
        timeout = self.config.timeout
        self.requests_made += 1
        try:
            return self.session.get(
                current,
                headers=headers,
                timeout=(timeout, timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.Timeout as e:
            raise FetchError(url, f"timed out after {timeout:g} s") from e
        except requests.ConnectionError as e:
            raise FetchError(url, f"connection failed ({_reason(e)})") from e
        except requests.RequestException as e:
            raise FetchError(url, f"request failed ({_reason(e)})") from e

    def _read(self, url: str, response: requests.Response) -> bytes:
        """The body, refused past max_bytes (decoded size, so gzip bombs count) or when the
        whole read takes longer than the timeout (a server dripping bytes)."""
        cap = self.config.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise ResponseTooLargeError(url, f"body of {int(declared)} bytes exceeds {cap}")
        deadline = self._clock() + self.config.timeout
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise ResponseTooLargeError(url, f"body exceeds {cap} bytes")
                if self._clock() > deadline:
                    raise FetchError(url, f"body not complete after {self.config.timeout:g} s")
                chunks.append(chunk)
        except requests.Timeout as e:
            raise FetchError(url, f"timed out after {self.config.timeout:g} s") from e
        except requests.RequestException as e:
            raise FetchError(url, f"body incomplete ({_reason(e)})") from e
        return b"".join(chunks)


def _reason(e: BaseException) -> str:
    """The innermost cause of a requests error, in one line."""
    inner: BaseException = e
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    text = str(inner) or type(inner).__name__
    return text.splitlines()[0][:200]
