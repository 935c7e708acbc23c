"""A site given by its address (``syndication audit https://news.example.org``): what lists
its pages, found in this order (README.md#auditing-a-whole-site): the sitemaps its
robots.txt names, else a sitemap at the usual places, else the feeds its home page
declares, else its home page's links to pages of the site. What a home page declares or
links is read here, purely; discover() asks for documents through the audit's polite
fetching (crawl.Hosts) and a reader of listings it is handed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lxml.etree import _Element

from ..compliance.command import ACCEPT_PAGE
from ..compliance.encoding import decode
from ..compliance.htmltext import parse_page
from ..errors import DocumentCut, FetchError, InputError, ParseError
from ..models import Fetched
from ..urls import host_of, is_web_url, joined, origin_of, schemeless_url, url_parts
from .records import Candidate, Discovery, Listing

if TYPE_CHECKING:
    from .crawl import Hosts

# How the pages were found, in the order tried (Discovery.way).
ROBOTS = "the sitemaps robots.txt names"
USUAL = "a sitemap at a usual place"
FEEDS = "the feeds the home page declares"
LINKS = "the home page's links"
WAYS = (ROBOTS, USUAL, FEEDS, LINKS)
# Where sites keep their sitemap when robots.txt names none, in the order tried: Yoast SEO's
# index; the one of Rank Math, Squarespace, Ghost, Wix, Drupal's simple_sitemap and many
# more (Yoast redirects it to its index); WordPress core's own since 5.5.
USUAL_SITEMAPS = ("/sitemap_index.xml", "/sitemap.xml", "/wp-sitemap.xml")
SITEMAP_KINDS = frozenset({"sitemap", "sitemap index"})
FEED_KINDS = frozenset({"rss", "atom"})
# A home page may declare a feed per category or language: no more than these are read.
MAX_FEEDS = 3
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})
# Links of a home page that are no article: files by their suffix, and the CMS's own paths
# (WordPress's login, admin, feeds, archive pages and pagination, Ghost's tag and author
# pages, Drupal's taxonomy terms and user pages).
_NOT_A_PAGE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|ico|pdf|zip|gz|mp3|mp4|m4a|webm|mov|css|js|json|xml|"
    r"txt|rss|atom|docx?|xlsx?|pptx?)$"
    r"|/(?:wp-admin|wp-login\.php|wp-json|xmlrpc\.php|feed|comments|category|tag|tags|"
    r"author|page|search|taxonomy|user|login|cart|account)(?:/|$)", re.I)


def is_site_home(source: str) -> bool:
    """Whether a SOURCE is a site's address: an http(s) URL whose path is empty or "/",
    with no query (``https://news.example.org``, ``…/``). A fragment does not count."""
    if not is_web_url(source):
        return False
    parts = url_parts(source)
    return parts.path in ("", "/") and not parts.query


def bare_host_hint(source: str) -> str | None:
    """For a SOURCE such as ``news.example.org`` (no scheme, not a file): what to type
    instead. The scheme is not guessed: http and https may be different sites, and a site
    that answers both is audited once, at the address its owner gives."""
    url = schemeless_url(source)
    if url is None:
        return None
    if url_parts(url).path in ("", "/"):
        url = url.rstrip("/") + "/"
    return f"no such file; to audit the site at that address, give its URL: {url}"


def home_feeds(html: str, base: str) -> tuple[str, ...]:
    """The feeds a home page declares (``<link rel="alternate"
    type="application/rss+xml|application/atom+xml" href>``) on its own site, in its order,
    comment feeds left out (WordPress declares /comments/feed/ beside /feed/)."""
    root = _parse(html)
    if root is None:
        return ()
    base = _base(root, base)
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        media = (link.get("type") or "").split(";")[0].strip().lower()
        url = joined(base, link.get("href") or "")
        if "alternate" not in rels or media not in _FEED_TYPES or url is None or \
                not is_web_url(url):
            continue
        if _same_site(url, base) and "comments" not in url_parts(url).path.lower():
            found[url.split("#", 1)[0]] = None
    return tuple(found)[:MAX_FEEDS]


def home_links(html: str, base: str, limit: int) -> tuple[str, ...]:
    """The pages of its own site a home page links to (one level: their links are not
    followed), in the page's order, each once, without fragments; the home itself, files,
    feeds, archive and admin pages left out. At most ``limit`` (0: every one)."""
    root = _parse(html)
    if root is None:
        return ()
    base = _base(root, base)
    home = _key(base)
    found: dict[str, None] = {}
    for a in root.iter("a"):
        url = joined(base, a.get("href") or "")
        if url is None or not is_web_url(url) or not _same_site(url, base):
            continue
        url = url.split("#", 1)[0]
        parts = url_parts(url)
        if _key(url) == home or parts.path in ("", "/") or _NOT_A_PAGE.search(parts.path):
            continue
        if parts.query:  # ?p=1, ?replytocom=, ?share=: the same posts again, or actions
            continue
        found[url] = None
        if limit and len(found) >= limit:
            break
    return tuple(found)


def discover(
    home: str, hosts: Hosts, read: Callable[[str], list[Listing]], *, limit: int,
) -> tuple[Discovery, list[Listing]]:
    """How ``home`` lists its pages, and those listings. ``read`` reads one listing's URL
    (a sitemap index followed to its sitemaps), raising FetchError or ParseError. Never
    raises: what was tried and gave nothing is in Discovery.tried, one line each."""
    tried: list[str] = []
    page: Fetched | None = None
    home = home.split("#", 1)[0]
    if not url_parts(home).path:
        home += "/"  # as a sitemap lists it: the home page is asked once
    try:
        page = hosts.get(home, accept=ACCEPT_PAGE, keep=True).result()
    except FetchError as e:
        tried.append(f"the home page could not be read: {e}")
    site = page.final_url if page is not None else home
    if page is not None and site != home:
        hosts.keep(site, page)  # a sitemap listing the home page as redirected: not asked again
    origin = origin_of(site)
    asked: set[str] = set()
    used: list[str] = []  # the listings taken (a sitemap index, not its sitemaps)

    def take(urls: Sequence[str], kinds: frozenset[str], *, every: bool) -> list[Listing]:
        """The listings of ``urls`` that are of ``kinds`` and name pages: all of them, or
        the first (``every`` False)."""
        out: list[Listing] = []
        for url in urls:
            if url in asked:
                continue
            asked.add(url)
            try:
                listings = read(url)
            except (FetchError, ParseError, InputError) as e:
                tried.append(str(e))
                continue
            what = listings[0].kind
            if what not in kinds:
                tried.append(f"{url}: {_not_of(what, kinds)}")
                continue
            if not any(listing.candidates for listing in listings):
                tried.append(f"{url}: a {what} that names no page")
                continue
            out += listings
            used.append(url)
            if not every:
                break
        return out

    # 1. robots.txt's Sitemap: lines (a feed too: search engines take one there)
    try:
        named = hosts.sitemaps(site).result()
    except FetchError as e:
        named = ()
        tried.append(str(e))
    else:
        if not named:
            tried.append(f"{origin}/robots.txt names no sitemap")
    found = take(named, SITEMAP_KINDS | FEED_KINDS, every=True)
    if found:
        return Discovery(home, site, ROBOTS, tuple(used), tuple(tried)), found
    # 2. the usual places, the first that answers with a sitemap
    found = take([origin + path for path in USUAL_SITEMAPS], SITEMAP_KINDS, every=False)
    if found:
        return Discovery(home, site, USUAL, tuple(used), tuple(tried)), found
    if page is None:
        return Discovery(home, site, "", (), tuple(tried)), []
    # 3. the feeds the home page declares, 4. else its links
    html = decode(page.body, page.content_type)
    feeds = home_feeds(html, page.final_url)
    if not feeds:
        tried.append("the home page declares no feed")
    found = take(feeds, FEED_KINDS, every=True)
    if found:
        return Discovery(home, site, FEEDS, tuple(used), tuple(tried)), found
    links = home_links(html, page.final_url, limit)
    if not links:
        tried.append("the home page links to no page of the site")
        return Discovery(home, site, "", (), tuple(tried)), []
    listing = Listing(site, "home page links",
                      tuple(Candidate(url=u, source=site) for u in links))
    return Discovery(home, site, LINKS, (site,), tuple(tried)), [listing]


def _not_of(kind: str, kinds: frozenset[str]) -> str:
    wanted = "a sitemap" if kinds <= SITEMAP_KINDS else (
        "a feed" if kinds <= FEED_KINDS else "a sitemap or a feed")
    if kind == "page":  # a theme's "not found" page, answered with 200 (a soft 404)
        return f"an HTML page, not {wanted}"
    what = {"rss": "an RSS feed", "atom": "an Atom feed", "sitemap index": "a sitemap index",
            "sitemap": "a sitemap"}.get(kind, kind)
    return f"{what}, not {wanted}"


def _parse(html: str) -> _Element | None:
    try:
        return parse_page(html, partial=True)
    except (DocumentCut, ValueError):
        return None


def _base(root: _Element, url: str) -> str:
    """The URL a page's links are read against: its <base href>, else its own."""
    for base in root.iter("base"):
        href = joined(url, base.get("href") or "")
        if href and is_web_url(href):
            return href
        break
    return url


def _same_site(url: str, base: str) -> bool:
    """Same host (or its www. twin, as crawl.Hosts lets one site's fetcher go) and port;
    http and https are one site."""
    return bool(host_of(url)) and _site(url) == _site(base)


def _site(url: str) -> str:
    try:
        port = url_parts(url).port
    except ValueError:  # a port out of range: no site
        return ""
    return f"{host_of(url).removeprefix('www.')}:{port or ''}"


def _key(url: str) -> str:
    return _site(url) + url_parts(url).path.rstrip("/")
