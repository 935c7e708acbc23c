"""The eleventh round's aggregators and partner platforms (red-team-findings.md, F96-F98):
reconstructions of Yahoo News, MSN Start, NewsBreak, inkl, PressReader and AP News pages
carrying a partner's story, a republication in Firefox's Reader View and Safari Reader, and
its print page by WP-Print (tests/corpus/templates, each saying what it reconstructs).

- F96: The Conversation's partner ending ("This article is republished from The
  Conversation, a nonprofit, independent news organization bringing you facts…  It was
  written by: … Read more: …") and "Provided by The Conversation" are credit, not added
  text; without the licence named they fail licence-notice alone.
- F97: a list of other articles of The Conversation under its heading ("More from The
  Conversation") and a video player between paragraphs are the platform's furniture.
- F98: a print view's footnote marks after links ("<a>…</a> <sup>[3]</sup>") are no words,
  and its printed list of the page's links ("[18] CC BY: http://creativecommons.org/…") is
  no licence line.

Each with its guard: an edited word beside the furniture, the publisher's sentence in the
credit line, a footnote mark typed after no link, a licence line whose address is no link
of the page, still fail. Pages built in memory from the corpus's recorded originals; nothing
on disk is edited."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page

from .corpus.edits import EDITS, after_paragraph
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import Original, originals
from .pages import explain

EN, FR1, FR2, ES1, ES2 = "en-263253", "fr-212649", "fr-209538", "es-159013", "es-113886"
ALL = [EN, FR1, FR2, ES1, ES2]
PLATFORMS = ["yahoo-news", "msn-start", "newsbreak", "inkl", "pressreader", "ap-partner",
             "safari-reader", "wp-print"]


def _slots(o: Original) -> Slots:
    return Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                 article=o.code)


def _failed(layout: str, name: str, edit: str | None = None) -> list[str]:
    o = originals()[name]
    slots = _slots(o) if edit is None else EDITS[edit].apply(_slots(o), o)
    page = fill(LAYOUTS[layout], slots)
    verdict = check_page(page, o.article, plain=False)
    return sorted(f.rule for f in verdict.failed)


def _why(layout: str, name: str, edit: str | None = None) -> str:
    o = originals()[name]
    slots = _slots(o) if edit is None else EDITS[edit].apply(_slots(o), o)
    return explain(check_page(fill(LAYOUTS[layout], slots), o.article, plain=False))


# --- the platforms as pasted, and their guards -----------------------------------------------

@pytest.mark.parametrize("layout", [*PLATFORMS, "firefox-reader"])
@pytest.mark.parametrize("name", ALL)
def test_platform_page_passes(layout: str, name: str) -> None:
    assert _failed(layout, name) == [], _why(layout, name)


@pytest.mark.parametrize("layout", PLATFORMS)
@pytest.mark.parametrize(("edit", "rules"), [
    ("edited-word", ["unaltered-text"]), ("counter-removed", ["page-counter"]),
    ("appended-paragraph", ["unaltered-text"]), ("intro-paragraph", ["unaltered-text"])])
def test_platform_guards_fail(layout: str, edit: str, rules: list[str]) -> None:
    assert _failed(layout, EN, edit) == rules, _why(layout, EN, edit)


@pytest.mark.parametrize("layout", PLATFORMS)
def test_platform_dropped_author_fails(layout: str) -> None:
    assert _failed(layout, FR1, "dropped-author") == ["author-credit"]


# --- F96: the partner ending and "Provided by The Conversation" are credit -------------------

@pytest.mark.parametrize("layout", ["yahoo-news", "ap-partner", "msn-start",
                                    "wp-twentytwentyone", "ghost-casper", "drupal-olivero"])
def test_partner_ending_is_credit(layout: str) -> None:
    assert _failed(layout, EN, "partner-ending-cc") == [], _why(layout, EN, "partner-ending-cc")
    assert _failed(layout, EN, "partner-ending") == ["licence-notice"], _why(
        layout, EN, "partner-ending")


@pytest.mark.parametrize(("layout", "name"), [
    ("msn-start", EN), ("newsbreak", FR1), ("yahoo-news", FR2), ("firefox-reader", ES1),
    ("wp-twentytwentyfour", ES2), ("arc-fusion", EN), ("pressreader", FR1)])
def test_provided_by_is_a_credit_line(layout: str, name: str) -> None:
    assert _failed(layout, name, "provided-by") == ["licence-notice"], _why(
        layout, name, "provided-by")


@pytest.mark.parametrize("layout", ["ap-partner", "wp-twentytwentyone", "yahoo-news"])
def test_partner_ending_guards(layout: str) -> None:
    assert _failed(layout, EN, "partner-ending-note") == ["unaltered-text"]
    assert _failed(layout, EN, "partner-ending-cc-edited") == ["unaltered-text"]


@pytest.mark.parametrize(("layout", "name"), [("newsbreak", ES2), ("wp-generatepress", FR2),
                                              ("msn-start", FR1)])
def test_provided_by_guards(layout: str, name: str) -> None:
    assert _failed(layout, name, "provided-by-note") == ["licence-notice", "unaltered-text"]
    assert _failed(layout, name, "provided-by-edited") == ["licence-notice", "unaltered-text"]


# --- F97: the platforms' boxes ------------------------------------------------------------

@pytest.mark.parametrize(("layout", "name"), [
    ("yahoo-news", EN), ("msn-start", FR1), ("inkl", FR2), ("wp-twentytwentyone", ES1),
    ("ghost-casper", ES2), ("wp-newspaper", EN), ("townnews-blox", FR1)])
def test_more_from_the_conversation_is_furniture(layout: str, name: str) -> None:
    assert _failed(layout, name, "more-from-tc") == [], _why(layout, name, "more-from-tc")
    assert _failed(layout, name, "more-from-tc-edited") == ["unaltered-text"]


@pytest.mark.parametrize(("layout", "name"), [
    ("yahoo-news", FR1), ("msn-start", EN), ("ap-partner", ES1), ("wp-astra", FR2),
    ("arc-fusion", ES2), ("wp-jnews", EN), ("safari-reader", FR2)])
def test_video_player_is_furniture(layout: str, name: str) -> None:
    assert _failed(layout, name, "related-video-between") == [], _why(
        layout, name, "related-video-between")
    assert _failed(layout, name, "related-video-between-edited") == ["unaltered-text"]


def test_more_from_list_linking_the_original_is_not_a_related_list() -> None:
    """A list whose links lead to the original itself is no list of other articles."""
    o = originals()[EN]
    box = (f'<div class="more-from-provider"><h3>More from The Conversation</h3><ul><li><a '
           f'href="{o.article.url}">Read this article again on The Conversation</a></li>'
           "</ul></div>")
    page = fill(LAYOUTS["wp-twentytwentyone"], Slots(
        lang=o.lang, head_title=o.article.title, headline=o.article.title,
        article=after_paragraph(o.code, 2, box)))
    failed = sorted(f.rule for f in check_page(page, o.article, plain=False).failed)
    assert failed == ["unaltered-text"]


# --- F98: a print view's footnotes and printed links --------------------------------------

@pytest.mark.parametrize(("layout", "name"), [
    ("wp-twentytwentyone", EN), ("ghost-casper", FR1), ("drupal-olivero", FR2),
    ("safari-reader", ES1), ("newsletter", ES2)])
def test_print_footnotes_are_no_words(layout: str, name: str) -> None:
    assert _failed(layout, name, "print-footnotes") == [], _why(layout, name, "print-footnotes")
    assert _failed(layout, name, "print-footnotes-edited") == ["unaltered-text"]


@pytest.mark.parametrize(("layout", "name"), [("wp-twentytwentyone", EN), ("wp-print", FR1),
                                              ("ghost-casper", ES1)])
def test_footnote_mark_after_no_link_is_added(layout: str, name: str) -> None:
    assert _failed(layout, name, "footnote-mark-typed") == ["unaltered-text"]


def test_printed_link_list_is_no_licence_line() -> None:
    """WP-Print's list names the English original's picture licence (CC BY) as one of the
    page's links: the link is judged in its caption, not as a line giving the article CC BY."""
    o = originals()[EN]
    page = fill(LAYOUTS["wp-print"], _slots(o))
    assert 'class="wp-print-url"' in page and "CC BY: <strong>" in page
    assert _failed("wp-print", EN) == []


def test_licence_line_with_an_address_of_no_link_still_misstates() -> None:
    o = originals()[EN]
    line = ("<p>[1] This post is licensed under CC BY: "
            "https://creativecommons.org/licenses/by/4.0/</p>")
    page = fill(LAYOUTS["wp-twentytwentyone"], Slots(
        lang=o.lang, head_title=o.article.title, headline=o.article.title,
        article=o.code, after=line))
    failed = sorted(f.rule for f in check_page(page, o.article, plain=False).failed)
    assert failed == ["licence-notice"]
