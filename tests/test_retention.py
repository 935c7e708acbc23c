"""Retention under cron, through the loopback server and a real state file: an article out
of every feed's window and last checked more than [site] keep_days ago loses its original
and republication but keeps its id, verdict, dates and hashes; met again unchanged it is not
processed again, met again corrected it is checked again and its entry updated; an entry in
a window is never pruned and its correction still updates it in place. Feed membership is
decided when an article is processed, or again when a feed's selection changes."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import feedparser
import pytest

from syndication import pipeline
from syndication import store as store_module
from syndication.config import Config
from syndication.models import Outcome, Selection
from syndication.pipeline import run
from syndication.publish import entry_id

from .conftest import ENV_FEED, ENV_ID, FR_FEED, ConfigFactory
from .feedruns import ENV_PATH, FR_PATH, Clock
from .server import LoopbackServer

FR_PUBLISHED, FR_OTHER = 209538, 212649  # the built French sample's two articles


def bodies(config: Config) -> set[int]:
    """The articles whose original and republication the state file still holds."""
    with sqlite3.connect(config.site.state_file) as db:
        return {n for (n,) in db.execute("SELECT article_id FROM article_bodies")}


def statuses(config: Config) -> dict[int, str]:
    with sqlite3.connect(config.site.state_file) as db:
        return dict(db.execute("SELECT article_id, status FROM articles"))


def one_word_changed(feed: bytes, article_id: int) -> bytes:
    """The feed as The Conversation would serve it after correcting one word of an
    article's body (its <updated> unchanged: a silent correction). Built in memory; the
    recorded sample stays as it is."""
    head, marker, rest = feed.partition(f"article/{article_id}</id>".encode())
    assert marker, article_id
    entry, end, tail = rest.partition(b"</entry>")
    changed = entry.replace(b" la ", b" une ", 1)
    assert changed != entry
    return head + marker + changed + end + tail


@pytest.fixture
def both(server: LoopbackServer, make_config: ConfigFactory) -> Config:
    """One feed of both recorded sources whose window is its newest entry only (the US
    article): the French ones are in no window."""
    env = server.serve(ENV_PATH, ENV_FEED)
    fr = server.serve(FR_PATH, FR_FEED)
    return make_config({"both": [env, fr]}, max_entries=1)


def test_articles_in_no_window_are_pruned_once_older_than_keep_days(both: Config) -> None:
    clock = Clock()
    first = run(both, clock=clock, sleep=lambda s: None)
    assert first.pruned == 0  # just checked: kept whole for keep_days
    assert bodies(both) == {ENV_ID, FR_PUBLISHED, FR_OTHER}

    clock.advance(days=both.site.keep_days - 1)
    assert run(both, clock=clock, sleep=lambda s: None).pruned == 0
    clock.advance(days=2)
    later = run(both, clock=clock, sleep=lambda s: None)
    assert later.ok and later.pruned == 2
    assert bodies(both) == {ENV_ID}  # the feed's window stays whole
    # the rows stay: id, verdict, dates and hashes
    assert statuses(both) == {ENV_ID: "published", FR_PUBLISHED: "published",
                              FR_OTHER: "published"}
    with sqlite3.connect(both.site.state_file) as db:
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)  # given back
        assert db.execute("PRAGMA auto_vacuum").fetchone() == (2,)
    parsed = feedparser.parse((both.site.output_dir / "both.atom").read_bytes())
    assert [e.id for e in parsed.entries] == [entry_id(ENV_ID)]


def test_a_pruned_article_met_again_unchanged_is_not_processed(
        both: Config, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    run(both, clock=clock, sleep=lambda s: None)
    clock.advance(days=both.site.keep_days + 1)
    assert run(both, clock=clock, sleep=lambda s: None).pruned == 2

    built: list[int] = []
    real_step = pipeline._Steps.run
    monkeypatch.setattr(pipeline._Steps, "run", lambda self, a, *rest: built.append(a.article_id)
                        or real_step(self, a, *rest))
    server.serve(FR_PATH, FR_FEED, etag=False)  # the same bytes, parsed again (no 304)
    clock.advance(hours=1)
    again = run(both, clock=clock, sleep=lambda s: None)
    assert again.ok and built == []
    assert {a.article_id: a.outcome for a in again.articles} == {
        FR_PUBLISHED: Outcome.UNCHANGED, FR_OTHER: Outcome.UNCHANGED}
    assert bodies(both) == {ENV_ID}


def test_a_pruned_article_met_again_corrected_is_checked_and_its_entry_updated(
        both: Config, server: LoopbackServer) -> None:
    clock = Clock()
    run(both, clock=clock, sleep=lambda s: None)
    clock.advance(days=both.site.keep_days + 1)
    assert run(both, clock=clock, sleep=lambda s: None).pruned == 2

    server.serve(FR_PATH, one_word_changed(FR_FEED.read_bytes(), FR_PUBLISHED))
    noticed = clock.advance(hours=1)
    wider = dataclasses.replace(both, feeds=(dataclasses.replace(both.feeds[0],
                                                                 max_entries=5),))
    report = run(wider, clock=clock, sleep=lambda s: None)
    assert report.ok
    assert {a.article_id: a.outcome for a in report.articles}[FR_PUBLISHED] is Outcome.PUBLISHED
    assert FR_PUBLISHED in bodies(wider)  # checked again: its republication is back
    parsed = feedparser.parse((wider.site.output_dir / "both.atom").read_bytes())
    entries = {e.id: e for e in parsed.entries}
    assert list(entries) == [entry_id(ENV_ID), entry_id(FR_PUBLISHED)]  # one entry each
    corrected = entries[entry_id(FR_PUBLISHED)]
    assert corrected.updated == noticed.isoformat()  # dated when the run noticed
    assert " une " in corrected.content[0].value


def test_an_entry_in_a_window_is_kept_and_its_correction_updates_it_in_place(
        both: Config, server: LoopbackServer) -> None:
    clock = Clock()
    run(both, clock=clock, sleep=lambda s: None)
    clock.advance(days=both.site.keep_days * 3)
    run(both, clock=clock, sleep=lambda s: None)
    assert ENV_ID in bodies(both)

    feed = ENV_FEED.read_bytes()
    server.serve(ENV_PATH, feed.replace(b"voracious kelp eaters", b"voracious kelp grazers"))
    noticed = clock.advance(hours=1)
    report = run(both, clock=clock, sleep=lambda s: None)
    assert [(a.article_id, a.outcome) for a in report.articles] == [(ENV_ID, Outcome.PUBLISHED)]
    parsed = feedparser.parse((both.site.output_dir / "both.atom").read_bytes())
    (entry,) = parsed.entries
    assert entry.id == entry_id(ENV_ID) and entry.updated == noticed.isoformat()
    assert "voracious kelp grazers" in entry.content[0].value


def test_keep_days_is_read_from_the_config(make_config: ConfigFactory) -> None:
    assert make_config({"x": ["https://theconversation.com/us/environment/articles.atom"]}
                       ).site.keep_days == 30
    config = make_config({"x": ["https://theconversation.com/us/environment/articles.atom"]},
                         site_extra="keep_days = 7")
    assert config.site.keep_days == 7


@pytest.mark.parametrize("value", ["0", "1.5", '"30"'])
def test_a_bad_keep_days_is_refused_by_name(make_config: ConfigFactory, value: str) -> None:
    from syndication.errors import ConfigError

    with pytest.raises(ConfigError, match="keep_days"):
        make_config({"x": ["https://theconversation.com/us/environment/articles.atom"]},
                    site_extra=f"keep_days = {value}")


def test_only_the_last_runs_are_kept(both: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "KEEP_RUNS", 3)
    clock = Clock()
    for _ in range(5):
        clock.advance(minutes=30)
        run(both, clock=clock, sleep=lambda s: None)
    with sqlite3.connect(both.site.state_file) as db:
        finished = [r[0] for r in db.execute("SELECT finished FROM runs ORDER BY id")]
    assert len(finished) == 3 and finished[-1] == clock.now.isoformat().replace("+00:00", "Z")


def test_a_changed_selection_decides_the_members_again_without_fetching(
        server: LoopbackServer, make_config: ConfigFactory) -> None:
    """Members are stored; a feed whose selection changes is judged again on every stored
    article of its sources, even when they all answer 304."""
    env = server.serve(ENV_PATH, ENV_FEED)
    fr = server.serve(FR_PATH, FR_FEED)
    config = make_config({"all": [env, fr], "picked": [env, fr]})
    clock = Clock()
    run(config, clock=clock, sleep=lambda s: None)
    out = config.site.output_dir

    def ids(name: str) -> list[str]:
        return [e.id for e in feedparser.parse((out / f"{name}.atom").read_bytes()).entries]

    every = [entry_id(n) for n in (ENV_ID, FR_OTHER, FR_PUBLISHED)]
    assert ids("picked") == every
    picked = dataclasses.replace(config, feeds=(config.feeds[0], dataclasses.replace(
        config.feeds[1], selection=Selection(articles=(FR_PUBLISHED,)))))
    clock.advance(hours=1)
    report = run(picked, clock=clock, sleep=lambda s: None)
    assert all(s.not_modified for s in report.sources)
    assert ids("picked") == [entry_id(FR_PUBLISHED)]
    assert ids("all") == every  # its own members stay
    clock.advance(hours=1)
    run(config, clock=clock, sleep=lambda s: None)  # and back
    assert ids("picked") == every


def test_the_state_file_is_migrated_from_before_retention(tmp_path: Path) -> None:
    """Opening a file of schema 5 keeps every article whole and makes the file able to
    shrink (its pages are given back after a prune)."""
    from .test_store_sqlite import schema

    path = tmp_path / "old.sqlite3"
    schema(path, 5)
    with store_module.Store(path) as store:
        assert store.db.execute("PRAGMA auto_vacuum").fetchone() == (2,)
        size, whole, pruned = store.size()
        assert size > 0 and (whole, pruned) == (0, 0)
