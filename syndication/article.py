"""The frozen records of one article as it passes the stages: the original (Author, Article,
SourceFeed), its republication (RemovedImage, Republication), the checker's verdict (Finding,
Verdict) and its feed entry (FeedEntry). Nothing here does I/O; every datetime is
timezone-aware.

They are part of models (``from syndication.models import Article`` works), but are defined
here, on first use: a run where every source answers 304 reads no article, and creating a
frozen dataclass costs an interpreter start some 0.6 ms (benchmarks/run.py measures the
start-up of such a run)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Author:
    """One author as The Conversation credits them (SPEC §2.1 `author/name`)."""

    name: str  # the part of author/name before the first comma, spelled as the source does
    role: str | None  # between the name and the institution; may hold commas and semicolons
    # last part(s) of author/name, e.g. "University of California, Santa Barbara"
    institution: str | None
    profile_url: str | None  # foaf:homepage/@rdf:resource (or the article page's /profiles/ link)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as The Conversation publishes it: the original a republication is judged by."""

    article_id: int  # N of tag:theconversation.com,2011:article/N, the stable key
    url: str  # link rel=alternate: https://theconversation.com/{slug}-{N}
    title: str  # entry title, plain text
    summary: str | None  # entry summary (plain-text standfirst), optional
    published: datetime  # entry published (UTC)
    updated: datetime  # entry updated (UTC)
    authors: tuple[Author, ...]  # one per entry author, in the source's order
    rights: str | None  # entry rights, normally TC_RIGHTS
    content: str  # entry content (type="html"), unescaped: the full body, counter, disclosure
    language: str | None  # xml:lang of the entry or feed, e.g. "en-US"
    categories: tuple[str, ...] = ()  # topics, when the source gives them
    source_url: str | None = None  # the feed (or page) this copy was read from
    # "atom": an Atom entry (SPEC §2.1); "page": an article page, which states no licence
    # (SPEC §2.4), so `licence` cannot be checked against it
    source_kind: str = "atom"


@dataclass(frozen=True, slots=True)
class SourceFeed:
    """A parsed Atom feed of The Conversation."""

    url: str  # where it was fetched from
    feed_id: str | None  # feed id, e.g. tag:theconversation.com,2011:/us/environment/articles
    title: str | None  # feed title
    language: str | None  # feed xml:lang
    articles: tuple[Article, ...]  # entries that parsed, in document order
    problems: tuple[str, ...] = ()  # entries skipped, each with the reason


@dataclass(frozen=True, slots=True)
class RemovedImage:
    """An image republish removed because its credit grants no reuse (SPEC §3 `images`)."""

    src: str  # the img src (or iframe src, for an embed)
    credit: str  # the figure's credit text, "" when it had none
    reason: str  # why it went, e.g. "no licence in its credit"


@dataclass(frozen=True, slots=True)
class Republication:
    """The compliant republication of one article: what our feeds carry as entry content."""

    article_id: int  # the Article it was built from
    html: str  # byline + body (allowed removals only) + counter + disclosure + attribution
    removed: tuple[RemovedImage, ...]  # what was taken out, and why
    mode: str = "full"  # "full" or "extract"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One published article as the feeds carry it (read back from the state database)."""

    article_id: int  # N: the entry id is tag:theconversation.com,2011:article/N
    url: str  # the original article's canonical URL
    title: str  # the original's title, unaltered
    summary: str | None  # the original's standfirst
    published: datetime  # the original's published time (UTC)
    # the original's updated time (UTC), or when a run noticed a correction the source did
    # not date (pipeline._as_entry); never earlier than the entry's previous updated
    updated: datetime
    authors: tuple[Author, ...]  # as the original credits them
    categories: tuple[str, ...]  # topics, when known
    language: str | None  # e.g. "en-US"
    rights: str | None  # the original's rights statement
    html: str  # the republication that passed every rule


@dataclass(frozen=True, slots=True)
class Finding:
    """The checker's answer for one rule of SPEC §3."""

    rule: str  # rule id, e.g. "page-counter"
    ok: bool | None  # True passed, False failed, None could not be checked
    detail: str  # the evidence, in one or two sentences


@dataclass(frozen=True, slots=True)
class Verdict:
    """All findings for one republication."""

    article_id: int | None  # N of the original, when known
    findings: tuple[Finding, ...]

    @property
    def compliant(self) -> bool:
        """True when no rule failed and every rule could be checked."""
        return all(f.ok is True for f in self.findings)

    @property
    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.ok is False)

    @property
    def unchecked(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.ok is None)

    def finding(self, rule: str) -> Finding:
        for f in self.findings:
            if f.rule == rule:
                return f
        raise KeyError(rule)
