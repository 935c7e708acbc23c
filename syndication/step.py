"""Pure: the article step, all that is done to one article reading nothing but the article:
refuse a link that leads elsewhere, parse the original once, prepare it for the checker,
republish, check; then build and check the extracts the plan asks for. No store, no clock,
no network, no logging: the pipeline runs it in its process or in worker processes
(pool.py), logs and decides from what it returns (update.decide)."""

from __future__ import annotations

import traceback
from collections.abc import Sequence

from .compliance import Original, check, not_checkable, prepare
from .compliance.content import Removals
from .compliance.htmltext import parse_fragment
from .errors import DocumentCut
from .models import Article, Built, Finding, Outcome, Processed, RemovedImage, Verdict
from .republish import republish
from .selection import selected
from .source import link_problem


def process(article: Article, whole: bool, extracts: Sequence[int],
            taken: Sequence[str] = ()) -> Processed:
    """Republish and check the whole ``article`` (``whole``), then, when it passed or was not
    asked for, an extract of each count of paragraphs in ``extracts``. ``taken``: why each
    feed takes it (the `selective` finding). A failure is a result: an exception no rule
    foresaw ends this article's step, never its caller's run."""
    built: Built | None = None
    original: Original | None = None
    removed: tuple[RemovedImage, ...] = ()
    trace = ""
    if whole:
        built, original, removed, trace = _whole(article, taken)
    out: tuple[Built, ...] = ()
    if extracts and (built is None or built.outcome is Outcome.PUBLISHED):
        out = _extracts(article, extracts, original)
    return Processed(built, out, removed, trace)


def _whole(article: Article, taken: Sequence[str]
           ) -> tuple[Built, Original | None, tuple[RemovedImage, ...], str]:
    """The whole article's Built, the original prepared for the checker (None when it could
    not be), what republish removed, and the traceback of a failure."""
    selection = selected(taken)
    link = _source_link(article)
    if link is not None:  # never republished: its link would lead readers elsewhere
        return _refused(Verdict(article.article_id, (link,)), None, (link, selection)), None, (), ""
    try:
        # One parse of the original: prepare() reads the tree, then republish() changes it.
        root = parse_fragment(article.content)
        removals = Removals(article.authors)  # asked of the same elements by both
        original = prepare(article, root, removals)
        republication = republish(article, root=root, removals=removals)
        verdict = check(republication.html, original, title=article.title)
    except DocumentCut as e:  # never republish what the parser read only in part
        verdict = not_checkable(article.article_id, "the original", e)
        return _refused(verdict, None, (*verdict.findings, selection)), None, (), ""
    except Exception as e:  # a bug or an input no rule foresaw: this article only
        return (Built(Outcome.ERROR, reason=f"could not be processed: {type(e).__name__}: {e}"),
                None, (), traceback.format_exc())
    findings = (*verdict.findings, selection)
    if verdict.compliant:
        return (Built(Outcome.PUBLISHED, republication.html, findings), original,
                republication.removed, "")
    return (_refused(verdict, republication.html, findings), original, republication.removed,
            "")


def _source_link(article: Article) -> Finding | None:
    """The failed ``source-link`` finding of an article whose link is not an https URL of
    The Conversation naming its own id (javascript:, data:, another site), else None."""
    problem = link_problem(article.url, article.article_id)
    return None if problem is None else Finding("source-link", False, problem)


def _extracts(article: Article, counts: Sequence[int],
              original: Original | None) -> tuple[Built, ...]:
    """Build and check the extracts of ``counts`` paragraphs (docs/compliance.md#rules: an
    extract must be an unaltered prefix of the body). ``original``: the article already
    prepared for the checker, if it was."""
    out = []
    for paragraphs in counts:
        try:
            if original is None:
                original = prepare(article)
            extract = republish(article, mode="extract", paragraphs=paragraphs)
            verdict = check(extract.html, original, title=article.title)
        except DocumentCut as e:  # as in _whole: refused, never published
            verdict = not_checkable(article.article_id, "the original", e)
            out.append(_refused(verdict, None, verdict.findings, paragraphs))
            continue
        except Exception as e:  # as in _whole: this extract only
            out.append(Built(Outcome.ERROR, reason=f"extract of {paragraphs} paragraphs "
                             f"could not be processed: {type(e).__name__}: {e}",
                             paragraphs=paragraphs))
            continue
        if verdict.compliant:
            out.append(Built(Outcome.PUBLISHED, extract.html, verdict.findings,
                             paragraphs=paragraphs))
            continue
        out.append(_refused(verdict, extract.html, verdict.findings, paragraphs))
    return tuple(out)


def _refused(verdict: Verdict, html: str | None, findings: tuple[Finding, ...],
             paragraphs: int | None = None) -> Built:
    """A republication kept out of the feeds, its reason and failed rules read off
    ``verdict`` (Verdict.reason, Verdict.refusing): the one place a refusal is worded.
    ``paragraphs``: an extract of that many, named in the reason."""
    prefix = "" if paragraphs is None else f"extract of {paragraphs} paragraphs: "
    return Built(Outcome.REFUSED, html, findings, reason=prefix + verdict.reason,
                 failed_rules=tuple(f.rule for f in verdict.refusing), paragraphs=paragraphs)
