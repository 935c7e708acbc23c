"""Bytes of a page read from outside (`syndication check` input, the audit's pages and URL
lists) -> text, and the page inside a browser's single-file save (MHTML). The only user of
charset-normalizer (the guess when nothing is declared); lxml parses every page."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from ..lazyre import lazy_compile

_DECLARED = lazy_compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# what the document says of itself: an XML declaration in its first 1024 bytes, else a
# <meta charset> / <meta http-equiv content="…; charset=…"> near its start (the same
# patterns and reach as bs4's EncodingDetector, which this replaces: loading bs4 cost
# `check PAGE` 70 ms of its start-up for these few lines)
_XML_DECLARATION = lazy_compile(rb"^\s*<\?.*encoding=['\"](.*?)['\"].*\?>", re.IGNORECASE)
_META_CHARSET = lazy_compile(rb"<\s*meta[^>]+charset\s*=\s*[\"']?([^>]*?)[ /;'\">]",
                             re.IGNORECASE)
# byte-order marks, longest first where one is a prefix of another (UTF-32LE of UTF-16LE)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32le"), (b"\x00\x00\xfe\xff", "utf-32be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"))


def decode(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page -> text: the charset the server declared, else a byte-order mark,
    else what the document says (<?xml encoding?>, <meta charset>), else a guess by
    charset-normalizer (installed with requests), else UTF-8, else windows-1252. The first
    that decodes the whole page cleanly wins; if none does, the first that decodes at all,
    with U+FFFD for the bytes it cannot read."""
    body, bom = _strip_bom(data)
    candidates = []
    if content_type:
        m = _DECLARED.search(content_type)
        if m:
            candidates.append(m.group(1))
    if bom:
        candidates.append(bom)
    candidates.append(_declared_inside(body))
    names = _codecs(candidates)
    for name in names:
        try:
            return str(body, name)
        except (UnicodeDecodeError, LookupError):
            pass
    # Deferred: most pages declare their encoding, and importing charset-normalizer costs
    # `check PAGE` 29 M instructions of its 790 M (callgrind):
    # tests/test_lazy_imports.py::test_checking_files_guesses_no_encoding.
    import charset_normalizer

    guessed = _codecs([charset_normalizer.detect(body)["encoding"], "utf-8", "windows-1252"])
    for name in guessed:
        if name not in names:
            try:
                return str(body, name)
            except (UnicodeDecodeError, LookupError):
                pass
    lenient = next(name for name in (*names, *guessed) if name != "ascii")  # utf-8 at least
    return str(body, lenient, "replace")


