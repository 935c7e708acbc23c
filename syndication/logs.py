"""The package's loggers and how the CLI shows their records. A library logs; only the CLI
decides where records go (``to_stderr``), and until it does the "syndication" logger holds a
NullHandler. Only the modules that log import this one, so a command that logs nothing
(``check PAGE --original FILE``) loads no logging: tests/test_lazy_imports.py."""

from __future__ import annotations

import logging
import sys

from .safetext import clipped, printable

PACKAGE = logging.getLogger("syndication")
PACKAGE.addHandler(logging.NullHandler())


def logger(name: str) -> logging.Logger:
    """The logger of module ``name`` (a child of PACKAGE)."""
    return logging.getLogger(name)


class _PrintableFormatter(logging.Formatter):
    """Log lines with control characters escaped and passwords redacted: they quote feeds,
    pages and source URLs. A message is at most safetext.LINE_MAX characters (a traceback
    added by -vv is not cut)."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = clipped(record.message)
        return super().formatMessage(record)


def to_stderr(verbose: int) -> None:
    """Quiet for cron: warnings and errors only, unless -v or -vv."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PrintableFormatter("syndication: %(message)s"))
    PACKAGE.handlers[:] = [handler]
    PACKAGE.setLevel(level)
    PACKAGE.propagate = False
