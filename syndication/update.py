"""Pure: what a run does with one article of a source, given what the store kept of it. Like
lemon24/reader's updater: the pipeline reads the stored state once (Store.stored_states),
``plan`` says what must be built (nothing, the article and its extracts, or only extracts),
the pipeline builds and checks that, ``decide`` turns it into an Intent, and Store.apply is
the one path that writes it. No I/O, no clock: ``now`` is given."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up (models, store and update:
# a warm run's imports 674.4 -> 667.7 M instructions, callgrind).
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from types import MappingProxyType
from typing import NamedTuple

from .models import Article, ArticleReport, Built, Finding, Outcome

# Part of every content hash: bump it when republish or check change what they produce, so
# that the next run re-processes every article with the new code. (A change to how feeds and
# the index page are written only is publish.RENDER_VERSION: it re-renders, re-checks nothing.)
FORMAT_VERSION = 4  # 3: the sanitiser checks every URL attribute (issue 10); 4: The
# Conversation's newsletter plugs, donation appeals and series boxes are removed as promos in
# every language (content.is_promo, issue 9: the French "Abonnez-vous" plug was kept)


class Stored(NamedTuple):
    """What the store kept of an article from earlier runs: enough to decide, without its
    original or republication (which retention may have dropped)."""

    article_id: int
    content_hash: str  # content_hash() of the version last processed
    visible_hash: str  # visible_hash() of it: what readers saw, dates left out
    status: Outcome  # its verdict: published, refused or error
    updated: datetime  # its feed entry's updated date (never goes back)
    # paragraphs -> content hash of the version each kept extract was built from
    extracts: Mapping[int, str] = MappingProxyType({})
    pruned: bool = False  # retention dropped its original and republication
    # the source's own ``updated`` of that version (``updated`` may be when a silent
    # correction was noticed); None when stored before schema 9
    source_updated: datetime | None = None


class Plan(NamedTuple):
    """What must be built for an article in this run."""

    digest: str  # content_hash() of the article as the source gives it now
    check: bool  # republish and check the whole article
    extracts: tuple[int, ...]  # paragraph counts of extracts to build and check
    # visible_hash() of it, made with ``digest`` when the article is checked (and so
    # written): its content encoded once for both; "" when not made
    visible: str = ""
    # its content as UTF-8, encoded for both hashes, stored as it is (ArticleWrite.content);
    # None when not made
    content: bytes | None = None
    # an older version than the one stored (dated before it by the source): a stale copy,
    # left alone (plan)
    stale: bool = False


class ArticleWrite(NamedTuple):
    """An article's new row: its version (dated as its feed entry), hashes and verdict."""

    article: Article  # ``updated`` is the entry's (entry_updated())
    content_hash: str
    visible_hash: str
    status: Outcome
    html: str | None
    findings: tuple[Finding, ...]
    reason: str
    # article.content as UTF-8 when plan() made it (Plan.content), else None
    content: bytes | None = None
    # the source's own ``updated`` of this version (Stored.source_updated)
    source_updated: datetime | None = None


class ExtractWrite(NamedTuple):
    """An extract's new row."""

    article_id: int
    paragraphs: int
    content_hash: str  # the article version it was built from
    status: Outcome
    html: str | None
    findings: tuple[Finding, ...]
    reason: str


class Intent(NamedTuple):
    """Everything a run does to the store for one article, and what it reports."""

    report: ArticleReport
    article: ArticleWrite | None = None  # None: the stored row stays as it is
    extracts: tuple[ExtractWrite, ...] = ()
    kept_earlier: bool = False  # it failed to build; the version published earlier stays
    updated_in_place: bool = False  # a new version of a published article replaces it


def content_hash(article: Article, content: bytes | None = None) -> str:
    """A digest of everything republish and check read, and of FORMAT_VERSION.
    ``content``: the article's content as UTF-8, when the caller has it."""
    return _digest(article, content, FORMAT_VERSION, article.published.isoformat(),
                   article.updated.isoformat())


def visible_hash(article: Article, content: bytes | None = None) -> str:
    """A digest of what a correction can change for readers: everything republish reads
    except the dates and FORMAT_VERSION (a new version of our code is no correction)."""
    return _digest(article, content)


def _digest(article: Article, content: bytes | None, *head: object) -> str:
    """sha256 of ``head`` and the article's reader-visible fields, as JSON, then of its
    content as it is: as JSON the content (~20 KB) cost a character-by-character escaping,
    twice the hashing (benchmarks/run.py). The JSON text ends the parts and holds no NUL,
    so no field's text can pass for another's. ``content``: article.content as UTF-8,
    encoded once for both digests of an article written (plan)."""
    parts = [
        *head,
        article.url,
        article.title,
        article.summary,
        [[a.name, a.role, a.institution, a.profile_url] for a in article.authors],
        article.rights,
        article.language,
        list(article.categories),
    ]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode())
    digest.update(b"\0")
    digest.update(article.content.encode() if content is None else content)
    return digest.hexdigest()


