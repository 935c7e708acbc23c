"""The original's pictures at another address (docs/compliance.md#rule-images): an image CDN
or proxy that serves one from its own address with The Conversation's inside it (Jetpack's
Photon, Cloudinary's fetch, Next.js's optimiser, wsrv.nl), or a copy downloaded and uploaded
to the publisher's site, which keeps the name The Conversation gave its file, is still that
picture: an unlicensed one fails `images` wherever it stands on the page; a licensed one
passes with its credit. Pages are built in memory around our own republication of the
recorded English sample; no word of the article is edited."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page, prepare
from syndication.compliance.content import image_key, image_name
from syndication.models import Article, Verdict
from syndication.republish import republish

from .corpus.edits import moved_picture
from .pages import explain, third_party_page

TC = "https://images.theconversation.com/files/691226/original/file-20250916-56-k9jhld.jpg"


def only_images_failed(verdict: Verdict) -> dict[str, str]:
    """The failed rules' details, asserting that `images` alone failed."""
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"images"}, explain(verdict)
    return failed


@pytest.mark.parametrize("src", [
    TC + "?ixlib=rb-4.1.0&q=45&auto=format&w=754&fit=clip",
    "https://i0.wp.com/images.theconversation.com/files/691226/original/file-20250916-56-"
    "k9jhld.jpg?resize=754%2C503&ssl=1",
    "https://res.cloudinary.com/harbor/image/fetch/w_800,f_auto/" + TC,
    "/_next/image?url=https%3A%2F%2Fimages.theconversation.com%2Ffiles%2F691226%2Foriginal"
    "%2Ffile-20250916-56-k9jhld.jpg&w=1200&q=75",
    "https://wsrv.nl/?url=images.theconversation.com/files/691226/original/file-20250916-56-"
    "k9jhld.jpg&w=800",
    "//IMAGES.theconversation.com/files/691226/original/x.jpg",
])
def test_the_conversations_address_inside_another_is_the_picture(src: str) -> None:
    assert image_key(src) == "tc-file-691226"


@pytest.mark.parametrize("src", [
    "https://harbor.example/wp-content/uploads/2025/10/file-20250916-56-k9jhld.jpg",
    "https://harbor.example/wp-content/uploads/2025/10/file-20250916-56-k9jhld-1024x683.jpg",
    "https://harbor.example/wp-content/uploads/2025/10/file-20250916-56-k9jhld-scaled.jpg",
    "/uploads/FILE-20250916-56-K9JHLD-1.JPG?v=2",
])
def test_an_uploaded_copy_keeps_the_files_name(src: str) -> None:
    assert image_key(src) == image_name(TC) == "tc-name-file-20250916-56-k9jhld"


@pytest.mark.parametrize("src", [
    "https://harbor.example/uploads/2025/10/harbour-dredging.jpg",
    "https://harbor.example/uploads/profile-20250916-56-k9jhld.jpg",  # not the name's start
    "https://harbor.example/uploads/file-2025-56-k9jhld.jpg",  # no date
    "https://cdn.example/images.theconversation.com.example/files/1/x.jpg",  # not the host
    "https://myimages.theconversation.com/files/691226/x.jpg",
])
def test_other_pictures_are_their_own_address(src: str) -> None:
    assert image_key(src) == src.split("?")[0]


@pytest.fixture(scope="module")
def page_parts(env_article: Article) -> tuple[Article, str, str]:
    unlicensed = next(i.src for i in prepare(env_article).images if not i.reusable)
    return env_article, republish(env_article).html, unlicensed


@pytest.mark.parametrize("how", ["photon", "nextjs", "wsrv", "uploaded"])
def test_an_unlicensed_picture_moved_to_the_featured_image_fails(
    page_parts: tuple[Article, str, str], how: str
) -> None:
    article, html, unlicensed = page_parts
    featured = (f'<figure class="post-thumbnail"><img src="{moved_picture(unlicensed, how)}" '
                'alt=""></figure>')
    page = third_party_page(featured + html, title=article.title,
                            author=article.authors[0].name)
    verdict = check_page(page, article)
    failed = only_images_failed(verdict)
    assert "the original's image" in failed["images"]


