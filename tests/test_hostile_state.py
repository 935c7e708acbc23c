"""Hostile and odd conditions that outlive one run (issue 10, eighth round): state that a bad
answer or a wrong clock leaves behind, and what it costs every later run. The real pipeline
against the loopback server and a real state file; negatives built in memory from the
recorded feed (never an edited sample)."""

from __future__ import annotations

import codecs
import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication import pipeline
from syndication import store as store_module
from syndication.config import Config, load_config
from syndication.pipeline import run
from syndication.safetext import LINE_MAX

from .harness import (
    ENV,
    ENV_ID,
    ENV_PATH,
    FR_BOTH,
    FR_IDS,
    ROBOTS,
    Site,
    assert_nothing_unverified,
    db_consistent,
    drive,
    entry_contents,
    split_feed,
)
from .server import LoopbackServer, Reply

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


# --- what a run says and keeps of input it refuses ----------------------------------------

JUNK = "9" * 200_000  # a value of 200,000 characters where a short one belongs


def env_entry(old: bytes, new: bytes) -> bytes:
    """The recorded feed with ``old`` replaced by ``new`` inside its entry."""
    head, entries, tail = split_feed(ENV)
    assert entries[0].count(old) == 1, old
    return head + entries[0].replace(old, new) + tail


HUGE_INPUT = {
    "date": env_entry(b"<updated>2025-09-26T12:30:52Z</updated>",
                      f"<updated>{JUNK}</updated>".encode()),
    "content-type": env_entry(b'<content type="html">', f'<content type="{JUNK}">'.encode()),
    "id-and-link": env_entry(b"<id>tag:theconversation.com,2011:article/263253</id>",
                             f"<id>{JUNK}</id>".encode()).replace(
        b"-263253\"/>", f"-x{JUNK}\"/>".encode(), 1),
    "root-element": f"<{'x' * 200_000}/>".encode(),
    # quoted by the checker's evidence (licence), which no message of ours bounds
    "rights": env_entry(b"<rights>Licensed as Creative Commons \xe2\x80\x93 attribution, no "
                        b"derivatives.</rights>", f"<rights>{JUNK}</rights>".encode()),
}


@pytest.mark.parametrize("where", list(HUGE_INPUT))
def test_lines_quoting_what_was_read_are_bounded(site, capsys, where: str) -> None:
    """A line quoting input as it was read (a date, an id, a link, a tag, a checker's
    evidence) was as long as that input: a feed of 40 entries with a 200 KB date each made
    8 MB of stderr (cron's mail) and 8 MB more of the state file in every run, for the 100
    runs kept. Now every line says what and where in at most LINE_MAX characters, the run
    summary and the source's error keep no more, and the next good run recovers."""
    site.fault(ENV_PATH, Reply(body=HUGE_INPUT[where]))
    outcome = drive(site.config(), capsys)
    assert outcome.status == 1 and outcome.lines
    assert outcome.stderr.startswith("syndication: ")
    for line in outcome.lines:
        assert len(line) < LINE_MAX + 100, line[:200]
    assert "characters" in outcome.stderr  # how long the value was is said
    with sqlite3.connect(site.state) as db:
        (summary,) = db.execute("SELECT summary FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        errors = [e for (e,) in db.execute("SELECT last_error FROM sources") if e]
        reasons = [r for (r,) in db.execute("SELECT reason FROM articles")]
    for text in [*json.loads(summary)["failures"], *errors, *reasons]:
        assert len(text) < LINE_MAX + 100
    assert len((site.out / "index.html").read_bytes()) < 50_000  # says why a feed is empty
    site.normal()
    assert drive(site.config(), capsys).status == 0
    assert_nothing_unverified(site.out, site.state)


def test_runs_stopped_every_time_keep_only_the_last(site, capsys, monkeypatch) -> None:
    """A run stopped by an error or a signal is recorded as failed; only finished runs used
    to trim the table, so a job stopped every time (a cron `timeout` shorter than its run,
    a bug) added a row a run for good: 17,520 a year at every half hour."""
    monkeypatch.setattr(store_module, "KEEP_RUNS", 3)
    config = site.config()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug no test foresaw")

    monkeypatch.setattr(pipeline, "_publish", broken)
    for _ in range(6):
        with pytest.raises(RuntimeError):
            run(config, sleep=lambda s: None)
    with sqlite3.connect(site.state) as db:
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (3,)
    db_consistent(site.state)


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["windows-1252", "ISO-8859-1", "ISO-8859-15"])
def test_a_utf8_byte_order_mark_before_a_single_byte_declaration_is_refused(
        site, capsys, declared: str) -> None:
    """The French feed as sent with a UTF-8 byte-order mark and a declaration of a
    single-byte encoding: expat obeys the declaration, and the check that refuses such a
    declaration over UTF-8 bytes did not look past the mark. Its entries were published as
    mojibake ("Ã©" for "é": windows-1252) or each refused for a C1 control its mojibake
    holds, in a line that did not say why. Now the source is refused in one line naming
    the mark and the declaration; what it published before stays."""
    assert drive(site.config(), capsys).status == 0
    before = {p.name: p.read_bytes() for p in site.out.glob("fr.*")}
    garbled = codecs.BOM_UTF8 + FR_BOTH.replace(b'encoding="UTF-8"',
                                                f'encoding="{declared}"'.encode(), 1)
    site.normal(fr=garbled)
    outcome = drive(site.config(), capsys)
    assert outcome.status == 1 and len(outcome.lines) == 1, outcome.stderr
    assert re.search(rf"/fr/.*: begins with a UTF-8 byte-order mark but declares encoding "
                     rf"'{declared}'", outcome.lines[0])
    assert {p.name: p.read_bytes() for p in site.out.glob("fr.*")} == before
    for path in site.out.iterdir():
        assert "Ã".encode() not in path.read_bytes(), path
    site.normal()
    assert drive(site.config(), capsys).status == 0
    assert {n for n, _ in entry_contents(site.out / "fr.atom")} == set(FR_IDS)
    assert_nothing_unverified(site.out, site.state)
