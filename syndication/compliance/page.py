"""Pure: a republication parsed once (a whole page, a feed entry's HTML, or plain text) into
the tokens a reader sees and where each element stands among them."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple, cast

from lxml.etree import XPath, _Element

from ..lazyre import lazy_compile
from ..safetext import escape
from .content import IMAGE_TAGS, CounterTag, find_counters, has_source, is_placeholder
from .htmltext import (
    BLOCK_TAGS,
    EVERY,
    HEADING_TAGS,
    Pieces,
    extract,
    parse_fragment,
    parse_page,
    tag_name,
    text_of,
    words,
)
from .redirects import unwrap_links
from .scripted import settle_streamed

# Blocks that hold text, not other blocks: an article of one paragraph is judged within the
# element around that paragraph, where an added paragraph would stand.
TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre li dd dt figcaption figure "
                        "address summary".split())


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
    # the counters and pictures, found on first need (one entry: what was found)
    _counters: list[tuple[CounterTag, ...]] = field(default_factory=list, repr=False,
                                                    compare=False)
    _pictures: list[tuple[_Element, ...]] = field(default_factory=list, repr=False,
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

    def innermost(self, token: int) -> _Element:
        """The deepest element holding ``token``, found by descending the tree (element
        ranges nest): a few children looked at per level, not every element of the page."""
        el = self.root
        while True:
            for child in el:
                span = self.at.get(child)
                if span is not None and span[0] <= token < span[1] and tag_name(child):
                    el = child
                    break
            else:
                return el

    @property
    def counters(self) -> tuple[CounterTag, ...]:
        """Every element carrying a page counter (content.find_counters), read once: the
        counter rule, the pictures and a page's credit regions all ask, and an image's
        counter test reads 14 attributes (read once, with span's and locate's repeated
        work gone: check() 8.47 -> 7.43 M instructions an article)."""
        if not self._counters:
            self._counters.append(tuple(find_counters(self.root)))
        return self._counters[0]

    @property
    def pictures(self) -> tuple[_Element, ...]:
        """The images a reader sees as pictures, in document order: content.is_picture, its
        counter test answered by ``counters`` (an image carrying a counter in any form is
        one of them), so that no image's attributes are read twice."""
        if not self._pictures:
            counted = {t.el for t in self.counters}
            self._pictures.append(tuple(
                img for img in self.root.iter(*IMAGE_TAGS)
                if has_source(img) and img not in counted and not is_placeholder(img)))
        return self._pictures[0]


def read(html: str, *, page: bool, plain: bool, located: frozenset[str],
         known: Pieces | None = None, parsed: _Element | None = None) -> Page:
    """Parse a republication once: a page as a whole document, a feed entry as a fragment,
    plain text as paragraphs. ``located``: the tags whose place a feed entry's rules need;
    ``known``: text pieces tokenised already (the original's, see htmltext.extract);
    ``parsed``: a page's HTML (not plain text) as ``parse_page(html)`` returned it, which
    it is then not parsed again."""
    if plain:
        paragraphs = [p for p in re.split(r"\n\s*\n", html) if p.strip()]
        html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    root = (parsed if parsed is not None else
            parse_page(html) if page else parse_fragment(html))
    if page and not plain:  # a link a mail system wrapped leads to its target (a feed
        unwrap_links(root)  # entry is our own republication: nothing wrapped)
        settle_streamed(root)  # a streamed page's content where its scripts move it
    # A page is judged by where its elements stand, so all are located, and by what a reader
    # sees: hidden text is no text. A feed entry is judged whole (our sanitiser keeps no
    # style or hidden attribute), and only its links, images and embeds need a place.
    # A feed entry's top-level blocks are located too: words around the article are judged
    # block by block (span.added_words).
    text = extract(root, EVERY if page else located,
                   () if page else [el for el in root if isinstance(el.tag, str)],
                   known=known, hidden=_no_text(Hidden(root)) if page else None)
    return Page(root, text.words, text.spans, plain, complete=page)


