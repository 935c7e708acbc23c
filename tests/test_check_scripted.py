"""A page drawn by its scripts (docs/compliance.md#a-page-drawn-by-its-scripts): its HTML
carries none of the article, which its script data holds (Next.js's __NEXT_DATA__, a Nuxt or
React Server Components payload) or which its scripts fetch (an app shell). The checker reads
HTML as served, so such a page is not checkable, each rule saying why, never failed on words
and links a browser shows. A page that left the article out, carries another, or shows its
own rewritten text is judged as before.

No recorded page of this shape exists: each is built as its framework serves a page
(Next.js's pages router writes the page's props as JSON in <script id="__NEXT_DATA__">; its
app router pushes string chunks to self.__next_f; Nuxt 2 assigns window.__NUXT__ from a
function; Create React App serves an empty <div id="root">), around our own republication of
the recorded samples, whose words are not edited."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from syndication.compliance import check_page
from syndication.models import Article
from syndication.republish import republish

from .conftest import SAMPLES
from .pages import explain, sub, third_party_page
from .server import LoopbackServer
from .test_cli_check import as_json, cli


def _page(body: str, title: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | '
            f'Bay News</title>{head}<script src="/_next/static/chunks/main-3f2a.js" defer>'
            f"</script></head><body>{body}</body></html>")


def _script_json(data: object) -> str:
    return json.dumps(data).replace("</", "<\\/")


def next_pages(article: Article, html: str) -> str:
    data = {"props": {"pageProps": {"post": {"title": article.title, "content": html}}},
            "page": "/[year]/[slug]", "query": {"slug": "sea-stars"}, "buildId": "k2Jd8"}
    return _page('<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">'
                 f"{_script_json(data)}</script>", article.title)


def next_app(article: Article, html: str) -> str:
    chunks = "".join(f"<script>self.__next_f.push([1,{_script_json(part)}])</script>"
                     for part in ("1:HL[\"/_next/static/css/app.css\",\"style\"]\n",
                                  f"2:T{len(html):x},", html))
    return _page(f"<div hidden></div>{chunks}", article.title)


def nuxt(article: Article, html: str) -> str:
    return _page('<div id="__nuxt"></div><script>window.__NUXT__=(function(a,b){return '
                 '{layout:"default",data:[{post:{title:' + _script_json(article.title)
                 + ",body:" + _script_json(html) + "}}],state:{}}}(null,false));</script>",
                 article.title)


def app_shell(article: Article, html: str) -> str:
    return _page('<noscript>You need to enable JavaScript to run this app.</noscript>'
                 '<div id="root"></div><script src="/static/js/main.8a3b.js"></script>',
                 article.title)


DRAWN: dict[str, Callable[[Article, str], str]] = {
    "next-pages": next_pages, "next-app": next_app, "nuxt": nuxt, "app-shell": app_shell}



@pytest.fixture(params=[0, 1, 2], ids=["en-263253", "fr-212649", "fr-209538"])
def article(request: pytest.FixtureRequest, env_article: Article,
            fr_articles: tuple[Article, ...]) -> Article:
    return [env_article, *fr_articles][request.param]


@pytest.mark.parametrize("shape", DRAWN)
def test_a_page_its_scripts_draw_is_not_checkable(shape: str, article: Article) -> None:
    verdict = check_page(DRAWN[shape](article, republish(article).html), article)
    assert not verdict.failed and not verdict.compliant, explain(verdict)
    assert all(f.ok is None for f in verdict.findings)
    detail = verdict.findings[0].detail
    assert "drawn by its scripts" in detail and "as a browser shows it" in detail
    said = {"next-pages": '<script id="__NEXT_DATA__">', "next-app": "a <script> of",
            "nuxt": "a <script> of", "app-shell": "runs 2 scripts"}[shape]
    assert said in detail, detail


def test_the_same_page_served_whole_is_judged(article: Article) -> None:
    """Next.js rendering on the server: the HTML carries the article as well as its data."""
    html = republish(article).html
    page = next_pages(article, html).replace('<div id="__next"></div>',
                                              f'<div id="__next"><article>{html}</article></div>')
    assert check_page(page, article).compliant


def test_a_rewritten_copy_beside_the_original_in_its_data_fails(article: Article) -> None:
    """A page showing its own words (the article rewritten) is judged on them, whatever its
    JSON-LD carries."""
    html = republish(article).html
    words = html.split(" ")
    reworded = " ".join(w if k % 3 else w.upper() + "x" for k, w in enumerate(words))
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": html}
    page = third_party_page(reworded, title=article.title, author=article.authors[0].name)
    page = page.replace("</head>", '<script type="application/ld+json">'
                        f"{_script_json(ld)}</script></head>", 1)
    verdict = check_page(page, article)
    assert verdict.finding("unaltered-text").ok is False, explain(verdict)


def _first_paragraphs(html: str, k: int) -> str:
    """``html`` up to the end of its k-th paragraph (the server-rendered part)."""
    at = 0
    for _ in range(k):
        at = html.index("</p>", at) + len("</p>")
    return html[:at]


def test_a_page_its_scripts_complete_is_not_checkable(article: Article) -> None:
    """Next.js rendering the first paragraphs on the server and the rest in the browser:
    the HTML stops, the rest is in __NEXT_DATA__ (F57)."""
    html = republish(article).html
    page = next_pages(article, html).replace(
        '<div id="__next"></div>',
        f'<div id="__next"><article>{_first_paragraphs(html, 6)}</article></div>')
    verdict = check_page(page, article)
    assert not verdict.failed and all(f.ok is None for f in verdict.findings), explain(verdict)
    detail = verdict.findings[0].detail
    assert "completed by its scripts" in detail and '<script id="__NEXT_DATA__">' in detail


def test_a_cut_page_whose_json_ld_holds_the_rest_is_cut(article: Article) -> None:
    """JSON-LD describes a page to search engines and draws nothing: the article is cut."""
    html = republish(article).html
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": html}
    page = third_party_page(_first_paragraphs(html, 6), title=article.title,
                            author=article.authors[0].name)
    page = page.replace("</head>", '<script type="application/ld+json">'
                        f"{_script_json(ld)}</script></head>", 1)
    verdict = check_page(page, article)
    assert "the text stops" in verdict.finding("unaltered-text").detail, explain(verdict)


def test_another_article_in_the_data_is_not_this_one(fr_articles: tuple[Article, ...]) -> None:
    shown, other = fr_articles
    verdict = check_page(next_pages(other, republish(other).html), shown)
    assert verdict.finding("unaltered-text").ok is False, explain(verdict)


def test_an_empty_page_without_scripts_fails(article: Article) -> None:
    page = f"<!DOCTYPE html><html><head><title>{article.title}</title></head><body></body></html>"
    verdict = check_page(page, article)
    assert verdict.finding("unaltered-text").ok is False, explain(verdict)


def test_a_hostile_data_block_nested_deep_is_read_without_recursion(article: Article) -> None:
    data = "[" * 100_000 + "]" * 100_000
    page = _page(f'<script type="application/json">{data}</script>', article.title)
    verdict = check_page(page, article)
    assert "drawn by its scripts" in verdict.findings[0].detail  # a shell: 0 words shown


def test_check_reads_the_article_from_the_data_and_says_why_it_cannot_judge(
        fr_articles: tuple[Article, ...], server: LoopbackServer, tmp_path: Path) -> None:
    """`syndication check URL` with no --original: the article's id is read from the page's
    script data (its attribution line's link there), the original fetched, and the verdict
    says the page could not be judged and why (exit 3)."""
    article = fr_articles[0]
    page = server.serve("/2025/09/machines", next_pages(article, republish(article).html),
                        content_type="text/html; charset=utf-8")
    path = "/comment-les-machines-succombent-a-la-chaleur-des-voitures-aux-ordinateurs-212649"
    server.serve(path, SAMPLES / "tc-article-212649-fr.html", content_type="text/html")
    done = cli("check", page, "--conversation-url", server.base, "--json")
    assert done.returncode == 3, done.stdout + done.stderr
    data = as_json(done)
    assert data["article"] == 212649
    assert {f["ok"] for f in data["findings"]} == {None}
    assert "drawn by its scripts" in data["findings"][0]["detail"]
    # saved from the browser (the HTML the scripts drew), the same page is judged
    drawn = tmp_path / "saved.html"
    drawn.write_text(third_party_page(republish(article).html, title=article.title,
                                      author=article.authors[0].name), encoding="utf-8")
    done = cli("check", str(drawn), "--conversation-url", server.base)
    assert done.returncode == 3 and "✗" not in done.stdout, done.stdout  # licence unknown
    # a page that carries none: the error names what is missing, as before
    bare = server.serve("/2025/09/bare", sub(app_shell(article, ""), "main.8a3b", "main"),
                        content_type="text/html")
    done = cli("check", bare, "--conversation-url", server.base)
    assert done.returncode == 2 and "no article of The Conversation found" in done.stderr
