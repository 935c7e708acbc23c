"""check_page and a publisher's list of its own posts inside the article (issue 9, red-team
finding F10, docs/compliance.md#publisher-boxes): "Read next", "Related", "Latest" lists are
known by what they are made of (links to the publisher's own pages, thumbnails, short titles
and dates), not by a class, and in both directions: a compliant page with such a list passes
every rule; the publisher's prose with a link, a list of links to other sites, or a list
carrying the original's words is still judged as text.

Pages are built in memory from our own republication of the recorded US and French samples
(tests/data), never an altered article on disk. Each list is the markup its software writes
(named beside it: WordPress core's render_block_core_latest_posts and Query Loop, Elementor
Pro's Posts widget, GeneratePress's WP Show Posts, a Drupal views block, Ghost's post cards),
with the publisher's own titles; the class names are kept as the software writes them, and
none of them is one the checker knows."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.models import Article

from .pages import sub
from .test_check_boxes import between_paragraphs, explain, page

SITE = "https://harbourtown.example"
CANONICAL = f'<link rel="canonical" href="{SITE}/2025/10/02/republished-article/">'


def on_site(article: Article, body: str) -> str:
    """The third-party page, saying its own address (as WordPress, Drupal and Ghost do)."""
    return sub(page(article, body), "</head>", CANONICAL + "</head>")


# Each a list of the publisher's posts, as its software prints it, between two paragraphs.
POST_LISTS = {
    # WordPress core's Latest Posts block (render_block_core_latest_posts): featured image,
    # title link, date; absolute links to the site's own host.
    "wp-latest-posts": (
        '<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts"><li><div '
        'class="wp-block-latest-posts__featured-image alignleft"><a href="'
        f'{SITE}/2025/09/tide-pools-reopen/" aria-label="Tide pools reopen after the storm">'
        f'<img width="150" height="150" src="{SITE}/wp-content/uploads/2025/09/pools-150x150'
        '.jpg" class="attachment-thumbnail size-thumbnail wp-post-image" alt="" /></a></div>'
        f'<a class="wp-block-latest-posts__post-title" href="{SITE}/2025/09/tide-pools-reopen/'
        '">Tide pools reopen after the storm</a><time datetime="2025-09-28T09:12:00+00:00" '
        'class="wp-block-latest-posts__post-date">September 28, 2025</time></li><li><a '
        f'class="wp-block-latest-posts__post-title" href="{SITE}/2025/09/harbour-plan/">'
        'Council votes on the harbour plan</a><time datetime="2025-09-21T17:40:00+00:00" '
        'class="wp-block-latest-posts__post-date">September 21, 2025</time></li></ul>'),
    # The block editor's Query Loop (core/query with post-template, post-featured-image,
    # post-title, post-date), under a Heading block of its own: the title is a sibling.
    "wp-query-loop": (
        '<h2 class="wp-block-heading">From the harbour desk</h2><div class="wp-block-query '
        'is-layout-flow wp-block-query-is-layout-flow"><ul class="wp-block-post-template '
        'is-layout-flow wp-block-post-template-is-layout-flow"><li class="wp-block-post '
        'post-4471 post type-post status-publish format-standard has-post-thumbnail hentry '
        'category-local"><figure style="aspect-ratio:4/3;" class="wp-block-post-featured-image">'
        f'<a href="{SITE}/2025/09/kayak-club/" target="_self"><img width="300" height="225" '
        f'src="{SITE}/wp-content/uploads/2025/09/kayak-300x225.jpg" class="attachment-medium '
        'size-medium wp-post-image" alt="Kayak club marks its 40th season" style="width:100%;'
        'height:100%;object-fit:cover;" decoding="async" /></a></figure><h3 class="wp-block-'
        f'post-title"><a href="{SITE}/2025/09/kayak-club/" target="_self">Kayak club marks its'
        ' 40th season</a></h3><div class="wp-block-post-date"><time datetime="2025-09-14T08:00'
        ':00+00:00">September 14, 2025</time></div></li></ul></div>'),
    # Elementor Pro's Posts widget (classic skin) with the meta data line, relative links.
    "elementor-posts-meta": (
        '<div class="elementor-element elementor-widget elementor-widget-posts" '
        'data-element_type="widget" data-widget_type="posts.classic"><div class="elementor-'
        'widget-container"><div class="elementor-posts-container elementor-posts elementor-'
        'posts--skin-classic elementor-grid"><article class="elementor-post elementor-grid-'
        'item post-4380 post type-post status-publish"><a class="elementor-post__thumbnail__'
        'link" href="/harbour-dredging-resumes/" tabindex="-1"><div class="elementor-post__'
        'thumbnail"><img width="300" height="200" src="/wp-content/uploads/2025/09/dredging-'
        '300x200.jpg" alt="" /></div></a><div class="elementor-post__text"><h3 class="'
        'elementor-post__title"><a href="/harbour-dredging-resumes/">Harbour dredging resumes'
        '</a></h3><div class="elementor-post__meta-data"><span class="elementor-post-author">'
        'Newsroom</span><span class="elementor-post-date">September 30, 2025</span></div></div>'
        '</article></div></div></div>'),
    # GeneratePress's WP Show Posts: a <header> per post, the date linked, schema.org props.
    "wp-show-posts": (
        '<section id="wpsp-4512" class=" wp-show-posts columns wp-show-posts-columns" style="">'
        '<article class=" wp-show-posts-single post-4480 post type-post status-publish '
        'wpsp-col-12" itemtype="http://schema.org/CreativeWork" itemscope><div class="wp-show-'
        'posts-inner"><header class="wp-show-posts-entry-header"><h2 class="wp-show-posts-'
        f'entry-title" itemprop="headline"><a href="{SITE}/2025/08/divers/" rel="bookmark">'
        'Volunteer divers count the harbour’s fish</a></h2><div class="wp-show-posts-entry-'
        'meta wp-show-posts-entry-meta-below-title post-meta-inline"><span class="wp-show-'
        f'posts-byline wp-show-posts-meta">by <span class="wp-show-posts-author vcard"><a '
        f'class="url fn n" href="{SITE}/author/newsroom/">Newsroom</a></span></span> <span '
        f'class="wp-show-posts-posted-on wp-show-posts-meta"><a href="{SITE}/2025/08/divers/" '
        'rel="bookmark"><time class="wp-show-posts-entry-date published" datetime="2025-08-30'
        'T10:00:00+00:00" itemprop="datePublished">August 30, 2025</time></a></span></div>'
        '</header></div></article></section>'),
    # A Drupal views block ("Recent content", views' item list), its title in the block.
    "drupal-views-block": (
        '<div class="views-element-container block block-views block-views-blockcontent-'
        'recent-block-1" id="block-views-block-content-recent-block-1"><h2>Recent content</h2>'
        '<div class="content"><div><div class="view view-content-recent view-id-content_recent'
        ' view-display-id-block_1 js-view-dom-id-5c3f"><div class="view-content"><div class="'
        'item-list"><ul><li><div class="views-field views-field-title"><span class="field-'
        'content"><a href="/node/61" hreflang="en">Kayak club marks its 40th season</a></span>'
        '</div><div class="views-field views-field-changed"><span class="field-content"><time '
        'datetime="2025-09-14T08:00:00Z">Sun, 09/14/2025 - 08:00</time></span></div></li><li>'
        '<div class="views-field views-field-title"><span class="field-content"><a href="/node/'
        '58" hreflang="en">Council votes on the harbour plan</a></span></div></li></ul></div>'
        '</div></div></div></div></div>'),
    # Ghost's post cards (Casper's post-card partial), outside its read-more aside.
    "ghost-post-card": (
        '<div class="post-feed"><article class="post-card post tag-local"><a class="post-card'
        '-image-link" href="/tide-pools-reopen/"><img class="post-card-image" sizes="(max-width'
        ': 1000px) 400px, 800px" src="/content/images/size/w600/2025/09/pools.jpg" alt="Tide '
        'pools reopen after the storm" loading="lazy" /></a><div class="post-card-content"><a '
        'class="post-card-content-link" href="/tide-pools-reopen/"><header class="post-card-'
        'header"><div class="post-card-tags"><span class="post-card-primary-tag">Local</span>'
        '</div><h2 class="post-card-title">Tide pools reopen after the storm</h2></header></a>'
        '<footer class="post-card-meta"><time class="post-card-meta-date" datetime="2025-09-28'
        '">Sep 28, 2025</time><span class="post-card-meta-length">3 min read</span></footer>'
        '</div></article></div>'),
    # An editor's unlabelled list of the site's stories, no class at all.
    "bare-list": (
        '<ul><li><a href="/2025/09/tide-pools-reopen/">Tide pools reopen after the storm</a>'
        '</li><li><a href="/2025/09/harbour-plan/">Council votes on the harbour plan</a></li>'
        '</ul>'),
}


@pytest.mark.parametrize("name", sorted(POST_LISTS))
def test_a_list_of_the_publishers_posts_between_paragraphs_passes(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, POST_LISTS[name])), article)
    assert verdict.compliant, explain(verdict)
    assert all(f.ok for f in verdict.findings), explain(verdict)


@pytest.mark.parametrize("name", ["wp-latest-posts", "wp-query-loop", "ghost-post-card"])
def test_a_post_lists_thumbnail_is_the_publishers_not_an_unlicensed_image(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, POST_LISTS[name])), article)
    assert "publisher's boxes" in verdict.finding("images").detail, explain(verdict)


@pytest.mark.parametrize("name", ["wp-latest-posts", "bare-list", "drupal-views-block"])
def test_a_french_page_with_a_post_list_passes(
    fr_republished: tuple[Article, str], name: str
) -> None:
    article, html = fr_republished
    verdict = check_page(on_site(article, between_paragraphs(html, POST_LISTS[name], 2)),
                         article)
    assert verdict.compliant, explain(verdict)


# The publisher's words, inserted into the article, that look like a list of posts in part.
NOT_POST_LISTS = {
    # prose with a link to the site's own page
    "prose-with-link": (
        '<p>We reported on the same die-off in our harbour last year, in <a href="/2024/08/'
        'sea-stars/">our series on the sea stars</a>, and readers wrote in with photos.</p>'),
    # one sentence wrapped around a link
    "short-sentence-with-link": (
        '<p>Read our <a href="/2025/09/harbour-plan/">harbour plan coverage</a> too.</p>'),
    # a list of links to other sites: the publisher's further reading, not its own posts
    "links-to-other-sites": (
        '<ul><li><a href="https://www.noaa.gov/sea-star-wasting">NOAA on sea star wasting</a>'
        '</li><li><a href="https://oceans.example.org/kelp-forests">Kelp forests, explained</a>'
        '</li></ul>'),
    # a list of the site's posts with the publisher's comment beside it
    "list-with-a-note": (
        '<div><p>Our newsroom disagrees with the conclusion of this article.</p><ul><li><a '
        'href="/2025/09/harbour-plan/">Council votes on the harbour plan</a></li></ul></div>'),
    # an excerpt-like sentence of the publisher's, beside a post link
    "link-with-a-sentence": (
        '<div class="wp-block-group"><h3><a href="/2025/09/kayak-club/">Kayak club marks its'
        ' 40th season</a></h3><p>The club says the water has never been this warm.</p></div>'),
}


@pytest.mark.parametrize("name", sorted(NOT_POST_LISTS))
def test_the_publishers_words_that_are_no_post_list_are_added_text(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, NOT_POST_LISTS[name])),
                         article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "was added" in verdict.finding("unaltered-text").detail


def test_a_post_list_titled_with_the_originals_sentence_is_text(
    en_republished: tuple[Article, str]
) -> None:
    """A "post" whose title is a sentence of the original (a changed copy of it hidden in a
    list of links): the list carries the original's words, so it is judged as text."""
    article, html = en_republished
    plain = [p for p in re.findall(r"<p>([^<]*)</p>", html) if len(p.split()) > 25]
    sentence = " ".join(plain[1].split()[:12])
    box = (f'<ul class="wp-block-latest-posts__list wp-block-latest-posts"><li><a href="/p/1">'
           f'{sentence}</a></li></ul>')
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)


