"""UTC time in one place: the clock the stages default to, and the one text form a timestamp
takes in the state database, ``syndication status``/``report`` and messages (RFC 3339, to
the second, with "Z"). Feeds write their own dates (publish.py, index.py)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current time, timezone-aware in UTC (the default clock of a run)."""
    return datetime.now(UTC)


def timestamp(value: datetime) -> str:
    """``value`` as RFC 3339 in UTC to the second: 2025-09-26T12:30:52Z."""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse(text: str) -> datetime:
    """A timestamp this module wrote (or any ISO 8601 with a zone) -> an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)
