"""`syndication audit --report FILE.html`: one self-contained page, opened in headless
Chromium (Debian's chromium, which .ci/run installs) with scripts on and off: it renders,
its table lists every page, it needs nothing from the network, and it sorts when scripts
run. Screenshots go to tests/_artifacts/audit-report-*.png."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from .audit_site import build_site, originals, serve_conversation
from .browser import run_chromium
from .server import LoopbackServer
from .test_audit import MIN_INTERVAL

ARTIFACTS = Path(__file__).parent / "_artifacts"
SCRIPTS_OFF_META = ('<meta http-equiv="Content-Security-Policy" '
                    "content=\"script-src 'none'\">")


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """The report of an audit of the loopback site, through the command; the page URLs
    the audit must list (republications and the one robots.txt keeps out)."""
    tmp = tmp_path_factory.mktemp("report")
    rep, tc = LoopbackServer().start(), LoopbackServer().start()
    try:
        articles = originals()
        site = build_site(articles)
        site.serve(rep)
        serve_conversation(tc, articles)
        config = tmp / "config.toml"
        config.write_text('[site]\ntitle = "t"\nbase_url = "https://example.org/"\n'
                          '[fetch]\nuser_agent = "syndication/test (+https://example.org/)"\n'
                          f"min_interval = {MIN_INTERVAL}\n"
                          '[[feed]]\nname = "x"\ntitle = "x"\nsources = '
                          '["https://theconversation.com/us/environment/articles.atom"]\n'
                          'keywords = ["sea"]\n', encoding="utf-8")
        report = tmp / "audit.html"
        done = subprocess.run(
            [sys.executable, "-m", "syndication", "audit", rep.url("/sitemap_index.xml"),
             "--conversation-url", tc.base, "--config", str(config), "--report", str(report)],
            capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 1, done.stderr
        urls = [rep.url(p.path) for p in site.posts if p.expect != "skip"]
        yield report, urls
    finally:
        rep.stop()
        tc.stop()


def test_the_report_is_self_contained_and_lists_every_page_worst_first(
        audited: tuple[Path, list[str]]) -> None:
    report, urls = audited
    page = lxml.html.fromstring(report.read_bytes())
    # nothing loaded from anywhere: no external script, style sheet, image or font
    assert page.xpath("//script[@src] | //link[@rel='stylesheet'] | //img | //iframe") == []
    rows = page.xpath("//table[@id='pages']/tbody/tr")
    assert sorted(r.xpath("td[1]/a/@href")[0] for r in rows) == sorted(urls)
    verdicts = [r.xpath("string(td[3])") for r in rows]
    assert verdicts == sorted(verdicts, key=["not compliant", "not checked", "error",
                                             "compliant", "unreadable"].index)
    assert verdicts.count("not compliant") == 3
    # grouped by rule, each with what to fix and the evidence
    for rule in ("unaltered-text", "page-counter", "author-credit"):
        (section,) = page.xpath(f"//section[@id='rule-{rule}']")
        assert section.xpath(".//p[@class='fix']")
        assert section.xpath(".//ul[@class='evidence']/li")


def _chromium(chromium: str, tmp: Path, *args: str) -> str:
    done = run_chromium(chromium, tmp, *args)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("scripts", ["on", "off"])
def test_chromium_renders_the_report_with_scripts_on_and_off(
        audited: tuple[Path, list[str]], chromium: str, tmp_path: Path, scripts: str) -> None:
    """Scripts off: a copy of the report whose Content-Security-Policy forbids every script
    (Chromium's own switch, --blink-settings=scriptEnabled=false, also stops the headless
    --dump-dom and --screenshot, which run scripts of their own)."""
    report, urls = audited
    page = report
    if scripts == "off":
        page = tmp_path / "scripts-off.html"
        page.write_text(report.read_text(encoding="utf-8").replace(
            "<head>", "<head>" + SCRIPTS_OFF_META, 1), encoding="utf-8")
    dom = lxml.html.fromstring(_chromium(chromium, tmp_path, "--dump-dom", page.as_uri()))
    (table,) = dom.xpath("//table[@id='pages']")
    assert sorted(table.xpath("tbody/tr/td[1]/a/@href")) == sorted(urls)
    for rule in ("unaltered-text", "page-counter", "author-credit"):
        assert dom.xpath(f"//section[@id='rule-{rule}']//p[@class='fix']")
    # the sorting script ran with scripts on, and only then
    assert table.get("data-sortable") == ("ready" if scripts == "on" else None)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"audit-report-scripts-{scripts}.png"
    shot.unlink(missing_ok=True)
    _chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600",
              page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_table_sorts_when_scripts_run(audited: tuple[Path, list[str]], chromium: str,
                                          tmp_path: Path) -> None:
    report, urls = audited
    # A copy whose extra script clicks the "Page" column's button, as a reader would.
    clicked = tmp_path / "clicked.html"
    clicked.write_text(report.read_text(encoding="utf-8").replace(
        "</body>", "<script>document.querySelector('#pages th button').click()</script>"
        "</body>"), encoding="utf-8")
    dom = lxml.html.fromstring(_chromium(chromium, tmp_path, "--dump-dom", clicked.as_uri()))
    order = dom.xpath("//table[@id='pages']/tbody/tr/td[1]/a/@href")
    assert order == sorted(urls, key=lambda u: u)  # the page column, ascending
    assert dom.xpath("//table[@id='pages']//th[1]/@aria-sort") == ["ascending"]
