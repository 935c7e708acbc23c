"""Pure: the rules of SPEC §3 -> a Verdict with one finding per rule and its evidence. No
network, no database, no clock: a republication's HTML and the original Article go in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.etree import _Element

from .content import counter_id, figure_credit, iter_counters, removal_reason
from .htmltext import Text, extract, fold_name, normalise, parse_fragment, tag_name, words
from .models import Article, Finding, Verdict
from .source import article_id_from_url

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
# A 6-word run of the original found in the republication anchors the comparison: shorter
# runs ("of the", "in the") recur by chance, longer ones miss articles that open with a
# short paragraph.
ANCHOR_WORDS = 6
# How far (in words, both sides together) a difference is followed to find where the two
# texts agree again, and how many words must agree for that.
RESYNC_WINDOW = 60
RESYNC_AGREE = 4
MAX_DIFFERENCES = 3  # differences reported as evidence; the first one already fails the rule
EXCERPT_WORDS = 6

UNSAFE_TAGS = frozenset("script iframe object embed applet form frame frameset base".split())
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcset", "xlink:href")
CC_LICENCE = re.compile(r"creativecommons\.org/licenses/", re.IGNORECASE)
# Phrases that say "republished under a Creative Commons licence", or The Conversation's own
# attribution line (the Spanish one names no licence, SPEC §2.3), compared after fold_name().
LICENCE_NOTICE_PHRASES = (
    "creative commons",
    "publicado originalmente en the conversation",
)


@dataclass(frozen=True, slots=True)
class Original:
    """An article prepared for comparison: its words, and which word ranges may be missing."""

    article: Article
    text: Text  # words of the content; spans = word ranges of removable elements
    removable: dict[int, tuple[int, str]]  # start word -> (end word, why it may be removed)


@dataclass(frozen=True, slots=True)
class Difference:
    """Where the republication's words part from the original's."""

    at: int  # word index in the original
    removed: tuple[str, ...]  # the original's words missing here
    added: tuple[str, ...]  # the republication's words in their place
    before: tuple[str, ...]  # a few words of context preceding, from the original

    def describe(self) -> str:
        lead = " ".join(self.before)
        lead = f"after “…{lead}”: " if lead else "at the start: "
        gone, new = " ".join(self.removed), " ".join(self.added)
        if self.removed and self.added:
            return f"{lead}“{_clip(gone)}” became “{_clip(new)}”"
        if self.removed:
            return f"{lead}“{_clip(gone)}” is missing"
        return f"{lead}“{_clip(new)}” was added"


@dataclass(frozen=True, slots=True)
class Alignment:
    """How the republication's words line up with the original's."""

    start: int  # first word of the republication that belongs to the article
    end: int  # one past its last word; words outside [start, end) are the credit region
    differences: tuple[Difference, ...]  # empty when the text is unaltered
    found: bool  # False when no run of the original occurs in the republication at all


def prepare(article: Article) -> Original:
    """Parse the original once and note what a republication may leave out (SPEC §3)."""
    root = parse_fragment(article.content)
    reasons: dict[_Element, str] = {}

    def mark(el: _Element) -> _Element | None:
        reason = removal_reason(el, article.authors)
        if reason is None:
            return None
        reasons[el] = reason
        return el

    text = extract(root, mark)
    removable: dict[int, tuple[int, str]] = {}
    for el, (start, end) in text.spans.items():
        if end > start and (start not in removable or removable[start][0] < end):
            removable[start] = (end, reasons[el])  # type: ignore[index]
    return Original(article=article, text=text, removable=removable)


def check(
    html: str,
    original: Article | Original,
    *,
    title: str | None = None,
) -> Verdict:
    """Judge a republication (HTML) against its original, rule by rule (SPEC §3).

    ``title`` is the republication's headline when it has one apart from the HTML (a feed
    entry's title); without it `unaltered-title` is reported as not checked.
    """
    orig = original if isinstance(original, Original) else prepare(original)
    article = orig.article
    root = parse_fragment(html)
    anchors: list[_Element] = []
    text = extract(root, lambda el: _keep(anchors, el) if el.tag == "a" else None)
    alignment = align(orig.text.words, orig.removable, text.words)
    credit = _credit_region(text, alignment)
    links = [(a, text.spans.get(a, (0, 0))) for a in anchors]
    credit_links = [a for a, span in links if not _within(span, alignment)]
    findings = (
        _licence(article),
        _author_credit(article, credit, credit_links),
        _institution_credit(article, credit),
        _source_link(article, root),
        _licence_notice(credit, credit_links),
        _page_counter(article, root),
        _unaltered_text(article, alignment),
        _unaltered_title(article, title),
        _images(article, root),
        _safe_html(root),
    )
    return Verdict(article_id=article.article_id, findings=findings)


# --- text alignment ---------------------------------------------------------------------


def align(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
) -> Alignment:
    """Walk the original and the republication side by side, in linear time.

    Where a removable range of the original starts (an unlicensed figure, an embed) and the
    republication does not carry its words, the range is skipped. Anything else that differs
    is a Difference. The republication may carry other words before the article's first
    word and after its last (byline, attribution, the page around it).
    """
    start_i, start_j = _anchor(source, republished)
    if start_j is None:
        return Alignment(0, 0, (), found=False)
    differences: list[Difference] = []
    missing = _unremovable(source, removable, 0, start_i)
    if missing:  # words of the original before the first run found, and not removable
        differences.append(Difference(0, tuple(missing), (), ()))
    i, j = start_i, start_j
    n, m = len(source), len(republished)
    end = m
    while i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]  # left out, as allowed
            continue
        if j < m and source[i] == republished[j]:
            i += 1
            j += 1
            continue
        before = tuple(source[max(0, i - EXCERPT_WORDS):i])
        found = _resync(source, removable, republished, i, j)
        if found is None:  # they never agree again: the rest of the original is not here
            rest = _unremovable(source, removable, i, n)
            differences.append(Difference(i, tuple(rest), tuple(republished[j:j + len(rest)]),
                                          before))
            end = j
            break
        di, dj = found
        differences.append(Difference(i, tuple(_unremovable(source, removable, i, di)),
                                      tuple(republished[j:dj]), before))
        i, j = di, dj
        if len(differences) >= MAX_DIFFERENCES:
            end = j
            break
    else:
        end = j
    return Alignment(start_j, end, tuple(differences), found=True)


def _carries(source: Sequence[str], republished: Sequence[str], i: int, end: int, j: int) -> bool:
    """Whether the republication at j holds the removable range source[i:end] word for word."""
    return tuple(republished[j:j + end - i]) == tuple(source[i:end])


def _anchor(source: Sequence[str], republished: Sequence[str]) -> tuple[int, int | None]:
    """The first run of ANCHOR_WORDS words of the original found in the republication:
    (index in the original, index in the republication)."""
    k = max(1, min(ANCHOR_WORDS, len(source)))
    first: dict[tuple[str, ...], int] = {}
    for j in range(len(republished) - k + 1):
        first.setdefault(tuple(republished[j:j + k]), j)
    for i in range(len(source) - k + 1):
        found = first.get(tuple(source[i:i + k]))
        if found is not None:
            return i, found
    return 0, None


def _resync(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
    i: int,
    j: int,
) -> tuple[int, int] | None:
    """The nearest (i', j') past a difference where the texts agree again for RESYNC_AGREE
    words (or both end), searched within RESYNC_WINDOW words; None when they never do."""
    n, m = len(source), len(republished)
    for total in range(1, RESYNC_WINDOW + 1):
        for a in range(total + 1):
            si, rj = i + a, j + total - a
            if si > n or rj > m:
                continue
            if si == n and rj == m:
                return si, rj
            if _agrees(source, removable, republished, si, rj):
                return si, rj
    return None


def _agrees(
    source: Sequence[str],
    removable: dict[int, tuple[int, str]],
    republished: Sequence[str],
    i: int,
    j: int,
) -> bool:
    """RESYNC_AGREE words agree from (i, j), skipping removable ranges left out."""
    n, m = len(source), len(republished)
    matched = 0
    while matched < RESYNC_AGREE and i < n:
        span = removable.get(i)
        if span is not None and not _carries(source, republished, i, span[0], j):
            i = span[0]
            continue
        if j >= m or source[i] != republished[j]:
            return False
        i += 1
        j += 1
        matched += 1
    return matched > 0 and (matched == RESYNC_AGREE or i == n)


def _unremovable(
    source: Sequence[str], removable: dict[int, tuple[int, str]], i: int, end: int
) -> list[str]:
    """The words of source[i:end] outside removable ranges."""
    out: list[str] = []
    while i < end:
        span = removable.get(i)
        if span is not None:
            i = span[0]
            continue
        out.append(source[i])
        i += 1
    return out


def _within(span: tuple[int, int], alignment: Alignment) -> bool:
    return alignment.found and alignment.start <= span[0] < alignment.end


def _credit_region(text: Text, alignment: Alignment) -> str:
    """The republication's words outside the article: where bylines and credits stand."""
    ws = text.words
    if not alignment.found:
        return fold_name(" ".join(ws))
    return fold_name(" ".join((*ws[:alignment.start], "|", *ws[alignment.end:])))


