"""Pure: a republication parsed once (a whole page, a feed entry's HTML, or plain text) into
the tokens a reader sees and where each element stands among them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from .htmltext import BLOCK_TAGS, EVERY, Pieces, extract, parse_fragment, parse_page, tag_name

if TYPE_CHECKING:
    from lxml.etree import _Element


@dataclass(frozen=True, slots=True)
class Page:
    """A republication parsed once: its tokens and elements' token ranges."""

    root: _Element
    words: tuple[str, ...]
    at: dict[_Element, tuple[int, int]]  # every element of a page; links, images, embeds else
    plain: bool  # plain text: markup rules are not checked
    complete: bool  # ``at`` holds every element (a page)
    # every element's range, filled on first need when ``at`` holds only some (a feed entry)
    _every: dict[_Element, tuple[int, int]] = field(default_factory=dict, repr=False,
                                                   compare=False)

    def pos(self, el: _Element) -> int:
        """Where ``el`` stands among the tokens (an element with no words: where it is)."""
        found = self.at.get(el)
        if found is not None:
            return found[0]
        if self.complete:
            return 0
        if not self._every:  # a feed entry's other elements: evidence for a rare failure
            self._every.update(extract(self.root, EVERY).spans)
        return self._every.get(el, (0, 0))[0]


def read(html: str, *, page: bool, plain: bool, located: frozenset[str],
         known: Pieces | None = None) -> Page:
    """Parse a republication once: a page as a whole document, a feed entry as a fragment,
    plain text as paragraphs. ``located``: the tags whose place a feed entry's rules need;
    ``known``: text pieces tokenised already (the original's, see htmltext.extract)."""
    if plain:
        paragraphs = [p for p in re.split(r"\n\s*\n", html) if p.strip()]
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    root = parse_page(html) if page else parse_fragment(html)
    # A page is judged by where its elements stand, so all are located, and by what a reader
    # sees: hidden text is no text. A feed entry is judged whole (our sanitiser keeps no
    # style or hidden attribute), and only its links, images and embeds need a place.
    # A feed entry's top-level blocks are located too: words around the article are judged
    # block by block (span.added_words).
    text = extract(root, EVERY if page else located,
                   () if page else [el for el in root if isinstance(el.tag, str)],
                   known=known, hidden=Hidden(root) if page else None)
    return Page(root, text.words, text.spans, plain, complete=page)


# Declarations that hide an element from a reader: not displayed, invisible, transparent,
# or a box of no size whose overflow is hidden (docs/compliance.md#hidden-text).
_HIDING = re.compile(r"display:none|visibility:(?:hidden|collapse)|opacity:0(?:\.0*)?(?:;|$)|"
                     r"font-size:0(?:px|em|rem|%)?(?:;|$)")
_ZERO = re.compile(r"(?:^|;)(?:max-)?(?:width|height):0(?:px|em|rem|%)?(?:;|$)")
# A rule of a page's <style> whose selectors are plain classes (".x", "div.x"): the only
# kind judged, the others need a browser's cascade.
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^[a-z0-9]*\.([\w-]+)$", re.IGNORECASE)


def _hides(style: str) -> bool:
    compact = "".join(style.split()).lower()
    if not compact:
        return False
    return bool(_HIDING.search(compact)) or (
        bool(_ZERO.search(compact)) and "overflow:hidden" in compact)


class Hidden:
    """Whether a reader sees an element: the hidden attribute, aria-hidden="true", an inline
    style that hides it, or a class a <style> of the page hides with a plain rule."""

    def __init__(self, root: _Element):
        self.classes: set[str] = set()
        for style in root.iter("style"):
            css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
            for selectors, body in _RULE.findall(css):
                if not _hides(body):
                    continue
                for selector in selectors.split(","):
                    m = _CLASS_SELECTOR.match(selector.strip())
                    if m:
                        self.classes.add(m.group(1))

    def __call__(self, el: _Element) -> bool:
        attrib = el.attrib
        if not attrib:
            return False
        if "hidden" in attrib or (attrib.get("aria-hidden") or "").strip().lower() == "true":
            return True
        style = attrib.get("style")
        if style and _hides(style):
            return True
        if self.classes:
            names = attrib.get("class")
            if names and not self.classes.isdisjoint(names.split()):
                return True
        return False


def block_of(el: _Element) -> _Element:
    """The nearest block element holding ``el`` (its paragraph, list item, div)."""
    for candidate in (el, *el.iterancestors()):
        if tag_name(candidate) in BLOCK_TAGS - {"img", "br", "source", "picture"}:
            return candidate
    return el


def inside(el: _Element, block: _Element) -> bool:
    """Whether ``el`` is ``block`` or stands within it."""
    return el is block or any(a is block for a in el.iterancestors())
