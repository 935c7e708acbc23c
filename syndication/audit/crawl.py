"""An audit's work: read the sources, fetch every page they name (one worker per host, hosts
in parallel, each host's requests one at a time through its own Fetcher), keep the pages
that republish an article of The Conversation, fetch each original once, and judge every
page with `check`'s judgement (verify.judge). Judging is the checker's; this module only
gathers documents and decides what to judge again."""

from __future__ import annotations

import contextlib
import heapq
import math
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import TracebackType

from .. import utc
from ..compliance import Original, check, prepare
from ..compliance.command import (
    ACCEPT_PAGE,
    ACCEPT_SOURCE,
    PLAIN_SUFFIXES,
    ArticleRef,
    Document,
    article_url,
    identify,
    judge,
    original_from,
    read_file,
)
from ..compliance.encoding import decode, saved_page
from ..compliance.htmltext import key, looks_like_html, parse_page, text_of
from ..config import FetchConfig
from ..conversation import ATTRIBUTION_PHRASES, TC_HOME, is_tc_host
from ..errors import DocumentCut, FetchError, InputError, ParseError
from ..fetch import Fetcher, MemoryHostState
from ..logs import logger
from ..models import Fetched, Verdict
from ..urls import host_of, is_web_url, origin_of
from .discover import bare_host_hint, discover, is_site_home
from .records import (
    AuditReport,
    Candidate,
    Listing,
    PageAudit,
    SitemapRef,
    SourceOutcome,
    Standing,
)
from .sources import is_archive_sitemap, read_listing, read_url_list
from .state import AuditState, digest

log = logger(__name__)

Progress = Callable[[int, int, str], None]
# A sitemap index may list sitemap indexes (sitemaps.org forbids it; sites do it): followed
# this deep, and no more than this many sitemaps in all.
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAPS = 1000
# The most pages one audit reads unless told otherwise (--max-pages): an hour at the
# default min_interval of 1 s, with their originals.
MAX_PAGES = 2000
_ATTRIBUTION_KEYS = tuple(key(p) for ps in ATTRIBUTION_PHRASES.values() for p in ps)


@dataclass(frozen=True, slots=True)
class _Page:
    """A page as read: its text, and how it was recognised as a republication."""

    candidate: Candidate
    text: str  # "" when the page could not be read (then error says why)
    plain: bool
    ref: ArticleRef | None  # the article it republishes, when the page names it
    how: str  # how it was recognised
    error: str = ""  # the page could not be read: its feed entry alone is judged


