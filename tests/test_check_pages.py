"""check_page on the shapes real sites give a republication (issue 9): built in memory
from our own republication of the recorded samples around a made-up site (tests/pages.py);
the article's text is never edited on disk. Each kind is tried with several of its forms."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain, sub, third_party_page


def failed(verdict: Verdict) -> list[str]:
    return [f.rule for f in verdict.failed]



@pytest.fixture(scope="module")
def us(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


def page_of(article: Article, html: str) -> str:
    return third_party_page(html, title=article.title, author=article.authors[0].name)


# --- furniture never swallows the article --------------------------------------------------

THEME_CLASSES = ["has-sidebar", "right-sidebar", "showing-comments", "layout-one-sidebar",
                 "sidebar-primary widgets-enabled", "comments-open related-posts-below",
                 "ads-enabled social-share-bar"]


@pytest.mark.parametrize("classes", THEME_CLASSES)
def test_a_theme_class_on_body_leaves_the_article_and_its_credit_alone(
    us: tuple[Article, str], classes: str
) -> None:
    article, html = us
    page = sub(page_of(article, html), "<body>", f'<body class="post-template {classes}">')
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("classes", THEME_CLASSES)
def test_a_theme_class_on_a_wrapper_leaves_the_article_and_its_credit_alone(
    us: tuple[Article, str], classes: str
) -> None:
    article, html = us
    page = sub(page_of(article, html), '<article class="post">',
               f'<div class="site-content {classes}" id="primary"><article class="post">')
    page = sub(page, "</article>", "</article></div>")
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


def test_the_sidebar_beside_the_article_is_still_no_credit(us: tuple[Article, str]) -> None:
    """The byline moved into the sidebar (a widget of links): not a credit of the article."""
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), ""))
    page = sub(page, '<aside class="sidebar">', f'<aside class="sidebar">{byline.group()}')
    verdict = check_page(page, article)
    assert "author-credit" in failed(verdict), explain(verdict)


@pytest.mark.parametrize("box", [
    '<aside class="author-box widget"><h4>About the authors</h4>{byline}</aside>',
    '<aside class="wp-block-post-author">{byline}</aside>',
    '<footer class="entry-footer"><div class="author-bio">{byline}</div></footer>',
    '<div class="entry-meta byline">{byline}</div>',
])
def test_an_author_box_after_the_article_is_its_credit(us: tuple[Article, str], box: str) -> None:
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), ""))
    page = sub(page, "</article>", box.format(byline=byline.group()) + "</article>")
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


def test_a_byline_above_the_headline_is_credit(us: tuple[Article, str]) -> None:
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), ""))
    page = sub(page, '<header class="entry-header">',
               f'<header class="entry-header"><div class="entry-meta">{byline.group()}</div>')
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


# --- hidden text is no text: the checker judges what a reader sees ---------------------------

HIDING = [
    '<div style="display: none">{}</div>',
    '<div style="visibility:hidden;">{}</div>',
    "<section hidden>{}</section>",
    '<div aria-hidden="true">{}</div>',
    '<div style="height:0; overflow:hidden">{}</div>',
    '<div style="font-size:0">{}</div>',
    '<div class="seo-text">{}</div>',  # hidden by the page's own <style> rule
]


def _edited(html: str) -> str:
    """One word of the article's third paragraph changed, as a republisher's "house edit"."""
    at = [m.start() for m in re.finditer(r"<p>", html)][2]
    end = html.index("</p>", at)
    paragraph = html[at:end]
    word = re.search(r" (\w{5,}) ", paragraph)
    assert word is not None
    return html[:at] + paragraph.replace(word.group(), " changed ", 1) + html[end:]


@pytest.mark.parametrize("wrapper", HIDING)
def test_a_hidden_exact_copy_does_not_cover_an_altered_visible_one(
    us: tuple[Article, str], wrapper: str
) -> None:
    article, html = us
    page = page_of(article, _edited(html) + wrapper.format(html))
    page = sub(page, "</head>", "<style>div.seo-text, .other { display : none }</style></head>")
    verdict = check_page(page, article)
    assert "unaltered-text" in failed(verdict), explain(verdict)


@pytest.mark.parametrize("wrapper", HIDING)
def test_a_credit_only_in_hidden_markup_is_no_credit(us: tuple[Article, str],
                                                     wrapper: str) -> None:
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, wrapper.format(byline.group()) + html.replace(byline.group(), ""))
    page = sub(page, "</head>", "<style>.seo-text{display:none}</style></head>")
    verdict = check_page(page, article)
    assert failed(verdict) == ["author-credit"], explain(verdict)


def test_hidden_furniture_and_visible_styles_change_nothing(us: tuple[Article, str]) -> None:
    article, html = us
    page = page_of(article, '<span class="screen-reader-text" style="display:none">Posted '
                   'in</span><div class="modal" hidden><p>Search for:</p></div>'
                   '<span aria-hidden="true">★</span>' + html)
    page = sub(page, '<div class="entry-content">',
               '<div class="entry-content" style="width: 100%; opacity: 0.95; height: 0px">')
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


# --- the headline is the heading that heads the article ---------------------------------------


def test_a_rewritten_heading_fails_though_title_and_og_title_keep_the_original(
    us: tuple[Article, str]
) -> None:
    article, html = us
    page = page_of(article, html)
    page = sub(page, f'<h1 class="entry-title">{article.title}</h1>',
               '<h1 class="entry-title">Sea stars are dying: what it means for us</h1>')
    verdict = check_page(page, article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "Sea stars are dying" in verdict.finding("unaltered-title").detail


@pytest.mark.parametrize("suffix", [" | Example News", " – Example News", " - Example News"])
def test_without_a_heading_the_title_with_a_site_suffix_is_the_headline(
    us: tuple[Article, str], suffix: str
) -> None:
    article, html = us
    page = page_of(article, html)
    page = sub(page, f'<h1 class="entry-title">{article.title}</h1>', "")
    page = re.sub(r"<title>.*?</title>", f"<title>{article.title}{suffix}</title>", page)
    page = re.sub(r'<meta property="og:title"[^>]*>', "", page)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)
    reworded = page.replace(f"<title>{article.title}", "<title>Sea stars, gone")
    assert failed(check_page(reworded, article)) == ["unaltered-title"]


# --- page builders call every block a "widget": the byline's block is no chrome -------------

BUILDER_BLOCKS = [
    # Elementor: a Text Editor widget
    '<div class="elementor-element elementor-widget elementor-widget-text-editor">'
    '<div class="elementor-widget-container">{byline}</div></div>',
    # Divi: a Text module
    '<div class="et_pb_module et_pb_text et_pb_text_0"><div class="et_pb_text_inner">'
    '{byline}</div></div>',
    # WPBakery: a Text Block
    '<div class="wpb_text_column wpb_content_element"><div class="wpb_wrapper">{byline}'
    '</div></div>',
    # SiteOrigin Page Builder: an Editor widget in a panel
    '<div class="so-panel widget widget_sow-editor"><div class="so-widget-sow-editor">'
    '{byline}</div></div>',
    # Beaver Builder: a Text Editor module
    '<div class="fl-module fl-module-rich-text"><div class="fl-module-content">{byline}'
    '</div></div>',
]


@pytest.mark.parametrize("block", BUILDER_BLOCKS)
def test_a_byline_in_a_page_builder_block_is_credit(us: tuple[Article, str], block: str) -> None:
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), ""))
    page = sub(page, '<article class="post">',
               '<article class="post">' + block.format(byline=byline.group()))
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("region", [
    '<div id="secondary" class="widget-area"><section class="widget widget_text">{byline}'
    "</section></div>",
    '<div class="footer-widgets"><div class="widget">{byline}</div></div>',
    '<div id="sidebar-1"><div class="widget widget_block">{byline}</div></div>',
])
def test_a_sidebar_widget_naming_the_author_is_still_no_credit(
    us: tuple[Article, str], region: str
) -> None:
    article, html = us
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.S)
    assert byline is not None
    page = page_of(article, html.replace(byline.group(), ""))
    page = sub(page, "</article>", "</article>" + region.format(byline=byline.group()))
    verdict = check_page(page, article)
    assert "author-credit" in failed(verdict), explain(verdict)
