"""The only user of feedgen: published entries -> Atom 1.0, RSS 2.0 (feedgen) and JSON Feed 1.1
(the json module: feedgen cannot write it) bytes (docs/feeds.md#what-our-feeds-carry).
output.py writes them."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ._version import __version__
from .config import FeedConfig, SiteConfig
from .conversation import ENTRY_ID, TC_HOME
from .models import LICENCE_NAME, LICENCE_URL, Author, FeedEntry
from .output import FORMATS, GENERATOR_URI, author_name, file_digest, icon_url, logo_url
from .safetext import safe_url
from .wording import CREDIT, feed_words

CC_RSS_NS = "http://backend.userland.com/creativeCommonsRssModule"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# An empty feed still needs an <updated>: the date it was first written (render's
# ``since``), kept so that its bytes stay the same; never "now". This only when none is
# given (a library caller): feed readers choke on 1970.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ICON_SIZE = 144  # pixels: RSS <image> may be at most 144 wide
# Every byte but the C0 controls other than tab, LF and CR: those json escapes as \u00XX, and
# lxml refuses in a text (none is published either). A text's UTF-8 holding one is left to
# the library (bytes.translate(None, _NOT_C0_CONTROL) is empty otherwise).
_NOT_C0_CONTROL = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A, 0x0D))
# render_json: what stands for each item's content_html while the document is written (a
# non-character: no published text holds one, safetext.FORBIDDEN), as json writes it.
_HTML_MARK = "\uffff"
_QUOTED_HTML_MARK = json.dumps(_HTML_MARK, ensure_ascii=False)
# render, Atom and RSS: what stands for each entry's HTML while feedgen writes the document (a
# non-character, which XML allows and lxml writes as it is; no published text holds one,
# safetext.FORBIDDEN), in UTF-8; and what lxml refuses in a text (it raises) besides the C0
# controls (_NOT_C0_CONTROL): U+FFFE and U+FFFF. An HTML holding one is handed to lxml.
_XML_MARK = "\ufdd0"
_XML_MARK_UTF8 = _XML_MARK.encode()
_NONCHARACTERS = ("\ufffe", "\uffff")


def entry_id(article_id: int) -> str:
    """The entry id of article N, the same in every feed, format and run
    (docs/feeds.md#what-our-feeds-carry)."""
    return ENTRY_ID.format(article_id)


def feed_url(site: SiteConfig, feed: FeedConfig, fmt: str) -> str:
    """The public URL of a feed file: base_url + name + extension (its self link)."""
    return f"{site.base_url}{feed.name}.{fmt}"


def subtitle(feed: FeedConfig, language: str | None = None) -> str:
    """The feed's description, which always credits The Conversation
    (docs/feeds.md#what-our-feeds-carry): a configured description that does not gets the
    credit appended, in the feed's language (wording.py); with none, the credit alone."""
    if CREDIT.casefold() in feed.description.casefold():
        return feed.description
    credit = feed_words(language).credit.format(home=TC_HOME)
    return f"{feed.description.rstrip()} {credit}".lstrip()


def feed_language(feed: FeedConfig, entries: Sequence[FeedEntry]) -> str:
    """[[feed]] language, else the language most of its entries are in (the sources' own
    xml:lang), else "en"; ties go to the newest entry's language, so it does not flap."""
    if feed.language:
        return feed.language
    langs = Counter(e.language for e in entries if e.language)
    if not langs:
        return "en"
    top = max(langs.values())
    return next(e.language for e in entries if e.language and langs[e.language] == top)


def render(fmt: str, site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry],
           since: datetime | None = None) -> bytes:
    """The feed document in ``fmt`` (a key of FORMATS); entries newest first, as given.
    ``since``: when the feed was first written, its date while it has no entry."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt == "json":
        return render_json(site, feed, entries)
    return _xml_spliced(fmt, site, feed, entries, since or EPOCH) or \
        _xml(fmt, site, feed, entries, since or EPOCH)


def _xml(fmt: str, site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry],
         since: datetime, marked: bool = False) -> bytes:
    """The Atom or RSS document, written by feedgen (lxml); ``marked``: with _XML_MARK for
    each entry's HTML that is not empty."""
    fg = _generator(fmt, site, feed, entries, since, marked)
    if fmt == "atom":
        return bytes(fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True))
    return bytes(fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True))


