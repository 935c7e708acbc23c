"""check_page and the publisher's boxes known by their shape, whatever their class (issue 9,
red-team findings F17, F20, F21, docs/compliance.md#publisher-boxes): a link card to one of
the publisher's own posts, a list of its posts with their excerpts, a newsletter box (a
heading and one call to sign up). Each passes every rule, its images and handlers the box's;
and the guards: a box that carries the publisher's prose (an editor's note beside a sign-up
link, a sentence under a lone link, a card with a caption), links another site or holds the
original's image is still judged.

Pages are built in memory from our own republication of the recorded US and French samples
(tests/data), never an altered article on disk. Each box is the markup its software writes,
named beside it, with the publisher's own titles and words; none of these shapes is in the
corpus (tests/corpus), and no class of theirs is one the checker knows."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check, check_page
from syndication.models import Article
from syndication.republish import republish

from .test_check_boxes import between_paragraphs, explain
from .test_check_post_lists import SITE, on_site

POST = f"{SITE}/2025/09/tide-pools-reopen/"

# A card linking one post of the publisher's own site: all its words in that one link.
LINK_CARDS = {
    # The block editor's Embed block given one of the site's own post URLs (WordPress's
    # oEmbed of itself: the blockquote fallback and the sandboxed iframe of /embed/).
    "wp-embed-own-post": (
        '<figure class="wp-block-embed is-type-wp-embed is-provider-harbour-town wp-block-embed'
        '-harbour-town"><div class="wp-block-embed__wrapper">\n<blockquote class="wp-embedded-'
        f'content" data-secret="a1B2c3D4e5"><a href="{POST}">Tide pools reopen after the storm'
        '</a></blockquote><iframe class="wp-embedded-content" sandbox="allow-scripts" '
        'security="restricted" style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" '
        'title="&#8220;Tide pools reopen after the storm&#8221; &#8212; Harbour Town" '
        f'src="{POST}embed/#?secret=a1B2c3D4e5" data-secret="a1B2c3D4e5" width="500" '
        'height="282" frameborder="0" marginwidth="0" marginheight="0" scrolling="no">'
        "</iframe>\n</div></figure>"),
    # Substack's embedded post (EmbeddedPostToDOM) on a publication with its own domain:
    # logo, publication, title, subtitle, "Read more", meta, all inside one <a>.
    "substack-embedded-post": (
        '<div class="embedded-post-wrap" data-attrs="{&quot;id&quot;:148213377,&quot;url'
        f'&quot;:&quot;{POST}&quot;,&quot;publication_name&quot;:&quot;Harbour Town&quot;'
        '}" data-component-name="EmbeddedPostToDOM"><a class="embedded-post" native="true" '
        f'href="{POST}?utm_source=substack&amp;utm_campaign=post_embed&amp;utm_medium=web">'
        '<div class="embedded-post-header"><img class="embedded-post-publication-logo" '
        f'src="{SITE}/img/logo-56.png" loading="lazy"><span class="embedded-post-publication-'
        'name">Harbour Town</span></div><div class="embedded-post-title-wrapper"><div class="'
        'embedded-post-title">Tide pools reopen after the storm</div></div><div class="'
        'embedded-post-body">The rangers counted more anemones than last spring.</div><div '
        'class="embedded-post-cta-wrapper"><span class="embedded-post-cta">Read more</span>'
        '</div><div class="embedded-post-meta">2 months ago · 3 likes · Harbour Desk</div>'
        "</a></div>"),
    # Medium's link card (a "mixtape" embed, as its HTML export writes it): title, description
    # and host in one link, the thumbnail in a second, wordless link to the same post.
    "medium-mixtape": (
        '<div name="c4d1" id="c4d1" class="graf graf--mixtapeEmbed graf-after--p"><a href="'
        f'{POST}" data-href="{POST}" class="markup--anchor markup--mixtapeEmbed-anchor" '
        f'title="{POST}"><strong class="markup--strong markup--mixtapeEmbed-strong">Tide pools '
        'reopen after the storm</strong><br><em class="markup--em markup--mixtapeEmbed-em">The '
        'rangers counted more anemones than last spring.</em>harbourtown.example</a><a href="'
        f'{POST}" class="js-mixtapeImage mixtapeImage u-ignoreBlock" data-media-id="9f2c" '
        'data-thumbnail-img-id="0*Pc9xQ.jpeg" style="background-image: url(https://cdn-images-1'
        '.medium.com/fit/c/160/160/0*Pc9xQ.jpeg);"></a></div>'),
    # Notion's web bookmark as its HTML export writes it: title, description, favicon, URL
    # and image, all inside one link.
    "notion-bookmark": (
        f'<figure id="1d6f2a3b-8c0e-4b7a-9e51-2f6d0c3a7b14"><a href="{POST}" class="bookmark '
        'source"><div class="bookmark-info"><div class="bookmark-text"><div class="bookmark-'
        'title">Tide pools reopen after the storm</div><div class="bookmark-description">The '
        'rangers counted more anemones than last spring.</div></div><div class="bookmark-href">'
        f'<img src="{SITE}/favicon.ico" class="icon bookmark-icon"/>{POST}</div></div><img '
        f'src="{SITE}/wp-content/uploads/2025/09/pools.jpg" class="bookmark-image"/></a>'
        "</figure>"),
}

# A list of the publisher's posts showing their excerpts.
EXCERPT_LISTS = {
    # WordPress core's Latest Posts block with "Post content: excerpt"
    # (render_block_core_latest_posts): the trimmed excerpt and its "Read more" link in one
    # div, under the title link and the date.
    "wp-latest-posts-excerpts": (
        '<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts"><li><a class='
        f'"wp-block-latest-posts__post-title" href="{POST}">Tide pools reopen after the storm'
        '</a><time datetime="2025-09-28T09:12:00+00:00" class="wp-block-latest-posts__post-'
        'date">September 28, 2025</time><div class="wp-block-latest-posts__post-excerpt">The '
        'rangers counted more anemones than last spring, and the kelp is back along the north '
        f'wall &hellip; <a class="wp-block-latest-posts__read-more" href="{POST}" rel="noopener'
        ' noreferrer">Read more<span class="screen-reader-text">: Tide pools reopen after the '
        'storm</span></a></div></li><li><a class="wp-block-latest-posts__post-title" href="'
        f'{SITE}/2025/09/harbour-plan/">Council votes on the harbour plan</a><time datetime="'
        '2025-09-21T17:40:00+00:00" class="wp-block-latest-posts__post-date">September 21, '
        '2025</time><div class="wp-block-latest-posts__post-excerpt">Nine votes to four: the '
        'ferry pier will be rebuilt before the winter storms.</div></li></ul>'),
    # The block editor's Query Loop with Post Title, Post Date and Post Excerpt blocks.
    "wp-query-loop-excerpt": (
        '<div class="wp-block-query is-layout-flow wp-block-query-is-layout-flow"><ul class="'
        'wp-block-post-template is-layout-flow wp-block-post-template-is-layout-flow"><li '
        'class="wp-block-post post-4471 post type-post status-publish format-standard hentry '
        f'category-local"><h3 class="wp-block-post-title"><a href="{SITE}/2025/09/kayak-club/"'
        ' target="_self">Kayak club marks its 40th season</a></h3><div class="wp-block-post-'
        'date"><time datetime="2025-09-14T08:00:00+00:00">September 14, 2025</time></div><div'
        ' class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Forty '
        'summers on, the club still launches from the old slipway every Saturday morning. </p>'
        '<p class="wp-block-post-excerpt__more-text"><a class="wp-block-post-excerpt__more-'
        f'link" href="{SITE}/2025/09/kayak-club/">Read more</a></p></div></li></ul></div>'),
    # Elementor Pro's Posts widget (classic skin) with thumbnail, date, excerpt, "Read More".
    "elementor-posts-excerpt": (
        '<div class="elementor-posts-container elementor-posts elementor-posts--skin-classic '
        'elementor-grid"><article class="elementor-post elementor-grid-item post-4380 post '
        'type-post status-publish format-standard has-post-thumbnail hentry category-local"><a'
        f' class="elementor-post__thumbnail__link" href="{SITE}/harbour-dredging-resumes/" '
        'tabindex="-1"><div class="elementor-post__thumbnail"><img width="300" height="200" '
        f'src="{SITE}/wp-content/uploads/2025/09/dredging-300x200.jpg" alt="" /></div></a>'
        '<div class="elementor-post__text"><h3 class="elementor-post__title"><a href="'
        f'{SITE}/harbour-dredging-resumes/">Harbour dredging resumes</a></h3><div class="'
        'elementor-post__meta-data"><span class="elementor-post-date">September 30, 2025'
        '</span></div><div class="elementor-post__excerpt"><p>The dredger returns to the inner'
        ' harbour on Monday, a week later than planned.</p></div><a class="elementor-post__'
        f'read-more" href="{SITE}/harbour-dredging-resumes/" aria-label="Read more about '
        'Harbour dredging resumes" tabindex="-1">Read More »</a></div></article></div>'),
    # Divi's Blog module in its fullwidth layout with its default meta line: author, date,
    # category and comment count, three of them links.
    "divi-blog-fullwidth": (
        '<div class="et_pb_module et_pb_blog_0 et_pb_blog_fullwidth et_pb_bg_layout_light">'
        '<div class="et_pb_ajax_pagination_container"><article id="post-4380" class="et_pb_post'
        ' clearfix et_pb_blog_item_0_0 post-4380 post type-post status-publish format-standard'
        f' has-post-thumbnail hentry category-local"><a href="{SITE}/2025/09/28/harbour-'
        f'dredging-resumes/" class="entry-featured-image-url"><img src="{SITE}/wp-content/'
        'uploads/2025/09/dredging-1080x675.jpg" alt="Harbour dredging resumes" width="1080" '
        f'height="675" /></a><h2 class="entry-title"><a href="{SITE}/2025/09/28/harbour-'
        'dredging-resumes/">Harbour dredging resumes</a></h2><p class="post-meta"> by <span '
        f'class="author vcard"><a href="{SITE}/author/desk/" title="Posts by Harbour Desk" '
        'rel="author">Harbour Desk</a></span> | <span class="published">Sep 28, 2025</span> | '
        f'<a href="{SITE}/category/local/" rel="category tag">Local</a> | <a href="{SITE}/2025/'
        '09/28/harbour-dredging-resumes/#respond">0 comments</a></p><div class="post-content">'
        '<div class="post-content-inner"><p>The dredger returns to the inner harbour on '
        f'Monday.</p></div><a href="{SITE}/2025/09/28/harbour-dredging-resumes/" class="more-'
        'link">read more</a></div></article></div></div>'),
    # A Drupal view of the latest articles, title and trimmed body ("Summary or trimmed")
    # per row, nothing else.
    "drupal-view-summaries": (
        '<div class="views-element-container"><div class="view view-latest view-id-latest '
        'view-display-id-block_1 js-view-dom-id-8e1d"><div class="view-content"><div class="'
        'views-row"><div class="views-field views-field-title"><span class="field-content"><a'
        ' href="/node/61" hreflang="en">Kayak club marks its 40th season</a></span></div><div'
        ' class="views-field views-field-body"><div class="field-content"><p>Forty summers on,'
        ' the club still launches from the old slipway every Saturday morning.</p></div></div>'
        '</div><div class="views-row"><div class="views-field views-field-title"><span class="'
        'field-content"><a href="/node/58" hreflang="en">Council votes on the harbour plan</a>'
        '</span></div><div class="views-field views-field-body"><div class="field-content"><p>'
        "Nine votes to four: the ferry pier will be rebuilt before the winter storms.</p></div>"
        "</div></div></div></div></div>"),
}

# A newsletter box: a heading or a sentence, and one call to sign up.
SIGN_UPS = {
    # Ghost's header card as Koenig writes it now (kg-v2): heading, subheading, button to
    # the members portal.
    "ghost-header-card-v2": (
        '<div class="kg-card kg-header-card kg-v2 kg-width-full kg-content-wide " style="'
        'background-color: #000000;" data-background-color="#000000"><div class="kg-header-'
        'card-content"><div class="kg-header-card-text kg-align-center"><h2 id="the-friday-'
        'briefing" class="kg-header-card-heading" style="color: #FFFFFF;" data-text-color="'
        '#FFFFFF"><span style="white-space: pre-wrap;">The Friday briefing</span></h2><p id="'
        'every-week" class="kg-header-card-subheading" style="color: #FFFFFF;" data-text-'
        'color="#FFFFFF"><span style="white-space: pre-wrap;">Every week, the harbour’s news '
        'in your inbox.</span></p><a href="#/portal/signup" class="kg-header-card-button " '
        'style="background-color: #ffffff;color: #000000;" data-button-color="#ffffff" '
        'data-button-text-color="#000000">Subscribe</a></div></div></div>'),
    # The block editor's Group of a Heading, a Paragraph and a Buttons block, linking the
    # site's own newsletter page.
    "wp-group-buttons": (
        '<div class="wp-block-group has-background" style="background-color:#eef4f7"><div '
        'class="wp-block-group__inner-container is-layout-flow wp-block-group-is-layout-flow">'
        '<h3 class="wp-block-heading">The Harbour Town briefing</h3><p>Local news and the '
        'science behind it, every Friday.</p><div class="wp-block-buttons is-layout-flex '
        'wp-block-buttons-is-layout-flex"><div class="wp-block-button"><a class="wp-block-'
        f'button__link wp-element-button" href="{SITE}/newsletter/">Sign up</a></div></div>'
        "</div></div>"),
    # Two blocks of their own: a Heading block, then a Buttons block linking the site's
    # Mailchimp hosted sign-up form.
    "wp-heading-then-buttons": (
        '<h3 class="wp-block-heading">Subscribe to our newsletter</h3><div class="wp-block-'
        'buttons is-layout-flex wp-block-buttons-is-layout-flex"><div class="wp-block-button">'
        '<a class="wp-block-button__link wp-element-button" href="https://harbourtown.us21.'
        'list-manage.com/subscribe?u=5f1e2d3c4b5a69788796a5b4c&amp;id=0a1b2c3d4e">Sign up'
        "</a></div></div>"),
    # Substack's "Subscribe now" button (ButtonCreateButton) alone between paragraphs.
    "substack-subscribe-button": (
        '<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://harbourtown.'
        'substack.com/subscribe?&quot;,&quot;text&quot;:&quot;Subscribe now&quot;,&quot;'
        'action&quot;:null,&quot;class&quot;:null}" data-component-name="ButtonCreateButton">'
        '<a class="button primary" href="https://harbourtown.substack.com/subscribe?"><span>'
        "Subscribe now</span></a></p>"),
    # A Mailchimp hosted sign-up page linked from a short invitation (its eepurl.com link).
    "mailchimp-hosted-link": (
        '<div class="wp-block-group"><p><strong>Never miss a tide table.</strong></p>'
        '<p><a href="http://eepurl.com/iKjnYo" target="_blank" rel="noopener">Get the '
        "Friday email</a></p></div>"),
    # Mailchimp's embedded form as its form builder's code writes it (mc_embed_shell, the
    # form, its validation script).
    "mailchimp-embedded-form": (
        '<div id="mc_embed_shell"><div id="mc_embed_signup"><form action="https://harbourtown.'
        'us21.list-manage.com/subscribe/post?u=5f1e2d3c4b5a69788796a5b4c&amp;id=0a1b2c3d4e&amp;'
        'f_id=00e1f2a3b4" method="post" id="mc-embedded-subscribe-form" name="mc-embedded-'
        'subscribe-form" class="validate" target="_blank"><div id="mc_embed_signup_scroll"><h2>'
        'Subscribe</h2><div class="indicates-required"><span class="asterisk">*</span> '
        'indicates required</div><div class="mc-field-group"><label for="mce-EMAIL">Email '
        'Address <span class="asterisk">*</span></label><input type="email" name="EMAIL" '
        'class="required email" id="mce-EMAIL" required="" value=""></div><div class="clear"><'
        'input type="submit" name="subscribe" id="mc-embedded-subscribe" class="button" value="'
        'Subscribe"></div></div></form></div><script type="text/javascript" src="//s3.amazonaws'
        '.com/downloads.mailchimp.com/js/mc-validate.js"></script><script type="text/javascript'
        '">(function($) {window.fnames = new Array(); window.ftypes = new Array();fnames[0]='
        "'EMAIL';ftypes[0]='merge';}(jQuery));var $mcj = jQuery.noConflict(true);</script></div>"),
}

# A sponsor's banner placed as a linked picture captioned with the ad label alone.
ADS = {
    # The block editor's Image block, linked to the sponsor, its caption the label (French).
    "wp-image-sponsor-fr": (
        '<figure class="wp-block-image size-full"><a href="https://ads.example.net/click?id=41"'
        ' target="_blank" rel="noreferrer noopener sponsored"><img decoding="async" width="728"'
        f' height="90" src="{SITE}/wp-content/uploads/2025/09/banque-728x90.png" alt="Banque du'
        ' port" class="wp-image-4521"/></a><figcaption class="wp-element-caption">Publicité'
        "</figcaption></figure>"),
}

HARMLESS = LINK_CARDS | EXCERPT_LISTS | SIGN_UPS | ADS


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_a_publishers_box_known_by_its_shape_passes(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, HARMLESS[name])), article)
    assert verdict.compliant, explain(verdict)
    assert all(f.ok for f in verdict.findings), explain(verdict)


@pytest.mark.parametrize("name", ["notion-bookmark", "substack-embedded-post",
                                  "elementor-posts-excerpt"])
def test_a_cards_pictures_are_the_publishers(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, HARMLESS[name])), article)
    assert "publisher's boxes" in verdict.finding("images").detail, explain(verdict)


@pytest.mark.parametrize("name", ["wp-latest-posts-excerpts", "ghost-header-card-v2",
                                  "medium-mixtape"])
def test_a_french_page_with_a_box_known_by_its_shape_passes(
    fr_republished: tuple[Article, str], name: str
) -> None:
    article, html = fr_republished
    verdict = check_page(on_site(article, between_paragraphs(html, HARMLESS[name], 2)),
                         article)
    assert verdict.compliant, explain(verdict)


# Ghost's bookmark card as Koenig writes it, with the onerror handler it puts on the
# thumbnail (hides a broken image).
GHOST_BOOKMARK = (
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="{href}">'
    '<div class="kg-bookmark-content"><div class="kg-bookmark-title">Tide pools reopen after the'
    ' storm</div><div class="kg-bookmark-description">The rangers counted more anemones than '
    'last spring.</div><div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="'
    f'{SITE}/favicon.png" alt=""><span class="kg-bookmark-author">Harbour Town</span><span '
    'class="kg-bookmark-publisher">Harbour Desk</span></div></div><div class="kg-bookmark-'
    'thumbnail"><img src="{thumbnail}" alt="" onerror="this.style.display = \'none\'"></div>'
    "</a>{caption}</figure>")


def _bookmark(href: str = POST, thumbnail: str = f"{SITE}/content/images/pools.jpg",
              caption: str = "") -> str:
    return GHOST_BOOKMARK.format(href=href, thumbnail=thumbnail, caption=caption)


def test_a_bookmark_cards_handler_is_the_publishers_on_a_page(
    en_republished: tuple[Article, str]
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, _bookmark())), article)
    assert verdict.compliant, explain(verdict)
    assert verdict.finding("safe-html").ok


def test_a_feed_entry_with_the_same_card_is_still_unsafe(
    en_republished: tuple[Article, str]
) -> None:
    """A feed entry has no publisher's boxes: it is judged whole, so the handler is named
    (what our own output, sanitised, never carries)."""
    article, html = en_republished
    verdict = check(between_paragraphs(html, _bookmark()), article, title=article.title)
    assert verdict.finding("safe-html").ok is False, explain(verdict)
    assert "onerror" in verdict.finding("safe-html").detail


def test_a_card_to_another_site_is_the_publishers_words(
    en_republished: tuple[Article, str]
) -> None:
    """Not the publisher's own post: its words are added, its pictures uncredited."""
    article, html = en_republished
    box = _bookmark(href="https://other-news.example/2025/09/tide-pools-reopen/")
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert {"unaltered-text", "images", "safe-html"} <= {f.rule for f in verdict.failed}, \
        explain(verdict)


