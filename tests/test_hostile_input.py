"""Hostile and malformed input (issue 10), built in memory from the real samples: characters
XML forbids, dates at the ends of time and in the future, links that are not The
Conversation's, URL attributes other than href, a summary carrying markup. Each kind with its
near neighbours, each asserting what holds: refused (or left out) with a line naming it,
nothing of it published, every other entry and file still written."""

from __future__ import annotations

import codecs
import html
import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from syndication.index import render_index
from syndication.models import FeedEntry, Finding, Outcome
from syndication.publish import render
from syndication.republish import _cleaner, _plainly_safe, sanitise
from syndication.safetext import (
    _PLAIN_WEB_URL,
    FORBIDDEN,
    URL_ATTRIBUTES,
    _safe_url_read,
    escape,
    forbidden_character,
    printable,
    redact,
    safe_srcset,
    safe_url,
    search_forbidden,
)
from syndication.source import link_problem, parse_feed, sane_date
from syndication.store import Store

from .harness import ENV, ENV_ID, FR_BOTH, FR_IDS, Site, all_feed_ids, drive

URL = "https://theconversation.com/us/environment/articles.atom"
ENV_LINK = ("https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-"
            "coasts-ecology-and-economy-263253")
NOW = datetime(2025, 10, 1, tzinfo=UTC)  # a few days after the recorded feed

# Characters never published, by kind, and their allowed neighbours.
FORBIDDEN_CHARS = [
    *(chr(c) for c in (0x0, 0x1, 0x7, 0x8, 0xB, 0xC, 0xE, 0x1B, 0x1F)),  # C0 controls
    "\x7f", "\x80", "\x85", "\x9b", "\x9f",  # DEL and C1 controls (CSI, NEL)
    "\ufdd0", "\ufde0", "\ufdef",  # the non-character block
    "\ufffe", "\uffff", "\U0001fffe", "\U0001ffff", "\U0008ffff", "\U0010fffe", "\U0010ffff",
]
ALLOWED_CHARS = ["\t", "\n", "\r", " ", "é", "–", "\u00a0", "\ufdcf", "\ufdf0", "\ufffd",
                 "\U0001f30a", "\U0010fffd", "\ue000"]


def with_entry_text(data: bytes, old: bytes, new: bytes) -> bytes:
    """``data`` with the first ``old`` inside its first entry replaced by ``new``."""
    head, entry, rest = data.partition(b"<entry>")
    assert old in rest, old
    return head + entry + rest.replace(old, new, 1)


# --- article ids --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [
    "99999999999999999999999",  # beyond SQLite's INTEGER: it failed the whole source
    "9223372036854775808",  # 2**63
    "0", "0212649",  # no article 0, no leading zero
    "\u0663",  # an Arabic-Indic 3: a digit to \d, not an id
    "\uff12\uff11\uff12\uff16\uff14\uff19",  # 212649 in full-width digits
])
def test_an_id_that_is_not_an_article_id_refuses_the_entry(bad: str) -> None:
    """The first French entry claims a strange id, in its <id> and its link alike."""
    first = str(FR_IDS[0]).encode()
    head, entry, rest = FR_BOTH.partition(b"<entry>")
    own, end, others = rest.partition(b"</entry>")
    own = own.replace(b"article/" + first, b"article/" + bad.encode()).replace(
        b"-" + first, b"-" + bad.encode())
    feed = parse_feed(head + entry + own + end + others, URL)
    assert [a.article_id for a in feed.articles] == [FR_IDS[1]]
    assert len(feed.problems) == 1 and "no article id" in feed.problems[0]


# --- characters XML 1.0 forbids -----------------------------------------------------------


