"""The article's span reaches its whole post (docs/compliance.md#the-articles-span): a
publisher's note in a block of its own around the body's block (another CMS field, a page
builder's widget or module, the post's excerpt under the headline) is added text; the post's
own meta, labels, links and boxes around the body are not. Layouts here are not in the corpus
(tests/corpus/templates/): each is written as its CMS prints it, said at each. Pages are built
in memory from our own republication of the recorded samples; no article text is edited on
disk."""

from __future__ import annotations

from html import escape

import pytest

from syndication.compliance import check_page
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain, sub, third_party_page

NOTE = "Editor’s note: our readers asked what became of the sea stars, so we share this piece."
NOTE_SAID = "our readers asked what became of the sea stars"
LATER = "<p>We will keep following this story for our readers.</p>"
LATER_SAID = "We will keep following this story"



def failed(verdict: Verdict) -> list[str]:
    return [f.rule for f in verdict.failed]


# --- page builders: the body in one text block, a note in another -----------------------------

# Each builder's text block as its plugin prints it inside the theme's entry-content (the row
# and column wrappers around them included), none of them in the corpus: WPBakery's Text Block
# (vc_row > wpb_column > wpb_text_column), Beaver Builder's Text Editor module (fl-row >
# fl-col > fl-module-rich-text), SiteOrigin Page Builder's Editor widget (panel-grid-cell >
# so-panel).
BUILDERS = {
    "WPBakery": (
        '<div class="vc_row wpb_row vc_row-fluid"><div class="wpb_column vc_column_container '
        'vc_col-sm-12"><div class="vc_column-inner"><div class="wpb_wrapper">{blocks}</div></div>'
        '</div></div>',
        '<div class="wpb_text_column wpb_content_element"><div class="wpb_wrapper">{html}</div>'
        '</div>'),
    "Beaver Builder": (
        '<div class="fl-builder-content fl-builder-content-812" data-post-id="812"><div '
        'class="fl-row fl-row-fixed-width fl-row-bg-none fl-node-5f1a2b"><div '
        'class="fl-row-content-wrap"><div class="fl-row-content fl-row-fixed-width '
        'fl-node-content"><div class="fl-col-group fl-node-6a2b3c"><div class="fl-col '
        'fl-node-7b3c4d"><div class="fl-col-content fl-node-content">{blocks}</div></div></div>'
        '</div></div></div></div>',
        '<div class="fl-module fl-module-rich-text fl-node-8c4d5e" data-node="8c4d5e"><div '
        'class="fl-module-content fl-node-content"><div class="fl-rich-text">{html}</div></div>'
        '</div>'),
    "SiteOrigin": (
        '<div id="pl-812" class="panel-layout"><div id="pg-812-0" class="panel-grid '
        'panel-no-style"><div id="pgc-812-0-0" class="panel-grid-cell">{blocks}</div></div>'
        '</div>',
        '<div class="so-panel widget widget_sow-editor" data-index="0"><div '
        'class="so-widget-sow-editor so-widget-sow-editor-base"><div '
        'class="siteorigin-widget-tinymce textwidget">{html}</div></div></div>'),
}


