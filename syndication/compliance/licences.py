"""Pure: the licences a page states for its content besides The Conversation's attribution line
(docs/compliance.md#rule-licence-notice): a theme's per-post licence line (Jekyll Chirpy's
"This post is licensed under CC BY 4.0 by the author.", Hugo Stack's "Licensed under CC
BY-NC-SA 4.0"), a site-wide one (Hexo NexT's "All articles in this blog are licensed under
BY-NC-SA unless stating additionally.", a Pressbooks-style "Except where otherwise noted…"),
``rel="license"`` markup, a copyright line over the post: what each names, and whether a
qualifier leaves room for the article's own notice. Such a line is the site's furniture,
never text added to the article (furniture.py); one that gives the article another licence
without a qualifier misstates its licence (rules._licence_notice)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..conversation import TC_LICENCE_LINK, is_tc_url
from ..lazyre import lazy_compile
from .htmltext import BLOCK_TAGS, join_words, key, text_of
from .locate import CC_LICENCE, in_picture_caption

if TYPE_CHECKING:
    from collections.abc import Container

    from lxml.etree import _Element

    from .page import Page

# A licence line is short: a theme's line and a site's notice are one or two sentences (NexT's
# block with its author and link lines, Pressbooks' notice: some 40 tokens).
LINE_TOKENS = 60
# What a line says (key() text, between spaces) ---------------------------------------------
# A licence of Creative Commons named by its short name: "CC BY-NC-SA 4.0", "BY-NC-SA"
# (NexT's link text), CC0; or by its long name ("Creative Commons Attribution-ShareAlike"),
# or the public domain.
_CC_NAME = lazy_compile(
    r" (?:cc (?:- )?by(?: - (?:nc|nd|sa))*(?: \d(?: \. \d)?)?|cc0|cc (?:- )?zero"
    r"|by(?: - (?:nc|nd|sa))+(?: \d(?: \. \d)?)?) ")
_CC_WORDS = (" creative commons ", " public domain ", " domaine public ", " dominio publico ",
             " dominio publico ")
_SPACED_MARK = lazy_compile(r" ?([-.]) ?")
# A licence line states a licence: one of these words stands in it (a licence merely named,
# "in this CC BY-ND piece", is a note's word, not a line).
_STATES = (" licensed ", " licence ", " license ", " licences ", " licenses ", " licencia ",
           " licencias ", " licenciados ", " licenciado ", " licenciadas ", " licenca ",
           " licenza ", " lisensi ", " public domain ", " domaine public ", " dominio publico ")
# ... as a page's tokens spell them, with the words of a copyright reserving rights: a
# licence line holds one of them (where they stand is found in C, before any line's words
# are keyed)
_STATE_FORMS = frozenset(f for w in (
    "licensed licence license licences licenses licencia licencias licenciados licenciado "
    "licenciadas licença licenca licenza lisensi domain domaine dominio domínio rights "
    "droits derechos direitos cipta").split() for f in (w, w.capitalize(), w.upper()))
# A statement of a licence in words, where the licence's name is not one of those.
_LICENSED = (" licensed under ", " sous licence ", " bajo la licencia ", " bajo una licencia ",
             " licenciados bajo ", " licenciado bajo ", " sob a licenca ", " sob uma licenca ",
             " di bawah lisensi ")
# Words saying "no derivatives": the article's own licence, CC BY-ND.
_NO_DERIVATIVES = (" nd ", " noderivatives ", " noderivs ", " no derivatives ",
                   " no derivative works ", " pas de modification ", " sinderivadas ",
                   " sin derivadas ", " sin obra derivada ", " semderivacoes ",
                   " sem derivacoes ", " tanpa turunan ")
# A copyright reserving every right (a claim no licence of the article allows), which misstates
# the article's licence only when it is said of the post ("This article is the property of
# Harbour News. All rights reserved."): a site's "© 2025 Harbour News. All rights reserved."
# speaks of the site's own material, as every site's footer does.
_ALL_RIGHTS = (" all rights reserved ", " tous droits reserves ",
               " todos los derechos reservados ", " todos os direitos reservados ",
               " hak cipta dilindungi ")
ALL_RIGHTS = "all rights reserved"
_THE_POST = lazy_compile(
    r" (?:this|the) (?:post|article|story|piece|entry) |(?: cet| l ' ) article | ce billet "
    r"| cette publication | (?:este|el) (?:articulo|post) | (?:esta|la) (?:entrada|publicacion"
    r"|nota) | (?:este|o) artigo | artikel ini ")
# A qualifier leaving room for a post's own notice ("unless otherwise noted", NexT's "unless
# stating additionally" in its English, French and Spanish wording, Creative Commons' own
# "Except where otherwise noted"), in the languages of The Conversation's editions; or
# limiting the line to the site's own work.
_QUALIFIERS = (
    " unless otherwise ", " except where otherwise ", " except as otherwise ",
    " unless stating additionally ", " unless stated otherwise ", " unless noted otherwise ",
    " unless indicated otherwise ", " unless specified otherwise ", " except where noted ",
    " unless noted ", " where not otherwise ",
    " sauf mention contraire ", " sauf indication contraire ", " sauf avis contraire ",
    " sauf mention particuliere ", " sauf mention speciale ",
    " salvo que se indique lo contrario ", " salvo indicacion contraria ",
    " salvo que se especifique ", " salvo que se indique ", " salvo indicacion en contrario ",
    " a no ser que se especifique ", " a no ser que se indique ", " a menos que se indique ",
    " excepto donde se indique ", " excepto que se indique ", " salvo donde se indique ",
    " exceto quando indicado ", " salvo indicacao em contrario ", " exceto onde indicado ",
    " salvo quando indicado ", " kecuali dinyatakan lain ", " kecuali disebutkan lain ",
    # a line that speaks of the site's own work only ("Our own stories are published under
    # a Creative Commons licence") says nothing of what it republishes
    " our own ", " nos propres ", " nuestros propios ", " nuestras propias ",
    " nossos proprios ", " nossas proprias ",
)


class Stated(NamedTuple):
    """A licence a page states outside The Conversation's attribution line."""

    element: _Element  # the line (its innermost block), or the head's <link rel="license">
    names: str  # what it names: a licence's URL, its name in words, "all rights reserved"
    line: str  # its words, for evidence ("" for markup in the head)
    right: bool  # it names CC BY-ND 4.0, the article's licence
    qualified: bool  # "unless otherwise noted": the post's own notice may say otherwise


