"""store.py on real SQLite files: migrations, upserts, feed membership and order."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication import store as store_module
from syndication.errors import StorageError
from syndication.models import Article, Finding, Outcome
from syndication.store import SCHEMA_VERSION, Store

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SRC = "https://theconversation.com/us/environment/articles.atom"


FEED = "env"


def save(store: Store, article: Article, status: Outcome = Outcome.PUBLISHED) -> None:
    """Store ``article`` as a run does, a member of the feed FEED."""
    with store.transaction():
        store.save_article(article, content_hash=f"h{article.article_id}", status=status,
                           html=f"<p>{article.article_id}</p>", reason="",
                           findings=(Finding("licence", True, "ok"),), now=NOW)
        if store.feed_state(FEED) is None:
            store.decide_members(FEED, "fingerprint", [], NOW)
        store.carried(article, SRC, {FEED: True}, NOW)


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_newer_schema_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError) as info:
        Store(path)
    assert str(path) in str(info.value) and "upgrade syndication" in str(info.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError) as info:
        Store(path)
    assert str(path) in str(info.value)


def test_feed_entries_newest_first_published_only_and_capped(
    tmp_path: Path, env_article: Article
) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        for k in range(5):
            article = dataclasses.replace(
                env_article, article_id=1000 + k,
                published=env_article.published + timedelta(days=k),
            )
            save(store, article, Outcome.REFUSED if k == 4 else Outcome.PUBLISHED)
        entries = store.feed_entries(FEED, limit=3)
        assert [e.article_id for e in entries] == [1003, 1002, 1001]
        assert entries[0].authors == env_article.authors
        assert entries[0].html == "<p>1003</p>"
        assert store.feed_entries("elsewhere", limit=3) == ()


def test_articles_newest_first_all_or_only_those_kept_out(
    tmp_path: Path, env_article: Article
) -> None:
    statuses = [Outcome.PUBLISHED, Outcome.REFUSED, Outcome.ERROR, Outcome.PUBLISHED,
                Outcome.REFUSED]
    with Store(tmp_path / "s.sqlite3") as store:
        for k, status in enumerate(statuses):
            save(store, dataclasses.replace(env_article, article_id=1000 + k,
                                            published=env_article.published
                                            + timedelta(days=k)), status)
        assert [a.article_id for a in store.articles()] == [1004, 1003, 1002, 1001, 1000]
        assert [a.article_id for a in store.articles(limit=2)] == [1004, 1003]
        kept_out = store.articles(not_published=True)
        assert [(a.article_id, a.status) for a in kept_out] == [
            (1004, Outcome.REFUSED), (1002, Outcome.ERROR), (1001, Outcome.REFUSED)]
        assert kept_out[0].findings == (Finding("licence", True, "ok"),)
        assert [a.article_id for a in store.articles(not_published=True, limit=1)] == [1004]


def test_saving_again_replaces_in_place(tmp_path: Path, env_article: Article) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        save(store, env_article)
        corrected = dataclasses.replace(env_article, title="Corrected",
                                        updated=env_article.updated + timedelta(hours=1))
        save(store, corrected)
        (entry,) = store.feed_entries(FEED, limit=10)
        assert entry.title == "Corrected" and entry.updated == corrected.updated
        (state,) = store.articles()
        assert state.status is Outcome.PUBLISHED and state.findings[0].rule == "licence"


@pytest.mark.parametrize("content", ["a \u2019quoted\u2019 \u00e9t\u00e9 \U0001f600", "plain"])
def test_an_original_handed_as_utf8_is_stored_as_the_same_text(
        tmp_path: Path, env_article: Article, content: str) -> None:
    # update.plan's bytes, bound as they are (Store.save_article's content): the row holds
    # the TEXT the string would have made, byte for byte
    article = dataclasses.replace(env_article, content=content)
    with Store(tmp_path / "s.sqlite3") as store, store.transaction():
        for n, given in ((1, None), (2, content.encode())):
            store.save_article(dataclasses.replace(article, article_id=n), content_hash="h",
                               status=Outcome.PUBLISHED, html="<p>x</p>", findings=[],
                               reason="", now=NOW, content=given)
        rows = store.db.execute("SELECT typeof(content), content, CAST(content AS BLOB) "
                                "FROM article_bodies ORDER BY article_id").fetchall()
    assert rows[0] == rows[1] == ("text", content, content.encode())


def test_a_failed_transaction_leaves_nothing(tmp_path: Path, env_article: Article) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save_article(env_article, content_hash="h", status=Outcome.PUBLISHED,
                               html="<p/>", findings=(), reason="", now=NOW)
            raise RuntimeError("crash in the middle")
        assert store.articles() == ()


def test_source_validators_and_errors(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        with store.transaction():
            store.source_succeeded(SRC, NOW, '"abc"', "Fri, 26 Sep 2025 12:30:52 GMT")
        with store.transaction():
            store.source_failed(SRC, NOW + timedelta(minutes=30), "HTTP 503")
        state = store.source(SRC)
        assert state is not None
        assert (state.etag, state.last_error, state.last_success) == ('"abc"', "HTTP 503", NOW)
        assert state.last_attempt == NOW + timedelta(minutes=30)


def schema(path: Path, version: int) -> None:
    """A state file of schema ``version``, as a release that stopped there made it."""
    from syndication.store import MIGRATIONS, _statements

    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")


def insert_v3(path: Path, article: Article, digest: str) -> None:
    """An article row as schemas 1 to 4 hold it."""
    def iso(value: datetime) -> str:
        return value.isoformat().replace("+00:00", "Z")

    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO articles (article_id, url, title, summary, published, updated, "
            "authors, categories, language, rights, content, content_hash, status, html, "
            "findings, reason, first_seen, last_checked) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, 'published', '<p>x</p>', '[]', '', ?, ?)",
            (article.article_id, article.url, article.title, article.summary,
             iso(article.published), iso(article.updated),
             json.dumps([[a.name, a.role, a.institution, a.profile_url]
                         for a in article.authors]),
             article.language, article.rights, article.content, digest,
             iso(NOW), iso(NOW)))
        db.execute("INSERT INTO article_sources VALUES (?, ?, ?)",
                   (article.article_id, SRC, iso(NOW)))


def test_an_earlier_schema_is_migrated_in_place(tmp_path: Path, env_article: Article) -> None:
    """A state file of schema 3 with an article in it is migrated in place: the visible hash
    of the article kept is filled in (schema 5), its original and republication move to
    their own table, and the file is made able to shrink (schema 6)."""
    from syndication.update import visible_hash

    path = tmp_path / "s.sqlite3"
    schema(path, 3)
    insert_v3(path, dataclasses.replace(env_article, categories=()),
              f"h{env_article.article_id}")
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
        assert store.db.execute("SELECT content, html FROM article_bodies").fetchall() == [
            (env_article.content, "<p>x</p>")]
        assert store.feed_keys(FEED, limit=10) == ()  # members are decided by the next run
        with store.transaction():
            store.decide_members(FEED, "fingerprint", [(env_article.article_id, "x")], NOW)
        assert store.feed_keys(FEED, limit=10) == ((
            env_article.article_id, f"h{env_article.article_id}",
            env_article.updated.isoformat().replace("+00:00", "Z")),)
        (kept,) = store.stored_states([env_article.article_id]).values()
        assert kept.visible_hash == visible_hash(dataclasses.replace(env_article,
                                                                     categories=()))


def test_a_feed_is_read_in_its_members_order_up_to_its_limit(tmp_path: Path) -> None:
    """Writing a feed walks its members' order index and stops at the limit: no sort, no
    read of the articles the feed does not take, however many are stored."""
    with Store(tmp_path / "s.sqlite3") as store:
        for paragraphs in (None, 3):
            plan = store.db.execute(
                "EXPLAIN QUERY PLAN SELECT a.article_id, a.content_hash, a.updated "
                + store_module._FEED_SELECTION,
                {"feed": FEED, "paragraphs": paragraphs, "limit": 10}).fetchall()
            steps = [row[3] for row in plan]
            assert steps[0] == "SEARCH m USING COVERING INDEX feed_members_in_order (feed=?)"
            assert not any("TEMP B-TREE" in step for step in steps), steps
            assert all(step.startswith("SEARCH") for step in steps), steps


def test_prune_keeps_the_verdict_and_drops_the_bodies_and_passed_evidence(
    tmp_path: Path, env_article: Article
) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        for k, status in enumerate((Outcome.PUBLISHED, Outcome.REFUSED, Outcome.PUBLISHED)):
            save(store, dataclasses.replace(env_article, article_id=1000 + k), status)
        evidence = (Finding("licence", True, "ok"), Finding("page-counter", False, "no counter"),
                    Finding("images", None, "unreadable"))
        with store.transaction():
            store.save_article(dataclasses.replace(env_article, article_id=1001),
                               content_hash="h1001", status=Outcome.REFUSED, html="<p/>",
                               findings=evidence, reason="page-counter: no counter", now=NOW)
        assert {a.article_id: a.findings for a in store.articles()}[1001] == evidence
        assert store.prune(keep=[1002], before=NOW) == 0  # checked at NOW: not older
        assert store.prune(keep=[1002], before=NOW + timedelta(seconds=1)) == 2
        assert set(store.stored_states([1000, 1001, 1002])) == {1000, 1001, 1002}
        pruned = {n: s.pruned for n, s in store.stored_states([1000, 1001, 1002]).items()}
        assert pruned == {1000: True, 1001: True, 1002: False}
        states = {a.article_id: a for a in store.articles()}
        assert states[1000].findings == () and states[1000].status is Outcome.PUBLISHED
        assert states[1001].findings == (Finding("page-counter", False, "no counter"),
                                         Finding("images", None, "unreadable"))
        assert states[1001].reason == "page-counter: no counter"
        assert states[1002].findings == (Finding("licence", True, "ok"),)  # in a window
        assert [e.article_id for e in store.feed_entries(FEED, 10)] == [1002]
        assert store.size()[1:] == (1, 2)


def test_schema_7_moves_the_evidence_out_of_the_row(tmp_path: Path) -> None:
    """A file of schema 6: each rule's evidence moves beside the republication, the row
    keeps the rules not passed, and the file is rewritten packed, able to shrink."""
    path = tmp_path / "s.sqlite3"
    schema(path, 6)
    evidence = '[["licence", true, "ok"], ["page-counter", false, "no counter"]]'
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO articles (article_id, url, title, summary, published, updated, "
            "authors, categories, language, rights, content_hash, status, findings, reason, "
            "first_seen, last_checked, visible_hash) VALUES (7, 'u', 't', NULL, "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '[]', '[]', 'en', NULL, 'h', "
            "'refused', ?, 'page-counter: no counter', '2026-01-01T00:00:00Z', "
            "'2026-01-01T00:00:00Z', 'v')", (evidence,))
        db.execute("INSERT INTO article_bodies VALUES (7, '<p>x</p>', '<p>y</p>')")
    with Store(path) as store:
        assert store.db.execute("PRAGMA auto_vacuum").fetchone() == (2,)
        (row,) = store.db.execute("SELECT findings FROM articles").fetchall()
        assert json.loads(row[0]) == [["page-counter", False, "no counter"]]
        (state,) = store.articles()
        assert state.findings == (Finding("licence", True, "ok"),
                                  Finding("page-counter", False, "no counter"))


def test_an_article_met_again_joins_or_leaves_each_feed_of_its_source(
    tmp_path: Path, env_article: Article
) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        save(store, env_article)
        with store.transaction():
            store.decide_members("other", "fingerprint", [], NOW)
            store.carried(env_article, SRC, {FEED: False, "other": True}, NOW)
        assert store.feed_keys(FEED, 10) == ()
        assert [k[0] for k in store.feed_keys("other", 10)] == [env_article.article_id]
        with store.transaction():
            store.carried(env_article, SRC, {FEED: True, "other": True}, NOW)
        assert [k[0] for k in store.feed_keys(FEED, 10)] == [env_article.article_id]
        assert store.db.execute("SELECT count(*) FROM article_sources").fetchone() == (1,)
        with store.transaction():
            store.forget_feeds([FEED])
        assert store.feed_state("other") is None and store.feed_keys("other", 10) == ()
