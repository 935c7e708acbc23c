"""compliance/encoding.py: the bytes of a page read from outside -> its text, by what the
server says, a byte-order mark, what the page says of itself, else a guess. Pages are the
recorded French article re-encoded in memory (its text unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndication.compliance.encoding import decode

PAGE = (Path(__file__).parent / "data" / "tc-samples" / "tc-article-209538-fr.html").read_text(
    encoding="utf-8")
# the page's own <meta charset="utf-8"> taken out, so each case says its charset its own way
BARE = PAGE.replace('<meta charset="utf-8">', "", 1)


def test_the_recorded_page_reads_as_its_meta_charset_says() -> None:
    assert '<meta charset="utf-8">' in PAGE
    assert decode(PAGE.encode("utf-8")) == PAGE


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-32"])
def test_a_byte_order_mark_names_the_encoding(codec: str) -> None:
    assert decode(BARE.encode(codec)) == BARE  # Python writes the mark for utf-16/32
    assert decode(b"\xef\xbb\xbf" + BARE.encode("utf-8")) == BARE


def test_the_servers_charset_comes_first() -> None:
    latin = BARE.replace("’", "'").replace("…", "...")  # what windows-1252 and latin-1 share
    data = latin.encode("windows-1252", "replace")
    assert decode(data, "text/html; Charset=\"windows-1252\"") == latin.encode(
        "windows-1252", "replace").decode("windows-1252")
    # a charset the server gets wrong (not decodable) gives way to the next clue
    assert decode(BARE.encode("utf-8"), "text/html; charset=us-ascii") == BARE


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1252">',
    "<meta http-equiv='Content-Type' content='text/html; charset=Windows-1252'>",
])
def test_the_page_says_its_encoding_near_its_start(declaration: str) -> None:
    page = BARE.replace("<head>", "<head>" + declaration, 1)
    text = page.encode("windows-1252", "replace").decode("windows-1252")
    assert decode(page.encode("windows-1252", "replace")) == text
    assert "é" in text  # read as windows-1252, not as UTF-8 with replacements


def test_an_undeclared_single_byte_page_is_guessed_not_mangled() -> None:
    data = BARE.encode("windows-1252", "replace")
    assert "\ufffd" not in decode(data)
    assert "Néandertal" in decode(data)


def test_bytes_the_declared_charset_cannot_read_are_still_read() -> None:
    # the page says UTF-8 but one word holds bytes UTF-8 cannot read: the text is returned
    # (by the guess, else with U+FFFD), never refused, and the rest of the page kept
    data = PAGE.encode("utf-8").replace("Néandertal".encode(), b"N\x81\xfeandertal", 1)
    text = decode(data, "text/html; charset=utf-8")
    assert "andertal" in text and text.endswith("</html>\n")
    assert decode(b"\x81\x8d\x90", "text/html; charset=utf-8")
