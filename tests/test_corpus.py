"""Issue 9's corpus: every case (a layout, a recorded original, at most one edit) judged as
its table says, verdict and failing rules exactly. Pages are built in memory at test time;
tests/corpus/ holds the data."""

from __future__ import annotations

import pytest

from .corpus.cases import CASES, KNOWN_WRONG, Case, check_table
from .corpus.judge import judge


def _param(case: Case) -> object:
    marks = []
    if case.id in KNOWN_WRONG:
        marks.append(pytest.mark.xfail(strict=True, reason=f"known wrong: {case.kind}"))
    return pytest.param(case, id=case.id, marks=marks)


def test_the_table_is_sound() -> None:
    check_table()
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case) -> None:
    outcome = judge(case)
    assert outcome.right, outcome.explain()
