"""The only user of sqlite3: the state database (sources with their validators, articles with
their verdicts and published HTML, runs). Schema as SQL text, migrated by PRAGMA user_version;
WAL, so a killed run leaves the last committed state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import StorageError
from .models import Article, Author, FeedEntry, Finding, Outcome, RobotsRecord, RunReport
from .update import Intent, Stored
from .update import visible_hash as update_visible_hash

# Migration k takes the schema from user_version k to k+1. Append; never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sources (
        url           TEXT PRIMARY KEY,
        etag          TEXT,            -- validators for the next conditional GET
        last_modified TEXT,
        last_attempt  TEXT,            -- ISO 8601 UTC of the last fetch, whatever its outcome
        last_success  TEXT,            -- ... of the last fetch that was parsed (or 304)
        last_error    TEXT             -- one line, NULL once a fetch succeeds again
    );
    CREATE TABLE articles (
        article_id   INTEGER PRIMARY KEY,  -- N, The Conversation's stable id
        url          TEXT NOT NULL,
        title        TEXT NOT NULL,
        summary      TEXT,
        published    TEXT NOT NULL,
        updated      TEXT NOT NULL,
        authors      TEXT NOT NULL,        -- JSON [[name, role, institution, profile_url]]
        categories   TEXT NOT NULL,        -- JSON [label]
        language     TEXT,
        rights       TEXT,
        content      TEXT NOT NULL,        -- the original content, kept to re-check it
        content_hash TEXT NOT NULL,        -- of everything republish and check read
        status       TEXT NOT NULL CHECK (status IN ('published', 'refused', 'error')),
        html         TEXT,                 -- the republication as built
        findings     TEXT NOT NULL,        -- JSON [[rule, ok, detail]]
        reason       TEXT NOT NULL,        -- one line: why refused, or the error
        first_seen   TEXT NOT NULL,
        last_checked TEXT NOT NULL
    );
    CREATE INDEX articles_by_status_date ON articles (status, published DESC, article_id DESC);
    CREATE TABLE article_sources (  -- which source feeds carried an article: feed membership
        article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
        source_url TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (source_url, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE runs (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        started  TEXT NOT NULL,
        finished TEXT NOT NULL,
        ok       INTEGER NOT NULL,
        summary  TEXT NOT NULL           -- JSON counts, for `syndication status`
    );
    """,
    """
    CREATE TABLE extracts (  -- extracts (docs/compliance.md#rule-unaltered-text), one per count
        article_id   INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
        paragraphs   INTEGER NOT NULL,
        content_hash TEXT NOT NULL,        -- the article version it was built from
        status       TEXT NOT NULL CHECK (status IN ('published', 'refused', 'error')),
        html         TEXT,
        findings     TEXT NOT NULL,        -- JSON [[rule, ok, detail]]
        reason       TEXT NOT NULL,
        PRIMARY KEY (article_id, paragraphs)
    ) WITHOUT ROWID;
    """,
    # 3: politeness that outlives a run, and what each feed file was rendered from.
    """
    CREATE TABLE robots (  -- RFC 9309 §2.4: one copy per origin, used for a day
        origin  TEXT PRIMARY KEY,        -- scheme://host[:port]
        fetched TEXT NOT NULL,           -- ISO 8601 UTC
        status  INTEGER NOT NULL,        -- 200: rules in body, 4xx: no rules (all allowed)
        body    TEXT NOT NULL
    );
    CREATE TABLE hosts (  -- a Retry-After longer than a run can wait, obeyed by later runs
        host       TEXT PRIMARY KEY,
        not_before TEXT NOT NULL         -- ISO 8601 UTC
    );
    CREATE TABLE feed_files (  -- lets a run skip rendering a feed whose inputs did not change
        path     TEXT PRIMARY KEY,       -- the output file
        inputs   TEXT NOT NULL,          -- digest of everything the file was rendered from
        size     INTEGER NOT NULL,       -- the file as written (or found identical) then,
        mtime_ns INTEGER NOT NULL        -- so a file changed or removed since is rendered
    );
    """,
    # 4: the feeds' order with what tells a feed unchanged (content hash, updated) in the
    # index itself: a run with nothing new reads no article row (each holds an original and
    # its republication, ~50 KB) to know that no feed needs rendering.
    """
    DROP INDEX articles_by_status_date;
    CREATE INDEX articles_in_feed_order
        ON articles (status, published DESC, article_id DESC, content_hash, updated);
    """,
    # 5: what readers saw of each version (update.visible_hash), so that telling a silent
    # correction from a FORMAT_VERSION bump needs no earlier original; filled in below.
    """
    ALTER TABLE articles ADD COLUMN visible_hash TEXT NOT NULL DEFAULT '';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
MAX_RUN_FAILURES = 50  # failure lines kept per run for `syndication status`


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the database remembers of one source feed."""

    url: str
    etag: str | None
    last_modified: str | None
    last_attempt: datetime | None
    last_success: datetime | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One finished run, as `syndication status` shows it."""

    started: datetime
    finished: datetime
    ok: bool  # False: some source, article or feed file failed (exit status 1)
    summary: dict[str, Any]  # the counts record_run wrote (JSON)


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article's last verdict, as kept in the database."""

    article_id: int
    title: str
    url: str
    status: Outcome
    content_hash: str
    findings: tuple[Finding, ...]
    reason: str
    last_checked: datetime


