"""republish resolves the republication's relative URLs against the article's URL (a reader
would resolve them against our feed), and leaves absolute ones exactly as the source wrote
them. Variants of the recorded article are made in memory."""

from __future__ import annotations

import dataclasses

from bs4 import BeautifulSoup

from syndication.models import Article
from syndication.republish import republish

FISHERIES = "https://www.fisheries.noaa.gov/species/sunflower-sea-star"


def with_content(article: Article, old: str, new: str) -> Article:
    assert old in article.content
    return dataclasses.replace(article, content=article.content.replace(old, new, 1))


def test_relative_src_cite_and_fragment_links_are_resolved(env_article: Article) -> None:
    article = with_content(
        env_article, f'<a href="{FISHERIES}">sunflower sea stars</a>',
        '<a href=" #notes ">sunflower sea stars</a> <q cite="/quotes/1">q</q>',
    )
    soup = BeautifulSoup(republish(article).html, "lxml")
    assert soup.find("a", string="sunflower sea stars")["href"] == f"{article.url}#notes"
    assert soup.find("q")["cite"] == "https://theconversation.com/quotes/1"


def test_protocol_relative_counter_is_resolved_and_kept(env_article: Article) -> None:
    counter = "https://counter.theconversation.com/content/263253/count.gif"
    article = with_content(env_article, f'src="{counter}"', f'src="{counter[len("https:"):]}"')
    html = republish(article).html
    assert html.count(f'src="{counter}"') == 1


def test_absolute_links_are_left_as_written(env_article: Article) -> None:
    odd = "https://example.org/a%2Cb?x=1&amp;y=2#top"  # escaped in the HTML source
    article = with_content(env_article, f'href="{FISHERIES}"', f'href="{odd}"')
    html = republish(article).html
    assert f'href="{odd}"' in html
    assert f'href="{FISHERIES}"' not in html
