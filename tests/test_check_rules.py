"""Each rule's edges, one table per rule: what passes (spelling, house style, the forms The
Conversation's own code takes) and what fails, with the evidence. Variants are made in memory
from syndication's republication of the real samples; compare.py is tested on its own."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from syndication.compliance import check, check_page
from syndication.compliance.compare import MAX_DIFFERENCES, MAX_TRACKED, align
from syndication.models import Article
from syndication.republish import republish

from .pages import sub, sub_re

Change = Callable[[str, Article], str]


@pytest.fixture(scope="module")
def us(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


@pytest.fixture(scope="module")
def fr(fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    return fr_articles[0], republish(fr_articles[0]).html


@pytest.fixture(scope="module")
def fr2(fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    return fr_articles[1], republish(fr_articles[1]).html


def restore_figure(html: str, article: Article, k: int) -> str:
    """Put the original's k-th figure back where the original has it (republish removed it):
    after the paragraph that precedes it there."""
    figure = re.findall(r"<figure.*?</figure>", article.content, re.S)[k]
    before = article.content[:article.content.index(figure)]
    tail = before[:before.rindex("</p>")][-60:]
    at = html.index(tail) + len(tail) + len("</p>")
    return html[:at] + figure + html[at:]


# (id, sample, change, rule judged, ok expected, words the evidence holds)
CASES: list[tuple[str, str, Change, str, bool, str]] = [
    # author-credit
    ("name-in-capitals", "fr", lambda h, a: sub(h, ">Srinivas Garimella<", ">SRINIVAS GARIMELLA<"),
     "author-credit", True, "Srinivas Garimella"),
    ("name-without-accents", "fr2", lambda h, a: sub(h, ">Léa Beaumont<", ">Lea Beaumont<"),
     "author-credit", True, "Léa Beaumont"),
    ("institution-without-accents", "fr2",
     lambda h, a: sub(h, "Université Paris 1 Panthéon-Sorbonne", "Universite Paris 1 "
                      "Pantheon-Sorbonne"),
     "institution-credit", True, "Université Paris 1 Panthéon-Sorbonne"),
    ("name-with-a-non-breaking-space", "fr",
     lambda h, a: sub(h, "Matthew T. Hughes</a>", "Matthew T.&nbsp;Hughes</a>"),
     "author-credit", True, "Matthew T. Hughes"),
    ("profile-link-http-and-slash", "fr",
     lambda h, a: sub(h, "https://theconversation.com/profiles/srinivas-garimella-1458102",
                      "http://theconversation.com/profiles/srinivas-garimella-1458102/"),
     "author-credit", True, "credited with profile links"),
    ("profile-link-to-someone-else", "fr",
     lambda h, a: sub(h, "profiles/srinivas-garimella-1458102", "profiles/someone-1"),
     "author-credit", False, "Srinivas Garimella is not linked to their profile"),
    ("name-misspelt", "fr", lambda h, a: sub(h, ">Srinivas Garimella<", ">Srinivas Garimela<"),
     "author-credit", False, "Srinivas Garimella is not named"),
    # institution-credit
    ("institution-without-abbreviation", "fr",
     lambda h, a: sub(h, "Massachusetts Institute of Technology (MIT)",
                      "Massachusetts Institute of Technology"),
     "institution-credit", True, "Matthew T. Hughes"),
    ("institutions-swapped", "fr",
     lambda h, a: sub(sub(h, "<em>Georgia Institute of Technology</em>", "<em>@@</em>"),
                      "<em>Massachusetts Institute of Technology (MIT)</em>",
                      "<em>Georgia Institute of Technology</em>").replace(
         "<em>@@</em>", "<em>Massachusetts Institute of Technology (MIT)</em>"),
     "institution-credit", False,
     "Georgia Institute of Technology is not named beside Srinivas Garimella"),
    ("institution-linked-as-tc-does", "us",
     lambda h, a: sub(h, "<em>University of California, Santa Barbara</em>",
                      '<em><a href="https://theconversation.com/institutions/uc-santa-barbara-'
                      '1297">University of California, Santa Barbara</a></em>'),
     "institution-credit", True, "University of California, Santa Barbara"),
    # source-link
    ("link-with-query-and-fragment", "us",
     lambda h, a: sub(h, f'href="{a.url}"', f'href="{a.url}?utm_source=feed#top"'),
     "source-link", True, "utm_source"),
    ("link-to-another-article", "us",
     lambda h, a: sub(h, f'href="{a.url}"', 'href="https://theconversation.com/other-1234"'),
     "source-link", False, "links another article: https://theconversation.com/other-1234"),
    # licence-notice
    ("licence-named-without-link", "us",
     lambda h, a: sub_re(h, r'<a rel="license" href="[^"]*">(Creative Commons license)</a>',
                         r"\1"),
     "licence-notice", True, "Creative Commons"),
    # page-counter
    ("counter-with-distributor", "us",
     lambda h, a: sub(h, "263253/count.gif", "263253/count.gif?distributor=feed"),
     "page-counter", True, "distributor=feed"),
    ("counter-protocol-relative", "us",
     lambda h, a: sub(h, "https://counter.", "//counter."), "page-counter", True, "one counter"),
    # images
    ("cc-image-credit-moved-out-of-its-figure", "us",
     lambda h, a: sub_re(h, r'(</span>\s*)(<span class="attribution"><a class="source" '
                         r'href="https://www.flickr.com[^"]*">Sung Ming Whang/Flickr</a>, '
                         r'<a class="license" href="[^"]*">CC BY</a></span>)(\s*</figcaption>'
                         r"\s*</figure>)", r"\1\3<p>\2</p>"),
     "images", False, "without its credit beside it"),
    ("photographer-image-kept", "us", lambda h, a: restore_figure(h, a, 1),
     "images", False, "Brandon Doheny"),
    ("second-photographer-image-kept", "us", lambda h, a: restore_figure(h, a, 3),
     "images", False, "Katie Davis"),
    # safe-html
    ("youtube-embed-kept", "us", lambda h, a: restore_figure(h, a, 2),
     "safe-html", False, "<iframe https://www.youtube.com/embed/sNWaEyWQ3Hk"),
    ("vbscript-and-spaced-javascript", "us",
     lambda h, a: sub(h, 'href="https://doi.org/10.1126/sciadv.aau7042"',
                      'href=" java\tscript:alert(1)"'),
     "safe-html", False, "javascript: URL in href="),
    # javascript: however written: case, full-width letters NFKC folds, in a srcset's list
    ("mixed-case-javascript", "us",
     lambda h, a: sub(h, 'href="https://doi.org/10.1126/sciadv.aau7042"',
                      'href="JaVaScRiPt:alert(1)"'),
     "safe-html", False, "javascript: URL in href="),
    ("full-width-javascript", "fr",
     lambda h, a: sub(h, "<h2>", '<h2><a href="\uff4a\uff41\uff56\uff41\uff53\uff43\uff52'
                      '\uff49\uff50\uff54:alert(1)"></a>'),
     "safe-html", False, "javascript: URL in href="),
    ("javascript-in-srcset", "us",
     lambda h, a: sub(h, 'width="1" height="1"', 'width="1" height="1" '
                      'srcset="https://example.org/a.png 1x,javascript:alert(1) 2x"'),
     "safe-html", False, "javascript: URL in srcset="),
    # the URLs are tested joined first (rules._suspects): a word that says "script" is no
    # javascript:, nor are two URLs whose ends would spell it joined
    ("transcript-link", "us",
     lambda h, a: sub(h, 'href="https://doi.org/10.1126/sciadv.aau7042"',
                      'href="https://www.npr.org/transcripts/1087712567?script=1"'),
     "safe-html", True, "no script"),
    ("javascript-only-across-two-urls", "us",
     lambda h, a: sub(h, 'href="https://doi.org/10.1126/sciadv.aau7042"',
                      'href="https://example.org/java/scr"></a><a href="ipt:x"'),
     "safe-html", True, "no script"),
    ("event-handler-on-the-counter", "fr",
     lambda h, a: sub(h, 'width="1" height="1"', 'width="1" height="1" onload="steal()"'),
     "safe-html", False, "onload= on <img>"),
    ("form-added", "fr",
     lambda h, a: sub(h, "<h2>", '<form action="https://evil.example/"><input></form><h2>'),
     "safe-html", False, "<form https://evil.example/>"),
]


@pytest.mark.parametrize(("sample", "change", "rule", "ok", "evidence"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_edges(sample: str, change: Change, rule: str, ok: bool, evidence: str,
                    request: pytest.FixtureRequest) -> None:
    article, html = request.getfixturevalue(sample)
    changed = change(html, article)
    assert changed != html
    verdict = check(changed, article, title=article.title)
    finding = verdict.finding(rule)
    assert finding.ok is ok, finding.detail
    assert evidence in finding.detail
    others = [f.rule for f in verdict.failed if f.rule != rule]
    assert others == [], [(f.rule, f.detail) for f in verdict.failed]


def test_name_and_institution_in_the_comments_are_no_credit(us: tuple[Article, str]) -> None:
    """A page where only the comments name the author: not a byline."""
    from .pages import third_party_page

    article, html = us
    no_byline = sub_re(html, r'<p class="tc-byline">.*?</p>', "")
    page = third_party_page(no_byline, title=article.title, author="Rebecca Vega Thurber, "
                            "University of California, Santa Barbara")
    verdict = check_page(page, article)
    assert [f.rule for f in verdict.failed] == ["author-credit"]


def test_a_teaser_above_the_article_is_passed_by(us: tuple[Article, str]) -> None:
    """Sites show the first sentence above the article; the article is found after it."""
    from .pages import third_party_page

    article, html = us
    teaser = "<p class='excerpt'>Before 2013, divers on North America’s west coast rarely " \
             "saw purple sea urchins.</p>"
    page = third_party_page(teaser + html, title=article.title, author="")
    verdict = check_page(page, article)
    assert verdict.compliant, [(f.rule, f.detail) for f in verdict.failed]


# --- compare.py -----------------------------------------------------------------------------

WORDS = [f"w{i}" for i in range(400)]


def test_identical_texts_align_whole() -> None:
    alignment = align(WORDS, {}, ["By", "someone", *WORDS, "credit"])
    assert (alignment.found, alignment.start, alignment.end) == (True, 2, 402)
    assert alignment.differences == () and alignment.cut is None


@pytest.mark.parametrize("at", [2, 8])  # the word changed inside the first run, or after it
def test_a_quote_of_the_first_words_does_not_anchor_the_article(at: int) -> None:
    """A box after the article (or a teaser above it) quoting its first words word for word,
    while the body's copy of them has a word changed: the body is the article, one word
    changed, not a copy that stops after the quote."""
    body = list(WORDS)
    body[at] = "changed"
    quote = [*WORDS[:20]]
    after = align(WORDS, {}, ["By", "someone", *body, "Was", "this", "helpful", *quote])
    assert (after.start, after.end, after.total, after.cut) == (2, 402, 1, None)
    above = align(WORDS, {}, ["Teaser", *quote, "Read", "more", *body])
    assert (above.start, above.end, above.total, above.cut) == (23, 423, 1, None)


def test_a_removable_range_may_be_missing_or_present() -> None:
    removable = {10: (20, "image: no licence")}
    without = [*WORDS[:10], *WORDS[20:]]
    assert align(WORDS, removable, without).differences == ()
    assert align(WORDS, removable, WORDS).differences == ()
    partly = [*WORDS[:10], *WORDS[12:]]  # a caption half kept is an edit
    assert align(WORDS, removable, partly).total == 1


def test_a_large_inserted_box_is_one_addition() -> None:
    box = [f"ad{i}" for i in range(250)]
    alignment = align(WORDS, {}, [*WORDS[:100], *box, *WORDS[100:]])
    assert alignment.total == 1
    (difference,) = alignment.differences
    assert difference.removed == () and difference.added == tuple(box)
    assert alignment.cut is None and alignment.end == 650


def test_a_cut_is_where_the_republication_stops() -> None:
    alignment = align(WORDS, {}, [*WORDS[:150], "Read", "more", "here"])
    assert alignment.differences == ()
    assert alignment.cut is not None
    assert (alignment.cut.at, alignment.cut.missing, alignment.end) == (150, 250, 150)


def test_differences_are_counted_and_the_comparison_stops() -> None:
    changed = [w if i % 10 != 5 else "X" for i, w in enumerate(WORDS)]
    alignment = align(WORDS, {}, changed)
    assert len(alignment.differences) == MAX_DIFFERENCES
    assert alignment.total == 40 < MAX_TRACKED
    many = [*WORDS, *WORDS]
    scrambled = [w if i % 7 != 3 else "X" for i, w in enumerate(many)]
    assert align(many, {}, scrambled).total == MAX_TRACKED


def test_unrelated_text_is_not_found() -> None:
    assert align(WORDS, {}, [f"z{i}" for i in range(300)]).found is False
    assert align(WORDS, {}, []).found is False
