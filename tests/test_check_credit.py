"""Credit around the article is known by its shape (docs/compliance.md#the-articles-span):
a byline, an author box, the attribution line, a "republished from The Conversation" line are
credit whatever their house style and language; a block that names the author or The
Conversation but says something else (an editor's note, a thank-you, a summary) is the
publisher's words and fails `unaltered-text`. Pages are built in memory from the corpus's
originals (our republication of the recorded samples, and the recorded Spanish code); no
article text is edited on disk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from syndication.compliance import check_page
from syndication.compliance.credit import credit_of, is_credit
from syndication.compliance.htmltext import words
from syndication.models import Article, Author

from .corpus.edits import body_paragraphs, byline
from .corpus.layouts import as_text
from .corpus.originals import Original, originals
from .pages import explain, sub, third_party_page

Place = Callable[[str, str], str]



def before(code: str, block: str) -> str:
    """``block`` between the byline and the article's first paragraph."""
    first = body_paragraphs(code)[0]
    return code[:first.start()] + block + "\n" + code[first.start():]


def after(code: str, block: str) -> str:
    """``block`` after the article's last paragraph (before the counter's paragraph ends)."""
    last = body_paragraphs(code)[-1]
    return code[:last.end()] + "\n" + block + code[last.end():]


def at_end(code: str, block: str) -> str:
    """``block`` after the whole code: after the attribution line."""
    return code + "\n" + block


def as_byline(code: str, block: str) -> str:
    """``block`` in place of the code's byline."""
    return sub(code, byline(code), block)


def page(o: Original, code: str) -> str:
    return third_party_page(code, title=o.article.title, author="Newsroom")


def profile(o: Original, k: int = 0) -> str:
    a = o.article.authors[k]
    return f'<a href="{a.profile_url}">{a.name}</a>'


# (what, original, where, the block: built from the original's authors)
CREDIT: list[tuple[str, str, Place, Callable[[Original], str]]] = [
    ("an 'Author:' byline with the institution", "en-263253", as_byline,
     lambda o: f"<p>Author: {profile(o)}, University of California, Santa Barbara</p>"),
    ("a bio sentence after the article, role and institution", "en-263253", at_end,
     lambda o: "<p>Rebecca Vega Thurber is Professor of Ecology Evolution and Marine Biology "
               "at the University of California, Santa Barbara.</p>"),
    ("a 'Republished from The Conversation under CC BY-ND' line", "en-263253", at_end,
     lambda o: "<p><em>Republished from The Conversation under CC BY-ND 4.0.</em></p>"),
    ("an editor's note that is only the credit, with the edition's name", "en-263253", before,
     lambda o: "<p><strong>Editor’s note:</strong> this article was originally published by "
               "The Conversation US.</p>"),
    ("an 'About the author' heading and byline", "en-263253", at_end,
     lambda o: f"<h3>About the author</h3><p>{profile(o)} (University of California, Santa "
               "Barbara)</p>"),
    ("an author box with a biography, no class saying so", "en-263253", at_end,
     lambda o: "<section><h3>About the writer</h3><p>Rebecca Vega Thurber studies corals and "
               "sea stars off California.</p></section>"),
    ("a Spanish author box with a biography", "es-113886", at_end,
     lambda o: "<div><h4>Sobre el autor</h4><p>Luis Gascó investiga el ruido urbano con datos "
               "de redes sociales.</p></div>"),
    ("French co-authors 'A et B' with their institutions", "fr-212649", as_byline,
     lambda o: f"<p>Par {profile(o, 0)} (Georgia Institute of Technology) et {profile(o, 1)} "
               "(Massachusetts Institute of Technology (MIT))</p>"),
    ("a French 'first published on' line", "fr-212649", at_end,
     lambda o: "<p>Cet article a d’abord été publié sur The Conversation France, sous licence "
               "Creative Commons.</p>"),
    ("a French 'À propos des auteurs' box", "fr-212649", at_end,
     lambda o: "<h4>À propos des auteurs</h4><p>Srinivas Garimella, Georgia Institute of "
               "Technology ; Matthew T. Hughes, Massachusetts Institute of Technology (MIT)</p>"),
    ("a Spanish 'Autor:' byline", "es-113886", as_byline,
     lambda o: f"<p>Autor: {profile(o)} (Universidad Politécnica de Madrid)</p>"),
    ("a Spanish 'se publicó originalmente' line", "es-113886", at_end,
     lambda o: "<p>Este artículo se publicó originalmente en The Conversation España.</p>"),
    ("Medium's imported-story line, dated", "en-263253", at_end,
     lambda o: f'<p>Originally published at <a href="{o.article.url}">theconversation.com</a> '
               "on October 2, 2025.</p>"),
    ("a French 'first published' line, dated", "fr-212649", at_end,
     lambda o: "<p>Cet article a été publié initialement sur The Conversation France le 12 "
               "septembre 2023.</p>"),
    ("a Spanish 'first published' line, dated", "es-113886", at_end,
     lambda o: "<p>Publicado originalmente en The Conversation España el 4 de marzo de "
               "2019.</p>"),
    ("an English 'originally published' line beside the Spanish one", "es-113886", at_end,
     lambda o: f'<p><em>This article was originally published on <a href="{o.article.url}">'
               "The Conversation</a>.</em></p>"),
]


