"""Pure: a publisher's own boxes inside a republished article (ads, newsletter sign-ups,
"Related" links), recognised by how CMSs mark them, and furniture only where they carry none
of the original's text (docs/compliance.md#publisher-boxes)."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .htmltext import fold_name, key, tag_name

if TYPE_CHECKING:
    from lxml.etree import _Element

    from .page import Page

# Tags that are a box whatever their class: an <aside> inside the content, a form (a
# newsletter sign-up), AMP's ad and embed components.
BOX_TAGS = {
    "aside": "aside", "form": "form", "amp-ad": "advertisement",
    "amp-embed": "advertisement", "amp-sticky-ad": "advertisement",
}
# Class and id words of boxes as CMSs and their plugins write them. Ads: Ad Inserter
# (code-block-N), Advanced Ads (advads-…), AdSense (ins.adsbygoogle), WP QUADS, Mediavine,
# AdThrive, Ezoic, Google Publisher Tags, Taboola, Outbrain, tagDiv Newspaper's td-a-rec,
# Joomla's mod-banners; newsletters: Mailchimp for WP
# (mc4wp-form), Mailchimp's embed (mc_embed_signup), Ghost's signup card, Substack's
# subscription widget, Jetpack and Newspack, MailPoet, ConvertKit; related posts: Jetpack
# (jp-relatedposts), YARPP, Contextual Related Posts (crp_related), themes' related-posts;
# call-out boxes (Kadence's infobox) linking elsewhere.
_BOX_NAMES = (
    ("advertisement", r"ad|ads|advert\w*|advads\w*|adsbygoogle|adslot|adunit|ad-?slot|"
                      r"ad-?unit|ad-?container|ad-?wrap\w*|ad-?label|ad-?inline|code-block|"
                      r"code-block-\d+|quads\w*|mv-ad-box|adthrive\w*|ezoic\w*|gpt-ad|dfp\w*|"
                      r"google-ad\w*|sponsor\w*|taboola\w*|outbrain\w*|trc_related\w*|adsense\w*|"
                      r"adspot\w*|td-a-rec\w*|banners?|bannergroup|banneritem"),
    ("newsletter sign-up", r"newsletters?\w*|subscribe\w*|subscriptions?\w*|sign-?up\w*|"
                           r"opt-?in\w*|mc4wp\w*|mc_embed_signup\w*|mailchimp\w*|mailpoet\w*|"
                           r"convertkit\w*|ck_form\w*|kg-signup-card\w*|email-capture\w*"),
    ("related links", r"related\w*|jp-relatedposts\w*|yarpp\w*|crp_related\w*|"
                      r"also-read|read-also|see-also|more-stories|recommended\w*|"
                      r"you-may-like|inline-related"),
    ("promotion", r"promo\w*|cta-box|call-to-action|donate-box|donation\w*|\w*infobox\w*|"
                  r"info-box\w*"),
    ("embed", r"wp-block-embed\w*|embed-container|social-embed"),
)
# One pattern, a group per kind: one search per element.
_BOX_WORDS = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(f"(?P<k{i}>{names})" for i, (_k, names) in
                                  enumerate(_BOX_NAMES)) + r")(?:$|[\s_-])",
    re.IGNORECASE)
_KIND_OF_GROUP = {f"k{i}": kind for i, (kind, _n) in enumerate(_BOX_NAMES)}
# What an aria-label, a role description or a box's first words say it is: ads and related
# reading as sites label them, in the editions' languages and a few more.
_LABELS = {
    "advertisement": ("advertisement", "advertising", "sponsored", "ad", "publicite",
                      "publicidad", "anuncio", "publicidade", "anuncio publicitario", "iklan",
                      "werbung", "anzeige", "pubblicita"),
    "related links": ("related", "related posts", "related articles", "related stories",
                      "read more", "read also", "also read", "see also", "more from",
                      "you may also like", "a lire aussi", "lire aussi", "voir aussi",
                      "relacionado", "relacionados", "lea tambien", "leer mas",
                      "te puede interesar", "leia tambem", "leia mais", "veja tambem",
                      "baca juga", "lihat juga", "artikel terkait"),
    "newsletter sign-up": ("newsletter", "sign up", "subscribe", "inscrivez-vous",
                           "suscribete", "assine", "berlangganan"),
}
_LABEL_KEYS = {kind: tuple(key(w) for w in words) for kind, words in _LABELS.items()}
_LABEL_FIRST = frozenset(k.split()[0] for keys in _LABEL_KEYS.values() for k in keys)
# A box is furniture only when it looks like one by what it holds, too: a link, a form
# control, an image or an ad's markup; or, with none of these, no more words than a label.
_BOX_CONTENT = frozenset(
    "a form input button select iframe ins script img picture amp-img amp-ad amp-embed svg "
    "video".split())
LABEL_WORDS = 6
# A box with no class that says what it is by its first words ("Related: <a>…</a>") is one
# short block: a longer one is text.
LABELLED_BOX_WORDS = 40
# A run of this many tokens of the original inside a box: the box carries the article's text
# (an edited sentence hidden in a "Related" box, a paragraph wrapped in an ad class) and is
# judged as text, not furniture.
ORIGINAL_RUN = 5


def box_kind(el: _Element, words: Sequence[str] = ()) -> str | None:
    """What box ``el`` is by its markup ("advertisement", "newsletter sign-up", "related
    links", "promotion", "embed", "aside", "form"), or None. ``words``: its tokens, for a
    box that only its first words name ("Related: …", "Advertisement")."""
    tag = tag_name(el)
    if not tag:
        return None
    kind = BOX_TAGS.get(tag)
    if kind is None and tag == "ins" and "adsbygoogle" in (el.get("class") or ""):
        kind = "advertisement"
    if kind is None:
        kind = _named(el)
    if kind is not None:
        return kind if _holds_box_content(el, words) else None
    return _labelled(el, words)


def _named(el: _Element) -> str | None:
    """The kind its class, id, role or aria-label names."""
    cls, ident = el.get("class"), el.get("id")
    if cls or ident:
        m = _BOX_WORDS.search(f"{cls or ''} {ident or ''}")
        if m is not None and m.lastgroup is not None:
            return _KIND_OF_GROUP[m.lastgroup]
    label = el.get("aria-label") or el.get("aria-roledescription") or el.get("data-label")
    if label:
        said = f" {key(label)} "
        for kind, keys in _LABEL_KEYS.items():
            if any(f" {k} " in said for k in keys):
                return kind
    return None


def _holds_box_content(el: _Element, words: Sequence[str]) -> bool:
    if tag_name(el) in _BOX_CONTENT:
        return True
    if len(words) <= LABEL_WORDS:
        return True
    return any(tag_name(d) in _BOX_CONTENT for d in el.iterdescendants())


def _labelled(el: _Element, words: Sequence[str]) -> str | None:
    """A short block without box markup that its first words name: "Advertisement" alone,
    or "Related: <a>a title</a>" (a link to the rest)."""
    if tag_name(el) not in ("p", "div", "section") or not words:
        return None
    if len(words) > LABELLED_BOX_WORDS or fold_name(words[0]) not in _LABEL_FIRST:
        return None
    said = key(" ".join(words[:LABEL_WORDS]))
    linked = None
    for kind, keys in _LABEL_KEYS.items():
        for k in keys:
            if said == k:  # the label alone ("Advertisement")
                return kind
            if said.startswith((k + " :", k + " -")):  # "Related: <a>…</a>"
                if linked is None:
                    linked = any(True for _ in el.iter("a"))
                if linked:
                    return kind
    return None


class Furniture:
    """The publisher's boxes of a page (page.py read it), each furniture only when it
    carries no run of ORIGINAL_RUN tokens of ``original`` (the original's tokens; None
    without the original: markup alone decides)."""

    def __init__(self, rep: Page, original: Sequence[str] | None):
        self.rep = rep
        self.original = original
        self._runs: set[tuple[str, ...]] | None = None
        self._joined: str | None = None
        self._known: dict[_Element, bool] = {}  # is_box's answers
        self._boxes: list[_Element] | None = None

    def _carries_original(self, words: Sequence[str]) -> bool:
        """Whether ``words`` hold a run of ORIGINAL_RUN tokens of the original, or, shorter
        than that (but for a label of one or two words), occur in it whole: a short line of
        the original ("Read more: Kelp") is its text, not a box."""
        if self.original is None:
            return False
        if 3 <= len(words) < ORIGINAL_RUN:
            if self._joined is None:
                self._joined = " " + " ".join(self.original) + " "
            return " " + " ".join(words) + " " in self._joined
        if self._runs is None:
            o, k = self.original, ORIGINAL_RUN
            self._runs = {tuple(o[i:i + k]) for i in range(len(o) - k + 1)}
        runs, k = self._runs, ORIGINAL_RUN
        return any(tuple(words[i:i + k]) in runs for i in range(len(words) - k + 1))

    def is_box(self, el: _Element) -> bool:
        """Whether ``el`` is a box that is furniture (markup, and none of the original's
        text)."""
        known = self._known.get(el)
        if known is not None:
            return known
        self._known[el] = found = self._is_box(el)
        return found

    def _is_box(self, el: _Element) -> bool:
        start, end = self.rep.at.get(el, (0, 0))
        # box_kind reads a box's first words and whether it has more than a label's: no
        # need to copy a wrapper's thousands
        head = self.rep.words[start:min(end, start + LABELLED_BOX_WORDS + 1)]
        return box_kind(el, head) is not None and not self._carries_original(
            self.rep.words[start:end])

    def box_of(self, el: _Element) -> _Element | None:
        """The outermost furniture box holding ``el`` (or ``el`` itself), if any."""
        found = None
        for candidate in (el, *el.iterancestors()):
            if self.is_box(candidate):
                found = candidate
        return found

    def boxes(self) -> list[_Element]:
        """Every outermost furniture box of the page, in document order."""
        if self._boxes is None:
            self._boxes = list(self._walk(self.rep.root))
        return self._boxes

    def _walk(self, el: _Element) -> Iterator[_Element]:
        for child in el:
            if not tag_name(child):
                continue
            if self.is_box(child):
                yield child
            else:
                yield from self._walk(child)

    def spans(self) -> list[tuple[int, int]]:
        """The token ranges of the boxes that have words, in order."""
        out = []
        for box in self.boxes():
            start, end = self.rep.at.get(box, (0, 0))
            if end > start:
                out.append((start, end))
        return out


class Around:
    """What stands around an article and is not its text: the page's chrome (a set of
    elements) and the publisher's boxes, asked element by element (only the few that the
    article's span holds outside its words are)."""

    def __init__(self, chrome: Container[_Element], furniture: Furniture):
        self.chrome = chrome
        self.furniture = furniture

    def __contains__(self, el: object) -> bool:
        return el in self.chrome or (isinstance(el, etree._Element)
                                     and self.furniture.is_box(el))
