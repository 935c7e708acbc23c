"""Pure: where an article stands in a republication (page.py parsed it): its place comes
from aligning the original's text with it (compare.py); around it, the credit region where
bylines, attribution and counter are looked for, without the page's chrome."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import NamedTuple

from lxml.etree import XPath, _Element

from ..conversation import is_profile_url, is_tc_home, is_tc_url, tc_article_id
from ..lazyre import lazy_compile
from ..tokens import words
from .compare import Alignment
from .content import (
    CAPTION_LEVELS,
    CAPTION_TOKENS,
    caption_of,
    image_container,
    image_src,
    is_tc_picture,
    iter_counters,
    pictures_of,
)
from .htmltext import BLOCK_TAGS, HEADING_TAGS, class_words, key, tag_name, text_of
from .page import Page, block_of, body_of, inside

# A byline or attribution stands within this many tokens before or after the article; farther
# away (a sidebar, the comments) a name is not a credit. Five authors with roles and
# institutions take about 150 tokens (tc-republished-basic-es-159013.html).
CREDIT_WINDOW = 300
CC_LICENCE = lazy_compile(r"creativecommons\.org/(?:licenses|licences|publicdomain)/", re.I)


class Scope(NamedTuple):
    """What the rules look at: the article's tokens, the credit region around it, and the
    elements judged for safety and images."""

    n: int | None  # the article id
    alignment: Alignment | None  # None without the original
    heading: _Element | None  # the heading that heads the article in a page (heading_of)
    credit: str  # key() string of the tokens where bylines and credits are looked for
    credit_words: tuple[str, ...]  # those tokens as the page has them (evidence quotes them)
    # key() string of the credit region without its pictures' captions (picture_caption):
    # where the licence notice is looked for in words, a caption's licence being its picture's
    notice: str
    body_words: Sequence[str]  # the article's own tokens (a name there is not a credit)
    links: tuple[_Element, ...] = ()  # <a> in the credit region
    body_links: tuple[_Element, ...] = ()  # <a> in the article
    judged: tuple[_Element, ...] = ()  # safe-html looks at these
    images: tuple[_Element, ...] = ()  # images kept in the article
    page_images: tuple[_Element, ...] = ()  # every image of the page
    # other republications' counters and attribution links (a digest's other pieces)
    neighbours: tuple[_Element, ...] = ()
    chrome: frozenset[_Element] = frozenset()  # the page's chrome elements (see _chrome)
    # a heading between the headline and the article that heading_of passed over as its
    # subtitle
    subtitle: _Element | None = None


def locate(rep: Page, alignment: Alignment | None, n: int | None, whole: bool,
           title: str | None = None, standfirst: str | None = None) -> Scope:
    """Where the article stands in the republication (``alignment`` of the original's text
    with it, None without the original), and the credit region around it.

    ``whole``: the HTML is nothing but the republication (a feed entry): every element is
    judged and every word outside the article's is credit. Otherwise (a page) only the
    article is judged, with the byline, attribution and counter within CREDIT_WINDOW tokens
    of it; the page's chrome (navigation, sidebars, comments, site footer) is no credit."""
    words = rep.words
    m = len(words)
    found = alignment is not None and alignment.found
    article = (alignment.start, alignment.end) if alignment is not None and found else None
    chrome, chrome_elements = (bytearray(m + 1), set()) if whole else _chrome(rep, article)

    def is_chrome(el: _Element) -> bool:
        return bool(chrome_elements) and (
            el in chrome_elements or any(a in chrome_elements for a in el.iterancestors()))

    def credit_anchors() -> list[_Element]:
        """The counters and links to The Conversation or the licence, outside the chrome:
        what tells where a page's credit is (a feed entry is all credit but its article)."""
        return [*(a for a in rep.root.iter("a")
                  if _credit_href(a.get("href") or "") and not is_chrome(a)),
                *(img for img, _k in iter_counters(rep.root) if not is_chrome(img))]

    neighbours = () if whole else tuple(_foreign_credit(rep, n))
    foreign = _foreign_ranges(rep, neighbours, article)
    first = article[0] if article is not None else 0
    twin = alignment.unaltered if alignment is not None else None

    def heads_nothing(h: _Element) -> bool:
        """A heading of the page's navigation, the site's name, or one another
        republication's credit follows (that republication's own heading or subheading)."""
        end = rep.at.get(h, (0, 0))[1]
        return _in_navigation(rep, h, first) or _names_the_site(rep, h, title) or any(
            end <= f_end <= first for _f_start, f_end in foreign) or (
            twin is not None and twin[0] < end <= twin[1])  # another copy's subheading

    heading, subtitle = (None, None) if whole else heading_of(
        rep, alignment, heads_nothing, is_chrome, title, standfirst)
    pictures = rep.pictures
    if article is not None:
        s, e = article
        # Where the page stops carrying the original (a copy reworded from there on), the
        # rest of the article stands between the match and the attribution: as far again.
        rest = alignment.cut.missing if alignment is not None and alignment.cut else 0
        lo, hi = (0, m) if whole else _section(rep, heading, s, e, foreign, rest)
        credit_words = [w for p, w in enumerate(words[lo:s], lo) if not chrome[p]]
        credit_words.append("|")
        credit_words += [w for p, w in enumerate(words[e:hi], e) if not chrome[p]]
        captioned = _captioned(rep, lo, hi, (s, e))
        notice_words = [w for p, w in chain(enumerate(words[lo:s], lo), enumerate(words[e:hi], e))
                        if not chrome[p] and p not in captioned]
        body_words: Sequence[str] = words[s:e]

        def in_credit(el: _Element) -> bool:
            p = rep.pos(el)
            return (lo <= p < s or e <= p < hi) and not is_chrome(el)

        links, body_links = [], []
        at = rep.at
        for a in rep.root.iter("a"):  # one pass: each link is placed once
            # every link a reader sees has a place (page.read locates them): looked up, not
            # asked for; one inside hidden markup has none, and is no credit
            span = at.get(a)
            if span is None and rep.complete:
                continue
            p = span[0] if span is not None else rep.pos(a)
            if s <= p < e:
                body_links.append(a)
            elif (lo <= p < s or e <= p < hi) and not is_chrome(a):  # in_credit(a)
                links.append(a)
        if whole:
            judged = list(rep.root.iter())
        else:
            # a credit anchor's paragraph is judged; not a block reaching out of the
            # article's section (a counter standing directly in a digest's content <div>)
            blocks = {_block_within(rep, el, lo, hi, article) for el in credit_anchors()
                      if in_credit(el)}
            at_edge = _edge_test(rep, article, blocks)
            in_blocks = _within_any(blocks)
            judged = [el for el in rep.root.iter()
                      if s < (p := _runs_at(rep, el)) < e or (p in (s, e) and at_edge(el, p))
                      or el in in_blocks]
        # the pictures among its words, and the captioned ones of its body around them,
        # within its section: a publisher's picture with its caption above the first words
        # or after the last stands in the article (docs/compliance.md#rule-images); a
        # featured image above the headline, outside the body, does not, nor an author's
        # avatar, an icon or a theme's featured image without a caption, right before the
        # first word or after the last too (a picture has no words: it stands at their edge)
        images = [img for img in pictures if whole or s < rep.pos(img) < e
                  or (rep.pos(img) in (s, e) and _of_the_words(img))]
        around = [] if whole else [img for img in pictures if lo <= rep.pos(img) < hi
                                   and img not in images]
        if around:
            body = body_of(rep, s, e)
            images += [img for img in around if inside(img, body) and not is_chrome(img)
                       and _captioned_picture(img)]
    else:
        container = rep.root if whole else _container(rep, credit_anchors())
        start, end = rep.at.get(container, (0, m))
        credit_words = [w for p, w in enumerate(words[start:end], start) if not chrome[p]]
        captioned = _captioned(rep, start, end, None)
        notice_words = [w for p, w in enumerate(words[start:end], start)
                        if not chrome[p] and p not in captioned]
        body_words = ()
        within = set(container.iter())
        links = [a for a in rep.root.iter("a") if a in within and not is_chrome(a)
                 and (a in rep.at or not rep.complete)]  # hidden: no credit
        body_links = []
        judged = list(container.iter())
        images = [img for img in pictures if img in within]
    return Scope(
        n=n,
        alignment=alignment,
        heading=heading,
        subtitle=subtitle,
        neighbours=neighbours,
        credit=" " + key(" ".join(credit_words)) + " ",
        credit_words=tuple(credit_words),
        notice=" " + key(" ".join(notice_words)) + " ",
        body_words=body_words,
        links=tuple(links),
        body_links=tuple(body_links),
        judged=tuple(judged),
        images=tuple(images),
        page_images=tuple(pictures),
        chrome=frozenset(chrome_elements),
    )


