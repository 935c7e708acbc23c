"""A house style's typography is no change (F69, F84, docs/compliance.md#rule-unaltered-text):
what a typography plugin or setting puts for the original's marks reads as the same tokens,
and a word changed under it still fails. Pages built in memory from the recorded originals;
the headlines holding quotation marks are the recorded articles' with marks added in memory
(no recorded headline holds one)."""

from __future__ import annotations

import dataclasses

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import extract, parse_fragment
from syndication.tokens import join_words, key, words

from .corpus.edits import EDITED_WORD, QUOTE_EDITS, house_typography, quotes_restyled
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import Original, originals
from .pages import explain


@pytest.mark.parametrize(("styled", "plain"), [
    ("donʼt", "don’t"),  # the modifier letter apostrophe U+02BC
    ("l\u02bcarticle", "l'article"),
    ("don´t", "don't"),  # the acute accent for the apostrophe
    ("don′t", "don’t"),  # a prime
    ("a ″quote″ b", "a “quote” b"),  # double primes: one mark each, not two primes
    ("a -- b", "a – b"),  # dashes typed as hyphens
    ("a --- b", "a — b"),
    ("a---b", "a—b"),
    ("«\u202fmot\u202f» :", "« mot » :"),
    ("„Wort“", "“Wort”"),
    ("\ufb01ne", "fine"),
    ("wait…", "wait..."),
    ("non\u2011breaking", "non-breaking"),
    ("1\u2009000", "1 000"),
    ("Ｈｅｌｌｏ！", "Hello!"),
    # F84: quotation marks and apostrophes, whatever their character
    ("called ‘the blob,’ set", "called “the blob,” set"),  # a British style's single quotes
    ("des ‹\u202fgranules\u202f›", "des « granules »"),  # single guillemets
    ("des › granules ‹", "des « granules »"),  # reversed (Danish-style)
    ("„Wort‘ und ‚Wort‘", "“Wort” und “Wort”"),  # low-9 quotes
    ("as ``uni'' to", "as “uni” to"),  # a typewriter's pairs
    ("as 'uni' to", "as “uni” to"),  # straight single quotes
    ("«\u00a0oui\u00a0»", "“oui”"),
    ("don`t", "don’t"), ("l\u02bbarticle", "l’article"), ("It´s", "It’s"),
    ("gray whales` diets", "gray whales’ diets"),  # an apostrophe ending a word
    ("“He said ‘no’”", "‘He said “no”’"),  # a quotation within a quotation
    ("5′10″ tall", "5'10\" tall"),
])
def test_typography_reads_as_the_same_tokens(styled: str, plain: str) -> None:
    assert words(styled) == words(plain)


@pytest.mark.parametrize(("styled", "changed"), [
    ("donʼt", "do"),  # a negation dropped
    ("it isnʼt", "it is"),
    ("4 -- 5 years", "4 -- 6 years"),  # a number
    ("a --- b", "a b"),  # the dash removed is a removed mark
    ("the ″big″ one", "the ″large″ one"),
    # F84: what a mark's change of character does not hide
    ("don`t", "dont"),  # an apostrophe dropped
    ("called ‘the blob’", "called the blob"),  # a quotation's marks removed
    ("the voracious eaters", "the ‘voracious’ eaters"),  # marks added (scare quotes)
    ("‘urchin ranches’", "“urchin farms”"),  # a word changed inside the quotation
    ("It`s not new", "It’s new"),  # a negation dropped
    ("the students’ work", "the student’s work"),  # the apostrophe moved
    ("“He said ‘no’”", "“He said no”"),  # the inner quotation's marks removed
])
def test_a_change_under_typography_is_still_a_change(styled: str, changed: str) -> None:
    assert words(styled) != words(changed)


def test_a_plain_text_signature_is_not_a_dash() -> None:
    # RFC 3676's "-- " line before a letter's signature: span.py reads it as two marks
    assert words("text\n-- \nsig") == ["text", "-", "-", "sig"]
    assert words("text -- more") == ["text", "-", "more"]


