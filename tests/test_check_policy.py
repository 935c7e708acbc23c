"""A page's Content-Security-Policy and the counter (docs/compliance.md#rule-page-counter): a
policy whose img-src (else default-src) allows no image from counter.theconversation.com
keeps every browser from loading the counter, so `page-counter` fails, naming the directive,
whether the policy is in a `<meta http-equiv>` or the header the page is served with; a
policy that allows it passes. And a counter inside a `<template>`, which no browser loads.
Pages are built in memory around our own republication of the recorded samples."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.compliance.policy import blocking_directive
from syndication.models import Article
from syndication.republish import republish

from .pages import explain, sub, third_party_page
from .server import LoopbackServer
from .test_cli_check import as_json, cli

COUNTER = "https://counter.theconversation.com/content/263253/count.gif"


@pytest.mark.parametrize(("policy", "allowed"), [
    ("img-src *", True),
    ("img-src 'self' data: https:", True),
    ("img-src http:", True),  # CSP 3: http: allows https too
    ("img-src https://*.theconversation.com", True),
    ("img-src counter.theconversation.com", True),
    ("img-src https://counter.theconversation.com:443/content/", True),
    ("default-src 'self'; img-src 'self' https://counter.theconversation.com", True),
    ("script-src 'self'", True),  # nothing said of images
    ("img-src 'self'", False),
    ("default-src 'self'", False),
    ("default-src 'none'", False),
    ("img-src 'self' https://i0.wp.com data:", False),
    ("img-src *.wp.com", False),
    ("img-src https://counter.theconversation.com/content/1/", False),  # another path
    ("img-src https://counter.theconversation.com:8443", False),  # another port
    ("img-src 'self' 'nonce-abc' 'unsafe-inline'", False),
    ("img-src *; default-src 'self'", True),
    ("img-src 'self', img-src *", False),  # two policies joined: both enforced
])
def test_a_policy_allows_or_blocks_the_counter(policy: str, allowed: bool) -> None:
    assert (blocking_directive([policy], COUNTER) is None) is allowed



def page(article: Article, head: str = "") -> str:
    html = third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)
    return sub(html, "</head>", head + "</head>") if head else html


def test_a_meta_policy_that_blocks_the_counter_fails(env_article: Article) -> None:
    meta = ('<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'self'; img-src 'self' https://i0.wp.com\">")
    verdict = check_page(page(env_article, meta), env_article)
    assert [f.rule for f in verdict.failed] == ["page-counter"], explain(verdict)
    detail = verdict.finding("page-counter").detail
    assert "img-src 'self' https://i0.wp.com" in detail and "<meta http-equiv>" in detail


def test_a_meta_policy_that_allows_images_passes(env_article: Article) -> None:
    meta = ('<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'self'; img-src 'self' data: https:\">")
    assert check_page(page(env_article, meta), env_article).compliant


def test_a_report_only_policy_blocks_nothing(env_article: Article) -> None:
    meta = ('<meta http-equiv="Content-Security-Policy-Report-Only" '
            "content=\"img-src 'self'\">")
    assert check_page(page(env_article, meta), env_article).compliant


def test_a_header_policy_that_blocks_the_counter_fails(env_article: Article) -> None:
    verdict = check_page(page(env_article), env_article, policy="img-src 'self'")
    assert [f.rule for f in verdict.failed] == ["page-counter"], explain(verdict)
    assert "header" in verdict.finding("page-counter").detail


def test_a_counter_in_a_template_is_not_loaded(env_article: Article) -> None:
    html = page(env_article)
    start = html.index('<img src="https://counter.theconversation.com')
    end = html.index(">", start) + 1
    counter = html[start:end]
    verdict = check_page(sub(html, counter, f"<template>{counter}</template>"), env_article)
    assert [f.rule for f in verdict.failed] == ["page-counter"], explain(verdict)
    assert "<template>" in verdict.finding("page-counter").detail


def test_check_reads_the_header_the_page_is_served_with(
        fr_articles: tuple[Article, ...], server: LoopbackServer) -> None:
    """`syndication check URL --original FEED`: the page's Content-Security-Policy header
    is read from the answer."""
    from .conftest import FR_FEED

    article = fr_articles[0]
    html = page(article)
    feed = server.serve("/fr/articles.atom", FR_FEED)
    open_page = server.serve("/open.html", html, content_type="text/html; charset=utf-8",
                             headers={"Content-Security-Policy": "img-src * data:"})
    done = cli("check", open_page, "--original", feed, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    strict = server.serve("/strict.html", html, content_type="text/html; charset=utf-8",
                          headers={"Content-Security-Policy": "default-src 'self'"})
    done = cli("check", strict, "--original", feed, "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    failed = [f for f in as_json(done)["findings"] if f["ok"] is False]
    assert [f["rule"] for f in failed] == ["page-counter"]
    assert "default-src 'self'" in failed[0]["detail"] and "header" in failed[0]["detail"]
