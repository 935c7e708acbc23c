"""Which heading heads a republished article on a page, and where its header starts
(issue 9; tests/corpus/red-team-findings.md F7, F13, F16). Pages of other layouts than the
corpus's templates, built in memory around our own republication of the recorded samples (no
article text is edited): a post without a heading of its own under a date header, a section's
heading over several posts, a "Trending" block before the content in source order, an empty
title slot; a byline above a heading that sits in a wrapper, on a page with another piece
before it; a post whose wrapper names its author, categories or tags in its classes. Each
kind both ways: the page's title gives the headline when no heading heads the article, and a
real heading rewritten still fails. A subtitle under the headline (the standfirst as an
<h2 class="subtitle">, a Heading block an editor put over the pasted code) is not the
headline: its words are judged as the post's, the standfirst passing and other words failing
``unaltered-text``."""

from __future__ import annotations

import re
from html import escape

import pytest

from syndication.compliance import check_page
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain


def failed(verdict: Verdict) -> list[str]:
    return [f.rule for f in verdict.failed]



@pytest.fixture(scope="module")
def articles(env_article: Article, fr_articles: tuple[Article, ...]) -> list[Article]:
    return [env_article, *fr_articles]


def page(article: Article, body: str, *, lang: str = "en") -> str:
    """A page whose <title> and og:title give the headline with the site's name after it."""
    t = escape(article.title)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{t} – Riverside Courier</title><meta property="og:title" content="{t}">
<meta property="og:site_name" content="Riverside Courier"></head><body>
<header class="site-header"><p class="site-title"><a href="/">Riverside Courier</a></p></header>
{body}
<footer class="site-footer"><p>© Riverside Courier</p></footer></body></html>"""


def both_ways(article: Article, html: str) -> None:
    """No heading heads the article: the page's title gives its headline (passes), and the
    title reworded fails ``unaltered-title`` alone."""
    verdict = check_page(html, article)
    assert verdict.compliant, explain(verdict)
    assert "title" in verdict.finding("unaltered-title").detail.split("“")[0], explain(verdict)
    reworded = html.replace(escape(article.title), "Sea stars, gone")
    assert failed(check_page(reworded, article)) == ["unaltered-title"]


# --- a heading over a group of posts is not the headline -----------------------------------

# A day's heading over its posts, in the page's language, and the date its markup gives.
DATE_HEADERS = {
    "en": "Thursday, October 2, 2025",
    "fr": "jeudi 2 octobre 2025",
    "es": "jueves, 2 de octubre de 2025",
    "numeric": "02/10/2025",
}


@pytest.mark.parametrize("date", DATE_HEADERS)
@pytest.mark.parametrize("k", [0, 1])
def test_a_date_header_above_a_post_without_a_heading_is_not_its_headline(
    articles: list[Article], date: str, k: int
) -> None:
    """A journal-style blog: the day as a heading, then the day's posts; this post has no
    title of its own (none rendered, not even an empty one)."""
    article = articles[k]
    body = f"""<main class="journal"><section class="day">
