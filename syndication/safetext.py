"""Pure: what text and URLs may go where. The characters XML 1.0 forbids (a feed holding one
is not XML), the URL schemes we publish, passwords taken out of URLs before they are shown,
and text made safe to print on a terminal. Every stage asks here; nothing here does I/O."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .lazyre import lazy_compile

# XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# Also refused, though XML allows them: C1 controls and DEL (XML 1.0 §2.2 "discouraged"; a
# terminal obeys them) and the Unicode non-characters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF of
# every plane (discouraged too; libxml2 refuses U+FFFE/U+FFFF when it writes a feed).
_BMP_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_ASTRAL_NONCHARACTERS = "".join(chr((plane << 16) | low) for plane in range(1, 17)
                                for low in (0xFFFE, 0xFFFF))
# Written for speed, the same set: one class re scans fast (the BMP's characters and a single
# astral range), each match confirmed by a look-behind. A class listing the 32 astral
# non-characters one by one is tested range by range at every character, 13 times slower
# (0.7 ms on a 20 KB article, twice per article per run).
FORBIDDEN = lazy_compile(
    f"[{_BMP_FORBIDDEN}\U0001fffe-\U0010ffff](?<=[{_BMP_FORBIDDEN}{_ASTRAL_NONCHARACTERS}])")
# A numeric character reference in HTML (the semicolon is optional in HTML5): the content
# of an Atom entry is HTML, so "&amp;#xFFFF;" in the feed is U+FFFF once the HTML is read.
_CHAR_REF = lazy_compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")


# Most texts hold none of them, and saying so is the common question. re reads a long text
# position by position (12 ns a character: 0.25 ms for an article, read when its feed is
# parsed and again when its republication is published); the same answer in UTF-8 from
# bytes.translate and searches with a literal first byte (memchr-fast), each a superset
# test: every forbidden character is a forbidden ASCII byte, a C1 control (\xc2\x80-\x9f),
# a BMP non-character (\xef\xb7\x90-\xaf, \xef\xbf\xbe-\xbf), a lone surrogate (which
# UTF-8 refuses) or astral (a lead byte \xf0-\xf4). Any hint sends the text to FORBIDDEN.
_ASCII_FORBIDDEN = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_A_HINT = bytes(b for b in range(256) if b not in {*_ASCII_FORBIDDEN, *range(0xF0, 0xF5)})
_C1_UTF8 = lazy_compile(rb"\xc2[\x80-\x9f]")
_BMP_NONCHARACTER_UTF8 = lazy_compile(rb"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])")
_SHORT = 256  # shorter texts: FORBIDDEN at once costs less than the test
# The hints a well-formed XML document may hold: DEL and the lead bytes of astral characters.
_XML_HINTS = (b"\x7f", b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def search_forbidden(text: str) -> re.Match[str] | None:
    """FORBIDDEN.search(text), faster on long texts that hold no forbidden character."""
    if len(text) >= _SHORT:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: forbidden
            return FORBIDDEN.search(text)
        if not utf8_may_hold_forbidden(data):
            return None
    return FORBIDDEN.search(text)


def utf8_may_hold_forbidden(data: bytes, *, well_formed_xml: bool = False) -> bool:
    """Whether the UTF-8 bytes ``data`` may hold a character FORBIDDEN finds: the superset
    test above (False is certain; True says to look closer). ``well_formed_xml``: ``data``
    is an XML document its parser accepted, so it holds no control but tab, LF, CR and DEL
    (XML 1.0 §2.2): DEL and the astral lead bytes are looked for one by one (memchr), a
    tenth of what bytes.translate costs (0.02 M against 0.22 M instructions an entry of
    benchmarks/run.py's source feeds, callgrind). A BMP non-character needs a byte \xef,
    rare: looked for first (memchr), the pattern is searched only when there is one."""
    if well_formed_xml:
        hint = any(byte in data for byte in _XML_HINTS)
    else:
        hint = bool(data.translate(None, _NOT_A_HINT))
    return (hint or _C1_UTF8.search(data) is not None
            or (b"\xef" in data and _BMP_NONCHARACTER_UTF8.search(data) is not None))


def is_forbidden(char: str) -> bool:
    """Whether one character may not be published: FORBIDDEN's set, told by its code (what
    a numeric character reference stands for; compiling FORBIDDEN to ask of one character
    cost a `check PAGE` 5 M instructions, issue 13; tests/test_regex_stand_ins.py holds the
    two equal over every code point)."""
    code = ord(char)
    return ((code < 0x20 and char not in "\t\n\r") or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE)


def forbidden_character(text: str, *, html: bool = False) -> str | None:
    """A description of the first character of ``text`` we refuse to publish, e.g.
    "U+FFFF at character 1204", or None when there is none. With ``html``, numeric character
    references (``&#x1b;``) count as the characters they stand for."""
    m = search_forbidden(text)
    if m is not None:
        return f"U+{ord(m.group()):04X} at character {m.start() + 1}"
    return forbidden_reference(text) if html else None


def forbidden_reference(html: str) -> str | None:
    """forbidden_character(html, html=True) of a text known to hold no such character
    itself: the first numeric character reference standing for one, described."""
    if "&#" in html:
        for ref in _CHAR_REF.finditer(html):
            hex_digits, digits = ref.groups()
            code = int(hex_digits, 16) if hex_digits else int(digits)
            if code == 0 or code > 0x10FFFF or is_forbidden(chr(code)):
                return f"{ref.group()!r} (U+{code:04X}) at character {ref.start() + 1}"
    return None


# --- URLs ---------------------------------------------------------------------------------

#: The schemes a published URL may have: links to read, mail to write. Never javascript:,
#: data:, vbscript:, file: or any scheme a reader might hand to another program.
PUBLISHED_SCHEMES = frozenset({"http", "https", "mailto"})
#: Attributes whose value is a URL a browser may load or follow (HTML, SVG, MathML).
URL_ATTRIBUTES = frozenset({
    "action", "background", "cite", "codebase", "data", "dynsrc", "formaction", "href",
    "icon", "longdesc", "lowsrc", "manifest", "ping", "poster", "profile", "src", "usemap",
    "xlink:href", "xml:base", "itemtype", "itemid", "archive", "classid",
})
#: Attributes holding a list of URLs with descriptors ("a.png 1x, b.png 2x").
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# What browsers strip or ignore inside a URL before reading its scheme ("java\tscript:").
_URL_NOISE = lazy_compile(
    r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SCHEME = lazy_compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# A web URL that needs no closer look: printable ASCII (no control, invisible or forbidden
# character, no space), a lower-case http(s) scheme and a plain host. safe_url() would read
# the same scheme and find a host; most URLs of an article are such, and are judged here
# without its character scans.
_PLAIN_WEB_URL = lazy_compile(r"(https?)://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")


def escape(text: str, *, quote: bool = True) -> str:
    """``html.escape``: &, < and > (and with ``quote`` both quotes) as character references.
    Its own copy: importing ``html`` loads html.entities' tables (8.3 M instructions,
    callgrind), which `check PAGE` needs nothing else of."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read in ``url`` (lower case), None for a relative URL.
    Whitespace, control and invisible characters are ignored as browsers ignore them, and
    character references are read, so that "java&#x09;script:" is javascript."""
    cleaned = _URL_NOISE.sub("", _decode_refs(url))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def safe_url(url: str, schemes: frozenset[str] = PUBLISHED_SCHEMES) -> bool:
    """Whether ``url`` may be published in a link or a source attribute: an absolute URL with
    one of ``schemes`` and a host (mailto: excepted), or a relative one with no scheme."""
    plain = _PLAIN_WEB_URL.fullmatch(url)
    if plain is not None and plain.group(1) in schemes:
        return True
    return _safe_url_read(url, schemes)


def _safe_url_read(url: str, schemes: frozenset[str]) -> bool:
    """safe_url() for any URL: read as a browser reads it."""
    if forbidden_character(url) is not None:
        return False
    scheme = url_scheme(url)
    if scheme is None:
        return not url.strip().startswith("//") or _safe_url_read("https:" + url.strip(), schemes)
    if scheme not in schemes:
        return False
    if scheme == "mailto":
        return True
    try:
        return bool(urlsplit(url.strip()).hostname)
    except ValueError:  # a bad port or IPv6 literal
        return False


def safe_srcset(value: str, schemes: frozenset[str] = PUBLISHED_SCHEMES) -> bool:
    """Whether every URL of a ``srcset`` (comma-separated "URL descriptor" candidates) is
    safe_url. A data: URL's own commas make it fail too."""
    for candidate in (c.strip() for c in value.split(",")):
        if not candidate:
            continue
        url, *descriptors = candidate.split()
        if not safe_url(url, schemes) or not all(_DESCRIPTOR.fullmatch(d) for d in descriptors):
            return False  # "java\tscript:…" is a URL and a descriptor no browser takes
    return True


_DESCRIPTOR = lazy_compile(r"\d+(?:\.\d+)?[wxh]")


def _decode_refs(text: str) -> str:
    def char(ref: re.Match[str]) -> str:
        hex_digits, digits = ref.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        return chr(code) if 0 < code <= 0x10FFFF else ""

    return _CHAR_REF.sub(char, text) if "&#" in text else text


# --- secrets and terminals -------------------------------------------------------------

# scheme://user:password@host -> scheme://user:***@host, and scheme://token@host ->
# scheme://***@host: a bare userinfo is as often a token (https://ghp_…@host) as a name.
_USERINFO = lazy_compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^/@\s:]*)(:[^/@\s]*)?@")
# A query parameter whose name says it carries a secret: ?api_key=…, &token=…, &sig=…
_SECRET_PARAM = lazy_compile(
    r"(?i)([?&;][\w.-]*?(?:pass(?:word|wd)?|secret|token|api[_-]?key|access[_-]?key|auth(?!or)"
    r"|sig(?:nature)?|session(?:id)?|credential)[\w.-]*=)[^&;#\s\"'<>]+")