def _of_the_words(img: _Element) -> bool:
    """Whether a picture standing at the very edge of the article's words (right before its
    first, right after its last) is one of them: captioned (_captioned_picture), or one of
    The Conversation's pictures by its address or file's name. A bare picture there is the
    page's (a theme's featured image printed at the top of the content, an avatar), like one
    a few words away (docs/compliance.md#rule-images)."""
    return _captioned_picture(img) or is_tc_picture(image_src(img))


def _captioned_picture(img: _Element) -> bool:
    """Whether ``img`` stands in a container (content.image_container) that has a caption
    (content.caption_of: a figcaption, a caption's class), empty or not: a publisher's
    picture with its caption, judged around the article's words; a theme's featured image
    in a bare figure (figure.post-thumbnail, Ghost's figure.article-image) is not."""
    box = image_container(img)
    return box is not None and caption_of(box) is not None


def picture_caption(rep: Page, box: _Element) -> bool:
    """Whether ``box``, a picture's container (content.image_container: its figure, a
    classic caption's wrapper), is that picture's caption and credit, and nothing else's:
    at most CAPTION_TOKENS tokens, linking nothing of The Conversation (a caption that links
    it, the attribution line under The Conversation's logo, credits the article). Its
    licence, linked or in words, is the picture's, never the article's notice
    (docs/compliance.md#rule-licence-notice)."""
    s, e = rep.at.get(box, (0, 0))
    return e - s <= CAPTION_TOKENS and not any(
        is_tc_url(a.get("href") or "") for a in box.iter("a"))


