"""`syndication audit https://news.example.org`: a site given by its address is discovered
(syndication/audit/discover.py): robots.txt's sitemaps, else the usual places, else the
home page's feeds, else its links; on loopback servers in the shapes of Yoast SEO,
WordPress core, Rank Math and a static site (tests/audit_sitemaps.py), asserting on the
servers' request logs what was fetched, in what order, each URL once, robots.txt obeyed."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from syndication.audit import run_audit
from syndication.audit.crawl import MAX_PAGES, first_pages
from syndication.audit.discover import (
    FEEDS,
    LINKS,
    ROBOTS,
    USUAL,
    bare_host_hint,
    home_feeds,
    home_links,
    is_site_home,
)
from syndication.audit.output import json_lines, table
from syndication.audit.records import AuditReport, Candidate
from syndication.audit.report import render_html
from syndication.audit.sources import is_archive_sitemap, read_listing
from syndication.models import Article
from syndication.utc import now

from .audit_site import Site, build_site, originals, serve_conversation
from .audit_sitemaps import (
    ARCHIVE_PATHS,
    HTML,
    RANK_MATH,
    gzipped_sitemap,
    home_page,
    news_sitemap,
    serve_wp_core,
    serve_yoast,
)
from .server import LoopbackServer
from .test_audit import FETCH, cli, config  # noqa: F401 (config: a fixture)

RSS = "application/rss+xml"


@dataclass
class Web:
    site: Site
    rep: LoopbackServer
    tc: LoopbackServer

    @property
    def articles(self) -> list[str]:
        """Paths of the posts that republish an article (robots.txt lets the audit read)."""
        return [p.path for p in self.site.posts if p.expect not in ("skip", "robots")]

    @property
    def own(self) -> list[str]:
        return [p.path for p in self.site.posts if p.expect == "skip"]

    def expected(self) -> set[str]:
        return {self.rep.url(p) for p in self.articles}

    def paths(self) -> list[str]:
        return [r.path for r in self.rep.requests]

    def audit(self, *sources: str, **kwargs: object) -> AuditReport:
        return run_audit(list(sources), fetch_config=FETCH, conversation_url=self.tc.base,
                         **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def articles() -> dict[int, Article]:
    return originals()


@pytest.fixture
def web(articles: dict[int, Article]) -> Iterator[Web]:
    """The republisher's posts, and nothing else: no robots.txt, sitemap, feed or home page
    until a test serves the CMS's shape."""
    rep, tc = LoopbackServer().start(), LoopbackServer().start()
    try:
        site = build_site(articles)
        site.serve(rep)
        for path in ("/robots.txt", "/feed/", "/sitemap_index.xml", "/post-sitemap.xml",
                     "/page-sitemap.xml"):
            rep.routes.pop(path)
        serve_conversation(tc, articles)
        yield Web(site, rep, tc)
    finally:
        rep.stop()
        tc.stop()


def once_each(web: Web) -> None:
    counts = Counter(web.paths())
    assert all(n == 1 for n in counts.values()), [p for p, n in counts.items() if n > 1]


def judged(report: AuditReport) -> set[str]:
    return {p.url for p in report.pages}


# --- Yoast SEO, WordPress core, Rank Math, a static site ------------------------------------


def test_yoast_robots_txt_names_the_index_archive_sitemaps_are_not_read(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, [*web.articles, "/private/draft/"], ["/", *web.own])
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    (source,) = report.sources
    assert source.kind == "site" and source.discovery is not None
    assert source.discovery.way == ROBOTS
    assert source.discovery.used == (web.rep.url("/sitemap_index.xml"),)
    assert source.notes == ("3 sitemaps of archive pages (categories, tags, authors) not read: "
                            "category-sitemap.xml, post_tag-sitemap.xml, author-sitemap.xml",)
    paths = web.paths()
    # the home page first (where it redirects is the site), then robots.txt's sitemap,
    # then its sitemaps newest first by the index's <lastmod> (page-sitemap.xml's is later)
    assert paths[:5] == ["/robots.txt", "/", "/sitemap_index.xml", "/page-sitemap.xml",
                         "/post-sitemap.xml"]
    assert not {"/sitemap.xml", "/wp-sitemap.xml", "/category-sitemap.xml",
                "/post_tag-sitemap.xml", "/author-sitemap.xml", *ARCHIVE_PATHS} & set(paths)
    assert "/private/draft/" not in paths  # robots.txt keeps it out, and says so
    assert report.unreadable[0][0] == web.rep.url("/private/draft/")
    once_each(web)  # the home page, listed first in page-sitemap.xml, is not asked again
    out = "\n".join(table(report))
    assert f"{web.rep.base}: {len(web.articles) + len(web.own) + 2} pages found from the " \
           "sitemaps robots.txt names: " in out