# A control's label of at most this many words is the page's interface, not its text: a
# <details>' <summary> or a <button> ("Continue reading", "Show more", "Lire la suite") over
# the rest of an article a theme folds away (docs/compliance.md#controls).
CONTROL_WORDS = 6
_CONTROLS = frozenset({"button", "summary"})
# Lists of choices, whatever their length: a <select>'s options (GTranslate's "Select
# Language", "English", "French"...), a <datalist>'s.
_CHOICES = frozenset({"select", "datalist"})


def _no_text(hidden: "Hidden") -> Callable[[_Element], bool]:
    """What has no words on a page: what ``hidden`` says a reader does not see, a control's
    short label and a list of choices."""

    def test(el: _Element) -> bool:
        return hidden(el) or el.tag in _CHOICES or (
            el.tag in _CONTROLS and len(words(text_of(el))) <= CONTROL_WORDS
            and not _heads(el))

    return test


def _heads(control: _Element) -> bool:
    """Whether a control is (or holds) a heading: an accordion's button in its <h2>, a
    <summary> over an <h3>, whose words are the section's heading, not an interface's."""
    return any(tag_name(a) in HEADING_TAGS for a in control.iterancestors()) or any(
        True for _ in control.iter(*HEADING_TAGS))


# Declarations that hide an element from a reader: not displayed, invisible, transparent,
# or a box of no size whose overflow is hidden (docs/compliance.md#hidden-text).
_NOT_DISPLAYED = lazy_compile(r"display:none|font-size:0(?:px|em|rem|%)?(?:;|$|!)|"
                              r"content-visibility:hidden")
# opacity below 0.1, as a property or a filter, is as good as none
_FADED = lazy_compile(r"visibility:(?:hidden|collapse)|"
                      r"opacity(?::|\()(?:0(?:\.0\d*)?|\.0\d*)%?(?:;|$|!|\))")
_ZERO = lazy_compile(r"(?:^|;)(?:max-)?(?:width|height):(?:0|1px)(?:px|em|rem|%)?(?:;|$|!)")
# Or moved off the screen, clipped to nothing, scaled to nothing, too small to read or made
# transparent: how text is kept for search engines or screen readers and hidden from a
# reader (the "visually hidden" clip, image replacement's text-indent, an offset of
# thousands of pixels; docs/compliance.md#hidden-text). These are read from the block's
# declarations, found in one pass (_DECLARATION), not by a search per property.
# A far offset is at least FAR_PX (an em taken as 16px, a vw, vh or % as 10px, so -100vw is
# far); a nearer one is layout (a pulled quote's -2em).
FAR_PX = 999
_DECLARATION = lazy_compile(r";([a-z-]+):([^;!]*)")
_LENGTH = lazy_compile(r"(-?\d*\.?\d+)(px|em|rem|vw|vh|%)")
_PX_PER = {"px": 1, "em": 16, "rem": 16, "vw": 10, "vh": 10, "%": 10}
_POSITIONED = frozenset({"absolute", "fixed", "relative"})  # moved by left, top…
_OFFSETS = frozenset({"left", "right", "top", "bottom", "margin-left", "margin-right",
                      "margin-top", "text-indent"})