@pytest.mark.parametrize("char", FORBIDDEN_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_characters_are_named(char: str) -> None:
    assert FORBIDDEN.fullmatch(char)
    assert forbidden_character(f"ab{char}c") == f"U+{ord(char):04X} at character 3"
    ref = f"&#x{ord(char):X};"
    assert forbidden_character(f"<p>a{ref}</p>", html=True) is not None
    assert forbidden_character(f"<p>a&#{ord(char)};</p>", html=True) is not None
    assert forbidden_character(f"<p>a{ref}</p>") is None  # as text, a reference is text


def test_forbidden_is_exactly_the_refused_set_over_all_of_unicode() -> None:
    # The pattern is written for speed (safetext); this is its definition, character by
    # character: XML 1.0 Char minus C1/DEL and the non-characters, as safetext's comment says.
    def refused(c: int) -> bool:
        xml_char = c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD \
            or 0x10000 <= c <= 0x10FFFF
        return not xml_char or 0x7F <= c <= 0x9F or 0xFDD0 <= c <= 0xFDEF \
            or c & 0xFFFE == 0xFFFE

    everything = "".join(map(chr, range(0x110000)))
    assert [ord(m) for m in FORBIDDEN.findall(everything)] == \
        [c for c in range(0x110000) if refused(c)]


def test_the_fast_search_finds_what_forbidden_finds_in_long_texts() -> None:
    # search_forbidden answers "none" from the UTF-8 bytes without FORBIDDEN: every refused
    # code point, alone in a long text, must still be found where it is; a long text of
    # every other character has none.
    everything = "".join(map(chr, range(0x110000)))
    refused = FORBIDDEN.findall(everything)
    assert len(refused) > 2000
    pad = "é" * 300
    for char in refused:
        found = search_forbidden(f"{pad}{char}{pad}")
        assert found is not None and found.start() == len(pad), hex(ord(char))
    allowed = FORBIDDEN.sub("", everything)
    assert search_forbidden(allowed) is None
    assert search_forbidden(allowed[:0xD000]) is None  # the BMP's: no hint at all
    assert search_forbidden(pad + "\udc80") is not None  # a lone surrogate


@pytest.mark.parametrize("char", ALLOWED_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_their_neighbours_are_allowed(char: str) -> None:
    assert forbidden_character(f"ab{char}c", html=True) is None
    assert forbidden_character(f"a&#x{ord(char):X};b&#{ord(char)};", html=True) is None


@pytest.mark.parametrize("ref", ["&#xFFFF;", "&#xFFFE;", "&#x1b;", "&#x07;", "&#xFDD0;",
                                 "&#x10FFFF;", "&#65535;", "&#x0;", "&#x110000;", "&#x1b"])
def test_an_entry_with_a_forbidden_reference_is_refused_and_the_others_parse(ref: str) -> None:
    # the first entry of the two-entry French feed carries it in its HTML content
    bad = with_entry_text(FR_BOTH, b"&lt;p&gt;", b"&lt;p&gt;" + ref.replace("&", "&amp;")
                          .encode())
    feed = parse_feed(bad, URL)
    assert [a.article_id for a in feed.articles] == [FR_IDS[1]]
    assert len(feed.problems) == 1
    assert re.match(r"entry 1: <content> holds '&#", feed.problems[0]), feed.problems
    assert "XML 1.0 forbids" in feed.problems[0]


@pytest.mark.parametrize("where", [b"<title>", b"<summary>", b"<name>"])
@pytest.mark.parametrize("ref", [b"&#x7f;", b"&#x85;", b"&#xFDD0;", b"&#x1FFFF;"])
def test_forbidden_characters_in_any_text_refuse_the_entry(where: bytes, ref: bytes) -> None:
    # XML itself allows these as character references; we refuse them all the same
    bad = with_entry_text(ENV, where, where + ref)
    feed = parse_feed(bad, URL)
    assert feed.articles == ()
    assert feed.problems and where.strip(b"<>").decode() in feed.problems[0]


# Those XML lets a document hold as they are (its parser refuses the others, U+FFFE too).
LITERAL_FORBIDDEN = [c for c in FORBIDDEN_CHARS
                     if c == "\x7f" or (ord(c) > 0x7f and c not in "\ufffe\uffff")]


@pytest.mark.parametrize("where", [b"<title>", b"<summary>", b"<name>", b'href="https://'])
@pytest.mark.parametrize("char", LITERAL_FORBIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_forbidden_characters_written_as_they_are_refuse_the_entry(where: bytes,
                                                                   char: str) -> None:
    # not as a reference: in the UTF-8 bytes themselves (source._clean_document's test)
    for data in (ENV, codecs.BOM_UTF8 + ENV):
        feed = parse_feed(with_entry_text(data, where, where + char.encode()), URL)
        assert feed.articles == () and "XML 1.0 forbids" in feed.problems[0]


def test_a_c1_control_in_a_single_byte_encoding_refuses_the_entry() -> None:
    # windows-1252 and latin-1 bytes are not UTF-8's: \x85 is U+0085 (NEL) in latin-1
    latin = re.sub(rb"[^\x00-\x7f]", b"?", ENV).replace(b'encoding="UTF-8"',
                                                        b'encoding="iso-8859-1"', 1)
    assert parse_feed(latin, URL).articles
    feed = parse_feed(with_entry_text(latin, b"<title>", b"<title>\x85"), URL)
    assert feed.articles == () and "U+0085" in feed.problems[0]


def test_a_forbidden_character_in_an_attribute_refuses_the_entry() -> None:
    bad = with_entry_text(ENV, b'href="https://theconversation.com/how',
                          b'href="https://theconversation.com/&#x85;how')
    feed = parse_feed(bad, URL)
    assert feed.articles == () and "link href" in feed.problems[0]


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [
    "0001-01-01T00:00:00+01:00",  # overflows when converted to UTC
    "9999-12-31T23:59:59-01:00",  # likewise, the other end
    "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-01-01T00:00:00+00:00",
])
def test_dates_at_the_ends_of_time_refuse_the_entry_not_the_feed(raw: str) -> None:
    for name in (b"updated", b"published"):
        head, entry, rest = FR_BOTH.partition(b"<entry>")
        bad = head + entry + re.sub(rb"<%s>[^<]+</%s>" % (name, name),
                                    b"<%s>%s</%s>" % (name, raw.encode(), name), rest, count=1)
        feed = parse_feed(bad, URL, now=NOW)
        assert [a.article_id for a in feed.articles] == [FR_IDS[1]]
        assert "out of range" in feed.problems[0] and raw in feed.problems[0]


@pytest.mark.parametrize(("ahead", "refused"), [
    (timedelta(minutes=14), False), (timedelta(minutes=16), True), (timedelta(days=1), True),
    (timedelta(days=365 * 7000), True)])
def test_future_dates_beyond_the_clock_skew_are_refused(ahead: timedelta,
                                                        refused: bool) -> None:
    when = (NOW + ahead).isoformat().encode()
    bad = re.sub(rb"<updated>[^<]+</updated>", b"<updated>" + when + b"</updated>",
                 FR_BOTH.split(b"<entry>", 1)[1], count=1)
    data = FR_BOTH.split(b"<entry>", 1)[0] + b"<entry>" + bad
    feed = parse_feed(data, URL, now=NOW)
    assert (FR_IDS[0] not in [a.article_id for a in feed.articles]) is refused
    assert FR_IDS[1] in [a.article_id for a in feed.articles]
    if refused:
        assert "in the future" in feed.problems[0]


def test_without_a_clock_parsing_stays_pure() -> None:
    assert sane_date("2999-01-01T00:00:00Z") == datetime(2999, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="out of range"):
        sane_date("9999-12-31T23:59:59-01:00")


# --- the entry link -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "javascript:alert(document.cookie)//-263253", "JavaScript:alert(1)//-263253",
    " javascript:alert(1)//-263253", "data:text/html,<script>alert(1)</script>-263253",
    "vbscript:msgbox(1)-263253", "file:///etc/passwd-263253",
    "http://theconversation.com/how-sea-star-263253",  # not https
    "https://evil.example/how-sea-star-263253", "https://theconversation.com.evil.example/x-263253",
    "https://eviltheconversation.com/x-263253", "https://theconversation.co/x-263253",
    "https://theconversation.com/how-sea-star-263254",  # another article
    # whitespace a browser strips or splits on: what is published must be what was vetted
    "https://theconversation.com\t/how-sea-star-263253",
    "https://theconversation.com/how-sea-star-263253\n/x",
    "https://theconversation.com/how-sea-star-263253 onmouseover=alert(1)",
    "https://theconversation.com/how-sea\u00a0star-263253",
    "https://theconversation.com/how-sea-star", "https://user:pw@theconversation.com/x-263253",
    "https://theconversation.com:8443/x-263253", "//theconversation.com/x-263253",
    "https://theconversation.com/x\u0085-263253",
    # a browser ends the host at a backslash (WHATWG URL): these open evil.example
    "https://evil.example\\.theconversation.com/how-sea-star-263253",
    "https://evil.example\\theconversation.com/how-sea-star-263253",
    "HTTPS://evil.example\\.fr.theconversation.com/x-263253",
    "https://evil.example\\\\.theconversation.com/x-263253",
])
def test_links_that_are_not_the_articles_own_are_refused(url: str) -> None:
    assert link_problem(url, ENV_ID) is not None


