"""The tenth round's held-out platforms (red-team-findings.md, F87-F88): Jekyll's minima,
Eleventy's base blog, a Substack post, WordPress's Soledad. A wordless credit block (the
attribution line hidden) touching the article's end does not pull what the theme prints
after the post's content (minima's Disqus loader) into the article (F87); a bare byline in a
page whose post has no element of its own (Eleventy's base blog) is credit in its own place,
not the whole post's wrapper (F88). The Substack post cannot carry the counter (its image
proxy), its editor's blocks are furniture; Soledad's inline related posts pass. Each with its
guard: a script inside the article, an edited word, the writer's own words still fail. Pages
built in memory from the corpus's recorded originals; nothing on disk is edited."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page

from .corpus.edits import (
    ATTRIBUTION,
    EDITS,
    _placed,
    after_paragraph,
    body_paragraphs,
    find,
    sub,
    substack_widget,
)
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import Original, originals
from .pages import explain

EN, FR1, FR2, ES1, ES2 = "en-263253", "fr-212649", "fr-209538", "es-159013", "es-113886"
ALL = [EN, FR1, FR2, ES1, ES2]
# A comments loader as themes print it after the post's content (minima's
# _includes/disqus_comments.html).
DISQUS = ('<div id="disqus_thread"></div><script>(function() { var d = document, s = '
          "d.createElement('script'); s.src = 'https://harbour.disqus.com/embed.js'; "
          "(d.head || d.body).appendChild(s); })();</script>")
SDK = ('<div id="fb-root"></div><script async defer crossorigin="anonymous" '
       'src="https://connect.facebook.net/en_US/sdk.js#xfbml=1&amp;version=v19.0"></script>')


def _slots(o: Original, code: str | None = None, **kw: str) -> Slots:
    return Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                 article=o.code if code is None else code, **kw)


def _page(layout: str, o: Original, code: str | None = None, **kw: str) -> str:
    return fill(LAYOUTS[layout], _slots(o, code, **kw))


def _edited(layout: str, edit: str, o: Original, code: str | None = None) -> str:
    return fill(LAYOUTS[layout], EDITS[edit].apply(_slots(o, code), o))


def _failed(page: str, o: Original) -> list[str]:
    return sorted(f.rule for f in check_page(page, o.article, plain=False).failed)


def _hidden_attribution(o: Original, how: str = "hidden") -> str:
    """``o``'s code with its attribution line hidden (``how``: the hidden attribute or an
    inline display:none)."""
    line = find(ATTRIBUTION, o.code, "attribution line").group()
    attr = "hidden" if how == "hidden" else 'style="display:none"'
    return sub(o.code, line, line.replace("<p", f"<p {attr}", 1))


# --- F87: a wordless credit block at the article's end ----------------------------------------

@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("how", ["hidden", "display-none"])
def test_minimas_comments_loader_is_not_the_articles(name: str, how: str) -> None:
    o = originals()[name]
    page = _page("jekyll-minima", o, _hidden_attribution(o, how))
    assert "disqus_thread" in page
    assert _failed(page, o) == ["licence-notice", "source-link"], explain(
        check_page(page, o.article, plain=False))


@pytest.mark.parametrize("layout", ["hugo-papermod", "wp-twentytwentyone", "ghost-casper"])
def test_a_loader_after_the_content_on_other_themes(layout: str) -> None:
    """The same class where a theme prints its comments loader in the post's footer."""
    o = originals()[FR1]
    page = _page(layout, o, _hidden_attribution(o), after=DISQUS)
    assert _failed(page, o) == ["licence-notice", "source-link"]


@pytest.mark.parametrize("name", [EN, FR1, FR2])
def test_a_script_between_the_article_and_its_hidden_credit_still_fails(name: str) -> None:
    o = originals()[name]
    line = find(ATTRIBUTION, o.code, "attribution line").group()
    code = sub(o.code, line, SDK + "\n" + line.replace("<p", "<p hidden", 1))
    assert _failed(_page("jekyll-minima", o, code), o) == [
        "licence-notice", "safe-html", "source-link"]


def test_a_script_in_the_article_with_its_credit_hidden_still_fails() -> None:
    o = originals()[EN]
    code = after_paragraph(_hidden_attribution(o), 2, SDK)
    assert "safe-html" in _failed(_page("jekyll-minima", o, code), o)


@pytest.mark.parametrize("name", [EN, FR1, ES2])
def test_an_edited_word_with_the_credit_hidden_still_fails(name: str) -> None:
    o = originals()[name]
    page = _edited("jekyll-minima", "edited-word", o, _hidden_attribution(o))
    assert _failed(page, o) == ["licence-notice", "source-link", "unaltered-text"]


# --- F88: a bare byline where the post has no element of its own ------------------------------

