"""Extract mode end to end (docs/compliance.md#rules: the first paragraphs unaltered, then "Read the
full article on The Conversation"): republish.py builds it, the checker passes it, the pipeline
publishes it in the feeds configured for it while other feeds keep the full article."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

from syndication.compliance import check
from syndication.compliance.htmltext import parse_fragment, text_of
from syndication.config import load_config
from syndication.models import Article
from syndication.pipeline import run
from syndication.republish import READ_MORE, republish
from syndication.store import Store

from .conftest import ENV_FEED, FR_FEED
from .server import LoopbackServer
from .test_selection import feed_toml, write_config

ATOM = "{http://www.w3.org/2005/Atom}"


def body_paragraphs(html: str) -> list[str]:
    """Texts of the republication's paragraphs that are the article's (not our own)."""
    root = parse_fragment(html)
    return [" ".join(text_of(p).split()) for p in root.iter("p")
            if not (p.get("class") or "").startswith("tc-")]


@pytest.mark.parametrize("paragraphs", [1, 2, 3, 5])
def test_extract_is_a_checked_prefix(paragraphs: int, env_article: Article,
                                     fr_articles: tuple[Article, ...]) -> None:
    for article in (env_article, *fr_articles):
        full = body_paragraphs(republish(article).html)
        extract = republish(article, mode="extract", paragraphs=paragraphs)
        assert extract.mode == "extract"
        assert body_paragraphs(extract.html) == full[:paragraphs]
        verdict = check(extract.html, article, title=article.title)
        assert verdict.compliant, [(f.rule, f.detail) for f in verdict.failed]
        assert "an extract" in verdict.finding("unaltered-text").detail


def test_extract_parts_in_order(env_article: Article, fr_articles: tuple[Article, ...]) -> None:
    for article, label in ((env_article, READ_MORE["en"]), (fr_articles[0], READ_MORE["fr"])):
        html = republish(article, mode="extract", paragraphs=2).html
        byline = html.index('class="tc-byline"')
        read_more = html.index(f'<a href="{article.url}">{label}</a>')
        counter = html.index(f"counter.theconversation.com/content/{article.article_id}/")
        attribution = html.index('class="tc-attribution"')
        assert byline < read_more < counter < attribution
        assert html.count("count.gif") == 1
        assert "fine-print" not in html  # the disclosure follows the whole article


def test_an_article_shorter_than_the_extract_is_whole(fr_articles: tuple[Article, ...]) -> None:
    article = fr_articles[1]
    html = republish(article, mode="extract", paragraphs=500).html
    verdict = check(html, article, title=article.title)
    assert verdict.compliant
    assert "word for word" in verdict.finding("unaltered-text").detail


def test_extract_feeds_end_to_end(tmp_path: Path, server: LoopbackServer) -> None:
    us = server.serve("/us/environment/articles.atom", ENV_FEED)
    fr = server.serve("/fr/sciences/articles.atom", FR_FEED)
    config = load_config(write_config(
        tmp_path,
        feed_toml([us, fr], 'mode = "extract"\nparagraphs = 2', name="short")
        + feed_toml([us, fr], name="full")
        + feed_toml([fr], 'mode = "extract"\nparagraphs = 4', name="longer"),
    ))
    report = run(config)
    assert report.ok, report
    sources = {a.article_id: a for a in _articles(server, us, fr)}
    for name, paragraphs in (("short", 2), ("full", None), ("longer", 4)):
        entries = _entries(tmp_path / "out" / f"{name}.atom")
        assert sorted(entries) == sorted(sources if name != "longer" else (212649, 209538))
        for n, (title, html) in entries.items():
            article = sources[n]
            verdict = check(html, article, title=title)
            assert verdict.compliant, (name, n, [(f.rule, f.detail) for f in verdict.failed])
            full = body_paragraphs(republish(article).html)
            expected = full if paragraphs is None else full[:paragraphs]
            assert body_paragraphs(html) == expected
            assert ("an extract" in verdict.finding("unaltered-text").detail) is (
                paragraphs is not None)
    with Store(tmp_path / "state.sqlite3") as store:
        kept = {(x.article_id, x.paragraphs) for x in store.extracts()}
    assert kept == {(263253, 2), (212649, 2), (209538, 2), (212649, 4), (209538, 4)}


def test_a_feed_switched_to_extract_mode_gets_extracts_of_stored_articles(
    tmp_path: Path, server: LoopbackServer
) -> None:
    fr = server.serve("/fr/sciences/articles.atom", FR_FEED)
    run(load_config(write_config(tmp_path, feed_toml([fr], name="news"))))
    report = run(load_config(write_config(
        tmp_path, feed_toml([fr], 'mode = "extract"\nparagraphs = 1', name="news"))))
    assert report.ok
    assert all(s.not_modified for s in report.sources)  # nothing new came from the source
    entries = _entries(tmp_path / "out" / "news.atom")
    assert sorted(entries) == [209538, 212649]
    assert all(len(body_paragraphs(html)) == 1 for _t, html in entries.values())


def _articles(server: LoopbackServer, *urls: str) -> list[Article]:
    from syndication.source import parse_feed

    out = []
    for url in urls:
        body = server.routes[url.removeprefix(server.base)].body
        out += parse_feed(body, url).articles
    return out


def _entries(path: Path) -> dict[int, tuple[str, str]]:
    root = ET.parse(path).getroot()
    out = {}
    for e in root.iter(f"{ATOM}entry"):
        n = int((e.findtext(f"{ATOM}id") or "").rsplit("/", 1)[-1])
        out[n] = (e.findtext(f"{ATOM}title") or "", e.findtext(f"{ATOM}content") or "")
    return out