@pytest.mark.parametrize("how", ["photon", "uploaded"])
def test_the_articles_pictures_moved_with_their_credits_pass(
    page_parts: tuple[Article, str, str], how: str
) -> None:
    article, html, _unlicensed = page_parts
    pictures = re.compile(r'https://images\.theconversation\.com/files/[^"\s]+')
    moved = pictures.sub(lambda m: moved_picture(m.group(), how).replace("&", "&amp;"), html)
    assert moved != html
    page = third_party_page(moved, title=article.title, author=article.authors[0].name)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)
    assert "reusable" in next(f.detail for f in verdict.findings if f.rule == "images")


# --- shown otherwise than by an image's address: a CSS background, a <picture>'s sources --


@pytest.mark.parametrize(("html", "how"), [
    ('<div style="background-image: url(\'{u}\')"></div>', "a CSS background"),
    ('<div style="background:#000 URL( {u} ) center"></div>', "a CSS background"),
    ('<style>.hero{{background:url("{u}")}}</style>', "a CSS background"),
    ('<div class="rocket-lazyload" data-bg="{u}"></div>', "a CSS background"),
    ('<div data-bg="url({u})"></div>', "a CSS background"),
    ('<div data-bgset="/x.jpg [(max-width: 600px)] | {u}"></div>', "a CSS background"),
    ('<section data-background-image="{u}"></section>', "a CSS background"),
    ('<picture><source srcset="/small.jpg 600w, {u} 1200w"><img src="/a.jpg"></picture>',
     "a <picture> source"),
    ('<picture><source data-srcset="{u}"><img src="/a.jpg"></picture>', "a <picture> source"),
    ('<video poster="{u}" src="/clip.mp4"></video>', "a video's poster"),
])
def test_a_picture_shown_otherwise_is_found(html: str, how: str) -> None:
    from syndication.compliance.content import shown_otherwise
    from syndication.compliance.htmltext import parse_page

    url = moved_picture(TC, "uploaded")
    shown = list(shown_otherwise(parse_page(f"<body>{html.format(u=url)}</body>")))
    assert (url, how) in shown


def test_nothing_is_shown_otherwise_by_plain_images_and_styles() -> None:
    from syndication.compliance.content import shown_otherwise
    from syndication.compliance.htmltext import parse_page

    page = (f'<body><img src="{TC}" srcset="{TC} 2x"><div style="color:red" '
            'data-background="none"></div><style>p{margin:0}</style></body>')
    assert [u for u, _how in shown_otherwise(parse_page(page)) if "file-" in u] == []


@pytest.mark.parametrize("backdrop", [
    '<div class="page-header-image-single" style="background-image: url({u})"></div>',
    '<style>.post-hero{{background:url("{u}") center/cover}}</style><div class="post-hero">'
    '</div>',
    '<div class="entry-hero rocket-lazyload" data-bg="{u}"></div>',
    '<picture><source srcset="{u}"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
    'alt=""></picture>',
])
def test_an_unlicensed_picture_as_a_backdrop_fails(
    page_parts: tuple[Article, str, str], backdrop: str
) -> None:
    article, html, unlicensed = page_parts
    hero = backdrop.format(u=moved_picture(unlicensed, "uploaded"))
    page = third_party_page(hero + html, title=article.title, author=article.authors[0].name)
    verdict = check_page(page, article)
    failed = only_images_failed(verdict)
    assert "the original's image, no licence in its credit" in failed["images"]


def test_a_licensed_picture_or_the_publishers_as_a_backdrop_passes(
    page_parts: tuple[Article, str, str],
) -> None:
    article, html, _unlicensed = page_parts
    licensed = next(i.src for i in prepare(article).images if i.reusable)
    hero = (f'<div style="background-image: url({moved_picture(licensed, "uploaded")})"></div>'
            '<div style="background-image: url(/wp-content/uploads/harbour.jpg)"></div>')
    page = third_party_page(hero + html, title=article.title, author=article.authors[0].name)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


# --- named for social networks: the card a share of the page shows -------------------------


@pytest.mark.parametrize("meta", [
    '<meta property="og:image" content="{u}">',
    '<meta property="og:image:secure_url" content="{u}" />',
    '<meta name="twitter:image" content="{u}">',
    '<meta property="OG:Image" content=" {u} ">',
])
def test_a_picture_named_for_social_networks_is_found(meta: str) -> None:
    from syndication.compliance.content import SOCIAL_CARD, shown_otherwise
    from syndication.compliance.htmltext import parse_page

    url = moved_picture(TC, "uploaded")
    page = f"<html><head>{meta.format(u=url)}</head><body><p>x</p></body></html>"
    assert list(shown_otherwise(parse_page(page))) == [(url, SOCIAL_CARD)]


