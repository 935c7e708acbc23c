"""compare.align, the ground of `unaltered-text`: its fast path (runs compared slice to slice
up to the next removable range) must give exactly what the token-by-token walk gives.
The plain walk is kept here as the reference; both run on the recorded articles' words with
edits, cuts, additions and left-out removable ranges made in memory (seeded, reproducible)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from syndication.check import prepare
from syndication.compare import (
    ANCHOR_WORDS,
    EXCERPT_WORDS,
    MAX_DIFFERENCES,
    MAX_TRACKED,
    Alignment,
    Cut,
    Difference,
    _anchor,
    _carries,
    _context,
    _Grams,
    _jump,
    _resync,
    align,
    unremovable,
)
from syndication.models import Article


def reference_align(
    source: Sequence[str], removable: dict[int, tuple[int, str]], republished: Sequence[str]
) -> Alignment:
    """compare.align as it was written first: the texts walked token by token."""
    n, m = len(source), len(republished)
    if n < ANCHOR_WORDS or m < ANCHOR_WORDS:
        same = n > 0 and tuple(source) == tuple(republished)
        return Alignment(0, m if same else 0, (), 0, same)
    grams = _Grams(republished)
    anchor = _anchor(source, republished, grams)
    if anchor is None:
        return Alignment(0, 0, (), 0, found=False)
    start_i, start_j = anchor
    differences: list[Difference] = []
    total = 0
    missing = unremovable(source, removable, 0, start_i)
    if missing:
        differences.append(Difference(0, tuple(missing), (), ()))
        total = 1
    i, j = start_i, start_j
    cut = None
    while i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]
            continue
        if j < m and source[i] == republished[j]:
            i += 1
            j += 1
            continue
        found = _resync(source, removable, republished, i, j) or _jump(
            source, republished, grams, i, j
        )
        if found is None:
            rest = unremovable(source, removable, i, n)
            if rest:
                cut = Cut(i, len(rest), _context(source, i), tuple(rest[:EXCERPT_WORDS]))
            break
        di, dj = found
        total += 1
        if len(differences) < MAX_DIFFERENCES:
            differences.append(Difference(i, tuple(unremovable(source, removable, i, di)),
                                          tuple(republished[j:dj]), _context(source, i)))
        i, j = di, dj
        if total >= MAX_TRACKED:
            break
    return Alignment(start_j, j, tuple(differences), total, True, cut)


def variants(words: tuple[str, ...], removable: dict[int, tuple[int, str]], seed: int
             ) -> list[tuple[str, ...]]:
    """Republications of ``words``: with credits around, removable ranges left out, and one
    to four edits (a word changed, words cut, words added, a paragraph moved)."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not secrets
    kept = list(words)
    for start in sorted(removable, reverse=True):
        if rng.random() < 0.7:
            del kept[start:removable[start][0]]
    out = [("By", "Someone,", "Somewhere", *kept, "Republished", "under", "CC")]
    for _ in range(12):
        edited = list(kept)
        for _ in range(rng.randint(1, 4)):
            if not edited:
                break
            at = rng.randrange(len(edited))
            what = rng.choice(("change", "cut", "add", "move"))
            if what == "change":
                edited[at] = edited[at] + "x"
            elif what == "cut":
                del edited[at:at + rng.randint(1, 30)]
            elif what == "add":
                edited[at:at] = ["inserted", "words", str(rng.random())][: rng.randint(1, 3)]
            else:
                chunk = edited[at:at + 20]
                del edited[at:at + 20]
                edited[rng.randrange(len(edited) + 1):0] = chunk
        out.append(("By", "Someone", *edited, "CC", "BY-ND"))
    out.append(tuple(kept[len(kept) // 2:]))  # an extract from the middle
    out.append(tuple(kept[: len(kept) // 3]))  # the first third only
    out.append(("nothing", "of", "the", "article", "here"))
    out.append(())
    return out


def test_alignment_matches_the_plain_walk(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    compared = 0
    for seed, article in enumerate((env_article, *fr_articles)):
        original = prepare(article)
        words, removable = original.text.words, original.removable
        for republished in variants(words, removable, seed):
            assert align(words, removable, republished) == reference_align(
                words, removable, republished
            )
            compared += 1
    assert compared == 3 * 17


@pytest.mark.parametrize(("source", "republished"), [
    (("a",), ("a",)),
    (("a", "b", "c"), ("x", "a", "b", "c", "y")),
    (("the", "the", "the", "the", "the", "the", "cat"), ("the",) * 8 + ("cat",)),
    (tuple("abcdefghij"), tuple("xbcdefghij")),  # the first run is missing, the second found
    ((), ("a",)),
])
def test_small_alignments_match_the_plain_walk(
    source: tuple[str, ...], republished: tuple[str, ...]
) -> None:
    assert align(source, {}, republished) == reference_align(source, {}, republished)
