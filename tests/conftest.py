"""Shared fixtures: the recorded samples, a loopback server, and configs written to real
files in a temporary folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from syndication.config import Config, load_config
from syndication.models import Article
from syndication.republish import republish
from syndication.source import parse_feed

from .server import LoopbackServer

DATA = Path(__file__).parent / "data"
SAMPLES = DATA / "tc-samples"  # byte-for-byte copies of ../shared/tc-samples
PACKAGE_SAMPLES = Path(__file__).parents[1] / "syndication" / "samples"
ENV_FEED = SAMPLES / "tc-feed-us-environment-articles.atom"
FR_FEED = PACKAGE_SAMPLES / "tc-feed-fr-built-2-entries.atom"  # built: see its first lines
ENV_ID = 263253


@pytest.fixture(scope="session", autouse=True)
def temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The system's temporary folder, for this session, is a folder of pytest's own: what a
    run leaves there for good by design (an output folder's lock file, pipeline.py's
    folder_lock_path) goes with pytest's old sessions instead of piling up in /tmp, one
    file per test's output folder. Child processes (the CLI tests) inherit it by TMPDIR."""
    folder = tmp_path_factory.mktemp("tmp")
    before = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        if before[0] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before[0]
        tempfile.tempdir = before[1]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = LoopbackServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def env_article() -> Article:
    """Article 263253 from the recorded US environment feed."""
    return parse_feed(ENV_FEED.read_bytes(), "https://theconversation.com/us/environment/articles.atom").articles[0]


@pytest.fixture(scope="session")
def fr_articles() -> tuple[Article, ...]:
    """The two articles of the built French feed (212649, then 209538)."""
    return parse_feed(FR_FEED.read_bytes(), "https://theconversation.com/fr/articles.atom").articles


@pytest.fixture(scope="session")
def en_republished(env_article: Article) -> tuple[Article, str]:
    """Article 263253 and our own republication of it (byline, body, counter, attribution)."""
    return env_article, republish(env_article).html


@pytest.fixture(scope="session")
def fr_republished(fr_articles: tuple[Article, ...]) -> tuple[Article, str]:
    """French article 212649 and our own republication of it."""
    return fr_articles[0], republish(fr_articles[0]).html


ConfigFactory = Callable[..., Config]


@pytest.fixture
def make_config(tmp_path: Path) -> ConfigFactory:
    """Write a config.toml naming ``feeds`` ({name: [source URLs]}) and load it."""

    def make(feeds: dict[str, list[str]], *, max_entries: int = 50, extra: str = "",
             site_extra: str = "") -> Config:
        lines = [
            "[site]",
            'title = "Test publisher"',
            'base_url = "https://example.org/feeds/"',
            'output_dir = "out"',
            'state_file = "state.sqlite3"',
            site_extra,
            "[fetch]",
            'user_agent = "syndication-tests/0.1 (+https://example.org/contact)"',
            "min_interval = 0",
            "timeout = 5",
        ]
        for name, sources in feeds.items():
            lines += [
                "[[feed]]",
                f'name = "{name}"',
                f'title = "Feed {name}"',
                "sources = [" + ", ".join(f'"{u}"' for u in sources) + "]",
                f"max_entries = {max_entries}",
            ]
        path = tmp_path / "config.toml"
        path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
        return load_config(path)

    return make


@pytest.fixture(scope="session")
def chromium() -> str:
    """Headless Chromium (tests/browser.py); the test is skipped only when it is missing."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium; "
                    ".ci/run installs it)")
    return path
