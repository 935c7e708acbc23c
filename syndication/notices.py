"""Pure: what a run says of a problem that lasts from run to run (an entry a source keeps
sending that cannot be published, a source that keeps failing, a file that cannot be
written), given what earlier runs said of it (README "From cron"). A problem is said at its
level (a warning or an error, on stderr: cron mails it) when it first appears, when it
changes, and when it comes back after having gone; while it lasts, at info only (-v); its
going, once at info. No I/O, no clock: the pipeline reads what was said once a run
(Store.notices), ``decide`` returns a Told, the pipeline says it and Store.apply_notices is
the one path that records it."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from .models import Notice

# Where notices are looked for, each place whole at once: what a look does not find there any
# more is gone. A place is (scope, subject).
FETCH = "fetch"  # a source's fetch: subject its URL, one notice (the error) or none
SOURCE = "source"  # a source's document as read: its entries refused, its notes
STEP_FAILED = "step"  # a source's articles whose step failed with nothing written
FEED = "feed"  # a [[feed]]'s entries left out when it is rendered: subject its name
FILES = "files"  # the output folder's files that could not be rendered, written or removed

Place = tuple[str, str]


class Said(NamedTuple):
    """What the state remembers of a notice an earlier run said (one row of ``notices``)."""

    digest: str  # Notice.digest when it was said
    text: str  # the line said
    since: datetime  # when it was said


class Told(NamedTuple):
    """What a run says of one place, and what the state remembers of it afterwards."""

    place: Place
    new: tuple[Notice, ...]  # first seen, changed, or back: said at their level, remembered
    lasting: tuple[tuple[Notice, Said], ...]  # said before, unchanged: at info only
    gone: tuple[tuple[str, Said], ...]  # said before, not found now: at info, forgotten
    now: datetime  # when the new ones are said

    @property
    def changes(self) -> bool:
        """Whether the state must change (a place whose problems last writes nothing)."""
        return bool(self.new or self.gone)

    def remembered(self) -> dict[str, Said]:
        """What the state holds of the place once this is applied."""
        kept = {n.key: said for n, said in self.lasting}
        kept.update((n.key, Said(n.digest, n.text, self.now)) for n in self.new)
        return kept


def decide(place: Place, found: Sequence[Notice], said: Mapping[str, Said],
           now: datetime) -> Told:
    """Compare what a look at ``place`` ``found`` with what earlier runs ``said`` there (by
    key). Two notices under one key (a feed sending one entry twice) are told apart by
    their order, so neither is lost."""
    unique: dict[str, Notice] = {}
    for notice in found:
        key, k = notice.key, 1
        while key in unique:
            k += 1
            key = f"{notice.key} ({k})"
        unique[key] = notice._replace(key=key)
    new: list[Notice] = []
    lasting: list[tuple[Notice, Said]] = []
    for key, notice in unique.items():
        before = said.get(key)
        if before is None or before.digest != notice.digest:
            new.append(notice)
        else:
            lasting.append((notice, before))
    gone = tuple((key, s) for key, s in said.items() if key not in unique)
    return Told(place, tuple(new), tuple(lasting), gone, now)


def notice(key: str, text: str, about: str | bytes | None = None, *,
           error: bool = False) -> Notice:
    """A Notice whose digest is of ``about`` (what it is about, as it is now: an entry's
    bytes), else of its text."""
    # Deferred: `syndication check` reads a feed (source.py) with no notice to make, and
    # hashlib's start (OpenSSL) is 14 M instructions: test_checking_files_loads_no_hashlib.
    import hashlib

    data = text if about is None else about
    digest = hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()
    return Notice(key, text, digest, error)
