"""Whether a feed file must be rendered again is told by its entries' keys (id, content hash,
updated), read without their HTML: the keys must name exactly the entries the feed is
rendered from, and a change to one feed's configuration renders that feed (and the index
page) only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from syndication.models import Selection
from syndication.pipeline import run
from syndication.store import Store

from .conftest import ConfigFactory
from .feedruns import Clock, serve_recorded
from .server import LoopbackServer


def names(paths: tuple[str, ...]) -> set[str]:
    return {Path(p).name for p in paths}


def test_feed_keys_name_the_entries_feed_entries_gives(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    env_url, fr_url = serve_recorded(server)
    config = make_config({"both": [env_url, fr_url]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    chosen = dataclasses.replace(config, feeds=(*config.feeds, dataclasses.replace(
        config.feeds[0], name="chosen", selection=Selection(articles=(263253, 209538)))))
    assert run(chosen, clock=Clock(), sleep=lambda s: None).ok
    with Store(config.site.state_file) as store:
        for name, count in (("both", 3), ("chosen", 2)):
            for limit in (1, 2, 50):
                entries = store.feed_entries(name, limit)
                keys = store.feed_keys(name, limit)
                assert [k[0] for k in keys] == [e.article_id for e in entries]
                assert [k[2] for k in keys] == [
                    e.updated.strftime("%Y-%m-%dT%H:%M:%SZ") for e in entries]
                assert all(len(k[1]) == 64 for k in keys)  # a sha256 content hash
                assert [e.html for e in store.feed_entries(
                    name, limit, html=False)] == [""] * len(entries)
            assert len(store.feed_keys(name, 50)) == count


def test_a_changed_feed_renders_its_files_and_the_index_only(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    env_url, fr_url = serve_recorded(server)
    config = make_config({"env": [env_url], "fr": [fr_url], "both": [env_url, fr_url]})
    clock = Clock()
    assert run(config, clock=clock, sleep=lambda s: None).ok
    renamed = dataclasses.replace(config, feeds=tuple(
        dataclasses.replace(f, title="Renamed") if f.name == "fr" else f for f in config.feeds
    ))
    second = run(renamed, clock=clock, sleep=lambda s: None)
    assert second.ok
    assert names(second.feeds_written) == {"fr.atom", "fr.rss", "fr.json", "index.html"}
    assert names(second.feeds_unchanged) == {
        "env.atom", "env.rss", "env.json", "both.atom", "both.rss", "both.json",
        "icon.png", "logo.png"}
