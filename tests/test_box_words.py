"""boxkinds._BOX_WORDS tells a box's kind from its class and id by looking words up in sets:
it must answer as the regex it stands for (a search of the words of every kind, a named group
a kind, between delimiters) on every word of every kind and on strings made of them."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from syndication.compliance.boxkinds import _BOX_NAMES, _BOX_WORDS

# Where the words may stand: a string's edges, delimiters (whitespace of several kinds, "_",
# "-"), word characters, and characters that are neither.
AROUND = ("", " ", "  ", "-", "_", "\t", "\n", "\u00a0", "\u2003", "x", "X1", "é", "1", "٣",
          ":", ".", "/", "#", "--", "__", "-_", "x-", "_x")
# What a word's "*" may stand for (regex's \w*), and its "#" (\d+).
FILLS = ("", "x", "1", "_", "__", "xy_z", "é", "٣", "_1")
DIGITS = ("", "1", "42", "٣", "x", "1x")


def _regex(word: str) -> str:
    body = re.escape(word.strip("*").removesuffix("#"))
    return ((r"\w*" if word.startswith("*") else "") + body
            + (r"\w*" if word.endswith("*") and len(word) > 1 else "")
            + (r"\d+" if word.endswith("#") else ""))


REFERENCE = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(f"(?P<k{i}>{'|'.join(map(_regex, words))})"
                                  for i, (_kind, words) in enumerate(_BOX_NAMES))
    + r")(?:$|[\s_-])")


def reference(said: str) -> str | None:
    m = REFERENCE.search(said)
    return _BOX_NAMES[int(m.lastgroup[1:])][0] if m and m.lastgroup else None


def spellings(word: str) -> Iterator[str]:
    """The word as attributes may write it: each fill of its "*" and "#"."""
    base = word.strip("*").removesuffix("#")
    heads = FILLS if word.startswith("*") else ("",)
    tails = (FILLS if word.endswith("*") and len(word) > 1 else
             DIGITS if word.endswith("#") else ("",))
    for head in heads:
        for tail in tails:
            yield head + base + tail


ALL_WORDS = [w for _kind, words in _BOX_NAMES for w in words]
SPELLED = sorted({s for w in ALL_WORDS for s in spellings(w)})


def samples(rng: random.Random, count: int) -> Iterator[str]:
    """Every spelling of every word after and before every neighbour, and between three
    pairs of them drawn at random; then ``count`` strings of up to six parts drawn from the
    spellings, pieces of them (a word cut in two), the neighbours and class names of pages."""
    for said in SPELLED:
        for other in AROUND:
            yield other + said
            yield said + other
        for _ in range(3):
            yield rng.choice(AROUND) + said + rng.choice(AROUND)
    cut = [s[a:b] for s in SPELLED for a, b in ((0, len(s) // 2), (len(s) // 2, len(s)),
                                                (1, len(s)), (0, len(s) - 1))]
    plain = ("entry-content", "post", "wp-block-group", "has-text-align-center", "main",
             "content", "article-body", "field--name-body", "clearfix", "row", "col-md-8")
    parts = (SPELLED, cut, AROUND, plain)
    for _ in range(count):
        yield "".join(rng.choice(rng.choice(parts)) for _ in range(rng.randint(1, 6)))


def test_every_word_of_every_kind_is_known_alone() -> None:
    for kind, words in _BOX_NAMES:
        for word in words:
            for said in spellings(word):
                if reference(said) == kind:  # a word of an earlier kind may take it first
                    assert _BOX_WORDS.kind(said) == kind, said


def test_the_words_answer_as_their_regex() -> None:
    # every word in every place, and strings made of words, pieces of words and delimiters
    rng = random.Random(13)  # noqa: S311 -- reproducible test data, not secrets
    wrong = [(s, reference(s), _BOX_WORDS.kind(s))
             for s in samples(rng, 40_000) if reference(s) != _BOX_WORDS.kind(s)]
    assert wrong == []


def test_the_samples_reach_every_kind_and_none() -> None:
    # the comparison above is not vacuous: each kind is found, at a start and after
    # another word, and strings naming no box are among the samples
    rng = random.Random(13)  # noqa: S311 -- reproducible test data, not secrets
    found = {reference(s) for s in samples(rng, 5_000)}
    assert found == {kind for kind, _words in _BOX_NAMES} | {None}
    assert _BOX_WORDS.kind("entry-content sponsor-box") == "advertisement"
    assert _BOX_WORDS.kind("mc4wp-form related") == "newsletter sign-up"
    assert _BOX_WORDS.kind("x-related ads") == "related links"  # the first place wins
    assert _BOX_WORDS.kind("related_ads") == "related links"  # \w* reaches over "_"
    assert _BOX_WORDS.kind("my_infobox:x") is None  # ":" ends no word
    assert _BOX_WORDS.kind("code-block-12 code-block-x") == "advertisement"
    assert _BOX_WORDS.kind("listen-to-the-article") == "audio player"
    assert _BOX_WORDS.kind("headline loaded") is None
