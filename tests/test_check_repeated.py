"""Words of the article repeated on the page after its span (red team F89,
docs/compliance.md#the-articles-span): a paragraph pasted twice, a paragraph, a sentence or
the opening set again after the article's end, alters the text and fails `unaltered-text`;
the original's words the span does not carry (the disclosure moved, the standfirst), a teaser
of its opening above it, a pull quote after it, and a second copy of the whole article (a
per-screen duplicate) still pass. Pages are built in memory from
the corpus's layouts and recorded originals; no article text is edited on disk."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page

from .corpus.edits import _text_only, body_paragraphs
from .corpus.layouts import LAYOUTS, Slots, fill
from .corpus.originals import originals

PAGES = [("wp-twentytwentyone", "en-263253"), ("wp-generatepress", "fr-212649"),
         ("drupal-olivero", "fr-209538"), ("ghost-casper", "es-159013"),
         ("wp-newspack", "es-113886"), ("plain-text", "en-263253")]


def page(layout: str, name: str, edit: str) -> tuple[str, str]:
    """The page of ``name`` on ``layout`` with ``edit`` applied to its code (see below), and
    the words the edit repeats."""
    o = originals()[name]
    code = o.code
    paragraphs = body_paragraphs(code)
    second = paragraphs[1].group()
    sentence = re.split(r"(?<=[.!?])\s+", second[3:-4])[0]
    end, first = paragraphs[-1].end(), paragraphs[0].start()
    repeated = second
    if edit == "paragraph-after":
        code = code[:end] + "\n" + second + code[end:]
    elif edit == "sentence-after":
        repeated = f"<p>{sentence}</p>"
        code = code[:end] + "\n" + repeated + code[end:]
    elif edit == "opening-after":
        repeated = paragraphs[0].group() + paragraphs[1].group()
        code = code[:end] + "\n" + repeated + code[end:]
    elif edit == "copy-after":
        repeated = _text_only(code)
        code = code + f'\n<div class="mobile-copy">{repeated}</div>'
    elif edit == "after-credit":
        code = code + "\n" + second
    elif edit == "teaser-above":
        repeated = paragraphs[0].group()
        code = code[:first] + f"<p class=\"excerpt\">{repeated[3:-4]}</p>\n" + code[first:]
    elif edit == "pull-quote-after":
        repeated = (f'<figure class="wp-block-pullquote"><blockquote><p>{sentence}</p>'
                    "</blockquote></figure>")
        code = code[:end] + "\n" + repeated + code[end:]
    slots = Slots(lang=o.lang, head_title=o.article.title, headline=o.article.title,
                  article=code)
    return fill(LAYOUTS[layout], slots), repeated


def verdict(layout: str, name: str, edit: str):
    html, _ = page(layout, name, edit)
    return check_page(html, originals()[name].article, plain=LAYOUTS[layout].plain)


@pytest.mark.parametrize(("layout", "name"), PAGES)
@pytest.mark.parametrize("edit", ["paragraph-after", "sentence-after", "opening-after",
                                  "after-credit"])
def test_article_words_repeated_fail(layout: str, name: str, edit: str) -> None:
    v = verdict(layout, name, edit)
    assert {f.rule for f in v.failed} == {"unaltered-text"}, [
        (f.rule, f.detail) for f in v.failed]
    detail = v.finding("unaltered-text").detail
    assert "was added" in detail
    assert "after the last words" in detail


# A plain-text letter has no pull quote's markup (it would be one more paragraph): that
# pair is not built.
PASSING = [(layout, name, edit) for layout, name in PAGES
           for edit in ("teaser-above", "pull-quote-after", "copy-after")
           if not (edit == "pull-quote-after" and LAYOUTS[layout].plain)]


@pytest.mark.parametrize(("layout", "name", "edit"), PASSING)
def test_teaser_pull_quote_and_copy_pass(layout: str, name: str, edit: str) -> None:
    v = verdict(layout, name, edit)
    assert not v.failed, [(f.rule, f.detail) for f in v.failed]
