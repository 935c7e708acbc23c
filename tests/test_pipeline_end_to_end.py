"""The whole pipeline through the loopback server and a real SQLite file: what the issue's
"Done when" asks of `syndication run`, asserted on the feeds it writes."""

from __future__ import annotations

import sqlite3

import feedparser
from bs4 import BeautifulSoup

from syndication.models import LICENCE_URL, Outcome
from syndication.pipeline import run
from syndication.publish import entry_id

from .conftest import ENV_FEED, ENV_ID, FR_FEED, ConfigFactory
from .server import LoopbackServer


def _texts(html: str) -> list[str]:
    tree = BeautifulSoup(html, "lxml")
    for el in tree.select("figure, .tc-byline, .tc-attribution"):
        el.decompose()
    return [" ".join(p.get_text().split()) for p in tree.find_all(["p", "h2", "li"])
            if p.get_text().strip()]


def test_run_writes_compliant_atom_and_rss(server: LoopbackServer,
                                           make_config: ConfigFactory) -> None:
    url = server.serve("/us/environment/articles.atom", ENV_FEED)
    config = make_config({"environment": [url]})
    report = run(config)
    assert report.ok
    assert [a.outcome for a in report.articles] == [Outcome.PUBLISHED]
    out = config.site.output_dir
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse((out / f"environment.{fmt}").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert len(parsed.entries) == 1
        entry = parsed.entries[0]
        assert entry.id == entry_id(ENV_ID)
        html = entry.content[0].value
        tree = BeautifulSoup(html, "lxml")
        byline = tree.find("p")
        assert "tc-byline" in byline["class"] and "Rebecca Vega Thurber" in byline.get_text()
        counters = [i["src"] for i in tree.find_all("img") if "count.gif" in i["src"]]
        assert counters == [f"https://counter.theconversation.com/content/{ENV_ID}/count.gif"]
        attribution = tree.find_all("p")[-1]
        assert attribution.get_text().startswith("This article is republished from")
        assert LICENCE_URL in [a["href"] for a in attribution.find_all("a")]
        assert "Getty" not in html and "Shutterstock" not in html and "AP Photo" not in html
        # body text identical to the source's (independent oracle: BeautifulSoup)
        source = feedparser.parse(ENV_FEED.read_bytes()).entries[0].content[0].value
        assert _texts(html) == _texts(source)
    atom = feedparser.parse((out / "environment.atom").read_bytes()).entries[0]
    assert {"rel": "license", "href": LICENCE_URL, "type": "text/html"} in [
        dict(link) for link in atom.links
    ]
    rss = (out / "environment.rss").read_text(encoding="utf-8")
    assert f"<creativeCommons:license>{LICENCE_URL}</creativeCommons:license>" in rss
    # the request carried our User-Agent
    (request,) = server.requests_to("/us/environment/articles.atom")
    assert request.headers["user-agent"] == "syndication-tests/0.1 (+https://example.org/contact)"


def test_second_run_with_nothing_new_changes_no_file(server: LoopbackServer,
                                                     make_config: ConfigFactory) -> None:
    url = server.serve("/env.atom", ENV_FEED)
    config = make_config({"environment": [url]})
    first = run(config)
    files = sorted(config.site.output_dir.iterdir())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    second = run(config)
    assert second.ok and second.feeds_written == ()
    assert all(s.not_modified for s in second.sources)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    # three formats, the two images and index.html
    assert len(first.feeds_written) == 6
    # the second request was conditional and answered 304
    assert "if-none-match" in server.requests_to("/env.atom")[1].headers


def test_same_article_from_two_sources_is_published_once(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    a = server.serve("/us/environment/articles.atom", ENV_FEED)
    b = server.serve("/topics/sea-stars-1/articles.atom", ENV_FEED)
    c = server.serve("/fr/sciences/articles.atom", FR_FEED)  # a section: a selection
    config = make_config({"one": [a, b], "two": [b, c]})
    report = run(config)
    assert report.ok
    assert sorted(r.article_id for r in report.articles) == [209538, 212649, ENV_ID]
    one = feedparser.parse((config.site.output_dir / "one.atom").read_bytes())
    two = feedparser.parse((config.site.output_dir / "two.atom").read_bytes())
    assert [e.id for e in one.entries] == [entry_id(ENV_ID)]
    # newest first by published date: 263253 (2025), 212649, 209538 (2023)
    assert [e.id for e in two.entries] == [entry_id(n) for n in (ENV_ID, 212649, 209538)]


def test_max_entries_caps_the_feed(server: LoopbackServer, make_config: ConfigFactory) -> None:
    url = server.serve("/fr.atom", FR_FEED)
    config = make_config({"fr": [url]}, max_entries=1)
    run(config)
    parsed = feedparser.parse((config.site.output_dir / "fr.rss").read_bytes())
    assert [e.id for e in parsed.entries] == [entry_id(212649)]


def test_refused_article_is_not_published_and_the_reason_is_kept(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    # The same feed without its licence statement: `licence` must refuse the article.
    data = ENV_FEED.read_bytes()
    unlicensed = data.replace(
        "<rights>Licensed as Creative Commons – attribution, no derivatives.</rights>".encode(),
        b"<rights>All rights reserved.</rights>",
    )
    assert unlicensed != data
    url = server.serve("/env.atom", unlicensed)
    config = make_config({"environment": [url]})
    report = run(config)
    assert not report.ok
    (article,) = report.articles
    assert article.outcome is Outcome.REFUSED and article.failed_rules == ("licence",)
    atom = (config.site.output_dir / "environment.atom").read_bytes()
    assert feedparser.parse(atom).entries == []
    with sqlite3.connect(config.site.state_file) as db:
        status, reason = db.execute(
            "SELECT status, reason FROM articles WHERE article_id = ?", (ENV_ID,)
        ).fetchone()
    assert status == "refused" and reason.startswith("licence: ")


def test_a_failing_source_keeps_what_was_published(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    good = server.serve("/env.atom", ENV_FEED)
    config = make_config({"environment": [good]})
    run(config)
    server.serve("/env.atom", b"<feed", etag=False)  # now broken
    report = run(config)
    assert not report.ok
    (source,) = report.sources
    assert not source.ok and "not well-formed" in source.error
    parsed = feedparser.parse((config.site.output_dir / "environment.atom").read_bytes())
    assert [e.id for e in parsed.entries] == [entry_id(ENV_ID)]


def test_a_host_not_in_the_config_is_never_contacted(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    def redirect(h: object) -> None:
        from http.server import BaseHTTPRequestHandler

        assert isinstance(h, BaseHTTPRequestHandler)
        h.send_response(302)
        h.send_header("Location", "http://localhost:9/elsewhere.atom")
        h.send_header("Content-Length", "0")
        h.end_headers()

    from .server import Reply

    server.routes["/env.atom"] = Reply(handler=redirect)
    config = make_config({"environment": [server.url("/env.atom")]})
    report = run(config)
    (source,) = report.sources
    assert not source.ok and "not a host named in the configuration" in source.error
