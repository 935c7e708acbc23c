"""Pages as an editor has them when saved from a browser as one file: a web archive (MHTML,
RFC 2557), what Chrome's and Edge's "Webpage, Single File" (.mhtml) and Internet Explorer's
or Word's "Web Archive" (.mht) write. `check` and `audit` read the page inside; before, its
quoted-printable text was read as the page (a compliant page failed six rules).

The archives are BUILT here, in memory, around republications made from the recorded
samples, in the shapes those programs write: Blink's header block and part headers follow
Chromium's MHTMLArchive::generateMHTMLHeader and a real Blink-saved file (From: <Saved by
Blink>, Snapshot-Content-Location, Subject, Date, MIME-Version, a folded multipart/related
Content-Type with type and boundary, the page as a quoted-printable text/html part with a
Content-ID and Content-Location, then its resources); Internet Explorer's as it writes its
.mht (From: <Saved by Windows Internet Explorer 8>, a ----=_NextPart_ boundary, the page's
charset in its part's Content-Type). No recorded archive exists."""

from __future__ import annotations

import base64
import quopri
import re
import subprocess
import sys
from pathlib import Path

import pytest

from syndication.audit import run_audit
from syndication.compliance.command import check_republication, verdict_json
from syndication.compliance.encoding import is_web_archive, saved_page
from syndication.config import FETCH_DEFAULTS
from syndication.errors import InputError
from syndication.models import Article
from syndication.republish import republish

from .conftest import ENV_FEED, FR_FEED, SAMPLES
from .pages import sub, third_party_page

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
BLINK_BOUNDARY = "----MultipartBoundary--VniDBjQhGeTo2m8PYkZjvG7oL0pe7SH6VGz4Mo8S4R----"
IE_BOUNDARY = "----=_NextPart_000_0000_01DB4A2C.5E3F1A70"
PAGE_URL = "https://news.example.org/2025/10/02/story/"


def _lines(text: str, eol: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", eol)


def blink(page: bytes, counter: str, *, eol: str = "\r\n", encoding: str = "quoted-printable",
          frames: tuple[bytes, ...] = ()) -> bytes:
    """Chrome's "Webpage, Single File": the page first, then its frames and resources."""
    def part(body: bytes, headers: str) -> str:
        encoded = (quopri.encodestring(body).decode("ascii") if encoding == "quoted-printable"
                   else base64.encodebytes(body).decode("ascii"))
        return (f"--{BLINK_BOUNDARY}\n{headers}Content-Transfer-Encoding: {encoding}\n\n"
                f"{encoded}\n")

    text = (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {PAGE_URL}\n"
        "Subject: =?utf-8?Q?Comment_les_machines_succombent?=\n"
        "Date: Tue, 8 Dec 2026 00:10:00 -0000\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/related;\n"
        '\ttype="text/html";\n'
        f'\tboundary="{BLINK_BOUNDARY}"\n\n\n'
        + part(page, "Content-Type: text/html\nContent-ID: <frame-8F1E2A@mhtml.blink>\n"
               f"Content-Location: {PAGE_URL}\n")
        + "".join(part(f, f"Content-Type: text/html\nContent-ID: <frame-{k}@mhtml.blink>\n"
                       f"Content-Location: https://ads.example.net/slot/{k}\n")
                  for k, f in enumerate(frames))
        + f"--{BLINK_BOUNDARY}\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n"
        f"Content-Location: {counter}\n\n{base64.encodebytes(GIF).decode('ascii')}\n"
        f"--{BLINK_BOUNDARY}--\n")
    return _lines(text, eol).encode("ascii")


def internet_explorer(page: bytes, charset: str) -> bytes:
    """Internet Explorer's "Web Archive, single file" (.mht): a ``start`` naming the page."""
    text = (
        "From: <Saved by Windows Internet Explorer 8>\n"
        "Subject: Comment les machines succombent\n"
        "Date: Tue, 8 Dec 2026 01:10:00 +0100\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/related; type="text/html"; start="<page@ie>";\n'
        f'\tboundary="{IE_BOUNDARY}"\n'
        "X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.24158\n\n"
        "This is a multi-part message in MIME format.\n\n"
        f"--{IE_BOUNDARY}\nContent-Type: text/css\nContent-Transfer-Encoding: quoted-printable\n"
        "Content-Location: https://news.example.org/style.css\n\nbody { margin: 0 }\n\n"
        f"--{IE_BOUNDARY}\nContent-Type: text/html; charset=\"{charset}\"\n"
        "Content-Transfer-Encoding: quoted-printable\nContent-ID: <page@ie>\n"
        f"Content-Location: {PAGE_URL}\n\n{quopri.encodestring(page).decode('ascii')}\n"
        f"--{IE_BOUNDARY}--\n")
    return _lines(text, "\r\n").encode("ascii")


def republication(article: Article) -> str:
    return third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)


def counter_of(article: Article) -> str:
    return (f"https://counter.theconversation.com/content/{article.article_id}/count.gif"
            "?distributor=republish-lightbox-basic")


