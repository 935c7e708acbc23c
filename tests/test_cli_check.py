"""`syndication check` and `syndication report` through the entry point (python -m
syndication), on files and on URLs served from 127.0.0.1, in both output modes, with every
exit status: 0 compliant, 1 not compliant, 2 usage or input error, 3 not all checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import pytest

from syndication.config import load_config
from syndication.models import Article
from syndication.pipeline import run
from syndication.republish import republish

from .conftest import ENV_FEED, FR_FEED, SAMPLES
from .pages import sub, sub_re, third_party_page
from .server import LoopbackServer
from .test_selection import feed_toml, write_config

ATOM = "{http://www.w3.org/2005/Atom}"
ES = {n: SAMPLES / f"tc-republished-basic-es-{n}.html" for n in (159013, 113886)}


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("SYNDICATION_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "syndication", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd)


def as_json(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(done.stdout)
    assert set(data) == {"compliant", "article", "findings"}
    return data


def oks(data: dict[str, Any]) -> dict[str, bool | None]:
    return {f["rule"]: f["ok"] for f in data["findings"]}


# --- the recorded Spanish republications (issue 3, "Done when") ----------------------------


def test_es_159013_without_original_fails_nothing_exit_3() -> None:
    done = cli("check", str(ES[159013]), "--no-original")
    assert done.returncode == 3, done.stderr
    assert "✓ page-counter" in done.stdout
    assert "? unaltered-text" in done.stdout and "✗" not in done.stdout
    assert "No rule failed, but 5 could not be checked" in done.stdout
    data = as_json(cli("check", str(ES[159013]), "--no-original", "--json"))
    assert data["article"] == 159013 and data["compliant"] is None  # not all checked
    assert False not in oks(data).values()
    assert oks(data)["unaltered-text"] is None and oks(data)["licence-notice"] is True


def test_es_113886_without_original_fails_page_counter_alone_exit_1() -> None:
    done = cli("check", str(ES[113886]), "--no-original")
    assert done.returncode == 1
    assert "✗ page-counter" in done.stdout and done.stdout.count("✗") == 1
    assert "Not compliant: page-counter failed" in done.stdout
    data = as_json(cli("check", str(ES[113886]), "--no-original", "--json"))
    assert [r for r, ok in oks(data).items() if ok is False] == ["page-counter"]
    detail = next(f["detail"] for f in data["findings"] if f["rule"] == "page-counter")
    assert "2 counter images for article 113886" in detail


def test_es_sample_served_from_loopback(server: LoopbackServer) -> None:
    url = server.serve("/blog/ruido.html", ES[113886], content_type="text/html")
    done = cli("check", url, "--no-original", "--json")
    assert done.returncode == 1
    assert [r for r, ok in oks(as_json(done)).items() if ok is False] == ["page-counter"]
    assert server.requests_to("/blog/ruido.html")[0].headers["user-agent"].startswith(
        "syndication/")


# --- what syndication itself writes passes against its source -----------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pipeline run on the recorded US feed and the built French feed, full and extract
    feeds, served from 127.0.0.1 as The Conversation's section feeds."""
    tmp = tmp_path_factory.mktemp("written")
    server = LoopbackServer().start()
    try:
        us = server.serve("/us/environment/articles.atom", ENV_FEED)
        fr = server.serve("/fr/sciences/articles.atom", FR_FEED)
        config = load_config(write_config(tmp, feed_toml([us, fr], name="full")
                                          + feed_toml([us, fr], 'mode = "extract"',
                                                      name="extracts")))
        assert run(config).ok
    finally:
        server.stop()
    return tmp / "out"


