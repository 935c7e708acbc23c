"""syndication: licence-compliant RSS 2.0 and Atom 1.0 feeds of The Conversation's Creative
Commons articles. The library API is here; the command line is in ``cli``."""

from __future__ import annotations

from ._version import __version__
from .config import Config, load_config
from .errors import (
    ConfigError,
    FetchError,
    LockedError,
    ParseError,
    PublishError,
    StorageError,
    SyndicationError,
)
from .models import Article, Author, Finding, Outcome, RunReport, Verdict

__all__ = [
    "Article",
    "Author",
    "Config",
    "ConfigError",
    "FetchError",
    "Finding",
    "LockedError",
    "Outcome",
    "ParseError",
    "PublishError",
    "RunReport",
    "StorageError",
    "SyndicationError",
    "Verdict",
    "__version__",
    "load_config",
    "run",
]

def run(config: Config) -> RunReport:
    """Fetch, check and publish everything ``config`` names (see ``pipeline.run``)."""
    # Deferred: every command imports this package, and `syndication check` or `serve` must
    # not load what a run needs (requests, sqlite3, filelock):
    # tests/test_lazy_imports.py::test_importing_the_package_loads_no_run_machinery.
    from .pipeline import run as _run

    return _run(config)
