"""A heading's permalink (docs/compliance.md#hidden-text): the mark a theme or a static site
generator prints in a heading, linking to the heading's own place ("#" in Hugo's and Jekyll's
themes and anchor plugins, "¶" in Sphinx and MkDocs, "🔗"), is the page's navigation, not
words added to the article. Pages are built in memory around our own republication of the
recorded samples, the marks put in its headings as those generators print them; no word of
the article is edited but where a test says so."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_page
from syndication.compliance.page import Hidden
from syndication.models import Article
from syndication.republish import republish

from .corpus.edits import HEADING, PERMALINKS, with_permalinks
from .pages import explain, sub, third_party_page


def page(article: Article, body: str) -> str:
    return third_party_page(body, title=article.title, author=article.authors[0].name)


@pytest.fixture(scope="module", params=[0, 1], ids=["en-263253", "fr-212649"])
def republished(request: pytest.FixtureRequest, env_article: Article,
                fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    article = [env_article, *fr_articles][request.param]
    return article, republish(article).html


def _permalink_in(body: str) -> bool:
    root = parse_page(f"<html><body>{body}</body></html>")
    a = root.find(".//a")
    assert a is not None
    return Hidden(root)(a)


@pytest.mark.parametrize("mark", PERMALINKS)
def test_a_headings_permalink_has_no_words(mark: str) -> None:
    assert _permalink_in(f"<h2 id='x'>Kelp{PERMALINKS[mark].format(id='x')}</h2>")


@pytest.mark.parametrize("body", [
    '<h2>Kelp <a href="#x">Link</a></h2>',  # a word, not a mark
    '<h2>Kelp <a href="#x">###</a></h2>',  # more than a mark
    '<h2>Kelp <a href="/kelp/">#</a></h2>',  # to another page
    '<p>Kelp <a href="#x">#</a></p>',  # not in a heading
])
def test_other_links_keep_their_words(body: str) -> None:
    assert not _permalink_in(body)


@pytest.mark.parametrize("mark", PERMALINKS)
def test_permalinks_in_the_articles_headings_pass(
    republished: tuple[Article, str], mark: str
) -> None:
    article, html = republished
    verdict = check_page(page(article, with_permalinks(html, PERMALINKS[mark])), article)
    assert verdict.compliant, explain(verdict)


def test_a_reworded_heading_with_its_permalink_still_fails(
    republished: tuple[Article, str]
) -> None:
    article, html = republished
    linked = with_permalinks(html, PERMALINKS["hash"])
    m = HEADING.search(linked)
    assert m is not None
    text = re.sub(r"<a .*?</a>", "", m.group(3))
    last = text.split()[-1]
    reworded = sub(linked, m.group(3), m.group(3).replace(last, "tomorrow", 1))
    verdict = check_page(page(article, reworded), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "tomorrow" in verdict.finding("unaltered-text").detail


def test_a_mark_added_in_a_paragraph_is_still_added(republished: tuple[Article, str]) -> None:
    article, html = republished
    end = html.index("</p>", html.index("</p>") + 4)  # the first paragraph of the body
    marked = html[:end] + ' <a href="#top">#</a>' + html[end:]
    verdict = check_page(page(article, marked), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