_TRANSLATE = lazy_compile(r"translate(?:x|y|3d)?\(([^)]*)\)")
_SCALE = lazy_compile(r"scale(?:x|y|3d)?\(([^)]*)\)")
_NO_PATH = lazy_compile(r"inset\((?:[5-9]\d|100)%\)|circle\(0|ellipse\(0")
# Text too small to read: at most TINY_PX (an em counted as 16px, a % as 0.16px).
TINY_PX = 3
_FONT_SIZE = lazy_compile(r"(\d*\.?\d+)(px|em|rem|%)")
_FONT_PX_PER = {"px": 1, "em": 16, "rem": 16, "%": 0.16}
_TRANSPARENT = lazy_compile(r"transparent|rgba\([^)]*,0\)")
# Text of its background's colour, both said in the same block, as a name or a hex code.
_NAMED_COLOURS = {"white": "#ffffff", "black": "#000000"}
_HEX = lazy_compile(r"#(?:[0-9a-f]{3}){1,2}")
# What a block that hides says, at the least (the properties above, an offset of 100px or
# 10em, a small font size, a clip, a transform, a transparent colour); the text's and the
# background's colour are looked for as words. Nearly every block of a page's CSS says none
# of it, and is passed over in one search: the recorded French page's 792 rules cost 13.5 M
# instructions, against 20.3 M with each of these ways looked for in every block (callgrind).
# It searches ";" + the block, so that it starts with a literal, which the regex engine
# skips to (3.6 times as fast as starting with (?:^|;), timeit).
_MAY_HIDE = lazy_compile(
    r";(?:display:none|(?:content-)?visibility:(?:hidden|collapse)|opacity:|"
    r"filter:[^;]*opacity\(|(?:max-)?(?:width|height):(?:0|1px)|"
    r"(?:left|right|top|bottom|margin-left|margin-right|margin-top|text-indent):-?"
    r"(?:\d{3}|\d\d(?:\.\d*)?(?:r?em|v[wh]|%))|clip:rect|clip-path:(?:inset|circle|ellipse)|"
    r"font-size:(?:0|[0-3](?:\.\d*)?px|0?\.(?:0|1[0-8]?)\d*r?em|[12]?\d(?:\.\d*)?%)|"
    r"transform:[^;]*(?:translate|scale)|"
    r"(?:-webkit-text-fill-)?color:(?:transparent|rgba))")

# How a declaration block hides: not at all, by taking the box away, or by fading it (what
# an entrance animation does until its script reveals the element).
_SHOWN, _GONE, _FADE = 0, 1, 2

# Classes that well-known frameworks and site builders hide with their own stylesheets,
# which the checker does not fetch (a page links them, from its host or a CDN), each read in
# the framework's shipped CSS: display:none, visibility:hidden, or the screen-reader-only
# clip. The screen-reader-only ones are read aloud but never seen: a credit there is no
# visible credit (docs/compliance.md#hidden-text).
_HIDING_CLASSES: dict[str, tuple[str, ...]] = {
    "Bootstrap 3-5": ("d-none", "hidden", "hide", "invisible", "sr-only", "visually-hidden"),
    "Tailwind": ("hidden", "invisible", "sr-only"),
    "Bulma": ("is-hidden", "is-invisible", "is-sr-only"),
    "Foundation": ("hide", "invisible", "show-for-sr"),
    "UIkit": ("uk-hidden",),
    "WordPress": ("screen-reader-text",),
    "Drupal": ("visually-hidden", "element-invisible", "element-hidden", "hidden"),
    "Joomla 4+": ("visually-hidden",),
    # Elementor's frontend.css: a hidden form step or button, its screen-reader text
    "Elementor": ("elementor-hidden", "elementor-screen-only"),
    # webflow.css, display:none!important: an element whose CMS visibility condition is
    # false, a bound field left empty, a Collection list's hidden "No items found."
    "Webflow": ("w-condition-invisible", "w-dyn-bind-empty", "w-dyn-hide"),
}
_UTILITY_HIDING = frozenset(name for names in _HIDING_CLASSES.values() for name in names)
# Screen-reader-only classes known by their name, beyond the frameworks' above: a theme's or
# a plugin's own, often prefixed ("ast-screen-reader-text", "u-screen-reader-text"), HTML5
# Boilerplate's "visuallyhidden", Twenty Twelve's "assistive-text". Their text is read aloud,
# never seen ("(opens in a new tab)" after a link).
_SCREEN_READER_ONLY = lazy_compile(
    r"(?:^|\s)(?:\w+[-_])?(?:screen-?reader(?:[-_](?:text|only))?|sr[-_](?:only|text)|"
    r"visually-?hidden|hidden-visually|assistive-text|a11y-(?:hidden|only)|offscreen)"
    r"(?=\s|$)", re.I)