@pytest.mark.parametrize("edit", ["fb-sdk-top", "gtranslate-top"])
def test_eleventys_plugin_script_above_a_bare_byline_passes(edit: str) -> None:
    o = originals()[ES2]  # the Spanish code's byline: a bare <span>
    page = _edited("eleventy-base-blog", edit, o)
    assert _failed(page, o) == [], explain(check_page(page, o.article, plain=False))


@pytest.mark.parametrize("wrapper", ["heading-anchors", "x-post", "main"])
def test_a_bare_byline_in_a_post_without_its_element(wrapper: str) -> None:
    """The post's heading, a script and the code straight in one element that no block
    test knows (a custom element), or in <main>."""
    o = originals()[ES2]
    inner = f"<h1>{o.article.title}</h1>\n{SDK}\n{o.code}"
    body = inner if wrapper == "main" else f"<{wrapper}>{inner}</{wrapper}>"
    page = (f'<!doctype html><html lang="es"><head><title>{o.article.title}</title></head>'
            f"<body><header><a href='/'>Notas</a></header><main>{body}</main>"
            "<footer><p>Hecho con Eleventy</p></footer></body></html>")
    assert _failed(page, o) == []


def test_a_script_between_the_bare_byline_and_the_article_still_fails() -> None:
    o = originals()[ES2]
    assert _failed(_edited("eleventy-base-blog", "fb-sdk-after-byline", o), o) == ["safe-html"]


@pytest.mark.parametrize("edit,rule", [("edited-word", "unaltered-text"),
                                       ("byline-removed", "author-credit"),
                                       ("intro-paragraph", "unaltered-text")])
def test_eleventys_page_still_fails_its_defects(edit: str, rule: str) -> None:
    o = originals()[ES2]
    code = SDK + "\n" + o.code
    assert _failed(_edited("eleventy-base-blog", edit, o, code), o) == [rule]


# --- Substack: the counter through the image proxy; the editor's blocks ----------------------

@pytest.mark.parametrize("name", ALL)
def test_a_substack_post_cannot_carry_the_counter(name: str) -> None:
    o = originals()[name]
    verdict = check_page(_page("substack-post", o), o.article, plain=False)
    assert [f.rule for f in verdict.failed] == ["page-counter"]
    assert "substackcdn.com/image/fetch/" in verdict.finding("page-counter").detail
    assert "image CDN or proxy" in verdict.finding("page-counter").detail


@pytest.mark.parametrize("which", ["subscribe", "share", "comment"])
@pytest.mark.parametrize("name,where", [(EN, "between"), (FR1, "after"), (ES1, "end"),
                                        (FR2, "between"), (ES2, "after")])
def test_substacks_blocks_are_furniture(which: str, name: str, where: str) -> None:
    o = originals()[name]
    code = _placed(o.code, where, substack_widget(o, which))
    assert _failed(_page("substack-post", o, code), o) == ["page-counter"]


@pytest.mark.parametrize("name", [EN, FR1, ES2])
def test_an_edited_word_beside_substacks_widget_fails(name: str) -> None:
    o = originals()[name]
    page = _edited("substack-post", "substack-subscribe-between-edited", o)
    assert _failed(page, o) == ["page-counter", "unaltered-text"]


@pytest.mark.parametrize("name", [EN, FR2, ES1])
def test_the_writers_words_above_the_widget_are_added(name: str) -> None:
    o = originals()[name]
    page = _edited("substack-post", "substack-note-by-widget", o)
    assert _failed(page, o) == ["page-counter", "unaltered-text"]


def test_substacks_widget_words_inside_a_paragraph_are_added() -> None:
    """The widget's caption typed by the writer as a paragraph of their own (no widget):
    their words, judged as added text."""
    o = originals()[EN]
    line = "<p>Thanks for reading Tidewater Notes! Subscribe for free to receive new posts.</p>"
    page = _page("substack-post", o, after_paragraph(o.code, 1, line))
    assert _failed(page, o) == ["page-counter", "unaltered-text"]


# --- Soledad: its inline related posts -------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_soledads_inline_related_posts_pass(name: str) -> None:
    o = originals()[name]
    page = _page("wp-soledad", o)
    assert page.count('class="penci-inline-related-posts') == 1
    assert _failed(page, o) == []


@pytest.mark.parametrize("edit", ["intro-paragraph", "edited-word", "dateline"])
def test_soledads_page_still_fails_its_defects(edit: str) -> None:
    o = originals()[FR1]
    assert _failed(_edited("wp-soledad", edit, o), o) == ["unaltered-text"]


@pytest.mark.parametrize("name", [EN, FR2, ES1])
def test_an_edited_word_above_soledads_box_fails(name: str) -> None:
    """A word changed in the second paragraph, right above the theme's inline box."""
    o = originals()[name]
    p = body_paragraphs(o.code)[1].group()
    word = next(w for w in re.findall(r"(?<=\s)[a-zà-ÿ]{6,}(?=\s)", p))
    page = _page("wp-soledad", o, sub(o.code, p, p.replace(f" {word} ", " changed ", 1)))
    assert _failed(page, o) == ["unaltered-text"]