@pytest.mark.parametrize("url", [
    ENV_LINK, "https://theconversation.com/x-263253/", "https://fr.theconversation.com/x-263253",
    "https://theconversation.com/x-263253?utm_source=feed", "https://THECONVERSATION.com/x-263253",
])
def test_the_articles_own_links_pass(url: str) -> None:
    assert link_problem(url, ENV_ID) is None


# --- every attribute that holds a URL -------------------------------------------------------


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "JAVASCRIPT:alert(1)",
                                    "java\tscript:alert(1)", "java&#x09;script:alert(1)",
                                    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x",
                                    "\x01javascript:alert(1)", "file:///etc/passwd"])
@pytest.mark.parametrize("markup", [
    '<blockquote cite="{}">quoted</blockquote>', '<q cite="{}">quoted</q>',
    '<a href="{}">link</a>', '<img src="{}" alt="">',
    '<img src="https://images.theconversation.com/a.jpg" srcset="{} 2x" alt="">',
    '<picture><source srcset="https://images.theconversation.com/a.jpg 1x, {} 2x"></picture>',
    '<img src="https://images.theconversation.com/a.jpg" longdesc="{}" alt="">',
    '<del cite="{}">x</del>', '<ins cite="{}">x</ins>',
])
def test_no_url_attribute_keeps_a_dangerous_scheme(scheme: str, markup: str) -> None:
    out = sanitise(markup.format(scheme.replace('"', "&quot;")))
    doc = lxml.html.fragment_fromstring(out, create_parent="div")
    for el in doc.iter():
        for name, value in el.attrib.items():
            if name in URL_ATTRIBUTES:
                assert safe_url(value), (name, value)
            if name == "srcset":
                assert safe_srcset(value), value
    assert "script:" not in out.lower() and "data:" not in out and "file:" not in out