def plan(article: Article, stored: Stored | None, extracts: Sequence[int]) -> Plan:
    """What to build for ``article``, which feeds wanting extracts of ``extracts`` paragraphs
    take. Unchanged (same content hash, even after retention pruned it): nothing, except the
    extracts a published article lacks (a feed newly in extract mode). Older than the
    version stored (its source dates it before the stored version's own date): nothing
    either, a stale copy. Two feeds of The Conversation, or two copies of one behind a
    cache, may carry an article before and after a correction for days; taken as a new
    version, the stale copy undid the correction, and the two replaced each other in every
    run, each time dated anew (README "Corrections and withdrawals")."""
    content = article.content.encode()
    digest = content_hash(article, content)
    wanted = tuple(sorted(set(extracts)))
    if (stored is not None and stored.source_updated is not None
            and article.updated < stored.source_updated and stored.content_hash != digest):
        return Plan(digest, check=False, extracts=(), stale=True)
    if stored is None or stored.content_hash != digest:
        # written once checked, with its visible hash: made now, from the same bytes (an
        # English article's content is UCS-2 to Python: encoding it cost as much as
        # hashing it, 0.24 M instructions)
        return Plan(digest, check=True, extracts=wanted, visible=visible_hash(article, content),
                    content=content)
    if stored.status is not Outcome.PUBLISHED:
        return Plan(digest, check=False, extracts=())
    missing = tuple(p for p in wanted if stored.extracts.get(p) != digest)
    return Plan(digest, check=False, extracts=missing)


def decide(
    article: Article,
    stored: Stored | None,
    plan: Plan,
    built: Built | None,
    extracts: Sequence[Built],
    now: datetime,
) -> Intent:
    """What to store and report for ``article`` once ``plan``'s work is done: ``built`` is
    the whole article's republication and verdict (None when the plan did not check it),
    ``extracts`` those of the extracts it asked for.

    A changed article replaces its earlier version in place: same N, so the same entry id in
    every feed (docs/feeds.md#what-our-feeds-carry), never a second entry. One that no
    longer passes is withdrawn; one that fails to build keeps a published earlier version."""
    n = article.article_id
    extract_writes = tuple(
        ExtractWrite(n, x.paragraphs, plan.digest, x.outcome, x.html, x.findings, x.reason)
        for x in extracts if x.paragraphs is not None
    )
    if built is None:  # unchanged, perhaps with extracts to add
        return Intent(_extract_report(article, extracts) or _report(article, Outcome.UNCHANGED),
                      extracts=extract_writes)
    was_published = stored is not None and stored.status is Outcome.PUBLISHED
    if built.outcome is Outcome.ERROR:
        report = _report(article, Outcome.ERROR, reason=built.reason)
        if stored is None:  # record the failure; an earlier version (of any verdict) stays
            return Intent(report, article=_write(article, plan, built, article))
        return Intent(report, kept_earlier=was_published)
    entry = replace(article, updated=entry_updated(article, stored, now))
    write = _write(article, plan, built, entry)
    if built.outcome is Outcome.PUBLISHED:
        report = (_extract_report(article, extracts)
                  or _report(article, Outcome.PUBLISHED))
        return Intent(report, article=write, extracts=extract_writes,
                      updated_in_place=was_published)
    return Intent(
        _report(article, Outcome.REFUSED, failed_rules=built.failed_rules,
                reason=built.reason, withdrawn=was_published),
        article=write,
    )


def entry_updated(article: Article, stored: Stored | None, now: datetime) -> datetime:
    """The article's feed entry date: ``updated`` never goes back, and when the source
    changed what readers see without a newer date of its own (a silent correction), the
    entry is dated when this run noticed, so feed readers show the correction
    (RFC 4287 §4.2.15)."""
    if stored is None or article.updated > stored.updated:
        return article.updated
    if visible_hash(article) == stored.visible_hash:
        return stored.updated  # e.g. a FORMAT_VERSION bump: no news for readers
    return max(now, stored.updated)


def _write(article: Article, plan: Plan, built: Built, entry: Article) -> ArticleWrite:
    return ArticleWrite(entry, plan.digest, plan.visible or visible_hash(article),
                        built.outcome, built.html, built.findings, built.reason, plan.content,
                        article.updated)


def _report(article: Article, outcome: Outcome, *, failed_rules: tuple[str, ...] = (),
            reason: str = "", withdrawn: bool = False) -> ArticleReport:
    return ArticleReport(article.article_id, article.title, outcome,
                         failed_rules=failed_rules, reason=reason, withdrawn=withdrawn)


def _extract_report(article: Article, extracts: Sequence[Built]) -> ArticleReport | None:
    """The report of extracts that were refused or failed (REFUSED if any was refused), None
    when all passed."""
    bad = [x for x in extracts if x.outcome is not Outcome.PUBLISHED]
    if not bad:
        return None
    refused = any(x.outcome is Outcome.REFUSED for x in bad)
    rules = tuple(dict.fromkeys(r for x in bad for r in x.failed_rules))
    return _report(article, Outcome.REFUSED if refused else Outcome.ERROR, failed_rules=rules,
                   reason="; ".join(x.reason for x in bad))