def judged(path: Path) -> dict[str, object]:
    return verdict_json(check_republication(str(path), original=str(FR_FEED),
                                            fetch_config=FETCH_DEFAULTS).verdict)


@pytest.mark.parametrize("k", [0, 1])
@pytest.mark.parametrize(("eol", "encoding"), [("\r\n", "quoted-printable"),
                                               ("\n", "quoted-printable"),
                                               ("\r\n", "base64")])
def test_a_page_saved_by_chrome_as_one_file_is_judged_as_the_page(
        fr_articles: tuple[Article, ...], tmp_path: Path, k: int, eol: str,
        encoding: str) -> None:
    article = fr_articles[k]
    html = republication(article)
    page, archive = tmp_path / "page.html", tmp_path / "page.mhtml"
    page.write_text(html, encoding="utf-8")
    archive.write_bytes(blink(html.encode("utf-8"), counter_of(article), eol=eol,
                              encoding=encoding))
    as_page = judged(page)
    assert as_page["compliant"] is True
    assert judged(archive) == as_page


def test_the_page_is_the_archives_first_html_part_not_a_frame(
        fr_articles: tuple[Article, ...], tmp_path: Path) -> None:
    article = fr_articles[0]
    frame = b"<html><body><p>Advertisement: the spring fair is this weekend.</p></body></html>"
    archive = tmp_path / "page.mhtml"
    archive.write_bytes(blink(republication(article).encode("utf-8"), counter_of(article),
                              frames=(frame,)))
    assert judged(archive)["compliant"] is True


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_a_page_saved_by_internet_explorer_is_the_part_start_names(
        fr_articles: tuple[Article, ...], tmp_path: Path, charset: str) -> None:
    article = fr_articles[1]
    html = republication(article)
    archive = tmp_path / "page.mht"
    archive.write_bytes(internet_explorer(html.encode(charset, "xmlcharrefreplace"), charset))
    assert judged(archive)["compliant"] is True


def test_a_defect_inside_an_archive_still_fails(fr_articles: tuple[Article, ...],
                                               tmp_path: Path) -> None:
    article = fr_articles[0]
    edited = sub(republication(article), "ne sont pas les seuls", "ne sont pas les uniques")
    archive = tmp_path / "page.mhtml"
    archive.write_bytes(blink(edited.encode("utf-8"), counter_of(article)))
    verdict = judged(archive)
    failed = [f["rule"] for f in verdict["findings"] if f["ok"] is False]  # type: ignore[index]
    assert failed == ["unaltered-text"]


def test_the_recorded_republication_saved_as_one_file_reads_as_recorded(tmp_path: Path) -> None:
    recorded = SAMPLES / "tc-republished-basic-es-159013.html"
    archive = tmp_path / "saved.mhtml"
    archive.write_bytes(blink(recorded.read_bytes(), "https://counter.theconversation.com/"
                                                     "content/159013/count.gif"))
    saved = saved_page(archive.read_bytes())
    assert saved is not None and saved.data.replace(b"\r\n", b"\n") == \
        recorded.read_bytes().replace(b"\r\n", b"\n")
    assert saved.location == PAGE_URL
    alone = [check_republication(str(p), use_original=False, fetch_config=FETCH_DEFAULTS)
             for p in (recorded, archive)]
    assert verdict_json(alone[0].verdict) == verdict_json(alone[1].verdict)


def test_an_archive_holding_no_page_is_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "picture.mhtml"
    text = blink(b"", "https://example.org/x.gif").decode("ascii")
    archive.write_bytes(text.replace("Content-Type: text/html", "Content-Type: text/plain")
                        .encode("ascii"))
    with pytest.raises(InputError, match=r"a web archive \(MHTML\) holding no HTML page$"):
        check_republication(str(archive), use_original=False, fetch_config=FETCH_DEFAULTS)


@pytest.mark.parametrize("text", [
    b"Subject: the harbour\n\nA letter of ours, in plain text.\n",
    b"Content-Type: multipart/related\n\nno MIME-Version: an e-mail's body pasted\n",
    b"<!DOCTYPE html>\n<html><body><p>From: <Saved by Blink></p></body></html>\n",
])
def test_what_only_looks_like_an_archive_is_not_one(text: bytes) -> None:
    assert not is_web_archive(text) and saved_page(text) is None


def test_audit_reads_a_saved_page(fr_articles: tuple[Article, ...], tmp_path: Path) -> None:
    article = fr_articles[0]
    archive = tmp_path / "saved.mhtml"
    archive.write_bytes(blink(republication(article).encode("utf-8"), counter_of(article)))
    report = run_audit([str(archive)], fetch_config=FETCH_DEFAULTS,
                       conversation_url="http://127.0.0.1:9")
    (page,) = report.pages
    assert page.article_id == article.article_id and page.judged == "page"
    assert "licence-notice" not in page.failed_rules and page.failed_rules == ()


