"""Pure: the article step, everything done to one article that reads nothing but the article
(parse once, prepare the checker's original, republish, check; then the extracts its
extract-mode feeds ask for). No store, no clock, no network: the pipeline runs it in this
process or in worker processes (pool.py) and writes what it returns."""

from __future__ import annotations

import traceback
from collections.abc import Sequence

from .check import Original, check, prepare
from .htmltext import parse_fragment
from .models import Article, BuiltExtract, Processed
from .republish import republish


def process(article: Article, extracts: Sequence[int] = (), full: bool = True) -> Processed:
    """Republish and check ``article`` (``full``), then, when it passed (or was not asked
    for), build and check an extract of each count in ``extracts``. A failure is a result:
    an exception no rule foresaw ends this article's step, never the caller's run."""
    try:
        if not full:
            return Processed(article.article_id, None, None,
                             _extracts(article, extracts, prepare(article)))
        # One parse of the original: prepare() reads the tree, then republish() changes it.
        root = parse_fragment(article.content)
        original = prepare(article, root)
        republication = republish(article, root=root)
        verdict = check(republication.html, original, title=article.title)
    except Exception as e:  # a bug or an input no rule foresaw: this article only
        return Processed(article.article_id, None, None,
                         error=f"could not be processed: {type(e).__name__}: {e}",
                         trace=traceback.format_exc())
    built = _extracts(article, extracts, original) if verdict.compliant else ()
    return Processed(article.article_id, republication, verdict, built)


def _extracts(article: Article, counts: Sequence[int],
              original: Original) -> tuple[BuiltExtract, ...]:
    """An extract of each count of paragraphs, checked against the original (an extract
    must be an unaltered prefix of the body: docs/compliance.md#rules)."""
    out = []
    for paragraphs in counts:
        try:
            extract = republish(article, mode="extract", paragraphs=paragraphs)
            verdict = check(extract.html, original, title=article.title)
        except Exception as e:  # as in process(): this extract only
            out.append(BuiltExtract(paragraphs, None, None,
                                    f"extract of {paragraphs} paragraphs could not be "
                                    f"processed: {type(e).__name__}: {e}"))
            continue
        out.append(BuiltExtract(paragraphs, extract.html, verdict))
    return tuple(out)
