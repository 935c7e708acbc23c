"""The corpus's edits: what a publisher does to the pasted code or around it, one per case.
Some are harmless (house style, an ad between paragraphs, the byline moved): the page must
still pass. The others are defects: the page must fail, on exactly the rules named in the
case. Every edit works in memory on the original's code and fails loudly when its target is
not there, so a case cannot pass by missing its mark."""

from __future__ import annotations

import dataclasses
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from itertools import pairwise
from urllib.parse import quote

import lxml.html

from syndication.compliance import prepare
from syndication.compliance.content import is_promo

from .layouts import PUBLISHER, Slots, wp_print_render
from .originals import Original

Apply = Callable[[Slots, Original], Slots]

COUNTER = re.compile(r'<img src="https://counter\.theconversation\.com/content/(\d+)/count\.gif'
                     r'[^"]*"[^>]*>')
BYLINE = re.compile(r'<p class="tc-byline">.*?</p>'
                    r'|^[ \t]*(?:<p>)?<span><a href="https://theconversation\.com/profiles/'
                    r'.*?</span>(?:</p>)?[ \t]*$', re.MULTILINE | re.DOTALL)
ATTRIBUTION = re.compile(r'<p class="tc-attribution">.*?</p>'
                         r'|<p>Este artículo fue publicado originalmente en.*?</p>', re.DOTALL)
_DISCLOSURE = re.compile(r'<p class="fine-print">.*?</p>', re.DOTALL)


def find(pattern: re.Pattern[str], text: str, what: str) -> re.Match[str]:
    m = pattern.search(text)
    assert m is not None, f"edit target not found: {what}"
    return m


def sub(text: str, old: str, new: str) -> str:
    """Replace the first ``old``, which must be there."""
    assert old in text, f"edit target not found: {old[:80]!r}"
    return text.replace(old, new, 1)


def byline(code: str) -> str:
    return find(BYLINE, code, "byline").group()


def without_byline(code: str) -> str:
    return code.replace(byline(code), "", 1)


def body_paragraphs(code: str) -> list[re.Match[str]]:
    """The article's own paragraphs in the code, in order: not the byline, the disclosure or
    the attribution line."""
    skip = [m.span() for p in (BYLINE, ATTRIBUTION, _DISCLOSURE) for m in p.finditer(code)]
    out = []
    for m in re.finditer(r"<p>(?!\[).*?</p>", code, re.DOTALL):
        if not any(a <= m.start() < b for a, b in skip) and len(m.group().split()) > 6:
            out.append(m)
    assert len(out) >= 4, "too few paragraphs"
    return out


def after_paragraph(code: str, k: int, html: str) -> str:
    """``html`` inserted after the k-th body paragraph (0-based; negative from the end)."""
    end = body_paragraphs(code)[k].end()
    return code[:end] + "\n" + html + "\n" + code[end:]


def body_end(code: str) -> int:
    """Where the article's last words end: before the counter (and its comment)."""
    counter = find(COUNTER, code, "counter")
    comment = code.rfind("<!--", 0, counter.start())
    if comment >= 0 and counter.start() - comment < 200:
        return comment
    return code.rfind("</p>", 0, counter.start())


def article_of(slots: Slots, new: str) -> Slots:
    return dataclasses.replace(slots, article=new)


# --- per-language words (the publisher's, never the article's) --------------------------------

WORDS = {
    "en": {"dateline": "SANTA BARBARA, Calif. — ", "intro": "Editor’s note: we are glad to "
           "share this piece with our readers, who asked about it at last week’s meeting.",
           "appended": " We will keep following this story for our readers.",
           "related": "Related:", "ad": "Advertisement", "by": "By",
           "newsletter": "Get our Friday briefing in your inbox.", "and": "and",
           "no-licence": 'Read the original article on <a href="{url}">The Conversation</a>.',
           "read-more": "Read the full article on The Conversation",
           "about": "About the author",
           "reworded": "tomorrow",
           "toc-pitch": "We put this guide together so that our readers find what they need "
           "in it quickly.",
           "listen": "Listen to this article",
           "note-about": "Editor’s note: we asked {who} for this piece after our "
           "readers’ questions.",
           "subscribe": "Subscribe",
           "share": "Share",
           "share-note": "Share this story with a friend who cares about the ocean as much "
           "as you do.",
           "continue": "Continue reading",
           "dek": "Our editors picked this piece for its clear look at a question readers "
           "asked about.",
           "views": "Post Views:", "reading-time": ("Reading Time:", "minutes"),
           "updated": "Last Updated on {date} by", "date": "October 3, 2025",
           "donate": "Donate", "support": "Support our newsroom",
           "pitch": "Reader donations keep our reporting free for everyone.",
           "wrote": "{who} wrote this for our readers. Support this kind of work.",
           "dated-dateline": "SANTA BARBARA, Calif., Oct. 3, 2025 —",
           "update-note": "Update: we corrected the name of a reef on October 4, 2025.",
           "short-update": "Update: corrected the reef name"},
    "fr": {"dateline": "PARIS — ", "intro": "Note de la rédaction : nous partageons cet article "
           "à la demande de nos lecteurs, qui nous ont interrogés à ce sujet.",
           "appended": " Nous continuerons à suivre ce sujet pour nos lecteurs.",
           "related": "À lire aussi :", "ad": "Publicité", "by": "Par",
           "newsletter": "Recevez notre lettre du vendredi.", "and": "et",
           "no-licence": 'Lire l’article original sur <a href="{url}">The Conversation</a>.',
           "read-more": "Lire l’article complet sur The Conversation",
           "about": "À propos des auteurs",
           "reworded": "demain",
           "toc-pitch": "Nous avons préparé ce guide pour que nos lecteurs y trouvent vite ce "
           "qu’ils cherchent.",
           "listen": "Écouter cet article",
           "note-about": "Note de la rédaction : nous avons demandé ce texte à {who} pour "
           "nos lecteurs.",
           "subscribe": "S’abonner",
           "share": "Partager",
           "share-note": "Partagez cet article avec un ami qui aime l’océan autant que vous.",
           "continue": "Lire la suite",
           "dek": "Notre rédaction a choisi ce texte pour son regard clair sur une question "
           "de nos lecteurs.",
           "views": "Vues :", "reading-time": ("Temps de lecture :", "minutes"),
           "updated": "Mis à jour le {date} par", "date": "3 octobre 2025",
           "donate": "Faire un don", "support": "Soutenez notre rédaction",
           "pitch": "Les dons de nos lecteurs gardent nos articles gratuits pour tous.",
           "wrote": "{who} a écrit ce texte pour nos lecteurs. Soutenez ce travail.",
           "dated-dateline": "PARIS, 3 octobre 2025 —",
           "update-note": "Mise à jour : nous avons corrigé un nom de lieu le 4 octobre 2025.",
           "short-update": "Mise à jour : nom du lieu corrigé"},
    "es": {"dateline": "MADRID — ", "intro": "Nota de la redacción: compartimos este artículo "
           "a petición de nuestros lectores, que nos preguntaron por el tema.",
           "appended": " Seguiremos informando sobre este tema a nuestros lectores.",
           "related": "Relacionado:", "ad": "Publicidad", "by": "Por",
           "newsletter": "Reciba nuestro boletín de los viernes.", "and": "y",
           "no-licence": 'Lea el original en <a href="{url}">The Conversation</a>.',
           "read-more": "Lea el artículo completo en The Conversation",
           "about": "Sobre los autores",
           "reworded": "mañana",
           "toc-pitch": "Preparamos esta guía para que nuestros lectores encuentren pronto lo "
           "que buscan.",
           "listen": "Escuchar este artículo",
           "note-about": "Nota de la redacción: pedimos este texto a {who} para nuestros lectores.",
           "subscribe": "Suscríbete",
           "share": "Compartir",
           "share-note": "Comparte esta historia con un amigo al que le importe el océano "
           "tanto como a ti.",
           "continue": "Seguir leyendo",
           "dek": "Nuestra redacción eligió este texto por su mirada clara sobre una pregunta "
           "de los lectores.",
           "views": "Visitas:", "reading-time": ("Tiempo de lectura:", "minutos"),
           "updated": "Actualizado el {date} por", "date": "3 de octubre de 2025",
           "donate": "Donar", "support": "Apoya nuestro periodismo",
           "pitch": "Las donaciones de los lectores mantienen gratis nuestro periodismo.",
           "wrote": "{who} escribió este texto para nuestros lectores. Apoya este trabajo.",
           "dated-dateline": "MADRID, 3 de octubre de 2025 —",
           "update-note": "Actualización: corregimos el nombre de un lugar el 4 de octubre de "
           "2025.",
           "short-update": "Actualización: nombre del lugar corregido"},
}
# A changed word per original: (the original's words, the same with one word changed).
EDITED_WORD = {
    "en-263253": ("voracious kelp eaters", "hungry kelp eaters"),
    "fr-212649": ("ne sont pas les seuls", "ne sont pas les uniques"),
    "fr-209538": ("Vous rêvez de creuser", "Vous rêvez de fouiller"),
    "es-159013": ("La transformación digital muestra", "La transformación digital demuestra"),
    "es-113886": ("identifica la contaminación acústica", "considera la contaminación acústica"),
}
# A rewritten headline per original, as an editor would write one.
REWRITTEN = {
    "en-263253": "The sea star die-off that changed a coastline",
    "fr-212649": "Canicule : quand nos machines flanchent",
    "fr-209538": "Sur la piste de Néandertal dans le Bassin parisien",
    "es-159013": "La inteligencia artificial llega a las historias clínicas",
    "es-113886": "Twitter, un aliado contra el ruido urbano",
}
# Another article of The Conversation, linked where a publisher links "related" reading.
OTHER_TC = "https://theconversation.com/how-kelp-forests-recover-after-a-marine-heatwave-254301"
# The publisher's own site: on the page, the layout's (layouts.PUBLISHER, Layout.site).
SITE = PUBLISHER


def words(o: Original) -> dict[str, str]:
    return WORDS[o.lang]


# --- harmless edits ---------------------------------------------------------------------------


def body_classes(slots: Slots, o: Original) -> Slots:
    return dataclasses.replace(
        slots, body_class=" has-sidebar right-sidebar showing-comments layout-one-sidebar")


def wrapper_classes(slots: Slots, o: Original) -> Slots:
    return article_of(slots, '<div id="content-wrap" class="container clr has-sidebar '
                      'content-right-sidebar layout-one-sidebar"><div class="sidebar-content '
                      'right-sidebar">' + slots.article + "</div></div>")


def aside_author_box(slots: Slots, o: Original) -> Slots:
    box = f'<aside class="author-box widget"><h4>{words(o)["about"]}</h4>{byline(o.code)}</aside>'
    return dataclasses.replace(slots, article=without_byline(slots.article), after=box)


def footer_author_box(slots: Slots, o: Original) -> Slots:
    box = (f'<div class="author-bio show-avatars"><div class="author-bio-content">'
           f'<h2 class="author-title">{words(o)["about"]}</h2>{byline(o.code)}</div></div>')
    return dataclasses.replace(slots, article=without_byline(slots.article), after=box)


def byline_above_headline(slots: Slots, o: Original) -> Slots:
    return dataclasses.replace(slots, article=without_byline(slots.article),
                               before=f'<div class="entry-meta byline">{byline(o.code)}</div>')


def _profile_link(author_name: str, profile: str | None) -> str:
    return f'<a href="{profile}">{author_name}</a>' if profile else author_name


def shared_institution(style: str) -> Apply:
    """Co-authors of one institution credited once: "A, B and C (Institution)" or
    "A, B and C, Institution"; or (style "none") the institution left out."""

    def apply(slots: Slots, o: Original) -> Slots:
        authors = o.article.authors
        institutions = {a.institution for a in authors}
        assert len(authors) > 1 and len(institutions) == 1, "needs co-authors of one institution"
        links = [_profile_link(a.name, a.profile_url) for a in authors]
        names = ", ".join(links[:-1]) + f" {words(o)['and']} " + links[-1]
        institution = authors[0].institution
        credit = {"parentheses": f"{names} ({institution})", "comma": f"{names}, {institution}",
                  "none": names}[style]
        new = f'<p class="byline">{words(o)["by"]} {credit}</p>'
        return article_of(slots, slots.article.replace(byline(slots.article), new, 1))

    return apply


def between_paragraphs(box: str) -> Apply:
    def apply(slots: Slots, o: Original) -> Slots:
        html = box.format(related=words(o)["related"], ad=words(o)["ad"], site=SITE,
                          newsletter=words(o)["newsletter"], other=OTHER_TC)
        return article_of(slots, after_paragraph(slots.article, 1, html))

    return apply


AD = ('<div class="ad-slot ad-inline" data-ad-unit="in-article-1"><p class="ad-label">{ad}</p>'
      '<a href="https://ads.example.net/click?id=8812" rel="sponsored"><img '
      'src="https://ads.example.net/creative/8812.jpg" width="300" height="250" alt=""></a></div>')
NEWSLETTER = ('<div class="newsletter-box"><h3>{newsletter}</h3><p><a class="button" '
              'href="{site}/newsletter/">Sign up</a></p></div>')
RELATED = ('<p class="related-link"><strong>{related}</strong> <a href="{site}/2025/09/28/'
           'council-votes-on-the-harbour-plan/">Council votes on the harbour plan</a></p>')
RELATED_TC = '<p class="related-link"><strong>{related}</strong> <a href="{other}">' \
             'How kelp forests recover after a marine heatwave</a></p>'



def headline_only_in_title(slots: Slots, o: Original) -> Slots:
    """The theme shows no heading for the post (an empty title element): the headline is
    the one <title> and og:title give, with the site's name after it."""
    return dataclasses.replace(slots, headline="")


def counter_decoding_async(slots: Slots, o: Original) -> Slots:
    """What WordPress adds to every <img> of a post (decoding="async"): not a lazy load."""
    m = _counter(slots.article)
    return article_of(slots, slots.article.replace(m.group(), m.group().replace(
        "<img ", '<img decoding="async" '), 1))


def nested_within_limit(slots: Slots, o: Original) -> Slots:
    """The code inside 150 nested <div>s (page builders nest deep): within the parser's
    limit, an ordinary page."""
    depth = 150
    return article_of(slots, "<div>" * depth + slots.article + "</div>" * depth)


def tc_promos(o: Original) -> list[tuple[str, str]]:
    """The Conversation's promos of the original as recorded (the blocks republish removes,
    content.is_promo), each with the paragraph that precedes it in the original."""
    blocks = list(re.finditer(r"<p\b.*?</p>", o.article.content, re.DOTALL))
    found = []
    for prev, m in pairwise(blocks):
        if is_promo(lxml.html.fragment_fromstring(m.group())):
            found.append((m.group(), prev.group()))
    assert found, "the original has no promo"
    return found


def with_tc_promos(code: str, o: Original) -> str:
    """The code as The Conversation's own share package gives it: the original's promos in
    their places (our republish step leaves them out)."""
    for promo, prev in tc_promos(o):
        if promo not in code:
            code = sub(code, prev, prev + "\n\n" + promo)
    return code


def tc_promo_kept(slots: Slots, o: Original) -> Slots:
    """The promos left in, as pasted with The Conversation's code: carried word for word."""
    return article_of(slots, with_tc_promos(slots.article, o))


def tc_promo_removed(slots: Slots, o: Original) -> Slots:
    """The Conversation's newsletter plug taken out of its code by the editor, who leaves an
    empty paragraph where it stood (what the block editor keeps of a cleared paragraph)."""
    code = with_tc_promos(slots.article, o)
    for promo, _prev in tc_promos(o):
        code = sub(code, promo, "<p>&nbsp;</p>")
    return article_of(slots, code)


def straight_typography(slots: Slots, o: Original) -> Slots:
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                           "«": '"', "»": '"'})
    new = slots.article.translate(table)
    assert new != slots.article, "no typography to change"
    return dataclasses.replace(slots, article=new, headline=slots.headline.translate(table))


# A typography plugin's or house style's characters (F69), in the body's text: the modifier
# letter apostrophe U+02BC for the apostrophe (a "correct apostrophe" setting), dashes typed as
# hyphens ("--" for an en dash, "---" for an em dash, as a text-only letter or a Markdown
# site without SmartyPants writes them), primes for apostrophes and double quotes, the acute
# accent for the apostrophe (a keyboard's).
_HOUSE_TYPOGRAPHY: dict[str, Callable[[str], str]] = {
    "modifier-apostrophe": lambda t: re.sub(r"(?<=\w)[’'](?=\w)", "\u02bc", t),
    "typed-dashes": lambda t: t.replace("–", "--").replace("—", "---"),
    "primes": lambda t: re.sub(r"(?<=\w)’(?=\w)", "\u2032", t).replace("“", "\u2033")
    .replace("”", "\u2033"),
    "acute-apostrophe": lambda t: re.sub(r"(?<=\w)[’'](?=\w)", "\u00b4", t),
}


# F84: quotation marks and apostrophes in a house style (tenth round): the original's double
# quotation marks (“ ”, « » with their inner spaces) set as a British style's single ones,
# single guillemets with narrow no-break spaces, low-9 single quotes, a typewriter's ``…''
# or straight single quotes; apostrophes set as the grave accent or the turned comma
# U+02BB; PHP-Typography's hanging punctuation (wp-Typography: the opening quote in a
# span.pull-single after an empty span.push-single, as its tests print it); the word before
# an apostrophe in an <em> of its own (the mark then stands in another run of text).
_APOSTROPHE = r"(?<=\w)[’'](?=\w)"


def _requote(text: str, opening: str, closing: str) -> str:
    text = re.sub(r"«[\s\u00a0\u202f]*", lambda m: opening, text)
    text = re.sub(r"[\s\u00a0\u202f]*»", lambda m: closing, text)
    return text.replace("“", opening).replace("”", closing)


def _hanging_quotes(text: str) -> str:
    text = re.sub(r"(\s?)(?:«[\s\u00a0]*|“)", lambda m: '<span class="push-single"></span>'
                  + m.group(1) + '<span class="pull-single">‘</span>', text)
    return re.sub(r"[\s\u00a0]*»|”", "’", text)


_HOUSE_TYPOGRAPHY.update({
    "british-quotes": lambda t: _requote(t, "‘", "’"),
    "single-guillemets": lambda t: _requote(t, "‹\u202f", "\u202f›"),
    "low-9-quotes": lambda t: _requote(t, "‚", "‘"),
    "typed-quote-pairs": lambda t: _requote(t, "``", "''"),
    "straight-single-quotes": lambda t: _requote(t, "'", "'"),
    "grave-apostrophe": lambda t: re.sub(_APOSTROPHE, "`", t),
    "turned-comma-apostrophe": lambda t: re.sub(_APOSTROPHE, "\u02bb", t),
    "hanging-quotes": _hanging_quotes,
    "apostrophe-after-em": lambda t: re.sub(r"(\w+)[’'](?=\w)", r"<em>\1</em>`", t),
})
# Guards under those styles (F84), per original: a word changed inside a quotation, the
# quotation marks removed, marks added around a word, an apostrophe dropped, a negation
# removed. Each must still fail unaltered-text; the evidence quotes the changed words.
QUOTE_EDITS: dict[str, dict[str, tuple[str, str]]] = {
    "quoted-word": {"en-263253": ("“urchin ranches”", "“urchin farms”"),
                    "fr-209538": ("« petits »", "« grands »"),
                    "fr-212649": ("adiabatique »", "isotherme »"),
                    "es-159013": ("“percibe sabores”", "“percibe olores”")},
    "unquoted": {"en-263253": ("“uni”", "uni"), "fr-209538": ("« fossile »", "fossile"),
                 "fr-212649": ("« refroidissement", "refroidissement"),
                 "es-159013": ("“NLP Clínico”", "NLP Clínico")},
    "quoted": {"en-263253": ("voracious kelp eaters", "“voracious” kelp eaters"),
               "fr-209538": ("Vous rêvez de creuser", "Vous rêvez de « creuser »"),
               "fr-212649": ("ne sont pas les seuls", "ne sont pas les « seuls »"),
               "es-159013": ("La transformación digital muestra",
                             "La transformación “digital” muestra")},
    "apostrophe-dropped": {"en-263253": ("It’s not a new", "Its not a new"),
                           "fr-209538": ("n’est pas vraiment", "nest pas vraiment"),
                           "fr-212649": ("l’huile", "lhuile")},
    "negation-dropped": {"en-263253": ("It’s not a new", "It’s a new"),
                         "fr-209538": ("n’est pas vraiment", "est vraiment"),
                         "fr-212649": ("ne sont pas les seuls", "sont les seuls"),
                         "es-159013": ("datos no permite", "datos permite")},
}


def _quote_edit_said(edit: str) -> Callable[[Original], str]:
    """What the evidence of QUOTE_EDITS[edit] quotes: a word of the republication's side
    (the mark added or dropped aside), or what is missing."""
    def said(o: Original) -> str:
        old, new = QUOTE_EDITS[edit][o.name]
        if edit == "negation-dropped":
            return "missing" if o.lang != "fr" else "became"
        changed = [w for w in re.findall(r"\w+", new) if w not in re.findall(r"\w+", old)]
        return changed[0] if changed else re.findall(r"\w+", new)[0]
    return said


def quotes_restyled(style: str, edit: str) -> Apply:
    """The body's text in a house style of quotation marks or apostrophes (F84) with one of
    QUOTE_EDITS made before it."""
    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _parts(slots.article)
        body = sub(body, *QUOTE_EDITS[edit][o.name])
        styled = re.sub(r">([^<]+)<",
                        lambda m: ">" + _HOUSE_TYPOGRAPHY[style](m.group(1)) + "<", body)
        return article_of(slots, head + styled + tail)

    return apply


def headline_apostrophe(style: str) -> Apply:
    """The headline and the page's title with their apostrophe set by ``style`` (F84);
    "dropped": the apostrophe left out (a defect)."""
    def apply(slots: Slots, o: Original) -> Slots:
        assert "’" in o.article.title, "no apostrophe in the headline"
        new = o.article.title.replace("’", {"grave": "`", "turned-comma": "\u02bb",
                                            "straight": "'", "dropped": ""}[style])
        return dataclasses.replace(slots, headline=new, head_title=new)

    return apply