def test_check_of_an_archive_through_the_command(fr_articles: tuple[Article, ...],
                                                 tmp_path: Path) -> None:
    article = fr_articles[0]
    archive = tmp_path / "Saved Page.mhtml"
    archive.write_bytes(blink(republication(article).encode("utf-8"), counter_of(article)))
    done = subprocess.run([sys.executable, "-m", "syndication", "check", str(archive),
                           "--original", str(FR_FEED)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("Compliant: every rule passed.")


# --- a page saved "complete": its files beside it ------------------------------------------
#
# Chrome's and Firefox's "Webpage, Complete" write the page and a folder "{name}_files" of its
# pictures, scripts and style sheets, and point the page at those copies: the counter's
# address, which says which article it counts, becomes ./Story_files/count.gif. BUILT here
# from the republications, as those browsers rewrite a page (Chrome also marks where it was
# saved from, "<!-- saved from url=(0041)https://… -->"); no recorded save exists.


def saved_complete(page: str, *, prefix: str = "./Story_files/", counter_name: str = "count.gif"
                   ) -> str:
    def local(m: re.Match[str]) -> str:
        url = m.group(2)
        name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index"
        if "counter.theconversation.com" in url:
            name = counter_name
        return f'{m.group(1)}="{prefix}{name}"'

    saved = re.sub(r'(src)="(https?://[^"]+)"', local, page)
    saved = re.sub(r'\ssrcset="[^"]*"', "", saved)
    return f"<!-- saved from url=({len(PAGE_URL):04d}){PAGE_URL} -->\n{saved}"


def findings(path: Path, original: Path = FR_FEED) -> dict[str, tuple[bool | None, str]]:
    verdict = check_republication(str(path), original=str(original),
                                  fetch_config=FETCH_DEFAULTS).verdict
    return {f.rule: (f.ok, f.detail) for f in verdict.findings}


@pytest.mark.parametrize(("prefix", "counter_name"), [
    ("./Story_files/", "count.gif"),  # Chrome
    ("Story_files/", "count.gif"),  # Firefox
    ("./Comment les machines_files/", "count(1).gif"),  # a second copy of the same name
    ("./Story_files/", "count.gif.download"),  # Chrome, the type not told by the server
])
def test_a_page_saved_complete_leaves_its_counter_not_checked(
        fr_articles: tuple[Article, ...], tmp_path: Path, prefix: str, counter_name: str) -> None:
    """Before, the counter's copy failed page-counter ("no page counter image") and images
    ("not licensed for reuse: ./Story_files/count.gif has no credit")."""
    page = tmp_path / "saved.html"
    page.write_text(saved_complete(republication(fr_articles[0]), prefix=prefix,
                                   counter_name=counter_name), encoding="utf-8")
    found = findings(page)
    ok, detail = found.pop("page-counter")
    assert ok is None and f"({prefix}{counter_name})" in detail
    assert "Webpage, Complete" in detail and "check the page by its URL" in detail
    assert {rule for rule, (ok, _d) in found.items() if ok is not True} == set(), found


def test_a_page_with_pictures_saved_complete_keeps_them_judged(env_article: Article,
                                                               tmp_path: Path) -> None:
    """The recorded US article's CC BY figures, saved as ./Story_files/file-….jpg, keep the
    names The Conversation gave them: still reusable; the counter's copy is no picture."""
    page = tmp_path / "saved.html"
    page.write_text(saved_complete(republication(env_article)), encoding="utf-8")
    found = findings(page, ENV_FEED)
    assert found["images"][0] is True and "count.gif" not in found["images"][1]
    assert found["page-counter"][0] is None


def test_a_page_saved_complete_still_fails_its_defects(fr_articles: tuple[Article, ...],
                                                       tmp_path: Path) -> None:
    article = fr_articles[0]
    without = re.sub(r'<img[^>]*counter\.theconversation\.com[^>]*>', "",
                     republication(article))
    edited = sub(republication(article), "ne sont pas les seuls", "ne sont pas les uniques")
    page = tmp_path / "saved.html"
    page.write_text(saved_complete(without), encoding="utf-8")
    assert findings(page)["page-counter"] == (False, "no page counter image for article "
                                                     f"{article.article_id}")
    page.write_text(saved_complete(edited), encoding="utf-8")
    found = findings(page)
    assert found["unaltered-text"][0] is False and found["page-counter"][0] is None


@pytest.mark.parametrize("src", [
    "https://news.example.org/media_files/count.gif",  # a live site's own picture
    "./Story_files/counter-sign.gif",
    "./Story_files/count.png",
    "/count.gif",
])
def test_what_is_no_saved_counter(src: str) -> None:
    from lxml.etree import fromstring

    from syndication.compliance.content import counter_tag

    assert counter_tag(fromstring(f'<img src="{src}" width="1" height="1"/>')) is None


def test_a_safari_web_archive_is_named(tmp_path: Path) -> None:
    archive = tmp_path / "Story.webarchive"
    archive.write_bytes(b"bplist00\xd1\x01\x02_\x10\x0fWebMainResource\xd5\x03\x04")
    with pytest.raises(InputError, match=r"a Safari web archive \(\.webarchive: save the page "):
        check_republication(str(archive), use_original=False, fetch_config=FETCH_DEFAULTS)
