"""Pure: The Conversation's Atom bytes -> SourceFeed of Articles
(docs/the-conversation.md#atom-feeds). XML is parsed with defusedxml, so DTDs, entity expansion
and external entities are refused, not obeyed. An article page -> Article is articlepage.py's:
it needs the checker's page parser, which a run reading its sources does not."""

from __future__ import annotations

import codecs
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import defusedxml
import defusedxml.ElementTree as DET

from . import utc
from .conversation import (
    TC_HOST,
    article_id_from_entry_id,
    article_id_from_url,
    is_tc_url,
)
from .errors import ParseError
from .lazyre import lazy_compile
from .models import Article, Author, FeedEntry, Notice, SourceFeed
from .notices import notice
from .safetext import (
    forbidden_character,
    forbidden_reference,
    quoted,
    search_forbidden,
    utf8_may_hold_forbidden,
)
from .urls import split

ATOM = "{http://www.w3.org/2005/Atom}"
FOAF_HOMEPAGE = "{http://xmlns.com/foaf/0.1/}homepage"
RDF_RESOURCE = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# Words that start (or make up) an institution's name in The Conversation's credits. Used
# only to tell where a multi-comma institution begins ("University of California, Santa
# Barbara"); the last comma-part is always the institution, whatever its words.
_INSTITUTION_WORDS = lazy_compile(
    r"\b(universit|universidad|universidade|universitas|université|universität|institut|"
    r"instituto|istituto|college|school|hospital|centre|center|centro|academy|académie|"
    r"academia|museum|musée|laborator|polytechn|politécnic|politecnic|cnrs|inserm|inrae|"
    r"foundation|fondation|fundación|council|agency|ministry|trust|society|clinic|"
    r"ecole|école|escuela|escola|sciences po|research)",
    re.IGNORECASE,
)


# The dates an entry may carry: none before the Unix epoch (The Conversation began in 2011;
# year 1 or 9999 overflows as soon as an offset is applied), none later than the run's clock
# plus this skew (a date in the future would keep the entry at the top of every feed and
# push verified entries out).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=15)

# What one source and one entry may hold (README "When input is broken or hostile"; figures
# in characters). The Conversation's own are far inside: a feed holds its newest 25 to 50
# entries, a headline some 100 characters, a standfirst 200, a credit ("Name, Role,
# Institution") 160, an article 20 to 60 KB of HTML. Each field below reaches every feed
# reader in three formats, the index page and the state file (a 300 KB author name made
# ~3.6 MB of output for one entry); none of them is ours to cut (the title, standfirst,
# credits and text are the article's, CC BY-ND), so an entry past one is refused, named in
# one line, and the version published earlier stays.
MAX_ENTRIES = 500  # a source's entries read in a run, in document order (newest first)
MAX_TITLE = 1_000
MAX_SUMMARY = 5_000
MAX_CREDIT = 1_000  # one <author>'s <name>
MAX_AUTHORS = 50
MAX_URL = 2_000  # the link, an author's profile
MAX_RIGHTS = 1_000
MAX_LANGUAGE = 64  # xml:lang (RFC 5646 tags are some 10 characters, 35 at most in practice)
MAX_CONTENT = 1_000_000  # the article's HTML
# Categories are the source's topic labels, not the article's text: beyond these, labels are
# left out (a label is never cut, which would make it another) and the run says so.
MAX_CATEGORY = 200
MAX_CATEGORIES = 50


def parse_xml(data: bytes, where: str) -> ET.Element:
    """``data`` as an XML tree, safely: DTDs and entities are refused (defusedxml). Raises
    ParseError naming ``where`` when the document is unsafe or not well-formed."""
    try:
        root: ET.Element = DET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as e:
        raise ParseError(where, f"refused unsafe XML ({type(e).__name__}: {e})") from e
    except ET.ParseError as e:
        raise ParseError(where, f"not well-formed XML ({e})") from e
    return root


