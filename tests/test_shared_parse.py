"""The pipeline parses each original once: check.prepare() reads the tree, then republish()
changes it. Both must give exactly what they give on their own parse, in that order."""

from __future__ import annotations

import dataclasses
import gc

from syndication.compliance import check, prepare
from syndication.compliance.content import Removals
from syndication.compliance.htmltext import EVERY, extract, parse_fragment
from syndication.models import Article
from syndication.republish import republish


def test_one_parse_shared_by_prepare_then_republish(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    for article in (env_article, *fr_articles):
        root = parse_fragment(article.content)
        shared = prepare(article, root)
        rep = republish(article, root=root)
        alone = prepare(article)
        assert (shared.text.words, shared.removable) == (alone.text.words, alone.removable)
        assert rep == republish(article)
        assert check(rep.html, shared, title=article.title) == check(
            rep.html, article, title=article.title
        )


def test_removals_shared_by_prepare_and_republish_give_what_each_finds_alone(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    """The article step asks removal_reason() and figure_credit() once per element, for both
    (content.Removals); what republish changes before it removes (a relative link made
    absolute) is asked again: a relative newsletter link is a promo only once absolute."""
    plug = '<p><a href="/us/newsletters/the-daily-3">Get our newsletter</a></p>'
    made = dataclasses.replace(env_article, content=plug + env_article.content)
    for article in (made, env_article, *fr_articles):
        root = parse_fragment(article.content)
        removals = Removals(article.authors)
        shared = prepare(article, root, removals)
        rep = republish(article, root=root, removals=removals)
        alone = prepare(article)
        assert (shared.text.words, shared.removable, shared.images) == (
            alone.text.words, alone.removable, alone.images)
        assert rep == republish(article)
    assert "Get our newsletter" not in republish(made).html
    assert "Get our newsletter" in " ".join(prepare(made).text.words)


def test_republish_changes_the_tree_it_is_given(env_article: Article) -> None:
    """Why the order matters: after republish the tree no longer holds the original (the
    Getty lead figure is gone), so preparing from it would judge against the copy."""
    root = parse_fragment(env_article.content)
    before = prepare(env_article, root).text.words
    republish(env_article, root=root)
    assert prepare(env_article, root).text.words != before


def test_reading_republishing_and_checking_leave_no_reference_cycle(
    env_article: Article,
) -> None:
    """Everything an article's work makes is freed as soon as it is dropped: none of it waits
    for the garbage collector, which, with a cycle per article, took a twentieth of a run
    (benchmarks/run.py) walking every live object again and again."""
    gc.collect()
    gc.disable()
    try:
        extract(parse_fragment(env_article.content), EVERY)
        assert gc.collect() == 0
        original = prepare(env_article)
        assert gc.collect() == 0
        republication = republish(env_article)
        assert gc.collect() == 0
        verdict = check(republication.html, original, title=env_article.title)
        assert verdict.compliant and gc.collect() == 0
    finally:
        gc.enable()
