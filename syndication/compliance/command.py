"""The ``syndication check`` command as a library call: read a republished page and its
original (files, or URLs through fetch.py), find which article the page republishes (its
link to the original, its counter) or, among a feed's entries, which one its text carries,
and judge it with check_page. The judging is pure (rules.py); this module gathers the
documents and decides which article is meant."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from lxml.etree import _Element

from ..articlepage import parse_article_page
from ..config import FetchConfig
from ..conversation import (
    TC_HOME,
    TC_URL_IN_TEXT,
    is_tc_home,
    is_tc_host,
    is_tc_site_name,
    tc_article_id,
)
from ..errors import (
    DocumentCut,
    FetchError,
    HTTPStatusError,
    InputError,
    ParseError,
    ResponseTooLargeError,
)
from ..lazyre import lazy_compile
from ..models import Article, Fetched, Verdict
from ..source import looks_like_atom, parse_feed
from ..urls import full_origin, host_of, is_web_url, schemeless_url, url_parts
from .compare import align
from .content import iter_counters
from .encoding import decode, not_text, saved_page
from .htmltext import looks_like_html, parse_fragment, parse_page, parse_page_cut
from .original import Original, prepare
from .page import Page, block_of, read
from .rules import LOCATED, check_page, check_read_page, not_checkable
from .scripted import data_strings

if TYPE_CHECKING:
    from ..fetch import Fetcher

ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"
ACCEPT_SOURCE = ("application/atom+xml, text/html;q=0.9, application/xml;q=0.8, "
                 "*/*;q=0.1")
PLAIN_SUFFIXES = (".txt", ".text", ".md")
#: What to do when the page's site refuses check's request, by status: a login wall, or a
#: bot check (Cloudflare, Akamai, DataDome… answer automated readers 403, 429 or 503 with a
#: challenge page a browser passes).
_SAVE_IT = "save the page from a browser and check the file (syndication check page.html)"
REFUSED_PAGE = {
    401: f"the page needs a login: {_SAVE_IT}",
    403: f"the site refuses automated readers, as a bot check does: {_SAVE_IT}",
    429: f"the site refuses automated readers, as a bot check does: {_SAVE_IT}",
    503: f"the site may refuse automated readers, as a bot check does: {_SAVE_IT}",
}
#: PAGE or --original read from standard input, and its name in messages.
STDIN, STDIN_NAME = "-", "standard input"


class PageCheck(NamedTuple):
    """What ``syndication check`` found about one page."""

    page: str  # the URL or file judged
    plain: bool  # judged as plain text
    article: "ArticleRef | None"  # the article id as the page gives it
    original: str | None  # where the original was read, None with --no-original
    verdict: Verdict


class Document(NamedTuple):
    where: str  # the URL or path, for messages
    data: bytes  # as read: an Atom feed is parsed from its bytes (its XML declaration)
    text: str  # decoded
    content_type: str | None
    policy: str | None = None  # a page's Content-Security-Policy header, when fetched


def check_republication(
    page: str,
    *,
    original: str | None = None,
    use_original: bool = True,
    fetch_config: FetchConfig,
    conversation_url: str = TC_HOME,
) -> PageCheck:
    """Judge ``page`` (a URL or a file: HTML, or plain text judged as text only).

    ``original`` is a URL or file holding the original: an Atom feed with the entry, or an
    article page. Without it the article id is read from the page (its link to the original
    or its counter) and the article page is fetched from ``conversation_url``. With
    ``use_original=False`` the rules that need the original are reported as not checked.
    Raises InputError or FetchError (one line each) when a document cannot be had.
    """
    if is_web_url(page) and is_tc_host(host_of(page)):
        raise InputError(_tc_own_page(page))
    if page == STDIN and original == STDIN:
        raise InputError("the page and the original cannot both be read from standard input: "
                         "give one of them as a file or a URL")
    name = STDIN_NAME if page == STDIN else page  # what messages call the page
    urls = [u for u in (page, original, conversation_url) if u and is_web_url(u)]
    hosts = frozenset(h for h in map(host_of, urls) if h)
    with _Fetcher(fetch_config, hosts, urls) as fetcher:
        try:
            doc = _read(page, fetcher, ACCEPT_PAGE)
        except HTTPStatusError as e:
            if e.status in REFUSED_PAGE:
                raise InputError(f"{e}: {REFUSED_PAGE[e.status]}") from e
            raise
        listing = _listing_kind(doc.text)
        if listing is not None:
            advice = _AUDIT_IT[listing].replace("{page}", page)
            raise InputError(f"{name}: {listing}, not a page: {advice}")
        plain = _is_plain(doc)
        reading = _Reading(doc.text)
        ref = find_article_id_in_text(doc.text) if plain else _page_article_id(reading.parsed()[0])
        source: Article | None = None
        prepared: Original | None = None  # source, prepared when choosing it
        where: str | None = None
        cut: DocumentCut | None = None  # the parser cut the page: not checkable
        if not use_original:
            if ref is None and (cut := _cut(reading, plain)) is None:
                raise InputError(f"{name}: no article of The Conversation found in it (no page "
                                 "counter, no link to an article)")
        elif original is not None:
            where = original
            try:
                source, prepared = _original_of(_read_original(original, fetcher), reading,
                                                ref)
            except DocumentCut as e:  # no entry's text can be looked for in a cut page
                cut = e
        else:
            if ref is None and (cut := _cut(reading, plain)) is None:
                raise InputError(f"{name}: no article of The Conversation found in it (no page "
                                 "counter, no link to an article): give --original")
            if ref is not None:
                where = article_url(ref, conversation_url)
                source, prepared = _original_of(_read_original(where, fetcher), reading, ref)
    if cut is not None:
        verdict = not_checkable(ref.article_id if ref else None, "the page", cut)
    elif prepared is not None and reading.page is not None and reading.plain == plain:
        # the page and the original as choosing the original read them: judge() would read
        # and prepare both again (~15 ms for the 174 KB tc-article-209538-fr.html)
        verdict = check_read_page(reading.page, prepared, prepared.article.article_id,
                                  policy=doc.policy)
    else:
        verdict = judge(doc.text, page, source, plain=plain, policy=doc.policy)
    if source is not None and (ref is None or ref.article_id != source.article_id):
        links = f"; the page's own link names article {ref.article_id}" if ref else ""
        ref = ArticleRef(source.article_id, f"the original given{links}", source.url)
    return PageCheck(page=name, plain=plain, article=ref,
                     original=STDIN_NAME if where == STDIN else where, verdict=verdict)


# --- what `syndication audit` shares with `check` (one judgement, one JSON shape) ----------


def identify(page_text: str, *, plain: bool) -> "ArticleRef | None":
    """Which article of The Conversation a page republishes, as the page says (its link to
    the original, its counter; in plain text, its last link to an article)."""
    return find_article_id_in_text(page_text) if plain else find_article_id(page_text)


def judge(page_text: str, page_url: str, original: Article | Original | None, *,
          plain: bool | None = None, policy: str | None = None) -> Verdict:
    """check's verdict on one page (HTML, or plain text judged as text only) that
    republishes ``original``; without it the rules that need it are not checked.
    ``page_url`` names the page: a ``.txt`` file is plain text whatever it holds."""
    if plain is None:
        plain = (Path(url_parts(page_url).path).suffix.lower() in PLAIN_SUFFIXES
                 or not looks_like_html(page_text))
    ref = None if original is not None else identify(page_text, plain=plain)
    return check_page(page_text, original, article_id=ref.article_id if ref else None,
                      plain=plain, policy=policy)


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """The JSON object of ``check --json`` (and of each page of ``audit --json``)."""
    # compliant is null, like a finding's ok, when no rule failed but not every rule could
    # be checked
    return {
        "compliant": True if verdict.compliant else False if verdict.failed else None,
        "article": verdict.article_id,
        "findings": [{"rule": f.rule, "ok": f.ok, "detail": f.detail}
                     for f in verdict.findings],
    }


def original_from(doc: Document, page_text: str, ref: "ArticleRef | None") -> Article:
    """The original in ``doc``: the entry for the page's article in an Atom feed (or, when
    the page names none, the entry whose text the page carries), or an article page."""
    return _original_of(doc, _Reading(page_text), ref)[0]


def _original_of(doc: Document, reading: "_Reading",
                 ref: "ArticleRef | None") -> tuple[Article, Original | None]:
    """original_from(), and the original prepared when choosing it took that."""
    if looks_like_atom(doc.text):
        try:
            feed = parse_feed(doc.data, doc.where)
        except ParseError as e:  # malformed or hostile XML given as the original: input
            raise InputError(f"{e} (the original given is not a usable Atom feed)") from e
        return _entry_of(doc.where, feed.articles, reading, ref)
    try:
        return parse_article_page(doc.text, doc.where), None
    except ParseError as e:
        raise InputError(f"{e} (an original is an Atom feed holding the entry, or an "
                         "article page of The Conversation)") from e


def _entry_of(where: str, entries: Sequence[Article], reading: "_Reading",
              ref: "ArticleRef | None") -> tuple[Article, Original | None]:
    """The feed's entry the page republishes: the one whose text the page carries, whatever
    the page links (a link to another article of The Conversation, a wrong link back: that
    is for `source-link` to judge, docs/compliance.md#which-article). The entry the page's
    link names is tried first (most pages link their own article, and one entry is read
    sooner than all); when the text matches no entry, that entry is judged all the same.
    Raises DocumentCut when the parser cut the page (no text can be looked for in it)."""
    linked = next((a for a in entries if ref and a.article_id == ref.article_id), None)
    if linked is not None and (chosen := _choose(reading, [linked])) is not None:
        return chosen
    chosen = _choose(reading, [a for a in entries if a is not linked])
    if chosen is not None:
        return chosen
    if linked is not None:
        return linked, reading.prepared.get(id(linked))
    if ref is not None:
        raise InputError(f"{where}: the feed has no entry for article {ref.article_id}, nor "
                         "one whose text the page carries (it holds "
                         f"{', '.join(str(a.article_id) for a in entries) or 'none'})")
    raise InputError(f"{where}: no entry of the feed is the article on the page")


def article_url(ref: "ArticleRef", conversation_url: str) -> str:
    """Where The Conversation serves the article: the path of the page's link to the
    original, on ``conversation_url``; with only a counter, /{N} *(inferred: the id ends
    every article URL, docs/the-conversation.md#atom-feeds, and slugs change)*."""
    base = conversation_url.rstrip("/")
    if ref.url and is_tc_host(host_of(ref.url)):
        return base + (url_parts(ref.url).path or "/")
    return f"{base}/{ref.article_id}"


class _Fetcher:
    """The fetcher of a check, opened on the first URL it is asked for: a check of files
    loads no HTTP library (requests and urllib3 are a third of the command's start-up;
    tests/test_lazy_imports.py checks that none is loaded)."""

    def __init__(self, config: FetchConfig, hosts: frozenset[str], urls: list[str]) -> None:
        self.config = config
        self.hosts = hosts
        self.urls = urls
        self.fetcher: Fetcher | None = None

    def get(self, url: str, *, accept: str) -> Fetched:
        if self.fetcher is None:
            # Deferred for a check of files (the docstring):
            # tests/test_lazy_imports.py::test_checking_files_loads_no_http_library.
            from ..fetch import Fetcher

            self.fetcher = Fetcher(self.config, self.hosts, allowed_origins=_origins(self.urls))
        return self.fetcher.get(url, accept=accept)

    def __enter__(self) -> "_Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fetcher is not None:
            self.fetcher.close()


def _read_original(where: str, fetcher: _Fetcher) -> Document:
    """The original's document; one line saying it could not be had, and what to do."""
    try:
        return _read(where, fetcher, ACCEPT_SOURCE)
    except FetchError as e:
        reason = str(e).removeprefix(f"{e.url}: ")
        raise InputError(
            f"cannot fetch the original {where} ({reason}): give it as a file with "
            "--original FILE (its article page or an Atom feed holding it), or judge the "
            "page alone with --no-original") from e


# A document of nothing but a doctype, comments and processing instructions: no element, no
# text (a page saved from a browser before it loaded, a template's shell). The match fails at
# a page's first element, so only such a document is read to its end.
_DECLARATIONS_ONLY = lazy_compile(r"\s*(?:(?:<!--.*?-->|<![^>]*>|<\?[^>]*>)\s*)*", re.S)


def _read(where: str, fetcher: _Fetcher, accept: str) -> Document:
    """A URL through the fetcher, or a file; both capped at ``max_bytes`` (a file is never
    read past the cap: a huge page is refused, not parsed). InputError in one line when it
    holds nothing, or no text (a compressed file, an image, a PDF)."""
    cap = fetcher.config.max_bytes
    if is_web_url(where):
        try:
            fetched = fetcher.get(where, accept=accept)
        except ResponseTooLargeError as e:
            raise InputError(_too_large(where, cap)) from e
        data, content_type, policy = fetched.body, fetched.content_type, fetched.policy
    elif where == STDIN:
        where, data, content_type, policy = STDIN_NAME, read_stdin(cap), None, None
    else:
        data, policy = read_file(where, cap), None
        content_type = "text/plain" if Path(where).suffix.lower() in PLAIN_SUFFIXES else None
    saved = saved_page(data)
    if saved is not None:  # a browser's single-file save (.mhtml): the page inside it
        if not saved.data:
            raise InputError(f"{where}: a web archive (MHTML) holding no HTML page")
        data, content_type = saved.data, saved.content_type
    text = decode(data, content_type)
    if not text.strip():
        raise InputError(f"{where}: empty: nothing in it to read")
    if _DECLARATIONS_ONLY.fullmatch(text):
        raise InputError(f"{where}: empty: nothing in it to read but a doctype or comments "
                         "(no element)")
    what = not_text(data, text)
    if what is not None:
        raise InputError(f"{where}: {what}, not an HTML page, a feed or text")
    return Document(where, data, text, content_type, policy)


def read_file(where: str, cap: int) -> bytes:
    """A local file's bytes, never read past ``cap`` (a huge file is refused, not parsed);
    InputError in one line when it cannot be had. ``where`` is a path or a ``file:`` URL as
    a browser's address bar shows one. (``syndication audit`` reads its local sources and
    pages with it too.)"""
    try:
        with Path(_local_path(where)).open("rb") as f:
            data = f.read(cap + 1)
    except FileNotFoundError as e:
        parts = url_parts(where.strip())
        if parts.scheme.lower() == "file" and parts.netloc.lower() not in _LOCAL_HOSTS:
            raise InputError(f"{where}: a file: URL of another host ({parts.netloc}) cannot be "
                             "read: give the file's path") from e
        if _is_url(where):  # not is_web_url, or it would have been fetched
            raise InputError(f"{where}: not a URL that can be fetched (no host, or a "
                             "malformed one)") from e
        url = schemeless_url(where)
        if url is not None:
            raise InputError(f"{where}: no such file; a web address is given with its scheme: "
                             f"{url}") from e
        raise InputError(f"{where}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{where}: is a folder, not a file") from e
    except OSError as e:
        raise InputError(f"{where}: cannot read ({e.strerror})") from e
    if len(data) > cap:
        raise InputError(_too_large(where, cap))
    return data


def _local_path(where: str) -> str:
    """The path a ``file:`` URL names (file:///srv/page.html, file://localhost/…, with the
    percent-escapes a browser writes, %20 for a space); any other ``where`` as it is."""
    parts = url_parts(where.strip())
    if parts.scheme.lower() == "file" and parts.netloc.lower() in _LOCAL_HOSTS:
        return unquote(parts.path)
    return where


_LOCAL_HOSTS = ("", "localhost")  # a file: URL's host naming this machine


def read_stdin(cap: int) -> bytes:
    """The page piped to ``check -`` (``curl -s URL | syndication check -``), never read past
    ``cap``."""
    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        raise InputError(_too_large(STDIN_NAME, cap))
    return data


def _too_large(where: str, cap: int) -> str:
    return (f"{where}: larger than max_bytes ({cap} bytes): refused (raise [fetch] max_bytes "
            "in a config file given with --config)")


def _cut(reading: "_Reading", plain: bool) -> DocumentCut | None:
    """Why the parser cut the page, or None: asked only when the page names no article (a
    cut page may have lost its link and counter with its text)."""
    return None if plain else reading.parsed()[1]


def _is_plain(doc: Document) -> bool:
    if doc.content_type and doc.content_type.split(";")[0].strip().lower() == "text/plain":
        return True
    return not looks_like_html(doc.text)


def _is_url(where: str) -> bool:
    """Whether ``where`` is written as an http(s) URL, fetchable or not (is_web_url)."""
    return where.strip().lower().startswith(("http://", "https://"))


def _origins(urls: list[str]) -> frozenset[str]:
    """Where ``check`` may go: the origin (ports included) of each URL it was given, and
    The Conversation's. An http URL on its default port may also be upgraded to https on
    the same host (the usual redirect of a site to TLS); any other port or host is refused."""
    origins = set()
    for url in urls:
        origin = full_origin(url)
        origins.add(origin)
        if origin == f"http://{host_of(url)}:80":
            origins.add(f"https://{host_of(url)}:443")
    return frozenset(o for o in origins if o)


def choose_original(html: str, articles: Sequence[Article]) -> Article | None:
    """Of several candidate originals (a feed's entries), the one whose text the page
    carries: found by alignment, fewest differences, most words carried."""
    chosen = _choose(_Reading(html), articles)
    return chosen[0] if chosen is not None else None


class _Reading:
    """A page parsed once and read once, as choose_original reads it, and the candidate
    originals prepared once: `check PAGE --original FEED` finds the article the page names
    (a parse), chooses the entry (once or twice, see _entry_of) and then judges the page
    against it, which parsed and read the page and prepared the entry again: `check` of the
    174 KB tc-article-209538-fr.html against tc-feed-fr-built-2-entries.atom went from 708.5
    to 622.3 M instructions (callgrind, the whole command) reading it once, and from 609.2
    to 595.5 M parsing it once."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.plain = not looks_like_html(html)
        self.page: Page | None = None
        self.prepared: dict[int, Original] = {}  # id(article) -> it prepared
        self._parsed: tuple[_Element, DocumentCut | None] | None = None

    def parsed(self) -> tuple[_Element, DocumentCut | None]:
        """The page's HTML parsed (even when cut), and why the parser cut it."""
        if self._parsed is None:
            self._parsed = parse_page_cut(self.html)
        return self._parsed

    def read(self) -> Page:
        if self.page is None:
            if self.plain:
                self.page = read(self.html, page=True, plain=True, located=LOCATED)
            else:
                root, cut = self.parsed()
                if cut is not None:
                    raise cut
                self.page = read(self.html, page=True, plain=False, located=LOCATED,
                                 parsed=root)
        return self.page

    def prepare(self, article: Article) -> Original:
        orig = self.prepared.get(id(article))
        if orig is None or orig.article is not article:
            orig = self.prepared[id(article)] = prepare(article)
        return orig


def _choose(reading: _Reading, articles: Sequence[Article]) -> tuple[Article, Original] | None:
    """choose_original(), with the original chosen prepared."""
    rep = reading.read()
    best: tuple[int, int] | None = None
    chosen = None
    for article in articles:
        try:
            orig = reading.prepare(article)
        except DocumentCut:
            continue  # an entry the parser cut is compared with nothing, never chosen
        alignment = align(orig.text.words, orig.removable, rep.words, orig.caseless, orig.items)
        if not alignment.found:
            continue
        score = (-alignment.total, alignment.end - alignment.start)
        if best is None or score > best:
            best, chosen = score, (article, orig)
    return chosen


# --- finding the article id in a page -------------------------------------------------------


class ArticleRef(NamedTuple):
    """Which article of The Conversation a page republishes, as the page itself says."""

    article_id: int  # N
    how: str  # where N was read, for the report
    url: str | None  # the page's link to the original, when it has one


# A feed or a sitemap given as the page: its root element, after what may stand before it
# (a byte-order mark, the XML declaration, a stylesheet instruction, comments, a doctype).
_LISTING_ROOT = lazy_compile(
    r"\A\ufeff?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    r"<(rss|feed|rdf:RDF|urlset|sitemapindex)\b", re.S | re.I)
_LISTING_KINDS = {"rss": "an RSS feed", "feed": "an Atom feed", "rdf:rdf": "an RSS 1.0 feed",
                  "urlset": "a sitemap", "sitemapindex": "a sitemap index"}
JSON_FEED = "a JSON Feed"
# What to do instead, by kind: `audit` reads every listing but a JSON Feed.
_AUDIT_IT = dict.fromkeys(_LISTING_KINDS.values(),
                          "`syndication audit {page}` checks every republication it names")
_AUDIT_IT[JSON_FEED] = ("check the pages it links, or audit the site's RSS or Atom feed "
                        "(`syndication audit FEED`)")


def _listing_kind(text: str) -> str | None:
    """What a document given as the page is when it lists pages rather than being one (a
    feed, a sitemap, a JSON Feed), else None."""
    m = _LISTING_ROOT.match(text)
    if m is not None:
        return _LISTING_KINDS[m.group(1).lower()]
    if text.lstrip("\ufeff \t\r\n").startswith("{") and "jsonfeed.org/version/" in text[:65536]:
        return JSON_FEED
    return None


def _tc_own_page(page: str) -> str:
    """What check says of a URL on The Conversation's own site: there is nothing to judge."""
    as_original = (" (this page can be its --original)" if tc_article_id(page) is not None
                   else "")
    return (f"{page}: a page of The Conversation's own site, not a republication: check a "
            f"page that republishes the article{as_original}")


def find_article_id(html: str) -> ArticleRef | None:
    """N of the article a page republishes: from its attribution line's link to the
    original, else from its canonical link to an article of The Conversation, else from its
    page counter, else from its last link to an article of The Conversation. The links that
    say which article the page is come first because the counter is what page-counter
    judges: a counter for another article must not make the page about that article; and
    the last link may be a related article's. A page with none in its markup is read in its
    script data (docs/compliance.md#a-page-drawn-by-its-scripts).
    See docs/compliance.md#which-article."""
    # a page cut by the parser: check_page says so
    return _page_article_id(parse_page(html, partial=True))


def _article_id(root: _Element) -> ArticleRef | None:
    """find_article_id() of the page parsed (its tree is only read)."""
    counters = [k for _img, k in iter_counters(root)]
    linked = [(a, n) for a in root.iter("a") if (n := tc_article_id(a.get("href") or ""))]
    for a, n in linked:  # the attribution line links The Conversation's home as well
        if any(is_tc_home(b.get("href") or "") for b in block_of(a).iter("a")):
            also = " and its page counter" if n in counters else ""
            return ArticleRef(n, f"its link to the original{also}", _href(a))
    canonical = _canonical_article(root)
    if canonical is not None:
        n, href = canonical
        own = ("; its site name is The Conversation's: this is The Conversation's own page "
               "of the article, not a republication" if is_tc_site_name(_site_name(root))
               else "")
        return ArticleRef(n, f"its canonical link{own}", href)
    if counters:
        n = counters[0]
        url = next((_href(a) for a, k in linked if k == n), None)
        return ArticleRef(n, "its page counter", url)
    if linked:
        a, n = linked[-1]
        return ArticleRef(n, "its link to an article of The Conversation", _href(a))
    return None


def _canonical_article(root: _Element) -> tuple[int, str] | None:
    """N and the URL of the page's canonical link (its first, as search engines read it)
    when that names an article of The Conversation: a republisher may declare the original
    its canonical address, and The Conversation's own pages give their own."""
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = _href(link)
            n = tc_article_id(href)
            return (n, href) if n is not None else None
    return None


def _site_name(root: _Element) -> str:
    """The page's ``og:site_name``, "" when it gives none."""
    for meta in root.iter("meta"):
        if (meta.get("property") or "").strip().lower() == "og:site_name":
            return meta.get("content") or ""
    return ""


def _page_article_id(root: _Element) -> ArticleRef | None:
    """_article_id() of the page's markup, else of the HTML in its script data (a page drawn
    by its scripts: its verdict then says it could not be judged, and why)."""
    found = _article_id(root)
    if found is not None:
        return found
    for string in data_strings(root):
        if "<" in string and (found := _article_id(parse_fragment(string, partial=True))):
            return found._replace(how=f"{found.how}, in the page's script data")
    return None


def find_article_id_in_text(text: str) -> ArticleRef | None:
    """N from the last URL of an article of The Conversation in plain text."""
    found = [(m.group(), k) for m in TC_URL_IN_TEXT.finditer(text)
             if (k := tc_article_id(m.group()))]
    if not found:
        return None
    url, n = found[-1]
    return ArticleRef(n, "its link to the original", url)


def _href(a: _Element) -> str:
    return (a.get("href") or "").strip()
