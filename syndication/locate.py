"""Pure: where an article stands in a republication. A page (or a feed entry) is parsed once;
the article's place comes from aligning the original's text with it (compare.py); around it,
the credit region where bylines, attribution and counter are looked for, without the page's
chrome. Also which article of The Conversation a page republishes, read from the page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .compare import Alignment
from .content import iter_counters, looks_like_counter
from .htmltext import BLOCK_TAGS, Pieces, extract, key, parse_fragment, parse_page, tag_name
from .source import article_id_from_url

if TYPE_CHECKING:
    from lxml.etree import _Element

# A byline or attribution stands within this many tokens before or after the article; farther
# away (a sidebar, the comments) a name is not a credit. Five authors with roles and
# institutions take about 150 tokens (tc-republished-basic-es-159013.html).
CREDIT_WINDOW = 300
CC_LICENCE = re.compile(r"creativecommons\.org/(?:licenses|licences|publicdomain)/", re.I)
TC_HOST = "theconversation.com"  # and its edition hosts, *.theconversation.com
# The Conversation's paths that are not articles, though some end in "-{digits}".
_NOT_ARTICLE = re.compile(r"^/(?:profiles|institutions|topics|columns|[a-z-]+/(?:topics|columns))/")
_EDITION_HOME = re.compile(r"[a-z]{2}(?:-[a-z]{2})?|global|europe|africa")
TC_URL_IN_TEXT = re.compile(r"https?://(?:[\w-]+\.)*theconversation\.com/[^\s<>\"')]+", re.I)


@dataclass(slots=True)
class Page:
    """A republication parsed once: its tokens and elements' token ranges."""

    root: _Element
    words: tuple[str, ...]
    at: dict[_Element, tuple[int, int]]  # every element of a page; links, images, embeds else
    plain: bool  # plain text: markup rules are not checked
    complete: bool  # ``at`` holds every element

    def pos(self, el: _Element) -> int:
        """Where ``el`` stands among the tokens (an element with no words: where it is)."""
        if el not in self.at and not self.complete:  # evidence for a rare failure only
            self.at = extract(self.root, lambda e: e).spans  # type: ignore[assignment]
            self.complete = True
        return self.at.get(el, (0, 0))[0]


@dataclass(slots=True)
class Scope:
    """What the rules look at: the article's tokens, the credit region around it, and the
    elements judged for safety and images."""

    n: int | None  # the article id
    alignment: Alignment | None  # None without the original
    credit: str  # key() string of the tokens where bylines and credits are looked for
    body_words: Sequence[str]  # the article's own tokens (a name there is not a credit)
    links: list[_Element] = field(default_factory=list)  # <a> in the credit region
    body_links: list[_Element] = field(default_factory=list)  # <a> in the article
    judged: list[_Element] = field(default_factory=list)  # safe-html looks at these
    images: list[_Element] = field(default_factory=list)  # images kept in the article
    page_images: list[_Element] = field(default_factory=list)  # every image of the page


def read(html: str, *, page: bool, plain: bool, located: frozenset[str],
         known: Pieces | None = None) -> Page:
    """Parse a republication once: a page as a whole document, a feed entry as a fragment,
    plain text as paragraphs. ``located``: the tags whose place a feed entry's rules need;
    ``known``: text pieces tokenised already (the original's, see htmltext.extract)."""
    if plain:
        paragraphs = [p for p in re.split(r"\n\s*\n", html) if p.strip()]
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    root = parse_page(html) if page else parse_fragment(html)
    # A page is judged by where its elements stand, so all are located; a feed entry is
    # judged whole, and only its links, images and embeds need a place.
    text = extract(root, (lambda el: el) if page else
                   (lambda el: el if tag_name(el) in located else None), known)
    return Page(root, text.words, text.spans, plain, complete=page)  # type: ignore[arg-type]


def locate(rep: Page, alignment: Alignment | None, n: int | None, whole: bool) -> Scope:
    """Where the article stands in the republication (``alignment`` of the original's text
    with it, None without the original), and the credit region around it.

    ``whole``: the HTML is nothing but the republication (a feed entry): every element is
    judged and every word outside the article's is credit. Otherwise (a page) only the
    article is judged, with the byline, attribution and counter within CREDIT_WINDOW tokens
    of it; the page's chrome (navigation, sidebars, comments, site footer) is no credit."""
    words = rep.words
    m = len(words)
    chrome, chrome_elements = (bytearray(m + 1), set()) if whole else _chrome(rep)

    def is_chrome(el: _Element) -> bool:
        return bool(chrome_elements) and (
            el in chrome_elements or any(a in chrome_elements for a in el.iterancestors()))

    def credit_anchors() -> list[_Element]:
        """The counters and links to The Conversation or the licence, outside the chrome:
        what tells where a page's credit is (a feed entry is all credit but its article)."""
        return [*(a for a in rep.root.iter("a")
                  if _credit_href(a.get("href") or "") and not is_chrome(a)),
                *(img for img, _k in iter_counters(rep.root) if not is_chrome(img))]

    if alignment is not None and alignment.found:
        s, e = alignment.start, alignment.end
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
                      if s <= rep.pos(el) <= e or any(_inside(el, b) for b in blocks)]
        images = [img for img in rep.root.iter("img")
                  if (whole or s <= rep.pos(img) <= e) and not looks_like_counter(img)]
    else:
        container = rep.root if whole else _container(rep, credit_anchors())
        start, end = rep.at.get(container, (0, m))
        credit_words = [w for p, w in enumerate(words[start:end], start) if not chrome[p]]
        body_words = ()
        inside = set(container.iter())
        links = [a for a in rep.root.iter("a") if a in inside and not is_chrome(a)]
        body_links = []
        judged = list(container.iter())
        images = [img for img in container.iter("img") if not looks_like_counter(img)]
    return Scope(
        n=n,
        alignment=alignment,
        credit=" " + key(" ".join(credit_words)) + " ",
        body_words=body_words,
        links=links,
        body_links=body_links,
        judged=judged,
        images=images,
        page_images=[img for img in rep.root.iter("img") if not looks_like_counter(img)],
    )