def test_safe_url_attributes_survive() -> None:
    out = sanitise('<blockquote cite="https://example.org/q">a</blockquote>'
                   '<img src="https://images.theconversation.com/a.jpg" '
                   'srcset="https://images.theconversation.com/a.jpg 1x, '
                   'https://images.theconversation.com/b.jpg 2x" alt="">')
    assert 'cite="https://example.org/q"' in out and "b.jpg 2x" in out


# URLs that nh3's own scheme check lets through and only our vetting refuses (no host, DEL,
# a non-character), written with entities, case and whitespace: each must still go when it
# follows plain URLs that sanitise's shortcut passes at a glance.
VETTED_ONLY = ["https:///x", "HTTPS:///x", "https:&#x2F;&#x2F;&#x2F;x", " https:///x",
               "https://h/&#x7f;x", "https://h/\x7f", "http://h/&#xFFFF;", "//h\x01/x"]
HOSTILE_CANDIDATES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
                      " \tjavascript:alert(1)", "&#106;avascript:alert(1)", "vbscript:x",
                      "data:image/svg+xml;base64,PHN2Zz4=", "https:///x", "https://h/&#x7f;x"]
PLAIN_LINKS = ('<p><a href="https://theconversation.com/a-1">a</a> <img alt="" '
               'src="https://images.theconversation.com/a.jpg" srcset="https://images.'
               'theconversation.com/a.jpg 1x, https://images.theconversation.com/b.jpg 2x">'
               '<q cite="https://example.org/q">q</q></p>')


