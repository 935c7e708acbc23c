"""Pure: what an audit's SOURCE holds. A site's RSS 2.0 or Atom feed (WordPress's /feed/,
with full content in content:encoded or links only), a sitemap or sitemap index
(sitemaps.org), a list of URLs (``@urls.txt``), or a single page. XML is parsed with
defusedxml: DTDs, entity expansion and external entities are refused, not obeyed."""

from __future__ import annotations

import gzip
import io
import re
import xml.etree.ElementTree as ET

from ..compliance.encoding import decode, is_web_archive, not_text
from ..compliance.htmltext import looks_like_html
from ..errors import ParseError
from ..source import parse_xml
from ..urls import is_web_url, joined
from .records import Candidate, Listing, SitemapRef

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
RSS1 = "{http://purl.org/rss/1.0/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# sitemaps.org caps a sitemap at 50,000 URLs and 50 MB uncompressed: a gzipped sitemap is
# inflated up to that and no further (a gzip bomb is refused, not swallowed).
SITEMAP_MAX_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<", re.S)


def read_listing(data: bytes, where: str, content_type: str | None = None) -> Listing:
    """The pages ``data`` (read from ``where``) names. Raises ParseError naming ``where``
    when the document is XML but neither a feed nor a sitemap, or is not well-formed."""
    if data[:2] == _GZIP_MAGIC:  # sitemap.xml.gz
        data = _gunzip(data, where)
    if is_web_archive(data):  # a browser's single-file save (.mhtml): one page
        return Listing(where, "page", (Candidate(url=where, source=where),))
    if _looks_like_xml(data, content_type):
        return _read_xml(data, where)
    text = decode(data, content_type)
    if not text.strip():
        raise ParseError(where, "empty: nothing in it to read")
    what = not_text(data, text)  # named as `syndication check` names it (command._read)
    if what is not None:
        raise ParseError(where, f"{what}, not a feed (RSS or Atom), a sitemap or an HTML page")
    if looks_like_html(text):
        return Listing(where, "page", (Candidate(url=where, source=where),))
    raise ParseError(where, "neither a feed (RSS or Atom), a sitemap nor an HTML page; a "
                     "list of URLs is given as @FILE")


def read_url_list(text: str, where: str) -> Listing:
    """``@urls.txt``: one URL a line; blank lines and lines starting with # are skipped."""
    candidates = []
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not is_web_url(line):
            problems.append(f"line {number}: {line[:80]!r} is not an http(s) URL")
            continue
        candidates.append(Candidate(url=line, source=where))
    return Listing(where, "url list", tuple(candidates), problems=tuple(problems))


