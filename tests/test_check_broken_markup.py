"""Pages whose markup is broken in ways a browser shrugs off are judged, never a traceback:
a document holding no element at all (a doctype or comments alone, a page cut inside its
first tag), a link left open directly in the body, which then holds the rest of the page
(no block around it), and links whose URL no browser follows. All were found by mutating
the corpus's pages at random (each raised from check_page: lxml's "Document is empty", a
StopIteration in locate._block_within, urlsplit's ValueError in furniture and conversation).
The pages are built in memory around our own republication of the recorded articles
(conftest), whose text is left as it is."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_fragment, parse_page
from syndication.models import Article
from syndication.urls import url_parts


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html>",
    "<!-- saved from url=(0014)about:internet -->\n",
    "<?xml-stylesheet href='a.css'?>",
    "<!DOCTYPE html><html",  # cut inside its first tag
    '<!DOCTYPE html>\n<html lang="en',
])
def test_a_document_without_elements_is_an_empty_page(html: str) -> None:
    root = parse_page(html)
    assert root.tag == "html" and [el.tag for el in root] == ["body"]
    assert not "".join(root.itertext()).strip()
    # a feed entry's content of that kind: nothing (a comment, at most)
    assert not [el for el in parse_fragment(html).iter() if isinstance(el.tag, str)][1:]


@pytest.mark.parametrize("html", ["<!DOCTYPE html>", "<!-- x -->", "<!DOCTYPE html><html"])
def test_an_empty_page_is_judged_not_compliant(html: str, en_republished: tuple[Article, str]
                                               ) -> None:
    article, _ = en_republished
    verdict = check_page(html, article, plain=False)
    assert not verdict.compliant


# A link left open before the article, with no block element around it: the browser (and
# libxml2) keeps the rest of the page inside it.
_OPEN_LINK_SHAPES = [
    '<html><body><a href="{profile}">{name}\n{code}</body></html>',
    '<body><a href="{profile}">{name}{code}',
    '<html><body><a href="https://example.org/">Home</a> <a href="{profile}">{name}'
    "<p>{code}</p></body></html>",
]


@pytest.mark.parametrize("shape", _OPEN_LINK_SHAPES)
@pytest.mark.parametrize("which", ["en_republished", "fr_republished"])
def test_a_link_left_open_in_the_body_is_judged(shape: str, which: str,
                                                request: pytest.FixtureRequest) -> None:
    article, code = request.getfixturevalue(which)
    author = article.authors[0]
    page = shape.format(profile=author.profile_url or "https://theconversation.com/profiles/a",
                        name=author.name, code=code)
    verdict = check_page(page, article, plain=False)
    assert verdict.article_id == article.article_id
    assert verdict.findings  # every rule answered, whatever it found


# URLs urlsplit refuses (ValueError): an unclosed or bad IPv6 literal, a host holding "#"
# once NFKC-normalised. A browser follows none of them.
_MALFORMED = ["http://[oops/", "https://[x]/a", "https://exa\uff03mple.org/", "//[/x",
              "http://[::1/"]
# where a page holds links: its menu, a "read more" line, a linked logo, a captioned picture
_PLACES = ['<nav><ul><li><a href="{u}">Home</a></li><li><a href="{u}#x">News</a></li></ul></nav>',
           '<p><a href="{u}">Read more</a></p>',
           '<a href="{u}"><img src="{u}" alt="The Conversation"></a>',
           '<figure><img src="{u}"><figcaption>Photo: Jane Doe</figcaption></figure>']


@pytest.mark.parametrize("url", _MALFORMED)
def test_a_malformed_url_has_no_parts(url: str) -> None:
    parts = url_parts(url)
    assert (parts.scheme, parts.netloc, parts.path, parts.query, parts.fragment) == ("",) * 5
    assert url_parts("https://example.org/a?b#c").path == "/a"


@pytest.mark.parametrize("place", _PLACES)
@pytest.mark.parametrize("url", _MALFORMED)
def test_a_malformed_link_is_judged_as_a_link_to_nothing(url: str, place: str,
                                                         en_republished: tuple[Article, str]
                                                         ) -> None:
    article, code = en_republished
    page = ("<!DOCTYPE html><html><head><title>{t}</title></head><body>{place}<article>"
            "<h1>{t}</h1>{code}</article>{place}</body></html>")
    verdicts = [check_page(page.format(t=article.title, code=code, place=place.format(u=u)),
                           article, plain=False) for u in (url, "https://example.org/")]
    assert [(v.compliant, [f.rule for f in v.failed]) for v in verdicts] == [
        (verdicts[1].compliant, [f.rule for f in verdicts[1].failed])] * 2
