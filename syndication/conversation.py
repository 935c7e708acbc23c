"""Every fact syndication relies on about The Conversation, in one place
(docs/the-conversation.md): its home and hosts (with a strict host test), how an article's id
is written in entry ids and URLs, the page counter, the image host, its logo, the editions
and their languages, the rights statement, and the attribution line in each language. Pure: strings,
patterns and small tests on them, loading nothing but the standard library and urls.py, so
every run may import it; every other module imports these facts from here."""

from __future__ import annotations

import re
from functools import cache

from .lazyre import lazy_compile
from .urls import host_of, url_parts

#: The Conversation's host; edition and service hosts are its sub-domains (counter., images.).
TC_HOST = "theconversation.com"
#: Its home page: the attribution line links it (docs/the-conversation.md#republish-package).
TC_HOME = f"https://{TC_HOST}"
# The host in a pattern, and the host or any of its sub-domains.
_HOST = re.escape(TC_HOST)
_ANY_HOST = rf"(?:[\w-]+\.)*{_HOST}"
#: The only machine-readable licence statement The Conversation publishes (an Atom entry's
#: <rights>, docs/the-conversation.md#rights).
TC_RIGHTS = "Licensed as Creative Commons – attribution, no derivatives."

# --- hosts ----------------------------------------------------------------------------------


def is_tc_host(host: str) -> bool:
    """Whether ``host`` is The Conversation's: theconversation.com or one of its sub-domains.
    Lookalikes are not: theconversation.com.evil.example, eviltheconversation.com."""
    host = host.lower().rstrip(".")
    return host == TC_HOST or host.endswith("." + TC_HOST)


def is_tc_url(href: str) -> bool:
    """Whether ``href`` points at a host of The Conversation."""
    return is_tc_host(host_of(href))


# --- articles and their ids ------------------------------------------------------------------

#: An entry's id: tag:theconversation.com,2011:article/N (docs/the-conversation.md#entry-shape).
ENTRY_ID = f"tag:{TC_HOST},2011:article/{{}}"
# An article id: ASCII digits (\d would take "٣", an Arabic-Indic 3, for article 3), no
# leading zero, at most 18 of them (SQLite's INTEGER holds below 2**63; ids are six digits).
_ID = r"([1-9][0-9]{0,17})"
_ENTRY_ID_RE = lazy_compile(rf"article/{_ID}\s*$")
# https://theconversation.com/some-slug-263253 -> 263253: the id ends the canonical slug
# (docs/the-conversation.md#article-pages); an article's URL has no edition prefix.
_URL_ID_RE = lazy_compile(rf"-{_ID}/?(?:[?#].*)?$")
# The Conversation's paths that are not articles, though some end in "-{digits}".
_NOT_ARTICLE = lazy_compile(
    r"^/(?:profiles|institutions|topics|columns|[a-z-]+/(?:topics|columns))/")
#: A URL of The Conversation written out in plain text.
TC_URL_IN_TEXT = lazy_compile(
    rf"https?://{_ANY_HOST}(?::\d+)?/[^\s<>\"')]+", re.I)


#: The site name The Conversation's own pages give (``<meta property="og:site_name">``,
#: docs/the-conversation.md#article-pages); an edition's name may follow it.
TC_SITE_NAME = "The Conversation"


def is_tc_site_name(name: str) -> bool:
    """Whether a page's site name is The Conversation's ("The Conversation", "The
    Conversation France"), without case: a republisher's site has its own name."""
    name = " ".join(name.split()).casefold()
    own = TC_SITE_NAME.casefold()
    return name == own or name.startswith(own + " ")


#: An article named by its id ("263253") or its URL ("https://theconversation.com/{slug}-{id}").
ARTICLE_REF = lazy_compile(rf"^(?:{_ID}|https?://\S+-{_ID}/?)$")


def article_id_from_entry_id(entry_id: str) -> int | None:
    """N from ``tag:theconversation.com,2011:article/N``."""
    m = _ENTRY_ID_RE.search(entry_id)
    return int(m.group(1)) if m else None


def article_id_from_url(url: str) -> int | None:
    """N from an article URL ``…/{slug}-{N}``, whatever its host (a mirror, a test server)."""
    m = _URL_ID_RE.search(url)
    return int(m.group(1)) if m else None


def tc_article_id(href: str) -> int | None:
    """N when ``href`` is an article URL on a host of The Conversation, else None."""
    href = href.strip()
    if not is_tc_url(href):
        return None
    path = url_parts(href).path
    if _NOT_ARTICLE.match(path):
        return None
    return article_id_from_url(path)


