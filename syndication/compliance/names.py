"""Pure: an author's name against the names a page gives (docs/compliance.md#author-credit):
names compared as names (an initial with or without its full stop is one name), and for
`author-credit`'s evidence a near miss found in the credit ("Rebeca Vega Thurber" for
"Rebecca Vega Thurber") named, with its kind."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
from collections.abc import Sequence
from typing import NamedTuple

from .htmltext import join_words, key


def name_tokens(tokens: Sequence[str]) -> list[str]:
    """Folded tokens (``key``'s) compared as names: an initial's full stop dropped, so that
    "Matthew T. Hughes" and "Matthew T Hughes" (or "M.T. Hughes" and "M T Hughes") are one
    name. Other typography is folded by ``key`` already: non-breaking spaces, curly and
    straight apostrophes ("O’Brien"), hyphens and dashes ("Miranda‑Escalada")."""
    out: list[str] = []
    for t in tokens:
        if not _initials_stop(out, t):
            out.append(t)
    return out


def _initials_stop(before: Sequence[str], mark: str) -> bool:
    """Whether ``mark`` is the full stop of an initial: "." after a lone letter."""
    return mark == "." and bool(before) and len(before[-1]) == 1 and before[-1].isalpha()


def name_key(text: str) -> str:
    """``key(text)`` compared as names (``name_tokens``): for names and institutions, and
    for the credit they are looked for in (``f" {name_key} " in f" {credit} "``)."""
    return " ".join(name_tokens(key(text).split()))


class NearMiss(NamedTuple):
    """A name in the credit that is almost an author's."""

    found: str  # as the page writes it
    how: str  # what differs, in a few words

    def describe(self, name: str) -> str:
        return f"“{self.found}” is not “{name}” ({self.how})"


def near_miss(name: str, credit: Sequence[str], others: Sequence[str] = ()) -> NearMiss | None:
    """The first run of ``credit`` tokens (as the page has them) that misspells ``name`` by
    one letter (missing, added, changed, a doubled letter written once or twice, two
    neighbours swapped), gives its words in another order ("Gascó Luis", "Gascó, Luis"), or
    joins or splits them otherwise ("Rossella DiSapia", "Alexandria Ocasio Cortez").
    Case and accents aside, as the rule compares names; never another author's name
    (``others``)."""
    want = name_tokens(key(name).split())
    if not want:
        return None
    taken = {name_key(o) for o in others}
    folded: list[tuple[int, str]] = []  # (where the page has it, as compared)
    kept: list[str] = []
    for i, w in enumerate(credit):
        k = key(w)
        if k and not _initials_stop(kept, k):
            folded.append((i, k))
            kept.append(k)
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
    # its words joined or split otherwise: "Rossella DiSapia", "Alexandria Ocasio Cortez"
    for size in (len(want), len(want) - 1, len(want) + 1, len(want) - 2, len(want) + 2):
        for j in range(len(folded) - size + 1 if size > 0 else 0):
            window = folded[j:j + size]
            got = [k for _i, k in window]
            if " ".join(got) in taken:
                continue
            how = _how_joined(want, got)
            if how is not None:
                return NearMiss(join_words(credit[window[0][0]:window[-1][0] + 1]), how)
    return None


_JOINS = {
    ("-", " "): "a hyphen written as a space", ("-", ""): "a hyphen left out",
    (" ", ""): "a space left out", (" ", "-"): "a space written as a hyphen",
    ("", " "): "a space added", ("", "-"): "a hyphen added",
}


def _how_joined(want: list[str], got: list[str]) -> str | None:
    """What differs when ``got`` has ``want``'s letters in order with other spaces or
    hyphens between them (one difference: named; more: said so), or None."""
    w, g = _separators(want), _separators(got)
    if w is None or g is None or w[0] != g[0]:
        return None
    diff = [(a, b) for a, b in zip(w[1], g[1], strict=True) if a != b]
    if not diff:
        return None
    return _JOINS[diff[0]] if len(diff) == 1 else "its words joined or split otherwise"


def _separators(tokens: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """A name's letters, and what stands after each: "", " " or "-". None when a token is
    neither a word nor a hyphen between two words."""
    letters: list[str] = []
    after: list[str] = []
    for k, t in enumerate(tokens):
        if t == "-":
            if not 0 < k < len(tokens) - 1 or tokens[k - 1] == "-" or not after:
                return None
            after[-1] = "-"
            continue
        if not t.isalnum():
            return None
        if after and after[-1] == "":
            after[-1] = " "
        letters.append(t)
        after += [""] * len(t)
    return "".join(letters), tuple(after)


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