def _xml_spliced(fmt: str, site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry],
                 since: datetime) -> bytes | None:
    """_xml(), with each entry's HTML (~20 KB, nine tenths of the file) written in as UTF-8
    after the rest, escaped as lxml escapes a text (&, <, > and CR; every other character
    as it is, in UTF-8: tests/test_feeds_render.py reads that from lxml, character by
    character). lxml copies the HTML into its tree and escapes it character by character
    on the way out; as bytes, four replacements (memchr-fast) do it. The same bytes
    (tested). benchmarks/run.py's 20 feeds of 25 entries: Atom 628 -> 405 M instructions,
    RSS 659 -> 435 M (callgrind).
    None when an HTML holds what lxml refuses (it is handed to lxml, which says so), or
    the marks in the document are not one for each HTML (a configured title holding one)."""
    escaped = []
    for e in entries:
        if not e.html:
            continue  # written as feedgen writes an empty content
        # (U+FFFE and U+FFFF looked for in the text, not in its UTF-8: a tenth of the time)
        if any(c in e.html for c in _NONCHARACTERS):
            return None
        try:
            data = e.html.encode()
        except UnicodeEncodeError:  # a lone surrogate
            return None
        if data.translate(None, _NOT_C0_CONTROL):
            return None
        escaped.append(data.replace(b"&", b"&amp;").replace(b"<", b"&lt;")
                       .replace(b">", b"&gt;").replace(b"\r", b"&#13;"))
    parts = _xml(fmt, site, feed, entries, since, marked=True).split(_XML_MARK_UTF8)
    if len(parts) != len(escaped) + 1:
        return None
    out = [parts[0]]
    for data, part in zip(escaped, parts[1:], strict=True):
        out += (data, part)
    return b"".join(out)


def render_file(fmt: str, site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry],
                since: datetime | None = None) -> tuple[bytes, str]:
    """render(), with the SHA-256 the state database records of the file written
    (output.file_digest): what a worker process hands back, so that the run's own process
    does not hash the ~30 MB of feeds that benchmarks/run.py's cold run writes (1.6 M
    instructions an article there, callgrind; a tenth of that natively, where SHA-256 has
    its own CPU instructions)."""
    data = render(fmt, site, feed, entries, since)
    return data, file_digest(data)


def render_json(site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the licence of every item in an
    ``_license`` extension object (the spec's custom-object convention: "_" prefix and an
    ``about`` URL). Deterministic: sorted keys, fixed indentation and separators."""
    language = feed_language(feed, entries)
    doc: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": site.base_url,
        "feed_url": feed_url(site, feed, "json"),
        "description": subtitle(feed, language),
        "icon": icon_url(site),
        "favicon": icon_url(site),
        "language": language,
        "items": [_json_item(e, language) for e in entries],
    }
    # Each item's HTML (~20 KB, nine tenths of the file) is written in as UTF-8 after the
    # rest: json escapes a string character by character into a new one, encoded again
    # with the document; as bytes, only its quotes, backslashes and line ends are replaced
    # (memchr-fast). The same bytes as json.dumps of the whole document (tested): 1.06 →
    # 0.74 M instructions an entry of benchmarks/run.py's feeds (callgrind).
    htmls = [item["content_html"] for item in doc["items"]]
    for item in doc["items"]:
        item["content_html"] = _HTML_MARK
    spliced = _spliced(_json_text(doc), htmls)
    if spliced is not None:
        return spliced
    # the mark found elsewhere too (a configured title holding it), or an HTML that json
    # escapes otherwise: json writes it all
    for item, content in zip(doc["items"], htmls, strict=True):
        item["content_html"] = content
    return (_json_text(doc) + "\n").encode("utf-8")


def _json_text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2, separators=(",", ": "))


def _spliced(text: str, htmls: Sequence[str]) -> bytes | None:
    """The JSON ``text`` with each _QUOTED_HTML_MARK replaced by the next of ``htmls`` as
    json writes a string, in UTF-8, and a line end; None when the marks are not one for
    each HTML, or an HTML holds a control json escapes as \\u00XX (any but tab, LF, CR)."""
    parts = text.split(_QUOTED_HTML_MARK)
    if len(parts) != len(htmls) + 1:
        return None
    out = [parts[0].encode()]
    for content, part in zip(htmls, parts[1:], strict=True):
        data = content.encode()
        if data.translate(None, _NOT_C0_CONTROL):
            return None
        out += (b'"', data.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
                .replace(b"\n", b"\\n").replace(b"\r", b"\\r").replace(b"\t", b"\\t"),
                b'"', part.encode())
    out.append(b"\n")
    return b"".join(out)


def _json_item(e: FeedEntry, feed_lang: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry_id(e.article_id),
        "url": e.url,
        "title": e.title,
        "content_html": e.html,
        "date_published": _rfc3339(e.published),
        "date_modified": _rfc3339(e.updated),
        "authors": [
            {"name": author_name(a),
             **({"url": a.profile_url} if a.profile_url and _linkable(a) else {})}
            for a in e.authors
        ],
        "_license": {
            "about": GENERATOR_URI,
            "name": LICENCE_NAME,
            "url": LICENCE_URL,
            **({"rights": e.rights} if e.rights else {}),
        },
    }
    if e.summary:
        item["summary"] = e.summary
    if e.categories:
        item["tags"] = list(e.categories)
    if e.language and e.language != feed_lang:
        item["language"] = e.language
    return item


def _linkable(author: Author) -> bool:
    """Whether an author's profile URL may be published (http/https, no script)."""
    return bool(author.profile_url) and safe_url(author.profile_url or "",
                                                 frozenset({"http", "https"}))


def _rfc3339(value: datetime) -> str:
    """RFC 3339 with its offset, as feedgen writes Atom dates: 2025-09-26T12:30:52+00:00."""
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r}: every date needs a time zone")
    return value.isoformat()


# --- feedgen ----------------------------------------------------------------------------


