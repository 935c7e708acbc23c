"""A page's data blocks (docs/compliance.md#safe-html): a ``<script>`` whose type no browser
runs (JSON-LD a plugin prints in the post's content, Next.js's ``__NEXT_DATA__``, a template)
is data, not code, on a page; a script of any type a browser runs (none, a JavaScript type,
with or without parameters, "module", "importmap", "speculationrules") still fails
`safe-html`, and a feed entry holds no script of any type. Pages are built in memory around
our own republication of the recorded samples; no word of the article is edited."""

from __future__ import annotations

import json

import pytest

from syndication.compliance import check, check_page
from syndication.compliance.content import is_data_block
from syndication.compliance.htmltext import parse_fragment
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain, third_party_page


@pytest.mark.parametrize("kind, data", [
    ('type="application/ld+json"', True),
    ('type="application/json" id="__NEXT_DATA__"', True),
    ('type="text/x-template"', True),
    ("", False),
    ('type=""', False),
    ('type="text/javascript"', False),
    ('type="TEXT/JavaScript; charset=utf-8"', False),
    ('type="module"', False),
    ('type="importmap"', False),
    ('type="speculationrules"', False),
])
def test_a_data_block_is_known_by_its_type(kind: str, data: bool) -> None:
    script = parse_fragment(f"<div><script {kind}>{{}}</script></div>")[0][0]
    assert is_data_block(script) is data


@pytest.fixture(scope="module")
def republished(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


def _page(republished: tuple[Article, str], script: str) -> Verdict:
    article, html = republished
    at = html.index("</p>") + 4  # after the first paragraph, inside the article
    page = third_party_page(html[:at] + script + html[at:], title=article.title,
                            author=article.authors[0].name)
    return check_page(page, article)


def test_json_ld_in_the_articles_content_passes(republished: tuple[Article, str]) -> None:
    article, _html = republished
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                       "headline": article.title})
    verdict = _page(republished, f'<script type="application/ld+json">{data}</script>')
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("script", [
    '<script>track("read")</script>',
    '<script type="text/javascript; charset=utf-8">track("read")</script>',
    '<script type="module" src="https://cdn.example/m.js"></script>',
    '<script type="application/ld+json" onload="steal()">{}</script>',
])
def test_a_script_that_runs_still_fails(republished: tuple[Article, str], script: str) -> None:
    verdict = _page(republished, script)
    failed = {f.rule for f in verdict.findings if f.ok is False}
    assert failed == {"safe-html"}, explain(verdict)


def test_a_feed_entry_holds_no_script_of_any_type(republished: tuple[Article, str]) -> None:
    article, html = republished
    at = html.index("</p>") + 4
    entry = html[:at] + '<script type="application/ld+json">{}</script>' + html[at:]
    verdict = check(entry, article, title=article.title)
    assert [f.rule for f in verdict.findings if f.ok is False] == ["safe-html"]