def house_typography(style: str, edited: bool = False) -> Apply:
    """The body's text in a house style's typography (_HOUSE_TYPOGRAPHY); ``edited``: a word
    of the article changed too (EDITED_WORD)."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _parts(slots.article)
        if edited:
            old, new = EDITED_WORD[o.name]
            body = sub(body, old, new)
        styled = re.sub(r">([^<]+)<",
                        lambda m: ">" + _HOUSE_TYPOGRAPHY[style](m.group(1)) + "<", body)
        assert styled != body, f"no typography to change for {style}"
        return article_of(slots, head + styled + tail)

    return apply


def invisible_characters(slots: Slots, o: Original) -> Slots:
    """Characters no reader sees, in the body's text as a typography plugin or a paste from
    a word processor leaves them (no recorded page holds them; built as docs/compliance.md
    describes, `unaltered-text`): a BOM opening each paragraph, a word joiner after the
    no-break space that keeps each paragraph's last word off a line of its own (widow
    control), soft hyphens in long words, a left-to-right mark after each comma."""
    head, body, tail = _parts(slots.article)

    def text(m: re.Match[str]) -> str:
        run = re.sub(r"\b(\w{4})(\w{5,})\b", "\\1\u00ad\\2", m.group(1))
        run = re.sub(r" (\S+)$", "\u00a0\u2060\\1", run.replace(",", ",\u200e"))
        return ">" + run + "<"

    body = re.sub(r">([^<]+)<", text, body).replace("<p>", "<p>\ufeff")
    return article_of(slots, head + body + tail)


def invisible_characters_edited(slots: Slots, o: Original) -> Slots:
    """An edited word among the invisible characters: the edit still shows."""
    return invisible_characters(edited_word(slots, o), o)


def gutenberg_blocks(slots: Slots, o: Original) -> Slots:
    """What the block editor stores after a paste: each paragraph a core/paragraph block."""
    new = re.sub(r"(<p>.*?</p>)", r"<!-- wp:paragraph -->\n\1\n<!-- /wp:paragraph -->",
                 slots.article, flags=re.DOTALL)
    return article_of(slots, new)


def links_open_new_tab(slots: Slots, o: Original) -> Slots:
    new = re.sub(r'<a href="', '<a target="_blank" rel="noopener noreferrer" href="',
                 slots.article)
    return article_of(slots, new)


_FIGURE = re.compile(r"<figure\b.*?</figure>", re.DOTALL)


def image_cards(platform: str) -> Apply:
    """What an editor makes of pasted figures: WordPress's block editor turns each into a
    core/image block (figure.wp-block-image, figcaption.wp-element-caption), Ghost's into an
    image card (figure.kg-card.kg-image-card); The Conversation's caption and credit spans
    lose their classes, their words and links stay."""

    def card(m: re.Match[str]) -> str:
        figure = lxml.html.fragment_fromstring(m.group())
        img = next(figure.iter("img"))
        src, alt = escape(img.get("src") or ""), escape(img.get("alt") or "")
        caption = figure.find(".//figcaption")
        parts = []
        if caption is not None:
            for span in caption.iter("span"):
                span.attrib.pop("class", None)
                for a in span.iter("a"):
                    a.attrib.pop("class", None)
            parts = [lxml.html.tostring(child, encoding="unicode", with_tail=False).strip()
                     for child in caption]
        inner = " ".join(p for p in parts if p)
        if platform == "ghost":
            return (f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" '
                    f'class="kg-image" alt="{alt}" loading="lazy" width="754" height="503">'
                    f"<figcaption>{inner}</figcaption></figure>")
        return (f'<figure class="wp-block-image size-large"><img decoding="async" src="{src}" '
                f'alt="{alt}" class="wp-image-5521"/>'
                f'<figcaption class="wp-element-caption">{inner}</figcaption></figure>')

    def apply(slots: Slots, o: Original) -> Slots:
        new, n = _FIGURE.subn(card, slots.article)
        assert n, "no figure"
        return article_of(slots, new)

    return apply


def hidden_furniture(slots: Slots, o: Original) -> Slots:
    return dataclasses.replace(
        slots, before='<div class="search-modal cover-modal" hidden><p>Search for:</p></div>'
        '<span class="screen-reader-text" style="display:none">Posted in</span>')


def extract(with_link: bool) -> Apply:
    """The first paragraphs (the guidelines' extract), then, or not, a link to the rest."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        cut = body_paragraphs(code)[3].end()
        counter = find(COUNTER, code, "counter")
        tail = code[counter.start():]
        link = (f'\n<p><a href="{o.article.url}">{words(o)["read-more"]}</a></p>\n'
                if with_link else "\n")
        return article_of(slots, code[:cut] + link + tail)

    return apply


# --- defects --------------------------------------------------------------------------------


def edited_word(slots: Slots, o: Original) -> Slots:
    old, new = EDITED_WORD[o.name]
    return article_of(slots, sub(slots.article, old, new))


# A hyphenated word changed: the evidence must quote it whole ("now-depleted", not
# "now -depleted").
HYPHENATED = {
    "en-263253": ("the now-depleted", "the now-vanished"),
    "fr-212649": ("batteries lithium-ion", "batteries lithium-polymère"),
    "es-159013": ("enfermos de covid-19", "enfermos de covid-20"),
}


def edited_hyphenated_word(slots: Slots, o: Original) -> Slots:
    old, new = HYPHENATED[o.name]
    return article_of(slots, sub(slots.article, old, new))


def inserted_sentence(slots: Slots, o: Original) -> Slots:
    """A sentence of the publisher's inside the article's second paragraph."""
    second = body_paragraphs(slots.article)[1]
    new = second.group()[:-4] + words(o)["appended"] + "</p>"
    return article_of(slots, slots.article.replace(second.group(), new, 1))


def dateline(slots: Slots, o: Original) -> Slots:
    first = body_paragraphs(slots.article)[0]
    new = "<p>" + words(o)["dateline"] + first.group()[3:]
    return article_of(slots, slots.article.replace(first.group(), new, 1))


def intro_paragraph(slots: Slots, o: Original) -> Slots:
    first = body_paragraphs(slots.article)[0]
    code = slots.article
    intro = f"<p><em>{words(o)['intro']}</em></p>\n"
    return article_of(slots, code[:first.start()] + intro + code[first.start():])


def appended_sentence(slots: Slots, o: Original) -> Slots:
    code = slots.article
    end = body_end(code)
    return article_of(slots, code[:end] + words(o)["appended"] + code[end:])


def appended_paragraph(slots: Slots, o: Original) -> Slots:
    """A paragraph after the article's last one (after the counter, where the Basic code
    puts it inside that paragraph)."""
    code = slots.article
    last = body_paragraphs(code)[-1]
    return article_of(slots, code[:last.end()] + f"\n<p>{words(o)['appended'].strip()}</p>"
                      + code[last.end():])


def cut_paragraph(slots: Slots, o: Original) -> Slots:
    third = body_paragraphs(slots.article)[2]
    return article_of(slots, slots.article.replace(third.group(), "", 1))


def repeated(which: str) -> Apply:
    """Words of the article set again after its last paragraph, unaltered, as plain
    paragraphs: ``end`` its second paragraph, ``last`` its last paragraph (pasted twice),
    ``sentence`` its second paragraph's first sentence, ``opening`` its first two paragraphs
    (red team F89: words of the original after the article were passed over as a disclosure
    moved)."""
    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        paragraphs = body_paragraphs(code)
        end = paragraphs[-1].end()
        again = {"end": paragraphs[1].group(), "last": paragraphs[-1].group(),
                 "sentence": "<p>" + re.split(r"(?<=[.!?])\s+", paragraphs[1].group()[3:-4])[0]
                 + "</p>",
                 "opening": paragraphs[0].group() + "\n" + paragraphs[1].group()}[which]
        return article_of(slots, code[:end] + "\n" + again + code[end:])
    return apply


def copy_after(slots: Slots, o: Original) -> Slots:
    """A second copy of the article's words after the pasted code, as a theme prints one
    per screen: the whole article again, judged as a copy (a guard for F89)."""
    return article_of(slots, slots.article + '\n<div class="mobile-copy">'
                      + _text_only(slots.article) + "</div>")


def disclosure_above(slots: Slots, o: Original) -> Slots:
    """The disclosure statement moved above the article's first paragraph: the original's
    words, in another place, none repeated (a guard for F89)."""
    code = slots.article
    disclosure = find(_DISCLOSURE, code, "disclosure").group()
    first = body_paragraphs(code)[0].start()
    code = code.replace(disclosure, "", 1)
    return article_of(slots, code[:first] + disclosure + "\n" + code[first:])


def reworded_end(slots: Slots, o: Original) -> Slots:
    """A heavily reworded copy: the words of the second half of the paragraphs in another
    order, so the match ends early and the attribution line stands far after it."""
    code = slots.article
    paragraphs = body_paragraphs(code)
    for m in reversed(paragraphs[len(paragraphs) // 2:]):
        inner = re.sub(r"<[^>]+>", "", m.group())
        shuffled = " ".join(reversed(inner.split()))
        code = code[:m.start()] + f"<p>{shuffled}</p>" + code[m.end():]
    return article_of(slots, code)


def rewritten_headline(slots: Slots, o: Original) -> Slots:
    """The article's heading rewritten; <title> and og:title keep the original."""
    return dataclasses.replace(slots, headline=REWRITTEN[o.name])


def rewritten_everywhere(slots: Slots, o: Original) -> Slots:
    return dataclasses.replace(slots, headline=REWRITTEN[o.name], head_title=REWRITTEN[o.name])


def _author_span(code: str, o: Original, k: int) -> tuple[int, int]:
    """Where the k-th author's credit stands in the byline: from the separator before the
    name to the end of the institution."""
    author = o.article.authors[k]
    link = f'<a href="{author.profile_url}">{author.name}</a>'
    at = code.index(link)
    end = code.index("</em>", at) + len("</em>")
    start = at
    for sep in ("; ", " y ", " et ", " and ", ", "):
        if code[at - len(sep):at] == sep:
            start = at - len(sep)
            break
    return start, end


def dropped_author(slots: Slots, o: Original) -> Slots:
    assert len(o.article.authors) > 1, "needs co-authors"
    start, end = _author_span(slots.article, o, 1)
    return article_of(slots, slots.article[:start] + slots.article[end:])


def byline_removed(slots: Slots, o: Original) -> Slots:
    return article_of(slots, without_byline(slots.article))


def profile_unlinked(slots: Slots, o: Original) -> Slots:
    a = o.article.authors[0]
    return article_of(slots, sub(slots.article, f'<a href="{a.profile_url}">{a.name}</a>', a.name))


def near_miss_name(slots: Slots, o: Original) -> Slots:
    """The first author's name misspelt by one letter ("Rossella" as "Rosella")."""
    a = o.article.authors[0]
    return article_of(slots, sub(slots.article, f">{a.name}</a>", f">{_near_miss(o)}</a>"))


# Another institution than the author's, in the page's language (a publisher retyping the
# byline from an old profile): the credit rules judge it, it is no text added to the article.
OTHER_INSTITUTION = {"en": "Stanford University", "fr": "Université de Lyon",
                     "es": "Universidad de Sevilla"}


def _institution(code: str, o: Original, pattern: str) -> re.Match[str]:
    """``pattern`` found after the first author's name in the byline: their institution."""
    a = o.article.authors[0]
    assert a.institution
    m = re.compile(pattern, re.DOTALL).search(code, code.index(f">{a.name}</a>"))
    assert m is not None, "no institution after the first author's name"
    return m


def institution_substituted(slots: Slots, o: Original) -> Slots:
    """The first author's institution in the byline replaced by another one."""
    code = slots.article
    m = _institution(code, o, r"<em>(.*?)</em>")
    assert m.group(1) == o.article.authors[0].institution, "institution not in <em>, unlinked"
    other = OTHER_INSTITUTION[o.lang]
    return article_of(slots, code[:m.start(1)] + other + code[m.end(1):])


ROLE = {"en": "Senior Lecturer", "fr": "Maître de conférences", "es": "Profesor titular"}


def role_substituted(slots: Slots, o: Original) -> Slots:
    """The first author's role in the byline replaced by another one: no rule asks for the
    role, and the byline stays a credit."""
    a = o.article.authors[0]
    assert a.role
    return article_of(slots, sub(slots.article, f">{a.name}</a>, {a.role}",
                                 f">{a.name}</a>, {ROLE[o.lang]}"))


def institution_dropped(slots: Slots, o: Original) -> Slots:
    code = slots.article
    m = _institution(code, o, r",?\s*<em>.*?</em>")
    return article_of(slots, code[:m.start()] + code[m.end():])


def _counter(code: str) -> re.Match[str]:
    return find(COUNTER, code, "counter")


def counter_removed(slots: Slots, o: Original) -> Slots:
    return article_of(slots, slots.article.replace(_counter(slots.article).group(), "", 1))


def counter_other_article(slots: Slots, o: Original) -> Slots:
    m = _counter(slots.article)
    n = m.group(1)
    return article_of(slots, slots.article.replace(m.group(), m.group().replace(
        f"/content/{n}/", "/content/254301/"), 1))


def counter_twice(slots: Slots, o: Original) -> Slots:
    m = _counter(slots.article)
    return article_of(slots, slots.article.replace(m.group(), m.group() + m.group(), 1))


def counter_lazy_plugin(slots: Slots, o: Original) -> Slots:
    """How WordPress lazy-load plugins rewrite an <img>: the address in data-lazy-src, an
    SVG placeholder as src, and a <noscript> copy for browsers without scripts."""
    m = _counter(slots.article)
    src = re.search(r'src="([^"]+)"', m.group())
    assert src is not None
    lazy = (f'<img src="data:image/svg+xml,%3Csvg%20xmlns=\'http://www.w3.org/2000/svg\'%20'
            f'viewBox=\'0%200%201%201\'%3E%3C/svg%3E" alt="The Conversation" width="1" '
            f'height="1" data-lazy-src="{src.group(1)}" class="lazyload">'
            f"<noscript>{m.group()}</noscript>")
    return article_of(slots, slots.article.replace(m.group(), lazy, 1))


# How consent managers park an image until the reader accepts their cookies, each as its
# plugin rewrites an <img> (its blocking markup, found in the plugins' own code): Cookiebot
# (data-cookieblock-src and data-cookieconsent), Complianz (its placeholder image as src,
# data-src-cmplz, a cmplz- class), iubenda (_iub_cs_activate, data-suppressedsrc, a blank
# src), Borlabs Cookie (the markup as a template its script writes in on consent).
def counter_consent(manager: str) -> Apply:
    """The counter parked by a consent manager (see above)."""

    def apply(slots: Slots, o: Original) -> Slots:
        tag = _counter(slots.article).group()
        src = find(re.compile(r'src="([^"]+)"'), tag, "counter src").group(1)
        held = {
            "cookiebot": lambda: tag.replace(
                f'src="{src}"', f'data-cookieblock-src="{src}" data-cookieconsent="statistics"'),
            "complianz": lambda: tag.replace(
                f'src="{src}"', f'src="{PUBLISHER}/wp-content/plugins/complianz-gdpr/assets/'
                f'images/placeholders/default-minimal.jpg" data-src-cmplz="{src}" '
                'class="cmplz-image"'),
            "iubenda": lambda: tag.replace(f'src="{src}"', 'src=""').replace(
                "<img", f'<img class="_iub_cs_activate" data-iub-purposes="4" '
                f'data-suppressedsrc="{src}"', 1),
            "borlabs": lambda: ('<div class="BorlabsCookie _brlbs-cb-statistics"><script '
                                'type="text/template" data-borlabs-cookie-script-blocker-id='
                                f'"tc-counter">{tag}</script></div>'),
        }[manager]()
        return article_of(slots, slots.article.replace(tag, held, 1))

    return apply


def counter_in_noscript(slots: Slots, o: Original) -> Slots:
    m = _counter(slots.article)
    return article_of(slots, slots.article.replace(m.group(), f"<noscript>{m.group()}</noscript>",
                                                   1))


def counter_cdn(slots: Slots, o: Original) -> Slots:
    """The counter's address rewritten by an image CDN (Jetpack's Photon)."""
    m = _counter(slots.article)
    new = m.group().replace('src="https://counter.theconversation.com/',
                            'src="https://i0.wp.com/counter.theconversation.com/')
    return article_of(slots, slots.article.replace(m.group(), new, 1))


def counter_size(how: str) -> Apply:
    """The counter's size as an editor leaves it: its width and height attributes stripped
    ("stripped": it shows at the GIF's own 1×1), moved into its style ("in-style", as a rich
    text editor that writes sizes as CSS does), or its style stretching it over the
    attributes ("stretched", a theme's responsive-images rule written inline)."""

    def apply(slots: Slots, o: Original) -> Slots:
        m = _counter(slots.article)
        tag = re.sub(r' style="[^"]*"', "", m.group())  # the Spanish code's own style
        sizes = {"stripped": "", "in-style": ' style="width: 1px; height: 1px;"',
                 "stretched": ' width="1" height="1" style="width:100%;height:auto"'}
        new = tag.replace(' width="1" height="1"', sizes[how], 1)
        assert new != tag
        return article_of(slots, slots.article.replace(m.group(), new, 1))

    return apply


def counter_loading_lazy(slots: Slots, o: Original) -> Slots:
    m = _counter(slots.article)
    return article_of(slots, slots.article.replace(m.group(), m.group().replace(
        "<img ", '<img loading="lazy" '), 1))


def amp_pixel_removed(slots: Slots, o: Original) -> Slots:
    return counter_removed(slots, o)


def wrong_back_link(slots: Slots, o: Original) -> Slots:
    """The attribution line's "original" links another article of The Conversation."""
    return article_of(slots, sub(slots.article, f'href="{o.article.url}"', f'href="{OTHER_TC}"'))


def attribution_removed(slots: Slots, o: Original) -> Slots:
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    return article_of(slots, slots.article.replace(line, "", 1))


# How a publisher hides a line from readers while keeping it in the HTML
# (docs/compliance.md#hidden-text): the attribute, a screen-reader-only class, a zero font
# size, an offset off the screen.
HIDING = {"hidden": "hidden", "sr-only": 'class="screen-reader-text"',
          "font-size-0": 'style="font-size:0"',
          "offscreen": 'style="position:absolute;left:-9999px"'}


def attribution_hidden(how: str) -> Apply:
    """The attribution line kept in the HTML, hidden from readers by HIDING[how]."""

    def apply(slots: Slots, o: Original) -> Slots:
        line = find(ATTRIBUTION, slots.article, "attribution line").group()
        return article_of(slots, sub(slots.article, line,
                                     line.replace("<p", f"<p {HIDING[how]}", 1)))

    return apply


def pixel_in_noscript(slots: Slots, o: Original) -> Slots:
    """The <noscript> image of Meta's pixel as its install snippet prints it, pasted into the
    post between two paragraphs: what counts a reader without scripts, no picture of the
    article (a browser with scripts neither shows nor loads it)."""
    return article_of(slots, after_paragraph(
        slots.article, 2, '<noscript><img height="1" width="1" style="display:none" '
        'src="https://www.facebook.com/tr?id=1234567890&amp;ev=PageView&amp;noscript=1"/>'
        '</noscript>'))


def script_in_hidden_box(slots: Slots, o: Original) -> Slots:
    """A script between paragraphs inside a hidden box: hidden, it still runs."""
    return article_of(slots, after_paragraph(
        slots.article, 2, '<div style="display:none"><script '
        'src="https://widgets.example.net/poll.js"></script></div>'))


def licence_words_removed(slots: Slots, o: Original) -> Slots:
    """The attribution line cut to "Read the original article on The Conversation." """
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    new = "<p>" + words(o)["no-licence"].format(url=o.article.url) + "</p>"
    return article_of(slots, slots.article.replace(line, new, 1))


def licence_unlinked(slots: Slots, o: Original) -> Slots:
    """The licence named in words, its link dropped: still a statement of the licence."""
    m = find(re.compile(r'<a rel="license" href="[^"]+">(.*?)</a>'), slots.article, "licence link")
    return article_of(slots, slots.article.replace(m.group(), m.group(1), 1))


def cc_by_licence(slots: Slots, o: Original) -> Slots:
    return article_of(slots, sub(slots.article, "creativecommons.org/licenses/by-nd/4.0/",
                                 "creativecommons.org/licenses/by/4.0/"))


# --- a theme's or site's licence line beside the article (F68) ----------------------------------
# Each as its theme prints it, in the page's language: Jekyll Chirpy's per-post line (its
# locales' copyright.license.template, CC BY 4.0 linked, in div.license-wrapper of
# div.post-tail-bottom), Hugo Stack's article footer (layouts/_partials/article/components/
# footer.html: section.article-copyright with its icon, the default "Licensed under CC
# BY-NC-SA 4.0"), a licence stated for the post with rel="license", a copyright over the
# post; Hexo NexT's post-copyright block (layout/_partials/post/post-copyright.njk and its
# languages' post.copyright strings: author, link, the licence "unless stating
# additionally", BY-NC-SA linked), a Pressbooks-style "Except where otherwise noted" notice.
_CC_BY = "https://creativecommons.org/licenses/by/4.0/"
_LICENCE_LINES = {
    "chirpy": {"en": "This post is licensed under {l} by the author.",
               "fr": "Cet article est sous licence {l} par l’auteur.",
               "es": "Esta publicación está bajo la licencia {l} por el autor."},
    "stack": {"en": "Licensed under CC BY-NC-SA 4.0", "fr": "Sous licence CC BY-NC-SA 4.0",
              "es": "Con licencia CC BY-NC-SA 4.0"},
    "rel-license": {"en": "This article is licensed under a {l}Creative Commons "
                          "Attribution-ShareAlike 4.0 License</a>.",
                    "fr": "Cet article est publié sous {l}licence Creative Commons Attribution "
                          "- Partage dans les mêmes conditions 4.0</a>.",
                    "es": "Este artículo está publicado bajo una {l}licencia Creative Commons "
                          "Atribución-CompartirIgual 4.0</a>."},
    "all-rights": {"en": "© 2025 {site}. This article is the property of {site}. All rights "
                         "reserved.",
                   "fr": "© 2025 {site}. Cet article est la propriété de {site}. Tous droits "
                         "réservés.",
                   "es": "© 2025 {site}. Este artículo es propiedad de {site}. Todos los "
                         "derechos reservados."},
    "next": {"en": ("Post author", "Post link", "Copyright Notice",
                    "All articles in this blog are licensed under {l} unless stating "
                    "additionally."),
             "fr": ("Auteur de l’article", "Lien de l’article", "Droit d’auteur",
                    "Tous les articles de ce blog sont sous licence {l}, sauf mention "
                    "contraire."),
             "es": ("Autor de la entrada", "Enlace a la entrada", "Copyright",
                    "Todos los artículos de este blog están licenciados bajo {l} a no ser que "
                    "se especifique una licencia adicional.")},
    "site-wide": {"en": "Except where otherwise noted, content on this site is licensed under "
                        "a {l}Creative Commons Attribution 4.0 International License</a>.",
                  "fr": "Sauf mention contraire, le contenu de ce site est sous licence "
                        "{l}Creative Commons Attribution 4.0 International</a>.",
                  "es": "Salvo que se indique lo contrario, el contenido de este sitio está "
                        "bajo una {l}Licencia Creative Commons Atribución 4.0 Internacional</a>."},
}


def licence_line_html(which: str, o: Original) -> str:
    """The licence line ``which`` of _LICENCE_LINES as its theme prints it."""
    text = _LICENCE_LINES[which][o.lang]
    if which == "chirpy":
        return ('<div class="post-tail-bottom d-flex justify-content-between align-items-center '
                'mt-5 pb-2"><div class="license-wrapper">'
                + str(text).format(l=f'<a href="{_CC_BY}">CC BY 4.0</a>') + "</div>"
                '<div class="share-wrapper d-flex align-items-center"><span class="share-label '
                f'text-muted">{words(o)["share"]}</span></div></div>')
    if which == "stack":
        return ('<footer class="article-meta article-footer"><section class="article-copyright '
                'inline-meta"><svg xmlns="http://www.w3.org/2000/svg" class="icon icon-tabler '
                'icon-tabler-copyright" width="24" height="24" viewBox="0 0 24 24"><circle '
                f'cx="12" cy="12" r="9"/></svg><span>{text}</span></section></footer>')
    if which == "rel-license":
        link = '<a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">'
        return f'<p class="post-license">{str(text).format(l=link)}</p>'
    if which == "all-rights":
        return f'<div class="entry-copyright"><p>{str(text).format(site="Harbour News")}</p></div>'
    if which == "next":
        author, link, title, line = text
        cc = ('<a href="https://creativecommons.org/licenses/by-nc-sa/4.0/" rel="noopener" '
              'target="_blank"><i class="fab fa-fw fa-creative-commons"></i>BY-NC-SA</a>')
        post = f"{PUBLISHER}/2025/10/03/harbour/"
        return ('<div class="post-copyright"><ul><li class="post-copyright-author"><strong>'
                f'{author}: </strong>Harbour News</li><li class="post-copyright-link"><strong>'
                f'{link}:</strong><a href="{post}" title="{post}">{post}</a></li><li '
                f'class="post-copyright-license"><strong>{title}: </strong>'
                f"{line.format(l=cc)}</li></ul></div>")
    assert which == "site-wide", which
    link = f'<a rel="license" href="{_CC_BY}">'
    return f'<div class="site-license"><p>{str(text).format(l=link)}</p></div>'


def licence_line(which: str, variant: str = "") -> Apply:
    """A theme's licence line in the article's footer (F68), with the attribution line kept;
    ``variant``: "edited" (a word of the article changed too), "no-attribution" (the
    attribution line dropped), "head" (only the head's <link rel="license"> to CC BY)."""

    def apply(slots: Slots, o: Original) -> Slots:
        if variant == "head":
            return dataclasses.replace(
                slots, head=slots.head + f'<link rel="license" href="{_CC_BY}">')
        code = slots.article
        if variant == "edited":
            old, new = EDITED_WORD[o.name]
            code = sub(code, old, new)
        elif variant == "no-attribution":
            code = code.replace(find(ATTRIBUTION, code, "attribution line").group(), "", 1)
        else:
            assert not variant, variant
        return dataclasses.replace(slots, article=code,
                                   after=slots.after + licence_line_html(which, o))

    return apply


def script_added(slots: Slots, o: Original) -> Slots:
    return article_of(slots, after_paragraph(
        slots.article, 1, '<script src="https://widgets.example.net/poll.js"></script>'))


def handler_added(slots: Slots, o: Original) -> Slots:
    first = body_paragraphs(slots.article)[0]
    return article_of(slots, slots.article.replace(
        first.group(), '<p onclick="track(this)">' + first.group()[3:], 1))


def getty_image_kept(slots: Slots, o: Original) -> Slots:
    """The original's lead image (credited "via Getty Images") pasted back above the text."""
    lead = re.search(r"<figure>.*?</figure>", o.article.content, re.DOTALL)
    assert lead is not None and "Getty" in lead.group(), "no Getty lead image"
    first = body_paragraphs(slots.article)[0]
    code = slots.article
    return article_of(slots, code[:first.start()] + lead.group() + "\n" + code[first.start():])


def _text_only(code: str) -> str:
    """The code's body without byline, counter and attribution: the article's words."""
    code = without_byline(code)
    code = COUNTER.sub("", code)
    return ATTRIBUTION.sub("", code)


def hidden_copy(how: str) -> Apply:
    """A page showing an altered article (one word changed) with the exact text hidden
    beside it, where a reader never sees it."""
    wrappers = {
        "display-none": '<div class="seo-copy" style="display:none">{}</div>',
        "hidden-attribute": "<div hidden>{}</div>",
        "aria-hidden": '<div aria-hidden="true" class="visually-hidden" style="position:absolute;'
                       'left:-9999px">{}</div>',
        "zero-size": '<div style="width:0;height:0;overflow:hidden">{}</div>',
    }

    def apply(slots: Slots, o: Original) -> Slots:
        visible = edited_word(slots, o).article
        hidden = wrappers[how].format(_text_only(o.code))
        return article_of(slots, visible + "\n" + hidden)

    return apply


def hidden_credit(slots: Slots, o: Original) -> Slots:
    """The byline only in hidden markup: a reader sees no author."""
    credit = f'<div style="display:none">{byline(o.code)}</div>'
    return article_of(slots, credit + without_byline(slots.article))


def new_tab_notes(css_class: str) -> Apply:
    """Each link of the body to another site opened in a new tab, with the screen-reader
    note an accessibility plugin or theme adds after its words ("(opens in a new tab)") in
    its own screen-reader-only class (HTML5 Boilerplate's visuallyhidden, Twenty Twelve's
    assistive-text, a theme's prefixed screen-reader-text): read aloud, never seen."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _parts(slots.article)
        noted = re.sub(r'(<a href="https?://(?!theconversation)[^"]+")([^>]*>)(.*?)</a>',
                       rf'\1 target="_blank" rel="noopener"\2\3<span class="{css_class}"> '
                       r"(opens in a new tab)</span></a>", body)
        assert noted != body, "no link to another site in the body"
        return article_of(slots, head + noted + tail)

    return apply


def credit_read_aloud(slots: Slots, o: Original) -> Slots:
    """The byline only in a theme's screen-reader-only class: read aloud, never seen."""
    credit = f'<div class="ast-screen-reader-text">{byline(o.code)}</div>'
    return article_of(slots, credit + without_byline(slots.article))


def folded(how: str, *, label: str = "continue") -> Apply:
    """The body from its third paragraph folded away behind a control, as themes and
    "read more" plugins print it: "details" in a <details> whose <summary> says
    words(o)[label]; "button" clipped by a style, a <button> after it that a script unfolds
    it with. ``label="dek"``: a sentence of the publisher's as the control's label."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        start, end = body_paragraphs(code)[2].start(), body_end(code)
        rest, say = code[start:end], escape(words(o)[label])
        if how == "details":
            html = f'<details class="read-more"><summary>{say}</summary>\n{rest}</details>'
        else:
            html = (f'<div class="read-more-clip" style="max-height:320px;overflow:hidden">\n'
                    f'{rest}</div>\n<button class="read-more-button" type="button">{say}'
                    "</button>")
        return article_of(slots, code[:start] + html + code[end:])

    return apply


def _first_sentence(o: Original, k: int) -> str:
    """The first sentence of the k-th body paragraph, as a reader reads it (no markup)."""
    text = unescape(re.sub(r"<[^>]+>", "", body_paragraphs(o.code)[k].group()))
    first = text.split(". ")[0].strip()
    return first if first.endswith(".") else first + "."


def pull_quote(markup: str, *, altered: bool = False) -> Apply:
    """A sentence of the article set out again between two paragraphs as a pull quote, in
    ``markup``: Gutenberg's Pullquote block ("block": figure.wp-block-pullquote >
    blockquote) or a theme's aside.pullquote with quotation marks ("aside"). ``altered``:
    the quote with its first word after the third changed."""

    def apply(slots: Slots, o: Original) -> Slots:
        said = _first_sentence(o, 3)
        if altered:
            parts = said.split(" ")
            parts[3] = "certainly"
            said = " ".join(parts)
        html = (f'<figure class="wp-block-pullquote"><blockquote><p>{escape(said)}</p>'
                "</blockquote></figure>" if markup == "block" else
                f'<aside class="pullquote"><p>“{escape(said)}”</p></aside>')
        return article_of(slots, after_paragraph(slots.article, 1, html))

    return apply


# Labels a publisher puts before a link to another article of The Conversation, per
# language (the related links' word list, boxkinds._LABELS).
READ_NEXT = {"en": "Read next:", "fr": "À découvrir :", "es": "No te pierdas:"}


def read_next_tc(slots: Slots, o: Original) -> Slots:
    """READ_NEXT's label and a link to another article of The Conversation, between two
    paragraphs."""
    html = (f'<p><strong>{READ_NEXT[o.lang]}</strong> <a href="{OTHER_TC}">How kelp forests '
            "recover after a marine heatwave</a></p>")
    return article_of(slots, after_paragraph(slots.article, 2, html))


def accordion_headings(slots: Slots, o: Original) -> Slots:
    """Each subheading's words in a Bootstrap accordion's button (h2.accordion-header >
    button.accordion-button, as Bootstrap 5 documents it): a control whose words are the
    article's heading."""
    new = HEADING.sub(lambda m: f'{m.group(1)}<button class="accordion-button" type="button">'
                      f"{m.group(3)}</button>{m.group(4)}", slots.article)
    assert new != slots.article, "no subheading"
    return article_of(slots, new)


def substack_button(label: str, where: str) -> Apply:
    """A Substack post's button (its editor's ButtonCreateButton: p.button-wrapper with its
    data-attrs, a.button.primary) saying words(o)[label] ("share": to the post's page with
    action=share; "subscribe": to the publication's subscribe page), placed ``where``:
    between two paragraphs or after the post. ``label="share-note"``: a sentence of the
    publisher's inviting readers to share it, as a paragraph (no button)."""

    def apply(slots: Slots, o: Original) -> Slots:
        text = escape(words(o)[label])
        base = "https://baynews.substack.com"
        url = (f"{base}/p/sea-stars?utm_source=substack&amp;utm_medium=email&amp;"
               "utm_content=share&amp;action=share") if label != "subscribe" else \
            f"{base}/subscribe?"
        attrs = (f'{{&quot;url&quot;:&quot;{url}&quot;,&quot;text&quot;:&quot;{text}&quot;,'
                 '&quot;action&quot;:null,&quot;class&quot;:null}')
        html = (f"<p>{text}</p>" if label == "share-note" else
                f'<p class="button-wrapper" data-attrs="{attrs}" data-component-name='
                f'"ButtonCreateButton"><a class="button primary" href="{url}"><span>{text}'
                "</span></a></p>")
        code = slots.article
        return article_of(slots, after_paragraph(code, 2, html) if where == "between"
                          else code + "\n" + html)

    return apply


def credit_out_of_sight(how: str) -> Apply:
    """The byline kept in the markup but out of a reader's sight, as text is kept for search
    engines or screen readers: the visually-hidden clip, an off-screen offset, image
    replacement's text-indent, a transparent colour, text too small to read."""
    style = {
        "clip": "position:absolute;width:1px;height:1px;padding:0;margin:-1px;"
                "overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0",
        "offset": "position:absolute;left:-9999px;top:auto",
        "indent": "text-indent:-9999px;overflow:hidden;white-space:nowrap",
        "transparent": "color:transparent",
        "tiny": "font-size:1px;line-height:0",
    }[how]

    def apply(slots: Slots, o: Original) -> Slots:
        credit = f'<div style="{style}">{byline(o.code)}</div>'
        return article_of(slots, credit + without_byline(slots.article))

    return apply


# A subtitle (a dek) under the headline: themes print a post's subtitle as a heading under
# its title (Jannah's h2.entry-sub-title, Largo's h2.subtitle: the ``lead`` slot); in the
# block editor, an editor types one as a Heading block (core/heading, h2.wp-block-heading)
# over the pasted code. The Conversation's standfirst there is its own words; the
# publisher's are added text.


def subtitle(where: str, *, own: bool = False, altered: bool = False,
             rewritten: bool = False) -> Apply:
    """A subtitle under the headline, ``where`` "lead" (the theme's, under the title) or
    "heading-block" (over the code): the original's standfirst (the feed's summary: only
    originals that have one), one word of it changed (``altered``), or the publisher's own
    words (``own``); ``rewritten``: the headline rewritten too."""

    def apply(slots: Slots, o: Original) -> Slots:
        dek = _dek(o, own=own, altered=altered)
        if where == "lead":
            slots = dataclasses.replace(slots, lead=f'<h2 class="entry-sub-title">{dek}</h2>')
        else:
            slots = article_of(slots, f'<h2 class="wp-block-heading">{dek}</h2>\n'
                               + slots.article)
        return dataclasses.replace(slots, headline=REWRITTEN[o.name]) if rewritten else slots

    return apply


# --- a table of contents (docs/compliance.md#publisher-boxes) --------------------------------
# The box a plugin inserts after the first paragraph, listing the article's headings as links
# to places in the page. No recorded page holds one: each is built as its plugin writes it
# (Easy Table of Contents as a site running version 2.0.82 printed it; Table of Contents Plus,
# Rank Math's and Yoast's blocks as their templates write them), its entries the headings as
# the page has them (tests/test_check_contents.py uses these too).

# A heading of the republication: its level and its text (markup inside removed).
_HEADING = re.compile(r"<h([2-4])[^>]*>(.*?)</h\1>", re.DOTALL)


def headings(html: str) -> list[tuple[str, str]]:
    return [(level, unescape(re.sub(r"<[^>]+>", "", text)).strip())
            for level, text in _HEADING.findall(html)]


def anchor(text: str) -> str:
    """An anchor as Easy Table of Contents makes one from a heading ("Le_tuf_une_roche")."""
    return re.sub(r"\W+", "_", text).strip("_")


def ez_toc(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<li class='ez-toc-page-1 ez-toc-heading-level-{level}'><a class=\"ez-toc-link "
        f'ez-toc-heading-{k}" href="/2025/10/02/republished-story/#{anchor(text)}" >{text}</a>'
        "</li>" for k, (level, text) in enumerate(entries, 1))
    return (
        '<div id="ez-toc-container" class="ez-toc-v2_0_82_2 counter-hierarchy ez-toc-counter '
        'ez-toc-grey ez-toc-container-direction">\n<div class="ez-toc-title-container">\n<p '
        'class="ez-toc-title" style="cursor:inherit">Table of Contents</p>\n<span class="ez-'
        'toc-title-toggle"><a href="#" class="ez-toc-pull-right ez-toc-btn ez-toc-btn-xs ez-'
        'toc-btn-default ez-toc-toggle" aria-label="Toggle Table of Content"><span class="ez-'
        'toc-js-icon-con"><span class=""><span class="eztoc-hide" style="display:none;">Toggle'
        '</span><span class="ez-toc-icon-toggle-span"><svg style="fill: #999;color:#999" '
        'xmlns="http://www.w3.org/2000/svg" class="list-377408" width="20px" height="20px" '
        'viewBox="0 0 24 24" fill="none"><path d="M6 6H4v2h2V6zm14 0H8v2h12V6z" fill='
        '"currentColor"></path></svg></span></span></span></a></span></div>\n<nav><ul '
        f"class='ez-toc-list ez-toc-list-level-1 ' >{items}</ul></nav></div>\n")


def toc_plus(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor(text)}"><span class="toc_number toc_depth_1">{k}'
                    f"</span> {text}</a></li>" for k, (_level, text) in enumerate(entries, 1))
    return ('<div id="toc_container" class="no_bullets"><p class="toc_title">Contents <span '
            'class="toc_toggle">[<a href="#">hide</a>]</span></p><ul class="toc_list">'
            f"{items}</ul></div>\n")


def rank_math(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor(text).lower()}">{text}</a></li>'
                    for _level, text in entries)
    return ('<div class="wp-block-rank-math-toc-block" id="rank-math-toc"><h2>Table of '
            f"Contents</h2><nav><ul>{items}</ul></nav></div>\n")


def yoast(entries: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#h-{anchor(text).lower()}" data-level="{level}">{text}'
                    "</a></li>" for level, text in entries)
    return ('<div class="wp-block-yoast-seo-table-of-contents yoast-table-of-contents"><h2>'
            f"Table of contents</h2><ul>{items}</ul></div>\n")


TOCS: dict[str, Callable[[list[tuple[str, str]]], str]] = {
    "easy-table-of-contents": ez_toc, "table-of-contents-plus": toc_plus,
    "rank-math": rank_math, "yoast": yoast}



def table_of_contents(plugin: str, *, reworded: bool = False, pitch: bool = False) -> Apply:
    """``plugin``'s table of contents after the first paragraph of the body, listing the
    code's headings; ``reworded``: its first entry's last word replaced; ``pitch``: a
    sentence of the publisher's under its title."""

    def apply(slots: Slots, o: Original) -> Slots:
        entries = headings(o.code)
        if reworded:
            level, text = entries[0]
            entries[0] = (level, text.rsplit(" ", 1)[0] + " " + words(o)["reworded"])
        box = TOCS[plugin](entries)
        if pitch:
            box = box.replace("</p>", "</p><p>" + words(o)["toc-pitch"] + "</p>", 1)
        first = body_paragraphs(slots.article)[0]
        return article_of(slots, slots.article[:first.end()] + "\n" + box
                          + slots.article[first.end():])

    return apply


# --- a player that reads the article aloud (docs/compliance.md#publisher-boxes) --------------
# Trinity Audio's player as its WordPress plugin (5.x) prints it before the content: its
# configuration script (which holds the article's text, for the reader), then the placeholder.
TRINITY_AUDIO = (
    "<script nitro-exclude data-wpfc-render='false' data-cfasync='false' data-no-optimize='1' "
    "data-no-defer='1' data-no-minify='1' data-trinity-mount-date='1728000000' "
    "id='trinity_tts_wp_config'>var TRINITY_TTS_WP_CONFIG = {\"headlineText\": \"\", "
    "\"pluginVersion\": \"5.20.1\"};</script><div class='trinityAudioPlaceholder' "
    "data-trinity-mount-date='1728000000'>\n  <div class='trinity-tts-pb' dir='ltr' "
    "style='font: 12px / 18px Verdana, Arial; height: 80px; line-height: 80px; text-align: "
    "left; margin: 0 0 0 82px;'>\n    <strong style='font-weight: 400'>Getting your <a "
    "href='//trinityaudio.ai' style='color: #4b4a4a; text-decoration: none; font-weight: "
    "700;'>Trinity Audio</a> player ready...</strong>\n  </div>\n</div>")

# A theme's "Listen to this article" box around an <audio> of the text read aloud.
LISTEN_BOX = ('<div class="listen-box"><p>{listen}</p><audio controls preload="none" '
              'src="https://valleyvoice.example/audio/2025/10/story.mp3"></audio></div>')


def audio_player(which: str) -> Apply:
    """A text-to-speech player at the top of the post's content: Trinity Audio's (its
    configuration script, then its placeholder) or a theme's "Listen to this article" box."""

    def apply(slots: Slots, o: Original) -> Slots:
        box = TRINITY_AUDIO if which == "trinity" else LISTEN_BOX.format(
            listen=words(o)["listen"])
        return article_of(slots, box + "\n" + slots.article)

    return apply


# --- a heading's permalink (docs/compliance.md#hidden-text) ----------------------------------
# The mark a theme or static site generator prints in each heading, linking to its place. No
# recorded page holds one: built as those generators print them (tests/test_check_permalinks.py
# uses these too).

# Each a permalink as its generator prints it after the heading's text ({id}: the heading's).
PERMALINKS = {
    "hash": '<a class="anchor-link" href="#{id}">#</a>',
    "pilcrow": '<a class="headerlink" href="#{id}" title="Permanent link">¶</a>',
    "section-sign": '<a class="heading-anchor" href="/2025/10/02/story/#{id}">§</a>',
    "link-emoji": '<a class="anchor" href="#{id}" aria-label="Link to this section">🔗</a>',
    "hash-spaced": '<a class="hash-link" href="#{id}"> # </a>',
}

HEADING = re.compile(r"(<h([2-4])[^>]*>)(.*?)(</h\2>)", re.DOTALL)



