"""Pure: the feeds and the refused articles -> ``index.html``, the page for people in the
output directory: each feed with subscribe links and ``<link rel="alternate">`` autodiscovery
for every format, its latest entries with author and date, and the articles refused with their
failing rules. Static HTML and CSS, no script; the same state gives the same bytes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import lxml.html
from lxml import etree

from ._version import __version__
from .config import FeedConfig, SiteConfig
from .conversation import TC_HOME
from .models import LICENCE_NAME, LICENCE_URL, FeedEntry, Outcome
from .output import FORMATS, GENERATOR_URI, ICON_FILE, author_name, icon_url
from .safetext import FORBIDDEN, clipped
from .source import link_problem
from .store import ArticleState

LATEST = 10  # entries listed per feed


@dataclass(frozen=True, slots=True)
class Listing:
    """One feed as the page lists it."""

    feed: FeedConfig
    entries: Sequence[FeedEntry]  # its newest entries, newest first (LATEST are listed)
    count: int  # how many entries the feed holds
    empty_because: str = ""  # for a feed with none, why (one sentence)
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
# Not the locale's month names: the page must not change with the machine it is built on.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Readable from a phone up: one column, system fonts, long URLs wrap, dark mode follows the
# reader's setting. No external stylesheet, font or script: the page is one file.
CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5c5c66; --bg: #fff;
  --card: #f5f5f7; --line: #d8d8de; --accent: #b8460b; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ececf1; --muted: #a4a4ae; --bg: #16161a; --card: #222228; --line: #3a3a42;
    --accent: #ff9a52; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 1rem/1.5 system-ui,
  -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  overflow-wrap: anywhere; }
a { color: var(--accent); }
header { display: flex; gap: .8rem; align-items: center; }
header img { width: 3rem; height: 3rem; flex: none; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .3rem; }
.lead, .meta, footer, .note { color: var(--muted); }
.meta { font-size: .9rem; margin: .1rem 0 0; }
section { background: var(--card); border: 1px solid var(--line); border-radius: .6rem;
  padding: 1rem; margin: 1rem 0; }
.subscribe { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: .6rem 0;
  list-style: none; }
.subscribe a { display: inline-block; padding: .35rem .8rem; border-radius: 999px;
  border: 1px solid var(--accent); text-decoration: none; font-weight: 600; }
.subscribe a:hover, .subscribe a:focus { background: var(--accent); color: var(--bg); }
code { font-size: .85rem; }
ol.entries, ul.refused { padding-left: 1.2rem; margin: .6rem 0 0; }
ol.entries > li, ul.refused > li { margin: 0 0 .8rem; }
ul.rules { padding-left: 1rem; font-size: .9rem; }
footer { font-size: .85rem; margin: 2rem 0 1rem; }
"""


def render_index(
    site: SiteConfig,
    feeds: Sequence[Listing],
    refused: Sequence[ArticleState],
) -> bytes:
    """index.html for ``feeds`` (each with its newest entries and how many it holds) and
    the articles kept
    out of them (newest first). Links to our own files are relative, so the page works
    wherever the folder is served (``syndication serve``, or the real host at base_url)."""
    html = etree.Element("html", lang="en")
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _sub(head, "title", f"{site.title}: feeds from The Conversation")
    _sub(head, "link", rel="icon", type="image/png", href=_icon(site))
    for feed in (listing.feed for listing in feeds):
        for fmt, media_type in FORMATS.items():  # autodiscovery: every format of every feed
            _sub(head, "link", rel="alternate", type=media_type,
                 title=f"{feed.title} ({FORMAT_NAMES[fmt]})", href=f"{feed.name}.{fmt}")
    _sub(head, "style", CSS)

    body = _sub(html, "body")
    header = _sub(body, "header")
    _sub(header, "img", src=_icon(site), alt="", width="48", height="48")
    _sub(header, "h1", site.title)
    lead = _sub(body, "p", "Articles from ", **{"class": "lead"})
    _sub(lead, "a", "The Conversation", href=TC_HOME).tail = (
        ", written by academics and republished here, unaltered, under "
    )
    _sub(lead, "a", LICENCE_NAME, rel="license", href=LICENCE_URL).tail = (
        ". Every article was checked against the licence and The Conversation's "
        "republishing guidelines; each entry credits its authors and links the original."
    )

    main = _sub(body, "main")
    for listing in feeds:
        _feed_section(main, site, listing)
    _refused_section(main, refused)

    footer = _sub(body, "footer", "Made with ")
    _sub(footer, "a", "syndication", href=GENERATOR_URI).tail = f" {__version__}."
    newest = max((e.updated for listing in feeds for e in listing.entries), default=None)
    if newest is not None:
        _sub(footer, "span", " Newest entry updated ").append(_time(newest))

    text: str = lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="unicode",
                                   pretty_print=True, method="html")
    return text.encode("utf-8")


