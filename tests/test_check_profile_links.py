"""author-credit when co-authors' names link each other's profiles (F63):
every profile is linked, but not from its author's name, so a reader who clicks one author
lands on the other. Built in memory from the real samples: the French two-author article
(212649, from the built French feed) and the five authors of the recorded Spanish
republication tc-republished-basic-es-159013.html; the right links, an avatar linked beside
each name, and a name linked to its own profile twice pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndication.compliance import check_page
from syndication.models import Article, Author

from .corpus.originals import originals
from .pages import explain, sub, third_party_page

SAMPLES = Path(__file__).parent / "data" / "tc-samples"


def _swapped(html: str, first: Author, second: Author) -> str:
    a, b = first.profile_url or "", second.profile_url or ""
    html = sub(html, f'href="{a}"', 'href="@@first@@"')
    html = sub(html, f'href="{b}"', f'href="{a}"')
    return sub(html, 'href="@@first@@"', f'href="{b}"')


def _page(article: Article, code: str) -> str:
    return third_party_page(code, title=article.title, author="a reader")


def test_two_co_authors_profile_links_swapped_fail_naming_both(
        fr_republished: tuple[Article, str]) -> None:
    article, code = fr_republished
    first, second = article.authors[:2]
    verdict = check_page(_page(article, _swapped(code, first, second)), article)
    assert [f.rule for f in verdict.failed] == ["author-credit"], explain(verdict)
    detail = verdict.finding("author-credit").detail
    assert (f"{first.name}'s name links {second.name}'s profile {second.profile_url}, not "
            f"their own ({first.profile_url})") in detail
    assert f"{second.name}'s name links {first.name}'s profile" in detail


def test_the_same_code_with_its_links_passes(fr_republished: tuple[Article, str]) -> None:
    article, code = fr_republished
    verdict = check_page(_page(article, code), article)
    assert verdict.compliant, explain(verdict)


def test_a_retyped_byline_with_its_links_swapped_fails(
        fr_republished: tuple[Article, str]) -> None:
    """The byline typed again in the theme's header, the code's own taken out."""
    article, code = fr_republished
    first, second = article.authors[:2]
    start = code.index('<p class="tc-byline">')
    code = code[:start] + code[code.index("</p>", start) + 4:]
    byline = (f'<p class="byline">Par <a href="{second.profile_url}">{first.name}</a> '
              f'({first.institution}) et <a href="{first.profile_url}">{second.name}</a> '
              f'({second.institution})</p>')
    verdict = check_page(_page(article, byline + code), article)
    assert [f.rule for f in verdict.failed] == ["author-credit"], explain(verdict)


def test_avatars_linking_each_profile_beside_the_names_pass(
        fr_republished: tuple[Article, str]) -> None:
    """A co-authors strip of avatars (no text) above the byline: each avatar's link is no
    name's."""
    article, code = fr_republished
    avatars = "".join(f'<a href="{a.profile_url}"><img src="https://publisher.example/a{k}.jpg"'
                      f' alt="" width="48" height="48"></a>'
                      for k, a in enumerate(article.authors))
    verdict = check_page(_page(article, f'<div class="authors">{avatars}</div>' + code), article)
    assert verdict.compliant, explain(verdict)


def _spanish() -> tuple[Article, str]:
    """The recorded Spanish page's five authors as its byline gives them, and the page."""
    o = originals()["es-159013"]
    return o.article, o.code


@pytest.mark.parametrize(("i", "k"), [(0, 1), (3, 4), (1, 4)])
def test_any_two_of_five_authors_swapped_fail(i: int, k: int) -> None:
    article, code = _spanish()
    first, second = article.authors[i], article.authors[k]
    verdict = check_page(_page(article, _swapped(code, first, second)), article)
    assert [f.rule for f in verdict.failed] == ["author-credit"], explain(verdict)
    detail = verdict.finding("author-credit").detail
    assert f"{first.name}'s name links {second.name}'s profile" in detail
    assert f"{second.name}'s name links {first.name}'s profile" in detail
    others = [a.name for n, a in enumerate(article.authors) if n not in (i, k)]
    assert not any(f"{name}'s name" in detail for name in others)


def test_the_spanish_page_as_recorded_credits_every_author() -> None:
    article, code = _spanish()
    verdict = check_page(_page(article, code), article)
    assert verdict.finding("author-credit").ok is True, explain(verdict)
