"""publish.render in detail, on entries built from the recorded samples: categories, the
credit in every subtitle, configured icon and logo, languages, empty feeds, deterministic
JSON; the [site] icon/logo settings; the shipped images."""

from __future__ import annotations

import json
import struct
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from syndication import publish
from syndication.config import Config, FeedConfig, SiteConfig
from syndication.errors import ConfigError
from syndication.models import Article, FeedEntry
from syndication.output import FORMATS, shipped_assets
from syndication.publish import EPOCH, ICON_SIZE, feed_language, render, subtitle
from syndication.republish import republish

from .conftest import ConfigFactory
from .feedlint import lint
from .tools.make_icons import icons

SITE = SiteConfig(title="Test publisher", base_url="https://example.org/feeds/",
                  output_dir=Path("out"), state_file=Path("state.sqlite3"))
FEED = FeedConfig(name="mixed", title="Mixed", sources=("https://x.org/a.atom",),
                  max_entries=50, description="Mixed: articles from The Conversation")


def _entry(article: Article, **changes: object) -> FeedEntry:
    entry = FeedEntry(
        article_id=article.article_id, url=article.url, title=article.title,
        summary=article.summary, published=article.published, updated=article.updated,
        authors=article.authors, categories=article.categories, language=article.language,
        rights=article.rights, html=republish(article).html,
    )
    return entry._replace(**changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def entries(env_article: Article, fr_articles: tuple[Article, ...]) -> tuple[FeedEntry, ...]:
    return (_entry(env_article, categories=("Oceans", "Sea stars")),
            *(_entry(a) for a in fr_articles))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_is_valid_and_carries_categories(
    entries: tuple[FeedEntry, ...], fmt: str
) -> None:
    data = render(fmt, SITE, FEED, entries)
    assert lint(data, fmt) == []
    if fmt == "json":
        items = json.loads(data)["items"]
        assert items[0]["tags"] == ["Oceans", "Sea stars"]
        assert "tags" not in items[1]  # no category known: none written
    else:
        parsed = feedparser.parse(data)
        assert [t.term for t in parsed.entries[0].tags] == ["Oceans", "Sea stars"]
        assert "tags" not in parsed.entries[1]


def test_json_feed_is_deterministic_and_sorted(entries: tuple[FeedEntry, ...]) -> None:
    data = render("json", SITE, FEED, entries)
    assert data == render("json", SITE, FEED, entries)
    assert data.endswith(b"\n")
    doc = json.loads(data)
    assert list(doc) == sorted(doc)
    assert list(doc["items"][0]) == sorted(doc["items"][0])
    assert "Léa Beaumont" in data.decode("utf-8")  # UTF-8, not \u escapes
    assert data == (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2,
                               separators=(",", ": ")) + "\n").encode()


@pytest.mark.parametrize("html", [
    "", '<p class="a">\\"quoted\\"</p>\n\r\t', "<p>\x01 \x1f a control</p>",
    "<p>\u2028 \u00e9t\u00e9 \U0001f600 \x7f</p>", '"\uffff"', "\uffff", "\\u0000"])
@pytest.mark.parametrize("title", ["Mixed", "\"\uffff\""])
def test_json_feed_writes_each_html_as_json_writes_it(
        entries: tuple[FeedEntry, ...], html: str, title: str) -> None:
    # render_json writes the items' HTML in after the rest (_spliced): the same bytes as
    # json.dumps of the whole document, whatever the HTML or a configured title holds
    tricky = tuple(_entry_html(e, html if k else html + "<p>second</p>")
                   for k, e in enumerate(entries))
    data = render("json", SITE, replace(FEED, title=title), tricky)
    doc = json.loads(data)
    assert [item["content_html"] for item in doc["items"]] == [e.html for e in tricky]
    assert doc["title"] == title
    assert data == (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2,
                               separators=(",", ": ")) + "\n").encode()