def stated_licence(rep: Page, el: _Element, found: Sequence[int] | None = None
                   ) -> Stated | None:
    """The licence ``el``, a block of at most LINE_TOKENS tokens, states, when it is a
    licence line and not The Conversation's attribution line (it links or names The
    Conversation), else None. ``found``, when the caller has them: where the page's words
    hold a word of _STATE_FORMS, in order."""
    start, end = rep.at.get(el, (0, 0))
    if not 0 < end - start <= LINE_TOKENS:
        return None
    if found is not None:
        k = bisect_left(found, start)
        if not (k < len(found) and found[k] < end):
            return None
    tokens = rep.words[start:end]
    if found is None and _STATE_FORMS.isdisjoint(tokens):
        return None  # no word stating a licence or reserving rights (a picture's credit
        # linking its licence): nothing more to read
    if _prints_a_link(rep, el):
        return None  # a print view's list of the page's links: the link is judged where
        # it stands (a picture's caption, the attribution line)
    links = list(el.iter("a"))
    licence_links = [a for a in links if _licence_link(a)]
    if any(is_tc_url(a.get("href") or "") for a in links):
        return None
    said = f" {key(' '.join(tokens))} "
    if " the conversation " in said:
        return None
    hrefs = [(a.get("href") or "").strip() for a in licence_links]
    m = _CC_NAME.search(said)
    if hrefs:
        named = next((h for h in hrefs if CC_LICENCE.search(h)), hrefs[0])
    elif m is not None:
        named = _SPACED_MARK.sub(r"\1", m.group().strip()).upper()
    elif any(w in said for w in _CC_WORDS):
        named = "a Creative Commons licence"
    elif any(p in said for p in _ALL_RIGHTS):
        if not _THE_POST.search(said):
            return None  # the site's copyright over its own material
        named = ALL_RIGHTS
    elif any(w in said for w in _LICENSED):
        named = "another licence"
    else:
        return None  # a licence word, no statement of one ("our licence fees")
    if named != ALL_RIGHTS and not any(w in said for w in _STATES):
        return None  # a licence named in passing ("… answered our readers in this CC
        # BY-ND piece"): an editor's note, not a licence line
    right = any(TC_LICENCE_LINK.match(h) for h in hrefs) or (
        not hrefs and named != ALL_RIGHTS
        and any(p in said for p in _NO_DERIVATIVES))
    qualified = any(q in said for q in _QUALIFIERS)
    return Stated(el, named, join_words(tokens), right, qualified)


