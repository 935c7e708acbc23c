"""docs/compliance.md#rule-selective: config keys validated with errors naming file and key, a
whole-edition feed without selection refused before anything starts, and each feed's selection
applied to what it publishes. The pipeline runs for real against the loopback server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

from syndication.config import Config, load_config
from syndication.errors import ConfigError
from syndication.models import Author, Selection
from syndication.pipeline import run
from syndication.selection import admits, is_edition_feed, selective
from syndication.store import Store

from .conftest import ENV_FEED, FR_FEED
from .server import LoopbackServer

ATOM = "{http://www.w3.org/2005/Atom}"
NEANDERTAL = 209538  # "Une chasse au trésor pour retrouver des restes de Néandertal…"
MACHINES = 212649  # "Comment les machines succombent à la chaleur…" (two authors)
SEA_STARS = 263253


def write_config(tmp_path: Path, feeds: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        "[site]\n"
        'title = "Test publisher"\n'
        'base_url = "https://example.org/feeds/"\n'
        'output_dir = "out"\n'
        'state_file = "state.sqlite3"\n'
        "[fetch]\n"
        'user_agent = "syndication-tests/0.1 (+https://example.org/contact)"\n'
        "min_interval = 0\n"
        "timeout = 5\n" + feeds,
        encoding="utf-8",
    )
    return path


def feed_toml(sources: list[str], extra: str = "", name: str = "news") -> str:
    listed = ", ".join(f'"{u}"' for u in sources)
    return f'[[feed]]\nname = "{name}"\ntitle = "News"\nsources = [{listed}]\n{extra}\n'


def entry_ids(path: Path) -> list[int]:
    root = ET.parse(path).getroot()
    return [int((e.findtext(f"{ATOM}id") or "").rsplit("/", 1)[-1])
            for e in root.iter(f"{ATOM}entry")]


# --- config validation ----------------------------------------------------------------------

BAD = [
    ('mode = "summary"', "feed[0].mode", 'must be "full" or "extract"'),
    ("paragraphs = 3", "feed[0].paragraphs", 'only used with mode = "extract"'),
    ('mode = "extract"\nparagraphs = 0', "feed[0].paragraphs", "at least 1"),
    ('mode = "extract"\nparagraphs = "3"', "feed[0].paragraphs", "whole number"),
    ('keywords = "climate"', "feed[0].keywords", "must be a list"),
    ('keywords = ["climate", ""]', "feed[0].keywords[1]", "non-empty string"),
    ("exclude_keywords = [3]", "feed[0].exclude_keywords[0]", "non-empty string"),
    ("authors = [true]", "feed[0].authors[0]", "non-empty string"),
    ('articles = ["not-an-article"]', "feed[0].articles[0]", "neither an article id"),
    ("articles = [-4]", "feed[0].articles[0]", "positive article id"),
    ('permission = ""', "feed[0].permission", "must not be empty"),
    ('selection = ["x"]', "feed[0].selection", "unknown key"),
]


@pytest.mark.parametrize(("extra", "key", "message"), BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_bad_selection_and_mode_keys_name_file_and_key(tmp_path: Path, extra: str, key: str,
                                                       message: str) -> None:
    path = write_config(tmp_path, feed_toml(["https://theconversation.com/us/environment/"
                                             "articles.atom"], extra))
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert e.value.key == key
    assert message in str(e.value)
    assert str(path) in str(e.value)


def test_selection_keys_are_read(tmp_path: Path) -> None:
    path = write_config(tmp_path, feed_toml(
        ["https://theconversation.com/fr/articles.atom"],
        'mode = "extract"\nparagraphs = 2\nkeywords = ["Néandertal", "chaleur"]\n'
        'exclude_keywords = ["voitures"]\nauthors = ["Léa Beaumont"]\n'
        'articles = [212649, "209538", "https://theconversation.com/x-y-263253"]\n'
        'permission = "written agreement with The Conversation France, 2025-01-10"\n'))
    feed = load_config(path).feeds[0]
    assert (feed.mode, feed.paragraphs) == ("extract", 2)
    assert feed.selection == Selection(
        keywords=("Néandertal", "chaleur"), exclude_keywords=("voitures",),
        authors=("Léa Beaumont",), articles=(212649, 209538, 263253))
    assert feed.permission == "written agreement with The Conversation France, 2025-01-10"


# --- the selective rule ---------------------------------------------------------------------


@pytest.mark.parametrize(("url", "edition"), [
    ("https://theconversation.com/us/articles.atom", True),
    ("https://theconversation.com/ca-fr/articles.atom", True),
    ("https://theconversation.com/global/articles.atom", True),
    ("https://theconversation.com/articles.atom", True),
    ("http://127.0.0.1:8080/fr/articles.atom", True),
    ("https://theconversation.com/us/environment/articles.atom", False),
    ("https://theconversation.com/topics/climate-change-27352/articles.atom", False),
    ("https://theconversation.com/institutions/cnrs-1234/articles.atom", False),
])
def test_edition_feeds_are_recognised(url: str, edition: bool) -> None:
    assert is_edition_feed(url) is edition


SELECTIVE_CASES = [
    (["https://theconversation.com/us/articles.atom"], Selection(), None, False),
    (["https://theconversation.com/us/articles.atom"],
     Selection(exclude_keywords=("sport",)), None, False),  # exclusions alone take the rest
    (["https://theconversation.com/us/articles.atom"], Selection(keywords=("kelp",)), None,
     True),
    (["https://theconversation.com/us/articles.atom"], Selection(authors=("A B",)), None, True),
    (["https://theconversation.com/us/articles.atom"], Selection(articles=(1,)), None, True),
    (["https://theconversation.com/us/articles.atom"], Selection(), "signed agreement", True),
    (["https://theconversation.com/us/environment/articles.atom"], Selection(), None, True),
]


@pytest.mark.parametrize(("sources", "selection", "permission", "ok"), SELECTIVE_CASES)
def test_selective_rule(sources: list[str], selection: Selection, permission: str | None,
                        ok: bool) -> None:
    finding = selective(sources, selection, permission)
    assert finding.rule == "selective"
    assert finding.ok is ok
    if not ok:
        assert sources[0] in finding.detail and "permission" in finding.detail


def test_run_refuses_to_start_with_an_unselected_edition(tmp_path: Path,
                                                         server: LoopbackServer) -> None:
    url = server.serve("/us/articles.atom", ENV_FEED)
    path = write_config(tmp_path, feed_toml(["https://theconversation.com/us/environment/"
                                             "articles.atom"], name="ok")
                        + feed_toml([url], name="mirror"))
    config = load_config(path)
    with pytest.raises(ConfigError) as e:
        run(config)
    assert (e.value.path, e.value.key) == (str(path), "feed[1].sources[0]")
    assert server.requests == []  # nothing fetched
    assert not (tmp_path / "state.sqlite3").exists()  # nothing touched
    # Through the entry point: exit status 2, one line naming file and key.
    done = subprocess.run([sys.executable, "-m", "syndication", "run", "--config", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"{path}: feed[1].sources[0]:" in done.stderr
    assert "whole edition" in done.stderr and "permission" in done.stderr


def test_a_recorded_permission_lets_a_whole_edition_run(tmp_path: Path,
                                                        server: LoopbackServer) -> None:
    url = server.serve("/fr/articles.atom", FR_FEED)
    config = load_config(write_config(tmp_path, feed_toml(
        [url], 'permission = "written agreement with The Conversation France"')))
    report = run(config)
    assert report.ok
    assert sorted(entry_ids(tmp_path / "out" / "news.atom")) == [NEANDERTAL, MACHINES]


# --- selection applied ----------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "expected", "not_selected"), [
    ('keywords = ["néandertal"]', [NEANDERTAL], 1),  # case and accents aside
    ('keywords = ["garder la tête froide"]', [MACHINES], 1),  # in the summary
    ('authors = ["Matthew T. Hughes"]', [MACHINES], 1),
    ('authors = ["https://theconversation.com/profiles/lea-beaumont-1446115"]', [NEANDERTAL],
     1),
    ('articles = ["https://theconversation.com/une-chasse-au-tresor-209538"]', [NEANDERTAL],
     1),
    ('keywords = ["chaleur", "Néandertal"]\nexclude_keywords = ["machines"]', [NEANDERTAL], 1),
    ('keywords = ["chaleur", "Néandertal"]\nmax_entries = 1', [MACHINES], 0),  # the newest
    ('keywords = ["kelp"]', [], 2),
])
def test_each_selection_key(tmp_path: Path, server: LoopbackServer, extra: str,
                            expected: list[int], not_selected: int) -> None:
    url = server.serve("/fr/articles.atom", FR_FEED)
    config = load_config(write_config(tmp_path, feed_toml([url], extra)))
    report = run(config)
    assert report.ok
    assert entry_ids(tmp_path / "out" / "news.atom") == expected
    assert sum(s.not_selected for s in report.sources) == not_selected


def test_articles_no_feed_selects_are_not_processed(tmp_path: Path,
                                                    server: LoopbackServer) -> None:
    url = server.serve("/fr/articles.atom", FR_FEED)
    run(load_config(write_config(tmp_path, feed_toml([url], 'keywords = ["Néandertal"]'))))
    with Store(tmp_path / "state.sqlite3") as store:
        seen = [a.article_id for a in store.articles()]
        assert seen == [NEANDERTAL]
        taken = store.articles()[0].findings[-1]
        assert taken.rule == "selective" and taken.ok is True
        assert "feed 'news' takes it: keyword 'Néandertal'" in taken.detail


def test_a_narrower_selection_applies_to_articles_already_stored(
    tmp_path: Path, server: LoopbackServer
) -> None:
    url = server.serve("/fr/articles.atom", FR_FEED)
    path = write_config(tmp_path, feed_toml([url], 'keywords = ["chaleur", "Néandertal"]'))
    run(load_config(path))
    assert entry_ids(tmp_path / "out" / "news.atom") == [MACHINES, NEANDERTAL]
    path = write_config(tmp_path, feed_toml([url], 'keywords = ["Néandertal"]'))
    report = run(load_config(path))  # the source answers 304: nothing new is fetched
    assert all(s.not_modified for s in report.sources)
    assert entry_ids(tmp_path / "out" / "news.atom") == [NEANDERTAL]


def test_admits_explains_why() -> None:
    author = Author("Léa Beaumont", None, None, "https://theconversation.com/profiles/x-1")
    kwargs = {"article_id": 5, "title": "Climate and kelp", "summary": "Sea stars",
              "authors": (author,)}
    assert admits(Selection(), **kwargs) == "every article of its sources"
    assert admits(Selection(keywords=("KELP",)), **kwargs) == "keyword 'KELP'"
    assert admits(Selection(keywords=("kel",)), **kwargs) is None  # whole words only
    assert admits(Selection(authors=("lea beaumont",)), **kwargs) == "author 'Léa Beaumont'"
    assert admits(Selection(keywords=("kelp",), exclude_keywords=("stars",)), **kwargs) is None
    assert admits(Selection(articles=(5,), exclude_keywords=("stars",)), **kwargs) == \
        "article 5 is listed"


def test_demo_config_is_selective() -> None:
    from syndication.demo import demo_config
    from syndication.pipeline import check_selective

    config: Config = demo_config("http://127.0.0.1:1/", Path("out"), Path("state"))
    check_selective(config)  # raises if the demo mirrored an edition