#: The path of an author's profile page: /profiles/{slug}-{id}
#: (docs/the-conversation.md#authors).
PROFILE_PATH = "/profiles/"
#: The path of an institution's page: /institutions/{slug}.
INSTITUTION_PATH = "/institutions/"


def is_profile_url(href: str) -> bool:
    """An author's profile page on The Conversation (/profiles/{slug}-{id})."""
    return is_tc_url(href) and PROFILE_PATH in url_parts(href.strip()).path


def is_institution_url(href: str) -> bool:
    """An institution's page on The Conversation (/institutions/{slug})."""
    return is_tc_url(href) and INSTITUTION_PATH in url_parts(href.strip()).path


# --- editions and languages ------------------------------------------------------------------

#: Each edition and the language its articles are written in
#: (docs/the-conversation.md#editions-and-languages).
EDITIONS = {
    "africa": "en", "au": "en", "br": "pt", "ca": "en", "ca-fr": "fr", "es": "es",
    "europe": "en", "fr": "fr", "global": "en", "id": "id", "nz": "en", "uk": "en", "us": "en",
}
#: The languages of the editions (two-letter codes).
LANGUAGES = tuple(dict.fromkeys(EDITIONS.values()))
# An edition's path segment: us, ca-fr, global (and editions not listed yet, same shape).
_EDITION = r"(?:[a-z]{2}(?:-[a-z]{2})?|global|europe|africa)"
# An edition's home path: /us, /ca-fr, /global.
_EDITION_HOME = lazy_compile(_EDITION)


# /us/articles.atom, /ca-fr/articles.atom, /articles.atom: every article of an edition
# (docs/the-conversation.md#atom-feeds). Section, topic and institution feeds have more path
# segments.
_EDITION_FEED = lazy_compile(rf"^/(?:{_EDITION}/)?articles\.atom$")


def is_edition_feed(url: str) -> bool:
    """Whether ``url`` is a whole edition's feed (whatever its host: mirrors and tests)."""
    path = url_parts(url.strip()).path.rstrip("/").lower()
    return bool(_EDITION_FEED.match(path))


def is_tc_home(href: str) -> bool:
    """The Conversation's home page or an edition's (https://theconversation.com/fr)."""
    if not is_tc_url(href):
        return False
    path = url_parts(href.strip()).path.strip("/")
    return path == "" or _EDITION_HOME.fullmatch(path) is not None


# --- the page counter and images --------------------------------------------------------------

#: https://counter.theconversation.com/content/263253/count.gif[?distributor=…]: the page
#: counter of article N (docs/the-conversation.md#page-counter).
_COUNTER = rf"counter\.{_HOST}/content/(\d+)/count\.gif"
COUNTER_RE = lazy_compile(rf"^(?:https?:)?//{_COUNTER}(?:\?.*)?$")
#: The counter in a page a browser saved "complete" (Chrome's and Firefox's "Webpage,
#: Complete"): a copy of its file, count.gif (count(1).gif, count.gif.download when a
#: second one or its type needs telling apart), in the page's "{name}_files" folder; the
#: URL, and with it the article's id, is gone.
SAVED_COUNTER_RE = lazy_compile(
    r"^(?![a-z][a-z0-9+.-]*://)(?:[^?#]*/)?[^/?#]*_files/count(?:\s?\(\d+\))?\.gif"
    r"(?:\.download)?$", re.IGNORECASE)
#: The counter as an Atom entry's content ends with it, for article {n}.
COUNTER_HTML = (f'<img src="https://counter.{TC_HOST}/content/{{n}}/count.gif" '
                'alt="The Conversation" width="1" height="1" />')
# images.theconversation.com/files/690752/original/… -> "690752": one picture whatever its
# size, crop or quality parameters; also inside another URL, once decoded: an image CDN or
# proxy that rewrote it (Jetpack's i0.wp.com/images.theconversation.com/…, Cloudinary's
# image/fetch/https://images…, Next.js's /_next/image?url=https%3A%2F%2Fimages…, wsrv.nl's
# ?url=images…).
TC_IMAGE_RE = lazy_compile(rf"(?<![\w.-])images\.{_HOST}/files/(\d+)/", re.IGNORECASE)
# The name The Conversation gives a picture's file when it is uploaded (file-20250916-56-
# k9jhld.jpg), which a copy downloaded and uploaded to another site keeps (WordPress adds a
# size, "-scaled" or "-1" before the extension): the same picture.
TC_IMAGE_NAME_RE = lazy_compile(r"(?<![\w-])(file-\d{8}-\d+-[0-9a-z]+)(?=[.-])", re.IGNORECASE)


