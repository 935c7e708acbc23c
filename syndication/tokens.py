"""Pure and light: text -> the normalised tokens the checker compares, and names folded
without case or accents. Apart from the HTML reading (compliance/htmltext.py) so that
selection, which a run with nothing new loads, can fold a title without loading lxml
(tests/test_lazy_imports.py).
A "word" here is a token: a run of letters and digits, or one punctuation mark."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .lazyre import lazy_compile

# Typography folded alike on both sides (docs/compliance.md#rule-unaltered-text): quotation
# marks and apostrophes (below), primes, dashes, minus, spaces. Each costs a scan of every
# text with a character beyond ASCII: rarer marks (quotation ornaments, CJK prime quotes,
# two-em dashes) are not folded.
#
# Quotation marks and apostrophes are one mark, whichever character a house style sets (F84):
# straight and curly, single and double, low-9, high-reversed-9, guillemets single and double,
# primes, and for the apostrophe the modifier letters U+02BC and U+02BB, the grave and the
# acute accents. A British style's single quotes for double ones, a Swiss style's ‹ › for
# « », the grave accent for an apostrophe read as the original's marks: an apostrophe and a
# single quotation mark are one character, never told apart by character. Only where the
# mark stands counts, which no style changes: between two letters or digits it joins them
# ("l'article", "don't") and is "'"; anywhere else (a quotation's edge, a word's end as in
# "whales' diets") it is '"' (_EDGE_MARK). A mark added or dropped stays a difference.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u02bb": "'", "\u201c": "'", "\u201d": "'", "\u201e": "'", "\u201f": "'", "\u00ab": "'",
    "\u00bb": "'", "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
}
# Folded before NFKC, which would split them (F69): the acute accent set for an apostrophe
# into a space and a combining accent, a double prime set for a quotation mark into two
# primes, two tokens where the original has one (both were in _FOLD, never reached).
_BEFORE_NFKC = (("\u00b4", "'"), ("\u2033", "'"))
# A mark (folded to "'") not standing between two word characters: a quotation mark, '"'.
# Its literal first lets the scan skip to each "'" in C (a lookbehind first cost ten times
# as much, every character tried).
_EDGE_MARK = lazy_compile(r"'(?:(?<!\w')|(?!\w))")
# A run of hyphens is a dash typed on a keyboard ("--" for an en dash, "---" for an em dash:
# what SmartyPants, wptexturize and Typogrify read as dashes, and what a text-only letter
# writes for them): one dash, like the dash the original prints. Hyphens typed as such only,
# folded before the typographic dashes are: two em dashes in a row stay two dashes. Not a
# plain-text signature's "-- " line (RFC 3676, 4.3), which span.py reads as two marks.
_DASHES = lazy_compile(r"(?m)--(?:(?<!^--)|(?! ?$))-*")
# Each is looked for, and replaced, by a C-level scan of its own (memchr for most): a
# regular expression's scan for any of them costs ~60 instructions a character, and its
# Python callback per match more; str.translate with a dict would look up every character
# in Python objects (ten times slower on an article, the hot path of every check).
_FOLD_ITEMS = tuple(_FOLD.items())
# Characters no reader sees, dropped on both sides wherever they stand (inside a word too):
# Unicode's Default_Ignorable_Code_Point in the BMP, the soft hyphen, zero-width spaces and
# joiners, the word joiner, bidi marks, embeddings and isolates, variation selectors, Hangul
# fillers and the BOM. A typography plugin (hyphenation, widow control), a paste from a word
# processor or a right-to-left edition's editor puts them in; a page that shows the same
# words is not an edit. (Those outside the BMP, tags and musical format controls, are left.)
# One charset scan a run, after NFKC: a loop of `in` tests over 66 characters cost more.
_INVISIBLE = lazy_compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                          "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
                          "\ufeff\uffa0\ufff0-\ufff8]")
# A token is a run of letters and digits, or one punctuation mark: where a republisher puts
# spaces around punctuation ("mot :" / "mot:", "España —junto" / "España — junto") is house
# style, not wording, so whitespace only separates tokens and never is one.
_WORD = lazy_compile(r"\w+|[^\w\s]")
_WORD_CHAR = lazy_compile(r"\w")
# No space before these when tokens are joined back into an excerpt; none after the openers.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'\"…/")
_NO_SPACE_AFTER = frozenset("([{'\"/")


def normalise(text: str) -> str:
    """Fold typography and compatibility forms, and drop what no reader sees, so that only
    real wording differs."""
    if "--" in text:
        text = _DASHES.sub("-", text)
    # Typed pairs for a double quotation mark (TeX's and a typewriter's ``…''): one mark,
    # folded before the other marks are (the original's ’” would read as such a pair), into
    # '"', which makes no new pair ("````" is two marks); a grave accent left is a mark.
    # Within a run of text: a pair that markup cuts (`'<em>'</em>`) is two marks. Each
    # test is a scan of the whole text: the rarer character is looked for first.
    grave = "`" in text
    if grave:
        text = text.replace("``", '"')
    if "'" in text and "''" in text:
        text = text.replace("''", '"')
    if grave:
        text = text.replace("`", "'")
    if not text.isascii():
        for c, folded in _BEFORE_NFKC:
            if c in text:
                text = text.replace(c, folded)
        text = unicodedata.normalize("NFKC", text)
        for c, folded in _FOLD_ITEMS:
            if c in text:
                text = text.replace(c, folded)
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
    if '"' in text:  # the ASCII double quote folded with the others, in ASCII text too
        text = text.replace('"', "'")
    if "'" in text:  # after the invisible characters go: "don\u00ad't" is "don't"
        text = _EDGE_MARK.sub('"', text)
    return text


def words(text: str) -> list[str]:
    """The normalised tokens (words and punctuation marks) of plain text."""
    return _WORD.findall(normalise(text))


def join_words(tokens: Iterable[str]) -> str:
    """Tokens back into readable text for evidence: "la ( Madrid ) ," -> "la (Madrid),".
    A hyphen between two words joins them ("Ocasio-Cortez", "covid-19"); after a mark or at
    an edge it is a dash, spaced ("Calif. - Before"). Double quotes open and close in turn."""
    seq = list(tokens)
    out: list[str] = []
    glue = True
    quotes = 0  # double quotes so far: an even count opens the next one
    for k, t in enumerate(seq):
        if t == '"':
            opening = quotes % 2 == 0
            quotes += 1
            if out and opening and not glue:
                out.append(" ")
            out.append(t)
            glue = opening
            continue
        if t == "-":
            joins = 0 < k < len(seq) - 1 and _is_word(seq[k - 1]) and _is_word(seq[k + 1])
            if out and not joins:
                out.append(" ")
            out.append(t)
            glue = joins
            continue
        if out and not glue and t not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(t)
        glue = t in _NO_SPACE_AFTER
    return "".join(out)


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


# An article's names, institutions, credits and labels are keyed again and again (the
# original's and its republication's figures, bylines, boxes: some 45 calls an article, a
# sixth of them new), each a Unicode normalisation, an accent scan and a tokenisation: kept
# for the articles of a batch, 23.6 -> 22.6 M instructions an article step (callgrind).
@lru_cache(maxsize=1024)
def key(text: str) -> str:
    """A name or phrase as a space-separated token string, without case or accents: compare
    it with ``f" {key} " in f" {other} "`` so that "Ana" is not found inside "Diana".
    Quotation marks and apostrophes are one mark, "'": tokens joined by spaces are keyed
    too (``key(" ".join(words))``), where an apostrophe stands between spaces, no longer
    between the letters that told it from a quotation mark (normalise)."""
    return " ".join(words(fold_name(text))).replace('"', "'")


# The accents NFKD splits off Latin letters (Combining Diacritical Marks with a combining
# class), removed in one scan before any character is looked at one by one.
_LATIN_ACCENTS = lazy_compile(
    "[" + "".join(c for c in map(chr, range(0x300, 0x370)) if unicodedata.combining(c)) + "]"
)


def fold_name(text: str) -> str:
    """A name compared without case or accents ("Luis Gascó" is "luis gasco")."""
    stripped = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", normalise(text)))
    if not stripped.isascii():  # other scripts' combining marks, one character at a time
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
