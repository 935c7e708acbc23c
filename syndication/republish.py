"""Pure: Article -> the compliant republication HTML our feeds carry
(docs/feeds.md#what-our-feeds-carry): byline at the top, the body with only the allowed removals,
the counter and disclosure as given, then the attribution line with the licence link. Or an extract
(docs/compliance.md#rules): the same byline, the body's first paragraphs, a "Read the full article"
link, counter and attribution. Not a word of the article's text is changed."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cache
from html import escape
from typing import cast
from urllib.parse import urljoin

import lxml.html
import nh3
from lxml import etree
from lxml.etree import _Element

from .compliance.content import (
    REMOVABLE_TAGS,
    Removals,
    counter_id,
    figure_image,
    is_disclosure,
)
from .compliance.htmltext import drop, parse_fragment, text_of
from .conversation import ATTRIBUTION, TC_HOME
from .models import LICENCE_URL, Article, RemovedImage, Republication
from .safetext import PUBLISHED_SCHEMES, SRCSET_ATTRIBUTES, URL_ATTRIBUTES, safe_srcset, safe_url

BYLINE_CLASS = "tc-byline"
ATTRIBUTION_CLASS = "tc-attribution"

# An extract's link to the whole article, per language (docs/compliance.md#rules, the
# guidelines' wording).
READ_MORE = {
    "en": "Read the full article on The Conversation",
    "es": "Lea el artículo completo en The Conversation",
    "fr": "Lire l’article complet sur The Conversation",
    "pt": "Leia o artigo completo no The Conversation",
    "id": "Baca artikel lengkap di The Conversation",
}
READ_MORE_CLASS = "tc-read-more"
# The word before the authors' names in the byline, per language.
BYLINE_PREFIX = {"en": "By", "es": "Por", "fr": "Par", "pt": "Por", "id": "Oleh"}

# What nh3 lets through: the article's own structure and the attributes its figures, links
# and counter use. Everything else (script, iframe, form, on* handlers, style, javascript:
# URLs) goes (docs/compliance.md#rule-safe-html).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "small", "source",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
    "source": {"srcset", "sizes", "media", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = set(PUBLISHED_SCHEMES)
# The URL attributes in ALLOWED_ATTRIBUTES that make_links_absolute resolved (not srcset).
LINK_ATTRIBUTES = ("href", "src", "cite")
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def language_of(article: Article) -> str:
    """The two-letter language of the article ("en-US" -> "en"), "en" when unknown."""
    return (article.language or "en").split("-")[0].split("_")[0].lower() or "en"


def republish(article: Article, *, mode: str = "full", paragraphs: int = 3,
              root: _Element | None = None, removals: Removals | None = None
              ) -> Republication:
    """Build the republication of ``article``: byline, cleaned body, attribution. With
    ``mode="extract"``, only the body's first ``paragraphs`` paragraphs, then a link to the
    whole article on The Conversation, the counter and the attribution.

    ``root`` is ``parse_fragment(article.content)`` when the caller has it already; it is
    changed here (removals, absolute links), so pass one that is not needed afterwards.
    ``removals``: what is known of its elements already (original.prepare's)."""
    if mode not in ("full", "extract"):
        raise ValueError(f"unknown republication mode {mode!r}")
    if root is None:
        root = parse_fragment(article.content)
    if removals is None:
        removals = Removals(article.authors)
    removals.forget([*_absolute_links(root, article.url), *_load_lazy_images(root)])
    removed = _remove_disallowed(root, removals)
    if mode == "extract":
        counters = [img for img in root.iter("img") if counter_id(img) is not None]
        counter = "".join(lxml.html.tostring(img, encoding="unicode", with_tail=False)
                          for img in counters[:1])
        _keep_paragraphs(root, paragraphs)
        body = _serialise_children(root) + "\n" + read_more_html(article) + counter
    else:
        body = _serialise_children(root)
    html = byline_html(article) + body + attribution_html(article)
    return Republication(article_id=article.article_id, html=sanitise(html), removed=removed,
                         mode=mode)


def read_more_html(article: Article) -> str:
    """An extract's link to the whole article, in the article's language
    (docs/compliance.md#rules)."""
    label = READ_MORE.get(language_of(article), READ_MORE["en"])
    return (f'<p class="{READ_MORE_CLASS}"><a href="{escape(article.url)}">{escape(label)}'
            "</a></p>")


def sanitise(html: str) -> str:
    """The final safety net of every republication (docs/compliance.md#rule-safe-html)."""
    # nh3 hands every attribute it keeps to a Python callback; vetting each URL there cost
    # 0.96 M instructions an article (4.02 M against 3.06 M for nh3 alone; the benchmark's
    # 100, callgrind), mostly safe_url's and safe_srcset's reading of ~50 URLs one by one.
    # The first pass only notes the URLs, tested together after (_plainly_safe): 3.78 M.
    # When one is not plainly safe, the HTML is cleaned again with each URL vetted in full
    # (_vet_url_attribute): the output is what that pass alone would give, either way.
    noted = _noted.values = []
    html_out = _noting_cleaner().clean(html)
    _noted.values = []
    if _plainly_safe(noted):
        return html_out
    return _cleaner().clean(html)


# The URL values the noting cleaner kept, per thread: nh3 may run in several threads at once.
_noted = threading.local()


def _note_url_attribute(_tag: str, attribute: str, value: str) -> str:
    """nh3's callback for the first pass: keep every attribute, note the URLs."""
    if attribute in _VETTED_ATTRIBUTES:
        _noted.values.append((attribute, value))
    return value


_VETTED_ATTRIBUTES = URL_ATTRIBUTES | SRCSET_ATTRIBUTES
# The URLs safe_url passes at a glance (safetext's _PLAIN_WEB_URL: printable ASCII, an http(s)
# scheme, a plain host), each followed by a space (in no such URL), and the srcsets of such
# URLs with no comma (safe_srcset splits on every comma) and plain descriptors. Each implies
# safe_url (safe_srcset): tests/test_hostile_input.py holds them to it.
_WEB_URL_START = r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?"
_PLAIN_URLS = re.compile(rf"(?:{_WEB_URL_START}(?:[/?#][!-~]*)? )*")
_SRCSET_CANDIDATE = rf" *{_WEB_URL_START}(?:[/?#][!-+\--~]*)?(?: +[0-9]+(?:\.[0-9]+)?[wxh])* *"
_PLAIN_SRCSET = re.compile(rf"{_SRCSET_CANDIDATE}(?:,{_SRCSET_CANDIDATE})*")


def _plainly_safe(noted: list[tuple[str, str]]) -> bool:
    """Whether every noted URL value is one safe_url (safe_srcset) would pass at a glance.
    False says nothing: the value is then read in full."""
    urls = [value for attribute, value in noted if attribute in URL_ATTRIBUTES]
    if urls:
        joined = " ".join(urls) + " "
        if joined.count(" ") != len(urls) or _PLAIN_URLS.fullmatch(joined) is None:
            return False
    return all(_PLAIN_SRCSET.fullmatch(value) is not None
               for attribute, value in noted if attribute in SRCSET_ATTRIBUTES)


@cache
def _noting_cleaner() -> nh3.Cleaner:
    """The sanitiser of the first pass: URLs noted, not vetted."""
    return _nh3_cleaner(_note_url_attribute)


@cache
def _cleaner() -> nh3.Cleaner:
    """The sanitiser, every URL vetted."""
    return _nh3_cleaner(_vet_url_attribute)


def _nh3_cleaner(attribute_filter: Callable[[str, str, str], str | None]) -> nh3.Cleaner:
    """Our sanitiser's options, built into a cleaner once (nh3.clean() builds one from its
    options on every call), with each attribute nh3 keeps handed to ``attribute_filter``."""
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def _vet_url_attribute(_tag: str, attribute: str, value: str) -> str | None:
    """nh3 checks the schemes of href and src only: every other attribute that holds a URL
    (cite on blockquote and q, srcset, longdesc, poster…) gets the same check here, and is
    dropped when it fails (docs/compliance.md#rule-safe-html)."""
    if attribute in SRCSET_ATTRIBUTES:
        return value if safe_srcset(value) else None
    if attribute in URL_ATTRIBUTES:
        return value if safe_url(value) else None
    return value


def byline_html(article: Article) -> str:
    """The credit block at the top: each author linked to their profile, with role and
    institution (docs/compliance.md#rule-author-credit, #rule-institution-credit)."""
    parts = []
    for author in article.authors:
        name = escape(author.name)
        if author.profile_url:
            name = f'<a href="{escape(author.profile_url)}">{name}</a>'
        part = name
        if author.role:
            part += f", {escape(author.role)}"
        if author.institution:
            part += f", <em>{escape(author.institution)}</em>"
        parts.append(part)
    if not parts:
        return ""
    prefix = BYLINE_PREFIX.get(language_of(article))
    lead = f"{prefix} " if prefix else ""
    return f'<p class="{BYLINE_CLASS}">{lead}{"; ".join(parts)}</p>\n'


def attribution_html(article: Article) -> str:
    """The attribution line in the article's language, English when unknown
    (docs/the-conversation.md#republish-package)."""
    template = ATTRIBUTION.get(language_of(article), ATTRIBUTION["en"])
    line = template.format(
        home=escape(TC_HOME), deed=escape(LICENCE_URL), url=escape(article.url)
    )
    return f'\n<p class="{ATTRIBUTION_CLASS}">{line}</p>'


def _remove_disallowed(root: _Element, removals: Removals) -> tuple[RemovedImage, ...]:
    """Take out what docs/compliance.md#rules allows and requires to go (content.removal_reason):
    embeds, scripts, promos, and figures whose image is not licensed for reuse, caption included;
    and images outside any figure, which have no credit at all. The counter stays as it is."""
    removed: list[RemovedImage] = []
    # In document order, each element before what it holds; one inside a removed element
    # went with it. What a removed element holds of these tags is noted as it goes: a set
    # lookup each, not a walk up each later element's ancestors (republish 8.948 -> 8.925 M
    # instructions an article on the benchmark's, which open on a removed figure).
    gone: set[_Element] = set()
    for el in list(root.iterdescendants(*REMOVABLE_TAGS, "img")):
        if el in gone:
            continue
        tag = el.tag
        reason = removals.reason(el) if tag in REMOVABLE_TAGS else None
        if (reason is None and tag == "img" and counter_id(el) is None
                and next(el.iterancestors("figure"), None) is None):
            reason = "image without a credit"
        if reason is None:
            continue
        img = el if tag == "img" else figure_image(el) if tag == "figure" else None
        if img is not None:
            credit = removals.credit(el).credit if tag == "figure" else ""
            removed.append(RemovedImage(src=img.get("src") or "", credit=credit,
                                        reason=reason))
        gone.update(el.iterdescendants(*REMOVABLE_TAGS, "img"))
        drop(el)
    _drop_empty(root)
    return tuple(removed)


def _keep_paragraphs(root: _Element, count: int) -> None:
    """Cut the body after its ``count``-th paragraph: what precedes it (a lead figure, a
    heading) stays, everything after goes. Fewer paragraphs: the body stays whole, but
    for the disclosure statement and the counter, which the extract places itself."""
    paragraphs = [p for p in root.iter("p")
                  if not is_disclosure(p) and next(p.iterancestors("p"), None) is None
                  and text_of(p).strip()]
    if len(paragraphs) <= count:
        for item in list(root.iter("p", "img")):
            if is_disclosure(item) or counter_id(item) is not None:
                drop(item)
        return
    el = paragraphs[count - 1]
    while el is not root:
        el.tail = None  # text after the cut is not part of the extract
        parent = el.getparent()
        if parent is None:
            break
        for following in list(el.itersiblings()):
            parent.remove(following)
        el = parent


def _load_lazy_images(root: _Element) -> list[_Element]:
    """Lazy-loaded images (``data-src`` only, as in pages saved from a browser) get a real
    ``src``: feed readers run no script. Counters are left as they are: page-counter judges
    them, and a lazy counter is a defect to report, not to mend. Returns the images changed."""
    changed = []
    for img in root.iter("img", "source"):
        if img.get("src") or counter_id(img) is not None:
            continue
        for lazy, real in (("data-src", "src"), ("data-srcset", "srcset")):
            value = img.get(lazy)
            if value and not img.get(real):
                img.set(real, value)
                changed.append(img)
    return changed


def _drop_empty(root: _Element) -> None:
    """Paragraphs and anchors that held only what was removed (``<p><div promo/></p>``)."""
    for el in reversed(list(root.iter("p", "a", "span", "div"))):  # innermost first
        if el is root or el.getparent() is None:
            continue
        if len(el) == 0 and not (el.text or "").strip():
            drop(el)


def _absolute_links(root: _Element, base: str) -> list[_Element]:
    """Relative URLs would resolve against the reader's feed, not The Conversation: resolve
    them against the article's URL. Only the URL attributes the sanitiser keeps are read
    (lxml's make_links_absolute would parse every link attribute and style, then nh3 drops
    most of them); absolute URLs stay as the source wrote them. Returns the elements
    changed."""
    changed = []
    for name, select in _link_values():
        for value in cast("list[etree._ElementUnicodeResult]", select(root)):
            url = value.strip()
            if not _HAS_SCHEME.match(url):
                url = urljoin(base, url)
            el = value.getparent()
            if url != value and el is not None:
                el.set(name, url)
                changed.append(el)
    return changed


@cache
def _link_values() -> tuple[tuple[str, etree.XPath], ...]:
    """Each name of LINK_ATTRIBUTES with a compiled XPath selecting its values under an
    element (each value knows its element): libxml2 finds the few elements that have one,
    where asking every element for each attribute in Python cost 0.69 M instructions an
    article (the benchmark's 100, callgrind), 0.48 M so. One selection per name: a union
    of the three is sorted, and a name() test in a predicate is 20 times as slow."""
    return tuple((name, etree.XPath(f"descendant-or-self::*/@{name}"))
                 for name in LINK_ATTRIBUTES)


def _serialise_children(root: _Element) -> str:
    """The HTML of what ``root`` holds: one serialisation, less the wrapper's own tags."""
    html = etree.tostring(root, method="html", encoding="unicode")
    if not (html.startswith("<div>") and html.endswith("</div>")):  # parse_fragment's wrapper
        raise ValueError(f"unexpected wrapper: {html[:20]!r}…{html[-20:]!r}")
    return html[len("<div>"):-len("</div>")]
