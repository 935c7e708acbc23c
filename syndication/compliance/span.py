"""Pure: the article's whole span in a republication (docs/compliance.md#the-articles-span):
the element its words stand in, and the publisher's words there before the original's first
word or after its last (a dateline, an editor's note, a sentence or paragraph appended),
told apart from the credit (credit.py) and furniture that belong around an article."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
from collections.abc import Callable, Container, Sequence
from itertools import chain, pairwise
from typing import NamedTuple

from lxml.etree import _Element

from ..conversation import is_profile_url, is_tc_home, is_tc_url, tc_article_id
from ..lazyre import lazy_compile
from ..models import Article
from ..urls import url_parts
from .content import CAPTION_TOKENS, IMAGE_TAGS, image_container
from .credit import MONTHS, Credit, credit_of, credit_words_only, is_author_box, is_credit
from .furniture import ORIGINAL_RUN, carries_a_run
from .htmltext import BLOCK_TAGS, HEADING_TAGS, SKIP_TAGS, join_words, key, tag_name, text_of
from .htmltext import words as words_of
from .locate import CC_LICENCE, CREDIT_BOX_TOKENS, CREDIT_WINDOW, credit_box, is_item
from .page import TEXT_BLOCKS, Page, body_of, inside

# A heading after the article of this level or higher, or of its own heading's, starts
# another piece (a digest's next republication): the article's span ends there.
_PIECE_LEVEL = 2
# A plain-text signature starts with "-- " on its own line (RFC 3676, 4.3): the letter's
# footer, not the article's. Its tokens.
_SIGNATURE = ("-", "-")
EXCERPT_WORDS = 6
# Outside the article's body, its post is judged at most this many tokens before its first
# word and after its last (locate.CREDIT_WINDOW: where its byline and credit stand).
POST_WINDOW = CREDIT_WINDOW
# A CMS's own post meta (author, date, category, hits: Joomla's dl.article-info, a WordPress
# theme's entry-meta) is short: a block longer than this many tokens is never taken for it.
_META_TOKENS = 60
# Elements whose text is post metadata by markup: <time>; a date or an author as microdata
# (itemprop="datePublished") or RDFa (property="dc:date", "schema:author") say; links whose
# rel is one of HTML's link types for a post's author, tags and permalink (rel="author",
# "tag", "bookmark"; WordPress writes rel="category tag").
_META_PROP = lazy_compile(
    r"^(?:\w+:)?(?:date\w*|author|creator|publisher|created|modified|issued)$", re.I)
_META_REL = frozenset({"author", "tag", "category", "bookmark"})
# A piece of a meta block is a label or a value ("Written by:", "Hits: 214", "4 min read"):
# at most this many words (a date in words counts as one: "October 3, 2025"), and no sentence.
_META_PIECE_WORDS = 5
_LABELLED = lazy_compile(r"^\W*\w[\w .'’-]{0,24}:\s*\S")
# A date in words: a month's name with a day or a year beside it (within this many words:
# "October 3, 2025", "3 de octubre de 2025", "Oct. 3").
_DATE_REACH = 2
# A line's value without a number has at most this many words ("Category: Local news").
_VALUE_WORDS = 2
# A token that ends a sentence: its last mark (before closing quotes, a bracket and spaces)
# is one of these. The regex [.!?…]["'”’)]*\s*$ said the same; compiling it cost 3 M
# instructions of a `check PAGE` (issue 13; tests/test_regex_stand_ins.py holds the two equal).
_SENTENCE_MARKS = ".!?…"
_CLOSING = "\"'”’)"
# Tokens that separate a meta line's pieces ("October 2, 2025 · 6 min · Desk"); dashes are
# folded to "-" (htmltext.words).
_SEPARATORS = frozenset("| · • ‧ ⋅ ∙ - /".split())
# An excerpt's end clipped: "…" and "..." are three "." tokens, "[…]" in brackets.
_CLIP_MARKS = frozenset(". [ ]".split())
# A person as a page's markup marks one: schema.org's Person in microdata (itemtype) or RDFa
# (typeof), or the hCard microformat (class vcard, h-card). The author boxes plugins print
# after a post's content (Simple Author Box, Molongui Authorship, Starbox) mark the post's
# WordPress author so, whoever it is: the article's author or the staff member who posted it.
_PERSON_TYPE = lazy_compile(r"(?:^|[\s/:#])Person(?:$|\s)")
_PERSON_CLASS = lazy_compile(r"(?:^|\s)(?:vcard|h-card)(?:$|\s)")
# Beside a person in their box, a piece of words outside links (a tab's label, "Latest posts
# by …", a date) is at most this many words, and no sentence.
_BESIDE_PERSON_WORDS = 6


class Added(NamedTuple):
    """Words of the publisher inside the article's span, outside the original's words."""

    before: bool  # True: before the original's first word; False: after its last
    words: tuple[str, ...]  # the words added
    near: tuple[str, ...]  # the original's words they stand next to, as the page has them

    def describe(self) -> str:
        added = _clip(join_words(self.words))
        if self.before:
            return f"before the first words “{join_words(self.near)}…”: “{added}” was added"
        return f"after the last words “…{join_words(self.near)}”: “{added}” was added"


def added_words(rep: Page, start: int, end: int, article: Article,
                chrome: Container[_Element], *, after: bool = True,
                original: Sequence[str] = (), heading: _Element | None = None,
                subtitle: _Element | None = None,
                text_caption: Callable[[_Element], bool] | None = None,
                ) -> tuple[Added, ...]:
    """The publisher's words inside the article's span, around ``rep.words[start:end]`` (the
    original's words as aligned). The span is the article's post (_post: the element holding
    its body, its headline and its credit), after the heading that heads the article and
    before the next piece's heading; a header the theme prints above the post is read with
    it (_above_post). Inside the body (page.body_of) every word counts; in the
    post's other blocks (another CMS field, widget or module: an excerpt under the headline,
    a note after the body) prose does (_prose), not the labels and links around a post. Not
    counted: the page's chrome, credit boxes, figures, post meta, blocks that are nothing but
    the article's credit (credit.is_credit: a byline, the attribution line, a "republished
    from" line), the headline, a plain-text signature, and words of the original itself.
    ``heading``: the heading that heads the article (locate.heading_of); ``subtitle``: a
    heading between it and the article that heading_of passed over, judged as a block of
    the post (the standfirst there is the original's words; the publisher's own are added).
    ``after`` False: the end is not judged (the republication stops early: a Cut says so).
    ``text_caption``: whether a picture's container holds text in its caption (a note, a
    sentence of the article edited: furniture.Furniture.caption_is_text); its words are
    judged, not passed over as a caption's.
    """
    words = rep.words
    if not words or end <= start:
        return ()
    spans = rep.at
    # A feed entry is nothing but the republication: its span is the whole entry.
    body = body_of(rep, start, end) if rep.complete else rep.root
    title = key(article.title)
    headline = heading if heading is not None and key(text_of(heading)) == title else None
    post = _post(body, headline) if rep.complete else body
    b_start, b_end = spans.get(body, (0, len(words)))
    lo, hi = spans.get(post, (b_start, b_end))
    # A theme may print the post's header (its headline, a subtitle, the byline) above the
    # element holding the body: what stands between the headline and the post is judged too
    # (only under the original's headline: a heading taken for it otherwise may be a
    # letter's masthead over its intro).
    above = _above_post(rep, headline, post) if rep.complete and headline is not None else ()
    if above:
        lo = min(lo, spans[above[0]][0])
    # ... and when the post is the body alone (Arc XP's article element holds the body chain,
    # the headline, byline and tags are blocks of the page beside it), what follows it in
    # the column holding both is its footer, as a footer inside it would be
    below = _below_post(rep, headline, post, body) if above and headline is not None else ()
    if below:
        hi = max(hi, spans[below[-1]][1])
    # Outside its body, the post's blocks stand near the article: a far block is the page's.
    lo, hi = max(lo, min(b_start, start - POST_WINDOW)), min(hi, max(b_end, end + POST_WINDOW))
    title_words = words_of(article.title)
    # What credits the article, and what the links around it link, are read only once a run
    # of words is judged: a feed entry's blocks around its article (the byline, the
    # attribution line) are credit boxes by their class, and no run is (left unread, with
    # the counters and links read once: check() 8.47 -> 7.43 M instructions an article).
    credits: list[Credit] = []

    def credit() -> Credit:
        if not credits:
            credits.append(credit_of(article))
        return credits[0]
    # the next piece's heading: of the article's own level, or higher (a digest's <h3>s)
    piece_level = max(_PIECE_LEVEL, int(tag_name(heading)[1:]) if heading is not None
                      and tag_name(heading) in HEADING_TAGS else 0)
    boundaries: set[int] = set()
    skipped: list[tuple[int, int]] = []  # furniture's token ranges

    def carries(box: Sequence[str]) -> bool:
        """Whether a credit or person box holds a run of the original (its bio an edited
        sentence of the article): its words are judged, not passed over. A run of nothing
        but credit words is the byline's own (the author's role, which the body or the
        disclosure may name too): a byline naming another institution is then judged by the
        credit rules, not read as added text. The page's chrome is not asked (what it
        repeats is the page's), nor its furniture (which asks itself)."""
        return len(box) >= ORIGINAL_RUN and carries_a_run(
            box, original, lambda run: credit_words_only(run, credit()))

    anchors: list[tuple[str, tuple[int, int]]] = []  # links around the article: href, span
    # A feed entry is its post, and only its located elements have a place: those are read,
    # not every element (the order they are read in changes nothing below).
    for el in chain(above, post.iter(), below) if rep.complete else spans:
        span = spans.get(el)
        if span is None:  # an element of a page's post that is not located
            continue
        s, e = span
        if s >= start and e <= end:
            continue  # within the article: most elements, none of them around it
        tag = tag_name(el)
        if not tag:
            continue
        if tag in BLOCK_TAGS:
            boundaries.update(span)
        if tag == "a" and (s < start or s >= end):
            anchors.append((el.get("href") or "", span))
        if tag in IMAGE_TAGS and el in rep.pictures:
            box = image_container(el)  # a picture with its caption, not in a <figure>
            at = spans.get(box) if box is not None else None
            if at is not None and (at[0] >= end or at[1] <= start) and \
                    at[1] - at[0] <= CAPTION_TOKENS and box is not None and not (
                    text_caption is not None and text_caption(box)):
                skipped.append(at)
        if (s < end and e > start) or e <= s:
            continue  # holds words of the article, or none
        if (tag in HEADING_TAGS or (tag in TEXT_BLOCKS and e - s == len(title_words)
                                 and key(" ".join(words[s:e])) == title)) and (
                not credit_box(rep, el)) and el is not subtitle:
            if e <= start:
                if not _in_box(el, chrome, headline):
                    lo = max(lo, e)  # the headline, or a piece before the article's
            elif s >= end and int(tag[1:] if tag in HEADING_TAGS else "1") <= piece_level:
                hi = min(hi, s)  # the next piece
            continue
        if s >= end and words[s:s + 2] == _SIGNATURE:
            hi = min(hi, s)
            continue
        # a box holding the headline is the post's header, whatever it looks like: its
        # parts are judged one by one
        boxed = el in chrome and (headline is None or not inside(headline, el))
        if e - s <= CREDIT_BOX_TOKENS and _is_person(el):
            if not carries(words[s:e]):
                skipped.append(_person_box(rep, el, start, end, post))
            continue
        if boxed or ((credit_box(rep, el) or _shaped_byline(rep, el, article, credit))
                     and not carries(words[s:e])) or (tag in (
                "figure", "figcaption") and not _text_figure(el, text_caption)) or (
                (tag in BLOCK_TAGS or _alone(el))
                                            and e - s <= _META_TOKENS and _post_meta(el)) or (
                tag in BLOCK_TAGS and e - s <= CREDIT_BOX_TOKENS
                and _author_box(rep, el, credit())):
            skipped.append(span)
    boundaries.update((b_start, b_end))
    joined = ""  # the original's tokens, joined when a run is to be looked for in them
    carried = ""  # the page's tokens of the article (start:end), joined with them
    repeats: list[bool] = []  # whether each of ``found`` repeats the body (_repeats_body)
    repeated = 0  # the tokens they repeat
    again = False  # whether one of them is the article's opening
    reach = 0  # where the last of them ends
    found: list[Added] = []
    regions = [(lo, start, True)] + ([(end, hi, False)] if after else [])
    # where credit links stand (their words credit) and what they link: "home" (The
    # Conversation's or an edition's home), "original" (the article), "" (a profile, the licence)
    # read as token positions, once: a run asks of each of its tokens, and a page may hold
    # thousands of links around the article (an archive's list: F58)
    credit_at: set[int] = set()  # tokens in a credit link
    kinds_at: dict[int, set[str]] = {}  # what the credit links starting at a token link
    linked: set[int] = set()  # tokens of the other links outside the body
    for a, b, before in regions:
        for s, e in _runs(a, b, boundaries, skipped):
            if anchors:  # the first run: the links around the article read
                links, others = _credit_links(anchors, article.article_id, b_start, b_end)
                anchors = []
                for ls, le, kind in links:
                    credit_at.update(range(ls, le))
                    kinds_at.setdefault(ls, set()).add(kind)
                linked.update(p for ls, le in others for p in range(ls, le))
            run = words[s:e]
            in_links = [p in credit_at for p in range(s, e)]
            kinds = {kind for p in range(s, e) for kind in kinds_at.get(p, ())}
            if is_credit(run, in_links, credit(), attribution={"home", "original"} <= kinds):
                continue
            if not b_start <= s < b_end and not _prose(run, s, linked):
                continue  # a label, a date, links: the post's, around the article
            if not joined:
                joined = _joined(original, article.summary)
                carried = f" {' '.join(words[start:end])} "
            said = f" {' '.join(_unclipped(run))} "
            repeat = False
            if said in joined:
                if before or not _repeats_body(said, len(run), carried, joined):
                    continue  # the original's own words: its standfirst, or a disclosure
                    # not carried in order, whole or clipped as an excerpt ("…", "[…]")
                repeat, repeated = True, repeated + len(run)
                again, reach = again or carried.startswith(said), e
            near = words[start:start + EXCERPT_WORDS] if before else words[
                max(start, end - EXCERPT_WORDS):end]
            found.append(Added(before, tuple(run), tuple(near)))
            repeats.append(repeat)
    # The article again from its opening, filling the span's end: another copy of it (a
    # per-screen duplicate, an unaltered copy beside an altered one), judged by rules.py.
    if again and repeated * 2 >= min(end - start, POST_WINDOW) and reach >= hi - EXCERPT_WORDS:
        return tuple(a for a, repeat in zip(found, repeats, strict=True) if not repeat)
    return tuple(found)


