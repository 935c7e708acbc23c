"""What a run loads before it knows it has something new: its sources answer 200, but every
entry is one the state database holds already (the common cron run beside the all-304 one,
tests/test_lazy_imports.py). Reading Atom feeds needs defusedxml and source.py; nothing that
renders, republishes or checks an article, nor what reads an article page (articlepage.py):
checked in a fresh interpreter, on a state database a first run made."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from syndication._version import __version__
from syndication.config import Config
from syndication.output import FORMATS, INDEX_FILE, RENDER_VERSION
from syndication.pipeline import INDEX_REFUSED, run
from syndication.store import Store

from .conftest import ConfigFactory
from .feedruns import Clock, serve_recorded
from .server import LoopbackServer

# Loaded only once an article is new or changed, or a file is rendered (pipeline.py decides).
NOT_YET = ("lxml", "lxml.html", "nh3", "feedgen", "bs4", "tqdm",
           "syndication.articlepage", "syndication.compliance", "syndication.republish",
           "syndication.step", "syndication.publish", "syndication.index", "syndication.pool")
DRIVER = f"""
import json, sys
from syndication.config import load_config
from syndication.pipeline import run
report = run(load_config(sys.argv[1]))
print(json.dumps({{"ok": report.ok, "written": list(report.feeds_written),
                  "parsed": [s.url for s in report.sources if not s.not_modified],
                  "outcomes": sorted({{str(a.outcome) for a in report.articles}}),
                  "loaded": sorted(m for m in {NOT_YET!r} if m in sys.modules),
                  "source": "syndication.source" in sys.modules}}))
"""


def test_a_run_whose_sources_bring_nothing_new_loads_no_html_library_nor_the_checker(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    # no ETag: every request is answered 200 with the whole feed, as a server without
    # validators (or a feed whose other entries changed) answers
    env_url, fr_url = serve_recorded(server, etag=False)
    config = make_config({"env": [env_url], "fr": [fr_url]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    done = subprocess.run([sys.executable, "-c", DRIVER, str(config.path)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONWARNINGS": "error"})
    second = json.loads(done.stdout)
    assert second == {"ok": True, "written": [], "parsed": [env_url, fr_url],
                      "outcomes": ["unchanged"],
                      "loaded": [], "source": True}


def test_the_files_inputs_digests_are_those_of_the_inputs_repr(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    # pipeline._inputs_digest writes the inputs' repr piece by piece, once for a feed's
    # three files and the index page: the digests must stay those the state database holds
    # (else every file is rendered again after an upgrade), sha256 of the whole repr
    env_url, fr_url = serve_recorded(server)
    config = make_config({"env": [env_url], "fr": [fr_url], "both": [env_url, fr_url]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    out = config.site.output_dir
    with Store(config.site.state_file) as store:
        listing = []
        for feed in config.feeds:
            keys = store.feed_keys(feed.name, feed.max_entries)
            assert keys
            state = store.feed_state(feed.name)
            since = state[1] if state else None
            listing.append((feed, keys, ""))
            for fmt in FORMATS:
                record = store.feed_file(str(out / f"{feed.name}.{fmt}"))
                assert record is not None
                assert record[0] == _digest(config, fmt, (feed, keys, since))
        refused = store.articles(not_published=True, limit=INDEX_REFUSED)
        record = store.feed_file(str(out / INDEX_FILE))
        assert record is not None
        assert record[0] == _digest(config, INDEX_FILE, (listing, refused))


def _digest(config: Config, what: str, inputs: object) -> str:
    parts = [__version__, RENDER_VERSION, what, config.site, inputs]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
