"""The words syndication itself writes: a feed's own strings (the credit its subtitle carries,
its rights line) in the language of each edition of The Conversation (en, fr, es, id, pt;
English for any other), and counts in the English messages of the command line ("1 source",
"2 sources"). The strings inside an entry (byline, attribution) are republish.py's."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
from typing import NamedTuple

from .models import LICENCE_NAME, LICENCE_URL

CREDIT = "The Conversation"  # a name: never translated


class FeedWords(NamedTuple):
    """A feed's own strings in one language."""

    # appended to a description that does not credit The Conversation; {home} is filled with
    # its home page (conversation.TC_HOME) where a feed is rendered
    credit: str
    rights: str  # the feed's rights / copyright line


_WORDS = {
    "en": FeedWords(
        credit=f"Articles from {CREDIT} ({{home}}), republished under {LICENCE_NAME}.",
        rights=f"Articles © their authors, from {CREDIT}, licensed {LICENCE_URL}",
    ),
    "fr": FeedWords(
        credit=f"Articles de {CREDIT} ({{home}}), republiés sous licence {LICENCE_NAME}.",
        rights=f"Articles © leurs auteurs, de {CREDIT}, sous licence {LICENCE_URL}",
    ),
    "es": FeedWords(
        credit=f"Artículos de {CREDIT} ({{home}}), republicados bajo la licencia "
        f"{LICENCE_NAME}.",
        rights=f"Artículos © sus autores, de {CREDIT}, con licencia {LICENCE_URL}",
    ),
    "id": FeedWords(
        credit=f"Artikel dari {CREDIT} ({{home}}), diterbitkan ulang dengan lisensi "
        f"{LICENCE_NAME}.",
        rights=f"Artikel © para penulisnya, dari {CREDIT}, berlisensi {LICENCE_URL}",
    ),
    "pt": FeedWords(
        credit=f"Artigos de {CREDIT} ({{home}}), republicados sob a licença {LICENCE_NAME}.",
        rights=f"Artigos © os seus autores, de {CREDIT}, licenciados sob {LICENCE_URL}",
    ),
}
LANGUAGES = tuple(_WORDS)


def feed_words(language: str | None) -> FeedWords:
    """The strings for a feed in ``language`` (a BCP 47 tag: "fr", "fr-FR", "pt_BR"), by its
    primary subtag; English for a language no edition writes in."""
    primary = (language or "en").replace("_", "-").split("-", 1)[0].lower()
    return _WORDS.get(primary, _WORDS["en"])


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun agreeing with it: "1 source", "2 sources", "0 entries"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