def in_picture_caption(rep: Page, el: _Element) -> bool:
    """Whether ``el`` (a link) stands in a picture's caption (picture_caption), at most
    CAPTION_LEVELS below its container."""
    for level, box in enumerate(el.iterancestors()):
        if level >= CAPTION_LEVELS:
            return False
        if pictures_of(box, rep.pictures):
            return picture_caption(rep, box)
    return False


def _captioned(rep: Page, lo: int, hi: int, article: tuple[int, int] | None) -> set[int]:
    """The token positions from ``lo`` to ``hi``, outside ``article``, that stand in a
    picture's caption (picture_caption)."""
    out: set[int] = set()
    for img in rep.pictures:
        p = rep.pos(img)
        if not lo <= p < hi or (article is not None and article[0] <= p < article[1]):
            continue
        box = image_container(img)
        if box is not None and box in rep.at and picture_caption(rep, box):
            out.update(range(*rep.at[box]))
    return out


# The heading that heads the article ends at most this many tokens before its first word:
# between them a byline of five authors with roles and institutions (about 150 tokens).
HEADLINE_GAP = 300


def heading_of(rep: Page, alignment: Alignment | None,
               skip: Callable[[_Element], bool] = lambda h: False,
               chrome: Callable[[_Element], bool] = lambda el: False,
               title: str | None = None, standfirst: str | None = None
               ) -> tuple[_Element | None, _Element | None]:
    """The heading that heads the article (docs/compliance.md#the-article-on-a-page): the
    nearest visible heading ending before the article's first word, at most HEADLINE_GAP
    tokens before it, that heads the article and nothing else (a digest page: the <h2> of the
    republication the original's text matches, not the page's <h1>). Without the article
    placed, the page's first visible <h1>.

    Passed over on the way up: an author box's heading, the page's chrome (``chrome``: a
    sidebar's "Recent content", a menu's hidden heading), ``skip`` (the site's name, another
    republication's heading), a heading of another post, a heading over a list of links (a
    "Trending" block without a class saying so). The search stops, leaving the page's
    <title> to give the headline (None), at a heading that heads a group of posts (a date
    header, an archive's "Latest news" over several posts) and at an empty heading slot
    (<h3 class="post-title"></h3>): past it only a heading of the slot's own header counts,
    never one farther up.

    A subtitle is not the headline: when the heading found is not the original's headline
    (``title``) and the next heading above it is, or the heading found is the original's
    ``standfirst`` (the feed's summary), the heading above heads the article (an <h1>
    headline over an <h2 class="subtitle"> holding the standfirst; a Heading block an editor
    put over the pasted code, holding the publisher's own words). Returned beside it: the
    span judges its words as the post's (span.added_words), not as a headline's.

    Returns (the heading, its subtitle or None)."""
    if alignment is None or not alignment.found:
        return next((h for h in rep.root.iter("h1") if _shown(rep, h) and not skip(h)),
                    None), None
    start = alignment.start
    article = (start, alignment.end)
    before = []
    for h in rep.root.iter(*HEADING_TAGS):
        span = rep.at.get(h)
        if span is not None and span[1] <= start and start - span[1] <= HEADLINE_GAP:
            before.append(h)
    slot: _Element | None = None  # an empty heading slot: the article's heading, missing
    dates: list[tuple[int, int, int]] | None = None
    found: _Element | None = None  # the heading that heads the article, unless a subtitle
    for h in reversed(before):  # the nearest first
        if in_credit_box(rep, h, article) or chrome(h) or skip(h):
            continue  # an author's name in a byline box, the chrome's, the site's name
        if not _shown(rep, h):
            if slot is None and not text_of(h).strip():
                slot = h  # hidden headings have words, but none a reader sees: passed over
            continue
        if found is not None:  # the next heading above the one found: its headline?
            if (title and same_headline(text_of(h), title)) or (
                    standfirst and same_headline(text_of(found), standfirst)):
                return h, found
            return found, None
        if slot is not None and not inside(h, _parent(slot)):
            return None, None
        piece = _piece(rep, h, start, chrome)
        if piece == _GROUP:
            return None, None
        if piece == _OTHER or _heads_links(rep, h, start):
            continue
        if dates is None:
            dates = _dates(rep.root)
        if _is_date(text_of(h), dates):
            return None, None  # a date header over the day's posts (Blogger's h2.date-header)
        if title is None or same_headline(text_of(h), title):
            return h, None
        found = h
    return found, None