STYLED = [("modifier-apostrophe", "en-263253"), ("modifier-apostrophe", "fr-212649"),
          ("typed-dashes", "fr-209538"), ("typed-dashes", "es-113886"),
          ("primes", "es-159013"), ("acute-apostrophe", "fr-212649"),
          # F84
          ("british-quotes", "en-263253"), ("single-guillemets", "fr-209538"),
          ("low-9-quotes", "es-159013"), ("typed-quote-pairs", "fr-212649"),
          ("straight-single-quotes", "en-263253"), ("grave-apostrophe", "fr-209538"),
          ("turned-comma-apostrophe", "en-263253"), ("hanging-quotes", "fr-212649"),
          ("apostrophe-after-em", "fr-212649")]


@pytest.mark.parametrize(("style", "name"), STYLED)
@pytest.mark.parametrize("layout", ["wp-astra", "ghost-casper", "newsletter", "plain-text"])
def test_a_page_in_a_house_typography_passes(style: str, name: str, layout: str) -> None:
    o = originals()[name]
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=o.code)
    page = fill(LAYOUTS[layout], house_typography(style)(slots, o))
    verdict = check_page(page, o.article, plain=LAYOUTS[layout].plain)
    assert not verdict.failed, explain(verdict)


@pytest.mark.parametrize(("style", "name"), STYLED)
def test_a_word_changed_under_house_typography_fails(style: str, name: str) -> None:
    o = originals()[name]
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=o.code)
    page = fill(LAYOUTS["wp-astra"], house_typography(style, edited=True)(slots, o))
    verdict = check_page(page, o.article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    old, new = EDITED_WORD[name]
    assert any(w in failed["unaltered-text"] for w in new.split() if w not in old.split())


# --- F84: quotation marks and apostrophes ---------------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("il lit l’article ‹\u202foui\u202f› à Paris", "il lit l'article \"oui\" à Paris"),
    ("called ‘the blob,’ set off", "called \"the blob,\" set off"),
    ("as ``uni'' to don`t", "as \"uni\" to don't"),
])
def test_evidence_quotes_a_restyled_text_readably(text: str, shown: str) -> None:
    """An apostrophe joins its word; a quotation mark is spaced as a double quote, never
    glued to the word before it as an apostrophe would be."""
    assert join_words(words(text)) == shown


@pytest.mark.parametrize("html", [
    "<p>l’<em>article</em> de <em>Le Monde</em>’s don<span>’</span>t</p>",
    "<p>l<em>’</em>article de <a href='x'>Le Monde</a>`s don<span>ʻ</span><b></b>t</p>",
    "<p>l’<b>\u00ad</b>article de Le <i>Mond</i>e’s don<span class='apos'>’</span>t</p>",
    "<p><em>l</em>`article de Le Monde’<a href='x'>s</a> <b>don</b>`t</p>",
])
def test_an_apostrophe_cut_by_markup_is_one(html: str) -> None:
    """Where markup cuts the text beside a mark, the mark is read against the words on the
    page: an apostrophe between two letters stays one, as in the original's plain run."""
    assert extract(parse_fragment(html)).words == tuple(words("l’article de Le Monde’s don’t"))


@pytest.mark.parametrize("html", [
    '<p>Another<span class="push-single"></span> <span class="pull-single">‘</span>'
    "paragraph’. Then</p>",
    "<p>Another <em>‘</em>paragraph<em>’</em>. Then</p>",
])
def test_a_quotation_mark_in_its_own_element_is_a_quotation_mark(html: str) -> None:
    assert extract(parse_fragment(html)).words == tuple(words("Another “paragraph”. Then"))


def test_keys_of_tokens_joined_by_spaces_are_the_texts_keys() -> None:
    """An apostrophe between spaces (tokens joined) is keyed as the one between letters."""
    for text in ("Conor O’Brien", "Université d’Ottawa", "the ‘blob’", "5′10″"):
        assert key(" ".join(words(text))) == key(text)


def _page(o: Original, article: str, headline: str, layout: str = "wp-astra") -> str:
    slots = Slots(lang=o.lang, head_title=headline, headline=headline, article=article)
    return fill(LAYOUTS[layout], slots)


