"""`syndication check` on the inputs an editor's script meets besides a good page: JSON on
every exit (2 included), an original that cannot be fetched, a hostile or malformed original,
a page past the size cap, and redirects away from the page's own origin or The
Conversation's (issue 9, "Also"). Through the entry point, pages served from 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from syndication.compliance.command import _origins
from syndication.models import Article
from syndication.republish import republish

from .conftest import FR_FEED
from .pages import third_party_page
from .server import LoopbackServer
from .test_cli_check import ES, cli, oks
from .test_selection import feed_toml, write_config

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol4;</title></feed>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file://{secret}">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title></feed>
"""
# The real French feed cut off in the middle of an entry: malformed, not hostile.
TRUNCATED = FR_FEED.read_bytes()[: len(FR_FEED.read_bytes()) // 2]


def error_json(done: Any) -> str:
    """The JSON a failed `check --json` prints: exactly {"error": "…"}."""
    data = json.loads(done.stdout)
    assert list(data) == ["error"]
    message: str = data["error"]
    return message


def one_line(done: Any) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    text: str = lines[0]
    return text


@pytest.fixture(scope="module")
def fr_page_html(fr_articles: tuple[Article, ...]) -> str:
    article = fr_articles[0]
    return third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)


# --- --json always prints JSON ------------------------------------------------------------


def test_json_compliant_is_null_when_nothing_failed_but_some_unchecked() -> None:
    done = cli("check", str(ES[159013]), "--no-original", "--json")
    assert done.returncode == 3
    data = json.loads(done.stdout)
    assert data["compliant"] is None
    assert False not in oks(data).values() and None in oks(data).values()


@pytest.mark.parametrize("case", ["missing", "no-article", "bad-config", "usage"])
def test_json_on_exit_2(case: str, tmp_path: Path) -> None:
    nothing = tmp_path / "nothing.html"
    nothing.write_text("<html><body><p>Hello, no article here.</p></body></html>",
                       encoding="utf-8")
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("[fetch\n", encoding="utf-8")
    args, said = {
        "missing": ([str(tmp_path / "gone.html"), "--no-original"], "gone.html: no such file"),
        "no-article": ([str(nothing)], "no article of The Conversation found in it"),
        "bad-config": ([str(ES[159013]), "--config", str(bad_config)], "bad.toml"),
        "usage": ([str(ES[159013]), "--original"], "expected one argument"),
    }[case]
    done = cli("check", *args, "--json")
    assert done.returncode == 2
    assert said in error_json(done)
    assert said in done.stderr
    plain = cli("check", *args)
    assert plain.returncode == 2 and plain.stdout == ""


# --- the original cannot be had -----------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _slow(h: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    h.send_response(200)
    h.send_header("Content-Length", "0")
    h.end_headers()


