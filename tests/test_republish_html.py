"""republish.py on the recorded articles. The body text is compared with an oracle independent
of syndication's own text extraction: BeautifulSoup's get_text on each paragraph."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from syndication.models import LICENCE_URL, Article
from syndication.republish import ATTRIBUTION_CLASS, BYLINE_CLASS, republish

from .conftest import ENV_ID


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def blocks(html: str) -> list[str]:
    """The text of every paragraph, heading, list item and blockquote, in order."""
    return [
        " ".join(el.get_text().split())
        for el in soup(html).find_all(["p", "h2", "h3", "li", "blockquote"])
        if el.get_text().strip()
    ]


def test_byline_comes_first_with_profile_role_and_institution(env_article: Article) -> None:
    rep = republish(env_article)
    first = soup(rep.html).find("p")
    assert first is not None and BYLINE_CLASS in first.get("class", [])
    link = first.find("a")
    assert link is not None and link.get_text() == "Rebecca Vega Thurber"
    assert link["href"] == "https://theconversation.com/profiles/rebecca-vega-thurber-2430876"
    text = first.get_text()
    assert "Director of the Marine Science Institute" in text
    assert first.find("em").get_text() == "University of California, Santa Barbara"


def test_body_text_is_identical_to_the_source(env_article: Article) -> None:
    rep = republish(env_article)
    body = soup(rep.html)
    for el in body.select(f".{BYLINE_CLASS}, .{ATTRIBUTION_CLASS}"):
        el.decompose()
    source = soup(env_article.content)
    for fig in source.find_all("figure"):  # captions go with removed figures; compared apart
        fig.decompose()
    kept = soup(str(body))
    for fig in kept.find_all("figure"):
        fig.decompose()
    assert blocks(str(kept)) == blocks(str(source))
    assert len(blocks(str(source))) > 20


def test_unlicensed_images_are_removed_and_licensed_ones_kept(env_article: Article) -> None:
    rep = republish(env_article)
    html = rep.html
    assert "Getty Images" not in html and "gettyimages" not in html
    for credit in ("Brandon Doheny", "Katie Davis"):  # photographers, no licence given
        assert credit not in html
    assert {r.credit for r in rep.removed} == {
        "Brent Durand/Moment via Getty Images", "Brandon Doheny", "Katie Davis"
    }
    figures = soup(html).find_all("figure")
    assert len(figures) == 3
    for fig in figures:
        assert fig.find("a", class_="license")["href"].startswith("http://creativecommons.org/")


def test_embeds_scripts_and_promos_are_removed(env_article: Article) -> None:
    html = republish(env_article).html
    tree = soup(html)
    assert tree.find("iframe") is None
    assert tree.find(attrs={"inline-promo-placement": True}) is None
    assert "Discovering the cause of sea star wasting disease" not in html  # the video's caption


def test_counter_is_kept_exactly(env_article: Article) -> None:
    imgs = [i for i in soup(republish(env_article).html).find_all("img")
            if "count.gif" in i.get("src", "")]
    assert len(imgs) == 1
    img = imgs[0]
    assert img["src"] == f"https://counter.theconversation.com/content/{ENV_ID}/count.gif"
    assert (img["alt"], img["width"], img["height"]) == ("The Conversation", "1", "1")
    assert img.get("loading") is None


def test_disclosure_then_attribution_close_the_entry(env_article: Article) -> None:
    tree = soup(republish(env_article).html)
    paragraphs = tree.find_all("p")
    assert "fine-print" in paragraphs[-2].get("class", [])
    last = paragraphs[-1]
    assert ATTRIBUTION_CLASS in last.get("class", [])
    assert last.get_text() == (
        "This article is republished from The Conversation under a Creative Commons license. "
        "Read the original article."
    )
    hrefs = [a["href"] for a in last.find_all("a")]
    assert hrefs == ["https://theconversation.com", LICENCE_URL, env_article.url]


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("es-ES", "Este artículo fue publicado originalmente en The Conversation"),
        ("fr-FR", "Cet article est republié à partir de The Conversation"),
        ("pt-BR", "Este artigo foi republicado do The Conversation"),
        ("id-ID", "Artikel ini diterbitkan ulang dari The Conversation"),
        ("en-GB", "This article is republished from The Conversation"),
        ("xx", "This article is republished from The Conversation"),  # unknown: English
        (None, "This article is republished from The Conversation"),
    ],
)
def test_attribution_line_speaks_the_article_language(
    env_article: Article, language: str | None, start: str
) -> None:
    article = dataclasses.replace(env_article, language=language)
    last = soup(republish(article).html).find_all("p")[-1]
    assert last.get_text().startswith(start)
    assert LICENCE_URL in [a["href"] for a in last.find_all("a")]


def test_unsafe_markup_in_the_source_never_reaches_the_output(env_article: Article) -> None:
    hostile = env_article.content.replace(
        "<p>That balance",
        '<p onclick="steal()">That balance <a href="javascript:alert(1)">x</a>'
        '<img src="https://example.org/x.png" onerror="steal()"><script>steal()</script>',
        1,
    )
    assert hostile != env_article.content
    html = republish(dataclasses.replace(env_article, content=hostile)).html
    assert "steal()" not in html and "javascript:" not in html and "<script" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "example.org/x.png" not in html  # an image outside a figure has no credit


def test_relative_links_are_made_absolute(env_article: Article) -> None:
    content = env_article.content.replace(
        'href="https://www.fisheries.noaa.gov/species/sunflower-sea-star"',
        'href="/topics/sea-stars-123"', 1,
    )
    assert content != env_article.content
    html = republish(dataclasses.replace(env_article, content=content)).html
    assert 'href="https://theconversation.com/topics/sea-stars-123"' in html


def test_french_articles_keep_cc_images_and_drop_shutterstock(
    fr_articles: tuple[Article, ...]
) -> None:
    machines = fr_articles[0]  # 212649: two CC figures and a Shutterstock photo
    rep = republish(machines)
    assert [r.credit for r in rep.removed] == ["Gorodenkoff/Shutterstock"]
    figures = soup(rep.html).find_all("figure")
    assert len(figures) == 2
    for fig in figures:
        assert "creativecommons.org/licenses/" in fig.find(class_="license")["href"]
    assert soup(rep.html).find("p").get_text().startswith("Par Srinivas Garimella")