# A print view's printed link: "[n] the link's text: its address", as WP-Print lists every
# link of the post under it (p.wp-print-url).
_PRINTED_LINK = lazy_compile(r"^\s*\[\d{1,3}\]\s.{0,300}?:\s*(https?://\S+)\s*$", re.S)


def _prints_a_link(rep: Page, el: _Element) -> bool:
    """Whether ``el`` is a print view's entry for one of the page's links (_PRINTED_LINK):
    its address written out is the address of a link of the page, which states what it
    states where it stands (red team F98)."""
    m = _PRINTED_LINK.match(text_of(el))
    if m is None:
        return False
    url = m.group(1)
    return any((a.get("href") or "").strip() == url for a in rep.root.iter("a"))


def _licence_link(a: _Element) -> bool:
    """A link to a licence: to one of Creative Commons', or marked rel="license"."""
    href = a.get("href") or ""
    return ("creativecommons" in href.lower() and bool(CC_LICENCE.search(href))) or \
        "license" in (a.get("rel") or "").lower().split()


def stated_licences(rep: Page, chrome: Container[_Element],
                    article: tuple[int, int] | None) -> Iterator[Stated]:
    """Every licence the page states for its content outside The Conversation's attribution
    line: each innermost block that is a licence line (stated_licence), outside a picture's
    caption (its licence is the picture's) and the article's own words (``article``, a
    token range), and for a copyright reserving all rights, outside the page's ``chrome`` (a
    site footer's copyright speaks of the site, whatever its words); and
    the head's ``<link rel="license">``, which declares the licence of the page's main content
    to machines."""
    if rep.plain:
        return
    for link in rep.root.iter("link"):
        if "license" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href:
                yield Stated(link, href, "", bool(TC_LICENCE_LINK.match(href)), False)
    words = rep.words
    hits: list[int] = []
    for form in _STATE_FORMS.intersection(words):  # found in C; their places one by one
        at = -1
        try:
            while True:
                at = words.index(form, at + 1)
                hits.append(at)
        except ValueError:
            pass
    if not hits:
        return
    hits.sort()
    found = [s for el in rep.root.iter(*BLOCK_TAGS)
             if (s := stated_licence(rep, el, hits)) is not None]
    # the innermost: a block holding another line is not one (a theme's footer around it)
    holders = {a for s in found for a in s.element.iterancestors()}
    inner = [s for s in found if s.element not in holders]
    for stated in inner:
        el = stated.element
        start, end = rep.at.get(el, (0, 0))
        if article is not None and article[0] < end and start < article[1]:
            continue
        if stated.names == ALL_RIGHTS and (
                el in chrome or any(a in chrome for a in el.iterancestors())):
            continue  # the site's copyright in its footer, however it is worded
        if in_picture_caption(rep, el):
            continue
        yield stated
