"""Pure: the parts of The Conversation's article HTML (docs/the-conversation.md#entry-content):
figures and whether their credit allows reuse, embeds and promos that may be removed, and the
page counter."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import cache
from typing import NamedTuple, cast
from urllib.parse import unquote

from lxml.etree import XPath, _Element, _ElementUnicodeResult

from ..conversation import (
    COUNTER_INSIDE_RE,
    PROMO_LINK,
    SAVED_COUNTER_RE,
    SERIES_OPENINGS,
    TC_HOST,
    TC_IMAGE_NAME_RE,
    TC_IMAGE_RE,
    counter_article_id,
    is_tc_url,
)
from ..lazyre import lazy_compile
from ..models import Author
from .htmltext import fold_name, key, normalise, tag_name, text_of

# Elements that are embeds, scripts or forms: removable (docs/compliance.md#rule-unaltered-text),
# and never published (docs/compliance.md#rule-safe-html).
EMBED_TAGS = frozenset(
    "script iframe object embed applet form noscript style template video audio frame "
    "frameset input button select textarea".split()
)
# Credits that grant reuse without a CC link: the author supplied the image, or it is public
# domain. Compared after fold_name(); other editions' wordings are inferred, not recorded.
REUSABLE_LICENCE_WORDS = (
    "author provided", "provided by the author", "supplied by the author", "author supplied",
    "fourni par l'auteur", "fournie par l'auteur", "fourni par les auteurs",
    "proporcionado por el autor", "proporcionada por el autor", "cedida por el autor",
    "fornecido pelo autor", "fornecida pelo autor", "disediakan oleh penulis",
    "public domain", "domaine public", "dominio publico", "dominio público", "domínio público",
)


# Credits naming an agency or a stock library: no licence for republishers unless a Creative
# Commons licence is stated beside it (docs/the-conversation.md#figures-and-credits). Read in
# a caption without The Conversation's markup (house style), where credit and caption mix.
AGENCY_WORDS = (
    "getty images", "shutterstock", "ap photo", "associated press", "reuters", "afp",
    "epa-efe", "epa", "aap", "alamy", "istock", "agence france-presse", "bloomberg",
    "nurphoto", "sipa", "dpa", "anadolu", "xinhua",
)
# A licence written as words where the caption's link was lost: "CC BY", "CC BY-SA 4.0",
# "CC0", "Creative Commons"; compared on key() strings.
CC_WORDS = (" cc by ", " cc by - ", " cc0 ", " cc 0 ", " creative commons ")


class ImageCredit(NamedTuple):
    """What a figure's credit says about reuse (docs/compliance.md#rule-images)."""

    credit: str  # visible text of the credit: span.attribution, else the caption ("" if none)
    licence_url: str | None  # href of a.license, when it points at creativecommons.org
    reusable: bool  # True: may be republished with the article
    reason: str  # why, in a few words
    # key() of each part of the credit (source, licence): what a republication must keep
    # beside the picture, in whatever markup
    parts: tuple[str, ...] = ()
    licence_label: str = ""  # key() of the licence link's words ("cc by"), one of parts


# The tags a counter is written with: <img>, and on AMP pages <amp-pixel> (AMP forbids
# tracking <img>s; amp-pixel requests its src once per view, docs/compliance.md#rule-page-counter)
# or an <amp-img> (an AMP sanitiser's rewrite of the <img>: AMP loads it only near the view).
COUNTER_TAGS = ("img", "amp-pixel", "amp-img")
# Where lazy-loading plugins (WP Rocket, a3 Lazy Load, lazysizes, Jetpack) move an image's URL,
# leaving a placeholder (an SVG or data: URL) in src until a script swaps it in.
LAZY_ATTRIBUTES = ("data-lazy-src", "data-src", "data-original", "data-lazy")
# Where lazy loaders and responsive markup put a picture's URL besides src.
_IMAGE_URL_ATTRIBUTES = (*LAZY_ATTRIBUTES, "data-ll-src", "data-lazyload", "data-echo",
                         "data-orig-src", "data-pagespeed-lazy-src", "data-actualsrc")
_SRCSET_ATTRIBUTES = ("srcset", "data-srcset", "data-lazy-srcset")
# What a consent manager names the attribute it parks a URL in, or marks the element it holds
# with, until the reader accepts its cookies: Cookiebot's data-cookieblock-src and
# data-cookieconsent, Complianz's data-src-cmplz and cmplz-* classes, iubenda's
# data-suppressedsrc and _iub_cs_activate, Borlabs' src-consent, Cookie Information's
# data-consent-src, WPConsent's data-wpconsent-src, WebToffee's data-cli-src, GDPR Cookie
# Compliance's data-gdpr-src.
_CONSENT = lazy_compile(r"cookie|consent|cmplz|_iub_|suppressed|gdpr|data-cli-|usercentrics")


class CounterTag(NamedTuple):
    """An element that carries the page counter's URL, and how a browser gets to it."""

    el: _Element
    n: int  # the article it counts (UNKNOWN: a saved copy's, "saved")
    how: str  # "src": loaded with the page; "saved": a copy a browser saved with the page,
    #           its URL gone; "copied": a copy an editor's paste or upload put elsewhere
    #           (copied_counter), its URL gone; "lazy": only once a script swaps it in (or
    #           AMP loads an <amp-img>); "proxied": the URL is inside an image CDN's or proxy's;
    #           "consent": parked by a consent manager until the reader consents; "held": in
    #           another attribute, which only a script can load
    url: str  # the URL as written
    noscript: bool  # inside <noscript>: loaded only by browsers without scripts
    where: str = "src"  # the attribute holding it (src, srcset, data-lazy-src, data-srcset…)


def counter_id(img: _Element) -> int | None:
    """N when ``img`` is The Conversation's page counter for article N, else None."""
    return counter_article_id(img.get("src") or "")


