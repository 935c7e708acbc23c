"""Build ``syndication/samples/tc-feed-fr-built-2-entries.atom`` from the two recorded French
article pages (tests/data/tc-samples/tc-article-*-fr.html).

No multi-entry feed of The Conversation was recorded (tc-samples/README.md), so this one is
built exactly as docs/the-conversation.md#entry-shape describes an Atom entry: the article
body is the page's ``div[itemprop=articleBody]`` inner HTML copied character for character
(never re-serialised), followed by the page counter docs/the-conversation.md#page-counter
gives for the article's id and the page's disclosure statement as
``<p class="fine-print"><em><span>…</span></em></p>``. Authors are "Name, Role" from each
``li.vcard`` (the role already ends with the institution), with the profile URL in
``foaf:homepage``. tests/test_samples_integrity.py checks that the shipped file is exactly
what this script writes.

    python tests/tools/build_fr_feed.py [OUT]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("tc-article-212649-fr.html", "tc-article-209538-fr.html")  # newest first
OUT = ROOT / "syndication" / "samples" / "tc-feed-fr-built-2-entries.atom"
RIGHTS = "Licensed as Creative Commons – attribution, no derivatives."
COUNTER = ('<img src="https://counter.theconversation.com/content/{n}/count.gif" '
           'alt="The Conversation" width="1" height="1" />')


def inner_html(page: str, opening: str, tag: str) -> str:
    """The exact text between the element opened at ``opening`` and its matching close."""
    start = page.index(">", page.index(opening)) + 1
    depth = 1
    for m in re.finditer(rf"<{tag}\b|</{tag}>", page[start:]):
        depth += 1 if m.group().startswith(f"<{tag}") else -1
        if depth == 0:
            return page[start:start + m.start()]
    raise ValueError(f"unclosed <{tag}> after {opening!r}")


def entry(page: str) -> tuple[str, str]:
    doc = lxml.html.document_fromstring(page)

    def meta(prop: str) -> str:
        return str(doc.xpath(f'string(//meta[@property="{prop}"]/@content)'))

    canonical = str(doc.xpath('string(//link[@rel="canonical"]/@href)'))
    n = re.search(r"-(\d+)$", canonical)
    assert n, canonical
    published = str(doc.xpath('string(//time[@itemprop="datePublished"]/@datetime)'))
    body = inner_html(page, 'itemprop="articleBody"', "div")
    disclosure_section = inner_html(page, '<section class="content-disclosure-statement">',
                                    "section")
    span = re.search(r"<span>.*?</span>", disclosure_section, re.DOTALL)
    assert span, "no disclosure statement"
    content = (body + COUNTER.format(n=n.group(1)) + "\n"
               + f'<p class="fine-print"><em>{span.group()}</em></p>')
    authors = []
    for li in doc.xpath('//li[contains(concat(" ", @class, " "), " vcard ")]'):
        name = str(li.xpath('string(.//span[contains(@class, "author-name")])')).strip()
        role = str(li.xpath('string(.//p[@class="role"])')).strip()
        href = "https://theconversation.com" + str(li.xpath('string(.//a[@rel="author"]/@href)'))
        authors.append(
            "    <author>\n"
            f"      <name>{escape(f'{name}, {role}')}</name>\n"
            f"      <foaf:homepage rdf:resource={quoteattr(href)}/>\n"
            "    </author>\n"
        )
    xml = (
        "  <entry>\n"
        f"    <id>tag:theconversation.com,2011:article/{n.group(1)}</id>\n"
        f"    <published>{published}</published>\n"
        f"    <updated>{meta('og:updated_time')}</updated>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(canonical)}/>\n'
        f"    <title>{escape(meta('og:title'))}</title>\n"
        f'    <content type="html">{escape(content)}</content>\n'
        f"    <summary>{escape(meta('og:description'))}</summary>\n"
        + "".join(authors)
        + f"    <rights>{RIGHTS}</rights>\n"
        "  </entry>\n"
    )
    return meta("og:updated_time"), xml


def build() -> str:
    entries = [entry((ROOT / "tests/data/tc-samples" / p).read_text(encoding="utf-8"))
               for p in PAGES]
    updated = max(u for u, _ in entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!-- BUILT FIXTURE, not a recording: no multi-entry feed of The Conversation was\n"
        "     recorded. Built by tests/tools/build_fr_feed.py from the recorded pages\n"
        "     tc-article-212649-fr.html and tc-article-209538-fr.html (origins in\n"
        "     tests/data/tc-samples/README.md) in the shape an Atom entry has\n"
        "     (docs/the-conversation.md#entry-shape): article text copied character for\n"
        "     character, counter and disclosure as those docs describe.\n"
        "     The articles are The Conversation's, under CC BY-ND 4.0: do not edit. -->\n"
        '<feed xml:lang="fr-FR" xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:foaf="http://xmlns.com/foaf/0.1/" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        "  <id>tag:theconversation.com,2011:/fr/articles</id>\n"
        '  <link rel="alternate" type="text/html" href="https://theconversation.com"/>\n'
        '  <link rel="self" type="application/atom+xml" '
        'href="https://theconversation.com/fr/articles.atom"/>\n'
        "  <title>The Conversation – France (built fixture)</title>\n"
        f"  <updated>{updated}</updated>\n"
        + "".join(xml for _, xml in entries)
        + "</feed>\n"
    )


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.write_text(build(), encoding="utf-8")
    print(f"wrote {out}")
