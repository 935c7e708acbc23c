"""Pure: what a publisher's box is called by its markup (docs/compliance.md#publisher-boxes):
the kind (an ad, a newsletter sign-up, related links, buttons, an audio player…) that its tag,
its class and id words, its role or aria-label, or its first words name, as CMSs and their
plugins write them, in the editions' languages; and the markup of a pull quote and a share
quote. Whether a box so named is furniture, and the boxes known by their shape, is
furniture.py's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..conversation import is_tc_host
from ..lazyre import lazy_compile
from ..urls import host_of
from .content import IMAGE_TAGS, image_src
from .htmltext import class_words, fold_name, key, tag_name

if TYPE_CHECKING:
    from lxml.etree import _Element


# Tags that are a box whatever their class: an <aside> inside the content, a form (a
# newsletter sign-up) or a fieldset (a group of a form's controls; Organize Series prints its
# navigation in one), AMP's ad and embed components.
BOX_TAGS = {
    "aside": "aside", "form": "form", "amp-ad": "advertisement",
    "amp-embed": "advertisement", "amp-sticky-ad": "advertisement", "fieldset": "form",
}
# Class and id words of boxes as CMSs and their plugins write them. Ads: Ad Inserter
# (code-block-N), Advanced Ads (advads-…), AdSense (ins.adsbygoogle), WP QUADS, Mediavine,
# AdThrive, Ezoic, Google Publisher Tags, Taboola, Outbrain, tagDiv Newspaper's td-a-rec,
# Joomla's mod-banners; newsletters: Mailchimp for WP
# (mc4wp-form), Mailchimp's embed (mc_embed_signup), Ghost's signup card, Substack's
# subscription widget, Jetpack and Newspack, MailPoet, ConvertKit; related posts: Jetpack
# (jp-relatedposts), YARPP, Contextual Related Posts (crp_related), themes' related-posts;
# call-out boxes (Kadence's infobox) linking elsewhere, prompts and pop-ups (Newspack's
# Campaigns, Popup Maker); donation requests (Newspack's and GiveWP's donation forms,
# Donorbox, a "support us" box); buttons to print, share or like the post (Print Friendly's
# pf-button, Jetpack's sharedaddy and Likes, AddToAny, Shariff); the video players news
# sites and aggregators put between paragraphs (JW Player's jwplayer, Yahoo's caas-jwplayer,
# Video.js, Brightcove, Connatix, AnyClip, Primis; a "related video" module); players that read the
# article aloud
# (Trinity Audio's trinityAudioPlaceholder, BeyondWords, Play.ht, Instaread, AdAuris,
# Speechify: text-to-speech, a format the licence allows); a reader's feedback on the post
# (star ratings: kk Star Ratings, WP-PostRatings; "Was this helpful? Yes / No": Helpful;
# emoji reactions: WP Reactions) and a series' links (Organize Series / PublishPress
# Series: "This entry is part 2 of 5 in the series …", its previous and next posts).
# Each kind's words, as written in class and id attributes (lowercased): a word alone
# ("sharedaddy"); "advert*": that start and any word characters after it (regex's \w*: letters,
# digits, "_"); "*infobox*": any word holding it; "*prompt": any word ending so;
# "code-block-#": that start and digits. A word may span the delimiters "-" and "_"
# ("mc_embed_signup*", "also-read").
_OPTIONAL_HYPHEN = "-?"


def _spelled(*words: str) -> tuple[str, ...]:
    """Each word, and where it holds "-?" each spelling, with and without the hyphen."""
    out: list[str] = []
    for word in words:
        forms = [""]
        for i, part in enumerate(word.split(_OPTIONAL_HYPHEN)):
            forms = ([f + part for f in forms] if i == 0 else
                     [f + h + part for f in forms for h in ("-", "")])
        out += forms
    return tuple(out)


_BOX_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("advertisement", _spelled(
        "ad", "ads", "advert*", "advads*", "adsbygoogle", "adslot", "adunit", "ad-?slot",
        "ad-?unit", "ad-?container", "ad-?wrap*", "ad-?label", "ad-?inline", "code-block",
        "code-block-#", "quads*", "mv-ad-box", "adthrive*", "ezoic*", "gpt-ad", "dfp*",
        "google-ad*", "sponsor*", "taboola*", "outbrain*", "trc_related*", "adsense*",
        "adspot*", "td-a-rec*", "banner", "banners", "bannergroup", "banneritem")),
    ("newsletter sign-up", _spelled(
        "newsletter*", "subscribe*", "subscription*", "sign-?up*", "opt-?in*", "mc4wp*",
        "mc_embed_signup*", "mailchimp*", "mailpoet*", "convertkit*", "ck_form*",
        "kg-signup-card*", "email-capture*")),
    ("related links", _spelled(
        "related*", "jp-relatedposts*", "yarpp*", "crp_related*", "also-read", "read-also",
        "see-also", "more-stories", "recommended*", "you-may-like", "inline-related")),
    ("promotion", _spelled(
        "promo*", "cta-box", "call-to-action", "*infobox*", "info-box*", "*popup*",
        "popmake*", "*prompt", "*prompts")),
    ("donation request", _spelled(
        "donat*", "donor", "donors", "donorbox*", "give-form*", "give-embed*", "support-us",
        "membership-cta*", "membership-box*", "membership-prompt*")),
    ("embed", _spelled("wp-block-embed*", "embed-container", "social-embed")),
    ("buttons", _spelled(
        "print*", "pf-button*", "sharedaddy", "sd-sharing*", "sd-like", "jetpack-likes*",
        "share-?button*", "sharing-?button*", "addtoany*", "a2a_kit*", "shariff*")),
    ("feedback", _spelled(
        "rating", "ratings", "star-?rating", "star-?ratings", "kksr*", "post-?ratings*",
        "rate-?this*", "vote", "votes", "voting", "helpful*", "feedback*", "reaction",
        "reactions", "wpra*", "emoji-?reaction", "emoji-?reactions")),
    ("series links", _spelled("series*")),
    ("audio player", _spelled(
        "trinity*", "beyondwords*", "tts", "text-?to-?speech*", "audio-?player*",
        *(f"listen-?{to}{which}article" for to in ("", "to-?")
          for which in ("", "this-?", "the-?")),
        "playht*", "pht-*", "instaread*", "adauris*", "speechify*")),
    ("video player", _spelled(
        "jwplayer*", "jw-?player*", "video-?player*", "video-js", "brightcove*",
        "bc-?player*", "connatix*", "anyclip*", "primis*", "related-?video*", "video-?module*",
        "video-?card*", "vdo-?ai*")),
)


class _BoxWords:
    r"""The kind of box a class and id attribute names (lowercased, as class_words gives it):
    a word of _BOX_NAMES that starts the string or follows a delimiter (whitespace, "_" or
    "-") and ends it or stands before one. At the first place where a word of any kind is
    found, the first kind in _BOX_NAMES's order is taken. It answers as a search of the
    pattern ``(?:^|[\s_-])(?:(?P<k0>words of kind 0)|…)(?:$|[\s_-])`` would (that regex cost
    a `check PAGE` 3.9 ms to compile, a fifth of all it compiles; tests/test_box_words.py
    holds the two equal over every word), by looking its pieces up."""

    def __init__(self, names: Sequence[tuple[str, Sequence[str]]]) -> None:
        self.kinds = tuple(kind for kind, _words in names)
        # the words that start with a known text, by their first two letters (every word
        # has two): (form, text, kind's number), form "" a word alone, "*" the text and
        # word characters (regex's \w*), "#" the text and digits (\d+)
        self.heads: dict[str, list[tuple[str, str, int]]] = {}
        self.inner: list[tuple[str, int]] = []  # "*infobox*": words holding the text
        self.endings: list[tuple[str, int]] = []  # "*prompt": words ending with the text
        for n, (_kind, words) in enumerate(names):
            for word in words:
                if word.startswith("*"):
                    (self.inner if word.endswith("*") else self.endings).append(
                        (word.strip("*"), n))
                    continue
                form = word[-1] if word[-1] in "*#" else ""
                text = word.removesuffix(form)
                self.heads.setdefault(text[:2], []).append((form, text, n))
        self.inside = tuple(text for text, _n in (*self.inner, *self.endings))

    def kind(self, said: str) -> str | None:
        # where a word may start (the string's start, after a delimiter) and end (the
        # string's end, at a delimiter): regex's ^, $ (before a last newline: a delimiter
        # too) and [\s_-]
        ends = [m.start() for m in _DELIMITER.finditer(said)]
        starts = [0, *(j + 1 for j in ends)]
        ends.append(len(said))
        inside = any(text in said for text in self.inside)
        heads = self.heads
        for i in starts:
            words = heads.get(said[i:i + 2])
            if words is None and not inside:
                continue
            found = self._at(said, i, ends, words or (), inside)
            if found is not None:
                return self.kinds[found]
        return None

    def _at(self, said: str, i: int, ends: list[int], words: Sequence[tuple[str, str, int]],
            inside: bool) -> int | None:
        """The first kind (its number) with a word from ``i`` to one of ``ends``: one of
        ``words`` (those starting with its first two letters), or with ``inside``, a word
        holding or ending with a text."""
        found: int | None = None
        for form, text, n in words:
            if (found is not None and n >= found) or not said.startswith(text, i):
                continue
            after = i + len(text)
            if (after in ends if form == "" else
                    _ends_within(ends, after, _word_run(said, after)) if form == "*" else
                    _ends_within(ends, after + 1, _digit_run(said, after))):
                found = n
        if inside:  # "*infobox*", "*prompt": words of word characters from i
            run = _word_run(said, i)
            for text, n in self.inner:
                at = said.find(text, i, run)
                if at >= 0 and (found is None or n < found) and _ends_within(
                        ends, at + len(text), run):
                    found = n
            for text, n in self.endings:
                if (found is None or n < found) and any(
                        i < j <= run and said.endswith(text, i, j) for j in ends):
                    found = n
        return found


def _word_run(said: str, i: int) -> int:
    r"""Where the run of word characters (regex's \w) starting at ``i`` ends."""
    while i < len(said) and (said[i].isalnum() or said[i] == "_"):
        i += 1
    return i


def _digit_run(said: str, i: int) -> int:
    r"""Where the run of digits (regex's \d: str.isdecimal) starting at ``i`` ends."""
    while i < len(said) and said[i].isdecimal():
        i += 1
    return i


def _ends_within(ends: list[int], low: int, high: int) -> bool:
    return any(low <= j <= high for j in ends)


# What delimits class words: a class of four, quick to compile.
_DELIMITER = lazy_compile(r"[\s_-]")
_BOX_WORDS = _BoxWords(_BOX_NAMES)
# What an aria-label, a role description or a box's first words say it is: ads and related
# reading as sites label them, in the editions' languages and a few more.
_LABELS = {
    "advertisement": ("advertisement", "advertising", "sponsored", "ad", "publicite",
                      "publicidad", "anuncio", "publicidade", "anuncio publicitario", "iklan",
                      "werbung", "anzeige", "pubblicita"),
    "related links": ("related", "related posts", "related articles", "related stories",
                      "read more", "read also", "also read", "see also", "more from",
                      "read next", "up next", "don't miss", "more on this topic",
                      "also from the conversation", "more from the conversation",
                      "you may also like", "a lire aussi", "lire aussi", "voir aussi",
                      "a lire", "a decouvrir", "lire la suite", "a ne pas manquer",
                      "relacionado", "relacionados", "lea tambien", "leer mas", "lee mas",
                      "no te pierdas", "te puede interesar", "leia tambem", "leia mais",
                      "veja tambem", "nao perca", "baca juga", "lihat juga",
                      "artikel terkait"),
    "newsletter sign-up": ("newsletter", "sign up", "subscribe", "inscrivez-vous",
                           "abonnez-vous", "s'abonner", "suscribete", "suscribirse", "assine",
                           "inscreva-se", "berlangganan"),
    "donation request": ("donate", "donate now", "make a donation", "support us",
                         "support our journalism", "become a member", "faire un don",
                         "soutenez-nous", "donar", "haz una donacion", "apoyanos",
                         "faca uma doacao", "apoie o jornalismo", "donasi", "dukung kami"),
    "buttons": ("share", "share this", "share this post", "share this article", "share on",
                "partager", "partager cet article", "compartir", "compartir este articulo",
                "compartilhar", "compartilhe", "bagikan", "teilen", "condividi"),
    "video player": ("related video", "related videos", "watch related video",
                     "video liee", "videos liees", "video relacionado", "videos relacionados",
                     "video terkait"),
    "audio player": ("listen to this article", "listen to the article", "listen to article",
                     "ecouter cet article", "ecouter l'article", "escuchar este articulo",
                     "escucha este articulo", "escuchar el articulo", "ouvir este artigo",
                     "ouca este artigo", "dengarkan artikel ini", "dengarkan artikel"),
}
LABEL_KEYS = {kind: tuple(key(w) for w in words) for kind, words in _LABELS.items()}
_LABEL_FIRST = frozenset(k.split()[0] for keys in LABEL_KEYS.values() for k in keys)
# A tag or class names a box only when it looks like one by what it holds, too: a link, a
# form control, an image or an ad's markup; or, with none of these, no more words than a
# label.
_BOX_CONTENT = frozenset(
    "a form input button select iframe ins script img picture amp-img amp-ad amp-embed svg "
    "video audio".split())
LABEL_WORDS = 6
# A box with no class that says what it is by its first words ("Related: <a>…</a>") is one
# short block: a longer one is text.
LABELLED_BOX_WORDS = 40
# A pull quote, by its markup: Gutenberg's wp-block-pullquote, a theme's pullquote or
# pull-quote (furniture.py judges its words: PULL_QUOTE_WORDS).
PULL_QUOTE = lazy_compile(r"(?:^|[\s_-])(?:wp-block-pullquote|pull-?quotes?)(?:$|[\s_-])")
# A share quote: a click-to-tweet box, by its markup (Social Warfare's swp_CTT and
# sw-click-to-tweet, Better Click To Tweet's bctt-click-to-tweet, CoSchedule's
# tm-click-to-tweet), a sentence of the article offered for sharing beside its button
# ("Click To Tweet"; sw-ctt-btn, bctt-ctt-btn, tm-ctt-btn).
SHARE_QUOTE = lazy_compile(
    r"(?:^|\s)(?:swp_ctt|sw-click-to-tweet|bctt-click-to-tweet|tm-click-to-tweet)(?:$|\s)")
SHARE_BUTTON = lazy_compile(r"(?:^|\s)(?:sw|bctt|tm)-ctt-btn(?:$|\s)")


def box_kind(el: _Element, words: Sequence[str] = ()) -> str | None:
    """What box ``el`` is by its markup ("advertisement", "newsletter sign-up", "donation
    request", "related links", "promotion", "embed", "buttons", "audio player", "video
    player", "aside",
    "form"), or None. ``words``: its tokens, for a box that only its first words name
    ("Related: …", "Advertisement")."""
    tag = tag_name(el)
    if not tag:
        return None
    kind = BOX_TAGS.get(tag)
    if kind is None and tag == "ins" and "adsbygoogle" in (el.get("class") or ""):
        kind = "advertisement"
    if kind is None:
        kind = _named(el)
    if kind is not None:
        return kind if _holds_box_content(el, words) else None
    return _labelled(el, words)


# A paywall's access marks: a wrapper that a news CMS puts around the article's paragraphs
# for the readers they are shown to (TownNews BLOX's div.subscriber-preview for the free lead
# and div.subscriber-only for the rest, #article-body.subscriber-premium; a membership
# plugin's "subscribers-only" block) names who may read it, not a sign-up: the words
# "subscriber" and "subscribers" are no "subscribe*" (docs/compliance.md#publisher-boxes).
# Such a wrapper's words are judged as the article's text; a sign-up box has its own words
# ("subscribe", "subscription", "signup", "newsletter").
_ACCESS_WORDS = lazy_compile(r"(?<![^\s_-])subscribers?(?![^\s_-])")


def _named(el: _Element) -> str | None:
    """The kind its class, id, role or aria-label names."""
    if el.get("class") or el.get("id"):
        said = class_words(el)
        if "subscriber" in said:
            said = _ACCESS_WORDS.sub(" ", said)
        kind = _BOX_WORDS.kind(said)
        if kind is not None:
            return kind
    label = el.get("aria-label") or el.get("aria-roledescription") or el.get("data-label")
    if label:
        said = f" {key(label)} "
        for kind, keys in LABEL_KEYS.items():
            if any(f" {k} " in said for k in keys):
                return kind
    return None


def _holds_box_content(el: _Element, words: Sequence[str]) -> bool:
    if tag_name(el) in _BOX_CONTENT:
        return True
    if sum(map(_is_word, words)) <= LABEL_WORDS:
        return True
    return any(tag_name(d) in _BOX_CONTENT for d in el.iterdescendants())


def _labelled(el: _Element, words: Sequence[str]) -> str | None:
    """A short block without box markup that its first words name: "Advertisement" alone,
    or "Related: <a>a title</a>" (a link to the rest); or a linked picture captioned with the
    label alone (a sponsor's banner placed as an image in a rich-text field), not one of The
    Conversation's pictures."""
    if tag_name(el) == "figure" and words:
        return _labelled_picture(el, words)
    if tag_name(el) not in ("p", "div", "section") or not words:
        return None
    if len(words) > LABELLED_BOX_WORDS or fold_name(words[0]) not in _LABEL_FIRST:
        return None
    said = key(" ".join(words[:LABEL_WORDS]))
    linked = None
    for kind, keys in LABEL_KEYS.items():
        for k in keys:
            if said == k:  # the label alone ("Advertisement")
                return kind
            if said.startswith((k + " :", k + " -")):  # "Related: <a>…</a>"
                if linked is None:
                    linked = any(True for _ in el.iter("a"))
                if linked:
                    return kind
    return None


def _labelled_picture(el: _Element, words: Sequence[str]) -> str | None:
    if len(words) > LABEL_WORDS or not any(True for _ in el.iter("a")):
        return None
    if any(is_tc_host(host_of(image_src(img))) for img in el.iter(*IMAGE_TAGS)):
        return None
    said = key(" ".join(words))
    return next((kind for kind, keys in LABEL_KEYS.items() if said in keys), None)


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def is_label(tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` are a box's label and nothing else ("Related:", "— Lire aussi —")."""
    said = key(" ".join(t for t in tokens if _is_word(t)))
    return any(said in keys for keys in LABEL_KEYS.values())
