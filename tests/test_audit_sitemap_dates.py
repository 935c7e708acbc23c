"""A capped audit of a big site reads its sitemap index newest first and stops early
(syndication/audit/crawl.py: _Reader, _Pending, _Newest): a news site's index lists hundreds
of sitemaps (Yoast writes 1,000 posts to each, the oldest first), each a request at the
site's pace. The sitemaps whose <lastmod> is older than the --max-pages most recent pages
already found are not read, and the pages audited are the same as if every sitemap had been.

The sites are BUILT here in Yoast SEO's shape (tests/audit_sitemaps.py says where it comes
from): the index's <lastmod> for a sitemap is the latest <lastmod> of its posts. Only URLs
and dates; no article text (the pages are plain, and are not republications)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

import pytest

from syndication.audit import run_audit
from syndication.audit.crawl import Progress, first_pages
from syndication.audit.records import AuditReport, Candidate

from .audit_sitemaps import HTML, TEXT_XML
from .server import LoopbackServer
from .test_audit import FETCH

INDEX = "/sitemap_index.xml"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    s = LoopbackServer().start()
    try:
        yield s
    finally:
        s.stop()


def stamp(n: int, *, date_only: bool = False) -> str:
    """The n-th instant of the site's history, an hour apart (a date alone: its day)."""
    day, hour = divmod(n, 24)
    date = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}"
    return date if date_only else f"{date}T{hour:02d}:00:00+00:00"


def urlset(base: str, posts: Sequence[tuple[str, str | None]]) -> str:
    items = "".join(f"<url><loc>{base}{path}</loc>"
                    + (f"<lastmod>{when}</lastmod>" if when else "") + "</url>"
                    for path, when in posts)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>{items}</urlset>'


def index(base: str, sitemaps: Sequence[tuple[str, str | None]]) -> str:
    items = "".join(f"<sitemap><loc>{base}{path}</loc>"
                    + (f"<lastmod>{when}</lastmod>" if when else "") + "</sitemap>"
                    for path, when in sitemaps)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {NS}>{items}</sitemapindex>'


def serve_posts(server: LoopbackServer, paths: Sequence[str]) -> None:
    for path in paths:
        server.serve(path, f"<!DOCTYPE html><html><body><h1>{path}</h1><p>Local news.</p>"
                     "</body></html>", content_type=HTML)


def yoast(server: LoopbackServer, sitemaps: int, per: int, *, newest_first: bool = False,
          date_only: bool = False) -> list[str]:
    """An index of ``sitemaps`` post sitemaps of ``per`` posts each, the oldest posts in the
    first (Yoast's order; ``newest_first``: the index lists them the other way round), each
    sitemap's <lastmod> its newest post's. Returns the posts' paths, oldest first."""
    base = server.base
    listed, paths = [], []
    for s in range(sitemaps):
        posts = [(f"/{s}/{k}/", stamp(s * per + k, date_only=date_only)) for k in range(per)]
        name = f"/post-sitemap{s + 1 if s else ''}.xml"
        server.serve(name, urlset(base, posts), content_type=TEXT_XML)
        listed.append((name, posts[-1][1]))
        paths += [p for p, _when in posts]
    server.serve(INDEX, index(base, listed[::-1] if newest_first else listed),
                 content_type=TEXT_XML)
    serve_posts(server, paths)
    return paths


def audit(server: LoopbackServer, max_pages: int, progress: Progress | None = None
          ) -> AuditReport:
    return run_audit([server.url(INDEX)], fetch_config=FETCH,
                     conversation_url="http://127.0.0.1:9/", max_pages=max_pages,
                     progress=progress)


def sitemaps_asked(server: LoopbackServer) -> list[str]:
    return [r.path for r in server.requests if r.path.endswith(".xml")]


def pages_asked(server: LoopbackServer) -> set[str]:
    return {r.path for r in server.requests if r.path.endswith("/")}


