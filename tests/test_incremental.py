"""A run that finds nothing new: one request per source (robots.txt only when its copy is a
day old), no article parsed or checked, no feed rendered, no file rewritten."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime, timedelta

import pytest

import syndication.step  # noqa: F401  (loaded before the spies replace what it imports)
from syndication import update
from syndication.pipeline import run

from .harness import ENV_PATH, FR_PATH, Site, all_feed_ids, feed_with, snapshot


@pytest.fixture
def site(server, tmp_path) -> Site:
    return Site(server, tmp_path)


MODULE_OF = {"parse_feed": "syndication.source", "republish": "syndication.republish",
             "render": "syndication.publish", "render_index": "syndication.index"}


@pytest.fixture
def spies(monkeypatch) -> dict[str, int]:
    """Count calls to the real parse, republish and render functions (still called)."""
    counts = {"parse_feed": 0, "republish": 0, "render": 0, "render_index": 0}

    def spy(name: str):
        # The pipeline imports some stages where it uses them (republish, for a run that
        # checks nothing): the function is replaced where it is defined, and in every
        # module of ours that imported it already (the pipeline, the article step).
        module = importlib.import_module(MODULE_OF[name])
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)

        for other in [m for n, m in sys.modules.items() if n.startswith("syndication")]:
            if getattr(other, name, None) is real:
                monkeypatch.setattr(other, name, wrapper)

    for name in counts:
        spy(name)
    return counts


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 10, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_nothing_new_costs_one_request_per_source_and_touches_no_file(site, spies):
    config = site.config()
    clock = Clock()
    first = run(config, clock=clock, sleep=lambda s: None)
    assert first.ok and len(first.feeds_written) == 12  # 3 feeds x 3 formats, 2 images, index
    assert spies == {"parse_feed": 2, "republish": 2, "render": 9, "render_index": 1}
    before = snapshot(site.out)
    site.server.requests.clear()
    for counter in spies:
        spies[counter] = 0

    clock.now += timedelta(minutes=30)
    again = run(config, clock=clock, sleep=lambda s: None)

    assert again.ok
    # exactly one conditional request per source; robots.txt came from the database
    assert sorted(r.path for r in site.server.requests) == sorted([ENV_PATH, FR_PATH])
    assert all("if-none-match" in r.headers for r in site.server.requests)
    assert all(s.not_modified for s in again.sources)
    assert again.articles == () and again.feeds_written == ()
    assert spies == {"parse_feed": 0, "republish": 0, "render": 0, "render_index": 0}
    assert snapshot(site.out) == before  # same bytes, same mtimes

    # a day later: robots.txt once more, and still nothing else
    site.server.requests.clear()
    clock.now += timedelta(days=1)
    assert run(config, clock=clock, sleep=lambda s: None).ok
    assert sorted(r.path for r in site.server.requests) == sorted(
        ["/robots.txt", ENV_PATH, FR_PATH])
    assert snapshot(site.out) == before


def test_server_without_validators_costs_a_parse_but_no_article_work(site, spies):
    """A feed served again in full (no ETag, no 304): parsed, but every article's content
    hash is unchanged, so nothing is republished, checked, rendered or written."""
    for path in (ENV_PATH, FR_PATH):
        site.server.routes[path].etag = False
    config = site.config()
    assert run(config, sleep=lambda s: None).ok
    before = snapshot(site.out)
    for counter in spies:
        spies[counter] = 0
    report = run(config, sleep=lambda s: None)
    assert report.ok and not any(s.not_modified for s in report.sources)
    assert {a.outcome for a in report.articles} == {"unchanged"}
    assert spies == {"parse_feed": 2, "republish": 0, "render": 0, "render_index": 0}
    assert snapshot(site.out) == before


def test_only_the_feeds_a_new_article_reaches_are_rendered(site, spies):
    config = site.config()
    assert run(config, sleep=lambda s: None).ok
    before = snapshot(site.out)
    for counter in spies:
        spies[counter] = 0
    site.normal()  # the FR source now carries its second article
    report = run(config, sleep=lambda s: None)
    assert report.ok
    assert spies["republish"] == 1  # 209538 only: 212649 is unchanged
    assert spies["render"] == 6  # fr and both, in 3 formats; env is not even rendered
    assert spies["render_index"] == 1
    after = snapshot(site.out)
    assert {k for k in after if after[k] != before[k]} == {
        "fr.atom", "fr.rss", "fr.json", "both.atom", "both.rss", "both.json", "index.html"}
    assert all_feed_ids(site.out)["both.atom"] == {263253, 212649, 209538}


def test_a_feed_file_changed_or_removed_by_hand_is_written_again(site):
    config = site.config()
    assert run(config, sleep=lambda s: None).ok
    (site.out / "env.atom").unlink()
    damaged = site.out / "fr.rss"  # cut short (a copy interrupted): still ours by its mark
    damaged.write_bytes(damaged.read_bytes()[:len(damaged.read_bytes()) // 2])
    report = run(config, sleep=lambda s: None)
    assert sorted(report.feeds_written) == sorted(
        [str(site.out / "env.atom"), str(site.out / "fr.rss")])
    assert all_feed_ids(site.out)["env.atom"] == {263253}
    # bytes with nothing of ours are a user's own file (tests/test_output_folder.py): left
    damaged.write_bytes(b"damaged")
    report = run(config, sleep=lambda s: None)
    assert report.feeds_failed and damaged.read_bytes() == b"damaged"


def test_temporary_files_left_by_a_killed_write_are_removed(site):
    config = site.config()
    assert run(config, sleep=lambda s: None).ok
    # what a run killed between mkstemp and rename leaves (output.write_if_changed)
    leftover = site.out / ".env.atom.syndication-k3x9q2ab.tmp"
    leftover.write_bytes(b"<?xml version='1.0'?><feed")
    unrelated = [site.out / ".keep-me.tmp", site.out / ".env.atom.k3x9q.tmp"]  # a user's own
    for path in unrelated:
        path.write_bytes(b"")
    assert run(config, sleep=lambda s: None).ok
    assert not leftover.exists() and all(path.exists() for path in unrelated)


def test_an_entry_left_out_by_the_source_stays_in_our_feed(site):
    """The Conversation's feeds show only their newest entries: one that scrolls out of
    the source keeps its place in ours."""
    site.normal()
    config = site.config()
    assert run(config, sleep=lambda s: None).ok
    from .harness import FR_BOTH

    site.normal(fr=feed_with(FR_BOTH, lambda i: i == 1))  # 212649 scrolled out
    assert run(config, sleep=lambda s: None).ok
    assert all_feed_ids(site.out)["fr.atom"] == {212649, 209538}


def test_the_content_hash_changes_with_everything_republish_and_check_read(env_article):
    """What makes an article "changed": each field republish or check reads, the content to
    its last character; not where the copy was read from."""
    import dataclasses

    from syndication.models import Author

    base = update.content_hash(env_article)
    assert update.content_hash(dataclasses.replace(env_article)) == base
    assert update.content_hash(dataclasses.replace(
        env_article, source_url="https://elsewhere.example/feed.atom")) == base
    later = env_article.updated + timedelta(minutes=1)
    changed = {
        "url": env_article.url + "x", "title": env_article.title + ".",
        "summary": None, "published": env_article.published - timedelta(days=1),
        "updated": later, "rights": None, "language": "en-GB",
        "categories": (*env_article.categories, "More"),
        "authors": (*env_article.authors, Author("A. N. Other", None, None, None)),
        "content": env_article.content[:-1],
    }
    digests = {update.content_hash(dataclasses.replace(env_article, **{field: value}))
               for field, value in changed.items()}
    assert base not in digests and len(digests) == len(changed)
    # a field's text moved into the next one is a change too (the parts stay apart)
    moved = dataclasses.replace(env_article, title=env_article.title[:-1],
                                summary=env_article.title[-1] + (env_article.summary or ""))
    assert update.content_hash(moved) != base
