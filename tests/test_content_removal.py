"""The elements content.removal_reason() is asked about: republish and the checker ask it
about REMOVABLE_TAGS only (libxml2 finds them, no Python walk over every element), so a
reason for any other tag would go unseen. Every element of every recorded page and article,
and of the corpus's layouts, is held to this here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from syndication.compliance import prepare
from syndication.compliance.content import REMOVABLE_TAGS, removal_reason
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
