"""Every error syndication raises: one base class, each keeping what failed and where (a URL,
a file, a config key) and chaining the library exception that caused it."""

from __future__ import annotations

import signal
from pathlib import Path


class SyndicationError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigError(SyndicationError):
    """The configuration file is missing, unreadable or invalid."""

    def __init__(self, message: str, *, path: Path | str | None = None, key: str | None = None):
        self.path = str(path) if path is not None else None
        self.key = key
        where = ""
        if self.path:
            where = self.path
            if key:
                where += f": {key}"
        elif key:
            where = key
        super().__init__(f"{where}: {message}" if where else message)


class FetchError(SyndicationError):
    """A URL could not be fetched; ``url`` says which."""

    def __init__(self, url: str, message: str):
        self.url = url
        super().__init__(f"{url}: {message}")


class HostNotAllowedError(FetchError):
    """The URL (or a redirect) points at a host the configuration does not name."""


class RobotsDisallowedError(FetchError):
    """robots.txt disallows our User-Agent from fetching the URL."""


class ResponseTooLargeError(FetchError):
    """The body went past the configured size cap."""


class HTTPStatusError(FetchError):
    """The server answered with a status we do not accept."""

    def __init__(self, url: str, status: int, message: str = ""):
        self.status = status
        super().__init__(url, message or f"HTTP {status}")


class ParseError(SyndicationError):
    """A fetched or local document is not the shape we expect; ``url`` says which."""

    def __init__(self, url: str, message: str):
        self.url = url
        super().__init__(f"{url}: {message}")


class DocumentCut(SyndicationError):
    """The HTML parser stopped before the end of a document (its elements nested deeper than
    the parser's limit, a text larger than its buffer): the tree it gives is a truncated
    document, so nothing read from it can be judged or published
    (docs/compliance.md#deep-nesting). ``reason`` says why, as a clause."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class InputError(SyndicationError):
    """Something given on the command line cannot be used: an unreadable file, a page with no
    article of The Conversation in it, an original that does not hold the article."""


class StorageError(SyndicationError):
    """The state database could not be read or written."""

    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class PathError(StorageError):
    """A file or folder the configuration names (state file, output folder) cannot be
    created or opened: a usage error (exit status 2), said in one line naming the path."""


class PublishError(SyndicationError):
    """A feed file could not be written; what was there before is left in place."""

    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class LockedError(SyndicationError):
    """Another run holds the lock on the state file."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        super().__init__(f"another syndication run holds the lock {self.path}")


class ServeError(SyndicationError):
    """``syndication serve`` cannot serve: no such folder, or the port cannot be bound."""


class Stopped(KeyboardInterrupt):
    """A signal (SIGTERM, SIGHUP) stopped the command; handled as Ctrl-C is, so that every
    ``finally`` and rollback runs. Not a SyndicationError: nothing failed."""

    def __init__(self, signum: int):
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)
