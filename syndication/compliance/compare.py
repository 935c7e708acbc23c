"""Pure: line up an original's tokens with a republication's, in linear time
(docs/compliance.md#rule-unaltered-text). The republication may hold more than the article
(a byline, a whole page); what the original allows to be left out is skipped; the rest that
differs is reported as Differences, and where the republication stops carrying the original,
as a Cut."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from .htmltext import join_words

# A 6-token run of the original found in the republication anchors the comparison: shorter
# runs ("of the", "in the") recur by chance, longer ones miss articles that open with a
# short paragraph. The same runs re-anchor after a large difference (an inserted ad box).
ANCHOR_WORDS = 6
ANCHOR_CANDIDATES = 5  # places tried for the first run: a teaser above the article is not it
# Of those places, the one the article goes on from wins: its agreement is measured past small
# differences (a word changed, added or dropped: the texts agree again within this many
# tokens, both sides together), so the body whose copy of a sentence has a word changed wins
# over a box after it quoting that sentence word for word; a teaser, whose words stop where
# the page goes on with other words, is still passed by.
SLIP_WINDOW = 8
FAST_ANCHOR_TRIES = 30  # runs searched directly before the republication is indexed
HELD_SEARCHES = 48  # tokens looked for in the republication's text before its set is made
# After a small difference: how far (in tokens, both sides together) to look for the point
# where the texts agree again, and for how many tokens they must agree there.
RESYNC_WINDOW = 60
RESYNC_AGREE = 4
# After a large one: how far into the original, and into the republication, a run is sought.
JUMP_SOURCE = 400
JUMP_REPUBLISHED = 3000
MAX_DIFFERENCES = 3  # differences reported as evidence; the first one already fails the rule
MAX_TRACKED = 50  # past this many differences the text is plainly not the original's: stop
EXCERPT_WORDS = 8  # tokens of context in evidence
FOLLOWING_WORDS = 5  # tokens of context after a difference: what it stands before


# The marker a list item shows, typed as text where an editor's paste turned the list into
# paragraphs (docs/compliance.md#pasted-through-an-editor): Word's
# clipboard writes it in each p.MsoListParagraph (`<![if !supportLists]>`), "·" and "§" and
# "Ø" in the Symbol and Wingdings fonts, "o" at the second level; other editors and plain
# text type a bullet, a dash or a star. A numbered item's is its number (or letter, or roman
# numeral) and "." or ")".
BULLETS = frozenset("· • ◦ ▪ ▫ ■ □ ‣ ⁃ ∙ ● ○ ➢ ► ✓ - – — * o § Ø ü".split())
_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def marker_tokens(republished: Sequence[str], j: int, number: int) -> int:
    """How many tokens from republished[j] are the marker of a list item numbered
    ``number`` (0: a bulleted list's item): 1 for a bullet, 2 for a number and its "." or
    ")", 0 when they are none."""
    if j >= len(republished):
        return 0
    token = republished[j]
    if number == 0:
        return 1 if token in BULLETS else 0
    if j + 1 >= len(republished) or republished[j + 1] not in (".", ")"):
        return 0
    said = token.lower()
    if said == str(number) or (number <= 26 and said == chr(ord("a") + number - 1)) or (
            number < len(_ROMAN) and said == _ROMAN[number]):
        return 2
    return 0


class Difference(NamedTuple):
    """Where the republication's words part from the original's."""

    at: int  # token index in the original
    removed: tuple[str, ...]  # the original's tokens missing here
    added: tuple[str, ...]  # the republication's tokens in their place
    before: tuple[str, ...]  # a few tokens of context preceding, from the original
    after: tuple[str, ...] = ()  # a few tokens of context following, from the original

    def describe(self) -> str:
        """The difference in words, between the original's words around it: "after “…which
        are” and before “kelp eaters…”: “voracious” became “hungry”". A word joined by a
        hyphen or an apostrophe is quoted whole ("covid-19" became "covid-20")."""
        before, removed, added, after = _whole(self.before, self.removed, self.added,
                                               self.after)
        before, after = _words_edge(before, start=True), _words_edge(after, start=False)
        lead = f"after “…{join_words(before)}”" if before else "at the start"
        if after:
            lead += f" and before “{join_words(after)}…”"
        gone, new = _clip(join_words(removed)), _clip(join_words(added))
        if removed and added:
            return f"{lead}: “{gone}” became “{new}”"
        if removed:
            return f"{lead}: “{gone}” is missing"
        return f"{lead}: “{new}” was added"


# Tokens that join two words into one: "Ocasio-Cortez", "covid-19", "l'article".
JOINERS = frozenset("-'")


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _whole(before: tuple[str, ...], removed: tuple[str, ...], added: tuple[str, ...],
           after: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The difference widened to whole words: context tokens joined to its edges by a
    hyphen or an apostrophe move into both sides ("now-" + "depleted" -> "now-depleted")."""
    def first() -> bool:  # either side opens with a joiner
        return any(side[:1] and side[0] in JOINERS for side in (removed, added))

    def last() -> bool:
        return any(side[-1:] and side[-1] in JOINERS for side in (removed, added))

    while before and ((before[-1] in JOINERS and len(before) > 1 and _is_word(before[-2]))
                      or (first() and _is_word(before[-1]))):
        removed, added, before = (before[-1], *removed), (before[-1], *added), before[:-1]
    while after and ((after[0] in JOINERS and len(after) > 1 and _is_word(after[1]))
                     or (last() and _is_word(after[0]))):
        removed, added, after = (*removed, after[0]), (*added, after[0]), after[1:]
    return before, removed, added, after


def _words_edge(context: tuple[str, ...], *, start: bool) -> tuple[str, ...]:
    """Context that opens on a word, and closes on a word (``start`` False: what follows a
    difference) or not on a comma (what precedes it), so that no quote is glued to a comma:
    "…which are" rather than "…, which are"; "kelp eaters…" rather than "eaters,…"."""
    k = 0
    while k < len(context) and not _is_word(context[k]):
        k += 1
    context = context[k:]
    if start:
        while context and context[-1] in ",;":
            context = context[:-1]
        return context
    k = len(context)  # a word whose hyphen or apostrophe the context cuts is left out too
    while k > 0 and (not _is_word(context[k - 1])
                     or (k < len(context) and context[k] in JOINERS)):
        k -= 1
    return context[:k]


class Cut(NamedTuple):
    """The republication stops carrying the original before its end."""

    at: int  # token index in the original where the republication stops
    missing: int  # tokens of the original (outside removable ranges) not carried
    before: tuple[str, ...]  # the last tokens carried
    rest: tuple[str, ...]  # the first tokens missing


class Alignment(NamedTuple):
    """How the republication's tokens line up with the original's."""

    start: int  # first token of the republication that belongs to the article
    end: int  # one past its last; tokens outside [start, end) are around the article
    differences: tuple[Difference, ...]  # the first MAX_DIFFERENCES; empty when unaltered
    total: int  # how many differences were found (all of them, up to MAX_TRACKED)
    found: bool  # False when no run of the original occurs in the republication at all
    cut: Cut | None = None  # where the republication stops, when it does
    # where an unaltered copy stands in the republication ([start, end) of its tokens) when
    # this altered one is judged instead: nothing read hides either (rules._other_copy)
    unaltered: tuple[int, int] | None = None


class _Grams:
    """Where each run of ANCHOR_WORDS tokens occurs in the republication. The index is built
    on first need only: an unaltered text, the common case, is anchored by a direct search."""

    def __init__(self, tokens: Sequence[str]):
        self.k = ANCHOR_WORDS
        self.tokens = tokens
        self._at: dict[tuple[str, ...], list[int]] | None = None
        self._joined: str | None = None
        self._held: frozenset[str] | None = None  # the tokens, once HELD_SEARCHES were made
        self._searched = 0

    @property
    def at(self) -> dict[tuple[str, ...], list[int]]:
        if self._at is None:
            tokens, k = self.tokens, self.k
            self._at = {}
            for j in range(len(tokens) - k + 1):
                self._at.setdefault(tuple(tokens[j:j + k]), []).append(j)
        return self._at

    def places(self, gram: tuple[str, ...], limit: int) -> list[int]:
        """Up to ``limit`` first occurrences of ``gram``."""
        if self._at is not None:
            return self._at.get(gram, [])[:limit]
        # No token holds a space: the tokens joined by spaces are searched as one string
        # (str.find, in C), and a match's token index is the count of spaces before it.
        joined, needle = self.joined, " " + " ".join(gram) + " "
        out: list[int] = []
        p, seen, j = joined.find(needle), 0, 0
        while p >= 0 and len(out) < limit:
            j += joined.count(" ", seen, p)
            seen = p
            out.append(j)
            p = joined.find(needle, p + 1)
        return out

    def holds(self, token: str) -> bool:
        """Whether the republication holds ``token``. The first HELD_SEARCHES are looked for
        in the joined tokens (str.find, in C: no token holds a space); the republication's
        tokens are hashed into a set only for more: an original opening on a removed
        figure's caption asks ~30 tokens, where the set of a 1,600-token republication
        cost 0.50 M instructions (callgrind, the benchmark's articles)."""
        if self._held is None:
            if self._searched < HELD_SEARCHES:
                self._searched += 1
                return f" {token} " in self.joined
            self._held = frozenset(self.tokens)
        return token in self._held

    @property
    def joined(self) -> str:
        """The tokens joined by spaces, with a space at either end."""
        if self._joined is None:
            self._joined = " " + " ".join(self.tokens) + " "
        return self._joined

    def after(self, gram: tuple[str, ...], j: int) -> int | None:
        """The first occurrence of ``gram`` at or after ``j``."""
        places = self.at.get(gram)
        if not places:
            return None
        p = bisect_left(places, j)
        return places[p] if p < len(places) else None


def align(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
    caseless: Collection[int] = (),
    items: Mapping[int, int] | None = None,
) -> Alignment:
    """Walk the original and the republication side by side, in linear time.

    Where a removable range of the original starts (an unlicensed figure, an embed) and the
    republication does not carry its words, the range is skipped. Anything else that differs
    is a Difference; where the republication stops carrying the original, a Cut. The
    republication may carry other words before the article's first token and after its last
    (byline, attribution, the page around it). A token of the original whose index is in
    ``caseless`` (a subheading's: ``Original.caseless``) is compared without case: a house
    style sets subheadings in Title Case or capitals. Where a list item of the original
    starts (``items``: ``Original.items``, its number), its marker typed as text
    (marker_tokens) is no difference: a paste turned the list into paragraphs.
    """
    source, republished = tuple(source), tuple(republished)  # compared slice to slice
    n, m = len(source), len(republished)
    if n < ANCHOR_WORDS or m < ANCHOR_WORDS:
        same = n > 0 and tuple(source) == tuple(republished)
        return Alignment(0, m if same else 0, (), 0, same)
    grams = _Grams(republished)
    anchor = _anchor(source, republished, grams, removable)
    if anchor is None:
        return Alignment(0, 0, (), 0, found=False)
    start_i, start_j = anchor
    differences: list[Difference] = []
    total = 0
    i, j = start_i, start_j
    missing = unremovable(source, removable, 0, start_i)
    if missing:  # words of the original before the first run found, and not removable
        head = _head(source, removable, republished, start_i, start_j)
        if head is not None:  # its beginning is there, edited: compared from it
            i, j = 0, head
            start_j = head
        else:
            differences.append(Difference(0, tuple(missing), (), (),
                                          _following(source, removable, start_i)))
            total = 1
    cut = None
    stops = sorted(removable)  # a run of tokens up to the next removable range: one comparison
    while i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]  # left out, as allowed
            continue
        stop = stops[k] if (k := bisect_right(stops, i)) < len(stops) else n
        if source[i:stop] == republished[j:j + stop - i]:  # the usual case, compared in C
            j += stop - i
            i = stop
            continue
        while i < stop and j < m and source[i] == republished[j]:  # up to the difference
            i += 1
            j += 1
        if i == stop:
            continue
        if i in caseless and j < m and source[i].casefold() == republished[j].casefold():
            i += 1  # a subheading's word in another case: the same word
            j += 1
            continue
        if items and i in items:
            skip = marker_tokens(republished, j, items[i])
            if skip and j + skip < m and republished[j + skip] == source[i]:
                j += skip  # the list item's marker, typed as text
                continue
        found = _resync(source, removable, republished, i, j) or _jump(
            source, republished, grams, i, j
        )
        if found is None:  # they never agree again: the rest of the original is not here
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