class AtomFeedExtras(BaseExtension):  # type: ignore[misc]  # feedgen is untyped
    """Feed-level half of the Atom extension: the licence is stated per entry."""


class RssFeedExtras(BaseExtension):  # type: ignore[misc]
    """Feed-level half of the RSS one: declares the namespace on <rss>, where feedgen looks
    for it."""

    def extend_ns(self) -> dict[str, str]:
        return {"creativeCommons": CC_RSS_NS}


class AtomEntryExtras(BaseEntryExtension):  # type: ignore[misc]
    """What feedgen cannot write in an Atom entry: <link rel="license" href="…"/> (RFC 4946;
    feedgen's link() refuses that rel value) and the entry's own xml:lang when it differs
    from the feed's."""

    def __init__(self) -> None:
        self.licence: str | None = None
        self.language: str | None = None

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self.language:
            entry.set(XML_LANG, self.language)
        if self.licence:
            # feedgen writes Atom elements without a namespace under xmlns="…Atom"
            link = etree.Element("link", rel="license", href=self.licence, type="text/html")
            # keep it beside the other links, before <summary>/<content> for readability
            links = entry.findall("link")
            if links:
                links[-1].addnext(link)
            else:
                entry.append(link)
        return entry


class RssEntryExtras(BaseEntryExtension):  # type: ignore[misc]
    """<creativeCommons:license> per RSS item (the Creative Commons RSS module). RSS 2.0 has
    no updated date: a correction shows as new content under the same guid. (An
    <atom:updated> here would be RFC 3339, which RSS consumers flag as a bad RSS date.)"""

    def __init__(self) -> None:
        self.licence: str | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.licence:
            etree.SubElement(item, f"{{{CC_RSS_NS}}}license").text = self.licence
        return item


def _generator(
    fmt: str, site: SiteConfig, feed: FeedConfig, entries: Sequence[FeedEntry], since: datetime,
    marked: bool = False,
) -> Any:
    fg = FeedGenerator()
    if fmt == "atom":
        fg.register_extension("extras", AtomFeedExtras, AtomEntryExtras, atom=True, rss=False)
    else:
        fg.load_extension("dc", atom=False, rss=True)
        fg.register_extension("extras", RssFeedExtras, RssEntryExtras, atom=False, rss=True)
    self_url = feed_url(site, feed, fmt)
    updated = max((e.updated for e in entries), default=since)
    language = feed_language(feed, entries)
    fg.id(feed_url(site, feed, "atom"))  # one id for the feed, whatever the format
    fg.title(feed.title)
    fg.subtitle(subtitle(feed, language))  # RSS <description>
    fg.language(language)
    fg.updated(updated)
    # feedgen would stamp "now": never (docs/feeds.md#what-our-feeds-carry)
    fg.lastBuildDate(updated)
    fg.generator("syndication", version=__version__, uri=GENERATOR_URI)
    fg.rights(feed_words(language).rights)
    fg.author({"name": site.title})
    # feedgen's logo() and image() each set both the Atom logo and the RSS image: the RSS
    # image is the square icon (readers show it as the feed's picture; at most 144 wide).
    if fmt == "atom":
        fg.icon(icon_url(site))
        fg.logo(logo_url(site))
    else:
        fg.image(url=icon_url(site), title=feed.title, link=site.base_url,
                 width=str(ICON_SIZE), height=str(ICON_SIZE))
    fg.link(href=self_url, rel="self", type=FORMATS[fmt])
    # RSS takes its <link> from the last link added: the alternate, the index page that
    # lists the feeds (judges' README).
    fg.link(href=site.base_url, rel="alternate", type="text/html")
    for e in entries:  # already newest first
        fe = fg.add_entry(order="append")
        fe.id(entry_id(e.article_id))
        fe.guid(entry_id(e.article_id), permalink=False)
        fe.title(e.title)
        fe.link(href=e.url, rel="alternate", type="text/html")
        fe.published(e.published)
        fe.updated(e.updated)
        if e.summary and fmt == "atom":
            fe.summary(e.summary)  # type text: Atom readers show it as text
        elif e.summary:
            # RSS <description> is read as HTML: the source's plain-text summary is escaped,
            # so that markup in it is shown, never run (an onerror summary ran in a reader)
            fe.summary(html.escape(e.summary, quote=False))
        # escaped text; RSS puts it in content:encoded
        fe.content(_XML_MARK if marked and e.html else e.html, type="html")
        other_language = e.language if e.language and e.language != language else None
        if fmt == "atom":
            for a in e.authors:
                author = {"name": author_name(a)}
                if a.profile_url and _linkable(a):
                    author["uri"] = a.profile_url
                fe.author(author)
            if e.rights:
                fe.rights(e.rights)
            fe.extras.language = other_language
        else:
            # RSS <author> must be an e-mail address: names go in dc:creator (judges' README)
            fe.dc.dc_creator([author_name(a) for a in e.authors])
            if e.rights:
                fe.dc.dc_rights(e.rights)
            if other_language:
                fe.dc.dc_language(other_language)
        for c in e.categories:
            fe.category(term=c)
        fe.extras.licence = LICENCE_URL
    return fg