def _looks_like_xml(data: bytes, content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    if media.endswith(("+xml", "/xml")):
        return True
    if media == "text/html":
        return False
    head = data[:4096]
    if re.match(rb"^(?:\xef\xbb\xbf)?\s*<\?xml\b", head):
        return re.search(rb"<(?:\w+:)?html\b", head, re.I) is None  # XHTML is a page
    return bool(_XML_START.match(head)) and re.search(
        rb"<(?:\w+:)?(?:rss|feed|urlset|sitemapindex|RDF)\b", head) is not None


def _gunzip(data: bytes, where: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(SITEMAP_MAX_BYTES + 1)
    except (OSError, EOFError) as e:
        raise ParseError(where, f"not a readable gzip file ({e})") from e
    if len(out) > SITEMAP_MAX_BYTES:
        raise ParseError(where, f"inflates past {SITEMAP_MAX_BYTES} bytes, the sitemap limit")
    return out


def _read_xml(data: bytes, where: str) -> Listing:
    root = parse_xml(data, where)
    tag = root.tag
    if tag == "rss" or tag.endswith("}rss"):
        return _rss(root, where)
    if tag == f"{ATOM}feed":
        return _atom(root, where)
    if tag.endswith("}RDF"):
        return _rss1(root, where)
    if tag in (f"{SITEMAP}urlset", "urlset"):
        return _sitemap(root, where)
    if tag in (f"{SITEMAP}sitemapindex", "sitemapindex"):
        locs = _locs(root, "sitemap", where)
        return Listing(where, "sitemap index", (),
                       sitemaps=tuple(SitemapRef(u, m) for u, _p, m in locs if u),
                       problems=tuple(p for _u, p, _m in locs if p))
    raise ParseError(where, f"XML whose root element is {_local(tag)!r}: neither a feed "
                     "(RSS or Atom) nor a sitemap")


def _rss(root: ET.Element, where: str) -> Listing:
    candidates = []
    problems = []
    for i, item in enumerate(root.iter("item"), start=1):
        link = _text(item.find("link"))
        guid = item.find("guid")
        if not link and guid is not None and guid.get("isPermaLink", "true") == "true":
            link = _text(guid)
        if not link:
            problems.append(f"item {i}: no <link>")
            continue
        content = _text(item.find(CONTENT_ENCODED))
        candidates.append(_candidate(link, where, content, _text(item.find("title"))))
    return _listing(where, "rss", candidates, problems)


def _rss1(root: ET.Element, where: str) -> Listing:
    candidates = []
    problems = []
    for i, item in enumerate(root.iter(f"{RSS1}item"), start=1):
        link = _text(item.find(f"{RSS1}link"))
        if not link:
            problems.append(f"item {i}: no <link>")
            continue
        content = _text(item.find(CONTENT_ENCODED))
        candidates.append(_candidate(link, where, content, _text(item.find(f"{RSS1}title"))))
    return _listing(where, "rss", candidates, problems)


def _atom(root: ET.Element, where: str) -> Listing:
    candidates = []
    problems = []
    for i, entry in enumerate(root.iter(f"{ATOM}entry"), start=1):
        link = next((ln.get("href") for ln in entry.iter(f"{ATOM}link")
                     if ln.get("rel", "alternate") == "alternate" and ln.get("href")), None)
        if not link:
            problems.append(f"entry {i}: no <link rel=\"alternate\">")
            continue
        content_el = entry.find(f"{ATOM}content")
        content = None
        if content_el is not None and content_el.get("src") is None:
            if content_el.get("type") == "xhtml":
                content = "".join(ET.tostring(child, encoding="unicode")
                                  for child in content_el)
            elif content_el.get("type") in ("html", "text/html", None, "text"):
                content = _text(content_el)
        candidates.append(_candidate(link, where, content, _text(entry.find(f"{ATOM}title"))))
    return _listing(where, "atom", candidates, problems)


def _sitemap(root: ET.Element, where: str) -> Listing:
    locs = _locs(root, "url", where)
    return _listing(where, "sitemap", [Candidate(url=u, source=where, lastmod=m)
                                       for u, p, m in locs if not p],
                    [p for _u, p, _m in locs if p])


def _locs(root: ET.Element, element: str, where: str) -> list[tuple[str, str, str | None]]:
    """(url, "", lastmod) for each <element><loc>, or ("", problem, None) for one that is
    not a URL. Extensions (image:image, news:news, xhtml:link) are other namespaces: their
    own <image:loc> is not a page."""
    ns = SITEMAP if root.tag.startswith(SITEMAP) else ""
    out: list[tuple[str, str, str | None]] = []
    for i, el in enumerate(root.iter(f"{ns}{element}"), start=1):
        url = joined(where, _text(el.find(f"{ns}loc")) or "")
        if url and is_web_url(url):
            out.append((url, "", _text(el.find(f"{ns}lastmod"))))
        else:
            out.append(("", f"<{element}> {i}: no http(s) URL in <loc>", None))
    return out


# Sub-sitemaps that list archive pages (a category's, a tag's, an author's list of posts),
# not articles, by the names the CMSs give them: Yoast SEO and Rank Math
# (category-sitemap.xml, post_tag-sitemap.xml, author-sitemap.xml, product_cat-…), WordPress
# core (wp-sitemap-taxonomies-category-1.xml, wp-sitemap-users-1.xml), Ghost
# (sitemap-tags.xml, sitemap-authors.xml). A sitemap index's entries of these are not read
# (README.md#auditing-a-whole-site): an archive page is no republication, and reading every
# one cost a request each. Given as a SOURCE itself, such a sitemap is read.
_ARCHIVE_SITEMAP = re.compile(
    r"/(?:(?:category|post_tag|tag|author|post_format|product_cat|product_tag|"
    r"product_brand|[a-z0-9_]*_tax(?:onomy)?)-sitemap\d*"
    r"|wp-sitemap-(?:taxonomies|users)-[^/]*"
    r"|sitemap-(?:tags|authors)\d*)\.xml(?:\.gz)?$", re.I)


def is_archive_sitemap(url: str) -> bool:
    """Whether a sitemap index's entry ``url`` lists archive pages, by its name."""
    return _ARCHIVE_SITEMAP.search(url.split("?", 1)[0].split("#", 1)[0]) is not None


def _candidate(link: str, where: str, content: str | None, title: str | None) -> Candidate:
    # Full content only when the item carries more than a line: WordPress's "summary" feeds
    # put an excerpt in <description> and nothing in content:encoded.
    full = content if content and looks_like_html(content) else None
    # A link that cannot be read stays as written: _listing reports it.
    return Candidate(url=joined(where, link) or link.strip(), source=where, entry_html=full,
                     entry_title=" ".join(title.split()) if full and title else None)


def _listing(where: str, kind: str, candidates: list[Candidate],
             problems: list[str]) -> Listing:
    kept = []
    for c in candidates:
        if is_web_url(c.url):
            kept.append(c)
        else:
            problems.append(f"{c.url[:80]!r} is not an http(s) URL")
    return Listing(where, kind, tuple(kept), problems=tuple(problems))


def _text(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    text = "".join(el.itertext()).strip()
    return text or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
