"""A feed validator for the test suite: the faults the W3C feed validator and the judges in
../shared/judges report that matter for our feeds (docs/feeds.md#what-our-feeds-carry "Valid"), for
Atom 1.0, RSS 2.0 and JSON Feed 1.1 alike. ``lint(data, fmt)`` returns Problems; our feeds must have
none.

Codes:
- ``not-parsed``: not well-formed XML / not JSON, or not the format named;
- ``no-self``: no self link (Atom link rel=self, RSS atom:link rel=self, JSON feed_url), or
  one that is not an absolute http(s) URL;
- ``no-id`` / ``duplicate-id``: an entry without id, or two entries with one id;
- ``relative-url``: a link that is not absolute (entry links, and every href, src, srcset
  and cite inside content, which readers show away from our site);
- ``bad-date``: a date that is not in the format the spec requires (RFC 3339 for Atom and
  JSON Feed, RFC 822 for RSS) or is impossible; ``date-no-timezone``: one without a zone;
- ``no-author``: an entry without its own author (we never rely on feed-level authors: every
  entry credits its authors, docs/compliance.md#rule-author-credit);
- ``no-licence``: an entry without its machine-readable licence
(docs/feeds.md#what-our-feeds-carry).
"""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
CC = "{http://backend.userland.com/creativeCommonsRssModule}license"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# RFC 3339 date-time (section 5.6): the offset is required.
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
RFC3339_NO_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
# RFC 822 (as RSS 2.0 uses it, with 4-digit years): day, month, year, time, zone.
RFC822 = re.compile(
    r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec) \d{4} \d{2}:\d{2}(:\d{2})?( (?P<zone>[+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|"
    r"PST|PDT|[A-IK-Z]))?$"
)
URL_ATTRIBUTES = ("href", "src", "cite", "poster", "data")


@dataclass(frozen=True)
class Problem:
    code: str  # see the module docstring
    where: str  # "feed", or "entry 2 (tag:…)"
    detail: str

    def __str__(self) -> str:
        return f"{self.code}: {self.where}: {self.detail}"


def lint(data: bytes, fmt: str) -> list[Problem]:
    """Every problem found in a feed document of format ``fmt`` ("atom", "rss", "json")."""
    checker = {"atom": _atom, "rss": _rss, "json": _json}[fmt]
    return list(checker(data))


def codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


# --- Atom 1.0 (RFC 4287) ----------------------------------------------------------------


def _atom(data: bytes) -> Iterator[Problem]:
    root = _xml(data)
    if root is None or root.tag != f"{ATOM}feed":
        yield Problem("not-parsed", "feed", "not a well-formed Atom feed")
        return
    yield from _self_link([ln.get("href") for ln in root.findall(f"{ATOM}link")
                           if ln.get("rel") == "self"])
    for name in ("updated",):
        yield from _rfc3339_date(root.findtext(f"{ATOM}{name}"), "feed", name)
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    yield from _ids(ids)
    for i, (entry, entry_id) in enumerate(zip(entries, ids, strict=True), start=1):
        where = f"entry {i} ({entry_id})"
        for name in ("updated", "published"):
            if name == "updated" or entry.find(f"{ATOM}{name}") is not None:
                yield from _rfc3339_date(entry.findtext(f"{ATOM}{name}"), where, name)
        links = entry.findall(f"{ATOM}link")
        for link in links:
            yield from _absolute(link.get("href"), where, f"link rel={link.get('rel')}")
        names = [(a.findtext(f"{ATOM}name") or "").strip() for a in entry.findall(f"{ATOM}author")]
        if not any(names):
            yield Problem("no-author", where, "no <author> with a <name>")
        if not any(ln.get("rel") == "license" and ln.get("href") for ln in links):
            yield Problem("no-licence", where, 'no <link rel="license">')
        content = entry.find(f"{ATOM}content")
        if content is not None and content.get("type") in ("html", "xhtml"):
            html = content.text if content.get("type") == "html" else etree.tostring(
                content, encoding="unicode")
            yield from _content_urls(html or "", where)


# --- RSS 2.0 ----------------------------------------------------------------------------


def _rss(data: bytes) -> Iterator[Problem]:
    root = _xml(data)
    channel = root.find("channel") if root is not None and root.tag == "rss" else None
    if channel is None:
        yield Problem("not-parsed", "feed", "not a well-formed RSS 2.0 feed")
        return
    yield from _self_link([ln.get("href") for ln in channel.findall(f"{ATOM}link")
                           if ln.get("rel") == "self"])
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None:
            yield from _rfc822_date(channel.findtext(name), "feed", name)
    items = channel.findall("item")
    ids = [i.findtext("guid") for i in items]
    yield from _ids(ids)
    for i, (item, guid) in enumerate(zip(items, ids, strict=True), start=1):
        where = f"entry {i} ({guid})"
        if item.find("pubDate") is None:
            yield Problem("bad-date", where, "no <pubDate>")
        else:
            yield from _rfc822_date(item.findtext("pubDate"), where, "pubDate")
        if item.find(f"{ATOM}updated") is not None:
            yield from _rfc3339_date(item.findtext(f"{ATOM}updated"), where, "atom:updated")
        yield from _absolute(item.findtext("link"), where, "<link>")
        creators = [(c.text or "").strip() for c in item.findall(f"{DC}creator")]
        if not any(creators) and not (item.findtext("author") or "").strip():
            yield Problem("no-author", where, "no <dc:creator> nor <author>")
        if not (item.findtext(CC) or "").strip():
            yield Problem("no-licence", where, "no <creativeCommons:license>")
        for name in (CONTENT, "description"):
            if item.find(name) is not None:
                yield from _content_urls(item.findtext(name) or "", where)


# --- JSON Feed 1.1 ----------------------------------------------------------------------


def _json(data: bytes) -> Iterator[Problem]:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        yield Problem("not-parsed", "feed", f"not JSON ({e})")
        return
    if not isinstance(doc, dict) or doc.get("version") != JSON_FEED_VERSION:
        yield Problem("not-parsed", "feed", f"not a JSON Feed 1.1 (version {doc.get('version')!r})"
                      if isinstance(doc, dict) else "not a JSON object")
        return
    yield from _self_link([doc["feed_url"]] if "feed_url" in doc else [])
    items: list[dict[str, Any]] = doc.get("items") or []
    ids = [item.get("id") for item in items]
    yield from _ids(ids)
    for i, (item, item_id) in enumerate(zip(items, ids, strict=True), start=1):
        where = f"entry {i} ({item_id})"
        for name in ("date_published", "date_modified"):
            if name in item:
                yield from _rfc3339_date(item[name], where, name)
        if "url" in item:
            yield from _absolute(item["url"], where, "url")
        authors = item.get("authors") or []
        if not any(isinstance(a, dict) and (a.get("name") or "").strip() for a in authors):
            yield Problem("no-author", where, "no authors with a name")
        licence = item.get("_license")
        if not isinstance(licence, dict) or not licence.get("url"):
            yield Problem("no-licence", where, "no _license object with a url")
        if "content_html" in item:
            yield from _content_urls(item["content_html"], where)


# --- shared -----------------------------------------------------------------------------


def _xml(data: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _self_link(hrefs: list[str | None]) -> Iterator[Problem]:
    if not hrefs:
        yield Problem("no-self", "feed", "no self link")
    for href in hrefs:
        if not _is_absolute(href):
            yield Problem("no-self", "feed", f"self link {href!r} is not an absolute URL")


def _ids(ids: list[Any]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, value in enumerate(ids, start=1):
        if not isinstance(value, str) or not value.strip():
            yield Problem("no-id", f"entry {i}", "no id")
            continue
        if value in seen:
            yield Problem("duplicate-id", f"entry {i}", f"{value} is also entry {seen[value]}'s")
        seen.setdefault(value, i)


def _rfc3339_date(value: Any, where: str, name: str) -> Iterator[Problem]:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        yield Problem("bad-date", where, f"no {name}")
        return
    if RFC3339_NO_ZONE.match(text):
        yield Problem("date-no-timezone", where, f"{name} {text!r} has no time zone")
        return
    if not RFC3339.match(text):
        yield Problem("bad-date", where, f"{name} {text!r} is not RFC 3339")
        return
    try:
        datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        yield Problem("bad-date", where, f"{name} {text!r} is not a real date")


def _rfc822_date(value: str | None, where: str, name: str) -> Iterator[Problem]:
    text = (value or "").strip()
    m = RFC822.match(text)
    if not m:
        yield Problem("bad-date", where, f"{name} {text!r} is not an RFC 822 date")
        return
    if not m.group("zone"):
        yield Problem("date-no-timezone", where, f"{name} {text!r} has no time zone")
        return
    try:
        email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        yield Problem("bad-date", where, f"{name} {text!r} is not a real date")


def _content_urls(html: str, where: str) -> Iterator[Problem]:
    if not html.strip():
        return
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in URL_ATTRIBUTES:
            if el.get(attr) is not None:
                yield from _absolute(el.get(attr), where, f"<{el.tag} {attr}> in content")
        for candidate in (el.get("srcset") or "").split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                yield from _absolute(url, where, f"<{el.tag} srcset> in content")


def _absolute(url: str | None, where: str, what: str) -> Iterator[Problem]:
    if not url or not url.strip():
        yield Problem("relative-url", where, f"{what}: empty URL")
    elif not _is_absolute(url) and not url.startswith("mailto:"):
        yield Problem("relative-url", where, f"{what}: {url!r} is not absolute")


def _is_absolute(url: str | None) -> bool:
    parts = urlsplit((url or "").strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
