"""Which article `syndication check` judges, and documents it cannot read whole (issue 9):
with ``--original`` (a feed), the article is the entry whose text the page carries, whatever
the page links, so a wrong link back fails `source-link` naming it and a related link to
another article of The Conversation beside the right one passes; a document the HTML parser
cut (nested deeper than its limit) is not checkable in `check` and refused by the pipeline.
Pages are our own republications of the recorded samples, changed in memory."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from syndication.compliance import RULES, check, check_page, prepare
from syndication.compliance.command import (
    _Fetcher,
    check_republication,
    choose_original,
    find_article_id,
)
from syndication.compliance.htmltext import parse_fragment, parse_page
from syndication.config import FETCH_DEFAULTS
from syndication.errors import DocumentCut, InputError
from syndication.models import Article, Outcome
from syndication.republish import republish
from syndication.step import process

from .conftest import FR_FEED, SAMPLES
from .pages import sub, third_party_page

OTHER_TC = "https://theconversation.com/how-kelp-forests-recover-after-a-marine-heatwave-254301"


def page_file(tmp_path: Path, article: Article, code: str) -> str:
    page = tmp_path / "page.html"
    page.write_text(third_party_page(code, title=article.title,
                                     author=article.authors[0].name), encoding="utf-8")
    return str(page)


def judged(page: str, original: str = str(FR_FEED)):  # type: ignore[no-untyped-def]
    return check_republication(page, original=original, fetch_config=FETCH_DEFAULTS)


# --- the article is the one the text matches ------------------------------------------------


@pytest.mark.parametrize("k", [0, 1])
def test_a_wrong_link_back_fails_source_link_naming_it(fr_articles: tuple[Article, ...],
                                                      tmp_path: Path, k: int) -> None:
    """The attribution line links another article: the page's link names no entry of the
    feed, yet the article judged is the one its text carries, and the link is named."""
    article = fr_articles[k]
    code = sub(republish(article).html, f'href="{article.url}"', f'href="{OTHER_TC}"')
    result = judged(page_file(tmp_path, article, code))
    assert result.verdict.article_id == article.article_id
    assert [f.rule for f in result.verdict.failed] == ["source-link"]
    assert OTHER_TC in result.verdict.finding("source-link").detail
    assert result.article is not None and result.article.article_id == article.article_id
    assert "254301" in result.article.how  # what the page's own link said


def test_a_wrong_link_back_to_another_entry_of_the_feed_is_still_judged_by_text(
    fr_articles: tuple[Article, ...], tmp_path: Path
) -> None:
    """The page links the feed's other entry: that entry is not the one judged."""
    article, other = fr_articles[1], fr_articles[0]
    code = sub(republish(article).html, f'href="{article.url}"', f'href="{other.url}"')
    result = judged(page_file(tmp_path, article, code))
    assert result.verdict.article_id == article.article_id
    assert [f.rule for f in result.verdict.failed] == ["source-link"]
    assert other.url in result.verdict.finding("source-link").detail


@pytest.mark.parametrize("related", [
    # before the article, in a block that also links The Conversation's home: the page's
    # "first" link to an article, which find_article_id reads as the link to the original
    '<p class="more">More from <a href="https://theconversation.com/fr">The Conversation</a>:'
    ' <a href="{url}">un autre article</a></p>',
    # a plain "Related" link between paragraphs
    '<p><strong>À lire aussi :</strong> <a href="{url}">un autre article</a></p>',
])
def test_a_related_link_to_another_article_beside_the_right_back_link_passes(
    fr_articles: tuple[Article, ...], tmp_path: Path, related: str
) -> None:
    article, other = fr_articles[1], fr_articles[0]
    code = related.format(url=other.url) + republish(article).html
    result = judged(page_file(tmp_path, article, code))
    assert result.verdict.article_id == article.article_id
    assert result.verdict.finding("source-link").ok is True
    assert result.verdict.finding("unaltered-text").ok is not None


def test_the_linked_entry_is_judged_when_no_entry_matches_the_text(
    fr_articles: tuple[Article, ...], tmp_path: Path
) -> None:
    """A page whose text is none of the entries' (rewritten): its own link names the entry,
    and the text rule fails rather than the command erring."""
    article = fr_articles[0]
    code = re.sub(r"<p>[^<]{80,}</p>", "<p>Texte réécrit par la rédaction.</p>",
                  republish(article).html)
    result = judged(page_file(tmp_path, article, code))
    assert result.verdict.article_id == article.article_id
    assert result.verdict.finding("unaltered-text").ok is False


