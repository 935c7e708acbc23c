"""update.plan and update.decide, pure: one row per branch of what a run does with an article
(unchanged, new, corrected, failed with or without an earlier version, published, updated in
place, withdrawn, pruned by retention then met again), on the real environment sample."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from syndication.models import Article, Finding, Outcome
from syndication.update import (
    FORMAT_VERSION,
    Built,
    Plan,
    Stored,
    content_hash,
    decide,
    entry_updated,
    plan,
    visible_hash,
)

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
PASSED = Built(Outcome.PUBLISHED, "<p>republished</p>", (Finding("licence", True, "ok"),))
REFUSED = Built(Outcome.REFUSED, "<p>republished</p>", (Finding("page-counter", False, "gone"),),
                reason="page-counter: gone", failed_rules=("page-counter",))
FAILED = Built(Outcome.ERROR, reason="could not be processed: ValueError: boom")


def stored_of(article: Article, status: Outcome, *, updated: datetime | None = None,
              extracts: dict[int, str] | None = None, pruned: bool = False,
              digest: str | None = None) -> Stored:
    """What the store keeps of ``article`` after a run gave it ``status``."""
    return Stored(article.article_id, digest or content_hash(article), visible_hash(article),
                  status, updated or article.updated, extracts or {}, pruned)


def corrected(article: Article) -> Article:
    """A silent correction: one word of the body changed, the source's date unchanged (built
    in memory from the real sample; the sample itself stays as recorded)."""
    content = article.content.replace(" the ", " a ", 1)
    assert content != article.content
    return dataclasses.replace(article, content=content)


# --- plan: what must be built --------------------------------------------------------------

def test_plan_new_article_checks_it_and_every_extract_wanted(env_article: Article) -> None:
    p = plan(env_article, None, [3, 2, 3])
    assert p == Plan(content_hash(env_article), check=True, extracts=(2, 3),
                     visible=visible_hash(env_article),  # written once checked: both hashes
                     content=env_article.content.encode())  # and its content as stored


@pytest.mark.parametrize("status", [Outcome.PUBLISHED, Outcome.REFUSED, Outcome.ERROR])
def test_plan_unchanged_article_builds_nothing(env_article: Article, status: Outcome) -> None:
    p = plan(env_article, stored_of(env_article, status), [])
    assert (p.check, p.extracts) == (False, ())


def test_plan_unchanged_published_article_builds_only_missing_or_stale_extracts(
        env_article: Article) -> None:
    digest = content_hash(env_article)
    stored = stored_of(env_article, Outcome.PUBLISHED, extracts={2: digest, 3: "older"})
    assert plan(env_article, stored, [2, 3, 4]).extracts == (3, 4)
    assert plan(env_article, stored, [2]).extracts == ()


def test_plan_unchanged_refused_article_builds_no_extract(env_article: Article) -> None:
    assert plan(env_article, stored_of(env_article, Outcome.REFUSED), [3]).extracts == ()


@pytest.mark.parametrize(("source_date", "kept_date", "built"), [
    (timedelta(days=-1), timedelta(0), False),  # a stale copy: dated before the version kept
    (timedelta(0), timedelta(0), True),  # the same date: a silent correction
    (timedelta(0), timedelta(hours=5), True),  # ... noticed earlier, dated by then: still one
    (timedelta(days=1), timedelta(0), True),  # a newer version
    (timedelta(days=-1), None, True),  # kept before schema 9: its source date is not known
])
def test_plan_leaves_a_copy_older_than_the_version_kept_alone(
        env_article: Article, source_date: timedelta, kept_date: timedelta | None,
        built: bool) -> None:
    """Two sources (or two cached copies of one) carrying an article before and after its
    correction: the older copy undid the correction and the two replaced each other in every
    run. Told by the source's own date of the version kept, not by the entry's."""
    kept = corrected(env_article)
    stored = stored_of(kept, Outcome.PUBLISHED, updated=kept.updated + (kept_date or
                                                                      timedelta(0)))
    stored = stored._replace(source_updated=None if kept_date is None else kept.updated)
    incoming = dataclasses.replace(env_article, updated=env_article.updated + source_date)
    p = plan(incoming, stored, [3])
    assert (p.check, p.extracts, p.stale) == ((True, (3,), False) if built else
                                              (False, (), True))
    if not built:
        intent = decide(incoming, stored, p, None, (), NOW)
        assert (intent.article, intent.extracts, intent.report.outcome) == (
            None, (), Outcome.UNCHANGED)


def test_plan_changed_article_is_checked_again(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED, extracts={3: content_hash(env_article)})
    p = plan(corrected(env_article), stored, [3])
    assert (p.check, p.extracts) == (True, (3,))


def test_plan_pruned_article_met_again_unchanged_is_not_processed(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED, pruned=True)
    assert plan(env_article, stored, []) == Plan(content_hash(env_article), False, ())


def test_plan_pruned_article_met_again_corrected_is_checked(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED, pruned=True)
    assert plan(corrected(env_article), stored, []).check


def test_the_content_hash_holds_the_format_version(env_article: Article,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from syndication import update

    before = content_hash(env_article)
    monkeypatch.setattr(update, "FORMAT_VERSION", FORMAT_VERSION + 1)
    assert content_hash(env_article) != before
    assert visible_hash(env_article) == visible_hash(env_article)  # no version in it


# --- decide: what is stored and reported ----------------------------------------------------

def test_decide_unchanged_writes_nothing(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    p = plan(env_article, stored, [])
    intent = decide(env_article, stored, p, None, (), NOW)
    assert intent.report.outcome is Outcome.UNCHANGED
    assert (intent.article, intent.extracts) == (None, ())


def test_decide_new_extract_of_an_unchanged_article_is_written(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    p = plan(env_article, stored, [3])
    extract = PASSED._replace(paragraphs=3)
    intent = decide(env_article, stored, p, None, (extract,), NOW)
    assert intent.report.outcome is Outcome.UNCHANGED and intent.article is None
    (write,) = intent.extracts
    assert (write.paragraphs, write.status, write.content_hash) == (3, Outcome.PUBLISHED,
                                                                      p.digest)


def test_decide_refused_extract_is_stored_and_reported(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    p = plan(env_article, stored, [3])
    extract = REFUSED._replace(paragraphs=3, reason="extract of 3 paragraphs: x")
    intent = decide(env_article, stored, p, None, (extract,), NOW)
    assert intent.report.outcome is Outcome.REFUSED
    assert intent.report.failed_rules == ("page-counter",)
    assert intent.extracts[0].status is Outcome.REFUSED


def test_decide_extract_that_failed_to_build_is_an_error(env_article: Article) -> None:
    p = plan(env_article, None, [3])
    extract = FAILED._replace(paragraphs=3)
    intent = decide(env_article, None, p, PASSED, (extract,), NOW)
    assert intent.report.outcome is Outcome.ERROR
    assert intent.article is not None and intent.article.status is Outcome.PUBLISHED


def test_decide_new_article_that_passes_is_published(env_article: Article) -> None:
    p = plan(env_article, None, [])
    intent = decide(env_article, None, p, PASSED, (), NOW)
    assert intent.report.outcome is Outcome.PUBLISHED and not intent.updated_in_place
    assert intent.article is not None
    assert intent.article.status is Outcome.PUBLISHED
    assert intent.article.html == PASSED.html
    assert intent.article.article.updated == env_article.updated  # the source's own date
    assert (intent.article.content_hash, intent.article.visible_hash) == (
        content_hash(env_article), visible_hash(env_article))


def test_decide_new_article_that_fails_a_rule_is_refused(env_article: Article) -> None:
    intent = decide(env_article, None, plan(env_article, None, []), REFUSED, (), NOW)
    assert intent.report.outcome is Outcome.REFUSED and not intent.report.withdrawn
    assert intent.report.failed_rules == ("page-counter",)
    assert intent.article is not None and intent.article.status is Outcome.REFUSED


def test_decide_error_without_earlier_version_records_the_failure(env_article: Article) -> None:
    intent = decide(env_article, None, plan(env_article, None, []), FAILED, (), NOW)
    assert intent.report.outcome is Outcome.ERROR and not intent.kept_earlier
    assert intent.article is not None and intent.article.status is Outcome.ERROR
    assert intent.article.html is None and FAILED.reason == intent.article.reason


@pytest.mark.parametrize("status", [Outcome.PUBLISHED, Outcome.REFUSED, Outcome.ERROR])
def test_decide_error_with_earlier_version_keeps_it(env_article: Article,
                                                   status: Outcome) -> None:
    stored = stored_of(env_article, status)
    new = corrected(env_article)
    intent = decide(new, stored, plan(new, stored, []), FAILED, (), NOW)
    assert intent.report.outcome is Outcome.ERROR
    assert intent.article is None and intent.extracts == ()  # the stored row stays
    assert intent.kept_earlier is (status is Outcome.PUBLISHED)


def test_decide_correction_of_a_published_article_updates_it_in_place(
        env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    new = corrected(env_article)  # same source date: a silent correction
    intent = decide(new, stored, plan(new, stored, []), PASSED, (), NOW)
    assert intent.report.outcome is Outcome.PUBLISHED and intent.updated_in_place
    assert intent.article is not None
    assert intent.article.article.article_id == env_article.article_id  # same entry
    assert intent.article.article.updated == NOW  # dated when the run noticed
    assert intent.article.article.content == new.content


def test_decide_new_version_that_fails_withdraws_a_published_article(
        env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    new = corrected(env_article)
    intent = decide(new, stored, plan(new, stored, []), REFUSED, (), NOW)
    assert intent.report.outcome is Outcome.REFUSED and intent.report.withdrawn
    assert intent.article is not None and intent.article.status is Outcome.REFUSED


def test_decide_refused_article_that_now_passes_is_published(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.REFUSED)
    new = corrected(env_article)
    intent = decide(new, stored, plan(new, stored, []), PASSED, (), NOW)
    assert intent.report.outcome is Outcome.PUBLISHED and not intent.updated_in_place


def test_decide_pruned_article_met_again_corrected_is_updated_in_place(
        env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED, pruned=True)
    new = corrected(env_article)
    intent = decide(new, stored, plan(new, stored, []), PASSED, (), NOW)
    assert intent.updated_in_place and intent.article is not None
    assert intent.article.html == PASSED.html  # its republication is stored again
    assert intent.article.article.updated == NOW


# --- the entry's date ------------------------------------------------------------------------

def test_entry_date_follows_a_newer_source_date(env_article: Article) -> None:
    stored = stored_of(env_article, Outcome.PUBLISHED)
    later = dataclasses.replace(corrected(env_article),
                                updated=env_article.updated + timedelta(hours=2))
    assert entry_updated(later, stored, NOW) == later.updated


def test_entry_date_stays_when_only_our_format_changed(env_article: Article) -> None:
    entry_date = env_article.updated + timedelta(days=1)  # a correction noticed earlier
    stored = stored_of(env_article, Outcome.PUBLISHED, updated=entry_date, digest="old-format")
    assert entry_updated(env_article, stored, NOW) == entry_date


def test_entry_date_never_goes_back(env_article: Article) -> None:
    future = NOW + timedelta(days=3)  # a clock that went back since the last run
    stored = stored_of(env_article, Outcome.PUBLISHED, updated=future)
    assert entry_updated(corrected(env_article), stored, NOW) == future
