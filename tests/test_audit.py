"""`syndication audit` on a loopback republisher (tests/audit_site.py) and a loopback The
Conversation: every page judged as `check` judges it, each original fetched once,
robots.txt and min_interval respected (asserted on the servers' request logs), and the
command's outputs and exit statuses."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from syndication.audit import AuditReport, PageAudit, Standing, run_audit
from syndication.audit.crawl import change_since
from syndication.audit.output import exit_status
from syndication.compliance.command import check_republication, verdict_json
from syndication.config import FetchConfig
from syndication.models import Article, Finding, Verdict

from .audit_site import Site, build_site, originals, serve_conversation
from .pages import sub
from .server import LoopbackServer

MIN_INTERVAL = 0.05
AGENT = "syndication/test (+https://example.org/contact)"
FETCH = FetchConfig(user_agent=AGENT, min_interval=MIN_INTERVAL, timeout=10,
                    max_bytes=10_000_000, retries=0)


@dataclass
class World:
    site: Site
    articles: dict[int, Article]
    republisher: LoopbackServer
    tc: LoopbackServer


@pytest.fixture(scope="module")
def articles() -> dict[int, Article]:
    return originals()


@pytest.fixture
def world(articles: dict[int, Article]) -> Iterator[World]:
    rep, tc = LoopbackServer().start(), LoopbackServer().start()
    try:
        site = build_site(articles)
        site.serve(rep)
        serve_conversation(tc, articles)
        yield World(site, articles, rep, tc)
    finally:
        rep.stop()
        tc.stop()


def audit(world: World, *sources: str) -> AuditReport:
    return run_audit([world.republisher.url(s) for s in sources], fetch_config=FETCH,
                     conversation_url=world.tc.base)


def expected(world: World) -> dict[str, str]:
    return {world.republisher.url(p.path): p.expect for p in world.site.posts
            if p.expect not in ("skip", "robots")}


def test_every_republication_is_found_and_judged_as_check_judges_it(world: World) -> None:
    report = audit(world, "/sitemap_index.xml")
    by_url = {p.url: p for p in report.pages}
    assert set(by_url) == set(expected(world))
    assert report.skipped == 2  # the site's own stories
    for url, expect in expected(world).items():
        page = by_url[url]
        assert page.judged == "page"
        # The originals are article pages, which state no licence (docs/compliance.md
        # #rule-licence): a compliant page has every other rule passed.
        assert page.failed_rules == (() if expect == "compliant" else (expect,)), url
        assert page.unchecked_rules == ("licence",)
        assert page.standing is (Standing.NOT_CHECKED if expect == "compliant"
                                 else Standing.NOT_COMPLIANT)
        alone = check_republication(url, fetch_config=FETCH, conversation_url=world.tc.base)
        assert verdict_json(alone.verdict) == verdict_json(page.verdict), url


def test_each_original_is_fetched_once_and_robots_txt_is_obeyed(world: World) -> None:
    report = audit(world, "/feed/", "/sitemap_index.xml")
    assert report.originals_fetched == 3
    tc_paths = [r.path for r in world.tc.requests]
    assert sorted(tc_paths) == sorted(["/robots.txt", *(
        "/" + a.url.split("/", 3)[3] for a in world.articles.values())])
    rep_paths = [r.path for r in world.republisher.requests]
    assert rep_paths.count("/robots.txt") == 1
    assert "/private/draft/" not in rep_paths
    assert [u for u, _why in report.unreadable] == [world.republisher.url("/private/draft/")]
    assert "robots.txt does not allow" in report.unreadable[0][1]
    for server in (world.tc, world.republisher):
        assert {r.headers["user-agent"] for r in server.requests} == {AGENT}
        times = [r.at for r in server.requests]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= MIN_INTERVAL * 0.9, gaps  # one host: one request at a time


def test_a_feed_with_full_content_is_judged_from_the_page_and_the_entry(world: World) -> None:
    report = audit(world, "/feed/")
    by_url = {p.url: p for p in report.pages}
    assert set(by_url) == set(expected(world))
    for url, expect in expected(world).items():
        page = by_url[url]
        assert page.judged == "page and feed entry"
        assert page.entry_verdict is not None
        assert page.failed_rules == (() if expect == "compliant" else (expect,)), url


def test_a_page_out_of_reach_is_judged_from_its_feed_entry(world: World) -> None:
    gone = world.site.posts[0]
    world.republisher.routes.pop(gone.path)
    report = audit(world, "/feed/")
    page = next(p for p in report.pages if p.url.endswith(gone.path))
    assert page.judged == "feed entry"
    assert "HTTP 404" in page.error and "only its feed entry was judged" in page.error
    assert page.standing is Standing.NOT_CHECKED and page.failed_rules == ()


def test_entries_linking_the_conversations_own_pages_are_judged_from_the_entries(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """syndication's own feed: each entry links The Conversation's page of its original,
    which is no republication; it is not fetched, and the entries alone are judged, with no
    "could not be read" (before, each such page was fetched from The Conversation)."""
    from syndication.audit.crawl import Hosts
    from syndication.conversation import is_tc_url
    from syndication.demo import run_demo

    run_demo(tmp_path / "feeds")
    asked: list[str] = []
    get = Hosts.get

    def logged(self: Hosts, url: str, *, accept: str):  # type: ignore[no-untyped-def]
        asked.append(url)
        assert not is_tc_url(url), url  # the loopback server stands for The Conversation
        return get(self, url, accept=accept)

    monkeypatch.setattr(Hosts, "get", logged)
    report = run_audit([str(tmp_path / "feeds" / "all.atom")], fetch_config=FETCH,
                       conversation_url=world.tc.base)
    assert sorted(p.article_id for p in report.pages) == sorted(world.articles)
    for page in report.pages:
        assert page.url.startswith("https://theconversation.com/")
        assert page.judged == "feed entry" and page.error == "", page.error
        assert "The Conversation's own page of the article" in page.how
        assert page.failed_rules == (), page.url  # our own republications
    assert {a.split("/", 3)[2] for a in asked} == {world.tc.base.split("/", 3)[2]}


# --- the command ----------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "syndication", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "config.toml"
    path.write_text('[site]\ntitle = "t"\nbase_url = "https://example.org/"\n'
                    f'[fetch]\nuser_agent = "{AGENT}"\nmin_interval = {MIN_INTERVAL}\n'
                    '[[feed]]\nname = "x"\ntitle = "x"\n'
                    'sources = ["https://theconversation.com/us/environment/articles.atom"]\n'
                    'keywords = ["sea"]\n', encoding="utf-8")
    return str(path)


def test_json_lines_one_object_per_page_in_check_s_shape_then_a_summary(
        world: World, config: str) -> None:
    done = cli("audit", world.republisher.url("/sitemap_index.xml"), "--json",
               "--conversation-url", world.tc.base, "--config", config)
    assert done.returncode == 1, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    *pages, last = lines
    judged = [p for p in pages if "findings" in p]
    assert {p["url"] for p in judged} == set(expected(world))
    first = audit(world, "/sitemap_index.xml").pages[0].verdict
    assert first is not None
    check_keys = set(verdict_json(first))  # {"compliant", "article", "findings"}
    for p in judged:
        assert check_keys <= set(p) and p["url"]
    assert [p for p in pages if "error" in p and "findings" not in p] == [
        {"url": world.republisher.url("/private/draft/"), "error": pages[-1]["error"]}]
    assert last["summary"]["pages"] == 6 and last["summary"]["not_compliant"] == 3
    assert last["summary"]["skipped"] == 2 and last["summary"]["exit"] == 1


def test_the_table_lists_every_page_and_each_failing_page_s_findings(
        world: World, config: str) -> None:
    done = cli("audit", world.republisher.url("/feed/"), "--conversation-url", world.tc.base,
               "--config", config)
    assert done.returncode == 1, done.stderr
    out = done.stdout
    for url, expect in expected(world).items():
        assert url in out
        if expect != "compliant":
            assert f"{url}: not compliant" in out
            assert f"✗ {expect}" in out
    assert "6 republications: 0 compliant, 3 not compliant, 3 not fully checked" in out


def test_no_republication_found_is_exit_2_with_one_line(world: World, config: str) -> None:
    for post in world.site.posts:
        if post.expect != "skip":
            world.republisher.routes.pop(post.path)
    done = cli("audit", world.republisher.url("/sitemap_index.xml"), "--conversation-url",
               world.tc.base, "--config", config)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("syndication audit: no republication of The Conversation among")


def test_an_unreadable_source_is_exit_2_naming_it(tmp_path: Path) -> None:
    done = cli("audit", str(tmp_path / "missing.xml"))
    assert done.returncode == 2
    # said once: it was a warning, then again in the line saying why nothing was judged
    assert done.stderr.splitlines() == [
        f"syndication audit: no source could be read: {tmp_path / 'missing.xml'}: no such file"]


def test_an_unreadable_source_beside_a_readable_one_is_said_once(tmp_path: Path) -> None:
    empty = tmp_path / "sitemap.xml"
    empty.write_text('<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                     'sitemap/0.9"></urlset>\n', encoding="utf-8")
    done = cli("audit", str(tmp_path / "missing.xml"), str(empty))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"syndication audit: {tmp_path / 'missing.xml'}: no such file",
        "syndication audit: the sources name no page"]


# --- --state: an incremental re-audit -------------------------------------------------------


def test_a_second_audit_with_state_fetches_only_validators_and_judges_nothing(
        world: World, tmp_path: Path) -> None:
    state = tmp_path / "audit.sqlite3"
    sources = [world.republisher.url("/feed/"), world.republisher.url("/sitemap_index.xml")]
    first = run_audit(sources, fetch_config=FETCH, conversation_url=world.tc.base, state=state)
    assert not any(p.reused or p.change for p in first.pages)  # a first audit: nothing before
    for server in (world.republisher, world.tc):
        server.requests.clear()
    second = run_audit(sources, fetch_config=FETCH, conversation_url=world.tc.base,
                       state=state)
    requests = [*world.republisher.requests, *world.tc.requests]
    # robots.txt is remembered for a day; every other request is conditional
    assert requests and all("if-none-match" in r.headers for r in requests), [
        r.path for r in requests if "if-none-match" not in r.headers]
    assert "/robots.txt" not in {r.path for r in requests}
    assert all(p.reused and p.change == "" for p in second.pages)
    assert [(p.url, p.standing, p.failed_rules) for p in second.pages] == [
        (p.url, p.standing, p.failed_rules) for p in first.pages]
    assert second.skipped == first.skipped and second.unreadable == first.unreadable


def test_the_state_tells_what_changed_since_the_last_audit(
        world: World, tmp_path: Path, articles: dict[int, Article]) -> None:
    state = tmp_path / "audit.sqlite3"
    sources = [world.republisher.url("/sitemap_index.xml")]
    run_audit(sources, fetch_config=FETCH, conversation_url=world.tc.base, state=state)
    posts = {p.path: p for p in world.site.posts}
    # the page without its counter gets the compliant copy; a compliant one gains a word
    fixed, broken = "/2024/02/machines-no-counter/", "/2023/09/neandertal/"
    world.republisher.serve(fixed, posts["/2024/02/machines-chaleur/"].html,
                            content_type="text/html; charset=utf-8")
    post = posts[broken]
    at = post.entry.index("<p>", post.entry.index("<p>") + 3)  # the second paragraph
    edited = post.entry[:at] + "<p>Indeed, " + post.entry[at + 3:]  # a word added
    world.republisher.serve(broken, sub(post.html, post.entry, edited),
                            content_type="text/html; charset=utf-8")
    report = run_audit(sources, fetch_config=FETCH, conversation_url=world.tc.base,
                       state=state)
    by_path = {p.url.removeprefix(world.republisher.base): p for p in report.pages}
    assert by_path[fixed].change == "fixed" and not by_path[fixed].reused
    assert by_path[broken].change == "newly failing" and not by_path[broken].reused
    assert by_path[broken].failed_rules == ("unaltered-text",)
    assert {p for p, a in by_path.items() if a.reused} == set(by_path) - {fixed, broken}
    assert report.summary()["fixed"] == 1 and report.summary()["newly_failing"] == 1


@pytest.mark.parametrize(("before", "now", "change"), [
    (None, Standing.COMPLIANT, "new"),
    (None, Standing.NOT_COMPLIANT, "new"),
    (Standing.COMPLIANT, Standing.NOT_COMPLIANT, "newly failing"),
    (Standing.NOT_CHECKED, Standing.NOT_COMPLIANT, "newly failing"),
    (Standing.ERROR, Standing.NOT_COMPLIANT, "newly failing"),
    (Standing.NOT_COMPLIANT, Standing.COMPLIANT, "fixed"),
    (Standing.NOT_COMPLIANT, Standing.NOT_CHECKED, "fixed"),
    (Standing.NOT_COMPLIANT, Standing.NOT_COMPLIANT, ""),
    (Standing.COMPLIANT, Standing.NOT_CHECKED, ""),
])
def test_change_since_the_last_audit(before: Standing | None, now: Standing,
                                     change: str) -> None:
    assert change_since(before, now) == change


def test_a_state_file_that_is_no_database_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "state.sqlite3"
    bad.write_bytes(b"not a database at all, but a text file with enough bytes " * 40)
    done = cli("audit", str(tmp_path / "x.xml"), "--state", str(bad))
    assert done.returncode == 2
    assert "not a usable audit state database" in done.stderr


def test_a_finding_the_page_and_its_feed_entry_share_is_printed_once(
        world: World, config: str) -> None:
    done = cli("audit", world.republisher.url("/feed/"), "--conversation-url", world.tc.base,
               "--config", config)
    out = done.stdout
    assert out.count("✗ page-counter [page and feed entry]: no page counter image for "
                     "article 212649") == 1


def test_local_files_and_a_list_of_urls(world: World, tmp_path: Path) -> None:
    """A saved page and a saved sitemap are sources too; @FILE lists URLs, one a line."""
    posts = {p.path: p for p in world.site.posts}
    saved = tmp_path / "saved.html"
    saved.write_text(posts["/2024/02/machines-one-author/"].html, encoding="utf-8")
    listed = tmp_path / "urls.txt"
    listed.write_text("# two posts and a story of the site's own\n"
                      f"{world.republisher.url('/2025/09/sea-stars-edited/')}\n\n"
                      f"{world.republisher.url('/news/library-hours/')}\n", encoding="utf-8")
    report = run_audit([str(saved), f"@{listed}"], fetch_config=FETCH,
                       conversation_url=world.tc.base)
    assert [(p.url, p.failed_rules) for p in report.pages] == [
        (str(saved), ("author-credit",)),
        (world.republisher.url("/2025/09/sea-stars-edited/"), ("unaltered-text",))]
    assert report.skipped == 1
    assert [(s.kind, s.pages) for s in report.sources] == [("page", 1), ("url list", 2)]


def test_a_page_with_only_the_attribution_line_is_judged_without_its_original(
        world: World) -> None:
    """No counter, no link to an article: The Conversation's attribution line (here the
    French one) still makes the page a republication, judged by the rules that need no
    original; the counter it lacks fails."""
    post = next(p for p in world.site.posts if p.path == "/2023/09/neandertal/")
    page = re.sub(r"<img[^>]*counter\.theconversation\.com[^>]*>", "", post.html)
    page = re.sub(r'href="https?://[\w.]*theconversation\.com/[^"]*"', 'href="/"', page)
    url = world.republisher.serve("/linkless/", page, content_type="text/html; charset=utf-8")
    report = run_audit([url], fetch_config=FETCH, conversation_url=world.tc.base)
    (audited,) = report.pages
    assert audited.article_id is None and audited.how.startswith("its attribution line")
    assert audited.verdict is not None
    assert audited.verdict.finding("unaltered-text").ok is None
    assert world.tc.requests == []  # no original to fetch


def _page(*oks: bool | None, error: str = "") -> PageAudit:
    findings = tuple(Finding(f"rule-{i}", ok, "") for i, ok in enumerate(oks))
    return PageAudit(url="https://news.example.org/p/", article_id=1, how="its counter",
                     original=None, judged="page" if oks else "",
                     verdict=Verdict(1, findings) if oks else None, error=error)


@pytest.mark.parametrize(("pages", "unreadable", "status"), [
    ((_page(True, True), _page(True)), (), 0),  # every page compliant
    ((_page(True), _page(True, False)), (), 1),  # one rule failed on one page
    ((_page(True, None), _page(False, None)), (), 1),  # a failure outweighs the unchecked
    ((_page(True), _page(True, None)), (), 3),  # none failed, some rule not checked
    ((_page(True), _page(error="the original could not be fetched")), (), 3),
    ((_page(True),), (("https://news.example.org/q/", "HTTP 500"),), 3),  # a page unread
    ((), (), 2),  # nothing judged
    ((), (("https://news.example.org/q/", "HTTP 500"),), 2),
    ((_page(error="the page could not be read"),), (), 2),
])
def test_exit_status(pages: tuple[PageAudit, ...], unreadable: tuple[tuple[str, str], ...],
                     status: int) -> None:
    report = AuditReport(sources=(), pages=pages, skipped=0, unreadable=unreadable)
    assert exit_status(report) == status


def test_a_malformed_source_url_is_named_not_a_crash() -> None:
    """Brackets that do not close: nothing can be fetched, and it is not a file either."""
    done = cli("audit", "http://[bad/sitemap.xml")
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr
    assert ("http://[bad/sitemap.xml: not a URL that can be fetched (no host, or a malformed "
            "one)") in done.stderr
