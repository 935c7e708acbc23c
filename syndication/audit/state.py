"""The audit's state database (``--state FILE``), its only user of sqlite3: every document
an audit fetched (validators, content hash and body, so the next audit asks with a
conditional GET and reads an unchanged one from here), each page's last result with the
key it was judged under, robots.txt copies, and one row per audit. It is a file of its
own, apart from the feeds' state database (store.py), which an audit never touches.
Schema as SQL text, migrated by PRAGMA user_version; WAL."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import utc
from ..errors import StorageError
from ..models import Fetched, Finding, RobotsRecord, Verdict
from ..store import BUSY_TIMEOUT_S
from .records import PageAudit, Standing

# Migration k takes the schema from user_version k to k+1. Append; never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (          -- every page, source and original an audit fetched
        url           TEXT PRIMARY KEY,
        etag          TEXT,            -- validators for the next conditional GET
        last_modified TEXT,
        content_type  TEXT,
        content_hash  TEXT NOT NULL,   -- sha256 of the body
        body          BLOB NOT NULL,   -- zlib of the body: read again when it answers 304
        fetched       TEXT NOT NULL    -- ISO 8601 UTC
    );
    CREATE TABLE results (            -- each republication's last result
        url      TEXT PRIMARY KEY,
        judge_key TEXT NOT NULL,       -- page, feed entry, original and checker it was judged on
        standing TEXT NOT NULL,        -- records.Standing
        result   TEXT NOT NULL,        -- JSON of the PageAudit (page_to_json)
        audited  TEXT NOT NULL
    );
    CREATE TABLE robots (
        origin  TEXT PRIMARY KEY,
        fetched TEXT NOT NULL,
        status  INTEGER NOT NULL,
        body    TEXT NOT NULL
    );
    CREATE TABLE hosts (
        host       TEXT PRIMARY KEY,
        not_before TEXT NOT NULL       -- Retry-After asked us to stay away until then
    );
    CREATE TABLE audits (
        id       INTEGER PRIMARY KEY,
        started  TEXT NOT NULL,
        finished TEXT NOT NULL,
        sources  TEXT NOT NULL,        -- JSON [source]
        summary  TEXT NOT NULL         -- JSON of output.summary()
    );
    """,
)


@dataclass(frozen=True, slots=True)
class StoredResult:
    """A page's result as the last audit left it."""

    judge_key: str
    standing: Standing
    page: PageAudit


class AuditState:
    """The state database. Use as a context manager. Safe to share between the audit's
    host workers (one connection, one lock)."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StorageError(path, f"not a usable audit state database ({e})") from e

    def _migrate(self) -> None:
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):
            raise StorageError(self.path, f"made by a newer syndication (schema {version}); "
                               "use that version, or another --state file")
        for number in range(version, len(MIGRATIONS)):
            # one script, one transaction: a migration is applied whole or not at all
            self.db.executescript(f"BEGIN;\n{MIGRATIONS[number]}\n"
                                  f"PRAGMA user_version = {number + 1};\nCOMMIT;")

    def __enter__(self) -> AuditState:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.db.close()

    # --- documents --------------------------------------------------------------------

    def document(self, url: str) -> Fetched | None:
        """The last copy of ``url``, as a 200 answer with its validators."""
        with self._lock:
            row = self.db.execute(
                "SELECT etag, last_modified, content_type, body FROM documents WHERE url = ?",
                (url,)).fetchone()
        if row is None:
            return None
        return Fetched(url, url, 200, zlib.decompress(row[3]), row[0], row[1], row[2])

    def save_document(self, fetched: Fetched, now: datetime) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO documents (url, etag, last_modified, content_type, content_hash, "
                "body, fetched) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "content_type = excluded.content_type, content_hash = excluded.content_hash, "
                "body = excluded.body, fetched = excluded.fetched",
                (fetched.url, fetched.etag, fetched.last_modified, fetched.content_type,
                 digest(fetched.body), zlib.compress(fetched.body), utc.timestamp(now)))

    # --- results ----------------------------------------------------------------------

    def result(self, url: str) -> StoredResult | None:
        with self._lock:
            row = self.db.execute("SELECT judge_key, standing, result FROM results "
                                  "WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return StoredResult(row[0], Standing(row[1]), page_from_json(json.loads(row[2])))

    def save_result(self, page: PageAudit, judge_key: str, now: datetime) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO results (url, judge_key, standing, result, audited) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "judge_key = excluded.judge_key, standing = excluded.standing, "
                "result = excluded.result, audited = excluded.audited",
                (page.url, judge_key, str(page.standing),
                 json.dumps(page_to_json(page), ensure_ascii=False), utc.timestamp(now)))

    # --- audits -----------------------------------------------------------------------

    def audits(self) -> int:
        """How many audits this database has seen."""
        with self._lock:
            (n,) = self.db.execute("SELECT count(*) FROM audits").fetchone()
        return int(n)

    def record_audit(self, started: datetime, finished: datetime, sources: list[str],
                     summary: dict[str, int]) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO audits (started, finished, sources, summary) VALUES (?, ?, ?, ?)",
                (utc.timestamp(started), utc.timestamp(finished), json.dumps(sources),
                 json.dumps(summary)))

    # --- fetch.HostMemory -------------------------------------------------------------

    def robots(self, origin: str) -> RobotsRecord | None:
        with self._lock:
            row = self.db.execute("SELECT fetched, status, body FROM robots WHERE origin = ?",
                                  (origin,)).fetchone()
        return RobotsRecord(origin, _dt(row[0]), row[1], row[2]) if row else None

    def save_robots(self, record: RobotsRecord) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO robots (origin, fetched, status, body) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (origin) DO UPDATE SET fetched = excluded.fetched, "
                "status = excluded.status, body = excluded.body",
                (record.origin, utc.timestamp(record.fetched), record.status, record.body))

    def not_before(self, host: str) -> datetime | None:
        with self._lock:
            row = self.db.execute("SELECT not_before FROM hosts WHERE host = ?",
                                  (host,)).fetchone()
        return _dt(row[0]) if row else None

    def save_not_before(self, host: str, until: datetime) -> None:
        with self._lock:
            self.db.execute(
                "INSERT INTO hosts (host, not_before) VALUES (?, ?) ON CONFLICT (host) "
                "DO UPDATE SET not_before = max(not_before, excluded.not_before)",
                (host, utc.timestamp(until)))


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


# --- one home for a PageAudit's JSON (the results table) ------------------------------------


def page_to_json(page: PageAudit) -> dict[str, Any]:
    return {
        "url": page.url, "article": page.article_id, "how": page.how,
        "original": page.original, "judged": page.judged,
        "verdict": _verdict_to_json(page.verdict),
        "entry_verdict": _verdict_to_json(page.entry_verdict),
        "error": page.error, "title": page.title,
    }


def page_from_json(data: dict[str, Any]) -> PageAudit:
    return PageAudit(
        url=data["url"], article_id=data["article"], how=data["how"],
        original=data["original"], judged=data["judged"],
        verdict=_verdict_from_json(data["verdict"]),
        entry_verdict=_verdict_from_json(data["entry_verdict"]),
        error=data["error"], title=data["title"],
    )


def _verdict_to_json(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {"article": verdict.article_id,
            "findings": [[f.rule, f.ok, f.detail] for f in verdict.findings]}


def _verdict_from_json(data: dict[str, Any] | None) -> Verdict | None:
    if data is None:
        return None
    return Verdict(article_id=data["article"],
                   findings=tuple(Finding(r, ok, d) for r, ok, d in data["findings"]))


def _dt(value: str) -> datetime:
    return utc.parse(value)
