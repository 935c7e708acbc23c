"""Pure: whether a page's Content-Security-Policy lets a browser load an image from a URL
(docs/compliance.md#rule-page-counter). A policy a site sends (its `Content-Security-Policy`
header, or a `<meta http-equiv>` in the page) whose `img-src` (else `default-src`) matches
no source of the URL keeps the browser from loading it: a counter it blocks counts no view.
Source expressions are matched as CSP Level 3 matches them, for the ones that can allow an
image's URL: `*`, a scheme (`https:`), a host with an optional scheme, `*.` wildcard, port
and path; `'self'` (the page's own origin, never The Conversation's counter host here),
`'none'`, nonces, hashes and keywords allow no such URL. A report-only policy blocks
nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..urls import url_parts

if TYPE_CHECKING:
    from lxml.etree import _Element

_DEFAULT_PORTS = {"http": 80, "https": 443}


def page_policies(root: _Element) -> list[str]:
    """The policies a page states in `<meta http-equiv="Content-Security-Policy">`."""
    return [meta.get("content") or "" for meta in root.iter("meta")
            if (meta.get("http-equiv") or "").strip().lower() == "content-security-policy"]


def blocking_directive(policies: Iterable[str], url: str) -> str | None:
    """The directive of ``policies`` (each enforced: all must allow) that blocks an image
    from ``url``, as the policy writes it ("img-src 'self' https://i0.wp.com"), or None."""
    for policy in policies:
        for text in policy.split(","):  # a header may join several policies with commas
            directives = _directives(text)
            sources = directives.get("img-src", directives.get("default-src"))
            if sources is not None and not any(_allows(s, url) for s in sources):
                name = "img-src" if "img-src" in directives else "default-src"
                return " ".join([name, *sources])
    return None


def _directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives by name (lower case), each with its source list; the first of
    a repeated name counts."""
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            found.setdefault(tokens[0].lower(), tokens[1:])
    return found


def _allows(source: str, url: str) -> bool:
    """Whether one source expression matches ``url`` (an http(s) URL)."""
    s = source.strip()
    low = s.lower()
    target = url_parts(url if "://" in url else "https:" + url)
    scheme = target.scheme.lower()
    if low == "*":
        return scheme in ("http", "https")
    if low.startswith("'") or low.startswith(("data:", "blob:", "filesystem:", "mediastream:")):
        return False  # keywords, nonces, hashes; schemes no counter is served on
    if low.endswith(":") and "/" not in low:  # a scheme source: https: (http: allows https)
        return low[:-1] == scheme or (low == "http:" and scheme == "https")
    want_scheme, _, rest = low.rpartition("://")
    if want_scheme and not (want_scheme == scheme or (want_scheme == "http" and
                                                       scheme == "https")):
        return False
    host_port, slash, path = rest.partition("/")
    host, colon, port = host_port.partition(":")
    name = (target.hostname or "").lower()
    if host.startswith("*."):
        if not name.endswith(host[1:]):
            return False
    elif host != name:
        return False
    if colon and port != "*":
        actual = target.port or _DEFAULT_PORTS.get(scheme)
        if not port.isdigit() or int(port) != actual:
            return False
    if slash and path:
        wanted = "/" + path
        return target.path.startswith(wanted) if wanted.endswith("/") else target.path == wanted
    return True