def test_wordpress_core_wp_sitemap_named_by_its_virtual_robots_txt(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_wp_core(web.rep, web.articles, web.own)
    report = web.audit(web.rep.url("/"))
    assert judged(report) == web.expected()
    assert report.sources[0].discovery is not None
    assert report.sources[0].discovery.used == (web.rep.url("/wp-sitemap.xml"),)
    paths = web.paths()
    assert paths[:5] == ["/robots.txt", "/", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml",
                         "/wp-sitemap-posts-page-1.xml"]
    assert "/wp-sitemap-taxonomies-category-1.xml" not in paths
    assert "/wp-sitemap-users-1.xml" not in paths
    once_each(web)


def test_usual_places_in_order_past_a_404_and_a_soft_404_theme_page(web: Web) -> None:
    """robots.txt names no sitemap (the owner's own file): /sitemap_index.xml is not found,
    /sitemap.xml answers 200 with the theme's "not found" page, /wp-sitemap.xml is core's."""
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_wp_core(web.rep, web.articles, web.own, robots=False)
    web.rep.serve("/sitemap.xml", "<!DOCTYPE html><html><head><title>Page not found</title>"
                  "</head><body><h1>Oops! That page can&rsquo;t be found.</h1></body></html>",
                  content_type=HTML)
    report = web.audit(web.rep.base + "/")
    assert judged(report) == web.expected()
    d = report.sources[0].discovery
    assert d is not None and d.way == USUAL
    assert d.tried == (
        f"{web.rep.base}/robots.txt names no sitemap",
        f"{web.rep.base}/sitemap_index.xml: HTTP 404",
        f"{web.rep.base}/sitemap.xml: an HTML page, not a sitemap")
    assert web.paths()[:6] == ["/robots.txt", "/", "/sitemap_index.xml", "/sitemap.xml",
                               "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml"]
    once_each(web)


def test_rank_math_index_at_the_usual_place_with_a_news_sitemap(web: Web) -> None:
    """Rank Math's index found at /sitemap_index.xml (robots.txt names none), with its
    news-sitemap.xml (news:news); /sitemap.xml and /wp-sitemap.xml are never asked."""
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles[:3], web.own, robots=False, generator=RANK_MATH)
    index = web.rep.routes["/sitemap_index.xml"].body.decode()
    news = f"\t<sitemap>\n\t\t<loc>{web.rep.base}/news-sitemap.xml</loc>\n\t</sitemap>\n"
    web.rep.serve("/sitemap_index.xml", index.replace("</sitemapindex>",
                                                      news + "</sitemapindex>"),
                  content_type="text/xml; charset=UTF-8")
    titles = [p.title for p in web.site.posts if p.path in web.articles[3:]]
    web.rep.serve("/news-sitemap.xml", news_sitemap(web.rep.base, web.articles[3:], titles),
                  content_type="text/xml; charset=UTF-8")
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    assert "/sitemap.xml" not in web.paths() and "/wp-sitemap.xml" not in web.paths()
    assert "/news-sitemap.xml" in web.paths()
    once_each(web)


