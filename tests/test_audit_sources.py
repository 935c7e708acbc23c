"""What an audit's SOURCE lists (syndication/audit/sources.py): WordPress's RSS with and
without full content, Atom, sitemaps and sitemap indexes (gzipped too), URL lists, a page;
and one clear error for what is none of these."""

from __future__ import annotations

import gzip

import pytest

from syndication.audit.records import SitemapRef
from syndication.audit.sources import read_listing, read_url_list
from syndication.errors import ParseError

BASE = "https://news.example.org"
WP_FULL = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>News</title><link>{BASE}/</link>
<item><title>  Sea stars
 and kelp </title><link>{BASE}/2025/sea-stars/</link>
<description><![CDATA[The first lines […]]]></description>
<content:encoded><![CDATA[<p>The whole post.</p><p>Its second paragraph.</p>]]></content:encoded>
</item>
<item><title>Links only</title><link>{BASE}/2025/links-only/</link>
<description>An excerpt […]</description></item>
<item><title>No link</title><guid isPermaLink="false">{BASE}/?p=3</guid></item>
<item><title>Guid as link</title><guid>{BASE}/2025/by-guid/</guid></item>
</channel></rss>"""


def test_wordpress_rss_with_full_content_and_links_only() -> None:
    listing = read_listing(WP_FULL.encode(), f"{BASE}/feed/", "application/rss+xml")
    assert listing.kind == "rss"
    assert [c.url for c in listing.candidates] == [
        f"{BASE}/2025/sea-stars/", f"{BASE}/2025/links-only/", f"{BASE}/2025/by-guid/"]
    full, links, _guid = listing.candidates
    assert full.entry_html == "<p>The whole post.</p><p>Its second paragraph.</p>"
    assert full.entry_title == "Sea stars and kelp"
    assert links.entry_html is None  # an excerpt is not the republication
    assert listing.problems == ("item 3: no <link>",)


def test_atom_with_html_and_xhtml_content_and_relative_links() -> None:
    atom = f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>One</title><link rel="alternate" href="/one/"/>
<content type="html">&lt;p&gt;Body one&lt;/p&gt;</content></entry>
<entry><title>Two</title><link href="{BASE}/two/"/><link rel="enclosure" href="/a.mp3"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body two</p></div></content>
</entry><entry><title>Three</title><link rel="self" href="/x"/></entry></feed>"""
    listing = read_listing(atom.encode(), f"{BASE}/feed/atom/")
    assert listing.kind == "atom"
    one, two = listing.candidates
    assert (one.url, one.entry_html) == (f"{BASE}/one/", "<p>Body one</p>")
    assert two.url == f"{BASE}/two/" and two.entry_html is not None
    assert "Body two" in two.entry_html
    assert listing.problems == ('entry 3: no <link rel="alternate">',)


SITEMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{BASE}/a/</loc><lastmod>2025-01-01</lastmod></url>
<url><loc> {BASE}/b/ </loc></url><url><loc>ftp://x/</loc></url></urlset>"""


@pytest.mark.parametrize("compress", [False, True])
def test_a_sitemap_plain_or_gzipped(compress: bool) -> None:
    data = SITEMAP.encode()
    listing = read_listing(gzip.compress(data) if compress else data, f"{BASE}/sitemap.xml")
    assert listing.kind == "sitemap"
    assert [c.url for c in listing.candidates] == [f"{BASE}/a/", f"{BASE}/b/"]
    assert listing.problems == ("<url> 3: no http(s) URL in <loc>",)


def test_a_sitemap_index_lists_its_sitemaps() -> None:
    index = f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{BASE}/post-sitemap.xml</loc></sitemap>
<sitemap><loc>/page-sitemap.xml</loc><lastmod> 2025-09-01T10:00:00+00:00 </lastmod></sitemap>
</sitemapindex>"""
    listing = read_listing(index.encode(), f"{BASE}/sitemap_index.xml")
    assert (listing.kind, listing.candidates) == ("sitemap index", ())
    assert listing.sitemaps == (SitemapRef(f"{BASE}/post-sitemap.xml"),
                                SitemapRef(f"{BASE}/page-sitemap.xml",
                                           "2025-09-01T10:00:00+00:00"))


def test_a_page_names_itself() -> None:
    listing = read_listing(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>",
                           f"{BASE}/p/", "text/html")
    assert listing.kind == "page" and [c.url for c in listing.candidates] == [f"{BASE}/p/"]


def test_a_url_list_skips_comments_and_names_bad_lines() -> None:
    listing = read_url_list(f"# mine\n{BASE}/a/\n\n  {BASE}/b/  \nnot a url\nhttp://[bad/x\n",
                            "@urls.txt")
    assert [c.url for c in listing.candidates] == [f"{BASE}/a/", f"{BASE}/b/"]
    assert listing.problems == ("line 5: 'not a url' is not an http(s) URL",
                                "line 6: 'http://[bad/x' is not an http(s) URL")


def test_a_malformed_link_or_loc_is_a_problem_not_a_crash() -> None:
    """A link whose brackets do not close cannot even be joined to its base."""
    sitemap = (f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>{BASE}/a/</loc></url><url><loc>http://[bad/</loc></url></urlset>")
    listing = read_listing(sitemap.encode(), f"{BASE}/sitemap.xml")
    assert [c.url for c in listing.candidates] == [f"{BASE}/a/"]
    assert listing.problems == ("<url> 2: no http(s) URL in <loc>",)
    rss = (f'<rss version="2.0"><channel><item><link>{BASE}/a/</link></item>'
           "<item><link>//[bad/p</link></item></channel></rss>")
    listing = read_listing(rss.encode(), f"{BASE}/feed/")
    assert [c.url for c in listing.candidates] == [f"{BASE}/a/"]
    assert listing.problems == ("'//[bad/p' is not an http(s) URL",)


@pytest.mark.parametrize(("data", "message"), [
    (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "root element is 'opml'"),
    (b'<?xml version="1.0"?><rss><channel><item></channel></rss>', "not well-formed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>',
     "refused unsafe XML"),
    (b"just some words", "neither a feed (RSS or Atom), a sitemap nor an HTML page"),
    (b"\x1f\x8b\x08garbage", "not a readable gzip file"),
    (b"", "empty: nothing in it to read"),
    (b" \n\t\n", "empty: nothing in it to read"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file, not a feed"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image, not a feed"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a zip archive"),
    (bytes(range(256)) * 4, "binary data, not a feed"),
    # a gzipped sitemap is read (test_a_sitemap_plain_or_gzipped); what it inflates to is
    # judged as the file itself would be
    (gzip.compress(b"\x00\x01\x02\x03" * 2048), "binary data, not a feed"),
])
def test_what_is_no_source_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as e:
        read_listing(data, "site.xml")
    assert str(e.value).startswith("site.xml: ") and message in str(e.value)