def test_a_card_with_the_originals_image_is_no_box(env_article: Article) -> None:
    """The original's Getty photo as a card's thumbnail: the card is no box, and the photo
    fails images wherever it is."""
    img = re.search(r'<img[^>]*src="([^"]+)"', env_article.content)
    assert img is not None and "theconversation" in img.group(1)
    html = republish(env_article).html
    box = _bookmark(thumbnail=img.group(1))
    verdict = check_page(on_site(env_article, between_paragraphs(html, box)), env_article)
    assert {"unaltered-text", "images"} <= {f.rule for f in verdict.failed}, explain(verdict)


# The publisher's words beside something that looks like a box in part: still text.
NOT_BOXES = {
    # an editor's note in a sentence ending with a sign-up link
    "note-with-sign-up-link": (
        '<p>Editor’s note: several scientists quoted here have since changed their minds about'
        ' the die-off, and we will report on it. <a href="/newsletter/">Subscribe to our '
        "newsletter</a></p>"),
    # a long note above a sign-up button
    "long-note-above-button": (
        '<div class="wp-block-group"><p>Editor’s note: our newsroom disagrees with the '
        "conclusion of this article and will publish a reply by local marine biologists next "
        "week, with the data they gathered on the shore all summer long.</p><div class="
        '"wp-block-button"><a class="wp-block-button__link" href="/newsletter/">Sign up</a>'
        "</div></div>"),
    # a short note above a sign-up button, about the article: it names its author, or The
    # Conversation (a publisher's pitch for its newsletter names neither)
    "short-note-naming-the-author-above-button": (
        '<div class="wp-block-group"><p>Editor’s note: Rebecca Vega Thurber wrote this piece '
        'after our readers asked us about it.</p><div class="wp-block-buttons"><div class='
        '"wp-block-button"><a class="wp-block-button__link" href="/subscribe/">Subscribe</a>'
        "</div></div></div>"),
    "short-note-naming-tc-above-button": (
        '<div class="wp-block-group"><p>We asked The Conversation for this piece after our '
        'readers’ questions.</p><div class="wp-block-buttons"><div class="wp-block-button">'
        '<a class="wp-block-button__link" href="/subscribe/">Subscribe</a></div></div></div>'),
    # a heading and a button that leads to no sign-up
    "note-above-contact-button": (
        '<div class="wp-block-group"><h3>Editor’s note: we disagree with this article.</h3>'
        '<div class="wp-block-button"><a class="wp-block-button__link" href="/contact/">'
        "Write to us</a></div></div>"),
    # a bookmark card with a caption of the publisher's under it
    "card-with-caption": _bookmark(caption=(
        "<figcaption>Editor’s note: the rangers disagree with this article.</figcaption>")),
    # a list whose "excerpt" is longer than any CMS's: the publisher's prose
    "overlong-excerpt": (
        f'<ul class="wp-block-latest-posts__list"><li><a href="{POST}">Tide pools reopen</a>'
        '<time datetime="2025-09-28">September 28, 2025</time><div class="wp-block-latest-'
        'posts__post-excerpt">' + "Our reporters spent the summer on the shore and saw "
        "what this article does not say about the sea stars, the urchins and the kelp. " * 4
        + "</div></li></ul>"),
    # a note linked whole to a page of the site: a sentence, not a post's title
    "note-linked-whole": (
        '<p><em><a href="/corrections/">Correction: an earlier version of this article '
        "misnamed the harbour where the divers counted the sea stars.</a></em></p>"),
    # a note under one post's title, another post listed after it
    "note-under-one-of-two-titles": (
        f'<div class="wp-block-group"><h3><a href="{POST}">Tide pools reopen</a></h3><p>Our '
        'newsroom disagrees with this article.</p><ul><li><a href="/2025/09/harbour-plan/">'
        "Council votes on the harbour plan</a></li></ul></div>"),
    # a paragraph of the publisher's above a sign-up button of its own
    "paragraph-then-button": (
        "<p>Editor’s note: the rangers disagree with this article.</p><div class="
        '"wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" '
        'href="/newsletter/">Sign up</a></div></div>'),
    # a sentence before a post's title, not under it
    "sentence-before-title": (
        '<div class="wp-block-group"><p>Our newsroom disagrees with this article.</p><h3><a '
        f'href="{POST}">Tide pools reopen</a></h3><time datetime="2025-09-28">September 28, '
        "2025</time></div>"),
}


@pytest.mark.parametrize("name", sorted(NOT_BOXES))
def test_the_publishers_prose_beside_a_box_shape_is_added_text(
    en_republished: tuple[Article, str], name: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, NOT_BOXES[name])), article)
    assert "unaltered-text" in {f.rule for f in verdict.failed}, explain(verdict)
    assert "was added" in verdict.finding("unaltered-text").detail


def test_the_originals_picture_captioned_as_an_ad_is_no_box(env_article: Article) -> None:
    """The original's lead picture, linked elsewhere, its caption and credit replaced by
    "Advertisement": no ad box, so the picture without its credit fails."""
    img = re.search(r'<img[^>]*src="([^"]+)"', env_article.content)
    assert img is not None and "theconversation" in img.group(1)
    html = republish(env_article).html
    box = (f'<figure><a href="https://ads.example.net/click?id=41"><img src="{img.group(1)}" '
           'alt=""></a><figcaption>Advertisement</figcaption></figure>')
    verdict = check_page(on_site(env_article, between_paragraphs(html, box)), env_article)
    assert "images" in {f.rule for f in verdict.failed}, explain(verdict)
