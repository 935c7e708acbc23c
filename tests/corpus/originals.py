"""The corpus's originals: articles of The Conversation from the recorded samples, in English,
French and Spanish, each with the republish code a publisher pastes into their page.

- English and French: the original is the Atom entry (the recorded US environment feed; the
  French feed built from the two recorded article pages, see its first lines), and the code
  is what the product's own republish step writes for it.
- Spanish: no Atom entry of a Spanish article was recorded. The recorded pages
  tc-republished-basic-es-*.html are The Conversation's own republish code (the share
  package's "Basic" tab) as a publisher pasted it, so that code is pasted as recorded; the
  original is built in memory from the same recording in the shape docs/the-conversation.md
  gives an Atom entry: the content is the body (byline and attribution line left out), the
  authors are read from the byline, the rights are The Conversation's one rights text, and
  the headline is the one the republisher's page gives (front matter `title:` of
  content/post/*/index.md in github.com/luisgasco/luisgasco-site @ fbae2180, the page the
  recordings come from).

Nothing here is edited: defects and layouts are applied in memory by the builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from syndication.conversation import TC_RIGHTS
from syndication.models import Article, Author
from syndication.republish import republish
from syndication.source import parse_feed

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "data" / "tc-samples"
EN_FEED = ROOT / "syndication" / "samples" / "tc-feed-us-environment-articles.atom"
FR_FEED = ROOT / "syndication" / "samples" / "tc-feed-fr-built-2-entries.atom"


@dataclass(frozen=True, slots=True)
class Original:
    """One article of the corpus and the code a publisher pastes for it."""

    name: str  # the case ids' part, e.g. "en-263253"
    article: Article  # what the checker is given as --original
    code: str  # the republish code as pasted: byline, body, counter, attribution line
    lang: str  # the page's lang attribute, e.g. "en"


# The Spanish recordings: (article id, publication date and headline from the republisher's
# front matter, luisgasco-site @ fbae2180 content/post/<folder>/index.md).
_SPANISH = {
    159013: ("post_language_tech", "2021-05-15T00:00:00Z",
             "El desarrollo de las tecnologías del lenguaje para el futuro de la sanidad"),
    113886: ("post_twitter_ruido", "2019-04-03T00:00:00Z",
             "Cómo utilizar Twitter contra el ruido"),
}
# The Advanced tab's counter, which the republisher of 113886 pasted as well as the Basic
# code: two counters count each view twice. The corpus pastes the Basic code alone, and has
# one case with the page exactly as recorded.
ADVANCED_COUNTER = re.compile(
    r'\s*<img src="[^"]*distributor=republish-lightbox-advanced"[^>]*>\s*$')
_BYLINE = re.compile(r"^\s*(?:<p>)?<span><a href=.*?</span>(?:</p>)?\s*$", re.MULTILINE)
_ATTRIBUTION = re.compile(r"^<p>Este artículo fue publicado originalmente en.*?</p>\s*$",
                          re.MULTILINE | re.DOTALL)
_AUTHOR = re.compile(r'<a href="(?P<profile>[^"]+/profiles/[^"]+)">(?P<name>[^<]+)</a>'
                     r'(?P<role>.*?)<em><a href="[^"]*">(?P<institution>[^<]+)</a></em>')


def recorded_spanish(n: int) -> str:
    """The recorded page of Spanish article ``n``, byte for byte."""
    return (SAMPLES / f"tc-republished-basic-es-{n}.html").read_text(encoding="utf-8")


def _spanish(n: int) -> Original:
    recorded = recorded_spanish(n)
    code = ADVANCED_COUNTER.sub("\n", recorded)
    byline = _BYLINE.search(code)
    attribution = _ATTRIBUTION.search(code)
    assert byline is not None and attribution is not None, n
    authors = tuple(
        Author(name=m["name"], role=m["role"].strip(" ,") or None,
               institution=m["institution"], profile_url=m["profile"])
        for m in _AUTHOR.finditer(byline.group()))
    url = re.search(r'Lea el <a href="([^"]+)">', attribution.group())
    assert authors and url is not None, n
    content = code.replace(byline.group(), "").replace(attribution.group(), "")
    _folder, date, title = _SPANISH[n]
    when = datetime.fromisoformat(date.replace("Z", "+00:00")).astimezone(UTC)
    article = Article(article_id=n, url=url.group(1), title=title, summary=None,
                      published=when, updated=when, authors=authors, rights=TC_RIGHTS,
                      content=content.strip(), language="es-ES",
                      source_url=f"tc-republished-basic-es-{n}.html")
    return Original(name=f"es-{n}", article=article, code=code, lang="es")


def _from_feed(path: Path, url: str, lang: str) -> tuple[Original, ...]:
    feed = parse_feed(path.read_bytes(), url)
    return tuple(Original(name=f"{lang}-{a.article_id}", article=a, code=republish(a).html,
                          lang=lang) for a in feed.articles)


@cache
def originals() -> dict[str, Original]:
    """Every original of the corpus, by name."""
    found = (
        *_from_feed(EN_FEED, "https://theconversation.com/us/environment/articles.atom", "en"),
        *_from_feed(FR_FEED, "https://theconversation.com/fr/articles.atom", "fr"),
        _spanish(159013),
        _spanish(113886),
    )
    return {o.name: o for o in found}
