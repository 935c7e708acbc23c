"""Pure: where a link leads when a link-protection or redirect service has wrapped it, and the
target is written in the link itself (docs/compliance.md#wrapped-links). A republication
copied from an e-mail carries its links as the reader's mail system rewrote them (Microsoft
Defender's Safe Links, Proofpoint's URL Defense, Barracuda's Link Protection); one exported
from Google Docs or copied from Facebook carries their redirects. A reader who clicks one
reaches the target: for the rules, the link is a link to it. Wrappers that keep the target
on their own servers (Mimecast, a newsletter's click tracking) cannot be followed here."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`), as the
# checker's other modules.
from functools import cache
from typing import cast
from urllib.parse import parse_qs, unquote

from lxml.etree import XPath, _Element

from ..lazyre import lazy_compile
from ..urls import split

# The services whose link names its target in a query parameter: (host, or a parent domain
# of it, with the path the redirect takes; the parameter).
_IN_QUERY = (
    ("safelinks.protection.outlook.com", "/", "url"),  # Microsoft Defender for Office 365
    ("linkprotect.cudasvc.com", "/url", "a"),  # Barracuda Email Protection
    ("urldefense.proofpoint.com", "/v2/url", "u"),  # Proofpoint URL Defense v2 (encoded)
    ("l.facebook.com", "/l.php", "u"),
    ("lm.facebook.com", "/l.php", "u"),
    ("l.instagram.com", "/", "u"),
)
# Google's redirect (Docs' HTML export, its search results): google.<tld>/url?q= or ?url=.
_GOOGLE = lazy_compile(r"(?:www\.)?google\.(?:[a-z]{2,3}\.)?[a-z]{2,3}")
# Proofpoint URL Defense v3: https://urldefense.com/v3/__<target>__;<encoded chars>!!<ids>
_V3 = "://urldefense.com/v3/__"
# A wrapper may wrap a wrapper (a Docs export of a mail's Safe Link): followed this far.
_DEPTH = 3
# What every wrapped link known here holds: the page's links are read only when one does
# (the links' addresses read in one XPath, as plain strings, and searched joined: about 35 us
# a page of 40 links, against 190 for an XPath filtering the links on these).
_MARKS = ("safelinks.protection", "urldefense", "cudasvc.com", "/l.php", "l.instagram.com",
          "/url?")


@cache
def _addresses() -> XPath:
    """Compiled once, on first use: el.xpath() compiles its expression on every call."""
    return XPath("//a/@href", smart_strings=False)


def target(href: str) -> str | None:
    """The address a wrapped link leads to, or None when ``href`` is no wrapper known here
    (or names no http(s) target)."""
    found = None
    for _ in range(_DEPTH):
        inner = _unwrapped(href)
        if inner is None:
            break
        found = href = inner
    return found


def _unwrapped(href: str) -> str | None:
    href = href.strip()
    if _V3 in href:
        rest = href.split(_V3, 1)[1]
        end = rest.rfind("__;")
        return _http(rest[:end]) if end > 0 else None
    try:
        parts = split(href)  # as the reader's browser reads it: a backslash ends the host
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.query:
        return None
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    query = parse_qs(parts.query)
    for domain, where, name in _IN_QUERY:
        if (host == domain or host.endswith("." + domain)) and path.startswith(where):
            value = (query.get(name) or [""])[0]
            if name == "u" and domain.startswith("urldefense"):
                # v2 writes "%" as "-" and "/" as "_" (its own decoder undoes them so)
                value = unquote(value.replace("-", "%").replace("_", "/"))
            return _http(value)
    if path == "/url" and _GOOGLE.fullmatch(host):
        return _http((query.get("q") or query.get("url") or [""])[0])
    return None


def _http(value: str) -> str | None:
    """``value`` when it is an http(s) address with no control character (a decoded one may
    hold any), else None."""
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")) or not value.isprintable():
        return None
    return value


def unwrap_links(root: _Element) -> None:
    """Set each wrapped link's href to the address it leads to: the rules then read the
    link as the reader's click reaches it."""
    addresses = " ".join(cast("list[str]", _addresses()(root)))
    if not any(mark in addresses for mark in _MARKS):
        return  # the common case: no wrapped link
    for a in root.iter("a"):
        href = a.get("href")
        if href and any(mark in href for mark in _MARKS):
            reached = target(href)
            if reached is not None:
                try:
                    a.set("href", reached)
                except ValueError:  # a character XML cannot hold: the link is left as it is
                    continue