@pytest.mark.parametrize(("what", "name", "place", "block"), CREDIT, ids=[c[0] for c in CREDIT])
def test_credit_in_any_house_style_is_not_added_text(
    what: str, name: str, place: Place, block: Callable[[Original], str]
) -> None:
    o = originals()[name]
    verdict = check_page(page(o, place(o.code, block(o))), o.article)
    assert verdict.finding("unaltered-text").ok, explain(verdict)
    assert verdict.compliant, explain(verdict)


# (what, original, where, the block, words the evidence quotes)
NOT_CREDIT: list[tuple[str, str, Place, Callable[[Original], str], str]] = [
    ("a thank-you to The Conversation", "en-263253", at_end,
     lambda o: "<p>We thank The Conversation for letting us share this piece with our "
               "readers.</p>", "We thank The Conversation"),
    ("a thank-you with The Conversation linked", "en-263253", after,
     lambda o: '<p><a href="https://theconversation.com">The Conversation</a> kindly let us '
               "republish this story, which our readers asked about.</p>", "kindly let us"),
    ("a thank-you linking The Conversation and the original", "en-263253", at_end,
     lambda o: '<p>We thank <a href="https://theconversation.com/us">The Conversation</a> for '
               f'letting us share <a href="{o.article.url}">this article</a> with our '
               "readers.</p>", "We thank The Conversation"),
    ("'X wrote this piece for The Conversation'", "en-263253", before,
     lambda o: "<p>Rebecca Vega Thurber wrote this piece for The Conversation.</p>",
     "wrote this piece"),
    ("a summary naming the author and institution", "en-263253", before,
     lambda o: f"<p>In this piece {profile(o)} of University of California, Santa Barbara "
               "explains how a disease reshaped the coast.</p>", "explains how"),
    ("an editor's note naming the author, with the licence linked", "en-263253", at_end,
     lambda o: "<p><strong>Editor’s note:</strong> Rebecca Vega Thurber answered our "
               "readers’ questions in this <a href=\"https://creativecommons.org/licenses/by-nd/"
               "4.0/\">CC BY-ND</a> piece.</p>", "answered our readers"),
    ("an editor's note headed as a box over the author's name", "en-263253", at_end,
     lambda o: "<div><h4>Editor’s note</h4><p>Rebecca Vega Thurber wrote this piece, which our "
               "readers asked about.</p></div>", "wrote this piece"),
    ("a French thank-you", "fr-212649", at_end,
     lambda o: "<p>Merci à The Conversation France de nous permettre de republier cet "
               "article.</p>", "Merci"),
    ("a French editor's note naming both authors", "fr-212649", before,
     lambda o: "<p><em>Note de la rédaction : Srinivas Garimella et Matthew T. Hughes "
               "répondent ici aux questions de nos lecteurs.</em></p>", "répondent ici"),
    ("a Spanish thank-you", "es-113886", at_end,
     lambda o: "<p>Agradecemos a The Conversation que nos permita reproducir este "
               "artículo.</p>", "Agradecemos"),
    ("a Spanish summary naming the author", "es-113886", before,
     lambda o: "<p>Luis Gascó, de la Universidad Politécnica de Madrid, nos explica cómo "
               "usar las redes contra el ruido.</p>", "nos explica"),
    ("a dated note of an update", "en-263253", at_end,
     lambda o: "<p>This article was originally published on The Conversation on October 2, "
               "2025, and updated on October 9 to correct a figure.</p>", "correct a figure"),
    ("a dated French note of the publisher's", "fr-212649", at_end,
     lambda o: "<p>Publié initialement sur The Conversation le 12 septembre 2023 ; nous "
               "l'avons complété le 14 septembre.</p>", "complété"),
]