@pytest.mark.parametrize("how", ["404", "no-server", "timeout"])
def test_original_not_fetchable_says_so_in_one_line(how: str, fr_page_html: str,
                                                    server: LoopbackServer,
                                                    tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(fr_page_html, encoding="utf-8")
    base = server.base
    if how == "no-server":
        base = f"http://127.0.0.1:{_closed_port()}"
    elif how == "timeout":
        server.serve("/robots.txt", b"", status=404)
        path = "/comment-les-machines-succombent-a-la-chaleur-des-voitures-aux-ordinateurs-212649"
        server.serve(path, b"", handler=_slow)
    config = write_config(tmp_path, feed_toml([server.url("/feed.atom")])).read_text()
    config_path = tmp_path / "fast.toml"
    config_path.write_text(config.replace("timeout = 5", "timeout = 1\nretries = 0"),
                           encoding="utf-8")
    done = cli("check", str(page), "--conversation-url", base, "--config", str(config_path))
    assert done.returncode == 2, done.stdout
    line = one_line(done)
    assert "cannot fetch the original" in line and "212649" in line
    assert "--original FILE" in line and "--no-original" in line
    assert {"404": "HTTP 404", "no-server": "connection failed",
            "timeout": "timed out"}[how] in line
    assert "cannot fetch the original" in error_json(
        cli("check", str(page), "--conversation-url", base, "--config", str(config_path),
            "--json"))


# --- a hostile or malformed original ------------------------------------------------------


@pytest.mark.parametrize("kind", ["billion-laughs", "external-entity", "truncated", "empty"])
def test_hostile_or_malformed_original_file_is_input_error(kind: str, tmp_path: Path,
                                                           server: LoopbackServer) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    body = {"billion-laughs": BOMB.encode(), "external-entity":
            XXE.format(secret=secret).encode(), "truncated": TRUNCATED,
            "empty": b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'}[kind]
    original = tmp_path / f"{kind}.atom"
    original.write_bytes(body)
    for given in (str(original), server.serve(f"/{kind}.atom", body)):
        done = cli("check", str(ES[159013]), "--original", given)
        assert done.returncode == 2, done.stdout + done.stderr
        line = one_line(done)
        assert line.startswith(f"syndication check: {given}:")
        assert "TOP-SECRET" not in done.stdout + done.stderr
        message = error_json(cli("check", str(ES[159013]), "--original", given, "--json"))
        assert message.startswith(given) and "TOP-SECRET" not in message


# --- pages capped like fetched feeds ------------------------------------------------------


def _capped_config(tmp_path: Path, cap: int) -> Path:
    config = write_config(tmp_path, feed_toml(["https://theconversation.com/fr/articles.atom"]))
    text = config.read_text().replace("timeout = 5\n", f"timeout = 5\nmax_bytes = {cap}\n")
    config.write_text(text, encoding="utf-8")
    return config


def test_page_file_past_the_cap_is_refused(tmp_path: Path) -> None:
    data = ES[159013].read_bytes()
    config = _capped_config(tmp_path, len(data))
    exact = tmp_path / "exact.html"
    exact.write_bytes(data)
    assert cli("check", str(exact), "--no-original", "--config", str(config)).returncode == 3
    over = tmp_path / "over.html"
    over.write_bytes(data + b"\n")
    done = cli("check", str(over), "--no-original", "--config", str(config))
    assert done.returncode == 2
    line = one_line(done)
    assert str(over) in line and f"max_bytes ({len(data)} bytes)" in line


def test_an_endless_page_file_is_not_read_to_its_end(tmp_path: Path) -> None:
    # /dev/zero never ends: the command returns only because it stops reading at the cap.
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    done = cli("check", str(zero), "--no-original", "--json")
    assert done.returncode == 2
    assert "larger than max_bytes (10000000 bytes)" in error_json(done)


def test_page_url_past_the_cap_is_refused(tmp_path: Path, server: LoopbackServer) -> None:
    data = ES[159013].read_bytes()
    config = _capped_config(tmp_path, len(data))
    small = server.serve("/fits.html", data, content_type="text/html")
    assert cli("check", small, "--no-original", "--config", str(config)).returncode == 3
    big = server.serve("/big.html", data + b" " * 5000, content_type="text/html")
    done = cli("check", big, "--no-original", "--config", str(config))
    assert done.returncode == 2
    line = one_line(done)
    assert big in line and "max_bytes" in line


# --- only the page's own origin and The Conversation's -------------------------------------


@pytest.fixture
def other_server() -> Any:
    srv = LoopbackServer().start()
    try:
        yield srv
    finally:
        srv.stop()


def test_redirect_to_another_port_or_host_is_refused(server: LoopbackServer,
                                                     other_server: LoopbackServer) -> None:
    other_server.serve("/page.html", ES[113886], content_type="text/html")
    elsewhere = {
        "another port": other_server.url("/page.html"),
        # the same server under another name: another host
        "another host": server.url("/page.html").replace("127.0.0.1", "localhost"),
    }
    server.serve("/page.html", ES[113886], content_type="text/html")
    for what, target in elsewhere.items():
        path = f"/moved-{what.replace(' ', '-')}"
        start = server.serve(path, b"", status=302, headers={"Location": target})
        done = cli("check", start, "--no-original")
        assert done.returncode == 2, (what, done.stdout)
        line = one_line(done)
        assert f"redirected to {target!r}: refused" in line, what
        assert server.base in line  # what may be fetched
    assert other_server.requests_to("/page.html") == []
    # A redirect within the page's own origin is followed.
    start = server.serve("/moved-here", b"", status=301, headers={"Location": "/page.html"})
    assert cli("check", start, "--no-original").returncode == 1  # its two counters


def test_the_original_redirected_off_the_conversation_is_refused(
    fr_page_html: str, server: LoopbackServer, other_server: LoopbackServer
) -> None:
    page = server.serve("/story.html", fr_page_html, content_type="text/html")
    path = "/comment-les-machines-succombent-a-la-chaleur-des-voitures-aux-ordinateurs-212649"
    away = f"http://127.0.0.1:{_closed_port()}{path}"
    other_server.serve(path, b"", status=302, headers={"Location": away})
    done = cli("check", page, "--conversation-url", other_server.base)
    assert done.returncode == 2, done.stdout
    line = one_line(done)
    assert "cannot fetch the original" in line and f"redirected to {away!r}: refused" in line


def test_allowed_origins() -> None:
    assert _origins(["http://example.org/page", "https://theconversation.com"]) == {
        "http://example.org:80", "https://example.org:443", "https://theconversation.com:443"}
    # An explicit port is its own origin, and is never upgraded.
    assert _origins(["http://example.org:8080/p"]) == {"http://example.org:8080"}
    assert _origins(["https://example.org/p"]) == {"https://example.org:443"}


@pytest.mark.parametrize("url", ["http://[bad/page.html", "https://example.org:99999/p"])
def test_a_malformed_page_url_is_one_line(url: str) -> None:
    """Nothing is fetched, and no traceback: the URL cannot name a server."""
    done = cli("check", url, "--no-original")
    assert done.returncode == 2, done.stdout
    assert one_line(done) == f"syndication check: {url}: not a URL that can be fetched (no " \
        "host, or a malformed one)"


# --- a document that holds no text ----------------------------------------------------------


def _no_text(kind: str) -> tuple[bytes, str]:
    """A file given by mistake for a page or an original, and what the one line says of it."""
    page = ES[159013].read_bytes()
    return {
        "empty": (b"", "empty: nothing in it to read"),
        "blank": (b" \n\t\r\n  \n", "empty: nothing in it to read"),
        "gzip": (gzip.compress(page), "gzip-compressed data, not an HTML page"),
        "zip": (b"PK\x03\x04" + page[:2000], "a zip archive"),
        "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, "a PDF file"),
        "png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "a PNG image"),
        # no magic number: control characters and undecodable bytes throughout
        "binary": (bytes(range(256)) * 40, "binary data, not an HTML page"),
        # no element at all: a doctype alone, a browser's "saved from" comment, a template's
        # shell of comments (lxml raised "Document is empty", a traceback here)
        "doctype": (b"<!DOCTYPE html>\n", _NO_ELEMENT),
        "comments": (b"<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n"
                     b"<!-- a > b --><?xml-stylesheet href='x'?>\n", _NO_ELEMENT),
    }[kind]


_NO_ELEMENT = "empty: nothing in it to read but a doctype or comments (no element)"
_NO_TEXT_KINDS = ["empty", "blank", "gzip", "zip", "pdf", "png", "binary", "doctype", "comments"]


@pytest.mark.parametrize("kind", _NO_TEXT_KINDS)
def test_a_page_or_original_holding_no_text_is_one_line(kind: str, tmp_path: Path,
                                                        server: LoopbackServer) -> None:
    data, said = _no_text(kind)
    given = tmp_path / f"{kind}.html"
    given.write_bytes(data)
    url = server.serve(f"/{kind}.html", data, content_type="text/html")
    for args, where in (([str(given), "--original", str(FR_FEED)], str(given)),
                        ([url, "--no-original"], url),
                        ([str(ES[159013]), "--original", str(given)], str(given))):
        done = cli("check", *args)
        assert done.returncode == 2, done.stdout + done.stderr
        assert one_line(done).startswith(f"syndication check: {where}: {said}")
    assert error_json(cli("check", str(given), "--no-original", "--json")).startswith(
        f"{given}: {said}")


@pytest.mark.parametrize("kind", ["utf-16", "one-nul"])
def test_a_page_with_a_few_odd_bytes_is_still_judged(kind: str, tmp_path: Path) -> None:
    # text in UTF-16 (its NUL bytes are half its bytes) or one stray NUL in a page: a page
    html = ES[159013].read_bytes()
    data = {"utf-16": html.decode("utf-8").encode("utf-16"),
            "one-nul": html.replace(b"<body", b"<body\x00", 1)}[kind]
    page = tmp_path / f"{kind}.html"
    page.write_bytes(data)
    done = cli("check", str(page), "--no-original", "--json")
    assert done.returncode == 3, done.stdout + done.stderr
    assert json.loads(done.stdout)["article"] == 159013


# --- a page piped in, a file: URL --------------------------------------------------------


def piped(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SYNDICATION_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "syndication", "check", *args], input=data,
                          capture_output=True, timeout=120, env=env, check=False)


@pytest.mark.parametrize("n", sorted(ES))
def test_a_page_piped_to_standard_input_is_judged_as_its_file(n: int) -> None:
    """`curl -s URL | syndication check -`: the recorded republication piped in gets the
    verdict its file gets, and is named "standard input"."""
    as_file = cli("check", str(ES[n]), "--no-original", "--json")
    done = piped(ES[n].read_bytes(), "-", "--no-original", "--json")
    assert done.returncode == as_file.returncode != 2  # 1 (113886: two counters) or 3
    assert json.loads(done.stdout) == json.loads(as_file.stdout)
    text = piped(ES[n].read_bytes(), "-", "--no-original")
    assert text.stdout.decode().startswith(f"standard input: article {n} ")


def test_a_page_piped_with_an_original_file_is_judged(fr_articles: tuple[Article, ...],
                                                      tmp_path: Path) -> None:
    article = fr_articles[0]
    page = third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)
    done = piped(page.encode(), "-", "--original", str(FR_FEED), "--json")
    data = json.loads(done.stdout)
    assert done.returncode == 0 and data["compliant"] is True, data
    assert data["article"] == article.article_id