def with_permalinks(html: str, mark: str) -> str:
    """Each heading of ``html`` with an id and ``mark``'s permalink after its text."""
    count = 0

    def linked(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        ident = f"section-{count}"
        opening = m.group(1)[:-1] + f' id="{ident}">'
        return opening + m.group(3) + mark.format(id=ident) + m.group(4)

    out = HEADING.sub(linked, html)
    assert count, "the sample has headings"
    return out



def heading_permalinks(mark: str) -> Apply:
    def apply(slots: Slots, o: Original) -> Slots:
        return article_of(slots, with_permalinks(slots.article, PERMALINKS[mark]))

    return apply


# --- credit lines as publishers' tools print them ----------------------------------------------


def dated_credit_line(slots: Slots, o: Original) -> Slots:
    """The line Medium's "Import a story" appends, dated, after the pasted code."""
    return article_of(slots, slots.article + f'\n<p>Originally published at <a href="'
                      f'{escape(o.article.url)}">theconversation.com</a> on October 2, 2025.</p>')


def english_credit_line(slots: Slots, o: Original) -> Slots:
    """A publisher's English credit line, naming no licence, after the code (the Spanish
    code's own line, which names none either, stays)."""
    return article_of(slots, slots.article + f'\n<p><em>This article was originally published '
                      f'on <a href="{escape(o.article.url)}">The Conversation</a>.</em></p>')


# --- a note about the article above a sign-up button ----------------------------------------


def note_above_button(naming: str) -> Apply:
    """A block editor Group at the top of the content: a short note of the publisher's naming
    the article's first author (``naming`` "author") or The Conversation ("tc"), over a
    Subscribe button, as a newsletter box is built."""

    def apply(slots: Slots, o: Original) -> Slots:
        who = o.article.authors[0].name if naming == "author" else "The Conversation"
        note = words(o)["note-about"].format(who=escape(who))
        box = ('<div class="wp-block-group"><div class="wp-block-group__inner-container">'
               f'<p>{note}</p><div class="wp-block-buttons"><div class="wp-block-button"><a '
               'class="wp-block-button__link wp-element-button" href="/subscribe/">'
               f'{words(o)["subscribe"]}</a></div></div></div></div>')
        return article_of(slots, box + "\n" + slots.article)

    return apply


def deep_nesting(slots: Slots, o: Original) -> Slots:
    """The code inside 300 nested <div>s, deeper than the HTML parser's limit (256)."""
    depth = 300
    return article_of(slots, "<div>" * depth + slots.article + "</div>" * depth)


# --- the original's pictures at another address (docs/compliance.md#rule-images) -----------
# An image CDN or proxy serves a picture from its own address with The Conversation's inside
# it; a publisher that downloads a picture and uploads it to its own site keeps the file's
# name. No recorded page holds one: built as each service writes its addresses.
_TC_PICTURE = re.compile(r'https://images\.theconversation\.com/files/\d+/[^"\s]*?/'
                         r'(file-[\w-]+)\.(jpg|jpeg|png|gif)[^"\s]*')


def moved_picture(src: str, how: str) -> str:
    """``src``, one of The Conversation's picture addresses, as ``how`` serves it: Jetpack's
    Photon ("photon"), Next.js's image optimiser ("nextjs"), wsrv.nl ("wsrv"), or uploaded
    to the publisher's WordPress media library, a size added to its name ("uploaded")."""
    m = _TC_PICTURE.match(unescape(src))
    assert m is not None, src
    bare = m.group().split("?", 1)[0]
    if how == "photon":
        return f"https://i0.wp.com/{bare.split('//', 1)[1]}?resize=754%2C503&ssl=1"
    if how == "nextjs":
        return f"/_next/image?url={quote(bare, safe='')}&w=1200&q=75"
    if how == "wsrv":
        return f"https://wsrv.nl/?url={bare.split('//', 1)[1]}&w=800"
    assert how == "uploaded"
    return (f"{SITE}/wp-content/uploads/2025/10/{m.group(1)}-1024x683.{m.group(2)}")


def pictures_moved(how: str) -> Apply:
    """Every picture of the pasted code served from another address (moved_picture): Jetpack's
    image CDN rewrites them all, the Auto Upload Images plugin copies them into the site's
    media library. Each keeps its caption and credit."""

    def apply(slots: Slots, o: Original) -> Slots:
        return article_of(slots, _TC_PICTURE.sub(
            lambda m: escape(moved_picture(m.group(), how)), slots.article))

    return apply


def featured_unlicensed(how: str) -> Apply:
    """The original's first picture not licensed for reuse (a Getty photo) as the post's
    featured image above the headline, as a theme prints it, served from another address
    (moved_picture), without its caption."""

    def apply(slots: Slots, o: Original) -> Slots:
        src = unlicensed_picture(o)
        img = ('<figure class="post-thumbnail"><img width="1024" height="683" src="'
               f'{escape(moved_picture(src, how))}" class="attachment-post-thumbnail size-post-'
               'thumbnail wp-post-image" alt="" decoding="async"></figure>')
        return dataclasses.replace(slots, before=img + slots.before)

    return apply


def featured_backdrop(how: str) -> Apply:
    """The original's first picture not licensed for reuse (a Getty photo) shown above the
    headline otherwise than by an image's own address, as themes and plugins print a post's
    hero: an inline CSS background ("inline-style", GeneratePress's and Astra's page hero,
    uploaded to the site), a <style> rule ("style-element", a theme's customiser CSS),
    WP Rocket's lazy background ("data-bg"), lazysizes' bgset ("bgset"), a <picture> whose
    <img> is a placeholder and whose <source>s hold the picture ("picture-sources"), a
    header video's poster ("video-poster"). No recorded page holds one: built as the docs
    of each describe it."""

    def apply(slots: Slots, o: Original) -> Slots:
        src = unlicensed_picture(o)
        uploaded = escape(moved_picture(src, "uploaded"))
        bare = escape(src)
        html = {
            "inline-style": f'<div class="page-header-image-single grid-container" style="'
                            f'background-image: url({uploaded});min-height:420px"></div>',
            "style-element": f'<style id="theme-hero-css">.single .post-hero{{background:#1d2327 '
                             f'url("{uploaded}") center/cover no-repeat}}</style>'
                             '<div class="post-hero"></div>',
            "data-bg": f'<div class="entry-hero rocket-lazyload" data-bg="{uploaded}" '
                       'style="min-height:420px"></div>',
            "bgset": f'<div class="post-hero lazyload" data-sizes="auto" data-bgset="'
                     f'{uploaded} [(max-width: 600px)] | {bare}"></div>',
            "picture-sources": f'<picture class="post-thumbnail"><source media="(min-width: '
                               f'800px)" srcset="{bare}"><source srcset="{uploaded}">'
                               '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEA'
                               'LAAAAAABAAEAAAICTAEAOw==" alt=""></picture>',
            "video-poster": f'<div class="wp-custom-header"><video muted autoplay loop poster="'
                            f'{uploaded}" src="{SITE}/wp-content/uploads/2025/10/harbour.mp4">'
                            '</video></div>',
        }[how]
        return dataclasses.replace(slots, before=html + slots.before)

    return apply


# The publisher's own hero picture as a CSS background and a <picture> of WebP copies: no
# picture of the original, nothing to fail.
PUBLISHER_BACKDROP = (
    f'<div class="page-header-image-single" style="background-image: url({SITE}/wp-content/'
    'uploads/2025/10/harbour-at-dawn-1024x683.jpg)"></div><picture><source type="image/webp" '
    f'srcset="{SITE}/wp-content/uploads/2025/10/harbour-at-dawn-1024x683.jpg.webp">'
    f'<img src="{SITE}/wp-content/uploads/2025/10/harbour-at-dawn-1024x683.jpg" alt="">'
    '</picture>')


def publisher_backdrop(slots: Slots, o: Original) -> Slots:
    return dataclasses.replace(slots, before=PUBLISHER_BACKDROP + slots.before)


def social_card(which: str) -> Apply:
    """A picture of the original named for social networks in the page's head, as Yoast SEO
    prints a post's featured image (og:image with its size, twitter:image), on a theme that
    does not show it on the post (F66): its first unlicensed picture at The Conversation's
    address ("unlicensed") or uploaded to the site ("uploaded"), or its first licensed one
    ("licensed"). Yoast's tags as its Open Graph and Twitter presenters print them."""

    def apply(slots: Slots, o: Original) -> Slots:
        src = (licensed_picture(o) if which == "licensed" else
               moved_picture(unlicensed_picture(o), "uploaded") if which == "uploaded" else
               unlicensed_picture(o))
        url = escape(src)
        head = (f'<meta property="og:image" content="{url}" />'
                '<meta property="og:image:width" content="1200" />'
                '<meta property="og:image:height" content="800" />'
                '<meta property="og:image:type" content="image/jpeg" />'
                '<meta name="twitter:card" content="summary_large_image" />'
                f'<meta name="twitter:image" content="{url}" />')
        return dataclasses.replace(slots, head=slots.head + head)

    return apply


def preview_picture(shape: str, which: str) -> Apply:
    """A picture of the original named for previews and search results other than by Open
    Graph or Twitter (F67), as each plugin or theme prints a post's featured image: Yoast
    SEO's schema graph (its ImageObject's url, the page's primaryImageOfPage and image by
    "@id", thumbnailUrl), Rank Math's (slashes escaped, the ImageObject's "@id" its URL),
    schema.org microdata as tagDiv's Newspaper prints it in the post (an ImageObject's url
    in a <meta>), <link rel="image_src">, and Google's <meta name="thumbnail">. ``which``:
    its first unlicensed picture at The Conversation's address ("unlicensed") or uploaded to
    the site ("uploaded"), or its first licensed one ("licensed")."""

    def apply(slots: Slots, o: Original) -> Slots:
        src = unescape(licensed_picture(o) if which == "licensed" else
                       moved_picture(unlicensed_picture(o), "uploaded") if which == "uploaded"
                       else unlicensed_picture(o))
        post = f"{SITE}/2025/10/harbour/"
        if shape == "yoast-graph":
            graph = {"@context": "https://schema.org", "@graph": [
                {"@type": "Article", "@id": post + "#article", "isPartOf": {"@id": post},
                 "headline": o.article.title, "thumbnailUrl": src,
                 "inLanguage": o.lang},
                {"@type": "WebPage", "@id": post, "url": post,
                 "primaryImageOfPage": {"@id": post + "#primaryimage"},
                 "image": {"@id": post + "#primaryimage"}, "thumbnailUrl": src},
                {"@type": "ImageObject", "inLanguage": o.lang, "@id": post + "#primaryimage",
                 "url": src, "contentUrl": src, "width": 1200, "height": 800}]}
            head = ('<script type="application/ld+json" class="yoast-schema-graph">'
                    + json.dumps(graph, ensure_ascii=False) + "</script>")
        elif shape == "rankmath-graph":
            graph = {"@context": "https://schema.org", "@graph": [
                {"@type": "ImageObject", "@id": src, "url": src, "width": "1200",
                 "height": "800", "inLanguage": o.lang},
                {"@type": "WebPage", "@id": post + "#webpage", "primaryImageOfPage":
                 {"@id": src}},
                {"@type": "BlogPosting", "headline": o.article.title, "image": {"@id": src}}]}
            head = ('<script type="application/ld+json" class="rank-math-schema">'
                    + json.dumps(graph, ensure_ascii=False).replace("/", "\\/")
                    + "</script>")
        elif shape == "microdata":  # in the post, as Newspaper prints it
            meta = ('<span class="td-page-meta" itemprop="image" itemscope itemtype="https://'
                    f'schema.org/ImageObject"><meta itemprop="url" content="{escape(src)}">'
                    '<meta itemprop="width" content="1200"><meta itemprop="height" '
                    'content="800"></span>')
            return dataclasses.replace(slots, after=slots.after + meta)
        else:
            assert shape == "link-and-thumbnail", shape
            head = (f'<link rel="image_src" href="{escape(src)}" />'
                    f'<meta name="thumbnail" content="{escape(src)}" />')
        return dataclasses.replace(slots, head=slots.head + head)

    return apply


def licensed_picture(o: Original) -> str:
    """The address of the original's first picture its credit licenses for reuse."""
    for image in prepare(o.article).images:
        if image.reusable:
            return image.src
    raise AssertionError(f"{o.name} has no licensed picture")


def unlicensed_picture(o: Original) -> str:
    """The address of the original's first picture its credit does not license for reuse
    (as the checker reads the credits: compliance.prepare)."""
    for image in prepare(o.article).images:
        if not image.reusable:
            return image.src
    raise AssertionError(f"{o.name} has no unlicensed picture")


# --- what plugins print into the post's content (docs/compliance.md#publisher-boxes) ---------
# No recorded page holds one: each is built as its WordPress plugin prints it through the
# content filter, before or after the post's text, its labels in the page's language as a
# site sets them (tests/test_check_plugins.py uses these too).

# Post meta lines: Post Views Counter (3.x), Reading Time WP (2.x), Yoast SEO's estimated
# reading time block, WP Last Modified Info (1.9: its default template, the date as text or,
# with its inline schema option, in a <time>).
def _views(o: Original) -> str:
    return ('<div class="post-views content-post post-4410 entry-meta load-static"><span '
            'class="post-views-icon dashicons dashicons-chart-bar"></span> <span '
            f'class="post-views-label">{words(o)["views"]}</span> <span '
            'class="post-views-count">1,284</span></div>')


def _reading_time(o: Original) -> str:
    label, unit = words(o)["reading-time"]
    return ('<span class="span-reading-time rt-reading-time" style="display: block;"><span '
            f'class="rt-label rt-prefix">{label} </span> <span class="rt-time"> 6</span> <span '
            f'class="rt-label rt-postfix">{unit}</span></span>')


def _yoast_reading_time(o: Original) -> str:
    label, unit = words(o)["reading-time"]
    return ('<p class="yoast-reading-time__wrapper"><span class="yoast-reading-time__icon"><svg '
            'aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">'
            '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z"></path></svg></span><span '
            'class="yoast-reading-time__spacer" style="display:inline-block;width:1em"></span>'
            f'<span class="yoast-reading-time__descriptive-text">{label}  </span><span '
            'class="yoast-reading-time__reading-time">6</span><span '
            f'class="yoast-reading-time__time-unit"> {unit}</span></p>')


def _last_modified(o: Original, schema: bool) -> str:
    date = words(o)["date"]
    if schema:
        date = f'<time itemprop="dateModified" datetime="2025-10-03T09:12:00+00:00">{date}</time>'
    return ('<p class="post-modified-info">' + words(o)["updated"].format(date=date)
            + ' <a href="https://publisher.example/author/desk/" target="_blank" '
            'class="last-modified-author">News Desk</a></p>')


# Buttons: Print Friendly's (its image button, with its onclick) before the content;
# Jetpack's sharing buttons and Likes after it.
PRINT_FRIENDLY = (
    '<div class="printfriendly pf-button pf-button-content pf-alignleft"><a href="#" '
    'rel="nofollow" onclick="window.print(); return false;" title="Printer Friendly, PDF &amp; '
    'Email"><img class="pf-button-img" src="https://cdn.printfriendly.com/buttons/'
    'printfriendly-pdf-button-nobg.png" alt="Print Friendly, PDF &amp; Email" '
    'style="width: 112px;height: 24px;"></a></div>')
JETPACK_SHARING = (
    '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social '
    'sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div '
    'class="sd-content"><ul><li class="share-twitter"><a rel="nofollow noopener noreferrer" '
    'data-shared="sharing-twitter-4410" class="share-twitter sd-button share-icon" '
    'href="https://publisher.example/2025/10/03/post/?share=twitter" target="_blank" '
    'title="Click to share on X"><span>X</span></a></li><li class="share-facebook"><a '
    'rel="nofollow noopener noreferrer" data-shared="sharing-facebook-4410" '
    'class="share-facebook sd-button share-icon" href="https://publisher.example/2025/10/03/'
    'post/?share=facebook" target="_blank" title="Click to share on Facebook"><span>Facebook'
    '</span></a></li><li class="share-end"></li></ul></div></div></div>'
    "<div class='sharedaddy sd-block sd-like jetpack-likes-widget-wrapper "
    "jetpack-likes-widget-unloaded' id='like-post-wrapper-1-4410-68f0' "
    "data-src='https://widgets.wp.com/likes/#blog_id=1&amp;post_id=4410' "
    "data-name='like-post-frame-1-4410-68f0' data-title='Like or Reblog'><h3 "
    "class=\"sd-title\">Like this:</h3><div class='likes-widget-placeholder "
    "post-likes-widget-placeholder' style='height: 55px;'><span class='button'><span>Like</span>"
    "</span> <span class=\"loading\">Loading...</span></div><span class='sd-text-color'></span>"
    "<a class='sd-link-color'></a></div>")


# Donation prompts: Newspack Campaigns' inline prompt (newspack-popups 3.x, generate_inline_
# popup) holding a paragraph and Newspack's Donate block, inserted after the second paragraph;
# and a block editor Group of the publisher's own (a heading, a line and a Buttons block
# linking its donation page), no class naming it.
def _newspack_donate(o: Original, pitch: str) -> str:
    return ('<div class="newspack-popup-container newspack-popup hidden newspack-inline-popup" '
            'role="button" tabindex="0" style="" id="id_4411" data-segments="" '
            f'data-frequency="0,0,0,month">\n<p>{pitch}</p>\n<div class="wp-block-newspack-'
            'blocks-donate wpbnbd tiered"><form><input type="hidden" name="newspack_donate" '
            'value="1"/><div class="wp-block-newspack-blocks-donate__money-input money-input">'
            '<input type="number" name="donation_value_other" min="1" value="10"/></div>'
            f'<button type="submit">{words(o)["donate"]}</button></form></div>\n</div>')


def _donate_group(o: Original) -> str:
    return ('<div class="wp-block-group has-background"><div class="wp-block-group__inner-'
            f'container"><h3 class="wp-block-heading">{words(o)["support"]}</h3><p>'
            f'{words(o)["pitch"]}</p><div class="wp-block-buttons"><div class="wp-block-button">'
            '<a class="wp-block-button__link wp-element-button" href="/donate/">'
            f'{words(o)["donate"]}</a></div></div></div></div>')


PLUGIN_LINES: dict[str, tuple[str, Callable[[Original], str]]] = {
    # name: (where it goes: "start" of the content, "end", or "between" two paragraphs; what)
    "post-views-top": ("start", _views),
    "post-views-end": ("end", _views),
    "reading-time-wp": ("start", _reading_time),
    "yoast-reading-time": ("start", _yoast_reading_time),
    "last-modified": ("start", lambda o: _last_modified(o, schema=False)),
    "last-modified-schema": ("end", lambda o: _last_modified(o, schema=True)),
    "print-friendly": ("start", lambda o: PRINT_FRIENDLY),
    "jetpack-sharing": ("end", lambda o: JETPACK_SHARING),
    "newspack-donate": ("between", lambda o: _newspack_donate(o, escape(words(o)["pitch"]))),
    "donate-group": ("between", _donate_group),
    # the publisher's words dressed as such (PLUGIN_DEFECTS)
    "newspack-donate-naming-author": ("between", lambda o: _newspack_donate(
        o, escape(words(o)["wrote"].format(who=o.article.authors[0].name)))),
    "dated-dateline-paragraph": ("start", lambda o: f'<p>{words(o)["dated-dateline"]}</p>'),
    "update-note": ("end", lambda o: '<p class="post-modified-info">'
                    f'{escape(words(o)["update-note"])}</p>'),
    "short-update": ("end", lambda o: f'<p>{escape(words(o)["short-update"])}</p>'),
}

PLUGIN_DEFECTS = ("newspack-donate-naming-author", "dated-dateline-paragraph", "update-note",
                  "short-update")


def plugin_line(name: str) -> Apply:
    """What PLUGIN_LINES[name] prints, where its plugin prints it in the post's content."""
    where, make = PLUGIN_LINES[name]

    def apply(slots: Slots, o: Original) -> Slots:
        html = make(o)
        if where == "between":
            return article_of(slots, after_paragraph(slots.article, 1, html))
        head, body, tail = _parts(slots.article)
        if where == "start":
            return article_of(slots, head + html + "\n" + body + tail)
        return article_of(slots, head + body + tail + "\n" + html)

    return apply


# --- boxes plugins print after the post's content: author boxes, ratings, feedback,
# reactions, a series' links (docs/compliance.md#publisher-boxes). Each is built as its
# plugin prints it through the content filter, in the page's language as a site sets it.
# An author box shows the post's WordPress author: a user made for the article's author
# (their name, a bio naming their role and institution) or the staff member who posted it.
BOX_WORDS: dict[str, dict[str, str]] = {
    "en": {"staff-role": "Web editor", "staff-company": "Example News", "by": "By",
           "date-posted": "October 2, 2025", "stranger": "Sam Rivers",
           "stranger-bio": "Sam Rivers walks the harbour every morning and writes about what "
           "the tide leaves behind.",
           "staff": "Jane Staff", "staff-bio": "Jane Staff is the web editor at Example News. "
           "She looks after the science pages and our weekend reading list.",
           "bio": "{name} is {role} at {institution}. A contributor to our science pages.",
           "researcher": "a researcher", "about": "About", "latest": "Latest Posts",
           "latest-by": "Latest posts by {name}", "see-all": "see all",
           "view-all": "View all posts", "author": "Author",
           "legend": "4.5/5 - (12 votes)", "greet": "Rate this post",
           "average": "(<strong>12</strong> votes, average: <strong>4.50</strong> out of 5)",
           "star": "Stars", "loading": "Loading...",
           "helpful": "Was this article helpful?", "yes": "Yes", "no": "No",
           "reaction": "What's your reaction?", "reactions": "Love|Smile|Wow|Sad|Angry",
           "series": "This entry is part 2 of 5 in the series", "series-name": "Ocean heat",
           "series-nav": "Series Navigation", "previous": "Warming seas push fish north",
           "next": "What a marine heatwave leaves behind", "date": "September 28, 2025",
           "comment": "We asked our readers what they made of this piece, so tell us below."},
    "fr": {"staff-role": "Rédactrice web", "staff-company": "Exemple Info", "by": "Par",
           "date-posted": "2 octobre 2025", "stranger": "Paul Leroy",
           "stranger-bio": "Paul Leroy arpente le port chaque matin et raconte ce que la marée "
           "laisse derrière elle.",
           "staff": "Julie Martin", "staff-bio": "Julie Martin est rédactrice web chez Exemple "
           "Info. Elle s’occupe des pages sciences et de notre sélection du week-end.",
           "bio": "{name} : {role}, {institution}. Contribue à nos pages sciences.",
           "researcher": "chercheur", "about": "À propos", "latest": "Derniers articles",
           "latest-by": "Derniers articles de {name}", "see-all": "tout voir",
           "view-all": "Voir tous les articles", "author": "Auteur",
           "legend": "4,5/5 - (12 votes)", "greet": "Notez cet article",
           "average": "(<strong>12</strong> votes, moyenne : <strong>4,50</strong> sur 5)",
           "star": "étoiles", "loading": "Chargement...",
           "helpful": "Cet article vous a-t-il été utile ?", "yes": "Oui", "no": "Non",
           "reaction": "Quelle est votre réaction ?",
           "reactions": "J’adore|Sourire|Waouh|Triste|En colère",
           "series": "Cet article est la partie 2 sur 5 de la série",
           "series-name": "Chaleur et climat", "series-nav": "Navigation de la série",
           "previous": "Canicules : les villes s’adaptent",
           "next": "Ce que la chaleur fait aux réseaux", "date": "28 septembre 2025",
           "comment": "Nous avons demandé à nos lecteurs ce qu’ils pensent de ce texte, "
           "dites-le-nous ci-dessous."},
    "es": {"staff-role": "Editora web", "staff-company": "Ejemplo Noticias", "by": "Por",
           "date-posted": "2 de octubre de 2025", "stranger": "Pablo Ruiz",
           "stranger-bio": "Pablo Ruiz recorre el puerto cada mañana y cuenta lo que la marea "
           "deja atrás.",
           "staff": "Lucía Gómez", "staff-bio": "Lucía Gómez es editora web de Ejemplo "
           "Noticias. Se ocupa de las páginas de ciencia y de la selección del fin de semana.",
           "bio": "{name}: {role}, {institution}. Colabora en nuestras páginas de ciencia.",
           "researcher": "investigador", "about": "Sobre", "latest": "Últimas entradas",
           "latest-by": "Últimas entradas de {name}", "see-all": "ver todo",
           "view-all": "Ver todas las entradas", "author": "Autor",
           "legend": "4,5/5 - (12 votos)", "greet": "Califica esta entrada",
           "average": "(<strong>12</strong> votos, media: <strong>4,50</strong> de 5)",
           "star": "estrellas", "loading": "Cargando...",
           "helpful": "¿Te ha resultado útil este artículo?", "yes": "Sí", "no": "No",
           "reaction": "¿Cuál es tu reacción?",
           "reactions": "Me encanta|Sonrisa|Guau|Triste|Enfado",
           "series": "Esta entrada es la parte 2 de 5 de la serie",
           "series-name": "Datos y salud", "series-nav": "Navegación de la serie",
           "previous": "Los hospitales ante el big data",
           "next": "Qué aprenden las máquinas de los médicos", "date": "28 de septiembre de 2025",
           "comment": "Preguntamos a nuestros lectores qué les pareció este texto, "
           "cuéntenos abajo."},
}


@dataclass(frozen=True, slots=True)
class Person:
    """The post's WordPress author an author box shows."""

    name: str
    bio: str  # the user's biographical info, as the plugin prints it
    url: str  # the user's author page on the publisher's site


def _tag_free(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _edited_sentence(o: Original) -> str:
    """The sentence of the original holding EDITED_WORD's words, with its word changed."""
    old, new = EDITED_WORD[o.name]
    for m in body_paragraphs(o.code):
        text = _tag_free(m.group())
        at = text.find(old)
        if at >= 0:
            start = max(text.rfind(". ", 0, at) + 2, 0)
            end = text.find(". ", at)
            return text[start:end + 1 if end >= 0 else len(text)].replace(old, new)
    raise AssertionError(f"{o.name}: {old!r} not in a body paragraph")


def _unedited_sentence(o: Original) -> str:
    """The sentence of the original _edited_sentence edits, as the original has it."""
    return _edited_sentence(o).replace(*reversed(EDITED_WORD[o.name]))


def box_person(o: Original, who: str) -> Person:
    """``who``: "author" (the article's first author, a bio naming their role and
    institution), "staff" (the member of staff who posted it), "edited" (the author, their
    bio a sentence of the article with a word changed) or "stranger" (someone the page
    credits nowhere: a guest's box left from another post)."""
    w = BOX_WORDS[o.lang]
    if who == "staff":
        return Person(w["staff"], w["staff-bio"], f"{SITE}/author/web-editor/")
    if who == "stranger":
        return Person(w["stranger"], w["stranger-bio"], f"{SITE}/author/guest/")
    a = o.article.authors[0]
    slug = re.sub(r"\W+", "-", a.name.lower()).strip("-")
    bio = _edited_sentence(o) if who == "edited" else w["bio"].format(
        name=a.name, role=(a.role or w["researcher"]).split(";")[0],
        institution=a.institution)
    return Person(a.name, bio, f"{SITE}/author/{slug}/")


def _avatar(person: Person, size: int, extra: str = "") -> str:
    digest = f"{zlib.crc32(person.name.encode()):08x}" * 4
    src = f"https://secure.gravatar.com/avatar/{digest}?s={size}&#038;d=mm&#038;r=g"
    return (f"<img alt='' src='{src}' srcset='{src.replace(f's={size}', f's={2 * size}')} 2x' "
            f"class='avatar avatar-{size} photo' height='{size}' width='{size}'{extra} />")


# Simple Author Box (GreenTreeLabs/simple-author-box, template/template-sab.php and
# Simple_Author_Box_Helper::get_sabox_social_icon): the box as schema.org Person microdata.
def simple_author_box(p: Person) -> str:
    return ('<div class="saboxplugin-wrap" itemtype="http://schema.org/Person" itemscope '
            'itemprop="author"><div class="saboxplugin-gravatar">'
            + _avatar(p, 100, ' itemprop="image"') + '</div><div class="saboxplugin-authorname">'
            f'<a href="{p.url}" class="vcard author" rel="author" itemprop="url"><span '
            f'class="fn" itemprop="name">{escape(p.name)}</span></a></div><div '
            f'class="saboxplugin-desc"><div itemprop="description"><p>{escape(p.bio)}</p>\n'
            '</div></div><div class="clearfix"></div><div class="saboxplugin-socials '
            'sabox-colored"><a target="_blank" href="https://twitter.com/example" '
            'rel="nofollow" class="saboxplugin-icon-color"><svg aria-hidden="true" '
            'class="sab-twitter" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '
            '512 512"><path fill="currentColor" d="M459 152c1 4 1 9 1 13 0 139-106 299-299 '
            '299z"></path></svg></span></a></div></div>')


# Author boxes with no markup of a person (docs/compliance.md#person-boxes): an avatar, the
# name and the bio in blocks whose classes name no author. Simple Author Box as its
# template/template-sab.php printed it in 2018 (GreenTreeLabs/simple-author-box @ ba7f684,
# between 2.0.4's `vcard` on the bio and 2.0.5's schema.org Person): the name linked to the
# author's page, or alone (its `sabox_author_html` filter, a guest author with no page).
def simple_author_box_legacy(p: Person, linked: bool = True) -> str:
    name = f'<a href="{p.url}">{escape(p.name)}</a>' if linked else escape(p.name)
    return ('<div class="saboxplugin-wrap"><div class="saboxplugin-gravatar">' + _avatar(p, 100)
            + f'</div><div class="saboxplugin-authorname">{name}</div><div '
            f'class="saboxplugin-desc"><div><p>{escape(p.bio)}</p>\n</div></div><div '
            'class="clearfix"></div><div class="saboxplugin-socials sabox-colored"><a '
            'target="_blank" href="https://twitter.com/example" rel="nofollow" '
            'class="saboxplugin-icon-color"><svg aria-hidden="true" class="sab-twitter" '
            'role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path '
            'fill="currentColor" d="M459 152c1 4 1 9 1 13 0 139-106 299-299 299z"></path></svg>'
            '</a></div></div>')


# Fancier Author Box (ThematoSoup, ts_fab_construct_fab() and ts_fab_show_bio(): its bio tab
# alone, no tabs list): the avatar, the name in an <h4> (unlinked: no website in the
# profile), "Position at Company", the bio.
_AT = {"en": "at", "fr": "chez", "es": "en"}


def fancier_author_box(p: Person, o: Original, position: str, company: str) -> str:
    return ('<!-- Fanciest Author Box v1.4 --><div id="ts-fab-below" class="ts-fab-wrapper '
            'ts-fab-icons-text"><div class="ts-fab-tabs">\n\t<div class="ts-fab-tab" '
            'id="ts-fab-bio-below">\n\t\t<div class="ts-fab-avatar">' + _avatar(p, 80)
            + '</div>\n\t\t<div class="ts-fab-text">\n\t\t\t<div class="ts-fab-header">'
            f'<h4>{escape(p.name)}</h4><div class="ts-fab-description"><span>'
            f'{escape(position)}</span> {_AT[o.lang]} <span>{escape(company)}</span></div>'
            '</div><!-- /.ts-fab-header --><div class="ts-fab-content">'
            f'{escape(p.bio)}</div>\n\t\t</div>\n\t</div>\n\t\t</div>\n\t</div>')


# An author box an editor builds in the block editor: a Media & Text block (its image, then
# the name in bold and the bio: core/media-text's saved markup).
def media_text_author_box(p: Person) -> str:
    slug = re.sub(r"\W+", "-", p.name.lower()).strip("-")
    return ('<div class="wp-block-media-text is-stacked-on-mobile" style="grid-template-columns:'
            '15% auto"><figure class="wp-block-media-text__media"><img decoding="async" '
            f'src="{SITE}/wp-content/uploads/2025/10/{slug}-150x150.jpg" alt="" '
            'class="wp-image-6121 size-thumbnail"/></figure><div '
            f'class="wp-block-media-text__content"><p><strong>{escape(p.name)}</strong></p>'
            f'<p>{escape(p.bio)}</p></div></div>')


# The same built with Elementor's Image Box widget (its image-box.default render: the
# picture in figure.elementor-image-box-img, the name as its title, the bio as its
# description), as an editor sets one after a post's text.
def elementor_image_box(p: Person) -> str:
    slug = re.sub(r"\W+", "-", p.name.lower()).strip("-")
    return ('<div class="elementor-element elementor-element-5f1c2a7 elementor-position-left '
            'elementor-vertical-align-top elementor-widget elementor-widget-image-box" '
            'data-id="5f1c2a7" data-element_type="widget" data-widget_type="image-box.default">'
            '<div class="elementor-widget-container"><div class="elementor-image-box-wrapper">'
            '<figure class="elementor-image-box-img"><img width="150" height="150" '
            f'src="{SITE}/wp-content/uploads/2025/10/{slug}-150x150.jpg" class="attachment-'
            'thumbnail size-thumbnail wp-image-6121" alt="" /></figure><div '
            'class="elementor-image-box-content"><h3 class="elementor-image-box-title">'
            f'{escape(p.name)}</h3><p class="elementor-image-box-description">{escape(p.bio)}'
            '</p></div></div></div></div>')


def _position(p: Person, o: Original) -> tuple[str, str]:
    """The position and company Fancier Author Box shows for ``p``."""
    w = BOX_WORDS[o.lang]
    if p.name == w["staff"]:
        return w["staff-role"], w["staff-company"]
    a = o.article.authors[0]
    return (a.role or w["researcher"]).split(";")[0], a.institution or ""


# The posting author a theme shows in the post's meta line under the headline (a WordPress
# theme's entry-meta: "By <span class="author vcard"><a rel="author">…</a></span>").
def posted_by(o: Original) -> str:
    w = BOX_WORDS[o.lang]
    return (f'<div class="entry-meta"><span class="byline">{w["by"]} <span class="author '
            f'vcard"><a class="url fn n" href="{SITE}/author/web-editor/" rel="author">'
            f'{escape(w["staff"])}</a></span></span> · <time datetime="2025-10-02T08:00:00+00:00">'
            f'{w["date-posted"]}</time></div>')


# Molongui Authorship (WordPressBugBounty/plugins-molongui-authorship, views/author-box/
# html-layout.php, profile/html-layout-1.php, parts/html-avatar.php, html-name.php,
# html-bio.php), its schema markup setting on: the profile as a schema.org Person.
def molongui_box(p: Person) -> str:
    return ('<!-- MOLONGUI AUTHORSHIP PLUGIN 4.9.6 -->\n<!-- https://www.molongui.com/'
            'wordpress-plugin-post-authors -->\n<div class="molongui-clearfix"></div><div '
            'class="m-a-box " data-box-layout="slim" data-box-position="below" '
            'data-multiauthor="false" data-author-id="3" data-author-type="user" '
            'data-author-archived=""><div class="m-a-box-container"><div class="m-a-box-tab '
            'm-a-box-content m-a-box-profile" data-profile-layout="layout-1" '
            f'data-author-ref="user-3" itemscope itemid="{p.url}" '
            'itemtype="https://schema.org/Person"><div class="m-a-box-content-top"></div><div '
            'class="m-a-box-content-middle"><div class="m-a-box-item m-a-box-avatar" '
            f'data-source="local"><a class="m-a-box-avatar-url" href="{p.url}">'
            + _avatar(p, 150, ' itemprop="image"') + '</a></div><div class="m-a-box-item '
            'm-a-box-data"><div class="m-a-box-name"><h5 itemprop="name"><a '
            f'class="m-a-box-name-url " href="{p.url}" itemprop="url"> {escape(p.name)}</a>'
            '</h5></div><div class="m-a-box-bio" itemprop="description"><p>'
            f'{escape(p.bio)}</p></div></div></div><div class="m-a-box-content-bottom"></div>'
            '</div></div></div>')


# Starbox (as a WordPress site prints it: its about tab and latest posts tab; no microdata,
# no class naming the author).
def starbox(p: Person, o: Original) -> str:
    w = BOX_WORDS[o.lang]
    image = (f'<div class="abh_image"><a href="{p.url}" class="url" title="{escape(p.name)}" >'
             + _avatar(p, 80) + '</a></div><div class="abh_social"> </div>')
    return ('<div class="abh_box abh_box_down abh_box_business"><ul class="abh_tabs"> <li '
            f'class="abh_about abh_active"><a href="#abh_about">{w["about"]}</a></li> <li '
            f'class="abh_posts"><a href="#abh_posts">{w["latest"]}</a></li></ul><div '
            'class="abh_tab_content"><section class="vcard abh_about_tab abh_tab" '
            f'style="display:block">{image}<div class="abh_text"><h3 class="fn name" ><a '
            f'href="{p.url}" class="url">{escape(p.name)}</a></h3><div class="abh_job" ></div>'
            f'<div class="description note abh_description" >{escape(p.bio)}</div></div> '
            f'</section><section class="abh_posts_tab abh_tab" >{image}<div class="abh_text">'
            f'<div class="abh_name" >{escape(w["latest-by"].format(name=p.name))} <span '
            f'class="abh_allposts">(<a href="{p.url}">{w["see-all"]}</a>)</span></div><div '
            f'class="abh_description note" ><ul>  <li>  <a href="{SITE}/2025/09/28/'
            f'warming-seas/">{escape(w["previous"])}</a><span> - {w["date"]}</span>  </li>'
            '</ul></div></div> </section></div> </div>')


# PublishPress Authors' author box (publishpress/publishpress-authors, its author boxes
# editor's markup: the title, then per author an avatar, the name linked rel="author", the
# bio, "View all posts").
def publishpress_authors(p: Person, o: Original) -> str:
    w = BOX_WORDS[o.lang]
    return ('<div class="pp-multiple-authors-boxes-wrapper pp-multiple-authors-wrapper '
            'pp-multiple-authors-layout-boxed box-post-id-4410" data-original_class="pp-multiple-'
            'authors-boxes-wrapper pp-multiple-authors-wrapper box-post-id-4410"><h2 '
            f'class="widget-title box-header-title">{w["author"]}</h2><ul '
            'class="pp-multiple-authors-boxes-ul"><li '
            'class="pp-multiple-authors-boxes-li author_index_0 author_web-editor has-avatar">'
            '<div class="pp-author-boxes-avatar"><div class="avatar-image">'
            + _avatar(p, 80) + '</div></div><div class="pp-author-boxes-avatar-details"><div '
            f'class="pp-author-boxes-name multiple-authors-name"><a href="{p.url}" rel="author" '
            f'title="{escape(p.name)}" class="author url fn">{escape(p.name)}</a></div><p '
            f'class="pp-author-boxes-description multiple-authors-description">{escape(p.bio)}'
            '</p><span class="pp-author-boxes-meta multiple-authors-links"><a '
            f'href="{p.url}" title="{w["view-all"]}"><span>{w["view-all"]}</span></a></span>'
            '</div></li></ul></div>')


# kk Star Ratings 5 (as sites print it: div.kk-star-ratings with its data-payload, the stars
# as empty divs, the legend; "Rate this post" while no one has voted).
def kk_star_ratings(o: Original, voted: bool = True) -> str:
    w = BOX_WORDS[o.lang]
    legend = w["legend"] if voted else w["greet"]
    payload = escape(json.dumps({"align": "left", "id": "4410", "slug": "default",
                                 "valign": "bottom", "reference": "auto", "count": "12",
                                 "score": "4.5", "best": "5", "gap": "4", "greet": w["greet"],
                                 "legend": legend, "size": "24", "title": "",
                                 "width": "124.5", "_legend": "{score}/{best} - ({count} "
                                 "{votes})", "font_factor": "1.25"}))
    stars = "".join('<div class="kksr-star" style="padding-right: 4px">\n<div class="kksr-icon"'
                    ' style="width: 24px; height: 24px;"></div>\n</div>' for _ in range(5))
    return (f'<div class="kk-star-ratings kksr-auto kksr-align-left kksr-valign-bottom" '
            f'data-payload="{payload}">\n<div class="kksr-stars">\n<div '
            f'class="kksr-stars-inactive">{stars}</div>\n<div class="kksr-stars-active" '
            f'style="width: 124.5px;">{stars}</div>\n</div>\n<div class="kksr-legend" '
            f'style="font-size: 19.2px;">\n            {escape(legend)}    </div>\n</div>')


# WP-PostRatings (lesterchan/wp-postratings, the_ratings(): its star images with their
# handlers, the votes and average, the loading line).
def wp_postratings(o: Original) -> str:
    w = BOX_WORDS[o.lang]
    images = "".join(
        f'<img id="rating_4410_{k}" src="{SITE}/wp-content/plugins/wp-postratings/images/'
        f'stars/rating_{"on" if k < 5 else "half"}.gif" alt="{k} {w["star"]}" '
        f'title="{k} {w["star"]}" onmouseover="current_rating(4410, {k}, \'{k} {w["star"]}\');" '
        'onmouseout="ratings_off(4.5, 5, 0);" onclick="rate_post();" '
        'onkeypress="rate_post();" style="cursor: pointer; border: 0px;" />'
        for k in range(1, 6))
    return ('<div id="post-ratings-4410" class="post-ratings" data-nonce="5c1b8a0e2f">'
            f'{images} {w["average"]}<br /><span class="post-ratings-text" '
            'id="ratings_4410_text"></span></div><div id="post-ratings-4410-loading" '
            f'class="post-ratings-loading"><img src="{SITE}/wp-content/plugins/wp-postratings/'
            f'images/loading.gif" width="16" height="16" class="post-ratings-image" />'
            f'{w["loading"]}</div>')


# Helpful (pixelbart/helpful, templates/helpful.php): a heading, a content line shown once
# a reader voted, the two buttons with their counters.
def helpful(o: Original, content: str = "") -> str:
    w = BOX_WORDS[o.lang]
    buttons = "".join(
        f'<div><button class="helpful-{side} helpful-button" type="button" '
        f'data-value="{side}" data-post="4410" data-instance="1" role="button">{label} '
        f'<span class="helpful-counter">{count}</span></button></div>'
        for side, label, count in (("pro", w["yes"], 24), ("contra", w["no"], 3)))
    return ('<div class="helpful helpful-theme-base"><div class="helpful-header"><h3 '
            f'class="helpful-headline">{escape(w["helpful"])}</h3></div><div '
            f'class="helpful-content" role="alert"><span>{escape(content)}</span></div><div '
            f'class="helpful-controls">{buttons}</div></div>')


# Better Click To Tweet (Benunc/better-click-to-tweet, bctt_shortcode(): the quote linked to
# a tweet of it, then the button): a sentence the editor picked for readers to share.
def better_click_to_tweet(said: str) -> str:
    href = escape(f"https://twitter.com/intent/tweet?url={SITE}/2025/10/02/story/&text="
                  f"{quote(said)}&related")
    return (f"<span class='bctt-click-to-tweet'><span class='bctt-ctt-text'><a href='{href}' "
            f"target='_blank' rel='noopener noreferrer'>{escape(said)} </a></span><a "
            f"href='{href}' target='_blank' class='bctt-ctt-btn' rel='noopener noreferrer'>"
            "Click To Tweet</a></span>")


# WP Reactions Lite (view/front/layouts/jane.php: the call to action, each emoji with its
# flying label, label and count).
def wp_reactions(o: Original) -> str:
    w = BOX_WORDS[o.lang]
    emojis = "".join(
        f'<div class="emoji-{k} wpra-reaction" data-count="{count}" data-emoji_id="{k}"><div '
        f'class="wpra-flying">{escape(label)}</div><div class="wpra-reaction-label">'
        f'{escape(label)}</div><div class="wpra-reaction-wrap"><div class="wpra-static-emoji">'
        f'<img src="{SITE}/wp-content/plugins/wp-reactions-lite/assets/emojis/svg/{k}.svg" '
        f'alt=""></div><div class="count-num">{count}</div></div></div>'
        for k, (label, count) in enumerate(zip(w["reactions"].split("|"),
                                               (31, 12, 7, 2, 1), strict=True), 1))
    return ('<div class="wpra-reactions-wrap wpra-plugin-container wpra-layout-jane" '
            'data-ver="1.3.10" data-post_id="4410" data-show_count="true"><div '
            'class="wpra-reactions-container"><div class="wpra-call-to-action">'
            f'{escape(w["reaction"])}</div><div class="wpra-reactions wpra-static-emojis '
            f'wpra-reactions-count-5">{emojis}</div></div></div>')


# Organize Series / PublishPress Series (orgSeries-setup.php's default templates): the
# series meta line before the content, the series navigation after it.
def series_meta(o: Original) -> str:
    w = BOX_WORDS[o.lang]
    return (f'<div class="seriesmeta">{escape(w["series"])} <a href="{SITE}/series/'
            f'ocean-heat/" class="series-77" title="{escape(w["series-name"])}">'
            f'{escape(w["series-name"])}</a></div>')


def series_nav(o: Original) -> str:
    w = BOX_WORDS[o.lang]
    return (f'<fieldset><legend>{escape(w["series-nav"])}</legend><span '
            f'class="series-nav-left"><a href="{SITE}/2025/09/28/warming-seas/" '
            f'title="{escape(w["previous"])}">&laquo; {escape(w["previous"])}</a></span><span '
            f'class="series-nav-right"><a href="{SITE}/2025/10/06/after-the-heatwave/" '
            f'title="{escape(w["next"])}">{escape(w["next"])} &raquo;</a></span></fieldset>')


PLUGIN_BOXES: dict[str, tuple[str, Callable[[Original], str]]] = {
    # name: (where: "start" or "end" of the content, or "both" (start | end), what)
    "simple-author-box": ("end", lambda o: simple_author_box(box_person(o, "author"))),
    "simple-author-box-staff": ("end", lambda o: simple_author_box(box_person(o, "staff"))),
    "molongui": ("end", lambda o: molongui_box(box_person(o, "author"))),
    "molongui-staff": ("end", lambda o: molongui_box(box_person(o, "staff"))),
    "starbox": ("end", lambda o: starbox(box_person(o, "author"), o)),
    "starbox-staff": ("end", lambda o: starbox(box_person(o, "staff"), o)),
    "publishpress-authors": ("end", lambda o: publishpress_authors(box_person(o, "author"), o)),
    "publishpress-authors-staff": ("end", lambda o: publishpress_authors(box_person(o, "staff"),
                                                                         o)),
    # author boxes with no markup of a person; the staff's where the page shows who posted
    # it (_POSTED: the theme's meta line under the headline)
    "sab-legacy": ("end", lambda o: simple_author_box_legacy(box_person(o, "author"))),
    "sab-legacy-unlinked": ("end", lambda o: simple_author_box_legacy(
        box_person(o, "author"), linked=False)),
    "sab-legacy-staff": ("end", lambda o: simple_author_box_legacy(box_person(o, "staff"),
                                                                   linked=False)),
    "fancier": ("end", lambda o: fancier_author_box(
        box_person(o, "author"), o, *_position(box_person(o, "author"), o))),
    "fancier-staff": ("end", lambda o: fancier_author_box(
        box_person(o, "staff"), o, *_position(box_person(o, "staff"), o))),
    "media-text": ("end", lambda o: media_text_author_box(box_person(o, "author"))),
    "media-text-staff": ("end", lambda o: media_text_author_box(box_person(o, "staff"))),
    "elementor-image-box": ("end", lambda o: elementor_image_box(box_person(o, "author"))),
    "elementor-image-box-staff": ("end", lambda o: elementor_image_box(box_person(o, "staff"))),
    "kk-star-ratings": ("end", kk_star_ratings),
    "kk-star-ratings-unrated": ("end", lambda o: kk_star_ratings(o, voted=False)),
    "wp-postratings": ("end", wp_postratings),
    "helpful": ("end", helpful),
    "wp-reactions": ("end", wp_reactions),
    "series": ("both", lambda o: series_meta(o) + "|" + series_nav(o)),
    # the publisher's words beside or in such a box (BOX_DEFECTS)
    "molongui-edited-bio": ("end", lambda o: molongui_box(box_person(o, "edited"))),
    "rating-after-comment": ("end", lambda o: f'<p>{escape(BOX_WORDS[o.lang]["comment"])}</p>'
                             + kk_star_ratings(o)),
    "helpful-quoting-original": ("end", lambda o: helpful(o, _unedited_sentence(o))),
    "tweet-quoting-original": ("end", lambda o: better_click_to_tweet(_unedited_sentence(o))),
    "fancier-edited-bio": ("end", lambda o: fancier_author_box(
        box_person(o, "edited"), o, *_position(box_person(o, "author"), o))),
    "sab-legacy-stranger": ("end", lambda o: simple_author_box_legacy(
        box_person(o, "stranger"), linked=False)),
    "media-text-staff-unposted": ("end", lambda o: media_text_author_box(
        box_person(o, "staff"))),
}
# Boxes of the staff member who posted the article, on a page whose meta line shows them.
_POSTED = frozenset({"sab-legacy-staff", "fancier-staff", "media-text-staff",
                     "elementor-image-box-staff"})
BOX_DEFECTS = ("molongui-edited-bio", "rating-after-comment", "helpful-quoting-original",
               "tweet-quoting-original", "fancier-edited-bio", "sab-legacy-stranger",
               "media-text-staff-unposted")
# The kind each box stands for, by its name's first word.
_BOX_KINDS = {
    **dict.fromkeys(("simple", "molongui", "starbox", "publishpress", "sab", "fancier",
                     "media", "elementor"),
                    "author box a plugin prints after the content"),
    **dict.fromkeys(("kk", "wp", "helpful", "series", "tweet"), "feedback or series box a "
                    "plugin prints in the content"),
}


def plugin_box(name: str, *, edited: bool = False, byline_removed: bool = False) -> Apply:
    """What PLUGIN_BOXES[name] prints, where its plugin prints it in the post's content;
    ``edited``: one word of the article changed too (EDITED_WORD); ``byline_removed``: the
    code's byline taken out."""
    where, make = PLUGIN_BOXES[name]

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        if edited:
            code = sub(code, *EDITED_WORD[o.name])
        if byline_removed:
            code = without_byline(code)
        head, body, tail = _parts(code)
        html = make(o)
        start, end = html.split("|") if where == "both" else (
            (html, "") if where == "start" else ("", html))
        if name in _POSTED:
            slots = dataclasses.replace(slots, subtitle=posted_by(o))
        return article_of(slots, head + start + "\n" + body + tail + "\n" + end)

    return apply


# --- a CMS's own markup (the red team's layouts: Elementor, Newspaper, Kadence, Joomla,
# Blogger, Drupal 7) ---------------------------------------------------------------------------


def _parts(code: str) -> tuple[str, str, str]:
    """The code in three: what stands before the first body paragraph (the byline, when the
    code opens with it), the body up to its last words, and the rest (counter, disclosure,
    attribution line; the Spanish code's byline)."""
    start = body_paragraphs(code)[0].start()
    end = body_end(code)
    return code[:start], code[start:end], code[end:]


def _widget(name: str, inner: str, extra: str = "") -> str:
    """An Elementor widget as its widget base prints it (before_render): the wrapper's
    classes, data-id, data-element_type and data-widget_type, and the widget container."""
    wid = f"{zlib.crc32((name + extra + inner[:200]).encode()) & 0xfffffff:07x}"
    return (f'<div class="elementor-element elementor-element-{wid}{extra} elementor-widget '
            f'elementor-widget-{name}" data-id="{wid}" data-element_type="widget" '
            f'data-widget_type="{name}.default"><div class="elementor-widget-container">\n'
            f"{inner}\n</div></div>")


def _elementor_post(*widgets: str) -> str:
    """A post built with Elementor: the post content widget renders the post's own Elementor
    document (div[data-elementor-type=wp-post]) with one container of widgets."""
    inner = "\n".join(widgets)
    return ('<div data-elementor-type="wp-post" data-elementor-id="4410" class="elementor '
            'elementor-4410" data-elementor-post-type="post">\n<div class="elementor-element '
            'elementor-element-8c7d6e5 e-flex e-con-boxed e-con e-parent" data-id="8c7d6e5" '
            'data-element_type="container"><div class="e-con-inner">\n'
            f"{inner}\n</div></div>\n</div>")


def elementor_widgets(intro: bool = False, appended: bool = False) -> Apply:
    """The code split into Elementor widgets, as an editor building the post with Elementor
    pastes it: the byline in a Text Editor widget, the body in another, the counter and the
    attribution line in an HTML widget (the Text Editor's TinyMCE would touch the counter).
    ``intro``/``appended``: the publisher's note in a Text Editor widget of its own before
    or after the body's (defects: words added to the article)."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _parts(slots.article)
        widgets = []
        if head.strip():
            widgets.append(_widget("text-editor", head.strip()))
        if intro:
            widgets.append(_widget("text-editor", f"<p><em>{words(o)['intro']}</em></p>"))
        widgets.append(_widget("text-editor", body.strip()))
        if appended:
            widgets.append(_widget("text-editor", f"<p>{words(o)['appended'].strip()}</p>"))
        widgets.append(_widget("html", tail.strip()))
        return article_of(slots, _elementor_post(*widgets))

    return apply


def elementor_form_between(slots: Slots, o: Original) -> Slots:
    """A newsletter sign-up made with Elementor Pro's Form widget between two Text Editor
    widgets of the body (the editor split the body after its second paragraph)."""
    head, body, tail = _parts(slots.article)
    cut = body_paragraphs(body)[1].end()
    form = ('<form class="elementor-form" method="post" name="Newsletter">'
            '<input type="hidden" name="post_id" value="4410"/><input type="hidden" '
            'name="form_id" value="5e6f7a8"/><div class="elementor-form-fields-wrapper '
            'elementor-labels-"><div class="elementor-field-type-email elementor-field-group '
            'elementor-column elementor-field-group-email elementor-col-66 '
            'elementor-field-required"><input size="1" type="email" name="form_fields[email]" '
            'id="form-field-email" class="elementor-field elementor-size-sm '
            'elementor-field-textual" placeholder="Email" required="required"></div>'
            '<div class="elementor-field-group elementor-column elementor-field-type-submit '
            'elementor-col-33 e-form__buttons"><button class="elementor-button '
            'elementor-size-sm" type="submit"><span class="elementor-button-content-wrapper">'
            f'<span class="elementor-button-text">{escape(words(o)["newsletter"])}</span>'
            "</span></button></div></div></form>")
    widgets = [_widget("text-editor", head.strip())] if head.strip() else []
    widgets += [_widget("text-editor", body[:cut].strip()), _widget("form", form),
                _widget("text-editor", body[cut:].strip()), _widget("html", tail.strip())]
    return article_of(slots, _elementor_post(*widgets))


def elementor_responsive_byline(slots: Slots, o: Original) -> Slots:
    """The byline in two Elementor widgets, one for desktop and tablet
    (elementor-hidden-mobile) above the title, one for phones (elementor-hidden-desktop
    elementor-hidden-tablet) in the article's footer: a designer's usual way of placing a
    block differently per screen. Every reader sees exactly one of them."""
    credit = byline(o.code)
    return dataclasses.replace(
        slots, article=without_byline(slots.article),
        before=_widget("text-editor", credit, " elementor-hidden-mobile"),
        after=_widget("text-editor", credit, " elementor-hidden-desktop elementor-hidden-tablet"))


def newspaper_inline_ad(slots: Slots, o: Original) -> Slots:
    """Newspaper's "Article inline ad" spot, which the theme inserts after the n-th
    paragraph of every post: div.td-a-rec.td-a-rec-id-content_inline with its
    "- Advertisement -" title and an image ad in div.td-all-devices."""
    ad = ('<div class="td-a-rec td-a-rec-id-content_inline  tdi_2 td_block_template_1">'
          f'<span class="td-adspot-title">- {words(o)["ad"]} -</span><div class="td-all-devices">'
          '<a href="https://ads.example.net/click?id=77" target="_blank"><img '
          'src="https://coastdaily.example/wp-content/uploads/2025/01/harbour-bank-300x250.jpg"'
          ' width="300" height="250"/></a></div></div>')
    return article_of(slots, after_paragraph(slots.article, 1, ad))


def joomla_banner(slots: Slots, o: Original) -> Slots:
    """A banner module loaded into the article with {loadmodule mod_banners}: Joomla's
    mod_banners markup (div.mod-banners.bannergroup > div.mod-banners__item.banneritem, the
    click link and the image), no header text (the module's default)."""
    banner = ('<div class="mod-banners bannergroup">\n\t<div class="mod-banners__item banneritem">'
              '\n\t\t<a href="/component/banners/click/3" target="_blank" '
              'rel="noopener noreferrer" title="Harbour Savings Bank">\n\t\t\t<img '
              'src="https://harbourledger.example/images/banners/harbour-bank.jpg" '
              'alt="Harbour Savings Bank" width="300" height="250">\n\t\t</a>\n\t</div>\n</div>')
    return article_of(slots, after_paragraph(slots.article, 1, banner))


def kadence_infobox(slots: Slots, o: Original) -> Slots:
    """A newsletter call to action made with Kadence Blocks' Info Box block between two
    paragraphs: a linked box with a heading, a line and a "learn more" label."""
    box = ('<div class="wp-block-kadence-infobox kt-info-box_3a4b5c-7e"><a '
           'class="kt-blocks-info-box-link-wrap info-box-link kt-blocks-info-box-media-align-left'
           ' kt-info-halign-left" href="https://harborledger.example/newsletter/">'
           '<div class="kt-infobox-textcontent"><h3 class="kt-blocks-info-box-title">'
           f'{escape(words(o)["newsletter"])}</h3><p class="kt-blocks-info-box-text">'
           'Harbor Ledger</p><div class="kt-blocks-info-box-learnmore-wrap"><span '
           'class="kt-blocks-info-box-learnmore">→</span></div></div></a></div>')
    return article_of(slots, after_paragraph(slots.article, 1, box))


def _figure_parts(html: str) -> tuple[str, str, str]:
    """A pasted <figure>'s image address and alt text (escaped) and its caption's inner HTML
    (words and links, credit included), for re-marking it the way a CMS stores figures."""
    figure = lxml.html.fragment_fromstring(html)
    img = next(figure.iter("img"))
    caption = figure.find(".//figcaption")
    inner = ""
    if caption is not None:
        inner = (caption.text or "").strip() + " ".join(
            lxml.html.tostring(child, encoding="unicode", with_tail=False).strip()
            for child in caption)
    return escape(img.get("src") or ""), escape(img.get("alt") or ""), inner


def blogger_caption_tables(slots: Slots, o: Original) -> Slots:
    """Figures as Blogger's editor stores a captioned image: table.tr-caption-container with
    the linked image in one cell and the caption (its words and links, credit included) in
    td.tr-caption; the image keeps its address."""

    def table(m: re.Match[str]) -> str:
        src, alt, inner = _figure_parts(m.group())
        return ('<table align="center" cellpadding="0" cellspacing="0" '
                'class="tr-caption-container" style="margin-left: auto; margin-right: auto;">'
                '<tbody><tr><td style="text-align: center;"><a href="' + src + '" '
                'style="margin-left: auto; margin-right: auto;"><img border="0" '
                'data-original-height="503" data-original-width="754" height="426" src="'
                + src + '" width="640" alt="' + alt + '" /></a></td></tr><tr><td '
                'class="tr-caption" style="text-align: center;">' + inner + "</td></tr>"
                "</tbody></table>")

    new, n = _FIGURE.subn(table, slots.article)
    assert n, "no figure"
    return article_of(slots, new)


def note_after_body(slots: Slots, o: Original) -> Slots:
    """The publisher's note in the article's footer, after the body (in Drupal 7 a text field
    of its own after the body field, field-name-field-editor-note): words added to the
    article."""
    note = ('<div class="field field-name-field-editor-note field-type-text-long '
            'field-label-hidden"><div class="field-items"><div class="field-item even">'
            f"<p>{words(o)['appended'].strip()}</p></div></div></div>")
    return dataclasses.replace(slots, after=note)


def note_after_tags(slots: Slots, o: Original) -> Slots:
    """The publisher's note in the article's footer right after the post's tags, as a theme
    prints them inline (Newspack's span.tags-links "Tagged:"): the tag links are no posts'
    titles, so the note is no post's excerpt but words added to the article."""
    tags = ('<span class="tags-links"><span>Tagged:</span> <a href="https://publisher.example/'
            'tag/oceans/" rel="tag">oceans</a>, <a href="https://publisher.example/category/'
            'science/" rel="category tag">science</a></span>')
    return dataclasses.replace(slots, after=f"{tags}<p>{words(o)['appended'].strip()}</p>")


def data_block(where: str) -> Apply:
    """A page's data in a <script> no browser runs, as plugins and frameworks print it: a
    NewsArticle's JSON-LD after the post's content ("json-ld", Schema Pro and other schema
    plugins print it there), or Next.js's __NEXT_DATA__ holding the post's HTML ("next-data",
    at the end of the page's body)."""

    def apply(slots: Slots, o: Original) -> Slots:
        if where == "json-ld":
            data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                               "headline": o.article.title, "author": [
                                   {"@type": "Person", "name": a.name}
                                   for a in o.article.authors]}, ensure_ascii=False)
            script = f'<script type="application/ld+json">{data}</script>'
        else:
            data = json.dumps({"props": {"pageProps": {"post": {"content": slots.article}}},
                               "page": "/[slug]"}).replace("</", "<\\/")
            script = f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'
        return dataclasses.replace(slots, after=slots.after + script)

    return apply


def partial_render(kind: str) -> Apply:
    """A page its server renders only in part: the byline and the first four paragraphs in
    its HTML, the rest drawn in the browser from the post held in the page's script data,
    as a Next.js page does with its __NEXT_DATA__ ("next-data") or a Nuxt page with its
    window.__NUXT__ payload ("nuxt"). As a control, "json-ld": the same cut page with the
    whole text in a NewsArticle's JSON-LD articleBody, which no browser draws: the article is
    cut. No recorded page holds one: built as the frameworks print them."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        shown = code[:body_paragraphs(code)[3].end()] + '\n<div id="load-more"></div>\n'
        if kind == "next-data":
            data = json.dumps({"props": {"pageProps": {"post": {"id": 4410, "content": code}}},
                               "page": "/[slug]", "buildId": "b1"}).replace("</", "<\\/")
            script = f'<script id="__NEXT_DATA__" type="application/json">{data}</script>'
        elif kind == "nuxt":
            script = ("<script>window.__NUXT__=(function(a,b){return {data:[{post:{content:"
                      + json.dumps(code).replace("</", "<\\/") + "}}]}}(1,2));</script>")
        else:
            assert kind == "json-ld"
            body = " ".join(lxml.html.fragment_fromstring(code, create_parent="div")
                            .text_content().split())
            script = ('<script type="application/ld+json">' + json.dumps(
                {"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": o.article.title, "articleBody": body}, ensure_ascii=False)
                      + "</script>")
        return article_of(slots, shown + script)

    return apply


def wp_classic_captions(slots: Slots, o: Original) -> Slots:
    """Figures as WordPress's classic editor stores a captioned image ([caption] shortcode,
    rendered by img_caption_shortcode): div.wp-caption with the image linked to its file and
    p.wp-caption-text holding the caption's words and links, credit included."""

    def caption(m: re.Match[str]) -> str:
        src, alt, inner = _figure_parts(m.group())
        return ('<div id="attachment_5521" style="width: 764px" class="wp-caption aligncenter">'
                f'<a href="{src}"><img aria-describedby="caption-attachment-5521" '
                f'decoding="async" class="size-large wp-image-5521" src="{src}" alt="{alt}" '
                'width="754" height="503" /></a><p id="caption-attachment-5521" '
                f'class="wp-caption-text">{inner}</p></div>')

    new, n = _FIGURE.subn(caption, slots.article)
    assert n, "no figure"
    return article_of(slots, new)


