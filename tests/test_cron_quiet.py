"""A run from cron says each lasting problem once (README "From cron", notices.py): an entry a
source keeps sending that cannot be published, a note about a source, a source that keeps
failing, a file that cannot be written. Said when it appears, when it changes and when it
comes back; not while it lasts (-v says it is still so); its going at info. What was said is
remembered in the state database, bounded: forgotten with the entry, or with the source."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication.config import load_config
from syndication.models import Notice
from syndication.notices import SOURCE, Said, decide, notice
from syndication.store import SCHEMA_VERSION, Store

from .conftest import FR_FEED
from .feedruns import copies
from .harness import ENV, ENV_ID, ENV_PATH, FR_BOTH, FR_PATH, Site, drive, split_feed
from .test_store_sqlite import schema

ENV_URL = (
    "https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-coasts-"
    "ecology-and-economy-263253")
NOW = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=15)
PLACE = (SOURCE, "https://example.org/feed.atom")


# --- the decision, pure ---------------------------------------------------------------------


def _n(key: str, digest: str, text: str = "") -> Notice:
    return Notice(key, text or f"{key} is wrong", digest)


@pytest.mark.parametrize(("found", "said", "new", "lasting", "gone"), [
    # nothing before, nothing now: nothing said, nothing written
    ((), {}, (), (), ()),
    # first seen: said
    ((_n("a", "1"),), {}, ("a",), (), ()),
    # said before, unchanged: not said again
    ((_n("a", "1"),), {"a": Said("1", "a is wrong", NOW)}, (), ("a",), ()),
    # said before, changed: said again
    ((_n("a", "2"),), {"a": Said("1", "a is wrong", NOW)}, ("a",), (), ()),
    # said before, not found now: gone
    ((), {"a": Said("1", "a is wrong", NOW)}, (), (), ("a",)),
    # one lasts, one goes, one is new
    ((_n("a", "1"), _n("c", "3")),
     {"a": Said("1", "a", NOW), "b": Said("2", "b", NOW)}, ("c",), ("a",), ("b",)),
])
def test_what_is_said_of_a_place(found, said, new, lasting, gone) -> None:
    told = decide(PLACE, found, said, LATER)
    assert tuple(n.key for n in told.new) == new
    assert tuple(n.key for n, _s in told.lasting) == lasting
    assert tuple(k for k, _s in told.gone) == gone
    assert told.changes is bool(new or gone)
    remembered = told.remembered()
    assert set(remembered) == {*new, *lasting}
    assert all(remembered[k].since == LATER for k in new)
    assert all(remembered[k] == said[k] for k in lasting)  # first said, kept as said


def test_two_notices_under_one_key_are_both_kept() -> None:
    told = decide(PLACE, (_n("a", "1", "first"), _n("a", "2", "second")), {}, NOW)
    assert [(n.key, n.text) for n in told.new] == [("a", "first"), ("a (2)", "second")]


def test_a_notice_is_told_changed_by_what_it_is_about_not_its_words() -> None:
    one = notice("e", "entry 2: in the future (after 12:00)", b"<entry>x</entry>")
    two = notice("e", "entry 3: in the future (after 12:15)", b"<entry>x</entry>")
    assert one.digest == two.digest
    assert notice("e", "same words", b"<entry>y</entry>").digest != one.digest


def test_the_store_keeps_what_was_said_by_place_and_forgets_by_subject(tmp_path: Path) -> None:
    other = ("fetch", "https://example.org/other.atom")
    with Store(tmp_path / "s.sqlite3") as store:
        first = decide(PLACE, (_n("a", "1"), _n("b", "2")), {}, NOW)
        store.apply_notices(first)  # outside a transaction: in its own
        store.apply_notices(decide(other, (_n("fetch", "9"),), {}, NOW))
        assert store.notices() == {PLACE: first.remembered(),
                                   other: {"fetch": Said("9", "fetch is wrong", NOW)}}
        later = decide(PLACE, (_n("a", "1"),), store.notices()[PLACE], LATER)
        with store.transaction():  # inside a source's: its own
            store.apply_notices(later)
        assert store.notices()[PLACE] == {"a": Said("1", "a is wrong", NOW)}
        assert store.forget_notices([PLACE[1]]) == 1
        assert list(store.notices()) == [PLACE]


# --- two runs from cron on a loopback site --------------------------------------------------


@pytest.fixture
def site(server, tmp_path) -> Iterator[Site]:
    yield Site(server, tmp_path, fetch={"timeout": 5, "retries": 0})


def _refusing(year: int = 2099, *, present: bool = True) -> bytes:
    """The French feed with its second entry (209538) dated ``year``: refused (a date in
    the future), every byte of its text as recorded; or left out (``present`` False)."""
    head, entries, tail = split_feed(FR_BOTH)
    dated = re.sub(rb"<updated>[^<]*</updated>", f"<updated>{year}-01-01T00:00:00Z</updated>"
                   .encode(), entries[1])
    return head + entries[0] + (dated if present else b"") + tail


def _serve_fr(site: Site, body: bytes) -> None:
    """The French source answers 200 every time (no ETag): each run reads it again."""
    site.server.serve(FR_PATH, body, etag=False)


REFUSED = "entry 2: article 209538: <updated> '2099-01-01T00:00:00Z' is in the future"


def test_a_refused_entry_is_said_once_not_every_run(site, capsys) -> None:
    _serve_fr(site, _refusing())
    first = drive(site.config(), capsys)
    assert first.status == 1
    assert [line for line in first.lines if REFUSED in line] == [first.lines[0]]
    second = drive(site.config(), capsys)
    assert len(site.server.requests_to(FR_PATH)) == 2  # read again, not a 304
    assert second.stderr == ""  # nothing new: cron mails nothing
    assert second.status == 1  # still a failure, as status says
    third = drive(site.config(), capsys, verbose=1)  # -v: said to be still so
    (still,) = [line for line in third.lines if REFUSED in line]
    assert still.startswith("syndication: still so (said ")


def test_a_refused_entry_that_changes_is_said_again(site, capsys) -> None:
    _serve_fr(site, _refusing(2099))
    assert REFUSED in drive(site.config(), capsys).stderr
    assert drive(site.config(), capsys).stderr == ""
    _serve_fr(site, _refusing(2098))  # the same entry, changed: refused again
    again = drive(site.config(), capsys)
    assert "entry 2: article 209538: <updated> '2098-01-01T00:00:00Z' is in the future" \
        in again.stderr
    assert drive(site.config(), capsys).stderr == ""


def test_a_refused_entry_that_leaves_and_returns_is_said_again(site, capsys) -> None:
    _serve_fr(site, _refusing())
    assert REFUSED in drive(site.config(), capsys).stderr
    _serve_fr(site, _refusing(present=False))  # gone from the source's feed
    gone = drive(site.config(), capsys, verbose=1)
    (over,) = [line for line in gone.lines if REFUSED in line]
    assert over.startswith("syndication: no longer so (said ")  # at info: -v only
    assert drive(site.config(), capsys).stderr == ""
    _serve_fr(site, _refusing())  # back
    back = drive(site.config(), capsys)
    assert [line for line in back.lines if REFUSED in line] == [back.lines[0]]
    assert back.lines[0].startswith(f"syndication: {site.fr_url}: {REFUSED}")


def test_a_304_keeps_what_was_said(site, capsys) -> None:
    site.normal(fr=_refusing())  # with an ETag: the second run gets 304
    assert REFUSED in drive(site.config(), capsys).stderr
    second = drive(site.config(), capsys, verbose=1)
    assert second.report is not None and all(s.not_modified for s in second.report.sources)
    assert REFUSED not in second.stderr  # not read: neither repeated nor said gone
    _serve_fr(site, _refusing())
    assert drive(site.config(), capsys).stderr == ""  # read again, unchanged: still quiet


def test_a_source_that_keeps_failing_is_said_once_and_when_it_is_back(site, capsys) -> None:
    site.server.serve(FR_PATH, b"", status=404)
    error = f"syndication: {site.fr_url}: HTTP 404"
    first = drive(site.config(), capsys)
    assert first.status == 1 and first.lines == [error]
    second = drive(site.config(), capsys)
    assert second.status == 1 and second.stderr == ""
    site.normal()
    back = drive(site.config(), capsys, verbose=1)
    assert back.status == 0
    assert any(line.startswith("syndication: no longer so (said ") and line.endswith(
        f"{site.fr_url}: HTTP 404") for line in back.lines)
    site.server.serve(FR_PATH, b"", status=404)
    assert drive(site.config(), capsys).lines == [error]  # back again: said again


def test_a_file_that_cannot_be_written_is_said_once(site, capsys) -> None:
    site.out.mkdir(parents=True)
    (site.out / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    first = drive(site.config(), capsys)
    assert first.status == 1
    assert [line for line in first.lines if "did not write is there" in line] == first.lines
    assert len(first.lines) == 1
    second = drive(site.config(), capsys)
    assert second.status == 1 and second.stderr == ""
    (site.out / "index.html").unlink()
    third = drive(site.config(), capsys, verbose=1)
    assert third.status == 0
    assert any(line.startswith("syndication: no longer so (said ") for line in third.lines)


def test_status_shows_what_lasts(site, capsys) -> None:
    from syndication.status import render_status

    _serve_fr(site, _refusing())
    drive(site.config(), capsys)
    drive(site.config(), capsys)
    out = render_status(load_config(site.config_path()))
    block = out.split("lasting problems", 1)[1]
    assert f"{site.fr_url}: {REFUSED}" in block
    assert re.search(r"said \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", block)


# --- what is remembered is bounded ----------------------------------------------------------


def _rows(state: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(state) as db:
        return db.execute("SELECT scope, subject, key FROM notices ORDER BY 1, 2, 3").fetchall()


def test_what_was_said_is_forgotten_with_the_entry_and_the_source(site, capsys) -> None:
    """Forty runs, each finding another entry refused (the one before left the source's
    feed): the state holds what was said of the current one alone. Then the source leaves
    the configuration: nothing is kept of it."""
    sample = FR_FEED
    for k in range(40):
        feed = copies(sample, 2, first_id=700_000 + 2 * k)
        head, entries, tail = split_feed(feed)
        bad = re.sub(rb"<updated>[^<]*</updated>", b"<updated>2099-01-01T00:00:00Z</updated>",
                     entries[1])
        _serve_fr(site, head + entries[0] + bad + tail)
        outcome = drive(site.config(), capsys)
        said = [line for line in outcome.lines if "in the future" in line]
        assert len(said) == 1 and f"article {700_001 + 2 * k}" in said[0]
        assert _rows(site.state) == [(SOURCE, site.fr_url,
                                      f"tag:theconversation.com,2011:article/{700_001 + 2 * k}")]
    # the source leaves the configuration (the feeds reading it too)
    config = site.config_path()
    text = config.read_text(encoding="utf-8")
    config.write_text(text.split("[[feed]]")[0] + "[[feed]]" + text.split("[[feed]]")[1],
                      encoding="utf-8")
    assert site.fr_url not in config.read_text(encoding="utf-8")
    drive(load_config(config), capsys)
    assert _rows(site.state) == []


# --- a state file of the previous schema ----------------------------------------------------


def test_a_state_file_of_schema_10_is_migrated_and_remembers(site, capsys) -> None:
    """A state file as schema 10's code made it, with a source's validators: migrated in
    place, the validators kept; the first run after says the refused entry once."""
    assert SCHEMA_VERSION == 11
    schema(site.state, 10)
    with sqlite3.connect(site.state) as db:
        db.execute("INSERT INTO sources (url, etag, last_attempt, last_success) VALUES "
                   "(?, '\"old\"', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
                   (site.fr_url,))
    with Store(site.state) as store:
        assert store.db.execute("PRAGMA user_version").fetchone() == (11,)
        assert store.source(site.fr_url).etag == '"old"'
        assert store.notices() == {}
    _serve_fr(site, _refusing())
    assert REFUSED in drive(site.config(), capsys).stderr
    assert drive(site.config(), capsys).stderr == ""


# --- the rest of the class: what a steady run met again for the same cause -----------------


def test_an_article_whose_step_fails_every_run_is_said_once(site, capsys, monkeypatch) -> None:
    """A published article whose new version cannot be processed keeps the version published
    earlier, and nothing is written: every run builds it again and fails again. Said once,
    until it goes."""
    import syndication.step
    from syndication.models import Built, Outcome, Processed

    site.server.serve(ENV_PATH, ENV, etag=False)
    assert drive(site.config(), capsys).status == 0
    real = syndication.step.process

    def failing(article, *args):  # type: ignore[no-untyped-def]
        if article.article_id != ENV_ID:
            return real(article, *args)
        return Processed(Built(Outcome.ERROR, reason="could not be processed: ValueError: x"))

    monkeypatch.setattr(syndication.step, "process", failing)
    with sqlite3.connect(site.state) as db:  # a new version to build (as a correction is)
        db.execute("UPDATE articles SET content_hash = 'older' WHERE article_id = ?", (ENV_ID,))
    first = drive(site.config(), capsys)
    assert first.status == 1
    assert first.lines == [f"syndication: article {ENV_ID} ({ENV_URL}): could not be processed: "
                           "ValueError: x; the version published earlier stays in the feeds"]
    second = drive(site.config(), capsys)
    assert second.status == 1 and second.stderr == ""
    monkeypatch.setattr(syndication.step, "process", real)
    third = drive(site.config(), capsys, verbose=1)
    assert third.status == 0
    assert any(line.startswith("syndication: no longer so (said ") and f"article {ENV_ID}"
               in line for line in third.lines)


def test_an_entry_left_out_of_a_feed_is_said_once_however_often_it_is_rendered(
        site, capsys) -> None:
    assert drive(site.config(), capsys).status == 0
    with Store(site.state) as store, store.transaction():  # as an earlier version stored it
        store.db.execute("UPDATE article_bodies SET html = html || ? WHERE article_id = ?",
                         ("\uffff", ENV_ID))
        store.db.execute("DELETE FROM feed_files")
    first = drive(site.config(), capsys)
    assert sum(f"article {ENV_ID} left out of the feeds" in line for line in first.lines) == 2
    site.normal()  # 209538 new on the French source: "both" is rendered again
    second = drive(site.config(), capsys)
    assert second.report is not None and any(p.endswith("both.atom")
                                             for p in second.report.feeds_written)
    assert second.stderr == ""


def test_a_file_that_cannot_be_rendered_is_said_once(site, capsys, monkeypatch) -> None:
    """A feed file whose rendering fails (a bug, a stored value no check foresaw) is
    rendered again by every run, and fails again: said once, the traceback at -vv."""
    import syndication.publish

    real = syndication.publish.render

    def render(fmt, *args):  # type: ignore[no-untyped-def]
        if fmt == "rss":
            raise ValueError("no RSS today")
        return real(fmt, *args)

    monkeypatch.setattr(syndication.publish, "render", render)
    first = drive(site.config(), capsys)
    assert first.status == 1
    assert sorted(first.lines) == [
        f"syndication: {site.out / name}.rss: could not be rendered (ValueError: no RSS "
        "today); the previous file is unchanged" for name in ("both", "env", "fr")]
    second = drive(site.config(), capsys, verbose=2)
    assert second.status == 1
    assert "Traceback" in second.stderr and "ValueError: no RSS today" in second.stderr
    assert sum("still so (said " in line for line in second.lines) == 3
    assert drive(site.config(), capsys).stderr == ""
    monkeypatch.setattr(syndication.publish, "render", real)
    third = drive(site.config(), capsys, verbose=1)
    assert third.status == 0
    assert sum("no longer so (said " in line for line in third.lines) == 3
