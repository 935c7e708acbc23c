"""The only user of sqlite3: the state database (sources with their validators, articles with
their verdicts and published HTML, what runs said of the problems that last, runs). Schema as
SQL text, migrated by PRAGMA user_version; WAL, so a killed run leaves the last committed
state."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up (models, store and update:
# a warm run's imports 674.4 -> 667.7 M instructions, callgrind).
import functools
import inspect
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, TypeVar

from . import utc
from .errors import PathError, StorageError
from .models import Article, Author, FeedEntry, Finding, Outcome, RobotsRecord, RunReport
from .notices import Place, Said, Told
from .safetext import clipped
from .update import Intent, Stored
from .update import visible_hash as update_visible_hash

_T = TypeVar("_T")

# Migration k takes the schema from user_version k to k+1. Append; never edit a shipped one.
# Schema 10 cuts each rule's evidence to 2,000 characters (safetext.clipped's form) in each
# table that holds findings.
_CUT_EVIDENCE = """
    UPDATE {table} SET findings = (SELECT json_group_array(CASE
        WHEN length(json_extract(f.value, '$[2]')) > 2000 THEN json_set(f.value, '$[2]',
        substr(json_extract(f.value, '$[2]'), 1, 2000) || '… (cut: '
        || length(json_extract(f.value, '$[2]')) || ' characters in all)')
        ELSE json(f.value) END) FROM json_each({table}.findings) f)
        WHERE length(findings) > 2000;