def test_a_capped_audit_reads_only_the_newest_sitemaps_and_says_so(
        server: LoopbackServer) -> None:
    paths = yoast(server, sitemaps=12, per=10)
    report = audit(server, max_pages=25)
    # 25 pages: the newest ten sitemaps' worth is in the last three; the ninth is older
    assert sitemaps_asked(server) == [INDEX, "/post-sitemap12.xml", "/post-sitemap11.xml",
                                      "/post-sitemap10.xml"]
    assert pages_asked(server) == set(paths[-25:])
    (source,) = report.sources
    assert source.notes == ("9 sitemaps not read: older, by the index's <lastmod>, than the "
                            "25 most recent pages found (--max-pages 25)",)
    assert (report.named, report.max_pages) == (30, 25)


def test_the_progress_bar_shows_each_sitemap_before_the_pages(server: LoopbackServer) -> None:
    """Reading a big site's sitemaps takes minutes at its pace: the progress bar (tqdm, on a
    terminal) is told of each one, with how many are still listed, before the pages."""
    yoast(server, sitemaps=12, per=10)
    told: list[tuple[int, int, str]] = []
    audit(server, max_pages=25, progress=lambda done, total, what: told.append(
        (done, total, what)))
    sitemaps = [t for t in told if t[2].startswith("sitemap ")]
    assert sitemaps == [(0, 12, f"sitemap {server.url('/post-sitemap12.xml')}"),
                        (1, 12, f"sitemap {server.url('/post-sitemap11.xml')}"),
                        (2, 12, f"sitemap {server.url('/post-sitemap10.xml')}")]
    assert told[:3] == sitemaps  # before any page
    assert len(told) > 3


@pytest.mark.parametrize("newest_first", [False, True])
def test_the_pages_audited_are_those_a_full_read_would_choose(
        server: LoopbackServer, newest_first: bool) -> None:
    paths = yoast(server, sitemaps=6, per=7, newest_first=newest_first)
    audit(server, max_pages=10)
    assert len(sitemaps_asked(server)) == 1 + 2
    assert pages_asked(server) == set(paths[-10:])


def test_without_a_cap_every_sitemap_is_read_in_the_index_s_order(
        server: LoopbackServer) -> None:
    paths = yoast(server, sitemaps=4, per=3)
    report = audit(server, max_pages=0)
    assert sitemaps_asked(server) == [INDEX, "/post-sitemap.xml", "/post-sitemap2.xml",
                                      "/post-sitemap3.xml", "/post-sitemap4.xml"]
    assert pages_asked(server) == set(paths)
    assert report.sources[0].notes == ()


def test_a_date_alone_bounds_nothing_before_that_day_is_over(server: LoopbackServer) -> None:
    """A sitemap dated "2025-01-02" may list a post of 23:00 that day: it is read while the
    most recent pages found are of that day, though later than its midnight."""
    base = server.base
    older = [(f"/a/{k}/", f"2025-01-02T{20 + k}:00:00+00:00") for k in range(3)]  # 20h-22h
    newer = [(f"/b/{k}/", f"2025-01-02T{10 + k}:00:00+00:00") for k in range(2)]  # 10h, 11h
    server.serve("/a.xml", urlset(base, older), content_type=TEXT_XML)
    server.serve("/b.xml", urlset(base, newer), content_type=TEXT_XML)
    # /b.xml is dated with a time, later than /a.xml's midnight: it is read first
    server.serve(INDEX, index(base, [("/a.xml", "2025-01-02"),
                                     ("/b.xml", "2025-01-02T11:00:00+00:00")]),
                 content_type=TEXT_XML)
    serve_posts(server, [p for p, _w in older + newer])
    audit(server, max_pages=2)
    assert sitemaps_asked(server) == [INDEX, "/b.xml", "/a.xml"]
    assert pages_asked(server) == {"/a/1/", "/a/2/"}  # the two latest, in the one dated a day


