"""The checker: syndication's own republications pass every rule; one defect made in memory from
the real sample fails exactly the rule it breaks, with evidence."""

from __future__ import annotations

import dataclasses

import pytest

from syndication.compliance import RULES, check
from syndication.models import Article
from syndication.republish import republish

from .conftest import ENV_ID


def test_every_own_republication_passes_every_rule(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    for article in (env_article, *fr_articles):
        verdict = check(republish(article).html, article, title=article.title)
        assert verdict.compliant, [(f.rule, f.detail) for f in verdict.findings if not f.ok]
        assert [f.rule for f in verdict.findings] == list(RULES)
        assert verdict.article_id == article.article_id


AUTHOR = "Rebecca Vega Thurber"
PROFILE = "https://theconversation.com/profiles/rebecca-vega-thurber-2430876"
COUNTER = f"https://counter.theconversation.com/content/{ENV_ID}/count.gif"

# (what the defect is, text replaced, replacement, the one rule that fails, evidence expected)
MUTATIONS = [
    ("a word changed", "were a favorite food", "were a favourite food", "unaltered-text",
     "“favorite” became “favourite”"),
    ("a sentence cut",
     "That balance allowed the local kelp forests to flourish, providing food and protection "
     "for young fish and other sea life.", "", "unaltered-text", "is missing"),
    ("a sentence added", "<p>That balance", "<p>Sponsored by ACME. That balance",
     "unaltered-text", "“Sponsored by ACME.” was added"),
    ("the author dropped", f'<a href="{PROFILE}">{AUTHOR}</a>, ', "", "author-credit", AUTHOR),
    ("the profile link dropped", f'<a href="{PROFILE}">{AUTHOR}</a>', AUTHOR, "author-credit",
     "not linked"),
    ("the institution dropped", ", <em>University of California, Santa Barbara</em>", "",
     "institution-credit", "University of California, Santa Barbara"),
    ("the counter removed", f'<img src="{COUNTER}" alt="The Conversation" width="1" height="1">',
     "", "page-counter", "no page counter"),
    ("the counter of another article", COUNTER, COUNTER.replace(str(ENV_ID), "999999"),
     "page-counter", "999999"),
    ("the counter twice", f'<img src="{COUNTER}"',
     f'<img src="{COUNTER}" alt="" width="1" height="1"><img src="{COUNTER}"', "page-counter",
     "2 counter images"),
    ("the counter lazy-loaded", f'<img src="{COUNTER}"', f'<img loading="lazy" src="{COUNTER}"',
     "page-counter", "lazy"),
    ("the back link removed",
     ' Read the <a href="https://theconversation.com/how-sea-star-wasting-disease-transformed-'
     'the-west-coasts-ecology-and-economy-263253">original article</a>.', "", "source-link",
     "no link to the original"),
    ("a script added", "</p>", "</p><script>track()</script>", "safe-html", "<script>"),
    ("an event handler added", "<p>That balance", '<p onmouseover="x()">That balance',
     "safe-html", "onmouseover"),
]


@pytest.mark.parametrize(("defect", "old", "new", "rule", "evidence"), MUTATIONS,
                         ids=[m[0] for m in MUTATIONS])
def test_one_defect_fails_exactly_its_rule(
    env_article: Article, defect: str, old: str, new: str, rule: str, evidence: str
) -> None:
    html = republish(env_article).html
    assert old in html, f"mutation {defect!r} does not apply"
    mutated = html.replace(old, new, 1)
    verdict = check(mutated, env_article, title=env_article.title)
    failed = [f.rule for f in verdict.failed]
    assert failed == [rule], [(f.rule, f.detail) for f in verdict.failed]
    assert evidence in verdict.finding(rule).detail


def test_a_getty_image_kept_fails_images(env_article: Article) -> None:
    """Keep the source's Getty lead figure in the republication: `images` fails, naming it."""
    lead = env_article.content[: env_article.content.index("</figure>") + len("</figure>")]
    html = republish(env_article).html
    byline_end = html.index("</p>") + len("</p>")
    mutated = html[:byline_end] + lead + html[byline_end:]
    verdict = check(mutated, env_article, title=env_article.title)
    assert [f.rule for f in verdict.failed] == ["images"]
    assert "Getty Images" in verdict.finding("images").detail


def test_a_reworded_title_fails_unaltered_title(env_article: Article) -> None:
    verdict = check(republish(env_article).html, env_article,
                    title="How a disease transformed the West Coast")
    assert [f.rule for f in verdict.failed] == ["unaltered-title"]
    assert verdict.finding("unaltered-title").ok is False


def test_typography_differences_are_not_edits(env_article: Article) -> None:
    html = republish(env_article).html
    straight = html.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    assert straight != html
    rewrapped = straight.replace("</p>\n\n<p>", "</p><div><p>", 3)
    verdict = check(rewrapped, env_article, title=env_article.title.replace("’", "'"))
    assert verdict.compliant, [(f.rule, f.detail) for f in verdict.failed]


def test_licence_other_than_by_nd_is_refused(env_article: Article) -> None:
    for rights in (None, "All rights reserved", "Licensed as Creative Commons – attribution."):
        article = dataclasses.replace(env_article, rights=rights)
        verdict = check(republish(article).html, article, title=article.title)
        assert [f.rule for f in verdict.failed] == ["licence"], rights


def test_unrelated_page_fails_text_without_crashing(env_article: Article) -> None:
    verdict = check("<p>Nothing to see here.</p>", env_article, title=None)
    assert verdict.finding("unaltered-text").ok is False
    assert verdict.finding("unaltered-title").ok is None
    assert not verdict.compliant