def elementor_entrance_animation(slots: Slots, o: Original) -> Slots:
    """The post built with Elementor, its body widget given an entrance animation ("Fade In
    Up"): Elementor prints the widget with class elementor-invisible and the animation in
    data-settings; its frontend script shows it when it scrolls into view (the page's
    inlined CSS has .elementor-invisible{visibility:hidden}). Every reader sees the text."""
    head, body, tail = _parts(slots.article)
    widgets = [_widget("text-editor", head.strip())] if head.strip() else []
    animated = _widget("text-editor", body.strip(), " elementor-invisible").replace(
        'data-element_type="widget"', 'data-element_type="widget" data-settings="{&quot;'
        '_animation&quot;:&quot;fadeInUp&quot;}"', 1)
    widgets += [animated, _widget("html", tail.strip())]
    return article_of(slots, _elementor_post(*widgets))


def elementor_posts_between(slots: Slots, o: Original) -> Slots:
    """A "Read next" list made with Elementor Pro's Posts widget (classic skin, one post,
    title and thumbnail) between two Text Editor widgets of the body."""
    head, body, tail = _parts(slots.article)
    cut = body_paragraphs(body)[1].end()
    posts = ('<div class="elementor-posts-container elementor-posts elementor-posts--skin-classic'
             ' elementor-grid"><article class="elementor-post elementor-grid-item post-4380 post'
             ' type-post status-publish format-standard has-post-thumbnail hentry">'
             '<a class="elementor-post__thumbnail__link" href="https://tideline.example/'
             'harbour-dredging-resumes/" tabindex="-1"><div class="elementor-post__thumbnail">'
             '<img width="300" height="200" src="https://tideline.example/wp-content/uploads/'
             '2025/09/dredging-300x200.jpg" class="attachment-medium size-medium wp-image-4381"'
             ' alt="" /></div></a><div class="elementor-post__text"><h3 '
             'class="elementor-post__title"><a href="https://tideline.example/'
             'harbour-dredging-resumes/">Harbour dredging resumes</a></h3></div></article></div>')
    widgets = [_widget("text-editor", head.strip())] if head.strip() else []
    widgets += [_widget("text-editor", body[:cut].strip()),
                _widget("heading", f'<h2 class="elementor-heading-title elementor-size-default">'
                        f'{words(o)["related"].rstrip(":").strip()}</h2>'),
                _widget("posts", posts),
                _widget("text-editor", body[cut:].strip()), _widget("html", tail.strip())]
    return article_of(slots, _elementor_post(*widgets))


def hidden_copy_stylesheet(slots: Slots, o: Original) -> Slots:
    """An altered article shown, the exact text beside it hidden by a rule of the page's own
    <style> with a descendant selector (as a theme's or plugin's custom CSS writes it)."""
    visible = edited_word(slots, o).article
    hidden = ('<style>body .seo-copy{display:none}</style>\n<div class="seo-copy">'
              + _text_only(o.code) + "</div>")
    return article_of(slots, visible + "\n" + hidden)


def newspaper_source_box(slots: Slots, o: Original) -> Slots:
    """The attribution line removed, The Conversation credited only in Newspaper's own
    "Source" box (the theme's post setting, printed in the article's footer as
    div.td-post-source-via): the original is linked, the licence is not stated."""
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    box = ('<div class="td-post-source-via "><div class="td-post-small-box"><span>SOURCE</span>'
           f'<a rel="nofollow" href="{o.article.url}">The Conversation</a></div></div>')
    return dataclasses.replace(slots, article=slots.article.replace(line, "", 1), after=box)


def hidden_copy_class(classes: str) -> Apply:
    """An altered article shown, the exact text beside it in an element that the site's
    framework hides by a utility class: Bootstrap 5's d-none (Cassiopeia's CSS, an external
    stylesheet), or Elementor's three per-screen classes together (hidden on every screen;
    the rules inlined in the page's <style>)."""

    def apply(slots: Slots, o: Original) -> Slots:
        visible = edited_word(slots, o).article
        hidden = f'<div class="{classes}">' + _text_only(o.code) + "</div>"
        return article_of(slots, visible + "\n" + hidden)

    return apply


# The publisher's words that name the author or The Conversation (an editor's note, a
# thank-you line merged with a note of their own), per language.
CREDITING_NOTES = {
    "en": ("Editor’s note: {name} of {institution} wrote this piece, which our readers asked"
           " about at last week’s meeting.",
           "This article was originally published on The Conversation; we will keep following"
           " this story for our readers."),
    "fr": ("Note de la rédaction : {name} ({institution}) a écrit cet article, sur lequel nos"
           " lecteurs nous ont interrogés.",
           "Cet article a été initialement publié sur The Conversation ; nous continuerons à"
           " suivre ce sujet pour nos lecteurs."),
    "es": ("Nota de la redacción: {name} ({institution}) escribió este artículo, sobre el que"
           " nos preguntaron nuestros lectores.",
           "Este artículo fue publicado originalmente en The Conversation; seguiremos"
           " informando sobre este tema a nuestros lectores."),
}
# The attribution line reworded without the licence (other wordings than WORDS' no-licence).
NO_LICENCE_REWORDED = {
    "en": 'This article first appeared on <a href="{url}">The Conversation</a>.',
    "fr": 'Cet article est paru sur <a href="{url}">The Conversation</a>.',
}


def intro_naming_author(slots: Slots, o: Original) -> Slots:
    """An editor's note before the article that names its author and institution: the
    publisher's words all the same."""
    author = o.article.authors[0]
    note = CREDITING_NOTES[o.lang][0].format(name=author.name, institution=author.institution)
    first = body_paragraphs(slots.article)[0]
    code = slots.article
    return article_of(slots, code[:first.start()] + f"<p><em>{escape(note)}</em></p>\n"
                      + code[first.start():])


def appended_with_credit(slots: Slots, o: Original) -> Slots:
    """A paragraph after the article's last one that thanks The Conversation in its
    attribution words and adds the publisher's own sentence."""
    code = slots.article
    last = body_paragraphs(code)[-1]
    note = escape(CREDITING_NOTES[o.lang][1])
    return article_of(slots, code[:last.end()] + f"\n<p>{note}</p>" + code[last.end():])


def licence_words_reworded(slots: Slots, o: Original) -> Slots:
    """The attribution line reworded ("This article first appeared on The Conversation."),
    the licence gone."""
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    new = "<p>" + NO_LICENCE_REWORDED[o.lang].format(url=o.article.url) + "</p>"
    return article_of(slots, slots.article.replace(line, new, 1))


# --- the second red team's edits: other platforms' own markup --------------------------------
# Hugo with PaperMod, Squarespace 7.1 and Divi (layouts hugo-papermod, squarespace-71, wp-divi):
# each follows the platform's markup as its templates and pages print it (see each template's
# note). Harmless ones must pass; the notes in a block of their own are defects.

# PaperMod's i18n/<lang>.yaml "toc" string.
TOC_LABEL = {"en": "Table of Contents", "fr": "Table des matières", "es": "Tabla de Contenidos"}


