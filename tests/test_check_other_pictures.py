"""Pictures that are not the original's (docs/compliance.md#rule-images): the icon Drupal
puts where it removed an image shows no picture (content.is_placeholder). The corpus
(tests/corpus, F33-F35) judges them on whole pages."""

from __future__ import annotations

import lxml.html
import pytest

from syndication.compliance.content import is_placeholder

from .corpus.edits import DRUPAL_REMOVED


@pytest.mark.parametrize(("html", "placeholder"), [
    (DRUPAL_REMOVED, True),
    # a theme's own class beside Drupal's, as the filter appends it
    (DRUPAL_REMOVED.replace('class="', 'class="align-center '), True),
    # a srcset left beside it (a format without Basic HTML's filter): a browser shows that
    (DRUPAL_REMOVED.replace("<img ", '<img srcset="/sites/default/files/a.jpg 1x" '), False),
    ('<img src="/sites/default/files/inline-images/harbour.jpg" alt="">', False),
])
def test_drupals_removed_image_is_no_picture(html: str, placeholder: bool) -> None:
    assert is_placeholder(lxml.html.fragment_fromstring(html)) is placeholder
