"""unaltered-text when the article's opening is dropped or reworded and its words recur further
on (F65): 263253's first sentence ends "…divers on North America's west coast rarely saw
purple sea urchins." and its second paragraph says "…along the entirety of North America's
west coast, from Baja to Alaska": with the first sentence cut (a publisher trimming a dated
lede) the first run of the original found was that later repetition, so the article was
taken to start in its second paragraph, under a subheading: the page failed
`unaltered-title` and `author-credit` too. The article starts where its words go on from,
before that repetition. Built in memory from the real samples; nothing on disk is edited."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page, prepare
from syndication.compliance.compare import align
from syndication.models import Article

from .pages import explain, sub, third_party_page

FIRST = "Before 2013, divers on North America’s west coast rarely saw purple sea urchins. "


def _page(article: Article, code: str) -> str:
    return third_party_page(code, title=article.title, author="a reader")


@pytest.mark.parametrize(("lede", "said"), [
    ("", "at the start and before “The spiky animals, which…”: “Before 2013, divers on "
         "North America's west coast rarely saw purple sea urchins.” is missing"),
    ("Until about a decade ago, few people here had heard of this. ",
     "“Until about a decade ago, few people here had heard of this” was added"),
])
def test_the_first_sentence_cut_or_reworded_fails_only_unaltered_text(
        en_republished: tuple[Article, str], lede: str, said: str) -> None:
    article, code = en_republished
    verdict = check_page(_page(article, sub(code, FIRST, lede)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert said in verdict.finding("unaltered-text").detail


def test_the_first_two_sentences_cut_fail_only_unaltered_text(
        en_republished: tuple[Article, str]) -> None:
    article, code = en_republished
    second = re.search(r"The spiky animals.*?\. ", code)
    assert second is not None
    code = sub(sub(code, FIRST, ""), second.group(), "")
    verdict = check_page(_page(article, code), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)


def test_the_article_unaltered_passes(en_republished: tuple[Article, str]) -> None:
    article, code = en_republished
    assert check_page(_page(article, code), article).compliant


def test_an_ad_after_a_short_opening_keeps_the_opening_the_start() -> None:
    """Words of the opening found before the ad: the anchor is theirs, not a later run's."""
    source = ("Short opening line here now . " + " ".join(f"w{k}" for k in range(200))).split()
    ad = "Advertisement Visit our sponsor today for deals on everything".split()
    republished = ["By", "someone", *source[:6], *ad, *source[6:], "CC"]
    alignment = align(source, {}, republished)
    assert alignment.start == 2
    assert alignment.total == 0 or not alignment.differences[0].removed


def test_a_later_run_before_the_repetition_is_the_start(env_article: Article) -> None:
    """compare level: the first sentence's tokens gone, the anchor is the second sentence's
    place, not the repetition of "North America's west coast" further on."""
    original = prepare(env_article)
    words = original.text.words
    start = words.index("Before")  # after the lead figure's caption, which may go
    end = words.index(".", start) + 1
    republished = ("By", "someone", *words[end:])
    alignment = align(words, original.removable, republished)
    assert alignment.start == 2
    assert alignment.total == 1
    assert alignment.differences[0].removed == tuple(words[start:end])
    assert alignment.cut is None
