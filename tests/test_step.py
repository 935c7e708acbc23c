"""step.process: a refusal is worded in one place, whatever refused it (the link check before
anything is built, the checker on the whole article, the checker on an extract). Built in
memory from the real environment sample."""

from __future__ import annotations

import dataclasses
import re

from syndication.conversation import COUNTER_INSIDE_RE
from syndication.models import Article, Outcome
from syndication.step import process


def without_counter(article: Article) -> Article:
    """The article with its page counter image taken out (in memory)."""
    content = re.sub(r"<img[^>]*>", lambda m: "" if COUNTER_INSIDE_RE.search(m.group(0))
                     else m.group(0), article.content)
    assert content != article.content
    return dataclasses.replace(article, content=content)


def test_a_link_elsewhere_is_refused_before_anything_is_built(env_article: Article) -> None:
    moved = dataclasses.replace(env_article, url="https://example.org/kelp-263253")
    done = process(moved, True, (2,))
    assert done.built is not None
    assert (done.built.outcome, done.built.html) == (Outcome.REFUSED, None)
    assert done.built.failed_rules == ("source-link",)
    assert done.built.reason.startswith("source-link: link 'https://example.org/kelp-263253' ")
    assert done.extracts == ()  # the whole article did not pass: no extract is tried


def test_a_refused_article_and_a_refused_extract_say_why_the_same_way(
        env_article: Article) -> None:
    broken = without_counter(env_article)
    whole = process(broken, True, ()).built
    assert whole is not None and whole.outcome is Outcome.REFUSED
    assert whole.failed_rules == ("page-counter",)
    assert whole.reason.startswith("page-counter: ")
    (extract,) = process(broken, False, (2,)).extracts
    assert (extract.outcome, extract.paragraphs, extract.failed_rules) == (
        Outcome.REFUSED, 2, ("page-counter",))
    assert extract.reason == f"extract of 2 paragraphs: {whole.reason}"


def test_the_sample_itself_passes(env_article: Article) -> None:
    """The refusals above come from the change made, not from the sample."""
    done = process(env_article, True, (2,))
    assert done.built is not None and done.built.outcome is Outcome.PUBLISHED
    assert [x.outcome for x in done.extracts] == [Outcome.PUBLISHED]
    assert (done.built.reason, done.built.failed_rules) == ("", ())