_URL_ATTRIBUTES = frozenset({"src", *_SRCSET_ATTRIBUTES, *_IMAGE_URL_ATTRIBUTES})


def counter_tag(el: _Element) -> CounterTag | None:
    """The counter ``el`` carries (an <img>, <amp-pixel> or <amp-img>), in whatever form,
    or None: in src or a srcset candidate (loaded with the page), in any attribute where
    lazy loaders put an image's URL (_IMAGE_URL_ATTRIBUTES, data-srcset: lazy), in another
    attribute (a consent manager's, _CONSENT, or one only a script reads), or inside an
    image CDN's or proxy's URL."""
    # Every form holds the word "counter", percent-encoded at worst: most images are
    # pictures, and this answers for them without a pattern. The attributes are read once,
    # all of them (an image has a few), not by 14 el.get() calls: find_counters() and
    # has_source() over a republication's images, 0.27 -> 0.20 M instructions an article.
    items = el.items()
    if not any("counter" in v.lower() or ("%" in v and a in _URL_ATTRIBUTES) for a, v in items):
        return _saved_copy(el) or copied_counter(el)
    attrs = cast("dict[str, str]", dict(items))  # lxml's stubs allow bytes; HTML gives str
    src = (attrs.get("src") or "").strip()
    found = [("src", src),
             *((a, c) for a in _SRCSET_ATTRIBUTES for c in _candidates(attrs.get(a) or "")),
             *((a, (attrs.get(a) or "").strip()) for a in _IMAGE_URL_ATTRIBUTES),
             *((a, v.strip()) for a, v in attrs.items() if a not in _URL_ATTRIBUTES)]
    n, how, where, url = None, "src", "src", src
    for attr, value in found:
        n = counter_article_id(value)
        if n is not None:
            how, where, url = _loaded(attr, attrs), attr, value
            break
    if n is None:
        for attr, value in found:
            m = COUNTER_INSIDE_RE.search(unquote(value))
            if m:
                n, how, where, url = int(m.group(1)), "proxied", attr, value
                break
    if n is None:
        return copied_counter(el)
    if how == "src" and tag_name(el) == "amp-img":
        how = "lazy"  # AMP loads an <amp-img> only when a reader comes near it
    around = {tag_name(a) for a in el.iterancestors()}
    if "template" in around:  # inert: no browser loads it until a script copies it in
        how, where = "held", "a <template>"
    return CounterTag(el, n, how, url, "noscript" in around, where)


#: CounterTag.n of a counter whose article is not known (no article has id 0).
UNKNOWN = 0


def _saved_copy(el: _Element) -> CounterTag | None:
    """The counter as a browser saved it with the page (SAVED_COUNTER_RE): its copy, whose
    address no longer says which article it counts (``how`` "saved", ``n`` UNKNOWN)."""
    src = (el.get("src") or "").strip()
    if "_files" not in src or SAVED_COUNTER_RE.match(src) is None:
        return None
    around = {tag_name(a) for a in el.iterancestors()}
    return CounterTag(el, UNKNOWN, "saved", src, "noscript" in around)


# The counter's alt text in The Conversation's code (conversation.COUNTER_HTML), and the
# name of its file: what a copy keeps when an editor re-hosts it.
_COUNTER_ALT = "the conversation"
_COUNTER_FILE = lazy_compile(r"(?:^|[/_-])count(?:[-_ ]?\(?\d+\)?)?\.gif$", re.IGNORECASE)


def copied_counter(el: _Element) -> CounterTag | None:
    """The counter copied elsewhere by an editor (docs/compliance.md#pasted-through-an-editor),
    its URL gone: an <img> with the counter's alt text ("The
    Conversation") shown at 1×1 or named count.gif, on another address (Word's clipboard
    file ``file:///…/clip_image001.gif``, Google Docs' copy on googleusercontent.com, the
    publisher's media library after "Upload to Media Library"). ``how`` "copied", ``n``
    UNKNOWN; None for any other image."""
    if tag_name(el) not in ("img", "amp-img") or (
            " ".join((el.get("alt") or "").split()).lower() != _COUNTER_ALT):
        return None
    src = (el.get("src") or "").strip()
    if not src or src.lower().startswith("data:"):
        return None
    tiny = (el.get("width") or "").strip() == "1" and (el.get("height") or "").strip() == "1"
    if not tiny and _COUNTER_FILE.search(unquote(src).split("?", 1)[0].split("#", 1)[0]) is None:
        return None
    around = {tag_name(a) for a in el.iterancestors()}
    return CounterTag(el, UNKNOWN, "copied", src, "noscript" in around)


def _loaded(attr: str, attrs: dict[str, str]) -> str:
    """How a counter whose URL is in ``attr`` gets loaded (CounterTag.how)."""
    if attr in ("src", "srcset"):
        return "src"
    if attr in _URL_ATTRIBUTES:
        return "lazy"
    return _held(attr, *(f"{a} {v}" for a, v in attrs.items() if a != attr))


def _held(*marks: str) -> str:
    """How a counter a script must load is held: by a consent manager ("consent"), when its
    attributes' names and values (``marks``) carry one's marks (_CONSENT); else "held"."""
    return "consent" if _CONSENT.search(" ".join(marks)) else "held"


# The script types a browser runs (HTML's JavaScript MIME type essences, and "module"), or
# treats as more than data ("importmap", "speculationrules"): any other type makes a
# <script> a data block, which no browser runs (JSON-LD, Next.js's __NEXT_DATA__, a
# template). A parameter ("; charset=utf-8") is read past, so such a type is a script.
_RUN_SCRIPT_TYPES = frozenset("""
    application/ecmascript application/javascript application/x-ecmascript
    application/x-javascript text/ecmascript text/javascript text/javascript1.0
    text/javascript1.1 text/javascript1.2 text/javascript1.3 text/javascript1.4
    text/javascript1.5 text/jscript text/livescript text/x-ecmascript text/x-javascript
    module importmap speculationrules""".split())


