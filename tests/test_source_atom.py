"""source.py on the recorded feed, on the hard shapes of author/name, and on unsafe or broken
XML (made in memory: the recorded files are never edited)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from syndication.conversation import (
    TC_RIGHTS,
    article_id_from_entry_id,
    article_id_from_url,
)
from syndication.errors import ParseError
from syndication.source import parse_author, parse_feed

from .conftest import ENV_FEED, ENV_ID, FR_FEED

URL = "https://theconversation.com/us/environment/articles.atom"


def test_recorded_feed_fields() -> None:
    feed = parse_feed(ENV_FEED.read_bytes(), URL)
    assert feed.feed_id == "tag:theconversation.com,2011:/us/environment/articles"
    assert feed.language == "en-US"
    assert feed.problems == ()
    (a,) = feed.articles
    assert a.article_id == ENV_ID
    assert a.url == (
        "https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-coasts"
        "-ecology-and-economy-263253"
    )
    assert a.title == (
        "How sea star wasting disease transformed the West Coast’s ecology and economy"
    )
    assert a.summary is not None and a.summary.startswith("The loss of one iconic species")
    assert a.published == a.updated == datetime(2025, 9, 26, 12, 30, 52, tzinfo=UTC)
    assert a.rights == TC_RIGHTS
    assert a.language == "en-US"
    assert a.source_url == URL
    assert a.content.startswith("<figure><img ")
    assert "count.gif" in a.content and a.content.rstrip().endswith("</p>")
    (author,) = a.authors
    assert author.name == "Rebecca Vega Thurber"
    assert author.role == (
        "Professor of Ecology Evolution and Marine Biology; Director of the Marine Science "
        "Institute"
    )
    assert author.institution == "University of California, Santa Barbara"
    assert author.profile_url == "https://theconversation.com/profiles/rebecca-vega-thurber-2430876"


def test_built_french_feed_has_two_entries_newest_first() -> None:
    feed = parse_feed(FR_FEED.read_bytes(), "https://theconversation.com/fr/articles.atom")
    assert [a.article_id for a in feed.articles] == [212649, 209538]
    assert [len(a.authors) for a in feed.articles] == [2, 1]
    assert feed.articles[1].authors[0].institution == "Université Paris 1 Panthéon-Sorbonne"
    assert feed.language == "fr-FR"


@pytest.mark.parametrize(
    ("raw", "name", "role", "institution"),
    [
        # the recorded shape: role with a semicolon, institution with a comma
        ("Rebecca Vega Thurber, Professor of Ecology Evolution and Marine Biology; Director of "
         "the Marine Science Institute, University of California, Santa Barbara",
         "Rebecca Vega Thurber",
         "Professor of Ecology Evolution and Marine Biology; Director of the Marine Science "
         "Institute", "University of California, Santa Barbara"),
        # the built French feed: a role holding commas before the institution
        ("Léa Beaumont, Doctorante en Géographie physique au Laboratoire de Géographie "
         "Physique, CNRS, Inrap, UPEC, Université Paris 1 Panthéon-Sorbonne",
         "Léa Beaumont",
         "Doctorante en Géographie physique au Laboratoire de Géographie Physique, CNRS, "
         "Inrap, UPEC", "Université Paris 1 Panthéon-Sorbonne"),
        ("Matthew T. Hughes, Postdoctoral Associate, Massachusetts Institute of Technology (MIT)",
         "Matthew T. Hughes", "Postdoctoral Associate",
         "Massachusetts Institute of Technology (MIT)"),
        # trailing spaces occur
        ("Luis Gascó , Text Mining Research Engineer (RE2), Barcelona Supercomputing Center  ",
         "Luis Gascó", "Text Mining Research Engineer (RE2)", "Barcelona Supercomputing Center"),
        ("Jane Doe, University of Melbourne", "Jane Doe", None, "University of Melbourne"),
        ("Jane Doe, Honorary Fellow", "Jane Doe", "Honorary Fellow", None),
        ("Jane Doe", "Jane Doe", None, None),
        # an institution without any institution word: the last part is still it
        ("Ana Silva, Lecturer, Monash", "Ana Silva", "Lecturer", "Monash"),
    ],
)
def test_author_split(raw: str, name: str, role: str | None, institution: str | None) -> None:
    author = parse_author(raw, "https://theconversation.com/profiles/x-1")
    assert (author.name, author.role, author.institution) == (name, role, institution)
    assert author.profile_url == "https://theconversation.com/profiles/x-1"


def test_ids() -> None:
    assert article_id_from_entry_id("tag:theconversation.com,2011:article/263253") == 263253
    assert article_id_from_entry_id("tag:theconversation.com,2011:/us/articles") is None
    assert article_id_from_url("https://theconversation.com/some-slug-263253") == 263253
    assert article_id_from_url("https://theconversation.com/some-slug-263253?x=1#y") == 263253
    assert article_id_from_url("https://theconversation.com/us") is None


def test_same_article_twice_in_one_feed_is_kept_once() -> None:
    data = ENV_FEED.read_bytes()
    start, end = data.index(b"<entry>"), data.index(b"</entry>") + len(b"</entry>")
    doubled = data[:end] + data[start:end] + data[end:]
    feed = parse_feed(doubled, URL)
    assert [a.article_id for a in feed.articles] == [ENV_ID]


def test_a_bad_entry_is_skipped_and_named() -> None:
    data = ENV_FEED.read_bytes()
    start, end = data.index(b"<entry>"), data.index(b"</entry>") + len(b"</entry>")
    broken = b"<entry><id>tag:theconversation.com,2011:article/1</id><title>t</title></entry>"
    feed = parse_feed(data[:start] + broken + data[start:], URL)
    assert [a.article_id for a in feed.articles] == [ENV_ID]
    assert len(feed.problems) == 1 and "entry 1" in feed.problems[0]
    assert "article 1" in feed.problems[0]
    del end


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 "
         b"'&lol;&lol;&lol;&lol;'>]><feed xmlns='http://www.w3.org/2005/Atom'>&lol2;</feed>",
         "refused unsafe XML"),
        (b"<?xml version='1.0'?><!DOCTYPE feed [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
         b"<feed xmlns='http://www.w3.org/2005/Atom'><title>&xxe;</title></feed>",
         "refused unsafe XML"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "not well-formed"),
        (b"<rss version='2.0'><channel/></rss>", "not an Atom feed"),
        (b"", "not well-formed"),
    ],
)
def test_unsafe_or_broken_xml_is_refused_with_the_url(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(data, URL)
    assert message in str(info.value)
    assert info.value.url == URL