class Hosts:
    """One worker thread and one Fetcher per origin (scheme, host and port): requests to a
    host go one at a time, spaced by min_interval and robots.txt's Crawl-delay (fetch.py);
    hosts are fetched in parallel. Use as a context manager."""

    def __init__(self, config: FetchConfig, *, sleep: Callable[[float], None] | None = None,
                 state: AuditState | None = None, now: Callable[[], datetime] = utc.now):
        self.config = config
        self._sleep = sleep
        self._state = state
        self._now = now
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._fetchers: dict[str, Fetcher] = {}  # each used only by its origin's thread
        # robots.txt copies and waits, shared by every origin's fetcher: a home redirected
        # to its www. twin had its robots.txt read by the first fetcher, then again by the
        # twin's own (the state database, when there is one, is shared already)
        self._memory = state if state is not None else MemoryHostState()
        self._kept: dict[str, Future[Fetched]] = {}  # documents asked with keep, by URL
        self._lock = threading.Lock()

    def get(self, url: str, *, accept: str, keep: bool = False) -> Future[Fetched]:
        """GET ``url`` on its host's worker: a 200 answer with the body, read from the state
        database when the server says it has not changed (304). The future raises
        FetchError on failure. A URL asked before with ``keep`` (a site's home page) is not
        asked again: its answer is handed back."""
        with self._lock:
            known = self._kept.get(url)
            if known is not None:
                return known
        future = self._pool(url).submit(self._get, origin_of(url), url, accept)
        if keep:
            with self._lock:
                self._kept[url] = future
        return future

    def keep(self, url: str, fetched: Fetched) -> None:
        """Hand ``fetched`` back for ``url`` from now on (where a kept page was redirected)."""
        future: Future[Fetched] = Future()
        future.set_result(fetched)
        with self._lock:
            self._kept.setdefault(url, future)

    def sitemaps(self, url: str) -> Future[tuple[str, ...]]:
        """The sitemaps named by the robots.txt of ``url``'s origin (Fetcher.sitemaps: read
        once, with the rules every request there obeys)."""
        return self._pool(url).submit(
            lambda: self._fetcher(origin_of(url), url).sitemaps(url))

    def _pool(self, url: str) -> ThreadPoolExecutor:
        origin = origin_of(url)
        with self._lock:
            pool = self._pools.get(origin)
            if pool is None:
                pool = self._pools[origin] = ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix=f"audit {origin}")
            return pool

    def _fetcher(self, origin: str, url: str) -> Fetcher:
        fetcher = self._fetchers.get(origin)
        if fetcher is None:
            fetcher = Fetcher(self.config, _twins(url), memory=self._memory,
                              **({"sleep": self._sleep} if self._sleep else {}))  # type: ignore[arg-type]
            with self._lock:
                self._fetchers[origin] = fetcher
        return fetcher

    def _get(self, origin: str, url: str, accept: str) -> Fetched:
        fetcher = self._fetcher(origin, url)
        stored = self._state.document(url) if self._state is not None else None
        fetched = fetcher.get(url, accept=accept,
                              etag=stored.etag if stored else None,
                              last_modified=stored.last_modified if stored else None)
        if fetched.not_modified and stored is not None:
            return stored
        if self._state is not None:
            self._state.save_document(fetched, self._now())
        return fetched

    @property
    def requests(self) -> int:
        with self._lock:
            return sum(f.requests_made for f in self._fetchers.values())

    def __enter__(self) -> Hosts:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        with self._lock:
            pools = list(self._pools.values())
        # Ctrl-C or a signal: what is queued is cancelled and nothing waits for a request
        # in flight (it ends at its timeout; the command exits before, cli.console).
        stopped = isinstance(exc, KeyboardInterrupt)
        for pool in pools:
            pool.shutdown(wait=not stopped, cancel_futures=True)
        if stopped:
            return
        for fetcher in self._fetchers.values():
            fetcher.close()


def _twins(url: str) -> frozenset[str]:
    """The hosts a page's fetcher may go to: its own, and its www. twin (a site redirecting
    example.org to www.example.org is still that site)."""
    host = host_of(url)
    bare = host.removeprefix("www.")
    return frozenset({host, bare, f"www.{bare}"})


def run_audit(
    sources: Sequence[str],
    *,
    fetch_config: FetchConfig,
    conversation_url: str = TC_HOME,
    state: Path | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] | None = None,
    now: Callable[[], datetime] = utc.now,
    max_pages: int = MAX_PAGES,
) -> AuditReport:
    """Audit every page ``sources`` name (see sources.py for what a source may be).

    ``state``: the state database of earlier audits; pages, feed entries and originals that
    have not changed since are not judged again, and each page says what changed.
    Never raises for one bad source or page: each is a result (SourceOutcome.error,
    AuditReport.unreadable, PageAudit.error). ``sleep`` replaces time.sleep in the fetchers
    and ``now`` the clock (tests). ``max_pages``: the most pages read (0: all), the most
    recently modified first (first_pages). Raises StorageError when ``state`` cannot be used."""
    started = now()
    with contextlib.ExitStack() as stack:
        memory = stack.enter_context(AuditState(state)) if state is not None else None
        hosts = stack.enter_context(Hosts(fetch_config, sleep=sleep, state=memory, now=now))
        outcomes, named = _gather(sources, hosts, max_pages, progress)
        candidates = first_pages(named, max_pages)
        pages, skipped, unreadable, originals = _read_pages(
            candidates, hosts, conversation_url, progress)
        audits = _judge_all(pages, originals, memory, progress, now)
        fetched = sum(1 for f in originals.values() if f.done() and f.exception() is None)
        report = AuditReport(sources=tuple(outcomes), pages=tuple(audits), skipped=skipped,
                             unreadable=tuple(unreadable), originals_fetched=fetched,
                             requests=hosts.requests, named=len(named), max_pages=max_pages)
        if memory is not None:
            memory.record_audit(started, now(), list(sources), report.summary())
        return report