def _heading_id(text: str) -> str:
    """Goldmark's automatic heading id (Hugo's default, autoHeadingIDType "github"): lower
    case, punctuation dropped, spaces as hyphens."""
    kept = "".join(c for c in text.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def hugo_markdown_toc(slots: Slots, o: Original) -> Slots:
    """The subheadings written as Markdown ("## …") when the editor moved the code into the
    post's .md file: Goldmark gives each an id, PaperMod's anchored_headings partial appends
    a hidden "#" anchor to it, and with ShowToc the toc partial lists them in a closed
    <details class="toc"> between the post's header and its content."""
    items: list[tuple[str, str]] = []

    def anchored(m: re.Match[str]) -> str:
        text = re.sub(r"<[^>]+>", "", m.group(1))
        slug = _heading_id(text)
        items.append((slug, text))
        return (f'<h2 id="{slug}">{m.group(1)}<a hidden class="anchor" aria-hidden="true" '
                f'href="#{slug}">#</a></h2>')

    code = re.sub(r"<h2>(.*?)</h2>", anchored, slots.article)
    assert items, "no subheading"
    links = "".join(f'<li>\n<a href="#{slug}" aria-label="{text}">{text}</a>\n</li>'
                    for slug, text in items)
    toc = (f'<details class="toc">\n<summary accesskey="c" title="(Alt + C)">\n<span '
           f'class="title">{TOC_LABEL[o.lang]}</span>\n</summary>\n<div class="inner"><ul>\n'
           f"{links}</ul>\n</div>\n</details>")
    return dataclasses.replace(slots, article=code, lead=toc)


def _sqs_block(kind: str, inner: str, n: int) -> str:
    """A Squarespace LayoutEngine block: a Text block (html, block type 2, its words in
    div.sqs-html-content) or a Code block (code, block type 23)."""
    block_id = f"block-yui_3_17_2_1_1759392000000_{4410 + n}"
    if kind == "html":
        inner = re.sub(r"<p>", '<p class="" style="white-space:pre-wrap;">', inner)
        return (f'<div class="sqs-block html-block sqs-block-html" data-block-type="2" '
                f'id="{block_id}"><div class="sqs-block-content">\n<div class="sqs-html-content">'
                f"\n{inner}\n</div>\n</div></div>")
    return (f'<div class="sqs-block code-block sqs-block-code" data-block-type="23" '
            f'id="{block_id}"><div class="sqs-block-content">\n{inner}\n</div></div>')


SQS_NEWSLETTER = (
    '<div class="sqs-block newsletter-block sqs-block-newsletter" data-block-type="51" '
    'id="block-yui_3_17_2_1_1759392000000_5120"><div class="sqs-block-content"><div '
    'class="newsletter-form-wrapper newsletter-form-wrapper--layoutFloat '
    'newsletter-form-wrapper--alignCenter"><form class="newsletter-form" data-form-id='
    '"651a7f0c2b1e5a1c3d4e5f70" autocomplete="on" method="POST" novalidate><header '
    'class="newsletter-form-header"><h2 class="newsletter-form-header-title">{newsletter}</h2>'
    '<div class="newsletter-form-header-description"><p>Sign up with your email address to '
    'receive news and updates.</p></div></header><div class="newsletter-form-body"><div '
    'class="newsletter-form-fields-wrapper form-fields"><div class="newsletter-form-field-wrapper '
    'form-item field email required"><label class="newsletter-form-field-label title" '
    'for="email-yui_3_17_2_1">Email Address</label><input id="email-yui_3_17_2_1" '
    'class="newsletter-form-field-element field-element" name="email" type="email" '
    'spellcheck="false" placeholder="Email Address"></div></div><div '
    'class="newsletter-form-button-wrapper submit-wrapper"><button class="newsletter-form-button '
    'sqs-system-button sqs-editable-button-layout sqs-button-element--primary" type="submit" '
    'value="Sign Up"><span class="newsletter-form-button-label">Sign Up</span></button></div>'
    '</div><div class="newsletter-form-footnote"><p>We respect your privacy.</p></div>'
    '<div class="hidden form-submission-text">Thank you!</div></form></div></div></div>')
SQS_SUMMARY = (
    '<div class="sqs-block summary-v2-block sqs-block-summary-v2" data-block-type="55" '
    'id="block-yui_3_17_2_1_1759392000000_5530"><div class="sqs-block-content"><div '
    'class="summary-block-wrapper summary-block-collection-type-blog-basic-grid '
    'summary-block-setting-design-carousel summary-block-setting-text-size-medium" '
    'data-controller="SummaryCarousel"><div class="summary-block-header"><h3 '
    'class="summary-heading"><span class="summary-heading-text">{related}</span></h3></div>'
    '<div class="summary-item-list-container sqs-gallery-container"><div '
    'class="summary-item-list"><div class="summary-item summary-item-record-type-text '
    'sqs-gallery-design-carousel-slide summary-item-has-thumbnail"><div '
    'class="summary-thumbnail-outer-container"><a href="/journal/harbour-dredging-resumes" '
    'class="summary-thumbnail-container sqs-gallery-image-container"><div '
    'class="summary-thumbnail img-wrapper"><img data-src="https://images.squarespace-cdn.com/'
    'content/v1/651a7f0c/dredging.jpg" data-image-dimensions="1500x1000" '
    'alt="Harbour dredging resumes" class="summary-thumbnail-image" '
    'src="https://images.squarespace-cdn.com/content/v1/651a7f0c/dredging.jpg?format=500w">'
    '</div></a></div><div class="summary-content sqs-gallery-meta-container"><div '
    'class="summary-title"><a href="/journal/harbour-dredging-resumes" '
    'class="summary-title-link">Harbour dredging resumes</a></div><div class="summary-metadata-'
    'container summary-metadata-container--below-content"><div class="summary-metadata '
    'summary-metadata--primary"><time class="summary-metadata-item summary-metadata-item--date"'
    ' datetime="2025-09-28">Sep 28, 2025</time></div></div></div></div></div></div></div>'
    '</div></div>')


def _closed_parts(code: str) -> tuple[str, str, str]:
    """_parts, the body's last paragraph closed in the body's block (not in the next)."""
    head, body, tail = _parts(code)
    if tail.lstrip().startswith("</p>"):
        body, tail = body + "</p>", tail.lstrip()[len("</p>"):]
    return head, body, tail


def squarespace_blocks(box: str = "", intro: bool = False, appended: bool = False) -> Apply:
    """The post laid out in Squarespace blocks, as editors lay out a republished piece: the
    byline typed into a Text block, the body pasted into a Code block, the counter, disclosure
    and attribution line in a Code block of their own at the end (Squarespace's advice for
    tracking pixels). ``box``: a Squarespace block between two Code blocks of the body;
    ``intro``/``appended``: the publisher's note in a Text block before or after the body's
    (defects)."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _closed_parts(slots.article)
        blocks = []
        if head.strip():
            blocks.append(_sqs_block("html", head.strip(), 0))
        if intro:
            blocks.append(_sqs_block("html", f"<p><em>{words(o)['intro']}</em></p>", 1))
        if box:
            cut = body_paragraphs(body)[1].end()
            blocks += [_sqs_block("code", body[:cut].strip(), 2),
                       box.format(newsletter=words(o)["newsletter"],
                                  related=words(o)["related"].rstrip(":").strip()),
                       _sqs_block("code", body[cut:].strip(), 3)]
        else:
            blocks.append(_sqs_block("code", body.strip(), 2))
        if appended:
            blocks.append(_sqs_block("html", f"<p>{words(o)['appended'].strip()}</p>", 4))
        blocks.append(_sqs_block("code", tail.strip(), 5))
        return article_of(slots, "\n".join(blocks))

    return apply


def _divi_text(n: int, inner: str, extra: str = "") -> str:
    return (f'<div class="et_pb_module et_pb_text et_pb_text_{n}{extra}  et_pb_text_align_left '
            f'et_pb_bg_layout_light">\n<div class="et_pb_text_inner">{inner}</div>\n</div>')


def _divi_code(n: int, inner: str) -> str:
    return (f'<div class="et_pb_module et_pb_code et_pb_code_{n}">\n<div class="et_pb_code_inner">'
            f"{inner}</div>\n</div>")


def _divi_section(*modules: str) -> str:
    """A Divi Builder section of one full-width row and column holding ``modules``."""
    return ('<div class="et_pb_section et_pb_section_0 et_section_regular">\n<div class="et_pb_row'
            ' et_pb_row_0">\n<div class="et_pb_column et_pb_column_4_4 et_pb_column_0  '
            'et_pb_css_mix_blend_mode_passthrough et-last-child">\n' + "\n".join(modules)
            + "\n</div>\n</div>\n</div>")


DIVI_CTA = ('<div class="et_pb_module et_pb_promo et_pb_promo_0 et_pb_text_align_center '
            'et_pb_bg_layout_dark"><div class="et_pb_promo_description"><h2 '
            'class="et_pb_module_header">{newsletter}</h2><div><p>Every Friday, the week on the '
            'bay.</p></div></div><div class="et_pb_button_wrapper"><a class="et_pb_button '
            'et_pb_promo_button" href="{site}/newsletter/">Sign up</a></div></div>')
DIVI_BLOG = ('<div class="et_pb_module et_pb_blog_0 et_pb_blog_grid_wrapper et_pb_bg_layout_light">'
             '<div class="et_pb_blog_grid clearfix "><div class="et_pb_ajax_pagination_container">'
             '<div class="et_pb_salvattore_content" data-columns="3"><div class="column size-1of3">'
             '<article id="post-4380" class="et_pb_post clearfix et_pb_blog_item_0_0 post-4380 '
             'post type-post status-publish format-standard has-post-thumbnail hentry '
             'category-science"><div class="et_pb_image_container"><a href="{site}/2025/09/28/'
             'harbour-dredging-resumes/" class="entry-featured-image-url"><img decoding="async" '
             'src="{site}/wp-content/uploads/2025/09/dredging-400x250.jpg" alt="Harbour dredging '
             'resumes" class="" width="400" height="250" /></a></div><h2 class="entry-title"><a '
             'href="{site}/2025/09/28/harbour-dredging-resumes/">Harbour dredging resumes</a>'
             '</h2><p class="post-meta"><span class="published">Sep 28, 2025</span></p><div '
             'class="post-content"><div class="post-content-inner"><p>The dredger returns to the '
             'inner harbour on Monday.</p></div></div></article></div></div></div></div></div>')
# Divi's entrance animation as its static CSS (inlined by a caching plugin) and its script's
# data give it: the module is transparent until the script animates it in.
DIVI_ANIMATION_CSS = ("<style>.et_animated{opacity:0;animation-duration:1s;"
                      "animation-fill-mode:both!important}</style>")


def divi_modules(box: str = "", intro: bool = False, appended: bool = False,
                 animated: bool = False) -> Apply:
    """The post laid out in Divi Builder modules: the byline in a Text module, the body in
    another, the counter, disclosure and attribution line in a Code module (the Text module's
    editor would touch the counter). ``box``: a module between two Text modules of the body
    (a heading Text module above a Blog module); ``intro``/``appended``: the publisher's note
    in a Text module of its own (defects); ``animated``: the body's module with Divi's
    entrance animation."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _closed_parts(slots.article)
        modules = []
        if head.strip():
            modules.append(_divi_text(0, head.strip()))
        if intro:
            modules.append(_divi_text(1, f"<p><em>{words(o)['intro']}</em></p>"))
        extra = " et_animated" if animated else ""
        if box:
            cut = body_paragraphs(body)[1].end()
            html = box.format(newsletter=words(o)["newsletter"], site=SITE)
            if "et_pb_blog" in box:
                label = words(o)["related"].rstrip(":").strip()
                html = _divi_text(3, f"<h3>{label}</h3>") + "\n" + html
            modules += [_divi_text(2, body[:cut].strip(), extra), html,
                        _divi_text(4, body[cut:].strip(), extra)]
        else:
            modules.append(_divi_text(2, body.strip(), extra))
        if appended:
            modules.append(_divi_text(5, f"<p>{words(o)['appended'].strip()}</p>"))
        modules.append(_divi_code(0, tail.strip()))
        section = _divi_section(*modules)
        if animated:
            section = section + "\n" + DIVI_ANIMATION_CSS
        return article_of(slots, section)

    return apply


# --- the third red team's edits: Ghost's own cards (layout ghost-source) -------------------
# Ghost's editor (Koenig) renders its cards as the theme's stylesheet styles them
# (TryGhost/Source assets/css: kg-callout-card, kg-bookmark-card, kg-header-card); the pasted
# code stays one HTML card, the publisher's cards sit before, between or after it.


def _ghost_callout(text: str) -> str:
    return ('<div class="kg-card kg-callout-card kg-callout-card-accent">'
            '<div class="kg-callout-emoji">📰</div>'
            f'<div class="kg-callout-text">{text}</div></div>')


def ghost_bookmark_between(slots: Slots, o: Original) -> Slots:
    """A bookmark card between paragraphs pointing at the publisher's own post (Ghost's
    "related" link: title, description, site name, thumbnail)."""
    card = ('<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
            f'href="{SITE}/ferry-timetable/"><div class="kg-bookmark-content">'
            '<div class="kg-bookmark-title">The winter ferry timetable starts on Monday</div>'
            '<div class="kg-bookmark-description">Two evening crossings are dropped until '
            'March.</div><div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" '
            f'src="{SITE}/favicon.png" alt=""><span class="kg-bookmark-author">'
            'Harbour Light</span><span class="kg-bookmark-publisher">Harbour Light Desk</span>'
            '</div></div><div class="kg-bookmark-thumbnail"><img '
            f'src="{SITE}/content/images/ferry.jpg" alt="" '
            'onerror="this.style.display = \'none\'"></div></a></figure>')
    return article_of(slots, after_paragraph(slots.article, 1, card))


def ghost_header_card_newsletter(slots: Slots, o: Original) -> Slots:
    """A header card between paragraphs inviting readers to the publisher's newsletter."""
    card = ('<div class="kg-card kg-header-card kg-width-full kg-size-small kg-style-dark" '
            'data-kg-background-image="" style=""><h2 class="kg-header-card-header" '
            f'id="newsletter">{words(o)["newsletter"]}</h2><a href="#/portal/signup" '
            'class="kg-header-card-button">Subscribe</a></div>')
    return article_of(slots, after_paragraph(slots.article, 2, card))


def ghost_callout(where: str, crediting: bool = False) -> Apply:
    """The publisher's note in a callout card of its own: before the pasted code, after it,
    or in the post's custom excerpt (p.gh-article-excerpt in the header, another field).
    ``crediting``: the note names the author and institution (before) or thanks The
    Conversation (after)."""

    def apply(slots: Slots, o: Original) -> Slots:
        author = o.article.authors[0]
        if where == "after":
            note = (escape(CREDITING_NOTES[o.lang][1]) if crediting
                    else words(o)["appended"].strip())
            return article_of(slots, slots.article + "\n" + _ghost_callout(note))
        note = (escape(CREDITING_NOTES[o.lang][0].format(
            name=author.name, institution=author.institution)) if crediting
            else words(o)["intro"])
        if where == "excerpt":
            return dataclasses.replace(
                slots, lead=f'<p class="gh-article-excerpt is-body">{note}</p>')
        return article_of(slots, _ghost_callout(note) + "\n" + slots.article)

    return apply


def ghost_excerpt_standfirst(altered: bool = False) -> Apply:
    """The post's custom excerpt (p.gh-article-excerpt under the headline) holding The
    Conversation's own words: the original's standfirst (the feed's summary) or, without
    one, an automatic excerpt of the body's first words clipped with " [&hellip;]" (what a
    CMS prints when the excerpt field is empty). ``altered``: one word of it changed."""

    def apply(slots: Slots, o: Original) -> Slots:
        if o.article.summary:
            excerpt = escape(o.article.summary)
        else:
            first = body_paragraphs(o.code)[0].group()
            excerpt = " ".join(re.sub(r"<[^>]+>", "", first).split()[:30]) + " [&hellip;]"
        if altered:
            word = next(w for w in excerpt.split()[2:] if w.isalpha() and len(w) > 4)
            excerpt = excerpt.replace(word, word.upper(), 1)
        return dataclasses.replace(
            slots, lead=f'<p class="gh-article-excerpt is-body">{excerpt}</p>')

    return apply


# --- the fourth red team's edits: Avada's builder elements and Webflow's CMS fields ----------
# WordPress with Avada 7 (layout wp-avada): the Avada Builder's elements as its shortcode
# classes print them (fusion-builder's shortcodes/fusion-*.php: Text Block fusion-text,
# Code Block (its decoded code, no wrapper), Alert fusion-alert, Tagline Box
# fusion-reading-box-container, Title fusion-title, Recent Posts fusion-recent-posts) and
# Avada's about-author box (single.php). Webflow (layout webflow-cms): the CMS template's bound
# fields (summary, a second Rich Text field), custom code embeds (w-embed), forms (w-form) and
# Collection lists (w-dyn-list), as exported Webflow sites print them.


def _avada_text(n: int, inner: str) -> str:
    return f'<div class="fusion-text fusion-text-{n}">{inner}</div>'


def _avada_container(n: int, *elements: str) -> str:
    """An Avada Builder flex container of one full-width column holding ``elements``."""
    return (f'<div class="fusion-fullwidth fullwidth-box fusion-builder-row-{n} '
            'fusion-flex-container nonhundred-percent-fullwidth non-hundred-percent-height-'
            'scrolling" style="--awb-border-radius-top-left:0px;--awb-flex-wrap:wrap;" >'
            '<div class="fusion-builder-row fusion-row fusion-flex-align-items-flex-start '
            'fusion-flex-content-wrap" style="max-width:1248px;">'
            f'<div class="fusion-layout-column fusion_builder_column fusion-builder-column-{n} '
            'fusion_builder_column_1_1 1_1 fusion-flex-column" style="--awb-bg-size:cover;'
            '--awb-width-large:100%;"><div class="fusion-column-wrapper fusion-column-has-shadow '
            'fusion-flex-justify-content-flex-start fusion-content-layout-column">'
            + "\n".join(elements) + "</div></div></div></div>")


def _avada_alert(text: str) -> str:
    """Avada's Alert element (type "general", dismissable) holding ``text``."""
    return ('<div class="fusion-alert alert general alert-info fusion-alert-left '
            'awb-alert-native-link-color alert-dismissable awb-alert-close-boxed" role="alert">'
            '<div class="fusion-alert-content-wrapper"><span class="alert-icon"><i '
            'class="awb-icon-info-circle" aria-hidden="true"></i></span><span '
            f'class="fusion-alert-content">{text}</span></div><button type="button" '
            'class="close toggle-alert" data-dismiss="alert" aria-label="Close">&times;</button>'
            "</div>")


AVADA_TAGLINE = (
    '<div class="fusion-reading-box-container reading-box-container-1" style="--awb-title-color:'
    '#212934;--awb-margin-top:0px;--awb-margin-bottom:84px;"><div class="reading-box '
    'reading-box-right" style="background-color:#f9f9fb;border-width:1px;border-color:#f2f3f5;'
    'border-left-width:3px;border-left-color:#65bc7b;border-style:solid;"><a class="button '
    'fusion-button button-default fusion-button-default-size button-large continue '
    'continue-right" style="" target="_self" href="{site}/newsletter/"><span>Sign up</span></a>'
    '<h2>{newsletter}</h2><div class="reading-box-description">Every Friday, the week on the '
    'coast.</div><a class="button fusion-button button-default fusion-button-default-size '
    'button-large continue mobile-button continue-right" style="" target="_self" '
    'href="{site}/newsletter/"><span>Sign up</span></a></div></div>')
AVADA_RECENT = (
    '<div class="fusion-title title fusion-title-1 fusion-sep-none fusion-title-text '
    'fusion-title-size-three"><h3 class="fusion-title-heading title-heading-left" '
    'style="margin:0;">{related}</h3></div>'
    '<div class="fusion-recent-posts fusion-recent-posts-1 avada-container '
    'layout-thumbnails-on-side layout-columns-1"><section class="fusion-columns columns '
    'fusion-columns-1 columns-1"><article class="post fusion-column column col col-lg-12 '
    'col-md-12 col-sm-12"><div class="fusion-flexslider floated-slideshow '
    'flexslider-hover-type-none"><ul class="slides"><li><a href="{site}/2025/09/28/'
    'harbour-dredging-resumes/" aria-label="Harbour dredging resumes" class="hover-type-none">'
    '<img src="{site}/wp-content/uploads/2025/09/dredging-66x66.jpg" alt="" width="66" '
    'height="66" /></a></li></ul></div><div class="recent-posts-content"><h4 class="entry-title">'
    '<a href="{site}/2025/09/28/harbour-dredging-resumes/">Harbour dredging resumes</a></h4>'
    '<p class="meta"><span><span class="date">September 28th, 2025</span></span><span '
    'class="fusion-inline-sep">|</span><span><a href="{site}/2025/09/28/harbour-dredging-resumes/'
    '#respond">0 Comments</a></span></p><div class="excerpt-container">The dredger returns to '
    'the inner harbour on Monday.</div></div></article></section></div>')


def avada_elements(box: str = "", intro: str = "", appended: str = "") -> Apply:
    """The post laid out in Avada Builder elements: the byline in a Text Block, the body in
    another, the counter, disclosure and attribution line in a Code Block (printed as its code,
    no wrapper). ``box``: elements between two Text Blocks of the body; ``intro``/``appended``:
    the publisher's note before or after ("alert": in an Alert element; "alert-credit": an
    Alert naming the author and institution; "text": in a Text Block after the Code Block)."""

    def apply(slots: Slots, o: Original) -> Slots:
        head, body, tail = _closed_parts(slots.article)
        elements = []
        if intro:
            author = o.article.authors[0]
            note = (escape(CREDITING_NOTES[o.lang][0].format(
                name=author.name, institution=author.institution))
                if intro == "alert-credit" else words(o)["intro"])
            elements.append(_avada_alert(note))
        if head.strip():
            elements.append(_avada_text(1, head.strip()))
        if box:
            cut = body_paragraphs(body)[1].end()
            elements += [_avada_text(2, body[:cut].strip()),
                         box.format(site=SITE, newsletter=words(o)["newsletter"],
                                    related=words(o)["related"].rstrip(":").strip()),
                         _avada_text(3, body[cut:].strip())]
        else:
            elements.append(_avada_text(2, body.strip()))
        elements.append(tail.strip())
        if appended == "text":
            elements.append(_avada_text(4, f"<p>{words(o)['appended'].strip()}</p>"))
        elif appended == "text-credit":
            elements.append(_avada_text(4, f"<p>{escape(CREDITING_NOTES[o.lang][1])}</p>"))
        return article_of(slots, _avada_container(1, *elements))

    return apply


def avada_author_box(slots: Slots, o: Original) -> Slots:
    """The byline taken out of the code and the authors credited in Avada's own about-author
    box (single.php: "About the Author: <author link>", avatar, description), the post's
    author set to The Conversation's author (a guest author): the description is the byline."""
    first = o.article.authors[0]
    box = ('<section class="about-author"><div class="fusion-title fusion-title-size-three '
           'sep-double sep-solid" style="margin-top:0px;margin-bottom:31px;"><h3 '
           'class="title-heading-left" style="margin:0;">About the Author: '
           f'<a href="{first.profile_url}" title="Posts by {escape(first.name)}" rel="author">'
           f'{escape(first.name)}</a></h3></div><div class="about-author-container"><div '
           'class="avatar"><img alt="" src="https://secure.gravatar.com/avatar/0f1e2d3c4b5a?s=72'
           '&amp;d=mm&amp;r=g" class="avatar avatar-72 photo" height="72" width="72" /></div>'
           f'<div class="description">{byline(o.code)}</div></div></section>')
    return dataclasses.replace(slots, article=without_byline(slots.article), after=box)


def webflow_summary(crediting: bool = False) -> Apply:
    """The publisher's note in the post's Summary field (a plain-text CMS field the template
    binds to a paragraph under the title): words shown as the article's first."""

    def apply(slots: Slots, o: Original) -> Slots:
        author = o.article.authors[0]
        note = (escape(CREDITING_NOTES[o.lang][0].format(
            name=author.name, institution=author.institution)) if crediting
            else words(o)["intro"])
        return dataclasses.replace(slots, lead=f'<p class="post-summary">{note}</p>')

    return apply


def webflow_note_field(crediting: bool = False) -> Apply:
    """The publisher's note in a second Rich Text field the template shows after the body
    (div.post-note.w-richtext): words added after the article."""

    def apply(slots: Slots, o: Original) -> Slots:
        note = (escape(CREDITING_NOTES[o.lang][1]) if crediting
                else words(o)["appended"].strip())
        return dataclasses.replace(
            slots, after=f'<div class="post-note w-richtext"><p>{note}</p></div>')

    return apply


WEBFLOW_FORM = (
    '<div class="post-newsletter"><h3 class="post-newsletter-heading">{newsletter}</h3>'
    '<div class="post-newsletter-form-block w-form"><form id="wf-form-Post-Newsletter" '
    'name="wf-form-Post-Newsletter" data-name="Post Newsletter" method="get" '
    'class="post-newsletter-form" data-wf-page-id="6650a1c2d3e4f5a6b7c8d9e0" '
    'data-wf-element-id="9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4"><input '
    'class="post-newsletter-field w-input" maxlength="256" name="Email-2" data-name="Email 2" '
    'placeholder="Your email address" type="email" id="Email-2" required=""/><input '
    'type="submit" data-wait="Please wait..." class="post-newsletter-button w-button" '
    'value="Subscribe"/></form><div class="w-form-done"><div>Thank you! Your submission has '
    'been received!</div></div><div class="w-form-fail"><div>Oops! Something went wrong while '
    "submitting the form.</div></div></div></div>")


def webflow_form_after_body(slots: Slots, o: Original) -> Slots:
    """A newsletter form block the template shows right after the post's body (a Webflow
    form: the form, and its success and failure messages that the site's webflow.css hides
    until the form is sent)."""
    return dataclasses.replace(slots, after=WEBFLOW_FORM.format(
        newsletter=words(o)["newsletter"]))


def webflow_sponsor_figure(slots: Slots, o: Original) -> Slots:
    """The code split into two custom code embeds of the Rich Text body, a sponsor's banner
    between them as a Rich Text image (figure.w-richtext-figure-type-image, linked, its
    caption a label)."""
    code = slots.article
    cut = body_paragraphs(code)[1].end()
    figure = ('<figure class="w-richtext-align-center w-richtext-figure-type-image"><a '
              'href="https://ads.example.net/click?id=41" target="_blank"><div><img '
              'src="https://cdn.prod.website-files.com/6650a0b1c2d3e4f5a6b7c8d9/'
              '6650d3f4a5b6c7d8e9f0a1b2_harbour-bank-600x200.jpg" loading="lazy" '
              f'alt="Harbour Savings Bank"/></div></a><figcaption>{words(o)["ad"]}</figcaption>'
              "</figure>")
    return article_of(slots, f'<div class="w-embed">{code[:cut]}</div>{figure}'
                      f'<div class="w-embed">{code[cut:]}</div>')


def webflow_author_list(slots: Slots, o: Original) -> Slots:
    """The byline taken out of the code and the authors credited in the template's "By" block
    under the title: a Collection list of the post's Authors (a multi-reference field), each a card
    linking the author's profile with their name and institution."""
    items = "".join(
        f'<div role="listitem" class="w-dyn-item"><a href="{a.profile_url}" '
        'class="author-card w-inline-block"><div class="author-card-text"><div '
        f'class="author-name">{escape(a.name)}</div><div class="author-institution">'
        f"{escape(a.institution or '')}</div></div></a></div>" for a in o.article.authors)
    box = ('<div class="post-authors"><div class="post-authors-label">'
           f'{words(o)["by"]}</div><div class="w-dyn-list"><div role="list" '
           f'class="post-authors-list w-dyn-items">{items}</div></div></div>')
    return dataclasses.replace(slots, article=without_byline(slots.article), lead=box)


def webflow_empty_image_field(slots: Slots, o: Original) -> Slots:
    """The template's main image bound to the post's Main Image field, left empty: Webflow
    prints the element all the same, with src="" and class w-dyn-bind-empty (which the
    site's webflow.css hides): no image is shown."""
    return dataclasses.replace(
        slots, lead='<img alt="" loading="lazy" src="" class="post-main-image w-dyn-bind-empty"/>')


def hidden_copy_condition(slots: Slots, o: Original) -> Slots:
    """An altered article shown, the exact text beside it in an element Webflow's conditional
    visibility hides (class w-condition-invisible, display:none in the site's webflow.css)."""
    visible = edited_word(slots, o).article
    hidden = '<div class="seo-copy w-condition-invisible">' + _text_only(o.code) + "</div>"
    return article_of(slots, visible + "\n" + hidden)


# --- words around the article: a theme's subtitle field, a label before a link (F36, F37) -----
# A theme's own subtitle (dek) field, printed right under the post's title, wherever the theme
# nests the title (the layouts' subtitle slot: in the post's header, or in a title bar above
# the element holding the body). Each as its theme prints it:
THEME_SUBTITLES = {
    # Newspack: template-parts/header/entry-header.php (Automattic/newspack-theme), the
    # post's newspack_post_subtitle meta after h1.entry-title
    "newspack": '<div class="newspack-post-subtitle">{dek}</div>',
    # Arc XP Themes' Subheadline block: blocks/subheadline-block/features/subheadline/
    # default.jsx (WPMedia/arc-themes-blocks), the story's subheadlines.basic
    "arc": '<h2 class="h4-primary sub-headline">{dek}</h2>',
    # tagDiv Newspaper's single-post templates (loop-single-*.php): the td_subtitle field
    # after the title in header.td-post-title
    "newspaper": '<p class="td-post-sub-title">{dek}</p>',
}


def _dek(o: Original, *, own: bool, altered: bool) -> str:
    """A subtitle's words: the publisher's own (``own``), or the original's standfirst (the
    feed's summary), one word of it changed when ``altered``."""
    if own:
        return escape(words(o)["dek"])
    assert o.article.summary, f"{o.name} has no standfirst"
    dek = escape(o.article.summary)
    if altered:
        word = next(w for w in dek.split()[2:] if w.isalpha() and len(w) > 4)
        dek = dek.replace(word, word.upper(), 1)
    return dek


def theme_subtitle(theme: str, *, own: bool = False, altered: bool = False) -> Apply:
    """The post's subtitle in THEME_SUBTITLES[theme]'s markup right under the headline."""

    def apply(slots: Slots, o: Original) -> Slots:
        dek = _dek(o, own=own, altered=altered)
        return dataclasses.replace(slots, subtitle=THEME_SUBTITLES[theme].format(dek=dek))

    return apply


def header_line(what: str) -> Apply:
    """What a theme prints between the headline and the body besides a subtitle: the code's
    byline moved under the headline (``what`` "byline"), or a meta line of category, date
    and reading time as themes print it ("meta": WordPress's rel="category tag" link, a
    <time>, Newspack's and Ghost's "6 min read")."""

    def apply(slots: Slots, o: Original) -> Slots:
        if what == "byline":
            return dataclasses.replace(slots, subtitle=byline(o.code),
                                       article=without_byline(slots.article))
        meta = (f'<div class="entry-meta"><a href="{SITE}/category/science/" rel="category '
                'tag">Science</a> · <time class="entry-date published" datetime="2025-10-02T'
                f'08:00:00+00:00">{words(o)["date"]}</time> · <span class="reading-time">6 '
                "min read</span></div>")
        return dataclasses.replace(slots, subtitle=meta)

    return apply


# A short label before a link to the publisher's own post, typed by an editor (a paragraph of
# the block editor, the label in bold) into the post or after it: a navigation line. Per
# language, labels the checker's word list had and had not.
NAV_LABELS = {
    "en": ("Read next:", "Don’t miss:", "Read also:", "Related:"),
    "fr": ("Lire aussi :", "À lire aussi :", "Voir aussi :", "Lire la suite :"),
    "es": ("Lea también:", "Te puede interesar:", "No te pierdas:", "Lee más:"),
}
OWN_POST = {
    "en": ("2025/09/28/council-votes-on-the-harbour-plan/", "Council votes on the harbour plan"),
    "fr": ("2025/09/28/le-conseil-vote-le-plan-du-port/", "Le conseil vote le plan du port"),
    "es": ("2025/09/28/el-concejo-vota-el-plan-del-puerto/", "El concejo vota el plan del puerto"),
}
# An added sentence that ends in a colon before its link: the publisher's words about the
# article, not a label.
COLON_SENTENCE = {
    "en": ("Our reporter asked the author about it:", "interview"),
    "fr": ("Notre journaliste a interrogé l’auteur à ce sujet :", "entretien"),
    "es": ("Nuestro periodista preguntó al autor sobre el tema:", "entrevista"),
}
# A label naming the article's author before a link: words about the article, not a label.
PODCAST = {"en": ("{who} on our podcast:", "listen"),
           "fr": ("{who} dans notre podcast :", "écouter"),
           "es": ("{who} en nuestro pódcast:", "escuchar")}


def _insert(code: str, where: str, html: str) -> str:
    """``html`` in the code: at its "start", "between" two paragraphs, after the body's last
    words ("after-body", before the counter and attribution line) or after it all
    ("after-post")."""
    if where == "between":
        return after_paragraph(code, 1, html)
    head, body, tail = _parts(code)
    return {"start": head + html + "\n" + body + tail,
            "after-body": head + body + "\n" + html + "\n" + tail,
            "after-post": code + "\n" + html}[where]


def nav_line(label: int, where: str, target: str = "own", style: str = "strong") -> Apply:
    """A label (NAV_LABELS[lang][label]) and a link: to the publisher's own post
    (``target`` "own"), to another article of The Conversation under RELATED_TC's label
    ("tc"), to the publisher's post titled with a sentence of the original with a word
    changed ("edited"), or to its podcast under a label naming the article's author
    ("author"). ``style``: the label in <strong>, or plain beside the link."""

    def apply(slots: Slots, o: Original) -> Slots:
        text = NAV_LABELS[o.lang][label]
        path, title = OWN_POST[o.lang]
        href = f"{SITE}/{path}"
        if target == "tc":
            text, href = words(o)["related"], OTHER_TC
            title = "How kelp forests recover after a marine heatwave"
        elif target == "edited":
            title = escape(_edited_sentence(o))
        elif target == "author":
            named, title = PODCAST[o.lang]
            text = named.format(who=o.article.authors[0].name)
        said = f"<strong>{text}</strong>" if style == "strong" else text
        html = f'<p>{said} <a href="{href}">{title}</a></p>'
        return article_of(slots, _insert(slots.article, where, html))

    return apply


# Labels outside the related links' word list, before a link to another article of The
# Conversation or to the publisher's own post (red-team-findings.md, F52): ending in a colon
# or a dash, or set apart (in <strong>, before a <br>) with no mark at all.
RELATED_LABELS = {
    "en": ("Worth your time:", "Must read —", "Also from our partners:", "Selected for you"),
    "fr": ("À ne pas rater :", "Pour aller plus loin —", "Chez nos partenaires :",
           "Notre sélection"),
    "es": ("Para saber más:", "Imprescindible —", "También de nuestros socios:",
           "Seleccionado para ti"),
}
# A sentence of the publisher's with a link inside it: prose, not a label.
LINKED_PROSE = {
    "en": ("We covered how kelp forests recover in", "this piece", " last year."),
    "fr": ("Nous avons raconté comment les forêts de varech repoussent dans", "cet article", "."),
    "es": ("Contamos cómo se recuperan los bosques de algas en", "este artículo",
           " el año pasado."),
}
TC_TITLE = "How kelp forests recover after a marine heatwave"


def related_line(label: int, where: str, target: str = "tc", style: str = "strong",
                 what: str = "") -> Apply:
    """RELATED_LABELS[lang][label] and a link to another article of The Conversation
    (``target`` "tc") or to the publisher's own post ("own"), placed ``where`` (_insert).
    ``style``: the label in <strong>, plain beside the link, or in <em> before a <br>.
    ``what``: "" (the line as a publisher writes it), "prose" (LINKED_PROSE in its place),
    "label-original" (the label four words of the article's third paragraph), "title-edited"
    (the link's words a sentence of the article with a word changed), "edited-word" (the
    line, and a word of the article changed)."""

    def apply(slots: Slots, o: Original) -> Slots:
        text = RELATED_LABELS[o.lang][label]
        if target == "tc":
            href, title = OTHER_TC, TC_TITLE
        else:
            path, title = OWN_POST[o.lang]
            href = f"{SITE}/{path}"
        if what == "label-original":
            text = " ".join(_tag_free(body_paragraphs(o.code)[2].group()).split()[:4]) + " :"
        elif what == "title-edited":
            title = _edited_sentence(o)
        said = {"strong": f"<strong>{escape(text)}</strong>", "plain": escape(text),
                "br": f"<em>{escape(text)}</em><br>"}[style]
        html = f'<p>{said} <a href="{href}">{escape(title)}</a></p>'
        if what == "prose":
            before, linked, after = LINKED_PROSE[o.lang]
            html = f'<p>{escape(before)} <a href="{href}">{escape(linked)}</a>{escape(after)}</p>'
        code = sub(slots.article, *EDITED_WORD[o.name]) if what == "edited-word" \
            else slots.article
        return article_of(slots, _insert(code, where, html))

    return apply


# --- pictures that are not the original's (red-team-findings.md, F33-F35) --------------------
# The Conversation's logo as its pages print it (the recorded tc-article-*-fr.html: the
# masthead's and the top bar's <a href="/fr"><img alt="The Conversation" src="…">), which
# publishers show with the credit, linked to The Conversation.
TC_LOGO = ("https://cdn.theconversation.com/static/tc/@theconversation/ui/dist/esm/logos/"
           "logo-en-b159aca2598f351db37072c75294e4c8.svg")
PICTURE_WORDS = {
    "en": {"caption": "Kelp washed up on the shore at Leadbetter Beach.",
           "photo": "Photo:", "partner": "In partnership with", "pd": "public domain",
           "cc-sa": "licensed under Creative Commons Attribution-ShareAlike 2.0"},
    "fr": {"caption": "Des algues échouées sur la plage de Leadbetter.",
           "photo": "Photo :", "partner": "En partenariat avec", "pd": "domaine public",
           "cc-sa": "sous licence Creative Commons BY-SA 2.0"},
    "es": {"caption": "Algas varadas en la playa de Leadbetter.",
           "photo": "Foto:", "partner": "En colaboración con", "pd": "dominio público",
           "cc-sa": "bajo licencia Creative Commons BY-SA 2.0"},
}
# A picture's credit in its caption, by licence: a Creative Commons licence linked, public
# domain in words, an agency's without a licence, or none.
_PICTURE_CREDITS = {
    "cc": '{photo} Jane Roe/Flickr, <a href="https://creativecommons.org/licenses/by-sa/2.0/">'
          "CC BY-SA</a>",
    "public-domain": "{photo} NOAA, {pd}",
    "agency": "{photo} Reuters/Lucy Nicholson",
    "none": "",
    # the licence in words, not linked (red-team-findings.md, F49)
    "cc-words": "{photo} Jane Doe, Creative Commons",
    "cc-named": "{photo} Jane Roe/Flickr, {cc-sa}",
}


def _picture_address(markup: str, name: str) -> str:
    """Where each platform serves a picture its editor uploaded."""
    if markup == "drupal":
        return f"/sites/default/files/inline-images/{name}.jpg"
    if markup == "ghost":
        return f"{SITE}/content/images/2025/10/{name}.jpg"
    return f"{SITE}/wp-content/uploads/2025/10/{name}-1024x683.jpg"


def publisher_figure(markup: str, src: str, alt: str, caption: str) -> str:
    """A captioned picture as each editor stores one: the block editor's Image block
    (figure.wp-block-image, figcaption.wp-element-caption), the classic editor's [caption]
    shortcode (div.wp-caption, p.wp-caption-text: img_caption_shortcode), Drupal's caption
    filter (core/modules/filter/templates/filter-caption.html.twig in drupal/drupal: <figure
    role="group" class="caption caption-img"> around the <img>, then <figcaption>), Ghost's
    image card (figure.kg-card.kg-image-card)."""
    src, alt = escape(src), escape(alt)
    if markup == "classic":
        return ('<div id="attachment_6120" style="width: 1034px" class="wp-caption aligncenter">'
                f'<img aria-describedby="caption-attachment-6120" decoding="async" '
                f'class="size-large wp-image-6120" src="{src}" alt="{alt}" width="1024" '
                'height="683" /><p id="caption-attachment-6120" class="wp-caption-text">'
                f"{caption}</p></div>")
    if markup == "drupal":
        return ('<figure role="group" aria-labelledby="caption-9d1c" class="caption caption-img">'
                f'<img src="{src}" data-entity-uuid="4f7c2a9e-1b3d-4e5f-8a6b-7c8d9e0f1a2b" '
                f'data-entity-type="file" alt="{alt}" width="1024" height="683" loading="lazy">'
                f'<figcaption id="caption-9d1c">{caption}</figcaption></figure>')
    if markup == "ghost":
        return ('<figure class="kg-card kg-image-card kg-card-hascaption"><img '
                f'src="{src}" class="kg-image" alt="{alt}" loading="lazy" width="1024" '
                f'height="683"><figcaption>{caption}</figcaption></figure>')
    assert markup == "block"
    return (f'<figure class="wp-block-image size-large"><img decoding="async" src="{src}" '
            f'alt="{alt}" class="wp-image-6120"/>'
            + (f'<figcaption class="wp-element-caption">{caption}</figcaption>'
               if caption else "") + "</figure>")


def _caption(o: Original, credit: str) -> str:
    said = PICTURE_WORDS[o.lang]
    return f"{said['caption']} {_PICTURE_CREDITS[credit].format_map(said)}".strip()


def _placed(code: str, where: str, html: str) -> str:
    """``html`` in the post's body: "top" above the article's first words (after the
    byline), "between" after its second paragraph, "after" right after its last words
    (before the counter and the attribution line), "end" after everything pasted."""
    if where == "between":
        return after_paragraph(code, 1, html)
    if where == "after":
        end = body_end(code)
        return code[:end] + "\n" + html + "\n" + code[end:]
    if where == "end":
        return code + "\n" + html
    assert where == "top", where
    first = body_paragraphs(code)[0].start()
    return code[:first] + html + "\n" + code[first:]


def publisher_picture(markup: str, where: str, credit: str = "cc") -> Apply:
    """The publisher's own picture (a Flickr photo under CC BY-SA, a public-domain one, an
    agency's, or one without a caption) with its caption and credit, in ``markup``, placed
    ``where`` in the post's body (_placed)."""

    def apply(slots: Slots, o: Original) -> Slots:
        html = publisher_figure(markup, _picture_address(markup, "leadbetter-kelp"),
                                PICTURE_WORDS[o.lang]["caption"], _caption(o, credit))
        return article_of(slots, _placed(slots.article, where, html))

    return apply


def _edited_sentence(o: Original) -> str:
    """The sentence of the original holding EDITED_WORD's words, with its word changed."""
    old, new = EDITED_WORD[o.name]
    text = unescape(re.sub(r"<[^>]+>", "", o.code))
    at = text.index(old)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = text.find(". ", at)
    return text[start:end + 1].replace(old, new, 1)


def colon_sentence(where: str) -> Apply:
    """A sentence of the publisher's ending in a colon, then a link to its own post."""

    def apply(slots: Slots, o: Original) -> Slots:
        sentence, link = COLON_SENTENCE[o.lang]
        path, _title = OWN_POST[o.lang]
        html = f'<p>{sentence} <a href="{SITE}/{path}">{link}</a></p>'
        return article_of(slots, _insert(slots.article, where, html))

    return apply


def picture_licence_only(slots: Slots, o: Original) -> Slots:
    """The attribution line cut to "Read the original article on The Conversation." and a
    publisher's picture above the first words, its caption linking CC BY-SA: the only
    licence linked is the picture's."""
    return publisher_picture("block", "top")(licence_words_removed(slots, o), o)


def original_picture_above(slots: Slots, o: Original) -> Slots:
    """The original's unlicensed picture (the Getty photo) uploaded to the site (its file's
    name kept) and placed above the first words as an Image block, its caption the
    publisher's."""
    src = moved_picture(unlicensed_picture(o), "uploaded")
    html = publisher_figure("block", src, PICTURE_WORDS[o.lang]["caption"],
                            _caption(o, "none"))
    return article_of(slots, _placed(slots.article, "top", html))


def _edited_sentence(o: Original) -> str:
    """Words of the original around EDITED_WORD's, with the word changed."""
    old, new = EDITED_WORD[o.name]
    text = " ".join(lxml.html.fragment_fromstring(_text_only(o.code), create_parent="div")
                    .text_content().split())
    at = text.find(old)
    assert at >= 0, old
    return (text[max(0, text.rfind(" ", 0, max(0, at - 40))):at] + new + text[
        at + len(old):text.find(" ", at + len(old) + 40)]).strip()


def picture_quoting_edited(slots: Slots, o: Original) -> Slots:
    """A publisher's picture between paragraphs, credited under CC BY-SA, whose caption quotes
    the original's words with one changed."""
    credit = _PICTURE_CREDITS["cc"].format_map(PICTURE_WORDS[o.lang])
    html = publisher_figure("block", _picture_address("block", "leadbetter-kelp"), "",
                            f"{escape(_edited_sentence(o))} {credit}")
    return article_of(slots, _placed(slots.article, "between", html))


_CAPTION_SPAN = re.compile(r'(<span class="caption">)(\S+)')


def original_caption_edited(slots: Slots, o: Original) -> Slots:
    """The first word of one of the original's own captions (kept with its picture and
    credit) changed."""
    m = find(_CAPTION_SPAN, slots.article, "caption")
    new = slots.article[:m.start(2)] + words(o)["reworded"].capitalize() + \
        slots.article[m.end(2):]
    return article_of(slots, new)


def tc_logo(where: str, src: str = TC_LOGO) -> Apply:
    """The Conversation's logo with the credit, linked to The Conversation's home: at the
    head of the attribution line ("attribution"), or over the byline as "In partnership
    with [logo]" ("partnership"); ``src`` the logo's address (TC's file, or a copy uploaded
    to the site's media library); "alone": the logo between two paragraphs, no credit
    beside it."""

    def apply(slots: Slots, o: Original) -> Slots:
        logo = (f'<a href="https://theconversation.com"><img src="{escape(src)}" '
                'alt="The Conversation" width="150" height="18"></a>')
        code = slots.article
        if where == "attribution":
            line = find(ATTRIBUTION, code, "attribution line").group()
            opened = line.index(">") + 1
            return article_of(slots, sub(code, line, line[:opened] + logo + " " + line[opened:]))
        if where == "partnership":
            said = PICTURE_WORDS[o.lang]["partner"]
            return article_of(slots, f'<p class="partner-credit">{said} {logo}</p>\n' + code)
        assert where == "alone"
        return article_of(slots, after_paragraph(code, 1, f"<p>{logo}</p>"))

    return apply


# The post's other languages, as multilingual plugins print them in the post's content.
# WPML: the "post_translations" static slot (classes/language-switcher/
# class-wpml-ls-render.php, post_translations_label(): the availability text around the
# legacy-post-translations template's links, in a <p> before the content by default);
# availability text as WPML's French and Spanish translations give it.
_WPML_TEXT = {"en": "This post is also available in: %s",
              "fr": "Cet article est également disponible en : %s",
              "es": "Esta entrada también está disponible en: %s"}
# The other languages' names (native) and codes, per the post's language.
_OTHER_LANGUAGES = {"en": (("fr", "Français"), ("es", "Español")),
                    "fr": (("en", "English"), ("es", "Español")),
                    "es": (("en", "English"), ("fr", "Français"))}


def _wpml_item(code: str, name: str, first: bool, last: bool, path: str) -> str:
    place = " wpml-ls-first-item" * first + " wpml-ls-last-item" * last
    return (f'<span class="wpml-ls-slot-post_translations wpml-ls-item wpml-ls-item-{code}'
            f'{place} wpml-ls-item-legacy-post-translations"><a href="{SITE}/{code}/{path}" '
            f'hreflang="{code}" lang="{code}" class="wpml-ls-link" aria-label="{name}" '
            f'title="{name}"><span class="wpml-ls-native">{name}</span></a></span>')


def wpml_translations(slots: Slots, o: Original) -> Slots:
    path, _title = OWN_POST[o.lang]
    others = _OTHER_LANGUAGES[o.lang]
    items = "".join(_wpml_item(c, n, k == 0, k == len(others) - 1, path)
                    for k, (c, n) in enumerate(others))
    html = ('<p class="wpml-ls-statics-post_translations wpml-ls">'
            + _WPML_TEXT[o.lang] % f'<span role="navigation">{items}</span>' + "</p>")
    return article_of(slots, _insert(slots.article, "start", html))


# Polylang prints its switcher as a list (PLL_Walker_List: li.lang-item lang-item-{id}
# lang-item-{slug}, a link with lang and hreflang); a theme puts it after the content with
# its own label (pll_the_languages(['hide_current' => 1, 'hide_if_no_translation' => 1])).
_ALSO_IN = {"en": "Also available in:", "fr": "Aussi disponible en :",
            "es": "También disponible en:"}


def polylang_translations(slots: Slots, o: Original) -> Slots:
    path, _title = OWN_POST[o.lang]
    items = "".join(
        f'<li class="lang-item lang-item-{k + 3} lang-item-{c}{" lang-item-first" * (k == 0)}">'
        f'<a lang="{c}" hreflang="{c}" href="{SITE}/{c}/{path}">{n}</a></li>\n'
        for k, (c, n) in enumerate(_OTHER_LANGUAGES[o.lang]))
    html = (f'<div class="post-translations"><p>{_ALSO_IN[o.lang]}</p>\n<ul>\n{items}</ul>'
            "</div>")
    return article_of(slots, _insert(slots.article, "after-body", html))


# --- a picture's caption is its picture's (red-team-findings.md, F49-F51) --------------------
# The attribution line without its licence (cut to "Read the original article on The
# Conversation.", or the official line with its "under a Creative Commons license" taken
# out) beside a publisher's picture whose caption names its own licence in words.
_LICENCE_CLAUSE = re.compile(r'\s*(?:under a|sous)\s*<a rel="license"[^>]*>[^<]*</a>')


def licence_clause_removed(slots: Slots, o: Original) -> Slots:
    """The official attribution line with its licence clause taken out: "This article is
    republished from The Conversation. Read the original article." (the English and French
    lines; the Spanish names no licence)."""
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    cut = _LICENCE_CLAUSE.sub("", line, count=1)
    assert cut != line, "licence clause not found"
    return article_of(slots, slots.article.replace(line, cut, 1))


def caption_licence_only(markup: str, where: str, credit: str = "cc-words",
                         cut: Apply = licence_words_removed) -> Apply:
    """The article's licence notice cut (``cut``) and a publisher's picture placed ``where``
    (_placed), its caption naming its own licence in words (``credit``): the only "Creative
    Commons" on the page is the picture's."""

    def apply(slots: Slots, o: Original) -> Slots:
        return publisher_picture(markup, where, credit)(cut(slots, o), o)

    return apply


def tc_logo_figure(slots: Slots, o: Original) -> Slots:
    """The attribution line, its links and licence kept, as the caption of The Conversation's
    logo in a block editor Image block (figure.wp-block-image): a caption that links The
    Conversation credits the article, its licence is the article's."""
    line = find(ATTRIBUTION, slots.article, "attribution line").group()
    inner = line[line.index(">") + 1:line.rindex("</p>")]
    return article_of(slots, sub(slots.article, line,
                                 publisher_figure("block", TC_LOGO, "The Conversation", inner)))


# A picture without a caption as themes print a post's featured image (WordPress's
# the_post_thumbnail(): img.wp-post-image, in Twenty Twenty-One's figure.post-thumbnail or
# GeneratePress's div.featured-image; Ghost Casper's figure.article-image), or as the classic
# editor inserts an image with no caption (img.wp-image-N): above the headline ("before"),
# at the top of the content, after everything pasted (_placed).
FEATURED = {
    "wordpress": ('<figure class="post-thumbnail"><img width="1024" height="683" src="{src}" '
                  'class="attachment-post-thumbnail size-post-thumbnail wp-post-image" '
                  'alt="{alt}" decoding="async" fetchpriority="high"></figure>'),
    "generatepress": ('<div class="featured-image page-header-image-single grid-container '
                      'grid-parent"><img width="1024" height="683" src="{src}" class="attachment-'
                      'full size-full wp-post-image" alt="{alt}" decoding="async" itemprop="image">'
                      "</div>"),
    "ghost": ('<figure class="article-image"><img srcset="{src} 600w, {src} 1000w" sizes="(min-'
              'width: 1400px) 1400px, 92vw" src="{src}" alt="{alt}"></figure>'),
    "bare": ('<img decoding="async" width="1024" height="683" src="{src}" alt="{alt}" '
             'class="wp-image-6121"/>'),
}


def _unlicensed_with_alt(o: Original) -> tuple[str, str]:
    """The address and alt text of the original's first picture its credit does not license
    for reuse and that has an alt text (the English and the first French original's)."""
    root = lxml.html.fragment_fromstring(o.article.content, create_parent="div")
    alts = {img.get("src") or img.get("data-src") or "": img.get("alt") or ""
            for img in root.iter("img")}
    for image in prepare(o.article).images:
        if not image.reusable and alts.get(image.src, "").strip():
            return image.src, alts[image.src]
    raise AssertionError(f"{o.name} has no unlicensed picture with an alt text")


def featured_picture(style: str, where: str, whose: str) -> Apply:
    """A picture without a caption printed as FEATURED[style], placed ``where`` ("before":
    above the headline; else _placed): the publisher's own ("own": its alt text the
    headline, as themes fall back to, or a description), or the original's unlicensed
    picture uploaded under another name, its alt text copied with it ("original")."""

    def apply(slots: Slots, o: Original) -> Slots:
        if whose == "original":
            _src, alt = _unlicensed_with_alt(o)
            src = f"{SITE}/wp-content/uploads/2025/10/sea-urchins-reef-1024x683.jpg"
        else:
            src = f"{SITE}/wp-content/uploads/2025/10/leadbetter-kelp-1024x683.jpg"
            alt = o.article.title if style == "wordpress" else PICTURE_WORDS[o.lang]["caption"]
        html = FEATURED[style].format(src=escape(src), alt=escape(alt))
        if where == "before":
            return dataclasses.replace(slots, before=html + slots.before)
        return article_of(slots, _placed(slots.article, where, html))

    return apply


# A publisher's caption holds its picture's credit and a short description of the picture
# (docs/compliance.md#images): a note about the article, words about it, or a sentence of it
# edited, in a caption, are the publisher's text (F50). Per language: the note, the update,
# a comment pointing at the article; captions that only describe and credit their picture.
CAPTION_TEXT = {
    "en": {"note": "Editor’s note: this piece has been updated to correct the name of a reef.",
           "update": "Update: we corrected the name of a reef on October 4, 2025.",
           "comment": "Our readers asked us about this story at last week’s meeting, so we are "
                      "sharing it here.",
           "described": ["Purple sea urchins on a rocky reef off Santa Barbara in 2024.",
                         "Note: the picture was taken in 2019.",
                         "Photo sent by one of our readers,"]},
    "fr": {"note": "Note de la rédaction : cet article a été mis à jour pour corriger le nom "
                   "d’un récif.",
           "update": "Mise à jour : nous avons corrigé un nom de lieu le 4 octobre 2025.",
           "comment": "Nos lecteurs nous ont interrogés sur ce sujet la semaine dernière, nous "
                      "le partageons donc ici.",
           "described": ["Des oursins violets sur un récif près de Santa Barbara en 2024.",
                         "Le site photographié en 2019.", "Photo envoyée par une lectrice,"]},
    "es": {"note": "Nota del editor: este artículo se actualizó para corregir el nombre de un "
                   "arrecife.",
           "update": "Actualización: corregimos el nombre de un lugar el 4 de octubre de 2025.",
           "comment": "Nuestros lectores nos preguntaron por este tema la semana pasada, así que "
                      "lo compartimos aquí.",
           "described": ["Tráfico en la Gran Vía de Madrid a la hora punta.",
                         "La calle fotografiada en 2019.", "Foto enviada por un lector,"]},
}


def _quoted_edit(o: Original, k: int = 3) -> str:
    """``k`` words of the original on each side of EDITED_WORD's changed word, the word
    changed: a sentence of the article edited, too short to hold a run of 5 of its tokens."""
    old, new = EDITED_WORD[o.name]
    text = " ".join(lxml.html.fragment_fromstring(_text_only(o.code), create_parent="div")
                    .text_content().split())
    olds, news = old.split(), new.split()
    j = next(i for i, (a, b) in enumerate(zip(olds, news, strict=True)) if a != b)
    at = text.index(old) + len(" ".join(olds[:j])) + (1 if j else 0)
    before, after = text[:at].split(), text[at + len(olds[j]):].split()
    return " ".join([*before[-k:], news[j], *after[:k]])


def caption_text(kind: str, markup: str, where: str) -> Apply:
    """A publisher's picture placed ``where`` (_placed), credited CC BY-SA, its caption
    holding CAPTION_TEXT[lang][kind] (a note, an update, a comment on the article), a
    sentence of the article edited ("edited": _quoted_edit), or a description of the picture
    ("described-N": CAPTION_TEXT[lang]["described"][N])."""

    def apply(slots: Slots, o: Original) -> Slots:
        said = CAPTION_TEXT[o.lang]
        if kind == "edited":
            text = escape(_quoted_edit(o))
        elif kind.startswith("described-"):
            text = escape(said["described"][int(kind.rsplit("-", 1)[1])])
        else:
            text = escape(said[kind])
        credit = _PICTURE_CREDITS["cc"].format_map(PICTURE_WORDS[o.lang])
        html = publisher_figure(markup, _picture_address(markup, "leadbetter-kelp"),
                                PICTURE_WORDS[o.lang]["caption"], f"{text} {credit}")
        return article_of(slots, _placed(slots.article, where, html))

    return apply


def _caption_word(kind: str) -> Callable[[Original], str]:
    """A word of CAPTION_TEXT[lang][kind] the evidence quotes."""
    return lambda o: CAPTION_TEXT[o.lang][kind].split()[1]


def tc_linked_unlicensed(slots: Slots, o: Original) -> Slots:
    """The original's unlicensed picture (the Getty photo) shown beside the attribution
    line, linked to the original like a logo and named "The Conversation"."""
    code = slots.article
    line = find(ATTRIBUTION, code, "attribution line").group()
    img = (f'<a href="{o.article.url}"><img src="{escape(unlicensed_picture(o))}" '
           'alt="The Conversation" width="150"></a>')
    return article_of(slots, sub(code, line, f"<p>{img}</p>\n{line}"))


def author_box_in_content(slots: Slots, o: Original) -> Slots:
    """Simple Author Box's box, which the plugin appends to the post's content (the_content
    filter: inc/functions.php, template/template-sab.php in dchenk/simple-author-box): the
    author's avatar (get_avatar's Gravatar <img class="avatar avatar-100 photo">), "About"
    and the name, the description; the post's author set to The Conversation's (a guest
    author), the description the byline, which leaves the code."""
    first = o.article.authors[0]
    box = ('<div class="saboxplugin-wrap"><div class="saboxplugin-gravatar"><img alt="" '
           "src='https://secure.gravatar.com/avatar/0f1e2d3c4b5a?s=100&#038;d=mm&#038;r=g' "
           "srcset='https://secure.gravatar.com/avatar/0f1e2d3c4b5a?s=200&#038;d=mm&#038;r=g "
           "2x' class='avatar avatar-100 photo' height='100' width='100' loading='lazy' "
           "decoding='async'/></div><div class=\"saboxplugin-authorname\"><a "
           f'href="{SITE}/author/{first.name.split()[-1].lower()}/" class="vcard author">'
           f'<span class="fn">About {escape(first.name)}</span></a></div><div '
           f'class="saboxplugin-desc">{byline(o.code)}</div><div class="clearfix"></div></div>')
    return article_of(slots, without_byline(slots.article) + "\n" + box)


# Drupal's "Restrict images to this site" filter (filter_html_image_secure: FilterHtmlImageSecure
# ::process and FilterHooks::filterSecureImageAlter in drupal/drupal, core/modules/filter):
# every <img> not served by the site (the pasted figures', the counter) gets Drupal's error
# icon as its src, alt "Image removed." and a title saying why, a 16×16 size and the class
# filter-image-invalid; its other attributes stay. Basic HTML's filter_html, run before it,
# keeps only an <img>'s src, alt, width, height and data-* attributes.
DRUPAL_REMOVED = (
    '<img src="/core/misc/icons/e32700/error.svg" alt="Image removed." title="This image has '
    'been removed. For security reasons, only images from the local domain are allowed." '
    'height="16" width="16" class="filter-image-invalid">')


def drupal_images_removed(slots: Slots, o: Original) -> Slots:
    """The code pasted into a Drupal text format with "Restrict images to this site": each
    of its images, the counter too, is Drupal's placeholder."""
    new, n = re.subn(r"<img\b[^>]*>", DRUPAL_REMOVED, slots.article)
    assert n, "no image"
    return article_of(slots, new)


# --- JavaScript frameworks (the eleventh round, red-team-findings.md, F93-F95) ---------------

# next/image's markup for an <img> the site's rich-text renderer hands to it (Next.js's
# image component, packages/next/src/client/image-component.tsx and get-img-props.ts: a
# 1x1 image gets the smallest sizes of the default imageSizes, 16 and 32, through the image
# optimiser's /_next/image?url=…&w=…&q=75; loading="lazy" and decoding="async" unless the
# image has priority, data-nimg="1", color:transparent).
def _next_image(url: str, *, optimised: bool, priority: bool = False) -> str:
    load = 'fetchpriority="high"' if priority else 'loading="lazy"'
    if not optimised:
        return (f'<img alt="The Conversation" {load} width="1" height="1" decoding="async" '
                f'data-nimg="1" style="color:transparent" src="{url}"/>')
    e = quote(unescape(url), safe="")
    return (f'<img alt="The Conversation" {load} width="1" height="1" decoding="async" '
            f'data-nimg="1" style="color:transparent" srcset="/_next/image?url={e}&amp;w=16'
            f'&amp;q=75 1x, /_next/image?url={e}&amp;w=32&amp;q=75 2x" '
            f'src="/_next/image?url={e}&amp;w=32&amp;q=75"/>')


def counter_next_image(optimised: bool, priority: bool = False) -> Apply:
    """The counter's <img> rendered by next/image (a rich-text renderer mapping every image
    of the post to it): through the image optimiser (``optimised``), or with the
    component's ``unoptimized`` flag (its own URL), lazy unless it has ``priority``."""
    def apply(slots: Slots, o: Original) -> Slots:
        m = find(COUNTER, slots.article, "counter")
        url = find(re.compile(r'src="([^"]+)"'), m.group(), "counter's src").group(1)
        img = _next_image(url, optimised=optimised, priority=priority)
        return article_of(slots, slots.article.replace(m.group(), img, 1))
    return apply


def react_text_nodes(edited: bool = False) -> Apply:
    """Each body paragraph as React prints a component's adjacent text nodes (a rich-text
    renderer's spans): "<!-- -->" between two runs, here after the paragraph's fourth word;
    ``edited``: a word of the article changed first."""
    def apply(slots: Slots, o: Original) -> Slots:
        code = sub(slots.article, *EDITED_WORD[o.name]) if edited else slots.article
        out, last = [], 0
        for m in body_paragraphs(code):
            space = [s.start() for s in re.finditer(r" (?=[^<>]*(?:<|$))", m.group())][3:4]
            if space:
                at = m.start() + space[0]
                out += [code[last:at], "<!-- -->"]
                last = at
        return article_of(slots, "".join(out) + code[last:])
    return apply


# --- the eleventh round's: pasted through an editor (red-team-findings.md, F90-F92) ---------
# Most republishers paste the article from the browser, or from Word or Google Docs where an
# editor prepared it, into a visual editor. What comes out is the editor's markup, not The
# Conversation's code: each edit below rebuilds the pasted code's blocks the way a tool
# really writes them (its source named in its docstring).

_PASTE_BLOCK = re.compile(r"<!--.*?-->|<figure\b.*?</figure>|<(p|h[1-6]|blockquote)\b[^>]*>"
                          r"(.*?)</\1>|<hr\b[^>]*>|<img\b[^>]*>", re.DOTALL)
# A picture's bytes as CKEditor 5's paste from Office writes them (read from the RTF
# clipboard): a data: URI (here a 1×1 JPEG, the picture's content being no matter).
DATA_JPEG = ("data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN"
             "DAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QA"
             "FAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==")
WORD_CLIP = "file:///C:/Users/editor/AppData/Local/Temp/msohtmlclip1/01/clip_image{n:03}.{ext}"
_WORD_LANG = {"en": "EN-GB", "fr": "FR", "es": "ES"}


def _blocks(code: str) -> list[tuple[str, str, str]]:
    """(kind, markup, inner markup) of the pasted code's top-level blocks, in order: "p",
    "h2"…, "figure", "hr", "img" (the counter standing alone), "comment"; markup between
    blocks (the recorded Spanish byline's bare <span>) is a paragraph."""
    out, last = [], 0
    for m in _PASTE_BLOCK.finditer(code):
        between = code[last:m.start()].strip()
        last = m.end()
        if between:
            out.append(("p", f"<p>{between}</p>", between))
        g = m.group()
        kind = ("comment" if g.startswith("<!--") else "figure" if g.startswith("<figure")
                else "hr" if g.startswith("<hr") else "img" if g.startswith("<img")
                else m.group(1))
        out.append((kind, g, m.group(2) or ""))
    return out


def _figure(markup: str) -> tuple[str, str, str]:
    """A figure's picture address, alt text and caption (caption and credit, their links
    kept, The Conversation's classes dropped), as a paste carries them."""
    figure = lxml.html.fragment_fromstring(markup)
    img = next(figure.iter("img"))
    caption = figure.find(".//figcaption")
    parts = []
    for span in caption if caption is not None else ():
        inner = lxml.html.tostring(span, encoding="unicode", with_tail=False).strip()
        parts.append(re.sub(r"^<span[^>]*>|</span>$", "", inner).strip())
    said = re.sub(r'\sclass="[^"]*"', "", " ".join(p for p in parts if p))
    return img.get("src") or "", img.get("alt") or "", said


def _without_counter(inner: str) -> tuple[str, str]:
    """A paragraph's inner markup without its comments and counter (a browser's copy has no
    comments; the counter is put back as the case says), and the counter."""
    counter = COUNTER.search(inner)
    inner = re.sub(r"<!--.*?-->", "", inner, flags=re.DOTALL)
    return (inner.replace(counter.group(), "").strip() if counter else inner.strip(),
            counter.group() if counter else "")


def _wrap76(html: str) -> str:
    """Word's clipboard HTML breaks its lines near column 76, at spaces, in text and tags."""
    out, column = [], 0
    for piece in re.split(r"( )", html):
        if piece == " " and column > 70:
            out.append("\n")
            column = 0
            continue
        out.append(piece)
        column += len(piece)
    return "".join(out)


def _counter_copy(how: str, n: int) -> str:
    """The counter as an editor's paste or upload leaves it on another address: Word's
    clipboard file (its VML shape's fallback <img>), Google Docs' copy of the pixel, the
    publisher's media library after Gutenberg's "Upload to Media Library"."""
    if how == "word":
        return ('<p class=MsoNormal><span style=\'mso-no-proof:yes\'><img border=0 width=1 '
                f'height=1 src="{WORD_CLIP.format(n=n, ext="gif")}" alt="The Conversation" '
                f'v:shapes="_x0000_i10{n:02}"></span></p>')
    if how == "docs":
        return ('<p dir="ltr"><span style="border:none;display:inline-block;overflow:hidden;'
                'width:1px;height:1px;"><img src="https://lh7-rt.googleusercontent.com/docsz/'
                'AD_4nXcQ1pixE8v?key=Vb3cnt0Ar" width="1" height="1" alt="The Conversation">'
                "</span></p>")
    assert how == "media-library"
    return (f'<img decoding="async" class="alignnone size-full wp-image-4410" src="{SITE}/'
            'wp-content/uploads/2025/10/count.gif" alt="The Conversation" width="1" '
            'height="1" />')


def word_paste(code: str, o: Original, counter: str = "kept") -> str:
    """``code`` pasted from Word (its clipboard HTML, as WordPress/gutenberg's
    test/integration/fixtures/documents/ms-word-in.html records it, kept by an editor that
    keeps Word's markup: CKEditor 5 with paste from Office's styles kept, a raw HTML box):
    each paragraph a p.MsoNormal holding a span lang=… (mso-ansi-language) and ending in
    <o:p></o:p>, an empty MsoNormal (<o:p>&nbsp;</o:p>) between paragraphs, headings with
    their span, lines broken near column 76, no comments; each picture a data: URI in its
    own MsoNormal (CKEditor 5 reads the picture from the RTF clipboard), its caption a
    p.MsoCaption after it; a horizontal rule Word's para-border div. ``counter``: "kept"
    (the publisher pasted The Conversation's counter code again in the HTML view, as it
    asks) or "copy" (Word's clipboard file in its place)."""
    lang = _WORD_LANG[o.lang]
    span = f"<span lang={lang} style='mso-ansi-language:{lang}'>"
    blank = f"<p class=MsoNormal>{span}<o:p>&nbsp;</o:p></span></p>"
    out, counters, pictures = [], [], 0
    for kind, markup, inner in _blocks(code):
        if kind == "comment":
            continue
        if kind == "img":
            counters.append(markup)
        elif kind == "hr":
            out.append("<div style='mso-element:para-border-div;border:none;border-bottom:"
                       f"solid windowtext 1.0pt;padding:0cm 0cm 1.0pt 0cm'>\n{blank}\n</div>")
        elif kind == "figure":
            _src, alt, caption = _figure(markup)
            pictures += 1
            out += [f"<p class=MsoNormal><span style='mso-no-proof:yes'><img width=754 "
                    f'height=489 src="{DATA_JPEG}" alt="{escape(alt)}" '
                    f'v:shapes="Picture_x0020_{pictures}"></span>{span}<o:p></o:p></span></p>',
                    f"<p class=MsoCaption>{span}{_wrap76(caption)}<o:p></o:p></span></p>", blank]
        else:
            text, found = _without_counter(inner)
            if found:
                counters.append(found)
            if text:
                tag = kind if kind.startswith("h") else "p class=MsoNormal"
                out += [f"<{tag}>{span}{_wrap76(text)}<o:p></o:p></span></{kind}>", blank]
    assert counters, "edit target not found: counter"
    out.append(counters[0] if counter == "kept" else _counter_copy("word", 99))
    return "\n\n".join(out)


_DOCS_RUN = ("font-size:{size}pt;font-family:Arial,sans-serif;color:{color};background-color:"
             "transparent;font-weight:{weight};font-style:{style};font-variant:normal;"
             "text-decoration:{decoration};vertical-align:baseline;white-space:pre;"
             "white-space:pre-wrap;")
_DOCS_P = 'dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"'
_DOCS_PLAIN = _DOCS_RUN.format(size=11, color="#000000", weight=400, style="normal",
                               decoration="none")
DOCS_GUID = "docs-internal-guid-7c4e2a91-7fff-3b1d-9f60-2d8e4a0b5c13"


def _docs_runs(inner: str, size: int = 11, wrapped: bool = False) -> str:
    """A paragraph's words as Google Docs' clipboard writes them: a <span style=…> per run
    (italic and bold in the style, not <em>), each link <a href style><span style>…</span>
    </a>; ``wrapped``: its address behind www.google.com/url?q= (Docs' exported HTML)."""
    root = lxml.html.fragment_fromstring(f"<div>{inner}</div>")
    out: list[str] = []

    def run(text: str, italic: bool, bold: bool, link: bool = False) -> str:
        style = _DOCS_RUN.format(size=size, color="#1155cc" if link else "#000000",
                                 weight=700 if bold else 400,
                                 style="italic" if italic else "normal",
                                 decoration="underline" if link else "none")
        return f'<span style="{style}">{escape(text, quote=False)}</span>'

    def walk(el: lxml.html.HtmlElement, italic: bool, bold: bool) -> None:
        if el.text:
            out.append(run(el.text, italic, bold))
        for child in el:
            if child.tag == "a":
                href = child.get("href") or ""
                if wrapped:
                    href = (f"https://www.google.com/url?q={href}&sa=D&source=editors&"
                            "ust=1759392000000000&usg=AOvVaw2kQx7nV1p0sX9cYb3mZtLe")
                out.append(f'<a href="{escape(href)}" style="text-decoration:none;">'
                           f"{run(child.text_content(), italic, bold, True)}</a>")
            else:
                walk(child, italic or child.tag in ("em", "i"),
                     bold or child.tag in ("strong", "b"))
            if child.tail:
                out.append(run(child.tail, italic, bold))

    walk(root, False, False)
    return "".join(out)


def docs_paste(code: str, o: Original, counter: str = "kept", wrapped: bool = False) -> str:
    """``code`` pasted from Google Docs (its clipboard HTML, as WordPress/gutenberg's
    test/integration/fixtures/documents/google-docs-in.html records it): <meta charset>,
    everything inside <b style="font-weight:normal;" id="docs-internal-guid-…">, each block a
    <p dir="ltr" style=…> (headings an <h2 dir="ltr">), a span per run, <br> between
    blocks; each picture Docs' copy on lh7-rt.googleusercontent.com in a sized span, its
    caption the next paragraph. ``counter``: "kept" (pasted again in the HTML view) or
    "copy" (Docs' own copy of the pixel); ``wrapped``: links as Docs' exported HTML writes
    them (www.google.com/url?q=…)."""
    parts, counters = [], []
    for kind, markup, inner in _blocks(code):
        if kind in ("comment", "hr"):
            continue
        if kind == "img":
            counters.append(markup)
        elif kind == "figure":
            src, alt, caption = _figure(markup)
            key = zlib.crc32(src.encode())
            parts += [f'<p {_DOCS_P}><span style="{_DOCS_PLAIN}">'
                      '<span style="border:none;display:inline-block;overflow:hidden;'
                      'width:602px;height:390px;"><img src="https://lh7-rt.googleusercontent.com/'
                      f'docsz/AD_4nXe{key:08x}Qm7?key=Vb3{key % 9973}Lq" width="602" height="390"'
                      f' alt="{escape(alt)}" style="margin-left:0px;margin-top:0px;"></span>'
                      "</span></p>",
                      f"<p {_DOCS_P}>{_docs_runs(caption, wrapped=wrapped)}</p>"]
        else:
            text, found = _without_counter(inner)
            if found:
                counters.append(found)
            if not text:
                continue
            if kind.startswith("h"):
                parts.append(f'<{kind} dir="ltr" style="line-height:1.38;margin-top:18pt;'
                             f'margin-bottom:6pt;">{_docs_runs(text, 16, wrapped)}</{kind}>')
            else:
                parts.append(f"<p {_DOCS_P}>{_docs_runs(text, wrapped=wrapped)}</p>")
    assert counters, "edit target not found: counter"
    body = "<br>".join(parts)
    pixel = counters[0] if counter == "kept" else _counter_copy("docs", 0)
    return (f'<meta charset="utf-8"><b style="font-weight:normal;" id="{DOCS_GUID}">{body}</b>'
            f"\n{pixel}")


def loose_pictures(how: str) -> Callable[[str, Original], str]:
    """Each figure of ``code`` as a classic editor leaves a picture pasted without its
    caption shortcode: re-hosted in the WordPress media library, in a paragraph of its own
    (<p><img class="aligncenter size-large wp-image-N" …></p>), its caption and credit the
    next paragraph, links kept ("next") or lost ("next-unlinked", pasted as text); or in the
    picture's own paragraph after a <br /> ("same")."""

    def paste(code: str, o: Original) -> str:
        count = [0]

        def picture(m: re.Match[str]) -> str:
            src, alt, caption = _figure(m.group())
            count[0] += 1
            name = find(re.compile(r"/(file-[\w-]+)\.(jpg|jpeg|png)"), src, "picture's name")
            img = (f'<img class="aligncenter size-large wp-image-{4400 + count[0]}" '
                   f'src="{SITE}/wp-content/uploads/2025/10/{name.group(1)}-1024x664.'
                   f'{name.group(2)}" alt="{escape(alt)}" width="1024" height="664" />')
            if how == "same":
                return f"<p>{img}<br />\n{caption}</p>"
            if how == "next-unlinked":
                caption = re.sub(r"<a\b[^>]*>|</a>", "", caption)
            return f"<p>{img}</p>\n<p>{caption}</p>"

        new, n = _FIGURE.subn(picture, code)
        assert n, "edit target not found: figure"
        return new

    return paste


def pasted(paste: Callable[[str, Original], str], before: Apply | None = None,
           after: Callable[[str, Original], str] | None = None) -> Apply:
    """The code pasted through an editor (``paste``), a defect made ``before`` it (a word
    edited, an author dropped: the editor carries it) or ``after`` it (in the pasted
    markup)."""

    def apply(slots: Slots, o: Original) -> Slots:
        if before is not None:
            slots = before(slots, o)
        new = paste(slots.article, o)
        return article_of(slots, after(new, o) if after is not None else new)

    return apply


def _media_library_counter(code: str, o: Original) -> str:
    """The counter uploaded to the publisher's media library (Gutenberg's "Upload to Media
    Library" on a pasted external image; the Auto Upload Images plugin): its copy's <img>."""
    new, n = COUNTER.subn(_counter_copy("media-library", 0), code)
    assert n, "edit target not found: counter"
    return new


OWN_PICTURE = (f'<p><img class="aligncenter size-large wp-image-4471" src="{SITE}/wp-content/'
               'uploads/2025/10/harbour-at-dusk-1024x683.jpg" alt="The harbour at dusk" '
               'width="1024" height="683" /></p>')


def _own_picture_loose(code: str, o: Original) -> str:
    """The publisher's own picture, uncredited, in a paragraph of its own between two of
    the article's paragraphs: the paragraph after it is the article's, no caption."""
    return after_paragraph(code, 1, OWN_PICTURE)


def _licence_dropped(code: str, o: Original) -> str:
    """The first caption paragraph's licence link and its words cut (", CC BY")."""
    new, n = re.subn(r'(<p><img[^>]*/></p>\n<p>[^\n]*?), <a href="http://creativecommons\.org/'
                     r'licenses/by/4\.0/">CC BY</a>', r"\1", code, count=1)
    assert n, "edit target not found: a caption's licence"
    return new


Evidence = Callable[[Original], tuple[str, tuple[str, ...]]]


@dataclass(frozen=True, slots=True)
class Edit:
    """One thing a publisher did; ``kind`` is the issue's kind it stands for."""

    name: str
    kind: str
    apply: Apply
    defect: bool  # whether the page must fail
    # the failing rule whose detail must quote these (what was found, named)
    evidence: Evidence | None = None


def _e(name: str, kind: str, apply: Apply, defect: bool = True,
       evidence: Evidence | None = None) -> Edit:
    return Edit(name, kind, apply, defect, evidence)


def _near_miss(o: Original) -> str:
    name = o.article.authors[0].name
    m = re.search(r"(\w)\1", name)
    return name[:m.start()] + name[m.start() + 1:] if m else name[:2] + name[3:]


def _changed_word(name: str) -> str:
    """The word EDITED_WORD changes in original ``name``, as changed."""
    old, new = EDITED_WORD[name]
    return next(w for w in new.split() if w not in old.split())


def _said(rule: str, *found: Callable[[Original], str]) -> Evidence:
    return lambda o: (rule, tuple(f(o) for f in found))


# --- the eighth round's (red-team-findings.md, F62-) ----------------------------------------


def profile_links_swapped(slots: Slots, o: Original) -> Slots:
    """The first two co-authors' profile links swapped in the byline (F63): each profile is
    linked, neither from its author's name, as when a byline is typed again from two tabs."""
    assert len(o.article.authors) > 1, "needs co-authors"
    first, second = (a.profile_url or "" for a in o.article.authors[:2])
    code = sub(slots.article, f'href="{first}"', 'href="@@first@@"')
    code = sub(code, f'href="{second}"', f'href="{first}"')
    return article_of(slots, sub(code, 'href="@@first@@"', f'href="{second}"'))


# Words a Title Case style leaves in lower case inside a heading (Chicago's joining words, and
# their French and Spanish counterparts).
_TITLE_SMALL = frozenset("a an and the of in on to for at by de des du la le les et un une el "
                         "los las y en del".split())


def _title_case(text: str) -> str:
    return " ".join(w if k and w.lower() in _TITLE_SMALL else w[:1].upper() + w[1:]
                    for k, w in enumerate(text.split(" ")))


# A lede a publisher writes in place of the article's first sentence (F65), per language.
LEDE = {"en": "Until about a decade ago, few people here had heard of this.",
        "fr": "Il y a encore dix ans, peu de gens ici en avaient entendu parler.",
        "es": "Hasta hace una década, pocos aquí habían oído hablar de esto."}
_FIRST_SENTENCE = re.compile(r"^<p>(.*?[.!?])\s+(?=[A-ZÀ-Ý«“¿¡])", re.DOTALL)


def opening_cut(*, reworded: bool) -> Apply:
    """The article's first sentence cut (a dated lede trimmed) or replaced by the publisher's
    own lede (F65): the page fails ``unaltered-text`` only, wherever the opening's words recur
    further on (263253's "North America's west coast")."""

    def apply(slots: Slots, o: Original) -> Slots:
        first = body_paragraphs(slots.article)[0]
        m = find(_FIRST_SENTENCE, first.group(), "first sentence")
        lede = LEDE[o.lang] + " " if reworded else ""
        new = "<p>" + lede + first.group()[m.end():]
        return article_of(slots, slots.article[:first.start()] + new
                          + slots.article[first.end():])

    return apply


# How a link-protection service or a redirect writes a wrapped link (F64), as each service's
# links read: Microsoft Defender's Safe Links, Proofpoint URL Defense v2 (its "-XX" and "_"
# encoding), Google Docs' HTML export.
_WRAP: dict[str, Callable[[str], str]] = {
    "safelinks": lambda u: ("https://nam12.safelinks.protection.outlook.com/?url="
                            + quote(u, safe="") + "&amp;data=05%7C02%7Ceditor%40example.edu"
                            "%7C1b2c%7C0&amp;sdata=Xyz%3D&amp;reserved=0"),
    "proofpoint": lambda u: ("https://urldefense.proofpoint.com/v2/url?u=" + re.sub(
        r"[^A-Za-z0-9.:/]", lambda m: f"-{ord(m.group()):02X}", u).replace("/", "_")
        + "&amp;d=DwMFaQ&amp;c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&amp;r=abc&amp;e="),
    "google-docs": lambda u: ("https://www.google.com/url?q=" + quote(u, safe="")
                              + "&amp;sa=D&amp;source=editors&amp;ust=1759400000000000"
                              "&amp;usg=AOvVaw3abc"),
}


def links_wrapped(service: str, *, back_to: str | None = None) -> Apply:
    """Every link of the code wrapped as ``service`` writes it (a republication copied from
    an e-mail, or exported from Google Docs); ``back_to``: the link back leading, once
    unwrapped, to another article of The Conversation (a defect)."""
    wrap = _WRAP[service]

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        if back_to is not None:
            code = sub(code, f'href="{o.article.url}"', f'href="{back_to}"')
        new = re.sub(r'href="(https?://[^"]+)"', lambda m: f'href="{wrap(unescape(m.group(1)))}"',
                     code)
        assert new != code, "no link to wrap"
        return article_of(slots, new)

    return apply


def subheadings_restyled(style: str, *, edited: bool = False) -> Apply:
    """The original's subheadings typed again in the publisher's house style (F62): Title
    Case, capitals, or Title Case in bold paragraphs (the classic editor's habit);
    ``edited``: a word of the first changed as well (a defect)."""
    case = str.upper if style == "upper" else _title_case

    def apply(slots: Slots, o: Original) -> Slots:
        done: list[str] = []

        def one(m: re.Match[str]) -> str:
            inner = re.sub(r">([^<]+)<", lambda t: ">" + case(t.group(1)) + "<",
                           ">" + m.group(2) + "<")[1:-1]
            if edited and not done:
                words_ = inner.split(" ")
                words_[-1] = "Changed"
                inner = " ".join(words_)
            done.append(inner)
            if style == "bold":
                return f"<p><strong>{inner}</strong></p>"
            return f"<h2{m.group(1)}>{inner}</h2>"

        new = re.sub(r"<h2([^>]*)>(.*?)</h2>", one, slots.article, flags=re.DOTALL)
        assert done, "no subheading"
        return article_of(slots, new)

    return apply


# --- the article's opening quoted beside it (red-team-findings.md, F60) -------------------
def _opening(o: Original, count: int) -> str:
    """The original's first ``count`` words, as a CMS's automatic excerpt takes them."""
    first = body_paragraphs(o.code)[0].group()
    return " ".join(re.sub(r"<[^>]+>", "", unescape(first)).split()[:count])


# Where a page quotes the opening: Twenty Twenty's div.intro-text under the headline (the
# post's excerpt, template-parts/entry-header.php), Social Warfare's click-to-tweet box at the
# end of the post's content (its [clickToTweet] shortcode's markup), a theme's "excerpt"
# teaser between the header and the body (the lead slot).
OPENING_QUOTES: dict[str, Callable[[Slots, Original], Slots]] = {
    "intro-text": lambda s, o: dataclasses.replace(s, subtitle=(
        '<div class="intro-text section-inner max-percentage small"><p>'
        f"{escape(_opening(o, 30))} [&hellip;]</p></div>")),
    "click-to-tweet": lambda s, o: article_of(
        s, s.article + "\n" + social_warfare_tweet(_opening(o, 18))),
    "teaser": lambda s, o: dataclasses.replace(
        s, lead=f'<p class="excerpt">{escape(_opening(o, 25))}&hellip;</p>'),
}


def social_warfare_tweet(text: str) -> str:
    """Social Warfare's click-to-tweet box ([clickToTweet] shortcode) sharing ``text``."""
    return ('<div class="sw-tweet-clear"></div><a class="swp_CTT style1" data-style="style1" '
            f'href="https://twitter.com/share?text={quote(text)}" rel="nofollow noreferrer '
            'noopener" target="_blank"><span class="sw-click-to-tweet"><span '
            f'class="sw-ctt-text">{escape(text)}</span><span class="sw-ctt-btn">Click To '
            'Tweet<i class="sw swp_twitter_icon"></i></span></span></a>')


def tweet_quote(where: str, edited: bool = False) -> Apply:
    """A click-to-tweet box sharing a sentence's first words of the article's second
    paragraph, a shortcode in the post's content: Better Click To Tweet's after that paragraph
    ("between") or Social Warfare's after the pasted code ("after"); ``edited``: one word of
    the quote changed (capitals), the article unaltered, which is the publisher's text."""

    def apply(slots: Slots, o: Original) -> Slots:
        second = body_paragraphs(o.code)[1].group()
        text = " ".join(re.sub(r"<[^>]+>", "", unescape(second)).split()[:16])
        if edited:
            word = next(w for w in text.split()[2:] if w.isalpha() and len(w) > 4)
            text = text.replace(word, word.upper(), 1)
        if where == "between":
            return article_of(slots, after_paragraph(slots.article, 1,
                                                     f"<p>{better_click_to_tweet(text)}</p>"))
        return article_of(slots, slots.article + "\n" + social_warfare_tweet(text))

    return apply


def opening_quoted(where: str, edited: bool = False) -> Apply:
    """The original's opening words quoted ``where`` (OPENING_QUOTES) as the original has
    them; ``edited``: one word of the article changed (EDITED_WORD), which the quote beside
    it must not hide."""

    def apply(slots: Slots, o: Original) -> Slots:
        if edited:
            slots = edited_word(slots, o)
        return OPENING_QUOTES[where](slots, o)

    return apply


# --- scripts a theme or plugin prints at the post content's edges -------------------------
# Each as its vendor's install snippet prints it. The Facebook SDK with its fb-root, which
# comment and like-button plugins put at the top of the content (developers.facebook.com,
# "JavaScript SDK: quickstart"); Taboola's and Outbrain's widgets, which publishers put after
# the content (Taboola's "Below Article Thumbnails" placement; Outbrain's OUTBRAIN div and
# outbrain.js).
EDGE_SCRIPTS = {
    "fb-sdk": '<div id="fb-root"></div>\n<script async defer crossorigin="anonymous" '
              'src="https://connect.facebook.net/en_US/sdk.js#xfbml=1&amp;version=v19.0">'
              '</script>',
    "taboola": '<div id="taboola-below-article-thumbnails"></div>\n'
               '<script type="text/javascript">window._taboola = window._taboola || [];\n'
               "_taboola.push({mode: 'thumbnails-a', container: "
               "'taboola-below-article-thumbnails', placement: 'Below Article Thumbnails', "
               "target_type: 'mix'});</script>",
    "outbrain": '<div class="OUTBRAIN" data-src="{url}" data-widget-id="AR_1"></div>\n'
                '<script type="text/javascript" async="async" '
                'src="//widgets.outbrain.com/outbrain.js"></script>',
    # GTranslate's dropdown ([gtranslate] in the post), as its plugin's "dropdown" look
    # echoes it: a <select> of languages with its handler, Google's element and loader
    "gtranslate": '<!-- GTranslate: https://gtranslate.io/ -->\n<select onchange="doGTranslate'
                  '(this);" class="notranslate"><option value="">Select Language</option>'
                  '<option value="en|en">English</option><option value="en|fr">French</option>'
                  '<option value="en|es">Spanish</option></select><div id="google_translate_'
                  'element2"></div>\n<script type="text/javascript">function googleTranslate'
                  "ElementInit2() {new google.translate.TranslateElement({pageLanguage: 'en',"
                  "autoDisplay: false}, 'google_translate_element2');}</script>\n<script "
                  'type="text/javascript" src="https://translate.google.com/translate_a/element'
                  '.js?cb=googleTranslateElementInit2"></script>',
}


def edge_script(name: str, where: str, *, byline_moved: bool = False) -> Apply:
    """EDGE_SCRIPTS[name] placed ``where`` in the post's content: "top" (before the pasted
    code), "end" (after it), or inside the republication: "after-byline" (between the
    pasted byline and the first paragraph), "before-credit" (between the last paragraph and
    the counter or attribution). ``byline_moved``: the byline in the theme's header, so the
    content opens with the article's first paragraph."""

    def apply(slots: Slots, o: Original) -> Slots:
        if byline_moved:
            slots = byline_above_headline(slots, o)
        html = EDGE_SCRIPTS[name].replace("{url}", f"{PUBLISHER}/2025/10/02/republished/")
        code = slots.article
        if where == "top":
            return article_of(slots, html + "\n" + code)
        if where == "end":
            return article_of(slots, code + "\n" + html)
        head, body, tail = _parts(code)
        if where == "after-byline":
            return article_of(slots, head + html + "\n" + body + tail)
        return article_of(slots, head + body + "\n" + html + tail)

    return apply


# --- Substack's editor blocks (the tenth round: red-team-findings.md, F87-) ----------------

# What a Substack writer adds to a post from the editor's "Button" menu, as the post page
# prints it (parsers of Substack pages cut exactly these: div.subscription-widget-wrap-editor
# [data-component-name=SubscribeWidgetToDOM] with its div.preamble's p.cta-caption and
# form.subscription-widget-subscribe; p.button-wrapper[data-component-name=
# ButtonCreateButton] > a.button.primary): the subscribe widget with the caption Substack
# prints by default in the publication's language, the "Share" and "Leave a comment" buttons.
SUBSTACK_PUB = "Tidewater Notes"
SUBSTACK_CTA = {
    "en": f"Thanks for reading {SUBSTACK_PUB}! Subscribe for free to receive new posts and "
          "support my work.",
    "fr": f"Merci de lire {SUBSTACK_PUB} ! Abonnez-vous gratuitement pour recevoir les "
          "nouveaux articles et soutenir mon travail.",
    "es": f"¡Gracias por leer {SUBSTACK_PUB}! Suscríbete gratis para recibir nuevas "
          "publicaciones y apoyar mi trabajo.",
}
SUBSTACK_BUTTONS = {
    "en": ("Subscribe", "Type your email…", "Share", "Leave a comment"),
    "fr": ("S’abonner", "Saisissez votre e-mail…", "Partager", "Laisser un commentaire"),
    "es": ("Suscribirse", "Escribe tu correo electrónico…", "Compartir", "Deja un comentario"),
}


def substack_widget(o: Original, which: str) -> str:
    """Substack's ``which`` editor block ("subscribe", "share", "comment") in ``o``'s
    language."""
    subscribe, email, share, comment = SUBSTACK_BUTTONS[o.lang]
    post = f"{SITE}/p/republished-from-the-conversation"
    if which == "subscribe":
        attrs = escape(json.dumps({"url": f"{SITE}/subscribe?", "text": subscribe,
                                   "language": o.lang}, ensure_ascii=False,
                                  separators=(",", ":")))
        return (f'<div class="subscription-widget-wrap-editor" data-attrs="{attrs}" '
                'data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget '
                'show-subscribe"><div class="preamble"><p class="cta-caption">'
                f"{SUBSTACK_CTA[o.lang]}</p></div><form class=\"subscription-widget-subscribe\">"
                f'<input type="email" class="email-input" name="email" placeholder="{email}" '
                f'tabindex="-1"><input type="submit" class="button primary" value="{subscribe}">'
                '<div class="fake-input-wrapper"><div class="fake-input"></div><div '
                'class="fake-button"></div></div></form></div></div>')
    href, text = ((f"{post}?utm_source=substack&utm_medium=email&utm_content=share"
                   "&action=share", share) if which == "share"
                  else (f"{post}/comments", comment))
    attrs = escape(json.dumps({"url": href, "text": text, "action": None, "class": None},
                              ensure_ascii=False, separators=(",", ":")))
    return (f'<p class="button-wrapper" data-attrs="{attrs}" data-component-name='
            f'"ButtonCreateButton"><a class="button primary" href="{escape(href)}">'
            f"<span>{text}</span></a></p>")


def substack_block(which: str, where: str, edited: bool = False) -> Apply:
    """Substack's ``which`` block placed ``where`` in the post (_placed); ``edited``: one
    word of the article changed as well (EDITED_WORD)."""

    def apply(slots: Slots, o: Original) -> Slots:
        if edited:
            slots = edited_word(slots, o)
        return article_of(slots, _placed(slots.article, where, substack_widget(o, which)))

    return apply


def substack_note_by_widget(slots: Slots, o: Original) -> Slots:
    """The writer's own paragraph above the subscribe widget at the end (their words, not
    the widget's): added text."""
    note = {"en": "I share one story like this every week.",
            "fr": "Je partage une histoire comme celle-ci chaque semaine.",
            "es": "Comparto una historia como esta cada semana."}[o.lang]
    return article_of(slots, _placed(slots.article, "end",
                                     f"<p>{note}</p>\n" + substack_widget(o, "subscribe")))


# --- the eleventh round: aggregators and partner platforms (red-team-findings.md, F96-F98) --
#
# How aggregators and partner platforms mark the provider and the author, built as each
# prints it (reconstructions: no page of theirs is recorded). The byline as "Name,
# Institution" (Yahoo's attribution row, MSN's "Story by", NewsBreak's), the author only in
# the page's JSON-LD, the institution on a line of its own; The Conversation's partner ending
# ("This article is republished from The Conversation, a nonprofit, independent news
# organization… It was written by: … Read more: …"); a provider's logo and "Provided by The
# Conversation" for the attribution line; an extract with "Continue reading on The
# Conversation"; the platforms' own boxes (related videos, "More from The Conversation", a
# consent banner, a soft paywall's panel).

_TC_MORE = (("https://theconversation.com/the-bacteria-killing-sea-stars-in-the-pacific-how-our-"
             "team-uncovered-a-decade-long-mystery-259875",
             "The bacteria killing sea stars in the Pacific: how our team uncovered a "
             "decade-long mystery"),
            ("https://theconversation.com/kelp-forests-are-shrinking-254301",
             "Kelp forests are shrinking"),
            ("https://theconversation.com/why-sea-otters-matter-248817",
             "Why sea otters matter"))


def _byline_replaced(slots: Slots, new: str) -> Slots:
    return article_of(slots, sub(slots.article, byline(slots.article), new))


def provider_byline(linked: bool) -> Apply:
    """The byline as an aggregator's attribution row prints it: "Name, Institution" for each
    author (Yahoo's div.caas-attr-item-author), the name linked to the author's profile at
    The Conversation or, as Yahoo prints it, not linked."""

    def apply(slots: Slots, o: Original) -> Slots:
        parts = [(f'<a href="{a.profile_url}">{escape(a.name)}</a>' if linked
                  else escape(a.name)) + f", {escape(a.institution or '')}"
                 for a in o.article.authors]
        return _byline_replaced(slots, '<div class="caas-attr-item-author">'
                                + "; ".join(parts) + "</div>")

    return apply


def institution_own_line(slots: Slots, o: Original) -> Slots:
    """The byline as a card: each author's name linked to their profile, their institution
    on a line of its own under it (MSN's and NewsBreak's author cards)."""
    rows = "".join(f'<div class="author-card"><div class="author-name"><a href="'
                   f'{a.profile_url}">{escape(a.name)}</a></div><div class="author-'
                   f'affiliation">{escape(a.institution or "")}</div></div>'
                   for a in o.article.authors)
    return _byline_replaced(slots, f'<div class="article-authors">{rows}</div>')


def byline_jsonld_only(slots: Slots, o: Original) -> Slots:
    """The byline dropped from the page; the authors named only in the page's JSON-LD
    (NewsArticle.author, with their profile and affiliation), as aggregators print it for
    search engines."""
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": o.article.title,
            "author": [{"@type": "Person", "name": a.name, "url": a.profile_url,
                        "affiliation": {"@type": "Organization", "name": a.institution}}
                       for a in o.article.authors],
            "publisher": {"@type": "Organization", "name": "The Conversation",
                          "logo": {"@type": "ImageObject", "url": "https://cdn."
                                   "theconversation.com/static/tc/logos/web-app-logo.png"}}}
    head = ('<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False)
            + "</script>")
    return dataclasses.replace(slots, article=without_byline(slots.article),
                               head=slots.head + head)


