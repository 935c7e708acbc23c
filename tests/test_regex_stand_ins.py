"""Where a plain test stands in for a regex a `check PAGE` would otherwise compile (issue 13),
it answers as the regex does: over every code point, or every string of the characters that
matter up to a length (boxkinds' class words: tests/test_box_words.py)."""

from __future__ import annotations

import itertools
import re
import sys

from syndication import safetext
from syndication.compliance import span


def test_is_forbidden_is_forbiddens_set_over_every_code_point() -> None:
    wrong = [hex(code) for code in range(sys.maxunicode + 1)
             if safetext.is_forbidden(chr(code)) != (
                 safetext.FORBIDDEN.fullmatch(chr(code)) is not None)]
    assert wrong == []
    assert safetext.is_forbidden("\x1b") and safetext.is_forbidden("\U0010ffff")
    assert not safetext.is_forbidden("\t") and not safetext.is_forbidden("é")


def test_what_printable_escapes_isprintable_refuses() -> None:
    # printable() lets a line through on str.isprintable (tabs and newlines aside): sound
    # only if every character _UNPRINTABLE finds is one isprintable refuses
    found = [chr(code) for code in range(sys.maxunicode + 1)
             if safetext._UNPRINTABLE.match(chr(code))]
    # C0 less tab and LF, DEL, C1, ALM, LRM and RLM, LS and PS, embeddings, isolates
    assert len(found) == 30 + 1 + 32 + 1 + 2 + 2 + 5 + 4
    assert not any(c.isprintable() for c in found)
    assert "\t" not in found and "\n" not in found
    for line in ("✓ licence  the source\tdeclares\n", "a\x1b[31mb", "x\u202ey", "r\rs", ""):
        assert safetext.printable(line) == safetext._UNPRINTABLE.sub(safetext._escape, line)


SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")


def test_a_sentences_end_is_told_as_its_regex_did() -> None:
    # every string of up to five of the characters that matter
    chars = ".!?…\"'”’) \n\u00a0\u2003a1:("
    wrong = [s for n in range(6) for t in itertools.product(chars, repeat=n)
             if span._ends_a_sentence(s := "".join(t)) != bool(SENTENCE_END.search(s))]
    assert wrong == []
    assert span._ends_a_sentence("end.”") and not span._ends_a_sentence("”")