# A class that shows the element again on some screen (Bootstrap d-md-block, Tailwind
# md:block): the utility class then hides it only on small screens.
_SHOWN_ON_SOME_SCREEN = lazy_compile(
    r"^(?:d-(?:sm|md|lg|xl|xxl)-(?!none)\w|(?:sm|md|lg|xl|2xl):(?:block|inline|flex|grid|"
    r"table|contents|visible|not-sr-only)|visible-(?:xs|sm|md|lg)|show-for-)")
# Per-screen hiding classes whose family, all present together, hides on every screen:
# Elementor's default breakpoints, Bootstrap 3's four sizes, Webflow's four (main, medium
# 991px, small 767px, tiny 479px), Avada's three (640px, 1024px).
_PER_SCREEN_FAMILIES = (
    frozenset({"elementor-hidden-desktop", "elementor-hidden-tablet", "elementor-hidden-mobile"}),
    frozenset({"hidden-xs", "hidden-sm", "hidden-md", "hidden-lg"}),
    frozenset({"w-hidden-main", "w-hidden-medium", "w-hidden-small", "w-hidden-tiny"}),
    frozenset({"fusion-no-small-visibility", "fusion-no-medium-visibility",
               "fusion-no-large-visibility"}),
)
# Their classes: only an element holding one of them is tested for a whole family.
_PER_SCREEN_WORDS = frozenset().union(*_PER_SCREEN_FAMILIES)
# Marks of an element an animation script reveals as it scrolls into view, after its CSS
# faded it (visibility:hidden or opacity:0): Elementor (elementor-invisible with an
# "_animation" in data-settings), AOS (data-aos), WOW.js (wow), animate.css (animate__*),
# Divi (et_animated, et-waypoint), sal.js (data-sal).
_ANIMATED_CLASS = lazy_compile(r"^(?:wow|animate__\w+|et_animated|et-waypoint|"
                               r"elementor-invisible)$")
# A prompt that its plugin prints hidden and its script shows to the readers it targets:
# Newspack Campaigns' prompts (newspack-popups' generate_inline_popup prints every prompt
# with the class "hidden", which its view script removes; its style sheet hides
# ".newspack-popup-container.hidden"). Its words are seen, whatever class rule hides it.
_SHOWN_BY_SCRIPT = frozenset({"newspack-popup"})


def _how_hidden(style: str) -> int:
    compact = "".join(style.split()).lower()
    declared = ";" + compact
    if not _MAY_HIDE.search(declared) and not ("color:" in compact and "background" in compact):
        return _SHOWN
    if _NOT_DISPLAYED.search(compact) or (
            _ZERO.search(compact) and "overflow:hidden" in compact):
        return _GONE
    said = dict(_DECLARATION.findall(declared))  # a property said twice: the last
    if _out_of_sight(said):
        return _GONE
    # an entrance animation starts from a fade, a scale of nothing or a slide from afar
    return _FADE if _FADED.search(compact) or _transformed_away(said) else _SHOWN


def _out_of_sight(said: dict[str, str]) -> bool:
    """Placed thousands of pixels away, clipped to nothing, too small to read, or of a
    transparent colour or its background's."""
    positioned = said.get("position") in _POSITIONED
    for prop in said.keys() & _OFFSETS:
        px = _px(said[prop])
        if px is not None and abs(px) >= FAR_PX and (prop.startswith(("margin", "text")) or (
                positioned and (px < 0 or prop in ("left", "right")))):
            return True  # far below the article (top:9999px) is still on the page
    clip = said.get("clip", "")
    if positioned and clip.startswith("rect(") and clip.endswith(")"):
        edges = [_px(v) for v in clip[5:-1].replace(",", " ").split()]
        if len(edges) == 4:
            top, right, bottom, left = edges
            if (top is not None and bottom is not None and top >= bottom) or (
                    right is not None and left is not None and right <= left):
                return True
    if _NO_PATH.match(said.get("clip-path", "")):
        return True
    size = said.get("font-size")
    tiny = _FONT_SIZE.fullmatch(size) if size is not None else None
    if tiny is not None and float(tiny.group(1)) * _FONT_PX_PER[tiny.group(2)] <= TINY_PX:
        return True
    colour, fill = said.get("color"), said.get("-webkit-text-fill-color")
    if colour is None and fill is None:
        return False
    background = said.get("background-color") or said.get("background")
    if colour is not None and background is not None and _colour(colour) is not None \
            and _colour(colour) == _colour(background):
        return True
    # gradient text is painted by its background, a shadow shows transparent text
    return any(c is not None and _TRANSPARENT.fullmatch(c) for c in (colour, fill)) and not (
        said.get("background-clip") == "text" or said.get("-webkit-background-clip") == "text"
        or "text-shadow" in said)


