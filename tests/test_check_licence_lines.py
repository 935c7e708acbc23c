"""A theme's or site's licence line beside a republished article (F68,
docs/compliance.md#rule-licence-notice): the site's furniture, never text added to the
article; one giving the article another licence without a qualifier fails licence-notice,
naming what the page says; a site-wide line "unless otherwise noted" passes. The pages are
built in memory from the recorded originals; each line as its theme prints it
(tests/corpus/edits.py, licence_line_html)."""

from __future__ import annotations

import pytest

from syndication.compliance import check_page
from syndication.compliance.licences import stated_licence
from syndication.compliance.page import read
from syndication.models import Verdict

from .corpus.cases import ALWAYS_FAILS
from .corpus.edits import EDITED_WORD, licence_line_html
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import Original, originals
from .pages import explain, sub

NAMES = ("en-263253", "fr-212649", "es-159013")


def _page(o: Original, after: str, code: str | None = None, layout: str = "wp-astra") -> str:
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=o.code if code is None else code, after=after)
    return fill(LAYOUTS[layout], slots)


def _failed(verdict: Verdict) -> dict[str, str]:
    return {f.rule: f.detail for f in verdict.findings if f.ok is False}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("which", "names"), [
    ("chirpy", "https://creativecommons.org/licenses/by/4.0/"),
    ("stack", "CC BY-NC-SA 4.0"),
    ("rel-license", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("all-rights", "all rights reserved"),
])
def test_a_line_giving_the_post_another_licence_fails_licence_notice_alone(
    name: str, which: str, names: str
) -> None:
    o = originals()[name]
    for layout in ("wp-astra", "hugo-papermod", "ghost-casper"):
        verdict = check_page(_page(o, licence_line_html(which, o), layout=layout), o.article)
        failed = _failed(verdict)
        assert set(failed) == {"licence-notice"}, explain(verdict)
        assert f"licensed under {names}" in failed["licence-notice"]
        assert "misstates its licence" in failed["licence-notice"]
        assert "by-nd/4.0" in failed["licence-notice"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("which", ["next", "site-wide"])
def test_a_site_wide_line_unless_otherwise_noted_passes(name: str, which: str) -> None:
    o = originals()[name]
    for layout in ("wp-astra", "hugo-papermod", "drupal-olivero", "newsletter"):
        verdict = check_page(_page(o, licence_line_html(which, o), layout=layout), o.article)
        assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("which", ["next", "site-wide", "chirpy", "stack"])
def test_an_edited_word_beside_a_licence_line_still_fails_unaltered_text(
    name: str, which: str
) -> None:
    o = originals()[name]
    old, new = EDITED_WORD[name]
    verdict = check_page(_page(o, licence_line_html(which, o), sub(o.code, old, new)),
                         o.article)
    failed = _failed(verdict)
    assert "unaltered-text" in failed, explain(verdict)
    assert any(w in failed["unaltered-text"] for w in new.split() if w not in old.split())
    # the licence line is not quoted as text added to the article
    assert "licensed under" not in failed["unaltered-text"]
    assert "sous licence" not in failed["unaltered-text"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("which", ["next", "site-wide"])
def test_a_qualified_line_is_no_notice_for_an_article_without_its_own(
    name: str, which: str
) -> None:
    from .corpus.edits import ATTRIBUTION

    o = originals()[name]
    code = o.code.replace(ATTRIBUTION.search(o.code).group(), "", 1)  # type: ignore[union-attr]
    verdict = check_page(_page(o, licence_line_html(which, o), code), o.article)
    assert "licence-notice" in _failed(verdict), explain(verdict)


def test_the_heads_licence_link_to_another_licence_fails() -> None:
    o = originals()["en-263253"]
    page = _page(o, "").replace(
        "</head>", '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
        "</head>")
    failed = _failed(check_page(page, o.article))
    assert set(failed) == {"licence-notice"}
    assert "declares in its head" in failed["licence-notice"]
    page = _page(o, "").replace(
        "</head>", '<link rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
        "</head>")
    assert check_page(page, o.article).compliant


@pytest.mark.parametrize("line", [
    "Licensed under CC BY-ND 4.0",
    "Ce billet est sous licence Creative Commons Attribution - Pas de Modification 4.0.",
    '<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/deed.es">CC BY-ND'
    "</a>",
])
def test_a_line_naming_the_articles_own_licence_passes(line: str) -> None:
    o = originals()["fr-212649"]
    verdict = check_page(_page(o, f'<p class="post-license">{line}</p>'), o.article)
    assert verdict.compliant, explain(verdict)


def _stated(html: str) -> tuple[str, bool, bool] | None:
    rep = read(f"<html><body>{html}</body></html>", page=True, plain=False, located=frozenset())
    el = next(iter(rep.root.iter("p", "div", "li", "section")))
    s = stated_licence(rep, el)
    return None if s is None else (s.names, s.right, s.qualified)


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Licensed under CC BY-NC-SA 4.0</p>", ("CC BY-NC-SA 4.0", False, False)),
    ("<p>Sous licence CC BY 4.0, sauf mention contraire.</p>", ("CC BY 4.0", False, True)),
    ("<p>Salvo que se indique lo contrario, bajo una licencia Creative Commons.</p>",
     ("a Creative Commons licence", False, True)),
    ("<p>Except where otherwise noted, content is licensed under CC BY-SA.</p>",
     ("CC BY-SA", False, True)),
    ("<p>This post is the property of Harbour News. All rights reserved.</p>",
     ("all rights reserved", False, False)),
    ("<p>Licensed under CC BY-ND 4.0</p>", ("CC BY-ND 4.0", True, False)),
    ("<p>Our own stories are published under a Creative Commons licence.</p>",
     ("a Creative Commons licence", False, True)),
])
def test_what_a_licence_line_states(html: str, expected: tuple[str, bool, bool]) -> None:
    assert _stated(html) == expected