@pytest.mark.parametrize(("data", "args", "message"), [
    (b"", ("-", "--no-original"), "standard input: empty: nothing in it to read"),
    (b"<html><body><p>Our own story about the harbour.</p></body></html>",
     ("-", "--no-original"),
     "standard input: no article of The Conversation found in it (no page counter, no link "
     "to an article)"),
    (b"<p>x</p>", ("-", "--original", "-"), "the page and the original cannot both be read "
     "from standard input: give one of them as a file or a URL"),
])
def test_standard_input_that_cannot_be_judged_is_one_line(data: bytes, args: tuple[str, ...],
                                                          message: str) -> None:
    done = piped(data, *args)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == f"syndication check: {message}"


def test_standard_input_is_capped_like_a_file(tmp_path: Path) -> None:
    config = _capped_config(tmp_path, 2000)
    done = piped(ES[113886].read_bytes(), "-", "--no-original", "--config", str(config))
    assert done.returncode == 2
    assert "standard input: larger than max_bytes (2000 bytes): refused" in done.stderr.decode()


@pytest.mark.parametrize("host", ["", "localhost"])
def test_a_file_url_is_read_as_its_file(host: str, tmp_path: Path) -> None:
    """A file: URL as a browser's address bar shows it (percent-escapes for a space and an
    accent) reads the file it names."""
    page = tmp_path / "page publiée.html"
    page.write_bytes(ES[159013].read_bytes())
    url = f"file://{host}{quote(str(page))}"
    assert "%20" in url and "%C3%A9" in url
    done = cli("check", url, "--no-original", "--json")
    as_file = cli("check", str(page), "--no-original", "--json")
    assert done.returncode == as_file.returncode == 3  # nothing failed, not all checked
    assert json.loads(done.stdout) == json.loads(as_file.stdout)


