"""Pure: HTML -> the words a reader sees, normalised so that markup, whitespace and typography
do not count as changes (SPEC §3 `unaltered-text`), with the word range of chosen elements.
A "word" here is a token: a run of letters and digits, or one punctuation mark."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import lxml.html
from lxml.etree import _Element

# Elements whose edges separate words even when the markup has no whitespace there.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul img iframe video audio picture source".split()
)
# Elements whose text is never shown as article text.
SKIP_TAGS = frozenset("script style template noscript head title".split())

# Typography folded alike on both sides: curly quotes, primes, dashes, minus, spaces.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None,
    "\ufeff": None,
})
# A token is a run of letters and digits, or one punctuation mark: where a republisher puts
# spaces around punctuation ("mot :" / "mot:", "España —junto" / "España — junto") is house
# style, not wording, so whitespace only separates tokens and never is one.
_WORD = re.compile(r"\w+|[^\w\s]")
# No space before these when tokens are joined back into an excerpt; none after the openers.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'\"…/")
_NO_SPACE_AFTER = frozenset("([{'\"-/")


def normalise(text: str) -> str:
    """Fold typography and compatibility forms so that only real wording differs."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def words(text: str) -> list[str]:
    """The normalised tokens (words and punctuation marks) of plain text."""
    return _WORD.findall(normalise(text))


def join_words(tokens: Iterable[str]) -> str:
    """Tokens back into readable text for evidence: "la ( Madrid ) ," -> "la (Madrid),"."""
    out: list[str] = []
    glue = True
    for t in tokens:
        if out and not glue and t not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(t)
        glue = t in _NO_SPACE_AFTER
    return "".join(out)


def key(text: str) -> str:
    """A name or phrase as a space-separated token string, without case or accents: compare
    it with ``f" {key} " in f" {other} "`` so that "Ana" is not found inside "Diana"."""
    return " ".join(words(fold_name(text)))


def fold_name(text: str) -> str:
    """A name compared without case or accents ("Luis Gascó" is "luis gasco")."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True, slots=True)
class Text:
    """The words of an HTML tree and where chosen elements' words lie among them."""

    words: tuple[str, ...]
    # word index range [start, end) of each element the ``mark`` callback picked
    spans: dict[Hashable, tuple[int, int]]


def decode(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page -> text: the charset the server declared, else what the document
    says (BOM, <meta charset>), else a guess (bs4's UnicodeDammit, made for this)."""
    from bs4 import UnicodeDammit  # only for pages read from outside: imported on use

    declared = []
    if content_type:
        m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if m:
            declared.append(m.group(1))
    dammit = UnicodeDammit(data, known_definite_encodings=declared, is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("utf-8", "replace")
    return str(dammit.unicode_markup)


_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|p|div|span|a|br|h[1-6]|article|section|main|img|em|"
    r"strong|ul|ol|li|figure|table|meta|script)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML rather than plain text (some common tag in its start)."""
    return _HTML_TAG.search(text[:65536]) is not None


def parse_fragment(html: str) -> _Element:
    """Parse an HTML fragment into a tree under one <div> (lxml, one parse)."""
    root: _Element = lxml.html.fragment_fromstring(html or " ", create_parent="div")
    return root


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_page(html: str) -> _Element:
    """Parse a whole page (or a fragment) as a document: <html> with <head> and <body>.

    An XML declaration is dropped first: lxml refuses one in an already decoded string."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        html = "<html><body></body></html>"
    root: _Element = lxml.html.document_fromstring(html)
    return root


def tag_name(el: _Element) -> str:
    """The element's tag in lower case; "" for comments and processing instructions."""
    tag: object = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def text_of(el: _Element) -> str:
    """All the text inside ``el`` (not its tail), as a reader sees it."""
    return str(el.xpath("string()"))


def extract(root: _Element, mark: Callable[[_Element], Hashable | None] | None = None) -> Text:
    """Words of ``root``; for each element where ``mark`` returns a key, its word range."""
    pieces: list[str] = []
    length = 0
    char_spans: dict[Hashable, tuple[int, int]] = {}

    def add(s: str | None) -> None:
        nonlocal length
        if s:
            s = normalise(s)
            pieces.append(s)
            length += len(s)

    def walk(el: _Element) -> None:
        nonlocal length
        tag = tag_name(el)
        if not tag:
            return
        key = mark(el) if mark is not None else None
        if tag in SKIP_TAGS:  # no words, but a place: where a script stands matters
            if key is not None:
                char_spans[key] = (length, length)
            return
        block = tag in BLOCK_TAGS
        if block:
            add(" ")
        start = length
        add(el.text)
        for child in el:
            walk(child)
            add(child.tail)
        if key is not None:
            char_spans[key] = (start, length)
        if block:
            add(" ")

    walk(root)
    flat = "".join(pieces)
    matches = list(_WORD.finditer(flat))
    if not char_spans:
        return Text(tuple(m.group() for m in matches), {})
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    spans = {
        key: (bisect_left(ends, a + 1), bisect_left(starts, b))
        for key, (a, b) in char_spans.items()
    }
    return Text(tuple(m.group() for m in matches), spans)