# Each recorded original with a headline holding quotation marks (added in memory), and the
# quotation as a house style sets it.
QUOTED_HEADLINES = {
    "en-263253": ("How “the blob” and sea star wasting disease transformed the West "
                  "Coast’s ecology and economy", "“the blob”", "‘the blob’"),
    "fr-209538": ("Une chasse au trésor pour retrouver des « restes » de Néandertal dans le "
                  "Bassin parisien", "« restes »", "‹\u202frestes\u202f›"),
    "es-159013": ("El desarrollo de las “tecnologías del lenguaje” para el futuro de la "
                  "sanidad", "“tecnologías del lenguaje”", "‚tecnologías del lenguaje‘"),
}


@pytest.mark.parametrize("layout", ["wp-astra", "ghost-casper", "drupal-olivero"])
@pytest.mark.parametrize("name", list(QUOTED_HEADLINES))
def test_a_headline_in_a_house_style_of_quotes_passes(name: str, layout: str) -> None:
    o = originals()[name]
    title, quoted, styled = QUOTED_HEADLINES[name]
    article = dataclasses.replace(o.article, title=title)
    page = _page(o, o.code, title.replace(quoted, styled).replace("Coast’s", "Coast`s"), layout)
    verdict = check_page(page, article)
    assert not verdict.failed, explain(verdict)


@pytest.mark.parametrize(("name", "change"), [
    ("en-263253", ("the blob", "the wave")),  # a word inside the restyled quotation
    ("en-263253", ("‘the blob’", "the blob")),  # the quotation marks removed
    ("en-263253", ("sea star", "‘sea star’")),  # marks added
    ("en-263253", ("Coast`s", "Coasts")),  # the apostrophe dropped
    ("fr-209538", ("restes", "os")),
    ("fr-209538", ("Néandertal", "‹\u202fNéandertal\u202f›")),
    ("es-159013", ("‚tecnologías del lenguaje‘", "tecnologías del lenguaje")),
])
def test_a_headline_changed_under_a_house_style_of_quotes_fails(
    name: str, change: tuple[str, str]
) -> None:
    o = originals()[name]
    title, quoted, styled = QUOTED_HEADLINES[name]
    article = dataclasses.replace(o.article, title=title)
    headline = title.replace(quoted, styled).replace("Coast’s", "Coast`s")
    assert change[0] in headline
    verdict = check_page(_page(o, o.code, headline.replace(*change)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-title"], explain(verdict)


def test_a_subheading_with_a_restyled_apostrophe_in_title_case_passes() -> None:
    o = originals()["fr-209538"]
    assert "<h2>Le tuf, une roche d’eau</h2>" in o.code
    code = o.code.replace("<h2>Le tuf, une roche d’eau</h2>", "<h2>Le Tuf, Une Roche D`eau</h2>")
    verdict = check_page(_page(o, code, o.article.title), o.article)
    assert not verdict.failed, explain(verdict)
    code = o.code.replace("<h2>Le tuf, une roche d’eau</h2>", "<h2>Le Tuf, Une Roche Deau</h2>")
    verdict = check_page(_page(o, code, o.article.title), o.article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)


@pytest.mark.parametrize("edit", list(QUOTE_EDITS))
@pytest.mark.parametrize(("style", "name"), [("british-quotes", "en-263253"),
                                             ("single-guillemets", "fr-209538"),
                                             ("grave-apostrophe", "fr-212649")])
def test_an_edit_under_a_house_style_of_quotes_fails_and_is_quoted(
    style: str, name: str, edit: str
) -> None:
    o = originals()[name]
    if name not in QUOTE_EDITS[edit]:
        pytest.skip("no such place in this original")
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=o.code)
    page = fill(LAYOUTS["wp-astra"], quotes_restyled(style, edit)(slots, o))
    verdict = check_page(page, o.article)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"unaltered-text"}, explain(verdict)
    assert verdict.finding("unaltered-text").detail.count("; ") == 0, failed  # that edit alone
