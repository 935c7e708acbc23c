"""Boxes plugins print after a post's content (docs/compliance.md#person-boxes,
#publisher-boxes): an author box marking the post's WordPress author as a person (schema.org
Person in microdata or RDFa, an hCard), whoever it names, and a reader's feedback widget
(star ratings, "Was this helpful?", emoji reactions) or a series' links are furniture, not
words added to the article. The same boxes holding a sentence of the article, edited, are
judged as text; an author box is no byline: it credits the authors only where their names
and profile links are. Pages are built in memory around our own republication of the
recorded samples (tests/corpus/edits.py, PLUGIN_BOXES)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from syndication.compliance import check_page
from syndication.compliance.boxkinds import box_kind
from syndication.compliance.htmltext import parse_fragment
from syndication.compliance.htmltext import words as words_of
from syndication.compliance.span import _is_person
from syndication.models import Article
from syndication.republish import republish

from .corpus.edits import (
    BOX_WORDS,
    PLUGIN_BOXES,
    Person,
    elementor_image_box,
    helpful,
    media_text_author_box,
    molongui_box,
    simple_author_box_legacy,
)
from .pages import explain, third_party_page


@pytest.fixture(scope="module", params=[0, 1], ids=["en-263253", "fr-212649"])
def republished(request: pytest.FixtureRequest, env_article: Article,
                fr_articles: tuple[Article, ...]) -> tuple[Article, str, str]:
    article = [env_article, *fr_articles][request.param]
    return article, republish(article).html, ("en", "fr")[request.param]


def after(article: Article, html: str, box: str) -> str:
    """A third-party page of our republication with ``box`` after it, in the content."""
    return third_party_page(html + "\n" + box, title=article.title,
                            author=article.authors[0].name)


def _made(name: str, article: Article, lang: str) -> str:
    where, make = PLUGIN_BOXES[name]
    assert where == "end", name
    return make(SimpleNamespace(lang=lang, article=article, name=""))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["simple-author-box", "simple-author-box-staff",
                                  "molongui-staff", "starbox", "starbox-staff",
                                  "kk-star-ratings", "kk-star-ratings-unrated",
                                  "wp-postratings", "helpful", "wp-reactions"])
def test_a_plugins_box_after_the_content_passes(
    republished: tuple[Article, str, str], name: str
) -> None:
    article, html, lang = republished
    verdict = check_page(after(article, html, _made(name, article, lang)), article)
    assert verdict.compliant, explain(verdict)


# --- a person's box, by structure ---------------------------------------------------------


@pytest.mark.parametrize("attributes", [
    'itemscope itemtype="https://schema.org/Person"',
    'itemscope itemtype="http://schema.org/Person" itemprop="author"',
    'vocab="https://schema.org/" typeof="Person"',
    'typeof="schema:Person"',
    'class="vcard"',
    'class="p-author h-card"',
])
def test_a_person_is_known_by_markup_not_by_a_plugins_class(attributes: str) -> None:
    assert _is_person(parse_fragment(f"<div {attributes}>Jane Staff</div>")[0])


@pytest.mark.parametrize("attributes", [
    'itemscope itemtype="https://schema.org/Article"',
    'itemscope itemtype="https://schema.org/PersonalBlog"',
    'class="author-box"',  # a credit box by its class: credit.py's, not a person's mark
    'class="vcards-list"',
])
def test_other_markup_marks_no_person(attributes: str) -> None:
    assert not _is_person(parse_fragment(f"<div {attributes}>Jane Staff</div>")[0])


BOX = ('<div class="post-card"><div class="tabs"><a href="#about">About</a> '
       '<a href="#posts">Latest Posts</a></div>'
       '<div itemscope itemtype="https://schema.org/Person"><img alt="" '
       'src="https://secure.gravatar.com/avatar/0f1e?s=80" width="80" height="80"/>'
       '<h4 itemprop="name">Jane Staff</h4>'
       '<p itemprop="description">Jane Staff looks after our science pages and writes the '
       'weekend reading list for the site.</p></div>{beside}</div>')


@pytest.mark.parametrize("beside", [
    "",
    '<p>Latest posts by Jane Staff (<a href="/author/web-editor/">see all</a>)</p>',
])
def test_a_person_box_of_no_plugin_passes_with_its_tabs_and_labels(
    republished: tuple[Article, str, str], beside: str
) -> None:
    article, html, _lang = republished
    verdict = check_page(after(article, html, BOX.format(beside=beside)), article)
    assert verdict.compliant, explain(verdict)


def test_a_sentence_beside_the_person_in_their_box_is_added_words(
    republished: tuple[Article, str, str]
) -> None:
    article, html, _lang = republished
    note = "<p>We are glad to share this piece with our readers this week.</p>"
    verdict = check_page(after(article, html, BOX.format(beside=note)), article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    assert "glad" in failed["unaltered-text"]


def test_a_bio_that_is_an_edited_sentence_of_the_article_is_judged(
    republished: tuple[Article, str, str]
) -> None:
    article, html, _lang = republished
    sentence = words_of(re.sub(r"<[^>]+>", " ", article.content))[200:212]
    edited = " ".join([*sentence[:6], "however", *sentence[6:]])
    box = molongui_box(Person(article.authors[0].name, edited, "/author/x/"))
    verdict = check_page(after(article, html, box), article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    assert "however" in failed["unaltered-text"]


def test_an_author_box_is_no_byline(republished: tuple[Article, str, str]) -> None:
    """The byline taken out, an author box naming the staff who posted it: the article's
    authors are not credited."""
    article, html, lang = republished
    start = html.index('<p class="tc-byline">')
    html = html[:start] + html[html.index("</p>", start) + 4:]
    verdict = check_page(after(article, html, _made("simple-author-box-staff", article, lang)),
                         article)
    assert {f.rule for f in verdict.failed} == {"author-credit"}, explain(verdict)


# --- an author box with no markup of a person, by its shape (F54) --------------------------

LEGACY = {"sab-legacy": simple_author_box_legacy,
          "sab-legacy-unlinked": lambda p: simple_author_box_legacy(p, linked=False),
          "media-text": media_text_author_box, "elementor-image-box": elementor_image_box}
# Where a page says who posted it: its meta, a theme's byline linking the author's page.
POSTED = {
    "meta": '<meta name="author" content="{name}">',
    "rel-author": '<p class="posted-on">Posted by <a href="/author/web-editor/" '
                  'rel="author">{name}</a></p>',
    "byline-class": '<div class="entry-byline">By {name} · 2 October 2025</div>',
}


def _bio(article: Article, lang: str) -> str:
    a = article.authors[0]
    return BOX_WORDS[lang]["bio"].format(name=a.name, role=(a.role or "researcher").split(";")[0],
                                         institution=a.institution)


@pytest.mark.parametrize("shape", sorted(LEGACY))
def test_an_author_box_of_the_articles_author_is_known_by_its_shape(
    republished: tuple[Article, str, str], shape: str
) -> None:
    article, html, lang = republished
    person = Person(article.authors[0].name, _bio(article, lang), "/author/x/")
    verdict = check_page(after(article, html, LEGACY[shape](person)), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("where", sorted(POSTED))
@pytest.mark.parametrize("shape", ["sab-legacy-unlinked", "media-text"])
def test_an_author_box_of_who_the_page_says_posted_it_passes(
    republished: tuple[Article, str, str], shape: str, where: str
) -> None:
    article, html, lang = republished
    w = BOX_WORDS[lang]
    said = POSTED[where].format(name=w["staff"])
    box = LEGACY[shape](Person(w["staff"], w["staff-bio"], "/author/web-editor/"))
    page = after(article, html, box)
    page = page.replace("</head>", said + "</head>", 1) if where == "meta" else \
        page.replace('<article class="post">', '<article class="post">' + said, 1)
    assert said in page
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("shape", ["sab-legacy-unlinked", "media-text"])
def test_an_author_box_of_someone_the_page_does_not_credit_is_added_words(
    republished: tuple[Article, str, str], shape: str
) -> None:
    """The staff member's box with the page naming nobody as its poster, and a stranger's:
    their bios are the publisher's words."""
    article, html, lang = republished
    w = BOX_WORDS[lang]
    for name, bio in ((w["staff"], w["staff-bio"]), (w["stranger"], w["stranger-bio"])):
        box = LEGACY[shape](Person(name, bio, "/author/guest/"))
        verdict = check_page(after(article, html, box), article)
        assert "unaltered-text" in {f.rule for f in verdict.failed}, explain(verdict)
        assert bio.split()[3] in verdict.finding("unaltered-text").detail


