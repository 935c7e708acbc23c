"""Links a mail system or a redirect wrapped (F64): a republication copied from an e-mail
(Microsoft Defender's Safe Links, Proofpoint's URL Defense, Barracuda) or exported from
Google Docs carries every link wrapped; a click on one reaches its target, so the byline's
profile links and the link back count. Built in memory from the real samples (263253 from
the English feed, 212649 from the French): the wrappers' formats as their services write
them; a share button naming the original, an opaque wrapper and a wrapped link to another
article are no link back."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

import pytest

from syndication.compliance import check_page
from syndication.compliance.redirects import target
from syndication.models import Article

from .pages import explain, sub, third_party_page

ORIGINAL = ("https://theconversation.com/how-sea-star-wasting-disease-transformed-the-west-"
            "coasts-ecology-and-economy-263253")


def proofpoint_v2(url: str) -> str:
    """URL Defense v2's encoding: every character but letters, digits, ".", ":" and "/"
    written "-XX", then "/" written "_"."""
    coded = re.sub(r"[^A-Za-z0-9.:/]", lambda m: f"-{ord(m.group()):02X}", url)
    return (f"https://urldefense.proofpoint.com/v2/url?u={coded.replace('/', '_')}"
            "&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=abc&m=def&s=ghi&e=")


WRAPPERS: dict[str, Callable[[str], str]] = {
    "outlook safe links": lambda u: (
        "https://nam12.safelinks.protection.outlook.com/?url=" + quote(u, safe="")
        + "&data=05%7C02%7Ceditor%40example.edu%7C1b2c%7C0&sdata=Xyz%3D&reserved=0"),
    "google docs export": lambda u: (
        "https://www.google.com/url?q=" + quote(u, safe="")
        + "&sa=D&source=editors&ust=1759400000000000&usg=AOvVaw3abc"),
    "google search": lambda u: "https://www.google.co.uk/url?sa=t&url=" + quote(u, safe=""),
    "proofpoint v2": proofpoint_v2,
    "proofpoint v3": lambda u: f"https://urldefense.com/v3/__{u}__;!!Mih3wA!Dx9vJ7Q$",
    "barracuda": lambda u: "https://linkprotect.cudasvc.com/url?a=" + quote(u, safe="")
                           + "&c=E,1,abc&typo=1",
    "facebook": lambda u: "https://l.facebook.com/l.php?u=" + quote(u, safe="") + "&h=AT0abc",
    "instagram": lambda u: "https://l.instagram.com/?u=" + quote(u, safe="") + "&e=AT1xyz",
}


@pytest.mark.parametrize("wrap", WRAPPERS.values(), ids=WRAPPERS.keys())
def test_each_wrapper_leads_to_its_target(wrap: Callable[[str], str]) -> None:
    for url in (ORIGINAL, "https://theconversation.com/profiles/luis-gasco-707423",
                "https://creativecommons.org/licenses/by-nd/4.0/",
                "https://theconversation.com/fr/articles?page=2&sort=new"):
        assert target(wrap(url)) == url


def test_a_wrapper_of_a_wrapper_is_followed() -> None:
    docs = WRAPPERS["google docs export"]
    safe = WRAPPERS["outlook safe links"]
    assert target(docs(safe(ORIGINAL))) == ORIGINAL


@pytest.mark.parametrize("href", [
    ORIGINAL,  # no wrapper
    "https://twitter.com/intent/tweet?url=" + quote(ORIGINAL, safe=""),  # a share dialog
    "https://www.facebook.com/sharer/sharer.php?u=" + quote(ORIGINAL, safe=""),
    "https://protect-eu.mimecast.com/s/Q2xHC0gKf8yP1Nn9t5vZ?domain=theconversation.com",
    "https://publisher.example/url?q=" + quote(ORIGINAL, safe=""),  # not Google's
    "https://nam12.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)",
    "https://urldefense.proofpoint.com/v2/url?u=https-3A__example.org_-00x",  # a NUL decoded
    "https://www.google.com/url?q=",
    "https://urldefense.com/v3/__https://theconversation.com",  # no end
    "mailto:editor@example.org?url=https://theconversation.com",
])
def test_what_is_no_wrapper_leads_nowhere_else(href: str) -> None:
    assert target(href) is None


def _wrapped(code: str, wrap: Callable[[str], str]) -> str:
    return re.sub(r'href="(https?://[^"]+)"',
                  lambda m: 'href="' + wrap(m.group(1)).replace("&", "&amp;") + '"', code)


@pytest.mark.parametrize("wrap", WRAPPERS.values(), ids=WRAPPERS.keys())
def test_a_republication_with_every_link_wrapped_passes(
        en_republished: tuple[Article, str], fr_republished: tuple[Article, str],
        wrap: Callable[[str], str]) -> None:
    for article, code in (en_republished, fr_republished):
        page = third_party_page(_wrapped(code, wrap), title=article.title, author="a reader")
        verdict = check_page(page, article)
        assert verdict.compliant, explain(verdict)


def test_an_opaque_wrapper_is_no_link_back(en_republished: tuple[Article, str]) -> None:
    article, code = en_republished
    code = _wrapped(code, lambda u: "https://protect-eu.mimecast.com/s/Q2xHC0gKf8yP1Nn9t5vZ"
                                    "?domain=theconversation.com")
    verdict = check_page(third_party_page(code, title=article.title, author="a reader"),
                         article)
    assert {f.rule for f in verdict.failed} == {"author-credit", "source-link"}, \
        explain(verdict)


def test_a_wrapped_link_to_another_article_is_no_link_back(
        en_republished: tuple[Article, str]) -> None:
    article, code = en_republished
    other = "https://theconversation.com/how-kelp-forests-recover-after-a-marine-heatwave-254301"
    code = sub(code, f'href="{article.url}"',
               'href="' + WRAPPERS["outlook safe links"](other).replace("&", "&amp;") + '"')
    verdict = check_page(third_party_page(code, title=article.title, author="a reader"),
                         article)
    assert [f.rule for f in verdict.failed] == ["source-link"], explain(verdict)
    assert other in verdict.finding("source-link").detail


def test_share_buttons_naming_the_original_are_no_link_back(
        en_republished: tuple[Article, str]) -> None:
    """The attribution line taken out; share buttons for the original stay."""
    article, code = en_republished
    code = re.sub(r'<p class="tc-attribution">.*?</p>', "", code, flags=re.DOTALL)
    share = quote(article.url, safe="")
    code += (f'<p class="share"><a href="https://twitter.com/intent/tweet?url={share}">Tweet'
             f'</a> <a href="https://www.facebook.com/sharer/sharer.php?u={share}">Share</a></p>')
    verdict = check_page(third_party_page(code, title=article.title, author="a reader"),
                         article)
    assert "source-link" in {f.rule for f in verdict.failed}, explain(verdict)


@pytest.mark.parametrize("href", [
    # the browser goes to evil.example: the backslash ends the host (WHATWG URL)
    "https://evil.example\\.safelinks.protection.outlook.com/?url=" + quote(ORIGINAL, safe=""),
    "https://evil.example\\@nam12.safelinks.protection.outlook.com/?url="
    + quote(ORIGINAL, safe=""),
    "https://evil.example\\.l.facebook.com/l.php?u=" + quote(ORIGINAL, safe=""),
])
def test_a_wrapper_on_another_host_by_a_backslash_is_not_followed(href: str) -> None:
    assert target(href) is None