@pytest.mark.parametrize("url", VETTED_ONLY)
@pytest.mark.parametrize("markup", ['<a href="{}">link</a>', '<img src="{}" alt="">',
                                    '<q cite="{}">q</q>', '<img srcset="{} 2x" alt="">'])
def test_urls_only_our_vetting_refuses_go_after_plain_ones(url: str, markup: str) -> None:
    out = sanitise(PLAIN_LINKS + markup.format(url))
    assert out.startswith(sanitise(PLAIN_LINKS)), out  # the plain ones stay
    doc = lxml.html.fragment_fromstring(out, create_parent="div")
    values = [(n, v) for el in doc.iter() for n, v in el.attrib.items()
              if n in URL_ATTRIBUTES or n == "srcset"]
    assert len(values) == 4, values  # the hostile one went
    assert all(safe_srcset(v) if n == "srcset" else safe_url(v) for n, v in values)


@pytest.mark.parametrize("candidate", HOSTILE_CANDIDATES)
@pytest.mark.parametrize("srcset", ["https://images.theconversation.com/a.jpg 1x, {} 2x",
                                    "{} 1x, https://images.theconversation.com/a.jpg 2x",
                                    "https://images.theconversation.com/a.jpg,{} 2x",
                                    "https://images.theconversation.com/a.jpg 1x,{}"])
def test_a_srcset_with_one_hostile_candidate_goes(candidate: str, srcset: str) -> None:
    markup = (PLAIN_LINKS + '<picture><source srcset="{0}"><img alt="" srcset="{0}">'
              '</picture>').format(srcset.format(candidate))
    out = sanitise(markup)
    assert out.count("srcset=") == 1, out  # PLAIN_LINKS' only
    assert "script:" not in out.lower() and "data:" not in out and ":///" not in out


@pytest.mark.parametrize("value", [
    "https://theconversation.com/a-1", "http://h:8080/a?b=1&c=2#d", "https://h", "https://h?q",
    "https://h/a b", "https://h/a\tb", "https://h/a\nb", "https://h/\u00e9", "https://h/\x7f",
    "https://h/&quot;", "https:///x", "https://-/", "https://h:8x/", "https://u@h/", "https:h",
    "HTTPS://h/", "ftp://h/", "mailto:a@b.example", "/relative", "//h/x", "javascript:x",
    "https://h/x https://h/y", "https://h/x\u00a0https://h/y", "https://h/x,javascript:y",
])
def test_the_shortcut_passes_only_what_vetting_passes(value: str) -> None:
    """sanitise's shortcut (_plainly_safe) never passes a URL or a srcset safe_url and
    safe_srcset would refuse, and the HTML it lets through is what vetting each URL gives."""
    for attribute in ("href", "src", "cite"):
        if _plainly_safe([(attribute, value)]):
            assert safe_url(value), value
    for srcset in (value, f"{value} 2x", f"{value} 1x, https://h/b.jpg 2x",
                   f"https://h/a.jpg 1.5x ,{value} 300w", f"{value} 2x 3x", f"{value} \u0662x"):
        if _plainly_safe([("srcset", srcset)]):
            assert safe_srcset(srcset), srcset
    if _plainly_safe([("href", value), ("href", "javascript:x")]):
        raise AssertionError("one unsafe URL among plain ones passed")
    markup = (f'<a href="{value}">a</a><img src="{value}" srcset="{value} 2x" alt="">'
              f'<blockquote cite="{value}">q</blockquote>')
    assert sanitise(markup) == _cleaner().clean(markup)


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org/a?b#c",
                                 "mailto:someone@example.org", "/relative", "relative.html"])