# Class or id words of a page's chrome: what surrounds an article on any site.
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|discussion|sidebar|widgets?|related|share|sharing|"
    r"social|menu|navbar|navigation|newsletter|subscribe|advert\w*|ads?|promo\w*|cookies?|"
    r"breadcrumbs?|site-footer|site-header|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _chrome(rep: Page) -> tuple[bytearray, set[_Element]]:
    """A page's chrome: <nav>, <aside>, a <footer> outside any <article>, and elements whose
    class or id says navigation, sidebar, comments, sharing, newsletter or ads. Returns a flag
    per token and the chrome elements: a name or a licence link there is no credit."""
    flags = bytearray(len(rep.words) + 1)
    found: set[_Element] = set()
    for el in rep.root.iter():
        tag = tag_name(el)
        if not tag or el is rep.root:
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (
            tag in ("nav", "aside")
            or (tag == "footer" and next(el.iterancestors("article"), None) is None)
            or _CHROME_NAMES.search(names)
        ):
            found.add(el)
            start, end = rep.at.get(el, (0, 0))
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


def block_of(el: _Element) -> _Element:
    """The nearest block element holding ``el`` (its paragraph, list item, div)."""
    for candidate in (el, *el.iterancestors()):
        if tag_name(candidate) in BLOCK_TAGS - {"img", "br", "source", "picture"}:
            return candidate
    return el


def _inside(el: _Element, block: _Element) -> bool:
    return el is block or any(a is block for a in el.iterancestors())


def _credit_href(href: str) -> bool:
    """Links that make a credit: The Conversation (home, article, profile, institution) and
    a Creative Commons licence."""
    host = host_of(href)
    return host.endswith(TC_HOST) or bool(CC_LICENCE.search(href))


# --- finding the article id in a page -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article of The Conversation a page republishes, as the page itself says."""

    article_id: int  # N
    how: str  # where N was read, for the report
    url: str | None  # the page's link to the original, when it has one


def find_article_id(html: str) -> ArticleRef | None:
    """N of the article a page republishes: from its attribution line's link to the
    original, else from its page counter, else from its last link to an article of The
    Conversation. The link comes first because the counter is what page-counter judges: a
    counter for another article must not make the page about that article."""
    root = parse_page(html)
    counters = [k for _img, k in iter_counters(root)]
    linked = [(a, n) for a in root.iter("a") if (n := tc_article_id(a.get("href") or ""))]
    for a, n in linked:  # the attribution line links The Conversation's home as well
        if any(is_tc_home(b.get("href") or "") for b in block_of(a).iter("a")):
            also = " and its page counter" if n in counters else ""
            return ArticleRef(n, f"its link to the original{also}", _href(a))
    if counters:
        n = counters[0]
        url = next((_href(a) for a, k in linked if k == n), None)
        return ArticleRef(n, "its page counter", url)
    if linked:
        a, n = linked[-1]
        return ArticleRef(n, "its link to an article of The Conversation", _href(a))
    return None


def find_article_id_in_text(text: str) -> ArticleRef | None:
    """N from the last URL of an article of The Conversation in plain text."""
    found = [(m.group(), k) for m in TC_URL_IN_TEXT.finditer(text)
             if (k := tc_article_id(m.group()))]
    if not found:
        return None
    url, n = found[-1]
    return ArticleRef(n, "its link to the original", url)


def _href(a: _Element) -> str:
    return (a.get("href") or "").strip()


def tc_article_id(href: str) -> int | None:
    """N when ``href`` is an article URL of The Conversation (any edition host), else None."""
    href = href.strip()
    if not host_of(href).endswith(TC_HOST):
        return None
    path = urlsplit(href).path
    if _NOT_ARTICLE.match(path):
        return None
    return article_id_from_url(path)


def is_tc_home(href: str) -> bool:
    if not host_of(href).endswith(TC_HOST):
        return False
    path = urlsplit(href.strip()).path.strip("/")
    return path == "" or _EDITION_HOME.fullmatch(path) is not None


def host_of(href: str) -> str:
    try:
        return (urlsplit(href.strip()).hostname or "").lower()
    except ValueError:  # a malformed URL ("http://[bad") is no link to anything
        return ""