def same_headline(text: str, title: str) -> bool:
    """Whether ``text`` is ``title`` (the headline, or the standfirst) word for word, case
    aside: how unaltered-title compares a page's headline with the original's."""
    return [w.casefold() for w in words(text)] == [w.casefold() for w in words(title)]


def _parent(el: _Element) -> _Element:
    parent = el.getparent()
    return el if parent is None else parent


# What a heading heads, seen from the posts the page marks (_ITEM): the article's own post,
# another post, or a group of posts.
_OWN, _OTHER, _GROUP = 0, 1, 2
# A post as pages mark it: <article>, a schema.org posting (microdata or RDFa), microformats'
# h-entry/hentry. Not schema.org's Blog or WebPage, which hold posts.
_ITEM_TYPE = lazy_compile(r"(?:Article|BlogPosting|Posting|CreativeWork|Report|sioc:Item)\b")
_ITEM_CLASS = lazy_compile(r"(?:^|\s)h-?entry(?:$|\s)")


def is_item(el: _Element) -> bool:
    """A post as the page marks it (an <article>, a schema.org posting, an h-entry)."""
    return tag_name(el) == "article" or bool(
        _ITEM_TYPE.search(f"{el.get('itemtype') or ''} {el.get('typeof') or ''}")
        or _ITEM_CLASS.search(el.get("class") or ""))


def _piece(rep: Page, h: _Element, start: int, chrome: Callable[[_Element], bool]) -> int:
    """Whether heading ``h`` heads the post holding the article's first word (``start``),
    another post (``h`` stands in a post that does not hold the article: the post before it
    on a blog's front page), or a group: outside the article's post, over a part of the page
    that holds other posts as well (Blogger's date header over the day's posts, an
    archive's or a category's heading over its list). Pages that mark no post: its own."""
    top = next((a for a in h.iterancestors() if _holds(rep, a, start)), None)
    if top is None or is_item(top):
        return _OWN
    for a in h.iterancestors():
        if a is top:
            break
        if is_item(a):
            return _OTHER
    # the article's post: the outermost post below ``top`` holding the article's first word
    post: _Element | None = None
    down: _Element | None = top
    while down is not None and post is None:
        down = next((c for c in down if isinstance(c.tag, str) and _holds(rep, c, start)),
                    None)
        if down is not None and is_item(down):
            post = down
    if post is None:
        return _OWN
    for other in top.iter():
        if (other is not post and isinstance(other.tag, str) and is_item(other)
                and _shown(rep, other) and not inside(other, post) and not chrome(other)
                and not inside(post, other)):
            return _GROUP
    return _OWN


def _holds(rep: Page, el: _Element, p: int) -> bool:
    span = rep.at.get(el)
    return span is not None and span[0] <= p < span[1]


