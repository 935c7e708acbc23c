"""Frozen records passed between the stages of a run (fetch -> parse -> republish -> check ->
store -> publish): the original article (Author, Article, SourceFeed), its republication
(RemovedImage, Republication), the checker's verdict (Finding, Verdict), its feed entry
(FeedEntry), and what a run reports. Nothing here does I/O; every datetime is
timezone-aware.
The records of the public API (those ``syndication`` exports, and the reports inside
RunReport) are frozen dataclasses; those only our stages exchange are NamedTuples, as
lemon24/reader's intents are: as immutable, and a fifth of a dataclass's cost to define, paid
by every start-up (a run where every source answers 304: benchmarks/run.py)."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up (models, store and update:
# a warm run's imports 674.4 -> 667.7 M instructions, callgrind).
import enum
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

#: The licence every republished article carries (docs/compliance.md#rule-licence-notice).
LICENCE_URL = "https://creativecommons.org/licenses/by-nd/4.0/"
LICENCE_NAME = "CC BY-ND 4.0"


class Fetched(NamedTuple):
    """One HTTP answer, as fetch.py hands it on: a full body (200) or "not modified" (304)."""

    url: str  # the URL asked for
    final_url: str  # where the body came from, after redirects within the allowed hosts
    status: int  # 200, or 304 when the conditional GET found nothing new
    body: bytes  # the body, b"" for 304; never larger than [fetch] max_bytes
    etag: str | None  # ETag response header, kept for the next conditional GET
    last_modified: str | None  # Last-Modified response header, likewise
    content_type: str | None  # Content-Type response header
    # Content-Security-Policy response header (a page's: what its browser may load)
    policy: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class RobotsRecord(NamedTuple):
    """A host's robots.txt as last fetched (RFC 9309), kept in the state database for a day."""

    origin: str  # scheme://host[:port] the file governs, e.g. https://theconversation.com
    fetched: datetime  # when it was fetched (UTC)
    status: int  # the HTTP status: 200 (rules in body), or 4xx (no rules: all allowed)
    body: str  # the file, decoded as UTF-8 (RFC 9309 §2.3); "" for 4xx


@dataclass(frozen=True, slots=True)
class Selection:
    """What a feed takes from its sources (docs/compliance.md#rule-selective); built by
    config.py."""

    keywords: tuple[str, ...] = ()  # [[feed]] keywords: any of them in title or summary
    exclude_keywords: tuple[str, ...] = ()  # [[feed]] exclude_keywords: none of them there
    authors: tuple[str, ...] = ()  # [[feed]] authors: names or profile URLs
    articles: tuple[int, ...] = ()  # [[feed]] articles: ids (URLs are read as their id)

    @property
    def selects(self) -> bool:
        """True when the feed picks articles; exclusions alone still take everything else."""
        return bool(self.keywords or self.authors or self.articles)

    def describe(self) -> str:
        parts = []
        if self.keywords:
            parts.append("keywords " + ", ".join(repr(k) for k in self.keywords))
        if self.authors:
            parts.append("authors " + ", ".join(repr(a) for a in self.authors))
        if self.articles:
            parts.append(f"{len(self.articles)} listed articles")
        if self.exclude_keywords:
            parts.append("excluding " + ", ".join(repr(k) for k in self.exclude_keywords))
        return "; ".join(parts) or "no selection"


@dataclass(frozen=True, slots=True)
class Author:
    """One author as The Conversation credits them (docs/the-conversation.md#authors)."""

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
    # "atom": an Atom entry (docs/the-conversation.md#entry-shape); "page": an article page, which
    # states no licence (docs/the-conversation.md#article-pages), so `licence` cannot be checked
    # against it
    source_kind: str = "atom"


class Notice(NamedTuple):
    """A problem a run found that may last from run to run (an entry refused, a source or a
    file failing): said on stderr when it appears, changes or comes back, not while it
    lasts (notices.py, README "From cron")."""

    # which problem of what it is about: an entry's <id> (else its link), a file's path
    key: str
    text: str  # the line said, in full
    # a digest of what it is about as it is now (an entry's bytes; else the text): said
    # again when this changes, never because the words carry the run's clock or place
    digest: str
    error: bool = False  # said as an error (the run failed at something), else a warning


class SourceFeed(NamedTuple):
    """A parsed Atom feed of The Conversation."""

    url: str  # where it was fetched from
    feed_id: str | None  # feed id, e.g. tag:theconversation.com,2011:/us/environment/articles
    title: str | None  # feed title
    language: str | None  # feed xml:lang
    articles: tuple[Article, ...]  # entries that parsed, in document order
    skipped: tuple[Notice, ...] = ()  # entries skipped, each with the reason (``problems``)
    # what was left unread or out without skipping an entry (entries past the first
    # MAX_ENTRIES, categories past their bounds), each in one line (``notes``)
    left_out: tuple[Notice, ...] = ()

    @property
    def problems(self) -> tuple[str, ...]:
        """The entries skipped, each in one line with the reason."""
        return tuple(n.text for n in self.skipped)

    @property
    def notes(self) -> tuple[str, ...]:
        """What was left unread or out, each in one line."""
        return tuple(n.text for n in self.left_out)