def _partner_ending(o: Original, licence: bool) -> str:
    """The Conversation's ending of the stories it sends its partners (Yahoo, AP), in
    English: a line crediting it and the authors, "Read more:" with other articles of
    its, then the disclosure (which the ending carries; the code's own is dropped)."""
    assert o.lang == "en", "the partner ending is The Conversation US's"
    who = ", ".join(f'<a href="{a.profile_url}">{escape(a.name)}</a>, <em>'
                    f"{escape(a.institution or '')}</em>" for a in o.article.authors)
    cc = (' under a <a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
          "Creative Commons license</a>" if licence else "")
    more = "".join(f'<li><a href="{url}">{escape(title)}</a></li>' for url, title in _TC_MORE)
    return (f'<p>This article is republished from <a href="{o.article.url}">The Conversation'
            f"</a>{cc}, a nonprofit, independent news organization bringing you facts and "
            "trustworthy analysis to help you make sense of our complex world. It was written "
            f"by: {who}.</p>\n<p>Read more:</p>\n<ul>{more}</ul>\n")


def partner_ending(licence: bool) -> Apply:
    """The attribution line (and the disclosure) replaced by The Conversation's partner
    ending, with the licence named (``licence``) or, as partners carry it, not."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        disclosure = find(_DISCLOSURE, code, "disclosure").group()
        code = sub(code, find(ATTRIBUTION, code, "attribution line").group(), "")
        return article_of(slots, sub(code, disclosure, _partner_ending(o, licence)
                                     + disclosure))

    return apply


# The Conversation's logo as aggregators print it beside the provider's name.
_PROVIDER_LOGO = ('<img class="provider-logo" src="https://s.yimg.com/cv/apiv2/social/images/'
                  'the_conversation_us_articles_815.png" alt="The Conversation" width="123" '
                  'height="27">')


def provided_by(slots: Slots, o: Original) -> Slots:
    """The attribution line replaced by the provider's credit: its logo and "Provided by
    The Conversation", linked to the original (no licence named)."""
    code = slots.article
    line = (f'<p class="provider">{_PROVIDER_LOGO} Provided by <a href="'
            f'{o.article.url}">The Conversation</a></p>')
    return article_of(slots, sub(code, find(ATTRIBUTION, code, "attribution line").group(),
                                 line))


