"""check_page and a publisher's own boxes inside the article (issue 9,
docs/compliance.md#publisher-boxes): ads, newsletter sign-ups and "Related" links between
two paragraphs, as WordPress plugins, Ghost, Substack and AMP write them, pass; the box
class is no hole: the original's words inside a box are judged. Pages are built in memory
from our own republication of the recorded US sample; the markup of each box is the shape its
plugin writes (the plugin named beside it), the words the publisher's, never the article's."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.compliance.boxkinds import box_kind
from syndication.compliance.htmltext import extract, parse_fragment
from syndication.models import Article
from syndication.republish import republish

from .corpus.edits import TRINITY_AUDIO
from .pages import explain, third_party_page

SITE = "https://publisher.example"

# Each a box as its CMS or plugin writes it, between two paragraphs of the article.
BOXES = {
    # Ad Inserter with an AdSense unit: the plugin's code-block wrapper, AdSense's <ins> and
    # its push script.
    "ad-inserter-adsense": (
        "<div class='code-block code-block-2' style='margin: 8px auto; text-align: center; "
        "display: block; clear: both;'>\n<script async src=\"https://pagead2.googlesyndication"
        ".com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890\" crossorigin=\"anonymous\">"
        "</script>\n<ins class=\"adsbygoogle\" style=\"display:block; text-align:center;\" "
        "data-ad-layout=\"in-article\" data-ad-format=\"fluid\" data-ad-client=\"ca-pub-"
        "1234567890\" data-ad-slot=\"4455667788\"></ins>\n<script>(adsbygoogle = "
        "window.adsbygoogle || []).push({});</script></div>"),
    # Advanced Ads: an image ad with the plugin's label, under its (per-site) class prefix.
    "advanced-ads-image": (
        '<div class="advads-content advads-target" id="advads-1849823713"><div '
        'class="advads-adlabel">Advertisement</div><a href="https://sponsor.example/spring?'
        'utm_source=publisher" rel="sponsored noopener" target="_blank"><img '
        f'src="{SITE}/wp-content/uploads/2025/09/spring-fair-300x250.jpg" width="300" '
        'height="250" alt="Spring fair at the community hall"></a></div>'),
    # An AMP page's ad, its placeholder saying what it is.
    "amp-ad": (
        '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/article_mid">'
        "<div placeholder>Advertisement</div></amp-ad>"),
    # A theme's ad slot labelled in French, the label alone as a paragraph.
    "labelled-ad-fr": (
        '<div class="pub-inarticle" aria-label="Publicité"><p>Publicité</p>'
        f'<a href="https://sponsor.example/"><img src="{SITE}/pub/banner.png" alt=""></a></div>'),
    # Mailchimp for WordPress: the plugin's form.
    "mc4wp-form": (
        '<form id="mc4wp-form-1" class="mc4wp-form mc4wp-form-42" method="post" data-id="42" '
        'data-name="Newsletter"><div class="mc4wp-form-fields"><p>Our weekly digest of local '
        'science news, every Friday morning.</p><p><label>Email address: <input type="email" '
        'name="EMAIL" placeholder="Your email address" required /></label></p><p><input '
        'type="submit" value="Sign up" /></p></div></form>'),
    # Ghost's signup card (Koenig editor).
    "ghost-signup-card": (
        '<div class="kg-card kg-signup-card kg-width-regular" data-lexical-signup-form '
        'style="background-color: #F0F0F0;"><div class="kg-signup-card-content"><div '
        'class="kg-signup-card-text"><h2 class="kg-signup-card-heading">Sign up for Harbour '
        'Notes</h2><p class="kg-signup-card-subheading">Local news and the science behind it, '
        'in your inbox.</p><form class="kg-signup-card-form" data-members-form="signup"><div '
        'class="kg-signup-card-fields"><input class="kg-signup-card-input" id="email" '
        'type="email" required placeholder="Your email"><button class="kg-signup-card-button" '
        'type="submit"><span class="kg-signup-card-button-default">Subscribe</span></button>'
        '</div></form></div></div></div>'),
    # Substack's subscription widget.
    "substack-widget": (
        '<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe">'
        '<div class="preamble"><p class="cta-caption">Thanks for reading Harbour Notes! '
        'Subscribe for free to receive new posts.</p></div><form class="subscription-widget-'
        'subscribe"><input type="email" class="email-input" name="email" placeholder="Type your'
        ' email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe">'
        '</form></div></div>'),
    # Jetpack's Related Posts block.
    "jetpack-related": (
        '<nav class="jp-relatedposts-i2 wp-block-jetpack-related-posts" aria-label="Related '
        'Posts"><ul class="jp-related-posts-i2__row" data-post-count="2"><li '
        'class="jp-related-posts-i2__post" id="related-posts-item-1"><a '
        f'class="jp-related-posts-i2__post-link" href="{SITE}/2025/09/tide-pools-reopen/">Tide '
        'pools reopen after the storm</a></li><li class="jp-related-posts-i2__post" '
        f'id="related-posts-item-2"><a class="jp-related-posts-i2__post-link" href="{SITE}/'
        '2025/08/harbour-plan/">Council votes on the harbour plan</a></li></ul></nav>'),
    # YARPP's list template.
    "yarpp": (
        "<div class='yarpp yarpp-related yarpp-related-website yarpp-template-list'><h3>Related "
        f'posts:</h3><ol><li><a href="{SITE}/2025/08/kayak-club/" rel="bookmark" title="Kayak '
        'club marks its 40th season">Kayak club marks its 40th season</a></li></ol></div>'),
    # A "Read more" box in an <aside> inside the content, with a thumbnail.
    "aside-read-more": (
        f'<aside><p>Read more: <a href="{SITE}/2025/07/divers/">Volunteer divers count the '
        f'harbour\'s fish</a></p><img src="{SITE}/uploads/divers-150x150.jpg" alt=""></aside>'),
    # An editor's related line with no class at all, in English and in Spanish.
    "plain-related-line": (
        f'<p><strong>Related:</strong> <a href="{SITE}/2025/09/harbour-plan/">Council votes on '
        "the harbour plan</a></p>"),
    "plain-related-line-es": (
        f'<p><strong>Lea también:</strong> <a href="{SITE}/2025/09/puerto/">El ayuntamiento '
        "vota el plan del puerto</a></p>"),
    # The block editor's embed of the publisher's own video.
    "wp-block-embed": (
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube'
        ' wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">'
        '<iframe title="Our harbour, from above" width="500" height="281" '
        'src="https://www.youtube.com/embed/abc123?feature=oembed" allowfullscreen></iframe>'
        "</div><figcaption class=\"wp-element-caption\">Our harbour, filmed from above by a "
        "reader</figcaption></figure>"),
    # Trinity Audio's player (its plugin's the_content filter): the configuration script,
    # then the placeholder the player mounts on, saying it is loading.
    "trinity-audio": TRINITY_AUDIO,
    # A theme's "Listen to this article" box around an <audio> of the text read aloud.
    "listen-box": (
        '<div class="listen-box"><p>Listen to this article</p><audio controls preload="none" '
        f'src="{SITE}/audio/2025/10/sea-stars.mp3"></audio></div>'),
}


@pytest.fixture(scope="module")
def us(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html



_PARAGRAPH_END = re.compile(r"</p>")


def between_paragraphs(html: str, box: str, after: int = 3) -> str:
    """``box`` inserted after the ``after``-th paragraph end of the republication."""
    ends = list(_PARAGRAPH_END.finditer(html))
    assert len(ends) > after + 2, "too few paragraphs"
    at = ends[after].end()
    return html[:at] + box + html[at:]


def page(article: Article, body: str) -> str:
    return third_party_page(body, title=article.title, author=article.authors[0].name)


@pytest.mark.parametrize("name", sorted(BOXES))
def test_a_publishers_box_between_paragraphs_passes(us: tuple[Article, str], name: str) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(html, BOXES[name])), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("name", ["ad-inserter-adsense", "advanced-ads-image", "mc4wp-form",
                                  "jetpack-related", "plain-related-line", "labelled-ad-fr",
                                  "trinity-audio", "listen-box"])
@pytest.mark.parametrize("where", ["before the first paragraph", "after the last paragraph"])
def test_a_box_at_either_end_of_the_article_is_no_added_text(
    us: tuple[Article, str], name: str, where: str
) -> None:
    """Plugins put boxes above the post's text and after it too (Jetpack's related posts
    after the content): the article's span is judged, and a box there adds no words."""
    article, html = us
    ends = [m.end() for m in _PARAGRAPH_END.finditer(html)]
    first_body = html.index("<p>", ends[0])  # after the byline
    at = first_body if where.startswith("before") else _last_body_end(html)
    body = html[:at] + BOXES[name] + html[at:]
    verdict = check_page(page(article, body), article)
    assert verdict.compliant, explain(verdict)


