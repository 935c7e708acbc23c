"""Hostile and odd conditions that outlive one run (issue 10, eighth round): state that a bad
answer or a wrong clock leaves behind, and what it costs every later run. The real pipeline
against the loopback server and a real state file; negatives built in memory from the
recorded feed (never an edited sample)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication.config import Config, load_config

from .harness import (
    ENV,
    ENV_ID,
    ENV_PATH,
    ROBOTS,
    Site,
    assert_nothing_unverified,
    db_consistent,
    drive,
    entry_contents,
)
from .server import LoopbackServer

SCIENCE_PATH = "/us/science/articles.atom"
# The recorded entry corrected by The Conversation (one word of its text, dated a day later),
# built in memory; the recorded one is then the stale copy a second feed still carries.
CORRECTED = ENV.replace(b"That balance", b"That equilibrium", 1).replace(
    b"<updated>2025-09-26T12:30:52Z</updated>\n    <link",
    b"<updated>2025-09-27T08:00:00Z</updated>\n    <link", 1)
assert CORRECTED.count(b"That equilibrium") == 1 and CORRECTED.count(b"2025-09-27T08") == 1


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def site(server: LoopbackServer, tmp_path: Path) -> Site:
    return Site(server, tmp_path)


def two_feeds(site: Site, first: str, second: str) -> Config:
    """A config of two feeds, each reading one source, ``first``'s source read first."""
    text = site.config_path().read_text(encoding="utf-8").split("[[feed]]")[0]
    for name, path in (("first", first), ("second", second)):
        text += (f'[[feed]]\nname = "{name}"\ntitle = "Feed {name}"\n'
                 f'sources = ["{site.server.url(path)}"]\n')
    path = site.tmp / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@pytest.mark.parametrize("corrected_first", [True, False])
def test_a_stale_copy_in_another_feed_never_undoes_a_correction(site, capsys,
                                                                corrected_first: bool) -> None:
    """The Conversation's feeds (an edition's, a section's) and the caches in front of them
    carry an article before and after its correction for days. The stale copy used to be
    taken for a new version: the correction was undone when its feed was read last, and the
    two versions replaced each other in every run (two article steps, every file of both
    feeds and the index page written again, the entry dated anew each time)."""
    site.server.routes.clear()
    site.server.serve("/robots.txt", ROBOTS, content_type="text/plain")
    # no validators: both feeds answer 200 in every run, as they do whenever a new article
    # is published in either
    site.server.serve(ENV_PATH, CORRECTED, etag=False)
    site.server.serve(SCIENCE_PATH, ENV, etag=False)
    config = (two_feeds(site, ENV_PATH, SCIENCE_PATH) if corrected_first
              else two_feeds(site, SCIENCE_PATH, ENV_PATH))
    clock = Clock(datetime(2025, 10, 1, 8, tzinfo=UTC))
    for k in range(4):
        outcome = drive(config, capsys, clock=clock)
        assert (outcome.status, outcome.stderr) == (0, "")
        assert outcome.report is not None
        if k:  # nothing to do once the corrected version is kept
            assert outcome.report.feeds_written == ()
            assert [a.outcome for a in outcome.report.articles] == ["unchanged"]
        for name in ("first", "second"):
            for fmt in ("atom", "rss", "json"):
                ((n, html),) = entry_contents(site.out / f"{name}.{fmt}")
                assert n == ENV_ID and "That equilibrium" in html and "That balance" not in html
        atom = (site.out / "first.atom").read_text(encoding="utf-8")
        assert re.findall(r"<updated>([^<]*)</updated>", atom)[-1].startswith("2025-09-27T08")
        assert_nothing_unverified(site.out, site.state)
        clock.now += timedelta(minutes=30)
    db_consistent(site.state)