def test_safe_urls(url: str) -> None:
    assert safe_url(url)


# --- secrets and terminals ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("https://bob:s3cret@example.org/a.atom", "https://bob:***@example.org/a.atom"),
    ("fetch http://:tok@host/x failed", "fetch http://:***@host/x failed"),
    ("HTTPS://u:p%40ss@h/", "HTTPS://u:***@h/"),
    # a bare user is as often a token (GitHub, GitLab, many APIs) as a name: hidden too
    ("https://bob@example.org/", "https://***@example.org/"),
    ("fetch https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@h.example/f.atom: HTTP 500",
     "fetch https://***@h.example/f.atom: HTTP 500"),
    ("https://h.example/f.atom?api_key=abc123&lang=fr", "https://h.example/f.atom?api_key=***&lang=fr"),
    ("https://h.example/f?x=1&access_token=ya29.A0&sig=Zm9v#top",
     "https://h.example/f?x=1&access_token=***&sig=***#top"),
    ("https://h.example/f?Password=p%40ss;SessionId=42", "https://h.example/f?Password=***;SessionId=***"),
    ("https://h.example/f?page=2&sort=date", "https://h.example/f?page=2&sort=date"),
    ("mailto:a@b.example", "mailto:a@b.example"),
    ("an e-mail a@b.example and key=value", "an e-mail a@b.example and key=value"),
])
def test_passwords_are_redacted(text: str, shown: str) -> None:
    assert redact(text) == shown


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x08", "\r", "\x00", "\x7f", "\x9b",
                                  "\u202e", "\u2066", "\u2028"])
def test_control_characters_are_escaped_for_terminals(char: str) -> None:
    shown = printable(f"title{char}[31mred")
    assert char not in shown and "\\" in shown
    assert printable("tabs\tand\nnewlines stay, é – 🌊") == "tabs\tand\nnewlines stay, é – 🌊"


# --- what readers get: RSS description, index page -------------------------------------------


@pytest.fixture
def site(server, tmp_path) -> Site:
    return Site(server, tmp_path)


SUMMARY = b"<summary>The loss of one iconic species"


@pytest.mark.parametrize("markup", [
    b'&lt;img src=x onerror="alert(1)"&gt;', b"&lt;script&gt;alert(1)&lt;/script&gt;",
    b'&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;', b"&lt;svg onload=alert(1)&gt;",
])
def test_rss_description_is_escaped_text(site, capsys, markup: bytes) -> None:
    site.normal(env=with_entry_text(ENV, SUMMARY, b"<summary>" + markup + SUMMARY[9:]))
    assert drive(site.config(), capsys).status == 0
    rss = etree.fromstring((site.out / "env.rss").read_bytes())
    description = rss.findtext("channel/item/description")
    assert description.startswith("&lt;")  # the summary's markup shown as text, not run
    doc = lxml.html.fragment_fromstring(description, create_parent="div")
    assert [el.tag for el in doc.iter()] == ["div"]
    atom = (site.out / "env.atom").read_bytes()
    assert b"<summary>&lt;" in atom  # Atom: type text, escaped by XML
    item = json.loads((site.out / "env.json").read_bytes())["items"][0]
    assert item["summary"].startswith("<")  # JSON Feed summary is plain text by definition