def _last_body_end(html: str) -> int:
    """The end of the article's last paragraph: before the counter image."""
    counter = html.index("counter.theconversation.com")
    return html.rindex("</p>", 0, counter) + len("</p>")


def test_an_image_in_a_box_is_named_as_the_publishers_not_judged(
    us: tuple[Article, str]
) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(html, BOXES["advanced-ads-image"])),
                         article)
    assert "publisher's boxes" in verdict.finding("images").detail


def _paragraphs(html: str) -> list[re.Match[str]]:
    """The republication's body paragraphs long enough to be the article's text."""
    return [m for m in re.finditer(r"<p>(.*?)</p>", html, re.DOTALL)
            if len(m.group(1).split()) > 25 and "<a " not in m.group(1)]


def _edit_one_word(text: str) -> str:
    words = text.split(" ")
    i = len(words) // 2
    words[i] = "REDACTED" if words[i] != "REDACTED" else "CHANGED"
    return " ".join(words)


@pytest.mark.parametrize("wrapper", [
    '<div class="code-block code-block-3">{}</div>',
    '<div class="advads-content" id="advads-77">{}</div>',
    '<div class="related-posts">{}</div>',
    "<aside>{}</aside>",
    '<div class="newsletter-box">{}</div>',
])
def test_the_originals_paragraph_in_a_box_class_is_still_judged(
    us: tuple[Article, str], wrapper: str
) -> None:
    """A paragraph of the original wrapped in a box's markup is the article's text: unaltered
    it passes, one word changed it fails naming the word."""
    article, html = us
    paragraph = _paragraphs(html)[2]
    kept = html.replace(paragraph.group(), wrapper.format(paragraph.group()), 1)
    verdict = check_page(page(article, kept), article)
    assert verdict.compliant, explain(verdict)
    edited = html.replace(paragraph.group(),
                          wrapper.format(f"<p>{_edit_one_word(paragraph.group(1))}</p>"), 1)
    verdict = check_page(page(article, edited), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "REDACTED" in verdict.finding("unaltered-text").detail


def test_an_edited_sentence_hidden_in_a_related_box_is_added_text(
    us: tuple[Article, str]
) -> None:
    """The article unaltered, and beside it a "Related" box quoting it with a word changed:
    the box carries the original's words, so it is text, and the changed quote is added."""
    article, html = us
    sentence = _paragraphs(html)[1].group(1).split(". ")[0]
    box = (f'<div class="jp-relatedposts"><p>Related: <a href="{SITE}/p/1">More</a></p>'
           f"<p>{_edit_one_word(sentence)}.</p></div>")
    verdict = check_page(page(article, between_paragraphs(html, box)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "was added" in verdict.finding("unaltered-text").detail


@pytest.mark.parametrize("box", [
    # an editor's comment in an ad or related class: prose, no link, form or image
    '<div class="ad-slot"><p>Editor’s note: several scientists quoted here have since '
    "changed their minds about what caused the die-off on this coast.</p></div>",
    '<div class="related-content"><p>Our newsroom disagrees with the conclusion of this '
    "article and will publish a reply by local marine biologists next week.</p></div>",
    # a long paragraph opening with a label
    "<p>Related: our reporters spent the summer on the shore, and what they saw there does "
    "not match what this article says about the sea stars, the urchins, the kelp, the "
    "otters and the fishermen who depend on them all year round, in every season.</p>",
])
def test_prose_added_in_a_box_class_is_added_text(us: tuple[Article, str], box: str) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(html, box)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "was added" in verdict.finding("unaltered-text").detail


def test_a_script_beside_the_article_outside_any_box_is_still_unsafe(
    us: tuple[Article, str]
) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(
        html, '<div class="wp-block-group"><script src="https://x.example/a.js"></script></div>')),
        article)
    assert [f.rule for f in verdict.failed] == ["safe-html"], explain(verdict)


def test_the_originals_unlicensed_image_in_a_box_still_fails(env_article: Article) -> None:
    """A box is no hiding place for the original's Getty photo."""
    lead = re.search(r"<figure>.*?</figure>", env_article.content, re.DOTALL)
    assert lead is not None and "Getty" in lead.group()
    img = re.search(r"<img[^>]*>", lead.group())
    assert img is not None
    html = republish(env_article).html
    box = f'<div class="yarpp-related"><h3>Related posts:</h3><a href="{SITE}/p/2">{img.group()}' \
          "Sea stars</a></div>"
    verdict = check_page(page(env_article, between_paragraphs(html, box)), env_article)
    assert [f.rule for f in verdict.failed] == ["images"], explain(verdict)


@pytest.mark.parametrize(("html", "kind"), [
    ('<div class="code-block code-block-1"><ins class="adsbygoogle"></ins></div>',
     "advertisement"),
    ('<ins class="adsbygoogle" data-ad-slot="1"></ins>', "advertisement"),
    ('<div id="ezoic-pub-ad-placeholder-101"></div>', "advertisement"),
    ('<div class="mv-ad-box" data-slotname="content_1"></div>', "advertisement"),
    ('<section aria-label="Advertisement"><iframe src="https://a.example"></iframe></section>',
     "advertisement"),
    ('<div class="wp-block-jetpack-subscriptions__container"><form></form></div>',
     "newsletter sign-up"),
    ('<div id="mc_embed_signup"><form><input type="email"></form></div>', "newsletter sign-up"),
    ('<div class="crp_related"><ul><li><a href="/x">X</a></li></ul></div>', "related links"),
    ("<p>Advertisement</p>", "advertisement"),
    ('<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">- '
     'Advertisement -</span><a href="/x"><img src="/b.jpg"></a></div>', "advertisement"),
    ('<div class="mod-banners bannergroup"><div class="mod-banners__item banneritem"><a '
     'href="/component/banners/click/3"><img src="/b.jpg" alt="Bank"></a></div></div>',
     "advertisement"),
    ('<div class="wp-block-kadence-infobox kt-info-box_3a4b"><a href="/newsletter/"><h3>Get '
     "our briefing</h3></a></div>", "promotion"),
    ('<p>À lire aussi : <a href="/x">Le port</a></p>', "related links"),
    ('<p>Baca juga: <a href="/x">Pelabuhan</a></p>', "related links"),
])
def test_box_kinds(html: str, kind: str) -> None:
    el = parse_fragment(html)[0]
    words = extract(el).words
    assert box_kind(el, words) == kind


@pytest.mark.parametrize("html", [
    "<p>Related research has shown the same in other oceans, with <a href='/x'>links</a> "
    "to the studies.</p>",  # "Related" opening a sentence, no label colon
    '<div class="entry-content"><p>Text</p></div>',
    '<p class="lead">Advertisement campaigns by the fishing lobby were widely seen.</p>',
    '<div class="ad-slot">' + "an editor's words " * 10 + "</div>",  # prose in an ad class
])
def test_not_boxes(html: str) -> None:
    el = parse_fragment(html)[0]
    words = extract(el).words
    assert box_kind(el, words) is None


# A plugin's script with nothing in its tag that names it (the rule under test is where it
# stands, not what it says).
BARE_SCRIPT = '<script>var TRINITY_TTS_WP_CONFIG = {"pluginVersion": "5.20.1"};</script>'


@pytest.mark.parametrize("between", ["", "<!-- player -->", "\n  ",
                                     "<p>Story continues below.</p>"])
def test_a_script_beside_the_player_is_its_only_when_nothing_stands_between(
    us: tuple[Article, str], between: str
) -> None:
    """A plugin's script right before its box is the box's code (Trinity Audio's
    configuration); with a paragraph between them, it is a script in the article."""
    article, html = us
    placeholder = TRINITY_AUDIO.split("</script>")[1]
    box = BARE_SCRIPT + between + placeholder
    verdict = check_page(page(article, between_paragraphs(html, box)), article)
    unsafe = "safe-html" in [f.rule for f in verdict.failed]
    assert unsafe == ("<p>" in between), explain(verdict)


def test_a_script_beside_a_paragraph_of_the_article_is_still_judged(
    us: tuple[Article, str]
) -> None:
    article, html = us
    verdict = check_page(page(article, between_paragraphs(html, BARE_SCRIPT)), article)
    assert [f.rule for f in verdict.failed] == ["safe-html"], explain(verdict)
