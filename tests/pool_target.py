"""A target for tests/test_pool.py's Pool tests: the square of n, refused for 13 (an
exception, as a call that fails)."""

from __future__ import annotations

TARGET = "tests.pool_target:square"
REFUSED = 13


def square(n: int) -> int:
    if n == REFUSED:
        raise ValueError(f"{n} refused")
    return n * n