@dataclass(frozen=True, slots=True)
class ExtractState:
    """One extract's last verdict (an extract-mode feed's version of an article)."""

    article_id: int
    paragraphs: int
    status: Outcome
    current: bool  # built from the article's current version
    findings: tuple[Finding, ...]
    reason: str


# A feed's entries: published articles carried by its sources, newest first; with
# :paragraphs, only those with a published extract of that many paragraphs.
_FEED_SELECTION = (
    "FROM articles a LEFT JOIN extracts x ON x.article_id = a.article_id "
    "AND x.paragraphs = :paragraphs AND x.content_hash = a.content_hash "
    "WHERE a.status = 'published' "
    "AND (:paragraphs IS NULL OR x.status = 'published') "
    "AND a.article_id IN (SELECT article_id FROM article_sources WHERE source_url IN "
    "(SELECT value FROM json_each(:sources))) "
    "ORDER BY a.published DESC, a.article_id DESC "
    "LIMIT :limit"
)


_ARTICLES = (
    "SELECT article_id, title, url, status, content_hash, findings, reason, last_checked "
    "FROM articles ORDER BY published DESC, article_id DESC LIMIT ?"
)
# status IN (…), not != 'published': the index on status is then searched, and only the rows
# kept out are read, not every row (its original and republication, ~50 KB) for its status
# (benchmarks/run.py: a run with nothing new lists the refused on the index page).
_ARTICLES_KEPT_OUT = _ARTICLES.replace(
    "FROM articles ", "FROM articles WHERE status IN ('refused', 'error') ")