@pytest.mark.parametrize("link", [
    b"javascript:alert(document.domain)//-263253", b"data:text/html,&lt;script&gt;-263253",
    b"https://evil.example/how-sea-star-263253", b"https://theconversation.com.evil.example/x-263253",
    b"https://theconversation.com/another-article-263999",
])
def test_an_entry_whose_link_is_not_its_own_is_refused_and_listed_without_link(
        site, capsys, link: bytes) -> None:
    site.normal(env=with_entry_text(ENV, ENV_LINK.encode(), link))
    outcome = drive(site.config(), capsys)
    assert outcome.status == 1
    assert re.search(r"article 263253 refused \(.*\): source-link: link .* not", outcome.stderr)
    assert all_feed_ids(site.out)["env.atom"] == set()
    bad = link.replace(b"&lt;", b"<")
    for path in site.out.iterdir():
        if path.name != "index.html":
            assert bad not in path.read_bytes(), path.name
    index = lxml.html.fromstring((site.out / "index.html").read_bytes())
    for el in index.iter():  # quoted in the finding (text), never a link or a source
        assert not [v for v in el.attrib.values() if bad.decode() in v], el.attrib
    refused = index.get_element_by_id("refused")
    assert "How sea star wasting disease" in refused.text_content()
    assert "source-link" in refused.text_content()
    assert not [a for a in refused.iter("a") if "263253" in (a.get("href") or "")]
    # the FR source's articles were published all the same
    assert all_feed_ids(site.out)["fr.atom"] == set(FR_IDS)


def test_a_future_entry_never_pushes_verified_ones_out(site, capsys) -> None:
    assert drive(site.config(), capsys).status == 0  # env: 263253, fr: 212649
    future = (datetime.now(UTC) + timedelta(days=30)).isoformat().encode()
    head, entry, rest = FR_BOTH.partition(b"<entry>")
    second = rest.index(b"<entry>")  # 209538, dated a month ahead
    dated = rest[:second] + re.sub(rb"<(updated|published)>[^<]+</",
                                   rb"<\1>" + future + rb"</", rest[second:])
    site.normal(fr=head + entry + dated)
    outcome = drive(site.config(), capsys)
    assert outcome.status == 1 and "entry 2: article 209538: <updated>" in outcome.stderr
    assert "in the future" in outcome.stderr
    ids = all_feed_ids(site.out)
    assert ids["fr.atom"] == {FR_IDS[0]} and ids["both.atom"] == {ENV_ID, FR_IDS[0]}


# --- what earlier versions stored: never stops a file --------------------------------------


def test_a_stored_entry_with_a_forbidden_character_is_left_out_not_fatal(site, capsys) -> None:
    assert drive(site.config(), capsys).status == 0
    with Store(site.state) as store, store.transaction():  # as an earlier version stored it
        store.db.execute("UPDATE article_bodies SET html = html || ? WHERE article_id = ?",
                         ("\uffff", ENV_ID))
        store.db.execute("DELETE FROM feed_files")
    site.normal()  # 209538 new on the FR source
    outcome = drive(site.config(), capsys)
    assert "article 263253 left out of the feeds" in outcome.stderr
    ids = all_feed_ids(site.out)  # every file written, valid
    assert ids["env.atom"] == set() and ids["fr.atom"] == set(FR_IDS)