def _page_with_head(article: Article, html: str, head: str) -> str:
    """The third-party page around ``html`` with ``head`` added to its <head>."""
    page = third_party_page(html, title=article.title, author=article.authors[0].name)
    assert page.count("</head>") == 1
    return page.replace("</head>", head + "</head>")


def _passing_previews(article: Article) -> tuple[str, ...]:
    """Pictures a page may name for previews: the original's licensed one, a copy of it
    uploaded to the publisher's site, and the publisher's own."""
    licensed = next(i.src for i in prepare(article).images if i.reusable)
    return (licensed, moved_picture(licensed, "uploaded"),
            "https://harbourtown.example/wp-content/uploads/harbour-social.jpg")


@pytest.mark.parametrize("how", ["tc", "uploaded", "photon"])
def test_an_unlicensed_picture_as_the_social_card_fails(
    page_parts: tuple[Article, str, str], how: str
) -> None:
    # Yoast SEO's tags for a post whose featured image is the original's Getty picture,
    # which the theme does not show on the post itself
    article, html, unlicensed = page_parts
    url = unlicensed if how == "tc" else moved_picture(unlicensed, how)
    head = (f'<meta property="og:image" content="{url}" />'
            '<meta property="og:image:width" content="1200" />'
            f'<meta name="twitter:image" content="{url}" />')
    verdict = check_page(_page_with_head(article, html, head), article)
    failed = only_images_failed(verdict)
    assert "the page's picture for social networks" in failed["images"]
    assert "the original's image, no licence in its credit" in failed["images"]


def test_a_licensed_picture_or_the_publishers_as_the_social_card_passes(
    page_parts: tuple[Article, str, str],
) -> None:
    article, html, _unlicensed = page_parts
    for url in _passing_previews(article):
        verdict = check_page(_page_with_head(
            article, html, f'<meta property="og:image" content="{url}">'), article)
        assert verdict.compliant, explain(verdict)


# --- named for previews and search results: JSON-LD, microdata, image_src, thumbnail (F67) --


@pytest.mark.parametrize(("html", "how"), [
    # Yoast SEO's graph: the picture by "@id" in the page and article, its URL in the
    # ImageObject (and thumbnailUrl)
    ('<script type="application/ld+json" class="yoast-schema-graph">{{"@context":"https://'
     'schema.org","@graph":[{{"@type":"WebPage","@id":"https://h.example/p/","primaryImage'
     'OfPage":{{"@id":"https://h.example/p/#primaryimage"}}}},{{"@type":"ImageObject","@id":'
     '"https://h.example/p/#primaryimage","url":"{u}","contentUrl":"{u}"}}]}}</script>',
     "the picture its structured data (JSON-LD) names"),
    # Rank Math's, slashes escaped; a list of URLs; a type parameter
    ('<script type="application/ld+json">{{"@type":"BlogPosting","image":{{"@id":"{e}"}}}}'
     "</script>", "the picture its structured data (JSON-LD) names"),
    ('<script type="application/ld+json; charset=utf-8">{{"@type":"NewsArticle","image":'
     '["{u}"]}}</script>', "the picture its structured data (JSON-LD) names"),
    ('<script type="application/ld+json">{{"@type":"Article","THUMBNAILURL":"{u}"}}</script>',
     "the picture its structured data (JSON-LD) names"),
    ('<link rel="image_src" href="{u}">', "the page's picture for previews"),
    ('<meta name="thumbnail" content="{u}">', "the page's picture for previews"),
    ('<meta name="parsely-image-url" content="{u}">', "the page's picture for previews"),
    ('<meta itemprop="image" content="{u}">', "the picture its microdata names"),
    ('<link itemprop="thumbnailUrl" href="{u}">', "the picture its microdata names"),
    ('<span itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><meta '
     'itemprop="url" content="{u}"></span>', "the picture its microdata names"),
])
def test_a_picture_named_for_previews_is_found(html: str, how: str) -> None:
    from syndication.compliance.content import shown_otherwise
    from syndication.compliance.htmltext import parse_page

    url = moved_picture(TC, "uploaded")
    page = (f"<html><head>{html.format(u=url, e=url.replace('/', chr(92) + '/'))}</head>"
            "<body><p>x</p></body></html>")
    assert set(shown_otherwise(parse_page(page))) == {(url, how)}