@pytest.mark.parametrize(("what", "name", "place", "block", "named"), NOT_CREDIT,
                         ids=[c[0] for c in NOT_CREDIT])
def test_words_naming_the_author_or_tc_that_say_more_are_added(
    what: str, name: str, place: Place, block: Callable[[Original], str], named: str
) -> None:
    o = originals()[name]
    verdict = check_page(page(o, place(o.code, block(o))), o.article)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    detail = verdict.finding("unaltered-text").detail
    assert "was added" in detail and named.replace("’", "'") in detail, detail


def test_plain_text_thanks_with_the_address_written_out_fail() -> None:
    o = originals()["en-263253"]
    text = (o.article.title + "\n\n" + as_text(o.code) + "\n\nOur thanks to The Conversation "
            "(https://theconversation.com/us) for this piece, which our readers asked about.")
    verdict = check_page(text, o.article, plain=True)
    assert [f.rule for f in verdict.failed] == ["unaltered-text"], explain(verdict)
    assert "Our thanks to The Conversation" in verdict.finding("unaltered-text").detail


def test_plain_text_credit_with_addresses_written_out_passes() -> None:
    o = originals()["en-263253"]
    text = (o.article.title + "\n\n" + as_text(o.code) + "\n\nFirst published on The "
            "Conversation (https://theconversation.com/us), licensed CC BY-ND 4.0 "
            "(https://creativecommons.org/licenses/by-nd/4.0/).")
    verdict = check_page(text, o.article, plain=True)
    assert not verdict.failed, explain(verdict)


# --- the shape itself, in the editions' other languages (Portuguese, Indonesian) -------------

WHEN = datetime(2025, 10, 2, tzinfo=UTC)
ARTICLE = Article(
    article_id=1, url="https://theconversation.com/um-titulo-1", title="Um título qualquer",
    summary=None, content="", published=WHEN, updated=WHEN, language="pt", rights=None,
    authors=(Author(name="Ana Souza", role="Professora de Ecologia",
                    institution="Universidade de São Paulo (USP)", profile_url=None),),
)


@pytest.mark.parametrize(("text", "credit"), [
    ("Por Ana Souza, Professora de Ecologia, Universidade de São Paulo (USP)", True),
    ("Este artigo foi publicado originalmente no The Conversation Brasil. Leia o artigo "
     "original.", True),
    ("Artikel ini diterbitkan ulang dari The Conversation di bawah lisensi Creative Commons.",
     True),
    ("Oleh Ana Souza (USP)", True),
    ("A. Souza, USP", True),
    ("Nota do editor: Ana Souza escreveu este artigo a pedido dos nossos leitores.", False),
    ("Agradecemos ao The Conversation Brasil pela parceria de sempre.", False),
    ("Terima kasih kepada The Conversation atas artikel ini.", False),
    ("SÃO PAULO —", False),
])
def test_the_shape_of_a_credit_block(text: str, credit: bool) -> None:
    run = words(text)
    assert is_credit(run, [False] * len(run), credit_of(ARTICLE)) is credit