# The Conversation's logo as its pages print it (the recorded tc-article-*-fr.html: the
# masthead's and the top bar's <a href="/fr"><img alt="The Conversation" src="https://cdn.
# theconversation.com/static/tc/@theconversation/ui/dist/esm/logos/logo-en-{hash}.svg">; the
# style sheet's fallback static/tc/logos/logo-no-svg-{hash}.png), which republishers show
# beside the credit, linked to The Conversation: its file on The Conversation's host, or a
# copy uploaded to their own site, named The Conversation in its alt text and "logo" or
# "conversation" in its file's name (docs/compliance.md#rule-images).
_LOGO_PATH = lazy_compile(r"/logos/logo-[\w-]*\.(?:svg|png)$", re.IGNORECASE)
_LOGO_NAME = lazy_compile(r"logo|conversation", re.IGNORECASE)


def is_tc_logo(src: str, alt: str) -> bool:
    """Whether an image of address ``src`` and alt text ``alt`` is The Conversation's logo:
    its own file on The Conversation's host, or a copy whose alt text names The
    Conversation and nothing else and whose file's name says logo or conversation."""
    path = url_parts(src.strip()).path
    if is_tc_url(src) and _LOGO_PATH.search(path):
        return True
    name = path.rsplit("/", 1)[-1]
    return bool(_LOGO_NAME.search(name)) and bool(_logo_alt().match(" ".join(alt.split())))


@cache
def _logo_alt() -> re.Pattern[str]:
    """What a logo's alt text says: The Conversation's name, an edition's after it, "logo"
    beside it ("The Conversation", "The Conversation France", "Logo de The Conversation"),
    without case."""
    editions = "|".join(re.escape(e) for e in EDITION_NAMES)
    return re.compile(rf"^(?:logo\W+(?:de\W+|of\W+)?)?the\W+conversation"
                      rf"(?:\W+(?:{editions}))?(?:\W+logo)?\W*$", re.IGNORECASE)


#: The counter's URL anywhere inside another URL: an image CDN or proxy that rewrote it
#: (i0.wp.com/counter.theconversation.com/…, res.cloudinary.com/…/image/fetch/https://counter…).
COUNTER_INSIDE_RE = lazy_compile(_COUNTER, re.I)


def counter_article_id(src: str) -> int | None:
    """N when ``src`` is the page counter of article N, else None."""
    m = COUNTER_RE.match(src.strip())
    return int(m.group(1)) if m else None


# --- promos ---------------------------------------------------------------------------------

# The Conversation's own promos inside an article body: newsletter plugs, donation appeals,
# series boxes (docs/compliance.md#rule-unaltered-text). Known by where they lead, which is
# the same in every edition's language: a plug links the newsletter sign-up
# (memberservices.theconversation.com/newsletters/…, recorded in the French feed:
# "[Plus de 85 000 lecteurs… Abonnez-vous aujourd’hui]") or The Conversation's newsletter
# and donation pages *(inferred: donate.theconversation.com, /{edition}/newsletters,
# /{edition}/donate)*.
#: A promo's link.
PROMO_LINK = lazy_compile(
    rf"^(?:https?:)?//(?:memberservices|donate)\.{_HOST}(?:[/?#]|$)"
    rf"|^(?:https?:)?//{_ANY_HOST}/(?:{_EDITION}/)?"
    r"(?:newsletters?|donate|donations?|become-a-donor)(?:[/?#.-]|$)",
    re.IGNORECASE,
)
# A series box says the article belongs to a series, in the edition's language, and links
# only The Conversation *(inferred from the editions' pages; no recorded sample)*. Compared
# after fold_name(), at the start of the block's text (brackets and emphasis aside).
#: How a series box opens.
SERIES_OPENINGS = (
    "this article is part of", "this story is part of", "this piece is part of",
    "cet article fait partie", "cet article s'inscrit dans", "este articulo forma parte",
    "este articulo es parte", "este artigo faz parte", "este artigo e parte",
    "artikel ini bagian dari", "artikel ini merupakan bagian", "artikel ini adalah bagian",
)

# --- the attribution line --------------------------------------------------------------------