def parse_feed(data: bytes, url: str, *, now: datetime | None = None) -> SourceFeed:
    """Parse an Atom document of The Conversation. Raises ParseError (naming ``url``) when the
    document is not well-formed, not Atom, or uses DTDs/entities; a bad entry is skipped and
    named in ``problems``, never fatal to the others: one with a character XML 1.0 forbids
    (safetext.FORBIDDEN), a date out of range or, given ``now``, dated beyond ``now`` plus
    CLOCK_SKEW, or a field past its bound (MAX_TITLE…). Only the first MAX_ENTRIES entries
    are read: the rest of the document is not parsed (``notes`` says so)."""
    _check_encoding(data, url)
    root, entries, more = _read_entries(data, url)
    if root.tag != f"{ATOM}feed":
        raise ParseError(url, f"not an Atom feed (root element is {quoted(_local(root.tag))})")

    feed_lang = root.get(XML_LANG)
    clean = _clean_document(data)
    articles: list[Article] = []
    problems: list[Notice] = []
    notes: list[Notice] = []
    if more:
        notes.append(notice("entries", f"holds more than {MAX_ENTRIES} entries (The "
                            f"Conversation's hold 25 to 50): only the first {MAX_ENTRIES} "
                            "were read"))
    seen: set[int] = set()
    for i, entry in enumerate(entries, start=1):
        said: list[str] = []
        try:
            article = parse_entry(entry, url, feed_lang, now=now, clean=clean,
                                  notes=said, where=f"entry {i}: ")
        except (ValueError, OverflowError) as e:  # a bad entry, never the whole feed
            problems.append(notice(_entry_key(entry), f"entry {i}: {e}", _entry_bytes(entry)))
            continue
        notes += [notice(f"{_entry_key(entry)} categories", line, _entry_bytes(entry))
                  for line in said]
        if article.article_id in seen:  # the same article twice in one feed: keep the first
            continue
        seen.add(article.article_id)
        articles.append(article)
    return SourceFeed(
        url=url,
        feed_id=_text(root, "id"),
        title=_text(root, "title"),
        language=feed_lang,
        articles=tuple(articles),
        skipped=tuple(problems),
        left_out=tuple(notes),
    )


def _entry_key(entry: ET.Element) -> str:
    """What names an entry from run to run, whatever its place in the feed (a notice's key,
    notices.py): its <id>, else its link, else a digest of its bytes."""
    # Deferred, as in notices.notice: test_checking_files_loads_no_hashlib.
    import hashlib

    return (_text(entry, "id") or _alternate_link(entry)
            or "entry " + hashlib.sha256(_entry_bytes(entry)).hexdigest()[:16])


def _entry_bytes(entry: ET.Element) -> bytes:
    """The entry as its source sent it (its XML, without the space after it): a notice
    about it is said again when these change (notices.py)."""
    tail, entry.tail = entry.tail, None
    try:
        return ET.tostring(entry)
    finally:
        entry.tail = tail


def _read_entries(data: bytes, where: str) -> tuple[ET.Element, list[ET.Element], bool]:
    """The document's root element and its first MAX_ENTRIES Atom entries (at any depth, in
    document order), parsed as safely as parse_xml; and whether it holds more. The parse
    stops at the entry after the last one read: a 10 MB feed of 40,000 tiny entries cost
    2.3 s of parsing alone in every run it was fetched (and 6.5 s with the work on its
    entries); read to its 501st entry, 0.06 s."""
    root: ET.Element | None = None
    entries: list[ET.Element] = []
    tag = f"{ATOM}entry"
    try:
        for event, element in DET.iterparse(io.BytesIO(data), events=("start", "end"),
                                            forbid_dtd=True):
            if root is None:
                root = element
            if event == "end" and element.tag == tag:
                if len(entries) == MAX_ENTRIES:
                    return root, entries, True
                entries.append(element)
    except defusedxml.DefusedXmlException as e:
        raise ParseError(where, f"refused unsafe XML ({type(e).__name__}: {e})") from e
    except ET.ParseError as e:
        raise ParseError(where, f"not well-formed XML ({e})") from e
    if root is None:  # the parser raises first: no element at all is not well-formed
        raise ParseError(where, "not well-formed XML (no element found)")
    return root, entries, False


_DECLARED_ENCODING = lazy_compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _check_encoding(data: bytes, url: str) -> None:
    """Refuse a document that declares a single-byte encoding (ISO-8859-1, windows-1252…)
    while its bytes are UTF-8 with non-ASCII text: read as declared, every accented letter
    and dash would become mojibake, and mojibake would be "the source" the checker compares
    with. Bytes invalid in their declared encoding are refused by the parser itself. A
    UTF-8 byte-order mark says UTF-8 too: expat obeys the declaration after it, so a BOM
    before such a declaration let mojibake through (published, or each entry refused for a
    C1 control its mojibake holds)."""
    bom = data.startswith(codecs.BOM_UTF8)
    match = _DECLARED_ENCODING.match(data.removeprefix(codecs.BOM_UTF8))
    if match is None or data.isascii():
        return
    declared = match.group(1).decode("ascii")
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return  # the parser names the unknown encoding
    if name.startswith("utf"):
        return
    if bom:
        raise ParseError(url, f"begins with a UTF-8 byte-order mark but declares encoding "
                         f"{quoted(declared)}: read as declared, its text would be garbled "
                         "(mojibake), so it is refused")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # genuinely in another encoding
    raise ParseError(url, f"declares encoding {quoted(declared)} but its bytes are UTF-8: read as "
                     "declared, its text would be garbled (mojibake), so it is refused")