@pytest.mark.parametrize("html", [
    # not pictures: a page's url, its author's url, an organisation's logo in microdata
    '<script type="application/ld+json">{"@type":"Article","url":"%s","author":{"url":"%s"}}'
    "</script>",
    '<div itemscope itemtype="https://schema.org/Organization"><meta itemprop="url" '
    'content="%s"></div>',
    '<link rel="canonical" href="%s"><meta name="description" content="%s">',
    # JSON-LD no reader reads: not JSON, another script type, nested past the JSON reader
    '<script type="application/ld+json">{"image": "%s",}</script>',
    '<script type="application/json">{"image": "%s", "x": "%s"}</script>',
    '<script type="application/ld+json">' + '[' * 100_000 + '"%s", "%s"' + ']' * 100_000
    + "</script>",
])
def test_nothing_else_is_taken_for_a_preview(html: str) -> None:
    from syndication.compliance.content import shown_otherwise
    from syndication.compliance.htmltext import parse_page

    url = moved_picture(TC, "uploaded")
    page = f"<html><head>{html.replace('%s', url)}</head><body><p>x</p></body></html>"
    assert list(shown_otherwise(parse_page(page))) == []


def test_json_ld_is_read_within_bounds() -> None:
    from syndication.compliance.content import json_ld_images

    # deep nesting the JSON reader reads, walked without recursion
    deep = '{"image": ' * 500 + '"https://h.example/a.jpg"' + "}" * 500
    assert list(json_ld_images(deep)) == ["https://h.example/a.jpg"]
    # a huge list of values: a bounded walk stops
    many = '{"image": [' + ", ".join(['"https://h.example/x.jpg"'] * 100_000) + "]}"
    assert 0 < len(list(json_ld_images(many))) < 100_000
    for broken in ("", "{", "null", "[1, 2", '{"image": 3}', '"https://h.example/a.jpg"'):
        assert list(json_ld_images(broken)) == []


@pytest.mark.parametrize("how", ["tc", "uploaded"])
def test_an_unlicensed_picture_named_in_json_ld_fails(
    page_parts: tuple[Article, str, str], how: str
) -> None:
    article, html, unlicensed = page_parts
    url = unlicensed if how == "tc" else moved_picture(unlicensed, how)
    head = ('<script type="application/ld+json" class="rank-math-schema">{"@context":"https:'
            '//schema.org","@graph":[{"@type":"ImageObject","@id":"%s","url":"%s"}]}'
            "</script>") % ((url.replace("/", "\\/"),) * 2)
    failed = only_images_failed(check_page(_page_with_head(article, html, head), article))
    assert "the picture its structured data (JSON-LD) names" in failed["images"]
    assert "the original's image, no licence in its credit" in failed["images"]


def test_a_licensed_picture_or_the_publishers_named_for_previews_passes(
    page_parts: tuple[Article, str, str],
) -> None:
    article, html, _unlicensed = page_parts
    for url in _passing_previews(article):
        head = (f'<link rel="image_src" href="{url}"><script type="application/ld+json">'
                f'{{"@type":"Article","image":["{url}"]}}</script>')
        verdict = check_page(_page_with_head(article, html, head), article)
        assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("n", [209538, 212649])
def test_the_conversations_own_pages_name_their_pictures_only_for_social_networks(
    n: int,
) -> None:
    # The recorded article pages name their lead picture in og:image and show the pictures
    # and the authors' avatars as <img itemprop="image">: no JSON-LD, no preview tag, no
    # microdata on a <meta> or <link>, so F67 reads nothing new on them
    from pathlib import Path

    from syndication.compliance.content import (
        JSON_LD,
        MICRODATA,
        PREVIEW,
        SOCIAL_CARD,
        shown_otherwise,
    )
    from syndication.compliance.htmltext import parse_page

    sample = Path(__file__).parent / "data" / "tc-samples" / f"tc-article-{n}-fr.html"
    shown = list(shown_otherwise(parse_page(sample.read_text(encoding="utf-8"))))
    assert not {how for _url, how in shown} & {PREVIEW, MICRODATA, JSON_LD}
    assert sum(how == SOCIAL_CARD for _url, how in shown) == 1
