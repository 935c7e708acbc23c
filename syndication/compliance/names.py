"""Pure: an author's name against the names a page gives, for `author-credit`'s evidence: a
near miss found in the credit ("Rebeca Vega Thurber" for "Rebecca Vega Thurber") is named,
with its kind (docs/compliance.md#author-credit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .htmltext import join_words, key


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A name in the credit that is almost an author's."""

    found: str  # as the page writes it
    how: str  # what differs, in a few words

    def describe(self, name: str) -> str:
        return f"“{self.found}” is not “{name}” ({self.how})"


def near_miss(name: str, credit: Sequence[str], others: Sequence[str] = ()) -> NearMiss | None:
    """The first run of ``credit`` tokens (as the page has them) that misspells ``name`` by
    one letter (missing, added, changed, a doubled letter written once or twice, two
    neighbours swapped) or gives its words in another order ("Gascó Luis", "Gascó, Luis").
    Case and accents aside, as the rule compares names; never another author's name
    (``others``)."""
    want = key(name).split()
    if not want:
        return None
    taken = {key(o) for o in others}
    folded = [(i, k) for i, w in enumerate(credit) if (k := key(w))]
    names = [(i, k) for i, k in folded if k not in (",", ";")]  # "Gascó, Luis"
    for run in (folded, names):
        for j in range(len(run) - len(want) + 1):
            window = run[j:j + len(want)]
            got = [k for _i, k in window]
            if got == want or " ".join(got) in taken:
                continue
            how = _how(" ".join(want), " ".join(got), want, got)
            if how is not None:  # as the page writes it, from its first word to its last
                return NearMiss(join_words(credit[window[0][0]:window[-1][0] + 1]), how)
    return None


def _how(want: str, got: str, want_words: list[str], got_words: list[str]) -> str | None:
    """What one edit turns ``want`` into ``got``, or None when it takes more."""
    if sorted(want_words) == sorted(got_words):
        return "its words in another order"
    if len(got) == len(want):
        diff = [i for i, (a, b) in enumerate(zip(want, got, strict=True)) if a != b]
        if len(diff) == 1:
            return "a letter changed"
        if (len(diff) == 2 and diff[1] == diff[0] + 1
                and want[diff[0]] == got[diff[1]] and want[diff[1]] == got[diff[0]]):
            return "two letters swapped"
        return None
    if abs(len(got) - len(want)) != 1:
        return None
    longer, shorter = (want, got) if len(want) > len(got) else (got, want)
    i = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b),
             len(shorter))
    if longer[:i] + longer[i + 1:] != shorter:
        return None
    c = longer[i]
    doubled = (i > 0 and longer[i - 1] == c) or (i + 1 < len(longer) and longer[i + 1] == c)
    if not c.isalpha():
        return None  # a space or a mark: another tokenisation, not a misspelling
    if longer is want:
        return "a doubled letter written once" if doubled else "a letter missing"
    return "a letter doubled" if doubled else "a letter added"