def parse_entry(entry: ET.Element, source_url: str, feed_lang: str | None, *,
                now: datetime | None = None, clean: bool = False,
                notes: list[str] | None = None, where: str = "") -> Article:
    """One Atom entry -> Article. Raises ValueError naming the missing or bad element, or
    the field past its bound (MAX_TITLE…). ``clean``: its document holds no character XML
    forbids (_clean_document). Categories past MAX_CATEGORY or MAX_CATEGORIES are left out,
    said in ``notes`` (prefixed by ``where``)."""
    _refuse_forbidden(entry, clean)
    entry_id = _text(entry, "id") or ""
    link = _alternate_link(entry)
    article_id = article_id_from_entry_id(entry_id) or (
        article_id_from_url(link) if link else None)
    if article_id is None:
        raise ValueError(f"no article id in <id> {quoted(entry_id)} nor in the link")
    if not link:
        raise ValueError(f"article {article_id}: no rel=alternate link")
    title = _text(entry, "title")
    if not title:
        raise ValueError(f"article {article_id}: no title")
    content_el = entry.find(f"{ATOM}content")
    if content_el is None or not (content_el.text or "").strip():
        raise ValueError(f"article {article_id}: no content")
    if content_el.get("type", "text") not in ("html", "text/html"):
        kind = quoted(str(content_el.get("type")))
        raise ValueError(f"article {article_id}: content type {kind}, expected html")
    updated = _date(entry, "updated", article_id, now=now)
    published = _date(entry, "published", article_id, default=updated, now=now)
    credits = [(_text(a, "name") or "", _homepage(a)) for a in entry.iter(f"{ATOM}author")]
    summary, rights = _text(entry, "summary"), _text(entry, "rights")
    language = entry.get(XML_LANG) or feed_lang
    content = content_el.text or ""
    problem = _too_long(link, title, summary, rights, language, credits, content)
    if problem is not None:
        raise ValueError(f"article {article_id}: {problem}")
    authors = tuple(parse_author(name, home) for name, home in credits)
    return Article(
        article_id=article_id,
        url=link,
        title=title,
        summary=summary,
        published=published,
        updated=updated,
        authors=tuple(a for a in authors if a.name),
        rights=rights,
        content=content,
        language=language,
        categories=_categories(entry, article_id, notes, where),
        source_url=source_url,
    )


def _too_long(link: str, title: str, summary: str | None, rights: str | None,
              language: str | None, credits: Sequence[tuple[str, str | None]],
              content: str | None = None) -> str | None:
    """Which field of an entry is past its bound (MAX_TITLE…), and how long it is; None
    when none is. ``credits``: each author's (name as the source wrote it, profile)."""
    fields = [("<link>", link, MAX_URL), ("<title>", title, MAX_TITLE),
              ("<summary>", summary, MAX_SUMMARY), ("<rights>", rights, MAX_RIGHTS),
              ("xml:lang", language, MAX_LANGUAGE), ("<content>", content, MAX_CONTENT),
              *(f for name, home in credits for f in (
                  ("<author> <name>", name, MAX_CREDIT), ("<author>'s profile", home, MAX_URL)))]
    for name, text, bound in fields:
        if text is not None and len(text) > bound:
            return (f"{name} is {len(text):,} characters long (at most {bound:,}): refused, "
                    "as it may not be cut")
    if len(credits) > MAX_AUTHORS:
        return (f"{len(credits)} authors (at most {MAX_AUTHORS}): refused, as no credit may "
                "be left out")
    return None


def size_problem(entry: FeedEntry) -> str | None:
    """Why a stored entry may not be published for a field past its bound (stored before
    parse_entry bounded them, or edited since), as parse_entry would refuse it; None when
    it may."""
    credits = [(", ".join(x for x in (a.name, a.role, a.institution) if x), a.profile_url)
               for a in entry.authors]
    return _too_long(entry.url, entry.title, entry.summary, entry.rights, entry.language,
                     credits)