def _feed_section(main: etree._Element, site: SiteConfig, listing: Listing) -> None:
    feed, entries, count = listing.feed, listing.entries, listing.count
    section = _sub(main, "section", id=f"feed-{feed.name}")
    _sub(section, "h2", feed.title)
    if feed.description:  # the page's lead credits The Conversation already
        _sub(section, "p", feed.description, **{"class": "note"})
    links = _sub(section, "ul", **{"class": "subscribe"})
    for fmt, media_type in FORMATS.items():
        _sub(_sub(links, "li"), "a", FORMAT_NAMES[fmt], href=f"{feed.name}.{fmt}",
             type=media_type)
    url = _sub(section, "p", "Feed address for your reader: ", **{"class": "meta"})
    _sub(url, "code", f"{site.base_url}{feed.name}.atom")
    if not entries:
        _sub(section, "p", f"No article yet: {listing.empty_because or 'none so far.'}")
        return
    listed = _sub(section, "ol", **{"class": "entries"})
    for e in entries[:LATEST]:
        item = _sub(listed, "li")
        if e.language and not e.language.lower().startswith("en"):
            item.set("lang", e.language)  # the page is in English; the entry may not be
        _title_link(item, e.title, e.url, e.article_id)
        meta = _sub(item, "p", "; ".join(author_name(a) for a in e.authors) + " · ",
                    **{"class": "meta"})
        meta.append(_time(e.published))
        if e.updated > e.published:
            meta[-1].tail = ", updated "
            meta.append(_time(e.updated))
    if count > LATEST:
        _sub(section, "p", f"and {count - LATEST} more in the feed.",
             **{"class": "meta"})


def _refused_section(main: etree._Element, refused: Sequence[ArticleState]) -> None:
    section = _sub(main, "section", id="refused")
    _sub(section, "h2", "Not republished")
    if not refused:
        _sub(section, "p", "None: every article checked so far passed every rule.",
             **{"class": "note"})
        return
    _sub(section, "p", "These articles failed a rule of the licence or of The Conversation's "
         "guidelines (or could not be processed), so they are in no feed. Read them on The "
         "Conversation.", **{"class": "note"})
    listed = _sub(section, "ul", **{"class": "refused"})
    for a in refused:
        item = _sub(listed, "li")
        _title_link(item, a.title, a.url, a.article_id)
        meta = _sub(item, "p", "checked ", **{"class": "meta"})
        meta.append(_time(a.last_checked))
        rules = _sub(item, "ul", **{"class": "rules"})
        failed = [f for f in a.findings if f.ok is not True]
        if a.status is Outcome.ERROR or not failed:
            _sub(_sub(rules, "li"), "span", a.reason or "could not be processed")
        for f in failed:
            li = _sub(rules, "li")
            # the evidence may quote the source at any length (a 200 KB rights line)
            detail = clipped(f.detail)
            _sub(li, "code", f.rule).tail = _xml_safe(
                f": {detail}" if f.ok is False else f": could not be checked: {detail}"
            )


def _title_link(parent: etree._Element, title: str, url: str, article_id: int) -> None:
    """The title linked to the original, or unlinked when the link is not one of The
    Conversation naming that article (a refused ``source-link``: javascript:, another site)."""
    if link_problem(url, article_id) is None:
        _sub(parent, "a", title, href=url)
    else:
        _sub(parent, "span", title)


def _icon(site: SiteConfig) -> str:
    """The page's icon: ours beside it (relative), or the configured URL."""
    return ICON_FILE if site.icon is None else icon_url(site)


def _time(value: datetime) -> etree._Element:
    el = etree.Element("time", datetime=value.isoformat())
    el.text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return el


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: _xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _xml_safe(text)
    return el


def _xml_safe(text: str) -> str:
    """The page's own text (titles, findings quoting a page) with any character XML forbids
    shown as U+FFFD: lxml refuses to write one, and one must not stop the page."""
    return FORBIDDEN.sub("\ufffd", text)
