"""The rough edges a newcomer meets, each tried as a new user would: a first run with no
network (feeds with no entries, dated by their first write, and an index page that says
why), feed-level strings in the feed's language, the demo's links and the exact command to
serve them, and a change of how files are rendered reaching existing installs."""

from __future__ import annotations

import dataclasses
import json
import shlex
import subprocess
import sys
from pathlib import Path

import feedparser
import lxml.html
import pytest

from syndication import pipeline
from syndication.models import Selection
from syndication.pipeline import run
from syndication.publish import subtitle
from syndication.wording import LANGUAGES, count, feed_words

from .conftest import ENV_FEED, FR_FEED, ConfigFactory
from .feedruns import ENV_PATH, FR_PATH, Clock, snapshot
from .server import LoopbackServer

ROOT = Path(__file__).resolve().parents[1]


def syndication(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "syndication", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False,
                          stdin=subprocess.DEVNULL)


def test_a_first_run_without_network_dates_empty_feeds_by_their_first_write(
        server: LoopbackServer, make_config: ConfigFactory) -> None:
    url = server.serve(ENV_PATH, b"", status=503)
    config = make_config({"env": [url]})
    clock = Clock()
    first_write = clock.now
    report = run(config, clock=clock, sleep=lambda s: None)
    assert not report.ok
    out = config.site.output_dir
    atom = feedparser.parse((out / "env.atom").read_bytes())
    assert atom.entries == [] and atom.feed.updated == first_write.isoformat()
    assert b"1970" not in (out / "env.atom").read_bytes()
    assert b"1970" not in (out / "env.rss").read_bytes()
    page = lxml.html.fromstring((out / "index.html").read_bytes())
    said = page.get_element_by_id("feed-env").text_content()
    assert "No article yet: 1 source of this feed could not be read yet (" in said
    assert "503" in said

    # Later runs, still failing, keep the date: the bytes do not change.
    files = snapshot(out)
    clock.advance(hours=5)
    run(config, clock=clock, sleep=lambda s: None)
    assert snapshot(out)["env.atom"] == files["env.atom"]


def test_an_empty_selecting_feed_says_its_selection_matched_nothing(
        server: LoopbackServer, make_config: ConfigFactory) -> None:
    config = make_config({"env": [server.serve(ENV_PATH, ENV_FEED)]})
    picky = dataclasses.replace(config, feeds=(dataclasses.replace(
        config.feeds[0], selection=Selection(keywords=("volcano",))),))
    assert run(picky, clock=Clock(), sleep=lambda s: None).ok
    page = lxml.html.fromstring((config.site.output_dir / "index.html").read_bytes())
    said = page.get_element_by_id("feed-env").text_content()
    assert "No article yet: no article of its sources matched its selection so far " \
           "(keywords 'volcano')." in said


def test_feed_level_strings_follow_the_feeds_language(
        server: LoopbackServer, make_config: ConfigFactory) -> None:
    config = make_config({"fr": [server.serve(FR_PATH, FR_FEED)],
                          "env": [server.serve(ENV_PATH, ENV_FEED)]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    out = config.site.output_dir
    fr = feedparser.parse((out / "fr.atom").read_bytes()).feed
    assert fr.language == "fr-FR"
    assert fr.subtitle == ("Articles de The Conversation (https://theconversation.com), "
                           "republiés sous licence CC BY-ND 4.0.")
    assert fr.rights.startswith("Articles © leurs auteurs, de The Conversation")
    rss = feedparser.parse((out / "fr.rss").read_bytes()).feed
    assert rss.subtitle == fr.subtitle and rss.rights == fr.rights
    assert json.loads((out / "fr.json").read_bytes())["description"] == fr.subtitle
    env = feedparser.parse((out / "env.atom").read_bytes()).feed
    assert env.subtitle.startswith("Articles from The Conversation")
    # The index page does not repeat a title as a subtitle; a description given is shown.
    page = lxml.html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//section[@id='feed-fr']/p[@class='note']") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_editions_language_has_its_own_feed_words(language: str) -> None:
    words = feed_words(f"{language}-XX")
    assert words == feed_words(language)
    assert "The Conversation" in words.credit and "CC BY-ND 4.0" in words.credit
    assert "https://creativecommons.org/licenses/by-nd/4.0/" in words.rights
    others = [feed_words(other) for other in LANGUAGES if other != language]
    assert all(words.credit != o.credit and words.rights != o.rights for o in others)


def test_an_unknown_language_gets_english_and_a_description_keeps_its_credit() -> None:
    assert feed_words("de") == feed_words("en") == feed_words(None)
    from .test_feeds_render import FEED

    own = dataclasses.replace(FEED, description="Nos articles sur l’océan.")
    assert subtitle(own, "fr-FR") == ("Nos articles sur l’océan. Articles de The Conversation "
                                      "(https://theconversation.com), republiés sous licence "
                                      "CC BY-ND 4.0.")


def test_counts_agree_with_their_noun() -> None:
    assert [count(n, "source") for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
    assert count(1, "entry", "entries") == "1 entry" and count(3, "entry", "entries") == (
        "3 entries")


def test_the_demo_links_where_it_says_to_serve_and_prints_that_command(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    done = syndication("demo", "--output", str(out), "--port", "8123")
    assert done.returncode == 0, done.stderr
    assert "syndication demo: 3 articles published from 2 recorded source feeds." in done.stdout
    command = done.stdout.rstrip("\n").splitlines()[-1].strip()
    argv = shlex.split(command)
    assert argv[-5:] == ["serve", "--dir", str(out), "--port", "8123"]
    program = Path(argv[0])
    assert program.is_absolute() and program.exists()  # runnable without syndication on PATH
    assert "http://localhost:8123/" in done.stdout
    page = lxml.html.fromstring((out / "index.html").read_bytes())
    assert page.xpath("//code/text()")[0] == "http://localhost:8123/environment.atom"
    assert feedparser.parse((out / "all.atom").read_bytes()).feed.link == \
        "http://localhost:8123/"
    assert syndication("demo", "--output", str(out), "--port", "0").returncode == 2


def test_a_new_render_version_renders_every_file_again(
        server: LoopbackServer, make_config: ConfigFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config({"env": [server.serve(ENV_PATH, ENV_FEED)]})
    clock = Clock()
    assert run(config, clock=clock, sleep=lambda s: None).ok
    clock.advance(hours=1)
    assert run(config, clock=clock, sleep=lambda s: None).feeds_written == ()
    rendered: list[str] = []
    real = pipeline._render
    monkeypatch.setattr(pipeline, "_render", lambda fmt, *rest: rendered.append(fmt)
                        or real(fmt, *rest))
    monkeypatch.setattr(pipeline, "RENDER_VERSION", pipeline.RENDER_VERSION + 1)
    clock.advance(hours=1)
    report = run(config, clock=clock, sleep=lambda s: None)
    assert sorted(rendered) == ["atom", "json", "rss"]  # rendered again, not skipped
    assert report.ok and report.feeds_written == ()  # the same bytes: left alone
