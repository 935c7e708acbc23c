"""compare.align, the ground of `unaltered-text`: its fast paths (runs compared slice to slice
up to the next removable range; the anchor searched in the tokens joined as one string, its
agreement measured in slices) must give exactly what the token-by-token walk gives.
The plain walk is kept here as the reference; both run on the recorded articles' words with
edits, cuts, additions and left-out removable ranges made in memory (seeded, reproducible)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from syndication.compliance import prepare
from syndication.compliance.compare import (
    ANCHOR_CANDIDATES,
    ANCHOR_WORDS,
    EXCERPT_WORDS,
    FAST_ANCHOR_TRIES,
    JUMP_SOURCE,
    MAX_DIFFERENCES,
    MAX_TRACKED,
    SLIP_WINDOW,
    Alignment,
    Cut,
    Difference,
    _agreement,
    _carries,
    _context,
    _following,
    _Grams,
    _head,
    _jump,
    _resync,
    align,
    unremovable,
)
from syndication.models import Article


def reference_places(tokens: tuple[str, ...], gram: tuple[str, ...], limit: int) -> list[int]:
    """_Grams.places as first written: tuple.index for the first token, then the slice."""
    out: list[int] = []
    j = 0
    while len(out) < limit:
        try:
            j = tokens.index(gram[0], j)
        except ValueError:
            break
        if tuple(tokens[j:j + len(gram)]) == gram:
            out.append(j)
        j += 1
    return out


def reference_anchor(source: Sequence[str], republished: Sequence[str], grams: _Grams,
                     removable: dict[int, tuple[int, str]] | None = None
                     ) -> tuple[int, int] | None:
    """compare._anchor written plainly: places found by tuple.index, agreement counted token
    by token, each place's reach walked token by token."""
    k = grams.k
    for i in range(len(source) - k + 1):
        gram = tuple(source[i:i + k])
        if i >= FAST_ANCHOR_TRIES:
            places = grams.at.get(gram, [])[:ANCHOR_CANDIDATES]
        else:
            places = reference_places(tuple(republished), gram, ANCHOR_CANDIDATES)
        if not places:
            continue
        best, best_score = (i, places[0]), (-1, 0, -1)
        seen: set[int] = set()
        for at in range(i, min(i + k, len(source) - k) + 1):
            if at > i and best_score[0] >= len(source):
                break
            found = places if at == i else reference_places(
                tuple(republished), tuple(source[at:at + k]), ANCHOR_CANDIDATES)
            for j in found:
                if j - at in seen:
                    continue
                seen.add(j - at)
                run = 0
                while (at + run < len(source) and j + run < len(republished)
                       and source[at + run] == republished[j + run]):
                    run += 1
                score = (reference_reach(source, removable or {}, republished, at + run,
                                         j + run), -at, run)
                if score > best_score:
                    best, best_score = (at, j), score
        return reference_earlier_start(source, removable or {}, republished, best)
    return None


def reference_earlier_start(source: Sequence[str], removable: dict[int, tuple[int, str]],
                            republished: Sequence[str], best: tuple[int, int]
                            ) -> tuple[int, int]:
    """compare._earlier_start written plainly: every later run's places searched by
    tuple.index, each reach walked token by token."""
    at, j = best
    if not unremovable(source, removable, 0, at):
        return best
    reach = reference_reach(source, removable, republished, at, j)
    for later in range(at + 1, min(len(source) - ANCHOR_WORDS, at + JUMP_SOURCE) + 1):
        gram = tuple(source[later:later + ANCHOR_WORDS])
        found, farthest = None, reach
        for p in reference_places(tuple(republished), gram, len(republished) + 1):
            if p >= j:
                break
            if p - later == j - at:
                continue
            r = reference_reach(source, removable, republished, later, p)
            if r > farthest:
                found, farthest = (later, p), r
        if found is not None:
            return found
    return best


def reference_reach(source: Sequence[str], removable: dict[int, tuple[int, str]],
                    republished: Sequence[str], i: int, j: int) -> int:
    """compare._reach token by token."""
    while i < len(source) and j < len(republished):
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]
            continue
        if source[i] == republished[j]:
            i += 1
            j += 1
            continue
        found = _resync(source, removable, republished, i, j, SLIP_WINDOW)
        if found is None:
            break
        i, j = found
    return i


