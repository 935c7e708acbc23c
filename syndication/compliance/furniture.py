"""Pure: a publisher's own boxes inside a republished article (ads, newsletter sign-ups,
"Related" links, lists of the publisher's posts, its own captioned pictures, author boxes),
recognised by how CMSs mark them (the kinds boxkinds.py names) or, for a list of posts, a
link card, a related link's line, a newsletter box, a picture or an author box with no markup
of a person, by what it is made of, and furniture only where they carry none of the
original's text (docs/compliance.md#publisher-boxes, #person-boxes)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from lxml import etree

from ..conversation import is_tc_host, tc_article_id
from ..lazyre import lazy_compile
from ..urls import host_of, url_parts
from .boxkinds import (
    LABEL_KEYS,
    LABEL_WORDS,
    LABELLED_BOX_WORDS,
    PULL_QUOTE,
    SHARE_BUTTON,
    SHARE_QUOTE,
    box_kind,
    is_label,
)
from .content import (
    CAPTION_TOKENS,
    EMBED_TAGS,
    IMAGE_TAGS,
    caption_of,
    image_src,
    is_tc_picture,
    may_hold_picture,
    pictures_of,
)
from .credit import credit_of, names_the_article
from .htmltext import BLOCK_TAGS, HEADING_TAGS, class_words, key, tag_name
from .htmltext import words as words_of
from .licences import stated_licence
from .locate import CREDIT_NAMES, in_picture_caption
from .page import inside

if TYPE_CHECKING:
    from lxml.etree import _Element

    from ..models import Article
    from .page import Page

# A box's code beside it in the wrapper its software pastes (a script, a style sheet): the
# box's, in a wrapper of at most this many parts.
_BOX_CODE = frozenset("script style link noscript".split())
WRAPPED_PARTS = 4
# A run of this many tokens of the original inside a box: the box carries the article's text
# (an edited sentence hidden in a "Related" box, a paragraph wrapped in an ad class) and is
# judged as text, not furniture.
ORIGINAL_RUN = 5

# An author box by its shape, whatever its markup (docs/compliance.md#person-boxes): a block
# of at most this many tokens holding a picture (the avatar), then, in its first piece of
# words (or its second, after a label of at most AUTHOR_LABEL_WORDS words), the name of a
# person the page credits, and at most AUTHOR_BIO_WORDS more words (a short bio).
AUTHOR_BOX_TOKENS = 300
AUTHOR_LABEL_WORDS = 3
AUTHOR_BIO_WORDS = 100
# A name the page shows as who posted it is short: a byline's text of at most this many words.
POSTED_BY_WORDS = 8

# A table of contents lists at least this many of the page's headings (Easy Table of Contents
# can be set to show one for a single heading).
CONTENTS_ENTRIES = 1
# A list of the publisher's posts ("Read next", "Related", "Latest", "More from …": Elementor's
# Posts widget, the block editor's Latest Posts and Query Loop, Jetpack, YARPP, a theme's
# related posts, a Drupal view, Ghost's read-more cards) is known by what it is made of, not
# by its class (docs/compliance.md#publisher-boxes): links to the publisher's own pages,
# with or without thumbnails, and beside them only short pieces (a date, an author, "5 min
# read", a label). It is short: a block of more tokens than this is never taken for one (five
# posts with an excerpt each).
POST_LIST_TOKENS = 500
# A list of posts may show each post's excerpt (Divi's Blog module, the Latest Posts block and
# Elementor's Posts widget with excerpts, a Query Loop's Post Excerpt): prose of at most this
# many words under the post's title link, in the post's own block, which carries a mark of a
# post too (a thumbnail, a date, a second link: the author's, "Read more", or a short meta
# line). WordPress's excerpt is 55 words by default.
EXCERPT_WORDS = 60
# What a list of posts never holds: a script, a frame, a form, a caption (a captioned
# picture is the article's), nor an image served by The Conversation (the original's).
_NOT_IN_POST_LIST = frozenset(
    "script iframe frame object embed applet form input button select textarea figcaption "
    "video audio".split())
# Link types of a post's taxonomy and author pages (HTML's rel="tag", "author"; WordPress writes
# rel="category tag"): such a link is no post's title.
_TAXONOMY_RELS = frozenset({"tag", "category", "author"})
# The kind a list of posts is reported as (like a "Related" box's).
POSTS = "related links"
# A pull quote (boxkinds.PULL_QUOTE) is furniture when its words are a run of the
# original's (at least this many tokens: a quote, not a word), word for word: the article's
# own words set out again; a share quote (boxkinds.SHARE_QUOTE) is judged likewise, its
# button's words (boxkinds.SHARE_BUTTON) aside.
PULL_QUOTE_WORDS = 6
_QUOTE_MARKS = frozenset({'"', "'"})
_SIGN_UP = "newsletter sign-up"
_DONATION = "donation request"
# Boxes whose words are a pitch around a call to action: words there that name the article's
# author or The Conversation are a note about the article, judged as text ("Rebecca Vega
# Thurber wrote this for our readers. Support her work." above a Donate button; "Did you
# like Rebecca Vega Thurber's piece?" over a rating's stars).
_PITCHES = frozenset({_SIGN_UP, _DONATION, "promotion", "feedback", "series links"})
# A sign-up or donation form's own controls, which a box inviting to one may hold.
_FORM_CONTROLS = frozenset("form input button select textarea label".split())
# A piece of a list beside its links: at most a label's words, and no sentence.
_SENTENCE_MARKS = frozenset(".!?…")
# A related link by its shape, whatever its label's words (docs/compliance.md#publisher-boxes):
# a line of at most LABELLED_BOX_WORDS tokens holding a label and one link to an article
# (another of The Conversation's, or one of the publisher's own posts), nothing after the
# link. The label is a few words (LABEL_WORDS at most), no sentence, ending with one of these
# marks (a colon, a dash, a bar, an arrow: dashes are folded to "-", guillemets to '"') or
# set apart in an element of its own (<strong>Worth your time</strong>, or before a <br>).
_LABEL_ENDS = frozenset(': - | / > → › "'.split())
_LABEL_ELEMENTS = frozenset("strong b em i span small mark label u".split())
# Where a page says its own address: <link rel=…>, og:url, <base>, <a rel="home">.
_OWN_RELS = frozenset({"canonical", "shortlink", "home", "alternate"})

# A newsletter box is known by what it is, whatever its class: a heading or a sentence or two
# (at most this many words) and one call to action, a link or button standing on its own (a
# button, not a link inside a sentence), that leads to a sign-up (Ghost's header card and its
# "#/portal/signup", the block editor's Heading and Buttons in a Group, Substack's
# "/subscribe", a Mailchimp hosted form) or to a donation (a newsroom's "Donate" button, a
# Newspack or GiveWP donation form, Donorbox, Patreon). A sign-up or donation form may stand
# in the box beside its pitch.
SIGN_UP_WORDS = 30
# What a sign-up's or donation's address says in its path, query or fragment (Ghost's portal,
# Substack's /subscribe, Mailchimp's list-manage.com/subscribe, a site's /newsletter/, /join/,
# /donate/ or /support-us/), in the editions' languages; and the hosts of mailing-list and
# donation services whose pages say nothing in their path (Mailchimp's eepurl.com and
# mailchi.mp, Kit's ck.page, Donorbox, Patreon, Ko-fi, Buy Me a Coffee, Givebutter,
# Fundraise Up).
_SIGN_UP_TARGET = lazy_compile(
    r"sign-?up|subscri\w*|newsletters?|portal|opt-?in|join|mailing-?list|abonn\w*|suscri\w*|"
    r"inscri\w*|assin\w*|berlangganan|langganan|donat\w*|donar|doar|doacao|donasi|"
    r"faire-un-don|support-us|soutenir|apoya\w*|membership", re.IGNORECASE)
_LIST_HOSTS = ("eepurl.com", "mailchi.mp", "ck.page", "donorbox.org", "patreon.com",
               "ko-fi.com", "buymeacoffee.com", "givebutter.com", "fundraiseup.com")


# What a picture's caption holds: its credit and a short description of its own picture
# (docs/compliance.md#a-publishers-caption). Words of the publisher's about the
# article are text wherever they stand, a caption too: a note's label before its colon (an
# editor's note, an update, a correction), words that point at the article ("this piece",
# "cet article", "este tema"), in the editions' languages, compared without case or accents
# (htmltext.key). "Our readers" is no such word: "Photo sent by one of our readers" credits.
_CAPTION_NOTE_LABELS = (
    "editor's note", "editors' note", "editor note", "editor's update", "update", "updated",
    "correction", "clarification", "note de la redaction", "mise a jour", "rectificatif",
    "nota de la redaccion", "nota del editor", "nota de la editora",
    "actualizacion", "correccion", "aclaracion", "nota do editor", "nota da redacao",
    "atualizacao", "correcao", "catatan redaksi", "pembaruan", "koreksi", "ralat",
)
_CAPTION_ABOUT_ARTICLE = (
    "this article", "this piece", "this story", "this post", "this essay", "this report",
    "this column", "this interview", "this text", "cet article", "ce texte", "cet entretien",
    "ce reportage", "cette analyse", "cette chronique", "ce sujet", "este articulo",
    "este texto", "esta nota", "este reportaje", "esta entrevista", "esta historia",
    "este tema", "este artigo", "esta materia", "artikel ini", "tulisan ini",
)


@lru_cache(maxsize=1)
def _caption_notes() -> tuple[str, ...]:
    """_CAPTION_NOTE_LABELS (before their colon) and _CAPTION_ABOUT_ARTICLE as key() strings
    between spaces: worked out on first need, not when the module loads."""
    return (*(f" {key(w)} : " for w in _CAPTION_NOTE_LABELS),
            *(f" {key(w)} " for w in _CAPTION_ABOUT_ARTICLE))


# A sentence of the article edited in a caption: two runs of at least this many tokens of the
# original, in its order, with at most EDIT_GAP tokens changed, added or left out between
# them, and QUOTE_TOKENS of the original in all ("which are hungry kelp eaters, were"). A
# shorter run beside the change reads as any description's words.
QUOTE_RUN = 3
EDIT_GAP = 2
QUOTE_TOKENS = 6


@lru_cache(maxsize=4)
def _starts_of(original: tuple[str, ...]) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Where each run of QUOTE_RUN tokens of the original starts, made once per original."""
    k = QUOTE_RUN
    out: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(original) - k + 1):
        out.setdefault(original[i:i + k], []).append(i)
    return {run: tuple(at) for run, at in out.items()}