# --- sources --------------------------------------------------------------------------------


def _gather(sources: Sequence[str], hosts: Hosts, max_pages: int, progress: Progress | None
            ) -> tuple[list[SourceOutcome], list[Candidate]]:
    """Every page the sources name, once (a feed item's content kept), in their order; a
    site's address is discovered (discover.py). No listing is fetched twice in an audit."""
    outcomes = []
    found: dict[str, Candidate] = {}
    read = _Reader(hosts, max_pages, progress)
    for source in sources:
        discovery = None
        try:
            if is_site_home(source):
                discovery, listings = discover(source, hosts, read.listings, limit=max_pages)
            else:
                listings = read.listings(source)
        except (FetchError, ParseError, InputError) as e:
            # a result, said once by the command (audit.output.error_lines), not logged
            # here too: it was said twice on stderr, then again in the line saying why
            # nothing could be judged
            outcomes.append(SourceOutcome(source, "", 0, error=str(e)))
            continue
        count = 0
        notes: list[str] = []
        for listing in listings:
            for problem in listing.problems:
                log.warning("%s: %s", listing.where, problem)
            notes += read.notes.pop(listing.where, ())
            for c in listing.candidates:
                count += 1
                known = found.get(c.url)
                if known is None:
                    found[c.url] = c
                elif known.entry_html is None and c.entry_html is not None:
                    found[c.url] = replace(c, lastmod=c.lastmod or known.lastmod)
        kind = "site" if discovery is not None else listings[0].kind
        outcomes.append(SourceOutcome(source, kind, count, discovery=discovery,
                                      notes=tuple(notes)))
    return outcomes, list(found.values())