def _entries(path: Path) -> list[tuple[int, str, str]]:
    root = ET.parse(path).getroot()
    return [(int((e.findtext(f"{ATOM}id") or "").rsplit("/", 1)[-1]),
             e.findtext(f"{ATOM}title") or "", e.findtext(f"{ATOM}content") or "")
            for e in root.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("feed", ["full", "extracts"])
def test_every_entry_we_write_passes_against_its_source(feed: str, written: Path,
                                                        tmp_path: Path) -> None:
    entries = _entries(written / f"{feed}.atom")
    assert sorted(n for n, _t, _h in entries) == [209538, 212649, 263253]
    for n, title, html in entries:
        source = ENV_FEED if n == 263253 else FR_FEED
        # As a reader or a CMS shows the entry: its title, then its content.
        page = tmp_path / f"{n}.html"
        page.write_text(f"<h1>{escape(title)}</h1>\n{html}", encoding="utf-8")
        done = cli("check", str(page), "--original", str(source))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Compliant: every rule passed." in done.stdout
        assert done.stdout.count("✓") == 10


# --- a third-party page, files and URLs, with and without the original ----------------------


@pytest.fixture
def fr_page(fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    article = fr_articles[0]
    html = third_party_page(republish(article).html, title=article.title,
                            author=article.authors[0].name)
    return article, html


def test_page_and_original_as_files(fr_page: tuple[Article, str], tmp_path: Path) -> None:
    _article, html = fr_page
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    done = cli("check", str(page), "--original", str(FR_FEED))
    assert done.returncode == 0, done.stdout
    data = as_json(cli("check", str(page), "--original", str(FR_FEED), "--json"))
    assert data["compliant"] is True and data["article"] == 212649
    assert set(oks(data).values()) == {True}
    # The recorded article page as the original: it states no licence, so exit 3.
    original = SAMPLES / "tc-article-212649-fr.html"
    done = cli("check", str(page), "--original", str(original), "--json")
    assert done.returncode == 3
    assert [r for r, ok in oks(as_json(done)).items() if ok is not True] == ["licence"]


def test_page_and_original_as_urls(fr_page: tuple[Article, str],
                                   server: LoopbackServer) -> None:
    _article, html = fr_page
    page = server.serve("/2025/09/machines.html", html, content_type="text/html; charset=utf-8")
    feed = server.serve("/fr/articles.atom", FR_FEED)
    done = cli("check", page, "--original", feed)
    assert done.returncode == 0, done.stdout + done.stderr
    mutated = server.serve("/2025/09/machines-2.html",
                           sub(html, "content/212649/count.gif", "content/1/count.gif"),
                           content_type="text/html")
    done = cli("check", mutated, "--original", feed, "--json")
    assert done.returncode == 1
    assert [r for r, ok in oks(as_json(done)).items() if ok is False] == ["page-counter"]


def test_the_original_is_fetched_from_the_conversation(fr_page: tuple[Article, str],
                                                       server: LoopbackServer) -> None:
    _article, html = fr_page
    page = server.serve("/story.html", html, content_type="text/html")
    path = "/comment-les-machines-succombent-a-la-chaleur-des-voitures-aux-ordinateurs-212649"
    server.serve(path, SAMPLES / "tc-article-212649-fr.html", content_type="text/html")
    done = cli("check", page, "--conversation-url", server.base)
    # Fetched from The Conversation's article page (here the loopback server): every rule
    # but licence passes; an article page states no licence, so that one is not checked.
    assert done.returncode == 3, done.stdout + done.stderr
    assert f"original: {server.base}{path}" in done.stdout
    assert "? licence" in done.stdout and "✗" not in done.stdout
    assert len(server.requests_to(path)) == 1
    # The same page, one word changed: the text rule fails, with its evidence.
    changed = server.serve("/story-2.html", sub(html, "records de chaleur", "records de froid"),
                           content_type="text/html")
    data = as_json(cli("check", changed, "--conversation-url", server.base, "--json"))
    failed = [f for f in data["findings"] if f["ok"] is False]
    assert [f["rule"] for f in failed] == ["unaltered-text"]
    assert "“chaleur” became “froid”" in failed[0]["detail"]


def test_an_original_feed_chosen_by_text_when_the_page_names_no_article(
    fr_articles: tuple[Article, ...], tmp_path: Path
) -> None:
    article = fr_articles[1]
    html = republish(article).html
    # No counter, no link to the original: the feed's entry is found by its text.
    stripped = sub(html, f'<a href="{article.url}">article original</a>', "article original")
    stripped = sub_re(stripped, r'<img src="https://counter[^>]*>', "")
    page = tmp_path / "page.html"
    page.write_text(stripped, encoding="utf-8")
    data = as_json(cli("check", str(page), "--original", str(FR_FEED), "--json"))
    assert data["article"] == article.article_id
    assert sorted(r for r, ok in oks(data).items() if ok is False) == ["page-counter",
                                                                       "source-link"]


def test_plain_text_is_checked_as_text(fr_articles: tuple[Article, ...], tmp_path: Path) -> None:
    from syndication.compliance.htmltext import parse_fragment, text_of

    article = fr_articles[1]
    root = parse_fragment(republish(article).html)
    text = "\n\n".join(text_of(p) for p in root.iter("p", "h2"))
    text += f"\n\nLire l'article original : {article.url}"
    page = tmp_path / "article.txt"
    page.write_text(text, encoding="utf-8")
    done = cli("check", str(page), "--original", str(FR_FEED), "--json")
    assert done.returncode == 3
    result = oks(as_json(done))
    assert result["unaltered-text"] is True and result["source-link"] is True
    assert result["licence-notice"] is True
    assert result["page-counter"] is None and result["images"] is None
    assert result["safe-html"] is None
    assert "as plain text" in cli("check", str(page), "--original", str(FR_FEED)).stdout


# --- usage and input errors: exit 2, one line ----------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["missing.html", "--no-original"], "missing.html: no such file"),
    (["{page}"], "no article of The Conversation found in it"),
    (["{page}", "--no-original"], "no article of The Conversation found in it"),
    (["{es}", "--original", "{fr_feed}"], "the feed has no entry for article 159013"),
    (["{es}", "--original", "{es}"], "not an article page of The Conversation"),
    (["{url404}", "--no-original"], "HTTP 404"),
    (["{es}", "--conversation-url", "{base}"], "HTTP 404"),
])
def test_input_errors_exit_2_with_one_line(args: list[str], message: str, tmp_path: Path,
                                          server: LoopbackServer) -> None:
    page = tmp_path / "nothing.html"
    page.write_text("<html><body><p>Hello, no article here.</p></body></html>",
                    encoding="utf-8")
    values = {"page": str(page), "es": str(ES[159013]), "fr_feed": str(FR_FEED),
              "url404": server.url("/gone.html"), "base": server.base}
    done = cli("check", *(a.format(**values) for a in args), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr


def test_usage_errors_exit_2() -> None:
    assert cli("check").returncode == 2
    assert cli("check", "x.html", "--original", "a", "--no-original").returncode == 2
    assert "--no-original" in cli("check", "--help").stdout
    assert "--refused" in cli("report", "--help").stdout


# --- syndication report ---------------------------------------------------------------------


def test_report_lists_published_and_refused(tmp_path: Path, server: LoopbackServer) -> None:
    # One article refused: its entry's rights say nothing of Creative Commons.
    body = ENV_FEED.read_bytes().replace(
        "Licensed as Creative Commons – attribution, no derivatives.".encode(),
        b"All rights reserved.")
    us = server.serve("/us/environment/articles.atom", body)
    fr = server.serve("/fr/sciences/articles.atom", FR_FEED)
    path = write_config(tmp_path, feed_toml([us, fr]) + feed_toml(
        [fr], 'mode = "extract"\nparagraphs = 2', name="short"))
    report = run(load_config(path))
    assert not report.ok  # a refusal is a failure for cron
    done = cli("report", "--config", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("refused") and "263253" in line for line in lines)
    assert any(line.strip().startswith("licence: the source's licence is not CC BY-ND")
               for line in lines)
    assert sum(line.startswith("published") for line in lines) == 2
    assert lines[-1] == "2 published, 1 refused"
    data = json.loads(cli("report", "--config", str(path), "--json").stdout)
    by_id = {a["article"]: a for a in data}
    assert by_id[263253]["status"] == "refused" and by_id[263253]["failed"] == ["licence"]
    assert by_id[212649]["status"] == "published" and by_id[212649]["failed"] == []
    assert by_id[212649]["extracts"] == [{"paragraphs": 2, "status": "published",
                                          "failed": [], "reason": ""}]
    refused = json.loads(cli("report", "--config", str(path), "--json", "--refused").stdout)
    assert [a["article"] for a in refused] == [263253]


def test_report_before_any_run(tmp_path: Path) -> None:
    path = write_config(tmp_path, feed_toml(["https://theconversation.com/us/environment/"
                                             "articles.atom"]))
    done = cli("report", "--config", str(path))
    assert done.returncode == 0
    assert "No article seen yet" in done.stdout
    assert not (tmp_path / "state.sqlite3").exists()