def edits_a_quote(words: Sequence[str], original: Sequence[str]) -> bool:
    """Whether ``words`` hold a sentence of ``original`` with a word or two changed, added or
    left out: a run of QUOTE_RUN tokens or more of it, then, after at most EDIT_GAP tokens of
    the caption's and of the original's (not none of both), another from there on, the two
    QUOTE_TOKENS tokens or more."""
    source = tuple(original)
    starts = _starts_of(source)
    k, n, m = QUOTE_RUN, len(words), len(source)
    for i in range(n - k + 1):
        for p in starts.get(tuple(words[i:i + k]), ()):
            run = k
            while i + run < n and p + run < m and words[i + run] == source[p + run]:
                run += 1
            for gap in range(EDIT_GAP + 1):
                for skip in range(EDIT_GAP + 1):
                    if not gap and not skip:
                        continue
                    a, b = i + run + gap, p + run + skip
                    if a + k > n or b + k > m or tuple(words[a:a + k]) != source[b:b + k]:
                        continue
                    again = k
                    while a + again < n and b + again < m and words[a + again] == source[
                            b + again]:
                        again += 1
                    if run + again >= QUOTE_TOKENS:
                        return True
    return False


@lru_cache(maxsize=4)
def _runs_of(original: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The original's runs of ORIGINAL_RUN tokens, made once for a page's furniture and its
    article's span (an Article's tokens are a tuple: the key is the original)."""
    k = ORIGINAL_RUN
    return frozenset(original[i:i + k] for i in range(len(original) - k + 1))


def carries_a_run(words: Sequence[str], original: Sequence[str],
                  unless: Callable[[Sequence[str]], bool] | None = None) -> bool:
    """Whether ``words`` hold a run of ORIGINAL_RUN tokens of ``original``: a box holding one
    carries the article's text (an edited sentence in a "Related" box, an author's bio).
    A run ``unless`` says is no text of the article's does not count."""
    runs, k = _runs_of(tuple(original)), ORIGINAL_RUN
    return any(tuple(words[i:i + k]) in runs and (unless is None or not unless(words[i:i + k]))
               for i in range(len(words) - k + 1))


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)



