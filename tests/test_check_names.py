"""author-credit's evidence for a misspelt name (issue 9): the near miss found in the credit
is named with what differs ("“Rebeca Vega Thurber” is not “Rebecca Vega Thurber” (a doubled
letter written once)"), for each kind of near miss, in several names and languages; the right
name, or the name without accents or in capitals (compared as the rule compares), passes."""

from __future__ import annotations

import dataclasses

import pytest

from syndication.compliance import check_page
from syndication.compliance.names import name_key, near_miss
from syndication.models import Article, Verdict
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


# --- one name, written with other typography (docs/compliance.md#author-credit) -------------

@pytest.mark.parametrize(("name", "written"), [
    ("Matthew T. Hughes", "Matthew T Hughes"),  # the initial's full stop left out
    ("Matthew T Hughes", "Matthew T. Hughes"),  # and added
    ("M.T. Hughes", "M T Hughes"),
    ("M. T. Hughes", "M.T. Hughes"),
    ("Conor O’Brien", "Conor O'Brien"),  # curly and straight apostrophes
    ("Antonio Miranda-Escalada", "Antonio Miranda–Escalada"),  # hyphen and en dash
    ("Antonio Miranda-Escalada", "Antonio\u00a0Miranda\u2011Escalada"),  # no-break space, hyphen
])
def test_a_name_in_other_typography_is_the_name(name: str, written: str) -> None:
    credit = words(f"By {written}, University of Leeds")
    assert name_key(name) == name_key(written)
    assert f" {name_key(name)} " in f" {name_key(' '.join(credit))} "
    assert near_miss(name, credit) is None


@pytest.mark.parametrize(("name", "written", "how"), [
    ("Matthew T. Hughes", "Mathew T Hughes", "a doubled letter written once"),
    ("Matthew T Hughes", "Matthew T. Hugues", "a letter changed"),
    ("Matthew T. Hughes", "Matthew R. Hughes", "a letter changed"),  # another initial
])
def test_a_misspelt_name_is_named_whatever_its_initials_full_stop(
        name: str, written: str, how: str) -> None:
    miss = near_miss(name, words(f"Par {written}, MIT. Lire l’article original."))
    assert miss is not None
    assert (miss.found, miss.how) == (written, how)


def _byline_written(article: Article, name: str, written: str) -> Verdict:
    code = sub(republish(article).html, f">{name}</a>", f">{written}</a>")
    return check_page(third_party_page(code, title=article.title, author="a reader"), article)


@pytest.mark.parametrize("written", ["Matthew T Hughes", "Matthew&nbsp;T.&nbsp;Hughes",
                                     "MATTHEW T HUGHES"])
def test_an_initial_without_its_full_stop_credits_the_author_and_institution(
    fr_articles: tuple[Article, ...], written: str
) -> None:
    article = fr_articles[0]  # its second author is "Matthew T. Hughes"
    verdict = _byline_written(article, "Matthew T. Hughes", written)
    assert verdict.compliant, [f.detail for f in verdict.failed]
    assert "Matthew T. Hughes (Massachusetts Institute of Technology (MIT))" in (
        verdict.finding("institution-credit").detail)


def test_an_initial_with_a_full_stop_credits_an_author_written_without(
    fr_articles: tuple[Article, ...]
) -> None:
    """The reverse: the source writes "Matthew T Hughes" (the original's record renamed in
    memory; the article's text is untouched), the byline "Matthew T. Hughes"."""
    recorded = fr_articles[0]
    authors = tuple(dataclasses.replace(a, name="Matthew T Hughes") if a.name.endswith("Hughes")
                    else a for a in recorded.authors)
    article = dataclasses.replace(recorded, authors=authors)
    code = republish(recorded).html  # the byline as the recorded source writes it
    page = third_party_page(code, title=article.title, author="a reader")
    verdict = check_page(page, article)
    assert verdict.compliant, [f.detail for f in verdict.failed]


@pytest.mark.parametrize(("written", "how"), [
    ("Mathew T Hughes", "a doubled letter written once"),
    ("Matthew T. Hugues", "a letter changed"),
])
def test_a_misspelt_initialled_name_fails_naming_the_near_miss(
    fr_articles: tuple[Article, ...], written: str, how: str
) -> None:
    verdict = _byline_written(fr_articles[0], "Matthew T. Hughes", written)
    assert [f.rule for f in verdict.failed] == ["author-credit"]
    assert (f"“{written}” is not “Matthew T. Hughes” ({how})"
            in verdict.finding("author-credit").detail)


def test_a_double_barrelled_name_with_an_en_dash_credits_the_author(
    en_republished: tuple[Article, str]
) -> None:
    """A name with a hyphen written with an en dash, and one with a curly apostrophe written
    straight: the recorded author renamed in memory (the article's text is untouched)."""
    recorded, _ = en_republished
    for name, written in (("Rebecca Vega-Thurber", "Rebecca Vega–Thurber"),
                          ("Rebecca O’Thurber", "Rebecca O'Thurber")):
        author = dataclasses.replace(recorded.authors[0], name=name)
        article = dataclasses.replace(recorded, authors=(author,))
        verdict = _byline_written(article, name, written)
        assert verdict.compliant, (written, [f.detail for f in verdict.failed])


# --- a near miss in how the name's words are joined (issue 9, "name the near-miss") --------

@pytest.mark.parametrize(("name", "written", "how"), [
    ("Rossella Di Sapia", "Rossella DiSapia", "a space left out"),
    ("Alexandria Ocasio-Cortez", "Alexandria Ocasio Cortez", "a hyphen written as a space"),
    ("Alexandria Ocasio-Cortez", "Alexandria OcasioCortez", "a hyphen left out"),
    ("Jean Pierre Dupont", "Jean-Pierre Dupont", "a space written as a hyphen"),
    ("Ana de la Cruz", "Ana Dela-Cruz", "its words joined or split otherwise"),
])
def test_a_name_joined_or_split_otherwise_is_named(name: str, written: str, how: str) -> None:
    miss = near_miss(name, words(f"Por {written}, Universidad de Bolonia. Lea el original."))
    assert miss is not None
    assert (miss.found, miss.how) == (written, how)


def test_other_words_with_the_names_letters_are_no_near_miss() -> None:
    """Only the name's letters in order, hyphens and spaces aside: not a longer word, not a
    co-author's name, not a word with a mark inside."""
    assert near_miss("Ann Lee", words("By Ann Leeds, University of York")) is None
    assert near_miss("Ann Lee", words("By AnnLee, York"), others=["AnnLee"]) is None
    assert near_miss("Ann Lee", words("By Ann.Lee, York")) is None


@pytest.mark.parametrize(("k", "name", "written", "how"), [
    (0, "Srinivas Garimella", "Srinivas-Garimella", "a space written as a hyphen"),
    (1, "Léa Beaumont", "LéaBeaumont", "a space left out"),
])
def test_a_byline_joined_otherwise_fails_naming_the_near_miss(
    fr_articles: tuple[Article, ...], k: int, name: str, written: str, how: str
) -> None:
    verdict = _byline_written(fr_articles[k], name, written)
    assert [f.rule for f in verdict.failed] == ["author-credit"]
    assert f"“{written}” is not “{name}” ({how})" in verdict.finding("author-credit").detail
