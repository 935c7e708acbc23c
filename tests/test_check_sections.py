"""Which article and which part of a page check_page judges (issue 9): a page carrying
several republications (a digest under <h2> headings, a front page listing posts, a
newsletter with two pieces) is judged on the article the original's text matches, within its
own section; the other republications' counter, byline and attribution are neither its
defects nor its credit. Pages are built in memory from our own republications of the
recorded samples (tests/pages.py); no article text is edited."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import pytest

from syndication.compliance import check_page
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain, sub, sub_re


def failed(verdict: Verdict) -> list[str]:
    return [f.rule for f in verdict.failed]



Piece = tuple[str, str]  # (headline, republished code)
Shape = Callable[[list[Piece]], str]


def digest(pieces: list[Piece]) -> str:
    """A round-up post: the page's <h1>, then each republication under its own <h2>."""
    body = '\n<hr class="separator">\n'.join(
        f'<h2 class="wp-block-heading">{escape(h)}</h2>\n{code}' for h, code in pieces)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>This week's reading | Riverside Courier</title>
<meta property="og:title" content="This week's reading"></head>
<body class="page has-sidebar"><main><article class="page type-page">
<header class="entry-header"><h1 class="entry-title">This week's reading</h1></header>
<div class="entry-content"><p>Pieces from The Conversation our readers asked about.</p>
{body}
</div></article></main>
<aside class="widget-area"><h2 class="widget-title">Recent posts</h2><ul><li>
<a href="/p/9">Council votes on the harbour plan</a></li></ul></aside></body></html>"""


def front_page(pieces: list[Piece]) -> str:
    """A blog's home page listing its latest posts in full, each its own <article> under an
    <h2> linking the post."""
    posts = "\n".join(
        f'<article class="post type-post hentry"><header class="entry-header">'
        f'<h2 class="entry-title"><a href="/{k}/" rel="bookmark">{escape(h)}</a></h2>'
        f'</header><div class="entry-content">{code}</div></article>'
        for k, (h, code) in enumerate(pieces))
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le Petit Riverain – Actualités</title></head>
<body class="home blog"><header class="site-header"><h1 class="site-title">
<a href="/">Le Petit Riverain</a></h1></header><main class="site-main">{posts}</main>
<footer class="site-footer"><p>Le Petit Riverain</p></footer></body></html>"""


def newsletter(pieces: list[Piece]) -> str:
    """An e-mail newsletter's HTML: nested tables, each piece under an <h3> in its own cell."""
    rows = "\n".join(
        f'<tr><td class="content-block" style="padding:24px">'
        f'<h3 style="font-size:22px">{escape(h)}</h3>{code}</td></tr>'
        for h, code in pieces)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Newsletter</title>