# What a file given by mistake starts with (its magic number), and what it is: such a file is
# refused in one line, not decoded into text that carries no article.
_MAGIC = ((b"\x1f\x8b", "gzip-compressed data"), (b"BZh", "bzip2-compressed data"),
          (b"\xfd7zXZ\x00", "xz-compressed data"), (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
          (b"PK\x03\x04", "a zip archive (an .epub, a .docx?)"), (b"%PDF-", "a PDF file"),
          (b"\x89PNG\r\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"RIFF", "a RIFF file (a WebP image?)"),
          (b"\xd0\xcf\x11\xe0", "an old Office document"),
          (b"bplist00", "a Safari web archive (.webarchive: save the page as \"Page "
                        "Source\", or check it by its URL)"))
# Decoded text is binary data when more than this share of its first BINARY_PROBE characters
# are control characters (tab and line breaks aside) or bytes no encoding read (U+FFFD): a
# page or feed holds a handful at most.
BINARY_SHARE = 0.02
BINARY_PROBE = 8192
# The bytes of UTF-8 that are no such control character: what bytes.translate() deletes to
# leave the control characters, counted in C (a character class searched by a regular
# expression costs `check` 3.3 M instructions, 2.4 M of them compiling it).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 or b == 0x7F) or b in b"\t\n\r\f")


def not_text(data: bytes, text: str) -> str | None:
    """What a document is when it is no text a page or a feed is written in (``data`` as
    read, ``text`` as decode() read it), else None: compressed data, an archive, a PDF, an
    image, or other binary data."""
    found = next((what for magic, what in _MAGIC if data.startswith(magic)), None)
    if found is not None:
        return found
    probe = text[:BINARY_PROBE]
    odd = len(probe.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL))
    if probe and odd + probe.count("\ufffd") > BINARY_SHARE * len(probe):
        return "binary data"
    return None


class SavedPage(NamedTuple):
    """The page inside a web archive (MHTML): what a browser's "Webpage, Single File" save
    writes (Chrome, Edge: .mhtml; Internet Explorer, Word: .mht)."""

    data: bytes  # the page's HTML as it was served (b"": the archive holds no HTML page)
    content_type: str | None  # its part's Content-Type (its charset, when given)
    location: str | None  # the URL it was saved from


# A web archive starts with MIME headers (Blink's "From: <Saved by Blink>", then Subject,
# Date, MIME-Version, and a multipart/related Content-Type folded over lines), which no HTML
# page, feed or text does: the header block, read up to its blank line.
_HEADER_LINE = lazy_compile(rb"[A-Za-z][A-Za-z0-9-]*:")
_HEADERS_END = lazy_compile(rb"\r?\n\r?\n")
_MULTIPART_RELATED = lazy_compile(rb"^content-type:\s*multipart/related", re.I | re.M)
_ARCHIVE_HEADERS_MAX = 16384


def is_web_archive(data: bytes) -> bool:
    """Whether ``data`` starts as a web archive does (MIME headers, multipart/related)."""
    end = _HEADERS_END.search(data, 0, _ARCHIVE_HEADERS_MAX)
    return (end is not None and _HEADER_LINE.match(data) is not None
            and _MULTIPART_RELATED.search(data, 0, end.start()) is not None
            and b"mime-version:" in data[:end.start()].lower())


def saved_page(data: bytes) -> SavedPage | None:
    """The page a web archive holds (RFC 2557 MHTML: the root part its ``start`` parameter
    names, else its first text/html part, decoded from quoted-printable or base64), or None
    when ``data`` is no web archive. Its other parts (pictures, style sheets) are not read:
    the page's HTML keeps their URLs, as served."""
    if not is_web_archive(data):
        return None
    # Loaded only for an archive: tests/test_lazy_imports.py::
    # test_checking_files_loads_no_email_parser.
    from email.parser import BytesParser
    from email.policy import compat32

    archive = BytesParser(policy=compat32).parsebytes(data)
    start = (archive.get_param("start") or "")
    start = start.strip() if isinstance(start, str) else ""
    pages = [part for part in archive.walk() if part.get_content_type() == "text/html"]
    root = next((p for p in pages if start and (p.get("Content-ID") or "").strip() == start),
                pages[0] if pages else None)
    location = (archive.get("Snapshot-Content-Location")
                or archive.get("X-Snapshot-Content-Location")
                or (root.get("Content-Location") if root is not None else None))
    if root is None:
        return SavedPage(b"", None, location)
    body = root.get_payload(decode=True)
    return SavedPage(body if isinstance(body, bytes) else b"", root.get("Content-Type"),
                     location)


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """The page without its byte-order mark, and the encoding the mark names."""
    for bom, name in _BOMS:
        # a UTF-16 mark counts only before two more bytes, not both zero (UTF-32's mark)
        not_utf16 = len(bom) == 2 and (len(data) < 4 or data[2:4] == b"\0\0")
        if data.startswith(bom) and not not_utf16:
            return data[len(bom):], name
    return data, None


def _declared_inside(body: bytes) -> str | None:
    """The encoding the document declares of itself near its start, lower-cased."""
    m = _XML_DECLARATION.search(body, endpos=1024) or _META_CHARSET.search(
        body, endpos=max(2048, len(body) // 20))
    return m.group(1).decode("ascii", "replace").lower() if m and m.group(1) else None


def _codecs(names: list[str | None]) -> list[str]:
    """The Python codecs these charset names name, each once, in order; unknown ones left
    out ("macintosh" is mac-roman, "x-sjis" shift-jis, as browsers read them)."""
    found: list[str] = []
    for name in names:
        if not name:
            continue
        name = {"macintosh": "mac-roman", "x-sjis": "shift-jis"}.get(name.lower(), name)
        try:
            codec = codecs.lookup(name).name
        except (LookupError, ValueError):
            continue
        if codec not in found:
            found.append(codec)
    return found
