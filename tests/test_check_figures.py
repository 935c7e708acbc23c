"""check_page and figures in a publisher's house style (issue 9, docs/compliance.md#rule-images):
the original's pictures keep their credit in any markup (WordPress classic captions and image
blocks, Ghost cards, AMP's <amp-img>, <picture>, lazy-loaded images), and an unlicensed one is
found however it is written. Pages are built in memory from our own republication of the
recorded US sample; the captions and credits are the original's words, moved between tags,
never changed; the publisher's own pictures and captions are made up here."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import lxml.html
import pytest

from syndication.compliance import check_page
from syndication.models import Article
from syndication.republish import republish

from .pages import explain, third_party_page

SITE = "https://publisher.example"
PLACEHOLDER = ("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
               "viewBox='0%200%20754%20503'%3E%3C/svg%3E")



def page(article: Article, body: str) -> str:
    return third_party_page(body, title=article.title, author=article.authors[0].name)


def _inner(el: lxml.html.HtmlElement) -> str:
    """An element's content as HTML, its classes dropped (what an editor's paste keeps)."""
    for d in el.iter():
        d.attrib.pop("class", None)
    text = escape(el.text or "")
    return text + "".join(lxml.html.tostring(c, encoding="unicode") for c in el)


# A figure as each house style writes it: (src, alt, caption HTML, credit HTML) -> HTML.
Style = Callable[[str, str, str, str], str]
STYLES: dict[str, Style] = {
    # WordPress's classic editor: a captioned image is div.wp-caption, the caption a <p>.
    "wp-classic": lambda src, alt, cap, credit: (
        f'<div id="attachment_5521" style="width: 764px" class="wp-caption aligncenter">'
        f'<img aria-describedby="caption-attachment-5521" src="{src}" alt="{alt}" width="754" '
        f'height="503" class="size-large wp-image-5521"><p id="caption-attachment-5521" '
        f'class="wp-caption-text">{cap} {credit}</p></div>'),
    # The block editor's image block, lazy-loaded by WP Rocket (placeholder, <noscript> copy).
    "wp-block-lazy": lambda src, alt, cap, credit: (
        f'<figure class="wp-block-image size-large"><img decoding="async" src="{PLACEHOLDER}" '
        f'data-lazy-src="{src}" alt="{alt}" class="wp-image-5521"><noscript><img '
        f'decoding="async" src="{src}" alt="{alt}" class="wp-image-5521"></noscript>'
        f'<figcaption class="wp-element-caption">{cap} {credit}</figcaption></figure>'),
    # A theme's responsive <picture>, the URL only in srcset, lazysizes' data-srcset.
    "picture-srcset": lambda src, alt, cap, credit: (
        f'<figure class="post-image"><picture><source type="image/webp" '
        f'srcset="{src}&amp;fm=webp 754w"><img class="lazyload" data-srcset="{src} 754w" '
        f'alt="{alt}"></picture><figcaption><span>{cap}</span> <small>{credit}</small>'
        f"</figcaption></figure>"),
    # Blogger's caption table.
    "blogger-table": lambda src, alt, cap, credit: (
        f'<table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container">'
        f'<tbody><tr><td style="text-align: center;"><a href="{src}" style="margin-left: auto;">'
        f'<img border="0" src="{src}" alt="{alt}" width="640"></a></td></tr><tr><td '
        f'class="tr-caption" style="text-align: center;">{cap} {credit}</td></tr></tbody>'
        f"</table>"),
    # An AMP page: <amp-img>.
    "amp-img": lambda src, alt, cap, credit: (
        f'<figure class="amp-wp-inline-5e4"><amp-img src="{src}" alt="{alt}" width="754" '
        f'height="503" layout="intrinsic"></amp-img><figcaption>{cap} {credit}</figcaption>'
        f"</figure>"),
    # Ghost's image card.
    "ghost-card": lambda src, alt, cap, credit: (
        f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" '
        f'class="kg-image" alt="{alt}" loading="lazy" width="754" height="503"><figcaption>'
        f"<span>{cap}</span> <span>{credit}</span></figcaption></figure>"),
}


def restyle(html: str, style: Style, credit: Callable[[str, str], str] | None = None) -> str:
    """Every figure of ``html`` written in ``style``; ``credit`` (credit HTML, its text ->
    HTML) changes what the credit shows."""

    def one(m: re.Match[str]) -> str:
        figure = lxml.html.fragment_fromstring(m.group())
        img = next(figure.iter("img"))
        src, alt = escape(img.get("src") or ""), escape(img.get("alt") or "")
        caption = figure.find(".//span[@class='caption']")
        attribution = figure.find(".//span[@class='attribution']")
        cap = _inner(caption) if caption is not None else ""
        said = attribution.text_content() if attribution is not None else ""
        html = _inner(attribution) if attribution is not None else ""
        if credit is not None:
            html = credit(html, said)
        return style(src, alt, cap, html)

    new, n = re.subn(r"<figure\b.*?</figure>", one, html, flags=re.DOTALL)
    assert n, "no figure"
    return new


def between_paragraphs(html: str, insert: str, after: int = 3) -> str:
    """``insert`` after the ``after``-th paragraph end of the republication: in the article."""
    ends = [m.end() for m in re.finditer("</p>", html)]
    assert len(ends) > after + 2, "too few paragraphs"
    return html[:ends[after]] + insert + html[ends[after]:]


@pytest.fixture(scope="module")
def us(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_originals_figures_in_house_style_pass(us: tuple[Article, str], style: str) -> None:
    article, html = us
    verdict = check_page(page(article, restyle(html, STYLES[style])), article)
    assert verdict.compliant, explain(verdict)
    assert "3 reusable" in verdict.finding("images").detail


@pytest.mark.parametrize("style", sorted(STYLES))
def test_credit_as_plain_words_passes(us: tuple[Article, str], style: str) -> None:
    """Links dropped: "Sung Ming Whang/Flickr, CC BY" as words."""
    article, html = us
    verdict = check_page(page(article, restyle(html, STYLES[style],
                                               lambda h, said: escape(said))), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_originals_figure_without_its_credit_fails(us: tuple[Article, str],
                                                       style: str) -> None:
    article, html = us
    verdict = check_page(page(article, restyle(html, STYLES[style], lambda h, said: "")),
                         article)
    # the credit's words are the original's text too: their absence is an edit as well
    assert [f.rule for f in verdict.failed] == ["unaltered-text", "images"], explain(verdict)
    assert "without its credit" in verdict.finding("images").detail


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_licence_dropped_from_the_credit_fails(us: tuple[Article, str], style: str) -> None:
    article, html = us

    def credit(h: str, said: str) -> str:
        return escape(said.split(",")[0])  # "Sung Ming Whang/Flickr"

    verdict = check_page(page(article, restyle(html, STYLES[style], credit)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text", "images"], explain(verdict)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_originals_getty_photo_kept_in_house_style_fails(env_article: Article,
                                                             style: str) -> None:
    """The lead photo, credited "… via Getty Images" with no licence, pasted back in any
    markup, its credit kept or not."""
    lead = re.search(r"<figure>.*?</figure>", env_article.content, re.DOTALL)
    assert lead is not None and "Getty" in lead.group()
    html = republish(env_article).html
    kept = restyle(lead.group(), STYLES[style])
    first = html.index("<p>", html.index("</p>") + 1)  # where it stood: above the text
    body = html[:first] + kept + html[first:]
    verdict = check_page(page(env_article, body), env_article)
    assert [f.rule for f in verdict.failed] == ["images"], explain(verdict)
    assert "Getty" in verdict.finding("images").detail


@pytest.mark.parametrize(("caption", "ok"), [
    ("Harbour divers at work. Photo: AP Photo/Jane Roe", False),
    ("The old pier. Shutterstock", False),
    ("Sea stars in the harbour. Reuters/John Doe", False),
    ("The old pier at dawn.", False),  # no credit at all
    ("Tide pools. Jane Roe/Flickr, CC BY-SA 2.0", True),
    ('Tide pools. <a href="https://creativecommons.org/licenses/by/2.0/">Jane Roe</a>', True),
    ("Kelp, seen from a kayak. Author provided", True),
    ("The reef, photographed by {author}.", True),
])
def test_a_publishers_own_picture_is_judged_by_its_caption(
    us: tuple[Article, str], caption: str, ok: bool
) -> None:
    article, html = us
    figure = (f'<figure class="wp-block-image"><img src="{SITE}/uploads/2025/09/pier.jpg" '
              f'alt=""><figcaption class="wp-element-caption">'
              f"{caption.format(author=article.authors[0].name)}</figcaption></figure>")
    verdict = check_page(page(article, between_paragraphs(html, figure)), article)
    assert verdict.finding("images").ok is ok, explain(verdict)


def test_a_lazy_loaders_placeholder_alone_is_no_picture(us: tuple[Article, str]) -> None:
    """An SVG placeholder whose picture is only in <noscript> (a lazy counter's, a theme's
    spacer) is not "an image without credit"."""
    article, html = us
    spacer = (f'<p><img src="{PLACEHOLDER}" width="1" height="1" alt="" class="lazy"><img '
              'src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></p>')
    verdict = check_page(page(article, between_paragraphs(html, spacer)), article)
    assert verdict.compliant, explain(verdict)


# An image with no address shows nothing: a CMS's empty image field (Webflow prints
# <img src="" class="w-dyn-bind-empty">, Ghost and WordPress themes an empty featured-image
# slot), written before the article, where its first word stands, or inside it.
EMPTY_FIELDS = [
    '<img alt="" loading="lazy" src="" class="post-main-image">',
    '<img src="  " alt="" class="featured-image">',
    '<img alt="Main image" width="800" height="450">',
    '<picture><source srcset="" type="image/webp"><img src="" alt=""></picture>',
    '<amp-img src="" width="800" height="450" layout="responsive"></amp-img>',
]


@pytest.mark.parametrize("empty", EMPTY_FIELDS)
@pytest.mark.parametrize("where", ["before", "inside"])
def test_an_image_with_no_address_is_no_picture(us: tuple[Article, str], empty: str,
                                                where: str) -> None:
    article, html = us
    body = empty + html if where == "before" else between_paragraphs(html, empty)
    verdict = check_page(page(article, body), article)
    assert verdict.compliant, explain(verdict)


# The same slot with its picture's address anywhere a browser or a lazy loader takes it is a
# picture, judged like any other: uncredited, it fails.
ADDRESSED = [
    f'<img src="" data-src="{SITE}/uploads/pier.jpg" alt="" class="lazyload">',
    f'<img src="" data-lazy-src="{SITE}/uploads/pier.jpg" alt="">',
    f'<img src="" srcset="{SITE}/uploads/pier-800.jpg 800w, {SITE}/uploads/pier.jpg 1600w">',
    f'<picture><source srcset="{SITE}/uploads/pier.webp" type="image/webp"><img src="" '
    'alt=""></picture>',
]


@pytest.mark.parametrize("addressed", ADDRESSED)
def test_an_empty_src_beside_the_pictures_address_is_a_picture(us: tuple[Article, str],
                                                                addressed: str) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(html, addressed)), article)
    assert verdict.finding("images").ok is False, explain(verdict)
