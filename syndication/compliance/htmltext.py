"""Pure: HTML -> the words a reader sees, normalised so that markup, whitespace and typography
do not count as changes (docs/compliance.md#rule-unaltered-text), with the word range of chosen
elements.
A "word" here is a token: a run of letters and digits, or one punctuation mark."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cache
from itertools import chain
from typing import NamedTuple

from lxml import etree
from lxml.etree import XSLT, HTMLParser, XPath, _Element

from ..errors import DocumentCut
from ..lazyre import lazy_compile
from ..tokens import _WORD, fold_name, join_words, key, normalise, words

__all__ = ["BLOCK_TAGS", "EVERY", "HEADING_TAGS", "SKIP_TAGS", "Text", "drop", "extract",
           "fold_name", "join_words", "key", "looks_like_html", "normalise", "parse_fragment",
           "parse_page", "tag_name", "text_of", "unwrap", "words"]

# Elements whose edges separate words even when the markup has no whitespace there.
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul img iframe video audio picture source".split()
)
# Headings, by rank: the first is the highest.
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Elements whose text is never shown as article text.
SKIP_TAGS = frozenset("script style template noscript head title".split())

class Text(NamedTuple):
    """The words of an HTML tree and where chosen elements' words lie among them."""

    words: tuple[str, ...]
    # word index range [start, end) of each element extract() was asked about
    spans: dict[_Element, tuple[int, int]]
    # word index of each block element's start and end, in document order
    edges: tuple[int, ...] = ()


_HTML_TAG = lazy_compile(
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


# What a document holding no element at all is read as.
_EMPTY_DOCUMENT = "<html><body></body></html>"


def _document(html: str, parser: HTMLParser) -> _Element:
    """``html`` parsed as a document, as lxml.html.document_fromstring() does; here, as
    importing lxml.html cost ``syndication check`` 8.8 M instructions (callgrind) for these
    few lines and its serialiser. A document libxml2 builds no element of (a doctype, a
    comment or a processing instruction alone, or one cut inside its first tag: a page
    saved or fetched in part) is an empty page, as a browser shows it, not an error (lxml
    raised "Document is empty", which reached `syndication check` as a traceback)."""
    root: _Element | None = etree.fromstring(html, parser)
    if root is None:
        root = etree.fromstring(_EMPTY_DOCUMENT, parser)
    _fold_late(root)
    return root


def _fold_late(root: _Element) -> None:
    """Move what the page holds after its end (``</html>``) to the end of its body, where a
    browser shows it (HTML's "after after body" mode reads it "in body"). libxml2 gives it a
    root of its own instead, beside ``root``: a script, an analytics pixel or an ad a host or
    a plugin prints after ``</html>``, or a counter pasted at a template's very end, were
    left unread, and the text reader (extract), which reads the whole document, met elements
    no one had asked about (every such page ended `check` in a traceback)."""
    late = [el for el in root.itersiblings() if isinstance(el.tag, str)]
    if not late:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    for el in late:
        body.append(el)  # out of the document's top level, into the page
        if el.tag == "html":  # libxml2's wrapper, with a <head> or <body> of its own
            for part in [p for p in el if p.tag in ("head", "body")]:
                unwrap(part)
            unwrap(el)


def drop(el: _Element) -> None:
    """Remove ``el`` and its content, keeping the text that follows it (lxml.html's
    HtmlElement.drop_tree(), for the plain elements parse_fragment() makes)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def unwrap(el: _Element) -> None:
    """Replace ``el`` by its content (its text, children and tail stay in place)."""
    parent = el.getparent()
    assert parent is not None  # only called on an element inside the page
    at = parent.index(el)
    previous = el.getprevious()
    text = (el.text or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    children = list(el)
    for k, child in enumerate(children):
        parent.insert(at + k, child)
    tail = el.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


# A fragment that is a whole document, read as one (lxml.html.fragments_fromstring's test).
_WHOLE_DOCUMENT = lazy_compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def parse_fragment(html: str, *, partial: bool = False) -> _Element:
    """Parse an HTML fragment into a tree under one <div> (lxml, one parse), as
    lxml.html.fragment_fromstring(html, create_parent="div") does: the fragment is parsed
    as the body of a document, whose text and elements the <div> receives. Raises
    DocumentCut when the parser stopped before the end (see _read_whole), unless
    ``partial``: what it read is enough (a glance for an article id)."""
    parser = _parser()
    html = html or " "
    body = next((el for el in _document(
        html if _WHOLE_DOCUMENT.match(html) else f"<html><body>{html}</body></html>", parser)
        if el.tag == "body"), None)
    if not partial:
        _read_whole(parser)
    root = etree.Element("div")
    if body is not None:
        if body.text and body.text.strip():
            root.text = body.text
        root.extend(list(body))
    return root


_XML_DECLARATION = lazy_compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_page(html: str, *, partial: bool = False) -> _Element:
    """Parse a whole page (or a fragment) as a document: <html> with <head> and <body>.
    Raises DocumentCut when the parser stopped before the end, unless ``partial``.

    An XML declaration is dropped first: lxml refuses one in an already decoded string."""
    root, parser = _parse_page(html)
    if not partial:
        _read_whole(parser)
    return root


def parse_page_cut(html: str) -> tuple[_Element, DocumentCut | None]:
    """parse_page(html, partial=True), and the DocumentCut parse_page(html) raises (None
    when the page was read whole): one parse for a reader of any tree and one of a whole."""
    root, parser = _parse_page(html)
    try:
        _read_whole(parser)
    except DocumentCut as e:
        return root, e
    return root, None


def _parse_page(html: str) -> tuple[_Element, HTMLParser]:
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        html = _EMPTY_DOCUMENT
    parser = _parser()  # one per parse: its error log is this parse's alone
    return _document(html, parser), parser


_DEPTH = lazy_compile(r"depth in document: (\d+)", re.IGNORECASE)


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


def class_words(el: _Element) -> str:
    """The element's class and id, lowercased, as the class-word patterns read them (box
    kinds, chrome, credit boxes, navigation: compiled without re.IGNORECASE)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


