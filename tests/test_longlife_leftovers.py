"""Years under cron (ninth round): what a run leaves behind that no later run would ever use
or remove. The real pipeline against the loopback server, real state files and folders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication.config import load_config
from syndication.models import RobotsRecord
from syndication.store import Store

from .harness import Site, drive


@pytest.fixture
def site(server, tmp_path: Path) -> Site:
    return Site(server, tmp_path)


def without_feed(site: Site, name: str) -> Path:
    """The site's config with the [[feed]] ``name`` taken out."""
    path = site.config_path()
    head, *feeds = path.read_text(encoding="utf-8").split("[[feed]]")
    kept = [f for f in feeds if f'name = "{name}"' not in f]
    assert len(kept) == len(feeds) - 1
    path.write_text(head + "".join("[[feed]]" + f for f in kept), encoding="utf-8")
    return path


def test_a_killed_write_of_a_feed_removed_since_leaves_nothing_behind(site: Site,
                                                                      capsys) -> None:
    """A run killed while writing a feed leaves its temporary file; the next run removed
    only the leftovers of the files it writes itself. When that feed was removed from the
    configuration meanwhile, its leftover stayed in the published folder for good (one of 1
    before). Now the leftovers of every file this config's runs wrote are removed (the
    feed's own files too, as before); a file of the user's is left."""
    assert drive(site.config(), capsys).status == 0
    leftovers = [site.out / f".both.{fmt}.syndication-a1B2c3D4.tmp" for fmt in ("atom", "json")]
    users = [site.out / ".both.atom.bak.tmp", site.out / ".both.atom.syndication-mine.tmp",
             site.out / ".other.atom.syndication-a1B2c3D4.tmp"]
    for path in [*leftovers, *users]:
        path.write_bytes(b"<feed")
    outcome = drive(load_config(without_feed(site, "both")), capsys)
    assert outcome.status == 0, outcome.stderr
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in users)  # not of the shape, or not a file of ours
    assert not any(site.out.glob("both.*"))
    assert {p.name for p in site.out.glob("env.*")} == {"env.atom", "env.rss", "env.json"}


def test_robots_copies_and_waits_no_run_uses_are_forgotten(site: Site, capsys) -> None:
    """A robots.txt copy over 30 days old is never used again (fetched anew, even as a
    stale copy), nor a Retry-After that is over; they stayed for good, one row per origin
    and host ever configured. A wait dated by a clock a year ahead was void but kept, and
    came into force again once the clock caught up with it: its host was left alone for up
    to a day, a year later. Now each run forgets all three; what runs use is kept."""
    now = datetime.now(UTC)
    assert drive(site.config(), capsys).status == 0
    with Store(site.state) as store, store.transaction():
        store.save_robots(RobotsRecord("https://old.example", now - timedelta(days=31), 200,
                                       "User-agent: *\nDisallow:\n"))
        store.save_robots(RobotsRecord("https://recent.example", now - timedelta(days=29),
                                       404, ""))
        store.save_not_before("over.example", now - timedelta(minutes=1))
        store.save_not_before("waiting.example", now + timedelta(hours=3))
        store.save_not_before("127.0.0.1", now + timedelta(days=365))  # void
    assert drive(site.config(), capsys).status == 0  # 127.0.0.1 contacted: the wait is void
    with Store(site.state) as store:
        origins = {r.origin for r in store.robots_all()}
        waits = dict(store.db.execute("SELECT host, not_before FROM hosts"))
    assert "https://old.example" not in origins and "https://recent.example" in origins
    assert any(o.startswith("http://127.0.0.1:") for o in origins)  # this run's copy
    assert set(waits) == {"waiting.example"}
    # a year on, less half a day: the void wait would have been obeyed until its end
    later = now + timedelta(days=365) - timedelta(hours=12)
    outcome = drive(site.config(), capsys, clock=lambda: later)
    assert outcome.status == 0, outcome.stderr


# --- articles that left every source long ago ---------------------------------------------


def small_windows(site: Site) -> Path:
    """The site's config with every feed one entry long: the others leave its window."""
    path = site.config_path()
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title = "Feed ', 'max_entries = 1\ntitle = "Feed '), encoding="utf-8")
    return path