def _heads_links(rep: Page, h: _Element, start: int) -> bool:
    """Whether ``h`` heads a list of links to other pages ("Trending", "Recent content", a
    sidebar's block whatever its class): in the part of the page that holds ``h`` and not
    the article, every word after the heading is the text of a link, two links at least,
    of several words each on average (the titles of other posts, not a post's category)."""
    branch = h
    for a in h.iterancestors():
        if _holds(rep, a, start):
            break
        branch = a
    if branch is h:
        return False
    h_end = rep.at.get(h, (0, 0))[1]
    b_end = rep.at.get(branch, (0, 0))[1]
    if b_end <= h_end:
        return False
    linked, count, last = 0, 0, h_end
    for a in branch.iter("a"):
        span = rep.at.get(a)
        if span is None or span[0] < last or span[1] <= span[0]:
            continue  # before the heading, inside a link counted, or no words
        linked += span[1] - span[0]
        count += 1
        last = span[1]
    return count >= 2 and linked == b_end - h_end and linked >= 3 * count


# A date in a page's machine-readable markup: <time datetime>, <abbr title>, a meta's
# content (article:published_time, itemprop datePublished, RDFa dc:date).
_ISO_DATE = lazy_compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
_NUMBER = lazy_compile(r"\d+")
_LETTERS = lazy_compile(r"[^\W\d_]{4,}")


_DATE_VALUES = XPath("//@datetime | //abbr/@title | //@content")


def _dates(root: _Element) -> list[tuple[int, int, int]]:
    found = []
    values = _DATE_VALUES(root)
    for value in values if isinstance(values, list) else ():
        m = _ISO_DATE.search(str(value))
        if m:
            found.append((int(m[1]), int(m[2]), int(m[3])))
    return found


def _is_date(text: str, dates: Sequence[tuple[int, int, int]]) -> bool:
    """Whether a heading's text is a date the page gives in its markup: its numbers are
    that date's year and day (and month), in any language's words ("Thursday, October 2,
    2025", "jueves, 2 de octubre de 2025", "02/10/2025"): at most two longer words beside
    them (a day's and a month's name)."""
    numbers = {int(n) for n in _NUMBER.findall(text)}
    if not numbers or len(_LETTERS.findall(text)) > 2:
        return False
    return any(year in numbers and day in numbers and numbers <= {year, month, day}
               for year, month, day in dates)


def in_credit_box(rep: Page, el: _Element, article: tuple[int, int] | None) -> bool:
    """A heading of an author box (<h4 class="author-name">, the heading of a
    div.author-box): a name, not the headline. The heading or one of its three nearest
    ancestors is a credit box (credit_box)."""
    return any(credit_box(rep, box, article)
               for box in (el, *list(el.iterancestors())[:3]))


# A credit box is short: a byline, or an author box with a name, a photo and a few lines of
# biography for each author; no longer than the credit region on either side of the article
# (a name farther from the article is no credit anyway).
CREDIT_BOX_TOKENS = CREDIT_WINDOW


def credit_box(rep: Page, el: _Element, article: tuple[int, int] | None = None) -> bool:
    """Whether ``el`` is a box crediting the authors (docs/compliance.md#credit-boxes): its
    class or id names the credit (CREDIT_NAMES: a byline, an author box, an <aside
    class="author-bio">), and it has a box's shape: short (CREDIT_BOX_TOKENS), holding none
    of the article's words (``article``, its token range), and not a post or the page.

    CMSs print a post's labels as classes of the element wrapping it (Squarespace's
    article.author-<slug>, WordPress's post_class category-<slug> and tag-<slug> on
    article.hentry, body_class author-<slug>): such a class word names the post's author or
    topic, and the post holding the headline and the body is no author box."""
    if not CREDIT_NAMES.search(class_words(el)):
        return False
    if tag_name(el) in ("html", "body") or is_item(el):
        return False
    span = rep.at.get(el)
    if span is None:
        return True  # a feed entry's element without words of its own in ``at``
    start, end = span
    if article is not None and start < article[1] and end > article[0]:
        return False
    return end - start <= CREDIT_BOX_TOKENS


def _shown(rep: Page, el: _Element) -> bool:
    span = rep.at.get(el)
    return span is not None and span[1] > span[0]


