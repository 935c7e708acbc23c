"""The elements content.removal_reason() is asked about: republish and the checker ask it
about REMOVABLE_TAGS only (libxml2 finds them, no Python walk over every element), so a
reason for any other tag would go unseen. Every element of every recorded page and article,
and of the corpus's layouts, is held to this here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from syndication.compliance import prepare
from syndication.compliance.content import REMOVABLE_TAGS, Removals, removal_reason
from syndication.compliance.htmltext import parse_fragment, parse_page
from syndication.models import Article

DATA = Path(__file__).parent / "data" / "tc-samples"
LAYOUTS = Path(__file__).parent / "corpus" / "templates"


def pages() -> list[Path]:
    return sorted([*DATA.glob("*.html"), *LAYOUTS.glob("*.html")])


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_no_reason_outside_removable_tags_on_pages(page: Path, env_article: Article) -> None:
    root = parse_page(page.read_text("utf-8"))
    asked = 0
    for el in root.iter():
        reason = removal_reason(el, env_article.authors)
        if isinstance(el.tag, str) and el.tag in REMOVABLE_TAGS:
            asked += 1
        else:
            assert reason is None, (el.tag, reason)
    assert asked


def test_no_reason_outside_removable_tags_in_articles(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    reasons = []
    for article in (env_article, *fr_articles):
        for el in parse_fragment(article.content).iter():
            reason = removal_reason(el, article.authors)
            if not (isinstance(el.tag, str) and el.tag in REMOVABLE_TAGS):
                assert reason is None, (article.article_id, el.tag, reason)
            elif reason is not None:
                reasons.append(reason)
    assert any(r.startswith("image") for r in reasons)  # the samples hold removable figures


def test_a_range_two_removable_elements_share_has_the_innermost_reason(
    env_article: Article,
) -> None:
    """A figure holding only a video: both may go, over the same words; the video says why."""
    html = ("<p>Words before the figure, enough of them to anchor.</p><figure><video>"
            "<p>A transcript of the video.</p></video></figure><p>And words after it.</p>")
    original = prepare(replace(env_article, content=html))
    (start, (end, reason)), = original.removable.items()
    assert original.text.words[start:end] == ("A", "transcript", "of", "the", "video", ".")
    assert reason == "embed <video>"
    assert {0, start, end, len(original.text.words)} <= original.boundaries


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_reasons_at_once_are_removal_reason_of_each(page: Path, env_article: Article) -> None:
    """Removals.reasons() answers most blocks without reading them (no link of The
    Conversation's in them): the same answers as asking each element, in document order."""
    root = parse_page(page.read_text("utf-8"))
    expected = [(el, removal_reason(el, env_article.authors))
                for el in root.iter(*REMOVABLE_TAGS)]
    assert Removals(env_article.authors).reasons(root) == expected


# Blocks each path of Removals.reasons() answers: a link elsewhere or none (not read), a
# promo slot (not read, still a promo), a newsletter plug and a series box (read: they link
# The Conversation), a link of The Conversation's in the author's words (read, stays), a
# link that is not ASCII (read: it may be The Conversation's).
BLOCKS = {
    '<p>Plain words and <a href="https://example.org/x">a link elsewhere</a>.</p>': None,
    "<p>No link at all.</p>": None,
    '<div inline-promo-placement="1"><p>Anything.</p></div>': "promo",
    '<div class="inline-promos-skeleton"></div>': "promo",
    '<p><a href="https://theconversation.com/us/newsletters/the-daily-3">Get our newsletter'
    "</a></p>": "promo",
    '<aside><em>This article is part of <a href="https://theconversation.com/us/topics/x">'
    "a series</a>.</em></aside>": "promo",
    '<p>As <a href="https://theconversation.com/us/some-article-1">we wrote before</a>, the '
    "words of the author stay.</p>": None,
    '<p>See <a href="https://exämple.org/newsletter">this</a>.</p>': None,
    '<blockquote><a href="HTTPS://THECONVERSATION.COM/US/NEWSLETTERS">Sign up</a>'
    "</blockquote>": "promo",
}


@pytest.mark.parametrize("html", BLOCKS)
def test_reasons_at_once_on_each_kind_of_block(html: str, env_article: Article) -> None:
    root = parse_fragment(f"<p>Before.</p>{html}<p>After.</p>")
    block = root[1]
    answers = dict(Removals(env_article.authors).reasons(root))
    assert answers[block] == removal_reason(block, env_article.authors) == BLOCKS[html]
    assert answers[root] == removal_reason(root, env_article.authors)


def test_reasons_at_once_ask_again_what_was_forgotten(env_article: Article) -> None:
    """A block answered, then changed (a relative plug made absolute) and forgotten, is read
    again; what was not forgotten is answered from memory."""
    root = parse_fragment('<p>Words <a href="https://example.org/">elsewhere</a>.</p>'
                          '<p><a href="/us/newsletters/x">Newsletter</a></p>')
    removals = Removals(env_article.authors)
    assert [r for _, r in removals.reasons(root)] == [None, None, None]
    link = root[1][0]
    link.set("href", "https://theconversation.com/us/newsletters/x")
    removals.forget([link])
    assert [r for _, r in removals.reasons(root)] == [None, None, "promo"]
