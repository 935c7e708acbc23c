"""Helpers for the tests of what runs publish: the recorded feeds served from the loopback
server at The Conversation's paths, a clock the test moves, and snapshots of an output folder
(bytes and modification times)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .conftest import ENV_FEED, FR_FEED
from .server import LoopbackServer

ENV_PATH = "/us/environment/articles.atom"
# A section's path: a whole edition (/fr/articles.atom) taken unselected is refused
# (docs/compliance.md#rules selective), and these tests are about what a run publishes, not about
# selection.
FR_PATH = "/fr/sciences/articles.atom"
START = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock for pipeline.run(clock=…): stands still until the test moves it."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def serve_recorded(server: LoopbackServer, *, etag: bool = True) -> tuple[str, str]:
    """Serve the recorded US environment feed and the built French feed; their URLs."""
    return (server.serve(ENV_PATH, ENV_FEED, etag=etag),
            server.serve(FR_PATH, FR_FEED, etag=etag))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder``: name -> (bytes, st_mtime_ns)."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir()) if p.is_file()
    }
