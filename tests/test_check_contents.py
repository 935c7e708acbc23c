"""check_page and a table of contents inside the article (docs/compliance.md#publisher-boxes):
the box a plugin inserts after the first paragraph, listing the article's own headings as links
to places in the page, is furniture though its words are the original's; an entry reworded, or
a sentence of the publisher's beside the links, is text. Pages are built in memory from our
own republication of the recorded samples; each box has the shape its plugin writes
(tests/corpus/edits.py: TOCS), its entries the article's headings as the page has them, never
edited but where a test says so."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.models import Article
from syndication.republish import republish

from .corpus.edits import TOCS, ez_toc, headings
from .pages import explain, sub, third_party_page


def with_toc(article: Article, html: str, box: str) -> str:
    """The republication with ``box`` after its first paragraph of text (the byline's
    excepted), where the plugins put it, on a publisher's page."""
    ends = [m.end() for m in re.finditer("</p>", html)]
    at = ends[1]
    body = html[:at] + "\n" + box + html[at:]
    return third_party_page(body, title=article.title, author=article.authors[0].name)


@pytest.fixture(scope="module", params=[0, 1, 2], ids=["en-263253", "fr-212649", "fr-209538"])
def republished(request: pytest.FixtureRequest, env_article: Article,
                fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    article = [env_article, *fr_articles][request.param]
    return article, republish(article).html


@pytest.mark.parametrize("plugin", TOCS)
def test_a_table_of_contents_of_the_articles_headings_passes(
    republished: tuple[Article, str], plugin: str
) -> None:
    article, html = republished
    entries = headings(html)
    assert entries, "the sample has headings"
    verdict = check_page(with_toc(article, html, TOCS[plugin](entries)), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("plugin", TOCS)
def test_a_reworded_entry_makes_it_text(republished: tuple[Article, str], plugin: str) -> None:
    """An entry that is no heading of the page (its last word replaced) is the publisher's
    text: the box is judged as words, and they were added."""
    article, html = republished
    entries = headings(html)
    level, text = entries[0]
    entries[0] = (level, text.rsplit(" ", 1)[0] + " tomorrow")
    verdict = check_page(with_toc(article, html, TOCS[plugin](entries)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail  # the first words added: the box's
    assert "tomorrow" in detail or "ontents" in detail, detail


def test_a_sentence_beside_the_links_makes_it_text(republished: tuple[Article, str]) -> None:
    article, html = republished
    pitch = ("<p>We put this guide together so that our readers find what they need in it "
             "quickly.</p>")
    box = sub(ez_toc(headings(html)), "Table of Contents</p>", "Table of Contents</p>" + pitch)
    verdict = check_page(with_toc(article, html, box), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "guide together" in verdict.finding("unaltered-text").detail


def test_a_table_of_contents_does_not_cover_a_reworded_heading(
    republished: tuple[Article, str]
) -> None:
    """The article's heading reworded, and the table listing it as reworded: the box is
    furniture (it lists the page's headings), and the heading itself fails where it stands."""
    article, html = republished
    level, text = headings(html)[0]
    reworded = text.rsplit(" ", 1)[0] + " tomorrow"
    changed = sub(html, f">{text}<", f">{reworded}<")
    entries = headings(changed)
    assert (level, reworded) in entries
    verdict = check_page(with_toc(article, changed, ez_toc(entries)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