def _colour(value: str) -> str | None:
    """A colour said as a name or a hex code, spelt one way (#fff is #ffffff), else None."""
    value = _NAMED_COLOURS.get(value, value)
    if not _HEX.fullmatch(value):
        return None
    return value if len(value) == 7 else "#" + "".join(c * 2 for c in value[1:])


def _px(value: str) -> float | None:
    """A length in pixels (see FAR_PX), 0 for a bare 0, None for anything else ("auto")."""
    m = _LENGTH.fullmatch(value)
    if m is None:
        return 0.0 if value in ("0", "0.0") else None
    return float(m.group(1)) * _PX_PER[m.group(2)]


def _transformed_away(said: dict[str, str]) -> bool:
    """Scaled to nothing or translated thousands of pixels away."""
    transform = said.get("transform")
    if not transform:
        return False
    return any(abs(_px(a) or 0) >= FAR_PX for args in _TRANSLATE.findall(transform)
               for a in args.split(",")) or any(
        _px(a) == 0 for args in _SCALE.findall(transform) for a in args.split(","))


def _hides(style: str) -> bool:
    return _how_hidden(style) != _SHOWN


def _animated(el: _Element) -> bool:
    attrib = el.attrib
    if "data-aos" in attrib or "data-sal" in attrib:
        return True
    if "animation" in (attrib.get("data-settings") or ""):
        return True
    return any(_ANIMATED_CLASS.match(name) for name in (attrib.get("class") or "").split())


# A compound selector's simple parts: tag, .class, #id, [attribute], [attribute=value].
_SIMPLE = lazy_compile(r"""(?P<tag>^[a-z][\w-]*|^\*)|\.(?P<cls>[\w-]+)|\#(?P<id>[\w-]+)|
    \[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]*)\s*
    (?:[is]\s*)?)?\]""", re.IGNORECASE | re.VERBOSE)
_COMBINATOR = lazy_compile(r"\s*([>+~])\s*|\s+")
# Pseudo-classes a rule still applies under for a reader at rest (:not(...) is dropped:
# matching more is safe, hiding matters only when another copy is shown).
_NOT = lazy_compile(r":not\([^()]*\)", re.IGNORECASE)


class _Compound(NamedTuple):
    tag: str | None
    classes: frozenset[str]
    ids: frozenset[str]
    attrs: tuple[tuple[str, str | None, str], ...]  # name, operator, value

    def matches(self, el: _Element) -> bool:
        if self.tag and self.tag != tag_name(el):
            return False
        attrib = el.attrib
        if self.classes and not self.classes <= set((attrib.get("class") or "").split()):
            return False
        if self.ids and attrib.get("id") not in self.ids:
            return False
        for name, op, value in self.attrs:
            have = attrib.get(name)
            if have is None:
                return False
            if (op == "=" and have != value) or (op == "~=" and value not in have.split()):
                return False
        return True


def _compound(text: str) -> _Compound | None:
    """A compound selector read, or None where it holds what a reader at rest may not match
    (:hover, :focus, ::before…) or what is not understood."""
    if ":" in text:
        text = _NOT.sub("", text)
    tag, classes, ids, attrs, at = None, set(), set(), [], 0
    for m in _SIMPLE.finditer(text):
        if m.start() != at:
            return None
        at = m.end()
        if m.group("tag"):
            tag = None if m.group("tag") == "*" else m.group("tag").lower()
        elif m.group("cls"):
            classes.add(m.group("cls"))
        elif m.group("id"):
            ids.add(m.group("id"))
        else:
            attrs.append((m.group("attr").lower(), m.group("op"),
                          (m.group("val") or "").strip("\"'")))
    if at != len(text) or not text:
        return None
    return _Compound(tag, frozenset(classes), frozenset(ids), tuple(attrs))


