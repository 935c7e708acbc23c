"""The one host parser (syndication.urls) and the one UTC timestamp form (syndication.utc)
that the fetcher, the config, the checker, the store and the status report share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import syndication
from syndication import utc
from syndication.conversation import is_tc_url
from syndication.urls import full_origin, host_of, is_web_url, joined, origin_of, schemeless_url

from .conftest import ConfigFactory


@pytest.mark.parametrize(("url", "host"), [
    ("https://TheConversation.com/us", "theconversation.com"),
    ("https://theconversation.com./x-1", "theconversation.com"),  # a fully qualified name
    (" https://example.org:8080/a ", "example.org"),
    ("http://[::1]:8000/", "::1"),
    ("http://[bad", ""),  # malformed: no host, no exception
    ("/relative/path", ""),
    ("mailto:someone@example.org", ""),
])
def test_host_of(url: str, host: str) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(("url", "web"), [
    ("https://example.org/a", True),
    (" HTTP://Example.org:8080/a ", True),
    ("http://[::1]:8000/", True),
    ("http://[bad/a", False),  # brackets not closed: urlsplit raises
    ("https://example.org:99999/", False),  # port out of range: .port raises
    ("https://example.org:x/", False),
    ("https:///path-only", False),
    ("ftp://example.org/a", False),
    ("example.org/a", False),
    ("", False),
])
def test_is_web_url_never_raises(url: str, web: bool) -> None:
    assert is_web_url(url) is web


def test_joined_reads_a_link_against_its_base_or_says_it_cannot() -> None:
    assert joined("https://example.org/a/b", " ../c ") == "https://example.org/c"
    assert joined("https://example.org/a/b", "//[bad/c") is None
    assert joined("http://[bad/", "/c") is None


@pytest.mark.parametrize(("where", "url"), [
    ("www.example.org/2025/10/story", "https://www.example.org/2025/10/story"),
    ("news.example.org", "https://news.example.org"),
    ("news.example.org:8080/x?a=1", "https://news.example.org:8080/x?a=1"),
    (" theconversation.com/fr/x-212649 ", "https://theconversation.com/fr/x-212649"),
    ("page.html", None), ("sitemap.xml", None), ("story.php", None), ("notes.md", None),
    ("saved/page.html", None), ("./www.example.org", None), ("1.2.3.4/x", None),
    ("a b.org", None), ("localhost/x", None), ("https://example.org/", None),
])
def test_a_web_address_typed_without_its_scheme(where: str, url: str | None) -> None:
    assert schemeless_url(where) == url


def test_origins_keep_or_fill_the_port() -> None:
    assert origin_of("HTTPS://Example.org/robots.txt") == "https://example.org"
    assert origin_of("http://example.org:8080/x") == "http://example.org:8080"
    assert full_origin("https://example.org/x") == "https://example.org:443"
    assert full_origin("http://example.org/x") == "http://example.org:80"
    assert full_origin("http://example.org:99999/x") == ""
    assert origin_of("http://example.org:99999/x") == origin_of("http://[bad/") == ""


def test_the_config_and_the_checker_read_hosts_alike(make_config: ConfigFactory) -> None:
    config = make_config({"env": ["https://TheConversation.com./us/environment/articles.atom"]})
    assert config.allowed_hosts == {"theconversation.com"}
    assert is_tc_url("https://TheConversation.com./us")
    assert not is_tc_url("https://theconversation.com.evil.example/us")


def test_timestamps_are_utc_to_the_second_with_z() -> None:
    paris = timezone(timedelta(hours=1))
    value = datetime(2025, 9, 26, 13, 30, 52, 999_999, tzinfo=paris)
    assert utc.timestamp(value) == "2025-09-26T12:30:52Z"
    assert utc.parse("2025-09-26T12:30:52Z") == datetime(2025, 9, 26, 12, 30, 52, tzinfo=UTC)
    assert utc.parse(utc.timestamp(value)).tzinfo is UTC
    assert utc.now().tzinfo is UTC


# Where urlsplit may be called directly: the one home of URL parts, and the three that split
# only URLs they made or checked (safetext's vetting catches its ValueError; the fetcher's
# URLs passed is_web_url and its host list; serve's is the local server's request path).
_SPLITS_URLS_ITSELF = {"urls.py", "safetext.py", "fetch.py", "serve.py"}


def test_a_page_or_a_feed_has_its_urls_split_through_urls_alone() -> None:
    # urlsplit raises ValueError on a link no browser follows ("http://[oops/"): called
    # directly on a page's hrefs, it ended `syndication check` in a traceback (urls.url_parts)
    package = Path(syndication.__file__).parent
    direct = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                    if p.name not in _SPLITS_URLS_ITSELF and "urlsplit(" in p.read_text())
    assert direct == []
