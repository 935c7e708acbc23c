"""The checker (docs/compliance.md#rules) on real samples: each unmutated republication passes every
rule, and each mutation (made in memory, one defect at a time) fails exactly the rule it breaks,
with evidence that names the defect. The same table runs on the bare feed entry and on a whole
third-party page built around it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from syndication.articlepage import parse_article_page
from syndication.compliance import RULES, check, check_page, prepare
from syndication.compliance.command import find_article_id
from syndication.models import Article, Verdict
from syndication.republish import republish

from .conftest import SAMPLES
from .pages import first_figure, sub, sub_re, third_party_page

US_ID = 263253
FR_ID = 212649


@pytest.fixture(scope="module")
def us(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


@pytest.fixture(scope="module")
def fr(fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    article = fr_articles[0]
    assert article.article_id == FR_ID
    return article, republish(article).html


def failed(verdict: Verdict) -> list[str]:
    return [f.rule for f in verdict.failed]


def explain(verdict: Verdict) -> str:
    return "\n".join(f"{f.rule}: {f.ok}: {f.detail}" for f in verdict.findings)


# --- the unmutated republications pass -----------------------------------------------------


def test_every_rule_is_reported_once_in_order(us: tuple[Article, str]) -> None:
    article, html = us
    verdict = check(html, article, title=article.title)
    assert [f.rule for f in verdict.findings] == list(RULES)


@pytest.mark.parametrize("which", ["us", "fr"])
def test_our_own_republication_passes_every_rule(which: str, request: pytest.FixtureRequest
                                                 ) -> None:
    article, html = request.getfixturevalue(which)
    verdict = check(html, article, title=article.title)
    assert verdict.compliant, explain(verdict)


def test_both_french_articles_pass(fr_articles: tuple[Article, ...]) -> None:
    for article in fr_articles:
        verdict = check(republish(article).html, article, title=article.title)
        assert verdict.compliant, explain(verdict)


# --- one defect each: exactly the right rule, with evidence ---------------------------------

Mutate = Callable[[str, Article], str]


def _drop_second_author(html: str, a: Article) -> str:
    return sub_re(html, r'; <a href="[^"]*matthew-t-hughes[^"]*">Matthew T\. Hughes</a>.*?</em>',
                  "")


MUTATIONS: list[tuple[str, str, Mutate, str, str]] = [
    # (id, sample, mutation, the rule that must fail, words its evidence must hold)
    ("word-changed", "us",
     lambda h, a: sub(h, "voracious kelp eaters", "voracious seaweed eaters"),
     "unaltered-text", "“kelp” became “seaweed”"),
    ("word-added", "us",
     lambda h, a: sub(h, "rarely saw purple sea urchins", "rarely saw many purple sea urchins"),
     "unaltered-text", "“many” was added"),
    ("word-removed", "us",
     lambda h, a: sub(h, "recognizable for their many arms", "recognizable for their arms"),
     "unaltered-text", "“many” is missing"),
    ("sentence-cut", "us",
     lambda h, a: sub(h, " The giant sea stars, recognizable for their many arms, kept the urchin "
                      "population in check, with the help of sea otters, lobsters and some large "
                      "fishes.", ""),
     "unaltered-text", "“The giant sea stars, recognizable for their many arms"),
    ("paragraph-added", "fr",
     lambda h, a: sub(h, "<h2>", "<p>Publicité : abonnez-vous à notre lettre d’information pour "
                      "recevoir chaque semaine nos meilleurs articles.</p><h2>"),
     "unaltered-text", "was added"),
    ("last-paragraph-cut", "us",
     lambda h, a: sub_re(h, r"<p>This finding suggests.*?</p>", ""),
     "unaltered-text", "“This finding suggests that along with global carbon reductions, local"),
    ("end-cut", "fr",
     lambda h, a: sub_re(sub_re(h, r"<p>Les chaleurs extrêmes affectent.*?</p>", ""),
                         r'<p class="fine-print">.*?</p>', ""),
     "unaltered-text", "the text stops after “…'énergie et les émissions de carbone.”"),
    ("author-dropped", "fr", _drop_second_author,
     "author-credit", "Matthew T. Hughes is not named in the byline"),
    ("author-unlinked", "fr",
     lambda h, a: sub_re(h, r'<a href="[^"]*srinivas-garimella[^"]*">(Srinivas Garimella)</a>',
                         r"\1"),
     "author-credit", "Srinivas Garimella is not linked to their profile"),
    ("institution-dropped", "fr",
     lambda h, a: sub(h, ", <em>Georgia Institute of Technology</em>", ""),
     "institution-credit", "Georgia Institute of Technology is not named beside Srinivas"),
    ("institution-dropped", "us",
     lambda h, a: sub(h, ", <em>University of California, Santa Barbara</em>", ""),
     "institution-credit", "University of California, Santa Barbara is not named beside"),
    ("counter-removed", "us",
     lambda h, a: sub_re(h, r'<img src="https://counter[^>]*>', ""),
     "page-counter", "no page counter image for article 263253"),
    ("counter-other-article", "fr",
     lambda h, a: sub(h, "content/212649/count.gif", "content/209538/count.gif"),
     "page-counter", "counts article 209538, not 212649"),
    ("counter-twice", "us",
     lambda h, a: sub(h, "<p class=\"tc-attribution\">",
                      '<img src="https://counter.theconversation.com/content/263253/count.gif'
                      '?distributor=republish-lightbox-advanced" alt="The Conversation" '
                      'width="1" height="1"><p class="tc-attribution">'),
     "page-counter", "2 counter images for article 263253"),
    ("counter-resized", "us",
     lambda h, a: sub_re(h, r'(count\.gif" alt="The Conversation") width="1" height="1"',
                         r'\1 width="10" height="10"'),
     "page-counter", "size 10×10, not 1×1"),
    ("counter-lazy", "us",
     lambda h, a: sub(h, '<img src="https://counter', '<img data-src="https://counter'),
     "page-counter", "lazy-loaded"),
    ("getty-image-kept", "us",
     lambda h, a: sub(h, "</p>\n<p>Before 2013", "</p>\n" + first_figure(a.content)
                      + "<p>Before 2013"),
     "images", "Getty Images"),
    ("image-added", "fr",
     lambda h, a: sub(h, "<h2>", '<figure><img src="https://cdn.example.net/stock/heat.jpg">'
                      "<figcaption></figcaption></figure><h2>"),
     "images", "stock/heat.jpg"),
    ("back-link-removed", "us",
     lambda h, a: sub_re(h, r'Read the <a href="[^"]*263253">original article</a>',
                         "Read the original article"),
     "source-link", "no link to the original article 263253"),
    ("licence-notice-removed", "fr",
     lambda h, a: sub_re(h, r'<p class="tc-attribution">.*?</p>',
                         f'<p>Source : <a href="{a.url}">{a.url}</a></p>'),
     "licence-notice", "no statement"),
    ("script-added", "us",
     lambda h, a: sub(h, "</p>\n\n<p>That balance",
                      '</p><script src="https://ads.example.net/x.js"></script>\n\n<p>That '
                      "balance"),
     "safe-html", "<script https://ads.example.net/x.js>"),
    ("event-handler", "fr",
     lambda h, a: sub(h, "<h2>", '<h2 onclick="steal()">'),
     "safe-html", "onclick= on <h2>"),
    ("javascript-link", "us",
     lambda h, a: sub(h, 'href="https://doi.org/10.1126/sciadv.aau7042"',
                      'href="javascript:alert(1)"'),
     "safe-html", "javascript: URL in href="),
]


@pytest.mark.parametrize(("sample", "mutate", "rule", "evidence"),
                         [m[1:] for m in MUTATIONS], ids=[f"{m[0]}-{m[1]}" for m in MUTATIONS])
def test_one_defect_fails_exactly_its_rule(sample: str, mutate: Mutate, rule: str,
                                           evidence: str, request: pytest.FixtureRequest) -> None:
    article, html = request.getfixturevalue(sample)
    verdict = check(mutate(html, article), article, title=article.title)
    assert failed(verdict) == [rule], explain(verdict)
    assert evidence in verdict.finding(rule).detail
    assert not verdict.unchecked


@pytest.mark.parametrize(("sample", "mutate", "rule", "evidence"),
                         [m[1:] for m in MUTATIONS], ids=[f"{m[0]}-{m[1]}" for m in MUTATIONS])
def test_one_defect_in_a_whole_page_fails_exactly_its_rule(
    sample: str, mutate: Mutate, rule: str, evidence: str, request: pytest.FixtureRequest
) -> None:
    article, html = request.getfixturevalue(sample)
    page = third_party_page(mutate(html, article), title=article.title,
                            author=article.authors[-1].name)
    verdict = check_page(page, article)
    assert failed(verdict) == [rule], explain(verdict)
    assert evidence in verdict.finding(rule).detail


@pytest.mark.parametrize("sample", ["us", "fr"])
def test_a_whole_page_passes_when_the_article_in_it_does(
    sample: str, request: pytest.FixtureRequest
) -> None:
    article, html = request.getfixturevalue(sample)
    page = third_party_page(html, title=article.title, author=article.authors[0].name)
    verdict = check_page(page, article)
    assert verdict.compliant, explain(verdict)
    assert "“" + article.title in verdict.finding("unaltered-title").detail


def test_title_reworded_fails_only_the_title(us: tuple[Article, str]) -> None:
    article, html = us
    reworded = article.title.replace("transformed", "changed")
    verdict = check(html, article, title=reworded)
    assert failed(verdict) == ["unaltered-title"]
    assert "changed" in verdict.finding("unaltered-title").detail
    page = third_party_page(html, title=reworded, author="")
    verdict = check_page(page, article)
    assert failed(verdict) == ["unaltered-title"], explain(verdict)


def test_a_source_without_cc_by_nd_fails_the_licence(us: tuple[Article, str]) -> None:
    article, html = us
    for rights, evidence in [(None, "declares no licence"),
                             ("© 2025 All rights reserved", "not CC BY-ND")]:
        source = dataclasses.replace(article, rights=rights)
        verdict = check(html, source, title=article.title)
        assert failed(verdict) == ["licence"]
        assert evidence in verdict.finding("licence").detail


def test_a_byline_with_the_name_only_in_the_body_is_no_credit(us: tuple[Article, str]) -> None:
    article, html = us
    no_byline = sub_re(html, r'<p class="tc-byline">.*?</p>', "")
    verdict = check(no_byline, article, title=article.title)
    assert failed(verdict) == ["author-credit"]
    # The disclosure statement names her: that is not a credit
    # (docs/compliance.md#rule-author-credit).
    assert "named only in the article's text" in verdict.finding("author-credit").detail


# --- what unaltered-text forgives: format and house style ---------------------------------

FORMATTING: list[tuple[str, Callable[[str], str]]] = [
    ("straight-quotes", lambda h: h.replace("’", "'").replace("“", '"').replace("”", '"')),
    ("whitespace", lambda h: h.replace(". ", ".  \n   ").replace("\n\n", "\n")),
    ("paragraphs-in-divs", lambda h: h.replace("<p>", '<div class="para"><span>')
     .replace("</p>", "</span></div>")),
    ("one-paragraph-split-in-two",
     lambda h: sub(h, "kelp eaters,- were", "kelp eaters,-</p><p>were")),
    ("non-breaking-spaces", lambda h: h.replace(" sea ", "&nbsp;sea&#160;")),
    ("dashes", lambda h: h.replace("–", "—")),
    ("markup-inside-words", lambda h: sub(h, "voracious", "<em>vora</em><strong>cious</strong>")),
    ("no-disclosure", lambda h: sub_re(h, r'<p class="fine-print">.*?</p>', "")),
]


@pytest.mark.parametrize("change", [f[1] for f in FORMATTING], ids=[f[0] for f in FORMATTING])
def test_formatting_and_house_style_changes_pass(change: Callable[[str], str],
                                                 us: tuple[Article, str]) -> None:
    article, html = us
    changed = change(html)
    assert changed != html
    verdict = check(changed, article, title=article.title)
    assert verdict.compliant, explain(verdict)


def test_french_typography_spacing_passes(fr: tuple[Article, str]) -> None:
    article, html = fr
    # « refroidissement … » with other spaces, or straight quotes: house style.
    changed = html.replace("« ", "«\u202f").replace(" »", "\u202f»")
    assert check(changed, article, title=article.title).compliant
    changed = html.replace("« ", '"').replace(" »", '"')
    assert check(changed, article, title=article.title).compliant


# --- extracts -------------------------------------------------------------------------------


def _extract_of(html: str, article: Article, paragraphs: int, link: str) -> str:
    """Byline, the body up to its Nth paragraph, a link, counter and attribution: built by
    hand here (republish.py's extract mode is tested on its own)."""
    head, body = html.split("</p>\n", 1)
    end = 0
    for _ in range(paragraphs):
        end = body.index("</p>", end) + len("</p>")
    counter = f'<img src="https://counter.theconversation.com/content/{article.article_id}' \
              '/count.gif" alt="The Conversation" width="1" height="1">'
    attribution = html[html.index('<p class="tc-attribution">'):]
    return f"{head}</p>\n{body[:end]}\n<p>{link}</p>{counter}{attribution}"


def test_an_extract_with_a_read_the_full_article_link_passes(us: tuple[Article, str]) -> None:
    article, html = us
    link = f'<a href="{article.url}">Read the full article on The Conversation</a>'
    verdict = check(_extract_of(html, article, 3, link), article, title=article.title)
    assert verdict.compliant, explain(verdict)
    assert "an extract" in verdict.finding("unaltered-text").detail


@pytest.mark.parametrize("link", [
    "Lea el <a href='{url}'>artículo completo</a> en The Conversation",
    "Lire <a href='{url}'>l’article complet</a>",
    "<a href='{url}'>Baca artikel lengkap</a> di The Conversation",
    "<a href='{url}'>Leia o artigo completo</a>",
    "<a href='{url}'>Den ganzen Artikel lesen</a>",  # not a known language: its structure
])
def test_extract_links_in_other_languages(link: str, us: tuple[Article, str]) -> None:
    article, html = us
    extract = _extract_of(html, article, 2, link.format(url=article.url))
    verdict = check(extract, article, title=article.title)
    assert verdict.finding("unaltered-text").ok is True, explain(verdict)


def test_an_extract_without_its_link_fails(us: tuple[Article, str]) -> None:
    article, html = us
    verdict = check(_extract_of(html, article, 3, "Thanks for reading."), article,
                    title=article.title)
    assert failed(verdict) == ["unaltered-text"]
    assert "no “Read the full article” link" in verdict.finding("unaltered-text").detail


def test_an_extract_cut_inside_a_paragraph_fails(us: tuple[Article, str]) -> None:
    article, html = us
    link = f'<a href="{article.url}">Read the full article on The Conversation</a>'
    extract = _extract_of(html, article, 2, link)
    cut = sub(extract, " with the help of sea otters, lobsters and some large fishes.", "")
    verdict = check(cut, article, title=article.title)
    assert failed(verdict) == ["unaltered-text"]
    assert "is missing" in verdict.finding("unaltered-text").detail


# --- attribution wording in the editions' languages ---------------------------------------

TC_LINES = {
    "en": "This article is republished from <a href='https://theconversation.com'>The "
          "Conversation</a>. Read the <a href='{url}'>original article</a>.",
    "es": "Este artículo fue publicado originalmente en <a href='https://theconversation.com'>"
          "The Conversation</a>. Lea el <a href='{url}'>original</a>.",
    "fr": "Cet article est republié à partir de <a href='https://theconversation.com'>The "
          "Conversation</a>. Lire l’<a href='{url}'>article original</a>.",
    "id": "Artikel ini diterbitkan ulang dari <a href='https://theconversation.com'>The "
          "Conversation</a>. Baca <a href='{url}'>artikel aslinya</a>.",
    "pt": "Este artigo foi republicado do <a href='https://theconversation.com'>The "
          "Conversation</a>. Leia o <a href='{url}'>artigo original</a>.",
    # A language the checker does not know: its structure (The Conversation's home, the
    # original) still makes it an attribution line.
    "de": "Dieser Artikel erschien zuerst bei <a href='https://theconversation.com/de'>The "
          "Conversation</a>. <a href='{url}'>Originalartikel lesen</a>.",
}


@pytest.mark.parametrize("language", list(TC_LINES))
def test_attribution_lines_without_a_licence_link(language: str, us: tuple[Article, str]
                                                  ) -> None:
    """The official line of a known language names the licence (all but Spanish's): without
    it, licence-notice fails; Spanish's official line and an unknown language's pass."""
    article, html = us
    line = TC_LINES[language].format(url=article.url)
    republication = sub_re(html, r'<p class="tc-attribution">.*?</p>', f"<p>{line}</p>")
    verdict = check(republication, article, title=article.title)
    if language in ("es", "de"):
        assert verdict.compliant, explain(verdict)
    else:
        assert failed(verdict) == ["licence-notice"], explain(verdict)
        assert "without its licence" in verdict.finding("licence-notice").detail


def test_the_spanish_line_is_recognised_by_its_words(us: tuple[Article, str]) -> None:
    article, html = us
    line = TC_LINES["es"].format(url=article.url)
    verdict = check(sub_re(html, r'<p class="tc-attribution">.*?</p>', f"<p>{line}</p>"),
                    article, title=article.title)
    assert "Spanish attribution line" in verdict.finding("licence-notice").detail


# --- the recorded Spanish republications, without their original ---------------------------


def _es(n: int) -> str:
    return (SAMPLES / f"tc-republished-basic-es-{n}.html").read_text(encoding="utf-8")


def test_es_159013_fails_no_rule_and_leaves_text_rules_unchecked() -> None:
    html = _es(159013)
    found = find_article_id(html)
    assert found is not None and found.article_id == 159013
    assert found.url == "https://theconversation.com/el-desarrollo-de-las-tecnologias-del-" \
                        "lenguaje-para-el-futuro-de-la-sanidad-159013"
    verdict = check_page(html, None, article_id=found.article_id)
    assert failed(verdict) == [], explain(verdict)
    unchecked = {f.rule for f in verdict.unchecked}
    assert {"unaltered-text", "unaltered-title", "licence", "author-credit"} <= unchecked
    assert {"page-counter", "source-link", "licence-notice", "safe-html", "images"}.isdisjoint(
        unchecked)


def test_es_113886_fails_page_counter_alone() -> None:
    html = _es(113886)
    verdict = check_page(html, None, article_id=113886)
    assert failed(verdict) == ["page-counter"], explain(verdict)
    detail = verdict.finding("page-counter").detail
    assert "2 counter images for article 113886" in detail
    assert "republish-lightbox-basic" in detail and "republish-lightbox-advanced" in detail


@pytest.mark.parametrize(("mutate", "rule", "evidence"), [
    (lambda h: sub_re(h, r'<img src="https://counter[^>]*>', ""), "page-counter",
     "no page counter image for article 159013"),
    (lambda h: sub(h, "content/159013/count.gif", "content/113886/count.gif"), "page-counter",
     "counts article 113886, not 159013"),
    (lambda h: sub(h, "</p>\n\n<p>Esto se", "</p><script>x()</script>\n\n<p>Esto se"),
     "safe-html", "<script>"),
    (lambda h: sub_re(h, r'Lea el <a href="[^"]*">original</a>', "Lea el original"),
     "source-link", "no link to the original article 159013"),
])
def test_es_159013_mutations_without_the_original(mutate: Callable[[str], str], rule: str,
                                                   evidence: str) -> None:
    html = mutate(_es(159013))
    verdict = check_page(html, None, article_id=159013)
    assert failed(verdict) == [rule], explain(verdict)
    assert evidence in verdict.finding(rule).detail


def test_the_article_id_comes_from_the_attribution_link_before_the_counter() -> None:
    html = sub(_es(159013), "content/159013/count.gif", "content/1/count.gif")
    found = find_article_id(html)
    assert found is not None
    assert (found.article_id, found.how) == (159013, "its link to the original")
    counter_only = sub_re(_es(159013), r'Lea el <a href="[^"]*">original</a>', "")
    found = find_article_id(counter_only)
    assert found is not None
    assert (found.article_id, found.how, found.url) == (159013, "its page counter", None)
    assert find_article_id("<p>nothing here</p>") is None


# --- originals read from an article page ---------------------------------------------------


@pytest.mark.parametrize("n", [212649, 209538])
def test_an_article_page_as_the_original(n: int, fr_articles: tuple[Article, ...]) -> None:
    article = next(a for a in fr_articles if a.article_id == n)
    page = Path(SAMPLES / f"tc-article-{n}-fr.html").read_text(encoding="utf-8")
    original = parse_article_page(page, f"https://theconversation.com/x-{n}")
    verdict = check(republish(article).html, original, title=article.title)
    # Pages state no licence: not checked, never passed (docs/the-conversation.md#article-pages).
    assert verdict.finding("licence").ok is None
    assert [f.rule for f in verdict.findings if f.ok is not True] == ["licence"], \
        explain(verdict)


def test_prepare_once_check_many(us: tuple[Article, str]) -> None:
    article, html = us
    original = prepare(article)
    assert check(html, original, title=article.title).compliant
    assert failed(check(html.replace("kelp eaters", "kelp grazers"), original,
                        title=article.title)) == ["unaltered-text"]
