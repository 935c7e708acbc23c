"""Bytes of a page read from outside (`syndication check` input, the audit's pages and URL
lists) -> text. The only user of bs4, for its encoding sniffer; lxml parses every page."""

from __future__ import annotations

import re

from bs4 import UnicodeDammit

_DECLARED = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def decode(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page -> text: the charset the server declared, else what the document
    says (BOM, <meta charset>), else a guess (UnicodeDammit, made for this: it reads the
    document's own declaration, which charset-normalizer alone would not, and guesses with
    charset-normalizer, installed with requests)."""
    declared = []
    if content_type:
        m = _DECLARED.search(content_type)
        if m:
            declared.append(m.group(1))
    dammit = UnicodeDammit(data, known_definite_encodings=declared, is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("utf-8", "replace")
    return str(dammit.unicode_markup)
