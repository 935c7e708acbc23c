"""run(config) -> RunReport: fetch -> parse -> republish -> check -> store -> publish. One bad
source or article is a result in the report, never the end of the run; nothing that fails a
rule is published, and nothing already published is lost."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from . import __version__
from .config import Config, FeedConfig
from .errors import ConfigError, FetchError, LockedError, ParseError, PublishError, StorageError
from .fetch import Fetcher
from .models import (
    Article,
    ArticleReport,
    BuiltExtract,
    FeedEntry,
    Finding,
    Outcome,
    Processed,
    RunReport,
    SourceReport,
)
from .output import FORMATS, INDEX_FILE, remove_stale_temps, shipped_assets, write_if_changed
from .selection import admits, is_edition_feed
from .store import Store, StoredArticle

if TYPE_CHECKING:
    from .pool import Pool

log = logging.getLogger(__name__)
# The one place that decides when a stage module is loaded (they import their libraries at
# their top): source, htmltext, check and republish (defusedxml, lxml, nh3) where a feed is
# parsed and an article checked, publish and index (feedgen, lxml) where a file is rendered.
# A run where every source answers 304 needs none of them (tests/test_lazy_imports.py;
# benchmarks/run.py measures its start-up). The article step (step.py) runs in worker
# processes (pool.py) once a run has enough articles to pay for starting them.

# Part of every content hash: bump it when republish or check change what they produce, so
# that the next run re-processes every article with the new code.
FORMAT_VERSION = 2
FEED_FORMATS = tuple(FORMATS)  # atom, rss, json
# Articles refused (or failed) listed on the index page, newest first.
INDEX_REFUSED = 50
# The article step, as the pool names it (its workers import it by name).
STEP = "syndication.step:process"
# Articles one source brings to the step before a run starts worker processes: below it
# (the common cron run: a handful of new articles) the step runs here, and the run pays
# nothing for a pool (starting one costs about as much CPU as 30 articles' steps).
POOL_THRESHOLD = 12

Clock = Callable[[], datetime]
#: progress(done, total, what): called after each source and each feed (the CLI's bar).
Progress = Callable[[int, int, str], None]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def lock_path(config: Config) -> str:
    return f"{config.site.state_file}.lock"


def run(
    config: Config,
    *,
    fetcher: Fetcher | None = None,
    clock: Clock = _utcnow,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> RunReport:
    """Do one complete run. Raises ConfigError when a feed mirrors a whole edition without
    selecting (SPEC §3 `selective`), LockedError when another run holds the lock (before
    touching anything), and StorageError when the state database cannot be used; every
    other failure is reported. ``sleep`` and ``monotonic`` are how the fetcher waits and
    times (tests pass a recorder and a clock that moves when it is called). ``jobs``: how
    many processes run the article step (--jobs), else [run] jobs, else one per CPU; 1 runs
    it in this process. The outcome and every byte written are the same whatever it is."""
    check_selective(config)
    # An OS lock (flock): the kernel drops it when its process dies, even by SIGKILL, so a
    # killed run never blocks the next one. timeout=0: a second run gives up at once.
    lock = FileLock(lock_path(config), timeout=0)
    try:
        lock.acquire()
    except Timeout as e:
        raise LockedError(lock_path(config)) from e
    except OSError as e:  # a read-only or missing folder: say which file, in one line
        raise StorageError(lock_path(config), f"cannot take the lock ({e.strerror or e})") from e
    try:
        with Store(config.site.state_file) as store:
            own = fetcher is None
            fetch = fetcher or Fetcher(config.fetch, config.allowed_hosts, memory=store,
                                       clock=monotonic, sleep=sleep, now=clock)
            steps = _Steps(jobs or config.run.jobs)
            try:
                report = _run(config, store, fetch, clock, progress, steps)
            finally:
                steps.close()
                if own:
                    fetch.close()
            store.record_run(report)
            return report
    finally:
        lock.release()


def check_selective(config: Config) -> None:
    """Refuse to start with a feed that takes a whole edition without selecting from it and
    records no permission (SPEC §3 `selective`): the error names the file and the key."""
    if not any(is_edition_feed(u) for feed in config.feeds for u in feed.sources):
        return  # section, topic and institution feeds are selections: nothing to refuse
    from .check import selective

    for i, feed in enumerate(config.feeds):
        finding = selective(feed.sources, feed.selection, feed.permission)
        if finding.ok is False:
            j = next(k for k, u in enumerate(feed.sources) if is_edition_feed(u))
            raise ConfigError(finding.detail, path=config.path, key=f"feed[{i}].sources[{j}]")


def _run(
    config: Config, store: Store, fetcher: Fetcher, clock: Clock, progress: Progress | None,
    steps: _Steps,
) -> RunReport:
    started = clock()
    sources: list[SourceReport] = []
    articles: dict[int, ArticleReport] = {}
    total = len(config.sources) + len(config.feeds)
    for url in config.sources:
        feeds = [f for f in config.feeds if url in f.sources]
        sources.append(_source(url, feeds, store, fetcher, articles, clock, steps))
        if progress:
            progress(len(sources), total, url)
    for refused in _missing_extracts(config, store, steps):
        articles[refused.article_id] = refused
    written, unchanged, failed = _publish(config, store, progress, len(sources), total)
    report = RunReport(
        started=started,
        finished=clock(),
        sources=tuple(sources),
        articles=tuple(articles.values()),
        feeds_written=tuple(written),
        feeds_unchanged=tuple(unchanged),
        feeds_failed=tuple(failed),
        requests=fetcher.requests_made,
    )
    log.info(
        "%d sources (%d failed, %d not modified), %d requests; articles: %s; "
        "%d files written, %d unchanged, %d failed; %.1f s",
        len(report.sources),
        sum(not s.ok for s in report.sources),
        sum(s.not_modified for s in report.sources),
        report.requests,
        ", ".join(f"{n} {o}" for o, n in report.outcome_counts().items()) or "none new",
        len(report.feeds_written),
        len(report.feeds_unchanged),
        len(report.feeds_failed),
        (report.finished - report.started).total_seconds(),
    )
    return report


def _source(
    url: str,
    feeds: list[FeedConfig],
    store: Store,
    fetcher: Fetcher,
    articles: dict[int, ArticleReport],
    clock: Clock,
    steps: _Steps,
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
        from .source import parse_feed

        feed = parse_feed(fetched.body, url)
    except (FetchError, ParseError) as e:
        with store.transaction():
            store.source_failed(url, clock(), str(e))
        log.error("%s", e)
        return SourceReport(url=url, ok=False, error=str(e))
    for problem in feed.problems:
        log.warning("%s: %s", url, problem)
    not_selected = 0
    taken = [(a, _selecting(feeds, a)) for a in feed.articles]
    digests = {a.article_id: content_hash(a) for a, selecting in taken if selecting}
    # The articles new or changed since they were stored go to the article step now, all
    # at once (in worker processes, when there are enough); their answers are taken below,
    # in the feed's order, and written from here only.
    steps.ahead([(a, digests[a.article_id], _extract_counts(selecting)) for a, selecting in taken
                 if selecting and store.content_hash(a.article_id) != digests[a.article_id]])
    with store.transaction():
        for article, selecting in taken:
            if not selecting:  # no feed takes it: not republished, not kept (SPEC §3)
                not_selected += 1
                log.debug("%s: article %d selected by no feed", url, article.article_id)
                continue
            n = article.article_id
            digest = digests[n]
            if n not in articles:  # the same N from several sources: processed once
                articles[n] = _article(article, digest, selecting, store, clock, steps)
            else:  # once more for extracts only its feeds here want; a no-op otherwise
                again = _article(article, digest, selecting, store, clock, steps)
                if again.outcome in (Outcome.REFUSED, Outcome.ERROR):
                    articles[n] = again
            if store.content_hash(article.article_id) is not None:
                store.link_source(article.article_id, url, clock())
        store.source_succeeded(url, clock(), fetched.etag, fetched.last_modified)
    log.debug("%s: %d entries, %d bytes", url, len(feed.articles), len(fetched.body))
    return SourceReport(
        url=url, ok=True, entries=len(feed.articles), problems=feed.problems,
        not_selected=not_selected,
    )


def _selecting(feeds: list[FeedConfig], article: Article) -> list[tuple[FeedConfig, str]]:
    """The feeds (among those reading this source) that take ``article``, each with why."""
    out = []
    for feed in feeds:
        why = admits(feed.selection, article_id=article.article_id, title=article.title,
                     summary=article.summary, authors=article.authors)
        if why is not None:
            out.append((feed, why))
    return out


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
    ]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode())
    # The content (~20 KB) as it is, after the JSON of the rest (which ends the JSON text,
    # and holds no NUL): as JSON it cost a character-by-character escaping, twice the
    # hashing (benchmarks/run.py).
    digest.update(b"\0")
    digest.update(article.content.encode())
    return digest.hexdigest()


def _extract_counts(selecting: list[tuple[FeedConfig, str]]) -> list[int]:
    """The extracts (paragraph counts) the extract-mode feeds taking an article want."""
    return sorted({f.paragraphs for f, _why in selecting if f.mode == "extract"})


def _article(article: Article, digest: str, selecting: list[tuple[FeedConfig, str]],
             store: Store, clock: Clock, steps: _Steps) -> ArticleReport:
    """Republish and check one article, store the outcome; unchanged articles are skipped.
    Extract-mode feeds that take it get their extract built and checked too.

    A changed article replaces its earlier version in place: same N, so the same entry id in
    every feed (SPEC §4), never a second entry. One that no longer passes is withdrawn."""
    n = article.article_id
    previous = store.content_hash(n)
    extracts = _extract_counts(selecting)
    if previous == digest:
        missing = [p for p in extracts if store.extract_hash(n, p) != digest]
        if not missing or store.status(n) is not Outcome.PUBLISHED:
            return ArticleReport(n, article.title, Outcome.UNCHANGED)
        refused = _extracts(article, missing, digest, store, steps)  # newly in extract mode
        if refused:
            return refused
        return ArticleReport(n, article.title, Outcome.UNCHANGED)
    stored = store.stored(n) if previous is not None else None
    was_published = stored is not None and stored.status is Outcome.PUBLISHED
    from .check import selected

    taken = selected(f"feed {f.name!r} takes it: {why}" for f, why in selecting)
    done = steps.run(article, digest, extracts)
    republication, verdict = done.republication, done.verdict
    if republication is None or verdict is None:  # a bug or an input no rule foresaw
        reason = done.error
        log.error("article %d (%s): %s", n, article.url, reason)
        if done.trace:
            log.debug("%s", done.trace.rstrip())
        if previous is None:  # keep a published earlier version; else record the failure
            store.save_article(article, content_hash=digest, status=Outcome.ERROR, html=None,
                               findings=(), reason=reason, now=clock())
        elif was_published:
            log.error("article %d: the version published earlier stays in the feeds", n)
        return ArticleReport(n, article.title, Outcome.ERROR, reason=reason)
    entry = _as_entry(article, stored, clock)
    findings = (*verdict.findings, taken)
    if verdict.compliant:
        store.save_article(entry, content_hash=digest, status=Outcome.PUBLISHED,
                           html=republication.html, findings=findings, reason="",
                           now=clock())
        log.debug("article %d published (%s)", n, article.url)
        for image in republication.removed:
            log.debug("article %d: removed %s (%s)", n, image.src, image.reason)
        if was_published:
            log.info("article %d updated in place (entry updated %s)", n,
                     entry.updated.isoformat())
        return _save_extracts(article, done.extracts, digest, store) or ArticleReport(
            n, article.title, Outcome.PUBLISHED)
    failed = verdict.failed or verdict.unchecked
    reason = "; ".join(f"{f.rule}: {f.detail}" for f in failed)
    store.save_article(entry, content_hash=digest, status=Outcome.REFUSED,
                       html=republication.html, findings=findings, reason=reason,
                       now=clock())
    if was_published:
        log.warning("article %d withdrawn from the feeds (%s): its new version fails %s",
                    n, article.url, reason)
    else:
        log.warning("article %d refused (%s): %s", n, article.url, reason)
    return ArticleReport(n, article.title, Outcome.REFUSED,
                         failed_rules=tuple(f.rule for f in failed), reason=reason,
                         withdrawn=was_published)


def _as_entry(article: Article, stored: StoredArticle | None, clock: Clock) -> Article:
    """The article dated as its feed entry: ``updated`` never goes back, and when the source
    changed what readers see without a newer date of its own (a silent correction), the entry
    is dated when this run noticed, so feed readers show the correction (RFC 4287 §4.2.15)."""
    if stored is None:
        return article
    before = stored.article
    if article.updated > before.updated:
        return article
    if _reader_visible(article) == _reader_visible(before):
        return replace(article, updated=before.updated)  # e.g. a FORMAT_VERSION bump
    return replace(article, updated=max(clock(), before.updated))


def _reader_visible(a: Article) -> tuple[object, ...]:
    """What a correction can change: everything republish reads, except the dates."""
    return (a.url, a.title, a.summary, a.authors, a.rights, a.content, a.language,
            a.categories)


def _extracts(article: Article, counts: list[int], digest: str, store: Store,
              steps: _Steps) -> ArticleReport | None:
    """Build, check and store the extracts of ``counts`` paragraphs of an article already
    stored (an extract must be an unaltered prefix of the body: docs/compliance.md#rules);
    a refused one is reported, None when all pass."""
    if not counts:
        return None
    done = steps.run(article, digest, counts, full=False)
    built = done.extracts or tuple(BuiltExtract(p, None, None, f"extract of {p} paragraphs "
                                                f"{done.error}") for p in counts)
    return _save_extracts(article, built, digest, store)


def _save_extracts(article: Article, built: tuple[BuiltExtract, ...], digest: str,
                   store: Store) -> ArticleReport | None:
    """Store the extracts the article step built; a refused one is reported, None when all
    pass."""
    n = article.article_id
    refusals: list[tuple[Finding, ...]] = []
    reasons: list[str] = []
    for extract in built:
        paragraphs, verdict = extract.paragraphs, extract.verdict
        if verdict is None:  # as in _article: this extract only
            store.save_extract(n, paragraphs, content_hash=digest, status=Outcome.ERROR,
                               html=None, findings=(), reason=extract.error)
            reasons.append(extract.error)
            continue
        if verdict.compliant:
            store.save_extract(n, paragraphs, content_hash=digest, status=Outcome.PUBLISHED,
                               html=extract.html, findings=verdict.findings, reason="")
            continue
        failed = verdict.failed or verdict.unchecked
        reason = f"extract of {paragraphs} paragraphs: " + "; ".join(
            f"{f.rule}: {f.detail}" for f in failed)
        store.save_extract(n, paragraphs, content_hash=digest, status=Outcome.REFUSED,
                           html=extract.html, findings=verdict.findings, reason=reason)
        log.warning("article %d refused (%s): %s", n, article.url, reason)
        refusals.append(failed)
        reasons.append(reason)
    if not reasons:
        return None
    rules = tuple(dict.fromkeys(f.rule for failed in refusals for f in failed))
    return ArticleReport(n, article.title, Outcome.REFUSED if refusals else Outcome.ERROR,
                         failed_rules=rules, reason="; ".join(reasons))


class _Steps:
    """The article step for one run: in this process, or, once a source brings at least
    POOL_THRESHOLD articles to it and ``jobs`` allows, in worker processes that take every
    later batch too. Answers are taken in the caller's order, so a run's outcome and output
    are those of a run in one process."""

    def __init__(self, jobs: int | None) -> None:
        self.jobs = jobs
        self.pool: Pool[Processed] | None = None

    def ahead(self, work: list[tuple[Article, str, list[int]]]) -> None:
        """Start the step of these articles now, in the workers (a no-op in process)."""
        if self.pool is None:
            if self.jobs == 1 or len(work) < POOL_THRESHOLD:
                return
            from .pool import Pool, default_jobs, in_worker

            if in_worker():  # a script without a __main__ guard, run again by a worker
                self.jobs = 1
                return

            jobs = self.jobs or default_jobs()
            if jobs == 1:
                self.jobs = 1
                return
            self.pool = Pool(STEP, jobs)
        for article, digest, counts in work:
            self.pool.submit(_step_key(article, digest, counts, True), article, counts, True)

    def run(self, article: Article, digest: str, counts: list[int], *,
            full: bool = True) -> Processed:
        """The article step's answer: from the workers if it was started there, else made
        now. A worker that died running it is this article's error."""
        if self.pool is None:
            from .step import process

            return process(article, counts, full)
        try:
            return self.pool.take(_step_key(article, digest, counts, full), article, counts,
                                  full)
        except Exception as e:  # the worker died (pool.WorkerDied), or its answer was lost
            return Processed(article.article_id, None, None,
                             error=f"could not be processed: {type(e).__name__}: {e}")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def _step_key(article: Article, digest: str, counts: list[int], full: bool) -> object:
    return (article.article_id, digest, tuple(counts), full)


def _selection_of(feed: FeedConfig) -> Callable[[FeedEntry], bool] | None:
    """The feed's selection, applied again when it is written: articles stored earlier are
    judged by the selection as configured now (SPEC §3 `selective`)."""
    if not (feed.selection.selects or feed.selection.exclude_keywords):
        return None

    def select(entry: FeedEntry) -> bool:
        return admits(feed.selection, article_id=entry.article_id, title=entry.title,
                      summary=entry.summary, authors=entry.authors) is not None

    return select


def _missing_extracts(config: Config, store: Store, steps: _Steps) -> list[ArticleReport]:
    """Extracts that extract-mode feeds need of articles already stored (the feed was just
    switched to extract mode, or its paragraph count changed, and its sources answer 304).
    Returns the refusals."""
    refused = []
    for feed in config.feeds:
        if feed.mode != "extract":
            continue
        pending = [(a, digest) for a, digest in store.without_extract(feed.sources,
                                                                     feed.paragraphs)
                   if admits(feed.selection, article_id=a.article_id, title=a.title,
                             summary=a.summary, authors=a.authors) is not None]
        if not pending:
            continue
        with store.transaction():
            for article, digest in pending:
                report = _extracts(article, [feed.paragraphs], digest, store, steps)
                if report is not None:
                    refused.append(report)
    return refused


def _publish(
    config: Config, store: Store, progress: Progress | None, done: int, total: int
) -> tuple[list[str], list[str], list[str]]:
    """Write every feed in every format, the images they point at and the index page.

    A file whose inputs (its entries as stored, the config, this code's version) are those
    it was last written from, and which is still as written, is not even rendered; a
    rendered file whose bytes would not change is left alone (so ETags and conditional GETs
    keep working). A failed write leaves the previous file in place."""
    written: list[str] = []
    unchanged: list[str] = []
    failed: list[str] = []
    out = config.site.output_dir

    def write(path: Path, make: Callable[[], bytes], digest: str | None = None) -> None:
        if digest is not None and _still_as_written(store, path, digest):
            unchanged.append(str(path))
            return
        try:
            changed = write_if_changed(path, make())
            stat = path.stat()
        except (PublishError, OSError) as e:
            message = str(e) if isinstance(e, PublishError) else f"{path}: {e.strerror or e}"
            store.forget_feed_file(str(path))
            log.error("%s", message)
            failed.append(message)
            return
        if digest is not None:
            store.save_feed_file(str(path), digest, stat.st_size, stat.st_mtime_ns)
        (written if changed else unchanged).append(str(path))
        if changed:
            log.debug("wrote %s", path)

    assets = shipped_assets(config.site)
    names = [f"{feed.name}.{fmt}" for feed in config.feeds for fmt in FEED_FORMATS]
    # Only here, under the lock: a run killed mid-write leaves its temporary file behind.
    for leftover in remove_stale_temps(out, [*names, *assets, INDEX_FILE]):
        log.debug("removed %s, left by an interrupted run", leftover)

    listing_keys = []
    for feed in config.feeds:
        # What a feed is made of, told by its entries' ids, content hashes and dates, read
        # without their HTML; the entries themselves are read only to render, one feed at a
        # time (memory stays that of one feed, however many there are).
        selection = _entries_of(feed)
        keys = store.feed_keys(feed.sources, feed.max_entries, **selection)
        listing_keys.append((feed, keys))
        entries = _once(partial(store.feed_entries, feed.sources, feed.max_entries,
                                **selection))
        for fmt in FEED_FORMATS:
            write(out / f"{feed.name}.{fmt}", partial(_render, fmt, config, feed, entries),
                  _inputs_digest(config, fmt, (feed, keys)))
        done += 1
        if progress:
            progress(done, total, feed.name)
    for name, data in assets.items():
        write(out / name, partial(bytes, data))
    refused = store.articles(not_published=True, limit=INDEX_REFUSED)

    def index() -> bytes:
        from .index import render_index

        # The page lists entries, never their HTML.
        listings = [(feed, store.feed_entries(feed.sources, feed.max_entries, html=False,
                                              **_entries_of(feed)))
                    for feed in config.feeds]
        return render_index(config.site, listings, refused)

    write(out / INDEX_FILE, index, _inputs_digest(config, INDEX_FILE, (listing_keys, refused)))
    return written, unchanged, failed


def _render(fmt: str, config: Config, feed: FeedConfig,
            entries: Callable[[], tuple[FeedEntry, ...]]) -> bytes:
    from .publish import render

    return render(fmt, config.site, feed, entries())


def _entries_of(feed: FeedConfig) -> dict[str, Any]:
    """The arguments that make store.feed_entries() give the feed's own entries."""
    return {"paragraphs": feed.paragraphs if feed.mode == "extract" else None,
            "select": _selection_of(feed)}


def _once(load: Callable[[], tuple[FeedEntry, ...]]) -> Callable[[], tuple[FeedEntry, ...]]:
    """``load`` called on first need only, and its answer kept for the feed's next format."""
    kept: list[tuple[FeedEntry, ...]] = []

    def get() -> tuple[FeedEntry, ...]:
        if not kept:
            kept.append(load())
        return kept[0]

    return get


def _inputs_digest(config: Config, what: str, inputs: object) -> str:
    """Everything a file is rendered from (frozen records: their repr is their content): if
    this is unchanged, so are the file's bytes."""
    parts = [__version__, FORMAT_VERSION, what, config.site, inputs]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _still_as_written(store: Store, path: Path, digest: str) -> bool:
    record = store.feed_file(str(path))
    if record is None or record[0] != digest:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (record[1], record[2])