</head><body><table role="presentation" width="100%"><tr><td align="center">
<table role="presentation" width="600"><tr><td><h1>The Riverside Letter, issue 41</h1>
<p>Hello! Two pieces this week.</p></td></tr>
{rows}
<tr><td class="footer"><p>You receive this letter because you subscribed.
<a href="https://riverside.example/unsubscribe">Unsubscribe</a></p></td></tr>
</table></td></tr></table></body></html>"""


SHAPES = {"digest": digest, "front-page": front_page, "newsletter": newsletter}


@pytest.fixture(scope="module")
def three(env_article: Article, fr_articles: tuple[Article, ...]) -> list[Article]:
    """Three articles by different authors, in two languages."""
    return [env_article, *fr_articles]


def pieces_of(articles: list[Article]) -> list[Piece]:
    return [(a.title, republish(a).html) for a in articles]


# --- must pass: every republication of a multi-article page is judged on its own -----------


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("k", [0, 1, 2])
def test_each_republication_of_a_page_with_several_passes(three: list[Article], shape: str,
                                                         k: int) -> None:
    page = SHAPES[shape](pieces_of(three))
    verdict = check_page(page, three[k])
    assert verdict.compliant, explain(verdict)
    assert "<h" in verdict.finding("unaltered-title").detail  # its own heading, not <title>


def test_the_headline_of_a_digest_piece_is_its_h2_not_the_page_h1(three: list[Article]) -> None:
    verdict = check_page(digest(pieces_of(three)), three[1])
    assert verdict.finding("unaltered-title").detail.startswith("<h2>"), explain(verdict)


# --- must fail: the judged article's own defect, and only that rule -------------------------


def _without_byline(code: str) -> str:
    return sub_re(code, r'<p class="tc-byline">.*?</p>', "")


def _without_counter(code: str) -> str:
    return sub_re(code, r'<img src="https://counter\.theconversation\.com/[^>]*>', "")


def _without_attribution(code: str) -> str:
    return sub_re(code, r'<p class="tc-attribution">.*?</p>', "")


def _without_licence_link(code: str) -> str:
    return sub_re(code, r'<a rel="license" href="[^"]*">([^<]*)</a>', r"\1")


DEFECTS: dict[str, tuple[Callable[[str], str], list[str]]] = {
    "byline removed": (_without_byline, ["author-credit"]),
    "counter removed": (_without_counter, ["page-counter"]),
    "attribution removed": (_without_attribution, ["source-link", "licence-notice"]),
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("defect", DEFECTS)
@pytest.mark.parametrize("k", [0, 1, 2])
def test_a_defect_of_one_republication_fails_only_its_rule(three: list[Article], shape: str,
                                                            defect: str, k: int) -> None:
    """The neighbours' byline, counter and attribution line do not cover for it, and the
    neighbours' counters are not its "second counter"."""
    edit, rules = DEFECTS[defect]
    pieces = pieces_of(three)
    pieces[k] = (pieces[k][0], edit(pieces[k][1]))
    verdict = check_page(SHAPES[shape](pieces), three[k])
    assert failed(verdict) == rules, explain(verdict)
    if defect == "counter removed":
        assert "no page counter" in verdict.finding("page-counter").detail
    for other in (a for j, a in enumerate(three) if j != k):  # the others still pass
        assert check_page(SHAPES[shape](pieces), other).compliant


@pytest.mark.parametrize("shape", SHAPES)
def test_a_rewritten_heading_of_a_piece_fails_though_the_page_title_is_fine(
    three: list[Article], shape: str
) -> None:
    pieces = pieces_of(three)
    pieces[1] = ("A treasure hunt near Paris", pieces[1][1])
    verdict = check_page(SHAPES[shape](pieces), three[1])
    assert failed(verdict) == ["unaltered-title"], explain(verdict)
    assert "A treasure hunt near Paris" in verdict.finding("unaltered-title").detail


def test_a_neighbour_by_the_same_author_does_not_credit_the_uncredited_piece(
    three: list[Article]
) -> None:
    """The piece before names the same author in its byline: still no credit for this one."""
    pieces = pieces_of(three)
    ours = three[2]
    name = ours.authors[0].name
    profile = ours.authors[0].profile_url
    assert profile is not None
    byline = f'<p class="tc-byline">By <a href="{profile}">{escape(name)}</a></p>'
    pieces[1] = (pieces[1][0], re.sub(r'<p class="tc-byline">.*?</p>', byline, pieces[1][1],
                                      count=1, flags=re.S))
    pieces[2] = (pieces[2][0], _without_byline(pieces[2][1]))
    verdict = check_page(digest(pieces), ours)
    assert failed(verdict) == ["author-credit"], explain(verdict)


def test_a_neighbours_licence_link_does_not_cover_a_missing_one(three: list[Article]) -> None:
    pieces = pieces_of(three)
    pieces[0] = (pieces[0][0], _without_licence_link(pieces[0][1]))
    pieces[0] = (pieces[0][0], sub(pieces[0][1], "Creative Commons license", "licence"))
    verdict = check_page(front_page(pieces), three[0])
    assert failed(verdict) == ["licence-notice"], explain(verdict)


def test_a_counter_of_another_article_in_a_single_republication_still_fails(
    three: list[Article]
) -> None:
    """A counter for another article with no republication of it on the page is this
    article's wrong counter, not a neighbour's."""
    ours = three[0]
    code = sub(republish(ours).html, f"/content/{ours.article_id}/", "/content/254301/")
    verdict = check_page(digest([(ours.title, code)]), ours)
    assert failed(verdict) == ["page-counter"], explain(verdict)
    assert "254301" in verdict.finding("page-counter").detail