def reference_align(
    source: Sequence[str], removable: dict[int, tuple[int, str]], republished: Sequence[str],
    caseless: frozenset[int] = frozenset(),
) -> Alignment:
    """compare.align as it was written first: the texts walked token by token, the anchor
    found by tuple.index and counted token by token; a subheading's token (``caseless``)
    equal to the republication's without case."""
    n, m = len(source), len(republished)
    if n < ANCHOR_WORDS or m < ANCHOR_WORDS:
        same = n > 0 and tuple(source) == tuple(republished)
        return Alignment(0, m if same else 0, (), 0, same)
    grams = _Grams(republished)
    anchor = reference_anchor(source, republished, grams, removable)
    if anchor is None:
        return Alignment(0, 0, (), 0, found=False)
    start_i, start_j = anchor
    differences: list[Difference] = []
    total = 0
    i, j = start_i, start_j
    missing = unremovable(source, removable, 0, start_i)
    if missing:
        head = _head(source, removable, republished, start_i, start_j)
        if head is not None:
            i, j = 0, head
            start_j = head
        else:
            differences.append(Difference(0, tuple(missing), (), (),
                                          _following(source, removable, start_i)))
            total = 1
    cut = None
    while i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]
            continue
        if j < m and (source[i] == republished[j] or (
                i in caseless and source[i].casefold() == republished[j].casefold())):
            i += 1
            j += 1
            continue
        found = _resync(source, removable, republished, i, j) or _jump(
            source, republished, grams, i, j
        )
        if found is None:
            rest = unremovable(source, removable, i, n)
            if rest:
                cut = Cut(i, len(rest), _context(source, i, removable),
                          tuple(rest[:EXCERPT_WORDS]))
            break
        di, dj = found
        total += 1
        if len(differences) < MAX_DIFFERENCES:
            differences.append(Difference(i, tuple(unremovable(source, removable, i, di)),
                                          tuple(republished[j:dj]), _context(source, i, removable),
                                          _following(source, removable, di)))
        i, j = di, dj
        if total >= MAX_TRACKED:
            break
    return Alignment(start_j, j, tuple(differences), total, True, cut)


def variants(words: tuple[str, ...], removable: dict[int, tuple[int, str]], seed: int
             ) -> list[tuple[str, ...]]:
    """Republications of ``words``: with credits around, removable ranges left out, and one
    to four edits (a word changed, words cut, words added, a paragraph moved); the first
    words edited and quoted whole in a box after them; a teaser above them."""
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
    # the first words edited in the body (inside the first run, then after it), quoted word
    # for word in a box after it; a teaser of them above the article
    for at in (2, ANCHOR_WORDS + 2):
        first = list(kept)
        first[at] += "x"
        out.append(("By", "Someone", *first, "Was", "this", "helpful", "?", *kept[:20], "Yes"))
    out.append(("Teaser", *kept[:15], "Read", "more", *kept, "CC"))
    # the first sentence cut (a dated lede trimmed): its words may recur further on
    first_stop = kept.index(".") + 1 if "." in kept else 0
    out.append(("By", "Someone", *kept[first_stop:], "CC"))
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
    assert compared == 3 * 21


def test_subheadings_in_another_case_match_the_plain_walk(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    """The original's subheadings (Original.caseless) in Title Case or capitals, alone or
    beside the edits of ``variants``: the walk compares their tokens without case."""
    compared = 0
    for seed, article in enumerate((env_article, *fr_articles)):
        original = prepare(article)
        words, removable, caseless = original.text.words, original.removable, original.caseless
        assert caseless  # every recorded article has subheadings
        for style in (str.title, str.upper):
            restyled = tuple(style(w) if k in caseless else w for k, w in enumerate(words))
            assert restyled != words
            for republished in (restyled, *variants(restyled, removable, seed)[:6]):
                assert align(words, removable, republished, caseless) == reference_align(
                    words, removable, republished, caseless)
                compared += 1
        whole = align(words, removable, restyled, caseless)
        assert (whole.differences, whole.cut) == ((), None)
    assert compared == 3 * 2 * 7


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


def test_places_and_agreement_match_the_plain_searches(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    rng = random.Random(7)  # noqa: S311 -- reproducible test data, not secrets
    checked = 0
    for article in (env_article, *fr_articles):
        tokens = prepare(article).text.words
        grams = _Grams(tokens)
        repeated = (".", ",", "the", "de", "la", "of")  # common tokens: many places each
        for start in range(0, len(tokens) - ANCHOR_WORDS, 7):
            gram = tuple(tokens[start:start + ANCHOR_WORDS])
            for limit in (1, ANCHOR_CANDIDATES, 1000):
                assert grams.places(gram, limit) == reference_places(tokens, gram, limit)
            checked += 1
        for word in repeated:
            assert grams.places((word,), 1000) == reference_places(tokens, (word,), 1000)
        for _ in range(50):
            i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
            edited = list(tokens)
            edited[rng.randrange(len(edited))] = "changed"
            plain = 0
            while (i + plain < len(tokens) and j + plain < len(edited)
                   and tokens[i + plain] == edited[j + plain]):
                plain += 1
            assert _agreement(tokens, i, tuple(edited), j) == plain
            same = 0
            while i + same < len(tokens) and tokens[i + same] == edited[i + same]:
                same += 1
            assert _agreement(tokens, i, tuple(edited), i) == same
    assert checked > 300