"""


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
    # 6: years under cron. The original and its republication (~50 KB of an article's row)
    # move to their own table, which retention empties (Store.prune); each feed's members
    # are decided when an article is processed or the feed's selection changes, so writing
    # a feed reads its newest members only, whatever it selects and however many are kept.
    """
    CREATE TABLE article_bodies (  -- what retention drops (README "Retention")
        article_id INTEGER PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE,
        content    TEXT NOT NULL,        -- the original content, kept to re-check it
        html       TEXT                  -- the republication as built
    );
    INSERT INTO article_bodies (article_id, content, html)
        SELECT article_id, content, html FROM articles;
    ALTER TABLE articles DROP COLUMN content;
    ALTER TABLE articles DROP COLUMN html;
    CREATE TABLE feeds (  -- one per [[feed]]
        name          TEXT PRIMARY KEY,
        fingerprint   TEXT NOT NULL,     -- of its sources and selection, as members were decided
        first_written TEXT NOT NULL      -- ISO 8601 UTC: the date of a feed with no entry
    );
    CREATE TABLE feed_members (  -- the articles a feed's selection takes from its sources
        feed       TEXT NOT NULL REFERENCES feeds (name) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
        published  TEXT NOT NULL,        -- the article's, so the feed's order is this index
        PRIMARY KEY (feed, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX feed_members_in_order ON feed_members (feed, published DESC, article_id DESC);
    """,
    # 7: the evidence of each rule (~1.2 KB) goes with the republication it is about, which
    # retention drops; the row keeps the rules not passed (its verdict). A row then takes a
    # quarter of a page, not a page of its own for as long as it is kept.
    """
    ALTER TABLE article_bodies ADD COLUMN findings TEXT;  -- JSON [[rule, ok, detail]], all
    UPDATE article_bodies SET findings =
        (SELECT a.findings FROM articles a WHERE a.article_id = article_bodies.article_id);
    UPDATE articles SET findings = (SELECT json_group_array(json(f.value))
        FROM json_each(articles.findings) f WHERE json_extract(f.value, '$[1]') IS NOT 1);
    """,
    # 8: the files a run wrote in the output folder, so that it replaces or removes only
    # those (README "The output folder is shared"); files written before are adopted by
    # their feed_files row or their generator mark (output.carries_mark).
    """
    CREATE TABLE output_files (
        path   TEXT PRIMARY KEY,         -- the file, as the config names it
        sha256 TEXT NOT NULL,            -- of the bytes written (or found identical)
        config TEXT NOT NULL             -- the config file whose run wrote it
    );
    """,
    # 9: the source's own date of the version kept (update.plan leaves an older copy alone;
    # ``updated`` is the entry's, which a silent correction dates when it was noticed).
    """
    ALTER TABLE articles ADD COLUMN source_updated TEXT;  -- ISO 8601 UTC, NULL when not known
    """,
    # 10: what is kept of an article is bounded (README "Retention"): each rule's evidence at
    # most LINE_MAX characters (a checker quoting a 300 KB field kept it twice, for as long
    # as the article was kept whole, and once for good among the rules not passed), an
    # extract's reason too, and no republication of what is not published (never read
    # again: the feeds carry only what passed, the index page lists the rules failed); no
    # validator past fetch.MAX_VALIDATOR (1,000), sent back in every run. And when a source
    # last carried each article (ISO 8601 UTC), so that a row is forgotten once no source
    # has carried it for FORGET_DAYS (Store.forget); rows kept before count from the
    # upgrade. Its indexes: the rows not seen for long are found without reading the
    # others, and an article's sources and memberships (deleted with it) by its id: without
    # them each article forgotten read every row of both tables (39,000 forgotten at once
    # took 748 s).
    "".join(_CUT_EVIDENCE.format(table=t)  # noqa: S608 -- three constant table names
            for t in ("articles", "article_bodies", "extracts"))
    + """
    UPDATE extracts SET reason = substr(reason, 1, 2000) || '… (cut: ' || length(reason)
        || ' characters in all)' WHERE length(reason) > 2000;
    UPDATE article_bodies SET html = NULL WHERE html IS NOT NULL AND article_id IN
        (SELECT article_id FROM articles WHERE status IN ('refused', 'error'));
    UPDATE extracts SET html = NULL WHERE html IS NOT NULL AND status != 'published';
    UPDATE sources SET etag = NULL WHERE length(etag) > 1000;
    UPDATE sources SET last_modified = NULL WHERE length(last_modified) > 1000;
    ALTER TABLE article_sources ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
    UPDATE article_sources SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
    CREATE INDEX article_sources_by_last_seen ON article_sources (last_seen);
    CREATE INDEX article_sources_by_article ON article_sources (article_id, last_seen);
    CREATE INDEX feed_members_by_article ON feed_members (article_id);
    """,
    # 11: what runs said on stderr of the problems that last (notices.py, README "From
    # cron"), so that each is said when it appears, changes or comes back, not in every run
    # while it lasts. Bounded: a place holds what its last look found (a source's refused
    # entries are those of its current document), and only the configuration's sources,
    # feeds and output folder have places (Store.forget_notices).
    """
    CREATE TABLE notices (
        scope   TEXT NOT NULL,           -- notices.FETCH, SOURCE, FEED or FILES
        subject TEXT NOT NULL,           -- the source URL, [[feed]] name or output folder
        key     TEXT NOT NULL,           -- which problem: an entry's id, a file's path
        digest  TEXT NOT NULL,           -- of what it was about when said: an entry's bytes
        text    TEXT NOT NULL,           -- the line said, for `syndication status`
        said    TEXT NOT NULL,           -- ISO 8601 UTC
        PRIMARY KEY (scope, subject, key)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_REPACKED = 7  # a file made before this schema is rewritten once (VACUUM) by _migrate
MAX_RUN_FAILURES = 50  # failure lines kept per run for `syndication status`
KEEP_RUNS = 100  # runs kept for `syndication status` (two days of half-hourly runs)
# An article's row (id, verdict, dates, hashes) is forgotten once no source has carried it
# for this many days (or [site] keep_days, if longer), it is in no feed's window, and
# retention dropped its original (README "Retention"). The Conversation's feeds hold their
# newest 25 to 50 entries: one that left them a year ago does not come back; if it did, it
# would be checked again like a new article, under the same id.
FORGET_DAYS = 365
# Another connection writing (a second process: `syndication status` during a run, an audit
# reading its state file) is waited for this many seconds before the database is reported
# busy. The audit's state database (audit/state.py) waits as long.
BUSY_TIMEOUT_S = 30


class SourceState(NamedTuple):
    """What the database remembers of one source feed."""

    url: str
    etag: str | None
    last_modified: str | None
    last_attempt: datetime | None
    last_success: datetime | None
    last_error: str | None


class RunRecord(NamedTuple):
    """One finished run, as `syndication status` shows it."""

    started: datetime
    finished: datetime
    ok: bool  # False: some source, article or feed file failed (exit status 1)
    summary: dict[str, Any]  # the counts record_run wrote (JSON)


class ArticleState(NamedTuple):
    """One article's last verdict, as kept in the database."""

    article_id: int
    title: str
    url: str
    status: Outcome
    content_hash: str
    findings: tuple[Finding, ...]
    reason: str
    last_checked: datetime


class ExtractState(NamedTuple):
    """One extract's last verdict (an extract-mode feed's version of an article)."""

    article_id: int
    paragraphs: int
    status: Outcome
    current: bool  # built from the article's current version
    findings: tuple[Finding, ...]
    reason: str


# A feed's entries: its members that are published and still have their republication
# (retention keeps every feed's window), newest first; with :paragraphs, only those with a
# published extract of that many paragraphs of their current version. Walks the members'
# order index and stops at the limit (tests/test_store_sqlite.py reads the query plan).
_FEED_SELECTION = (
    "FROM feed_members m JOIN articles a ON a.article_id = m.article_id "
    "JOIN article_bodies b ON b.article_id = m.article_id "
    "LEFT JOIN extracts x ON x.article_id = m.article_id "
    "AND x.paragraphs = :paragraphs AND x.content_hash = a.content_hash "
    "WHERE m.feed = :feed AND a.status = 'published' "
    "AND (:paragraphs IS NULL OR x.status = 'published') "
    "ORDER BY m.published DESC, m.article_id DESC "
    "LIMIT :limit"
)


# The articles no source carried since :before: its rows not seen since are found by their
# index, and for each, whether another source carried it since, by the article's (Store.forget;
# tests/test_longlife_leftovers.py reads the query plan).
_FORGETTABLE = (
    "SELECT s.article_id FROM article_sources s WHERE s.last_seen < :before "
    "AND NOT EXISTS (SELECT 1 FROM article_sources t WHERE t.article_id = s.article_id "
    "AND t.last_seen >= :before)"
)


# Each rule's evidence while the article is kept whole, the rules not passed once pruned.
_ARTICLES = (
    "SELECT a.article_id, a.title, a.url, a.status, a.content_hash, "
    "coalesce(b.findings, a.findings), a.reason, a.last_checked FROM articles a "
    "LEFT JOIN article_bodies b ON b.article_id = a.article_id "
    "ORDER BY a.published DESC, a.article_id DESC LIMIT ?"
)
# status IN (…), not != 'published': the index on status is then searched, and only the rows
# kept out are read, not every row (its original and republication, ~50 KB) for its status
# (benchmarks/run.py: a run with nothing new lists the refused on the index page).
_ARTICLES_KEPT_OUT = _ARTICLES.replace(
    "ORDER BY", "WHERE a.status IN ('refused', 'error') ORDER BY")


def _storage_errors(cls: type[_T]) -> type[_T]:
    """Every public method of ``cls`` with the sqlite3 errors it lets out converted into
    StorageError naming the file: no sqlite3 exception leaves the store (errors.py)."""
    for name, method in list(vars(cls).items()):
        if name.startswith("_") or name == "transaction" or not inspect.isfunction(method):
            continue
        setattr(cls, name, _converting(method))
    return cls


def _converting(method: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def generator(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise StorageError(self.path, str(e)) from e

        return generator

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            raise StorageError(self.path, str(e)) from e

    return call


@_storage_errors
class Store:
    """The state database. Open with ``Store(path)``; use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise PathError(path.parent, "cannot create the state file's folder "
                            f"({e.strerror or e})") from e
        new = not path.exists()
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            # First: a new file's pages freed by retention can then be given back (later,
            # and for a file that has tables already, only VACUUM changes it: _migrate).
            self.db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as e:
            if new:  # nothing was there: where the configuration puts it cannot be used
                raise PathError(path, f"cannot create the state file ({e})") from e
            raise StorageError(path, f"cannot open the state database ({e})") from e

    def __enter__(self) -> "Store":
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
        if 0 < version < _REPACKED:
            # A file made before schema 7: once, rewrite it so that it can shrink, its rows
            # packed (schemas 6 and 7 moved originals, republications and evidence out).
            self.db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self.db.execute("VACUUM")

    def _pragma(self, name: str) -> int:
        (value,) = self.db.execute(f"PRAGMA {name}").fetchone()
        return int(value)

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
            # SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR):
            # a second ROLLBACK would raise "no transaction is active" and hide the reason.
            if self.db.in_transaction:
                with suppress(sqlite3.Error):  # the error being raised says what went wrong
                    self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            raise StorageError(self.path, f"cannot commit ({e})") from e

    # --- sources ------------------------------------------------------------------------

    def source(self, url: str) -> SourceState | None:
        row = self.db.execute(
            "SELECT " + _SOURCE_FIELDS + " FROM sources WHERE url = ?",  # noqa: S608 -- constant
            (url,),
        ).fetchone()
        return None if row is None else _source_state(row)

    def sources(self) -> tuple[SourceState, ...]:
        rows = self.db.execute(
            "SELECT " + _SOURCE_FIELDS + " FROM sources ORDER BY url"  # noqa: S608 -- constant
        ).fetchall()
        return tuple(_source_state(r) for r in rows)

    def source_succeeded(
        self, url: str, now: datetime, etag: str | None, last_modified: str | None
    ) -> None:
        """Keep the validators of a fetch whose articles are all stored (same transaction)."""
        self.db.execute(
            "INSERT INTO sources (url, etag, last_modified, last_attempt, last_success) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_attempt = excluded.last_attempt, "
            "last_success = excluded.last_success, last_error = NULL",
            (url, etag, last_modified, utc.timestamp(now), utc.timestamp(now)),
        )

    def source_failed(self, url: str, now: datetime, error: str) -> None:
        """Note a failed fetch; the validators and everything published stay."""
        self.db.execute(
            "INSERT INTO sources (url, last_attempt, last_error) VALUES (?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET last_attempt = excluded.last_attempt, "
            "last_error = excluded.last_error",
            (url, utc.timestamp(now), clipped(error)),
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
            "SELECT a.article_id, a.content_hash, a.visible_hash, a.status, a.updated, "
            "b.article_id IS NULL, a.source_updated FROM articles a LEFT JOIN article_bodies b "
            "ON b.article_id = a.article_id "
            "WHERE a.article_id IN (SELECT value FROM json_each(?))", (ids,)
        )
        return {r[0]: Stored(r[0], r[1], r[2], Outcome(r[3]), _dt_required(r[4]),
                             extracts.get(r[0], {}), pruned=bool(r[5]),
                             source_updated=_dt(r[6]))
                for r in rows}

    def apply(self, intent: Intent, now: datetime) -> None:
        """Write what update.decide decided for one article (inside a transaction): the one
        path by which a run changes an article's row and its extracts."""
        if intent.article is not None:
            w = intent.article
            self.save_article(w.article, content_hash=w.content_hash, status=w.status,
                              html=w.html, findings=w.findings, reason=w.reason, now=now,
                              visible_hash=w.visible_hash, content=w.content,
                              source_updated=w.source_updated)
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
        content: bytes | None = None,
        source_updated: datetime | None = None,
    ) -> None:
        """Insert or replace an article's latest version and verdict, and its original and
        republication (``visible_hash``: update.visible_hash of it, computed when not
        given; ``content``: article.content as UTF-8, when the caller has it;
        ``source_updated``: the source's date of this version, when not article.updated)."""
        self.db.execute(
            "INSERT INTO articles (article_id, url, title, summary, published, updated, "
            "authors, categories, language, rights, content_hash, status, findings, reason, "
            "first_seen, last_checked, visible_hash, source_updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET url = excluded.url, "
            "title = excluded.title, summary = excluded.summary, "
            "published = excluded.published, updated = excluded.updated, "
            "authors = excluded.authors, categories = excluded.categories, "
            "language = excluded.language, rights = excluded.rights, "
            "content_hash = excluded.content_hash, status = excluded.status, "
            "findings = excluded.findings, reason = excluded.reason, "
            "last_checked = excluded.last_checked, visible_hash = excluded.visible_hash, "
            "source_updated = excluded.source_updated",
            (
                article.article_id,
                article.url,
                article.title,
                article.summary,
                utc.timestamp(article.published),
                utc.timestamp(article.updated),
                json.dumps([[a.name, a.role, a.institution, a.profile_url]
                            for a in article.authors], ensure_ascii=False),
                json.dumps(list(article.categories), ensure_ascii=False),
                article.language,
                article.rights,
                content_hash,
                str(status),
                _findings([f for f in findings if f.ok is not True]),
                clipped(reason),
                utc.timestamp(now),
                utc.timestamp(now),
                visible_hash or update_visible_hash(article),
                utc.timestamp(source_updated or article.updated),
            ),
        )
        # The original bound as the UTF-8 that update.plan encoded it to for its hashes, and
        # made TEXT again by SQLite (a BLOB cast to TEXT is its bytes, read in the database's
        # encoding, UTF-8): the same value as the string bound, without encoding it a second
        # time (an English article's content is UCS-2 to Python: 0.2 M instructions an
        # article of benchmarks/run.py's, callgrind).
        self.db.execute(
            "INSERT INTO article_bodies (article_id, content, html, findings) "
            "VALUES (?, CAST(? AS TEXT), ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
            "content = excluded.content, html = excluded.html, findings = excluded.findings",
            (article.article_id, article.content if content is None else content,
             _kept_html(status, html), _findings(findings)),
        )

    def carried(self, article: Article, source_url: str, members: Mapping[str, bool],
                now: datetime) -> None:
        """A stored article met in ``source_url`` in this run: remember that the source
        carried it, and whether each feed reading that source takes it (``members``, as
        its selection judges the article now; feeds whose members were decided)."""
        self.db.execute(
            "INSERT INTO article_sources (article_id, source_url, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (source_url, article_id) DO UPDATE SET "
            "last_seen = excluded.last_seen",
            (article.article_id, source_url, utc.timestamp(now), utc.timestamp(now)),
        )
        self.db.executemany(
            "INSERT INTO feed_members (feed, article_id, published) VALUES (?, ?, ?) "
            "ON CONFLICT (feed, article_id) DO UPDATE SET published = excluded.published",
            [(feed, article.article_id, utc.timestamp(article.published))
             for feed, member in members.items() if member],
        )
        self.db.executemany(
            "DELETE FROM feed_members WHERE feed = ? AND article_id = ?",
            [(feed, article.article_id) for feed, member in members.items() if not member],
        )

    def feed_entries(self, feed: str, limit: int, *, paragraphs: int | None = None,
                     html: bool = True) -> tuple[FeedEntry, ...]:
        """The newest ``limit`` published members of ``feed``. With ``paragraphs``, each
        entry's HTML is its published extract of that many paragraphs, and articles without
        one are left out. ``html=False``: the entries without their HTML ("", for the index
        page)."""
        if limit <= 0:
            return ()
        rows = self.db.execute(
            "SELECT " + _ARTICLE_FIELDS + ", "
            "CASE WHEN NOT :html THEN NULL WHEN :paragraphs IS NULL THEN b.html "
            "ELSE x.html END " + _FEED_SELECTION,
            {"feed": feed, "paragraphs": paragraphs, "limit": limit, "html": html},
        )
        return tuple(FeedEntry(**_article_fields(r), html=r[_N_FIELDS] or "") for r in rows)

    def feed_keys(self, feed: str, limit: int, *,
                  paragraphs: int | None = None) -> tuple[tuple[int, str, str], ...]:
        """(N, content hash, updated) of each entry feed_entries() would return, in order:
        enough to tell that a feed did not change without reading its HTML."""
        if limit <= 0:
            return ()
        rows = self.db.execute(
            "SELECT a.article_id, a.content_hash, a.updated " + _FEED_SELECTION,
            {"feed": feed, "paragraphs": paragraphs, "limit": limit},
        ).fetchall()
        return tuple((r[0], r[1], r[2]) for r in rows)

    # --- feeds and their members --------------------------------------------------------

    def feed_state(self, feed: str) -> tuple[str, datetime] | None:
        """(fingerprint, first written) of ``feed``; None for a feed never written."""
        row = self.db.execute(
            "SELECT fingerprint, first_written FROM feeds WHERE name = ?", (feed,)
        ).fetchone()
        return (row[0], _dt_required(row[1])) if row else None

    def forget_feeds(self, keep: Sequence[str]) -> None:
        """Drop the feeds (and their members) no longer configured."""
        self.db.execute("DELETE FROM feeds WHERE name NOT IN (SELECT value FROM json_each(?))",
                        (json.dumps(list(keep)),))

    def carried_by(self, source_urls: Sequence[str]) -> Iterator[tuple[Article, str]]:
        """Every stored article carried by ``source_urls`` (without its content: ""), with
        its published date as stored: what a feed's selection is decided on."""
        rows = self.db.execute(
            "SELECT " + _ARTICLE_FIELDS + ", a.published "  # noqa: S608 -- constant SQL text
            "FROM articles a WHERE a.article_id IN (SELECT article_id FROM article_sources "
            "WHERE source_url IN (SELECT value FROM json_each(?)))",
            (json.dumps(list(source_urls)),),
        )
        for r in rows:
            yield Article(**_article_fields(r), content=""), r[_N_FIELDS]

    def decide_members(self, feed: str, fingerprint: str, members: Sequence[tuple[int, str]],
                       now: datetime) -> None:
        """Replace ``feed``'s members with ``members`` ((N, published as stored)) decided
        under the selection ``fingerprint``; the feed keeps its first-written date."""
        self.db.execute(
            "INSERT INTO feeds (name, fingerprint, first_written) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint",
            (feed, fingerprint, utc.timestamp(now)),
        )
        self.db.execute("DELETE FROM feed_members WHERE feed = ?", (feed,))
        self.db.executemany(
            "INSERT INTO feed_members (feed, article_id, published) VALUES (?, ?, ?)",
            [(feed, n, published) for n, published in members],
        )

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
            (article_id, paragraphs, content_hash, str(status), _kept_html(status, html),
             _findings(findings), clipped(reason)),
        )

    def without_extract(self, feed: str, limit: int,
                        paragraphs: int) -> tuple[tuple[Article, str], ...]:
        """Of the newest ``limit`` published members of ``feed`` (its window, were every one
        extracted), those with no extract of ``paragraphs`` built from their current
        version (a feed newly in extract mode), each with its content hash."""
        rows = self.db.execute(
            "SELECT " + _ARTICLE_FIELDS + ", b.content, a.content_hash "  # noqa: S608 -- constant
            "FROM (SELECT m.article_id FROM feed_members m "
            "JOIN articles a ON a.article_id = m.article_id "
            "JOIN article_bodies b ON b.article_id = m.article_id "
            "WHERE m.feed = :feed AND a.status = 'published' "
            "ORDER BY m.published DESC, m.article_id DESC LIMIT :limit) w "
            "JOIN articles a ON a.article_id = w.article_id "
            "JOIN article_bodies b ON b.article_id = w.article_id "
            "LEFT JOIN extracts x ON x.article_id = w.article_id "
            "AND x.paragraphs = :paragraphs AND x.content_hash = a.content_hash "
            "WHERE x.article_id IS NULL ORDER BY a.published DESC, a.article_id DESC",
            {"feed": feed, "limit": limit, "paragraphs": paragraphs},
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
                         _findings_of(r[4]), r[5])
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
                findings=_findings_of(r[5]),
                reason=r[6],
                last_checked=_dt_required(r[7]),
            )
            for r in rows
        )

    def status_counts(self) -> dict[str, int]:
        """How many articles are in each status (published, refused, error)."""
        rows = self.db.execute("SELECT status, count(*) FROM articles GROUP BY status")
        return {r[0]: r[1] for r in rows}

    # --- retention ----------------------------------------------------------------------

    def prune(self, keep: Iterable[int], before: datetime) -> int:
        """Drop the original and republication (and extracts' HTML) of every article last
        checked before ``before`` and not in ``keep`` (every feed's window), and the
        evidence of the rules it passed; its row keeps the id, verdict (status, reason, the
        rules not passed), dates and hashes, so it is never processed again unchanged.
        Returns how many were pruned (give_back() then shrinks the file)."""
        with self.transaction():
            # article_bodies holds only what is not pruned yet: this reads recent articles
            # and windows, not every article ever seen
            ids = json.dumps([r[0] for r in self.db.execute(
                "SELECT b.article_id FROM article_bodies b JOIN articles a "
                "ON a.article_id = b.article_id WHERE a.last_checked < ? "
                "AND b.article_id NOT IN (SELECT value FROM json_each(?))",
                (utc.timestamp(before), json.dumps(sorted(set(keep)))))])
            pruned = self.db.execute("DELETE FROM article_bodies WHERE article_id IN "
                                     "(SELECT value FROM json_each(?))", (ids,)).rowcount
            self.db.execute("UPDATE extracts SET html = NULL WHERE article_id IN "
                            "(SELECT value FROM json_each(?))", (ids,))
            # An extract's verdict stays (status, reason, the rules not passed); the
            # evidence of each rule passed goes with the republication it was about. (An
            # article's is in article_bodies, gone with it.)
            self.db.execute(
                "UPDATE extracts SET findings = (SELECT json_group_array(json(f.value)) "
                "FROM json_each(findings) f WHERE json_extract(f.value, '$[1]') IS NOT 1) "
                "WHERE article_id IN (SELECT value FROM json_each(?))", (ids,))
        return pruned

    def forget(self, keep: Iterable[int], before: datetime) -> int:
        """Forget the row of every article that no source carried since ``before``, not in
        ``keep`` (every feed's window) and pruned already (its original dropped): with its
        sources, extracts and feed memberships. Articles no source ever carried are kept.
        Returns how many were forgotten."""
        with self.transaction():
            return int(self.db.execute(
                "DELETE FROM articles WHERE article_id IN (" + _FORGETTABLE + ") "  # noqa: S608
                "AND article_id NOT IN (SELECT article_id FROM article_bodies) "
                "AND article_id NOT IN (SELECT value FROM json_each(:keep))",
                {"before": utc.timestamp(before), "keep": json.dumps(sorted(set(keep)))}
            ).rowcount)

    def forget_sources(self, keep: Sequence[str], before: datetime) -> int:
        """Forget the state of every source not in ``keep`` (the configuration's) last
        fetched before ``before`` (FORGET_DAYS ago): its validators and last error, which
        `syndication status` listed for good. Returns how many went."""
        with self.transaction():
            return int(self.db.execute(
                "DELETE FROM sources WHERE url NOT IN (SELECT value FROM json_each(?)) "
                "AND coalesce(last_attempt, '') < ?",
                (json.dumps(list(keep)), utc.timestamp(before))).rowcount)

    def give_back(self) -> None:
        """Return the file's free pages to the file system (after prune and record_run)."""
        if self._pragma("freelist_count"):
            # executescript steps the pragma to its end; execute() would free one page
            self.db.executescript("PRAGMA incremental_vacuum;")

    def size(self) -> tuple[int, int, int]:
        """(bytes, articles kept whole, articles pruned) of the state database."""
        pages = self._pragma("page_count") * self._pragma("page_size")
        (whole,) = self.db.execute("SELECT count(*) FROM article_bodies").fetchone()
        (total,) = self.db.execute("SELECT count(*) FROM articles").fetchone()
        return pages, int(whole), int(total) - int(whole)

    # --- notices: what runs said of the problems that last (notices.py) ----------------

    def notices(self) -> dict[Place, dict[str, Said]]:
        """What earlier runs said of the problems that last, by place (read once a run)."""
        out: dict[Place, dict[str, Said]] = {}
        for scope, subject, key, digest, text, said in self.db.execute(
                "SELECT scope, subject, key, digest, text, said FROM notices "
                "ORDER BY said, scope, subject, key"):
            out.setdefault((scope, subject), {})[key] = Said(digest, text, _dt_required(said))
        return out

    def apply_notices(self, told: Told) -> None:
        """Record what a run said of one place (notices.decide): each new notice replaces
        what was said under its key, those gone are forgotten, those that last stay as
        first said. Atomic: in the caller's transaction (a source's), else in its own."""
        if not self.db.in_transaction:
            with self.transaction():
                self.apply_notices(told)
            return
        scope, subject = told.place
        self.db.executemany(
            "DELETE FROM notices WHERE scope = ? AND subject = ? AND key = ?",
            [(scope, subject, key) for key, _said in told.gone])
        self.db.executemany(
            "INSERT INTO notices (scope, subject, key, digest, text, said) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, subject, key) DO UPDATE SET "
            "digest = excluded.digest, text = excluded.text, said = excluded.said",
            [(scope, subject, n.key, n.digest, clipped(n.text), utc.timestamp(told.now))
             for n in told.new])

    def forget_notices(self, keep: Sequence[str]) -> int:
        """Forget what was said of every subject not in ``keep`` (the configuration's
        sources, feeds and output folder): a source or feed removed leaves nothing behind.
        Returns how many rows went (one statement: atomic alone)."""
        return int(self.db.execute(
            "DELETE FROM notices WHERE subject NOT IN (SELECT value FROM json_each(?))",
            (json.dumps(list(keep)),)).rowcount)

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

    # --- output files: what a run wrote in the output folder -----------------------------

    def output_file(self, path: str) -> str | None:
        """The SHA-256 of what was last written (or found identical) at ``path``."""
        row = self.db.execute("SELECT sha256 FROM output_files WHERE path = ?",
                              (path,)).fetchone()
        return str(row[0]) if row else None

    def own_output_file(self, path: str, sha256: str, config: str) -> None:
        self.db.execute(
            "INSERT INTO output_files (path, sha256, config) VALUES (?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, "
            "config = excluded.config "
            "WHERE sha256 != excluded.sha256 OR config != excluded.config",
            (path, sha256, config),
        )

    def output_files(self, config: str) -> list[tuple[str, str]]:
        """(path, SHA-256) of every file the runs of ``config`` wrote and still own."""
        rows = self.db.execute("SELECT path, sha256 FROM output_files WHERE config = ? "
                               "ORDER BY path", (config,))
        return [(str(p), str(h)) for p, h in rows]

    def disown_output_file(self, path: str) -> None:
        """Forget ``path``: removed, or no file of ours any more."""
        self.db.execute("DELETE FROM output_files WHERE path = ?", (path,))
        self.db.execute("DELETE FROM feed_files WHERE path = ?", (path,))

    # --- hosts (fetch.HostMemory) -------------------------------------------------------

    def robots(self, origin: str) -> RobotsRecord | None:
        row = self.db.execute(
            "SELECT " + _ROBOTS_FIELDS + " FROM robots WHERE origin = ?",  # noqa: S608 -- constant
            (origin,),
        ).fetchone()
        return _robots_record(row) if row else None

    def save_robots(self, record: RobotsRecord) -> None:
        self.db.execute(
            "INSERT INTO robots (origin, fetched, status, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (origin) DO UPDATE SET fetched = excluded.fetched, "
            "status = excluded.status, body = excluded.body",
            (record.origin, utc.timestamp(record.fetched), record.status, record.body),
        )

    def robots_all(self) -> tuple[RobotsRecord, ...]:
        rows = self.db.execute(
            "SELECT " + _ROBOTS_FIELDS + " FROM robots ORDER BY origin"  # noqa: S608 -- constant
        ).fetchall()
        return tuple(_robots_record(r) for r in rows)

    def hosts_waiting(self, now: datetime, longest: timedelta
                      ) -> tuple[tuple[str, datetime], ...]:
        """Hosts that asked (Retry-After) not to be contacted before a time still to come,
        and at most ``longest`` from ``now``: a wait ending later was dated by a clock that
        has gone back since, and the fetcher holds it void (config.MAX_RETRY_AFTER)."""
        rows = self.db.execute(
            "SELECT host, not_before FROM hosts WHERE not_before > ? AND not_before <= ? "
            "ORDER BY host",
            (utc.timestamp(now), utc.timestamp(now + longest)),
        ).fetchall()
        return tuple((r[0], _dt_required(r[1])) for r in rows)

    def forget_hosts(self, now: datetime, robots_before: datetime, longest: timedelta) -> int:
        """Forget what no run will use again: robots.txt copies fetched before
        ``robots_before`` (fetch.ROBOTS_STALE_MAX ago: too old even when the file is
        unreachable), and waits that are over or void (ending more than ``longest`` from
        ``now``: dated by a clock that has gone back since, which would have come into
        force again once the clock caught up with them). Returns how many rows went."""
        with self.transaction():
            gone = self.db.execute("DELETE FROM robots WHERE fetched < ?",
                                   (utc.timestamp(robots_before),)).rowcount
            gone += self.db.execute(
                "DELETE FROM hosts WHERE not_before <= ? OR not_before > ?",
                (utc.timestamp(now), utc.timestamp(now + longest))).rowcount
        return int(gone)

    def not_before(self, host: str) -> datetime | None:
        row = self.db.execute(
            "SELECT not_before FROM hosts WHERE host = ?", (host,)
        ).fetchone()
        return _dt_required(row[0]) if row else None

    def save_not_before(self, host: str, until: datetime) -> None:
        # Replaced, not max()ed: the fetcher asks only once it contacted the host, so the
        # wait kept is over, or void (dated by a clock that has gone back since).
        self.db.execute(
            "INSERT INTO hosts (host, not_before) VALUES (?, ?) ON CONFLICT (host) "
            "DO UPDATE SET not_before = excluded.not_before",
            (host, utc.timestamp(until)),
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
            "pruned": report.pruned,
            "failures": [clipped(f) for f in failures[:MAX_RUN_FAILURES]],
            "failures_left_out": max(0, len(failures) - MAX_RUN_FAILURES),
        }
        with self.transaction():
            self.db.execute(
                "INSERT INTO runs (started, finished, ok, summary) VALUES (?, ?, ?, ?)",
                (utc.timestamp(report.started), utc.timestamp(report.finished), int(report.ok),
                 json.dumps(summary, sort_keys=True)),
            )
            self._keep_last_runs()
        self.give_back()

    def _keep_last_runs(self) -> None:
        """Only the last KEEP_RUNS runs are kept, however each run ended."""
        self.db.execute("DELETE FROM runs WHERE id NOT IN "
                        "(SELECT id FROM runs ORDER BY id DESC LIMIT ?)", (KEEP_RUNS,))


    def last_run(self) -> RunRecord | None:
        row = self.db.execute(
            "SELECT started, finished, ok, summary FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return RunRecord(_dt_required(row[0]), _dt_required(row[1]), bool(row[2]),
                         json.loads(row[3]))

    def record_crash(self, started: datetime, finished: datetime, reason: str) -> None:
        """Record a run that stopped before its end (an exception, a signal), as failed with
        ``reason``, so that `status` says so (cron users look there)."""
        reason = clipped(reason)
        summary = {"crashed": reason, "failures": [reason], "failures_left_out": 0}
        with self.transaction():
            self.db.execute(
                "INSERT INTO runs (started, finished, ok, summary) VALUES (?, ?, 0, ?)",
                (utc.timestamp(started), utc.timestamp(finished),
                 json.dumps(summary, sort_keys=True)))
            # a run stopped every time (a cron `timeout`, a bug) must not grow the table
            self._keep_last_runs()

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


def _findings(findings: Iterable[Finding]) -> str:
    """Findings as their column holds them: JSON [[rule, ok, detail]], each detail at most
    LINE_MAX characters (safetext.clipped; schema 10)."""
    return json.dumps([[f.rule, f.ok, clipped(f.detail)] for f in findings], ensure_ascii=False)


def _kept_html(status: Outcome, html: str | None) -> str | None:
    """The republication kept of an article or extract: only one that is published (one
    refused or failed is never read again; schema 10)."""
    return html if status == Outcome.PUBLISHED else None


# A sources row and a robots row, decoded by _source_state and _robots_record alone.
_SOURCE_FIELDS = "url, etag, last_modified, last_attempt, last_success, last_error"
_ROBOTS_FIELDS = "origin, fetched, status, body"


def _findings_of(column: str) -> tuple[Finding, ...]:
    """The findings column (_findings) as records."""
    return tuple(Finding(*f) for f in json.loads(column))


def _source_state(row: Sequence[Any]) -> SourceState:
    """A row selected with _SOURCE_FIELDS as its record."""
    return SourceState(row[0], row[1], row[2], _dt(row[3]), _dt(row[4]), row[5])


def _robots_record(row: Sequence[Any]) -> RobotsRecord:
    """A row selected with _ROBOTS_FIELDS as its record."""
    return RobotsRecord(row[0], _dt_required(row[1]), row[2], row[3])


def _authors(column: str) -> tuple[Author, ...]:
    """The authors column (JSON [[name, role, institution, profile_url]]) as records."""
    return tuple(Author(*a) for a in json.loads(column))


def _fill_visible_hashes(db: sqlite3.Connection) -> None:
    """Schema 5: the visible hash of every article kept (update.visible_hash)."""
    select = "SELECT " + _ARTICLE_FIELDS + ", a.content FROM articles a"  # noqa: S608 -- constant
    # row by row: only the hashes are kept, not every original at once
    hashes = [(update_visible_hash(Article(**_article_fields(r), content=r[_N_FIELDS])), r[0])
              for r in db.execute(select)]
    db.executemany("UPDATE articles SET visible_hash = ? WHERE article_id = ?", hashes)


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


def _dt(value: str | None) -> datetime | None:
    return _dt_required(value) if value else None


def _dt_required(value: str) -> datetime:
    return utc.parse(value)