def built(article: Article, builder: str, *blocks: str) -> str:
    """A third-party page whose post's content is ``blocks``, each in a text block of
    ``builder``."""
    around, block = BUILDERS[builder]
    content = around.format(blocks="".join(block.format(html=b) for b in blocks))
    return third_party_page(content, title=article.title, author=article.authors[0].name)


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_body_in_a_builders_text_block_passes(
    en_republished: tuple[Article, str], builder: str
) -> None:
    article, html = en_republished
    verdict = check_page(built(article, builder, html), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_note_in_a_builders_block_of_its_own_fails(
    en_republished: tuple[Article, str], builder: str, where: str
) -> None:
    article, html = en_republished
    note = f"<p>{NOTE}</p>"
    blocks = (note, html) if where == "before" else (html, note)
    verdict = check_page(built(article, builder, *blocks), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert NOTE_SAID in detail and "was added" in detail, detail


# --- a classic theme's post: entry meta in the header, the entry footer after the body -------

# Twenty Eleven's single post as content-single.php prints it (not in the corpus): the
# header's "Posted on <time> by <a rel=author>", the body in div.entry-content, and after it
# footer.entry-meta's sentence "This entry was posted in … and tagged … by …. Bookmark the
# permalink." whose links are rel="category tag", rel="tag" and rel="bookmark".
TWENTY_ELEVEN = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>{title} | Harbour Ledger</title></head>
<body class="single single-post postid-812 single-format-standard singular two-column
 right-sidebar">
<div id="page" class="hfeed">
<header id="branding" role="banner"><hgroup><h1 id="site-title"><span><a
 href="https://ledger.example/" rel="home">Harbour Ledger</a></span></h1><h2
 id="site-description">News from the bay</h2></hgroup>
<nav id="access" role="navigation"><h3 class="assistive-text">Main menu</h3><div
 class="menu"><ul><li><a href="https://ledger.example/">Home</a></li></ul></div></nav></header>
<div id="main"><div id="primary"><div id="content" role="main">
<nav id="nav-single"><h3 class="assistive-text">Post navigation</h3><span
 class="nav-previous"><a href="https://ledger.example/2025/09/30/harbour-dredging/" rel="prev"><span
 class="meta-nav">&larr;</span> Previous</a></span></nav>
<article id="post-812" class="post-812 post type-post status-publish format-standard hentry
 category-ocean tag-kelp">
<header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="sep">Posted on </span><a
 href="https://ledger.example/2025/10/02/sea-stars/" title="8:00 am" rel="bookmark"><time
 class="entry-date" datetime="2025-10-02T08:00:00+00:00">October 2, 2025</time></a><span
 class="by-author"> <span class="sep"> by </span> <span class="author vcard"><a class="url fn n"
 href="https://ledger.example/author/desk/" title="View all posts by Harbour Desk"
 rel="author">Harbour Desk</a></span></span></div>
</header>
<div class="entry-content">{body}</div>
<footer class="entry-meta">{footer}This entry was posted in <a
 href="https://ledger.example/category/ocean/" rel="category tag">Ocean</a> and tagged <a
 href="https://ledger.example/tag/kelp/" rel="tag">kelp</a> by <a
 href="https://ledger.example/author/desk/">Harbour Desk</a>. Bookmark the <a
 href="https://ledger.example/2025/10/02/sea-stars/" title="Permalink to {title}"
 rel="bookmark">permalink</a>.</footer>
</article>
<div id="comments"><h2 id="comments-title">One thought on &ldquo;<span>{title}</span>&rdquo;</h2>
<ol class="commentlist"><li class="comment"><article class="comment"><footer
 class="comment-meta">Sam says:</footer><div class="comment-content"><p>Great read, thank you
 for sharing this piece with us.</p></div></article></li></ol></div>
</div></div>
<div id="secondary" class="widget-area" role="complementary"><aside class="widget"><h3
 class="widget-title">About</h3><div class="textwidget">The Harbour Ledger covers the bay
 since 1921.</div></aside></div>
</div>
<footer id="colophon" role="contentinfo"><div id="site-generator"><a
 href="https://wordpress.org/">Proudly powered by WordPress</a></div></footer>
</div></body></html>"""


def twenty_eleven(article: Article, body: str, footer: str = "") -> str:
    return TWENTY_ELEVEN.format(title=escape(article.title), body=body, footer=footer)


def test_a_classic_themes_entry_meta_and_entry_footer_pass(
    en_republished: tuple[Article, str]
) -> None:
    """The header's "Posted on … by …" and the footer's "This entry was posted in …" are
    the post's meta (a <time>, rel="author", "tag", "bookmark" links), not added words."""
    article, html = en_republished
    verdict = check_page(twenty_eleven(article, html), article)
    assert verdict.compliant, explain(verdict)


def test_a_note_in_the_entry_footer_fails(en_republished: tuple[Article, str]) -> None:
    article, html = en_republished
    verdict = check_page(twenty_eleven(article, html, footer=LATER), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert LATER_SAID in verdict.finding("unaltered-text").detail


# --- a block theme: the post's excerpt under the title, no <article> -------------------------

# Twenty Twenty-Five's single template as WordPress renders it (not in the corpus): no
# <article>, the post in <main>; a Post Excerpt block the publisher added under the Title
# block (render_block_core_post_excerpt: div.wp-block-post-excerpt >
# p.wp-block-post-excerpt__excerpt); the meta row (Post Date, "by", Post Author Name, "in",
# Post Terms), then the Content block, then the tags' Post Terms block and the post
# navigation.
BLOCK_THEME = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="UTF-8">
<title>{title} – Harbour Ledger</title></head>
<body class="wp-singular post-template-default single single-post postid-812
 wp-theme-twentytwentyfive">
<div class="wp-site-blocks"><header class="wp-block-template-part"><div class="wp-block-group
 alignfull is-layout-flow"><p class="wp-block-site-title"><a href="https://ledger.example"
 target="_self" rel="home">Harbour Ledger</a></p><nav class="is-responsive
 wp-block-navigation" aria-label="Main"><ul class="wp-block-navigation__container"><li
 class="wp-block-navigation-item"><a class="wp-block-navigation-item__content"
 href="https://ledger.example/news/"><span class="wp-block-navigation-item__label">News</span></a>
</li></ul></nav></div></header>
<main class="wp-block-group has-global-padding is-layout-constrained
 wp-block-group-is-layout-constrained">
<div class="wp-block-group alignfull has-global-padding is-layout-constrained">
<h1 class="wp-block-post-title">{title}</h1>
{excerpt}
<div class="wp-block-group is-content-justification-left is-nowrap is-layout-flex"><div
 class="wp-block-post-date"><time datetime="2025-10-02T08:00:00+00:00">October 2, 2025</time>
</div><p>—
 by</p><div class="wp-block-post-author-name"><a href="https://ledger.example/author/desk/"
 target="_self" class="wp-block-post-author-name__link">Harbour Desk</a></div><p>in</p><div
 class="taxonomy-category wp-block-post-terms"><a href="https://ledger.example/category/ocean/"
 rel="tag">Ocean</a></div></div>
<div class="entry-content alignfull wp-block-post-content has-global-padding
 is-layout-constrained wp-block-post-content-is-layout-constrained">{body}</div>
<div class="taxonomy-post_tag wp-block-post-terms"><a href="https://ledger.example/tag/kelp/"
 rel="tag">kelp</a><span class="wp-block-post-terms__separator">, </span><a
 href="https://ledger.example/tag/oceans/" rel="tag">oceans</a></div>
<nav class="wp-block-group alignwide is-content-justification-space-between is-layout-flex"
 aria-label="Post navigation"><div class="post-navigation-link-previous
 wp-block-post-navigation-link"><span class="wp-block-post-navigation-link__arrow-previous
 is-arrow-arrow" aria-hidden="true">←</span><a href="https://ledger.example/2025/09/30/harbour-dredging/"
 rel="prev">Harbour dredging resumes after a two-year pause</a></div></nav>
</div></main>
<footer class="wp-block-template-part"><div class="wp-block-group alignfull"><p
 class="has-small-font-size">Designed with <a href="https://wordpress.org"
 rel="nofollow">WordPress</a></p></div></footer></div></body></html>"""


def block_theme(article: Article, body: str, excerpt: str = "", lang: str = "en") -> str:
    if excerpt:
        excerpt = ('<div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">'
                   f"{excerpt} </p></div>")
    return BLOCK_THEME.format(title=escape(article.title), body=body, excerpt=excerpt,
                              lang=lang)


def test_a_block_themes_post_without_an_excerpt_passes(
    en_republished: tuple[Article, str]
) -> None:
    article, html = en_republished
    verdict = check_page(block_theme(article, html), article)
    assert verdict.compliant, explain(verdict)


def test_a_note_in_the_posts_excerpt_under_the_title_fails(
    en_republished: tuple[Article, str]
) -> None:
    """The excerpt stands between the headline and the byline: the reader takes it for the
    article's first words."""
    article, html = en_republished
    verdict = check_page(block_theme(article, html, excerpt=NOTE), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert NOTE_SAID in detail and "before the first words" in detail, detail


def test_a_french_note_in_the_posts_excerpt_fails(fr_republished: tuple[Article, str]) -> None:
    article, html = fr_republished
    note = "Note de la rédaction : nos lecteurs nous ont posé la question, voici la réponse."
    verdict = check_page(block_theme(article, html, excerpt=note, lang="fr"), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert "nos lecteurs nous ont posé la question" in verdict.finding("unaltered-text").detail


def test_a_summary_without_a_full_stop_in_the_excerpt_fails(
    en_republished: tuple[Article, str]
) -> None:
    """A dek is a phrase, not a sentence: more words than a label's."""
    article, html = en_republished
    dek = "What a wasting disease did to the kelp forests and the towns that live off them"
    verdict = check_page(block_theme(article, html, excerpt=dek), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert "kelp forests and the towns" in verdict.finding("unaltered-text").detail


# --- the post's own boxes around the body are no added text ---------------------------------

POST_FURNITURE = [
    ("a reading time and a listen label",
     '<div class="post-extras"><span>6 min read</span> · <span>Listen to this article</span>'
     '</div>', "before"),
    ("tags as a label and links",
     '<div class="post-tags">Tags: <a href="/tag/kelp/">kelp</a>, <a href="/tag/oceans/">oceans'
     '</a></div>', "after"),
    ("a list of the publisher's posts under a heading, no class saying so",
     '<div class="more-posts"><h3>More from the Ledger</h3><ul><li><a href="/2025/09/30/dredging/">'
     'Harbour dredging resumes after a two-year pause</a></li><li><a href="/2025/09/28/ferry/">'
     'The winter ferry timetable starts on Monday</a></li></ul></div>', "after"),
    ("an author box naming the author, no class saying so",
     '<div class="about-writer"><h4>About the writer</h4><p>Rebecca Vega Thurber studies '
     'corals and sea stars.</p></div>', "after"),
    ("previous and next posts",
     '<div class="nav-links"><div class="nav-previous"><a href="/2025/09/30/dredging/" '
     'rel="prev"><span class="meta-nav">Previous post</span> Harbour dredging resumes after a '
     'two-year pause</a></div></div>', "after"),
    ("a featured picture with its caption in a caption wrapper, no <figure>",
     '<div class="wp-caption alignnone"><img src="https://ledger.example/uploads/harbour.jpg" '
     'alt="" width="800" height="500"><p class="wp-caption-text">Divers at the harbour wall '
     'last spring. Photo: Harbour Ledger.</p></div>', "before"),
]


@pytest.mark.parametrize(("what", "box", "where"), POST_FURNITURE,
                         ids=[p[0] for p in POST_FURNITURE])
def test_the_posts_own_pieces_around_the_body_pass(
    en_republished: tuple[Article, str], what: str, box: str, where: str
) -> None:
    article, html = en_republished
    page = third_party_page(html, title=article.title, author=article.authors[0].name)
    if where == "before":
        page = sub(page, '<div class="entry-content">', box + '<div class="entry-content">')
    else:
        page = sub(page, "</div>\n</article>", "</div>" + box + "\n</article>")
    verdict = check_page(page, article)
    assert verdict.finding("unaltered-text").ok, explain(verdict)


# --- a post carrying several republications: each piece's span ends at the next piece -------


def h3_digest(articles: list[Article], after_first: str = "") -> str:
    """A round-up post of the block editor (not in the corpus): each republication under a
    Heading block of level 3, its code in a Group block, all in one post's content."""
    pieces = [f'<h3 class="wp-block-heading">{escape(a.title)}</h3>'
              f'<div class="wp-block-group is-layout-flow">{republish(a).html}'
              f'{after_first if k == 0 else ""}</div>'
              for k, a in enumerate(articles)]
    return ("<!DOCTYPE html><html lang=\"en\"><head><title>This week's reading – Harbour "
            "Ledger</title></head><body><main><article class=\"post type-post hentry\">"
            "<h1 class=\"entry-title\">This week's reading</h1><div class=\"entry-content\">"
            f"{''.join(pieces)}</div></article></main></body></html>")


@pytest.mark.parametrize("k", [0, 1, 2])
def test_each_piece_of_a_digest_under_h3s_passes(
    env_article: Article, fr_articles: tuple[Article, ...], k: int
) -> None:
    """The next piece's heading, of the article's own level, ends its span: the next
    republication's words are not this one's additions."""
    articles = [env_article, *fr_articles]
    verdict = check_page(h3_digest(articles), articles[k])
    assert verdict.compliant, explain(verdict)


def test_a_note_after_a_digest_piece_fails(
    env_article: Article, fr_articles: tuple[Article, ...]
) -> None:
    articles = [env_article, *fr_articles]
    verdict = check_page(h3_digest(articles, after_first=LATER), articles[0])
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert LATER_SAID in verdict.finding("unaltered-text").detail
