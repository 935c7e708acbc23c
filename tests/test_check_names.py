"""author-credit's evidence for a misspelt name (issue 9): the near miss found in the credit
is named with what differs ("“Rebeca Vega Thurber” is not “Rebecca Vega Thurber” (a doubled
letter written once)"), for each kind of near miss, in several names and languages; the right
name, or the name without accents or in capitals (compared as the rule compares), passes."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.compliance.names import near_miss
from syndication.models import Article
from syndication.republish import republish
from syndication.tokens import words

from .pages import sub, third_party_page

NEAR_MISSES = [
    # (the author, as the byline writes it, what differs)
    ("Rebecca Vega Thurber", "Rebeca Vega Thurber", "a doubled letter written once"),
    ("Srinivas Garimella", "Srinivas Garimela", "a doubled letter written once"),
    ("Rebecca Vega Thurber", "Rebbecca Vega Thurber", "a letter doubled"),
    ("Luis Gascó", "Lus Gascó", "a letter missing"),
    ("Léa Beaumont", "Léa Beaumon", "a letter missing"),
    ("Léa Beaumont", "Léa Beaumonte", "a letter added"),
    ("Rebecca Vega Thurber", "Rebecca Vaga Thurber", "a letter changed"),
    ("Luis Gascó", "Luis Gasca", "a letter changed"),
    ("Rebecca Vega Thurber", "Rebecca Vega Thruber", "two letters swapped"),
    ("Luis Gascó", "Gascó, Luis", "its words in another order"),
    ("Léa Beaumont", "Beaumont Léa", "its words in another order"),
    ("Matthew T. Hughes", "Mathew T. Hughes", "a doubled letter written once"),
]


@pytest.mark.parametrize(("name", "written", "how"), NEAR_MISSES)
def test_a_near_miss_is_named_with_what_differs(name: str, written: str, how: str) -> None:
    credit = words(f"Por {written}, Universidad Politécnica de Madrid. Lea el original.")
    miss = near_miss(name, credit)
    assert miss is not None
    assert (miss.found, miss.how) == (written, how)
    assert miss.describe(name) == f"“{written}” is not “{name}” ({how})"


@pytest.mark.parametrize("written", ["Luis Gascó", "LUIS GASCÓ", "Luis Gasco"])
def test_the_name_itself_is_no_near_miss(written: str) -> None:
    assert near_miss("Luis Gascó", words(f"Por {written}, UPM")) is None


@pytest.mark.parametrize("credit", [
    "Por Ana Pérez, Universidad de Sevilla",  # another name altogether
    "Por Luisa Gascón, UPM",  # two letters away
    "Por Luis, UPM",  # a word short
])
def test_a_name_more_than_one_edit_away_is_not_named(credit: str) -> None:
    assert near_miss("Luis Gascó", words(credit)) is None


def test_a_co_authors_name_is_never_the_near_miss() -> None:
    """Two authors whose names are one letter apart: each is found as itself."""
    credit = words("By Ann Lee and Anne Lee, University of Leeds")
    assert near_miss("Anna Lee", credit, others=["Ann Lee", "Anne Lee"]) is None


@pytest.mark.parametrize(("written", "how"), [
    ("Rebeca Vega Thurber", "a doubled letter written once"),
    ("Rebecca Vega Thruber", "two letters swapped"),
    ("Vega Thurber, Rebecca", "its words in another order"),
])
def test_a_misspelt_byline_fails_author_credit_naming_the_near_miss(
    env_article: Article, written: str, how: str
) -> None:
    name = env_article.authors[0].name
    code = sub(republish(env_article).html, f">{name}</a>", f">{written}</a>")
    page = third_party_page(code, title=env_article.title, author="a reader")
    verdict = check_page(page, env_article)
    assert [f.rule for f in verdict.failed] == ["author-credit"]
    assert f"“{written}” is not “{name}” ({how})" in verdict.finding("author-credit").detail


def test_a_byline_without_accents_or_in_capitals_still_passes(
    fr_articles: tuple[Article, ...]
) -> None:
    article = fr_articles[1]
    name = article.authors[0].name  # Léa Beaumont
    for written in ("Lea Beaumont", "LÉA BEAUMONT"):
        code = sub(republish(article).html, f">{name}</a>", f">{written}</a>")
        page = third_party_page(code, title=article.title, author="a reader")
        assert check_page(page, article).compliant, written
