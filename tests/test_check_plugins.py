"""What WordPress plugins print into a post's content, before or after its text
(docs/compliance.md#publisher-boxes, #the-articles-span): a post meta line (Post Views
Counter, Reading Time WP, Yoast's reading time, WP Last Modified Info), buttons to print,
share or like the post (Print Friendly, Jetpack), a donation prompt (Newspack Campaigns, a
Group block over a Donate button) are the publisher's furniture, not words added to the
article; a note about the article in such a prompt, a dated dateline or an update sentence
are added words. Pages are built in memory around our own republication of the recorded
samples, the plugins' markup as they print it (tests/corpus/edits.py, PLUGIN_LINES); no word
of the article is edited."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from syndication.compliance import check_page
from syndication.compliance.boxkinds import box_kind
from syndication.compliance.htmltext import parse_fragment, parse_page
from syndication.compliance.htmltext import words as words_of
from syndication.compliance.page import Hidden
from syndication.compliance.span import _alone, _dated_words, _post_meta
from syndication.models import Article
from syndication.republish import republish

from .corpus.edits import PLUGIN_DEFECTS, PLUGIN_LINES, WORDS
from .pages import explain, third_party_page


@pytest.fixture(scope="module", params=[0, 1], ids=["en-263253", "fr-212649"])
def republished(request: pytest.FixtureRequest, env_article: Article,
                fr_articles: tuple[Article, ...]) -> tuple[Article, str, str]:
    article = [env_article, *fr_articles][request.param]
    return article, republish(article).html, ("en", "fr")[request.param]


def with_plugin(article: Article, html: str, lang: str, name: str) -> str:
    """A third-party page of our republication with PLUGIN_LINES[name] where its plugin
    prints it: before the first paragraph, after the code, or after the second paragraph."""
    where, make = PLUGIN_LINES[name]
    made = make(SimpleNamespace(lang=lang, article=article))  # what edits.words() reads
    paragraphs = list(re.finditer(r"<p>.*?</p>", html, re.DOTALL))
    assert len(paragraphs) > 2
    if where == "start":
        at = paragraphs[0].start()
    elif where == "between":
        at = paragraphs[1].end()
    else:
        at = len(html)
    body = html[:at] + "\n" + made + "\n" + html[at:]
    return third_party_page(body, title=article.title, author=article.authors[0].name)


@pytest.mark.parametrize("name", [n for n in PLUGIN_LINES if n not in PLUGIN_DEFECTS])
def test_what_plugins_print_into_the_content_passes(
    republished: tuple[Article, str, str], name: str
) -> None:
    article, html, lang = republished
    verdict = check_page(with_plugin(article, html, lang, name), article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("name, quoted", [
    ("newspack-donate-naming-author", "wrote"),
    ("dated-dateline-paragraph", "dated-dateline"),
    ("update-note", "update-note"),
    ("short-update", "short-update"),
])
def test_the_publishers_words_dressed_as_a_plugins_fail(
    republished: tuple[Article, str, str], name: str, quoted: str
) -> None:
    article, html, lang = republished
    verdict = check_page(with_plugin(article, html, lang, name), article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    said = WORDS[lang][quoted].format(who="")
    assert said.split()[1] in failed["unaltered-text"], failed


# --- post meta lines, by structure --------------------------------------------------------


def _block(html: str) -> object:
    return parse_fragment(f"<div>{html}</div>")[0]


@pytest.mark.parametrize("html", [
    '<div><span class="x">Post Views:</span> <span>1,284</span></div>',
    "<p>Reading Time: 6 minutes</p>",
    "<p>Temps de lecture : 6 minutes</p>",
    '<p>Last Updated on October 3, 2025 by <a href="/author/desk/">News Desk</a></p>',
    "<p>Mis à jour le 3 octobre 2025</p>",
    "<p>Actualizado el 3 de octubre de 2025 por la redacción</p>",
    '<p>Updated <time datetime="2025-10-03">Oct 3</time></p>',
])
def test_a_post_meta_line_is_known_by_its_structure(html: str) -> None:
    assert _post_meta(_block(html))


@pytest.mark.parametrize("html", [
    "<p>Update: we corrected the name of a reef on October 4, 2025.</p>",  # a sentence
    "<p>SANTA BARBARA, Calif., Oct. 3, 2025 —</p>",  # a dateline, dated
    "<p>Editor’s note: thanks.</p>",  # a labelled sentence
    "<p>Note: our readers asked us about this story at the town hall meeting</p>",  # long
    "<p>SANTA BARBARA, Calif.</p>",  # no label, no date
    "<p>Update: corrected the reef name</p>",  # a labelled phrase, no value
    "<p>6 minutes</p>",  # a value without its label
])
def test_other_lines_are_no_post_meta(html: str) -> None:
    assert not _post_meta(_block(html))


@pytest.mark.parametrize("text, expected", [
    ("Last Updated on October 3, 2025 by", (5, True)),
    ("3 octobre 2025", (1, True)),
    ("Oct. 3", (1, True)),
    ("May we help", (3, False)),  # a month's name with no number beside it
    ("Hits: 214", (2, False)),
])
def test_a_date_in_words_counts_as_one_word(text: str, expected: tuple[int, bool]) -> None:
    assert _dated_words(words_of(text)) == expected


def test_an_inline_line_standing_alone_is_a_block() -> None:
    root = parse_fragment('<div><span class="rt">Reading Time: 6 minutes</span>'
                          "<p>Before 2013, divers</p></div>")[0]
    assert _alone(root[0])
    glued = parse_fragment('<div><p>Before <span class="rt">2013</span>, divers</p></div>')[0]
    assert not _alone(glued[0][0])


# --- buttons and donation prompts, by markup and by structure ------------------------------


@pytest.mark.parametrize("html, kind", [
    ('<div class="printfriendly pf-button"><a href="#"><img src="x.png" alt=""></a></div>',
     "buttons"),
    ('<div class="sharedaddy sd-like"><a href="#">Like</a></div>', "buttons"),
    ('<div class="give-form-wrap"><form><button>Donate</button></form></div>',
     "donation request"),
    ('<div class="newspack-popup"><p>Support us</p><a href="/donate/">Donate</a></div>',
     "promotion"),
])
def test_boxes_named_by_their_plugins(html: str, kind: str) -> None:
    el = _block(html)[0]
    assert box_kind(el, ["x"] * 10) == kind


@pytest.mark.parametrize("button", [
    '<a class="wp-block-button__link" href="/donate/">Give today</a>',  # the address says
    '<a class="wp-block-button__link" href="https://donorbox.org/harbor">Give</a>',  # host
    '<a class="wp-block-button__link" href="/give/">Faire un don</a>',  # the words say
])
def test_a_donation_box_is_known_by_what_it_is(
    republished: tuple[Article, str, str], button: str
) -> None:
    article, html, _lang = republished
    box = ('<div class="wp-block-group"><h3>Our newsroom</h3><p>Reader gifts keep it free.'
           f'</p><div class="wp-block-buttons"><div class="wp-block-button">{button}'
           "</div></div></div>")
    at = html.index("</p>") + 4
    page = third_party_page(html[:at] + box + html[at:], title=article.title,
                            author=article.authors[0].name)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


def test_a_link_to_the_publishers_other_pages_is_no_call_to_give(
    republished: tuple[Article, str, str]
) -> None:
    article, html, _lang = republished
    box = ('<div class="wp-block-group"><h3>Our newsroom</h3><p>Reader gifts keep it free.'
           '</p><div class="wp-block-buttons"><div class="wp-block-button"><a '
           'class="wp-block-button__link" href="/about/">About us</a></div></div></div>')
    at = html.index("</p>") + 4
    page = third_party_page(html[:at] + box + html[at:], title=article.title,
                            author=article.authors[0].name)
    verdict = check_page(page, article)
    assert not verdict.compliant
    assert "Reader gifts keep it free" in explain(verdict)


def test_a_newspack_prompt_printed_hidden_is_seen() -> None:
    root = parse_page('<html><body><div class="newspack-popup-container newspack-popup hidden">'
                      '<p>x</p></div><div class="hidden"><p>y</p></div></body></html>')
    prompt, other = root.find("body")
    hidden = Hidden(root)
    assert not hidden(prompt)
    assert hidden(other)


def test_a_newspack_prompt_hidden_by_the_pages_style_is_seen() -> None:
    root = parse_page("<html><head><style>.newspack-popup-container.hidden{display:none}"
                      '</style></head><body><div class="newspack-popup-container newspack-popup '
                      'hidden"><p>x</p></div><div class="other hidden-by-rule"><p>y</p></div>'
                      "</body></html>")
    prompt = root.find("body")[0]
    assert not Hidden(root)(prompt)


@pytest.mark.parametrize("rel", ["tag", "category tag", "author"])
def test_a_note_after_the_posts_tags_is_no_excerpt(
    republished: tuple[Article, str, str], rel: str
) -> None:
    """A tag's, a category's or an author's link is no post's title: the sentence after
    "Tagged: <a rel=tag>oceans</a>" in the article's footer is added words, not a post's
    excerpt in a list of posts."""
    article, html, _lang = republished
    footer = ('<footer class="entry-footer"><span class="tags-links"><span>Tagged:</span> '
              f'<a href="/tag/oceans/" rel="{rel}">oceans</a></span><p>We will keep following '
              "this story for our readers.</p></footer>")
    page = third_party_page(html + footer, title=article.title,
                            author=article.authors[0].name)
    verdict = check_page(page, article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    assert "We will keep following this story" in failed["unaltered-text"]
