"""The article's whole span (docs/compliance.md#the-articles-span): a publisher's words inside
the article, before its first word or after its last, fail `unaltered-text` and are named;
the page's furniture and the article's credit around it never count. Pages are built in
memory from our own republication of the recorded samples; no article text is edited on
disk."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check, check_page
from syndication.models import Article

from .corpus.layouts import as_text
from .pages import explain, sub, third_party_page


def page_of(article: Article, body: str) -> str:
    return third_party_page(body, title=article.title, author=article.authors[0].name)


def first_paragraph(html: str) -> str:
    """The opening tag and first words of the article's first paragraph (after the byline)."""
    m = re.search(r"</p>\s*(<p>)", html)
    assert m is not None
    return html[m.start(1):m.start(1) + 40]


def last_paragraph_end(html: str) -> int:
    """Where the article's last paragraph closes: before the counter."""
    counter = html.index('<img src="https://counter.theconversation.com')
    return html.rindex("</p>", 0, counter)


def before_text(html: str, added: str) -> str:
    opening = first_paragraph(html)
    return sub(html, opening, added + opening)


def glued_before(html: str, added: str) -> str:
    opening = first_paragraph(html)
    return sub(html, opening, "<p>" + added + opening[3:])


def glued_after(html: str, added: str) -> str:
    at = last_paragraph_end(html)
    return html[:at] + added + html[at:]


def after_text(html: str, added: str) -> str:
    at = last_paragraph_end(html) + len("</p>")
    return html[:at] + added + html[at:]


def at_end(html: str, added: str) -> str:
    return html + added


# (what the publisher did, how the words are placed, the words, a word the evidence names)
ADDED = [
    ("a dateline in its own paragraph", before_text, "<p>WASHINGTON (AP) —</p>", "WASHINGTON"),
    ("a dateline glued to the first paragraph", glued_before, "LONDON — ", "LONDON"),
    ("an editor's note before the article", before_text,
     "<p><strong>Editor’s note:</strong> this piece answers a question from our readers.</p>",
     "Editor's note"),
    ("a kicker in a <div>", before_text, '<div class="kicker">Ocean week</div>', "Ocean week"),
    ("a sentence appended to the last paragraph", glued_after,
     " Local divers can join the count next spring.", "join the count"),
    ("a paragraph appended after the last", after_text,
     "<p>Have a question about the ocean? Write to us.</p>", "Write to us"),
    ("an update note after the attribution line", at_end,
     "<p><em>This article was updated on 3 October to correct a date.</em></p>",
     "was updated on 3 October"),
    ("a list of links appended", after_text,
     "<ul><li>More in our ocean series</li><li>Our reporting on the harbour</li></ul>",
     "ocean series"),
]