def redact(text: str) -> str:
    """``text`` with the secrets of every URL in it replaced by "***": the password
    (https://user:secret@host/ -> https://user:***@host/), a token given as the user
    (https://***@host/), the value of a query parameter named as a secret (?api_key=***).
    For logs, the terminal, `status`, and the index page."""
    if "@" in text:
        text = _USERINFO.sub(_hide_userinfo, text)
    if "=" in text:
        text = _SECRET_PARAM.sub(r"\1***", text)
    return text


def _hide_userinfo(m: re.Match[str]) -> str:
    scheme, user, password = m.groups()
    return f"{scheme}{user}:***@" if password is not None else f"{scheme}***@"


# Control characters, DEL, C1, and the bidirectional overrides that reorder what follows
# ("Trojan Source"): shown as escapes, never sent to a terminal as they are.
_UNPRINTABLE = lazy_compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                            "\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal or into a log line: ESC, BEL, CR and every other
    control character written as an escape (``\\x1b``, ``\\u202e``), passwords redacted.
    Tabs and newlines stay."""
    text = redact(text)
    # Every character _UNPRINTABLE finds is one str.isprintable refuses (a control, a format
    # character, a line or paragraph separator); most lines hold none, and are let through
    # without compiling the pattern (2 M instructions of a `check PAGE`, issue 13;
    # tests/test_regex_stand_ins.py holds it over every code point).
    if text.isprintable() or text.replace("\t", " ").replace("\n", " ").isprintable():
        return text
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# --- quoting what was read ---------------------------------------------------------------

#: The most of one value (a date, a link, an id, a tag) a message quotes as it was read.
QUOTE_MAX = 120
#: The longest line a run writes on stderr, and keeps (a run's failures, a source's error):
#: cron mails the one, the state database keeps the other for 100 runs.
LINE_MAX = 2000


def quoted(value: str) -> str:
    """``repr(value)`` for a message, its first QUOTE_MAX characters only, saying how long it
    was: an entry's 200 KB date made a 200 KB line (a feed of such entries, 8 MB on stderr
    and in the state file in every run)."""
    if len(value) <= QUOTE_MAX:
        return repr(value)
    return f"{value[:QUOTE_MAX]!r}… ({len(value)} characters)"


def clipped(line: str, limit: int = LINE_MAX) -> str:
    """``line`` cut after ``limit`` characters, saying so: what quotes input that no message
    bounded (a checker's evidence, a library's error) stays one line of bounded size."""
    if len(line) <= limit:
        return line
    return f"{line[:limit]}… (cut: {len(line)} characters in all)"