# Every character lxml takes in a text (its C0 controls but tab, LF and CR, U+FFFE, U+FFFF
# and the surrogates, which have no UTF-8, are refused) but the mark render writes in its
# place, U+FDD0 (tried alone below).
_XML_TEXT = "".join(chr(c) for c in (0x09, 0x0A, 0x0D, *range(0x20, 0xD800),
                                     *range(0xE000, 0xFFFE), *range(0x10000, 0x110000, 61),
                                     0x10FFFF) if c != 0xFDD0)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("html", [
    "", '<p class="a">&amp; \\"quoted\\" ]]> &#13;</p>\n\r\t\r\n', "\ufdd0", _XML_TEXT,
    "<p>\u2028 \u00e9t\u00e9 \U0001f600 \x7f \x85</p>"])
@pytest.mark.parametrize("title", ["Mixed", "\ufdd0 Mixed"])
def test_atom_and_rss_write_each_html_as_lxml_writes_it(
        entries: tuple[FeedEntry, ...], fmt: str, html: str, title: str) -> None:
    # render writes the entries' HTML in after the rest (publish._xml_spliced): the same
    # bytes as feedgen and lxml writing the whole document, whatever the HTML or a
    # configured title holds
    tricky = tuple(_entry_html(e, html if k else html + "<p>second</p>")
                   for k, e in enumerate(entries))
    feed = replace(FEED, title=title)
    data = render(fmt, SITE, feed, tricky)
    assert data == publish._xml(fmt, SITE, feed, tricky, EPOCH)
    assert lint(data, fmt) == []
    spliced = publish._xml_spliced(fmt, SITE, feed, tricky, EPOCH)
    # written by lxml alone only when the title holds the mark too (in the HTML, it is
    # written in after the marks were found)
    assert (spliced is None) == ("\ufdd0" in title)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("html", ["<p>\x01</p>", "\x1f", "<p>\ufffe</p>", "\uffff", "\ud800"])
def test_atom_and_rss_refuse_what_lxml_refuses(
        entries: tuple[FeedEntry, ...], fmt: str, html: str) -> None:
    tricky = (_entry_html(entries[0], "<p>fine</p>"), _entry_html(entries[1], html))
    with pytest.raises(ValueError):
        render(fmt, SITE, FEED, tricky)


def _entry_html(entry: FeedEntry, html: str) -> FeedEntry:
    return entry._replace(html=html)


def test_the_subtitle_always_credits_the_conversation() -> None:
    assert subtitle(FEED) == FEED.description
    own = replace(FEED, description="Our pick of ocean science.")
    credited = subtitle(own)
    assert credited.startswith("Our pick of ocean science. ")
    assert "The Conversation (https://theconversation.com)" in credited
    assert "CC BY-ND 4.0" in credited
    for fmt in ("atom", "rss"):
        assert feedparser.parse(render(fmt, SITE, own, ())).feed.subtitle == credited
    assert json.loads(render("json", SITE, own, ()))["description"] == credited


def test_language_comes_from_the_entries_unless_configured(
    entries: tuple[FeedEntry, ...]
) -> None:
    assert feed_language(FEED, entries) == "fr-FR"  # two French, one English
    assert feed_language(FEED, entries[:1]) == "en-US"
    assert feed_language(FEED, (entries[0], entries[1])) == "en-US"  # a tie: the newest
    assert feed_language(FEED, ()) == "en"
    assert feed_language(replace(FEED, language="fr"), entries[:1]) == "fr"
    atom = render("atom", SITE, FEED, entries).decode()
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr-FR">' in atom
    assert atom.count('<entry xml:lang="en-US">') == 1 and atom.count("<entry>") == 2
    rss = render("rss", SITE, FEED, entries).decode()
    assert "<language>fr-FR</language>" in rss
    assert rss.count("<dc:language>en-US</dc:language>") == 1


def test_icon_and_logo_default_to_the_shipped_images() -> None:
    atom = feedparser.parse(render("atom", SITE, FEED, ()))
    assert atom.feed.icon == "https://example.org/feeds/icon.png"
    assert atom.feed.logo == "https://example.org/feeds/logo.png"
    rss = feedparser.parse(render("rss", SITE, FEED, ()))
    assert rss.feed.image.href == "https://example.org/feeds/icon.png"
    assert (rss.feed.image.width, rss.feed.image.height) == (ICON_SIZE, ICON_SIZE)
    assert rss.feed.image.link == SITE.base_url  # RSS: the image links the channel's link
    doc = json.loads(render("json", SITE, FEED, ()))
    assert doc["icon"] == doc["favicon"] == "https://example.org/feeds/icon.png"
    assert set(shipped_assets(SITE)) == {"icon.png", "logo.png"}


