"""Years under cron, hostile sources (ninth round, `syndication run`): what one source, one
entry and one refused article may cost every later run, the state file and every feed
reader. Sources as the loopback server serves them and real SQLite files; hostile variants
of the recorded entry built in memory (its words are never edited: fields are replaced or
added whole)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from syndication import source
from syndication.models import Finding, Outcome
from syndication.safetext import LINE_MAX
from syndication.source import parse_feed
from syndication.status import render_status
from syndication.store import SCHEMA_VERSION, Store

from .harness import ENV, ENV_ID, ENV_PATH, Site, assert_nothing_unverified, drive
from .harness import split_feed as split
from .server import Reply

URL = "https://theconversation.com/us/environment/articles.atom"
NOW = datetime(2025, 10, 1, tzinfo=UTC)  # a few days after the recorded feed
HEAD, (ENTRY,), TAIL = split(ENV)
RIGHTS = b"<rights>Licensed as Creative Commons \xe2\x80\x93 attribution, no derivatives.</rights>"
NAME = b"<name>Rebecca Vega Thurber,"
assert ENTRY.count(RIGHTS) == 1 and ENTRY.count(NAME) == 1


def feed(*entries: bytes) -> bytes:
    return HEAD + b"".join(entries) + TAIL


def other(n: int) -> bytes:
    """The recorded entry under another article id (its link and counter follow)."""
    return ENTRY.replace(str(ENV_ID).encode(), str(n).encode())


def author(k: int, name_words: int = 2) -> bytes:
    name = " ".join(["Vega"] * name_words)
    return (f"<author><name>Rebecca {name} T{k}, Professor, University of California, "
            f"Santa Barbara</name></author>").encode()


def authors(entry: bytes, count: int, name_words: int = 2) -> bytes:
    return re.sub(rb"<author>.*?</author>", lambda m: b"".join(
        author(k, name_words) for k in range(count)), entry, count=1, flags=re.S)


def categories(entry: bytes, labels: list[str]) -> bytes:
    cats = "".join(f'<category term="{label}"/>' for label in labels).encode()
    return entry.replace(RIGHTS, cats + RIGHTS)


# --- fields that reach every feed reader: bounded, never cut ------------------------------

# Each field replaced whole by a value over its bound (the article refused at parse time)
# and by one at its bound (kept exactly as sent).
def _field(name: str, length: int) -> bytes:
    filler = ("Sea star " * (length // 9 + 1))[:length]
    if name == "title":
        return re.sub(rb"<title>.*?</title>", f"<title>{filler}</title>".encode(), ENTRY)
    if name == "summary":
        return re.sub(rb"<summary>.*?</summary>", f"<summary>{filler}</summary>".encode(),
                      ENTRY)
    if name == "rights":
        return ENTRY.replace(RIGHTS, f"<rights>{filler}</rights>".encode())
    if name == "author-name":  # the whole credit "Name, Role, Institution"
        credit = "Rebecca " + ("Vega " * length)[:length - 8]
        return re.sub(rb"<name>.*?</name>", f"<name>{credit}</name>".encode(), ENTRY, count=1)
    if name == "profile":
        base = "https://theconversation.com/profiles/rebecca-vega-thurber-2430876?"
        url = base + "x" * (length - len(base))
        return ENTRY.replace(b"https://theconversation.com/profiles/rebecca-vega-thurber-2430876",
                             url.encode())
    if name == "link":
        old = re.search(rb'href="(https://theconversation.com/[^"]*)"', ENTRY)
        assert old is not None
        slug = "-".join(["sea-star"] * length)
        url = f"https://theconversation.com/{slug}"[:length - len(f"-{ENV_ID}")] + f"-{ENV_ID}"
        return ENTRY.replace(old.group(1), url.encode())
    if name == "language":
        return ENTRY.replace(b"<entry>", f'<entry xml:lang="en-{"x" * (length - 3)}">'.encode(), 1)
    if name == "content":  # paragraphs of the article repeated: more of its own HTML
        start = ENTRY.index(b'<content type="html">') + len(b'<content type="html">')
        end = ENTRY.index(b"</content>")
        text = ENTRY[start:end]
        unescaped = len(text.replace(b"&lt;", b"<").replace(b"&gt;", b">")
                        .replace(b"&amp;", b"&").replace(b"&quot;", b'"').decode())
        times = max(1, length // unescaped)
        return ENTRY[:start] + text * times + ENTRY[end:]
    raise AssertionError(name)


BOUNDS = {"title": source.MAX_TITLE, "summary": source.MAX_SUMMARY,
          "rights": source.MAX_RIGHTS, "author-name": source.MAX_CREDIT,
          "profile": source.MAX_URL, "link": source.MAX_URL,
          "language": source.MAX_LANGUAGE, "content": source.MAX_CONTENT}
SAID = {"title": "<title>", "summary": "<summary>", "rights": "<rights>",
        "author-name": "<author> <name>", "profile": "<author>'s profile", "link": "<link>",
        "language": "xml:lang", "content": "<content>"}


@pytest.mark.parametrize("name", list(BOUNDS))
def test_a_field_past_its_bound_refuses_the_entry_and_the_others_parse(name: str) -> None:
    """A 300 KB author name (or title, summary, rights, link, profile link, language tag,
    or a 1 MB article) reached every feed three times over, the index page and the state
    file: ~12 times its size for one entry. None of them is ours to cut (CC BY-ND; a
    credit left out is no credit), so the entry is refused in one line saying which field
    and how long; the other entries of the source are read."""
    bound = BOUNDS[name]
    data = feed(_field(name, bound * (2 if name == "content" else 3)), other(1001))
    parsed = parse_feed(data, URL, now=NOW)
    assert [a.article_id for a in parsed.articles] == [1001]
    (problem,) = parsed.problems
    assert problem.startswith(f"entry 1: article {ENV_ID}: {SAID[name]} is ")
    assert f"(at most {bound:,}): refused" in problem and len(problem) < 200


@pytest.mark.parametrize("name", list(BOUNDS))
def test_a_field_at_its_bound_is_kept_as_sent(name: str) -> None:
    """The guard: up to its bound, a field is read whole and unaltered."""
    data = feed(_field(name, BOUNDS[name]))
    (article,) = parse_feed(data, URL, now=NOW).articles
    value = {"title": article.title, "summary": article.summary, "rights": article.rights,
             "profile": article.authors[0].profile_url, "link": article.url,
             "language": article.language, "content": article.content,
             "author-name": ", ".join(x for x in (article.authors[0].name, article.authors[0].role,
                                                  article.authors[0].institution) if x)}[name]
    assert value is not None and len(value) <= BOUNDS[name]
    if name != "content":
        assert len(value) >= BOUNDS[name] * 0.9
    assert parse_feed(data, URL, now=NOW).problems == ()


def test_more_authors_than_the_bound_refuse_the_entry_never_a_credit_left_out() -> None:
    many = authors(ENTRY, source.MAX_AUTHORS + 1)
    parsed = parse_feed(feed(many), URL, now=NOW)
    assert parsed.articles == ()
    assert "51 authors (at most 50): refused, as no credit may be left out" in parsed.problems[0]
    (article,) = parse_feed(feed(authors(ENTRY, source.MAX_AUTHORS)), URL, now=NOW).articles
    assert len(article.authors) == source.MAX_AUTHORS  # every credit, as sent


def test_categories_past_their_bounds_are_left_out_and_said() -> None:
    """Categories are the source's topic labels, not the article's text: 1,000 labels of
    300 characters made 350 KB of every feed file for one entry. The first MAX_CATEGORIES
    labels of at most MAX_CATEGORY characters are kept, whole (a label cut would be
    another label), and the run says what was left out."""
    labels = [f"Topic {k}" for k in range(60)]
    labels[3] = "x" * (source.MAX_CATEGORY + 1)
    parsed = parse_feed(feed(categories(ENTRY, labels)), URL, now=NOW)
    (article,) = parsed.articles
    kept = [label for label in labels if len(label) <= source.MAX_CATEGORY][:50]
    assert article.categories == tuple(kept)
    assert parsed.problems == ()
    (note,) = parsed.notes
    assert note == (f"entry 1: article {ENV_ID}: 10 of its 60 categories left out (1 over "
                    "200 characters, 9 past the first 50); the article is published without "
                    "them")
    few = parse_feed(feed(categories(ENTRY, ["Oceans", "Ecology"])), URL, now=NOW)
    assert few.articles[0].categories == ("Oceans", "Ecology") and few.notes == ()


# --- the work per source per run ----------------------------------------------------------

TINY = (b'  <entry>\n    <id>tag:theconversation.com,2011:article/%d</id>\n'
        b'    <updated>2025-09-26T12:30:52Z</updated>\n'
        b'    <link rel="alternate" type="text/html" href="https://theconversation.com/a-%d"/>\n'
        b'    <title>T</title>\n    <content type="html">&lt;p&gt;x&lt;/p&gt;</content>\n'
        b'  </entry>\n')


@pytest.mark.parametrize("count", [source.MAX_ENTRIES + 1, 40_000])
def test_only_the_first_entries_of_a_huge_source_are_read(count: int) -> None:
    """A 10 MB feed of 40,000 tiny entries took 6.5 s of every run it was fetched in, and
    would have brought 40,000 articles to the article step. The Conversation's feeds hold
    25 to 50 entries, newest first: the first MAX_ENTRIES are read, the rest of the
    document is not parsed, and the run says so."""
    data = HEAD + b"".join(TINY % (n, n) for n in range(1000, 1000 + count)) + TAIL
    parsed = parse_feed(data, URL, now=NOW)
    assert [a.article_id for a in parsed.articles] == list(range(1000, 1000 + source.MAX_ENTRIES))
    assert parsed.notes == (f"holds more than {source.MAX_ENTRIES} entries (The Conversation's "
                            f"hold 25 to 50): only the first {source.MAX_ENTRIES} were read",)


def test_a_source_at_the_entry_bound_is_read_whole_and_stays_well_formed_checked() -> None:
    data = HEAD + b"".join(TINY % (n, n) for n in range(1000, 1000 + source.MAX_ENTRIES)) + TAIL
    parsed = parse_feed(data, URL, now=NOW)
    assert len(parsed.articles) == source.MAX_ENTRIES and parsed.notes == ()
    with pytest.raises(source.ParseError, match="not well-formed"):
        parse_feed(data.replace(b"</feed>", b"</fed>"), URL, now=NOW)


# --- a run: nothing huge published, nothing huge kept, the good rest goes on ------------

HOSTILE = {
    "author": ENTRY.replace(NAME, b"<name>Rebecca " + b"Vega " * 60_000 + b"Thurber,"),
    "categories": categories(ENTRY, [f"t{k}" + "x" * 300 for k in range(1000)]),
    "authors-at-bound": authors(ENTRY, source.MAX_AUTHORS, name_words=180),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_metadata_never_reaches_the_feeds_unbounded(site: Site, capsys,
                                                           kind: str) -> None:
    """Before: a 300 KB author name made 620 KB of each of the six feed files carrying it
    and 606 KB of the index page (~3.6 MB for one entry), and 600 KB of evidence in the
    state file; 1,000 long categories 350 KB of each feed file. Now the first is refused
    in one line, the second published with its first 50 categories, the third (50 credits
    of 1,000 characters, the most allowed) published whole, its evidence cut in the state."""
    site.normal(env=feed(HOSTILE[kind]))
    outcome = drive(site.config(), capsys)
    sizes = {p.name: p.stat().st_size for p in site.out.iterdir()}
    with sqlite3.connect(site.state) as db:
        findings = db.execute("SELECT coalesce(sum(length(findings)), 0) FROM article_bodies"
                              ).fetchone()[0]
    assert findings < 30_000
    if kind == "author":
        assert outcome.status == 1
        (line,) = outcome.lines
        assert "<author> <name> is 300," in line and "refused" in line
        assert max(sizes.values()) < 30_000
    else:
        assert outcome.status == 0
        assert max(sizes[f"env.{fmt}"] for fmt in ("atom", "rss", "json")) < (
            150_000 if kind == "authors-at-bound" else 40_000)
    if kind == "categories":
        (line,) = outcome.lines
        assert "1000 of its 1000 categories left out (1000 over 200 characters)" in line
    assert_nothing_unverified(site.out, site.state)


# --- what is kept of a refused article ----------------------------------------------------


def test_a_refused_article_keeps_bounded_evidence_and_no_republication(tmp_path: Path,
                                                                      env_article) -> None:
    """A refused article's republication was kept (~35 KB, 250 KB for a long one; never read
    again) and each rule's evidence uncut: a checker quoting a 300 KB field kept 600 KB a
    refused article. Now evidence is at most LINE_MAX characters a rule, in the row and
    beside it, and only a published article keeps its republication."""
    huge = Finding("licence", False, "quotes " + "x" * 300_000)
    small = Finding("page-counter", True, "the counter is there")
    with Store(tmp_path / "s.sqlite3") as store, store.transaction():
        for n, status in ((1, Outcome.REFUSED), (2, Outcome.ERROR), (3, Outcome.PUBLISHED)):
            store.save_article(env_article.__class__(**{**_fields(env_article),
                                                       "article_id": n}),
                               content_hash=f"h{n}", status=status, html="<p>built</p>",
                               findings=(huge, small), reason=huge.detail, now=NOW)
            store.save_extract(n, 3, content_hash=f"h{n}", status=status, html="<p>x</p>",
                               findings=(huge,), reason=huge.detail)
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        assert dict(db.execute("SELECT article_id, html FROM article_bodies")) == {
            1: None, 2: None, 3: "<p>built</p>"}
        assert dict(db.execute("SELECT article_id, html FROM extracts")) == {
            1: None, 2: None, 3: "<p>x</p>"}
        for table in ("articles", "article_bodies", "extracts"):
            for (column,) in db.execute(f"SELECT findings FROM {table}"):  # noqa: S608
                for rule, _ok, detail in json.loads(column):
                    assert len(detail) <= LINE_MAX + 40
                    if rule == "page-counter":
                        assert detail == small.detail  # short evidence kept as it was
                    else:
                        assert detail.endswith("… (cut: 300007 characters in all)")
        for (reason,) in db.execute("SELECT reason FROM extracts"):
            assert len(reason) <= LINE_MAX + 40


def _fields(article) -> dict:
    return {f: getattr(article, f) for f in article.__dataclass_fields__}


def test_schema_10_cuts_the_evidence_kept_before(tmp_path: Path) -> None:
    """A state file of schema 9 holding what earlier versions kept: uncut evidence, a
    refused article's republication, an extract's long reason, a 64 KB ETag. Migrated in
    place, each is bounded; what was within its bound is left byte for byte."""
    from .test_store_sqlite import schema

    path = tmp_path / "s.sqlite3"
    schema(path, 9)
    long = "y" * 300_000
    evidence = json.dumps([["licence", False, long], ["page-counter", True, "fine"],
                           ["images", None, "unread"]])
    passed = json.dumps([["licence", True, "ok"]])
    with sqlite3.connect(path) as db:
        for n, status, findings in ((7, "refused", evidence), (8, "published", passed)):
            db.execute(
                "INSERT INTO articles (article_id, url, title, summary, published, updated, "
                "authors, categories, language, rights, content_hash, status, findings, "
                "reason, first_seen, last_checked, visible_hash) VALUES (?, 'u', 't', NULL, "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '[]', '[]', 'en', NULL, 'h', "
                "?, ?, 'r', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'v')",
                (n, status, findings))
            db.execute("INSERT INTO article_bodies VALUES (?, '<p>x</p>', '<p>y</p>', ?)",
                       (n, findings))
            db.execute("INSERT INTO extracts VALUES (?, 3, 'h', ?, '<p>e</p>', ?, ?)",
                       (n, status, findings, long if n == 7 else "fine"))
        db.execute("INSERT INTO article_sources VALUES (7, 's', '2020-01-01T00:00:00Z')")
        db.execute("INSERT INTO sources (url, etag, last_modified) VALUES ('s', ?, ?)",
                   ('"' + "e" * 65_000 + '"', "Fri, 26 Sep 2025 12:30:52 GMT"))
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        states = {a.article_id: a for a in store.articles()}
        refused = states[7].findings
        assert [f.rule for f in refused] == ["licence", "page-counter", "images"]
        assert refused[0].ok is False and refused[1].ok is True and refused[2].ok is None
        assert refused[0].detail == "y" * LINE_MAX + "… (cut: 300000 characters in all)"
        assert refused[1:] == (Finding("page-counter", True, "fine"),
                               Finding("images", None, "unread"))
        assert states[8].findings == (Finding("licence", True, "ok"),)
        rows = store.db.execute("SELECT article_id, html, findings FROM article_bodies "
                                "ORDER BY article_id").fetchall()
        assert rows[0][1] is None and rows[1] == (8, "<p>y</p>", passed)
        assert len(rows[0][2]) < 3 * LINE_MAX
        (row,) = store.db.execute("SELECT findings FROM articles WHERE article_id = 7")
        assert len(row[0]) < 3 * LINE_MAX
        extracts = {x.article_id: x for x in store.extracts()}
        assert len(extracts[7].reason) < LINE_MAX + 40 and extracts[8].reason == "fine"
        assert store.db.execute("SELECT article_id, html FROM extracts ORDER BY article_id"
                                ).fetchall() == [(7, None), (8, "<p>e</p>")]
        state = store.source("s")
        assert state is not None
        assert state.etag is None and state.last_modified == "Fri, 26 Sep 2025 12:30:52 GMT"
        # when a source last carried an article is counted from the upgrade: nothing is
        # forgotten for lack of a date (the row first met in 2020 stays)
        (seen,) = store.db.execute("SELECT last_seen FROM article_sources").fetchone()
        assert abs(datetime.fromisoformat(seen) - datetime.now(UTC)) < timedelta(hours=1)
        with store.transaction():
            store.db.execute("DELETE FROM article_bodies WHERE article_id = 7")
        assert store.forget([], datetime.now(UTC) - timedelta(days=365)) == 0


# --- what `status` says -------------------------------------------------------------------


def test_status_lists_no_void_retry_after(site: Site, capsys) -> None:
    """A Retry-After dated by a clock a year ahead is void (the fetcher contacts the host:
    a wait is obeyed for a day at most), but `status` still listed the host as waiting for
    that year. Now it lists only the waits the fetcher obeys."""
    config = site.config()
    assert drive(config, capsys).status == 0
    now = datetime.now(UTC)
    with Store(site.state) as store, store.transaction():
        store.save_not_before("void.example", now + timedelta(days=365))
        store.save_not_before("127.0.0.1", now + timedelta(hours=2))
        store.save_not_before("over.example", now - timedelta(hours=2))
    text = render_status(config, now=now)
    assert "waiting: 127.0.0.1 asked (Retry-After)" in text
    assert "void.example" not in text and "over.example" not in text


def test_a_validator_past_its_bound_is_not_kept(site: Site, capsys) -> None:
    """A 60 KB ETag was kept, sent back in every run and printed by `status`; now a
    validator over MAX_VALIDATOR is not kept (the next GET is unconditional)."""
    from syndication.fetch import MAX_VALIDATOR

    body = ENV
    site.fault(ENV_PATH, Reply(body=body, etag=False,
                               headers={"ETag": '"' + "e" * 60_000 + '"'}))
    assert drive(site.config(), capsys).status == 0
    with Store(site.state) as store:
        state = store.source(site.env_url)
    assert state is not None and state.etag is None
    site.fault(ENV_PATH, Reply(body=body, etag=False,
                               headers={"ETag": '"' + "e" * (MAX_VALIDATOR - 2) + '"'}))
    assert drive(site.config(), capsys).status == 0
    with Store(site.state) as store:
        state = store.source(site.env_url)
    assert state is not None and state.etag == '"' + "e" * (MAX_VALIDATOR - 2) + '"'


@pytest.fixture
def site(server, tmp_path: Path) -> Site:
    return Site(server, tmp_path)


@pytest.mark.parametrize("kind", ["author", "categories"])
def test_what_an_earlier_version_stored_unbounded_is_bounded_when_published(
        site: Site, capsys, kind: str) -> None:
    """A row stored before the bounds (a 300 KB author credit, 1,000 long categories) was
    published by every later run that rendered its feeds: 620 KB and 350 KB of each file.
    Now the first is left out in one line, as parse_entry would refuse it, and the second
    is published with its categories bounded (a warning says so); the sources answer 304,
    so only the stored row is read."""
    assert drive(site.config(), capsys).status == 0
    with sqlite3.connect(site.state) as db:
        if kind == "author":
            credit = [["Rebecca " + "Vega " * 60_000, None, "UC Santa Barbara", None]]
            db.execute("UPDATE articles SET authors = ?, content_hash = 'edited' "
                       "WHERE article_id = ?", (json.dumps(credit), ENV_ID))
        else:
            labels = [f"t{k}" + "x" * 300 for k in range(1000)] + ["Oceans"]
            db.execute("UPDATE articles SET categories = ?, content_hash = 'edited' "
                       "WHERE article_id = ?", (json.dumps(labels), ENV_ID))
    outcome = drive(site.config(), capsys)
    assert outcome.report is not None
    assert all(s.not_modified for s in outcome.report.sources)
    sizes = {p.name: p.stat().st_size for p in site.out.iterdir()}
    assert max(sizes.values()) < 50_000, sizes
    (line,) = set(outcome.lines)  # once for each feed carrying it: env and both
    assert len(outcome.lines) == 2
    assert outcome.status == 0  # as for a stored row holding a forbidden character
    if kind == "author":
        assert line.endswith(f"article {ENV_ID} left out of the feeds: <author> <name> is "
                             "300,026 characters long (at most 1,000): refused, as it may "
                             "not be cut")
    else:
        assert (f"article {ENV_ID}: 1000 of its 1001 categories left out (1000 over 200 "
                "characters)") in line
        assert b"<category term=\"Oceans\"/>" in (site.out / "env.atom").read_bytes()
