"""config.py: the shipped config.toml loads; every bad value is named by file and key."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from syndication.config import CONFIG_ENV, FETCH_DEFAULTS, config_path, load_config
from syndication.errors import ConfigError

ROOT = Path(__file__).parents[1]

GOOD = """
[site]
title = "T"
base_url = "https://example.org/feeds"
[fetch]
user_agent = "syndication/0.1 (+https://example.org/contact)"
[[feed]]
name = "env"
title = "Env"
sources = ["https://theconversation.com/us/environment/articles.atom"]
"""


def test_the_shipped_config_is_valid() -> None:
    config = load_config(ROOT / "config.toml")
    assert config.site.output_dir == ROOT / "feeds"
    assert config.fetch.min_interval == 1.0
    assert [f.name for f in config.feeds] == ["environment"]
    assert config.allowed_hosts == frozenset({"theconversation.com"})


def test_defaults_and_paths_relative_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert config.site.base_url == "https://example.org/feeds/"
    assert config.site.state_file == tmp_path / "syndication.sqlite3"
    assert (config.fetch.timeout, config.fetch.max_bytes) == (20.0, 10_000_000)
    assert config.feeds[0].max_entries == 50


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [
        (("[site]", "[site]\ncolour = 1"), "site.colour", "unknown key"),
        (('base_url = "https://example.org/feeds"', 'base_url = "ftp://x"'), "site.base_url",
         "absolute http(s) URL"),
        (('title = "T"', ""), "site.title", "missing"),
        (('user_agent = "syndication/0.1 (+https://example.org/contact)"',
          'user_agent = "syndication"'), "fetch.user_agent", "contact"),
        (("[fetch]", "[fetch]\nmin_interval = -1"), "fetch.min_interval", "at least 0"),
        (("[fetch]", '[fetch]\ntimeout = "20"'), "fetch.timeout", "must be a number"),
        (('name = "env"', 'name = "../etc"'), "feed[0].name", "file name"),
        (('name = "env"\n', ""), "feed[0].name", "missing"),
        (("sources = [", "sources = [1, "), "feed[0].sources[0]", "string"),
        (('sources = ["https://theconversation.com/us/environment/articles.atom"]',
          "sources = []"), "feed[0].sources", "at least one"),
        (("[[feed]]", "[[feed]]\nmax_entries = 2.5"), "feed[0].max_entries", "whole number"),
    ],
)
def test_bad_values_name_the_file_and_key(
    tmp_path: Path, change: tuple[str, str], key: str, message: str
) -> None:
    old, new = change
    assert old in GOOD
    path = tmp_path / "c.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key
    assert str(path) in str(info.value) and message in str(info.value)


def test_duplicate_feed_names(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    feed = GOOD[GOOD.index("[[feed]]"):]
    path.write_text(GOOD + feed, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "feed[1].name" and "duplicate" in str(info.value)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[site\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_config_path_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, "/etc/syndication.toml")
    assert config_path("given.toml") == Path("given.toml")
    assert config_path() == Path("/etc/syndication.toml")
    monkeypatch.delenv(CONFIG_ENV)
    assert config_path() == Path("config.toml")


# "# key = value   # default": a default config.toml shows rather than sets (its own line).
SHOWN_DEFAULT = re.compile(r"^# (\w+) = (.+?)\s+# default\b")


def shown_defaults(text: str) -> dict[tuple[str, str], object]:
    """(table, key) -> value of each default a config file shows in a commented line."""
    shown: dict[tuple[str, str], object] = {}
    table = ""
    for line in text.splitlines():
        if m := re.match(r"^\[\[?(\w+)\]\]?\s*$", line):
            table = m.group(1)
        elif m := SHOWN_DEFAULT.match(line):
            shown[table, m.group(1)] = tomllib.loads(f"v = {m.group(2)}")["v"]
    return shown


def test_the_shipped_config_shows_the_defaults_config_py_applies() -> None:
    """config.toml leaves the defaults out and shows each in a commented line: those lines say
    what config.py applies (they are not a second copy that could drift from it)."""
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    shown = shown_defaults(text)
    fetch_keys = {"min_interval", "timeout", "max_bytes", "retries", "backoff", "max_wait"}
    assert {k for t, k in shown if t == "fetch"} == fetch_keys
    assert {("site", "keep_days"), ("feed", "max_entries"), ("feed", "paragraphs")} <= set(shown)
    config = load_config(ROOT / "config.toml")
    section = {"site": config.site, "fetch": config.fetch, "feed": config.feeds[0]}
    for (table, key), value in shown.items():
        assert getattr(section[table], key) == value, (table, key)
        assert type(getattr(section[table], key)) is type(value), (table, key)
    assert config.fetch == replace(FETCH_DEFAULTS, user_agent=config.fetch.user_agent)


def test_a_shown_default_that_drifted_is_caught() -> None:
    shown = shown_defaults("[fetch]\n# timeout = 30.0   # default\n# note = 1  # not one\n")
    assert shown == {("fetch", "timeout"): 30.0}
    assert FETCH_DEFAULTS.timeout != shown["fetch", "timeout"]