def bounded_categories(labels: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """The first MAX_CATEGORIES of ``labels`` of at most MAX_CATEGORY characters, whole; and
    what was left out, in words (None when nothing was)."""
    kept = [label for label in labels if len(label) <= MAX_CATEGORY]
    long = len(labels) - len(kept)
    extra = max(0, len(kept) - MAX_CATEGORIES)
    if not (long or extra):
        return tuple(labels), None
    said = [f"{long} over {MAX_CATEGORY} characters" if long else "",
            f"{extra} past the first {MAX_CATEGORIES}" if extra else ""]
    return (tuple(kept[:MAX_CATEGORIES]), f"{long + extra} of its {len(labels)} categories "
            f"left out ({', '.join(x for x in said if x)})")


def _categories(entry: ET.Element, article_id: int, notes: list[str] | None,
                where: str) -> tuple[str, ...]:
    """The entry's category labels (label, else term), bounded (bounded_categories); what is
    left out is said in ``notes``."""
    labels = [c.get("label") or c.get("term") or "" for c in entry.iter(f"{ATOM}category")]
    kept, left_out = bounded_categories([label for label in labels if label])
    if left_out is not None and notes is not None:
        notes.append(f"{where}article {article_id}: {left_out}; the article is published "
                     "without them")
    return kept


def parse_author(raw: str, profile_url: str | None = None) -> Author:
    """Split The Conversation's "Name, Role, Institution" (docs/the-conversation.md#authors).

    The name is everything before the first comma. The institution is the last comma-part,
    extended leftwards while the part before it names an institution and the part itself does
    not ("University of California, Santa Barbara"). The role is what lies between, commas and
    semicolons kept.
    """
    parts = [p.strip() for p in raw.strip().split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return Author(name="", role=None, institution=None, profile_url=profile_url)
    name, rest = parts[0], parts[1:]
    if not rest:
        return Author(name=name, role=None, institution=None, profile_url=profile_url)
    if len(rest) == 1:
        # "Name, X": X is the institution when it reads like one, else a role.
        if _INSTITUTION_WORDS.search(rest[0]):
            return Author(name=name, role=None, institution=rest[0], profile_url=profile_url)
        return Author(name=name, role=rest[0], institution=None, profile_url=profile_url)
    start = len(rest) - 1
    while (
        start > 1
        and not _INSTITUTION_WORDS.search(rest[start])
        and _INSTITUTION_WORDS.search(rest[start - 1])
    ):
        start -= 1
    return Author(
        name=name,
        role=", ".join(rest[:start]) or None,
        institution=", ".join(rest[start:]),
        profile_url=profile_url,
    )


# What str.isspace() calls a space (re's \s is the same test, Py_UNICODE_ISSPACE), found in
# C: a generator over the URL's characters was a fifth of link_problem's time.
_SPACE = lazy_compile(r"\s")


def link_problem(url: str, article_id: int) -> str | None:
    """Why ``url`` may not be published as the link of article N, or None when it may: it
    must be an https URL of The Conversation whose path names the same article id
    (docs/compliance.md#rule-source-link). Never javascript:, data: or another site."""
    if forbidden_character(url) is not None or _SPACE.search(url):
        return f"link {quoted(url)} holds characters a URL may not"
    try:
        parts = split(url)  # as a browser reads it: a backslash ends the host
        port = parts.port
    except ValueError:
        return f"link {quoted(url)} is not a URL"
    if parts.scheme != "https":
        return f"link {quoted(url)} is not an https URL"
    if parts.username is not None or parts.password is not None or port not in (None, 443):
        return f"link {quoted(url)} names a user, a password or a port"
    if not is_tc_url(url):
        return f"link {quoted(url)} is not on The Conversation ({TC_HOST})"
    linked = article_id_from_url(url)
    if linked != article_id:
        return (f"link {quoted(url)} names article {linked}, not {article_id}" if linked else
                f"link {quoted(url)} names no article id")
    return None


def _alternate_link(entry: ET.Element) -> str | None:
    for link in entry.iter(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _homepage(author: ET.Element) -> str | None:
    home = author.find(FOAF_HOMEPAGE)
    if home is not None and home.get(RDF_RESOURCE):
        return home.get(RDF_RESOURCE)
    return _text(author, "uri")


_HTML_TYPES = ("html", "text/html", "xhtml")  # the Atom text constructs that are HTML


def _clean_document(data: bytes) -> bool:
    """Whether no text or attribute of the XML document ``data`` (parsed, so well-formed)
    holds a character XML 1.0 forbids, told from its bytes: read as UTF-8 (no declaration, or
    one naming UTF-8), every character of its text is in its bytes as they are, unless an XML
    character reference (&#…;) makes it. Tested once for the whole document, an entry's text
    is not joined and encoded again to be tested: parse_feed went from 2.29 M to 1.69 M
    instructions an entry (callgrind, benchmarks/run.py's feeds). False: test each entry."""
    if b"\x00" in data:
        return False  # UTF-16 or UTF-32 (told by their mark, or by "<\x00")
    match = _DECLARED_ENCODING.match(data.removeprefix(codecs.BOM_UTF8))
    if match is not None:
        try:
            if codecs.lookup(match.group(1).decode("ascii")).name != "utf-8":
                return False  # e.g. ISO-8859-1: its byte \x85 is U+0085
        except LookupError:
            return False
    return b"&#" not in data and not utf8_may_hold_forbidden(data, well_formed_xml=True)


def _refuse_forbidden(entry: ET.Element, clean: bool = False) -> None:
    """Refuse an entry holding a character XML 1.0 forbids, in any text or attribute, or, in
    its HTML (content, summary), as a character reference: published, it would make every
    feed holding it unreadable, and it may not be removed (the text is not ours to change).
    ``clean``: its document holds no such character (_clean_document); references in its
    HTML are still looked for."""
    # Every text and attribute value scanned at once (in C): when no character is found,
    # only the HTML holding character references is read, for them.
    clean = clean or search_forbidden("".join(
        [*entry.itertext(), *(v for el in entry.iter() for v in el.attrib.values())])) is None
    for el in entry.iter():
        html = el.get("type") in _HTML_TYPES
        if clean:
            if html and el.text:
                _refuse(_local(el.tag), forbidden_reference(el.text))
            continue
        places = [(_local(el.tag), el.text, html)]
        places += [(f"{_local(el.tag)} {_local(k)}", v, False) for k, v in el.attrib.items()]
        for where, text, as_html in places:
            _refuse(where, forbidden_character(text, html=as_html) if text else None)


def _refuse(where: str, found: str | None) -> None:
    if found is not None:
        raise ValueError(f"<{where}> holds {found}, a character XML 1.0 forbids or "
                         "discourages: refused")


def _date(entry: ET.Element, name: str, article_id: int,
          default: datetime | None = None, now: datetime | None = None) -> datetime:
    raw = _text(entry, name)
    if raw is None:
        if default is not None:
            return default
        raise ValueError(f"article {article_id}: no <{name}>")
    try:
        value = sane_date(raw, now=now)
    except ValueError as e:
        raise ValueError(f"article {article_id}: <{name}> {quoted(raw)} {e}") from e
    return value


def sane_date(raw: str, *, now: datetime | None = None) -> datetime:
    """An RFC 3339 / ISO 8601 date -> an aware UTC datetime between EARLIEST and ``now`` plus
    CLOCK_SKEW. Raises ValueError saying what is wrong (never OverflowError)."""
    try:
        value = datetime.fromisoformat(raw.strip())
        if value.tzinfo is None:  # tolerated; The Conversation writes UTC
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
    except ValueError as e:
        raise ValueError("is not an RFC 3339 date") from e
    except OverflowError as e:  # year 1 or 9999 with an offset
        raise ValueError("is out of range (before 1970 or after the present)") from e
    if value < EARLIEST:
        raise ValueError("is out of range (before 1970 or after the present)")
    if now is not None and value > now + CLOCK_SKEW:
        raise ValueError(f"is in the future (more than {CLOCK_SKEW.seconds // 60} min after "
                         f"{utc.timestamp(now)}): refused")
    return value


def _text(el: ET.Element, name: str) -> str | None:
    child = el.find(f"{ATOM}{name}")
    if child is None or child.text is None:
        return None
    text = child.text.strip()
    return text or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def looks_like_atom(data: bytes | str) -> bool:
    """Whether a document is an Atom feed rather than an HTML page (its first element)."""
    head = data[:4096].decode("utf-8", "replace") if isinstance(data, bytes) else data[:4096]
    head = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", head, flags=re.S | re.I)
    m = re.search(r"<([A-Za-z][\w:.-]*)", head)
    return m is not None and m.group(1).rsplit(":", 1)[-1] == "feed"