# --- rules ------------------------------------------------------------------------------


def _licence(article: Article) -> Finding:
    rights = fold_name(article.rights or "")
    if "creative commons" in rights and (
        "no derivatives" in rights or "noderivatives" in rights or "by-nd" in rights
    ):
        return Finding("licence", True, f"the source declares “{article.rights}”")
    if not rights:
        return Finding("licence", False, "the source declares no licence (no <rights>)")
    return Finding("licence", False, f"the source's licence is not CC BY-ND: “{article.rights}”")


def _author_credit(article: Article, credit: str, links: Iterable[_Element]) -> Finding:
    if not article.authors:
        return Finding("author-credit", False, "the source names no author")
    problems = []
    profile_links = {_profile_key(a.get("href") or ""): a for a in links}
    for author in article.authors:
        name = fold_name(author.name)
        if name not in credit:
            problems.append(f"{author.name} is not named in the byline or credit")
            continue
        if author.profile_url:
            link = profile_links.get(_profile_key(author.profile_url))
            if link is None:
                problems.append(f"{author.name} is not linked to {author.profile_url}")
    if problems:
        return Finding("author-credit", False, "; ".join(problems))
    names = ", ".join(a.name for a in article.authors)
    return Finding("author-credit", True, f"credited: {names}")


def _institution_credit(article: Article, credit: str) -> Finding:
    problems = []
    names = [fold_name(a.name) for a in article.authors]
    for k, author in enumerate(article.authors):
        if not author.institution:
            continue
        at = credit.find(names[k])
        if at < 0:  # no author to stand beside (author-credit says so): named at all?
            if fold_name(author.institution) not in credit:
                problems.append(f"{author.institution} ({author.name}) is not named")
            continue
        # Beside the author: before the next author's name.
        after = at + len(names[k])
        ends = [credit.find(other, after) for other in names if other != names[k]]
        stop = min([e for e in ends if e >= 0], default=len(credit))
        if fold_name(author.institution) not in credit[after:stop]:
            problems.append(f"{author.institution} is not named beside {author.name}")
    if problems:
        return Finding("institution-credit", False, "; ".join(problems))
    known = [f"{a.name} ({a.institution})" for a in article.authors if a.institution]
    if not known:  # nothing to credit: the rule holds
        return Finding("institution-credit", True, "the source names no institution")
    return Finding("institution-credit", True, "credited: " + ", ".join(known))


