"""Frozen records passed between the stages of a run (fetch -> parse -> republish -> check ->
store -> publish). Nothing here does I/O; every datetime is timezone-aware.

The records of one article (Author, Article, SourceFeed, RemovedImage, Republication,
FeedEntry, Finding, Verdict) are defined in article.py and loaded from here on first use: a
run where every source answers 304 reads no article and does not create them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article as Article
    from .article import Author as Author
    from .article import FeedEntry as FeedEntry
    from .article import Finding as Finding
    from .article import RemovedImage as RemovedImage
    from .article import Republication as Republication
    from .article import SourceFeed as SourceFeed
    from .article import Verdict as Verdict

_ARTICLE_RECORDS = frozenset(
    "Article Author FeedEntry Finding RemovedImage Republication SourceFeed Verdict".split())


def __getattr__(name: str) -> object:
    """The records of one article, from article.py when first asked for (PEP 562)."""
    if name in _ARTICLE_RECORDS:
        from . import article

        return getattr(article, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: The licence every republished article carries (SPEC §3 `licence-notice`).
LICENCE_URL = "https://creativecommons.org/licenses/by-nd/4.0/"
LICENCE_NAME = "CC BY-ND 4.0"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer, as fetch.py hands it on: a full body (200) or "not modified" (304)."""

    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects within the allowed hosts
    status: int  # 200, or 304 when the conditional GET found nothing new
    body: bytes  # the body, b"" for 304; never larger than [fetch] max_bytes
    etag: str | None  # ETag response header, kept for the next conditional GET
    last_modified: str | None  # Last-Modified response header, likewise
    content_type: str | None  # Content-Type response header

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class RobotsRecord:
    """A host's robots.txt as last fetched (RFC 9309), kept in the state database for a day."""

    origin: str  # scheme://host[:port] the file governs, e.g. https://theconversation.com
    fetched: datetime  # when it was fetched (UTC)
    status: int  # the HTTP status: 200 (rules in body), or 4xx (no rules: all allowed)
    body: str  # the file, decoded as UTF-8 (RFC 9309 §2.3); "" for 4xx


@dataclass(frozen=True, slots=True)
class Selection:
    """What a feed takes from its sources (SPEC §3 `selective`); config.py builds it."""

    keywords: tuple[str, ...] = ()  # [[feed]] keywords: any of them in title or summary
    exclude_keywords: tuple[str, ...] = ()  # [[feed]] exclude_keywords: none of them there
    authors: tuple[str, ...] = ()  # [[feed]] authors: names or profile URLs
    articles: tuple[int, ...] = ()  # [[feed]] articles: ids (URLs are read as their id)

    @property
    def selects(self) -> bool:
        """True when the feed picks articles; exclusions alone still take everything else."""
        return bool(self.keywords or self.authors or self.articles)

    def describe(self) -> str:
        parts = []
        if self.keywords:
            parts.append("keywords " + ", ".join(repr(k) for k in self.keywords))
        if self.authors:
            parts.append("authors " + ", ".join(repr(a) for a in self.authors))
        if self.articles:
            parts.append(f"{len(self.articles)} listed articles")
        if self.exclude_keywords:
            parts.append("excluding " + ", ".join(repr(k) for k in self.exclude_keywords))
        return "; ".join(parts) or "no selection"


class Outcome(enum.StrEnum):
    """What became of one article in a run."""

    PUBLISHED = "published"  # passed every rule, in the feeds
    REFUSED = "refused"  # failed a rule, kept out of the feeds
    UNCHANGED = "unchanged"  # seen before with the same content: nothing to do
    ERROR = "error"  # could not be processed (a bug or bad input); reason kept


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """One article's outcome in a run."""

    article_id: int
    title: str
    outcome: Outcome
    failed_rules: tuple[str, ...] = ()  # rule ids that failed, for REFUSED
    reason: str = ""  # one line: the failing evidence, or the error
    withdrawn: bool = False  # REFUSED now, published before: taken out of the feeds


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One source feed's outcome in a run."""

    url: str
    ok: bool  # fetched (or 304) and parsed
    not_modified: bool = False  # answered 304: nothing parsed
    entries: int = 0  # entries in the document
    error: str = ""  # one line, when not ok
    problems: tuple[str, ...] = ()  # entries skipped
    not_selected: int = 0  # entries no feed reading this source takes (SPEC §3 selective)


@dataclass(frozen=True, slots=True)
class RunReport:
    """Everything a run did, for the CLI to print and cron to judge."""

    started: datetime
    finished: datetime
    sources: tuple[SourceReport, ...]
    articles: tuple[ArticleReport, ...]  # one per article id seen in this run
    feeds_written: tuple[str, ...]  # output files whose bytes changed
    feeds_unchanged: tuple[str, ...] = ()  # output files left as they were
    feeds_failed: tuple[str, ...] = ()  # one line per file that could not be written
    requests: int = 0  # HTTP requests sent, robots.txt and retries included

    @property
    def ok(self) -> bool:
        """False when a source, an entry, an article or a feed file failed (exit status 1)."""
        return not self.failures()

    def failures(self) -> tuple[str, ...]:
        """One line per failing source, skipped entry, article or feed file: what cron mails."""
        lines: list[str] = []
        for s in self.sources:
            if not s.ok:
                lines.append(s.error)
            lines.extend(f"{s.url}: {p}" for p in s.problems)
        for a in self.articles:
            if a.outcome in (Outcome.REFUSED, Outcome.ERROR):
                lines.append(f"article {a.article_id} {a.outcome}: {a.reason}")
        lines.extend(self.feeds_failed)
        return tuple(lines)

    def outcome_counts(self) -> dict[Outcome, int]:
        """How many articles ended in each outcome, in Outcome's order, zeros left out."""
        counts = {o: sum(a.outcome is o for a in self.articles) for o in Outcome}
        return {o: n for o, n in counts.items() if n}