class _Selector(NamedTuple):
    """A selector read right to left: its subject, then (combinator, compound) outwards.
    Sibling combinators are not followed (over-approximation: the rest must still match)."""

    subject: _Compound
    outer: tuple[tuple[str, _Compound], ...]

    def possible(self, classes: frozenset[str], ids: frozenset[str]) -> bool:
        """Whether it may match on a page whose elements carry ``classes`` and ``ids``: each
        compound matches() reads (not those past a sibling combinator) names only those.
        A theme's stylesheet holds rules for every part of every page (menus, widgets,
        shops): those naming a class or id no element of this page carries are set aside once,
        not tried on every element of their subject's tag (a thousand hiding rules such as
        ".c1 .d1 > span" cost `check` 7.8 s on a corpus page given 500 spans; 0.08 s now)."""
        return all(c.classes <= classes and c.ids <= ids for c in
                   (self.subject, *(c for combinator, c in self.outer if combinator not in "+~")))

    def matches(self, el: _Element) -> bool:
        if not self.subject.matches(el):
            return False
        at: _Element | None = el
        for combinator, compound in self.outer:
            if combinator in "+~":
                continue
            assert at is not None
            if combinator == ">":
                at = at.getparent()
                if at is None or not compound.matches(at):
                    return False
            else:
                at = next((a for a in at.iterancestors() if compound.matches(a)), None)
                if at is None:
                    return False
        return True


def _classes_and_ids(root: _Element) -> tuple[frozenset[str], frozenset[str]]:
    """The classes and the ids the page's elements carry (read by XPath, in C)."""
    values = cast("list[str]", _class_values()(root))  # attribute values: strings
    ids = cast("list[str]", _id_values()(root))
    return frozenset(" ".join(values).split()), frozenset(ids)


@cache
def _class_values() -> XPath:
    return XPath("//@class")


@cache
def _id_values() -> XPath:
    return XPath("//@id")


def _selector(text: str) -> _Selector | None:
    parts = _COMBINATOR.split(text.strip())
    # split gives compound, combinator-or-None, compound, …
    compounds = [_compound(p) for p in parts[::2]]
    if not compounds or any(c is None for c in compounds):
        return None
    combinators = [c or " " for c in parts[1::2]]
    subject, *rest = reversed(compounds)
    assert subject is not None
    return _Selector(subject, tuple(zip(reversed(combinators), rest,  # type: ignore[arg-type]
                                               strict=True)))


# The at-rules whose blocks hold style rules: @media, @supports and @container only under
# their condition, @layer always. The others (@font-face, @keyframes, @page…) hold none.
_CONDITIONAL = ("@media", "@supports", "@container")
_WIDTH = lazy_compile(r"\(\s*(min|max)-width\s*:\s*([\d.]+)(px|em|rem)\s*\)")


def _widths(conditions: tuple[str, ...]) -> tuple[float, float] | None:
    """The screen widths (px) a rule nested in these at-rules applies at, or None where the
    condition is not only about width on a screen (a print sheet, :hover devices, @supports):
    such a rule is not taken as hiding."""
    low, high = 0.0, float("inf")
    for condition in conditions:
        if not condition.startswith("@media"):
            return None
        query = condition[len("@media"):].strip().lower()
        rest = _WIDTH.sub("", query)
        if "," in query or re.sub(r"\b(?:only|screen|all|and)\b|\s", "", rest):
            return None
        for kind, number, unit in _WIDTH.findall(query):
            px = float(number) * (1 if unit == "px" else 16)
            low, high = (max(low, px), high) if kind == "min" else (low, min(high, px))
    return low, high


def _covers_every_width(ranges: list[tuple[float, float]]) -> bool:
    reached = 0.0
    for low, high in sorted(ranges):
        if low > reached + 1:  # 767px then 768px: no screen between
            return False
        reached = max(reached, high)
    return reached == float("inf")