def provider_logo_top(slots: Slots, o: Original) -> Slots:
    """The provider's logo, linked to The Conversation's home, above the byline (the code
    kept whole)."""
    logo = f'<div class="caas-logo"><a href="https://theconversation.com/us">{_PROVIDER_LOGO}</a></div>'
    return article_of(slots, logo + "\n" + slots.article)


_CONTINUE = {"en": "Continue reading on The Conversation",
             "fr": "Continuer la lecture sur The Conversation",
             "es": "Seguir leyendo en The Conversation"}


def extract_continue(to: str, tail: bool = True, mid: bool = False) -> Apply:
    """An aggregator's extract: the first four paragraphs, then "Continue reading on The
    Conversation" linking the original (``to`` "original") or the platform's own full view
    ("platform"); the counter, disclosure and attribution line after it (``tail``) or not;
    the fourth paragraph cut in the middle with "…" (``mid``)."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        fourth = body_paragraphs(code)[3]
        cut = fourth.end()
        head = code[:cut]
        if mid:
            inner = fourth.group()[len("<p>"):-len("</p>")]
            half = inner.split(" ")
            assert len(half) > 12, "paragraph too short to cut"
            head = code[:fourth.start()] + "<p>" + " ".join(half[:len(half) // 2]) + "…</p>"
        href = o.article.url if to == "original" else f"{PUBLISHER}/full/{o.article.article_id}"
        link = (f'\n<p class="continue-reading"><a href="{href}">{_CONTINUE[o.lang]}</a>'
                "</p>\n")
        counter = find(COUNTER, code, "counter")
        rest = code[counter.start():] if tail else code[counter.start():counter.end()]
        return article_of(slots, head + link + rest)

    return apply


_VIDEO_BOX = ('<div class="caas-jwplayer wafer-caas" data-wf-video="true"><div class="'
              'jw-video-title">{title}</div><div class="jwplayer jw-reset"><video class="jw-'
              'video jw-reset" preload="none" poster="https://s.yimg.com/ny/api/res/1.2/'
              'Xk3pQ/YXBwaWQ9aGlnaGxhbmRlcjt3PTk2MDtoPTU0MA--/poster.jpg" playsinline>'
              '</video></div></div>')
_VIDEO_TITLE = {"en": "Related video: Divers count sea stars off Monterey",
                "fr": "Vidéo liée : des plongeurs comptent les étoiles de mer",
                "es": "Vídeo relacionado: buzos cuentan estrellas de mar"}


def related_video(slots: Slots, o: Original) -> Slots:
    """A platform's related video module (Yahoo's JW Player box, MSN's video card) after
    the third paragraph."""
    box = _VIDEO_BOX.format(title=_VIDEO_TITLE[o.lang])
    return article_of(slots, after_paragraph(slots.article, 2, box))


def more_from_tc(slots: Slots, o: Original) -> Slots:
    """"More from The Conversation": a list of three other articles of The Conversation,
    after the attribution line, inside the post."""
    items = "".join(f'<li><a href="{url}">{escape(title)}</a></li>' for url, title in _TC_MORE)
    box = (f'<div class="more-from-provider"><h3>More from The Conversation</h3><ul>{items}'
           "</ul></div>")
    return article_of(slots, slots.article + "\n" + box)


_CONSENT = ('<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="'
            'otFloatingRoundedCorner" role="dialog" aria-label="Cookie banner"><div id="'
            'onetrust-policy"><h2 id="onetrust-policy-title">We value your privacy</h2><p '
            'id="onetrust-policy-text">We and our partners use cookies to personalise '
            "content and analyse our traffic. You can manage your choices at any time.</p>"
            '</div><div id="onetrust-button-group"><button id="onetrust-accept-btn-handler">'
            'Accept All Cookies</button><button id="onetrust-reject-all-handler">Reject All'
            "</button></div></div></div>")


def consent_banner(slots: Slots, o: Original) -> Slots:
    """A consent manager's banner (OneTrust's) printed at the top of the post's content."""
    return article_of(slots, _CONSENT + "\n" + slots.article)


_PAYWALL = ('<div class="paywall-panel" role="dialog" aria-label="Sign up to read">'
            '<h3 class="paywall-title">Sign up to read this article</h3><p>Read news from '
            "100’s of titles, curated specifically for you.</p><a class=\"button\" href=\""
            f'{PUBLISHER}/signup">Sign up</a> <a href="{PUBLISHER}/signin">Already a member? '
            "Sign in here</a></div>")


def soft_paywall(hidden: bool) -> Apply:
    """A paywall's panel after the third paragraph, the rest of the story after it in the
    HTML: faded by its class (a soft paywall: the text is there) or ``hidden`` from readers
    (the `hidden` attribute: a reader not signed in is shown nothing of it)."""

    def apply(slots: Slots, o: Original) -> Slots:
        code = slots.article
        at = body_paragraphs(code)[2].end()
        wrap = ('<div class="paywall-rest" hidden>' if hidden
                else '<div class="paywall-rest is-faded">')
        return article_of(slots, code[:at] + "\n" + _PAYWALL + "\n" + wrap + code[at:]
                          + "</div>")

    return apply


def with_edited_word(apply: Apply) -> Apply:
    """``apply``, and a word of the body changed (EDITED_WORD): the guard beside furniture."""

    def both(slots: Slots, o: Original) -> Slots:
        return edited_word(apply(slots, o), o)

    return both


_PARTNER_NOTE = " We thank our partners for sharing it with our readers every week."


def partner_ending_note(slots: Slots, o: Original) -> Slots:
    """The partner ending with a sentence of the publisher's after its authors' line."""
    slots = partner_ending(licence=True)(slots, o)
    return article_of(slots, sub(slots.article, "</em>.</p>\n<p>Read more:",
                                 f"</em>.{_PARTNER_NOTE}</p>\n<p>Read more:"))


def provided_by_note(slots: Slots, o: Original) -> Slots:
    """"Provided by The Conversation" and a sentence of the publisher's in its line."""
    slots = provided_by(slots, o)
    return article_of(slots, sub(slots.article, "The Conversation</a></p>",
                                 "The Conversation</a>, whose reporting we are proud to share "
                                 "with our readers.</p>"))


def print_footnotes(slots: Slots, o: Original) -> Slots:
    """Every link of the code footnoted as WP-Print numbers them (layouts.wp_print_render),
    on a page of any layout (a print view saved, or the marks pasted with the text)."""
    return article_of(slots, wp_print_render(slots.article, o.lang))


def footnote_mark_typed(slots: Slots, o: Original) -> Slots:
    """A footnote mark "[1]" typed after a paragraph's last words, after no link: the
    publisher's added mark, not a print view's."""
    first = body_paragraphs(slots.article)[1]
    return article_of(slots, slots.article[:first.end() - len("</p>")] + " <sup>[1]</sup>"
                      + slots.article[first.end() - len("</p>"):])


EDITS_OF: dict[str, Apply] = {
    "partner-ending-cc": partner_ending(licence=True), "provided-by": provided_by,
    "more-from-tc": more_from_tc, "related-video-between": related_video,
    "print-footnotes": print_footnotes,
}

AGGREGATOR_EDITS = (
    _e("provider-byline-linked", "aggregator's byline: Name, Institution",
       provider_byline(linked=True), False),
    _e("provider-byline-unlinked", "author not linked to their profile",
       provider_byline(linked=False),
       evidence=_said("author-credit", lambda o: "is not linked to their profile")),
    _e("institution-own-line", "aggregator's byline: institution on its own line",
       institution_own_line, False),
    _e("byline-jsonld-only", "byline only in the page's JSON-LD", byline_jsonld_only,
       evidence=_said("author-credit", lambda o: o.article.authors[0].name)),
    _e("partner-ending", "The Conversation's partner ending (no licence named)",
       partner_ending(licence=False)),
    _e("partner-ending-cc", "The Conversation's partner ending", partner_ending(licence=True),
       False),
    _e("provided-by", "\"Provided by The Conversation\" for the attribution line",
       provided_by),
    _e("provider-logo-top", "the provider's logo over the byline", provider_logo_top, False),
    _e("extract-continue-reading", "extract with a link to the full article",
       extract_continue("original"), False),
    _e("extract-continue-reading-bare", "extract without the attribution line",
       extract_continue("original", tail=False)),
    _e("extract-continue-platform", "extract linking the platform's own full view",
       extract_continue("platform")),
    _e("extract-cut-mid-paragraph", "extract cut inside a paragraph",
       extract_continue("original", mid=True)),
    _e("related-video-between", "a platform's related video module between paragraphs",
       related_video, False),
    _e("more-from-tc", "\"More from The Conversation\" list after the article", more_from_tc,
       False),
    _e("consent-banner-top", "a consent manager's banner over the post", consent_banner,
       False),
    _e("soft-paywall", "a paywall's panel over the rest of the story (text in the page)",
       soft_paywall(hidden=False), False),
    _e("paywall-hidden-rest", "a paywall hiding the rest of the story",
       soft_paywall(hidden=True)),
    # guards: an edited word beside the new furniture, the publisher's sentence in a credit
    *(_e(f"{name}-edited", "edited word", with_edited_word(EDITS_OF[name]),
         evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1]))
      for name in ("partner-ending-cc", "provided-by", "more-from-tc", "related-video-between",
                   "print-footnotes")),
    _e("partner-ending-note", "paragraph appended at the end", partner_ending_note,
       evidence=_said("unaltered-text", lambda o: "“This article is republished from The "
                      "Conversation under a Creative Commons license, a nonprofit")),
    _e("provided-by-note", "paragraph appended at the end", provided_by_note,
       evidence=_said("unaltered-text", lambda o: "whose reporting")),
    _e("print-footnotes", "a print view's footnote marks after links", print_footnotes, False),
    _e("footnote-mark-typed", "a footnote mark typed after no link", footnote_mark_typed,
       evidence=_said("unaltered-text", lambda o: "[1]")),
)