def _context(source: Sequence[str], i: int,
             removable: dict[int, tuple[int, str]] | None = None) -> tuple[str, ...]:
    """The EXCERPT_WORDS tokens before source[i], those of removable ranges left out (a
    figure's caption the republication need not carry is no context)."""
    if not removable:
        return tuple(source[max(0, i - EXCERPT_WORDS):i])
    out: list[str] = []
    p = i - 1
    while p >= 0 and len(out) < EXCERPT_WORDS:
        inside = next((s for s, (e, _why) in removable.items() if s <= p < e), None)
        if inside is not None:
            p = inside - 1
            continue
        out.append(source[p])
        p -= 1
    return tuple(reversed(out))


def _following(source: Sequence[str], removable: dict[int, tuple[int, str]],
               i: int) -> tuple[str, ...]:
    """The FOLLOWING_WORDS tokens from source[i] on, those of removable ranges left out."""
    return tuple(unremovable(source, removable, i, min(len(source), i + 4 * FOLLOWING_WORDS))
                 [:FOLLOWING_WORDS])


# How far into the original the search for its edited beginning looks: the first words may
# be changed, the rest of the beginning must be there.
HEAD_SHIFT = 3
HEAD_SLACK = 10  # an edited beginning may be this many tokens longer than the original's


def _head(source: Sequence[str], removable: dict[int, tuple[int, str]],
          republished: Sequence[str], start_i: int, start_j: int) -> int | None:
    """Where the republication's version of the original's beginning starts, when the first
    run found (source[start_i], republished[start_j]) is past it: two of the original's first
    words (from one of its first HEAD_SHIFT, removable ranges aside) found just before
    start_j, as far before it as they stand before start_i in the original, give or take
    HEAD_SLACK tokens; the tokens before them are taken as the edited first words. None
    when the beginning is not there (it was cut, or reworded beyond recognition)."""
    head = unremovable(source, removable, 0, start_i)
    for shift in range(min(HEAD_SHIFT, len(head) - 1)):
        pair = tuple(head[shift:shift + 2])
        distance = len(head) - shift  # tokens from the pair to start_i in the original
        lo = max(0, start_j - distance - HEAD_SLACK)
        for p in range(start_j - 1, lo - 1, -1):
            if p - shift >= 0 and tuple(republished[p:p + 2]) == pair:
                return p - shift
    return None


