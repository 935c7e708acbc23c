"""Pictures that are not the original's (docs/compliance.md#rule-images): The Conversation's
logo is known by its file or, for a copy on another site, by its alt text and file name
(conversation.is_tc_logo); the icon Drupal puts where it removed an image shows no picture
(content.is_placeholder); one of the original's pictures renamed on upload is known by its
alt text (content.alt_key); a caption holding a sentence of the article edited is text
(furniture.edits_a_quote). The corpus (tests/corpus, F33-F35, F49-F51) judges them on whole
pages."""

from __future__ import annotations

import lxml.html
import pytest

from syndication.compliance.content import alt_key, is_placeholder
from syndication.compliance.furniture import edits_a_quote
from syndication.compliance.htmltext import words
from syndication.conversation import is_tc_logo

from .corpus.edits import DRUPAL_REMOVED, TC_LOGO

UPLOADED = "https://harbourtown.example/wp-content/uploads/2024/02/"


@pytest.mark.parametrize(("src", "alt", "logo"), [
    (TC_LOGO, "The Conversation", True),  # its own file, as its pages print it
    (TC_LOGO, "", True),
    ("https://cdn.theconversation.com/static/tc/logos/logo-no-svg-44adbb10.png", "", True),
    (UPLOADED + "the-conversation-logo.png", "The Conversation", True),
    (UPLOADED + "tc-logo.svg", "The Conversation France", True),
    (UPLOADED + "logo.png", "Logo de The Conversation", True),
    (UPLOADED + "logo.png", "the conversation logo", True),
    # a picture named The Conversation is no logo: its file says otherwise
    (UPLOADED + "harbour-dawn.jpg", "The Conversation", False),
    # nor a logo file whose alt text says more than The Conversation's name
    (UPLOADED + "the-conversation-logo.png", "The Conversation: sea stars", False),
    (UPLOADED + "logo.png", "Harbourtown Times", False),
    # nor one of its pictures, nor a logo on another host
    ("https://images.theconversation.com/files/691226/original/file-20250916-56-k9jhld.jpg",
     "The Conversation", False),
    ("https://evil.example/static/tc/logos/logo-en-b159.svg", "", False),
])
def test_the_conversations_logo(src: str, alt: str, logo: bool) -> None:
    assert is_tc_logo(src, alt) is logo


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


@pytest.mark.parametrize(("alt", "known"), [
    # the sentence The Conversation's editors write for a picture, as a copy keeps it
    ("Serveurs dans un centre de données", "alt:serveurs dans un centre de donnees"),
    ("SERVEURS  dans un centre de données", "alt:serveurs dans un centre de donnees"),
    ("A sea floor landscape of sea urchins and not much else.",
     "alt:a sea floor landscape of sea urchins and not much else ."),
    # a word or two any picture may carry identifies nothing
    ("Sol fissuré", None), ("Photo", None), ("", None), (None, None), ("— · —", None),
])
def test_a_picture_known_by_its_alt_text(alt: str | None, known: str | None) -> None:
    assert alt_key(alt) == known


ORIGINAL = words("Sea stars once kept them in check. The spiky animals, which are voracious kelp "
                 "eaters, were a favorite food of the coast's sea stars.")


@pytest.mark.parametrize(("caption", "edited"), [
    # a sentence of the article with a word changed, added or left out
    ("The spiky animals, which are hungry kelp eaters, were", True),
    ("which are voracious green kelp eaters, were", True),
    ("animals, which are kelp eaters, were", True),
    # a description sharing a few words with the article, or one run of it only
    ("Purple sea urchins and kelp eaters on a reef. Photo: Jane Roe, CC BY-SA", False),
    ("The spiky animals at low tide. Photo: Jane Roe", False),
    ("Sea stars on a rock, kelp eaters nearby.", False),
])
def test_a_caption_editing_a_sentence_of_the_article(caption: str, edited: bool) -> None:
    assert edits_a_quote(words(caption), ORIGINAL) is edited