EDITS = {e.name: e for e in (
    # harmless: the page must pass
    _e("body-classes", "theme class on <body>", body_classes, False),
    _e("wrapper-classes", "theme class on a layout wrapper", wrapper_classes, False),
    _e("shared-institution-parens", "co-authors sharing one institution",
       shared_institution("parentheses"), False),
    _e("shared-institution-comma", "co-authors sharing one institution",
       shared_institution("comma"), False),
    _e("aside-author-box", "author box in <aside>", aside_author_box, False),
    _e("footer-author-box", "author box in the article's footer", footer_author_box, False),
    _e("byline-above-headline", "byline above the headline", byline_above_headline, False),
    _e("ad-between-paragraphs", "ad between paragraphs", between_paragraphs(AD), False),
    _e("newsletter-box", "publisher's newsletter box between paragraphs",
       between_paragraphs(NEWSLETTER), False),
    _e("related-box", "\"Related\" box between paragraphs", between_paragraphs(RELATED), False),
    _e("related-tc-article", "link to another TC article beside the right back link",
       between_paragraphs(RELATED_TC), False),
    _e("tc-promo-removed", "The Conversation's promo removed", tc_promo_removed, False),
    _e("tc-promo-kept", "The Conversation's promo kept", tc_promo_kept, False),
    _e("straight-typography", "house style: typography", straight_typography, False),
    _e("invisible-characters", "house style: typography", invisible_characters, False),
    *(_e(f"typography-{style}", "house style: typography", house_typography(style), False)
      for style in _HOUSE_TYPOGRAPHY),
    *(_e(f"typography-{style}-edited", "edited word", house_typography(style, edited=True),
         evidence=_said("unaltered-text", lambda o: _changed_word(o.name)))
      for style in ("modifier-apostrophe", "typed-dashes", "british-quotes",
                    "single-guillemets", "grave-apostrophe", "typed-quote-pairs")),
    *(_e(f"typography-{style}-{edit}", "edited word", quotes_restyled(style, edit),
         evidence=_said("unaltered-text", _quote_edit_said(edit)))
      for style in ("british-quotes", "single-guillemets", "grave-apostrophe")
      for edit in QUOTE_EDITS),
    *(_e(f"typography-headline-{style}-apostrophe", "house style: typography",
         headline_apostrophe(style), False) for style in ("grave", "turned-comma", "straight")),
    _e("typography-headline-apostrophe-dropped", "rewritten headline",
       headline_apostrophe("dropped"), evidence=_said("unaltered-title", lambda o: "Coasts")),
    _e("gutenberg-blocks", "house style: block editor markup", gutenberg_blocks, False),
    _e("links-new-tab", "house style: links open in a new tab", links_open_new_tab, False),
    _e("block-editor-images", "house style: figures as block editor image blocks",
       image_cards("wordpress"), False),
    _e("ghost-image-cards", "house style: figures as Ghost image cards", image_cards("ghost"),
       False),
    _e("hidden-furniture", "hidden page furniture (not the article)", hidden_furniture, False),
    _e("licence-unlinked", "licence named in words, not linked", licence_unlinked, False),
    _e("headline-only-in-title", "no heading: the headline in <title> with a site suffix",
       headline_only_in_title, False),
    _e("counter-decoding-async", "counter with decoding=async (WordPress)",
       counter_decoding_async, False),
    _e("nested-within-limit", "deep nesting within the parser's limit", nested_within_limit,
       False),
    _e("extract", "extract with a link to the full article", extract(True), False),
    # harmless, in a CMS's own markup (the red team's layouts)
    _e("elementor-widgets", "house style: the code split into Elementor widgets",
       elementor_widgets(), False),
    _e("elementor-form", "publisher's newsletter box between paragraphs",
       elementor_form_between, False),
    _e("elementor-responsive-byline", "byline in per-screen widgets (one hidden per screen)",
       elementor_responsive_byline, False),
    _e("newspaper-inline-ad", "ad between paragraphs", newspaper_inline_ad, False),
    _e("joomla-banner", "ad between paragraphs", joomla_banner, False),
    _e("kadence-infobox", "publisher's newsletter box between paragraphs", kadence_infobox,
       False),
    _e("blogger-caption-tables", "house style: figures as Blogger caption tables",
       blogger_caption_tables, False),
    _e("wp-classic-captions", "house style: figures as classic editor captions",
       wp_classic_captions, False),
    _e("elementor-animation", "text shown by a script (entrance animation)",
       elementor_entrance_animation, False),
    _e("elementor-posts", "\"Related\" box between paragraphs", elementor_posts_between, False),
    # defects: the page must fail
    _e("edited-word", "edited word", edited_word,
       evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1])),
    _e("invisible-characters-edited", "edited word", invisible_characters_edited,
       evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1])),
    _e("edited-hyphenated-word", "edited word, hyphenated", edited_hyphenated_word,
       evidence=_said("unaltered-text", lambda o: HYPHENATED[o.name][0].split()[-1],
                      lambda o: HYPHENATED[o.name][1].split()[-1])),
    *(_e(f"opening-quoted-{where}", "the article's opening quoted beside it",
         opening_quoted(where), False) for where in OPENING_QUOTES),
    *(_e(f"opening-quoted-{where}-edited", "edited word", opening_quoted(where, edited=True),
         evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1]))
      for where in OPENING_QUOTES),
    _e("tweet-quote-between", "the article's opening quoted beside it",
       tweet_quote("between"), False),
    _e("tweet-quote-after", "the article's opening quoted beside it", tweet_quote("after"),
       False),
    _e("tweet-quote-edited", "edited word", tweet_quote("after", edited=True)),
    _e("tweet-quote-between-edited", "edited word", tweet_quote("between", edited=True)),
    _e("inserted-sentence", "sentence inserted in a paragraph", inserted_sentence),
    _e("dateline", "dateline before the first word", dateline,
       evidence=_said("unaltered-text", lambda o: words(o)["dateline"].split()[0])),
    _e("intro-paragraph", "intro paragraph before the article", intro_paragraph),
    _e("appended-sentence", "sentence appended at the end", appended_sentence),
    _e("appended-paragraph", "paragraph appended at the end", appended_paragraph),
    _e("cut-paragraph", "paragraph cut", cut_paragraph),
    _e("repeated-paragraph-end", "a paragraph of the article repeated after its end",
       repeated("end")),
    _e("repeated-last-paragraph", "the last paragraph pasted twice", repeated("last")),
    _e("repeated-sentence-end", "a sentence of the article repeated after its end",
       repeated("sentence")),
    _e("repeated-opening-end", "the article's first two paragraphs repeated after its end",
       repeated("opening")),
    _e("copy-after", "a second copy of the whole article after it (a per-screen duplicate)",
       copy_after, defect=False),
    _e("disclosure-above", "the disclosure moved above the article", disclosure_above,
       defect=False),
    _e("extract-without-link", "extract without a link to the rest", extract(False)),
    _e("reworded-end", "heavily reworded end, attribution far after the match", reworded_end),
    _e("rewritten-headline", "rewritten headline, original in <title>/og:title",
       rewritten_headline, evidence=_said("unaltered-title", lambda o: REWRITTEN[o.name])),
    _e("rewritten-everywhere", "rewritten headline everywhere", rewritten_everywhere),
    _e("dropped-author", "dropped author", dropped_author,
       evidence=_said("author-credit", lambda o: o.article.authors[1].name)),
    _e("byline-removed", "no byline", byline_removed),
    _e("profile-unlinked", "author not linked to their profile", profile_unlinked),
    _e("near-miss-name", "author's name misspelt", near_miss_name,
       evidence=_said("author-credit", _near_miss, lambda o: o.article.authors[0].name)),
    _e("shared-institution-missing", "co-authors' shared institution left out",
       shared_institution("none")),
    _e("institution-dropped", "institution dropped", institution_dropped),
    _e("institution-substituted", "another institution in the byline",
       institution_substituted),
    _e("role-substituted", "another role in the byline", role_substituted, defect=False),
    _e("counter-removed", "missing counter", counter_removed),
    _e("counter-other-article", "counter of another article", counter_other_article),
    _e("counter-twice", "counter twice", counter_twice),
    _e("counter-lazy-plugin", "lazy counter (data-lazy-src, noscript copy)", counter_lazy_plugin,
       evidence=_said("page-counter", lambda o: "lazy")),
    _e("counter-consent-cookiebot", "counter held by a consent manager",
       counter_consent("cookiebot"), evidence=_said("page-counter", lambda o: "consent")),
    _e("counter-consent-complianz", "counter held by a consent manager",
       counter_consent("complianz"), evidence=_said("page-counter", lambda o: "consent")),
    _e("counter-consent-iubenda", "counter held by a consent manager",
       counter_consent("iubenda"), evidence=_said("page-counter", lambda o: "consent")),
    _e("counter-consent-borlabs", "counter held by a consent manager",
       counter_consent("borlabs"), evidence=_said("page-counter", lambda o: "consent")),
    _e("counter-in-noscript", "counter only inside <noscript>", counter_in_noscript,
       evidence=_said("page-counter", lambda o: "noscript")),
    _e("counter-cdn", "counter rewritten by an image CDN", counter_cdn,
       evidence=_said("page-counter", lambda o: "i0.wp.com/counter.theconversation.com")),
    _e("counter-loading-lazy", "counter with loading=lazy", counter_loading_lazy),
    _e("wrong-back-link", "link back to another TC article", wrong_back_link,
       evidence=_said("source-link", lambda o: OTHER_TC)),
    _e("attribution-removed", "no attribution line", attribution_removed),
    _e("attribution-hidden-hidden", "no attribution line", attribution_hidden("hidden")),
    _e("attribution-hidden-sr-only", "no attribution line", attribution_hidden("sr-only")),
    _e("attribution-hidden-font-size-0", "no attribution line", attribution_hidden("font-size-0")),
    _e("attribution-hidden-offscreen", "no attribution line", attribution_hidden("offscreen")),
    _e("pixel-in-noscript", "a tracking pixel in <noscript> between paragraphs",
       pixel_in_noscript, False),
    _e("script-in-hidden-box", "script in the article", script_in_hidden_box,
       evidence=_said("safe-html", lambda o: "poll.js")),
    _e("licence-words-removed", "attribution line with the licence words removed",
       licence_words_removed),
    _e("cc-by-licence", "licence link to CC BY 4.0", cc_by_licence,
       evidence=_said("licence-notice", lambda o: "creativecommons.org/licenses/by/4.0/")),
    _e("script-added", "script in the article", script_added),
    _e("handler-added", "event handler in the article", handler_added),
    _e("getty-image-kept", "unlicensed image kept", getty_image_kept),
    *(_e(f"featured-unlicensed-{how}", "unlicensed image kept", featured_unlicensed(how))
      for how in ("photon", "nextjs", "wsrv", "uploaded")),
    *(_e(f"featured-backdrop-{how}", "unlicensed image kept", featured_backdrop(how))
      for how in ("inline-style", "style-element", "data-bg", "bgset", "picture-sources",
                  "video-poster")),
    _e("publisher-backdrop", "the publisher's hero picture", publisher_backdrop, defect=False),
    *(_e(f"social-card-{which}", "unlicensed image kept", social_card(which))
      for which in ("unlicensed", "uploaded")),
    _e("social-card-licensed", "a licensed picture for social networks",
       social_card("licensed"), defect=False),
    *(_e(f"licence-line-{which}", "another licence stated for the post", licence_line(which),
         evidence=_said("licence-notice", lambda o: "misstates its licence"))
      for which in ("chirpy", "stack", "rel-license", "all-rights")),
    _e("licence-link-head", "another licence stated for the post",
       licence_line("chirpy", "head"),
       evidence=_said("licence-notice", lambda o: "declares in its head")),
    *(_e(f"licence-line-{which}", "a site-wide licence line, qualified", licence_line(which),
         defect=False) for which in ("next", "site-wide")),
    *(_e(f"licence-line-{which}-edited", "edited word", licence_line(which, "edited"),
         evidence=_said("unaltered-text", lambda o: _changed_word(o.name)))
      for which in ("next", "site-wide", "chirpy")),
    *(_e(f"licence-line-{which}-no-attribution", "attribution line removed",
         licence_line(which, "no-attribution")) for which in ("next", "site-wide")),
    *(_e(f"preview-{shape}-{which}", "unlicensed image kept", preview_picture(shape, which))
      for shape in ("yoast-graph", "rankmath-graph", "microdata", "link-and-thumbnail")
      for which in ("unlicensed", "uploaded")),
    *(_e(f"preview-{shape}-licensed", "a licensed picture for previews",
         preview_picture(shape, "licensed"), defect=False)
      for shape in ("yoast-graph", "rankmath-graph", "microdata", "link-and-thumbnail")),
    *(_e(f"partial-render-{kind}", "page completed by its scripts", partial_render(kind),
         defect=False) for kind in ("next-data", "nuxt")),
    _e("partial-render-json-ld", "article cut (the whole text only in JSON-LD)",
       partial_render("json-ld")),
    _e("hidden-copy-display-none", "hidden compliant copy beside an altered one",
       hidden_copy("display-none")),
    _e("hidden-copy-hidden-attribute", "hidden compliant copy beside an altered one",
       hidden_copy("hidden-attribute")),
    _e("hidden-copy-aria-hidden", "hidden compliant copy beside an altered one",
       hidden_copy("aria-hidden")),
    _e("hidden-copy-zero-size", "hidden compliant copy beside an altered one",
       hidden_copy("zero-size")),
    _e("folded-details", "the rest behind a control", folded("details"), False),
    _e("folded-button", "the rest behind a control", folded("button"), False),
    _e("folded-details-sentence", "intro paragraph before the article",
       folded("details", label="dek")),
    _e("folded-button-sentence", "paragraph appended at the end",
       folded("button", label="dek")),
    _e("pull-quote-block", "a sentence of the article set out as a pull quote",
       pull_quote("block"), False),
    _e("pull-quote-aside", "a sentence of the article set out as a pull quote",
       pull_quote("aside"), False),
    _e("pull-quote-altered", "edited word", pull_quote("block", altered=True),
       evidence=_said("unaltered-text", lambda o: "certainly")),
    _e("read-next-tc", "\"Related\" box between paragraphs", read_next_tc, False),
    _e("accordion-headings", "house style: subheadings in accordion buttons",
       accordion_headings, False),
    _e("substack-share-between", "share buttons", substack_button("share", "between"), False),
    _e("substack-share-end", "share buttons", substack_button("share", "end"), False),
    _e("substack-subscribe-end", "publisher's newsletter box after the article",
       substack_button("subscribe", "end"), False),
    _e("share-note-between", "paragraph inserted between paragraphs",
       substack_button("share-note", "between")),
    _e("hidden-credit", "credit only in hidden markup", hidden_credit),
    _e("credit-read-aloud", "credit only in hidden markup", credit_read_aloud),
    *(_e(f"new-tab-notes-{c}", "screen-reader notes on links", new_tab_notes(c), False)
      for c in ("visuallyhidden", "assistive-text", "u-screen-reader-text", "sr-text")),
    *(_e(f"credit-{how}", f"credit out of sight ({how})", credit_out_of_sight(how))
      for how in ("clip", "offset", "indent", "transparent", "tiny")),
    _e("subtitle-standfirst", "The Conversation's standfirst as a subtitle",
       subtitle("lead"), False),
    _e("heading-block-standfirst", "The Conversation's standfirst as a subtitle",
       subtitle("heading-block"), False),
    _e("subtitle-dek", "publisher's dek as a subtitle", subtitle("lead", own=True),
       evidence=_said("unaltered-text", lambda o: words(o)["dek"].split()[1])),
    _e("heading-block-dek", "publisher's dek as a subtitle",
       subtitle("heading-block", own=True),
       evidence=_said("unaltered-text", lambda o: words(o)["dek"].split()[1])),
    _e("heading-block-standfirst-edited", "edited word",
       subtitle("heading-block", altered=True)),
    _e("subtitle-rewritten-headline", "rewritten headline", subtitle("lead", rewritten=True),
       evidence=_said("unaltered-title", lambda o: REWRITTEN[o.name])),
    _e("heading-block-rewritten-headline", "rewritten headline",
       subtitle("heading-block", rewritten=True),
       evidence=_said("unaltered-title", lambda o: REWRITTEN[o.name])),
    *(_e(f"toc-{plugin}", "table of contents of the article's headings",
         table_of_contents(plugin), False) for plugin in TOCS),
    _e("toc-reworded-entry", "table of contents hiding added words",
       table_of_contents("table-of-contents-plus", reworded=True)),
    _e("toc-pitch", "table of contents hiding added words",
       table_of_contents("easy-table-of-contents", pitch=True),
       evidence=_said("unaltered-text", lambda o: words(o)["toc-pitch"].split()[2])),
    _e("audio-player-trinity", "a player reading the article aloud",
       audio_player("trinity"), False),
    _e("audio-listen-box", "a player reading the article aloud", audio_player("listen"),
       False),
    *(_e(f"permalink-{mark}", "a heading's permalink", heading_permalinks(mark), False)
      for mark in PERMALINKS),
    _e("dated-credit-line", "a credit line in house style", dated_credit_line, False),
    _e("english-credit-line", "a credit line in house style", english_credit_line, False),
    _e("note-naming-author-above-button", "intro paragraph before the article",
       note_above_button("author")),
    _e("note-naming-tc-above-button", "intro paragraph before the article",
       note_above_button("tc")),
    _e("deep-nesting", "nesting deeper than the parser's limit", deep_nesting),
    _e("counter-size-stripped", "the counter's size as an editor leaves it",
       counter_size("stripped"), False),
    _e("counter-size-in-style", "the counter's size as an editor leaves it",
       counter_size("in-style"), False),
    _e("counter-stretched-by-style", "counter resized", counter_size("stretched")),
    *(_e(f"pictures-{how}", "the pictures at another address", pictures_moved(how), False)
      for how in ("photon", "uploaded")),
    # what plugins print into the post's content: furniture, unless it is the publisher's
    # note about the article, a dateline or a sentence
    *(_e(f"plugin-{name}", "a plugin's line or box in the post's content", plugin_line(name),
         False) for name in PLUGIN_LINES if name not in PLUGIN_DEFECTS),
    _e("plugin-newspack-donate-naming-author", "intro paragraph before the article",
       plugin_line("newspack-donate-naming-author"),
       evidence=_said("unaltered-text", lambda o: words(o)["wrote"].split()[-2])),
    _e("plugin-dated-dateline-paragraph", "dateline before the first word",
       plugin_line("dated-dateline-paragraph")),
    _e("plugin-update-note", "paragraph appended at the end", plugin_line("update-note"),
       evidence=_said("unaltered-text", lambda o: words(o)["update-note"].split()[1])),
    _e("plugin-short-update", "paragraph appended at the end", plugin_line("short-update"),
       evidence=_said("unaltered-text", lambda o: words(o)["short-update"].split()[-1])),
    # boxes plugins print after the post's content: an author box (the article's author or
    # the staff member who posted it), ratings, feedback, reactions, a series' links; the
    # publisher's words beside or in them, and an author box standing in for the byline
    *(_e(f"plugin-box-{name}", _BOX_KINDS[name.split("-")[0]], plugin_box(name), False)
      for name in PLUGIN_BOXES if name not in BOX_DEFECTS),
    _e("plugin-box-molongui-edited-bio", "author box whose bio is an edited sentence",
       plugin_box("molongui-edited-bio"),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("plugin-box-rating-after-comment", "paragraph appended at the end",
       plugin_box("rating-after-comment"),
       evidence=_said("unaltered-text", lambda o: max(BOX_WORDS[o.lang]["comment"].split(),
                                                      key=len))),
    _e("plugin-box-helpful-quoting-original", "edited word",
       plugin_box("helpful-quoting-original", edited=True),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("plugin-box-tweet-quoting-original", "edited word",
       plugin_box("tweet-quoting-original", edited=True),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("plugin-box-fancier-edited-bio", "author box whose bio is an edited sentence",
       plugin_box("fancier-edited-bio"),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("plugin-box-sab-legacy-stranger", "paragraph appended at the end",
       plugin_box("sab-legacy-stranger"),
       evidence=_said("unaltered-text", lambda o: BOX_WORDS[o.lang]["stranger-bio"].split()[2])),
    _e("plugin-box-media-text-staff-unposted", "paragraph appended at the end",
       plugin_box("media-text-staff-unposted"),
       evidence=_said("unaltered-text", lambda o: BOX_WORDS[o.lang]["staff-bio"].split()[4])),
    _e("plugin-box-fancier-with-edited-word", "edited word", plugin_box("fancier", edited=True),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("plugin-box-legacy-author-for-byline", "no byline: an author box names the author, "
       "unlinked", plugin_box("sab-legacy-unlinked", byline_removed=True)),
    _e("plugin-box-staff-for-byline", "no byline: an author box names the staff who posted",
       plugin_box("simple-author-box-staff", byline_removed=True)),
    _e("plugin-box-author-for-byline", "no byline: an author box names the author, unlinked",
       plugin_box("simple-author-box", byline_removed=True)),
    # defects in a CMS's own markup (the red team's layouts)
    _e("elementor-intro-widget", "intro paragraph before the article",
       elementor_widgets(intro=True)),
    _e("elementor-appended-widget", "paragraph appended at the end",
       elementor_widgets(appended=True)),
    _e("note-after-body", "paragraph appended at the end", note_after_body),
    _e("note-after-tags", "paragraph appended at the end", note_after_tags),
    _e("json-ld-after-content", "a page's data in a script no browser runs",
       data_block("json-ld"), False),
    _e("next-data", "a page's data in a script no browser runs", data_block("next-data"),
       False),
    _e("hidden-copy-stylesheet", "hidden compliant copy beside an altered one",
       hidden_copy_stylesheet),
    _e("hidden-copy-utility-class", "hidden compliant copy beside an altered one",
       hidden_copy_class("d-none")),
    _e("hidden-copy-all-screens", "hidden compliant copy beside an altered one",
       hidden_copy_class("elementor-hidden-desktop elementor-hidden-tablet "
                         "elementor-hidden-mobile")),
    _e("intro-naming-author", "intro paragraph before the article", intro_naming_author),
    _e("appended-with-credit", "paragraph appended at the end", appended_with_credit),
    _e("licence-words-reworded", "attribution line with the licence words removed",
       licence_words_reworded),
    _e("newspaper-source-box", "no attribution line: the theme's Source box links the original",
       newspaper_source_box),
    # the second red team's: other platforms' own markup (Hugo PaperMod, Squarespace, Divi)
    _e("hugo-markdown-toc", "house style: Markdown subheadings with a table of contents",
       hugo_markdown_toc, False),
    _e("squarespace-blocks", "house style: the code split into Squarespace blocks",
       squarespace_blocks(), False),
    _e("squarespace-newsletter", "publisher's newsletter box between paragraphs",
       squarespace_blocks(box=SQS_NEWSLETTER), False),
    _e("squarespace-summary", "\"Related\" box between paragraphs",
       squarespace_blocks(box=SQS_SUMMARY), False),
    _e("divi-modules", "house style: the code split into Divi modules", divi_modules(), False),
    _e("divi-cta", "publisher's newsletter box between paragraphs", divi_modules(box=DIVI_CTA),
       False),
    _e("divi-blog-module", "\"Related\" box between paragraphs", divi_modules(box=DIVI_BLOG),
       False),
    _e("divi-animation", "text shown by a script (entrance animation)",
       divi_modules(animated=True), False),
    _e("squarespace-intro-block", "intro paragraph before the article",
       squarespace_blocks(intro=True)),
    _e("squarespace-appended-block", "paragraph appended at the end",
       squarespace_blocks(appended=True)),
    _e("divi-intro-module", "intro paragraph before the article", divi_modules(intro=True)),
    _e("divi-appended-module", "paragraph appended at the end", divi_modules(appended=True)),
    # the third red team's: Ghost's own cards (layout ghost-source)
    _e("ghost-bookmark-card", "\"Related\" box between paragraphs", ghost_bookmark_between,
       False),
    _e("ghost-header-card", "publisher's newsletter box between paragraphs",
       ghost_header_card_newsletter, False),
    _e("ghost-callout-before", "intro paragraph before the article", ghost_callout("before")),
    _e("ghost-callout-after", "paragraph appended at the end", ghost_callout("after")),
    _e("ghost-excerpt-note", "intro paragraph before the article", ghost_callout("excerpt")),
    _e("ghost-callout-naming-author", "intro paragraph before the article",
       ghost_callout("before", crediting=True)),
    _e("ghost-callout-credit-after", "paragraph appended at the end",
       ghost_callout("after", crediting=True)),
    _e("ghost-excerpt-naming-author", "intro paragraph before the article",
       ghost_callout("excerpt", crediting=True)),
    _e("ghost-excerpt-standfirst", "The Conversation's standfirst as the post's excerpt",
       ghost_excerpt_standfirst(), False),
    _e("ghost-excerpt-standfirst-edited", "edited word", ghost_excerpt_standfirst(True)),
    # the fourth red team's: Avada's builder elements, Webflow's CMS fields
    _e("avada-elements", "house style: the code split into Avada Builder elements",
       avada_elements(), False),
    _e("avada-tagline-box", "publisher's newsletter box between paragraphs",
       avada_elements(box=AVADA_TAGLINE), False),
    _e("avada-recent-posts", "\"Related\" box between paragraphs",
       avada_elements(box=AVADA_RECENT), False),
    _e("avada-author-box", "author box in the article's footer", avada_author_box, False),
    _e("avada-alert-note", "intro paragraph before the article", avada_elements(intro="alert")),
    _e("avada-alert-naming-author", "intro paragraph before the article",
       avada_elements(intro="alert-credit")),
    _e("avada-note-after", "paragraph appended at the end", avada_elements(appended="text")),
    _e("avada-credit-after", "paragraph appended at the end",
       avada_elements(appended="text-credit")),
    _e("webflow-form-after-body", "publisher's newsletter box after the article",
       webflow_form_after_body, False),
    _e("webflow-sponsor-figure", "ad between paragraphs", webflow_sponsor_figure, False),
    _e("webflow-author-list", "byline in the CMS's author field under the headline",
       webflow_author_list, False),
    _e("webflow-empty-image-field", "empty image field of the CMS template",
       webflow_empty_image_field, False),
    _e("webflow-summary-note", "intro paragraph before the article", webflow_summary()),
    _e("webflow-summary-naming-author", "intro paragraph before the article",
       webflow_summary(crediting=True)),
    _e("webflow-note-field", "paragraph appended at the end", webflow_note_field()),
    _e("webflow-note-credit-field", "paragraph appended at the end",
       webflow_note_field(crediting=True)),
    _e("hidden-copy-condition", "hidden compliant copy beside an altered one",
       hidden_copy_condition),
    # scripts at the post content's edges are the page's; inside the republication, added
    _e("fb-sdk-top", "a theme's or plugin's script at the post content's edge",
       edge_script("fb-sdk", "top"), False),
    _e("fb-sdk-top-byline-moved", "a theme's or plugin's script at the post content's edge",
       edge_script("fb-sdk", "top", byline_moved=True), False),
    _e("fb-sdk-end", "a theme's or plugin's script at the post content's edge",
       edge_script("fb-sdk", "end"), False),
    _e("taboola-end", "a theme's or plugin's script at the post content's edge",
       edge_script("taboola", "end"), False),
    _e("outbrain-end", "a theme's or plugin's script at the post content's edge",
       edge_script("outbrain", "end"), False),
    _e("gtranslate-top", "a language switcher in the post's content",
       edge_script("gtranslate", "top"), False),
    _e("gtranslate-end", "a language switcher in the post's content",
       edge_script("gtranslate", "end"), False),
    _e("fb-sdk-after-byline", "script in the article", edge_script("fb-sdk", "after-byline"),
       evidence=_said("safe-html", lambda o: "connect.facebook.net")),
    _e("fb-sdk-before-credit", "script in the article", edge_script("fb-sdk", "before-credit"),
       evidence=_said("safe-html", lambda o: "connect.facebook.net")),
    # the sixth round's: words between the headline and the article, labels before links
    _e("header-byline", "byline under the headline, above the post", header_line("byline"),
       False),
    _e("header-meta", "post meta under the headline, above the post", header_line("meta"),
       False),
    *(_e(f"theme-subtitle-{t}-standfirst", "The Conversation's standfirst as a subtitle",
         theme_subtitle(t), False) for t in THEME_SUBTITLES),
    *(_e(f"theme-subtitle-{t}-dek", "publisher's dek as a subtitle", theme_subtitle(t, own=True),
         evidence=_said("unaltered-text", lambda o: words(o)["dek"].split()[1]))
      for t in THEME_SUBTITLES),
    *(_e(f"theme-subtitle-{t}-standfirst-edited", "edited word",
         theme_subtitle(t, altered=True)) for t in THEME_SUBTITLES),
    *(_e(f"nav-line-{k}-{where}", "a label and a link to the publisher's post",
         nav_line(k, where), False)
      for k in range(4) for where in ("start", "between", "after-body", "after-post")),
    _e("nav-line-plain", "a label and a link to the publisher's post",
       nav_line(0, "after-body", style="plain"), False),
    _e("nav-line-tc-after", "\"Related\" link to another article of The Conversation",
       nav_line(0, "after-post", target="tc"), False),
    _e("nav-line-naming-author", "paragraph appended at the end",
       nav_line(0, "after-body", target="author"),
       evidence=_said("unaltered-text", lambda o: o.article.authors[0].name.split()[-1])),
    _e("nav-line-edited-sentence", "edited word", nav_line(0, "after-body", target="edited"),
       evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1])),
    _e("colon-sentence-between", "sentence added between paragraphs", colon_sentence("between"),
       evidence=_said("unaltered-text", lambda o: COLON_SENTENCE[o.lang][0].split()[1])),
    _e("colon-sentence-after", "paragraph appended at the end", colon_sentence("after-body"),
       evidence=_said("unaltered-text", lambda o: COLON_SENTENCE[o.lang][0].split()[1])),
    # a label outside the word list before a link to an article (F52)
    *(_e(f"related-line-{target}-{k}-{where}", "a label and a link to an article",
         related_line(k, where, target, style), False)
      for target in ("tc", "own") for k, style in enumerate(("strong", "plain", "br", "strong"))
      for where in ("start", "between", "after-body", "after-post")),
    _e("related-line-tc-unmarked", "sentence added between paragraphs",
       related_line(3, "between", style="plain"),
       evidence=_said("unaltered-text", lambda o: RELATED_LABELS[o.lang][3].split()[0])),
    _e("related-line-tc-prose", "sentence added between paragraphs",
       related_line(0, "between", what="prose"),
       evidence=_said("unaltered-text", lambda o: LINKED_PROSE[o.lang][0].split()[1])),
    _e("related-line-own-prose", "paragraph appended at the end",
       related_line(0, "after-body", "own", what="prose"),
       evidence=_said("unaltered-text", lambda o: LINKED_PROSE[o.lang][0].split()[1])),
    _e("related-line-tc-label-original", "sentence added between paragraphs",
       related_line(0, "between", what="label-original")),
    _e("related-line-own-label-original", "sentence added between paragraphs",
       related_line(0, "between", "own", what="label-original")),
    _e("related-line-tc-title-edited", "edited word",
       related_line(1, "after-post", what="title-edited"),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("related-line-tc-edited-word", "edited word",
       related_line(2, "between", what="edited-word"),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("wpml-post-translations", "a label and a link to the publisher's post",
       wpml_translations, False),
    _e("polylang-post-translations", "a label and a link to the publisher's post",
       polylang_translations, False),
    # pictures that are not the original's (F33-F35): the publisher's own, with their
    # captions and credits, and The Conversation's logo beside the credit
    *(_e(f"publisher-picture-{markup}-{where}", "a publisher's own picture in the post's body",
         publisher_picture(markup, where), False)
      for markup in ("block", "classic", "drupal", "ghost") for where in ("between", "top")),
    _e("publisher-picture-public-domain", "a publisher's own picture in the post's body",
       publisher_picture("block", "between", "public-domain"), False),
    _e("publisher-picture-agency-between", "unlicensed image kept",
       publisher_picture("classic", "between", "agency"),
       evidence=_said("images", lambda o: "Reuters")),
    _e("publisher-picture-agency-top", "unlicensed image kept",
       publisher_picture("block", "top", "agency"),
       evidence=_said("images", lambda o: "Reuters")),
    _e("publisher-picture-uncredited-top", "unlicensed image kept",
       publisher_picture("drupal", "top", "none"),
       evidence=_said("images", lambda o: "leadbetter-kelp")),
    _e("picture-licence-only", "attribution line with the licence words removed",
       picture_licence_only,
       evidence=_said("licence-notice", lambda o: "no statement that the article")),
    _e("original-picture-above", "unlicensed image kept", original_picture_above),
    _e("picture-quoting-edited", "edited word", picture_quoting_edited,
       evidence=_said("unaltered-text", lambda o: EDITED_WORD[o.name][1].split()[-1])),
    _e("original-caption-edited", "edited word", original_caption_edited,
       evidence=_said("unaltered-text", lambda o: words(o)["reworded"].capitalize())),
    _e("tc-logo-attribution", "The Conversation's logo with the credit", tc_logo("attribution"),
       False),
    _e("tc-logo-partnership", "The Conversation's logo with the credit", tc_logo("partnership"),
       False),
    _e("tc-logo-uploaded", "The Conversation's logo with the credit",
       tc_logo("attribution", f"{SITE}/wp-content/uploads/2024/02/the-conversation-logo.png"),
       False),
    _e("tc-logo-alone", "unlicensed image kept", tc_logo("alone")),
    _e("tc-linked-unlicensed", "unlicensed image kept", tc_linked_unlicensed),
    _e("author-box-in-content", "author box in the article's footer", author_box_in_content,
       False),
    _e("drupal-images-removed", "Drupal's placeholder for a removed image",
       drupal_images_removed),
    # a picture's caption is its picture's (F49-F51)
    *(_e(f"caption-licence-only-{markup}-{where}",
         "attribution line with the licence words removed",
         caption_licence_only(markup, where),
         evidence=_said("licence-notice", lambda o: "in a picture's caption"))
      for markup in ("block", "classic", "drupal", "ghost") for where in ("top", "after", "end")),
    *(_e(f"caption-licence-named-{where}", "attribution line with the licence words removed",
         caption_licence_only("block", where, "cc-named", licence_clause_removed),
         evidence=_said("licence-notice", lambda o: "without its licence"))
      for where in ("top", "after")),
    *(_e(f"publisher-picture-cc-words-{where}", "a publisher's own picture in the post's body",
         publisher_picture("classic", where, "cc-words"), False)
      for where in ("top", "after", "end")),
    _e("tc-logo-figure-attribution", "The Conversation's logo with the credit", tc_logo_figure,
       False),
    *(_e(f"original-renamed-{style}-{where}", "unlicensed image kept",
         featured_picture(style, where, "original"),
         evidence=_said("images", lambda o: "its alt text"))
      for style in FEATURED for where in ("before", "top", "end")),
    *(_e(f"featured-{style}-{where}", "a publisher's picture without a caption",
         featured_picture(style, where, "own"), False)
      for style in FEATURED for where in ("before", "top", "end")),
    *(_e(f"caption-{kind}-{markup}-{where}", "the publisher's words in a picture's caption",
         caption_text(kind, markup, where),
         evidence=_said("unaltered-text", _caption_word(kind)))
      for kind in ("note", "update", "comment")
      for markup in ("block", "classic", "drupal", "ghost")
      for where in ("top", "between", "after")),
    *(_e(f"caption-edited-{markup}-{where}", "edited word", caption_text("edited", markup, where),
         evidence=_said("unaltered-text", lambda o: _changed_word(o.name)))
      for markup in ("block", "classic", "drupal", "ghost")
      for where in ("top", "between", "after")),
    *(_e(f"caption-described-{n}-{where}", "a publisher's own picture in the post's body",
         caption_text(f"described-{n}", ("block", "classic", "ghost")[n], where), False)
      for n in range(3) for where in ("top", "between", "after")),
    # the eighth round's (red-team-findings.md, F62-)
    *(_e(f"subheadings-{style}", "house style: subheadings in Title Case or capitals",
         subheadings_restyled(style), False) for style in ("title-case", "upper", "bold")),
    *(_e(f"links-wrapped-{service}", "links wrapped by a mail system or a redirect",
         links_wrapped(service), False) for service in _WRAP),
    _e("back-link-wrapped-other", "link back to another TC article",
       links_wrapped("safelinks", back_to=OTHER_TC), evidence=_said("source-link",
                                                                    lambda o: OTHER_TC)),
    _e("opening-sentence-cut", "the opening cut", opening_cut(reworded=False),
       evidence=_said("unaltered-text", lambda o: "is missing")),
    _e("opening-sentence-reworded", "the opening reworded", opening_cut(reworded=True),
       evidence=_said("unaltered-text", lambda o: LEDE[o.lang].split()[1])),
    _e("subheadings-title-case-edited", "edited word",
       subheadings_restyled("title-case", edited=True),
       evidence=_said("unaltered-text", lambda o: "Changed")),
    _e("profile-links-swapped", "co-authors' profile links swapped", profile_links_swapped,
       evidence=_said("author-credit", lambda o: f"{o.article.authors[0].name}'s name links "
                      f"{o.article.authors[1].name}'s profile")),
    # Substack's editor blocks (the tenth round)
    *(_e(f"substack-{which}-{where}", "a newsletter platform's own blocks in the post",
         substack_block(which, where), False)
      for which in ("subscribe", "share", "comment") for where in ("between", "after", "end")),
    _e("substack-subscribe-between-edited", "edited word",
       substack_block("subscribe", "between", edited=True)),
    _e("substack-share-end-edited", "edited word", substack_block("share", "end", edited=True)),
    _e("substack-note-by-widget", "paragraph appended at the end", substack_note_by_widget),
    # JavaScript frameworks (the eleventh round)
    _e("counter-next-image", "counter through an image proxy", counter_next_image(True),
       evidence=_said("page-counter", lambda o: "/_next/image?url=")),
    _e("counter-next-image-unoptimized", "lazy-loaded counter", counter_next_image(False),
       evidence=_said("page-counter", lambda o: "lazy")),
    _e("counter-next-image-priority", "a framework's image component (not lazy)",
       counter_next_image(False, priority=True), False),
    _e("react-text-nodes", "a framework's markup in the text", react_text_nodes(), False),
    _e("react-text-nodes-edited", "edited word", react_text_nodes(edited=True),
       evidence=_said("unaltered-text", lambda o: next(
           w for w in EDITED_WORD[o.name][1].split() if w not in EDITED_WORD[o.name][0]))),
    *AGGREGATOR_EDITS,
    # the eleventh round's: pasted through an editor (red-team-findings.md, F90-F92)
    _e("paste-word", "pasted through an editor (Word, Google Docs, a classic editor)",
       pasted(word_paste), False),
    _e("paste-docs", "pasted through an editor (Word, Google Docs, a classic editor)",
       pasted(docs_paste), False),
    _e("paste-docs-wrapped-links",
       "pasted through an editor (Word, Google Docs, a classic editor)",
       pasted(lambda code, o: docs_paste(code, o, wrapped=True)), False),
    *(_e(f"paste-pictures-{how}", "pasted through an editor (Word, Google Docs, a classic "
         "editor)", pasted(loose_pictures(how)), False)
      for how in ("next", "next-unlinked", "same")),
    _e("paste-word-counter-copy", "missing counter",
       pasted(lambda code, o: word_paste(code, o, counter="copy")),
       evidence=_said("page-counter", lambda o: "a copy of the counter")),
    _e("paste-docs-counter-copy", "missing counter",
       pasted(lambda code, o: docs_paste(code, o, counter="copy")),
       evidence=_said("page-counter", lambda o: "a copy of the counter")),
    _e("paste-counter-media-library", "missing counter", pasted(_media_library_counter),
       evidence=_said("page-counter", lambda o: "count.gif is a copy of the counter")),
    _e("paste-word-edited-word", "edited word", pasted(word_paste, edited_word),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("paste-docs-edited-word", "edited word", pasted(docs_paste, edited_word),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("paste-word-dropped-author", "dropped author", pasted(word_paste, dropped_author)),
    _e("paste-docs-dropped-author", "dropped author", pasted(docs_paste, dropped_author)),
    _e("paste-pictures-edited-word", "edited word",
       pasted(loose_pictures("next"), edited_word),
       evidence=_said("unaltered-text", lambda o: _changed_word(o.name))),
    _e("paste-pictures-counter-removed", "missing counter",
       pasted(loose_pictures("next"), counter_removed)),
    _e("paste-pictures-licence-dropped", "unlicensed image kept",
       pasted(loose_pictures("next"), after=_licence_dropped),
       evidence=_said("images", lambda o: "without its credit beside it")),
    _e("paste-own-picture-uncredited", "unlicensed image kept", pasted(_own_picture_loose),
       evidence=_said("images", lambda o: "harbour-at-dusk")),
)}