def _carries(source: Sequence[str], republished: Sequence[str], i: int, end: int, j: int) -> bool:
    """Whether the republication at j holds the removable range source[i:end] word for word."""
    return tuple(republished[j:j + end - i]) == tuple(source[i:end])


def _anchor(source: Sequence[str], republished: Sequence[str], grams: _Grams,
            removable: dict[int, tuple[int, str]] | None = None) -> tuple[int, int] | None:
    """The first run of the original found in the republication: (index in the original,
    index in the republication). Of its first few places, the one the article goes on from
    wins (the longest _reach, then the longest agreement word for word), so that a teaser of
    the first paragraph above the article, or a box after it quoting a sentence of the
    original that the body carries with a word changed, is passed by; of two whole copies,
    the one agreeing longest word for word (an exact copy beside an altered one)."""
    k = grams.k
    # Once a run is missed (an original opening on a figure its republication leaves out), a
    # run holding a token the republication does not hold is passed by unsearched.
    missed = False
    i = 0
    while i <= len(source) - k:
        gram = tuple(source[i:i + k])
        if missed:
            absent = next((p for p in range(k - 1, -1, -1) if not grams.holds(gram[p])), -1)
            if absent >= 0:  # no run holding that token occurs: try the first past it
                i += absent + 1
                continue
        if i >= FAST_ANCHOR_TRIES:
            grams.at  # noqa: B018 -- many runs missing: index the republication once
        places = grams.places(gram, ANCHOR_CANDIDATES)
        if not places:
            missed = True
            i += 1
            continue
        best = _longest(source, removable or {}, republished, grams, i, places)
        return _earlier_start(source, removable or {}, republished, grams, best)
    return None


