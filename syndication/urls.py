"""URL parts every stage reads the same way, in one place: a URL's host, whether it is an
http(s) URL that can be fetched, a link read against its base, and the origins robots.txt and
the fetcher's host lists are keyed on, and a web address typed without its scheme. None of
them raises on a malformed URL. Pure, standard library only (and lazyre), so the fetcher, the
config and the checker can all share it."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

from .lazyre import lazy_compile

_SPECIAL = ("http:", "https:")  # WHATWG URL's "special" schemes that matter here


def split(url: str) -> SplitResult:
    """urlsplit(url) as browsers and urllib3 (so requests) read an http(s) URL: a backslash
    is a slash (WHATWG URL, special schemes), so it ends the host. urlsplit alone reads
    "https://evil.example\\.theconversation.com/" as a host of The Conversation, and
    "http://evil.example\\@127.0.0.1/" as 127.0.0.1, while requests connects to, and a
    browser opens, evil.example. Raises ValueError as urlsplit does."""
    if "\\" in url and url.lstrip()[:6].lower().startswith(_SPECIAL):
        url = url.replace("\\", "/")
    return urlsplit(url)


_NO_PARTS = SplitResult("", "", "", "", "")


def url_parts(url: str) -> SplitResult:
    """split(url), or every part empty for a URL no browser follows ("http://[bad", a host
    holding "#" once normalised, "https://[x]/"), which urlsplit refuses with ValueError: a
    page's or a feed's malformed link is a link to nothing, never an error of its reader."""
    try:
        return split(url)
    except ValueError:
        return _NO_PARTS


def host_of(url: str) -> str:
    """The host of a URL in lower case, without a trailing dot; "" when it has none or is
    malformed ("http://[bad" is no link to anything)."""
    try:
        return (split(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL naming a host, that parses whole (brackets
    closed, a port in range): what a source, a site's address or a page to fetch must be.
    "http://[bad", "https://example.org:99999/" and "ftp://example.org/" are not; never
    raises."""
    try:
        parts = split(url.strip())
        parts.port  # noqa: B018 -- read for its ValueError on a port out of range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host_of(url))


# A web address typed without its scheme: a host name (labels, a last one of letters), a
# port, then a path or nothing ("www.example.org/2025/10/story", "news.example.org").
_SCHEMELESS = lazy_compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,})(?::\d+)?(?:[/?#]\S*)?$", re.I)
# What ends a file's name, never a host's: a name such as "page.html" or "sitemap.xml" is a
# file that is missing, not an address.
_FILE_ENDINGS = frozenset({"xml", "gz", "html", "htm", "xhtml", "shtml", "mhtml", "mht", "txt",
                           "md", "json", "rss", "atom", "csv", "php", "asp", "aspx", "jsp"})


def schemeless_url(where: str) -> str | None:
    """``where`` as the https URL it reads as when it is a web address typed without its
    scheme ("www.example.org/2025/10/story" -> "https://www.example.org/2025/10/story"),
    else None; to say what to type, never to fetch it (http and https may be two sites)."""
    m = _SCHEMELESS.match(where.strip())
    if m is None or m.group(1).lower() in _FILE_ENDINGS:
        return None
    return f"https://{where.strip()}"


def joined(base: str, href: str) -> str | None:
    """``href`` read against ``base`` (a link, a redirect's Location, a sitemap's <loc>);
    None when either cannot be parsed ("//[bad/" names no host): never raises."""
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


def origin_of(url: str) -> str:
    """scheme://host[:port]: what one robots.txt governs (RFC 9309 §2.3); "" for a URL that
    cannot be parsed."""
    try:
        parts = split(url)
        port = parts.port
    except ValueError:
        return ""
    host = host_of(url)
    netloc = f"{host}:{port}" if port else host
    return f"{parts.scheme.lower()}://{netloc}"


def full_origin(url: str) -> str:
    """scheme://host:port with the port always written (80/443 when the URL leaves it out):
    two URLs on one host but different ports are different servers."""
    try:
        parts = split(url)
        port = parts.port
    except ValueError:  # brackets not closed; a port that is not a number, or out of range
        return ""
    scheme = parts.scheme.lower()
    port = port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host_of(url)}:{port}"