@cache
def _string_value() -> XPath:
    """Compiled once: el.xpath() compiles its expression on every call."""
    return etree.XPath("string()")


def text_of(el: _Element) -> str:
    """All the text inside ``el`` (not its tail), as a reader sees it."""
    return str(_string_value()(el))


#: Runs of text already tokenised: run -> (its tokens, it starts with a word character, it
#: ends with one, the marks at its edges: _LEADS, _TRAILS, _LONE). An original's, kept to
#: read its republication, which repeats them.
Pieces = dict[str, tuple[tuple[str, ...], bool, bool, int]]

_NOTHING: tuple[tuple[str, ...], bool, bool, int] = ((), False, False, 0)  # normalised to ""
# A quotation mark or apostrophe is "'" between two word characters and '"' elsewhere
# (tokens._EDGE_MARK); one at a run's edge is read against the next run's text, as markup
# cuts a run where the page has none (`<em>Le Monde</em>’s`, `l’<a>article</a>`,
# `don<span>’</span>t`): the run starts with a mark then a word character (_LEADS), ends
# with a word character then a mark (_TRAILS), or is a mark alone (_LONE).
_LEADS, _TRAILS, _LONE = 1, 2, 4

#: ``tags`` of extract() that gives every element its range.
EVERY = "*"
# What the elements extract() was handed (``marked``, ``hidden``) are renamed to while the
# stylesheet reads the tree, so that it tells them by name (a template testing a flag
# attribute would be tried on every element, at the cost of an XPath predicate each): no
# parsed page has such a tag, as the HTML parser lower-cases tags.
_CHOSEN, _CHOSEN_BLOCK = "SyndicationChosen", "SyndicationChosenBlock"
_UNREAD, _UNREAD_CHOSEN = "SyndicationUnread", "SyndicationUnreadChosen"
# What the stylesheet writes where a chosen element starts, where it ends, and at a block's
# edges: a marker character, then one of these. The marker is a Unicode non-character, which
# no text we read should hold (safetext.FORBIDDEN); a text that holds it anyway gets another
# character it does not hold, from the private use planes.
_MARKER = chr(0xFDD0)
_SPARE_MARKERS = (range(0xFDD1, 0xFDF0), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
_START, _END, _EDGE = "(", ")", "|"
_NOTHING_MARKED = " "  # what _read() puts before the text's first run: no place, no edge


def extract(root: _Element, tags: Collection[str] = (), marked: Collection[_Element] = (),
            *, known: Pieces | None = None, keep: Pieces | None = None,
            hidden: Callable[[_Element], bool] | None = None) -> Text:
    """Words of ``root``, and the word range of each element whose tag is in ``tags``
    (EVERY: all of them) or that is in ``marked``. An element ``hidden`` says a reader does
    not see has no words (as a script), only a place.

    libxml2 reads the text: an XSLT stylesheet writes it out with a marker at each block's
    edges and where each chosen element starts and ends. Python reads what lies
    between markers, a whole run at a time (a word that runs on across an inline element,
    ``wo<em>rd</em>``, is read whole). A range starts at the first token ending after its
    start (a word cut by it belongs to it) and ends before the first token starting at or
    after its end. Runs found in ``known`` are not tokenised again; ``keep``, when given,
    receives every run's tokens. The text is normalised across inline markup: an accent
    that opens an inline element joins the letter before it, as on screen."""
    every = tags == EVERY
    # Nothing inside a skipped or hidden element is read: ``hidden`` is not asked about it
    # (the head's links and scripts, a hidden menu's items: a third of a page's elements).
    unread = {d for el in root.iter(*SKIP_TAGS) for d in el.iterdescendants()}
    hiding = []
    if hidden:
        for el in root.iter(etree.Element):
            if el not in unread and hidden(el):
                hiding.append(el)
                unread.update(el.iterdescendants())
    chosen: Iterable[_Element]
    marker = _marker(root)
    renamed = _renamed(marked, hiding, every, tags)
    try:
        for el, _tag, name in renamed:
            el.tag = name
        if every:
            chosen = root.iter(etree.Element)
        elif renamed or tags:
            # while renamed, the elements handed in are found by their names, in document
            # order with those of ``tags``: libxml2 filters, no Python test per element
            chosen = list(root.iter(*tags, _CHOSEN, _CHOSEN_BLOCK, _UNREAD_CHOSEN))
        else:
            chosen = ()
        text = str(_stylesheet(None if every else frozenset(tags), marker)(root))
    finally:
        for el, tag, _name in renamed:
            try:
                el.tag = tag
            except ValueError:  # a name libxml2 read and lxml refuses to set (below)
                el.tag = _SETTABLE.sub("_", tag) or "_"
    if unread:  # a skipped element's content is not read: no place, no range
        chosen = [el for el in chosen if el not in unread]
    tokenised: Pieces = keep if keep is not None else {}
    if known:
        tokenised.update(known)
    return _read(text, marker, iter(chosen), tokenised)


# What lxml refuses in an HTML tag name it is asked to set, though libxml2 reads a typo such
# as `<div"class="x">` or `<a'b>` as an element of that name: such an element (unknown to
# every rule, so unknown still) is given its name with those characters made "_".
_SETTABLE = lazy_compile("[&<>/\"'\t\n\x0b\x0c\r ]")


def _renamed(marked: Collection[_Element], hiding: Sequence[_Element], every: bool,
             tags: Collection[str]) -> list[tuple[_Element, str, str]]:
    """(element, its tag, the name the stylesheet knows it by) for each element handed to
    extract(): a hidden one is not read, and still has a place if it is chosen too."""
    out = []
    for el in hiding:
        chosen = every or el.tag in tags or el in marked
        out.append((el, str(el.tag), _UNREAD_CHOSEN if chosen else _UNREAD))
    hid = set(hiding)
    for el in marked:
        if el in hid:
            continue
        tag = str(el.tag)
        name = (_UNREAD_CHOSEN if tag in SKIP_TAGS else
                _CHOSEN_BLOCK if tag in BLOCK_TAGS else _CHOSEN)
        out.append((el, tag, name))
    return out


def _read(text: str, marker: str, chosen: Iterator[_Element], tokenised: Pieces) -> Text:
    """Tokens of the stylesheet's ``text``, and the range of each chosen element, whose
    markers come in the order of ``chosen`` (document order)."""
    words: list[str] = []
    edges: list[int] = []
    starts: dict[_Element, int] = {}
    ends: dict[_Element, int] = {}  # in the order elements end: that of spans
    open_: list[_Element] = []
    # The text so far ends inside a word, which a run starting with a word character goes
    # on with. ``waiting``: elements starting there, whose first token is that word or the
    # next one, as the next run will say.
    in_word = False
    waiting: list[_Element] = []
    # The index of a '"' that ended the text so far after a word: "'" if a word goes on.
    pending = -1
    # Each run is what a marker marks, then the text up to the next marker; the text before
    # the first marker is given a mark that marks nothing, so every run reads alike.
    runs = f"{marker}{_NOTHING_MARKED}{text}".split(marker)
    for k in range(1, len(runs)):
        run = runs[k]
        kind = run[0]
        if kind == _EDGE:  # a block's edge: no word goes on across it
            edges.append(len(words))
            if waiting:
                for el in waiting:
                    starts[el] = len(words)
                waiting.clear()
            in_word = False
            pending = -1
        elif kind == _START:
            el = next(chosen)
            open_.append(el)
            if in_word:
                waiting.append(el)
            else:
                starts[el] = len(words)
        elif kind == _END:
            ends[open_.pop()] = len(words)
        if len(run) == 1:
            continue
        run = run[1:]
        found = tokenised.get(run)
        if found is None:
            # Normalised run by run: what a marker parts never joins (it is a character
            # of its own that nothing composes with), so this is the whole text's NFKC.
            # (an ASCII run needs no folding, but for a keyboard's dash and the quotation
            # marks and apostrophes: tokens.normalise)
            norm = run if (run.isascii() and "--" not in run and "'" not in run
                           and '"' not in run and "`" not in run) else normalise(run)
            if norm:
                c, d = norm[0], norm[-1]
                found = (tuple(_tokens(norm)), c.isalnum() or c == "_",
                         d.isalnum() or d == "_",
                         _edge_marks(norm) if c == '"' or d == '"' else 0)
            else:
                found = _NOTHING
            tokenised[run] = found
        if found is _NOTHING:  # nothing a reader sees (a soft hyphen): a word goes on
            continue
        tokens, first, last, marks = found
        if pending >= 0:
            if first:  # "l’" then "article": the mark joins them
                words[pending] = "'"
            pending = -1
        if not tokens:  # spaces: no word goes on across them
            if waiting:
                for el in waiting:
                    starts[el] = len(words)
                waiting.clear()
            in_word = False
            continue
        joined = in_word and first
        if waiting:
            for el in waiting:
                starts[el] = len(words) - joined
            waiting.clear()
        if joined:
            words[-1] += tokens[0]
            words += tokens[1:]
        else:
            words += tokens
        if marks:  # a mark at the run's edge, between its words and another run's
            if in_word and marks & _LEADS:  # "Monde" then "’s": the mark joins them
                words[len(words) - len(tokens)] = "'"
            if marks & _TRAILS or (in_word and marks == _LONE):
                pending = len(words) - 1  # "l’" or "don" then "’": if a word goes on
        in_word = last
    for el in waiting:
        starts[el] = len(words)
    return Text(tuple(words), {el: (starts[el], e) for el, e in ends.items()}, tuple(edges))


def _edge_marks(norm: str) -> int:
    """_LEADS, _TRAILS or _LONE: how a normalised run's edges hold a '"' (a mark that no
    word character stands beside on both sides within the run)."""
    if norm == '"':
        return _LONE
    marks = 0
    if norm[0] == '"' and (norm[1].isalnum() or norm[1] == "_"):
        marks |= _LEADS
    if norm[-1] == '"' and (norm[-2].isalnum() or norm[-2] == "_"):
        marks |= _TRAILS
    return marks


def _marker(root: _Element) -> str:
    """A character the text of ``root`` does not hold, to mark places in it."""
    plain = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    if _MARKER not in plain:
        return _MARKER
    held = set(plain)
    for c in map(chr, chain.from_iterable(_SPARE_MARKERS)):
        if c not in held:
            return c
    raise ValueError("the text holds every Unicode non-character and private use character")


@cache
def _stylesheet(tags: frozenset[str] | None, marker: str) -> XSLT:
    """The stylesheet writing out the text of a tree as extract() reads it: nothing of the
    SKIP_TAGS and hidden elements, ``marker`` and _EDGE at each BLOCK_TAGS element's edges,
    and ``marker`` with _START and _END around each chosen element (its tag in ``tags``,
    None: every element; or renamed by _renamed)."""

    def text(s: str) -> str:
        return f"<xsl:text>{s}</xsl:text>"

    def names(tags: Iterable[str]) -> str:
        return "|".join(sorted(tags))

    start, end, edge = marker + _START, marker + _END, marker + _EDGE
    inner = "<xsl:apply-templates/>"
    chosen, block = text(start) + inner + text(end), text(edge) + inner + text(edge)
    chosen_block = text(edge + start) + inner + text(end + edge)
    place = text(start + end)  # a place, no words
    every = tags is None
    tags = frozenset() if tags is None else tags
    templates = [(names(SKIP_TAGS | {_UNREAD_CHOSEN} if every else
                        SKIP_TAGS & tags | {_UNREAD_CHOSEN}), 6, place),
                 (names(SKIP_TAGS - tags | {_UNREAD}), 5, ""),
                 (names(BLOCK_TAGS | {_CHOSEN_BLOCK} if every else
                        BLOCK_TAGS & tags | {_CHOSEN_BLOCK}), 4, chosen_block),
                 ("*" if every else names(tags - BLOCK_TAGS - SKIP_TAGS | {_CHOSEN}), 3, chosen),
                 (names(BLOCK_TAGS), 2, block)]
    return etree.XSLT(etree.fromstring(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text" encoding="UTF-8"/>'
        + "".join(f'<xsl:template match="{match}" priority="{priority}">{body}'
                  "</xsl:template>" for match, priority, body in templates)
        + "</xsl:stylesheet>"))


# The characters of Latin-1 that are not marks: word characters (\w: str.isalnum, "_") and
# spaces (\s: str.isspace, what str.split() splits on). A mark is any other character.
_NOT_MARKS = bytes(b for b in range(256)
                   if chr(b).isalnum() or chr(b) == "_" or chr(b).isspace())
_SPACED = tuple((chr(b), f" {chr(b)} ") for b in range(256))  # a Latin-1 mark, spaced apart


def _tokens(text: str) -> list[str]:
    """_WORD.findall(text), sooner. A text in Latin-1 (most, once normalised): each mark it
    holds (found in C: its bytes less those of the other characters) is spaced apart by
    str.replace, and str.split() then gives the tokens, words and marks alike: the work per
    token is done in C, not in a Python loop. On the text of the benchmark's articles, 2.34
    -> 1.33 M instructions an article (0.36 -> 0.20 ms); a regular expression substituting
    every mark costs more than the loop (3.7 M), as does _WORD.findall (3.8 M), and a
    str.replace for every ASCII mark, held or not (2.1 M)."""
    try:
        held = text.encode("latin-1").translate(None, _NOT_MARKS)
    except UnicodeEncodeError:
        return _tokens_one_by_one(text)
    for b in set(held):
        mark, spaced = _SPACED[b]
        text = text.replace(mark, spaced)
    return text.split()


def _tokens_one_by_one(text: str) -> list[str]:
    """_tokens() of a text beyond Latin-1, word by word: most whitespace-separated words are
    letters and digits only (str.isalnum is \\w without "_", and str.split's spaces are
    \\s), or one mark, or letters and digits then one mark ("word,"); only the others go
    through the regular expression, whose every call costs more than the rest of a word's
    reading."""
    out: list[str] = []
    add, more = out.append, out.extend
    for w in text.split():
        if w.isalnum() or len(w) == 1:
            add(w)
        elif w[-1] != "_" and w[:-1].isalnum():  # "_" is a word character
            add(w[:-1])
            add(w[-1])
        else:
            more(_WORD.findall(w))
    return out
