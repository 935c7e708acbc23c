"""htmltext: the words a reader sees and the word ranges of chosen elements, which the checker's
`unaltered-text` rule and removal allowances stand on. extract() is written for speed; here it
is held to a plain reference (a flat string, a regex match per token, bisect per range,
str.translate for typography) on the recorded articles, our republications of them, and hard
shapes."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Hashable
from pathlib import Path

import pytest
from lxml import etree
from lxml.etree import _Element

from syndication.compliance.htmltext import (
    EVERY,
    Text,
    extract,
    fold_name,
    normalise,
    parse_fragment,
    words,
)
from syndication.models import Article
from syndication.republish import republish
from syndication.source import parse_feed

from .conftest import ENV_FEED, FR_FEED

FOLD = str.maketrans({
    # F84: every quotation mark and apostrophe is one mark (told apart by where it stands,
    # reference_marks)
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u201c\u201d\u201e\u201f\u2033"
                    "\u00ab\u00bb\u2039\u203a\u02bc\u02bb`\"", "'"),
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    # Unicode 15's Default_Ignorable_Code_Point in the BMP (DerivedCoreProperties.txt)
    **{chr(c): None for first, last in (
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
        (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
        (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8)) for c in range(first, last + 1)},
})
BLOCK = set("address article aside blockquote br dd details dialog div dl dt fieldset "
            "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
            "section summary table tbody td tfoot th thead tr ul img iframe video audio "
            "picture source".split())
SKIP = set("script style template noscript head title".split())
WORD = re.compile(r"\w+|[^\w\s]")  # a run of letters and digits, or one punctuation mark

Mark = Callable[[_Element], Hashable | None]


def reference_normalise(text: str) -> str:
    """A piece of text folded (its marks told apart only once the pieces are one text:
    reference_marks)."""
    # a run of typed hyphens is one dash; the acute accent and double primes are folded
    # before NFKC splits them; ``…'' is one mark
    text = re.sub(r"(?m)(?!^-- ?$)-{2,}", "-", text).replace("``", '"').replace("''", '"')
    return unicodedata.normalize("NFKC", text.translate(FOLD)).translate(FOLD)


def reference_marks(text: str) -> str:
    """Each mark "'" between two word characters stays; any other is '"'."""
    def word(c: str) -> bool:
        return c.isalnum() or c == "_"

    return "".join('"' if c == "'" and not (0 < k < len(text) - 1 and word(text[k - 1])
                                            and word(text[k + 1])) else c
                   for k, c in enumerate(text))


def reference_extract(
    root: _Element, mark: Mark
) -> tuple[tuple[str, ...], dict[Hashable, tuple[int, int]]]:
    pieces: list[str] = []
    spans: dict[Hashable, tuple[int, int]] = {}

    def length() -> int:
        return sum(len(p) for p in pieces)

    def walk(el: _Element) -> None:
        if not isinstance(el.tag, str):
            return
        key = mark(el)
        if el.tag.lower() in SKIP:
            if key is not None:
                spans[key] = (length(), length())
            return
        block = el.tag.lower() in BLOCK
        if block:
            pieces.append(" ")
        start = length()
        pieces.append(reference_normalise(el.text or ""))
        for child in el:
            walk(child)
            pieces.append(reference_normalise(child.tail or ""))
        if key is not None:
            spans[key] = (start, length())
        if block:
            pieces.append(" ")

    walk(root)
    flat = reference_marks("".join(pieces))
    matches = list(WORD.finditer(flat))
    starts, ends = [m.start() for m in matches], [m.end() for m in matches]
    return (
        tuple(m.group() for m in matches),
        {k: (bisect_left(ends, a + 1), bisect_left(starts, b)) for k, (a, b) in spans.items()},
    )


class Choice:
    """What extract() is asked to place: elements by tag (EVERY: all), and elements handed
    over (here every third one of some tags, as prepare() hands it the removable ones)."""

    def __init__(self, name: str, tags: str | frozenset[str], handed: frozenset[str] = frozenset()):
        self.__name__ = name
        self.tags = tags
        self.handed = handed

    def marked(self, root: _Element) -> set[_Element]:
        if not self.handed:
            return set()
        return {el for k, el in enumerate(root.iter(*self.handed)) if k % 3 == 0}

    def extract(self, root: _Element, **kwargs: object) -> Text:
        return extract(root, self.tags, self.marked(root), **kwargs)  # type: ignore[arg-type]

    def mark(self, root: _Element) -> Mark:
        marked = self.marked(root)
        every = self.tags == EVERY
        return lambda el: el if (every or el.tag in self.tags or el in marked) else None


every_element = Choice("every_element", EVERY)
anchors = Choice("anchors", frozenset({"a"}))
figures = Choice("figures", frozenset({"figure", "div"}))
handed = Choice("handed", frozenset({"a"}), frozenset({"p", "em", "script", "li", "figure"}))
CHOICES = [every_element, anchors, figures, handed]


HARD_SHAPES = [
    "<p>foo<b>bar</b>baz qux</p>",  # one word across three elements
    "<p>a <a href='x'>b</a>c d<a href='y'></a>e <em> </em>f</p>",  # empty and blank marks
    "<p>word<a href='x'>cut</a></p><p><a href='z'>start</a> of para</p>",
    "<p>soft\u00adhyphen zero\u200bwidth non\u00a0breaking \u201cquoted\u201d \u2014 dash</p>",
    "<p>\ufb01ne ligature, \uff26\uff55\uff4c\uff4c width, caf\u0065\u0301</p>",
    "<p>\u200b</p><p>only\u00ad</p><a href='q'>\u200b</a>",
    "<p>before<!-- a comment -->after<script>var x = 1;</script>tail</p>",
    "<div>text<br>after break<img src='i.png'>next<span>in</span>line</div>",
    "<ul><li>one</li><li>two<ul><li>three</li></ul></li></ul>",
    "<p>l'<a href='x'>été</a>, «<em>chaud</em>» — (vraiment) !<a href='y'>?</a>...</p>",
    "<p>under_score<b>_joined</b>42<i>x</i> a.b<a href='z'>.c</a></p>",
    "<p>x<script>var y = 1;</script>z <style>p{}</style></p>",
    # F84: marks where markup cuts the text: an apostrophe is one on the page
    "<p>l\u2019<em>article</em>, <em>Monde</em>\u2019s, don<span>\u2019</span>t, \u2018<em>oui"
    "</em>\u2019, it\u2019<b></b>s, a<span>\u2019</span> b, ``x'' `y` l<em>\u2019</em></p>",
    "<p><span>\u2039</span>x<i>\u02bb</i><b>\u00ad</b>y<a href='q'>'</a><em>z</em>\u2019</p>",
    "<p><em>s</em>\u2019ajoute \u00e0 l\u2019<a href='x'>utilisation</a> <i>d</i>`<b>eau</b></p>",
    # words then one mark, the mark alone, "_" (a word character) at either end
    "<p>a_ _, x_. ,_ _x word, (word) _ , . a.b, x,y_ é, ß. 42% « oui »</p>",
    # the characters extract() marks places with, in the text itself: others are taken
    "<p>a\ufdd0b <a href='x'>\ufdd1c</a>\ufdd2</p><p>\ufdd3<em>\U000f0000</em></p>",
    "",
    "   ",
    "plain text without markup",
]


def cases() -> list[tuple[str, str]]:
    found = []
    for feed in (ENV_FEED, FR_FEED):
        for article in parse_feed(Path(feed).read_bytes(), "https://theconversation.com/x").articles:
            found.append((f"original {article.article_id}", article.content))
            found.append((f"republished {article.article_id}", republish(article).html))
    found += [(f"shape {i}", html) for i, html in enumerate(HARD_SHAPES)]
    return found


@pytest.mark.parametrize("choice", CHOICES, ids=lambda m: m.__name__)
@pytest.mark.parametrize(("name", "html"), cases(), ids=[n for n, _ in cases()])
def test_extract_matches_the_reference(name: str, html: str, choice: Choice) -> None:
    root = parse_fragment(html)
    text = choice.extract(root)
    expected_words, expected_spans = reference_extract(root, choice.mark(root))
    assert text.words == expected_words
    assert text.spans == expected_spans


def test_extract_without_marks_has_no_spans() -> None:
    text = extract(parse_fragment("<p>one two</p><p>three</p>"))
    assert text.words == ("one", "two", "three")
    assert text.spans == {}


def test_word_ranges_of_marked_elements() -> None:
    root = parse_fragment(
        "<p>foo<a href='1'>bar</a>baz, <a href='2'>qux quux</a> end.<a href='3'></a></p>"
    )
    text = extract(root, {"a"})
    first, second, third = root.iter("a")
    assert text.words == ("foobarbaz", ",", "qux", "quux", "end", ".")
    assert text.spans[first] == (0, 1)  # inside a word: that word is its range
    assert text.spans[second] == (2, 4)
    assert text.spans[third] == (6, 6)  # empty, at the end


def test_normalise_folds_typography_only() -> None:
    folded = normalise("l\u2019\u00e9t\u00e9 \u00ab\u00a0chaud\u00a0\u00bb \u2014 co\u00adop")
    assert folded == "l'été \" chaud \" - coop"
    assert normalise("\u2039 a \u203a b\u02bbc d` ``e''") == "\" a \" b'c d\" \"e\""
    assert normalise("plain ascii stays") == "plain ascii stays"
    assert words("\ufb01ne\u200b day\u2019s") == ["fine", "day", "'", "s"]


@pytest.mark.parametrize("invisible", [
    "\u2060",  # word joiner (widow control)
    "\u200e", "\u200f", "\u061c",  # bidi marks
    "\u202b", "\u2067",  # an embedding, an isolate
    "\ufe0f", "\u034f",  # a variation selector, the grapheme joiner
    "\ufeff", "\u00ad", "\u3164",  # BOM, soft hyphen, Hangul filler
])
def test_what_no_reader_sees_is_dropped_inside_and_between_words(invisible: str) -> None:
    assert words(f"en{invisible}vironment {invisible}heat{invisible}, sea") == \
        ["environment", "heat", ",", "sea"]
    assert words(invisible) == []


def test_visible_format_characters_stay() -> None:
    # Arabic's number sign is a format character a reader sees (it spans the digits)
    assert words("\u0600\u0661\u0662") != words("\u0661\u0662")



def reference_fold_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", reference_marks(reference_normalise(text)))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@pytest.mark.parametrize("text", [
    "Luis Gascó", "François-Xavier Dupré", "Zoë Ørsted", "Ångström", "İstanbul",
    "Nguyễn Thị Minh Khai", "Ελληνικά τονισμένα", "Ёлка", "naïve café", "ﬁne ＦＵＬＬ",
    "Srinivas Garimella, Georgia Institute of Technology", "", "  spaced   out  ",
    "a\u034fb", "Hindi हिन्दी", "Dž ǅ ǆ", "\u00a0non\u00a0breaking\u2019s",
])
def test_fold_name_matches_the_plain_filter(text: str) -> None:
    assert fold_name(text) == reference_fold_name(text)


def test_fold_name_matches_the_plain_filter_on_every_recorded_text(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    for article in (env_article, *fr_articles):
        for text in (article.content, article.title, *(a.name for a in article.authors)):
            assert fold_name(text) == reference_fold_name(text)


@pytest.mark.parametrize("choice", CHOICES, ids=lambda m: m.__name__)
def test_reading_a_republication_with_its_originals_pieces_changes_nothing(choice: Choice) -> None:
    """The checker reads a republication with its original's text pieces already tokenised
    (check.Original.pieces): the result is what reading it from scratch gives."""
    for feed in (ENV_FEED, FR_FEED):
        for article in parse_feed(Path(feed).read_bytes(), "https://theconversation.com/x").articles:
            kept: dict[str, tuple[tuple[str, ...], bool, bool, int]] = {}
            extract(parse_fragment(article.content), EVERY, keep=kept)
            assert kept  # the original's pieces, to be looked up
            root = parse_fragment(republish(article).html)
            text = choice.extract(root, known=kept)
            assert (text.words, text.spans) == reference_extract(root, choice.mark(root))


def generated_shapes(count: int, seed: int) -> list[str]:
    """Fragments made at random (a fixed seed): words cut by inline elements, empty and
    blank elements, blocks inside inline ones, marks, spaces and typography at the edges."""
    import random

    rnd = random.Random(seed)  # noqa: S311 -- test shapes, not secrets
    # (a typed pair ``…'' is one mark within a run of text: a bit is a whole pair, never a
    # lone "'" that the next bit's could make one across markup, a documented limit)
    bits = ["wo", "rd", "é", "ß", "42", "_", " ", "\u00a0", ",", ".", "''", "\u2019", "«",
            "``", "\u2039", "\u02bb",
            "\u00ad", "\u200b", "\u2060", "\u200e", "\ufe0f", "°C", "—", "\ufb01", "e\u0301",
            "(", ")", "\n"]
    inline, block = ["a", "em", "b", "span"], ["p", "div", "li", "figure"]

    def text() -> str:
        return "".join(rnd.choice(bits) for _ in range(rnd.randint(0, 4)))

    def element(depth: int) -> str:
        tag = rnd.choice(inline + block + ["script", "img", "br"])
        if tag in ("img", "br"):
            return f"<{tag}>{text()}"
        inner = text() + "".join(element(depth + 1) + text()
                                 for _ in range(rnd.randint(0, 3) if depth < 3 else 0))
        href = " href='x'" if tag == "a" else ""
        return f"<{tag}{href}>{inner}</{tag}>"

    return ["".join(element(0) + text() for _ in range(rnd.randint(1, 3)))
            for _ in range(count)]


@pytest.mark.parametrize("choice", CHOICES, ids=lambda m: m.__name__)
def test_extract_matches_the_reference_on_generated_shapes(choice: Choice) -> None:
    for html in generated_shapes(300, seed=6):
        root = parse_fragment(html)
        text = choice.extract(root)
        assert (text.words, text.spans) == reference_extract(root, choice.mark(root)), html


def test_tokens_are_the_regular_expressions_for_every_latin1_pair() -> None:
    """htmltext._tokens spaces a Latin-1 text's marks apart and splits it, and reads a text
    beyond Latin-1 word by word: either way it gives WORD.findall's tokens, for every pair of
    Latin-1 characters (controls, marks, letters, spaces, "_") in and around words, and with
    characters beyond Latin-1 (a curly quote, a combining accent, a CJK letter, the marker)."""
    from syndication.compliance.htmltext import _tokens

    chars = [chr(b) for b in range(256)] + ["\u2019", "\u0301", "\u4e2d", "\ufdd0"]
    for a in chars:
        for b in chars:
            for text in (a + b, f"x{a}{b}y", f"{a} {b}", f"wo{a}rd{b}."):
                assert _tokens(text) == WORD.findall(text), repr(text)


@pytest.mark.parametrize(("html", "expected"), [
    ("", "<div/>"),
    ("  lead <p>a</p> tail", "<div>  lead <p>a</p> tail</div>"),
    ("<p>a</p>\n<p>b</p>", "<div><p>a</p>\n<p>b</p></div>"),
    ("<html><body>x<p>y</p></body></html>", "<div>x<p>y</p></div>"),
    ("<!DOCTYPE html><html><body><p>y</p></body></html>", "<div><p>y</p></div>"),
    # a whole document with nothing in its body: lxml.html's own fragment reader stops on an
    # AssertionError ("too many bodies: []"); an entry like it reads as no text
    ("<html><head><title>x</title></head></html>", "<div/>"),
    ("<!doctype html><title>t</title>", "<div/>"),
])
def test_a_fragment_is_read_as_the_body_of_a_document(html: str, expected: str) -> None:
    assert etree.tostring(parse_fragment(html), encoding="unicode") == expected