@pytest.mark.parametrize("html", [
    # The Conversation's attribution line is the article's notice, not a site's line
    '<p>This article is republished from <a href="https://theconversation.com">The '
    'Conversation</a> under a <a rel="license" href="https://creativecommons.org/licenses/'
    'by-nd/4.0/">Creative Commons license</a>.</p>',
    "<p>© 2025 Harbour News. All rights reserved.</p>",  # the site's own copyright
    "<p>Our licence fees went up this year, the council said.</p>",
    "<p>Rights and permissions: ask the newsroom.</p>",
])
def test_what_is_no_licence_line(html: str) -> None:
    assert _stated(html) is None


def test_a_long_block_is_no_licence_line() -> None:
    words = " ".join(["word"] * 80)
    assert _stated(f"<p>{words} licensed under CC BY 4.0.</p>") is None


def test_a_pictures_caption_licence_is_the_pictures() -> None:
    # a publisher's photo credited "CC BY-SA" in its caption: neither a licence line nor
    # another licence of the article
    o = originals()["en-263253"]
    figure = ('<figure class="wp-block-image"><img src="https://harbour.example/wp-content/'
              'uploads/reef.jpg" alt=""><figcaption>The reef at dawn. Photo: Jane Roe, '
              '<a href="https://creativecommons.org/licenses/by-sa/2.0/">CC BY-SA</a>'
              "</figcaption></figure>")
    verdict = check_page(_page(o, figure), o.article)
    assert "licence-notice" not in _failed(verdict), explain(verdict)


def test_the_line_in_the_corpus_layouts_is_furniture() -> None:
    o = originals()["es-113886"]
    for name, layout in LAYOUTS.items():
        if layout.plain or layout.kind == "digest":
            continue
        slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                      article=o.code, after=licence_line_html("next", o))
        verdict = check_page(fill(layout, slots), o.article)
        if name in ALWAYS_FAILS:  # a layout no page can pass on: those rules alone fail
            assert sorted(_failed(verdict)) == sorted(ALWAYS_FAILS[name]), explain(verdict)
        else:
            assert verdict.compliant, (name, explain(verdict))


@pytest.mark.parametrize("note", [
    # a note about the article naming its author is text, licence words or not
    "<p><strong>Editor’s note:</strong> Rebecca Vega Thurber answered our readers’ questions. "
    "This piece is licensed under CC BY-ND 4.0.</p>",
    # a licence merely named in a note is no licence line
    "<p>We chose this CC BY 4.0 piece because our readers asked about the reef.</p>",
])
def test_a_note_with_licence_words_is_still_added_text(note: str) -> None:
    o = originals()["en-263253"]
    verdict = check_page(_page(o, "", o.code.replace("</p>", "</p>\n" + note, 1)), o.article)
    assert "unaltered-text" in _failed(verdict), explain(verdict)
