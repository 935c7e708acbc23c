"""run(config) -> RunReport: fetch -> parse -> republish -> check -> store -> publish. One bad
source or article is a result in the report, never the end of the run; nothing that fails a
rule is published, and nothing already published is lost."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from filelock import FileLock, Timeout

from .check import check
from .config import Config
from .errors import FetchError, LockedError, ParseError, PublishError
from .fetch import Fetcher
from .models import Article, ArticleReport, Outcome, RunReport, SourceReport
from .publish import render, write_if_changed
from .republish import republish
from .source import parse_feed
from .store import Store

log = logging.getLogger(__name__)

# Part of every content hash: bump it when republish or check change what they produce, so
# that the next run re-processes every article with the new code.
FORMAT_VERSION = 1
FEED_FORMATS = ("atom", "rss")

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def lock_path(config: Config) -> str:
    return f"{config.site.state_file}.lock"


def run(
    config: Config,
    *,
    fetcher: Fetcher | None = None,
    clock: Clock = _utcnow,
) -> RunReport:
    """Do one complete run. Raises LockedError when another run holds the lock, and
    StorageError when the state database cannot be used; every other failure is reported."""
    lock = FileLock(lock_path(config), timeout=0)
    try:
        lock.acquire()
    except Timeout as e:
        raise LockedError(lock_path(config)) from e
    try:
        with Store(config.site.state_file) as store:
            own = fetcher is None
            fetch = fetcher or Fetcher(config.fetch, config.allowed_hosts)
            try:
                report = _run(config, store, fetch, clock)
            finally:
                if own:
                    fetch.close()
            store.record_run(report)
            return report
    finally:
        lock.release()


def _run(config: Config, store: Store, fetcher: Fetcher, clock: Clock) -> RunReport:
    started = clock()
    sources: list[SourceReport] = []
    articles: dict[int, ArticleReport] = {}
    for url in config.sources:
        sources.append(_source(url, store, fetcher, articles, clock))
    written, unchanged, failed = _publish(config, store)
    report = RunReport(
        started=started,
        finished=clock(),
        sources=tuple(sources),
        articles=tuple(articles.values()),
        feeds_written=tuple(written),
        feeds_unchanged=tuple(unchanged),
        feeds_failed=tuple(failed),
    )
    log.info(
        "%d sources (%d failed, %d not modified); articles: %s; %d feed files written",
        len(report.sources),
        sum(not s.ok for s in report.sources),
        sum(s.not_modified for s in report.sources),
        ", ".join(f"{n} {o}" for o, n in report.outcome_counts().items()) or "none new",
        len(report.feeds_written),
    )
    return report


def _source(
    url: str,
    store: Store,
    fetcher: Fetcher,
    articles: dict[int, ArticleReport],
    clock: Clock,
) -> SourceReport:
    """Fetch one source and process its articles; its validators are saved in the same
    transaction as its articles, so a crash means the next run fetches it again."""
    state = store.source(url)
    try:
        fetched = fetcher.get(
            url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if fetched.not_modified:
            with store.transaction():
                store.source_succeeded(url, clock(), fetched.etag, fetched.last_modified)
            log.debug("%s: not modified", url)
            return SourceReport(url=url, ok=True, not_modified=True)
        feed = parse_feed(fetched.body, url)
    except (FetchError, ParseError) as e:
        with store.transaction():
            store.source_failed(url, clock(), str(e))
        log.error("%s", e)
        return SourceReport(url=url, ok=False, error=str(e))
    for problem in feed.problems:
        log.warning("%s: %s", url, problem)
    with store.transaction():
        for article in feed.articles:
            if article.article_id not in articles:  # the same N from several sources: once
                articles[article.article_id] = _article(article, store, clock)
            if store.content_hash(article.article_id) is not None:
                store.link_source(article.article_id, url, clock())
        store.source_succeeded(url, clock(), fetched.etag, fetched.last_modified)
    return SourceReport(
        url=url, ok=True, entries=len(feed.articles), problems=feed.problems
    )


def content_hash(article: Article) -> str:
    """A digest of everything republish and check read, and of FORMAT_VERSION."""
    parts = [
        FORMAT_VERSION,
        article.url,
        article.title,
        article.summary,
        article.published.isoformat(),
        article.updated.isoformat(),
        [[a.name, a.role, a.institution, a.profile_url] for a in article.authors],
        article.rights,
        article.language,
        list(article.categories),
        article.content,
    ]
    blob = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()


def _article(article: Article, store: Store, clock: Clock) -> ArticleReport:
    """Republish and check one article, store the outcome; unchanged articles are skipped."""
    n = article.article_id
    digest = content_hash(article)
    previous = store.content_hash(n)
    if previous == digest:
        return ArticleReport(n, article.title, Outcome.UNCHANGED)
    try:
        republication = republish(article)
        verdict = check(republication.html, article, title=article.title)
    except Exception as e:  # a bug or an input no rule foresaw: this article only
        reason = f"could not be processed: {type(e).__name__}: {e}"
        log.error("article %d (%s): %s", n, article.url, reason, exc_info=log.isEnabledFor(10))
        if previous is None:  # keep a published earlier version; else record the failure
            store.save_article(article, content_hash=digest, status=Outcome.ERROR, html=None,
                               findings=(), reason=reason, now=clock())
        return ArticleReport(n, article.title, Outcome.ERROR, reason=reason)
    if verdict.compliant:
        store.save_article(article, content_hash=digest, status=Outcome.PUBLISHED,
                           html=republication.html, findings=verdict.findings, reason="",
                           now=clock())
        for image in republication.removed:
            log.debug("article %d: removed %s (%s)", n, image.src, image.reason)
        return ArticleReport(n, article.title, Outcome.PUBLISHED)
    failed = verdict.failed or verdict.unchecked
    reason = "; ".join(f"{f.rule}: {f.detail}" for f in failed)
    store.save_article(article, content_hash=digest, status=Outcome.REFUSED,
                       html=republication.html, findings=verdict.findings, reason=reason,
                       now=clock())
    log.warning("article %d refused (%s): %s", n, article.url, reason)
    return ArticleReport(n, article.title, Outcome.REFUSED,
                         failed_rules=tuple(f.rule for f in failed), reason=reason)


def _publish(config: Config, store: Store) -> tuple[list[str], list[str], list[str]]:
    """Write every feed in every format; a file whose bytes would not change is left alone."""
    written: list[str] = []
    unchanged: list[str] = []
    failed: list[str] = []
    for feed in config.feeds:
        entries = store.feed_entries(feed.sources, feed.max_entries)
        for fmt in FEED_FORMATS:
            path = config.site.output_dir / f"{feed.name}.{fmt}"
            try:
                changed = write_if_changed(path, render(fmt, config.site, feed, entries))
            except PublishError as e:
                log.error("%s", e)
                failed.append(str(e))
                continue
            (written if changed else unchanged).append(str(path))
            if changed:
                log.debug("wrote %s (%d entries)", path, len(entries))
    return written, unchanged, failed