def _repeats_body(said: str, tokens: int, carried: str, joined: str) -> bool:
    """Whether words of the original after the article's span (``said``, ``tokens`` long,
    joined between spaces) repeat the article the page carries (``carried``): a paragraph or
    a sentence of the body duplicated after its end, which alters the text (red team F89).
    Not so: a few words (fewer than EXCERPT_WORDS), and what the span does not carry (the
    disclosure moved, the standfirst: ``joined`` past the body's tokens). Above the article,
    the original's words are a teaser of it (a limit: docs/compliance.md); a whole other copy
    after it is judged as a copy (added_words leaves it to rules.py)."""
    if tokens < EXCERPT_WORDS or said not in carried:
        return False
    return said not in joined[joined.find(" \n "):]  # the standfirst's words, at times


def _text_figure(el: _Element, text_caption: Callable[[_Element], bool] | None) -> bool:
    """Whether a <figure> or <figcaption> ``el`` is (or captions) a picture whose caption
    holds text (``text_caption``, added_words): judged, not passed over."""
    if text_caption is None:
        return False
    box = el if tag_name(el) == "figure" else image_container(el)
    return box is not None and text_caption(box)


def _credit_links(anchors: Sequence[tuple[str, tuple[int, int]]], n: int, b_start: int,
                  b_end: int) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The links around the article (href, token range): those to The Conversation or the
    licence with what they link ("home", "original": article ``n``, or ""), and the token
    ranges of the others outside the body (b_start, b_end)."""
    links: list[tuple[int, int, str]] = []
    linked: list[tuple[int, int]] = []
    for href, (s, e) in anchors:
        href = href.strip()
        if is_tc_url(href) or CC_LICENCE.search(href):
            kind = ("home" if is_tc_home(href) else
                    "original" if tc_article_id(href) == n else "")
            links.append((s, e, kind))
        elif not b_start <= s < b_end:
            linked.append((s, e))
    return links, linked


def _joined(original: Sequence[str], summary: str | None) -> str:
    """The original's tokens and its standfirst's (the feed's summary, which a CMS prints
    as the post's excerpt under the headline), each joined between spaces and apart."""
    parts = [" ".join(original), " ".join(words_of(summary or ""))]
    return " " + " \n ".join(p for p in parts if p) + " "


def _unclipped(run: Sequence[str]) -> Sequence[str]:
    """``run`` without the marks that clip an excerpt at its end ("…", "...", "[…]")."""
    end = len(run)
    while end and run[end - 1] in _CLIP_MARKS:
        end -= 1
    return run[:end] if end else run


def _author_box(rep: Page, el: _Element, credit: Credit) -> bool:
    """A box headed by a heading that only credits ("About the author") over words that open
    with an author's name (credit.is_author_box): an author box whatever its class."""
    first = next((c for c in el if tag_name(c)), None)
    if first is None or tag_name(first) not in HEADING_TAGS or (el.text or "").strip():
        return False
    box, heading = rep.at.get(el), rep.at.get(first)
    if box is None or heading is None:
        return False
    words = rep.words
    return is_author_box(words[heading[0]:heading[1]], words[heading[1]:box[1]], credit)


def _is_person(el: _Element) -> bool:
    """Whether ``el``'s markup marks a person (_PERSON_TYPE, _PERSON_CLASS). Most elements
    have no type, and no "card" in their class: looked at first."""
    itemtype, typeof = el.get("itemtype"), el.get("typeof")
    if (itemtype or typeof) and _PERSON_TYPE.search(f"{itemtype or ''} {typeof or ''}"):
        return True
    classes = el.get("class") or ""
    return "card" in classes and _PERSON_CLASS.search(classes) is not None


def _person_box(rep: Page, person: _Element, start: int, end: int,
                post: _Element) -> tuple[int, int]:
    """The token range of the box a person stands in (docs/compliance.md#person-boxes): the
    outermost element around ``person`` inside the post, short (CREDIT_BOX_TOKENS), holding
    none of the article's words (``start``, ``end``), and beside the persons it holds only
    links and pieces of a label's words (_labels_only: a box's tabs, "Latest posts by …"
    over the person's posts). Else the person alone."""
    box = rep.at[person]
    for a in person.iterancestors():
        span = rep.at.get(a)
        if a is post or span is None or (span[0] < end and span[1] > start) \
                or span[1] - span[0] > CREDIT_BOX_TOKENS or not _labels_only(rep, a):
            break
        box = span
    return box


def _labels_only(rep: Page, box: _Element) -> bool:
    """Whether the words of ``box`` outside the persons and links it holds are, piece by
    piece (cut at blocks), no more than _BESIDE_PERSON_WORDS words and no sentence."""
    at, words = rep.at, rep.words
    start, end = at[box]
    out = bytearray(end - start)  # 1: a person's or a link's token
    cuts = {start, end}
    for d in box.iterdescendants():
        span = at.get(d)
        if span is None or not tag_name(d):
            continue
        if tag_name(d) == "a" or _is_person(d):
            out[span[0] - start:span[1] - start] = b"\x01" * (span[1] - span[0])
        elif tag_name(d) in BLOCK_TAGS:
            cuts.update(span)
    for s, e in pairwise(sorted(cuts)):
        piece = [words[k] for k in range(s, e) if not out[k - start]]
        said = sum(1 for t in piece if any(c.isalnum() for c in t))
        if said > _BESIDE_PERSON_WORDS or (said >= 3 and _ends_a_sentence(piece[-1])):
            return False
    return True


def _post(body: _Element, headline: _Element | None) -> _Element:
    """The article's post: the nearest element around its body that the page marks as a
    post (an <article>, a schema.org posting, an h-entry) or as its <main>, or that holds
    its headline (the heading heading it, with the original's headline in it); else the
    body alone. Its CMS fields, widgets or modules (an excerpt under the headline, a note
    after the body) read as the article's."""
    for el in (body, *body.iterancestors()):
        if (is_item(el) or tag_name(el) == "main" or el.get("role") == "main"
                or (headline is not None and inside(headline, el))):
            return el
    return body


def _above_post(rep: Page, heading: _Element, post: _Element) -> tuple[_Element, ...]:
    """The headline heading the article and the elements after it up to ``post``, when the
    theme prints the post's header outside the element holding the body (Newspack's
    header.entry-header above its <article>, a Drupal node's title above the node): the
    subtitle and byline there are the post's, as they are in a header inside it. Read from
    their common ancestor down, only the branches between the two (not the page around)."""
    if inside(heading, post):
        return ()
    spans = rep.at
    h_span, p_span = spans.get(heading), spans.get(post)
    if h_span is None or p_span is None or h_span[1] > p_span[0]:
        return ()
    # the elements themselves, kept alive in the set: an id() of a freed lxml proxy may be
    # another element's
    ancestors = set(post.iterancestors())
    top = next((a for a in heading.iterancestors() if a in ancestors), None)
    if top is None:
        return ()
    lo, hi = h_span[0], p_span[0]
    found: list[_Element] = []

    def walk(el: _Element) -> None:
        for child in el:
            span = spans.get(child)
            if span is None or child is post or span[1] <= lo or span[0] >= hi:
                continue  # before the heading, the post itself, or after it
            if span[0] >= lo:
                found.append(child)
            walk(child)

    walk(top)
    return tuple(found)


def _in_box(el: _Element, chrome: Container[_Element], headline: _Element | None) -> bool:
    """Whether ``el`` (a heading) stands in a box of the page's chrome or furniture that
    does not hold the headline: a "Read also" box's title and its posts' titles (JNews's
    inline related posts, set after the content's second paragraph) head no piece before
    the article, and what stands above the box is judged with it."""
    return any(a in chrome and (headline is None or not inside(headline, a))
               for a in el.iterancestors())


def _shaped_byline(rep: Page, el: _Element, article: Article,
                   credit: Callable[[], Credit]) -> bool:
    """Whether ``el`` is the article's byline by its shape, whatever its class: a short block
    (CREDIT_BOX_TOKENS) whose first link is an author's profile at The Conversation, after
    nothing but a label ("By", "Par", "Por"), and none of whose words outside its links (a
    name's initial: "Matthew T. Hughes") ends a sentence. The
    byline of the republish code as a CMS keeps it when it drops the pasted paragraphs'
    classes (Arc XP's text elements; Medium, Substack, a paste from a document): its roles
    and institutions are the credit rules' to judge (a role the publisher updated, another
    institution), not added text (docs/compliance.md#the-articles-span). A note naming the
    author is a sentence."""
    if tag_name(el) not in BLOCK_TAGS:
        return False
    span = rep.at.get(el)
    if span is None or not 0 < span[1] - span[0] <= CREDIT_BOX_TOKENS:
        return False
    link = next(el.iter("a"), None)
    at = rep.at.get(link) if link is not None else None
    if link is None or at is None or not is_profile_url(link.get("href") or ""):
        return False
    path = url_parts((link.get("href") or "").strip()).path.rstrip("/")
    if not any(a.profile_url and url_parts(a.profile_url).path.rstrip("/") == path
               for a in article.authors):
        return False
    words = rep.words
    label = words[span[0]:at[0]]
    if len(label) > 1 or (label and not is_credit(label, [False], credit())):
        return False
    linked = {k for a in el.iter("a") if (ls := rep.at.get(a)) for k in range(*ls)}
    return not any(_ends_a_sentence(words[k]) for k in range(*span) if k not in linked)


def _below_post(rep: Page, heading: _Element, post: _Element,
                body: _Element) -> tuple[_Element, ...]:
    """The elements after ``post`` up to the end of the element that holds it and the
    headline above it (_above_post), when the post holds nothing but the body (its span is
    the body's): a news CMS's article element around the body chain alone, its byline and
    tags printed beside it (Arc XP). A note there reads as one after the body, in the post's
    footer. Only the branches after the post are read."""
    spans = rep.at
    p_span, b_span = spans.get(post), spans.get(body)
    if p_span is None or b_span is None or p_span != b_span:
        return ()
    ancestors = set(post.iterancestors())
    top = next((a for a in heading.iterancestors() if a in ancestors), None)
    t_span = spans.get(top) if top is not None else None
    if top is None or t_span is None:
        return ()
    lo = p_span[1]
    found: list[_Element] = []

    def walk(el: _Element) -> None:
        for child in el:
            span = spans.get(child)
            if span is None or child is post or span[1] <= lo:
                continue  # before the post's end, or the post itself
            if span[0] >= lo:
                found.append(child)
            walk(child)

    walk(top)
    return tuple(found)


def _prose(run: Sequence[str], at: int, linked: Container[int]) -> bool:
    """Whether a run of words (its first token at ``at``) outside the article's body is
    prose: a sentence, or a piece between separators ("·", "|", "-") of more words than a
    label's or value's (beside its links' words; a few more beside a number: a date, a
    count). A post's own pieces around an article are labels, dates and links ("October 2,
    2025 · 6 min · Desk", "Posted on 2 October 2025 by the newsroom", "Tags: oceans",
    "Previous post: …"); a note to the reader is a sentence or a phrase of its own."""
    said = 0
    pieces: list[tuple[int, bool]] = [(0, False)]  # (words, holds a number)
    for k, token in enumerate(run, at):
        if token in _SEPARATORS:
            pieces.append((0, False))
        elif any(c.isalnum() for c in token) and k not in linked:
            n, number = pieces[-1]
            alpha = any(c.isalpha() for c in token)
            said += alpha
            pieces[-1] = (n + alpha, number or not alpha)
    if any(n > _META_PIECE_WORDS + (3 if number else 0) for n, number in pieces):
        return True
    return said >= 3 and _ends_a_sentence(run[-1])


def _post_meta(block: _Element) -> bool:
    """A block that is wholly a CMS's post metadata (docs/compliance.md#the-articles-span):
    it holds a ``<time>``, a schema.org date/author or a date in words, or is a list of
    "Label: value" items or one "Label: value" line (a plugin's "Post Views: 1,284",
    "Reading Time: 6 minutes" at the top of the post's content), and every piece of it (cut
    at blocks and at those marked elements) is a short label or value, no sentence, and no
    dateline ("LONDON, Oct. 3 —": a date ending on a dash into the text). Known by
    structure, not by any theme's class."""
    pieces: list[tuple[str, bool]] = []  # (text, marked as metadata)
    current: list[str] = []
    _meta_pieces(block, pieces, current)
    _cut(pieces, current)
    texts = []  # (text, words, marked or dated) of each piece with words
    for text, marked in pieces:
        tokens = words_of(text)
        n, dated = _dated_words(tokens)
        if dated and tokens[-1] == "-":
            return False  # a dateline
        if n:
            texts.append((text, n, marked or dated))
    if not texts:
        return False
    items = [el for el in block if tag_name(el) in ("li", "dt", "dd")]
    listed = tag_name(block) in ("dl", "ul", "ol") and any(
        _LABELLED.match(_text(el).strip()) for el in items)
    labelled = len(texts) == 1 and ":" in texts[0][0] and _LABELLED.match(
        texts[0][0].strip()) is not None and _a_value(texts[0][0].split(":", 1)[1])
    if not (listed or labelled) and not any(marked for _t, _n, marked in texts):
        return False
    return all(n <= _META_PIECE_WORDS + (3 if marked else 0)
               and not (n >= 3 and _ends_a_sentence(t)) for t, n, marked in texts)


def _meta_pieces(el: _Element, pieces: list[tuple[str, bool]], current: list[str]) -> None:
    """_post_meta's pieces of ``el`` (its own text; its tail is its parent's), cut at blocks
    and at elements marked as metadata. A function of the module, not a closure calling
    itself: such a closure is a reference cycle, left for the garbage collector."""
    tag = tag_name(el)
    if tag in SKIP_TAGS or not tag:
        return
    if tag == "time" or _is_meta(el):
        _cut(pieces, current)
        pieces.append((_text(el), True))
        return
    if tag in BLOCK_TAGS:
        _cut(pieces, current)
    current.append(el.text or "")
    for child in el:
        _meta_pieces(child, pieces, current)
        current.append(child.tail or "")
    if tag in BLOCK_TAGS:
        _cut(pieces, current)


def _cut(pieces: list[tuple[str, bool]], current: list[str]) -> None:
    if current:
        pieces.append(("".join(current), False))
        current.clear()


def _a_value(text: str) -> bool:
    """Whether what follows a line's label is a value, not a phrase: a number ("1,284", "6
    minutes") or at most _VALUE_WORDS words ("Science"); "Update: corrected the reef name"
    is a note."""
    said = [t for t in words_of(text) if any(c.isalnum() for c in t)]
    return any(c.isdigit() for t in said for c in t) or len(said) <= _VALUE_WORDS


def _dated_words(tokens: Sequence[str]) -> tuple[int, bool]:
    """How many words ``tokens`` have, a date in words counted as one ("Last Updated on
    October 3, 2025" is five), and whether they hold one."""
    said = [t for t in tokens if any(c.isalnum() for c in t)]
    if not any(t.isdigit() for t in said):
        return len(said), False  # no day, no year: most pieces
    in_date: set[int] = set()
    for m, word in enumerate(said):
        if key(word) in MONTHS:
            near = [k for k in range(max(0, m - _DATE_REACH), m + _DATE_REACH + 1)
                    if k < len(said) and said[k].isdigit()]
            if near:
                in_date.update((m, *near))
    if not in_date:
        return len(said), False
    return len(said) - len(in_date) + 1, True


def _alone(el: _Element) -> bool:
    """Whether an inline element stands as a line of its own: no words beside it in its
    parent, only other elements (a plugin's ``<span style="display: block">`` line before
    the post's first paragraph, after the code's byline)."""
    if (el.tail or "").strip():
        return False
    before = el.getprevious()
    if before is not None:
        return not (before.tail or "").strip()
    parent = el.getparent()
    return parent is not None and not (parent.text or "").strip()


def _is_meta(el: _Element) -> bool:
    """Whether ``el``'s markup says it is a post's date, author or tag (_META_PROP, _META_REL)."""
    props = f"{el.get('itemprop') or ''} {el.get('property') or ''}".split()
    return any(_META_PROP.match(p) for p in props) or (
        tag_name(el) == "a" and not _META_REL.isdisjoint((el.get("rel") or "").lower().split()))


def _text(el: _Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _runs(a: int, b: int, boundaries: set[int], skipped: Sequence[tuple[int, int]]
          ) -> list[tuple[int, int]]:
    """The token ranges of [a, b) outside ``skipped``, cut at block boundaries."""
    if b <= a:
        return []
    out = bytearray(b - a)
    for s, e in skipped:
        s, e = max(s, a), min(e, b)
        if e > s:
            out[s - a:e - a] = b"\x01" * (e - s)
    cuts = sorted(p for p in boundaries if a < p < b)
    runs: list[tuple[int, int]] = []
    edges = [a, *cuts, b]
    for s, e in pairwise(edges):
        p = s
        while p < e:
            if out[p - a]:
                p += 1
                continue
            q = p
            while q < e and not out[q - a]:
                q += 1
            runs.append((p, q))
            p = q
    return runs


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ends_a_sentence(token: str) -> bool:
    """Whether ``token`` ends with a sentence's mark, then closing quotes or brackets, then
    spaces (str.rstrip strips what regex's \\s matches)."""
    last = token.rstrip().rstrip(_CLOSING)[-1:]
    return last != "" and last in _SENTENCE_MARKS
