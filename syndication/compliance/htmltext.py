"""Pure: HTML -> the words a reader sees, normalised so that markup, whitespace and typography
do not count as changes (docs/compliance.md#rule-unaltered-text), with the word range of chosen
elements.
A "word" here is a token: a run of letters and digits, or one punctuation mark."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree
from lxml.etree import HTMLParser, XPath, _Element

from ..errors import DocumentCut
from ..tokens import _WORD, fold_name, join_words, key, normalise, words

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "Text", "extract", "fold_name", "join_words",
           "key", "looks_like_html", "normalise", "parse_fragment", "parse_page", "tag_name",
           "text_of", "words"]

# Elements whose edges separate words even when the markup has no whitespace there.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul img iframe video audio picture source".split()
)
# Elements whose text is never shown as article text.
SKIP_TAGS = frozenset("script style template noscript head title".split())

@dataclass(frozen=True, slots=True)
class Text:
    """The words of an HTML tree and where chosen elements' words lie among them."""

    words: tuple[str, ...]
    # word index range [start, end) of each element the ``mark`` callback picked
    spans: dict[Hashable, tuple[int, int]]


_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|p|div|span|a|br|h[1-6]|article|section|main|img|em|"
    r"strong|ul|ol|li|figure|table|meta|script)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a document is HTML rather than plain text (some common tag in its start)."""
    return _HTML_TAG.search(text[:65536]) is not None


def _parser() -> HTMLParser:
    """libxml2's HTML parser with lxml.html's options, but plain etree elements: lxml.html's
    own element classes are chosen by a Python callback for every element touched, a tenth
    of the time of reading an article. A new one per parse (under a microsecond): its error
    log then says whether this parse, in this thread, read its document whole."""
    return etree.HTMLParser()


