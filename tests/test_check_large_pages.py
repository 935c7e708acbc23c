"""Pages with many elements near the article (a list of thousands of links to The
Conversation's articles under a republication, as an aggregator's archive prints it): the
checker asks of each element whether it stands in a credit block once, by a set of the
blocks' elements (locate._within_any), not by a walk up its ancestors for each block, which
cost elements x blocks x depth (F58: 5 s for 4,000 links, 0.19 s after); and of each word
around the article whether it stands in a link once, by the links' token positions
(span.added_words; 6.7 s, then 2 s). Pages are built in memory around our own republication
of the recorded sample; no word of it is edited."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_page
from syndication.compliance.locate import _within_any
from syndication.compliance.page import inside
from syndication.models import Article
from syndication.republish import republish

from .pages import explain, third_party_page


def test_within_any_is_every_element_inside_a_block() -> None:
    root = parse_page(
        "<body><div id=a><p id=b>x <em id=c>y</em></p><p id=d>z</p></div>"
        "<ul id=e><li id=f><a id=g href=#>w</a></li><li id=h>v</li></ul>"
        "<section id=i><div id=j><div id=k><span id=l>u</span></div></div></section></body>")
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    for chosen in ("b", "bc", "ab", "fh", "kij", "l", ""):
        blocks = [by_id[c] for c in chosen]
        expected = {el for el in root.iter() if any(inside(el, b) for b in blocks)}
        assert _within_any(blocks) == expected, chosen


@pytest.mark.parametrize("links", [10, 4000])
def test_thousands_of_links_after_the_article_change_no_verdict(
    env_article: Article, links: int
) -> None:
    html = republish(env_article).html
    listing = "<ul class='archive'>" + "".join(
        f"<li><a href='https://theconversation.com/story-{100000 + k}'>Story {k}</a></li>"
        for k in range(links)) + "</ul>"
    page = third_party_page(html + listing, title=env_article.title,
                            author=env_article.authors[0].name)
    verdict = check_page(page, env_article)
    assert verdict.compliant, explain(verdict)
