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


def save(store: Store, article: Article, status: Outcome = Outcome.PUBLISHED) -> None:
    with store.transaction():
        store.save_article(article, content_hash=f"h{article.article_id}", status=status,
                           html=f"<p>{article.article_id}</p>", reason="",
                           findings=(Finding("licence", True, "ok"),), now=NOW)
        store.link_source(article.article_id, SRC, NOW)


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
        entries = store.feed_entries([SRC], limit=3)
        assert [e.article_id for e in entries] == [1003, 1002, 1001]
        assert entries[0].authors == env_article.authors
        assert entries[0].html == "<p>1003</p>"
        assert store.feed_entries(["https://elsewhere.example/feed.atom"], limit=3) == ()


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
        (entry,) = store.feed_entries([SRC], limit=10)
        assert entry.title == "Corrected" and entry.updated == corrected.updated
        (state,) = store.articles()
        assert state.status is Outcome.PUBLISHED and state.findings[0].rule == "licence"


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


def test_an_earlier_schema_is_migrated_and_feed_keys_read_no_article_row(
    tmp_path: Path, env_article: Article
) -> None:
    """A state file of schema 3 (before the feeds' covering index) with an article in it is
    migrated in place; telling a feed unchanged then reads the index only, and the visible
    hash of the article kept is filled in (schema 5)."""
    from syndication.update import visible_hash

    path = tmp_path / "s.sqlite3"
    schema(path, 3)
    insert_v3(path, dataclasses.replace(env_article, categories=()),
              f"h{env_article.article_id}")
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        keys = store.feed_keys([SRC], limit=10)
        assert keys == ((env_article.article_id, f"h{env_article.article_id}",
                         env_article.updated.isoformat().replace("+00:00", "Z")),)
        plan = store.db.execute(
            "EXPLAIN QUERY PLAN SELECT a.article_id, a.content_hash, a.updated "
            + store_module._FEED_SELECTION,
            {"paragraphs": None, "sources": f'["{SRC}"]', "limit": 10}).fetchall()
        scans = [row[3] for row in plan if " a " in f" {row[3]} "]
        assert scans == ["SEARCH a USING COVERING INDEX articles_in_feed_order (status=?)"]
        (kept,) = store.stored_states([env_article.article_id]).values()
        assert kept.visible_hash == visible_hash(dataclasses.replace(env_article,
                                                                     categories=()))
