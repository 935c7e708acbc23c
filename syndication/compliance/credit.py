"""Pure: whether a block of words around an article is its credit, known by its shape
(docs/compliance.md#the-articles-span): every word of it credits the article (the authors'
names, roles and institutions, The Conversation, the licence, the headline, the attribution
line's words) or joins and labels those (by, and, of, "Author:", "republished from"); a
block that names the author or The Conversation but says anything else is the publisher's."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..conversation import (
    ATTRIBUTION,
    ATTRIBUTION_PHRASES,
    DISCLOSURE_HEADINGS,
    EDITION_NAMES,
    PARTNER_ENDING_PHRASES,
    TC_HOST,
)
from ..lazyre import lazy_compile
from ..models import Article
from ..tokens import key
from ..wording import CREDIT

# Words that join and label a credit, folded (no case, no accents), in the languages of The
# Conversation's editions (en, fr, es, pt, id). Only these may stand beside the credit's own
# words: an editor's note, a thank-you or a summary has words of its own ("wrote", "piece",
# "thank", "readers") and is the publisher's text.
_JOINERS = frozenset("""
    a an the of at and in on from under with via is are was were has have had been its
    their this these
    de d du des la le les l a au aux et en sur sous dans depuis est sont ete cet cette ces
    del el los las y e un una con desde bajo es son fue se ha han sido este esta estos
    do da dos das no na em o os as um uma sob com foi sao
    dan di dari ke ini oleh pada dengan telah
""".split())
# Labels of a byline or an author box ("By", "Author:", "Par", "Escrito por", "About the
# authors") and words of a line saying where the article was first published and under what
# licence, as republishers word it beside The Conversation's own line ("first appeared on",
# "published with permission", "in partnership with", "Source:"), and as aggregators and
# partner platforms word the provider's credit ("Provided by The Conversation", "Distributed
# by", "Fourni par", "Proporcionado por").
_LABELS = frozenset("""
    by author authors written writer writers about contributor contributors source courtesy
    provided distributed syndicated fourni fournie proporcionado proporcionada distribuido
    republished published originally first appeared initially reprinted reproduced
    permission partnership licence license licensed licenses licences read original
    article piece story text version full
    par auteur auteurs autrice autrices ecrit ecrite redige redigee propos
    republie republiee publie publiee initialement paru parue premiere fois abord
    reproduit autorisation partenariat issu lire complet originale texte
    por autor autores autora autoras escrito escrita sobre fuente cortesia
    republicado publicado publico originalmente aparecio primero primera vez reproducido
    permiso colaboracion alianza licencia lea leer articulo completo texto version
    fonte artigo republicada publicada apareceu parceria licenca leia versao
    penulis tentang sumber diterbitkan ulang pertama kali terbit izin kerja sama lisensi
    baca artikel aslinya asli selengkapnya dipublikasikan tulisan
""".split())
# A credit line may date the first publication ("Originally published at theconversation.com
# on October 2, 2025.", as Medium's import prints it): the months, folded, in the editions'
# languages (and English's short forms); numbers beside them are the day and year.
MONTHS = frozenset("""
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre
    janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro
    januari februari maret april mei juni juli agustus september oktober november desember