class _Reader:
    """Reads listings by URL or path, each once in an audit (a sitemap that robots.txt and
    a sitemap index both name, a feed given as a SOURCE and found from the home page); a
    sitemap index is followed to its sitemaps, those of archive pages left out. With a cap
    on the pages an audit reads (``limit``), an index's sitemaps are read newest first by
    its <lastmod>, and one older than the ``limit`` most recent pages already found is not
    read (README.md#auditing-a-whole-site): a news site's index lists hundreds of sitemaps,
    the oldest posts first, and each is a request."""

    def __init__(self, hosts: Hosts, limit: int = 0, progress: Progress | None = None):
        self.hosts = hosts
        self.limit = limit
        self.progress = progress  # told of each sitemap an index lists, before it is read
        self._read: dict[str, Listing | Exception] = {}
        self.sitemaps = 0  # sitemaps read in this audit, indexes included
        # what went wrong or was left out inside a listing, by its top listing's where
        self.notes: dict[str, list[str]] = {}

    def listings(self, source: str) -> list[Listing]:
        """The listing of one SOURCE; a sitemap index is followed to its sitemaps. The
        listings come in the index's order (breadth first), whatever order they were read
        in."""
        if source.startswith("@"):
            path = source[1:]
            return [read_url_list(decode(read_file(path, self.hosts.config.max_bytes)), source)]
        if not is_web_url(source) and not Path(source).exists():
            hint = bare_host_hint(source)
            if hint is not None:
                raise InputError(f"{source}: {hint}")
        first = self._one(source)
        out: list[tuple[tuple[int, ...], Listing]] = [((), first)]  # (its place, listing)
        notes = self.notes.setdefault(source, [])
        archives: list[str] = []
        older: list[str] = []
        newest = _Newest(self.limit)
        newest.add(first.candidates)
        pending = _Pending(by_date=self.limit > 0)

        def follow(index: Listing, place: tuple[int, ...]) -> None:
            for k, ref in enumerate(index.sitemaps):
                if not is_archive_sitemap(ref.url):
                    pending.add(ref, (*place, k))
                elif ref.url not in archives:
                    archives.append(ref.url)

        follow(first, ())
        seen = {source}
        while (item := pending.next()) is not None:
            ref, place = item
            if ref.url in seen:
                continue
            seen.add(ref.url)
            if newest.newer_than(ref.lastmod):
                older.append(ref.url)
                continue
            if self.progress is not None:  # a big site's index: minutes of sitemaps
                self.progress(len(out) - 1, len(out) + len(pending), f"sitemap {ref.url}")
            if self.sitemaps >= MAX_SITEMAPS:
                notes.append(f"more than {MAX_SITEMAPS} sitemaps: the rest are not read")
                log.warning("%s: more than %d sitemaps; the rest are not read", source,
                            MAX_SITEMAPS)
                break
            try:
                listing = self._one(ref.url)
            except (FetchError, ParseError, InputError) as e:
                notes.append(str(e))
                log.warning("%s", e)
                continue
            out.append((place, listing))
            newest.add(listing.candidates)
            if len(place) < MAX_SITEMAP_DEPTH:
                follow(listing, place)
        if archives:
            names = ", ".join(u.rsplit("/", 1)[-1] for u in archives[:5])
            more = f" and {len(archives) - 5} more" if len(archives) > 5 else ""
            notes.append(f"{len(archives)} sitemap{'s' if len(archives) > 1 else ''} of "
                         f"archive pages (categories, tags, authors) not read: {names}{more}")
        if older:
            notes.append(f"{len(older)} sitemap{'s' if len(older) > 1 else ''} not read: "
                         f"older, by the index's <lastmod>, than the {self.limit} most recent "
                         f"pages found (--max-pages {self.limit})")
        out.sort(key=lambda read: (len(read[0]), read[0]))
        return [listing for _place, listing in out]

    def _one(self, where: str) -> Listing:
        known = self._read.get(where)
        if known is None:
            try:
                known = _listing(where, self.hosts)
            except (FetchError, ParseError, InputError) as e:
                known = e
            self._read[where] = known
            if is_web_url(where):
                self.sitemaps += 1
        if isinstance(known, Exception):
            raise known
        return known


def _listing(where: str, hosts: Hosts) -> Listing:
    if is_web_url(where):
        fetched = hosts.get(where, accept=ACCEPT_LISTING).result()
        return read_listing(fetched.body, where, fetched.content_type)
    return read_listing(read_file(where, hosts.config.max_bytes), where)


def first_pages(candidates: Sequence[Candidate], max_pages: int) -> list[Candidate]:
    """The pages an audit reads: all, or past ``max_pages`` the most recently modified by
    their sitemaps' <lastmod> (those without one after, in their order), kept in their
    order. Yoast's and WordPress's sitemaps list the oldest posts first."""
    if not max_pages or len(candidates) <= max_pages:
        return list(candidates)
    ranked = sorted(range(len(candidates)), key=lambda i: (-_when(candidates[i].lastmod), i))
    chosen = set(ranked[:max_pages])
    return [c for i, c in enumerate(candidates) if i in chosen]


class _Pending:
    """The sitemaps an index lists, still to read, each with its place in the index (the
    positions of it and of the indexes above it). ``by_date``: those with no <lastmod>
    first, in the index's order (nothing says how old they are, so each is read), then the
    others newest first; else all in the index's order."""

    def __init__(self, *, by_date: bool):
        self.by_date = by_date
        self._in_order: deque[tuple[SitemapRef, tuple[int, ...]]] = deque()
        self._dated: list[tuple[float, int, SitemapRef, tuple[int, ...]]] = []  # a heap
        self._added = 0

    def __len__(self) -> int:
        return len(self._in_order) + len(self._dated)

    def add(self, ref: SitemapRef, place: tuple[int, ...]) -> None:
        when = _when(ref.lastmod) if self.by_date else -math.inf
        if when == -math.inf:
            self._in_order.append((ref, place))
        else:  # the newest first; the index's order among equals (_added)
            heapq.heappush(self._dated, (-when, self._added, ref, place))
        self._added += 1

    def next(self) -> tuple[SitemapRef, tuple[int, ...]] | None:
        if self._in_order:
            return self._in_order.popleft()
        if self._dated:
            return heapq.heappop(self._dated)[2:]
        return None


