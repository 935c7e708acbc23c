"""The checker never fails with a traceback, whatever a page's markup: corpus pages (the
recorded originals pasted into the corpus's layouts, tests/corpus) mutated at random, with a
fixed seed, in memory, as a page saved in part, edited by hand or mangled by a plugin would be:
cut anywhere, stray markup characters and entities, a tag repeated hundreds of times, end
tags dropped, pieces moved, a huge class attribute, deep nesting. Each page gets a verdict
(whatever it is). Mutating pages this way found three kinds of traceback, each now tested
for its own sake (test_check_broken_markup.py): a document holding no element, a link left
open directly in the body, a hidden element whose tag has a typo; and, with links mutated,
URLs urlsplit refuses."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from syndication.compliance import check_page

from .corpus.cases import CASES
from .corpus.judge import build
from .corpus.originals import originals

Mutation = Callable[[random.Random, str], str]

_STRAY = [0x3C, 0x3E, 0x22, 0x27, 0x26, 0x2F, 0x3D, 0x21, 0x2D, 0x5B, 0x5D, 0xFDD0, 0xFEFF,
          0x202E, 0x0, 0x41, 0x300]
_ENTITIES = ["&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&nbsp", "&#x202E;",
             "&#xFDD0;", "&amp;amp;", "&#65279;"]


def _cut(rng: random.Random, page: str) -> str:
    return page[:rng.randrange(len(page) + 1)]


def _stray(rng: random.Random, page: str) -> str:
    k = rng.randrange(len(page) + 1)
    return page[:k] + "".join(chr(rng.choice(_STRAY)) for _ in range(rng.randrange(1, 30))) \
        + page[k:]


def _repeated_tag(rng: random.Random, page: str) -> str:
    k = page.find("<", rng.randrange(len(page) + 1))
    e = page.find(">", k)
    return page if k < 0 or e < 0 else page[:k] + page[k:e + 1] * rng.randrange(2, 400) \
        + page[k:]


def _end_tag_dropped(rng: random.Random, page: str) -> str:
    ends = [m.start() for m in re.finditer(r"</\w+>", page)]
    if not ends:
        return page
    k = rng.choice(ends)
    return page[:k] + page[page.find(">", k) + 1:]


def _piece_moved(rng: random.Random, page: str) -> str:
    a, b = sorted(rng.randrange(len(page) + 1) for _ in range(2))
    c = rng.randrange(len(page) + 1)
    return page[:c] + page[a:b] + page[c:]


def _huge_class(rng: random.Random, page: str) -> str:
    k = page.find("<p", rng.randrange(len(page) + 1))
    hidden = ' style="display:none"' if rng.randrange(2) else ""
    return page if k < 0 else page[:k + 2] + ' class="' + "x " * 20000 + '"' + hidden \
        + page[k + 2:]


def _entity(rng: random.Random, page: str) -> str:
    k = rng.randrange(len(page) + 1)
    return page[:k] + rng.choice(_ENTITIES) + page[k:]


def _nested(rng: random.Random, page: str) -> str:
    k = page.find("<p", rng.randrange(len(page) + 1))
    return page if k < 0 else page[:k] + "<div>" * rng.choice([100, 255, 256, 300, 1000]) \
        + page[k:]


_MUTATIONS: list[Mutation] = [_cut, _stray, _repeated_tag, _end_tag_dropped, _piece_moved,
                              _huge_class, _entity, _nested]
_AS_PASTED = [c for c in CASES if c.edit is None]


@pytest.mark.parametrize("seed", range(8))
def test_mutated_pages_are_judged_without_a_traceback(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 -- a fixed seed: the same pages every run
    for _ in range(25):
        case = rng.choice(_AS_PASTED)
        page = build(case)
        done = []
        for mutate in (rng.choice(_MUTATIONS) for _ in range(rng.randrange(1, 4))):
            page = mutate(rng, page)
            done.append(mutate.__name__)
        try:
            verdict = check_page(page, originals()[case.original].article, plain=False)
        except Exception as e:  # the page that raised, named for the failure's reader
            raise AssertionError(f"{case.id} after {done}: {type(e).__name__}: {e}") from e
        assert verdict.findings
