"""Evidence of `unaltered-text` an editor can act on (issue 9): a changed word quoted whole
(hyphen and apostrophe compounds), between the original's words on both sides, at the very
start and end too, and never a quote glued to a comma. Built in memory from our own
republication of the recorded samples; no article text is edited on disk."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.models import Article
from syndication.tokens import join_words, words

from .pages import explain, sub, third_party_page


def text_detail(article: Article, html: str) -> str:
    verdict = check_page(third_party_page(html, title=article.title,
                                          author=article.authors[0].name), article)
    finding = verdict.finding("unaltered-text")
    assert finding.ok is False, explain(verdict)
    return finding.detail


# (the original's words, the republication's, what the evidence quotes)
EDITS = [
    # a word in the middle: the word before and the words after are quoted
    ("which are voracious kelp eaters", "which are hungry kelp eaters",
     ["which are", "“voracious” became “hungry”", "kelp eaters"]),
    # hyphenated: whole on both sides
    ("the now-depleted", "the now-vanished", ["“now-depleted” became “now-vanished”"]),
    # a hyphen added between two words
    ("voracious kelp eaters", "voracious kelp-eaters", ["“kelp eaters” became “kelp-eaters”"]),
    # an apostrophe compound
    ("the coast’s iconic", "the region’s iconic", ["“coast's” became “region's”"]),
    # the article's first words
    ("<p>Before 2013, divers on", "<p>Before 2013, swimmers on",
     ["after “…Before 2013”", "“divers” became “swimmers”", "North America"]),
    # its last word
    ("threatened marine resources.", "threatened marine assets.",
     ["threatened marine", "“resources” became “assets”"]),
    # a word removed before a comma: no quote glued to it
    ("The spiky animals, which", "The animals, which", ["“spiky” is missing"]),
]


@pytest.mark.parametrize(("old", "new", "quoted"), EDITS, ids=[e[1] for e in EDITS])
def test_an_edit_is_quoted_whole_between_the_words_around_it(
    en_republished: tuple[Article, str], old: str, new: str, quoted: list[str]
) -> None:
    article, html = en_republished
    detail = text_detail(article, sub(html, old, new))
    for q in quoted:
        assert q in detail, detail
    assert not re.search(r"“[,;]|,”", detail), detail


def test_a_french_compound_and_elision_stay_whole(fr_republished: tuple[Article, str]) -> None:
    article, html = fr_republished
    detail = text_detail(article, sub(html, "batteries lithium-ion", "batteries lithium-fer"))
    assert "“lithium-ion” became “lithium-fer”" in detail, detail
    elided = re.search(r"\b(l’)(\w{5,})", article.content)
    assert elided is not None
    detail = text_detail(article, sub(html, elided.group(), "l’autre"))
    assert f"“l'{elided.group(2)}” became “l'autre”" in detail, detail


def test_a_first_word_changed_says_what_stands_in_its_place(
    en_republished: tuple[Article, str]
) -> None:
    """The very first word: what replaced it is the publisher's, before the first word
    matched; the original's word is missing."""
    article, html = en_republished
    detail = text_detail(article, sub(html, "<p>Before 2013, divers", "<p>After 2013, divers"))
    assert "“After” was added" in detail and "“Before” is missing" in detail, detail


@pytest.mark.parametrize("typography", [
    ("now-depleted", "now\u2011depleted"),  # a non-breaking hyphen
    ("coast’s", "coast's"),  # a straight apostrophe
])
def test_typography_inside_a_compound_is_no_edit(
    en_republished: tuple[Article, str], typography: tuple[str, str]
) -> None:
    article, html = en_republished
    page = third_party_page(sub(html, *typography), title=article.title,
                            author=article.authors[0].name)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize(("text", "shown"), [
    ("said Ocasio-Cortez today", "said Ocasio-Cortez today"),
    ("covid-19 and covid-20", "covid-19 and covid-20"),
    ("SANTA BARBARA, Calif. — ", "SANTA BARBARA, Calif. -"),  # a dash after a mark: spaced
    ("eaters,- were", "eaters, - were"),
    ("l’article (Madrid), «oui»", "l'article (Madrid), \"oui\""),
])
def test_tokens_are_joined_back_as_a_reader_wrote_them(text: str, shown: str) -> None:
    assert join_words(words(text)) == shown


def test_the_attribution_after_a_reworded_remainder_is_still_credit(
    en_republished: tuple[Article, str]
) -> None:
    """A copy reworded from a third of the way on: the match ends early, more than the
    credit window before the attribution line, which still credits the article."""
    article, html = en_republished
    blocks = list(re.finditer(r"<(p|h2)>.*?</\1>", html, re.DOTALL))
    reworded = html
    for m in reversed(blocks[len(blocks) // 3:]):
        inner = re.sub(r"<[^>]+>", "", m.group())
        reworded = (reworded[:m.start()] + "<p>" + " ".join(reversed(inner.split())) + "</p>"
                    + reworded[m.end():])
    reworded = re.sub(r"<figure.*?</figure>", "", reworded, flags=re.DOTALL)
    page = third_party_page(reworded, title=article.title, author=article.authors[0].name)
    verdict = check_page(page, article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "the text stops after" in verdict.finding("unaltered-text").detail