def _section(rep: Page, heading: _Element | None, s: int, e: int,
             foreign: Sequence[tuple[int, int]], rest: int = 0) -> tuple[int, int]:
    """The token range of the article's own section of a page (s, e: its words): at most
    CREDIT_WINDOW tokens around it (and ``rest`` more after it: the words of the original
    a copy reworded from some point on did not carry), and never into another piece of the
    page (docs/compliance.md#digests). A page may carry several republications (a digest, a
    front page, a newsletter): their credit is not this article's. The section ends

    - before, after another republication's credit (``foreign``: its counter or its
      attribution line, both naming an article other than this one), and, when a heading of
      the article's own level heads another piece before it, at the article's heading, or
      at a byline standing just above that heading (a page's title of a higher level above a
      digest's pieces, or a letter's masthead, heads no piece);
    - after, at the next heading of the article's level or higher (an author box's heading
      excepted), or at another republication's credit.
    Headings of the page's navigation bound nothing."""
    m = len(rep.words)
    lo, hi = max(0, s - CREDIT_WINDOW), min(m, e + CREDIT_WINDOW + rest)
    for start, end in foreign:
        if end <= s:
            lo = max(lo, end)
        elif start >= e:
            hi = min(hi, start)
    if heading is None:
        return lo, hi
    rank = HEADING_TAGS.index(tag_name(heading))
    top = rep.at.get(heading, (s, s))[0]
    for h in rep.root.iter(*HEADING_TAGS[:rank + 1]):
        span = rep.at.get(h)
        if (h is heading or span is None or span[1] <= span[0]
                or in_credit_box(rep, h, (s, e)) or _in_navigation(rep, h, s)):
            continue
        if span[1] <= top and tag_name(h) == tag_name(heading):  # a piece of its rank before
            lo = max(lo, _above_heading(rep, heading))
        elif span[0] >= e:
            hi = min(hi, span[0])
    return lo, hi


def _above_heading(rep: Page, heading: _Element) -> int:
    """Where the article's header starts: its heading, or the byline just above it (the
    blocks right before the heading, or before the header or wrapper holding it, that name
    the authors: a link to a profile, or a class saying byline or author). A wrapper is any
    element whose only words are the heading's (Joomla's page-header, a block editor's
    group, a page builder's heading widget): it adds nothing, so the byline may stand above
    it as well as above the heading."""
    first = heading
    own = rep.at.get(heading)
    for el in (heading, *heading.iterancestors()):
        moved = False
        for sibling in el.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or not _is_byline(rep, sibling):
                break
            first, moved = sibling, True
        parent = el.getparent()
        if moved or parent is None or not (
                tag_name(parent) in ("header", "hgroup") or rep.at.get(parent) == own):
            break
    return rep.at.get(first, (0, 0))[0]


def _is_byline(rep: Page, el: _Element) -> bool:
    return credit_box(rep, el) or any(
        is_profile_url(a.get("href") or "") for a in el.iter("a"))