def test_a_gzipped_sitemap_named_in_robots_txt(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    web.rep.serve("/robots.txt", f"User-agent: *\nDisallow: /private/\n\nSitemap: "
                  f"{web.rep.base}/sitemap.xml.gz\n", content_type="text/plain")
    web.rep.serve("/sitemap.xml.gz", gzipped_sitemap(web.rep.base, web.articles),
                  content_type="application/x-gzip")
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    assert web.paths()[:3] == ["/robots.txt", "/", "/sitemap.xml.gz"]
    once_each(web)


# --- robots.txt, broken and hostile sitemaps ------------------------------------------------


def test_robots_txt_disallowing_a_usual_sitemap_is_obeyed_and_said(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles, web.own, robots=False)
    web.rep.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n"
                  "Disallow: /sitemap_index.xml\n", content_type="text/plain")
    web.rep.serve("/sitemap.xml", web.rep.routes["/post-sitemap.xml"].body,
                  content_type="text/xml")
    report = web.audit(web.rep.base)
    assert "/sitemap_index.xml" not in web.paths()
    d = report.sources[0].discovery
    assert d is not None and d.used == (web.rep.url("/sitemap.xml"),)
    assert "robots.txt does not allow" in d.tried[1] and "sitemap_index.xml" in d.tried[1]
    assert judged(report) == web.expected()


def test_robots_txt_disallowing_everything_leaves_the_site_alone(web: Web) -> None:
    """Disallow: / with a Sitemap line (a site closed to crawlers that still names its
    sitemap): not even the sitemap is read; each refusal is said."""
    web.rep.serve("/", home_page(links=web.articles), content_type=HTML)
    serve_yoast(web.rep, web.articles, web.own)
    web.rep.serve("/robots.txt", f"User-agent: *\nDisallow: /\n\nSitemap: {web.rep.base}/"
                  "sitemap_index.xml\n", content_type="text/plain")
    report = web.audit(web.rep.base)
    assert web.paths() == ["/robots.txt"]
    assert report.pages == () and report.named == 0
    d = report.sources[0].discovery
    assert d is not None and d.way == ""
    assert d.tried[0].startswith("the home page could not be read: ")
    assert all("robots.txt does not allow" in line for line in d.tried), d.tried
    assert len(d.tried) == 4  # the home page, the named index, /sitemap.xml, /wp-sitemap.xml


def test_robots_txt_unreachable_is_said_and_nothing_is_fetched(web: Web) -> None:
    web.rep.serve("/", home_page(links=web.articles), content_type=HTML)
    serve_yoast(web.rep, web.articles, web.own)
    web.rep.serve("/robots.txt", "down", status=500, content_type="text/plain")
    report = web.audit(web.rep.base)
    assert set(web.paths()) == {"/robots.txt"}  # asked once (no retries in FETCH)
    d = report.sources[0].discovery
    assert d is not None and d.way == "" and report.pages == ()
    assert "robots.txt unreachable" in d.tried[1] and "HTTP 500" in d.tried[1]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url>
