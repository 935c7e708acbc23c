"""URL parts every stage reads the same way, in one place: a URL's host, and the origins
robots.txt and the fetcher's host lists are keyed on. Pure, standard library only, so the
fetcher, the config and the checker can all share it."""

from __future__ import annotations

from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The host of a URL in lower case, without a trailing dot; "" when it has none or is
    malformed ("http://[bad" is no link to anything)."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def origin_of(url: str) -> str:
    """scheme://host[:port]: what one robots.txt governs (RFC 9309 §2.3)."""
    parts = urlsplit(url)
    host = host_of(url)
    netloc = f"{host}:{parts.port}" if parts.port else host
    return f"{parts.scheme.lower()}://{netloc}"


def full_origin(url: str) -> str:
    """scheme://host:port with the port always written (80/443 when the URL leaves it out):
    two URLs on one host but different ports are different servers."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        return ""
    port = port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host_of(url)}:{port}"
