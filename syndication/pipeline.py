"""run(config) -> RunReport: fetch -> parse -> republish -> check -> store -> publish. One bad
source or article is a result in the report, never the end of the run; nothing that fails a
rule is published, and nothing already published is lost."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import contextlib
import hashlib
import logging
import tempfile
import time
from collections.abc import Callable, Container, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from filelock import FileLock, Timeout

from . import utc
from ._version import __version__
from .config import MAX_RETRY_AFTER, Config, FeedConfig
from .conversation import is_edition_feed
from .errors import (
    ConfigError,
    FetchError,
    LockedError,
    ParseError,
    PathError,
    PublishError,
    StorageError,
    SyndicationError,
)
from .fetch import ROBOTS_STALE_MAX, Fetcher
from .logs import logger
from .models import (
    Article,
    ArticleReport,
    Author,
    Built,
    FeedEntry,
    Fetched,
    Finding,
    Notice,
    Outcome,
    Processed,
    RunReport,
    SourceFeed,
    SourceReport,
)
from .notices import FEED, FETCH, FILES, SOURCE, STEP_FAILED, notice
from .notices import decide as decide_notices
from .output import (
    FORMATS,
    INDEX_FILE,
    RENDER_VERSION,
    carries_mark,
    file_digest,
    remove_stale_temps,
    shipped_assets,
    sync_folder,
    write_if_changed,
)
from .safetext import redact, search_forbidden
from .selection import admits, selective
from .store import FORGET_DAYS, SourceState, Store
from .update import Intent, Plan, Stored, decide, plan
from .wording import count

if TYPE_CHECKING:
    from .pool import Pool

log = logger(__name__)
# The one place that decides when a stage module is loaded (they import their libraries at
# their top): source, the checker (compliance) and republish (defusedxml, lxml, nh3) where a
# feed is parsed and an article checked, publish and index (feedgen, lxml) where a file is
# rendered.
# A run where every source answers 304 needs none of them (tests/test_lazy_imports.py;
# benchmarks/run.py measures its start-up). The article step (step.py) runs in worker
# processes (pool.py) once a run has enough articles to pay for starting them.

FEED_FORMATS = tuple(FORMATS)  # atom, rss, json
# Articles refused (or failed) listed on the index page, newest first.
INDEX_REFUSED = 50
# The article step, as the pool names it (its workers import it by name).
STEP = "syndication.step:process"
# Rendering one feed file, which the workers do too once they were started: its bytes and
# their SHA-256 (publish.render_file).
RENDER = "syndication.publish:render_file"
# Articles a run is expected to bring to the step before it starts worker processes: the
# articles handed to it so far, and this source's count again for each source still to read.
# Below it (the common cron run: a handful of new articles) the step runs here, and the run
# pays nothing for a pool. Starting one costs about 0.25 s of CPU (the fork server's imports,
# each worker's start) and 0.2 s before the first answer; on two cores the workers save
# about 1.5 ms an article: a source of 25 new articles took twice the CPU and twice the
# time with them (benchmarks/run.py's site, measured side by side).
POOL_THRESHOLD = 100

Clock = Callable[[], datetime]
#: progress(done, total, what): called after each source and each feed (the CLI's bar).
Progress = Callable[[int, int, str], None]
# A file to write: its bytes, and their SHA-256 (output.file_digest) when it was made where
# they were rendered (a worker), else None: the state records it of every file written.
Made = tuple[bytes, str | None]
# The rows this run wrote and vetted as it stored them (_vet): (N, None) for an article's
# republication, (N, paragraphs) for its extract. Only ids: a row rewritten in the run is
# vetted again, or dropped from the set.
Vetted = set[tuple[int, int | None]]


def folder_lock_path(folder: Path) -> Path:
    """The lock of an output folder, shared by every config that writes into it: named after
    the folder's real path, in the system's temporary folder (never in the output folder,
    which is published as it is, nor beside it, which may not be ours to write)."""
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"syndication-folder-{digest}.lock"


def lock_path(config: Config) -> str:
    return f"{config.site.state_file}.lock"


def run(
    config: Config,
    *,
    fetcher: Fetcher | None = None,
    clock: Clock = utc.now,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> RunReport:
    """Do one complete run. Raises ConfigError when a feed mirrors a whole edition without
    selecting (docs/compliance.md#rule-selective), LockedError when another run holds the lock
    (before touching anything), PathError when the state file or output folder cannot be
    created, and StorageError when the state database cannot be used; every
    other failure is reported. ``sleep`` and ``monotonic`` are how the fetcher waits and
    times (tests pass a recorder and a clock that moves when it is called). ``jobs``: how
    many processes run the article step (--jobs), else [run] jobs, else one per CPU; 1 runs
    it in this process. The outcome and every byte written are the same whatever it is
    (README "Every core": a script calling this needs an ``if __name__ == "__main__":``
    guard, or jobs=1)."""
    check_selective(config)
    # An OS lock (flock): the kernel drops it when its process dies, even by SIGKILL, so a
    # killed run never blocks the next one. timeout=0: a second run gives up at once.
    lock = FileLock(lock_path(config), timeout=0)
    _make_folder(config.site.state_file.parent, "the state file's folder")
    try:
        lock.acquire()
    except Timeout as e:
        raise LockedError(lock_path(config)) from e
    except OSError as e:  # a read-only folder: say which file, in one line
        raise PathError(lock_path(config), f"cannot take the lock ({e.strerror or e})") from e
    # The output folder's own lock too: two configs (two state files) writing one folder
    # would replace each other's files and remove each other's temporary files.
    folder_lock = FileLock(folder_lock_path(config.site.output_dir), timeout=0)
    try:
        _make_folder(config.site.output_dir, "the output folder")
        folder_lock.acquire()
    except Timeout as e:
        lock.release()
        raise LockedError(folder_lock_path(config.site.output_dir)) from e
    except (PathError, OSError) as e:
        lock.release()
        if isinstance(e, PathError):
            raise
        raise PathError(folder_lock_path(config.site.output_dir),
                        f"cannot take the lock ({e.strerror or e})") from e
    try:
        with Store(config.site.state_file) as store:
            own = fetcher is None
            fetch = fetcher or Fetcher(config.fetch, config.allowed_hosts, memory=store,
                                       clock=monotonic, sleep=sleep, now=clock)
            steps = _Steps(jobs or config.run.jobs)
            started = clock()
            try:
                report = _run(config, store, fetch, clock, progress, steps)
            except BaseException as e:  # a bug, the disk, Ctrl-C or a signal: said in status
                _record_crash(store, started, clock, e)
                raise
            finally:
                steps.close()
                if own:
                    fetch.close()
            store.record_run(report)
            return report
    finally:
        folder_lock.release()
        lock.release()


def _make_folder(folder: Path, what: str) -> None:
    """Create a folder the configuration names, or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PathError(folder, f"cannot create {what} ({e.strerror or e})") from e


def _record_crash(store: Store, started: datetime, clock: Clock, error: BaseException) -> None:
    """Record the run that ``error`` stopped as failed, with the reason, for `status`; what
    it had committed stays (each source is one transaction). Never hides ``error``."""
    if isinstance(error, KeyboardInterrupt):
        reason = "interrupted (Ctrl-C or a signal)"
    else:
        reason = f"stopped by {type(error).__name__}: {error}"
    try:
        store.record_crash(started, clock(), redact(reason))
    except (SyndicationError, OSError) as e:  # the database may be what failed
        log.debug("could not record the stopped run: %s", e)


def check_selective(config: Config) -> None:
    """Refuse to start with a feed that takes a whole edition without selecting from it and
    records no permission (docs/compliance.md#rule-selective): the error names the file and the
    key."""
    if not any(is_edition_feed(u) for feed in config.feeds for u in feed.sources):
        return  # section, topic and institution feeds are selections: nothing to refuse
    for i, feed in enumerate(config.feeds):
        finding = selective(feed.sources, feed.selection, feed.permission)
        if finding.ok is False:
            j = next(k for k, u in enumerate(feed.sources) if is_edition_feed(u))
            raise ConfigError(finding.detail, path=config.path, key=f"feed[{i}].sources[{j}]")


def _run(
    config: Config, store: Store, fetcher: Fetcher, clock: Clock, progress: Progress | None,
    steps: "_Steps",
) -> RunReport:
    started = clock()
    sources: list[SourceReport] = []
    articles: dict[int, ArticleReport] = {}
    total = len(config.sources) + len(config.feeds)
    _decide_members(config, store, clock)
    urls = config.sources
    said = _Said(store, clock)
    publisher = _Publisher(config, store, steps, said)
    ahead: dict[int, _Read] = {}
    for k, url in enumerate(urls):
        read = ahead.pop(k, None) or _read_source(url, _feeds_of(config, url), store, fetcher,
                                                  clock, steps, len(urls) - k - 1)
        # With workers, the next source is read and handed to them before this one's answers
        # are awaited: they work on it while this process writes this one, instead of
        # waiting for its fetch and parse.
        if steps.pool is not None and k + 1 < len(urls):
            ahead[k + 1] = _read_source(urls[k + 1], _feeds_of(config, urls[k + 1]), store,
                                        fetcher, clock, steps, len(urls) - k - 2)
        sources.append(_source(read, store, articles, clock, steps, publisher.vetted, said))
        publisher.source_done(k)
        if progress:
            progress(len(sources), total, url)
    publisher.write_early()
    for refused in _missing_extracts(config, store, clock, steps, publisher.vetted):
        articles[refused.article_id] = refused
    written, unchanged, failed, windows = _publish(config, store, progress, len(sources),
                                                   total, steps, publisher)
    pruned = store.prune(windows, clock() - timedelta(days=config.site.keep_days))
    now = clock()
    forgotten = store.forget(windows, now - timedelta(days=max(config.site.keep_days,
                                                               FORGET_DAYS)))
    if forgotten:
        log.info("retention: %s no source carried for %s forgotten", count(forgotten, "article"),
                 count(max(config.site.keep_days, FORGET_DAYS), "day"))
    store.forget_sources(config.sources, now - timedelta(days=FORGET_DAYS))
    # what was said of a source or feed no longer configured: said again if it comes back
    store.forget_notices([*config.sources, *(f.name for f in config.feeds),
                          str(config.site.output_dir)])
    store.forget_hosts(now, now - ROBOTS_STALE_MAX, timedelta(seconds=MAX_RETRY_AFTER))
    if pruned:
        log.info("retention: %s checked over %s ago and in no feed's window lost their "
                 "original and republication", count(pruned, "article"),
                 count(config.site.keep_days, "day"))
    report = RunReport(
        started=started,
        finished=clock(),
        sources=tuple(sources),
        articles=tuple(articles.values()),
        feeds_written=tuple(written),
        feeds_unchanged=tuple(unchanged),
        feeds_failed=tuple(failed),
        requests=fetcher.requests_made,
        pruned=pruned,
    )
    log.info(
        "%s (%d failed, %d not modified), %s; articles: %s; "
        "%s written, %d unchanged, %d failed; %.1f s",
        count(len(report.sources), "source"),
        sum(not s.ok for s in report.sources),
        sum(s.not_modified for s in report.sources),
        count(report.requests, "request"),
        ", ".join(f"{n} {o}" for o, n in report.outcome_counts().items()) or "none new",
        count(len(report.feeds_written), "file"),
        len(report.feeds_unchanged),
        len(report.feeds_failed),
        (report.finished - report.started).total_seconds(),
    )
    return report


class _Read(NamedTuple):
    """A source as fetched and parsed, before anything of it is written: its feed, or why it
    could not be read; and the plans its articles were handed to the article step with."""

    url: str
    feeds: list[FeedConfig]  # the [[feed]]s reading it
    fetched: Fetched | None = None  # None when the fetch failed
    feed: SourceFeed | None = None  # None when it failed, or answered 304
    error: str | None = None  # FetchError or ParseError
    # its articles, each with the feeds that take it and why
    wanted: Sequence[tuple[Article, list[tuple[FeedConfig, str]]]] = ()
    # what the store held of its articles and the plans made from that, when it was read
    stored: Mapping[int, Stored] = MappingProxyType({})
    plans: Mapping[int, Plan] = MappingProxyType({})


def _read_source(url: str, feeds: list[FeedConfig], store: Store, fetcher: Fetcher,
                 clock: Clock, steps: "_Steps", later: int) -> _Read:
    """Fetch and parse one source, plan its articles from what the store holds now, and hand
    what the plans ask to build to the article step (to worker processes, when there is
    enough; ``later``: the sources still to read after it). Writes nothing: _source does,
    in the sources' order."""
    state = store.source(url)
    try:
        fetched = fetcher.get(
            url,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
        if fetched.not_modified:
            return _Read(url, feeds, fetched)
        from .source import parse_feed

        feed = parse_feed(fetched.body, url, now=clock())
    except (FetchError, ParseError) as e:
        return _Read(url, feeds, error=str(e))
    except StorageError:
        raise  # the state database: no other source can be recorded either
    except Exception as e:  # a bug or an answer no check foresaw: this source only
        log.debug("%s", url, exc_info=True)
        return _Read(url, feeds, error=f"{url}: could not be read ({type(e).__name__}: {e})")
    wanted = [(article, _selecting(feeds, article)) for article in feed.articles]
    stored = store.stored_states([a.article_id for a in feed.articles])
    plans = {a.article_id: plan(a, stored.get(a.article_id), _extract_counts(selecting))
             for a, selecting in wanted if selecting}
    steps.ahead([(a, plans[a.article_id], selecting) for a, selecting in wanted
                 if selecting and _needs_step(plans[a.article_id])], later)
    return _Read(url, feeds, fetched, feed, wanted=wanted, stored=stored, plans=plans)


def _source(
    read: _Read,
    store: Store,
    articles: dict[int, ArticleReport],
    clock: Clock,
    steps: "_Steps",
    vetted: Vetted,
    said: "_Said",
) -> SourceReport:
    """Process one source's articles, as read by _read_source; its validators are saved in
    the same transaction as its articles, so a crash means the next run fetches it again.
    ``vetted``: the rows written since the run started that _vet found publishable. What
    fails or is left out is said once while it lasts (``said``, notices.py): the fetch's
    error, the entries refused and the notes (its document, when it was read), the
    articles whose step fails in every run."""
    url, feeds, fetched, feed = read.url, read.feeds, read.fetched, read.feed
    if fetched is None or feed is None:
        if fetched is not None:  # 304: its document, and what was said of it, unchanged
            with store.transaction():
                store.source_succeeded(url, clock(), fetched.etag, fetched.last_modified)
                said.look(FETCH, url, ())
            log.debug("%s: not modified", url)
            return SourceReport(url=url, ok=True, not_modified=True)
        error = read.error or "not read"
        with store.transaction():
            store.source_failed(url, clock(), error)
            said.look(FETCH, url, (notice("fetch", error, error=True),))
        return SourceReport(url=url, ok=False, error=error)
    not_selected = 0
    wanted = read.wanted
    failing: list[Notice] = []  # articles whose step failed, nothing written: every run
    with store.transaction():
        said.look(FETCH, url, ())
        # entries refused, and what was left unread or out (nothing refused: not a failure)
        said.look(SOURCE, url, [n._replace(text=f"{url}: {n.text}")
                                for n in (*feed.skipped, *feed.left_out)])
        stored = store.stored_states([a.article_id for a in feed.articles])
        # The plans made when the source was read stand where the store still holds what it
        # held then; an earlier source of this run may have stored the same article since.
        plans = {a.article_id: read.plans[a.article_id]
                 if stored.get(a.article_id) == read.stored.get(a.article_id)
                 else plan(a, stored.get(a.article_id), _extract_counts(selecting))
                 for a, selecting in wanted if selecting}
        for article, selecting in wanted:
            n = article.article_id
            kept = n in stored
            # no feed takes it: not republished, not kept (docs/compliance.md#rule-selective)
            if not selecting:
                not_selected += 1
                log.debug("%s: article %d selected by no feed", url, n)
            else:
                report, kept, failed = _article(article, selecting, stored.get(n), plans[n],
                                                store, clock, steps, vetted)
                if failed is not None:
                    failing.append(failed)
                # The same N from several sources is processed once: the next source finds
                # it stored, and builds only the extracts its feeds want still missing.
                if n not in articles or report.outcome in (Outcome.REFUSED, Outcome.ERROR):
                    articles[n] = report
            if kept:  # membership decided now, as the feeds select today
                taking = {f.name for f, _why in selecting}
                store.carried(article, url, {f.name: f.name in taking for f in feeds},
                              clock())
        said.look(STEP_FAILED, url, failing)
        store.source_succeeded(url, clock(), fetched.etag, fetched.last_modified)
    log.debug("%s: %s, %s", url, count(len(feed.articles), "entry", "entries"),
              count(len(fetched.body), "byte"))
    return SourceReport(
        url=url, ok=True, entries=len(feed.articles), problems=feed.problems,
        not_selected=not_selected,
    )


def _feeds_of(config: Config, url: str) -> list[FeedConfig]:
    return [f for f in config.feeds if url in f.sources]


def _selecting(feeds: list[FeedConfig], article: Article) -> list[tuple[FeedConfig, str]]:
    """The feeds (among those reading this source) that take ``article``, each with why."""
    out = []
    for feed in feeds:
        why = admits(feed.selection, article_id=article.article_id, title=article.title,
                     summary=article.summary, authors=article.authors)
        if why is not None:
            out.append((feed, why))
    return out


def _extract_counts(selecting: list[tuple[FeedConfig, str]]) -> list[int]:
    """The extracts (paragraph counts) the extract-mode feeds taking an article want."""
    return [f.paragraphs for f, _why in selecting if f.mode == "extract"]


def _needs_step(wanted: Plan) -> bool:
    return wanted.check or bool(wanted.extracts)


def _article(article: Article, selecting: list[tuple[FeedConfig, str]], stored: Stored | None,
             wanted: Plan, store: Store, clock: Clock, steps: "_Steps", vetted: Vetted
             ) -> tuple[ArticleReport, bool, Notice | None]:
    """Build what the plan asks for (the article step), decide, apply (update.py) and vet
    what was written (_vet): the article's report, whether the store now holds it, and the
    notice of a step that failed leaving nothing written (the next run builds the same
    version again and fails again: said once while it lasts, by the caller). Extract-mode
    feeds that take it get their extract built and checked too. ``article``: as this run's
    parse_feed read it."""
    built: Built | None = None
    extracts: tuple[Built, ...] = ()
    if _needs_step(wanted):
        done = steps.run(article, wanted, selecting)
        _log_step(article, done)
        built, extracts = done.built, done.extracts
    intent = decide(article, stored, wanted, built, extracts, clock())
    store.apply(intent, clock())
    _vet(intent, vetted)
    if wanted.stale:
        log.debug("article %d: %s carries a version older than the one kept (updated %s): "
                  "left alone", article.article_id, article.source_url,
                  article.updated.isoformat())
    _log_intent(article, intent)
    failed = None
    if built is not None and built.outcome is Outcome.ERROR:
        n = article.article_id
        line = f"article {n} ({article.url}): {built.reason}"
        if intent.article is None:  # nothing written: it fails again in the next run
            stays = "; the version published earlier stays in the feeds" \
                if intent.kept_earlier else ""
            failed = notice(f"article {n}", line + stays, f"{wanted.digest} {built.reason}",
                            error=True)
        else:  # recorded as failed: the next run finds it unchanged, and says nothing
            log.error("%s", line)
    return intent.report, stored is not None or intent.article is not None, failed


def _vet(intent: Intent, vetted: Vetted) -> None:
    """Vet, as it is stored, what this run wrote of an article parsed by this run's
    parse_feed: once here, instead of in _publishable for every feed that publishes it. Its
    row's fields hold no character XML 1.0 forbids (parse_feed refuses an entry holding one
    in any text or attribute, with the same test, safetext.FORBIDDEN), and its link is The
    Conversation's (the step refuses it otherwise: source-link); its republication and
    extracts are tested here, right after Store.apply, where the UTF-8 the database was
    handed is at hand again (CPython keeps it with the string: encoding it again is a copy).
    One that fails is left for _publishable to leave out and say so, as it does with what
    an earlier version stored or a hand edited. benchmarks/run.py's cold run: 0.55 M
    instructions an article in _publishable, 0.27 M here (callgrind)."""
    w = intent.article
    if w is None:  # the row stays as stored before: its extracts are vetted when published
        vetted.difference_update((x.article_id, x.paragraphs) for x in intent.extracts)
        return
    n = w.article.article_id
    whole = w.status is Outcome.PUBLISHED
    for key, ok, html in [((n, None), whole, w.html),
                          *(((n, x.paragraphs), whole and x.status is Outcome.PUBLISHED, x.html)
                            for x in intent.extracts)]:
        if ok and html is not None and search_forbidden(html) is None:
            vetted.add(key)
        else:
            vetted.discard(key)


def _log_step(article: Article, done: Processed) -> None:
    """What the step did, in detail (a failure is said by _article, once it is decided)."""
    n = article.article_id
    if done.trace:
        log.debug("%s", done.trace.rstrip())
    for image in done.removed:
        log.debug("article %d: removed %s (%s)", n, image.src, image.reason)
    for extract in done.extracts:
        if extract.outcome is Outcome.REFUSED:
            log.warning("article %d refused (%s): %s", n, article.url, extract.reason)


def _log_intent(article: Article, intent: Intent) -> None:
    n, report = article.article_id, intent.report
    if report.withdrawn:
        log.warning("article %d withdrawn from the feeds (%s): its new version fails %s",
                    n, article.url, report.reason)
    elif intent.article is not None and intent.article.status is Outcome.REFUSED:
        log.warning("article %d refused (%s): %s", n, article.url, report.reason)
    elif intent.updated_in_place and intent.article is not None:
        log.info("article %d updated in place (entry updated %s)", n,
                 intent.article.article.updated.isoformat())
    elif intent.article is not None and intent.article.status is Outcome.PUBLISHED:
        log.debug("article %d published (%s)", n, article.url)


class _Said:
    """What this run says of the problems that last (notices.py, README "From cron"): what
    earlier runs said is read once; each look at a place is decided against it, said
    (new ones at their level, those that last at info, those gone at info) and recorded."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.said = store.notices()

    def look(self, scope: str, subject: str, found: Sequence[Notice]) -> None:
        """What a look at (``scope``, ``subject``) ``found``: all there is there now.
        Recorded in the caller's transaction, if any."""
        place = (scope, subject)
        before = self.said.get(place, {})
        if not found and not before:  # the common case: nothing to say, nothing to write
            return
        told = decide_notices(place, found, before, self.clock())
        for n in told.new:
            log.log(logging.ERROR if n.error else logging.WARNING, "%s", n.text)
        for n, said in told.lasting:
            log.info("still so (said %s): %s", utc.timestamp(said.since), n.text)
        for _key, said in told.gone:
            log.info("no longer so (said %s): %s", utc.timestamp(said.since), said.text)
        if told.changes:
            self.store.apply_notices(told)
        self.said[place] = told.remembered()


class _Steps:
    """The article step for one run: in this process, or, once the run is expected to bring
    at least POOL_THRESHOLD articles to it and ``jobs`` allows, in worker processes that take
    every later batch too. Answers are taken in the caller's order, so a run's outcome and
    output are those of a run in one process."""

    def __init__(self, jobs: int | None) -> None:
        self.jobs = jobs
        self.pool: Pool[Processed] | None = None
        self.handed = 0  # articles handed to the step so far

    def ahead(self, work: Sequence[tuple[Article, Plan, Sequence[tuple[FeedConfig, str]]]],
              later: int = 0) -> None:
        """Start the step of these articles now, in the workers (a no-op in process).
        ``later``: how many more batches like this one may come (the sources still to
        read), for the estimate of the run's size."""
        expected = self.handed + len(work) * (1 + later)
        self.handed += len(work)
        if self.pool is None:
            if self.jobs == 1 or expected < POOL_THRESHOLD:
                return
            from .pool import Pool, default_jobs, in_worker

            jobs = self.jobs or default_jobs()
            if jobs == 1 or in_worker():  # in_worker: a script without a __main__ guard
                self.jobs = 1
                return
            self.pool = Pool(STEP, jobs, preload=(RENDER.split(":")[0],),
                             by_fields=(Article, Author, Finding))
        from .pool import WithUtf8

        for article, wanted, selecting in work:
            args = _step_args(article, wanted, selecting)
            # its content sent as the UTF-8 that plan() made for its hashes (pool.WithUtf8)
            sent = args if wanted.content is None else \
                (WithUtf8(article, "content", wanted.content), *args[1:])
            self.pool.submit(_step_key(article, wanted, args), *sent)
        self.pool.flush()  # in batches: one message each way for several articles

    def run(self, article: Article, wanted: Plan,
            selecting: Sequence[tuple[FeedConfig, str]] = ()) -> Processed:
        """The article step's answer: from the workers once any were started (where it is
        run now if it was not handed to them, or was with a plan that changed since), else
        made here. A worker that died running it is this article's error."""
        args = _step_args(article, wanted, selecting)
        if self.pool is None:
            from .step import process

            return process(*args)
        try:
            return self.pool.take(_step_key(article, wanted, args), *args)
        except Exception as e:  # the worker died (pool.WorkerDied), or its answer was lost
            error = Built(Outcome.ERROR, reason=f"could not be processed: {type(e).__name__}: {e}")
            if wanted.check:
                return Processed(error)
            return Processed(None, tuple(Built(Outcome.ERROR, paragraphs=p, reason=f"extract of "
                                               f"{p} paragraphs {error.reason}")
                                         for p in wanted.extracts))

    def render_ahead(self, fmts: Sequence[str], config: Config, feed: FeedConfig,
                     entries: Callable[[], tuple[FeedEntry, ...]], since: datetime | None
                     ) -> dict[str, Callable[[], Made]]:
        """Hand the rendering of one feed's files in ``fmts`` to one worker now, in one
        message (its entries pickled once, not once a format); returns how to take each
        file's bytes. Rendered here instead when its entries cannot be read now (it fails
        again then, and is reported as that file's failure) or its worker died."""
        from .pool import WorkerDied

        assert self.pool is not None
        pool = self.pool
        if not fmts:
            return {}
        try:
            loaded = entries()
        except Exception:  # reported by _publish's write(), when rendering here fails again
            return {}
        pool.calls(RENDER, [(("render", feed.name, fmt), (fmt, config.site, feed, loaded, since))
                            for fmt in fmts])

        def take(fmt: str) -> Made:
            try:
                data, digest = pool.answer(("render", feed.name, fmt))
            except WorkerDied:
                return _render(fmt, config, feed, entries, since)
            return data, digest

        return {fmt: partial(take, fmt) for fmt in fmts}

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


def _step_args(article: Article, wanted: Plan, selecting: Sequence[tuple[FeedConfig, str]]
               ) -> tuple[Article, bool, tuple[int, ...], tuple[str, ...]]:
    """step.process's arguments: the article, whether to build it whole, its extracts, and
    why each feed takes it."""
    taken = tuple(f"feed {f.name!r} takes it: {why}" for f, why in selecting)
    return article, wanted.check, wanted.extracts, taken


def _step_key(article: Article, wanted: Plan, args: tuple[object, ...]) -> object:
    return (article.article_id, wanted.digest, args[1:])


def _decide_members(config: Config, store: Store, clock: Clock) -> None:
    """Decide the members of each feed new or whose sources or selection changed since
    members were last decided: every stored article of its sources is judged by the
    selection as configured now (docs/compliance.md#rule-selective). A run where no feed
    changed reads one row per feed."""
    with store.transaction():
        store.forget_feeds([feed.name for feed in config.feeds])
        for feed in config.feeds:
            fingerprint = _fingerprint(feed)
            state = store.feed_state(feed.name)
            if state is not None and state[0] == fingerprint:
                continue
            members = [(a.article_id, published)
                       for a, published in store.carried_by(feed.sources)
                       if admits(feed.selection, article_id=a.article_id, title=a.title,
                                 summary=a.summary, authors=a.authors) is not None]
            store.decide_members(feed.name, fingerprint, members, clock())
            log.debug("feed %s: %d members decided", feed.name, len(members))


def _fingerprint(feed: FeedConfig) -> str:
    """What a feed's members depend on: its sources and its selection."""
    return hashlib.sha256(repr((feed.sources, feed.selection)).encode()).hexdigest()


def _missing_extracts(config: Config, store: Store, clock: Clock,
                      steps: _Steps, vetted: Vetted) -> list[ArticleReport]:
    """Extracts that extract-mode feeds need of articles already stored (the feed was just
    switched to extract mode, or its paragraph count changed, and its sources answer 304),
    within each feed's window. Returns the refusals."""
    refused = []
    for feed in config.feeds:
        if feed.mode != "extract":
            continue
        pending = store.without_extract(feed.name, feed.max_entries, feed.paragraphs)
        if not pending:
            continue
        plans = [(article, Plan(digest, check=False, extracts=(feed.paragraphs,)))
                 for article, digest in pending]
        # all of them handed to the article step at once, as a source's articles are
        steps.ahead([(article, wanted, ()) for article, wanted in plans])
        with store.transaction():
            for article, wanted in plans:
                done = steps.run(article, wanted)
                _log_step(article, done)
                intent = decide(article, None, wanted, None, done.extracts, clock())
                store.apply(intent, clock())
                _vet(intent, vetted)
                if intent.report.outcome is not Outcome.UNCHANGED:
                    refused.append(intent.report)
    return refused


def _publish(
    config: Config, store: Store, progress: Progress | None, done: int, total: int,
    steps: _Steps, publisher: "_Publisher",
) -> tuple[list[str], list[str], list[str], set[int]]:
    """Write every feed in every format, the images they point at and the index page;
    returns the files written, unchanged and failed, and the articles in the feeds.
    ``publisher``: the one that wrote feeds early, while the sources were read.

    A file whose inputs (its entries as stored, the config, this code's version) are those
    it was last written from, and which is still as written, is not even rendered; a
    rendered file whose bytes would not change is left alone (so ETags and conditional GETs
    keep working). A failed write leaves the previous file in place."""
    publisher.clean()
    listing_keys = []
    # each feed's part of the index page's inputs: its text only, not its _FeedFiles, whose
    # makers hold the feed's loaded entries (keeping them held every feed's HTML until the
    # index was written: peak memory at N = 2000 with --jobs 1 went 56 -> 124 MB)
    listed: list[str] = []
    sources = {s.url: s for s in store.sources()}
    ahead: dict[int, _FeedFiles] = {}
    for k, feed in enumerate(config.feeds):
        files = ahead.pop(k, None) or publisher.files_of(feed, sources)
        if steps.pool is not None and k + 1 < len(config.feeds):
            ahead[k + 1] = publisher.files_of(config.feeds[k + 1], sources)
        listing_keys.append((feed, files.keys, files.why))
        listed.append(files.listed)
        for path, make, digest in files.files:
            publisher.write(path, make, digest)
        done += 1
        if progress:
            progress(done, total, feed.name)
    out = config.site.output_dir
    for name, data in publisher.assets.items():
        publisher.write(out / name, partial(_made, data))
    refused = store.articles(not_published=True, limit=INDEX_REFUSED)

    def index() -> Made:
        from .index import LATEST, Listing, render_index

        # The page reads what it lists (the newest entries of each feed, without their
        # HTML); how many more each feed holds is known from its keys.
        # what the feeds leave out (_publishable), left out here too, said once (there)
        listings = [Listing(feed, _publishable(partial(store.feed_entries, feed.name, LATEST,
                                                       html=False, paragraphs=_paragraphs(feed)),
                                               publisher.vetted, _paragraphs(feed)),
                            len(keys), why)
                    for feed, keys, why in listing_keys]
        return render_index(config.site, listings, refused), None

    # its inputs are (listing_keys, refused), written with each feed's part as made for it
    publisher.write(out / INDEX_FILE, index, _inputs_digest(
        publisher.site, INDEX_FILE, f"([{', '.join(listed)}], {refused!r})"))
    for folder in sorted({Path(p).parent for p in publisher.written}):
        sync_folder(folder)  # the renames made durable, once for the run
    _remove_unwritten(store, publisher.owner, out,
                      {*publisher.names, *publisher.assets, INDEX_FILE}, publisher.failing)
    # every file was looked at: what failed before and did not now is over
    publisher.said.look(FILES, str(out), publisher.failing)
    windows = {n for _feed, keys, _why in listing_keys for n, _digest, _updated in keys}
    return publisher.written, publisher.unchanged, publisher.failed, windows


class _Publisher:
    """Writes one run's feed files, images and index page (_publish); and, with workers,
    each feed as soon as the last of its sources is stored (``source_done``), while the
    workers go on with the next sources: its rendering, reading and writing (with the
    disk's flushes) then overlap the article step instead of following it. _publish still
    looks at every file afterwards: one whose inputs did not change since (the common case)
    is left as written, one that did (a later source stored a new version of an article it
    holds, say) is written again; so the files end as a run in one process leaves them.
    On benchmarks/run.py's cold run (500 articles, 20 sources, two workers) what this
    process does after the last source is stored went from 0.44-0.47 s of CPU, 64 disk
    flushes (fsync) and 2.6 s on a busy machine to 0.07-0.08 s, 10 flushes and 0.3 s."""

    def __init__(self, config: Config, store: Store, steps: _Steps, said: "_Said") -> None:
        self.config = config
        self.store = store
        self.steps = steps
        self.said = said
        # the files that could not be rendered, written or removed in this run: said once
        # while it lasts, with what the folder's last look found (_publish)
        self.failing: list[Notice] = []
        self.owner = str(config.path)
        self.site = repr(config.site)  # in every file's inputs (_inputs_digest)
        self.written: list[str] = []
        self.unchanged: list[str] = []
        self.failed: list[str] = []
        self.assets = shipped_assets(config.site)
        self.vetted: Vetted = set()
        self.names = [f"{feed.name}.{fmt}" for feed in config.feeds for fmt in FEED_FORMATS]
        self._cleaned = False
        self._early: set[str] = set()  # files written before _publish
        self._waiting: list[_FeedFiles] = []  # handed to the workers, to write next
        # the feeds complete once the source of each index (in config.sources) is stored
        self._complete: dict[int, list[FeedConfig]] = {}
        place = {url: k for k, url in enumerate(config.sources)}
        for feed in config.feeds:
            self._complete.setdefault(max(place[u] for u in feed.sources), []).append(feed)

    def clean(self) -> None:
        """Remove the temporary files an interrupted run left, before the first write (only
        here, under the lock: a run killed mid-write leaves its temporary file behind)."""
        if self._cleaned:
            return
        self._cleaned = True
        out = self.config.site.output_dir
        # and those of the files this config's runs wrote that no run writes any more (a
        # [[feed]] removed since): only these names' leftovers were ever looked for, so a
        # run killed while writing a feed removed afterwards left its file there for good
        owned = [Path(p).name for p, _sha in self.store.output_files(self.owner)
                 if Path(p).parent == out]
        for leftover in remove_stale_temps(out, [*self.names, *self.assets, INDEX_FILE,
                                                 *owned]):
            log.debug("removed %s, left by an interrupted run", leftover)

    def source_done(self, k: int) -> None:
        """The source of index ``k`` is stored: write the feeds handed to the workers after
        the previous one (rendered by now, most often), and hand them those whose last
        source this was. Not the last source's: _publish renders those next anyway."""
        if self.steps.pool is None:
            return
        self.write_early()
        if k + 1 < len(self.config.sources):
            self.clean()
            self._waiting = [self.files_of(feed) for feed in self._complete.get(k, ())]

    def write_early(self) -> None:
        """Write the feeds handed to the workers early."""
        waiting, self._waiting = self._waiting, []
        for files in waiting:
            for path, make, digest in files.files:
                self.write(path, make, digest, early=True)

    def files_of(self, feed: FeedConfig, sources: dict[str, SourceState] | None = None
                 ) -> "_FeedFiles":
        """What a feed is made of, told by its entries' ids, content hashes and dates, read
        without their HTML; the entries themselves are read only to render, one feed at a
        time (memory stays that of one feed, however many there are). ``sources``: the
        sources' states, to say why an empty feed is (None: not said)."""
        store, config, out = self.store, self.config, self.config.site.output_dir
        paragraphs = _paragraphs(feed)
        keys = store.feed_keys(feed.name, feed.max_entries, paragraphs=paragraphs)
        # a feed with no entry is dated by its first write, and the index page says why
        state = store.feed_state(feed.name)
        since = state[1] if state else None
        entries = _once(partial(_publishable, partial(store.feed_entries, feed.name,
                                                      feed.max_entries,
                                                      paragraphs=paragraphs),
                                self.vetted, paragraphs,
                                tell=partial(self.said.look, FEED, feed.name)))
        why = "" if keys or sources is None else _why_empty(feed, sources)
        # The feed and its keys (the bulk: 25 digests in hex) written out once for its three
        # files and the index page, which list them, not four times (their repr made a
        # fifth of a warm run's work: run() of 20 feeds went from 130.8 to 118.6 M
        # instructions, callgrind).
        feed_text, keys_text = repr(feed), repr(keys)
        files = _FeedFiles(keys, why, f"({feed_text}, {keys_text}, {why!r})", [])
        digests = {fmt: _inputs_digest(self.site, fmt, f"({feed_text}, {keys_text}, {since!r})")
                   for fmt in FEED_FORMATS}
        paths = {fmt: out / f"{feed.name}.{fmt}" for fmt in FEED_FORMATS}
        ahead: dict[str, Callable[[], Made]] = {}
        # With workers (a run with enough new articles started them), the files are
        # rendered there, while this process writes the feed before it.
        if self.steps.pool is not None:
            ahead = self.steps.render_ahead(
                [fmt for fmt in FEED_FORMATS
                 if not _still_as_written(store, paths[fmt], digests[fmt])],
                config, feed, entries, since)
        for fmt in FEED_FORMATS:
            make = ahead.get(fmt) or partial(_render, fmt, config, feed, entries, since)
            files.files.append((paths[fmt], make, digests[fmt]))
        return files

    def write(self, path: Path, make: Callable[[], Made], digest: str | None = None, *,
              early: bool = False) -> None:
        """Write one file unless it is still as written from the same inputs. ``early``
        (before _publish): a failure is left for _publish to meet again and report, and
        nothing is counted yet."""
        store = self.store
        if digest is not None and _still_as_written(store, path, digest):
            if not early:
                # written earlier in this run: counted as written by this run
                (self.written if str(path) in self._early else self.unchanged).append(str(path))
            return
        try:
            data, sha256 = make()
        except Exception as e:  # a bug or a stored value no check foresaw:
            # this file only; the previous one stays, and every other file is still written
            store.forget_feed_file(str(path))
            if early:
                log.debug("%s: not rendered early (%s: %s)", path, type(e).__name__, e)
                return
            message = f"{path}: could not be rendered ({type(e).__name__}: {e}); the previous " \
                      "file is unchanged"
            log.debug("%s: the traceback of its rendering", path, exc_info=True)  # -vv
            self.failing.append(notice(str(path), message, error=True))
            self.failed.append(message)
            return
        try:
            changed = write_if_changed(path, data, partial(_ours, store, path),
                                       sync_folder=False)
            stat = path.stat()
        except (PublishError, OSError) as e:
            store.forget_feed_file(str(path))
            if early:
                log.debug("%s: not written early (%s)", path, e)
                return
            message = str(e) if isinstance(e, PublishError) else f"{path}: {e.strerror or e}"
            self.failing.append(notice(str(path), message, error=True))
            self.failed.append(message)
            return
        store.own_output_file(str(path), sha256 or file_digest(data), self.owner)
        if digest is not None:
            store.save_feed_file(str(path), digest, stat.st_size, stat.st_mtime_ns)
        if changed:
            log.debug("wrote %s", path)
        if early:
            if changed:
                self._early.add(str(path))
            return
        (self.written if changed or str(path) in self._early else self.unchanged
         ).append(str(path))


def _ours(store: Store, path: Path, found: bytes) -> bool:
    """Whether the file ``found`` at ``path`` is syndication's to replace: what this state
    last wrote there, a file written before that record existed (schema 8) and untouched
    since, or one that carries syndication's mark (written by 0.1, or the state file
    deleted since). Anything else is a user's own file."""
    if store.output_file(str(path)) == file_digest(found):
        return True
    written = store.feed_file(str(path))
    if written is not None:
        with contextlib.suppress(OSError):
            stat = path.stat()
            if (stat.st_size, stat.st_mtime_ns) == written[1:]:
                return True
    return carries_mark(path.name, found)


def _remove_unwritten(store: Store, owner: str, out: Path, names: set[str],
                      failing: list[Notice]) -> None:
    """Remove the files this config's runs wrote in ``out`` that no run writes any more (a
    [[feed]] removed or renamed, a shipped image replaced by [site] icon or logo), only while
    they hold exactly what was written: a file changed or replaced since is left alone.
    One that cannot be read or removed is added to ``failing`` (said once while it
    lasts)."""
    for name, sha256 in store.output_files(owner):
        path = Path(name)
        if path.parent != out or path.name in names:
            continue  # another output folder is not this run's to clean
        try:
            found = path.read_bytes()
        except FileNotFoundError:
            store.disown_output_file(name)
            continue
        except OSError as e:
            failing.append(notice(str(path), f"{path}: cannot read it to remove it "
                                  f"({e.strerror or e})"))
            continue
        if file_digest(found) != sha256:
            log.info("%s: no [[feed]] writes it any more, but it changed since it was "
                     "written: left as it is", path)
            store.disown_output_file(name)
            continue
        try:
            path.unlink()
        except OSError as e:
            failing.append(notice(str(path), f"{path}: no [[feed]] writes it any more, but it "
                                  f"cannot be removed ({e.strerror or e})"))
            continue
        store.disown_output_file(name)
        log.info("removed %s: no [[feed]] or image of this config writes it any more", path)


class _FeedFiles(NamedTuple):
    """One feed's files to write: what they are rendered from, and how."""

    keys: tuple[tuple[int, str, str], ...]  # Store.feed_keys: its entries, without HTML
    why: str  # why it is empty ("" when it is not), for the index page
    listed: str  # the repr of (feed, keys, why): its part of the index page's inputs
    # each file's path, how its bytes are made, and the digest of its inputs
    files: list[tuple[Path, Callable[[], Made], str]]


def _publishable(load: Callable[[], tuple[FeedEntry, ...]],
                 vetted: Container[tuple[int, int | None]] = frozenset(),
                 paragraphs: int | None = None, *,
                 tell: Callable[[Sequence[Notice]], None] | None = None
                 ) -> tuple[FeedEntry, ...]:
    """The stored entries that may be published: one stored by an earlier version (or edited
    since) with a character XML forbids, a link that is not The Conversation's or a field
    past its bound (source.size_problem) is left out (and said), never allowed to stop the
    whole file; categories past theirs are left out (said too). ``vetted``: the rows this
    run stored and vetted (_vet), not read again; ``paragraphs``: the extracts the entries
    are; ``tell``: where what was left out is said (the feed's place, _Said.look: once while
    it lasts); None: nothing said (the index page, after the feeds said it)."""
    from .source import bounded_categories, link_problem, size_problem

    said: list[Notice] = []
    kept = []
    for e in load():
        if (e.article_id, paragraphs) in vetted:
            kept.append(e)
            continue
        fields = (e.title, e.summary or "", e.html, e.rights or "", *e.categories,
                  *(a.name for a in e.authors))
        if any(search_forbidden(f) for f in fields):
            problem: str | None = "it holds a character XML 1.0 forbids"
        else:
            # stored before a source's entries were bounded (a 300 KB credit, ~3.6 MB of
            # output an entry): as parse_entry would refuse it, or its categories bounded
            problem = link_problem(e.url, e.article_id) or size_problem(e)
        if problem is None:
            categories, left_out = bounded_categories(e.categories)
            if left_out is not None:
                said.append(notice(f"article {e.article_id} categories", f"article "
                                   f"{e.article_id}: {left_out} (stored before they were "
                                   "bounded)"))
                e = e._replace(categories=categories)
            kept.append(e)
        else:
            said.append(notice(f"article {e.article_id}", f"article {e.article_id} left out "
                               f"of the feeds: {problem}", error=True))
    if tell is not None:
        tell(said)
    return tuple(kept)


def _render(fmt: str, config: Config, feed: FeedConfig,
            entries: Callable[[], tuple[FeedEntry, ...]], since: datetime | None) -> Made:
    from .publish import render

    return render(fmt, config.site, feed, entries(), since), None


def _made(data: bytes) -> Made:
    """A file to write whose bytes are at hand (a shipped image)."""
    return data, None


def _why_empty(feed: FeedConfig, sources: dict[str, SourceState]) -> str:
    """Why a feed has no entry, in one sentence for the index page."""
    never = [u for u in feed.sources if u not in sources or sources[u].last_success is None]
    if never:
        state = sources.get(never[0])
        # the page is public: a password or token in the source's URL is not (safetext)
        error = redact(state.last_error) if state and state.last_error else "not fetched yet"
        return (f"{count(len(never), 'source')} of this feed could not be read yet "
                f"({error}).")
    if feed.selection.selects:
        return (f"no article of its sources matched its selection so far "
                f"({feed.selection.describe()}).")
    return "no article of its sources has passed every rule so far."


def _paragraphs(feed: FeedConfig) -> int | None:
    """The extract length an extract-mode feed carries; None for whole articles."""
    return feed.paragraphs if feed.mode == "extract" else None


def _once(load: Callable[[], tuple[FeedEntry, ...]]) -> Callable[[], tuple[FeedEntry, ...]]:
    """``load`` called on first need only, and its answer kept for the feed's next format."""
    kept: list[tuple[FeedEntry, ...]] = []

    def get() -> tuple[FeedEntry, ...]:
        if not kept:
            kept.append(load())
        return kept[0]

    return get


def _inputs_digest(site: str, what: str, inputs: str) -> str:
    """Everything a file is rendered from (frozen records: their repr is their content): if
    this is unchanged, so are the file's bytes. ``site`` and ``inputs``: the repr of
    config.site and of the file's own inputs (the feed, its keys…), made by the caller
    once for all the files that share them. The digest is that of
    ``repr([__version__, RENDER_VERSION, what, config.site, inputs])``, as the state
    database holds it (a list's repr is its items' joined by ", ")."""
    text = f"[{__version__!r}, {RENDER_VERSION!r}, {what!r}, {site}, {inputs}]"
    return hashlib.sha256(text.encode()).hexdigest()


def _still_as_written(store: Store, path: Path, digest: str) -> bool:
    record = store.feed_file(str(path))
    if record is None or record[0] != digest:
        return False
    try:
        stat = path.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (record[1], record[2])