def test_a_post_list_on_another_host_is_not_the_publishers(
    en_republished: tuple[Article, str]
) -> None:
    """The Latest Posts markup, its links leading to another site than the page's own (its
    canonical address): the publisher's words with links elsewhere, judged as text."""
    article, html = en_republished
    elsewhere = POST_LISTS["wp-latest-posts"].replace(SITE, "https://other-news.example")
    verdict = check_page(on_site(article, between_paragraphs(html, elsewhere)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text", "images"], explain(verdict)


@pytest.mark.parametrize("page_site, list_site", [
    (SITE, "https://blog.harbourtown.example"),  # the site's blog, below its host
    (SITE, "https://www.blog.harbourtown.example"),
    ("https://news.harbourtown.example", SITE),  # a section's host, its list to the main site
])
def test_a_post_list_on_a_host_above_or_below_the_pages_is_the_publishers(
    en_republished: tuple[Article, str], page_site: str, list_site: str
) -> None:
    """The Latest Posts markup on one host of the publisher's, its links to another of its
    hosts, one a subdomain of the other (docs/compliance.md#publisher-boxes)."""
    article, html = en_republished
    box = POST_LISTS["wp-latest-posts"].replace(SITE, list_site)
    body = between_paragraphs(html, box)
    verdict = check_page(
        sub(page(article, body), "</head>", CANONICAL.replace(SITE, page_site) + "</head>"),
        article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("list_site", [
    "https://harbourtown.example.other-news.example",  # the name, under another domain
    "https://oldharbourtown.example",  # the name, ending another one
    "https://example",  # the top-level name alone
])
def test_a_post_list_on_a_lookalike_host_is_not_the_publishers(
    en_republished: tuple[Article, str], list_site: str
) -> None:
    article, html = en_republished
    box = POST_LISTS["wp-latest-posts"].replace(SITE, list_site)
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text", "images"], explain(verdict)


def test_a_list_linking_the_conversation_is_not_furniture(
    en_republished: tuple[Article, str]
) -> None:
    """Links to The Conversation are credit or the original's, never a publisher's list."""
    article, html = en_republished
    box = ('<ul><li><a href="https://theconversation.com/us/environment">More environment '
           "stories</a></li></ul>")
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert not verdict.compliant, explain(verdict)
