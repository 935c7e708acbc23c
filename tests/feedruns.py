"""Helpers for the tests of what runs publish: the recorded feeds served from the loopback
server at The Conversation's paths, a clock the test moves, and snapshots of an output folder
(bytes and modification times)."""

from __future__ import annotations

import re
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


def copies(sample: Path, n: int, first_id: int) -> bytes:
    """A feed of ``n`` entries: the sample's entries in turn, each under a new id (first_id,
    first_id + 1, …), ten minutes apart, newest first. Only what names an article changes
    (its id, the number ending its link, the number in its counter's URL, its dates): the
    text is the recorded one, as benchmarks/recorded_site.py builds its site."""
    text = sample.read_text(encoding="utf-8")
    entries = re.findall(r"  <entry>.*?</entry>\n", text, re.DOTALL)
    out = [text[: text.index("  <entry>")]]
    for i in range(n):
        entry = entries[i % len(entries)]
        old = re.search(r"<id>tag:theconversation\.com,2011:article/(\d+)</id>", entry)
        assert old is not None
        new, stamp = first_id + i, (START - timedelta(minutes=10 * i)).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        for was, now in ((f"article/{old[1]}</id>", f"article/{new}</id>"),
                         (f"-{old[1]}\"/>", f"-{new}\"/>"),
                         (f"content/{old[1]}/count.gif", f"content/{new}/count.gif")):
            assert entry.count(was) == 1, was
            entry = entry.replace(was, now)
        entry = re.sub(r"<(published|updated)>[^<]*<", rf"<\1>{stamp}<", entry)
        out.append(entry)
    return ("".join(out) + "</feed>\n").encode()
