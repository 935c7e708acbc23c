"""The page counter's size as a browser shows it (docs/compliance.md#page-counter): an inline
style's width and height win over the attributes, and a counter with neither shows at the
GIF's own 1×1 (an editor that strips the attributes leaves it so); any other size is a
resized counter. Pages are built in memory around our own republication of the recorded
English sample; only the counter's tag is changed."""

from __future__ import annotations

import re

import pytest

from syndication.compliance import check_page
from syndication.compliance.htmltext import parse_fragment
from syndication.compliance.rules import _shown_size
from syndication.models import Article, Verdict
from syndication.republish import republish

from .pages import explain, third_party_page


@pytest.mark.parametrize("attributes, size", [
    ('width="1" height="1"', ("1", "1")),
    ("", ("1", "1")),  # the GIF's own size
    ('style="width: 1px; height: 1px;"', ("1", "1")),
    ('style="WIDTH:1PX !important;height:1px"', ("1", "1")),
    ('width="1" height="1" style="width:100%;height:auto"', ("100%", "auto")),
    ('width="1" height="1" style="max-width:1px;max-height:1px"', ("1", "1")),
    ('width="10" height="10"', ("10", "10")),
    ('width="1"', ("1", "1")),
    ('height="5"', ("1", "5")),
])
def test_the_counters_shown_size(attributes: str, size: tuple[str, str]) -> None:
    img = parse_fragment(f'<p><img src="x.gif" {attributes}></p>')[0][0]
    assert _shown_size(img) == size


@pytest.fixture(scope="module")
def republished(env_article: Article) -> tuple[Article, str]:
    return env_article, republish(env_article).html


def _with_counter(republished: tuple[Article, str], size: str) -> Verdict:
    article, html = republished
    counter = re.compile(r'(<img src="https://counter[^"]*" alt="The Conversation")'
                         r' width="1" height="1"')
    changed, n = counter.subn(r"\1" + size, html)
    assert n == 1
    page = third_party_page(changed, title=article.title, author=article.authors[0].name)
    return check_page(page, article)


@pytest.mark.parametrize("size", ["", ' style="width:1px;height:1px"'])
def test_a_counter_shown_at_1x1_passes(republished: tuple[Article, str], size: str) -> None:
    verdict = _with_counter(republished, size)
    assert verdict.compliant, explain(verdict)


@pytest.mark.parametrize("size, said", [
    (' width="1" height="1" style="width:100%;height:auto"', "size 100%×auto, not 1×1"),
    (' style="width:300px;height:250px"', "size 300×250, not 1×1"),
])
def test_a_counter_stretched_by_its_style_fails(republished: tuple[Article, str], size: str,
                                                said: str) -> None:
    verdict = _with_counter(republished, size)
    failed = {f.rule: f.detail for f in verdict.findings if f.ok is False}
    assert set(failed) == {"page-counter"}, explain(verdict)
    assert said in failed["page-counter"]