def test_a_page_that_is_no_entry_and_links_none_is_an_input_error(
    fr_articles: tuple[Article, ...], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Nothing of The Conversation here at all, only a page "
                    "of our own about the harbour and its boats.</p></body></html>")
    with pytest.raises(InputError, match="no entry of the feed is the article on the page"):
        judged(str(page))


# --- which article a page names, without --original -------------------------------------

COUNTER_IMG = re.compile(r'<img[^>]*counter\.theconversation\.com[^>]*>')


def without_counter(code: str) -> str:
    out, n = COUNTER_IMG.subn("", code)
    assert n == 1
    return out


def with_canonical(page: str, href: str) -> str:
    return sub(page, '<meta charset="utf-8">', f'<meta charset="utf-8"><link rel="canonical" '
               f'href="{href}">')


def related_after(page: str) -> str:
    """A related-article link of the publisher's after the article: the page's last link to
    an article of The Conversation."""
    return sub(page, '<aside class="sidebar">',
               f'<aside class="sidebar"><p>Related: <a href="{OTHER_TC}">How kelp forests '
               'recover after a marine heatwave</a></p>')


def unlinked_attribution(article: Article) -> str:
    """Our republication with its attribution line no longer linking The Conversation's home
    (a publisher's own wording of the credit) and its counter taken out: what names the
    article is left to the canonical link and the page's links."""
    code = without_counter(republish(article).html)
    return sub(code, 'href="https://theconversation.com"', 'href="/about/partners"')


@pytest.mark.parametrize("k", [0, 1])
def test_a_canonical_link_to_the_original_names_the_article(
        fr_articles: tuple[Article, ...], k: int) -> None:
    article = fr_articles[k]
    page = related_after(third_party_page(unlinked_attribution(article), title=article.title,
                                          author=article.authors[0].name))
    before = find_article_id(page)  # without a canonical link: the page's last link
    assert before is not None and before.article_id == 254301
    found = find_article_id(with_canonical(page, article.url))
    assert found is not None and found.article_id == article.article_id
    assert found.how == "its canonical link" and found.url == article.url


def test_the_attribution_line_names_the_article_before_a_canonical_link(
        fr_articles: tuple[Article, ...]) -> None:
    article = fr_articles[0]
    page = third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)
    found = find_article_id(with_canonical(page, OTHER_TC))
    assert found is not None and found.article_id == article.article_id
    assert found.how.startswith("its link to the original")


@pytest.mark.parametrize("canonical", ["https://news.example.org/2025/10/02/kelp/",
                                       "https://theconversation.com/fr/topics/climat-1234",
                                       "https://theconversation.com/profiles/jane-doe-98765"])
def test_a_canonical_link_to_no_article_of_the_conversation_names_none(
        fr_articles: tuple[Article, ...], canonical: str) -> None:
    article = fr_articles[0]
    page = related_after(third_party_page(unlinked_attribution(article), title=article.title,
                                          author=article.authors[0].name))
    found = find_article_id(with_canonical(page, canonical))
    assert found is not None and found.article_id == 254301  # the last link, as before


@pytest.mark.parametrize(("name", "n", "before"), [("tc-article-212649-fr.html", 212649, 196669),
                                                   ("tc-article-209538-fr.html", 209538, None)])
def test_the_conversations_own_page_is_named_as_such(name: str, n: int,
                                                     before: int | None) -> None:
    """A page saved from The Conversation's site: its canonical link names it (before, its
    last link to another article did, 196669, or nothing was found) and the report says it
    is not a republication."""
    html = (SAMPLES / name).read_text(encoding="utf-8")
    found = find_article_id(html)
    assert found is not None and found.article_id == n and found.article_id != before
    assert "The Conversation's own page of the article, not a republication" in found.how
    # the same page under a republisher's site name is a republication naming its original
    renamed = sub(html, 'content="The Conversation"', 'content="Harbour News"')
    assert "own page" not in (find_article_id(renamed) or found).how