# A brace of a style sheet.
_BRACE = lazy_compile(r"[{}]")


def _style_rules(css: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """The style rules of a stylesheet: (selectors, declarations, enclosing conditions).
    The enclosing conditions are worked out when a block opens or closes, not for each rule
    (the recorded French page's 792 rules: 8.1 -> 4.2 ms, timeit)."""
    stack: list[str | None] = []  # a block's condition, "" for @layer, None for a skipped one
    conditions: tuple[str, ...] = ()  # the conditions of the blocks open, if none is skipped
    skipping = False  # in a block that is skipped (@font-face, @keyframes…)
    search, find = _BRACE.search, css.find
    at = 0
    while True:
        brace = search(css, at)
        if brace is None:
            return
        b = brace.start()
        if css[b] == "}":
            if stack:
                stack.pop()
                skipping = None in stack
                conditions = tuple(c for c in stack if c)
            at = b + 1
            continue
        prelude = css[at:b]
        semi = prelude.rfind(";")  # after @import …;
        prelude = (prelude[semi + 1:] if semi >= 0 else prelude).strip()
        if prelude.startswith("@"):
            name = prelude.split(None, 1)[0].split("(", 1)[0].lower()
            stack.append(prelude if name in _CONDITIONAL else "" if name == "@layer" else None)
            skipping = None in stack
            conditions = tuple(c for c in stack if c)
            at = b + 1
            continue
        end = find("}", b + 1)
        if end == -1:
            return
        if not skipping:
            yield prelude, css[b + 1:end], conditions
        at = end + 1


def _key(subject: _Compound) -> str:
    if subject.classes:
        return "." + min(subject.classes)
    if subject.ids:
        return "#" + min(subject.ids)
    return subject.tag or "*"


class Hidden:
    """Whether a reader sees an element: the hidden attribute, aria-hidden="true", an inline
    style that hides it, a rule of the page's own <style> that hides it on every screen, or
    a framework's well-known hiding class; an element an animation script reveals, or a
    prompt its plugin's script shows, is seen (docs/compliance.md#hidden-text)."""

    def __init__(self, root: _Element):
        # A heading's permalink, a mark linking to the heading's own place ("#", "¶", "🔗"),
        # as static site generators and themes print one (Hugo's and Jekyll's themes, Sphinx,
        # MkDocs, anchor plugins): the page's navigation, no words of the article's.
        self.permalinks = {a for h in root.iter(*HEADING_TAGS) for a in h.iter("a")
                           if _is_permalink(a)}
        # A print view's footnote mark after a link ("<a>…</a> <sup>[3]</sup>", as WP-Print
        # numbers every link for its printed list of addresses): the link's address set
        # apart for paper, no words of the article's (red team F98).
        self.permalinks |= {s for s in root.iter("sup") if _is_link_footnote(s)}
        # each hiding rule: its selector, how it hides, the widths it applies at (None: all),
        # filed under its subject's first class (".x"), id ("#x"), tag, or "*"
        self.rules: dict[str, list[tuple[_Selector, int, tuple[float, float] | None]]] = {}
        named: tuple[frozenset[str], frozenset[str]] | None = None  # the page's classes, ids
        for style in root.iter("style"):
            css = re.sub(r"/\*.*?\*/", "", style.text or "", flags=re.S)
            for selectors, body, conditions in _style_rules(css):
                how = _how_hidden(body)
                if how == _SHOWN:
                    continue
                widths = _widths(conditions) if conditions else None
                if conditions and widths is None:
                    continue
                for text in selectors.split(","):
                    selector = _selector(text)
                    if selector is None:
                        continue
                    named = named or _classes_and_ids(root)
                    if selector.possible(*named):
                        self.rules.setdefault(_key(selector.subject), []).append(
                            (selector, how, widths))
        # the classes some rule is filed under: most of an element's have none
        self.classes = frozenset(k[1:] for k in self.rules if k.startswith("."))

    def __call__(self, el: _Element) -> bool:
        attrib = el.attrib
        if "hidden" in attrib or (attrib.get("aria-hidden") or "").strip().lower() == "true":
            return True
        if self.permalinks and el in self.permalinks:
            return True
        style = attrib.get("style")
        if style and _hides(style):
            return True
        classes = attrib.get("class") or ""
        names = set(classes.split())
        if names & _SHOWN_BY_SCRIPT:
            return False  # its class hides it until its script shows it
        hiding = names & _UTILITY_HIDING
        read_only = bool(classes) and _SCREEN_READER_ONLY.search(classes) is not None
        if (hiding or read_only) and not any(_SHOWN_ON_SOME_SCREEN.match(n) for n in names):
            # "invisible" alone fades what an animation script reveals: seen then
            return read_only or not (hiding <= {"invisible", "is-invisible"} and _animated(el))
        if not names.isdisjoint(_PER_SCREEN_WORDS) and any(
                family <= names for family in _PER_SCREEN_FAMILIES):
            return True
        rules = self.rules
        if not rules:
            return False
        # the rules filed under its classes, its id, its tag and "*" (see _key)
        found = [r for n in names & self.classes for r in rules[f".{n}"]]
        ident = attrib.get("id")
        if ident is not None:
            found += rules.get(f"#{ident}", ())
        found += rules.get(tag_name(el), ())
        found += rules.get("*", ())
        faded, some_widths = False, []
        for selector, how, widths in found:
            if not selector.matches(el):
                continue
            if widths is not None:
                some_widths.append(widths)
            elif how == _GONE:
                return True
            else:
                faded = True
        if faded and not _animated(el):
            return True
        return bool(some_widths) and _covers_every_width(some_widths)


# A permalink's mark: at most this many characters, none a letter or digit.
_PERMALINK_MARK = 2


def _is_permalink(a: _Element) -> bool:
    """Whether link ``a`` (in a heading) leads to a place in the page and says so with a
    mark alone."""
    if "#" not in (a.get("href") or ""):
        return False
    mark = text_of(a).strip()
    return 0 < len(mark) <= _PERMALINK_MARK and not any(c.isalnum() for c in mark)


# A print view's footnote mark: a number in brackets, alone in its <sup>.
_FOOTNOTE_MARK = lazy_compile(r"^\[\d{1,3}\]$")


def _is_link_footnote(sup: _Element) -> bool:
    """Whether ``sup`` is a print view's footnote mark for the link right before it: "[n]"
    alone, following a link to an address (http or https) with nothing but spaces between."""
    if len(sup) or not _FOOTNOTE_MARK.match((sup.text or "").strip()):
        return False
    link = sup.getprevious()
    if link is None or tag_name(link) != "a" or (link.tail or "").strip():
        return False
    return (link.get("href") or "").strip().lower().startswith(("http://", "https://"))


def block_of(el: _Element) -> _Element:
    """The nearest block element holding ``el`` (its paragraph, list item, div)."""
    for candidate in (el, *el.iterancestors()):
        if tag_name(candidate) in BLOCK_TAGS - {"img", "br", "source", "picture"}:
            return candidate
    return el


def inside(el: _Element, block: _Element) -> bool:
    """Whether ``el`` is ``block`` or stands within it."""
    return el is block or any(a is block for a in el.iterancestors())


def body_of(rep: Page, start: int, end: int) -> _Element:
    """The article's body: the element its words (``rep.words[start:end]``) stand in, the
    innermost holding its first and last word, widened past a lone text block (an article
    of one paragraph), where an added paragraph or picture would stand."""
    first, last = rep.innermost(start), rep.innermost(end - 1)
    ancestors = {last, *last.iterancestors()}  # the elements: a freed proxy's id() is reused
    common = next((a for a in (first, *first.iterancestors()) if a in ancestors), rep.root)
    while common is not rep.root and (tag_name(common) in TEXT_BLOCKS
                                      or tag_name(common) not in BLOCK_TAGS | {"body"}):
        parent = common.getparent()
        if parent is None:
            break
        common = parent
    return common