def _source_link(article: Article, root: _Element) -> Finding:
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        host = (urlsplit(href).hostname or "").lower()
        if host.endswith("theconversation.com") and article_id_from_url(href) == (
            article.article_id
        ):
            return Finding("source-link", True, f"links the original: {href}")
    return Finding(
        "source-link", False,
        f"no link to the original article {article.url} (or any URL of article "
        f"{article.article_id})",
    )


def _licence_notice(credit: str, links: Iterable[_Element]) -> Finding:
    for a in links:
        href = a.get("href") or ""
        if CC_LICENCE.search(href):
            return Finding("licence-notice", True, f"links the licence {href}")
    for phrase in LICENCE_NOTICE_PHRASES:
        if phrase in credit:
            return Finding("licence-notice", True, f"says “{phrase}”")
    return Finding(
        "licence-notice", False,
        "no statement that the article is republished under a Creative Commons licence",
    )


def _page_counter(article: Article, root: _Element) -> Finding:
    n = article.article_id
    found = list(iter_counters(root))
    lazy = [img for img in root.iter("img") if _lazy_counter(img)]
    if not found:
        if lazy:
            return Finding("page-counter", False,
                           f"the counter is lazy-loaded (no src): {lazy[0].get('data-src')}")
        return Finding("page-counter", False, f"no page counter image for article {n}")
    ids = [k for _img, k in found]
    if len(found) > 1:
        return Finding(
            "page-counter", False,
            f"{len(found)} counter images ({', '.join(str(k) for k in ids)}): every view "
            "would be counted more than once",
        )
    img, k = found[0]
    if k != n:
        return Finding("page-counter", False, f"the counter counts article {k}, not {n}")
    altered = []
    if img.get("width") != "1" or img.get("height") != "1":
        altered.append(f"size {img.get('width')}×{img.get('height')}, not 1×1")
    if (img.get("loading") or "").lower() == "lazy":
        altered.append('loading="lazy"')
    if altered:
        return Finding("page-counter", False, "the counter is altered: " + ", ".join(altered))
    return Finding("page-counter", True, f"one counter for article {n}: {img.get('src')}")