<h2 class="day-heading">{DATE_HEADERS[date]}</h2>
<div class="day-entries"><div class="entry h-entry">
<div class="e-content">{republish(article).html}</div>
<p class="entry-footer">Posted at <time class="dt-published"
 datetime="2025-10-02T08:00:00+02:00">8:00</time></p></div></div></section></main>"""
    both_ways(article, page(article, body))


def test_a_heading_with_numbers_not_the_page_date_is_a_headline(
    articles: list[Article],
) -> None:
    """A heading is a date header only when it gives a date the page states: a headline
    with numbers in it (here the page's month and year) is still the headline."""
    article = articles[0]
    body = f"""<main><article class="post"><h1 class="entry-title">Top 10 of 2025</h1>
<p class="posted-on"><time datetime="2025-10-02">2 October</time></p>
{republish(article).html}</article></main>"""
    verdict = check_page(page(article, body), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "Top 10 of 2025" in verdict.finding("unaltered-title").detail


SECTION = """<main><section class="news-list"><h1 class="section-title">Latest news</h1>
<article class="story">{code}</article>
<article class="story"><h2 class="story-title"><a href="/p/9">Council votes on the harbour
 plan after a long night of debate</a></h2><p>The council approved the plan by seven votes to
 two on Tuesday night.</p></article></section></main>"""


@pytest.mark.parametrize("k", [0, 2])
def test_a_section_heading_over_several_posts_is_not_the_headline(articles: list[Article],
                                                                 k: int) -> None:
    article = articles[k]
    both_ways(article, page(article, SECTION.format(code=republish(article).html)))


def test_a_rewritten_heading_of_a_post_in_a_section_still_fails(articles: list[Article]) -> None:
    """The post's own heading heads it, the section's is passed over only when it has none."""
    article = articles[0]
    code = '<h2 class="story-title">Sea stars are dying</h2>' + republish(article).html
    verdict = check_page(page(article, SECTION.format(code=code)), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "<h2>" in verdict.finding("unaltered-title").detail


def test_a_heading_of_the_post_before_is_not_the_headline(articles: list[Article]) -> None:
    """A front page: the post before has its heading, this one has none."""
    article = articles[1]
    body = f"""<main><article class="post"><h2><a href="/p/8">Market day moves to Saturday
</a></h2><p>The weekly market moves to Saturday mornings from next month.</p></article>
<article class="post">{republish(article).html}</article></main>"""
    verdict = check_page(page(article, body, lang="fr"), article)
    assert verdict.compliant, explain(verdict)
    assert "Market day" not in verdict.finding("unaltered-title").detail


# --- chrome before the content: a sidebar's heading is not the headline --------------------

SIDEBARS = {
    # a sidebar in an <aside>, first in source order
    "aside": '<aside class="col-left"><h2>Trending</h2><ul>{links}</ul></aside>',
    # a theme's widget area, named so
    "widget-area": '<div id="secondary" class="widget-area"><section class="widget">'
                   "<h3 class=\"widget-title\">Most read</h3><ol>{links}</ol></section></div>",
    # a grid column with no class saying what it is: a heading over a list of links
    "plain column": '<div class="col-sm-4"><div class="block"><h3>Trending</h3><ul>{links}'
                    "</ul></div></div>",
}
LINKS = "".join(f'<li><a href="/p/{k}">{t}</a></li>' for k, t in enumerate([
    "Council votes on the harbour plan", "High school robotics team heads to the finals",
    "New bike lanes on Main Street open next week"]))


@pytest.mark.parametrize("sidebar", SIDEBARS)
def test_a_sidebar_heading_before_the_content_is_not_the_headline(articles: list[Article],
                                                                  sidebar: str) -> None:
    article = articles[0]
    body = (f'<div class="row">{SIDEBARS[sidebar].format(links=LINKS)}'
            f'<div class="col-sm-8"><div class="post">{republish(article).html}</div></div>'
            "</div>")
    both_ways(article, page(article, body))


def test_a_headline_above_a_list_of_category_links_is_still_the_headline(
    articles: list[Article],
) -> None:
    """A post's header: its heading, then its categories (links of a word or two)."""
    article = articles[0]
    body = f"""<main><div class="post"><div class="post-header"><h1>Sea stars are dying</h1>
<ul class="post-categories"><li><a href="/c/env">Environment</a></li><li><a href="/c/sci">
Science</a></li></ul></div><div class="post-body">{republish(article).html}</div></div></main>"""
    verdict = check_page(page(article, body), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)


# --- an empty heading slot: the post's title is missing, nothing farther up stands in -------


def test_an_empty_title_slot_leaves_the_headline_to_the_page_title(
    articles: list[Article],
) -> None:
    """A theme's banner heading above an untitled post whose title element is empty."""
    article = articles[2]
    body = f"""<div class="page-banner"><h1 class="banner-title">Blog</h1></div>
<main><article class="post"><header class="entry-header"><h1 class="entry-title"></h1>
</header><div class="entry-content">{republish(article).html}</div></article></main>"""
    both_ways(article, page(article, body, lang="fr"))


def test_an_empty_subtitle_slot_below_a_rewritten_heading_does_not_hide_it(
    articles: list[Article],
) -> None:
    article = articles[0]
    body = f"""<main><article class="post"><header class="entry-header">
<h1 class="entry-title">Sea stars are dying</h1><h2 class="entry-subtitle"></h2></header>
<div class="entry-content">{republish(article).html}</div></article></main>"""
    verdict = check_page(page(article, body), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "Sea stars are dying" in verdict.finding("unaltered-title").detail


# --- a byline above a heading in a wrapper, on a page with another piece before it ---------

# Wrappers of one heading: they add no words of their own.
WRAPPERS = {
    "block group": '<div class="wp-block-group"><div class="wp-block-group__inner-container">'
                   '<h2 class="wp-block-heading">{h}</h2></div></div>',
    "page builder widget": '<div class="elementor-element elementor-widget '
                           'elementor-widget-heading"><div class="elementor-widget-container">'
                           '<h2 class="elementor-heading-title">{h}</h2></div></div>',
    "header inner": '<header class="article-header"><div class="article-header-inner">'
                    "<h2 class=\"article-title\">{h}</h2></div></header>",
}


def _byline(code: str) -> str:
    m = re.search(r'<p class="tc-byline">.*?</p>', code, re.S)
    assert m is not None
    return m.group()


def digest(pieces: list[tuple[str, str, str]], wrapper: str) -> str:
    """Pieces of (what stands above the heading, headline, code) under wrapped headings."""
    body = "\n<hr>\n".join(f"{above}{WRAPPERS[wrapper].format(h=escape(h))}\n{code}"
                           for above, h, code in pieces)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Weekend reading</title>
</head><body><main><h1>Weekend reading</h1><p>Two pieces our readers asked about.</p>
<div class="entry-content">{body}</div></main></body></html>"""


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_a_byline_above_a_wrapped_heading_of_the_second_piece_is_its_credit(
    articles: list[Article], wrapper: str
) -> None:
    first, second = articles[0], articles[1]
    code = republish(second).html
    byline = f'<div class="entry-meta byline">{_byline(code)}</div>'
    pieces = [("", first.title, republish(first).html),
              (byline, second.title, code.replace(_byline(code), "", 1))]
    verdict = check_page(digest(pieces, wrapper), second)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("wrapper", WRAPPERS)
def test_a_byline_above_the_wrapped_heading_of_another_piece_is_not_credit(
    articles: list[Article], wrapper: str
) -> None:
    """The second piece's byline put above the first piece's heading credits the first."""
    first, second = articles[0], articles[1]
    code = republish(second).html
    byline = f'<div class="entry-meta byline">{_byline(code)}</div>'
    pieces = [(byline, first.title, republish(first).html),
              ("", second.title, code.replace(_byline(code), "", 1))]
    verdict = check_page(digest(pieces, wrapper), second)
    assert failed(verdict) == ["author-credit"], explain(verdict)



# --- a post's labels printed as its classes make no author box (F16) ----------------------

# The post's wrapper names its author, categories and tags in its classes: the headline and
# the body stand inside it, so its heading is the headline, not an author box's name.
LABELLED_POSTS = {
    # WordPress's post_class() on <article> (category-<slug>, tag-<slug>, hentry)
    "wp article": ('<article id="post-12" class="post-12 post type-post status-publish '
                   'format-standard hentry category-credits tag-author-interviews">'
                   '<header class="entry-header"><h1 class="entry-title">{h}</h1></header>'
                   '<div class="entry-content">{code}</div></article>', "<h1>"),
    # an older theme's post_class() on a <div>
    "wp div": ('<div id="post-7" class="post-7 post hentry category-bio"><h2 class="entry-title">'
               '{h}</h2><div class="entry">{code}</div></div>', "<h2>"),
    # a theme printing the author's slug on <body> (body_class), the heading right under it
    "body class": ('<h1 class="title">{h}</h1>{code}', "<h1>"),
    # a Tumblr-style theme: no post markup, the author's slug on the post's <div>
    "tumblr div": ('<div class="post text author-harbour-desk"><div class="post-title">'
                   '<h2>{h}</h2></div><div class="post-body">{code}</div></div>', "<h2>"),
}


def labelled(article: Article, shape: str, headline: str) -> str:
    html = page(article, LABELLED_POSTS[shape][0].format(h=escape(headline),
                                                        code=republish(article).html))
    if shape == "body class":
        html = html.replace("<body>", '<body class="single single-post author-harbour-desk">')
    return html


@pytest.mark.parametrize("shape", LABELLED_POSTS)
def test_a_post_labelled_with_its_author_or_tags_keeps_its_headline(
    articles: list[Article], shape: str
) -> None:
    """The heading is judged as the headline (not the page's og:title), both ways."""
    article = articles[1]
    tag = LABELLED_POSTS[shape][1]
    verdict = check_page(labelled(article, shape, article.title), article)
    assert verdict.compliant, explain(verdict)
    assert verdict.finding("unaltered-title").detail.startswith(tag), explain(verdict)
    verdict = check_page(labelled(article, shape, "Canicule : nos machines flanchent"),
                         article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "Canicule : nos machines flanchent" in verdict.finding("unaltered-title").detail


def test_an_author_box_heading_between_headline_and_body_is_still_passed_over(
    articles: list[Article],
) -> None:
    """A real author box (short, none of the article's words) stays a credit box: its
    heading, nearer the body than the headline, is not taken for the headline."""
    article = articles[0]
    box = ('<div class="author-box"><h4 class="author-title">Harbour Desk</h4>'
           "<p>Our newsroom picks the stories worth sharing.</p></div>")
    body = ('<main><article class="post hentry author-harbour-desk"><header class="entry-header">'
            '<h1 class="entry-title">{h}</h1>' + box + '</header><div class="entry-content">'
            + republish(article).html + "</div></article></main>")
    verdict = check_page(page(article, body.format(h=escape(article.title))), article)
    assert verdict.compliant, explain(verdict)
    assert verdict.finding("unaltered-title").detail.startswith("<h1>"), explain(verdict)
    verdict = check_page(page(article, body.format(h="Sea stars, gone")), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "Sea stars, gone" in verdict.finding("unaltered-title").detail


def test_an_author_box_with_a_few_lines_of_biography_is_still_credit(
    articles: list[Article],
) -> None:
    """The byline moved into an <aside class="author-bio"> (page chrome by its tag) with a
    paragraph of biography after it, four times over (about 160 words): still a credit box,
    so the author is credited; the same words in a sidebar are not."""
    article = articles[0]
    code = republish(article).html
    m = re.search(r'<p class="tc-byline">.*?</p>', code, re.S)
    assert m is not None
    bio = ("<p>She studies kelp forests and the microbes that live in them; her lab works with "
           "divers, fishers and state agencies along the coast to follow how marine diseases "
           "spread and what can be done about them.</p>") * 4
    box = f'<aside class="author-bio"><h4>About the author</h4>{m.group()}{bio}</aside>'
    body = (f'<main><article class="post hentry"><h1 class="entry-title">{escape(article.title)}'
            f'</h1><div class="entry-content">{code.replace(m.group(), "")}</div>{box}'
            "</article></main>")
    verdict = check_page(page(article, body), article)
    assert verdict.compliant, explain(verdict)
    sidebar = body.replace('<aside class="author-bio">', '<aside class="sidebar">')
    assert failed(check_page(page(article, sidebar), article)) == ["author-credit"]


# --- a subtitle is not the headline ------------------------------------------------------

# The publisher's own words in a subtitle, in each sample's language.
OWN_DEK = {"en": "Our editors picked this piece for its clear look at a question readers asked",
           "fr": "Notre rédaction a choisi ce texte pour son regard clair sur une question"}
# A subtitle as themes print it under the headline, and as a Heading block at the top of the
# post's content (WordPress's core/heading, an editor's dek over the pasted code).
SUBTITLE_PLACES = {
    "header": '<header class="entry-header"><h1 class="entry-title">{title}</h1>'
              '<{tag} class="entry-sub-title">{dek}</{tag}></header>'
              '<div class="entry-content">{code}</div>',
    "content": '<header class="entry-header"><h1 class="entry-title">{title}</h1></header>'
               '<div class="entry-content"><{tag} class="wp-block-heading">{dek}</{tag}>\n'
               "{code}</div>",
}


def subtitled(article: Article, dek: str, tag: str, place: str, title: str | None = None
              ) -> str:
    body = SUBTITLE_PLACES[place].format(title=escape(title or article.title), tag=tag,
                                         dek=escape(dek), code=republish(article).html)
    return page(article, f'<main><article class="post hentry">{body}</article></main>',
                lang=article.language[:2])


@pytest.mark.parametrize("place", SUBTITLE_PLACES)
@pytest.mark.parametrize("tag", ["h2", "h3", "h4"])
@pytest.mark.parametrize("k", [0, 1])
def test_the_standfirst_as_a_subtitle_is_not_the_headline(
    articles: list[Article], k: int, tag: str, place: str
) -> None:
    """The original's standfirst (the feed's summary) under the headline: compliant, the
    <h1> is the headline; one word of the standfirst changed fails ``unaltered-text``."""
    article = articles[k]
    assert article.summary
    verdict = check_page(subtitled(article, article.summary, tag, place), article)
    assert verdict.compliant, explain(verdict)
    assert verdict.finding("unaltered-title").detail.startswith("<h1>"), explain(verdict)
    word = next(w for w in article.summary.split()[2:] if w.isalpha() and len(w) > 4)
    edited = article.summary.replace(word, word.upper(), 1)
    verdict = check_page(subtitled(article, edited, tag, place), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert word.upper() in verdict.finding("unaltered-text").detail, explain(verdict)


@pytest.mark.parametrize("place", SUBTITLE_PLACES)
@pytest.mark.parametrize("tag", ["h2", "h3"])
@pytest.mark.parametrize("k", [0, 1])
def test_the_publishers_words_as_a_subtitle_are_added_text(
    articles: list[Article], k: int, tag: str, place: str
) -> None:
    """A dek of the publisher's own words under an unaltered headline fails
    ``unaltered-text`` (quoting it), not ``unaltered-title``: the headline is the <h1>."""
    article = articles[k]
    dek = OWN_DEK[article.language[:2]]
    verdict = check_page(subtitled(article, dek, tag, place), article)
    assert failed(verdict) == ["unaltered-text"], explain(verdict)
    assert dek.split()[2] in verdict.finding("unaltered-text").detail, explain(verdict)


@pytest.mark.parametrize("place", SUBTITLE_PLACES)
@pytest.mark.parametrize("k", [0, 1])
def test_a_rewritten_headline_over_the_standfirst_fails_on_the_headline(
    articles: list[Article], k: int, place: str
) -> None:
    """The headline rewritten, the standfirst under it: ``unaltered-title`` fails, quoting the
    rewritten <h1>, not the standfirst."""
    article = articles[k]
    assert article.summary
    verdict = check_page(subtitled(article, article.summary, "h2", place,
                                   title="Sea stars, gone"), article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "<h1>" in verdict.finding("unaltered-title").detail, explain(verdict)
    assert "Sea stars, gone" in verdict.finding("unaltered-title").detail


@pytest.mark.parametrize("k", [0, 1])
def test_a_second_heading_of_other_words_under_a_rewritten_headline_still_fails(
    articles: list[Article], k: int
) -> None:
    """Neither heading is the original's: the nearest is taken for the headline, as before,
    and the page fails ``unaltered-title``."""
    article = articles[k]
    verdict = check_page(subtitled(article, OWN_DEK[article.language[:2]], "h2", "header",
                                   title="Sea stars, gone"), article)
    assert "unaltered-title" in failed(verdict), explain(verdict)