def test_a_republication_built_with_a_forbidden_character_is_left_out_not_fatal(
        site, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a run stores is vetted once, as it is stored (pipeline._vet): were the step ever
    # to build a republication holding a character XML forbids, the feeds leave it out.
    import syndication.step

    real = syndication.step.process

    def process(article, *args):  # type: ignore[no-untyped-def]
        done = real(article, *args)
        if article.article_id != ENV_ID or done.built is None:
            return done
        return done._replace(built=done.built._replace(html=done.built.html + "\uffff"))

    monkeypatch.setattr(syndication.step, "process", process)
    outcome = drive(site.config(), capsys)
    assert "article 263253 left out of the feeds" in outcome.stderr
    ids = all_feed_ids(site.out)  # every file written, valid
    assert ids["env.atom"] == set() and ids["fr.atom"] == {FR_IDS[0]}
    assert ids["both.atom"] == {FR_IDS[0]}


def test_index_renders_a_finding_quoting_control_characters(site, capsys) -> None:
    config = site.config()
    assert drive(config, capsys).status == 0
    with Store(site.state) as store:
        states = store.articles()
    quoting = [s._replace(status=Outcome.REFUSED, reason="unaltered-text: \x1b[2J\x07\uffff",
                          findings=(Finding("unaltered-text", False, "quotes '\x1b]0;x\x07'"),))
               for s in states]
    page = render_index(config.site, [], quoting)
    assert b"\x1b" not in page and b"\x07" not in page and "\uffff".encode() not in page
    assert b"unaltered-text" in page


@pytest.mark.parametrize("profile", ["javascript:alert(1)", "data:text/html,x",
                                     "vbscript:x", "file:///etc/passwd"])
def test_publish_never_writes_an_unsafe_author_link(make_config, env_article,
                                                    profile: str) -> None:
    config = make_config({"env": [URL]})
    author = replace(env_article.authors[0], profile_url=profile)
    entry = FeedEntry(article_id=ENV_ID, url=ENV_LINK, title=env_article.title,
                      summary=env_article.summary, published=env_article.published,
                      updated=env_article.updated, authors=(author,), categories=(),
                      language="en", rights=None, html="<p>x</p>")
    for fmt in ("atom", "rss", "json"):
        data = render(fmt, config.site, config.feeds[0], [entry])
        assert profile.encode() not in data, fmt
        assert author.name.encode() in data, fmt  # the credit stays, without the link


def test_plain_web_urls_are_judged_as_read_in_full() -> None:
    """safe_url's shortcut for plain http(s) URLs says what reading them in full says: every
    URL of the recorded samples, and near misses of each part the shortcut looks at."""
    data = Path(__file__).parent / "data" / "tc-samples"
    urls = {m.group(1) for path in data.iterdir() if path.suffix in (".html", ".atom")
            for m in re.finditer(r'(?:href|src)="([^"]*)"', path.read_text("utf-8", "replace"))}
    urls |= {
        "https://./", "https://-/", "http://h:", "http://h:80", "https://h:8x/",
        "https://h?x=javascript:alert(1)", "https://h#&#106;avascript:", "https://h/\\path",
        "https://u:p@h/", "https://[::1]/", "https://h]/", "HTTPS://h/", "https:h",
        "https://h/a b", "https://h/\u00e9", "https://h/\x7f", "https://h\t/", "ftp://h/",
        "https://", "https:///path", "https://h.example/\u200b",
    }
    for schemes in (frozenset({"http", "https", "mailto"}), frozenset({"https"})):
        shortcut = 0
        for url in urls:
            plain = _PLAIN_WEB_URL.fullmatch(url)
            if plain is not None and plain.group(1) in schemes:
                shortcut += 1
                assert _safe_url_read(url, schemes), url
            assert safe_url(url, schemes) == _safe_url_read(url, schemes), url
        assert shortcut > 50  # the shortcut is taken, most URLs are plain


def test_escape_is_html_escape() -> None:
    # safetext.escape stands for html.escape where importing html would cost a start-up
    texts = ["", "plain", "a & b < c > d \" e ' f", "&amp; &lt;", "<'\">&" * 3, "\u00e9&\u2019"]
    for text in texts:
        for quote in (True, False):
            assert escape(text, quote=quote) == html.escape(text, quote=quote)
