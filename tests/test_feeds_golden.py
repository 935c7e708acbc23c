"""Golden files and parse-back: the feeds and index page written for the shipped samples with a
fixed clock are byte-for-byte the files in tests/data/golden (regenerate: ``python -m
tests.golden``), and read back by feedparser (Atom, RSS) and json (JSON Feed) they mean what
docs/feeds.md#what-our-feeds-carry says: ids from N, newest first, the licence per entry, every
author with institution, and the attribution line in every entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest

from syndication.conversation import TC_HOME, TC_RIGHTS
from syndication.models import LICENCE_URL
from syndication.republish import ATTRIBUTION_CLASS

from .golden import FILES, GOLDEN, build

# The demo's "all" feed, newest first (published): US environment, then the two French ones.
ORDER = (263253, 212649, 209538)
AUTHORS = {
    263253: ["Rebecca Vega Thurber (University of California, Santa Barbara)"],
    212649: ["Srinivas Garimella (Georgia Institute of Technology)",
             "Matthew T. Hughes (Massachusetts Institute of Technology (MIT))"],
    209538: ["Léa Beaumont (Université Paris 1 Panthéon-Sorbonne)"],
}
ATTRIBUTION_WORDS = {  # the start of the attribution line in the article's language
    263253: "This article is republished from The Conversation",
    212649: "Cet article est republié à partir de The Conversation",
    209538: "Cet article est republié à partir de The Conversation",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("golden")
    report = build(tmp / "out", tmp / "state.sqlite3")
    assert report.ok, report
    return tmp / "out"


@pytest.mark.parametrize("name", FILES)
def test_output_is_the_golden_file(written: Path, name: str) -> None:
    expected = (GOLDEN / name).read_bytes()
    actual = (written / name).read_bytes()
    assert actual == expected, (
        f"{name} differs from tests/data/golden/{name}; if the change is deliberate, "
        "regenerate with `python -m tests.golden` and review the diff"
    )


def _n(entry_id: str) -> int:
    prefix = "tag:theconversation.com,2011:article/"
    assert entry_id.startswith(prefix), entry_id
    return int(entry_id.removeprefix(prefix))


def _check_attribution(n: int, html: str, original: str) -> None:
    """The entry's content ends with the attribution line: The Conversation, the original
    and the licence deed linked (docs/compliance.md#rule-source-link, #rule-licence-notice)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    lines = root.find_class(ATTRIBUTION_CLASS)
    assert len(lines) == 1, f"article {n}: {len(lines)} attribution lines"
    line = lines[0]
    assert line.text_content().startswith(ATTRIBUTION_WORDS[n])
    hrefs = {a.get("href") for a in line.iter("a")}
    assert {TC_HOME, original, LICENCE_URL} <= hrefs
    # nothing after it: the credit closes the entry
    assert line.getnext() is None


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_xml_feeds_parse_back(fmt: str) -> None:
    parsed = feedparser.parse((GOLDEN / f"all.{fmt}").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == {"atom": "atom10", "rss": "rss20"}[fmt]
    feed = parsed.feed
    self_links = [ln.href for ln in feed.links if ln.rel == "self"]
    assert self_links == [f"http://localhost:8000/all.{fmt}"]
    assert "The Conversation" in feed.subtitle
    assert feed.language == "fr-FR"  # two of the three entries are French
    if fmt == "atom":
        assert feed.icon == "http://localhost:8000/icon.png"
        assert feed.logo == "http://localhost:8000/logo.png"
        assert feed.updated == "2025-09-26T12:30:52+00:00"  # the newest entry's, not now
    else:
        assert feed.image.href == "http://localhost:8000/icon.png"
        assert feed.updated == "Fri, 26 Sep 2025 12:30:52 +0000"

    assert [_n(e.id) for e in parsed.entries] == list(ORDER)
    for e in parsed.entries:
        n = _n(e.id)
        assert e.link.startswith("https://theconversation.com/") and e.link.endswith(f"-{n}")
        assert [a.name for a in e.authors] == AUTHORS[n]
        assert e.license == LICENCE_URL  # Atom rel="license" link / creativeCommons:license
        assert e.rights == TC_RIGHTS  # Atom <rights> / dc:rights
        content = e.content[0].value
        _check_attribution(n, content, e.link)
        if fmt == "atom":
            assert [ln.href for ln in e.links if ln.rel == "license"] == [LICENCE_URL]
            assert all(a.href.startswith("https://theconversation.com/profiles/")
                       for a in e.authors)


def test_json_feed_parses_back() -> None:
    doc: dict[str, Any] = json.loads((GOLDEN / "all.json").read_bytes())
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["feed_url"] == "http://localhost:8000/all.json"
    assert doc["home_page_url"] == "http://localhost:8000/"
    assert doc["icon"] == "http://localhost:8000/icon.png"
    assert "The Conversation" in doc["description"]
    assert doc["language"] == "fr-FR"
    items = doc["items"]
    assert [_n(i["id"]) for i in items] == list(ORDER)
    for item in items:
        n = _n(item["id"])
        assert [a["name"] for a in item["authors"]] == AUTHORS[n]
        assert item["_license"]["url"] == LICENCE_URL
        assert item["_license"]["rights"] == TC_RIGHTS
        assert item["_license"]["about"].startswith("https://")
        assert item["date_published"].endswith("+00:00")
        _check_attribution(n, item["content_html"], item["url"])
    # the English entry in a French feed says so; the French ones inherit the feed's language
    assert [i.get("language") for i in items] == ["en-US", None, None]


def test_ids_are_the_same_in_every_format() -> None:
    atom = [e.id for e in feedparser.parse((GOLDEN / "all.atom").read_bytes()).entries]
    rss = [e.id for e in feedparser.parse((GOLDEN / "all.rss").read_bytes()).entries]
    js = [i["id"] for i in json.loads((GOLDEN / "all.json").read_bytes())["items"]]
    assert atom == rss == js
    assert len(set(atom)) == len(atom)