def test_a_byline_above_a_digest_pieces_heading_is_its_credit(three: list[Article]) -> None:
    pieces = pieces_of(three)
    code = pieces[1][1]
    byline = re.search(r'<p class="tc-byline">.*?</p>', code, re.S)
    assert byline is not None
    page = digest([pieces[0], (pieces[1][0], code.replace(byline.group(), "", 1)), pieces[2]])
    page = sub(page, f'<h2 class="wp-block-heading">{escape(pieces[1][0])}</h2>',
               f'<div class="entry-meta">{byline.group()}</div>'
               f'<h2 class="wp-block-heading">{escape(pieces[1][0])}</h2>')
    verdict = check_page(page, three[1])
    assert verdict.compliant, explain(verdict)


# --- the headline: the article's own heading, never the site's or the chrome's -------------


def single(article: Article, *, head: str, above: str, heading: str) -> str:
    """One republication under whatever the page puts above it."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>
{above}<div class="post">{heading}{republish(article).html}</div></body></html>"""


@pytest.mark.parametrize(("head", "above"), [
    # a letter's masthead, its name before the headline in the subject line
    ("<title>The Riverside Letter: {t}</title>", "<h1>The Riverside Letter</h1><p>Issue 41."
     " The piece we liked best this week.</p>"),
    # a theme's site title, named by og:site_name
    ('<title>{t} | Riverside Courier</title><meta property="og:site_name" '
     'content="Riverside Courier">', '<h1 class="site-title">Riverside Courier</h1>'),
    # a breadcrumb's hidden heading in the navigation
    ("<title>{t} – Riverside Courier</title>",
     '<nav class="breadcrumb"><h2 class="visually-hidden">Breadcrumb</h2><a href="/">Home'
     "</a></nav>"),
])
def test_without_its_own_heading_the_page_title_gives_the_headline(
    three: list[Article], head: str, above: str
) -> None:
    """The site's name or the chrome's heading above the article is not its headline: the
    page's title is read, with the site's name before or after the headline."""
    article = three[0]
    page = single(article, head=head.format(t=escape(article.title)), above=above,
                  heading="")
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)
    assert "<title>" in verdict.finding("unaltered-title").detail
    reworded = page.replace(escape(article.title), "Sea stars, gone", 1)
    assert failed(check_page(reworded, article)) == ["unaltered-title"]


def test_a_byline_above_the_heading_outside_its_cell_is_credit(three: list[Article]) -> None:
    """A letter's byline row above the piece's cell, below the letter's masthead."""
    article = three[1]
    code = republish(article).html
    byline = re.search(r'<p class="tc-byline">.*?</p>', code, re.S)
    assert byline is not None
    page = f"""<!DOCTYPE html><html><head><title>Letter</title></head><body><table>
<tr><td><h1>The Riverside Letter</h1><p>Issue 41.</p></td></tr>
<tr><td>{byline.group()}</td></tr>
<tr><td><h2>{escape(article.title)}</h2>{code.replace(byline.group(), "", 1)}</td></tr>
</table></body></html>"""
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


# --- without the original: the page's own article, its neighbours left alone ---------------


@pytest.mark.parametrize("shape", SHAPES)
def test_without_the_original_no_rule_fails_on_a_page_with_several(three: list[Article],
                                                                   shape: str) -> None:
    page = SHAPES[shape](pieces_of(three))
    verdict = check_page(page, None, article_id=three[0].article_id)
    assert not verdict.failed, explain(verdict)
    assert verdict.finding("page-counter").ok is True


@pytest.mark.parametrize("shape", SHAPES)
def test_without_the_original_a_missing_counter_is_still_missing(three: list[Article],
                                                                 shape: str) -> None:
    pieces = pieces_of(three)
    pieces[0] = (pieces[0][0], _without_counter(pieces[0][1]))
    verdict = check_page(SHAPES[shape](pieces), None, article_id=three[0].article_id)
    assert [f.rule for f in verdict.failed] == ["page-counter"], explain(verdict)