@pytest.mark.parametrize(("url", "as_original"), [
    ("https://theconversation.com/comment-les-machines-succombent-a-la-chaleur-des-voitures-"
     "aux-ordinateurs-212649", True),
    ("https://theconversation.com/fr", False),
    ("http://THEconversation.com./us/environment", False),
    ("https://counter.theconversation.com/content/212649/count.gif", False),
])
def test_a_url_on_the_conversations_own_site_is_refused_unfetched(
        url: str, as_original: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    def fetched(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("fetched")

    monkeypatch.setattr(_Fetcher, "get", fetched)
    with pytest.raises(InputError) as e:
        check_republication(url, fetch_config=FETCH_DEFAULTS)
    assert str(e.value).startswith(f"{url}: a page of The Conversation's own site, not a "
                                   "republication: check a page that republishes the article")
    assert ("--original" in str(e.value)) is as_original


def test_a_lookalike_host_is_not_the_conversations_site(monkeypatch: pytest.MonkeyPatch) -> None:
    def fetched(_self: object, url: str, **_kwargs: object) -> None:
        raise InputError(f"fetched {url}")

    monkeypatch.setattr(_Fetcher, "get", fetched)
    url = "https://theconversation.com.example.net/x-212649"
    with pytest.raises(InputError, match=f"^fetched {re.escape(url)}$"):
        check_republication(url, fetch_config=FETCH_DEFAULTS)


# --- a document the parser cut is never judged --------------------------------------------


def nested(html: str, depth: int) -> str:
    return "<div>" * depth + html + "</div>" * depth


@pytest.mark.parametrize("depth", [260, 400, 3000])
def test_the_parser_says_when_it_cut_a_document(depth: int) -> None:
    html = nested("<p>inside</p>", depth) + "<p>after</p>"
    with pytest.raises(DocumentCut, match="nested deeper than the HTML parser's limit"):
        parse_page(html)
    with pytest.raises(DocumentCut, match="nested deeper"):
        parse_fragment(html)
    assert parse_page(html, partial=True) is not None  # a glance for an id stays possible


@pytest.mark.parametrize("depth", [1, 100, 200])
def test_nesting_within_the_limit_is_read_whole(depth: int) -> None:
    html = nested("<p>inside</p>", depth) + "<p>after</p>"
    root = parse_page(html)
    assert "after" in "".join(root.itertext())


def test_a_page_nested_past_the_limit_is_not_checkable(fr_articles: tuple[Article, ...],
                                                       tmp_path: Path) -> None:
    article = fr_articles[0]
    code = nested(republish(article).html, 300)
    html = third_party_page(code, title=article.title, author=article.authors[0].name)
    verdict = check_page(html, article)
    assert not verdict.failed and not verdict.compliant
    assert [f.rule for f in verdict.unchecked] == list(RULES)
    assert "nested deeper than the HTML parser's limit (256 levels)" in \
        verdict.finding("unaltered-text").detail
    # The command: the page's link and counter were cut off with the article, so no entry
    # can be chosen; the page is not checkable all the same, not an input error.
    page = page_file(tmp_path, article, code)
    assert find_article_id(html) is None
    assert judged(page).verdict.findings == verdict.findings
    alone = check_republication(page, use_original=False, fetch_config=FETCH_DEFAULTS)
    assert alone.verdict.findings == verdict.findings


def test_an_entry_nested_past_the_limit_is_refused_never_published(
    fr_articles: tuple[Article, ...]
) -> None:
    article = fr_articles[0]
    deep = replace(article, content=nested(article.content, 300))
    done = process(deep, whole=True, extracts=(2,))
    assert done.built is not None and done.built.outcome is Outcome.REFUSED
    assert done.built.html is None
    assert "nested deeper than the HTML parser's limit" in done.built.reason
    assert done.extracts == ()
    only_extract = process(deep, whole=False, extracts=(2,))
    assert [b.outcome for b in only_extract.extracts] == [Outcome.REFUSED]
    assert "nested deeper" in only_extract.extracts[0].reason
    # a republication nested past the limit, judged against a sound original
    verdict = check(nested(republish(article).html, 300), prepare(article))
    assert not verdict.compliant and not verdict.failed
    assert "the republication cannot be read whole" in verdict.finding("licence").detail


def test_an_entry_the_parser_cut_is_never_chosen(fr_articles: tuple[Article, ...]) -> None:
    """Among a feed's entries, one nested past the limit is compared with nothing."""
    article, other = fr_articles
    deep = replace(other, content=nested(other.content, 300))
    page = third_party_page(republish(article).html, title=article.title, author="a reader")
    assert choose_original(page, [deep, article]) is article
    assert choose_original(page, [deep]) is None
