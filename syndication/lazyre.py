"""Regular expressions compiled on first use: ``lazy_compile`` stands in for ``re.compile`` where
a module defines its patterns. Compiling is Python code in the standard library (sre's parser
and compiler), 0.3 to 3 M instructions a pattern, and a command uses few of the patterns its
modules define: a run with nothing new compiled 28 and used 3; `check PAGE` compiled 62 and
used 38; the article step uses 18 of 60 (callgrind, issue 13)."""

from __future__ import annotations

import re
from typing import AnyStr, Generic, cast

# What our modules ask of a pattern. Once compiled, each is an attribute of the stand-in
# itself, found as fast as on the pattern (no __getattr__ call after the first use).
_ATTRIBUTES = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer",
               "pattern", "flags", "groups", "groupindex")


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[AnyStr]", _Pattern(pattern, flags))


class _Pattern(Generic[AnyStr]):
    """A pattern not compiled yet: compiled on the first use of any attribute."""

    def __init__(self, pattern: AnyStr, flags: int) -> None:
        self._args: tuple[AnyStr, int] = (pattern, flags)

    def __getattr__(self, name: str) -> object:  # only for what is not set yet
        compiled = re.compile(*self._args)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._args[0]!r}, {self._args[1]!r})"
