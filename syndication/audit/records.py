"""Frozen records of an audit, passed from its sources to its judgement and on to the
outputs (table, JSON Lines, HTML report) and the state database."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..models import Verdict


class Standing(enum.StrEnum):
    """Where one page stands after an audit, worst first (the report's order)."""

    NOT_COMPLIANT = "not compliant"  # a rule failed
    NOT_CHECKED = "not checked"  # no rule failed, some could not be checked
    ERROR = "error"  # the page (or its original) could not be read: nothing judged
    COMPLIANT = "compliant"  # every rule passed


@dataclass(frozen=True, slots=True)
class Candidate:
    """A page a source names: one item of a feed, one URL of a sitemap or list."""

    url: str  # the page's URL, or a local file's path
    source: str  # the feed, sitemap, list or page that named it
    entry_html: str | None = None  # a feed item's full content (content:encoded, atom:content)
    entry_title: str | None = None  # the feed item's title, with entry_html
    lastmod: str | None = None  # a sitemap's <lastmod> for it, as written (W3C Datetime)


@dataclass(frozen=True, slots=True)
class SitemapRef:
    """One sitemap a sitemap index lists."""

    url: str
    lastmod: str | None = None  # the index's <lastmod> for it, as written (W3C Datetime)


@dataclass(frozen=True, slots=True)
class Listing:
    """What one source document holds, read without fetching anything."""

    where: str  # the source's URL or path
    kind: str  # "rss", "atom", "sitemap", "sitemap index", "url list", "page"
    candidates: tuple[Candidate, ...]  # the pages it names (a page names itself)
    sitemaps: tuple[SitemapRef, ...] = ()  # a sitemap index: the sitemaps it lists
    problems: tuple[str, ...] = ()  # items skipped, each with why


@dataclass(frozen=True, slots=True)
class Discovery:
    """How the pages of a site given by its address were found (discover.py)."""

    asked: str  # the home page asked for: the SOURCE, its path "/" and no fragment
    site: str  # the home page, after its redirects: the site discovered
    way: str  # one of discover.WAYS, or "" when nothing was found
    used: tuple[str, ...]  # the sitemaps or feeds read (the home page, for its links)
    tried: tuple[str, ...]  # what was tried and gave no page, each with why, in order


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """One SOURCE of the command line after it was read (a sitemap index counts its
    sitemaps' pages)."""

    where: str
    kind: str  # as Listing.kind, "site" for a site's address, or "" when unreadable
    pages: int  # pages it named
    error: str = ""  # one line, when it could not be read
    discovery: Discovery | None = None  # a site's address: what was discovered and used
    notes: tuple[str, ...] = ()  # sitemaps of it skipped or unreadable, one line each


@dataclass(frozen=True, slots=True)
class PageAudit:
    """One republication found on the site, and check's verdict on it."""

    url: str  # the page
    article_id: int | None  # the article of The Conversation it republishes
    how: str  # how the page was recognised as a republication (its counter, its link…)
    original: str | None  # where the original was read; None when it could not be had
    judged: str  # what was judged: "page", "feed entry", "page and feed entry", "" (error)
    verdict: Verdict | None  # the page's (or, page unreachable, the feed entry's) verdict
    entry_verdict: Verdict | None = None  # the feed entry's, when the page was judged too
    error: str = ""  # why nothing (or not everything) could be judged, one line
    title: str = ""  # the original's headline, for the report
    reused: bool = False  # unchanged since the last audit (--state): not judged again
    change: str = ""  # since the last audit: "new", "newly failing", "fixed", "changed", ""

    @property
    def verdicts(self) -> tuple[tuple[str, Verdict], ...]:
        """(what, verdict) for every verdict, the page's first."""
        out = []
        if self.verdict is not None:
            out.append(("feed entry" if self.judged == "feed entry" else "page", self.verdict))
        if self.entry_verdict is not None:
            out.append(("feed entry", self.entry_verdict))
        return tuple(out)

    @property
    def standing(self) -> Standing:
        verdicts = [v for _w, v in self.verdicts]
        if any(v.failed for v in verdicts):
            return Standing.NOT_COMPLIANT
        if not verdicts:
            return Standing.ERROR
        if self.error or not all(v.compliant for v in verdicts):
            return Standing.NOT_CHECKED
        return Standing.COMPLIANT

    @property
    def failed_rules(self) -> tuple[str, ...]:
        """Rule ids that failed, in the checker's order, each once."""
        rules: dict[str, None] = {}
        for _w, v in self.verdicts:
            rules.update((f.rule, None) for f in v.failed)
        return tuple(rules)

    @property
    def unchecked_rules(self) -> tuple[str, ...]:
        rules: dict[str, None] = {}
        for _w, v in self.verdicts:
            rules.update((f.rule, None) for f in v.unchecked)
        return tuple(rules)


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Everything one audit found, for the outputs and the exit status."""

    sources: tuple[SourceOutcome, ...]
    pages: tuple[PageAudit, ...]  # the republications, in the order the sources name them
    skipped: int  # pages read that republish no article of The Conversation
    # pages that could not be read (so not known to be republications): (url, why)
    unreadable: tuple[tuple[str, str], ...] = ()
    originals_fetched: int = 0  # originals read from The Conversation in this audit
    requests: int = 0  # HTTP requests sent, robots.txt included
    named: int = 0  # distinct pages the sources name (more than audited past max_pages)
    max_pages: int = 0  # the most pages one audit reads (--max-pages)

    @property
    def audited(self) -> int:
        """Pages read: at most max_pages of those named."""
        return min(self.named, self.max_pages) if self.max_pages else self.named

    def count(self, standing: Standing) -> int:
        return sum(p.standing is standing for p in self.pages)

    @property
    def judged(self) -> int:
        """Pages with a verdict (reused ones included)."""
        return sum(p.standing is not Standing.ERROR for p in self.pages)

    def summary(self) -> dict[str, int]:
        """The counts an audit ends with (the JSON summary, the state's audits table)."""
        return {
            "pages": len(self.pages),
            "compliant": self.count(Standing.COMPLIANT),
            "not_compliant": self.count(Standing.NOT_COMPLIANT),
            "not_checked": self.count(Standing.NOT_CHECKED),
            "errors": self.count(Standing.ERROR),
            "skipped": self.skipped,
            "unreadable": len(self.unreadable),
            "originals_fetched": self.originals_fetched,
            "reused": sum(p.reused for p in self.pages),
            "newly_failing": sum(p.change == "newly failing" for p in self.pages),
            "fixed": sum(p.change == "fixed" for p in self.pages),
        }