@pytest.mark.parametrize(("what", "place", "added", "named"), ADDED, ids=[a[0] for a in ADDED])
def test_words_added_around_the_article_fail_and_are_named(
    en_republished: tuple[Article, str], what: str, place: object, added: str, named: str
) -> None:
    article, html = en_republished
    assert callable(place)
    verdict = check_page(page_of(article, place(html, added)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert named in detail and "was added" in detail, detail


def test_a_translators_note_in_french_fails(fr_republished: tuple[Article, str]) -> None:
    article, html = fr_republished
    page = page_of(article, after_text(html, "<p><em>Traduit de l’anglais par Marie Dupont."
                                             "</em></p>"))
    verdict = check_page(page, article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "Traduit de l'anglais par Marie Dupont" in verdict.finding("unaltered-text").detail


def test_a_feed_entry_with_an_intro_fails(en_republished: tuple[Article, str]) -> None:
    article, html = en_republished
    verdict = check(before_text(html, "<p>Our pick of the week.</p>"), article,
                    title=article.title)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "Our pick of the week" in verdict.finding("unaltered-text").detail


def test_plain_text_with_a_dateline_fails(en_republished: tuple[Article, str]) -> None:
    article, html = en_republished
    text = article.title + "\n\n" + as_text(glued_before(html, "NEW YORK - "))
    verdict = check_page(text, article, plain=True)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "NEW YORK" in verdict.finding("unaltered-text").detail


# --- the post around the article's body, and the page around the post ---------------------

STANDFIRST = ('<header class="entry-header"><h1 class="entry-title">{title}</h1>'
              '<p class="entry-summary">Our pick this week: what happened to the sea stars.</p>')


def test_a_standfirst_in_the_header_outside_the_body_fails(
    en_republished: tuple[Article, str]
) -> None:
    """A publisher's summary in the post's header, under the headline and outside the
    article's body (another CMS field), is read as the article's first words: added text
    (tests/corpus/red-team-findings.md F22). The header's "Posted on … by …" is not."""
    article, html = en_republished
    page = page_of(article, html)
    page = re.sub(r'<header class="entry-header"><h1 class="entry-title">(.*?)</h1>',
                  lambda m: STANDFIRST.format(title=m.group(1)), page, count=1)
    assert "Our pick this week" in page
    verdict = check_page(page, article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert "Our pick this week" in detail and "Posted on" not in detail, detail


def _with_excerpt(page: str, excerpt: str) -> str:
    """``page`` with ``excerpt`` in the post's header under the headline, where WordPress
    themes print the post's excerpt (``the_excerpt()``: the excerpt field or the body's first
    55 words, clipped with " [&hellip;]")."""
    out = re.sub(r'<header class="entry-header"><h1 class="entry-title">(.*?)</h1>',
                 lambda m: STANDFIRST.format(title=m.group(1)).replace(
                     "Our pick this week: what happened to the sea stars.", excerpt),
                 page, count=1)
    assert excerpt in out
    return out


@pytest.mark.parametrize("shape", ["whole", "clipped", "bracketed"])
@pytest.mark.parametrize("which", ["en", "fr"])
def test_the_originals_own_standfirst_or_first_words_as_the_excerpt_pass(
    en_republished: tuple[Article, str], fr_republished: tuple[Article, str],
    which: str, shape: str
) -> None:
    """The original's standfirst (the feed's summary) printed as the post's excerpt under
    the headline is The Conversation's words, as is an automatic excerpt of the body's first
    words: whole, or clipped with "…" or " [&hellip;]"."""
    article, html = en_republished if which == "en" else fr_republished
    assert article.summary
    page = page_of(article, html)
    for words in (article.summary.split(), _body_words(html)):
        excerpt = {"whole": " ".join(words[:40]), "clipped": " ".join(words[:9]) + "…",
                   "bracketed": " ".join(words[:9]) + " [&hellip;]"}[shape]
        verdict = check_page(_with_excerpt(page, excerpt), article)
        assert verdict.compliant, (excerpt, explain(verdict))


def _body_words(html: str) -> list[str]:
    paragraph = re.search(r"</p>\s*<p>(.*?)</p>", html, re.DOTALL)
    assert paragraph is not None
    return re.sub(r"<[^>]+>", "", paragraph.group(1)).split()


def test_an_altered_standfirst_fails(en_republished: tuple[Article, str]) -> None:
    """One word of the original's standfirst changed in the excerpt is an alteration."""
    article, html = en_republished
    assert article.summary and "voracious" in article.summary
    excerpt = article.summary.replace("voracious", "hungry")
    verdict = check_page(_with_excerpt(page_of(article, html), excerpt), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "hungry" in verdict.finding("unaltered-text").detail


@pytest.mark.parametrize("furniture", [
    # Jetpack's sharing buttons and likes inside the post's content, after the article
    '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
    '<ul><li><a href="/share?x">Facebook</a></li><li><a href="/share?y">Email</a></li></ul></div>',
    # an author box after the article, inside the content
    '<div class="author-box"><h4>About the author</h4><p>Rebecca Vega Thurber studies '
    'corals and sea stars.</p></div>',
    # a figure of the publisher's, judged by the images rule, not as words
    '<figure><img src="https://example.org/diver.jpg" alt=""><figcaption>Divers at work. '
    'Photo: the newsroom, CC BY 4.0</figcaption></figure>',
], ids=["sharing buttons", "author box", "publisher's figure"])
def test_furniture_inside_the_content_is_not_added_text(
    en_republished: tuple[Article, str], furniture: str
) -> None:
    article, html = en_republished
    verdict = check_page(page_of(article, at_end(html, furniture)), article)
    assert verdict.finding("unaltered-text").ok, explain(verdict)


def test_the_byline_and_attribution_moved_around_pass(en_republished: tuple[Article, str]) -> None:
    """The pasted code's credit in another order (byline after the article, attribution
    before it) is the article's credit, not added words."""
    article, html = en_republished
    byline = re.search(r'<p class="tc-byline">.*?</p>', html, re.DOTALL)
    line = re.search(r'<p class="tc-attribution">.*?</p>', html, re.DOTALL)
    assert byline is not None and line is not None
    moved = html.replace(byline.group(), "").replace(line.group(), "")
    verdict = check_page(page_of(article, line.group() + moved + byline.group()), article)
    assert verdict.compliant, explain(verdict)


def test_a_digest_intro_before_the_articles_headline_passes(
    en_republished: tuple[Article, str]
) -> None:
    """In a page of several pieces, what stands before the heading that heads the article
    (the page's intro, another piece) is not the article's."""
    article, html = en_republished
    body = ("<p>Two pieces our readers asked about this week, republished from partners.</p>"
            f"<h2>{article.title}</h2>" + html)
    page = sub(page_of(article, body), '<h1 class="entry-title">', '<h1 class="x">')
    verdict = check_page(page, article)
    assert verdict.finding("unaltered-text").ok, explain(verdict)


def test_plain_text_with_a_signature_passes(en_republished: tuple[Article, str]) -> None:
    article, html = en_republished
    text = (article.title + "\n\n" + as_text(html)
            + "\n\n-- \nYou get this letter because you subscribed at example.org.")
    verdict = check_page(text, article, plain=True)
    assert verdict.finding("unaltered-text").ok, explain(verdict)
    assert not verdict.failed, explain(verdict)


# --- a CMS's post meta beside the article (docs/compliance.md#the-articles-span) ------------

POST_PAGE = ('<!doctype html><html lang="en"><head><title>{title} - Harbour Ledger</title>'
             '</head><body><header class="site-header"><a href="/">Harbour Ledger</a></header>'
             '<main><article class="post type-post">'
             '<h1 class="entry-title">{title}</h1>{meta}{body}</article></main></body></html>')

POST_META = [
    ("a WordPress entry-meta with <time>",
     '<div class="entry-meta"><span class="posted-on">Posted on <a href="/2025/10/02/">'
     '<time class="entry-date published" datetime="2025-10-02T08:00:00+00:00">October 2, '
     '2025</time></a></span><span class="byline"> by <span class="author vcard">'
     '<a class="url fn n" href="/author/editor/">Editor</a></span></span></div>'),
    ("a Newspaper-style meta row with an itemprop author",
     '<div class="td-module-meta-info"><div class="td-post-author-name">By <a href="/a/ed/" '
     'itemprop="author">Harbour Desk</a> - </div><span class="td-post-date">'
     '<time datetime="2025-10-02">2 October 2025</time></span>'
     '<div class="td-post-views"><span>214</span></div></div>'),
    ("a list of label: value items, no <time>",
     '<ul class="post-details"><li>Category: Environment</li><li>Reading time: 4 min</li>'
     '<li>Comments: 3</li></ul>'),
    ("a French dl with a schema.org date",
     '<dl class="infos"><dt>Détails</dt><dd>Rédigé par : Rédaction</dd>'
     '<dd><span itemprop="datePublished">Publié le 2 octobre 2025</span></dd></dl>'),
]


def post_page(article: Article, meta: str, body: str) -> str:
    return POST_PAGE.format(title=article.title, meta=meta, body=body)


@pytest.mark.parametrize(("what", "meta"), POST_META, ids=[m[0] for m in POST_META])
def test_a_cms_post_meta_block_beside_the_body_passes(
    en_republished: tuple[Article, str], what: str, meta: str
) -> None:
    """The CMS's own author/date/category block between the headline and the article's
    HTML, a sibling with no wrapper, is the page's post metadata, not words added."""
    article, html = en_republished
    verdict = check_page(post_page(article, meta, html), article)
    assert verdict.compliant, explain(verdict)


BESIDE_META = [
    ("a dateline after the meta block", '<p>PARIS —</p>', "PARIS"),
    ("a meta block carrying an added sentence",
     '<div class="entry-meta"><time datetime="2025-10-02">2 October 2025</time> '
     '<span class="note">Updated: the council has since answered our questions.</span></div>',
     "the council has since answered"),
    ("a label: value list carrying an editor's line",
     '<ul class="post-details"><li>Category: Environment</li>'
     '<li>Why we chose it: our readers asked about the divers last week.</li></ul>',
     "our readers asked"),
    ("a <time> inside an intro paragraph",
     '<p>On <time datetime="2025-10-02">2 October</time> our readers asked us what became '
     'of the sea stars, so we republish this piece.</p>', "our readers asked"),
]


@pytest.mark.parametrize(("what", "added", "named"), BESIDE_META,
                         ids=[b[0] for b in BESIDE_META])
def test_added_words_beside_a_post_meta_block_fail(
    en_republished: tuple[Article, str], what: str, added: str, named: str
) -> None:
    article, html = en_republished
    meta = POST_META[0][1]
    verdict = check_page(post_page(article, meta + added, html), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert named in detail and "was added" in detail, detail


def test_a_feed_entrys_credit_without_its_classes_is_read_as_credit(
        en_republished: tuple[Article, str]) -> None:
    """A feed entry's byline and attribution line are credit boxes by their classes, and no
    run of words around the article is judged (span.added_words then reads neither the
    credit nor the links around the article); without the classes they are runs of words,
    judged as the article's credit, and words added beside them still fail."""
    article, html = en_republished
    bare = sub(sub(html, '<p class="tc-byline">', "<p>"), '<p class="tc-attribution">', "<p>")
    verdict = check(bare, article, title=article.title)
    assert verdict.compliant, explain(verdict)
    added = check(at_end(bare, "<p>Sponsored by ACME.</p>"), article, title=article.title)
    assert [f.rule for f in added.failed] == ["unaltered-text"], explain(added)
    assert "Sponsored by ACME" in added.finding("unaltered-text").detail
