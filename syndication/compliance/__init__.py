"""The compliance checker: whether a republication of an article of The Conversation meets
its licence and guidelines, rule by rule (docs/compliance.md). Pure: no network, no
database, no clock. Its face:

- ``prepare(article)``: an original read once, to judge any number of republications;
- ``check(html, original)``: a feed entry's HTML, judged whole;
- ``check_page(html, original)``: a page that republishes the article among other things;
- ``not_checkable(n, document, cut)``: the verdict on a document the HTML parser cut;
- ``RULES``: the rule ids, in the order of a verdict's findings.

Inside: ``conversation`` (every fact about The Conversation), ``htmltext`` (HTML -> the
words a reader sees), ``content`` (the parts of an article's HTML), ``page`` (a
republication parsed once), ``redirects`` (where a link a mail system wrapped leads),
``compare`` (aligning two texts), ``locate`` (where the article and its credit stand in a
page), ``credit`` (a block around the article that is its credit, by its shape), ``names``
(an author's name against a page's: near misses), ``original`` (an original prepared),
``rules`` (each rule);
``command`` is the ``syndication check`` command's own module (fetching is not pure).
Records that stay inside the checker (a text, an alignment, a difference, a scope, an image's
credit, a counter, a page's selectors, the command's documents) are NamedTuples, as
models.py's stage records: 1 M instructions to define against 4 M for a frozen dataclass,
paid by every ``check`` at start-up (callgrind)."""

from __future__ import annotations

from .original import Original, prepare
from .rules import RULES, check, check_page, not_checkable

__all__ = ["RULES", "Original", "check", "check_page", "not_checkable", "prepare"]