def parse_fragment(html: str, *, partial: bool = False) -> _Element:
    """Parse an HTML fragment into a tree under one <div> (lxml, one parse), as
    lxml.html.fragment_fromstring(html, create_parent="div") does. Raises DocumentCut when
    the parser stopped before the end (see _read_whole), unless ``partial``: what it read
    is enough (a glance for an article id)."""
    # the leading text, if any, then the elements (lxml-stubs types the list as elements)
    parser = _parser()
    parts: list[object] = list(lxml.html.fragments_fromstring(html or " ", parser=parser))
    if not partial:
        _read_whole(parser)
    root = etree.Element("div")
    lead = parts[0] if parts else None
    if isinstance(lead, str):
        root.text = lead
    root.extend(p for p in parts if isinstance(p, etree._Element))
    return root


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_page(html: str, *, partial: bool = False) -> _Element:
    """Parse a whole page (or a fragment) as a document: <html> with <head> and <body>.
    Raises DocumentCut when the parser stopped before the end, unless ``partial``.

    An XML declaration is dropped first: lxml refuses one in an already decoded string."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        html = "<html><body></body></html>"
    parser = lxml.html.HTMLParser()  # one per parse: its error log is this parse's alone
    root: _Element = lxml.html.document_fromstring(html, parser=parser)
    if not partial:
        _read_whole(parser)
    return root


_DEPTH = re.compile(r"depth in document: (\d+)", re.IGNORECASE)


def _read_whole(parser: HTMLParser) -> None:
    """Raise DocumentCut when ``parser`` stopped before the end of what it was given: libxml2
    logs a fatal error when a resource limit ends the parse (elements nested deeper than its
    limit, 256 levels without XML_PARSE_HUGE; a text node past its buffer) and returns the
    tree read so far, silently (docs/compliance.md#deep-nesting). The limit is read from the
    parser's message, not assumed."""
    for error in parser.error_log:
        if error.level_name != "FATAL":
            continue
        m = _DEPTH.search(error.message)
        if m:
            raise DocumentCut(f"its elements are nested deeper than the HTML parser's limit "
                              f"({m.group(1)} levels), where the parser stops")
        raise DocumentCut(f"the HTML parser stopped before its end ({error.message.strip()})")


def tag_name(el: _Element) -> str:
    """The element's tag in lower case; "" for comments and processing instructions."""
    tag: object = el.tag
    return tag.lower() if isinstance(tag, str) else ""


@cache
def _string_value() -> XPath:
    """Compiled once: el.xpath() compiles its expression on every call."""
    return etree.XPath("string()")


def text_of(el: _Element) -> str:
    """All the text inside ``el`` (not its tail), as a reader sees it."""
    return str(_string_value()(el))


#: Text pieces already tokenised: piece -> (its tokens, it starts with a word character,
#: it ends with one). An original's, kept to read its republication, which repeats them.
Pieces = dict[str, tuple[tuple[str, ...], bool, bool]]
_NOTHING: tuple[tuple[str, ...], bool, bool] = ((), False, False)  # normalised to ""


def extract(root: _Element, mark: Callable[[_Element], Hashable | None] | None = None,
            known: Pieces | None = None, *, keep: Pieces | None = None,
            hidden: Callable[[_Element], bool] | None = None) -> Text:
    """Words of ``root``; for each element where ``mark`` returns a key, its word range.

    Text is tokenised piece by piece (an element's text, a tail) as the tree is walked, a
    word that runs on from one piece into the next (``wo<em>rd</em>``) joined back. A range
    starts at the first token ending after its start (a word cut by it belongs to it) and
    ends before the first token starting at or after its end. Pieces found in ``known`` are
    not tokenised again; ``keep``, when given, receives every piece's tokens. An element
    ``hidden`` says a reader does not see has no words (as a script), only a place."""
    words: list[str] = []
    starts: dict[Hashable, int] = {}
    ends: dict[Hashable, int] = {}  # in the order elements end: that of spans
    tokenised: Pieces = keep if keep is not None else {}
    if known:
        tokenised.update(known)
    # The text so far ends inside a word, which a piece starting with a word character
    # goes on with. ``waiting``: marked elements starting there, whose first token is
    # that word or the next one, as the next piece will say.
    in_word = False
    waiting: list[Hashable] = []

    def text(piece: str) -> None:
        nonlocal in_word
        found = tokenised.get(piece)
        if found is None:
            norm = normalise(piece)  # piece by piece: most pass NFKC's quick check
            found = ((tuple(_tokens(norm)), _is_word_char(norm[0]), _is_word_char(norm[-1]))
                     if norm else _NOTHING)
            tokenised[piece] = found
        if found is _NOTHING:  # nothing a reader sees (a soft hyphen): a word goes on
            return
        tokens, first, last = found
        if not tokens:  # spaces
            stop()
            return
        joined = in_word and first
        for mark_key in waiting:
            starts[mark_key] = len(words) - joined
        waiting.clear()
        if joined:
            words[-1] += tokens[0]
            words.extend(tokens[1:])
        else:
            words.extend(tokens)
        in_word = last

    def stop() -> None:  # a space or a block's edge: no word goes on across it
        nonlocal in_word
        for mark_key in waiting:
            starts[mark_key] = len(words)
        waiting.clear()
        in_word = False

    def walk(el: _Element) -> None:
        raw: object = el.tag
        if not isinstance(raw, str):  # comments, processing instructions
            return
        tag = raw.lower()
        key = mark(el) if mark is not None else None
        # no words, but a place: where a script stands matters
        skip = tag in SKIP_TAGS or (hidden is not None and hidden(el))
        block = not skip and tag in BLOCK_TAGS
        if block:
            stop()
        if key is not None:
            if in_word:
                waiting.append(key)
            else:
                starts[key] = len(words)
        if not skip:
            s = el.text
            if s:
                text(s)
            for child in el:
                walk(child)  # noqa: F821 -- bound until the walk is over (del below)
                s = child.tail
                if s:
                    text(s)
        if key is not None:
            ends[key] = len(words)
        if block:
            stop()

    walk(root)
    stop()
    # walk() calls itself through its closure: a reference cycle that would keep this
    # call's lists and pieces alive until the garbage collector came by. Broken here.
    del walk
    return Text(tuple(words), {key: (starts[key], end) for key, end in ends.items()})


def _is_word_char(c: str) -> bool:
    """\\w for one character: a letter or digit (str.isalnum), or "_"."""
    return c.isalnum() or c == "_"


def _tokens(text: str) -> list[str]:
    """_WORD.findall(text), sooner: most whitespace-separated words are letters and digits
    only (str.isalnum is \\w without "_", and str.split's spaces are \\s), and only the
    others go through the regular expression, which is slow with Unicode classes."""
    out: list[str] = []
    add, more = out.append, out.extend
    for w in text.split():
        if w.isalnum():
            add(w)
        else:
            more(_WORD.findall(w))
    return out
