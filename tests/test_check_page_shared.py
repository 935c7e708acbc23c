"""What a republication parsed once (compliance/page.py) finds once for every rule: its
counters and its pictures, the same as content.find_counters and content.is_picture read
element by element."""

from __future__ import annotations

from pathlib import Path

import pytest

from syndication.compliance.content import IMAGE_TAGS, find_counters, is_picture
from syndication.compliance.page import read

SAMPLES = Path(__file__).parent / "data" / "tc-samples"
COUNTER = "https://counter.theconversation.com/content/263253/count.gif"

# every form an image takes: a picture, a counter (src, srcset, lazy, proxied, AMP), a lazy
# loader's placeholder with and without the picture's URL beside it, no source at all
IMAGES = f"""<div>
<img src="https://images.example.org/a.jpg" alt="a picture">
<img src="{COUNTER}" width="1" height="1">
<img src="data:image/gif;base64,R0lGOD" data-src="{COUNTER}">
<img srcset="{COUNTER} 1x">
<img src="https://cdn.example.net/fetch/{COUNTER.replace('/', '%2F')}">
<img src="data:image/svg+xml,%3Csvg%3E" data-lazy-src="https://images.example.org/b.jpg">
<img src="data:image/svg+xml,%3Csvg%3E">
<img src="">
<picture><source srcset="https://images.example.org/c.webp"><img alt="c"></picture>
<amp-img src="https://images.example.org/d.jpg"></amp-img>
<amp-pixel src="{COUNTER}"></amp-pixel>
<noscript><img src="{COUNTER}"></noscript>
</div>"""


def pages() -> list[tuple[str, bool]]:
    found = [(IMAGES, False), (IMAGES, True)]
    found += [(p.read_text(encoding="utf-8"), True) for p in sorted(SAMPLES.glob("*.html"))]
    return found


@pytest.mark.parametrize(("html", "page"), pages(), ids=lambda v: str(v)[:20])
def test_counters_and_pictures_are_found_as_element_by_element(html: str, page: bool) -> None:
    rep = read(html, page=page, plain=False, located=frozenset({"a", "img"}))
    assert rep.counters == tuple(find_counters(rep.root))
    wanted = tuple(img for img in rep.root.iter(*IMAGE_TAGS) if is_picture(img))
    assert rep.pictures == wanted
    assert rep.pictures is rep.pictures  # read once


def test_the_forms_are_told_apart() -> None:
    rep = read(IMAGES, page=False, plain=False, located=frozenset({"img"}))
    assert len(rep.counters) == 6
    assert [img.get("alt") or img.get("data-lazy-src") or img.get("src")
            for img in rep.pictures] == [
        "a picture", "https://images.example.org/b.jpg", "c",
        "https://images.example.org/d.jpg"]
