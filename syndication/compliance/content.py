"""Pure: the parts of The Conversation's article HTML (docs/the-conversation.md#entry-content):
figures and whether their credit allows reuse, embeds and promos that may be removed, and the
page counter."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Author
from .conversation import (
    COUNTER_RE,
    PROMO_LINK,
    SERIES_OPENINGS,
    TC_IMAGE_RE,
    counter_article_id,
    is_tc_url,
)
from .htmltext import fold_name, normalise, tag_name, text_of

if TYPE_CHECKING:
    from lxml.etree import _Element

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


@dataclass(frozen=True, slots=True)
class ImageCredit:
    """What a figure's credit says about reuse (docs/compliance.md#rule-images)."""

    credit: str  # visible text of span.attribution ("" when there is none)
    licence_url: str | None  # href of a.license, when it points at creativecommons.org
    reusable: bool  # True: may be republished with the article
    reason: str  # why, in a few words


def counter_id(img: _Element) -> int | None:
    """N when ``img`` is The Conversation's page counter for article N, else None."""
    return counter_article_id(img.get("src") or "")


def looks_like_counter(img: _Element) -> bool:
    """A counter image, even one altered to load lazily (data-src): not a picture."""
    return COUNTER_RE.match(image_src(img)) is not None


def iter_counters(root: _Element) -> Iterator[tuple[_Element, int]]:
    """Every counter image under ``root`` with its article id."""
    for img in root.iter("img"):
        n = counter_id(img)
        if n is not None:
            yield img, n


def is_disclosure(el: _Element) -> bool:
    """The disclosure statement after the counter: ``<p class="fine-print">``
    (docs/the-conversation.md#entry-content)."""
    return el.tag == "p" and "fine-print" in _classes(el)


def image_key(src: str) -> str:
    """What identifies a picture across sizes: The Conversation's file id, else the URL
    without its query."""
    m = TC_IMAGE_RE.search(src)
    if m:
        return f"tc-file-{m.group(1)}"
    return src.split("?", 1)[0].split("#", 1)[0].strip()


def image_src(img: _Element) -> str:
    """The image's URL, from src or, for lazy-loaded images, data-src."""
    return (img.get("src") or img.get("data-src") or img.get("data-lazy-src") or "").strip()


# A promo is a short note; a longer block linking a newsletter is the author's text.
PROMO_MAX_WORDS = 80
_PROMO_BLOCKS = frozenset({"p", "div", "aside", "section", "blockquote"})


def is_promo(el: _Element) -> bool:
    """The Conversation's promos: empty placeholders and inline promo slots, and the
    newsletter plugs, donation appeals and series boxes of any edition (PROMO_LINK,
    SERIES_OPENINGS). One definition: republish removes them, the checker forgives them."""
    tag = el.tag
    if tag == "div" and (el.get("inline-promo-placement") is not None
                         or "inline-promos-skeleton" in (el.get("class") or "")):
        return True
    if tag not in _PROMO_BLOCKS:
        return False
    links = [a.get("href") or "" for a in el.iter("a")]
    if not links:
        return False
    text = text_of(el)
    if len(text.split()) > PROMO_MAX_WORDS:
        return False
    if all(PROMO_LINK.match(h.strip()) for h in links):
        return True
    opening = fold_name(text).lstrip(" [(*_-–—\u00a0")
    return opening.startswith(SERIES_OPENINGS) and all(is_tc_url(h) for h in links)


def is_embed(el: _Element) -> bool:
    """Embeds, scripts, forms and promos: removable, and never published."""
    return tag_name(el) in EMBED_TAGS or is_promo(el)


def figure_credit(figure: _Element, authors: Iterable[Author]) -> ImageCredit:
    """Decide whether the image of ``figure`` may be republished
    (docs/compliance.md#rule-images)."""
    attribution = _first_with_class(figure, "attribution")
    if attribution is None:
        return ImageCredit("", None, False, "no credit")
    credit = " ".join(normalise(text_of(attribution)).split())
    for el in attribution.iter():
        if "license" not in _classes(el) and "licence" not in _classes(el):
            continue
        href = (el.get("href") or "").strip()
        if "creativecommons.org/" in href:
            return ImageCredit(credit, href, True, f"licensed {text_of(el).strip() or href}")
        label = fold_name(text_of(el))
        if label and any(label.startswith(w) for w in REUSABLE_LICENCE_WORDS):
            return ImageCredit(credit, None, True, f"credited {text_of(el).strip()!r}")
    folded = fold_name(credit)
    for author in authors:
        if author.name and fold_name(author.name) in folded:
            return ImageCredit(credit, None, True, f"credited to the author {author.name}")
    return ImageCredit(credit, None, False, "no licence in its credit")


def removal_reason(el: _Element, authors: Iterable[Author]) -> str | None:
    """Why ``el`` may (and must) be left out of a republication, or None when it stays.

    The rules (docs/compliance.md#rule-unaltered-text) allow exactly these removals: embeds,
    scripts and promos, and figures whose image is not licensed for reuse, caption included.
    republish.py removes them and the checker forgives their absence, so both ask this one
    function.
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
        credit = figure_credit(el, authors)
        if not credit.reusable:
            return f"image: {credit.reason}" + (f" ({credit.credit})" if credit.credit else "")
    return None


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
    for el in root.iter():
        if cls in _classes(el):
            return el
    return None


def _classes(el: _Element) -> list[str]:
    return (el.get("class") or "").split()