def _unaltered_text(article: Article, alignment: Alignment) -> Finding:
    if not alignment.found:
        return Finding("unaltered-text", False,
                       "the article's text was not found in the republication")
    if alignment.differences:
        return Finding(
            "unaltered-text", False,
            "; ".join(d.describe() for d in alignment.differences),
        )
    return Finding("unaltered-text", True, "the text is the original's, word for word")


def _unaltered_title(article: Article, title: str | None) -> Finding:
    if title is None:
        return Finding("unaltered-title", None, "the republication's headline is not known")
    if [w.casefold() for w in words(title)] == [w.casefold() for w in words(article.title)]:
        return Finding("unaltered-title", True, f"“{article.title}”")
    return Finding("unaltered-title", False,
                   f"headline “{title}” is not the original “{article.title}”")


def _images(article: Article, root: _Element) -> Finding:
    kept = []
    problems = []
    for img in root.iter("img"):
        if counter_id(img) is not None:
            continue
        src = img.get("src") or img.get("data-src") or "(no src)"
        figure = next(img.iterancestors("figure"), None)
        if figure is None:
            problems.append(f"{_short(src)} has no credit")
            continue
        credit = figure_credit(figure, article.authors)
        if credit.reusable:
            kept.append(f"{_short(src)} ({credit.reason})")
        else:
            problems.append(
                f"{_short(src)}: {credit.reason}" + (f" ({credit.credit})" if credit.credit else "")
            )
    if problems:
        return Finding("images", False, "not licensed for reuse: " + "; ".join(problems))
    if not kept:
        return Finding("images", True, "no image kept")
    return Finding("images", True, f"{len(kept)} reusable: " + "; ".join(kept))


def _safe_html(root: _Element) -> Finding:
    problems: list[str] = []
    for el in root.iter():
        tag = tag_name(el)
        if not tag:
            continue
        if tag in UNSAFE_TAGS:
            problems.append(f"<{tag}>")
        for attr, value in el.attrib.items():
            name = str(attr).lower()
            if name.startswith("on"):
                problems.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and _javascript_url(str(value)):
                problems.append(f"javascript: URL in {name}= on <{tag}>")
        if len(problems) >= 5:
            break
    if problems:
        return Finding("safe-html", False, "unsafe markup: " + ", ".join(problems))
    return Finding("safe-html", True, "no script, embed, form, event handler or javascript: URL")


# --- helpers ----------------------------------------------------------------------------


def _keep(store: list[_Element], el: _Element) -> _Element:
    store.append(el)
    return el


def _profile_key(url: str) -> str:
    """A profile URL compared without scheme, host spelling or trailing slash."""
    path = urlsplit(url.strip()).path.rstrip("/")
    return path.lower()


def _lazy_counter(img: _Element) -> bool:
    src = img.get("src") or ""
    data = img.get("data-src") or img.get("data-lazy-src") or ""
    return "count.gif" in data and "count.gif" not in src


def _javascript_url(value: str) -> bool:
    compact = "".join(normalise(value).split()).lower()
    return compact.startswith(("javascript:", "vbscript:")) or ",javascript:" in compact


def _short(url: str, limit: int = 80) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