class _Newest:
    """The <lastmod> of the ``limit`` most recent pages found so far (each URL once; a
    page without one counts for none). A sitemap whose own <lastmod> is older than all of
    them holds none of the pages an audit of ``limit`` pages reads (first_pages): a
    sitemap's <lastmod> is when it last changed (sitemaps.org), so no page it lists is
    newer. With ``limit`` 0 (no cap) every sitemap is read."""

    def __init__(self, limit: int):
        self.limit = limit
        self._dates: list[float] = []  # a heap: the oldest of the newest first
        self._urls: set[str] = set()

    def add(self, candidates: Sequence[Candidate]) -> None:
        if not self.limit:
            return
        for c in candidates:
            if c.url in self._urls:
                continue
            self._urls.add(c.url)
            when = _when(c.lastmod)
            if when == -math.inf:
                continue
            if len(self._dates) < self.limit:
                heapq.heappush(self._dates, when)
            elif when > self._dates[0]:
                heapq.heapreplace(self._dates, when)

    def newer_than(self, lastmod: str | None) -> bool:
        """Whether ``limit`` pages found are all newer than anything a sitemap of this
        <lastmod> can list."""
        return (bool(self.limit) and len(self._dates) >= self.limit
                and _latest(lastmod) < self._dates[0])


def _latest(lastmod: str | None) -> float:
    """The latest POSIX time a <lastmod> can mean: a date alone, or a time without its
    zone (which W3C Datetime requires), may be any time of that day anywhere; +inf when
    absent or unreadable (it bounds nothing)."""
    when = _when(lastmod)
    if when == -math.inf:
        return math.inf
    assert lastmod is not None  # _when read it
    text = lastmod.strip()
    if "T" not in text or not (text.endswith("Z") or "+" in text or text.count("-") > 2):
        return when + _A_DAY_AND_ZONES
    return when


# A date's last instant in the last time zone (UTC-12), from its first in UTC.
_A_DAY_AND_ZONES = (24 + 12) * 3600.0


def _when(lastmod: str | None) -> float:
    """A <lastmod> (W3C Datetime: a date, or a date and time with its zone) as a POSIX
    time; -inf when absent or unreadable."""
    if not lastmod:
        return -math.inf
    try:
        when = datetime.fromisoformat(lastmod.strip())
    except ValueError:
        return -math.inf
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


ACCEPT_LISTING = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                  "text/xml;q=0.9, text/html;q=0.8, */*;q=0.1")


# --- pages ----------------------------------------------------------------------------------


def _read_pages(
    candidates: Sequence[Candidate], hosts: Hosts, conversation_url: str,
    progress: Progress | None,
) -> tuple[list[_Page], int, list[tuple[str, str]], dict[int, Future[Fetched]]]:
    """Fetch every page (hosts in parallel); keep the republications, and start fetching
    each one's original (once per article) while the other pages are read."""
    futures: dict[Future[Fetched], Candidate] = {}
    done_now: list[tuple[Candidate, Fetched | Exception | None]] = []
    for c in candidates:
        if is_web_url(c.url) and is_tc_host(host_of(c.url)):
            done_now.append((c, None))  # The Conversation's own page: not fetched (_recognise)
        elif is_web_url(c.url):
            futures[hosts.get(c.url, accept=ACCEPT_PAGE)] = c
        else:
            try:
                data = read_file(c.url, hosts.config.max_bytes)
            except InputError as e:
                done_now.append((c, e))
            else:
                done_now.append((c, Fetched(c.url, c.url, 200, data, None, None, None)))
    results: dict[str, _Page] = {}
    unreadable: dict[str, str] = {}
    originals: dict[int, Future[Fetched]] = {}
    skipped = 0
    total = len(candidates)

    def take(c: Candidate, got: Fetched | Exception | None) -> None:
        nonlocal skipped
        page = _recognise(c, got)
        if page is None:
            skipped += 1
        elif page.ref is None and page.error and page.how == "":
            unreadable[c.url] = page.error
        else:
            results[c.url] = page
            if page.ref is not None and page.ref.article_id not in originals:
                originals[page.ref.article_id] = hosts.get(
                    article_url(page.ref, conversation_url), accept=ACCEPT_SOURCE)
        if progress is not None:
            progress(len(results) + len(unreadable) + skipped, total, c.url)

    for c, got in done_now:
        take(c, got)
    for future in as_completed(futures):
        c = futures[future]
        try:
            take(c, future.result())
        except FetchError as e:
            take(c, e)
    pages = [results[c.url] for c in candidates if c.url in results]
    gone = [(c.url, unreadable[c.url]) for c in candidates if c.url in unreadable]
    return pages, skipped, gone, originals


