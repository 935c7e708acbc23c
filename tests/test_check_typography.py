"""A house style's typography is no change (F69, docs/compliance.md#rule-unaltered-text): what
a typography plugin or setting puts for the original's marks reads as the same tokens, and a
word changed under it still fails. Pages built in memory from the recorded originals."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.tokens import words

from .corpus.edits import EDITED_WORD, house_typography
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import originals
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
])
def test_typography_reads_as_the_same_tokens(styled: str, plain: str) -> None:
    assert words(styled) == words(plain)


@pytest.mark.parametrize(("styled", "changed"), [
    ("donʼt", "do"),  # a negation dropped
    ("it isnʼt", "it is"),
    ("4 -- 5 years", "4 -- 6 years"),  # a number
    ("a --- b", "a b"),  # the dash removed is a removed mark
    ("the ″big″ one", "the ″large″ one"),
])
def test_a_change_under_typography_is_still_a_change(styled: str, changed: str) -> None:
    assert words(styled) != words(changed)


def test_a_plain_text_signature_is_not_a_dash() -> None:
    # RFC 3676's "-- " line before a letter's signature: span.py reads it as two marks
    assert words("text\n-- \nsig") == ["text", "-", "-", "sig"]
    assert words("text -- more") == ["text", "-", "more"]


STYLED = [("modifier-apostrophe", "en-263253"), ("modifier-apostrophe", "fr-212649"),
          ("typed-dashes", "fr-209538"), ("typed-dashes", "es-113886"),
          ("primes", "es-159013"), ("acute-apostrophe", "fr-212649")]


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
