"""Pure: the rules of docs/compliance.md#rules -> a Verdict with one finding per rule and its
evidence. No network, no database, no clock: a republication (a feed entry's HTML, a whole
third-party page, or plain text) and the original go in; docs/compliance.md explains each
rule."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from ..conversation import (
    ATTRIBUTION_PHRASES,
    LINES_WITHOUT_LICENCE,
    TC_LICENCE_LINK,
    TC_URL_IN_TEXT,
    is_institution_url,
    is_profile_url,
    is_tc_home,
    is_tc_logo,
    is_tc_url,
    tc_article_id,
)
from ..errors import DocumentCut
from ..models import LICENCE_URL, Article, Author, Finding, Verdict
from ..urls import url_parts
from .compare import ANCHOR_WORDS, MAX_DIFFERENCES, MAX_TRACKED, Alignment, align
from .content import (
    CounterTag,
    ImageCredit,
    alt_key,
    caption_credit,
    credit_kept,
    figure_credit,
    image_container,
    image_key,
    image_name,
    image_src,
    is_data_block,
    loose_caption,
    shown_otherwise,
)
from .furniture import Around, Furniture
from .htmltext import (
    fold_name,
    join_words,
    key,
    normalise,
    tag_name,
    text_of,
    words,
)
from .licences import stated_licences
from .locate import CC_LICENCE, Scope, in_picture_caption, locate, same_headline
from .names import name_key, name_tokens, near_miss
from .original import Original, OriginalImage, prepare
from .page import Page, block_of, read
from .policy import blocking_directive, page_policies
from .scripted import drawn_by_script, draws_the_rest
from .span import added_words

if TYPE_CHECKING:
    from lxml.etree import _Element

#: The rules judged on one republication, in the order findings are reported
#: (docs/compliance.md#rules).
RULES = (
    "licence",
    "author-credit",
    "institution-credit",
    "source-link",
    "licence-notice",
    "page-counter",
    "unaltered-text",
    "unaltered-title",
    "images",
    "safe-html",
)

# An institution is "beside" its author within this many tokens after the name.
INSTITUTION_GAP = 60
# An extract's "Read the full article" link starts within this many tokens after its end.
READ_MORE_GAP = 40

UNSAFE_TAGS = frozenset("script iframe object embed applet form frame frameset base".split())
# Where these stand in a feed entry is what its rules read (links, images, embeds).
LOCATED = UNSAFE_TAGS | {"a", "img"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcset", "xlink:href")
URL_ATTRIBUTE_SET = frozenset(URL_ATTRIBUTES)

LICENCE_PHRASES = ("creative commons",)
# What an extract's link to the rest says, per language (docs/compliance.md#rule-unaltered-text:
# "Read the full article on The Conversation"). Unknown languages fall back to structure
# (_read_more).
READ_MORE_PHRASES = (
    "read the full article", "read the full story", "read the rest", "continue reading",
    "keep reading", "read more", "full article",
    "lea el artículo completo", "leer el artículo completo", "sigue leyendo", "seguir leyendo",
    "artículo completo", "lire l'article complet", "lire la suite", "article complet",
    "l'article en entier", "baca artikel lengkap", "baca selengkapnya", "artikel lengkap",
    "baca artikel selengkapnya", "leia o artigo completo", "leia o artigo na íntegra",
    "continue lendo", "continuar lendo", "artigo completo",
)
_ATTRIBUTION_KEYS = {lang: tuple(key(p) for p in ps) for lang, ps in ATTRIBUTION_PHRASES.items()}
_LICENCE_KEYS = tuple(key(p) for p in LICENCE_PHRASES)
_READ_MORE_KEYS = tuple(key(p) for p in READ_MORE_PHRASES)


# --- the entry points -----------------------------------------------------------------------


def check(
    html: str,
    original: Article | Original,
    *,
    title: str | None = None,
) -> Verdict:
    """Judge a republication that is nothing but itself (a feed entry's HTML) against its
    original, rule by rule (docs/compliance.md#rules): every element is judged.

    ``title`` is the republication's headline when it has one apart from the HTML (a feed
    entry's title); without it `unaltered-title` is reported as not checked.
    """
    n = original.article_id if isinstance(original, Article) else original.article.article_id
    try:
        orig = original if isinstance(original, Original) else prepare(original)
    except DocumentCut as e:
        return not_checkable(n, "the original", e)
    try:
        rep = read(html, page=False, plain=False, located=LOCATED, known=orig.pieces)
    except DocumentCut as e:
        return not_checkable(n, "the republication", e)
    scope = locate(rep, _align(orig, rep, None), orig.article.article_id, whole=True)
    return _verdict(rep, scope, orig, None, title=title, page=False)


def check_page(
    html: str,
    original: Article | Original | None,
    *,
    article_id: int | None = None,
    plain: bool = False,
    title: str | None = None,
    policy: str | None = None,
) -> Verdict:
    """Judge a page that republishes an article, among whatever else the page holds
    (navigation, ads, comments): the article is found by aligning the original's text with
    the page's, and only it, with the byline, attribution and counter around it, is judged.

    Without ``original`` (``article_id`` then names the article, see find_article_id) the
    rules that need it are reported as not checked (ok None), never as passed. ``plain``:
    the page is plain text, checked as text only. ``policy``: the Content-Security-Policy
    header the page was served with, if known.
    """
    n = (original.article_id if isinstance(original, Article) else
         original.article.article_id if original is not None else article_id)
    try:
        orig = (original if isinstance(original, Original) or original is None
                else prepare(original))
    except DocumentCut as e:
        return not_checkable(n, "the original", e)
    try:
        rep = read(html, page=True, plain=plain, located=LOCATED,
                   known=orig.pieces if orig is not None else None)
    except DocumentCut as e:
        return not_checkable(n, "the page", e)
    return check_read_page(rep, orig, n, title=title, policy=policy)


def check_read_page(rep: Page, orig: Original | None, n: int | None, *,
                    title: str | None = None, policy: str | None = None) -> Verdict:
    """check_page's verdict on a page read already (``read(html, page=True,
    located=LOCATED)``) and its original prepared (or None; ``n`` is then the article's id):
    `syndication check` reads the page once to choose the original and to judge it."""
    furniture = Furniture(rep, orig.text.words if orig is not None else None,
                          orig.article if orig is not None else None,
                          tuple(i.credit.credit for i in orig.images if i.credit)
                          if orig is not None else ())
    alignment = _align(orig, rep, furniture)
    if orig is not None and alignment is not None and not alignment.found and (
            drawn := drawn_by_script(rep, orig)) is not None:
        return _none_checked(n, f"the page is drawn by its scripts: {drawn}; {_AS_SHOWN}")
    if orig is not None and alignment is not None and alignment.cut is not None and (
            rest := draws_the_rest(rep, orig, alignment.cut)) is not None:
        return _none_checked(n, f"the page is completed by its scripts: {rest}; {_AS_SHOWN}")
    scope = locate(rep, alignment, n, whole=False,
                   title=orig.article.title if orig is not None else None,
                   standfirst=orig.article.summary if orig is not None else None)
    return _verdict(rep, scope, orig, furniture, title=title, page=True, policy=policy)


# What an editor is told to do with a page its scripts draw or complete.
_AS_SHOWN = "check the page as a browser shows it (saved from the browser, as a file)"


def not_checkable(n: int | None, document: str, cut: DocumentCut) -> Verdict:
    """The verdict when the HTML parser cut ``document`` (the page, the republication, the
    original; docs/compliance.md#deep-nesting): no rule can be judged on a truncated tree,
    and none is reported as passed."""
    return _none_checked(n, f"{document} cannot be read whole: {cut.reason}")


def _none_checked(n: int | None, why: str) -> Verdict:
    """A verdict of no rule judged, each saying ``why``: none is reported as passed."""
    what = f"not checked: {why}"
    return Verdict(article_id=n, findings=tuple(Finding(rule, None, what) for rule in RULES))


def _align(orig: Original | None, rep: Page, furniture: Furniture | None) -> Alignment | None:
    """The original's text aligned with the republication's. On a page whose text differs,
    again without the publisher's boxes (an ad, a newsletter sign-up, "Related" links
    between paragraphs: docs/compliance.md#publisher-boxes), their tokens set aside: an
    unaltered page with boxes pays for one alignment, like one without."""
    if orig is None:
        return None
    alignment = align(orig.text.words, orig.removable, rep.words, orig.caseless, orig.items)
    if furniture is None or not alignment.found or (
            not alignment.differences and alignment.cut is None):
        return alignment if furniture is None else _other_copy(orig, rep.words, alignment)
    spans = furniture.spans()
    if not spans:
        return alignment
    kept: list[int] = []
    at = 0
    for start, end in spans:
        kept.extend(range(at, start))
        at = max(at, end)
    kept.extend(range(at, len(rep.words)))
    words = rep.words
    again = align(orig.text.words, orig.removable, tuple(words[k] for k in kept),
                  orig.caseless, orig.items)
    # back to the page's token indices
    start = kept[again.start] if again.start < len(kept) else len(words)
    end = kept[again.end - 1] + 1 if again.end > again.start else start
    return _other_copy(orig, words, again._replace(start=start, end=end))


# Another copy of the article spans at least this share of the one aligned: a teaser or an
# excerpt of the first paragraphs is no copy.
COPY_SHARE = 0.75
COPY_PROBES = 8  # runs of the original looked for outside the copy aligned, before aligning


def _other_copy(orig: Original, words: Sequence[str], alignment: Alignment) -> Alignment:
    """The copy a reader may be shown, when the page holds the article twice
    (docs/compliance.md#hidden-text). A page shows one copy and hides the other, by a
    stylesheet from elsewhere or a platform's class the checker cannot know; where nothing it
    reads hides either, the alignment prefers the copy that agrees with the original longest,
    an exact one hidden beside an altered one shown. A reader may be shown either, so the
    altered copy is judged, with where the unaltered one stands."""
    if not alignment.found or alignment.differences or alignment.cut is not None:
        return alignment
    s, e = alignment.start, alignment.end
    rest = (*words[:s], *words[e:])
    if len(rest) < COPY_SHARE * (e - s):
        return alignment
    source, k = orig.text.words, ANCHOR_WORDS
    joined = " " + " ".join(rest) + " "
    step = max(1, (len(source) - k) // COPY_PROBES)
    if not any(" " + " ".join(source[i:i + k]) + " " in joined
               for i in range(0, len(source) - k + 1, step)):
        return alignment  # the common case: nothing of the article outside it
    other = align(source, orig.removable, rest, orig.caseless, orig.items)
    if (not other.found or not (other.differences or other.cut)
            or other.total >= MAX_TRACKED  # another text, not a copy
            or other.end - other.start < COPY_SHARE * (e - s)
            or other.start < s < other.end):  # across the copy aligned: no copy of its own
        return alignment
    if other.start >= s:
        return other._replace(start=other.start + e - s, end=other.end + e - s,
                              unaltered=(s, e))
    return other._replace(unaltered=(s, e))


def _verdict(rep: Page, scope: Scope, orig: Original | None, furniture: Furniture | None,
             *, title: str | None, page: bool, policy: str | None = None) -> Verdict:
    article = orig.article if orig is not None else None
    authors = _byline_names(scope) if article is None else [a.name for a in article.authors]
    # how the authors' names are looked for in the credit: both credit rules ask
    looked_for = _credit_for_names(article, scope) if article is not None else None
    findings = (
        _licence(article),
        _author_credit(article, scope, rep.plain, looked_for),
        _institution_credit(article, scope, looked_for),
        _source_link(scope, rep),
        _licence_notice(scope, rep),
        _page_counter(scope, rep, policy),
        _unaltered_text(orig, scope, rep, furniture),
        _unaltered_title(article, title, rep if page and not rep.plain else None, scope),
        _images(orig, authors, scope, rep, furniture),
        _safe_html(scope, rep, furniture),
    )
    return Verdict(article_id=scope.n, findings=findings)


# --- rules ----------------------------------------------------------------------------------


def _licence(article: Article | None) -> Finding:
    if article is None:
        return Finding("licence", None, "not checked: the licence is read from the original")
    rights = fold_name(article.rights or "")
    if "creative commons" in rights and (
        "no derivatives" in rights or "noderivatives" in rights or "by-nd" in rights
    ):
        return Finding("licence", True, f"the source declares “{article.rights}”")
    if not rights and article.source_kind == "page":
        return Finding(
            "licence", None,
            "not checked: an article page states no licence; give the Atom feed holding the "
            "entry as the original to check it",
        )
    if not rights:
        return Finding("licence", False, "the source declares no licence (no <rights>)")
    return Finding("licence", False, f"the source's licence is not CC BY-ND: “{article.rights}”")


def _author_credit(article: Article | None, scope: Scope, plain: bool,
                   looked_for: tuple[str, Callable[[str], str]] | None = None) -> Finding:
    if article is None:
        named = _byline_names(scope)
        if named:
            return Finding("author-credit", None,
                           "not checked: names " + ", ".join(named) + " with profile links; "
                           "whether every author is credited needs the original")
        return Finding("author-credit", None,
                       "not checked: no author linked to a profile on The Conversation; "
                       "who the authors are needs the original")
    if not article.authors:
        return Finding("author-credit", False, "the source names no author")
    problems = []
    profiles = {_profile_key(a.get("href") or ""): a for a in scope.links}
    linked_names = _linked_names(scope)
    unlinked = []
    credit, as_name = looked_for or _credit_for_names(article, scope)
    for author in article.authors:
        name = f" {as_name(author.name)} "
        if name not in credit:
            body = f" {key(' '.join(scope.body_words))} "
            where = " (named only in the article's text)" if name in body else ""
            others = [a.name for a in article.authors if a is not author]
            miss = near_miss(author.name, scope.credit_words, others)
            said = f": {miss.describe(author.name)}" if miss is not None else ""
            problems.append(f"{author.name} is not named in the byline or credit{where}{said}")
            continue
        if author.profile_url and _profile_key(author.profile_url) not in profiles:
            if plain:
                unlinked.append(author.name)
            else:
                problems.append(f"{author.name} is not linked to their profile "
                                f"{author.profile_url}")
        elif author.profile_url and (wrong := _misdirected(author, article.authors,
                                                           linked_names)):
            problems.append(wrong)
    if problems:
        return Finding("author-credit", False, "; ".join(problems))
    names = ", ".join(a.name for a in article.authors)
    if unlinked:
        return Finding("author-credit", None,
                       f"names {names}; profile links cannot be checked in plain text")
    return Finding("author-credit", True, f"credited with profile links: {names}")


def _institution_credit(article: Article | None, scope: Scope,
                        looked_for: tuple[str, Callable[[str], str]] | None = None
                        ) -> Finding:
    if article is None:
        found = sorted({text_of(a).strip() for a in scope.links
                        if is_institution_url(a.get("href") or "")} - {""})
        listed = ("names " + ", ".join(found) + "; ") if found else ""
        return Finding("institution-credit", None,
                       f"not checked: {listed}each author's institution is read from the "
                       "original")
    problems = []
    credited = []
    credit, as_name = looked_for or _credit_for_names(article, scope)
    names = [as_name(a.name) for a in article.authors]
    for k, author in enumerate(article.authors):
        if not author.institution:
            continue
        name = f" {names[k]} "
        if name not in credit:
            continue  # an author not credited at all is author-credit's failure
        others = [f" {other} " for other in names if other != names[k]]
        wanted = _institution_keys(author.institution, as_name)
        if _beside(credit, name, wanted, others):
            credited.append(f"{author.name} ({author.institution})")
        else:
            problems.append(f"{author.institution} is not named beside {author.name}")
    if problems:
        return Finding("institution-credit", False, "; ".join(problems))
    if not credited:
        return Finding("institution-credit", True,
                       "no institution to credit beside the authors credited")
    return Finding("institution-credit", True, "credited: " + ", ".join(credited))


def _credit_for_names(article: Article, scope: Scope) -> tuple[str, Callable[[str], str]]:
    """The credit to look for the authors' names in, and how a name is written to be looked
    for: as the page writes it (``key``) when every name is found so, which is the common
    case and costs nothing more; else both compared as names (``names.name_key``: "Matthew
    T Hughes" credits "Matthew T. Hughes", and the reverse)."""
    if all(f" {key(a.name)} " in scope.credit for a in article.authors):
        return scope.credit, key
    return f" {' '.join(name_tokens(scope.credit.split()))} ", name_key


def _institution_keys(institution: str, as_name: Callable[[str], str]) -> tuple[str, ...]:
    """The institution as the source spells it, and without a trailing "(ABBR)"."""
    full = as_name(institution)
    short = as_name(re.sub(r"\s*\([^)]*\)\s*$", "", institution))
    return tuple(dict.fromkeys(k for k in (full, short) if k))


# Words that join co-authors' names in a byline, in the editions' languages: "A and B
# (University of X)" and "A, B et C, Université X" name one institution for all of them.
_NAME_JOINERS = frozenset(
    {",", ";", "and", "&", "et", "y", "e", "dan", "und", "with", "avec", "con"}
)


def _beside(credit: str, name: str, wanted: Sequence[str], others: Sequence[str]) -> bool:
    """Whether some occurrence of ``name`` in ``credit`` is followed by one of ``wanted``
    within INSTITUTION_GAP tokens and before another author's name, or after a run of
    co-authors' names joined only by commas and "and" (an institution shared by co-authors
    and written once, after the last of them)."""
    at = credit.find(name)
    while at >= 0:
        after = at + len(name) - 1
        for _ in range(len(others) + 1):
            stop, nxt = len(credit), None
            for other in others:
                o = credit.find(other, after)
                if o >= 0 and o + 1 < stop:
                    stop, nxt = o + 1, other
            window = credit[after:stop].split(" ")[:INSTITUTION_GAP + 1]
            near = " " + " ".join(window) + " "
            if any(f" {w} " in near for w in wanted):
                return True
            between = credit[after:stop].split()
            if nxt is None or any(w not in _NAME_JOINERS for w in between):
                break
            after = stop - 1 + len(nxt) - 1  # follow the chain past the co-author's name
        at = credit.find(name, at + 1)
    return False


def _source_link(scope: Scope, rep: Page) -> Finding:
    n = scope.n
    if n is None:
        return Finding("source-link", None, "not checked: the article's id is not known")
    seen: list[str] = []
    hrefs: Iterable[str]  # read up to the link to the original: most articles' attribution
    if rep.plain:
        hrefs = [m.group() for m in TC_URL_IN_TEXT.finditer(text_of(rep.root))]
    else:
        hrefs = (a.get("href") or "" for a in (*scope.links, *scope.body_links))
    for href in hrefs:
        k = tc_article_id(href)
        if k == n:
            return Finding("source-link", True, f"links the original: {href.strip()}")
        if k is not None and href not in seen:
            seen.append(href)
    other = f"; it links other articles only: {', '.join(seen[:3])}" if seen else ""
    # The attribution line (the block linking The Conversation's home) names the link back.
    back = next((a for a in scope.links if tc_article_id(a.get("href") or "") is not None
                 and any(is_tc_home(b.get("href") or "") for b in block_of(a).iter("a"))),
                None)
    if back is not None:
        return Finding("source-link", False,
                       f"the link back to the original links another article: "
                       f"{(back.get('href') or '').strip()} (the original is article {n})")
    return Finding("source-link", False,
                   f"no link to the original article {n} on The Conversation{other}")


def _licence_notice(scope: Scope, rep: Page) -> Finding:
    """The article's notice (docs/compliance.md#rule-licence-notice), and no other licence
    stated for it: a theme's or site's licence line naming another licence without a
    qualifier ("unless otherwise noted") misstates it, whatever notice stands beside it."""
    alignment = scope.alignment
    article = (alignment.start, alignment.end) if alignment is not None and \
        alignment.found else None
    stated = list(stated_licences(rep, scope.chrome, article))
    found = _notice(scope, rep, {a for s in stated for a in s.element.iter("a")},
                    [s.line for s in stated])
    wrong = [s for s in stated if not s.right and not s.qualified]
    if not wrong:
        return found
    s = wrong[0]
    said = (f"says the article is licensed under {s.names}: “{_clip(s.line)}”" if s.line else
            f"declares in its head that its content is licensed under {s.names} (<link "
            "rel=\"license\">)")
    misstated = (f"the page {said}; the article is under CC BY-ND 4.0 ({LICENCE_URL}): "
                 "that line misstates its licence (a site-wide line may say “unless "
                 "otherwise noted”)")
    if found.ok is False:
        return Finding("licence-notice", False, f"{found.detail}; and {misstated}")
    return Finding("licence-notice", False, misstated)


def _notice(scope: Scope, rep: Page, lines: set[_Element],
            said_by_lines: Sequence[str]) -> Finding:
    """Whether the page carries the article's notice; links in ``lines`` and words of
    ``said_by_lines`` (the page's own licence lines, licences.stated_licences) are the
    site's, not the article's."""
    plain = rep.plain
    kept = [a for a in scope.links if a not in lines]
    links = [(a.get("href") or "").strip() for a in kept]
    # a licence linked in a picture's caption is the picture's, not the article's
    licences = [h for h, a in zip(links, kept, strict=True)
                if CC_LICENCE.search(h) and not in_picture_caption(rep, a)]
    right = [h for h in licences if TC_LICENCE_LINK.match(h)]
    if right:
        return Finding("licence-notice", True, f"links the licence {right[0]}")
    if licences:
        return Finding("licence-notice", False,
                       f"links another licence: {licences[0]} (the article is under CC BY-ND "
                       f"4.0, {LICENCE_URL})")
    # in words, outside the pictures' captions: "Photo: Jane Doe, Creative Commons" above
    # the first words names the picture's licence, not the article's
    notice = scope.notice
    # the site's lines' words are not it, where they stand in the notice's region
    said = [f" {k} " for k in (key(s) for s in said_by_lines) if k and k in notice]
    for phrase in _LICENCE_KEYS:
        if notice.count(f" {phrase} ") > sum(w.count(f" {phrase} ") for w in said):
            return Finding("licence-notice", True, "says it is republished under a Creative "
                           "Commons licence")
    captions = (" (“Creative Commons” in a picture's caption is the picture's licence, not "
                "the article's)" if any(f" {p} " in scope.credit for p in _LICENCE_KEYS)
                else "")
    # The lines carried: one that names no licence in its official wording (the Spanish line)
    # is the notice, whatever other line of the publisher's stands beside it (an English
    # "originally published on The Conversation" on a Spanish page); else the first found
    # lacks the licence its official wording states.
    carried = [(language, phrase) for language, phrases in _ATTRIBUTION_KEYS.items()
               for phrase in phrases if f" {phrase} " in notice]
    for language, phrase in carried:
        if language in LINES_WITHOUT_LICENCE:
            return Finding("licence-notice", True,
                           f"carries The Conversation's {language} attribution line "
                           f"(“{phrase}…”)")
    if carried:
        language, phrase = carried[0]
        return Finding("licence-notice", False,
                       f"carries The Conversation's {language} attribution line "
                       f"(“{phrase}…”) without its licence: the official line says the "
                       "article is republished under a Creative Commons licence; state "
                       f"or link it ({LICENCE_URL}){captions}")
    if not plain:  # an unknown language: the attribution line's structure
        for a in scope.links:
            if scope.n is not None and tc_article_id(a.get("href") or "") == scope.n:
                block = block_of(a)
                if any(is_tc_home(b.get("href") or "") for b in block.iter("a")):
                    return Finding("licence-notice", True,
                                   "carries an attribution line linking The Conversation and "
                                   "the original (its wording is in a language not known "
                                   "here)")
    return Finding("licence-notice", False,
                   "no statement that the article is republished under a Creative Commons "
                   f"licence, and no attribution line of The Conversation{captions}")


def _page_counter(scope: Scope, rep: Page, policy: str | None = None) -> Finding:
    """Judged on what a browser with scripts loads (docs/compliance.md#rule-page-counter):
    an <img> or <amp-pixel> counter loads with the page; a lazy one (its URL in data-src
    behind a placeholder) only if a script swaps it in, and only when scrolled to; one inside
    <noscript> never does; one rewritten by an image CDN is fetched by the CDN, not readers;
    none loads where the page's Content-Security-Policy (``policy``, the header it was
    served with, and its <meta http-equiv>) allows no image from the counter's host."""
    if rep.plain:
        return Finding("page-counter", None, "not checked: plain text carries no image")
    n = scope.n
    if n is None:
        return Finding("page-counter", None, "not checked: the article's id is not known")
    tags = rep.counters
    loaded = [t for t in tags if t.how == "src" and not t.noscript]
    mine = [t for t in loaded if t.n == n]
    strays = [t for t in loaded if t.n != n]
    judged = set(scope.judged) if strays else set()  # asked only of another article's
    neighbours = set(scope.neighbours)  # another republication's own counter
    others = [t for t in strays if t.el in judged and t.el not in neighbours]
    # A lazy counter is loaded (late) only where a loader can run: a page with a script.
    loader = any(True for _ in rep.root.iter("script"))
    lazy = [t for t in tags if t.how == "lazy" and not t.noscript and t.n == n]
    if not mine:
        if others:
            return Finding("page-counter", False,
                           f"the counter counts article {others[0].n}, not {n}: "
                           f"{others[0].url}")
        saved = [t.url for t in tags if t.how == "saved" and not t.noscript]
        if saved:
            return Finding("page-counter", None, _saved_counter(saved))
        return Finding("page-counter", False, _no_counter(n, tags, lazy, loader))
    if len(mine) + (len(lazy) if loader else 0) > 1:
        counted = [*mine, *(lazy if loader else ())]
        srcs = ", ".join(_counter_label(t.url) for t in counted)
        return Finding(
            "page-counter", False,
            f"{len(counted)} counter images for article {n} ({srcs}): every view would be "
            f"counted {len(counted)} times",
        )
    if others:
        return Finding("page-counter", False,
                       f"a second counter counts article {others[0].n}: {others[0].url}")
    tag = mine[0]
    directive = blocking_directive(page_policies(rep.root), tag.url)
    where = "its <meta http-equiv>"
    if directive is None and policy:
        directive = blocking_directive([policy], tag.url)
        where = "the Content-Security-Policy header it is served with"
    if directive is not None:
        return Finding("page-counter", False,
                       f"the page's Content-Security-Policy ({where}) blocks the counter: "
                       f"“{directive}” allows no image from {url_parts(tag.url).hostname}, so "
                       "browsers load no counter and no view is counted")
    if tag_name(tag.el) == "amp-pixel":
        return Finding("page-counter", True, f"one counter for article {n} (<amp-pixel>): "
                       f"{tag.url}")
    img = tag.el
    altered = []
    width, height = _shown_size(img)
    if (width, height) != ("1", "1"):
        altered.append(f"size {width}×{height}, not 1×1")
    if (img.get("loading") or "").lower() == "lazy":
        altered.append('loading="lazy"')
    if altered:
        return Finding("page-counter", False, "the counter is altered: " + ", ".join(altered))
    return Finding("page-counter", True, f"one counter for article {n}: {tag.url}")


def _shown_size(img: _Element) -> tuple[str, str]:
    """The counter's width and height as a browser shows it: its inline style's ("1px" read
    as "1"; a style wins over the attributes, its last declaration over earlier ones), else
    its width and height attributes, else its own size, the GIF's 1×1 (an editor that
    strips the attributes leaves it so)."""
    size = {"width": img.get("width") or "1", "height": img.get("height") or "1"}
    for declaration in (img.get("style") or "").split(";"):
        name, colon, value = declaration.partition(":")
        name = name.strip().lower()
        if colon and name in size:
            value = value.strip()
            if value.lower().endswith("!important"):
                value = value[:-len("!important")].strip()
            size[name] = value[:-2] if value.lower().endswith("px") else value
    return size["width"].strip(), size["height"].strip()


def _saved_counter(copies: Sequence[str]) -> str:
    """Why a counter saved with the page is not judged (docs/compliance.md#saved-pages)."""
    which = ", ".join(copies[:3]) + (f" and {len(copies) - 3} more" if len(copies) > 3 else "")
    return (f"not checked: the page was saved from a browser with its files (\"Webpage, "
            f"Complete\"), which replaced the counter's address by its copy ({which}): "
            "which article it counts, and how, cannot be read; check the page by its URL, or "
            "save it as one file (.mhtml) or as HTML only")


def _no_counter(n: int, tags: Sequence[CounterTag], lazy: Sequence[CounterTag],
                loader: bool) -> str:
    """Why no counter loads with the page: say what was found instead."""
    if lazy:
        t = lazy[0]
        if tag_name(t.el) == "amp-img":
            return (f"the counter is an <amp-img> ({t.url}): AMP loads it only when a reader "
                    "comes near it, so not every view is counted; AMP counts a view with "
                    "<amp-pixel>")
        placeholder = _short(t.el.get("src") or "no src", 40)
        later = ("a script loads it only when a reader scrolls to it" if loader else
                 "no script on the page loads it")
        return (f"the counter is lazy-loaded: {t.url} is in {t.where} behind a placeholder "
                f"({placeholder}); {later}, so views are not counted")
    held = [t for t in tags if t.how in ("consent", "held") and not t.noscript and t.n == n]
    if held:
        t = held[0]
        if t.how == "consent":
            return (f"the counter waits for the reader's consent: {t.url} is in {t.where}, "
                    "which a consent manager loads only for readers who accept its "
                    "cookies, so the others' views are not counted (the counter collects "
                    "no personal data, its code says: exempt it from blocking)")
        where = t.where if t.where.startswith("a <") else f"{t.where}, not src"
        return (f"the counter is not loaded with the page: {t.url} is in {where}; only a "
                "script can load it, so a view is counted only where one does (the "
                "counter's code asks for a plain <img>)")
    copied = [t for t in tags if t.how == "copied" and not t.noscript]
    if copied:
        url = copied[0].url
        shown = url if len(url) <= 70 else f"{url[:36]}…{url[-30:]}"  # its file's name kept
        return (f"no page counter image for article {n}: {shown} is a "
                "copy of the counter (its alt text, its 1×1 size or its file's name), which "
                "an editor's paste or upload put on another address: it counts no view "
                "(paste The Conversation's counter code in the editor's HTML view)")
    proxied = [t for t in tags if t.how == "proxied" and t.n == n]
    if proxied:
        return (f"the counter is rewritten by an image CDN or proxy: {proxied[0].url}: the "
                "CDN fetches it once and serves its copy, so readers' views are not counted")
    hidden = [t for t in tags if t.noscript and t.n == n]
    if hidden:
        return (f"the only counter is inside <noscript> ({hidden[0].url}): browsers with "
                "scripts, nearly every reader's, never load it")
    return f"no page counter image for article {n}"


def _counter_label(src: str) -> str:
    query = url_parts(src).query
    return query or src


def _unaltered_text(orig: Original | None, scope: Scope, rep: Page,
                    furniture: Furniture | None) -> Finding:
    alignment = scope.alignment
    if orig is None or alignment is None:
        return Finding("unaltered-text", None, "not checked: comparing the text needs the "
                       "original")
    if not alignment.found:
        return Finding("unaltered-text", False,
                       "the article's text was not found in the republication")
    # the publisher's boxes are furniture, like the page's chrome
    # (docs/compliance.md#publisher-boxes)
    around = scope.chrome if furniture is None else Around(scope.chrome, furniture)
    added = added_words(rep, alignment.start, alignment.end, orig.article, around,
                        original=orig.text.words, heading=scope.heading,
                        subtitle=scope.subtitle,
                        text_caption=None if furniture is None else furniture.caption_is_text)
    cut = alignment.cut
    carried = orig.length
    stopped, link = None, None  # what is said of a cut; an extract's link to the rest
    if cut is not None:
        stopped = f"the text stops after “…{join_words(cut.before)}”: the rest " \
                  f"({cut.missing} words, from “{_clip(join_words(cut.rest))}…”) is missing"
        if cut.at not in orig.boundaries:
            stopped += " (cut inside a paragraph)"
        elif (link := _read_more(rep, scope, alignment.end)) is None:
            stopped += " and no “Read the full article” link to the original follows"
        else:
            stopped = None
    said = [*(a.describe() for a in added if a.before),
            *(d.describe() for d in alignment.differences),
            *([stopped] if stopped else []),
            *(a.describe() for a in added if not a.before)]
    if said:
        total = alignment.total + len(added) + (1 if stopped else 0)
        more = total - min(len(said), MAX_DIFFERENCES)
        tail = f"; and {more} more difference{'s' if more > 1 else ''}" if more > 0 else ""
        if alignment.total >= MAX_TRACKED:
            tail = f"; and more (comparison stopped after {MAX_TRACKED} differences)"
        if alignment.unaltered is not None:
            tail += ("; an unaltered copy stands elsewhere in the page, and nothing the "
                     "checker reads hides one copy more than the other: a reader may be shown "
                     "this altered one")
        return Finding("unaltered-text", False, "; ".join(said[:MAX_DIFFERENCES]) + tail)
    if cut is None or link is None:
        return Finding("unaltered-text", True,
                       f"the text is the original's, word for word ({carried} words)")
    return Finding(
        "unaltered-text", True,
        f"an extract: the first {carried - cut.missing} of {carried} words, unaltered, up to "
        f"the end of a paragraph, then “{_clip(link)}” linking the original",
    )


def _read_more(rep: Page, scope: Scope, end: int) -> str | None:
    """The text of an extract's link to the full article: a link to the original starting
    within READ_MORE_GAP tokens after the extract, that says so in a known language, or
    (any language) stands alone in its block, apart from the attribution line's links."""
    for a in rep.root.iter("a"):
        p = rep.pos(a)
        if not end <= p <= end + READ_MORE_GAP or tc_article_id(a.get("href") or "") != scope.n:
            continue
        block = block_of(a)
        said = f" {key(text_of(block))} "
        label = " ".join(text_of(a).split()) or a.get("href") or ""
        if any(f" {phrase} " in said for phrase in _READ_MORE_KEYS):
            return label
        others = [b for b in block.iter("a")
                  if tc_article_id(b.get("href") or "") != scope.n]
        if not others:
            return label
    return None


# What may follow the headline in <title> or og:title: the site's name after a separator
# (" | Site", " – Site", " - Site", " · Site", " : Site"); dashes are folded to "-".
TITLE_SEPARATORS = frozenset("|-·•:/")


def _unaltered_title(article: Article | None, title: str | None, rep: Page | None,
                     scope: Scope) -> Finding:
    if article is None:
        return Finding("unaltered-title", None, "not checked: the headline is compared with "
                       "the original's")
    want = [w.casefold() for w in words(article.title)]
    if title is not None:
        if same_headline(title, article.title):
            return Finding("unaltered-title", True, f"“{article.title}”")
        return Finding("unaltered-title", False,
                       f"headline “{title}” is not the original “{article.title}”")
    if rep is None:
        return Finding("unaltered-title", None, "not checked: the republication's headline "
                       "is not known")
    heading = scope.heading
    if heading is not None:
        text = " ".join(text_of(heading).split())
        where = f"<{tag_name(heading)}>"
        if same_headline(text, article.title):
            return Finding("unaltered-title", True, f"{where} “{text}”")
        return Finding("unaltered-title", False,
                       f"headline ({where}) “{text}” is not the original “{article.title}”")
    # No heading heads the article: the page's title, with the site's name after it (or
    # before it, as a letter's subject line gives it: "The Friday Letter: Headline").
    candidates = _titles(rep.root)
    for where, text in candidates:
        got = [w.casefold() for w in words(text)]
        k = len(want)
        if got == want or (got[:k] == want and got[k] in TITLE_SEPARATORS) or (
                k < len(got) and got[-k:] == want and got[-k - 1] in TITLE_SEPARATORS):
            return Finding("unaltered-title", True, f"{where} “{' '.join(text.split())}”")
    if not candidates:
        return Finding("unaltered-title", None,
                       "not checked: the page has no headline (a heading above the article, "
                       "og:title or <title>)")
    where, text = candidates[0]
    return Finding("unaltered-title", False,
                   f"headline ({where}) “{' '.join(text.split())}” is not the original "
                   f"“{article.title}”")


def _titles(root: _Element) -> list[tuple[str, str]]:
    """The page's own titles: og:title, twitter:title, <title>."""
    out: list[tuple[str, str]] = []
    for prop in ("og:title", "twitter:title"):
        for meta in root.iter("meta"):
            if prop in ((meta.get("property") or ""), (meta.get("name") or "")):
                out.append((prop, meta.get("content") or ""))
    out += [("<title>", text_of(t)) for t in root.iter("title")]
    return [(w, t) for w, t in out if t.strip()]


def _images(orig: Original | None, authors: Sequence[str], scope: Scope,
            rep: Page, furniture: Furniture | None) -> Finding:
    """docs/compliance.md#rule-images: a picture of the original is judged by the original's
    credit, which must stay beside it (in any markup); another picture by its own caption."""
    if rep.plain:
        return Finding("images", None, "not checked: plain text carries no image")
    # The credit test reads authors' names only: without the original, the byline's.
    people = [Author(name=a, role=None, institution=None, profile_url=None) for a in authors]
    kept: dict[str, str] = {}  # by picture: a lazy image and its <noscript> copy are one
    problems: dict[str, str] = {}
    originals: dict[str, OriginalImage] = {}
    headline = alt_key(orig.article.title) if orig else None
    for image in orig.images if orig else ():
        originals.setdefault(image.key, image)
        name = image_name(image.src)  # a copy uploaded to the publisher's site
        if name is not None:
            originals.setdefault(name, image)
        # renamed on upload, its alt text kept; not the headline, which a theme may give
        # the publisher's own featured image as its alt text
        if image.alt is not None and image.alt != headline:
            originals.setdefault(image.alt, image)

    def original_of(img: _Element, src: str, picture: str) -> tuple[OriginalImage | None, str]:
        """The original's picture ``img`` shows (by its address or file's name, else by its
        alt text), and how it was known ("" or " (its alt text …)")."""
        known = originals.get(picture) if src else None
        if known is not None or not originals:
            return known, ""
        alt = alt_key(img.get("alt"))
        known = originals.get(alt) if alt is not None else None
        return known, (f" (renamed, its alt text “{_clip(img.get('alt') or '', 60)}”)"
                       if known is not None else "")
    judged = set()
    boxed = logos = 0
    for img in scope.images:
        if furniture is not None and furniture.aside(img):
            boxed += 1  # the publisher's ad or box, not the article's (unless it is the
            continue    # original's unlicensed image: page_images below)
        judged.add(img)
        src = image_src(img)
        label = _short(src) if src else (  # a picture pasted as its bytes (Word's, a data: URI)
            "(a picture pasted as a data: URI)"
            if (img.get("src") or "").lstrip().lower().startswith("data:") else "(no src)")
        picture = image_key(src) if src else f"#{len(judged)}"
        known, how = original_of(img, src, picture)
        if known is None and _logo_with_credit(img, src, scope, rep):
            logos += 1  # The Conversation's logo shown with the credit: part of it
            continue
        container = image_container(img)
        if known is not None and not known.reusable:
            problems[picture] = f"{_short(src)}: the original's image{how}, {known.reason}"
        elif known is not None and known.credit is not None:
            if _credit_shown(container, img, known.credit):
                kept[picture] = f"{label} ({known.credit.reason})"
            else:
                problems[picture] = (f"{label}: the original's image without its credit "
                                     f"beside it (“{known.credit.credit}”)")
        else:
            credit = figure_credit(container, people) if container is not None else None
            if credit is None or not credit.reusable:
                # pasted through an editor: the caption a paragraph after the picture, read
                # for a licence only (a paragraph naming the author, as the disclosure
                # does, is no picture's credit)
                caption = loose_caption(img)
                loose = caption_credit(caption, ()) if caption is not None else None
                credit = loose if loose is not None and loose.reusable else credit
            if credit is None:
                problems[picture] = f"{label} has no credit"
            elif credit.reusable:
                kept[picture] = f"{label} ({credit.reason})"
            else:
                problems[picture] = (f"{label}: {credit.reason}"
                                     + (f" ({_clip(credit.credit)})" if credit.credit else ""))
    for img in scope.page_images:  # the original's unlicensed images anywhere on the page
        if img in judged:
            continue
        src = image_src(img)
        picture = image_key(src) if src else ""
        known, how = original_of(img, src, picture)
        if known is not None and not known.reusable:
            problems.setdefault(picture, f"{_short(src)} (outside the article): the "
                                f"original's image{how}, {known.reason}")
    if any(not image.reusable for image in originals.values()):
        # shown otherwise than by an image's src: a CSS background, a <picture>'s source
        for url, how in shown_otherwise(rep.root):
            picture = image_key(url)
            known = originals.get(picture)
            if known is not None and not known.reusable:
                problems.setdefault(picture, f"{_short(url)} ({how}): the original's image, "
                                    f"{known.reason}")
    aside = (f" ({boxed} in the publisher's boxes, not the article's)" if boxed else "") + (
        f" (The Conversation's logo with the credit{f', {logos} times' if logos > 1 else ''})"
        if logos else "")
    if problems:
        return Finding("images", False,
                       "not licensed for reuse: " + "; ".join(problems.values()))
    if not kept:
        return Finding("images", True, "no image kept" + aside)
    return Finding("images", True,
                   f"{len(kept)} reusable: " + "; ".join(kept.values()) + aside)


def _credit_shown(container: _Element | None, img: _Element, credit: ImageCredit) -> bool:
    """Whether the original's picture ``img`` is shown with the original's ``credit``
    (content.credit_kept): in its container (content.image_container), or, pasted through
    an editor, in the caption paragraph after it (content.loose_caption)."""
    if container is not None and credit_kept(container, credit):
        return True
    caption = loose_caption(img)
    return caption is not None and credit_kept(caption, credit)


def _logo_with_credit(img: _Element, src: str, scope: Scope, rep: Page) -> bool:
    """Whether ``img`` is The Conversation's logo (conversation.is_tc_logo) shown as part of
    the credit (docs/compliance.md#rule-images): outside the article's words, linked to The
    Conversation or in the block of a link to its home or to the original (the attribution
    line, "In partnership with [logo]" over the byline). Between the article's paragraphs a
    logo is a picture like any other."""
    if not is_tc_logo(src, img.get("alt") or ""):
        return False
    alignment = scope.alignment
    if alignment is not None and alignment.found and \
            alignment.start < rep.pos(img) < alignment.end:
        return False
    link = next(img.iterancestors("a"), None)
    if link is not None and is_tc_url(link.get("href") or ""):
        return True
    return any(is_tc_home(href) or tc_article_id(href) == scope.n
               for href in (a.get("href") or "" for a in block_of(img).iter("a")))


def _safe_html(scope: Scope, rep: Page, furniture: Furniture | None) -> Finding:
    if rep.plain:
        return Finding("safe-html", None, "not checked: plain text")
    suspects = _suspects(rep.root)
    problems: list[str] = []
    for el in scope.judged if suspects else ():
        if el not in suspects:
            continue
        tag = tag_name(el)
        if not tag:
            continue
        if furniture is not None and (tag in UNSAFE_TAGS or el.attrib) and _unsafe(el) \
                and furniture.aside(el):
            continue  # the publisher's ad or sign-up form, as its sidebar's: not the article
        # a page's data block (JSON-LD, a framework's JSON) is no script: no browser runs it
        if tag in UNSAFE_TAGS and not (tag == "script" and rep.complete and is_data_block(el)):
            src = el.get("src") or el.get("action") or el.get("data") or ""
            problems.append(f"<{tag}{' ' + _short(src, 60) if src else ''}> {_where(rep, el)}")
        for attr, value in el.attrib.items():
            name = str(attr).lower()
            if name.startswith("on"):
                problems.append(f"{name}= on <{tag}> {_where(rep, el)}")
            elif name in URL_ATTRIBUTES and _javascript_url(str(value)):
                problems.append(f"javascript: URL in {name}= on <{tag}> {_where(rep, el)}")
        if len(problems) >= 5:
            break
    if problems:
        return Finding("safe-html", False, "unsafe markup: " + "; ".join(problems))
    return Finding("safe-html", True, "no script, embed, form, event handler or javascript: URL")


def _suspects(root: _Element) -> set[_Element]:
    """A superset of the elements where _safe_html finds a problem, found without reading
    every URL: unsafe elements (libxml2 finds them by tag), on* attributes, and URL
    attributes that might say javascript: or vbscript:. The URLs are tested joined, in one
    scan, and one by one only when the joined text might say so (it holds each one's
    "script:", and perhaps one that spans two): a clean entry has no suspect, and safe-html
    then reads no element again."""
    found = set(root.iter(*UNSAFE_TAGS))
    urls: list[tuple[_Element, str]] = []
    for el in root.iter(etree.Element):
        for name, value in el.items():
            low = str(name).lower()
            if low.startswith("on"):
                found.add(el)
            elif low in URL_ATTRIBUTE_SET:
                urls.append((el, str(value)))
    if urls and _may_be_script(" ".join(value for _el, value in urls)):
        found.update(el for el, value in urls if _may_be_script(value))
    return found


def _may_be_script(value: str) -> bool:
    """Whether a URL might be javascript: or vbscript: (_javascript_url reads it then): it
    says "script:", whitespace and case aside, or holds a character outside ASCII, which NFKC
    may fold into it (a full-width "ｓ"). Plain string operations: a regex search over every
    URL of an article cost more than the rest of the rule. ("script" alone was asked before:
    every article linking a transcript was a suspect, read again.)"""
    return not value.isascii() or "script:" in "".join(value.split()).lower()


def _unsafe(el: _Element) -> bool:
    """Whether safe-html would name ``el`` (the box test is asked only then)."""
    if tag_name(el) in UNSAFE_TAGS:
        return True
    for attr, value in el.attrib.items():
        name = str(attr).lower()
        if name.startswith("on") or (name in URL_ATTRIBUTES and _javascript_url(str(value))):
            return True
    return False


def _where(rep: Page, el: _Element) -> str:
    p = rep.pos(el)
    before = rep.words[max(0, p - 6):p]
    return f"after “…{join_words(before)}”" if before else "at the start"


# --- helpers --------------------------------------------------------------------------------


def _byline_names(scope: Scope) -> list[str]:
    """Names linked to a profile on The Conversation in the credit region."""
    names = []
    for a in scope.links:
        href = a.get("href") or ""
        if is_profile_url(href):
            name = " ".join(text_of(a).split())
            if name and name not in names:
                names.append(name)
    return names


def _linked_names(scope: Scope) -> dict[str, set[str]]:
    """The profiles each name in the credit links: a link to a profile on The Conversation
    whose text is a name, by ``name_key`` of that text."""
    out: dict[str, set[str]] = {}
    for a in scope.links:
        href = a.get("href") or ""
        if is_profile_url(href):
            out.setdefault(name_key(text_of(a)), set()).add(_profile_key(href))
    return out


def _misdirected(author: Author, authors: Sequence[Author],
                 linked_names: dict[str, set[str]]) -> str | None:
    """What is wrong when the author's name is linked only to profiles not theirs (two
    co-authors' links swapped: each profile linked, neither from its author's name)."""
    keys = linked_names.get(name_key(author.name))
    own = _profile_key(author.profile_url or "")
    if not keys or own in keys:
        return None
    other = next((b for b in authors if b is not author and b.profile_url
                  and _profile_key(b.profile_url) in keys), None)
    whose = (f"{other.name}'s profile {other.profile_url}" if other is not None
             else "another profile")
    return f"{author.name}'s name links {whose}, not their own ({author.profile_url})"


def _profile_key(url: str) -> str:
    """A profile URL compared without scheme, host spelling or trailing slash."""
    return url_parts(url.strip()).path.rstrip("/").lower()


def _javascript_url(value: str) -> bool:
    compact = "".join(normalise(value).split()).lower()
    return compact.startswith(("javascript:", "vbscript:")) or ",javascript:" in compact


def _short(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
