"""Pages whose markup is broken in ways a browser shrugs off are judged, never a traceback:
a document holding no element at all (a doctype or comments alone, a page cut inside its
first tag), a link left open directly in the body, which then holds the rest of the page
(no block around it), and links whose URL no browser follows. All were found by mutating
the corpus's pages at random (each raised from check_page: lxml's "Document is empty", a
StopIteration in locate._block_within, urlsplit's ValueError in furniture and conversation).
The pages are built in memory around our own republication of the recorded articles
(conftest), whose text is left as it is."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_fragment, parse_page
from syndication.models import Article
from syndication.urls import url_parts

from .corpus.cases import CASES, FR1, NOT_COMPLIANT, Case
from .corpus.judge import build
from .corpus.layouts import LAYOUTS
from .corpus.originals import originals


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


# What a host, a plugin or an editor puts after a page's </html>: a browser shows it at the
# end of the body. libxml2 gave it a root of its own, which every page holding one turned
# into a StopIteration (600 of 600 corpus pages with one of these after </html>).
_LATE = {
    "script": "<script>window.dataLayer = window.dataLayer || [];</script>",
    "pixel": '<img src="https://stats.example.org/p.gif" width="1" height="1" alt="">',
    "ad": '<div class="ad"><a href="https://ads.example/">Advertisement</a></div>',
    "host": "<p>Hosted by Example Hosting.</p>",
}
# one page of each of the corpus's HTML layouts (plain text has no end tag), as pasted
_LAYOUT_CASES = {c.layout: c for c in reversed(CASES) if c.edit is None and c.original == FR1
                 and LAYOUTS[c.layout].kind != "plain"}


def _verdict(page: str, article: Article) -> tuple[bool, list[str]]:
    v = check_page(page, article, plain=False)
    return v.compliant, sorted(f.rule for f in v.failed)


@pytest.mark.parametrize("case", sorted(_LAYOUT_CASES.values(), key=lambda c: c.layout),
                         ids=lambda c: c.layout)
def test_what_follows_the_end_of_a_page_is_read_as_its_body_end(case: Case) -> None:
    o = originals()[case.original]
    page = build(case)
    assert page.count("</html>") == 1
    alone = _verdict(page, o.article)
    late = page.replace("</html>", "</html>\n" + "".join(_LATE.values()))
    assert _verdict(late, o.article) == alone
    edited = build(replace(case, edit="edited-word", expected=NOT_COMPLIANT))
    assert "unaltered-text" in _verdict(
        edited.replace("</html>", "</html>\n" + _LATE["script"]), o.article)[1]


def test_a_counter_after_the_end_of_a_page_is_loaded_as_a_browser_loads_it() -> None:
    case = _LAYOUT_CASES["wp-astra"]
    o = originals()[case.original]
    page = build(case)
    counter = re.search(r'<img[^>]*counter\.theconversation\.com[^>]*>', page)
    assert counter is not None
    without = page.replace(counter.group(0), "")
    assert "page-counter" in _verdict(without, o.article)[1]
    moved = without.replace("</html>", "</html>\n" + counter.group(0))
    assert "page-counter" not in _verdict(moved, o.article)[1]


# A typo in a tag (`<div" style=…>`) that libxml2 reads as an element named `div"`, which
# lxml then refuses to name again: hidden (so renamed while the text is read), it raised
# ValueError (60 of 62 corpus pages given one such hidden element).
_TYPO_TAGS = ['<div{q} style="display:none">Subscribe to our newsletter</div>',
              '<p>See also <span{q} hidden>our other stories</span></p>']


@pytest.mark.parametrize("snippet", _TYPO_TAGS)
@pytest.mark.parametrize("case", sorted(_LAYOUT_CASES.values(), key=lambda c: c.layout),
                         ids=lambda c: c.layout)
def test_a_hidden_element_with_a_typo_in_its_tag_is_judged_as_any(case: Case, snippet: str
                                                                   ) -> None:
    o = originals()[case.original]
    page = build(case)
    typo, plain = (page.replace("</body>", snippet.format(q=q) + "</body>", 1)
                   for q in ('"', ""))
    assert _verdict(typo, o.article) == _verdict(plain, o.article)
