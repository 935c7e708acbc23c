"""The ninth round's classes (red-team-findings.md, F80-F83), on the layouts of news
publishers' CMSs (TownNews BLOX, Arc XP, JNews) and on other pages of the same kind: a
paywall's per-paragraph wrapper is no sign-up box (F80); the byline as pasted, its classes
dropped, is credit by its shape (F81); a note after an article element that holds the body
alone is judged (F82); a box's headings above the article bound nothing (F83). Each with its
guard: the publisher's words, or an edited word, in what is now accepted still fail. Pages
built in memory from the corpus's recorded originals; nothing on disk is edited."""

from __future__ import annotations

import re

import lxml.html
import pytest

from syndication.compliance import check_page
from syndication.compliance.boxkinds import box_kind

from .corpus.edits import after_paragraph, body_paragraphs, sub, words
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import Original, originals
from .pages import explain

EN, FR1, ES1 = "en-263253", "fr-212649", "es-159013"


def _page(layout: str, o: Original, code: str | None = None, *, after: str = "") -> str:
    return fill(LAYOUTS[layout], Slots(lang=o.lang, head_title=o.article.title,
                                       headline=o.article.title,
                                       article=o.code if code is None else code, after=after))


def _failed(page: str, o: Original) -> list[str]:
    return [f.rule for f in check_page(page, o.article, plain=False).failed]


def _edited(o: Original, code: str) -> str:
    """``code`` with one word of its second body paragraph changed."""
    p = body_paragraphs(code)[1].group()
    word = next(w for w in re.findall(r"(?<=\s)[a-zà-ÿ]{5,}(?=\s)", p))
    return code.replace(p, p.replace(f" {word} ", " changed ", 1), 1)


# --- F80: a paywall's wrapper is no sign-up box ---------------------------------------------

@pytest.mark.parametrize("classes", ["subscriber-only", "subscriber-preview",
                                     "asset-content  subscriber-premium", "subscribers-only"])
def test_a_paywall_wrapper_names_no_box(classes: str) -> None:
    el = lxml.html.fragment_fromstring(f'<div class="{classes}"><p><a href="/a/">Interview'
                                       "</a></p></div>")
    assert box_kind(el, ["Interview"]) is None


@pytest.mark.parametrize("classes", ["subscribe-box", "subscriber_signup",
                                     "subscription-widget-wrap", "newsletter-subscribers"])
def test_a_sign_up_box_is_still_one(classes: str) -> None:
    el = lxml.html.fragment_fromstring(f'<div class="{classes}"><p>Get our letter.</p>'
                                       '<form><input type="email"></form></div>')
    assert box_kind(el, "Get our letter .".split()) == "newsletter sign-up"


@pytest.mark.parametrize("name", [EN, FR1, ES1])
def test_blox_paragraphs_in_their_wrappers_pass(name: str) -> None:
    o = originals()[name]
    page = _page("townnews-blox", o)
    assert page.count('class="subscriber-only"') >= 4
    assert _failed(page, o) == []


@pytest.mark.parametrize("name", [EN, FR1, ES1])
def test_the_publishers_line_in_a_paywall_wrapper_is_added(name: str) -> None:
    o = originals()[name]
    line = ('<p>Our reporter asked the author about it: <a href="https://www.prairieherald'
            '.example/news/local/article_2b7c1e40.html">interview</a></p>')
    page = _page("townnews-blox", o, after_paragraph(o.code, 1, line))
    assert _failed(page, o) == ["unaltered-text"]


def test_an_edited_word_in_a_paywall_wrapper_fails() -> None:
    o = originals()[EN]
    assert _failed(_page("townnews-blox", o, _edited(o, o.code)), o) == ["unaltered-text"]


def test_a_membership_plugins_wrapper_around_a_note_is_added() -> None:
    """Another CMS of the kind: a WordPress membership block ("subscribers-only") around
    the publisher's note between paragraphs."""
    o = originals()[EN]
    note = f'<div class="wp-block-group subscribers-only"><p>{words(o)["intro"]}</p></div>'
    page = _page("wp-twentytwentyone", o, after_paragraph(o.code, 2, note))
    assert _failed(page, o) == ["unaltered-text"]


# --- F81: the byline by its shape, its class dropped ----------------------------------------

def _classless(code: str) -> str:
    return re.sub(r'<p class="(?:tc-byline|tc-attribution|fine-print)">', "<p>", code)


@pytest.mark.parametrize("name", [EN, FR1])
def test_a_classless_byline_with_another_role_passes(name: str) -> None:
    o = originals()[name]
    author = o.article.authors[0]
    assert author.role
    code = sub(_classless(o.code), author.role, "Senior Lecturer")
    page = _page("wp-twentytwentyone", o, code)
    assert _failed(page, o) == [], explain(check_page(page, o.article, plain=False))