def test_configured_icon_and_logo_replace_the_shipped_ones() -> None:
    site = replace(SITE, icon="https://cdn.example.org/i.png", logo="https://cdn.example.org/l.png")
    atom = feedparser.parse(render("atom", site, FEED, ()))
    assert (atom.feed.icon, atom.feed.logo) == ("https://cdn.example.org/i.png",
                                                "https://cdn.example.org/l.png")
    assert feedparser.parse(render("rss", site, FEED, ())).feed.image.href == (
        "https://cdn.example.org/i.png")
    assert json.loads(render("json", site, FEED, ()))["icon"] == "https://cdn.example.org/i.png"
    assert shipped_assets(site) == {}
    assert set(shipped_assets(replace(SITE, logo="https://cdn.example.org/l.png"))) == {
        "icon.png"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_empty_feed_is_valid_and_dated_never_now(fmt: str) -> None:
    data = render(fmt, SITE, FEED, ())
    assert lint(data, fmt) == []
    assert data == render(fmt, SITE, FEED, ())
    if fmt == "atom":
        assert f"<updated>{EPOCH.isoformat()}</updated>".encode() in data


def test_the_feed_updated_is_the_newest_entry_updated(entries: tuple[FeedEntry, ...]) -> None:
    later = entries[2]._replace(updated=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    parsed = feedparser.parse(render("atom", SITE, FEED, (*entries[:2], later)))
    assert parsed.feed.updated == "2026-01-02T03:04:05+00:00"


def test_an_unknown_format_is_refused(entries: tuple[FeedEntry, ...]) -> None:
    with pytest.raises(ValueError, match="unknown feed format 'xml'"):
        render("xml", SITE, FEED, entries)


# --- [site] icon and logo in config.toml ------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("https://cdn.example.org/icon.png", "https://cdn.example.org/icon.png"),
    ("images/icon.png", "https://example.org/feeds/images/icon.png"),  # under base_url
    ("/static/icon.png", "https://example.org/static/icon.png"),
])
def test_site_icon_and_logo_are_urls(make_config: ConfigFactory, value: str,
                                     expected: str) -> None:
    config: Config = make_config({"a": ["https://theconversation.com/us/articles.atom"]},
                                 site_extra=f'icon = "{value}"\nlogo = "{value}"\n')
    assert config.site.icon == config.site.logo == expected


def test_site_icon_and_logo_default_to_none(make_config: ConfigFactory) -> None:
    config = make_config({"a": ["https://theconversation.com/us/articles.atom"]})
    assert config.site.icon is None and config.site.logo is None


@pytest.mark.parametrize(("line", "message"), [
    ('icon = "javascript:alert(1)"', "site.icon: must be an http(s) URL"),
    ('logo = "data:image/png;base64,AAAA"', "site.logo: must be an http(s) URL"),
    ('icon = "ftp://example.org/i.png"', "site.icon: must be an http(s) URL"),
    ('icon = ""', "site.icon: must not be empty"),
    ("logo = 3", "site.logo: must be a string"),
])
def test_bad_icon_or_logo_is_refused_by_name(make_config: ConfigFactory, line: str,
                                             message: str) -> None:
    with pytest.raises(ConfigError, match="config.toml: " + message.replace("(", r"\(")
                       .replace(")", r"\)")):
        make_config({"a": ["https://theconversation.com/us/articles.atom"]},
                    site_extra=line + "\n")


# --- the shipped images -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "size"), [("icon.png", (144, 144)), ("logo.png", (288, 144))])
def test_shipped_images_are_what_the_tool_draws(name: str, size: tuple[int, int]) -> None:
    shipped = shipped_assets(SITE)[name]
    assert shipped == icons()[name], (
        f"syndication/static/{name} differs from what tests/tools/make_icons.py draws")
    assert shipped[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", shipped[16:24]) == size