def _foreign_ranges(rep: Page, neighbours: Sequence[_Element],
                    article: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The token ranges of other republications' credit (_foreign_credit): each element's
    paragraph, unless that holds the article's words too (then the element alone)."""
    s, e = article if article is not None else (0, 0)
    ranges = []
    for el in neighbours:
        own = rep.at.get(el, (0, 0))
        block = rep.at.get(block_of(el), own)
        ranges.append(own if block[0] < e and block[1] > s else block)
    return ranges


# Class or id words of a page's navigation and asides: a heading there heads no article.
# Narrower than _CHROME_NAMES: page builders (Elementor) call every block a "widget", the
# post's title too.
_NAVIGATION = lazy_compile(r"(?:^|[\s_-])(?:breadcrumbs?|menu|navbar|navigation|sidebar|"
                           r"comments?)(?:$|[\s_-])")


def _in_navigation(rep: Page, h: _Element, first: int) -> bool:
    """Whether heading ``h`` stands in a <nav> or <aside>, or a breadcrumb, menu, sidebar or
    comments box (a breadcrumb's hidden "Breadcrumb" heading, a sidebar's "Recent posts").
    An element holding the article's first word (``first``) is the article's, whatever its
    class (<body class="has-main-navigation">): the search stops there."""
    for el in h.iterancestors():
        span = rep.at.get(el)
        if span is not None and span[0] <= first < span[1]:
            return False
        if tag_name(el) in ("nav", "aside") or _NAVIGATION.search(class_words(el)):
            return True
    return False


def _names_the_site(rep: Page, heading: _Element, title: str | None) -> bool:
    """Whether ``heading`` gives the site's name (a letter's masthead, a theme's site title),
    not a headline: og:site_name or application-name says so, or <title> or og:title holds
    it beside the original's headline ("The Friday Letter: Headline", "Headline | Site")."""
    said = key(text_of(heading))
    if not said:
        return False
    names = set()
    for meta in rep.root.iter("meta"):
        if {meta.get("property"), meta.get("name")} & {"og:site_name", "application-name"}:
            names.add(key(meta.get("content") or ""))
        elif title and {meta.get("property"), meta.get("name")} & {"og:title"}:
            names.update(_beside_title(meta.get("content") or "", title))
    if title:
        for t in rep.root.iter("title"):
            names.update(_beside_title(text_of(t), title))
    return said in names


_TITLE_SEPARATOR = lazy_compile(r"\s+[|\-–—·•:/]\s+|:\s+")


def _beside_title(text: str, title: str) -> list[str]:
    """The other parts of a page title that holds the headline among separators."""
    parts = [key(p) for p in _TITLE_SEPARATOR.split(text)]
    want = key(title)
    return [p for p in parts if p and p != want] if want in parts else []


def _block_within(rep: Page, el: _Element, lo: int, hi: int,
                  article: tuple[int, int]) -> _Element:
    """``el``'s block when it lies within tokens lo..hi, else ``el`` alone. A block holding
    the article's words too (a byline or counter standing bare in the post's content, beside
    the article's paragraphs) is not the credit's: then the block's child holding ``el``."""
    block = block_of(el)
    start, end = rep.at.get(block, (lo, hi))
    if not (lo <= start and end <= hi):
        return el
    if start < article[1] and article[0] < end:
        # the outermost element holding ``el`` and none of the article's words: the block's
        # child, or below it where that child holds the article too (a page printing the
        # post's heading, meta and content with no element of their own, in an element of
        # its own that is no block: Eleventy's base blog's <heading-anchors>); ``el`` may be
        # that block itself (a link left open holds the rest of the page)
        found = el
        for a in el.iterancestors():
            span = rep.at.get(a)
            if a is block or (span is not None and span[0] < article[1] and article[0] < span[1]):
                break
            found = a
        return found
    return block


# Markup whose content a browser with scripts neither shows nor runs.
_INERT = frozenset({"template", "noscript"})


def _runs_at(rep: Page, el: _Element) -> int:
    """Where ``el`` stands for safe-html: inside hidden markup, which has no words and so
    gives its content no place of its own (page.read), where that markup stands: hidden, a
    script still runs. Inside inert markup (<template>, <noscript>): nowhere in the article
    (-1)."""
    found = rep.at.get(el)
    if found is not None or not rep.complete:
        return found[0] if found is not None else rep.pos(el)
    for a in el.iterancestors():
        if tag_name(a) in _INERT:
            return -1
        if a in rep.at:
            return rep.at[a][0]
    return -1


def _within_any(blocks: Iterable[_Element]) -> set[_Element]:
    """Every element of ``blocks`` and inside them, each subtree read once: asked of each of
    a page's elements, a walk up its ancestors for each block cost elements × blocks × depth
    (a list of 4,000 links to The Conversation after the article: 5 s; red-team F58)."""
    out: set[_Element] = set()
    for block in blocks:
        if block not in out:
            out.update(block.iter())
    return out


def _edge_test(rep: Page, article: tuple[int, int], blocks: set[_Element]
               ) -> Callable[[_Element, int], bool]:
    """Whether an element standing at the article's first or last token (``p``: no word
    between it and the article) is the article's: within the block of its first or last
    word, or between the article and a credit block touching it (the pasted code's byline
    right above, its counter or attribution right below). Else it is the page's, before or
    after the article (a theme's or plugin's script at the top or end of the post's content,
    the byline in the theme's header): safe-html does not judge it."""
    s, e = article
    spans = [(b, rep.at.get(b)) for b in blocks]
    touching = {s: [b for b, sp in spans if sp is not None and sp[1] == s],
                e: [b for b, sp in spans if sp is not None and sp[0] == e]}
    first = block_of(rep.innermost(s)) if e > s else None
    last = block_of(rep.innermost(e - 1)) if e > s else None

    def test(el: _Element, p: int) -> bool:
        word_block = first if p == s else last
        if word_block is not None and inside(el, word_block):
            return True
        # between the article and the credit block: after a byline touching its start,
        # before a counter or attribution touching its end (a credit block without words,
        # hidden or empty, touches the article's end: what the theme prints after the post's
        # content, a comments loader, stands at that token too, and is not between them)
        return any(_follows(el, b) for b in touching[p]) if p == s else \
            any(not _follows(el, b) for b in touching[p])
    return test


def _follows(el: _Element, block: _Element) -> bool:
    """Whether ``el`` stands after ``block`` in document order (within it: not after)."""
    path = [el, *el.iterancestors()]
    holders = {block, *block.iterancestors()}
    for k, a in enumerate(path):
        if a in holders:
            if a is block or k == 0:
                return False  # within the block, or holding it
            mine = path[k - 1]
            theirs = next(b for b in (block, *block.iterancestors()) if b.getparent() is a)
            return a.index(mine) > a.index(theirs)
    return False


def _foreign_credit(rep: Page, n: int | None) -> list[_Element]:
    """Other republications' credit on the page: for an article k other than n that the page
    both counts (a counter for k) and credits (an attribution line linking k and The
    Conversation's home), that counter and that line's link. A
    counter for k alone is this article's wrong counter; a link to k alone, its wrong link
    back or a related article: both are this article's defects, not another's credit."""
    if n is None:
        return []
    counted: dict[int, list[_Element]] = {}
    for tag in rep.counters:
        if tag.n != n:
            counted.setdefault(tag.n, []).append(tag.el)
    if not counted:
        return []
    found = []
    for a in rep.root.iter("a"):
        k = tc_article_id(a.get("href") or "")
        if k is None or k not in counted:
            continue
        if any(is_tc_home(b.get("href") or "") for b in block_of(a).iter("a")):
            found += [a, *counted[k]]
    return found


# Class or id words of a page's chrome: what surrounds an article on any site. A lone
# "widget" is no such word: page builders (Elementor's elementor-widget, SiteOrigin's
# so-panel widget) call every block of the post a widget, the byline's too; a site's widget
# region says so in the plural or as an area (footer-widgets, widget-area), and a sidebar
# widget stands in an <aside> or a sidebar. These class-word patterns (and _NAVIGATION's,
# CREDIT_NAMES's) are searched in the class and id lowercased: without re.IGNORECASE they
# compile in about 70% of the time.
_CHROME_NAMES = lazy_compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|discussion|sidebar|widgets|widget-areas?|related|"
    r"share|sharing|"
    r"social|menu|navbar|navigation|newsletter|subscribe|advert\w*|ads?|promo\w*|cookies?|"
    r"breadcrumbs?|site-footer|site-header|masthead)(?:$|[\s_-])")