def test_an_article_no_source_carried_for_a_year_is_forgotten(site: Site, capsys) -> None:
    """An article's row (id, verdict, dates, hashes) was kept for good once no source
    carried it: 10,000 a year at an edition's pace, every one of them for as long as the
    state file lives (one row of 209538 kept after 400 days before). Now a row is
    forgotten once no source carried it for a year, it is in no feed's window and its
    original was dropped: not after 200 days, nor while a feed shows it. Brought back, it
    is checked again like a new article, under the same id."""
    from .harness import FR_BOTH, FR_FIRST_ONLY, FR_IDS, all_feed_ids

    t0 = datetime(2025, 10, 1, tzinfo=UTC)
    config = load_config(small_windows(site))
    site.normal(fr=FR_BOTH)
    assert drive(config, capsys, clock=lambda: t0).status == 0
    published = all_feed_ids(site.out)
    site.normal(fr=FR_FIRST_ONLY)  # 209538 left the French feed

    def ids() -> set[int]:
        with Store(site.state) as store:
            return {a.article_id for a in store.articles()}

    for days in (31, 200):
        assert drive(config, capsys, clock=lambda d=days: t0 + timedelta(days=d)).status == 0
        assert FR_IDS[1] in ids()
    with Store(site.state) as store:
        assert store.stored_states([FR_IDS[1]])[FR_IDS[1]].pruned
    outcome = drive(config, capsys, verbose=1, clock=lambda: t0 + timedelta(days=400))
    assert outcome.status == 0
    assert "retention: 1 article no source carried for 365 days forgotten" in outcome.stderr
    assert FR_IDS[1] not in ids() and {FR_IDS[0]} <= ids()
    assert all_feed_ids(site.out) == published  # nothing published is lost
    with Store(site.state) as store:
        for table in ("article_sources", "feed_members", "extracts"):
            assert store.db.execute(f"SELECT count(*) FROM {table} "  # noqa: S608
                                    "WHERE article_id = ?", (FR_IDS[1],)).fetchone() == (0,)
    site.normal(fr=FR_BOTH)  # carried again: checked again, kept again
    assert drive(config, capsys, clock=lambda: t0 + timedelta(days=401)).status == 0
    assert FR_IDS[1] in ids()


def test_forget_keeps_windows_bodies_and_articles_another_source_still_carries(
        tmp_path: Path, env_article) -> None:
    import dataclasses

    from syndication.models import Outcome

    t0 = datetime(2025, 10, 1, tzinfo=UTC)
    with Store(tmp_path / "s.sqlite3") as store:
        with store.transaction():
            for n in (1, 2, 3, 4, 5):
                article = dataclasses.replace(env_article, article_id=n)
                store.save_article(article, content_hash=f"h{n}", status=Outcome.PUBLISHED,
                                   html="<p/>", findings=(), reason="", now=t0)
                if n != 5:  # 5: never met in a source (kept: it cannot be told)
                    store.carried(article, "https://a.example/feed", {}, t0)
            store.carried(dataclasses.replace(env_article, article_id=2),
                          "https://b.example/feed", {}, t0 + timedelta(days=300))
        later = t0 + timedelta(days=400)
        assert store.prune([3], later) == 4  # 4's original is kept below
        with store.transaction():
            store.db.execute("INSERT INTO article_bodies (article_id, content) "
                             "VALUES (4, 'x')")
        assert store.forget([3], later - timedelta(days=365)) == 1
        assert {a.article_id for a in store.articles()} == {2, 3, 4, 5}


def test_a_source_removed_from_the_configuration_is_forgotten_after_a_year(site: Site,
                                                                          capsys) -> None:
    """A source taken out of config.toml kept its row (validators, last error) for good,
    and `syndication status` listed it as "no longer in the configuration" in every report
    thereafter. It is listed for a year (put back meanwhile, its validators still serve),
    then forgotten."""
    t0 = datetime(2025, 10, 1, tzinfo=UTC)
    assert drive(site.config(), capsys, clock=lambda: t0).status == 0
    path = without_feed(site, "both")
    path.write_text(path.read_text(encoding="utf-8").split("[[feed]]\nname = \"fr\"")[0],
                    encoding="utf-8")
    config = load_config(path)
    assert config.sources == (site.env_url,)

    def urls() -> set[str]:
        with Store(site.state) as store:
            return {s.url for s in store.sources()}

    for days, kept in ((200, {site.env_url, site.fr_url}), (366, {site.env_url})):
        assert drive(config, capsys, clock=lambda d=days: t0 + timedelta(days=d)).status == 0
        assert urls() == kept


def test_forgetting_reads_only_the_rows_not_seen_for_long(tmp_path: Path) -> None:
    """Each run asks which articles to forget: the rows not seen for a year are found by
    their index, and an article's other sources (and, once it is deleted, its sources and
    memberships) by its id. Without those indexes, forgetting 39,088 articles at once took
    748 s (benchmarks/longlife.py at 50,000; 2.6 s with them), and the question alone
    read every row in every run."""
    from syndication import store as store_module

    with Store(tmp_path / "s.sqlite3") as store:
        plan = [row[3] for row in store.db.execute(
            "EXPLAIN QUERY PLAN " + store_module._FORGETTABLE, {"before": "x"})]
        assert plan[0] == ("SEARCH s USING COVERING INDEX article_sources_by_last_seen "
                           "(last_seen<?)"), plan
        assert any(step.startswith("SEARCH t USING COVERING INDEX article_sources_by_article "
                                   "(article_id=?") for step in plan), plan
        for table in ("article_sources", "feed_members"):
            steps = [row[3] for row in store.db.execute(
                f"EXPLAIN QUERY PLAN DELETE FROM {table} WHERE article_id = 1")]  # noqa: S608
            assert steps[0].startswith(f"SEARCH {table} USING"), steps
            assert "(article_id=?)" in steps[0], steps
