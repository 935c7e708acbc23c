"""A related link known by its shape (red-team finding F52, docs/compliance.md#publisher-boxes):
a short label, ending in a colon or a dash or set apart in an element of its own, and one link
to an article (another of The Conversation's, or one of the publisher's own posts), nothing
after it, is the publisher's related link whatever the label's words, in any language. The
guards: a sentence with a link inside it, a label with more words than a label's, words
after the link, a label of the article's words or naming its author, a link to the original
itself, or two links, are the publisher's words.

Pages are built in memory around our own republication of the recorded US and French
samples (tests/data); labels are the publisher's own words in English, French, Spanish and
Indonesian (The Conversation's editions' languages)."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.models import Article

from .pages import explain
from .test_check_boxes import between_paragraphs
from .test_check_post_lists import SITE, on_site

OTHER_TC = "https://theconversation.com/how-kelp-forests-recover-after-a-marine-heatwave-254301"
OTHER_TC_ID = "https://theconversation.com/id/bagaimana-hutan-kelp-pulih-setelah-gelombang-panas-254302"
OWN = f"{SITE}/2025/09/28/council-votes-on-the-harbour-plan/"

LABELS = [
    "Worth your time:", "Must read —", "Also from our partners:", "À ne pas rater :",
    "Pour aller plus loin —", "Para saber más:", "Imprescindible –", "Jangan lewatkan:",
    "Bacaan pilihan —", "Keep reading →", "<strong>Selected for you</strong>",
    "<strong>Pilihan editor</strong>", "<em>Notre sélection</em><br>",
]


def line(label: str, href: str, title: str = "How kelp forests recover", after: str = "") -> str:
    return f'<p>{label} <a href="{href}">{title}</a>{after}</p>'


@pytest.mark.parametrize("href", [OTHER_TC, OTHER_TC_ID, OWN], ids=["tc", "tc-id", "own"])
@pytest.mark.parametrize("label", LABELS)
def test_a_label_and_a_link_to_an_article_is_a_related_link(
    en_republished: tuple[Article, str], label: str, href: str
) -> None:
    article, html = en_republished
    page = on_site(article, between_paragraphs(html, line(label, href)))
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


def test_after_the_article_in_french_too(fr_republished: tuple[Article, str]) -> None:
    article, html = fr_republished
    page = on_site(article, html + line("À ne pas rater :", OTHER_TC, "Les forêts de varech"))
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize(("box", "added"), [
    # a sentence of the publisher's with a link inside it
    (line("We covered how kelp forests recover in", OTHER_TC, "this piece", " last year."),
     "covered"),
    (line("Kami pernah menulis tentang hutan kelp di", OTHER_TC, "artikel ini", "."), "menulis"),
    # more words than a label's, though it ends in a colon
    (line("Our reporter asked a marine biologist about it last week:", OTHER_TC), "reporter"),
    # words after the link
    (line("Worth your time:", OTHER_TC, after=" — we loved this one"), "loved"),
    # no mark and not set apart: words run into the link
    (line("Selected for you", OTHER_TC), "Selected"),
    # a label naming the article's author: words about the article
    (line("More by Rebecca Vega Thurber:", OTHER_TC), "Thurber"),
    # two links: not one related link
    ('<p>Worth your time: <a href="' + OTHER_TC + '">one</a> and <a href="' + OWN
     + '">another</a></p>', "Worth"),
])
def test_the_publishers_words_around_a_link_are_still_added(
    en_republished: tuple[Article, str], box: str, added: str
) -> None:
    article, html = en_republished
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert added in verdict.finding("unaltered-text").detail


def test_a_label_of_the_articles_words_is_its_text(en_republished: tuple[Article, str]) -> None:
    """The label four words of the article (here, of its first sentence) is the article's
    text set out again, not a label: judged, and added."""
    article, html = en_republished
    for href in (OTHER_TC, OWN):
        box = line("<strong>Before 2013, divers on:</strong>", href)
        verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
        assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)


def test_a_link_to_the_original_itself_is_no_related_link(
    en_republished: tuple[Article, str]
) -> None:
    article, html = en_republished
    box = line("Worth your time:", article.url, "the original")
    verdict = check_page(on_site(article, between_paragraphs(html, box)), article)
    assert "unaltered-text" in [f.rule for f in verdict.failed], explain(verdict)


def test_an_edited_sentence_as_the_links_title_is_still_judged(
    en_republished: tuple[Article, str]
) -> None:
    article, html = en_republished
    title = "The spiky animals, which are hungry kelp eaters, were a favorite food"
    verdict = check_page(on_site(article, html + line("Must read —", OTHER_TC, title)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "hungry" in verdict.finding("unaltered-text").detail