def test_a_classless_byline_with_another_institution_fails_only_institution_credit() -> None:
    o = originals()[EN]
    institution = o.article.authors[0].institution
    assert institution
    code = sub(_classless(o.code), institution, "Harbour Community College")
    assert _failed(_page("arc-fusion", o, code), o) == ["institution-credit"]


def test_a_note_opening_with_the_authors_profile_link_is_added() -> None:
    """A sentence naming the author, linked to the profile, is a note, not a byline."""
    o = originals()[EN]
    author = o.article.authors[0]
    note = (f'<p><a href="{author.profile_url}">{author.name}</a> wrote this for our readers '
            "after the town meeting.</p>")
    code = _classless(o.code)
    page = _page("wp-twentytwentyone", o, after_paragraph(code, 0, note))
    assert _failed(page, o) == ["unaltered-text"]


def test_a_classless_byline_carrying_an_edited_sentence_fails() -> None:
    o = originals()[EN]
    author = o.article.authors[0]
    assert author.role
    sentence = "That balance allowed the local kelp forests to flourish, providing food"
    code = sub(_classless(o.code), author.role, sentence.replace("local", "coastal"))
    assert "unaltered-text" in _failed(_page("wp-twentytwentyone", o, code), o)


# --- F82: a note after an article element that holds the body alone -------------------------

@pytest.mark.parametrize("name", [EN, FR1, ES1])
def test_a_note_after_the_body_chain_is_added(name: str) -> None:
    o = originals()[name]
    note = f'<p>{words(o)["appended"].strip()}</p>'
    assert _failed(_page("arc-fusion", o, after=note), o) == ["unaltered-text"]


def test_a_note_after_a_react_news_sites_article_element_is_added() -> None:
    """Another CMS of the kind: the headline and byline in the page's column, the article
    element around the body alone, the note and the tags after it."""
    o = originals()[FR1]
    head = f'<h1 class="b-headline">{o.article.title}</h1><div class="b-byline">Staff</div>'
    page = (f'<!DOCTYPE html><html lang="fr"><head><title>{o.article.title}</title>'
            '<link rel="canonical" href="https://news.example/a/"></head><body><main>'
            f'<div class="b-column">{head}<article class="b-article-body">{o.code}</article>'
            "{after}"
            '<div class="b-tags"><a href="/tags/science/">Science</a></div></div>'
            '<div class="b-more"><h2>Most read</h2><a href="/b/">Budget vote</a></div>'
            "</main></body></html>")
    assert _failed(page.replace("{after}", ""), o) == []
    note = f'<p>{words(o)["appended"].strip()}</p>'
    assert _failed(page.replace("{after}", note), o) == ["unaltered-text"]


def test_the_tags_and_most_read_after_the_body_chain_pass() -> None:
    o = originals()[EN]
    assert _failed(_page("arc-fusion", o), o) == []


# --- F83: a box's headings above the article bound nothing ---------------------------------

@pytest.mark.parametrize("name", [EN, FR1, ES1])
def test_an_intro_above_the_read_also_box_is_added(name: str) -> None:
    o = originals()[name]
    intro = f'<p><em>{words(o)["intro"]}</em></p>'
    code = o.code.replace(body_paragraphs(o.code)[0].group(),
                          intro + "\n" + body_paragraphs(o.code)[0].group(), 1)
    assert _failed(_page("wp-jnews", o, code), o) == ["unaltered-text"]


def test_an_intro_above_another_themes_inline_related_box_is_added() -> None:
    """Another theme of the kind: an inline related box (class "inline-related") whose
    posts' titles are <h4> headings, set after the intro."""
    o = originals()[EN]
    box = ('<div class="inline-related"><h4>Read also</h4><ul><li><h4><a href="https://'
           'harbourtown.example/2025/09/28/river-cleanup/">Volunteers clear the river</a></h4>'
           "</li></ul></div>")
    first = body_paragraphs(o.code)[0].group()
    for intro, failed in (("", []), (f'<p>{words(o)["intro"]}</p>', ["unaltered-text"])):
        code = o.code.replace(first, intro + box + first, 1)
        assert _failed(_page("wp-twentytwentyone", o, code), o) == failed


def test_jnews_as_pasted_and_an_edited_word_after_its_box() -> None:
    o = originals()[EN]
    assert _failed(_page("wp-jnews", o), o) == []
    assert _failed(_page("wp-jnews", o, _edited(o, o.code)), o) == ["unaltered-text"]
