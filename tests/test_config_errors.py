"""Bad configuration: every error names the file, the key and the problem (table-driven,
each case a real file in tmp_path), and the shipped config.toml loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from syndication.config import load_config
from syndication.errors import ConfigError

ROOT = Path(__file__).parents[1]

VALID = """\
[site]
title = "Test publisher"
base_url = "https://example.org/feeds/"
output_dir = "out"
state_file = "state.sqlite3"

[fetch]
user_agent = "syndication-tests/0.1 (+https://example.org/contact)"
min_interval = 1.0
timeout = 20
max_bytes = 10_000_000
retries = 2
backoff = 2.0
max_wait = 120

[[feed]]
name = "env"
title = "Environment"
sources = ["https://theconversation.com/us/environment/articles.atom"]
max_entries = 50
"""

SECOND_FEED = """
[[feed]]
name = "{name}"
title = "Second"
sources = ["https://theconversation.com/fr/articles.atom"]
"""


def edit(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


CASES = [
    # (id, config text, key named, problem regex)
    ("unknown-top-level", VALID + "\n[sites]\nx = 1\n", "sites", "unknown key"),
    ("unknown-site-key", edit('title = "Test publisher"', 'titel = "x"\ntitle = "T"'),
     "site.titel", r"unknown key \(expected one of: base_url, .*title\)"),
    ("unknown-fetch-key", edit("retries = 2", "retry = 2"), "fetch.retry", "unknown key"),
    ("unknown-feed-key", edit('name = "env"', 'name = "env"\nnmae = "x"'), "feed[0].nmae",
     "unknown key"),
    ("title-wrong-type", edit('title = "Test publisher"', "title = 3"), "site.title",
     "must be a string, got int 3"),
    ("timeout-as-string", edit("timeout = 20", 'timeout = "20"'), "fetch.timeout",
     "must be a number, got str '20'"),
    ("timeout-nan", edit("timeout = 20", "timeout = nan"), "fetch.timeout",
     "must be a finite number"),
    ("timeout-too-long", edit("timeout = 20", "timeout = 3600"), "fetch.timeout",
     "must be at most 600"),
    ("retries-fraction", edit("retries = 2", "retries = 1.5"), "fetch.retries",
     "must be a whole number, got float 1.5"),
    ("retries-too-many", edit("retries = 2", "retries = 11"), "fetch.retries",
     "must be at most 10"),
    ("max-bytes-bool", edit("max_bytes = 10_000_000", "max_bytes = true"), "fetch.max_bytes",
     "must be a whole number, got bool True"),
    ("min-interval-negative", edit("min_interval = 1.0", "min_interval = -1"),
     "fetch.min_interval", "must be at least 0"),
    ("max-entries-zero", edit("max_entries = 50", "max_entries = 0"), "feed[0].max_entries",
     "must be at least 1"),
    ("feed-name-missing", edit('name = "env"\n', ""), "feed[0].name", "missing"),
    ("feed-title-blank", edit('title = "Environment"', 'title = "   "'), "feed[0].title",
     "must not be empty"),
    ("duplicate-feed-names", VALID + SECOND_FEED.format(name="env"), "feed[1].name",
     "duplicate feed name 'env'"),
    ("duplicate-feed-names-by-case", VALID + SECOND_FEED.format(name="ENV"), "feed[1].name",
     "duplicate feed name 'ENV' \\(names must differ by more than case"),
    ("feed-name-escapes-output-dir", edit('name = "env"', 'name = "../escape"'),
     "feed[0].name", "would write outside output_dir"),
    ("feed-name-absolute", edit('name = "env"', 'name = "/etc/cron.d/x"'), "feed[0].name",
     "would write outside output_dir"),
    ("feed-name-hidden", edit('name = "env"', 'name = ".htaccess"'), "feed[0].name",
     "a hidden file"),
    ("feed-name-space", edit('name = "env"', 'name = "my feed"'), "feed[0].name",
     "must be 1-64 letters, digits"),
    ("state-file-published", edit('state_file = "state.sqlite3"',
                                  'state_file = "out/state.sqlite3"'),
     "site.state_file", "is inside site.output_dir, which is published"),
    ("feed-not-array", edit("[[feed]]", "[feed]"), "feed",
     r"must be an array of tables: write \[\[feed\]\], not \[feed\]"),
    ("no-feed", VALID.split("[[feed]]")[0], "feed", "at least one"),
    ("sources-not-list", edit('sources = ["https://theconversation.com/us/environment/'
                              'articles.atom"]', 'sources = "https://x.org/a.atom"'),
     "feed[0].sources", "must be a list, got str"),
    ("sources-empty", edit('sources = ["https://theconversation.com/us/environment/'
                           'articles.atom"]', "sources = []"),
     "feed[0].sources", "must name at least one"),
    ("source-not-url", edit('sources = ["https://theconversation.com/us/environment/'
                            'articles.atom"]', 'sources = ["theconversation.com/x.atom"]'),
     "feed[0].sources[0]", "must be an absolute http\\(s\\) URL"),
    ("source-malformed", edit('sources = ["https://theconversation.com/us/environment/'
                              'articles.atom"]', 'sources = ["https://[theconversation.com/x"]'),
     "feed[0].sources[0]", "must be an absolute http\\(s\\) URL"),
    ("source-port-out-of-range", edit('sources = ["https://theconversation.com/us/environment/'
                                      'articles.atom"]',
                                      'sources = ["https://theconversation.com:99999/x"]'),
     "feed[0].sources[0]", "must be an absolute http\\(s\\) URL"),
    ("base-url-malformed", edit('base_url = "https://example.org/feeds/"',
                                'base_url = "https://[example.org/feeds/"'),
     "site.base_url", "must be an absolute http\\(s\\) URL"),
    ("source-not-string", edit('sources = ["https://theconversation.com/us/environment/'
                               'articles.atom"]', "sources = [42]"),
     "feed[0].sources[0]", "must be a string"),
    ("base-url-relative", edit('base_url = "https://example.org/feeds/"',
                               'base_url = "/feeds/"'), "site.base_url",
     "must be an absolute http\\(s\\) URL"),
    ("user-agent-without-contact", edit(
        'user_agent = "syndication-tests/0.1 (+https://example.org/contact)"',
        'user_agent = "syndication"'), "fetch.user_agent", "must carry a contact URL"),
    ("user-agent-newline", edit(
        'user_agent = "syndication-tests/0.1 (+https://example.org/contact)"',
        'user_agent = "syndication (+https://e.org)\\nX-Evil: 1"'), "fetch.user_agent",
     "must be printable ASCII"),
    ("site-missing", VALID.replace(VALID.split("[fetch]")[0], ""), "site",
     r"missing \[site\] table"),
    ("site-not-table", 'site = "x"\n[fetch]' + VALID.split("[fetch]")[1],
     "site", "must be a table"),
]


@pytest.mark.parametrize(("text", "key", "problem"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_config_error_names_file_key_and_problem(tmp_path, text, key, problem):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert re.search(problem, message), message
    assert (e.value.path, e.value.key) == (str(path), key)


def test_not_toml_names_the_file_and_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(VALID + "\nthis is not toml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: not valid TOML: .*line"):
        load_config(path)


def test_missing_file_named(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(path))}: file not found$"):
        load_config(path)


def test_valid_config_and_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(VALID.split("[fetch]")[0] + "[fetch]\nuser_agent = "
                    '"x/1 (+https://e.org)"\n' + "[[feed]]" + VALID.split("[[feed]]")[1])
    config = load_config(path)
    assert (config.fetch.retries, config.fetch.backoff, config.fetch.max_wait,
            config.fetch.max_bytes, config.fetch.min_interval) == (2, 2.0, 120.0, 10_000_000,
                                                                   1.0)
    assert config.site.output_dir == tmp_path / "out"


def test_shipped_config_loads():
    config = load_config(ROOT / "config.toml")
    assert config.fetch.max_bytes == 10_000_000
    assert config.allowed_hosts == frozenset({"theconversation.com"})
