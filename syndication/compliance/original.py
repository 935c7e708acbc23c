"""Pure: an original Article prepared once for judging its republications: its tokens, the
ranges a republication may leave out (embeds, promos, unlicensed figures, the disclosure),
where its blocks end (an extract may stop there), the tokens of its subheadings (compared
without case), and its images with their reuse."""

# Annotations evaluated, not postponed (no `from __future__ import annotations`): typing.NamedTuple
# compiles each string annotation into a ForwardRef at every start-up.
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml.etree import _Element

from ..models import Article
from .content import (
    IMAGE_TAGS,
    ImageCredit,
    Removals,
    alt_key,
    counter_id,
    image_key,
    image_src,
    is_disclosure,
    is_placeholder,
)
from .htmltext import HEADING_TAGS, Pieces, Text, extract, parse_fragment


class OriginalImage(NamedTuple):
    """An image of the original and whether its credit allows reuse
    (docs/compliance.md#rule-images)."""

    key: str  # content.image_key(): the picture whatever its size
    src: str
    reusable: bool
    reason: str  # why (not) reusable, with the credit
    credit: ImageCredit | None = None  # its figure's credit, which a republication keeps
    alt: str | None = None  # content.alt_key() of its alt text: the picture renamed on upload


@dataclass(frozen=True, slots=True)
class Original:
    """An article prepared for comparison: its words, what may be missing, where it may stop."""

    article: Article
    text: Text  # tokens of the content
    removable: dict[int, tuple[int, str]]  # start token -> (end token, why it may be left out)
    boundaries: frozenset[int]  # token indices where a block starts or ends: an extract's end
    images: tuple[OriginalImage, ...]
    length: int  # tokens a republication must carry: all but the removable ranges
    # token indices of its subheadings: a house style sets them in Title Case or capitals
    # (compare.align compares them without case; docs/compliance.md#rule-unaltered-text)
    caseless: frozenset[int] = frozenset()
    # its text pieces, tokenised: a republication repeats them, and is read sooner with them
    pieces: Pieces = field(default_factory=dict, repr=False, compare=False)
    # token index where each list item starts -> its number in an ordered list (0 in a
    # bulleted one): an editor's paste types the marker as text (compare.align passes it;
    # docs/compliance.md#pasted-through-an-editor)
    items: dict[int, int] = field(default_factory=dict)


def prepare(article: Article, root: _Element | None = None,
            removals: Removals | None = None) -> Original:
    """Parse the original once and note what a republication may leave out
    (docs/compliance.md#rule-unaltered-text).

    ``root`` is ``parse_fragment(article.content)`` when the caller has it already (the
    pipeline shares one parse with republish); it is only read here. ``removals``: what is
    known of its elements (the article step shares it with republish).
    """
    if root is None:
        root = parse_fragment(article.content)
    if removals is None:
        removals = Removals(article.authors)
    # Asked of the elements it can name a reason for, the article's root included.
    reasons: dict[_Element, str] = {}
    for el, reason in removals.reasons(root):
        if reason is None and is_disclosure(el):
            # The Conversation's own republish code leaves the disclosure out (the recorded
            # tc-republished-basic-es-*.html carry none): omitting it is not an edit.
            reason = "the disclosure statement"
        if reason is not None:
            reasons[el] = reason
    pieces: Pieces = {}
    # Links are placed too, though they do not count here: the text is then read in the runs
    # a republication's is (page.read places its links), and the check finds them tokenised
    # in ``pieces``.
    text = extract(root, {"a", "li", *HEADING_TAGS}, reasons, keep=pieces)
    removable: dict[int, tuple[int, str]] = {}
    boundaries = set(text.edges)  # where each block starts and ends
    caseless: set[int] = set()
    items: dict[int, int] = {}
    # In the order elements end: of two with one range, the innermost's reason is given.
    for el, (start, end) in text.spans.items():
        reason = reasons.get(el)
        if reason is None:
            if el.tag in HEADING_TAGS:
                caseless.update(range(start, end))
            elif el.tag == "li" and end > start:
                items[start] = item_number(el)
            continue  # a link, a heading or a list item
        boundaries.update((start, end))
        if end > start and (start not in removable or removable[start][0] < end):
            removable[start] = (end, reason)
    images = []
    for img in root.iter(*IMAGE_TAGS):
        if counter_id(img) is not None or is_placeholder(img):
            continue
        src = image_src(img)
        alt = alt_key(img.get("alt"))
        figure = next(img.iterancestors("figure"), None)
        if figure is None:
            images.append(OriginalImage(image_key(src), src, False, "no credit", alt=alt))
            continue
        credit = removals.credit(figure)
        reason = credit.reason + (f" ({credit.credit})" if credit.credit else "")
        images.append(OriginalImage(image_key(src), src, credit.reusable, reason, credit, alt))
    # Tokens outside the removable ranges (element ranges nest or are disjoint).
    covered = reach = 0
    for start in sorted(removable):
        end = removable[start][0]
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    length = len(text.words) - covered
    return Original(article=article, text=text, removable=removable,
                    boundaries=frozenset(boundaries), images=tuple(images), length=length,
                    caseless=frozenset(caseless), pieces=pieces, items=items)


def item_number(li: _Element) -> int:
    """The number a reader sees before list item ``li``: its place in an ordered list,
    counted from the list's ``start``; 0 in a bulleted list."""
    parent = li.getparent()
    if parent is None or parent.tag != "ol":
        return 0
    try:
        first = int(parent.get("start") or 1)
    except ValueError:
        first = 1
    return first + sum(1 for sibling in li.itersiblings("li", preceding=True))