def test_a_sitemap_without_lastmod_is_always_read_first(server: LoopbackServer) -> None:
    """A news sitemap the index gives no date, beside dated post sitemaps: nothing says how
    old its pages are, so it is read, and before the dated ones (what it holds may be the
    newest, which lets more of the others go unread)."""
    base = server.base
    paths = yoast(server, sitemaps=5, per=4)
    news = [(f"/news/{k}/", stamp(500 + k)) for k in range(4)]
    server.serve("/news-sitemap.xml", urlset(base, news), content_type=TEXT_XML)
    serve_posts(server, [p for p, _w in news])
    listed = [(f"/post-sitemap{s + 1 if s else ''}.xml", stamp(s * 4 + 3)) for s in range(5)]
    server.serve(INDEX, index(base, [*listed, ("/news-sitemap.xml", None)]),
                 content_type=TEXT_XML)
    report = audit(server, max_pages=4)
    assert sitemaps_asked(server) == [INDEX, "/news-sitemap.xml"]
    assert pages_asked(server) == {p for p, _w in news}
    assert report.sources[0].notes[0].startswith("5 sitemaps not read")
    assert paths  # the posts are served: a wrong choice would have asked for them


def test_a_nested_index_is_bounded_by_its_own_lastmod(server: LoopbackServer) -> None:
    """An index listing indexes (sitemaps.org forbids it; sites do it): an older sub-index
    is not read at all, its sitemaps with it."""
    base = server.base
    for year, start in ((2023, 0), (2024, 100)):
        posts = [(f"/{year}/{k}/", stamp(start + k)) for k in range(5)]
        server.serve(f"/{year}-posts.xml", urlset(base, posts), content_type=TEXT_XML)
        server.serve(f"/{year}.xml", index(base, [(f"/{year}-posts.xml", posts[-1][1])]),
                     content_type=TEXT_XML)
        serve_posts(server, [p for p, _w in posts])
    server.serve(INDEX, index(base, [("/2023.xml", stamp(4)), ("/2024.xml", stamp(104))]),
                 content_type=TEXT_XML)
    audit(server, max_pages=5)
    assert sitemaps_asked(server) == [INDEX, "/2024.xml", "/2024-posts.xml"]
    assert pages_asked(server) == {f"/2024/{k}/" for k in range(5)}


def test_random_indexes_choose_what_reading_everything_chooses(
        server: LoopbackServer) -> None:
    """Indexes in any order, sitemaps of any size (empty too), some dates missing (on
    sitemaps and on pages), dates alone or with a time: the capped audit asks for the pages
    first_pages chooses from every sitemap's pages, and for no more sitemaps than there are."""
    rng = random.Random(20261208)  # noqa: S311 -- a fixed seed: the same sites every run
    base = server.base
    unread = 0
    for trial in range(25):
        server.requests.clear()
        server.routes.clear()
        sitemaps: list[tuple[tuple[str, str | None], list[tuple[str, str | None]]]] = []
        for s in range(rng.randint(1, 8)):
            posts: list[tuple[str, str | None]] = [
                (f"/t{trial}/{s}-{k}/", None if rng.random() < 0.1 else
                 stamp(rng.randint(0, 300), date_only=rng.random() < 0.2))
                for k in range(rng.randint(0, 6))]
            name = f"/t{trial}-s{s}.xml"
            server.serve(name, urlset(base, posts), content_type=TEXT_XML)
            serve_posts(server, [p for p, _w in posts])
            # the sitemap's <lastmod>: its latest post's (a date alone, if that is how the
            # latest day was written), or none
            dated = [w for _p, w in posts if w]
            latest = max(dated, key=lambda w: (w[:10], w)) if dated else None
            sitemaps.append(((name, None if rng.random() < 0.15 else latest), posts))
        rng.shuffle(sitemaps)
        server.serve(INDEX, index(base, [ref for ref, _posts in sitemaps]),
                     content_type=TEXT_XML)
        cap = rng.randint(1, 12)
        audit(server, max_pages=cap)
        every = [Candidate(url=f"{base}{p}", source=f"{base}{ref[0]}", lastmod=w)
                 for ref, posts in sitemaps for p, w in posts]
        chosen = {c.url[len(base):] for c in first_pages(every, cap)}
        assert pages_asked(server) == chosen, (trial, cap)
        assert len(sitemaps_asked(server)) <= 1 + len(sitemaps)
        unread += 1 + len(sitemaps) - len(sitemaps_asked(server))
    assert unread > 10  # the trials do leave sitemaps unread: the choice is tested