def _recognise(c: Candidate, got: Fetched | Exception | None) -> _Page | None:
    """The page if it (or its feed entry) republishes an article of The Conversation; None
    when it does not. A page that could not be read is kept (error set) when its feed entry
    republishes one, else returned with how "" (unreadable). ``got`` None: the URL is on The
    Conversation's own site (a feed entry linking the original, as syndication's own feeds
    do), whose page is no republication and is not fetched: the entry alone is judged
    (README.md#auditing-a-whole-site)."""
    if got is None:
        entry = _found_in(c.entry_html, plain=False) if c.entry_html else None
        if entry is None:
            return None
        return _Page(c, "", False, entry[0], f"its feed entry: {entry[1]}; its link is The "
                     "Conversation's own page of the article")
    if isinstance(got, Exception):
        entry = _found_in(c.entry_html, plain=False) if c.entry_html else None
        if entry is None:
            return _Page(c, "", False, None, "", error=str(got))
        ref, how = entry
        return _Page(c, "", False, ref, f"its feed entry: {how}", error=str(got))
    body, content_type = got.body, got.content_type
    saved = saved_page(body)  # a browser's single-file save (.mhtml): the page inside it
    if saved is not None:
        body, content_type = saved.data, saved.content_type
    text = decode(body, content_type)
    plain = _is_plain(c.url, content_type, text)
    found = _found_in(text, plain=plain)
    if found is None and c.entry_html:
        entry = _found_in(c.entry_html, plain=False)
        if entry is not None:
            found = (entry[0], f"its feed entry: {entry[1]}")
    if found is None:
        return None
    return _Page(c, text, plain, found[0], found[1])


def _found_in(text: str, *, plain: bool) -> tuple[ArticleRef | None, str] | None:
    """(the article, how) when ``text`` republishes an article of The Conversation: its
    link to the original, its counter, a link to an article, or (no id then) The
    Conversation's attribution line in any edition's language."""
    ref = identify(text, plain=plain)
    if ref is not None:
        return ref, ref.how
    said = f" {key(text if plain else text_of(parse_page(text, partial=True)))} "
    if any(f" {phrase} " in said for phrase in _ATTRIBUTION_KEYS):
        return None, "its attribution line (it names no article: judged without the original)"
    return None


def _is_plain(where: str, content_type: str | None, text: str) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "text/plain" or (not content_type and
                                 Path(where).suffix.lower() in PLAIN_SUFFIXES):
        return True
    return not looks_like_html(text)


# --- judging --------------------------------------------------------------------------------


def _judge_all(pages: Sequence[_Page], originals: dict[int, Future[Fetched]],
               state: AuditState | None, progress: Progress | None,
               now: Callable[[], datetime]) -> list[PageAudit]:
    """Each page's result: judged, or as the last audit left it when nothing it was judged
    on changed (the page, its feed entry, its original, the checker's code)."""
    read: dict[int, _Source] = {}
    known = state is not None and state.audits() > 0
    audits = []
    for done, page in enumerate(pages, start=1):
        source = None
        if page.ref is not None:
            n = page.ref.article_id
            if n not in read:
                read[n] = _Source(originals[n], page)
            source = read[n]
        key = judge_key(page.text, page.candidate.entry_html,
                        source.digest if source is not None else "")
        stored = state.result(page.candidate.url) if state is not None else None
        if stored is not None and stored.judge_key == key:
            audit = replace(stored.page, reused=True)
        else:
            original, where, problem = source.prepared() if source else (None, None, "")
            audit = _judge(page, original, where, problem)
            if state is not None:
                state.save_result(audit, key, now())
        if known:
            audit = replace(audit, change=change_since(
                stored.standing if stored else None, audit.standing))
        audits.append(audit)
        if progress is not None:
            progress(done, len(pages), f"judged {page.candidate.url}")
    return audits