def test_a_file_url_of_another_host_is_one_line() -> None:
    done = cli("check", "file://fileserver/pages/story.html", "--no-original")
    assert done.returncode == 2
    assert one_line(done) == ("syndication check: file://fileserver/pages/story.html: a file: "
                              "URL of another host (fileserver) cannot be read: give the "
                              "file's path")


# --- a page its site refuses to give ------------------------------------------------------


@pytest.mark.parametrize(("status", "says"), [
    (401, "the page needs a login"),
    (403, "the site refuses automated readers, as a bot check does"),
    (429, "the site refuses automated readers, as a bot check does"),
    (503, "the site may refuse automated readers, as a bot check does"),
])
def test_a_page_its_site_refuses_says_to_save_it(status: int, says: str, tmp_path: Path,
                                                 server: LoopbackServer) -> None:
    """A site behind a bot check (Cloudflare's "Just a moment…", 403) or a login answers
    syndication, not the page: the line says how to check it all the same."""
    url = server.serve("/2025/10/story/", b"<html><title>Just a moment...</title></html>",
                       status=status)
    config = write_config(tmp_path, feed_toml([server.url("/feed.atom")]))
    config.write_text(config.read_text().replace("timeout = 5", "timeout = 5\nretries = 0"),
                      encoding="utf-8")
    done = cli("check", url, "--no-original", "--config", str(config))
    assert done.returncode == 2
    line = one_line(done)
    assert line.startswith(f"syndication check: {url}: HTTP {status}")
    assert line.endswith(f"{says}: save the page from a browser and check the file "
                         "(syndication check page.html)")


