"""Pure: where an article stands in a republication (page.py parsed it): its place comes
from aligning the original's text with it (compare.py); around it, the credit region where
bylines, attribution and counter are looked for, without the page's chrome."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..conversation import is_tc_url
from .compare import Alignment
from .content import iter_counters, looks_like_counter
from .htmltext import BLOCK_TAGS, key, tag_name
from .page import Page, block_of, inside

if TYPE_CHECKING:
    from lxml.etree import _Element

# A byline or attribution stands within this many tokens before or after the article; farther
# away (a sidebar, the comments) a name is not a credit. Five authors with roles and
# institutions take about 150 tokens (tc-republished-basic-es-159013.html).
CREDIT_WINDOW = 300
CC_LICENCE = re.compile(r"creativecommons\.org/(?:licenses|licences|publicdomain)/", re.I)


@dataclass(frozen=True, slots=True)
class Scope:
    """What the rules look at: the article's tokens, the credit region around it, and the
    elements judged for safety and images."""

    n: int | None  # the article id
    alignment: Alignment | None  # None without the original
    credit: str  # key() string of the tokens where bylines and credits are looked for
    body_words: Sequence[str]  # the article's own tokens (a name there is not a credit)
    links: tuple[_Element, ...] = ()  # <a> in the credit region
    body_links: tuple[_Element, ...] = ()  # <a> in the article
    judged: tuple[_Element, ...] = ()  # safe-html looks at these
    images: tuple[_Element, ...] = ()  # images kept in the article
    page_images: tuple[_Element, ...] = ()  # every image of the page
    chrome: frozenset[_Element] = frozenset()  # the page's chrome elements (see _chrome)


def locate(rep: Page, alignment: Alignment | None, n: int | None, whole: bool) -> Scope:
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

    if article is not None:
        s, e = article
        lo, hi = (0, m) if whole else (max(0, s - CREDIT_WINDOW), min(m, e + CREDIT_WINDOW))
        credit_words = [w for p, w in enumerate(words[lo:s], lo) if not chrome[p]]
        credit_words.append("|")
        credit_words += [w for p, w in enumerate(words[e:hi], e) if not chrome[p]]
        body_words: Sequence[str] = words[s:e]

        def in_credit(el: _Element) -> bool:
            p = rep.pos(el)
            return (lo <= p < s or e <= p < hi) and not is_chrome(el)

        links = [a for a in rep.root.iter("a") if in_credit(a)]
        body_links = [a for a in rep.root.iter("a") if s <= rep.pos(a) < e]
        if whole:
            judged = list(rep.root.iter())
        else:
            blocks = {block_of(el) for el in credit_anchors() if in_credit(el)}
            judged = [el for el in rep.root.iter()
                      if s <= rep.pos(el) <= e or any(inside(el, b) for b in blocks)]
        images = [img for img in rep.root.iter("img")
                  if (whole or s <= rep.pos(img) <= e) and not looks_like_counter(img)]
    else:
        container = rep.root if whole else _container(rep, credit_anchors())
        start, end = rep.at.get(container, (0, m))
        credit_words = [w for p, w in enumerate(words[start:end], start) if not chrome[p]]
        body_words = ()
        within = set(container.iter())
        links = [a for a in rep.root.iter("a") if a in within and not is_chrome(a)]
        body_links = []
        judged = list(container.iter())
        images = [img for img in container.iter("img") if not looks_like_counter(img)]
    return Scope(
        n=n,
        alignment=alignment,
        credit=" " + key(" ".join(credit_words)) + " ",
        body_words=body_words,
        links=tuple(links),
        body_links=tuple(body_links),
        judged=tuple(judged),
        images=tuple(images),
        page_images=tuple(img for img in rep.root.iter("img") if not looks_like_counter(img)),
        chrome=frozenset(chrome_elements),
    )


# Class or id words of a page's chrome: what surrounds an article on any site.
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|discussion|sidebar|widgets?|related|share|sharing|"
    r"social|menu|navbar|navigation|newsletter|subscribe|advert\w*|ads?|promo\w*|cookies?|"
    r"breadcrumbs?|site-footer|site-header|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)


# Class or id words of a box that credits the authors: whatever its tag (an <aside>, a
# widget), it is the byline, not the page's furniture.
CREDIT_NAMES = re.compile(
    r"(?:^|[\s_-])(?:author|authors|byline|bylines|bio|contributors?|credits?|attribution)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)


def _chrome(rep: Page, article: tuple[int, int] | None) -> tuple[bytearray, set[_Element]]:
    """A page's chrome: <nav>, <aside>, a <footer> outside any <article>, and elements whose
    class or id says navigation, sidebar, comments, sharing, newsletter or ads. Returns a flag
    per token and the chrome elements: a name or a licence link there is no credit.

    Never chrome: an element holding words of the article (``article``, its token range):
    a theme's layout class on <body> or a wrapper (has-sidebar, showing-comments,
    layout-one-sidebar) names what is beside the article, not the article; and a box whose
    class names the authors or the credit (an author box in an <aside> or a widget)."""
    flags = bytearray(len(rep.words) + 1)
    found: set[_Element] = set()
    for el in rep.root.iter():
        tag = tag_name(el)
        if not tag or el is rep.root:
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not (
            tag in ("nav", "aside")
            or (tag == "footer" and next(el.iterancestors("article"), None) is None)
            or _CHROME_NAMES.search(names)
        ) or CREDIT_NAMES.search(names):
            continue
        start, end = rep.at.get(el, (0, 0))
        if article is not None and start < article[1] and end > article[0]:
            continue
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