</urlset>"""


def test_hostile_and_malformed_sitemaps_are_one_line_each_and_discovery_goes_on(
        web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_wp_core(web.rep, web.articles, web.own, robots=False)
    web.rep.serve("/sitemap_index.xml", BOMB, content_type="application/xml")
    web.rep.serve("/sitemap.xml", '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.'
                  'org/schemas/sitemap/0.9"><url><loc>http://x/', content_type="text/xml")
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    d = report.sources[0].discovery
    assert d is not None and d.way == USUAL and d.used == (web.rep.url("/wp-sitemap.xml"),)
    assert len(d.tried) == 3
    assert d.tried[1].startswith(web.rep.url("/sitemap_index.xml"))
    assert d.tried[2].startswith(web.rep.url("/sitemap.xml"))
    assert all("\n" not in line for line in d.tried)


def test_a_sub_sitemap_that_fails_is_one_note_and_the_others_are_read(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles, ["/"])
    web.rep.routes.pop("/page-sitemap.xml")
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    assert f"{web.rep.url('/page-sitemap.xml')}: HTTP 404" in report.sources[0].notes


# --- the home page's feeds, then its links --------------------------------------------------


def test_the_feeds_the_home_page_declares_without_its_comments_feed(web: Web) -> None:
    web.site.serve(web.rep)  # the site's /feed/ (RSS 2.0, content:encoded), as WordPress's
    for path in ("/sitemap_index.xml", "/post-sitemap.xml", "/page-sitemap.xml"):
        web.rep.routes.pop(path)
    web.rep.serve("/comments/feed/", "<rss/>", content_type=RSS)
    web.rep.serve("/", home_page(feeds=[(RSS, f"{web.rep.base}/feed/"),
                                        (RSS, f"{web.rep.base}/comments/feed/")]),
                  content_type=HTML)
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    d = report.sources[0].discovery
    assert d is not None and d.way == FEEDS and d.used == (web.rep.url("/feed/"),)
    paths = web.paths()
    assert paths[:6] == ["/robots.txt", "/", "/sitemap_index.xml", "/sitemap.xml",
                         "/wp-sitemap.xml", "/feed/"]
    assert "/comments/feed/" not in paths
    once_each(web)


def test_the_home_page_links_one_level_bounded(web: Web) -> None:
    web.rep.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                  content_type="text/plain")
    links = [*web.articles, "/private/draft/"]
    noise = ('<a href="/category/science/">Science</a><a href="/wp-login.php">Log in</a>'
             '<a href="/wp-content/uploads/a.jpg">img</a><a href="https://elsewhere.example/x/">'
             f'x</a><a href="{links[0]}#comments">again</a><a href="/?s=sea">search</a>'
             '<a href="mailto:desk@example.org">mail</a>')
    web.rep.serve("/", home_page(links=links, extra=noise), content_type=HTML)
    report = web.audit(web.rep.base)
    assert judged(report) == web.expected()
    d = report.sources[0].discovery
    assert d is not None and d.way == LINKS and d.used == (web.rep.url("/"),)
    assert d.tried[-1] == "the home page declares no feed"
    pages = web.paths()[5:]
    assert sorted(pages) == sorted(web.articles)  # /private/draft/ refused by robots.txt
    assert "/category/science/" not in pages and "/wp-login.php" not in pages
    # bounded: --max-pages 2 reads only the first two links
    web.rep.requests.clear()
    small = web.audit(web.rep.base, max_pages=2)
    assert [r.path for r in web.rep.requests][-2:] == links[:2]
    assert small.named == 2
    every = web.audit(web.rep.base, max_pages=0)  # 0: no cap, every link
    assert every.named == len(links) and judged(every) == web.expected()


def test_nothing_found_says_why_in_one_line(web: Web, config: str) -> None:  # noqa: F811
    web.rep.serve("/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain")
    web.rep.serve("/", home_page(), content_type=HTML)
    done = cli("audit", web.rep.base, "--conversation-url", web.tc.base, "--config", config)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line == (
        f"syndication audit: no page found on {web.rep.base}/ ({web.rep.base}/robots.txt names "
        f"no sitemap; {web.rep.base}/sitemap_index.xml: HTTP 404; {web.rep.base}/sitemap.xml: "
        f"HTTP 404; {web.rep.base}/wp-sitemap.xml: HTTP 404; the home page declares no feed; "
        "the home page links to no page of the site)")
    assert f"{web.rep.base}: no page found" in done.stdout


def test_a_home_that_redirects_is_the_site_redirected_to(
        web: Web, articles: dict[int, Article]) -> None:
    """http→https or to www.: here another port of the same host. The site discovered is
    the one redirected to; its robots.txt is read once, though two fetchers ask it."""
    old = LoopbackServer().start()
    try:
        old.serve("/", "", status=301, headers={"Location": web.rep.base + "/"},
                  content_type=HTML)
        old.serve("/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain")
        web.rep.serve("/", home_page(), content_type=HTML)
        serve_yoast(web.rep, web.articles, ["/", *web.own])
        report = web.audit(old.base)
        d = report.sources[0].discovery
        assert d is not None and d.site == web.rep.url("/") and d.way == ROBOTS
        assert [r.path for r in old.requests] == ["/robots.txt", "/"]
        assert web.rep.requests_to("/robots.txt") and len(web.rep.requests_to("/robots.txt")) == 1
        assert judged(report) == web.expected()
        once_each(web)
        assert f"{old.base} (redirected to {web.rep.base}/)" in "\n".join(table(report))
    finally:
        old.stop()


def test_a_feed_given_too_is_not_fetched_twice(web: Web, articles: dict[int, Article]) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles, web.own)
    web.audit(web.rep.base, web.rep.url("/sitemap_index.xml"))
    once_each(web)


# --- the cap, and what the outputs say ------------------------------------------------------


def test_max_pages_reads_the_most_recent_and_says_first_n_of_m(web: Web, config: str) -> None:  # noqa: F811
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles, web.own)  # lastmod grows with the position
    done = cli("audit", web.rep.base, "--json", "--max-pages", "3", "--conversation-url",
               web.tc.base, "--config", config)
    *_pages, last = [json.loads(line) for line in done.stdout.splitlines()]
    summary = last["summary"]
    named = len(web.articles) + len(web.own)
    assert (summary["named"], summary["audited"]) == (named, 3)
    (source,) = summary["sources"]
    assert source["kind"] == "site" and source["discovered"]["way"] == ROBOTS
    assert source["discovered"]["used"] == [web.rep.url("/sitemap_index.xml")]
    asked = [r.path for r in web.rep.requests if r.path in (*web.articles, *web.own)]
    assert sorted(asked) == sorted(web.own[-2:] + web.articles[-1:])  # the newest three
    text = cli("audit", web.rep.base, "--max-pages", "3", "--conversation-url", web.tc.base,
               "--config", config).stdout
    assert f"The first 3 of {named} pages named were audited" in text


def test_the_html_report_says_where_the_pages_came_from(web: Web) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_wp_core(web.rep, web.articles, web.own, robots=False)
    report = web.audit(web.rep.base)
    html = render_html(report, generated=now(), sources=[web.rep.base])
    assert '<h2 id="sources">Where the pages came from</h2>' in html
    assert "a sitemap at a usual place" in html
    assert f"tried {web.rep.base}/sitemap_index.xml: HTTP 404" in html
    summary = json.loads(list(json_lines(report))[-1])["summary"]
    assert summary["sources"][0]["discovered"]["tried"][1].endswith("HTTP 404")


def test_a_bare_host_is_refused_with_the_url_to_type() -> None:
    done = cli("audit", "news.example.org")
    assert done.returncode == 2
    assert ("news.example.org: no such file; to audit the site at that address, give its "
            "URL: https://news.example.org/") in done.stderr


def test_the_help_states_the_default_cap() -> None:
    done = cli("audit", "--help")
    assert f"default {MAX_PAGES}" in " ".join(done.stdout.split())


# --- the pure parts -------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "home"), [
    ("https://news.example.org", True), ("https://news.example.org/", True),
    ("http://news.example.org:8080/", True), ("https://news.example.org/#top", True),
    ("https://news.example.org/?p=12", False), ("https://news.example.org/feed/", False),
    ("https://news.example.org/index.html", False), ("news.example.org", False),
    ("sitemap.xml", False), ("@urls.txt", False),
])
def test_what_is_a_site_s_address(source: str, home: bool) -> None:
    assert is_site_home(source) is home


@pytest.mark.parametrize(("source", "hinted"), [
    ("news.example.org", True), ("www.example.co.uk/", True), ("example.org:8080", True),
    ("sitemap.xml", False), ("saved.html", False), ("sitemap.xml.gz", False),
    ("saved page.html", False), ("./sitemap.xml", False), ("../lists/urls.txt", False),
])
def test_bare_host_hint(source: str, hinted: bool) -> None:
    assert (bare_host_hint(source) is not None) is hinted


@pytest.mark.parametrize(("url", "archive"), [
    ("https://x.org/category-sitemap.xml", True), ("https://x.org/post_tag-sitemap.xml", True),
    ("https://x.org/author-sitemap.xml", True), ("https://x.org/product_cat-sitemap2.xml", True),
    ("https://x.org/wp-sitemap-taxonomies-category-1.xml", True),
    ("https://x.org/wp-sitemap-users-1.xml", True), ("https://x.org/sitemap-tags.xml", True),
    ("https://x.org/sitemap-authors.xml", True),
    ("https://x.org/post-sitemap.xml", False), ("https://x.org/page-sitemap3.xml", False),
    ("https://x.org/wp-sitemap-posts-post-1.xml", False), ("https://x.org/news-sitemap.xml",
                                                           False),
    ("https://x.org/sitemap-posts.xml", False), ("https://x.org/category/sitemap.xml", False),
])
def test_archive_sitemaps_by_name(url: str, archive: bool) -> None:
    assert is_archive_sitemap(url) is archive


def test_home_feeds_and_links() -> None:
    base = "https://news.example.org/"
    html = home_page(feeds=[(RSS, "/feed/"), ("application/atom+xml", "/feed/atom/"),
                            (RSS, "/comments/feed/"), (RSS, "https://other.example/feed/"),
                            ("application/json", "/wp-json/")],
                     links=["/2025/a/", "https://www.news.example.org/2025/b/", "/2025/a/#x",
                            "/", "https://news.example.org", "/page/2/", "/tag/sea/",
                            "/file.pdf", "/2025/c/?share=x", "http://news.example.org/2025/d/"])
    assert home_feeds(html, base) == ("https://news.example.org/feed/",
                                      "https://news.example.org/feed/atom/")
    assert home_links(html, base, 10) == (
        "https://news.example.org/2025/a/", "https://www.news.example.org/2025/b/",
        "http://news.example.org/2025/d/")
    assert home_links(html, base, 1) == ("https://news.example.org/2025/a/",)
    based = '<html><head><base href="/en/"></head><body><a href="2025/e/">e</a></body></html>'
    assert home_links(based, base, 5) == ("https://news.example.org/en/2025/e/",)


def test_sitemap_extensions_are_not_pages_and_lastmod_is_kept() -> None:
    base = "https://news.example.org"
    data = gzipped_sitemap(base, ["/a/", "/b/"])
    listing = read_listing(data, f"{base}/sitemap.xml.gz", "application/x-gzip")
    assert [(c.url, c.lastmod) for c in listing.candidates] == [
        (f"{base}/a/", "2025-01-01"), (f"{base}/b/", "2025-02-02")]
    news = read_listing(news_sitemap(base, ["/n/"], ["A title"]).encode(), f"{base}/news.xml",
                        "text/xml")
    assert [c.url for c in news.candidates] == [f"{base}/n/"]


def test_first_pages_keeps_the_newest_in_their_order() -> None:
    c = [Candidate("u0", "s", lastmod="2025-01-01"), Candidate("u1", "s"),
         Candidate("u2", "s", lastmod="2025-03-01T10:00:00+02:00"),
         Candidate("u3", "s", lastmod="2025-03-01T09:00:00Z"), Candidate("u4", "s")]
    assert [x.url for x in first_pages(c, 2)] == ["u2", "u3"]
    assert [x.url for x in first_pages(c, 4)] == ["u0", "u1", "u2", "u3"]
    assert first_pages(c, 0) == c and first_pages(c, 5) == c
    assert re.fullmatch(r"\d+", str(MAX_PAGES))


def test_a_second_audit_with_state_discovers_again_with_conditional_gets(
        web: Web, tmp_path: Path) -> None:
    web.rep.serve("/", home_page(), content_type=HTML)
    serve_yoast(web.rep, web.articles, ["/", *web.own])
    state = tmp_path / "audit.sqlite3"
    first = web.audit(web.rep.base, state=state)
    web.rep.requests.clear()
    second = web.audit(web.rep.base, state=state)
    assert judged(second) == judged(first) == web.expected()
    assert all(p.reused for p in second.pages)
    assert second.sources[0].discovery == first.sources[0].discovery
    once_each(web)
    assert "/robots.txt" not in web.paths()  # the stored copy, under a day old
    assert all("if-none-match" in r.headers for r in web.rep.requests)