def _site(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _same_site(host: str, own: frozenset[str]) -> bool:
    """Whether ``host`` is the publisher's: one of its ``own`` hosts, a subdomain of one
    (blog.harbourtown.example under harbourtown.example), or the domain one of them is a
    subdomain of (harbourtown.example above news.harbourtown.example); never a bare
    top-level name. Two subdomains side by side (news. and blog.) are not matched: without
    the public-suffix list, alice.github.io and bob.github.io, two owners, would look alike."""
    if host in own:
        return True
    return any((host.endswith("." + o) and "." in o) or (o.endswith("." + host) and "." in host)
               for o in own)


class Furniture:
    """The publisher's boxes of a page (page.py read it), each furniture only when it
    carries no run of ORIGINAL_RUN tokens of ``original`` (the original's tokens; None
    without the original: markup alone decides)."""

    def __init__(self, rep: Page, original: Sequence[str] | None,
                 article: Article | None = None, credits: Sequence[str] = ()):
        self.rep = rep
        self.original = original
        self.credits = credits  # the original's pictures' credits ("X/Flickr, CC BY")
        self._prose: set[tuple[str, ...]] | None = None  # its runs, less its credits'
        self.article = article  # whose credit a box must not speak of (_invites_to_sign_up)
        self._joined: str | None = None
        self._known: dict[_Element, bool] = {}  # is_box's answers
        self._boxes: list[_Element] | None = None
        self._hosts: frozenset[str] | None = None  # the publisher's own hosts
        self._toc_entries: frozenset[_Element] | None = None  # _entries
        self._pictures: set[_Element] = set()  # boxes that are a publisher's picture
        self._posted: list[tuple[_Element, tuple[str, ...]]] | None = None  # _posting_names

    def _carries_original(self, words: Sequence[str]) -> bool:
        """Whether ``words`` hold a run of ORIGINAL_RUN tokens of the original, or, shorter
        than that (but for a label of one or two words), occur in it whole: a short line of
        the original ("Read more: Kelp") is its text, not a box."""
        if self.original is None:
            return False
        if 3 <= len(words) < ORIGINAL_RUN:
            return self._in_original(words)
        return carries_a_run(words, self.original)

    def _original_runs(self) -> frozenset[tuple[str, ...]]:
        """Every run of ORIGINAL_RUN tokens of the original."""
        return _runs_of(tuple(self.original or ()))

    def is_box(self, el: _Element) -> bool:
        """Whether ``el`` is a box that is furniture (markup, and none of the original's
        text)."""
        known = self._known.get(el)
        if known is not None:
            return known
        self._known[el] = found = self._is_box(el)
        return found

    def _is_box(self, el: _Element) -> bool:
        start, end = self.rep.at.get(el, (0, 0))
        if tag_name(el) in BLOCK_TAGS and stated_licence(self.rep, el) is not None \
                and not pictures_of(el, self.rep.pictures) \
                and not in_picture_caption(self.rep, el):
            # a theme's licence line or copyright notice: the site's, never the article's
            # text (a wrong one is licence-notice's to judge, F68); a picture's caption and
            # credit is judged as a caption; one naming the article's author or The
            # Conversation is a note about the article, judged as text
            return not self._carries_original(self.rep.words[start:end]) \
                and not self._speaks_of_article(start, end)
        if (el.get("class") or el.get("id")) and PULL_QUOTE.search(class_words(el)):
            return self._pulls_a_quote(start, end)
        if el.get("class") and SHARE_QUOTE.search(class_words(el)):
            return self._shares_a_quote(el, start, end)
        # box_kind reads a box's first words and whether it has more than a label's: no
        # need to copy a wrapper's thousands
        head = self.rep.words[start:min(end, start + LABELLED_BOX_WORDS + 1)]
        kind = box_kind(el, head)
        if kind is None and self._labels_a_link(el, start, end):
            return True
        if kind is None and not self._lists_posts(el, start, end) \
                and not self._heads_a_list(el, start, end) \
                and not self._invites_to_sign_up(el, start, end) \
                and not self._wraps_a_box(el):
            if self._lists_contents(el, start, end):
                return True
            if self._shows_a_person(el, start, end):
                return not self._carries_original(self.rep.words[start:end])
            if not self._shows_a_picture(el, start, end) or self._captions_text(start, end):
                return False  # text, or a caption holding text (the article's, a note)
            self._pictures.add(el)
            return True
        if kind in _PITCHES and self._speaks_of_article(start, end):
            return False  # a note about the article in a prompt's box is text
        # a table of contents carries the article's headings, and only those
        return (not self._carries_original(self.rep.words[start:end])
                or self._lists_contents(el, start, end))

    def _shows_a_picture(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is a picture's container (content.image_container: its <figure>,
        a classic caption's div.wp-caption) holding the picture and a short caption and
        credit, its words all in the caption, nothing embedded: the publisher's picture,
        whose caption is no text of the article wherever it stands
        (docs/compliance.md#rule-images). A link card's title and description stand beside
        its picture, not in a caption."""
        if not may_hold_picture(el) or end - start > CAPTION_TOKENS:
            return False
        caption = caption_of(el) if end > start else None
        c_start, c_end = self.rep.at.get(caption, (0, 0)) if caption is not None else (0, 0)
        if c_end - c_start < end - start:
            return False  # words beside the caption
        shown = pictures_of(el, self.rep.pictures)
        return bool(shown) and not any(is_tc_picture(image_src(img)) for img in shown) \
            and not any(True for _ in el.iter(*EMBED_TAGS - {"noscript"}))

    def caption_is_text(self, box: _Element) -> bool:
        """Whether ``box``, a picture's container (content.image_container), holds in its
        caption words no picture's caption holds (_captions_text): its words are the
        publisher's text, judged as such around the article's words too (span.added_words),
        not a caption passed over."""
        if not pictures_of(box, self.rep.pictures):
            return False
        start, end = self.rep.at.get(box, (0, 0))
        return end - start <= CAPTION_TOKENS and self._captions_text(start, end)

    def _captions_text(self, start: int, end: int) -> bool:
        """Whether a picture's caption (the page's tokens ``start:end``) holds more than its
        credit and a description of its picture (docs/compliance.md#images): the article's
        words (_quotes_prose), a sentence of it edited (edits_a_quote), or the publisher's
        words about the article (a note's label, "this piece": _caption_notes)."""
        if end <= start:
            return False
        said = f" {key(' '.join(self.rep.words[start:end]))} "
        if any(note in said for note in _caption_notes()):
            return True
        return self._quotes_prose(start, end) or (
            self.original is not None
            and edits_a_quote(self.rep.words[start:end], self.original))

    def _quotes_prose(self, start: int, end: int) -> bool:
        """Whether the page's tokens ``start:end`` hold a run of ORIGINAL_RUN tokens of the
        original but of its pictures' credits: a credit's "/Flickr, CC BY" is no quote."""
        if self.original is None:
            return False
        if self._prose is None:
            k = ORIGINAL_RUN
            credited = {tuple(c[i:i + k]) for c in map(words_of, self.credits)
                        for i in range(len(c) - k + 1)}
            self._prose = set(self._original_runs()) - credited
        words, k = self.rep.words[start:end], ORIGINAL_RUN
        return any(tuple(words[i:i + k]) in self._prose for i in range(len(words) - k + 1))

    def aside(self, el: _Element) -> bool:
        """Whether ``el`` stands in a box that is not the article's (an ad, a sign-up, a list
        of posts): a publisher's picture with its caption is a box whose words are not the
        article's text, but its picture is judged by the images rule, and its markup by
        safe-html, like the article's."""
        box = self.box_of(el)
        return box is not None and box not in self._pictures

    def _wraps_a_box(self, el: _Element) -> bool:
        """Whether ``el`` holds a box and the box's scripts, nothing else: the wrapper a
        sign-up or ad's code comes in (Mailchimp's embed: ``div#mc_embed_shell`` around the
        form and its validation script)."""
        if (el.text or "").strip() or tag_name(el) not in BLOCK_TAGS:
            return False
        children = [c for c in el if tag_name(c)]
        if len(children) > WRAPPED_PARTS or not any(
                tag_name(c) in _BOX_CODE for c in children):
            return False
        boxes = 0
        for child in children:
            if (child.tail or "").strip():
                return False
            if tag_name(child) not in _BOX_CODE:
                if not self.is_box(child):
                    return False
                boxes += 1
        return boxes > 0

    # --- a list of the publisher's posts, by structure -----------------------------------

    def _lists_posts(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is a list of the publisher's posts by what it holds: links, every
        one to the publisher's own pages (relative, or to the page's own host) or to other
        articles of The Conversation (_other_tc_article), at least one
        with words (a title); beside them only short pieces that are no sentence (a date, an
        author, a label), or a post's excerpt under its title (_excerpts); the words in the
        links' blocks the links' own (a paragraph of prose around a link is text); nothing of
        _NOT_IN_POST_LIST."""
        if end - start > POST_LIST_TOKENS or tag_name(el) not in BLOCK_TAGS:
            return False
        links: list[tuple[int, int, str]] = []  # the links with words: start, end, href
        # those that may be a post's title: no link to a tag's, a category's or an author's
        # page (prose beside "Tagged: <a rel=tag>oceans</a>" is no excerpt)
        titles: list[tuple[int, int, str]] = []
        for a in el.iter("a"):  # the quick no: most blocks hold no link of the publisher's
            href = (a.get("href") or "").strip()
            if href and not self._own(href) and not self._other_tc_article(href):
                return False
            span = self.rep.at.get(a)
            if href and span is not None and span[1] > span[0]:
                links.append((*span, href))
                if _TAXONOMY_RELS.isdisjoint((a.get("rel") or "").lower().split()):
                    titles.append((*span, href))
        if not links or all(url_parts(href).fragment for _s, _e, href in links):
            return False  # no post: places in this page (a table of contents: _lists_contents)
        marks = bytearray(end - start)  # 1: in a link; 2: a date or an author's mark-up
        cuts = {start, end}
        blocks: list[_Element] = []
        for d in el.iterdescendants():
            tag = tag_name(d)
            if tag in _NOT_IN_POST_LIST or (tag == "img" and is_tc_host(
                    host_of(d.get("src") or ""))):
                return False
            span = self.rep.at.get(d)
            if span is None or not tag:
                continue
            if tag == "time" or d.get("itemprop") in ("datePublished", "author", "dateModified"):
                marks[span[0] - start:span[1] - start] = b"\x02" * (span[1] - span[0])
            elif tag in BLOCK_TAGS:
                cuts.update(span)
                blocks.append(d)
        words = self.rep.words
        ordered = sorted(cuts)
        for s, e, _href in links:
            marks[s - start:e - start] = b"\x01" * (e - s)
            # a link of one piece is a title: a sentence linked whole ("Correction: an
            # earlier version … misnamed the harbour.") is prose, not a post
            if words[e - 1] == "." and sum(map(_is_word, words[s:e])) >= 3 \
                    and not any(s < k < e for k in ordered):
                return False
        linked = plain = 0
        prose: list[tuple[int, int, int]] = []  # pieces of prose: start, end, words
        short: list[int] = []  # where the short pieces beside the links start
        for s, e in pairwise(ordered):
            piece = [words[k] for k in range(s, e) if not marks[k - start]]
            said = [w for w in piece if _is_word(w)]
            in_link = sum(1 for k in range(s, e) if marks[k - start] == 1 and _is_word(words[k]))
            linked += in_link
            if not said:
                continue
            sentence = piece[-1] in _SENTENCE_MARKS
            first_link = marks.find(1, s - start, e - start)
            prosaic = len(said) > LABEL_WORDS or (sentence and len(said) >= 3)
            beside = first_link >= 0 and any(  # words after the block's first link
                _is_word(words[k]) and not marks[k - start]
                for k in range(first_link + start, e))
            if first_link >= 0 and (not prosaic or beside):
                # beside a link in one block: a label ("Related:", or any few words ending
                # in a colon before the links: "Read next:"), one word ("By"), or a meta
                # line ("September 28th, 2025 | <a>0 Comments</a>": a few words, a number,
                # no sentence); prose only before its links (an excerpt and its "Read more")
                if not (is_label(piece) or (len(said) == 1 and not sentence) or (
                        not sentence and len(said) <= LABEL_WORDS
                        and any(c.isdigit() for w in said for c in w))
                        or (not beside and self._nav_label(
                            [words[k] for k in range(s, first_link + start)
                             if not marks[k - start]]))):
                    return False
            elif prosaic:
                prose.append((s, e, len(said)))
                continue
            plain += len(said)
            short.append(s)
        if not linked or plain > 2 * linked + LABEL_WORDS:
            return False
        return not prose or self._excerpts(el, blocks, titles, prose, short)

    def _nav_label(self, piece: Sequence[str]) -> bool:
        """Whether ``piece``, the tokens before a block's links to the publisher's own pages
        (no words after them), is a navigation line's label: a few words (LABEL_WORDS at
        most) ending in a colon, no sentence in them, not speaking of the article ("Read
        next:", "Don't miss:", "Te puede interesar:", WPML's "This post is also available
        in:"); a sentence of the publisher's ending in a colon ("Our reporter asked the
        author about it:") is longer, and one naming the author or The Conversation is a
        note about the article (docs/compliance.md#publisher-boxes)."""
        said = [t for t in piece if _is_word(t)]
        return (0 < len(said) <= LABEL_WORDS and piece[-1] == ":"
                and not _SENTENCE_MARKS.intersection(piece)
                and not (self.article is not None
                         and names_the_article(piece, credit_of(self.article)))
                and not self._label_in_original(piece))

    def _label_in_original(self, label: Sequence[str]) -> bool:
        """Whether a label's words (its marks around them aside) are three or more words of
        the original in a row: the article's words set as a label are its text."""
        first = next((k for k, t in enumerate(label) if _is_word(t)), len(label))
        last = max((k for k, t in enumerate(label) if _is_word(t)), default=-1)
        core = label[first:last + 1]
        return sum(map(_is_word, core)) >= 3 and self._in_original(core)

    # --- an author box by its shape --------------------------------------------------------

    def _shows_a_person(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is an author box by what it is made of (AUTHOR_BOX_TOKENS), as
        plugins printed one with no markup of a person (Simple Author Box before its
        schema.org markup) and editors build one (a Media & Text block, an Image Box
        widget): a picture that is none of The Conversation's, the name of a person the page
        credits (_credits) in its first piece of words or after a short label, and a short
        bio. Whether it carries the original's words is asked after (an edited sentence of
        the article as the bio makes it text)."""
        if self.article is None or tag_name(el) not in BLOCK_TAGS \
                or tag_name(el) in HEADING_TAGS or not 0 < end - start <= AUTHOR_BOX_TOKENS:
            return False
        shown = [d for d in el.iterdescendants(*IMAGE_TAGS)]
        if not shown or any(is_tc_picture(image_src(img)) for img in shown):
            return False
        at, words = self.rep.at, self.rep.words
        cuts = {start, end}
        for d in el.iterdescendants():
            if tag_name(d) in BLOCK_TAGS and (span := at.get(d)) is not None:
                cuts.update(span)
        pieces = [(s, e) for s, e in pairwise(sorted(cuts))
                  if any(map(_is_word, words[s:e]))]
        for k, (s, e) in enumerate(pieces[:2]):
            if self._credits(tuple(key(" ".join(words[s:e])).split()), el):
                bio = sum(sum(map(_is_word, words[p:q])) for p, q in pieces[k + 1:])
                return bio <= AUTHOR_BIO_WORDS
            if sum(map(_is_word, words[s:e])) > AUTHOR_LABEL_WORDS \
                    or _SENTENCE_MARKS.intersection(words[s:e]):
                return False  # no label: prose, or a name the page does not credit
        return False

    def _credits(self, name: tuple[str, ...], box: _Element) -> bool:
        """Whether the folded words ``name`` are the name of a person the page credits: one
        of the article's authors, or who the page says posted it (_posting_names), said
        outside ``box``."""
        if not name or self.article is None:
            return False
        if name in credit_of(self.article).people:
            return True
        n = len(name)
        return any(not inside(src, box) and (said == name or (n >= 2 and any(
            said[k:k + n] == name for k in range(len(said) - n + 1))))
            for src, said in self._posting_names())

    def _posting_names(self) -> list[tuple[_Element, tuple[str, ...]]]:
        """Who the page says posted it, folded, with the element saying so: its
        ``<meta name="author">``, links to an author (``rel="author"``), elements marked as
        the author (``itemprop="author"``) and short elements whose class or id names a
        byline or an author (a theme's "By Jane Staff"). Read once a page."""
        if self._posted is None:
            found = []
            at, words = self.rep.at, self.rep.words
            for el in self.rep.root.iter():
                tag = tag_name(el)
                if not tag or tag in ("html", "body"):
                    continue
                if tag == "meta":
                    said = el.get("content") if (el.get("name") or "").lower() == "author" \
                        else None
                elif (tag == "a" and "author" in (el.get("rel") or "").lower().split()) \
                        or "author" in (el.get("itemprop") or "").split() \
                        or ((el.get("class") or el.get("id"))
                            and CREDIT_NAMES.search(class_words(el))):
                    span = at.get(el)  # shown; a post labelled with its author is longer
                    if span is None or span[1] - span[0] > 2 * POSTED_BY_WORDS:
                        continue
                    said = " ".join(words[span[0]:span[1]])
                else:
                    continue
                folded = tuple(key(said or "").split())
                if 0 < len(folded) <= POSTED_BY_WORDS:
                    found.append((el, folded))
            self._posted = found
        return self._posted

    # --- a related link by its shape -------------------------------------------------------

    def _labels_a_link(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is a line of a label and one link to an article (_LABEL_ENDS): "Worth
        your time: <a>…</a>", "Must read — <a>…</a>", "<strong>À voir aussi</strong> <a>…</a>"
        before another article of The Conversation or one of the publisher's own posts
        (tc_article_id, _own_post). Not a sentence (more words than a label's, a sentence's
        mark, words after the link), nor a line of the original's words (_label_in_original,
        a run in it), nor one whose label names the article's authors (words about the
        article: "Rebecca Vega Thurber on our podcast:"), or, before the publisher's own
        page, The Conversation."""
        if self.article is None or tag_name(el) not in BLOCK_TAGS \
                or not 0 < end - start <= LABELLED_BOX_WORDS:
            return False
        links = list(el.iter("a"))
        if len(links) != 1:
            return False
        link = links[0]
        at, words = self.rep.at, self.rep.words
        span = at.get(link)
        if span is None or not start < span[0] < span[1] \
                or any(map(_is_word, words[span[1]:end])):
            return False
        label = words[start:span[0]]
        said = [t for t in label if _is_word(t)]
        if not 0 < len(said) <= LABEL_WORDS or _SENTENCE_MARKS.intersection(label):
            return False
        href = (link.get("href") or "").strip()
        other = tc_article_id(href)
        if other == self.article.article_id or (other is None and not self._own_post(href)):
            return False
        if not (label[-1] in _LABEL_ENDS or self._set_apart(el, link, start, span[0])):
            return False
        credit = credit_of(self.article)
        folded = key(" ".join(label)).split()
        if any(tuple(folded[k:k + len(p)]) == p for p in credit.people
               for k in range(len(folded))) or (other is None
                                                 and names_the_article(label, credit)):
            return False  # a note about the article
        return not self._carries_original(words[start:end]) \
            and not self._label_in_original(label)

    def _other_tc_article(self, href: str) -> bool:
        """Whether ``href`` leads to another article of The Conversation than the original: a
        list of those ("More from The Conversation", the partner ending's "Read more:") is a
        list of posts as the publisher's own are."""
        other = tc_article_id(href)
        return other is not None and self.article is not None \
            and other != self.article.article_id

    def _own_post(self, href: str) -> bool:
        """Whether ``href`` leads to a page of the publisher's own (_own) that may be a post:
        not its home nor a place in this page."""
        if not self._own(href):
            return False
        parts = url_parts(href)
        return bool(parts.path.strip("/")) and not (parts.fragment and not parts.path)

    def _set_apart(self, el: _Element, link: _Element, start: int, end: int) -> bool:
        """Whether the words of ``el`` before its link (tokens ``start`` to ``end``) stand in
        an element of their own (_LABEL_ELEMENTS, the link outside it), or a <br> parts them
        from the link."""
        at = self.rep.at
        for d in el.iterdescendants():
            tag = tag_name(d)
            span = at.get(d)
            if span is None:
                continue
            if tag == "br" and start < span[0] <= end:
                return True
            if tag in _LABEL_ELEMENTS and span[0] <= start and span[1] >= end \
                    and span[1] <= at[link][0]:
                return True
        return False

    def _excerpts(self, el: _Element, blocks: Sequence[_Element],
                  links: Sequence[tuple[int, int, str]], prose: Sequence[tuple[int, int, int]],
                  short: Sequence[int]) -> bool:
        """Whether every piece of ``prose`` in the list ``el`` is a post's excerpt: in the
        post's own block (the nearest block around it holding a link with words before it),
        headed by that link (the post's title), EXCERPT_WORDS at most under one title, and
        the post carrying a mark of a post besides its title (in its block, before the next
        link with words): a picture, a date, a second link (its thumbnail's, "Read more", an
        author's) or a short piece (a byline, a date as text); unless several titles head an
        excerpt each (a Drupal view's titles and summaries). A sentence under a lone link
        ("<h3><a>…</a></h3><p>…</p>") is the publisher's prose, not a post."""
        at = self.rep.at
        under: Counter[tuple[int, int, str]] = Counter()  # excerpt words under each title
        unmarked = False
        for s, e, n in prose:
            inner = [b for b in blocks if at[b][0] <= s and e <= at[b][1]]
            item = inner[-1] if inner else el
            while True:
                i_start, i_end = at.get(item, (0, 0))
                titles = [t for t in links if i_start <= t[0] and t[1] <= min(i_end, s)]
                parent = item.getparent()
                if titles or item is el or parent is None:
                    break
                item = parent
            if not titles:
                return False
            title = max(titles, key=lambda t: t[1])
            under[title] += n
            if under[title] > EXCERPT_WORDS:
                return False
            # the post: from its block's start to the next post's title (a link with words
            # after the excerpt to another address than the title's "Read more")
            post_end = min((t[0] for t in links if e <= t[0] < i_end and t[2] != title[2]),
                           default=i_end)
            marked = any(
                i_start <= at.get(d, (-1, -1))[0] < post_end
                and (tag_name(d) in ("img", "picture", "time")
                     or (tag_name(d) == "a" and at.get(d) != title[:2] and d.get("href")))
                for d in item.iter("a", "img", "picture", "time")
            ) or any(i_start <= k < post_end for k in short)
            unmarked = unmarked or not marked
        return not unmarked or len(under) > 1

    def _heads_a_list(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is the heading of the list of posts or the newsletter box right
        after it ("Related", "More from Tideline", "Our newsletter", in a heading or a
        builder's heading widget): a few words, all in one heading, no sentence, and a list
        of posts or a sign-up (by structure or by its markup) as its next sibling."""
        if not 0 < end - start <= LABEL_WORDS + 2:
            return False
        if tag_name(el) not in HEADING_TAGS and not any(
                self.rep.at.get(h) == (start, end) for h in el.iterdescendants(*HEADING_TAGS)):
            return False
        if (el.tail or "").strip():
            return False
        after = el.getnext()
        while after is not None and not tag_name(after):
            after = after.getnext()
        if after is None:
            return False
        words = self.rep.words[start:end]
        if words[-1] in _SENTENCE_MARKS or sum(map(_is_word, words)) > LABEL_WORDS:
            return False
        if not is_label(words) and self._in_original(words):
            return False  # a subheading of the original's, before an ad
        a_start, a_end = self.rep.at.get(after, (0, 0))
        return self.is_box(after) and (
            self._lists_posts(after, a_start, a_end)
            or self._invites_to_sign_up(after, a_start, a_end)
            or box_kind(after, self.rep.words[a_start:min(
                a_end, a_start + LABELLED_BOX_WORDS + 1)]) in (POSTS, _SIGN_UP, _DONATION))

    # --- a table of contents, by structure ------------------------------------------------

    def _lists_contents(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is a table of contents (docs/compliance.md#publisher-boxes), as
        plugins insert one into a post (Easy Table of Contents' div#ez-toc-container, Table of
        Contents Plus, Rank Math's and Yoast's blocks): links to places in the page (a
        fragment), at least CONTENTS_ENTRIES of them with words, each link's words those of a
        heading of the page, whole (after a section number: "1.2"), and beside them no more
        than a label's words ("Table of Contents", "Toggle"). Its words are the article's
        headings, judged where they stand."""
        if end - start > POST_LIST_TOKENS or tag_name(el) not in BLOCK_TAGS \
                or not self._entries():
            return False  # the quick no: most pages hold no entry of a table of contents
        at, words, known = self.rep.at, self.rep.words, self._entries()
        entries = linked = 0  # the entries, and their words
        for a in el.iter("a"):
            span = at.get(a)
            if span is None or span[1] <= span[0]:
                continue  # a toggle, an icon: no words
            if a not in known or not self._own((a.get("href") or "").strip()):
                return False
            entries += 1
            linked += sum(map(_is_word, words[span[0]:span[1]]))
        return entries >= CONTENTS_ENTRIES and \
            sum(map(_is_word, words[start:end])) - linked <= LABEL_WORDS

    def _entries(self) -> frozenset[_Element]:
        """The page's links that may be a table of contents' entries: to a place in the page
        (a fragment), their words those of one of its headings, whole (after a section
        number). Found once a page."""
        if self._toc_entries is None:
            at, words = self.rep.at, self.rep.words
            headings = {tuple(words[s:e]) for h in self.rep.root.iter(*HEADING_TAGS)
                        if (s_e := at.get(h)) is not None and (s := s_e[0]) < (e := s_e[1])}
            found = set()
            for a in self.rep.root.iter("a"):
                href, span = a.get("href") or "", at.get(a)
                if "#" not in href or span is None or span[1] <= span[0] \
                        or not url_parts(href.strip()).fragment:
                    continue
                text = words[span[0]:span[1]]
                k = 0
                while k < len(text) - 1 and (text[k].isdigit() or text[k] == "."):
                    k += 1  # a section number
                if tuple(text[k:]) in headings:
                    found.add(a)
            self._toc_entries = frozenset(found)
        return self._toc_entries

    # --- a newsletter box, by structure ---------------------------------------------------

    def _invites_to_sign_up(self, el: _Element, start: int, end: int) -> bool:
        """Whether ``el`` is a newsletter or donation box by what it is: a heading or a
        sentence or two (SIGN_UP_WORDS at most, if any), the form if any, and a call to
        action that leads to a sign-up or a donation (_signs_up) and stands on its own
        (nothing but its words between the blocks around it: a button, not a link in a
        sentence); no other words in a link or button; no words naming the article. The
        call may be printed twice to one address (a theme's desktop and phone buttons)."""
        if tag_name(el) not in BLOCK_TAGS or tag_name(el) in HEADING_TAGS \
                or end - start > 2 * SIGN_UP_WORDS:
            return False
        words = self.rep.words
        at = self.rep.at
        calls = [(d, span) for d in el.iterdescendants("a", "button")
                 if (span := at.get(d)) is not None and span[1] > span[0]
                 and any(map(_is_word, words[span[0]:span[1]]))]
        if not calls or len({(d.get("href") or "").strip() for d, _span in calls}) > 1:
            return False
        if any(sum(map(_is_word, words[s:e])) > LABEL_WORDS for _d, (s, e) in calls) \
                or not self._signs_up(calls[0][0]):
            return False
        called = sum(sum(map(_is_word, words[s:e])) for _d, (s, e) in calls)
        if sum(map(_is_word, words[start:end])) - called > SIGN_UP_WORDS:
            return False
        if self._speaks_of_article(start, end):
            return False  # a note about the article above a button is text
        # on its own: the blocks around it start where it starts and end where it ends
        cuts = {start, end}
        for d in el.iterdescendants():
            if tag_name(d) in _NOT_IN_POST_LIST and tag_name(d) not in _FORM_CONTROLS:
                return False
            if tag_name(d) in BLOCK_TAGS and (span := at.get(d)) is not None:
                cuts.update(span)
        for _d, (c_start, c_end) in calls:
            left = max(k for k in cuts if k <= c_start)
            right = min(k for k in cuts if k >= c_end)
            if any(map(_is_word, words[left:c_start] + words[c_end:right])):
                return False
        return True

    def _speaks_of_article(self, start: int, end: int) -> bool:
        """Whether the words from ``start`` to ``end`` name the article's author or The
        Conversation (credit.names_the_article): a note about the article, not a pitch."""
        return self.article is not None and names_the_article(
            self.rep.words[start:end], credit_of(self.article))

    def _signs_up(self, call: _Element) -> bool:
        """Whether a link or button leads to a sign-up or a donation: its address says so
        (_SIGN_UP_TARGET in its path, query or fragment, or a mailing-list or donation
        service's host), or its words are a sign-up's or a donation's ("Subscribe", "Sign
        up", "Abonnez-vous", "Donate", "Faire un don"). Never The Conversation's."""
        href = (call.get("href") or "").strip()
        if href:
            parts = url_parts(href)
            host = _site(host_of(href)) if parts.netloc else ""
            if parts.scheme.lower() not in ("http", "https", "") or is_tc_host(host):
                return False
            if host.endswith(_LIST_HOSTS) or _SIGN_UP_TARGET.search(
                    f"{parts.path} {parts.query} {parts.fragment}"):
                return True
        said = key(" ".join(self.rep.words[slice(*self.rep.at[call])]))
        return any(said == k or said.startswith(k + " ")
                   for k in (*LABEL_KEYS[_SIGN_UP], *LABEL_KEYS[_DONATION]))

    def _pulls_a_quote(self, start: int, end: int) -> bool:
        """Whether a pull quote's words are a run of the original's, word for word: the
        article's own words set out again, no text of the publisher's
        (docs/compliance.md#publisher-boxes). One reworded is text."""
        return self._quotes_word_for_word(self.rep.words[start:end])

    def _quotes_word_for_word(self, quote: Sequence[str]) -> bool:
        """Whether the tokens ``quote``, its quotation marks aside, are at least
        PULL_QUOTE_WORDS of the original's in a row."""
        words = list(quote)
        while words and words[0] in _QUOTE_MARKS:
            words.pop(0)
        while words and words[-1] in _QUOTE_MARKS:
            words.pop()
        return len(words) >= PULL_QUOTE_WORDS and self._in_original(words)

    def _shares_a_quote(self, el: _Element, start: int, end: int) -> bool:
        """Whether a share quote's words, its button's aside, are a run of the original's,
        word for word, as a pull quote's must be; a button's label of a few words only."""
        skipped: list[tuple[int, int]] = []
        for d in el.iterdescendants():
            if isinstance(d.tag, str) and d.get("class") and SHARE_BUTTON.search(
                    class_words(d)):
                span = self.rep.at.get(d)
                if span is not None:
                    skipped.append(span)
        if sum(e - s for s, e in skipped) > LABEL_WORDS:
            return False
        return self._quotes_word_for_word([
            w for p, w in enumerate(self.rep.words[start:end], start)
            if not any(s <= p < e for s, e in skipped)])

    def _in_original(self, words: Sequence[str]) -> bool:
        """Whether ``words`` occur, in a row, in the original."""
        if self.original is None:
            return False
        if self._joined is None:
            self._joined = " " + " ".join(self.original) + " "
        return " " + " ".join(words) + " " in self._joined

    def _own(self, href: str) -> bool:
        """Whether ``href`` leads to the publisher's own pages: relative, a fragment, or an
        http(s) address on the page's own host or a host above or below it (never The
        Conversation's): see _same_site."""
        parts = url_parts(href)
        if not parts.scheme and not parts.netloc:
            return True
        if parts.scheme.lower() not in ("http", "https", ""):
            return False  # mailto:, javascript:, tel:
        host = _site(host_of(href))
        if not host or is_tc_host(host):
            return False
        return _same_site(host, self.own_hosts())

    def own_hosts(self) -> frozenset[str]:
        """The hosts the page says are its own: its canonical address, og:url, <base>, its
        "home" links and feeds, and the host most of its navigation's and header's links lead
        to (without www.)."""
        if self._hosts is None:
            root = self.rep.root
            said = [link.get("href") for link in root.iter("link")
                    if _OWN_RELS & set((link.get("rel") or "").lower().split())]
            said += [m.get("content") for m in root.iter("meta")
                     if (m.get("property") or m.get("name")) == "og:url"]
            said += [b.get("href") for b in root.iter("base")]
            said += [a.get("href") for a in root.iter("a")
                     if "home" in (a.get("rel") or "").lower().split()]
            hosts = {_site(host_of(h)) for h in said if h}
            nav = Counter(_site(host_of(a.get("href") or ""))
                          for n in root.iter("nav", "header") for a in n.iter("a"))
            nav.pop("", None)
            for host in [h for h in nav if is_tc_host(h)]:
                del nav[host]
            if nav:
                hosts.add(nav.most_common(1)[0][0])
            self._hosts = frozenset(h for h in hosts if h and not is_tc_host(h))
        return self._hosts

    def box_of(self, el: _Element) -> _Element | None:
        """The outermost furniture box holding ``el`` (or ``el`` itself), if any; for a
        script, style or noscript, also the box standing right before or after it (nothing
        but spaces between): its code, as a plugin prints it beside its box (Trinity Audio's
        configuration script before its player)."""
        found = None
        for candidate in (el, *el.iterancestors()):
            if self.is_box(candidate):
                found = candidate
        if found is None and tag_name(el) in _BOX_CODE:
            for side in (_beside(el, before=True), _beside(el, before=False)):
                if side is not None and self.is_box(side):
                    return side
        return found

    def boxes(self) -> list[_Element]:
        """Every outermost furniture box of the page, in document order."""
        if self._boxes is None:
            self._boxes = list(self._walk(self.rep.root))
        return self._boxes

    def _walk(self, el: _Element) -> Iterator[_Element]:
        for child in el:
            if not tag_name(child):
                continue
            if self.is_box(child):
                yield child
            else:
                yield from self._walk(child)

    def spans(self) -> list[tuple[int, int]]:
        """The token ranges of the boxes that have words, in order."""
        out = []
        for box in self.boxes():
            start, end = self.rep.at.get(box, (0, 0))
            if end > start:
                out.append((start, end))
        return out


class Around:
    """What stands around an article and is not its text: the page's chrome (a set of
    elements) and the publisher's boxes, asked element by element (only the few that the
    article's span holds outside its words are)."""

    def __init__(self, chrome: Container[_Element], furniture: Furniture):
        self.chrome = chrome
        self.furniture = furniture

    def __contains__(self, el: object) -> bool:
        return el in self.chrome or (isinstance(el, etree._Element)
                                     and self.furniture.is_box(el))


def _beside(el: _Element, *, before: bool) -> _Element | None:
    """The element right before (or after) ``el`` among its siblings, nothing but spaces
    between them; comments and other scripts and styles passed over (a plugin's code comes
    in several tags)."""
    while True:
        if before:
            side = el.getprevious()
            between = side.tail if side is not None else None
        else:
            side, between = el.getnext(), el.tail
        if side is None or (between or "").strip():
            return None
        if not tag_name(side) or tag_name(side) in _BOX_CODE:
            el = side
            continue
        return side