def _earlier_start(source: Sequence[str], removable: dict[int, tuple[int, str]],
                   republished: Sequence[str], grams: _Grams,
                   best: tuple[int, int]) -> tuple[int, int]:
    """The anchor ``best``, unless the original's opening is not carried there (its first
    words, outside removable ranges, stand before the run found) and a later run of the
    original, within JUMP_SOURCE tokens, stands *before* it in the republication and the
    article goes on farther from there: the run found was words of the opening repeated
    further on ("North America's west coast" in a first sentence cut, and in the second
    paragraph), and the article starts at that earlier place, its opening dropped or
    reworded. Of that first such run, its place the article goes on from farthest."""
    at, j = best
    if not unremovable(source, removable, 0, at):
        return best  # the common case: the opening is there, or was a removed figure's
    k = grams.k
    reach = _reach(source, removable, republished, at, j)
    index = grams.at
    for later in range(at + 1, min(len(source) - k, at + JUMP_SOURCE) + 1):
        found, farthest = None, reach
        for p in index.get(tuple(source[later:later + k]), ()):
            if p >= j:
                break  # places are in order: the rest stand after the run found
            if p - later == j - at:
                continue  # the same diagonal as the run found
            r = _reach(source, removable, republished, later, p)
            if r > farthest:
                found, farthest = (later, p), r
        if found is not None:
            return found
    return best