#: The attribution line per edition language: The Conversation's own wording
#: (docs/the-conversation.md#republish-package), with "Creative Commons" linked to the deed.
#: {home}, {deed} and {url} are filled with escaped URLs.
ATTRIBUTION = {
    "en": 'This article is republished from <a href="{home}">The Conversation</a> under a '
    '<a rel="license" href="{deed}">Creative Commons license</a>. '
    'Read the <a href="{url}">original article</a>.',
    "es": 'Este artículo fue publicado originalmente en <a href="{home}">The Conversation</a> '
    'bajo una <a rel="license" href="{deed}">licencia Creative Commons</a>. '
    'Lea el <a href="{url}">original</a>.',
    "fr": 'Cet article est republié à partir de <a href="{home}">The Conversation</a> sous '
    '<a rel="license" href="{deed}">licence Creative Commons</a>. '
    'Lire l’<a href="{url}">article original</a>.',
    "pt": 'Este artigo foi republicado do <a href="{home}">The Conversation</a> sob uma '
    '<a rel="license" href="{deed}">licença Creative Commons</a>. '
    'Leia o <a href="{url}">artigo original</a>.',
    "id": 'Artikel ini diterbitkan ulang dari <a href="{home}">The Conversation</a> di bawah '
    '<a rel="license" href="{deed}">lisensi Creative Commons</a>. '
    'Baca <a href="{url}">artikel aslinya</a>.',
}
#: How the attribution line opens, in the wordings The Conversation's republish code has used
#: per language (the recorded tc-republished-*.html carry some of them).
ATTRIBUTION_PHRASES = {
    "English": ("republished from the conversation", "originally published on the conversation",
                "originally published in the conversation"),
    "Spanish": ("publicado originalmente en the conversation", "republicado de the conversation",
                "republicado desde the conversation"),
    "French": ("republié à partir de the conversation", "publié initialement sur the conversation",
               "initialement publié sur the conversation", "republié depuis the conversation"),
    "Indonesian": ("diterbitkan ulang dari the conversation",
                   "diterbitkan pertama kali di the conversation",
                   "dipublikasikan ulang dari the conversation"),
    "Portuguese": ("republicado do the conversation", "republicado de the conversation",
                   "publicado originalmente no the conversation",
                   "publicado originalmente em the conversation"),
}
#: How The Conversation signs the stories it sends its partners (Yahoo News, AP, MSN…), after
#: "This article is republished from The Conversation": its description of itself, the label
#: of the authors' line ("It was written by: Name, Institution") and of the list of its other
#: articles ("Read more:") *(inferred from partners' pages; no recorded sample)*. Compared
#: after key(), as a credit's words (compliance/credit.py).
PARTNER_ENDING_PHRASES = (
    "a nonprofit, independent news organization bringing you facts and trustworthy analysis "
    "to help you make sense of our complex world",
    "a nonprofit, independent news organization bringing you facts and analysis to help you "
    "make sense of our complex world",
    "an independent and nonprofit source of news, analysis and commentary from academic "
    "experts",
    "it was written by", "read more",
)
#: How The Conversation names an edition after its own name: "The Conversation France", "The
#: Conversation US" (recorded in tc-article-212649-fr.html); the others *(inferred)*.
EDITION_NAMES = ("Africa", "Australia", "Brasil", "Canada", "España", "Europe", "France", "FR",
                 "Global", "Indonesia", "New Zealand", "NZ", "UK", "US", "AU", "CA")
#: The heading over an article's disclosure statement on The Conversation's pages, which
#: republishers carry with the statement: "Déclaration d’intérêts" (recorded in
#: tc-article-209538-fr.html), "Disclosure statement" (the English editions' pages).
DISCLOSURE_HEADINGS = ("Disclosure statement", "Déclaration d’intérêts")
#: The languages whose official attribution line names no licence: the Spanish line ("Este
#: artículo fue publicado originalmente en The Conversation. Lea el original.", recorded in
#: tc-republished-basic-es-*.html). Every other known line says "Creative Commons", so a
#: republication in those languages must state or link the licence
#: (docs/compliance.md#rule-licence-notice).
LINES_WITHOUT_LICENCE = frozenset({"Spanish"})
#: The licence of every article: CC BY-ND 4.0, its deed or legal code in any language.
TC_LICENCE_LINK = lazy_compile(
    r"^(?:https?:)?//(?:www\.)?creativecommons\.org/licen[cs]es/by-nd/4\.0(?:/|$|[?#])", re.I)