@pytest.mark.parametrize("shape", sorted(LEGACY))
def test_a_legacy_bio_that_is_an_edited_sentence_of_the_article_is_judged(
    republished: tuple[Article, str, str], shape: str
) -> None:
    article, html, _lang = republished
    sentence = words_of(re.sub(r"<[^>]+>", " ", article.content))[200:212]
    edited = " ".join([*sentence[:6], "however", *sentence[6:]])
    box = LEGACY[shape](Person(article.authors[0].name, edited, "/author/x/"))
    verdict = check_page(after(article, html, box), article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert "unaltered-text" in failed, explain(verdict)
    assert "however" in failed["unaltered-text"]


def test_a_sentence_before_a_legacy_box_in_its_wrapper_is_added_words(
    republished: tuple[Article, str, str]
) -> None:
    article, html, lang = republished
    person = Person(article.authors[0].name, _bio(article, lang), "/author/x/")
    note = "<p>We are glad to share this piece with our readers this week.</p>"
    box = f'<div class="post-extras">{note}{simple_author_box_legacy(person, linked=False)}</div>'
    verdict = check_page(after(article, html, box), article)
    assert {f.rule for f in verdict.failed} == {"unaltered-text"}, explain(verdict)
    assert "glad" in verdict.finding("unaltered-text").detail


# --- a reader's feedback, a series' links -------------------------------------------------


@pytest.mark.parametrize("html, kind", [
    ('<div class="kk-star-ratings"><div class="kksr-legend">4.5/5 - (12 votes)</div></div>',
     "feedback"),
    ('<div class="helpful"><h3>Was this article helpful?</h3><button>Yes 24</button>'
     "<button>No 3</button></div>", "feedback"),
    ('<div class="seriesmeta">This entry is part 2 of 5 in the series <a href="/series/x/">'
     "Ocean heat</a></div>", "series links"),
    ("<fieldset><legend>Series Navigation</legend><a href='/a/'>« Warming seas</a></fieldset>",
     "form"),
])
def test_feedback_and_series_boxes_are_known(html: str, kind: str) -> None:
    el = parse_fragment(html)[0]
    assert box_kind(el, words_of("".join(el.itertext()))) == kind


def test_a_feedback_box_naming_the_author_is_added_words(
    republished: tuple[Article, str, str]
) -> None:
    article, html, lang = republished
    question = f"Did {article.authors[0].name}'s piece help you?"
    verdict = check_page(after(article, html, helpful(
        SimpleNamespace(lang=lang), question)), article)  # type: ignore[arg-type]
    assert {f.rule for f in verdict.failed} == {"unaltered-text"}, explain(verdict)


def test_the_box_words_exist_in_every_language() -> None:
    assert {frozenset(w) for w in BOX_WORDS.values()} == {frozenset(BOX_WORDS["en"])}