class Store:
    """The state database. Open with ``Store(path)``; use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as e:
            raise StorageError(path, f"cannot open the state database ({e})") from e
        except OSError as e:
            raise StorageError(path, f"cannot create its folder ({e.strerror})") from e

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise StorageError(
                self.path,
                f"schema version {version} is newer than this syndication knows "
                f"({SCHEMA_VERSION}): upgrade syndication",
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                if number + 1 in _FILL:
                    _FILL[number + 1](self.db)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: all of it is committed, or none (a crash rolls it back)."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise StorageError(self.path, f"cannot begin a transaction ({e})") from e
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            raise StorageError(self.path, f"cannot commit ({e})") from e

    # --- sources ------------------------------------------------------------------------

    def source(self, url: str) -> SourceState | None:
        row = self.db.execute(
            "SELECT url, etag, last_modified, last_attempt, last_success, last_error "
            "FROM sources WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return SourceState(row[0], row[1], row[2], _dt(row[3]), _dt(row[4]), row[5])

    def sources(self) -> tuple[SourceState, ...]:
        rows = self.db.execute(
            "SELECT url, etag, last_modified, last_attempt, last_success, last_error "
            "FROM sources ORDER BY url"
        ).fetchall()
        return tuple(SourceState(r[0], r[1], r[2], _dt(r[3]), _dt(r[4]), r[5]) for r in rows)

    def source_succeeded(
        self, url: str, now: datetime, etag: str | None, last_modified: str | None
    ) -> None:
        """Keep the validators of a fetch whose articles are all stored (same transaction)."""
        self.db.execute(
            "INSERT INTO sources (url, etag, last_modified, last_attempt, last_success) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_attempt = excluded.last_attempt, "
            "last_success = excluded.last_success, last_error = NULL",
            (url, etag, last_modified, _iso(now), _iso(now)),
        )

    def source_failed(self, url: str, now: datetime, error: str) -> None:
        """Note a failed fetch; the validators and everything published stay."""
        self.db.execute(
            "INSERT INTO sources (url, last_attempt, last_error) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET last_attempt = excluded.last_attempt, "
            "last_error = excluded.last_error",
            (url, _iso(now), error),
        )

    # --- articles -----------------------------------------------------------------------

    def stored_states(self, article_ids: Sequence[int]) -> dict[int, Stored]:
        """What the store kept of each of ``article_ids`` that an earlier run saw (one read
        for a source's articles: update.plan and update.decide need nothing more)."""
        ids = json.dumps(list(article_ids))
        extracts: dict[int, dict[int, str]] = {}
        for n, paragraphs, digest in self.db.execute(
            "SELECT article_id, paragraphs, content_hash FROM extracts "
            "WHERE article_id IN (SELECT value FROM json_each(?))", (ids,)
        ):
            extracts.setdefault(n, {})[paragraphs] = digest
        rows = self.db.execute(
            "SELECT article_id, content_hash, visible_hash, status, updated FROM articles "
            "WHERE article_id IN (SELECT value FROM json_each(?))", (ids,)
        )
        return {r[0]: Stored(r[0], r[1], r[2], Outcome(r[3]), _dt_required(r[4]),
                             extracts.get(r[0], {}))
                for r in rows}

    def apply(self, intent: Intent, now: datetime) -> None:
        """Write what update.decide decided for one article (inside a transaction): the one
        path by which a run changes an article's row and its extracts."""
        if intent.article is not None:
            w = intent.article
            self.save_article(w.article, content_hash=w.content_hash, status=w.status,
                              html=w.html, findings=w.findings, reason=w.reason, now=now,
                              visible_hash=w.visible_hash)
        for x in intent.extracts:
            self.save_extract(x.article_id, x.paragraphs, content_hash=x.content_hash,
                              status=x.status, html=x.html, findings=x.findings,
                              reason=x.reason)

    def save_article(
        self,
        article: Article,
        *,
        content_hash: str,
        status: Outcome,
        html: str | None,
        findings: Sequence[Finding],
        reason: str,
        now: datetime,
        visible_hash: str | None = None,
    ) -> None:
        """Insert or replace an article's latest version and verdict (``visible_hash``:
        update.visible_hash of it, computed when not given)."""
        self.db.execute(
            "INSERT INTO articles (article_id, url, title, summary, published, updated, "
            "authors, categories, language, rights, content, content_hash, status, html, "
            "findings, reason, first_seen, last_checked, visible_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET url = excluded.url, "
            "title = excluded.title, summary = excluded.summary, "
            "published = excluded.published, updated = excluded.updated, "
            "authors = excluded.authors, categories = excluded.categories, "
            "language = excluded.language, rights = excluded.rights, "
            "content = excluded.content, content_hash = excluded.content_hash, "
            "status = excluded.status, html = excluded.html, findings = excluded.findings, "
            "reason = excluded.reason, last_checked = excluded.last_checked, "
            "visible_hash = excluded.visible_hash",
            (
                article.article_id,
                article.url,
                article.title,
                article.summary,
                _iso(article.published),
                _iso(article.updated),
                json.dumps([[a.name, a.role, a.institution, a.profile_url]
                            for a in article.authors], ensure_ascii=False),
                json.dumps(list(article.categories), ensure_ascii=False),
                article.language,
                article.rights,
                article.content,
                content_hash,
                str(status),
                html,
                json.dumps([[f.rule, f.ok, f.detail] for f in findings], ensure_ascii=False),
                reason,
                _iso(now),
                _iso(now),
                visible_hash or update_visible_hash(article),
            ),
        )

    def link_source(self, article_id: int, source_url: str, now: datetime) -> None:
        """Remember that ``source_url`` carried the article (it belongs to that feed)."""
        self.db.execute(
            "INSERT OR IGNORE INTO article_sources (article_id, source_url, first_seen) "
            "VALUES (?, ?, ?)",
            (article_id, source_url, _iso(now)),
        )

    def feed_entries(
        self,
        source_urls: Sequence[str],
        limit: int,
        *,
        paragraphs: int | None = None,
        select: Callable[[FeedEntry], bool] | None = None,
        html: bool = True,
    ) -> tuple[FeedEntry, ...]:
        """The newest ``limit`` published articles carried by any of ``source_urls`` that
        ``select`` accepts (a feed's selection). With ``paragraphs``, each entry's HTML is
        its published extract of that many paragraphs, and articles without one are left
        out. ``html=False``: the entries without their HTML ("", for the index page)."""
        return tuple(e for e, _h in self._feed_rows(source_urls, limit, paragraphs, select,
                                                     html))

    def feed_keys(
        self,
        source_urls: Sequence[str],
        limit: int,
        *,
        paragraphs: int | None = None,
        select: Callable[[FeedEntry], bool] | None = None,
    ) -> tuple[tuple[int, str, str], ...]:
        """(N, content hash, updated) of each entry feed_entries() would return, in order:
        enough to tell that a feed did not change without reading its HTML."""
        if select is not None:  # the selection reads each entry's title, summary, authors
            return tuple((e.article_id, h, _iso(e.updated)) for e, h in
                         self._feed_rows(source_urls, limit, paragraphs, select, False))
        if not source_urls or limit <= 0:
            return ()
        rows = self.db.execute(
            "SELECT a.article_id, a.content_hash, a.updated " + _FEED_SELECTION,
            {"paragraphs": paragraphs, "sources": json.dumps(list(source_urls)),
             "limit": limit},
        ).fetchall()
        return tuple((r[0], r[1], r[2]) for r in rows)

    def _feed_rows(
        self,
        source_urls: Sequence[str],
        limit: int,
        paragraphs: int | None,
        select: Callable[[FeedEntry], bool] | None,
        html: bool,
    ) -> Iterator[tuple[FeedEntry, str]]:
        """feed_entries' rows: each entry with its content hash."""
        if not source_urls or limit <= 0:
            return
        rows = self.db.execute(
            "SELECT " + _ARTICLE_FIELDS + ", "
            "CASE WHEN NOT :html THEN NULL WHEN :paragraphs IS NULL THEN a.html "
            "ELSE x.html END, a.content_hash "
            # LIMIT -1: no limit; the selection is applied below, row by row
            + _FEED_SELECTION,
            {"paragraphs": paragraphs, "sources": json.dumps(list(source_urls)),
             "limit": limit if select is None else -1, "html": html},
        )
        taken = 0
        for r in rows:  # a cursor: rows are read as needed, and no further than the limit
            entry = FeedEntry(**_article_fields(r), html=r[_N_FIELDS] or "")
            if select is None or select(entry):
                yield entry, r[_N_FIELDS + 1]
                taken += 1
                if taken >= limit:
                    break

    # --- extracts -----------------------------------------------------------------------

    def save_extract(
        self,
        article_id: int,
        paragraphs: int,
        *,
        content_hash: str,
        status: Outcome,
        html: str | None,
        findings: Sequence[Finding],
        reason: str,
    ) -> None:
        """Insert or replace an article's extract of ``paragraphs`` and its verdict (after
        save_article: the article's row must exist)."""
        self.db.execute(
            "INSERT INTO extracts (article_id, paragraphs, content_hash, status, html, "
            "findings, reason) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, paragraphs) DO UPDATE SET "
            "content_hash = excluded.content_hash, status = excluded.status, "
            "html = excluded.html, findings = excluded.findings, reason = excluded.reason",
            (article_id, paragraphs, content_hash, str(status), html,
             json.dumps([[f.rule, f.ok, f.detail] for f in findings], ensure_ascii=False),
             reason),
        )

    def without_extract(self, source_urls: Sequence[str],
                        paragraphs: int) -> tuple[tuple[Article, str], ...]:
        """Published articles of ``source_urls`` with no extract of ``paragraphs`` built from
        their current version (a feed newly in extract mode), each with its content hash."""
        rows = self.db.execute(
            "SELECT " + _ARTICLE_FIELDS + ", a.content, a.content_hash "  # noqa: S608 -- constant
            "FROM articles a LEFT JOIN extracts x ON x.article_id = a.article_id "
            "AND x.paragraphs = ? AND x.content_hash = a.content_hash "
            "WHERE a.status = 'published' AND x.article_id IS NULL AND a.article_id IN "
            "(SELECT article_id FROM article_sources WHERE source_url IN "
            "(SELECT value FROM json_each(?))) ORDER BY a.published DESC, a.article_id DESC",
            (paragraphs, json.dumps(list(source_urls))),
        ).fetchall()
        return tuple((Article(**_article_fields(r), content=r[_N_FIELDS]), r[_N_FIELDS + 1])
                     for r in rows)

    def extracts(self) -> tuple[ExtractState, ...]:
        """Every extract kept, with its last verdict (for reports)."""
        rows = self.db.execute(
            "SELECT x.article_id, x.paragraphs, x.status, x.content_hash = a.content_hash, "
            "x.findings, x.reason FROM extracts x JOIN articles a USING (article_id) "
            "ORDER BY x.article_id, x.paragraphs"
        ).fetchall()
        return tuple(
            ExtractState(r[0], r[1], Outcome(r[2]), bool(r[3]),
                         tuple(Finding(*f) for f in json.loads(r[4])), r[5])
            for r in rows
        )

    def articles(self, *, not_published: bool = False,
                 limit: int | None = None) -> tuple[ArticleState, ...]:
        """Every article seen (or only those kept out of the feeds: refused or failed), newest
        first, with its last verdict (for reports and the index page)."""
        rows = self.db.execute(
            _ARTICLES_KEPT_OUT if not_published else _ARTICLES, (-1 if limit is None else limit,)
        ).fetchall()
        if not rows:  # a run with nothing new, and nothing refused: no record to build
            return ()
        return tuple(
            ArticleState(
                article_id=r[0],
                title=r[1],
                url=r[2],
                status=Outcome(r[3]),
                content_hash=r[4],
                findings=tuple(Finding(*f) for f in json.loads(r[5])),
                reason=r[6],
                last_checked=_dt_required(r[7]),
            )
            for r in rows
        )

    def status_counts(self) -> dict[str, int]:
        """How many articles are in each status (published, refused, error)."""
        rows = self.db.execute("SELECT status, count(*) FROM articles GROUP BY status")
        return {r[0]: r[1] for r in rows}

    # --- feed files ---------------------------------------------------------------------

    def feed_file(self, path: str) -> tuple[str, int, int] | None:
        """(inputs digest, size, mtime_ns) recorded when ``path`` was last written."""
        row = self.db.execute(
            "SELECT inputs, size, mtime_ns FROM feed_files WHERE path = ?", (path,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def save_feed_file(self, path: str, inputs: str, size: int, mtime_ns: int) -> None:
        self.db.execute(
            "INSERT INTO feed_files (path, inputs, size, mtime_ns) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET inputs = excluded.inputs, size = excluded.size, "
            "mtime_ns = excluded.mtime_ns",
            (path, inputs, size, mtime_ns),
        )

    def forget_feed_file(self, path: str) -> None:
        self.db.execute("DELETE FROM feed_files WHERE path = ?", (path,))

    # --- hosts (fetch.HostMemory) -------------------------------------------------------

    def robots(self, origin: str) -> RobotsRecord | None:
        row = self.db.execute(
            "SELECT origin, fetched, status, body FROM robots WHERE origin = ?", (origin,)
        ).fetchone()
        return RobotsRecord(row[0], _dt_required(row[1]), row[2], row[3]) if row else None

    def save_robots(self, record: RobotsRecord) -> None:
        self.db.execute(
            "INSERT INTO robots (origin, fetched, status, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (origin) DO UPDATE SET fetched = excluded.fetched, "
            "status = excluded.status, body = excluded.body",
            (record.origin, _iso(record.fetched), record.status, record.body),
        )

    def robots_all(self) -> tuple[RobotsRecord, ...]:
        rows = self.db.execute(
            "SELECT origin, fetched, status, body FROM robots ORDER BY origin"
        ).fetchall()
        return tuple(RobotsRecord(r[0], _dt_required(r[1]), r[2], r[3]) for r in rows)

    def hosts_waiting(self, now: datetime) -> tuple[tuple[str, datetime], ...]:
        """Hosts that asked (Retry-After) not to be contacted before a time still to come."""
        rows = self.db.execute(
            "SELECT host, not_before FROM hosts WHERE not_before > ? ORDER BY host",
            (_iso(now),),
        ).fetchall()
        return tuple((r[0], _dt_required(r[1])) for r in rows)

    def not_before(self, host: str) -> datetime | None:
        row = self.db.execute(
            "SELECT not_before FROM hosts WHERE host = ?", (host,)
        ).fetchone()
        return _dt_required(row[0]) if row else None

    def save_not_before(self, host: str, until: datetime) -> None:
        self.db.execute(
            "INSERT INTO hosts (host, not_before) VALUES (?, ?) ON CONFLICT (host) "
            "DO UPDATE SET not_before = max(not_before, excluded.not_before)",
            (host, _iso(until)),
        )

    # --- runs ---------------------------------------------------------------------------

    def record_run(self, report: RunReport) -> None:
        counts: dict[str, int] = {}
        for a in report.articles:
            counts[str(a.outcome)] = counts.get(str(a.outcome), 0) + 1
        failures = report.failures()
        summary = {
            "sources": len(report.sources),
            "sources_failed": sum(not s.ok for s in report.sources),
            "sources_not_modified": sum(s.not_modified for s in report.sources),
            "articles": counts,
            "feeds_written": list(report.feeds_written),
            "feeds_failed": len(report.feeds_failed),
            "requests": report.requests,
            "failures": list(failures[:MAX_RUN_FAILURES]),
            "failures_left_out": max(0, len(failures) - MAX_RUN_FAILURES),
        }
        with self.transaction():
            self.db.execute(
                "INSERT INTO runs (started, finished, ok, summary) VALUES (?, ?, ?, ?)",
                (_iso(report.started), _iso(report.finished), int(report.ok),
                 json.dumps(summary, sort_keys=True)),
            )


    def last_run(self) -> RunRecord | None:
        row = self.db.execute(
            "SELECT started, finished, ok, summary FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return RunRecord(_dt_required(row[0]), _dt_required(row[1]), bool(row[2]),
                         json.loads(row[3]))

    def runs_count(self) -> int:
        (n,) = self.db.execute("SELECT count(*) FROM runs").fetchone()
        return int(n)


# An article row's fields shared by Article and FeedEntry, decoded by _article_fields alone.
_ARTICLE_FIELDS = ("a.article_id, a.url, a.title, a.summary, a.published, a.updated, "
                   "a.authors, a.categories, a.language, a.rights")
_N_FIELDS = _ARTICLE_FIELDS.count(",") + 1


def _article_fields(row: Sequence[Any]) -> dict[str, Any]:
    """The first _N_FIELDS columns of a row selected with _ARTICLE_FIELDS, as the keyword
    arguments of Article and FeedEntry (JSON columns decoded, dates made aware)."""
    return {
        "article_id": row[0],
        "url": row[1],
        "title": row[2],
        "summary": row[3],
        "published": _dt_required(row[4]),
        "updated": _dt_required(row[5]),
        "authors": _authors(row[6]),
        "categories": tuple(json.loads(row[7])),
        "language": row[8],
        "rights": row[9],
    }


def _authors(column: str) -> tuple[Author, ...]:
    """The authors column (JSON [[name, role, institution, profile_url]]) as records."""
    return tuple(Author(*a) for a in json.loads(column))


def _fill_visible_hashes(db: sqlite3.Connection) -> None:
    """Schema 5: the visible hash of every article kept (update.visible_hash)."""
    select = "SELECT " + _ARTICLE_FIELDS + ", a.content FROM articles a"  # noqa: S608 -- constant
    rows = db.execute(select).fetchall()
    db.executemany(
        "UPDATE articles SET visible_hash = ? WHERE article_id = ?",
        [(update_visible_hash(Article(**_article_fields(r), content=r[_N_FIELDS])), r[0])
         for r in rows],
    )


# Python steps of a migration, run after its SQL in the same transaction: version -> step.
_FILL: dict[int, Callable[[sqlite3.Connection], None]] = {5: _fill_visible_hashes}


def _statements(script: str) -> list[str]:
    """Split a migration into statements (they hold no ';' inside strings)."""
    out = []
    for part in script.split(";"):
        lines = [ln.split("--", 1)[0].rstrip() for ln in part.splitlines()]
        sql = "\n".join(ln for ln in lines if ln.strip())
        if sql:
            out.append(sql)
    return out


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _dt(value: str | None) -> datetime | None:
    return _dt_required(value) if value else None


def _dt_required(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)