""".split())
# Multi-word labels: an editor's note that says nothing but the credit is credit; the licence
# written short (CC BY-ND 4.0).
_NOTE_LABELS = (
    "editor's note", "editors' note", "editor note", "note de la redaction",
    "nota de la redaccion", "nota do editor", "nota da redacao", "catatan redaksi",
)
# Names that credit whole, whatever the article: The Conversation, the licence written short.
_NAMED = (CREDIT, *(f"{CREDIT} {e}" for e in EDITION_NAMES),
          "Creative Commons", "CC BY-ND", "CC-BY-ND", "BY-ND")
# Hosts whose addresses written out are credit (a plain-text letter's links).
_CREDIT_HOSTS = tuple(tuple(key(h).split()) for h in (TC_HOST, "creativecommons.org"))
# Marks that continue a URL written out in plain text when a word follows them.
_URL_MARKS = frozenset("-./_~%?=&#+")
_TAGS = lazy_compile(r"<[^>]+>")
#: The attribution line in a language not known here ("Dieser Artikel erschien zuerst bei
#: The Conversation. Originalartikel lesen.") is known by its links (The Conversation's home
#: and the original) and this many words at most beside them: the official lines have 5 to 9.
FOREIGN_LINE_WORDS = 6
#: An author box's text names an author within its first this many tokens.
BIO_OPENING = 4


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or any(c.isalnum() for c in token)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(key(text).split())


def _words(text: str) -> frozenset[str]:
    return frozenset(t for t in key(text).split() if _is_word(t))


# The attribution line in every edition's language, its openings, and The Conversation's
# disclosure headings: each of their words may stand in a credit.
_TC_WORDS = _words(" ".join((*(_TAGS.sub(" ", line) for line in ATTRIBUTION.values()),
                             *(p for ps in ATTRIBUTION_PHRASES.values() for p in ps),
                             *DISCLOSURE_HEADINGS)))
_GLUE = _JOINERS | _LABELS | _TC_WORDS
# The licence's version, and The Conversation's partner ending's words (its description of
# itself, "It was written by", "Read more"): they credit nothing by themselves, and may stand
# beside a credit.
_GLUE_PHRASES = (_phrase("4.0"), *(_phrase(p) for p in PARTNER_ENDING_PHRASES))
_NOTES = tuple(_phrase(p) for p in _NOTE_LABELS)
_NAMED_PHRASES = tuple(_phrase(n) for n in _NAMED)  # folded once, not for every article
_TC_PHRASE = _phrase(CREDIT)  # The Conversation, which names any of its editions too


class Credit(NamedTuple):
    """What credits one article: phrases that name a credit whole (each author's name, role
    and institution, the headline, The Conversation, the licence) and single words a credit
    may hold once one of those stands in it (each word of the authors' credit: "Santa
    Barbara" beside the full name)."""

    names: tuple[tuple[str, ...], ...]  # folded tokens, longest first
    words: frozenset[str]  # folded words of the authors' names, roles and institutions
    people: tuple[tuple[str, ...], ...]  # each author's name and surname, folded tokens


@lru_cache(maxsize=4)
def credit_of(article: Article) -> Credit:
    """The credit facts of ``article``: its authors (name, role, institution) and headline.
    Kept for the last few articles: a page's judgement asks them twice (its newsletter boxes,
    its span), and an Article is frozen, so it keys everything they depend on."""
    folded: dict[str, tuple[str, ...]] = {}  # a text met twice (a name, a role) folds once

    def phrase(text: str) -> tuple[str, ...]:
        if (p := folded.get(text)) is None:
            p = folded[text] = _phrase(text)
        return p

    phrases = [phrase(article.title), *_NAMED_PHRASES]
    for a in article.authors:
        texts = [a.name, a.institution or "", a.role or ""]
        texts += re.split(r"[;,]", a.role or "")
        texts += a.name.split()[-1:]  # the surname names the author too ("A. Souza")
        phrases += map(phrase, texts)
    names = {p for p in phrases if p}
    words = _words(" ".join(" ".join((a.name, a.institution or "", a.role or ""))
                            for a in article.authors))
    initials = {w[0] for a in article.authors for w in phrase(a.name) if _is_word(w)}
    people = {p for a in article.authors for t in (a.name, *a.name.split()[-1:])
              if (p := phrase(t))}
    return Credit(tuple(sorted(names, key=len, reverse=True)), words | initials,
                  tuple(people))


def names_the_article(run: Sequence[str], credit: Credit) -> bool:
    """Whether the tokens ``run`` name one of the article's authors (name or surname) or The
    Conversation: words about the article, not a publisher's pitch for its own newsletter."""
    folded = key(" ".join(run)).split()
    n = len(folded)
    return any(tuple(folded[k:k + len(p)]) == p
               for p in (*credit.people, _TC_PHRASE)
               for k in range(n - len(p) + 1) if folded[k] == p[0])


def credit_words_only(run: Sequence[str], credit: Credit) -> bool:
    """Whether every word of the tokens ``run`` is a word of the authors' credit (their
    names, roles, institutions) or a joining or labelling word: a run the original shares
    with a byline ("of the Marine Science Institute", in the article's body and in its
    author's role) carries a credit, not the article's text."""
    return all(w in credit.words or w in _GLUE for t in run
               for w in ((t.lower(),) if t.isascii() and t.isalnum() else key(t).split())
               if _is_word(w))


def is_credit(run: Sequence[str], linked: Sequence[bool], credit: Credit, *,
              attribution: bool = False, notes: bool = True) -> bool:
    """Whether the words ``run`` (a block's tokens; ``linked``: which stand in a link to The
    Conversation or the licence) are nothing but credit: something credits the article whole
    (a name, an institution, The Conversation, the licence, the headline, a credit link or
    address), and every other word is a word of the authors' credit or a joining or
    labelling word; or the block holds labels and joining words only ("By", "and"). A
    thank-you, an editor's note, a summary that names the author or The Conversation has
    words of its own and is not credit; nor is a dateline that happens to be an
    institution's city. ``attribution``: the block links both The Conversation's home and
    the original, as the attribution line does; with at most FOREIGN_LINE_WORDS words
    outside its links it is that line in a language not known here. ``notes`` False: an
    editor's note's label is no credit (an author box's heading)."""
    if attribution and sum(1 for t, in_link in zip(run, linked, strict=True)
                           if not in_link and _is_word(t)) <= FOREIGN_LINE_WORDS:
        return True
    tokens: list[str] = []
    covered: list[bool] = []
    for t, in_link in zip(run, linked, strict=True):
        # an ASCII word folds to itself in lower case (tokens.key), without the regexes
        for folded in (t.lower(),) if t.isascii() and t.isalnum() else key(t).split():
            tokens.append(folded)
            covered.append(in_link)
    named = any(covered)
    starts: dict[str, list[int]] = {}  # where each token stands: a phrase is looked for
    for k, t in enumerate(tokens):     # only where its first word does
        starts.setdefault(t, []).append(k)
    for phrases, naming in ((credit.names, True), (_GLUE_PHRASES, False),
                            (_NOTES if notes else (), False)):
        for phrase in phrases:
            width = len(phrase)
            for k in starts.get(phrase[0], ()):
                if k + width <= len(tokens) and tuple(tokens[k:k + width]) == phrase:
                    covered[k:k + width] = [True] * width
                    named = named or naming
    named = _cover_addresses(tokens, covered) or named
    rest = [t for k, t in enumerate(tokens) if not covered[k] and _is_word(t)
            and t not in _GLUE and t not in MONTHS and not t.isdigit()]
    return all(t in credit.words for t in rest) and (named or not rest)


def is_author_box(heading: Sequence[str], rest: Sequence[str], credit: Credit) -> bool:
    """Whether a box whose heading has the words ``heading`` and the rest of it ``rest`` is an
    author box with a biography: its heading is nothing but credit ("About the author", "À
    propos de l'autrice", "Sobre los autores", an author's name), and its text opens with an
    author's name (within BIO_OPENING words: "Dr Rebecca Vega Thurber studies corals…").
    A biography says more than a byline, and is the author's credit all the same."""
    if not heading or not is_credit(heading, [False] * len(heading), credit, notes=False):
        return False
    opening = [t for t in (key(w) for w in rest[:BIO_OPENING + 4]) if t]
    return any(tuple(opening[k:k + len(p)]) == p for p in credit.people
               for k in range(min(BIO_OPENING, len(opening))))


def _cover_addresses(tokens: list[str], covered: list[bool]) -> bool:
    """Mark the tokens of The Conversation's or the licence's addresses written out
    ("https://theconversation.com/how-sea-star-…-263253", "creativecommons.org/licenses/…"):
    from the scheme or host on, word after word joined by a URL's marks. Whether any."""
    n, found = len(tokens), False
    for k in range(n):
        if tuple(tokens[k:k + 3]) not in _CREDIT_HOSTS:
            continue
        start = k
        if start >= 4 and tokens[start - 4] in ("http", "https") and tokens[
                start - 3:start] == [":", "/", "/"]:
            start -= 4
        elif start >= 2 and tokens[start - 2] == "www" and tokens[start - 1] == ".":
            start -= 2
        end = k + 3
        while end < n:
            if tokens[end] in _URL_MARKS and end + 1 < n and tokens[end + 1].isalnum():
                end += 2
            elif tokens[end] == "/":
                end += 1
            else:
                break
        covered[start:end] = [True] * (end - start)
        found = True
    return found