def _longest(source: Sequence[str], removable: dict[int, tuple[int, str]],
             republished: Sequence[str], grams: _Grams, i: int,
             places: Sequence[int]) -> tuple[int, int]:
    """Of the places of the original's first run found (source[i:i + k] at ``places``), and
    of the next runs' (up to a run past a word changed in the first one: the body's copy of
    the first words edited, a box quoting them word for word), the one the article goes on
    from: the farthest _reach into the original, then the earliest run, then the longest
    agreement word for word (an exact copy beside an altered one), then the first place."""
    k = grams.k
    best, best_score = (i, places[0]), (-1, 0, -1)
    seen: set[int] = set()  # the diagonals (j - i) measured: a later run there is the same
    for at in range(i, min(i + k, len(source) - k) + 1):
        if at > i and best_score[0] >= len(source):
            break  # a place the article goes on from to its end: no later run goes farther
        found = places if at == i else grams.places(tuple(source[at:at + k]), ANCHOR_CANDIDATES)
        for j in found:
            if j - at in seen:
                continue
            seen.add(j - at)
            run = _agreement(source, at, republished, j)
            score = (_reach(source, removable, republished, at + run, j + run), -at, run)
            if score > best_score:
                best, best_score = (at, j), score
    return best


def _reach(source: Sequence[str], removable: dict[int, tuple[int, str]],
           republished: Sequence[str], i: int, j: int) -> int:
    """How far into the original the texts agree from source[i] and republished[j] on, past
    removable ranges left out and small differences (the texts agreeing again within
    SLIP_WINDOW tokens: a word changed, added or dropped): the original's index where the
    first large difference (a box, a cut, the article's end) stops them."""
    n, m = len(source), len(republished)
    while i < n and j < m:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]  # left out, as allowed
            continue
        run = _agreement(source, i, republished, j)
        if run:
            i += run
            j += run
            continue
        found = _resync(source, removable, republished, i, j, SLIP_WINDOW)
        if found is None:
            break
        i, j = found
    return i


def _agreement(source: Sequence[str], i: int, republished: Sequence[str], j: int) -> int:
    """How many tokens agree from source[i] and republished[j] on: compared in growing
    slices (in C), halved at a difference down to the token."""
    limit = min(len(source) - i, len(republished) - j)
    run, step = 0, 16
    while run < limit:
        step = min(step, limit - run)
        if source[i + run:i + run + step] == republished[j + run:j + run + step]:
            run += step
            step *= 2
        elif step == 1:
            break
        else:
            step //= 2
    return run


def _resync(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
    i: int,
    j: int,
    window: int = RESYNC_WINDOW,
) -> tuple[int, int] | None:
    """The nearest (i', j') past a small difference where the texts agree again for
    RESYNC_AGREE tokens, searched within ``window`` tokens; None if none. Both texts
    ending together is no agreement: what follows an article (its attribution) is not a
    changed version of its last words."""
    n, m = len(source), len(republished)
    for total in range(1, window + 1):
        for a in range(total + 1):
            si, rj = i + a, j + total - a
            if si >= n or rj >= m:
                continue
            if _agrees(source, removable, republished, si, rj):
                return si, rj
    return None


def _jump(source: Sequence[str], republished: Sequence[str], grams: _Grams,
          i: int, j: int) -> tuple[int, int] | None:
    """Past a large difference (a cut paragraph, an inserted box): the first run of the
    original after i that occurs in the republication after j, within the JUMP limits."""
    k = grams.k
    for si in range(i, min(len(source) - k + 1, i + JUMP_SOURCE)):
        rj = grams.after(tuple(source[si:si + k]), j)
        if rj is not None and rj <= j + JUMP_REPUBLISHED and (si, rj) != (i, j):
            return si, rj
    return None


def _agrees(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
    i: int,
    j: int,
) -> bool:
    """RESYNC_AGREE tokens agree from (i, j), skipping removable ranges left out."""
    n, m = len(source), len(republished)
    matched = 0
    while matched < RESYNC_AGREE and i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]
            continue
        if j >= m or source[i] != republished[j]:
            return False
        i += 1
        j += 1
        matched += 1
    # Fewer tokens at the original's very end are no agreement: a lone "." would tie the
    # attribution after the article to it.
    return matched == RESYNC_AGREE


def unremovable(
    source: Sequence[str], removable: dict[int, tuple[int, str]], i: int, end: int
) -> list[str]:
    """The tokens of source[i:end] outside removable ranges."""
    out: list[str] = []
    while i < end:
        span = removable.get(i)
        if span is not None:
            i = span[0]
            continue
        out.append(source[i])
        i += 1
    return out


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
