"""Pure: which articles a feed takes (docs/compliance.md#rule-selective). The Conversation's
guidelines forbid republishing everything systematically, so a feed selects by keyword,
author or id, and a whole-edition source needs a selection or a recorded permission."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .conversation import PROFILE_PATH, is_edition_feed
from .models import Author, Finding, Selection
from .tokens import key
from .urls import url_parts

#: The rule judged on a feed's configuration, not on one page (docs/compliance.md#rule-selective).
SELECTIVE = "selective"


def admits(
    selection: Selection,
    *,
    article_id: int,
    title: str,
    summary: str | None,
    authors: Iterable[Author],
) -> str | None:
    """Why the feed takes this article ("keyword 'climate'"), or None when it does not.

    An article listed by id is always taken. Otherwise an excluded keyword in the title or
    summary leaves it out; then, when the feed names keywords or authors, one must match
    (either kind will do); a feed that names neither takes every article of its sources.
    """
    if article_id in selection.articles:
        return f"article {article_id} is listed"
    # Title, summary and names are folded only for a feed that looks at them: most take
    # every article of their sources, and this runs for every article and feed.
    if selection.exclude_keywords or selection.keywords:
        text = f" {key(title)} {key(summary or '')} "
        for word in selection.exclude_keywords:
            if f" {key(word)} " in text:
                return None
        for word in selection.keywords:
            if f" {key(word)} " in text:
                return f"keyword {word!r}"
    if selection.authors:
        wanted = {_author_key(a) for a in selection.authors}
        for author in authors:
            for k in (key(author.name), _author_key(author.profile_url or "")):
                if k and k in wanted:
                    return f"author {author.name!r}"
    if selection.keywords or selection.authors or selection.articles:
        return None
    return "every article of its sources"


def _author_key(value: str) -> str:
    """An author named in the config: a profile URL compares by its path, a name by key()."""

    value = value.strip()
    if PROFILE_PATH in value:
        return url_parts(value).path.rstrip("/").lower()
    return key(value)


def selective(sources: Sequence[str], selection: Selection, permission: str | None) -> Finding:
    """The `selective` rule for one feed's configuration: a feed that takes a whole edition
    (``/{edition}/articles.atom``, ``/articles.atom``) must select, or record the written
    permission it relies on. Section, topic and institution feeds are selections already."""
    editions = [u for u in sources if is_edition_feed(u)]
    if permission:
        return Finding(SELECTIVE, True, f"republishes under the recorded permission "
                       f"“{permission}”")
    if editions and not selection.selects:
        return Finding(
            SELECTIVE, False,
            f"{editions[0]} is a whole edition and the feed selects nothing from it: add "
            "keywords, authors or articles (The Conversation's guidelines forbid republishing "
            "everything systematically), or record the written permission you hold with "
            "permission = \"…\"",
        )
    if editions:
        return Finding(SELECTIVE, True, f"selects from a whole edition by {selection.describe()}")
    if selection.selects:
        return Finding(SELECTIVE, True, f"section, topic or institution feeds, and "
                       f"{selection.describe()}")
    return Finding(SELECTIVE, True, "section, topic or institution feeds: a selection")


def selected(reasons: Iterable[str]) -> Finding:
    """The `selective` finding for one article: which feed selected it, and why."""
    listed = list(reasons)
    if not listed:
        return Finding(SELECTIVE, False, "no feed selects this article")
    return Finding(SELECTIVE, True, "; ".join(listed))
