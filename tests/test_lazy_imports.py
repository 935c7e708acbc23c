"""A run where every source answers 304 renders nothing (test_incremental.py) and so must not
pay for loading the libraries that parse HTML and write feeds: checked in a fresh
interpreter, on a state database a first run made."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from syndication.pipeline import run

from .conftest import ConfigFactory
from .feedruns import Clock, serve_recorded
from .server import LoopbackServer

HEAVY = ("feedgen", "lxml", "nh3", "defusedxml", "bs4", "tqdm",
         # and the modules of ours that only parsing and republishing need. The checker's
         # package is loaded: every run asks it whether a source is a whole edition
         # (compliance.conversation, the one home of The Conversation's facts).
         "syndication.source", "syndication.republish")
# Runs the pipeline in a fresh interpreter and says which heavy libraries it loaded.
DRIVER = f"""
import json, sys
from syndication.config import load_config
from syndication.pipeline import run
report = run(load_config(sys.argv[1]))
print(json.dumps({{"ok": report.ok, "written": list(report.feeds_written),
                  "parsed": [s.url for s in report.sources if not s.not_modified],
                  "loaded": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""


def test_a_run_with_nothing_new_loads_no_html_or_feed_library(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    env_url, fr_url = serve_recorded(server)
    config = make_config({"env": [env_url], "fr": [fr_url], "both": [env_url, fr_url]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    done = subprocess.run([sys.executable, "-c", DRIVER, str(config.path)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONWARNINGS": "error"})
    second = json.loads(done.stdout)
    assert second == {"ok": True, "written": [], "parsed": [], "loaded": []}


def test_the_records_of_an_article_are_models_and_public_api_though_defined_on_use() -> None:
    import syndication
    import syndication.article
    import syndication.models

    for name in ("Article", "Author", "FeedEntry", "Finding", "RemovedImage", "Republication",
                 "SourceFeed", "Verdict"):
        assert getattr(syndication.models, name) is getattr(syndication.article, name)
    for name in ("Article", "Author", "Finding", "Verdict"):
        assert getattr(syndication, name) is getattr(syndication.article, name)
        assert name in syndication.__all__
    assert not hasattr(syndication.models, "Nothing")
    assert not hasattr(syndication, "Nothing")