def is_data_block(script: _Element) -> bool:
    """Whether a page's ``<script>`` is a data block: its type none that a browser runs."""
    kind = (script.get("type") or "").split(";", 1)[0].strip().lower()
    return bool(kind) and kind not in _RUN_SCRIPT_TYPES


def _candidates(srcset: str) -> list[str]:
    """The URLs of a srcset ("a.jpg 1x, b.jpg 2x")."""
    return [c.split()[0] for c in srcset.split(",") if c.strip()]


def is_json_data(script: _Element) -> bool:
    """Whether a data block holds JSON (``application/json``, ``application/ld+json``, any
    ``+json`` type): a framework's state (Next.js's __NEXT_DATA__, Nuxt's __NUXT_DATA__) or
    structured data, which describes the page, not markup a script writes into it."""
    kind = (script.get("type") or "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


def find_counters(root: _Element) -> list[CounterTag]:
    """Every element under ``root`` carrying a counter URL, however it is written; and every
    data block holding a counter's markup as text (a consent manager's template, which its
    script writes into the page once the reader consents: Borlabs Cookie's content blocker).
    A JSON data block is not one: a framework's state holds the post's content, the counter's
    markup in it, as the page already shows it; hydrating it adds no second image (red team
    F94, docs/compliance.md#rule-page-counter)."""
    found = []
    for el in root.iter(*COUNTER_TAGS):
        tag = counter_tag(el)
        if tag is not None:
            found.append(tag)
    for script in root.iter("script"):
        text = script.text or ""
        if "counter" in text and is_data_block(script) and not is_json_data(script) and (
                m := COUNTER_INSIDE_RE.search(text)):
            how = _held(*(f"{a} {v}" for el in (script, *script.iterancestors())
                          for a, v in cast("list[tuple[str, str]]", el.items())))
            kind = str(script.get("type"))
            found.append(CounterTag(script, int(m.group(1)), how, m.group(), False,
                                    f'a <script type="{kind}">'))
    return found


def looks_like_counter(img: _Element) -> bool:
    """A counter image in any form (lazy, proxied, its placeholder): not a picture."""
    return counter_tag(img) is not None


def is_picture(img: _Element) -> bool:
    """An image a reader sees as a picture: one with an address to show, not a counter in
    any form, not a lazy loader's placeholder (docs/compliance.md#rule-images)."""
    return has_source(img) and not looks_like_counter(img) and not is_placeholder(img)


def iter_counters(root: _Element) -> Iterator[tuple[_Element, int]]:
    """Every counter under ``root`` with its URL as written in src, with its id."""
    for el in root.iter(*COUNTER_TAGS):
        n = counter_article_id(el.get("src") or "")
        if n is not None:
            yield el, n


def is_disclosure(el: _Element) -> bool:
    """The disclosure statement after the counter: ``<p class="fine-print">``
    (docs/the-conversation.md#entry-content)."""
    return el.tag == "p" and "fine-print" in _classes(el)


def image_key(src: str) -> str:
    """What identifies a picture across sizes: The Conversation's file id (its address
    anywhere in the URL, an image CDN's or proxy's too), else the name The Conversation gave
    its file (image_name: a copy uploaded to another site), else the URL without its
    query."""
    m = TC_IMAGE_RE.search(unquote(src) if "%" in src else src)
    if m:
        return f"tc-file-{m.group(1)}"
    return image_name(src) or src.split("?", 1)[0].split("#", 1)[0].strip()


def is_tc_picture(src: str) -> bool:
    """Whether ``src`` is one of The Conversation's pictures, by its address or its file's
    name (image_key)."""
    return image_key(src).startswith(("tc-file-", "tc-name-"))


def image_name(src: str) -> str | None:
    """The key of a picture by the name The Conversation gave its file ("tc-name-file-
    20250916-56-k9jhld"), read off the last part of the URL's path, or None."""
    name = src.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    m = TC_IMAGE_NAME_RE.search(name) if "file-" in name.lower() else None
    return f"tc-name-{m.group(1).lower()}" if m else None


#: A picture's alt text identifies it when it has at least this many words: the sentence The
#: Conversation's editors write for a picture ("Serveurs dans un centre de données"), not a
#: word or two any picture may carry ("Photo", "Sea stars").
ALT_WORDS = 3


def alt_key(alt: str | None) -> str | None:
    """What identifies a picture by its alt text (docs/compliance.md#rule-images): its words
    without case or accents (htmltext.key), when it has ALT_WORDS words or more; None
    otherwise. A copy of one of the original's pictures
    renamed on upload keeps the alt text the editor copied with it."""
    said = key(alt or "")
    if sum(1 for w in said.split() if any(c.isalnum() for c in w)) < ALT_WORDS:
        return None
    return f"alt:{said}"


# The tags a picture is shown with: <img> (also inside <picture>), and on AMP pages <amp-img>.
IMAGE_TAGS = ("img", "amp-img")


def image_src(img: _Element) -> str:
    """The picture's URL: src, unless that is a placeholder (a ``data:`` URL) or empty, when
    a lazy loader's attribute or the first srcset candidate says it; "" when none does (a
    placeholder alone is no picture)."""
    src = (img.get("src") or "").strip()
    if src and not src.lower().startswith("data:"):
        return src
    for attr in _IMAGE_URL_ATTRIBUTES:
        value = (img.get(attr) or "").strip()
        if value and not value.lower().startswith("data:"):
            return value
    for attr in _SRCSET_ATTRIBUTES:
        first = (img.get(attr) or "").strip().split(",")[0].split()
        if first and not first[0].lower().startswith("data:"):
            return first[0]
    return ""


# Where a page shows a picture other than by an image's own URL: a <picture>'s <source>
# candidates (a WebP plugin's copy beside the <img>), a video's poster, a CSS background
# (an inline style, a <style> rule: a theme's hero or featured image) and the attributes
# lazy loaders park a background in until a script sets it (WP Rocket's data-bg, lazysizes'
# data-bgset, themes' data-background-image).
# The attributes that may hold a background's URL: an inline style, and those lazy loaders
# park it in. One XPath over the page's attributes (in C), the tags by lxml's own filter:
# about half the time of one union of five paths over every element (150 against 290 us an
# article on the benchmark's republications).
_BACKGROUND_ATTRIBUTES = ("//@*[name() = 'style' or starts-with(name(), 'data-bg')"
                          " or starts-with(name(), 'data-background')]")
# A URL in those: inside CSS's url(), or a candidate in a list (srcset's, data-bgset's "|").
_CSS_URL = lazy_compile(r"""(?i)url\(\s*['"]?([^'")\s]+)""")
_LISTED_URL = lazy_compile(r"[^\s,|'\"()]+")
# The picture a page names for its shares on social networks (Open Graph's og:image, with
# its :url and :secure_url, Twitter's card image; Yoast SEO, Rank Math and themes print it,
# from the post's featured image): the card shows it wherever the page is shared, so the
# page uses it, though not on the page itself.
_SOCIAL_IMAGES = frozenset({"og:image", "og:image:url", "og:image:secure_url",
                            "twitter:image", "twitter:image:src"})
SOCIAL_CARD = "the page's picture for social networks"
# The other ways a page names its picture for previews and search results (F67), each read
# as it is read by the services that show it, the same decision as SOCIAL_CARD: a
# <meta name> of a preview or analytics service (Google's "thumbnail" for custom search,
# Parse.ly's and Sailthru's, which show it in recommendation widgets and newsletters),
# Facebook's and old link sharers' <link rel="image_src">, schema.org microdata's image on a
# <meta content> or <link href> (tagDiv's Newspaper prints its ImageObject's url so), and
# JSON-LD's (Yoast SEO's and Rank Math's schema graph, Ghost's, news themes'): an
# ImageObject's url, a page's or article's image, thumbnailUrl, primaryImageOfPage.
_PREVIEW_META = frozenset({"thumbnail", "parsely-image-url", "sailthru.image.full",
                           "sailthru.image.thumb"})
PREVIEW = "the page's picture for previews"
MICRODATA = "the picture its microdata names"
JSON_LD = "the picture its structured data (JSON-LD) names"
# A schema.org property naming an image (compared without case), and an ImageObject's URLs.
_IMAGE_PROPERTIES = frozenset({"image", "thumbnailurl", "thumbnail", "primaryimageofpage"})
_IMAGE_OBJECT_URLS = frozenset({"url", "contenturl", "@id"})
# JSON-LD read safely: a block longer than this (in characters) is not read (Yoast's whole
# graph is a few kilobytes), nor past this many in all on a page; at most this many of its
# values are looked at; a URL longer than this is none. Nesting deeper than the JSON
# reader's own limit is a block no search engine reads either: not read.
_JSON_LD_CHARS = 1 << 20
_JSON_LD_PAGE_CHARS = 4 << 20
_JSON_LD_VALUES = 20_000
_URL_CHARS = 4096


@cache
def _background_attributes() -> XPath:
    """Compiled once, on first use: el.xpath() compiles its expression on every call."""
    return XPath(_BACKGROUND_ATTRIBUTES)


def shown_otherwise(root: _Element) -> Iterator[tuple[str, str]]:
    """(URL, how) of each picture ``root`` shows other than by an image's src, lazy loader's
    attribute or first srcset candidate (image_src): "a <picture> source", "a video's
    poster", "a CSS background"; the one it names for social networks (SOCIAL_CARD), and
    for previews and search results (PREVIEW, MICRODATA, JSON_LD)
    (docs/compliance.md#rule-images)."""
    json_ld = _JSON_LD_PAGE_CHARS
    for el in root.iter("source", "video", "style", "meta", "link", "script"):
        tag = el.tag
        if tag == "meta":
            said = (el.get("property") or el.get("name") or "").strip().lower()
            if url := (el.get("content") or "").strip():
                if said in _SOCIAL_IMAGES:
                    yield url, SOCIAL_CARD
                elif said in _PREVIEW_META:
                    yield url, PREVIEW
                elif _microdata_image(el):
                    yield url, MICRODATA
        elif tag == "link":
            if url := (el.get("href") or "").strip():
                if "image_src" in (el.get("rel") or "").lower().split():
                    yield url, PREVIEW
                elif _microdata_image(el):
                    yield url, MICRODATA
        elif tag == "script":
            text = el.text or ""
            kind = (el.get("type") or "").split(";", 1)[0].strip().lower()
            if kind == "application/ld+json" and len(text) <= min(_JSON_LD_CHARS, json_ld):
                json_ld -= len(text)
                for url in json_ld_images(text):
                    yield url, JSON_LD
        elif tag == "source":
            for attr in _SRCSET_ATTRIBUTES:
                for url in _LISTED_URL.findall(el.get(attr) or ""):
                    yield url, "a <picture> source"
        elif tag == "video":
            if poster := (el.get("poster") or "").strip():
                yield poster, "a video's poster"
        else:
            for url in _CSS_URL.findall(el.text or ""):
                yield url, "a CSS background"
    for value in cast("list[_ElementUnicodeResult]", _background_attributes()(root)):
        if value.attrname == "style":
            urls = _CSS_URL.findall(value)
        else:  # a lazy loader's: a URL, a list of them, or CSS
            urls = _CSS_URL.findall(value) or _LISTED_URL.findall(value)
        for url in urls:
            yield url, "a CSS background"


def _microdata_image(el: _Element) -> bool:
    """Whether ``el`` (a <meta> or <link>) gives a picture in schema.org microdata: its
    itemprop is an image property, or a URL of the ImageObject that an image property of
    its nearest itemscope holds (<span itemprop="image" itemscope
    itemtype="https://schema.org/ImageObject"><meta itemprop="url" content="…">)."""
    props = (el.get("itemprop") or "").lower().split()
    if not props:
        return False
    if any(p in _IMAGE_PROPERTIES for p in props):
        return True
    if not any(p in _IMAGE_OBJECT_URLS for p in props):
        return False
    scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
    return scope is not None and (
        (scope.get("itemtype") or "").rstrip("/").lower().endswith("imageobject")
        or any(p in _IMAGE_PROPERTIES for p in (scope.get("itemprop") or "").lower().split()))


def json_ld_images(text: str) -> Iterator[str]:
    """The pictures a JSON-LD block names (docs/compliance.md#rule-images): the value of an
    image property (image, thumbnailUrl, thumbnail, primaryImageOfPage: a URL, a list of
    them, an ImageObject or a reference to one) and every ImageObject's url and contentUrl
    (Yoast SEO's graph names its picture by "@id" in the page's and article's image, and
    gives its URL in the ImageObject). Read without recursion and bounded (_JSON_LD_VALUES);
    a block that is not JSON, or nests deeper than the JSON reader reads, names nothing."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    stack: list[tuple[object, bool]] = [(data, False)]  # (value, named as a picture)
    budget = _JSON_LD_VALUES
    while stack and budget > 0:
        budget -= 1
        value, picture = stack.pop()
        if isinstance(value, str):
            if picture and 0 < len(value) <= _URL_CHARS:
                yield value.strip()
        elif isinstance(value, list):
            stack.extend((item, picture) for item in reversed(value))
        elif isinstance(value, dict):
            kind = value.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            holds = picture or "ImageObject" in kinds
            for name, item in reversed(value.items()):
                low = name.lower() if isinstance(name, str) else ""
                if low in _IMAGE_PROPERTIES:
                    stack.append((item, True))
                elif holds and low in _IMAGE_OBJECT_URLS:
                    # a node's "@id" is its picture's URL (Rank Math's) or a reference to a
                    # node (Yoast's "…/#primaryimage"), which names no picture
                    if isinstance(item, str) and not (low == "@id" and "#" in item):
                        stack.append((item, True))
                elif isinstance(item, (dict, list)):
                    stack.append((item, False))


def has_source(img: _Element) -> bool:
    """Whether the image names anything to show: a src, a srcset, a lazy loader's URL, or a
    <source> of its <picture>. A CMS prints an empty image field as ``<img src="">``
    (Webflow's w-dyn-bind-empty): the browser loads nothing and shows no picture."""
    if any((img.get(a) or "").strip()
           for a in ("src", *_SRCSET_ATTRIBUTES, *_IMAGE_URL_ATTRIBUTES)):
        return True
    # libxml2 reads <source> as a container: the <img> may stand inside it, in the <picture>
    picture = next(img.iterancestors("picture"), None)
    return picture is not None and any(
        (source.get(a) or "").strip()
        for source in picture.iter("source") for a in _SRCSET_ATTRIBUTES)


# The class Drupal gives the error icon it puts in place of an image its "Restrict images to
# this site" filter removed (filter_html_image_secure: FilterHooks::filterSecureImageAlter in
# drupal/drupal's core/modules/filter, src core/misc/icons/e32700/error.svg, alt "Image
# removed."): the mark a site's style sheet styles it by.
REMOVED_IMAGE_CLASS = "filter-image-invalid"


def is_placeholder(img: _Element) -> bool:
    """A stand-in that shows no picture of its own (docs/compliance.md#rule-images): a lazy
    loader's (an SVG or GIF ``data:`` URL with no picture's URL beside it), or the icon a
    CMS shows where it removed an image (Drupal's filter-image-invalid, no srcset beside
    it, which a browser would show instead)."""
    src = (img.get("src") or "").strip().lower()
    if src.startswith(("data:image/svg", "data:image/gif")):
        return not image_src(img)
    classes = img.get("class") or ""
    return REMOVED_IMAGE_CLASS in classes.split() and not any(
        (img.get(a) or "").strip() for a in _SRCSET_ATTRIBUTES)


# Class words of the element holding a picture and its caption where it is no <figure>:
# WordPress's classic div.wp-caption, Blogger's table.tr-caption-container, themes' and page
# builders' image wrappers.
_CAPTIONED = ("wp-caption", "caption", "figure", "image-card", "kg-card", "media", "photo")
# Blogger's caption table: img < a < td < tr < tbody < table.tr-caption-container.
_CONTAINER_LEVELS = 6
#: A caption's link stands at most this many levels below its picture's container
#: (figure > figcaption > span.attribution > a).
CAPTION_LEVELS = 6
# A picture's container holds the picture, its caption and its credit: one of more tokens
# than this holds more than that (a post body with a class saying "media").
CAPTION_TOKENS = 100


def may_hold_picture(el: _Element) -> bool:
    """Whether ``el`` may be a picture's container (image_container): a <figure>, or an
    element whose class says it holds a captioned picture."""
    if el.tag == "figure":
        return True
    names = (el.get("class") or "").lower()
    return bool(names) and any(word in names for word in _CAPTIONED)


def pictures_of(box: _Element, pictures: Collection[_Element]) -> list[_Element]:
    """The pictures (of ``pictures``, a page's) whose container (image_container) is
    ``box``: what makes it a picture's figure or captioned wrapper."""
    if not may_hold_picture(box):
        return []
    return [img for img in box.iter(*IMAGE_TAGS) if img in pictures
            and image_container(img) is box]


def image_container(img: _Element) -> _Element | None:
    """The element that holds the picture with its caption and credit: its <figure>, else
    a close wrapper whose class says so (``div.wp-caption``), else None."""
    figure = next(img.iterancestors("figure"), None)
    if figure is not None:
        return figure
    for level, el in enumerate(img.iterancestors()):
        if level >= _CONTAINER_LEVELS:
            break
        if may_hold_picture(el):
            return el
    return None


# A picture pasted without its figure stands in a paragraph of its own, inside at most this
# many wordless wrappers (Substack's image block in Google Docs' spans: img < picture < div
# < figure < div < span < span < p).
_LOOSE_LEVELS = 8
# The blocks a paste leaves a picture's caption in, a paragraph of its own.
_LOOSE_BLOCKS = frozenset({"p", "div"})
#: A caption paragraph holds a caption and a credit: a block of more tokens than this after
#: a picture is the article's next paragraph.
LOOSE_CAPTION_TOKENS = 80


def loose_caption(img: _Element) -> _Element | None:
    """The caption of a picture an editor's paste left outside its figure
    (docs/compliance.md#pasted-through-an-editor): the picture alone in a
    block without words (``<p><img></p>``, Word's ``p.MsoNormal``, Google Docs' sized span,
    an image block without caption), its caption the next paragraph (Word's
    ``p.MsoCaption``, a plain ``<p>``), past line breaks and empty spacer paragraphs; or the
    picture's own paragraph when it holds words (the caption after a ``<br>``). Either a
    short one (_caption_like). None where there is no such paragraph."""
    block = img
    for _ in range(_LOOSE_LEVELS):
        parent = block.getparent()
        if parent is None or sum(1 for _ in parent.iter(*IMAGE_TAGS)) > 1:
            break
        if _has_words(parent):
            if block is not img and tag_name(block) not in _INLINE:
                break  # the picture's wordless block: the caption is the next one
            # the caption in the picture's own paragraph, after a line break (a classic
            # editor's picture without its caption shortcode, Google Docs' soft break)
            while parent is not None and tag_name(parent) in _INLINE:
                parent = parent.getparent()
            return parent if parent is not None and _caption_like(parent) else None
        block = parent
    if block is img:
        return None
    caption = block.getnext()
    while caption is not None and (tag_name(caption) == "br" or (
            tag_name(caption) in _LOOSE_BLOCKS and not _has_words(caption)
            and next(caption.iter(*IMAGE_TAGS), None) is None)):
        caption = caption.getnext()
    if caption is None or next(caption.iter(*IMAGE_TAGS), None) is not None:
        return None
    return caption if _caption_like(caption) else None


# Inline elements between a picture and the paragraph holding it.
_INLINE = frozenset("a span b i em strong font small big u sup sub br".split())


def _caption_like(el: _Element) -> bool:
    """Whether ``el`` may be a picture's caption standing on its own: a paragraph (p, div)
    of at most LOOSE_CAPTION_TOKENS words, holding at most one picture and no link to The
    Conversation (the attribution line, the byline)."""
    if tag_name(el) not in _LOOSE_BLOCKS or sum(1 for _ in el.iter(*IMAGE_TAGS)) > 1:
        return False
    if any(is_tc_url(a.get("href") or "") for a in el.iter("a")):
        return False
    return 0 < len(normalise(text_of(el)).split()) <= LOOSE_CAPTION_TOKENS


def _has_words(el: _Element) -> bool:
    return bool(normalise(text_of(el)).strip())


# A promo is a short note; a longer block linking a newsletter is the author's text.
PROMO_MAX_WORDS = 80
_PROMO_BLOCKS = frozenset({"p", "div", "aside", "section", "blockquote"})


def is_promo(el: _Element) -> bool:
    """The Conversation's promos: empty placeholders and inline promo slots, and the
    newsletter plugs, donation appeals and series boxes of any edition (PROMO_LINK,
    SERIES_OPENINGS). One definition: republish removes them, the checker forgives them."""
    if _is_promo_slot(el):
        return True
    if el.tag not in _PROMO_BLOCKS:
        return False
    links = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        # Both tests below want The Conversation's host in every link: a plain ASCII link
        # without it (lower-cased, as IGNORECASE reads it) answers without a pattern.
        if not _may_be_tc_link(href):
            return False
        links.append(href)
    if not links:
        return False
    # The links first: most blocks link elsewhere, and their text need not be read.
    plug = all(PROMO_LINK.match(h) for h in links)
    if not plug and not all(TC_HOST in h.lower() and is_tc_url(h) for h in links):
        return False
    text = text_of(el)
    if len(text.split()) > PROMO_MAX_WORDS:
        return False
    if plug:
        return True
    opening = fold_name(text).lstrip(" [(*_-–—\u00a0")
    return opening.startswith(SERIES_OPENINGS)


def _is_promo_slot(el: _Element) -> bool:
    """An empty placeholder or inline promo slot: a promo whatever it holds."""
    return el.tag == "div" and (el.get("inline-promo-placement") is not None
                                or "inline-promos-skeleton" in (el.get("class") or ""))


def _may_be_tc_link(href: str) -> bool:
    """Whether ``href`` (stripped) may lead to The Conversation, as is_promo reads it: every
    link of a plug or a series box does. A plain ASCII URL without its host cannot."""
    return not href.isascii() or TC_HOST in href.lower()


def _promo_candidates(root: _Element) -> set[_Element]:
    """The blocks under ``root`` (and above) that hold a link that may lead to The
    Conversation: is_promo() is true of no other block but a promo slot."""
    found: set[_Element] = set()
    for a in root.iter("a"):
        if not _may_be_tc_link((a.get("href") or "").strip()):
            continue
        # up by getparent(): iterancestors(*tags) costs twice as much for the 2 or 3 levels
        parent = a.getparent()
        while parent is not None:
            if parent.tag in _PROMO_BLOCKS:
                found.add(parent)
            parent = parent.getparent()
    return found


def is_embed(el: _Element) -> bool:
    """Embeds, scripts, forms and promos: removable, and never published."""
    return tag_name(el) in EMBED_TAGS or is_promo(el)


def figure_credit(figure: _Element, authors: Iterable[Author]) -> ImageCredit:
    """Decide whether the image of ``figure`` may be republished
    (docs/compliance.md#rule-images). The Conversation's markup (span.attribution with
    a.license) is read as it writes it; a caption in another markup (a house style that
    dropped the classes, a theme's own caption) is read by its words and links."""
    return _figure_credit(figure, _folded_names(authors))


# An author's name and its fold_name(): what a credit is searched for.
_Names = tuple[tuple[str, str], ...]


def _folded_names(authors: Iterable[Author]) -> _Names:
    """(name, fold_name(name)) of each author who has a name, in order: folded once per
    article (Removals), not once per figure."""
    return tuple((a.name, fold_name(a.name)) for a in authors if a.name)


def _named_author(folded_credit: str, names: _Names) -> str | None:
    """The first author whose folded name the folded credit holds, if any."""
    return next((name for name, folded in names if folded in folded_credit), None)


def _figure_credit(figure: _Element, names: _Names) -> ImageCredit:
    """figure_credit() with the authors' names folded already."""
    attribution = _first_with_class(figure, "attribution")
    if attribution is None:
        if any(tag_name(el) == "span" for el in _with_class(figure, "caption")):
            return ImageCredit("", None, False, "no credit")  # The Conversation's, uncredited
        return _caption_credit(figure, names)
    credit = " ".join(normalise(text_of(attribution)).split())
    parts = _parts(attribution)
    for el in attribution.iter():
        # the class attribute's words tested only when it holds the stem at all
        value = el.get("class")
        if not value or "licen" not in value:
            continue
        classes = value.split()
        if "license" not in classes and "licence" not in classes:
            continue
        href = (el.get("href") or "").strip()
        said = text_of(el)
        if "creativecommons.org/" in href:
            return ImageCredit(credit, href, True, f"licensed {said.strip() or href}",
                               parts, key(said))
        label = fold_name(said)
        if label and any(label.startswith(w) for w in REUSABLE_LICENCE_WORDS):
            return ImageCredit(credit, None, True, f"credited {said.strip()!r}", parts)
    author = _named_author(fold_name(credit), names)
    if author is not None:
        return ImageCredit(credit, None, True, f"credited to the author {author}", parts)
    return ImageCredit(credit, None, False, "no licence in its credit", parts)


@cache
def _word_keys() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(words, f" {key(words)} ") of REUSABLE_LICENCE_WORDS and of AGENCY_WORDS: worked out
    once, not for every caption (37 key() calls each time)."""
    return (tuple((w, f" {key(w)} ") for w in REUSABLE_LICENCE_WORDS),
            tuple((w, f" {key(w)} ") for w in AGENCY_WORDS))


def caption_of(container: _Element) -> _Element | None:
    """The caption of a picture's container: its <figcaption>, else the element whose class
    says caption (a classic caption's p.wp-caption-text, Blogger's td.tr-caption)."""
    caption = container.find(".//figcaption")
    if caption is None:
        caption = next((el for el in container.iter() if el is not container and any(
            "caption" in c for c in _classes(el))), None)
    return caption


def caption_credit(caption: _Element, authors: Iterable[Author]) -> ImageCredit:
    """The credit a caption standing on its own says (loose_caption's paragraph), read as
    a caption without The Conversation's markup is (_caption_credit)."""
    return _credit_in(caption, _folded_names(authors))


def _caption_credit(container: _Element, names: _Names) -> ImageCredit:
    """A credit read from a caption without The Conversation's markup: a Creative Commons
    link or its name in words, "Author provided" (and its equivalents), or an author's name,
    unless an agency is named with no Creative Commons licence."""
    caption = caption_of(container)
    if caption is None:
        return ImageCredit("", None, False, "no credit")
    return _credit_in(caption, names)


def _credit_in(caption: _Element, names: _Names) -> ImageCredit:
    """_caption_credit() of the caption element itself."""
    credit = " ".join(normalise(text_of(caption)).split())
    if not credit:
        return ImageCredit("", None, False, "no credit")
    for a in caption.iter("a"):
        href = (a.get("href") or "").strip()
        if "creativecommons.org/" in href:
            return ImageCredit(credit, href, True, f"licensed {text_of(a).strip() or href}")
    said = f" {key(credit)} "
    if any(w in said for w in CC_WORDS):
        return ImageCredit(credit, None, True, "licensed Creative Commons (in words)")
    reusable, agencies = _word_keys()
    for words, keyed in reusable:
        if keyed in said:
            return ImageCredit(credit, None, True, f"credited {words!r}")
    agency = next((w for w, keyed in agencies if keyed in said), None)
    if agency is not None:
        return ImageCredit(credit, None, False, f"an agency's picture ({agency}), no licence")
    author = _named_author(fold_name(credit), names)
    if author is not None:
        return ImageCredit(credit, None, True, f"credited to the author {author}")
    return ImageCredit(credit, None, False, "no licence in its credit")


#: The tags of the elements removal_reason() can name a reason for: republish and the checker
#: ask it about these elements only, which libxml2 finds for them. A new kind of removable
#: element adds its tag here (tests/test_content_removal.py holds every recorded element to
#: this).
REMOVABLE_TAGS = _PROMO_BLOCKS | EMBED_TAGS | {"figure"}


def _parts(attribution: _Element) -> tuple[str, ...]:
    """The parts of a credit a republication keeps: each linked or spanned piece (source,
    licence) as key() text, or the whole credit when it has no pieces."""
    pieces = [key(text_of(el)) for el in attribution if tag_name(el)]
    pieces = [p for p in pieces if p]
    if not pieces:
        whole = key(text_of(attribution))
        return (whole,) if whole else ()
    return tuple(pieces)


def credit_kept(container: _Element, credit: ImageCredit) -> bool:
    """Whether ``container`` (a picture's figure or wrapper on a republication) still shows
    the original's credit ``credit``: each of its parts in words, a licence part also as a
    link to the same licence."""
    said = f" {key(text_of(container))} "
    links = {_licence_path(a.get("href") or "") for a in container.iter("a")}
    licence = _licence_path(credit.licence_url) if credit.licence_url else None
    for part in credit.parts:
        if f" {part} " in said:
            continue
        if licence is not None and part == credit.licence_label and licence in links:
            continue  # the licence linked under other words
        return False
    return True


def _licence_path(url: str) -> str:
    """A licence URL without scheme, host spelling or trailing slash."""
    low = url.strip().lower()
    at = low.find("creativecommons.org/")
    return low[at:].rstrip("/") if at >= 0 else low


def removal_reason(el: _Element, authors: Iterable[Author], *,
                   credit_of: Callable[[_Element], ImageCredit] | None = None) -> str | None:
    """Why ``el`` may (and must) be left out of a republication, or None when it stays.

    The rules (docs/compliance.md#rule-unaltered-text) allow exactly these removals: embeds,
    scripts and promos, and figures whose image is not licensed for reuse, caption included.
    republish.py removes them and the checker forgives their absence, so both ask this one
    function, about the elements of REMOVABLE_TAGS only. ``credit_of``: figure_credit() of a
    figure with ``authors``, when the caller has it already (Removals).
    """
    tag = tag_name(el)
    if not tag:
        return None
    # As is_embed(el), tested in the cheapest order: this runs for every element, twice.
    if tag in _PROMO_BLOCKS and is_promo(el):
        return "promo"
    if tag in EMBED_TAGS:
        return f"embed <{tag}>"
    if tag == "figure":
        embed = figure_embed(el)
        if embed is not None:
            return f"figure holding an embed <{tag_name(embed)}>"
        credit = figure_credit(el, authors) if credit_of is None else credit_of(el)
        if not credit.reusable:
            return f"image: {credit.reason}" + (f" ({credit.credit})" if credit.credit else "")
    return None


class Removals:
    """removal_reason() and figure_credit() of one tree's elements for one article's authors,
    each worked out once: the article step asks both of the same tree while preparing the
    original (original.prepare) and again while republishing it (republish). Both read
    nothing but the element and what it holds, so what changes an element must forget() it."""

    def __init__(self, authors: Iterable[Author]):
        self.authors = tuple(authors)
        self._names: _Names | None = None  # _folded_names(authors), once a credit needs it
        self._reasons: dict[_Element, str | None] = {}
        self._credits: dict[_Element, ImageCredit] = {}

    def reason(self, el: _Element) -> str | None:
        """removal_reason(el, authors)."""
        # a test before the lookup, not KeyError: the first question about each element
        # misses, and a raised exception costs more than a second lookup
        known = self._reasons
        if el in known:
            return known[el]
        reason = known[el] = removal_reason(el, self.authors, credit_of=self.credit)
        return reason

    def reasons(self, root: _Element) -> list[tuple[_Element, str | None]]:
        """(el, reason(el)) of ``root`` and of each element under it of REMOVABLE_TAGS, in
        document order. The same answers, found sooner: a block (<p>, <div>…) that holds no
        link that may lead to The Conversation (_promo_candidates) is a promo only as a
        promo slot, and is answered without reading its links or text (most paragraphs:
        1.24 M instructions an article for the benchmark's, 1.38 M asked one by one)."""
        known = self._reasons
        candidates: set[_Element] | None = None  # found when a block is first asked
        out = []
        for el in root.iter(*REMOVABLE_TAGS):
            if el in known:
                out.append((el, known[el]))
                continue
            if el.tag in _PROMO_BLOCKS:
                if candidates is None:
                    candidates = _promo_candidates(root)
                if el not in candidates:
                    reason = known[el] = "promo" if _is_promo_slot(el) else None
                    out.append((el, reason))
                    continue
            reason = known[el] = removal_reason(el, self.authors, credit_of=self.credit)
            out.append((el, reason))
        return out

    def credit(self, figure: _Element) -> ImageCredit:
        """figure_credit(figure, authors)."""
        known = self._credits
        if figure in known:
            return known[figure]
        if self._names is None:
            self._names = _folded_names(self.authors)
        credit = known[figure] = _figure_credit(figure, self._names)
        return credit

    def forget(self, changed: Iterable[_Element]) -> None:
        """``changed`` and what holds them are asked again: their answer may be another."""
        for el in changed:
            for e in (el, *el.iterancestors()):
                self._reasons.pop(e, None)
                self._credits.pop(e, None)


def figure_image(figure: _Element) -> _Element | None:
    """The figure's <img> (or <picture>'s), if any."""
    for img in figure.iter("img"):
        return img
    return None


def figure_embed(figure: _Element) -> _Element | None:
    """An embed (iframe, video…) inside the figure, if any."""
    for el in figure.iter():
        if tag_name(el) in EMBED_TAGS:
            return el
    return None


def _first_with_class(root: _Element, cls: str) -> _Element | None:
    return next(_with_class(root, cls), None)


def _with_class(root: _Element, cls: str) -> Iterator[_Element]:
    for el in root.iter():
        # the words split only where the attribute holds ``cls`` at all (a figure's
        # elements: 10 class tests each, for every figure)
        value = el.get("class")
        if value and cls in value and cls in value.split():
            yield el


def _classes(el: _Element) -> list[str]:
    return (el.get("class") or "").split()
