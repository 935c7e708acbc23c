"""syndication: licence-compliant RSS 2.0 and Atom 1.0 feeds of The Conversation's Creative
Commons articles. The library API is here; the command line is in ``cli``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

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
from .models import Outcome, RunReport

if TYPE_CHECKING:
    from .models import Article, Author, Finding, Verdict

__version__ = "0.1.0"

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

# A library logs; only the CLI decides where records go.
logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    """Article, Author, Finding and Verdict, defined on first use (see models)."""
    if name in ("Article", "Author", "Finding", "Verdict"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(config: Config) -> RunReport:
    """Fetch, check and publish everything ``config`` names (see ``pipeline.run``)."""
    from .pipeline import run as _run  # imported on use: `import syndication` stays light

    return _run(config)