def change_since(before: Standing | None, now: Standing) -> str:
    """What changed for a page since the last audit (the report's "changes" column)."""
    if before is None:
        return "new"
    if now is Standing.NOT_COMPLIANT and before is not Standing.NOT_COMPLIANT:
        return "newly failing"
    if before is Standing.NOT_COMPLIANT and now is not Standing.NOT_COMPLIANT:
        return "fixed"
    return ""


def judge_key(page_text: str, entry_html: str | None, original_digest: str) -> str:
    """What a page's result depends on: its text, its feed entry, its original, and the
    code that judged it (syndication's own files: a new checker judges again)."""
    return digest("\0".join((_code_digest(), digest(page_text), digest(entry_html or ""),
                              original_digest)))


@cache
def _code_digest() -> str:
    package = Path(__file__).resolve().parents[1]
    return digest(b"".join(p.read_bytes() for p in sorted(package.rglob("*.py"))))


class _Source:
    """An original as fetched, prepared for judging on first need (a page judged in an
    earlier audit needs only its digest)."""

    def __init__(self, future: Future[Fetched], page: _Page):
        self._page = page
        self.fetched: Fetched | None = None
        self.problem = ""
        try:
            self.fetched = future.result()
        except FetchError as e:
            self.problem = f"the original could not be fetched: {e}"
        self.digest = digest(self.fetched.body) if self.fetched is not None else "none"
        self._prepared: tuple[Original | None, str | None, str] | None = None

    def prepared(self) -> tuple[Original | None, str | None, str]:
        """(the original prepared, where it was read, why it could not be)."""
        if self._prepared is None:
            self._prepared = self._prepare()
        return self._prepared

    def _prepare(self) -> tuple[Original | None, str | None, str]:
        fetched, page = self.fetched, self._page
        if fetched is None or page.ref is None:
            return None, None, self.problem
        doc = Document(fetched.final_url, fetched.body,
                       decode(fetched.body, fetched.content_type), fetched.content_type)
        try:
            article = original_from(doc, page.text, page.ref)
            return prepare(article), fetched.final_url, ""
        except (InputError, ParseError) as e:
            return None, fetched.final_url, f"the original could not be read: {e}"
        except DocumentCut as e:  # the page or the original: judged not checkable
            return None, fetched.final_url, f"cannot be read whole: {e.reason}"


def _judge(page: _Page, original: Original | None, where: str | None,
           problem: str) -> PageAudit:
    c = page.candidate
    verdict: Verdict | None = None
    entry: Verdict | None = None
    if page.text:
        verdict = judge(page.text, c.url, original, plain=page.plain)
    if c.entry_html:
        entry = check(c.entry_html, original, title=c.entry_title) if original is not None \
            else judge(c.entry_html, c.source, None, plain=False)
    if verdict is None:
        verdict, entry = entry, None
        judged = "feed entry"
    else:
        judged = "page and feed entry" if entry is not None else "page"
    errors = [e for e in (page.error and f"the page could not be read ({page.error}): only "
                          "its feed entry was judged", problem) if e]
    title = original.article.title if original is not None else (c.entry_title or "")
    return PageAudit(
        url=c.url,
        article_id=(original.article.article_id if original is not None
                    else page.ref.article_id if page.ref is not None else None),
        how=page.how,
        original=where,
        judged=judged,
        verdict=verdict,
        entry_verdict=entry,
        error="; ".join(errors),
        title=title,
    )