class RemovedImage(NamedTuple):
    """An image republish removed because its credit grants no reuse
    (docs/compliance.md#rule-images)."""

    src: str  # the img src (or iframe src, for an embed)
    credit: str  # the figure's credit text, "" when it had none
    reason: str  # why it went, e.g. "no licence in its credit"


class Republication(NamedTuple):
    """The compliant republication of one article: what our feeds carry as entry content."""

    article_id: int  # the Article it was built from
    html: str  # byline + body (allowed removals only) + counter + disclosure + attribution
    removed: tuple[RemovedImage, ...]  # what was taken out, and why
    mode: str = "full"  # "full" or "extract"


class FeedEntry(NamedTuple):
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
    """The checker's answer for one rule of docs/compliance.md#rules."""

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

    @property
    def refusing(self) -> tuple[Finding, ...]:
        """The findings that keep it out of the feeds: the failed rules, else the rules that
        could not be checked (never reported as passed)."""
        return self.failed or self.unchecked

    @property
    def reason(self) -> str:
        """Why it is refused, on one line ("rule: detail; …"); "" when compliant."""
        return "; ".join(f"{f.rule}: {f.detail}" for f in self.refusing)

    def finding(self, rule: str) -> Finding:
        for f in self.findings:
            if f.rule == rule:
                return f
        raise KeyError(rule)


class Outcome(enum.StrEnum):
    """What became of one article in a run."""

    PUBLISHED = "published"  # passed every rule, in the feeds
    REFUSED = "refused"  # failed a rule, kept out of the feeds
    UNCHANGED = "unchanged"  # seen before with the same content: nothing to do
    ERROR = "error"  # could not be processed (a bug or bad input); reason kept


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """One article's outcome in a run."""

    article_id: int
    title: str
    outcome: Outcome
    failed_rules: tuple[str, ...] = ()  # rule ids that failed, for REFUSED
    reason: str = ""  # one line: the failing evidence, or the error
    withdrawn: bool = False  # REFUSED now, published before: taken out of the feeds


class Built(NamedTuple):
    """A republication (whole article, or an extract of ``paragraphs``) and its verdict, as
    the article step (step.py) built it; ERROR when republish or check raised."""

    outcome: Outcome  # PUBLISHED (every rule passed), REFUSED or ERROR
    html: str | None = None  # the republication; None for ERROR
    findings: tuple[Finding, ...] = ()
    reason: str = ""  # one line: the failing rules with their evidence, or the error
    failed_rules: tuple[str, ...] = ()
    paragraphs: int | None = None  # None: the whole article


class Processed(NamedTuple):
    """One article through the article step (step.py), in this process or a worker's: what
    the pipeline's decision (update.decide) reads."""

    built: Built | None  # the whole article; None when the plan did not ask for it
    extracts: tuple[Built, ...] = ()  # those the plan asked for (if the whole one passed)
    removed: tuple[RemovedImage, ...] = ()  # what republish took out, for the log
    trace: str = ""  # the traceback when the step failed on the article, for -vv


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One source feed's outcome in a run."""

    url: str
    ok: bool  # fetched (or 304) and parsed
    not_modified: bool = False  # answered 304: nothing parsed
    entries: int = 0  # entries in the document
    error: str = ""  # one line, when not ok
    problems: tuple[str, ...] = ()  # entries skipped
    # entries no feed reading this source takes (docs/compliance.md#rule-selective)
    not_selected: int = 0


@dataclass(frozen=True, slots=True)
class RunReport:
    """Everything a run did, for the CLI to print and cron to judge."""

    started: datetime
    finished: datetime
    sources: tuple[SourceReport, ...]
    articles: tuple[ArticleReport, ...]  # one per article id seen in this run
    feeds_written: tuple[str, ...]  # output files whose bytes changed
    feeds_unchanged: tuple[str, ...] = ()  # output files left as they were
    feeds_failed: tuple[str, ...] = ()  # one line per file that could not be written
    requests: int = 0  # HTTP requests sent, robots.txt and retries included
    pruned: int = 0  # articles whose original and republication retention dropped

    @property
    def ok(self) -> bool:
        """False when a source, an entry, an article or a feed file failed (exit status 1)."""
        return not self.failures()

    def failures(self) -> tuple[str, ...]:
        """One line per failing source, skipped entry, article or feed file: what cron mails."""
        lines: list[str] = []
        for s in self.sources:
            if not s.ok:
                lines.append(s.error)
            lines.extend(f"{s.url}: {p}" for p in s.problems)
        for a in self.articles:
            if a.outcome in (Outcome.REFUSED, Outcome.ERROR):
                lines.append(f"article {a.article_id} {a.outcome}: {a.reason}")
        lines.extend(self.feeds_failed)
        return tuple(lines)

    def outcome_counts(self) -> dict[Outcome, int]:
        """How many articles ended in each outcome, in Outcome's order, zeros left out."""
        counts = {o: sum(a.outcome is o for a in self.articles) for o in Outcome}
        return {o: n for o, n in counts.items() if n}