def test_a_page_that_is_gone_gets_no_such_advice(server: LoopbackServer) -> None:
    done = cli("check", server.url("/gone/"), "--no-original")
    assert done.returncode == 2
    assert one_line(done) == f"syndication check: {server.url('/gone/')}: HTTP 404"


def test_an_original_its_site_refuses_keeps_the_originals_advice(
        server: LoopbackServer) -> None:
    server.serve("/robots.txt", b"", status=404)
    server.serve("/x-113886", b"", status=403)
    done = cli("check", str(ES[113886]), "--original", server.url("/x-113886"))
    line = one_line(done)
    assert "cannot fetch the original" in line and "HTTP 403" in line
    assert "--original FILE" in line and "bot check" not in line


# --- a feed or a sitemap given as the page ------------------------------------------------


@pytest.fixture(scope="module")
def demo_feeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from syndication.demo import run_demo

    out = tmp_path_factory.mktemp("demo") / "feeds"
    run_demo(out)
    return out


@pytest.mark.parametrize(("name", "kind"), [("all.atom", "an Atom feed"),
                                            ("all.rss", "an RSS feed")])
def test_our_own_feed_given_as_the_page_says_to_audit_it(demo_feeds: Path, name: str,
                                                         kind: str) -> None:
    """Before: the feed's XML was judged as plain text and named an article of it."""
    feed = demo_feeds / name
    done = cli("check", str(feed), "--no-original")
    assert done.returncode == 2
    assert one_line(done) == (f"syndication check: {feed}: {kind}, not a page: "
                              f"`syndication audit {feed}` checks every republication it names")


def test_a_json_feed_given_as_the_page_is_one_line(demo_feeds: Path) -> None:
    feed = demo_feeds / "all.json"
    done = cli("check", str(feed), "--no-original")
    assert done.returncode == 2
    assert one_line(done) == (f"syndication check: {feed}: a JSON Feed, not a page: check the "
                              "pages it links, or audit the site's RSS or Atom feed "
                              "(`syndication audit FEED`)")


@pytest.mark.parametrize(("text", "kind"), [
    ('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" '
     'href="//news.example.org/main-sitemap.xsl"?>\n<urlset xmlns="http://www.sitemaps.org/'
     'schemas/sitemap/0.9"><url><loc>https://news.example.org/story/</loc></url></urlset>',
     "a sitemap"),
    ('\ufeff<?xml version="1.0"?>\n<!-- generated by a plugin -->\n<sitemapindex xmlns="http://'
     'www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example.org/post-'
     'sitemap.xml</loc></sitemap></sitemapindex>', "a sitemap index"),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>', "an RSS 1.0 feed"),
])
def test_a_sitemap_or_an_old_feed_given_as_the_page_says_to_audit_it(
        text: str, kind: str, tmp_path: Path) -> None:
    from syndication.compliance.command import check_republication
    from syndication.config import FETCH_DEFAULTS
    from syndication.errors import InputError

    listing = tmp_path / "listing.xml"
    listing.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        check_republication(str(listing), use_original=False, fetch_config=FETCH_DEFAULTS)
    assert str(e.value) == (f"{listing}: {kind}, not a page: `syndication audit {listing}` "
                            "checks every republication it names")


def test_an_xhtml_page_is_still_a_page(fr_articles: tuple[Article, ...], tmp_path: Path) -> None:
    article = fr_articles[0]
    page = tmp_path / "page.xhtml"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<!-- <feed> -->\n'
                    + third_party_page(republish(article).html, title=article.title,
                                       author=article.authors[0].name)
                    .removeprefix("<!DOCTYPE html>\n"), encoding="utf-8")
    done = cli("check", str(page), "--original", str(FR_FEED), "--json")
    assert done.returncode == 0, done.stdout


def test_a_web_address_without_its_scheme_says_how_to_give_it() -> None:
    done = cli("check", "www.example.org/2025/10/story", "--no-original")
    assert done.returncode == 2
    assert one_line(done) == ("syndication check: www.example.org/2025/10/story: no such file; "
                              "a web address is given with its scheme: "
                              "https://www.example.org/2025/10/story")
    assert one_line(cli("check", "saved-page.html", "--no-original")) == \
        "syndication check: saved-page.html: no such file"