# Class or id words of a box that credits the authors: whatever its tag (an <aside>, a
# widget), it is the byline, not the page's furniture.
CREDIT_NAMES = lazy_compile(
    r"(?:^|[\s_-])(?:author|authors|byline|bylines|bio|contributors?|credits?|attribution)"
    r"(?:$|[\s_-])")


def _chrome(rep: Page, article: tuple[int, int] | None) -> tuple[bytearray, set[_Element]]:
    """A page's chrome: <nav>, <aside>, a <footer> outside any <article>, and elements whose
    class or id says navigation, sidebar, comments, sharing, newsletter or ads. Returns a flag
    per token and the chrome elements: a name or a licence link there is no credit.

    Never chrome: an element holding words of the article (``article``, its token range;
    without the original, an element holding a page counter):
    a theme's layout class on <body> or a wrapper (has-sidebar, showing-comments,
    layout-one-sidebar) names what is beside the article, not the article; and a box whose
    class names the authors or the credit (an author box in an <aside> or a widget)."""
    flags = bytearray(len(rep.words) + 1)
    found: set[_Element] = set()
    counters = [] if article is not None else [t.el for t in rep.counters]
    for el in rep.root.iter():
        tag = tag_name(el)
        if not tag or el is rep.root:
            continue
        if not (
            tag in ("nav", "aside")
            or (tag == "footer" and next(el.iterancestors("article"), None) is None)
            or _CHROME_NAMES.search(class_words(el))
        ) or credit_box(rep, el):
            continue
        start, end = rep.at.get(el, (0, 0))
        if article is not None and start < article[1] and end > article[0]:
            continue
        if article is None and counters and any(inside(c, el) for c in counters):
            continue  # without the original: the element holding the page counter holds it
        found.add(el)
        if end > start:
            flags[start:end] = b"\x01" * (end - start)
    return flags, found


def _container(rep: Page, anchors: Sequence[_Element]) -> _Element:
    """Without the original's text to align: the smallest element holding every credit
    anchor (counter, links to The Conversation and the licence) is taken for the article."""
    if not anchors:
        return rep.root
    paths = [list(reversed([a, *a.iterancestors()])) for a in anchors]
    common = rep.root
    for level in zip(*paths, strict=False):
        if all(el is level[0] for el in level):
            common = level[0]
        else:
            break
    if len(anchors) == 1 or tag_name(common) not in BLOCK_TAGS | {"html", "body"}:
        parent = block_of(common).getparent()  # the block around the lone anchor's block
        if parent is not None:
            common = parent
    return common


def _credit_href(href: str) -> bool:
    """Links that make a credit: The Conversation (home, article, profile, institution) and
    a Creative Commons licence."""
    return is_tc_url(href) or bool(CC_LICENCE.search(href))
