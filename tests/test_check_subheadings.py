"""unaltered-text and a house style's subheadings (F62): the original's subheadings typed
again in Title Case or in capitals, as a publisher's style sets them, are the same words, as
a headline in another case is; a word changed in one still fails, and so does a capital
changed in the body. Built in memory from the real samples (the English feed's 263253, the
French 212649): nothing on disk is edited."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from syndication.compliance import check_page, prepare
from syndication.models import Article

from .pages import explain, sub, third_party_page

SMALL = frozenset("a an and the of in on to for at by de des la le les et".split())


def title_case(text: str) -> str:
    """Chicago-like Title Case: every word capitalised but short joining words inside."""
    return " ".join(w if k and w.lower() in SMALL else w[:1].upper() + w[1:]
                    for k, w in enumerate(text.split(" ")))


def restyled(code: str, style: Callable[[str], str], *, tag: str = "h2",
             as_paragraph: bool = False) -> str:
    def one(m: re.Match[str]) -> str:
        words = style(m.group(1))
        return f"<p><strong>{words}</strong></p>" if as_paragraph else f"<{tag}>{words}</{tag}>"

    out = re.sub(r"<h2>([^<]*)</h2>", one, code)
    assert out != code
    return out


def _page(article: Article, code: str) -> str:
    return third_party_page(code, title=article.title, author="a reader")


@pytest.mark.parametrize(("style", "tag", "as_paragraph"), [
    (title_case, "h2", False),
    (str.upper, "h2", False),
    (title_case, "h3", False),  # a level down, as a theme's style wants
    (title_case, "h2", True),  # bold paragraphs, as the classic editor's house style types
])
def test_subheadings_restyled_pass(en_republished: tuple[Article, str],
                                   fr_republished: tuple[Article, str],
                                   style: Callable[[str], str], tag: str,
                                   as_paragraph: bool) -> None:
    for article, code in (en_republished, fr_republished):
        page = _page(article, restyled(code, style, tag=tag, as_paragraph=as_paragraph))
        verdict = check_page(page, article)
        assert verdict.compliant, explain(verdict)


def test_a_word_changed_in_a_restyled_subheading_fails(
        en_republished: tuple[Article, str]) -> None:
    article, code = en_republished
    code = sub(code, "Innovative ways to solve kelp decline", "Innovative ways to fix kelp decline")
    verdict = check_page(_page(article, restyled(code, title_case)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "“Fix" in verdict.finding("unaltered-text").detail


def test_a_capital_changed_in_the_body_still_fails(en_republished: tuple[Article, str]) -> None:
    """Case is kept outside the subheadings: a changed capital is a changed word."""
    article, code = en_republished
    code = sub(code, "rarely saw purple sea urchins", "rarely saw Purple Sea Urchins")
    verdict = check_page(_page(article, restyled(code, title_case)), article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "“Purple Sea Urchins”" in verdict.finding("unaltered-text").detail


def test_the_caseless_tokens_are_the_subheadings_words(env_article: Article) -> None:
    original = prepare(env_article)
    words = original.text.words
    caseless = " ".join(words[k] for k in sorted(original.caseless))
    assert caseless.startswith("Losing sea stars disrupted an entire ecosystem How California")
    assert "Before" not in caseless
