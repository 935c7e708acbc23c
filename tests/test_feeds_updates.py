"""Runs over time, through the loopback server: a run with nothing new rewrites no file; a
correction upstream updates its entry in place (same id, new updated, no duplicate); an
article that stops passing the checker is withdrawn and the log says why; a folder that
cannot be written keeps the files it had (atomic writes)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from syndication.conversation import TC_RIGHTS
from syndication.errors import PublishError
from syndication.models import Outcome
from syndication.output import write_if_changed
from syndication.pipeline import run
from syndication.publish import entry_id

from .conftest import ENV_FEED, ENV_ID, FR_FEED, ConfigFactory
from .feedruns import ENV_PATH, FR_PATH, Clock, serve_recorded, snapshot
from .server import LoopbackServer

FORMATS = ("atom", "rss", "json")
LONG_AGO = 946_684_800  # 2000-01-01T00:00:00Z: any rewrite would give a file a newer mtime


def _age(folder: Path) -> None:
    """Date every file in ``folder`` far in the past: a rewritten file cannot keep that
    mtime, whatever the clock's resolution."""
    for p in folder.iterdir():
        os.utime(p, (LONG_AGO, LONG_AGO))


def _entries(out: Path, name: str) -> dict[str, list[dict[str, str]]]:
    """Each format's entries as (id, updated, content) dicts, read back by feedparser/json."""
    found: dict[str, list[dict[str, str]]] = {}
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse((out / f"{name}.{fmt}").read_bytes())
        assert not parsed.bozo
        # RSS items have no updated date (pubDate only): feedparser would fall back to it
        found[fmt] = [{"id": e.id, "updated": e.updated if fmt == "atom" else "",
                       "content": e.content[0].value} for e in parsed.entries]
    doc = json.loads((out / f"{name}.json").read_bytes())
    found["json"] = [{"id": i["id"], "updated": i["date_modified"],
                      "content": i["content_html"]} for i in doc["items"]]
    return found


@pytest.fixture
def pipeline_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog, attached to the pipeline's logger itself (the CLI may have stopped
    propagation to the root logger in an earlier in-process test)."""
    logger = logging.getLogger("syndication.pipeline")
    logger.addHandler(caplog.handler)
    caplog.handler.setLevel(logging.DEBUG)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # else the root logger's caplog handler sees each record again
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)
        logger.setLevel(logging.NOTSET)
        logger.propagate = True


@pytest.mark.parametrize("etag", [True, False], ids=["304", "same-bytes"])
def test_a_run_with_nothing_new_rewrites_no_file(
    server: LoopbackServer, make_config: ConfigFactory, etag: bool
) -> None:
    env_url, fr_url = serve_recorded(server, etag=etag)
    config = make_config({"env": [env_url], "fr": [fr_url], "both": [env_url, fr_url]})
    clock = Clock()
    first = run(config, clock=clock)
    assert first.ok
    out = config.site.output_dir
    written = {Path(p).name for p in first.feeds_written}
    assert written == {f"{n}.{f}" for n in ("env", "fr", "both") for f in FORMATS} | {
        "icon.png", "logo.png", "index.html"}
    _age(out)
    before = snapshot(out)

    clock.advance(hours=1)
    second = run(config, clock=clock)
    assert second.ok
    assert second.feeds_written == ()
    assert {Path(p).name for p in second.feeds_unchanged} == written
    if etag:  # the sources answered 304: nothing parsed
        assert all(s.not_modified for s in second.sources)
    else:  # parsed again, every article found unchanged
        assert {a.outcome for a in second.articles} == {Outcome.UNCHANGED}
    assert snapshot(out) == before  # same bytes and same modification times
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no temp file left


def _corrected(feed: bytes, *, new_updated: str | None) -> bytes:
    """The recorded feed as The Conversation would serve it after correcting article
    263253: one word changed (a correction is theirs to make), optionally a new <updated>."""
    old_word = b"voracious kelp eaters"
    assert feed.count(old_word) == 1
    feed = feed.replace(old_word, b"voracious kelp grazers")
    if new_updated:
        old = b"<updated>2025-09-26T12:30:52Z</updated>"
        assert old in feed
        feed = feed.replace(old, f"<updated>{new_updated}</updated>".encode())
    return feed


@pytest.mark.parametrize("dated", [True, False], ids=["new-updated", "same-updated"])
def test_a_correction_upstream_updates_the_entry_in_place(
    server: LoopbackServer, make_config: ConfigFactory, dated: bool,
    pipeline_log: pytest.LogCaptureFixture,
) -> None:
    url = server.serve(ENV_PATH, ENV_FEED)
    config = make_config({"env": [url]})
    clock = Clock()
    assert run(config, clock=clock).ok
    out = config.site.output_dir
    before = _entries(out, "env")
    assert [e["id"] for e in before["atom"]] == [entry_id(ENV_ID)]

    server.serve(ENV_PATH, _corrected(ENV_FEED.read_bytes(),
                                      new_updated="2025-09-27T09:15:00Z" if dated else None))
    noticed = clock.advance(hours=2)
    report = run(config, clock=clock)
    assert report.ok
    assert [(a.article_id, a.outcome) for a in report.articles] == [
        (ENV_ID, Outcome.PUBLISHED)]

    after = _entries(out, "env")
    # Atom and JSON carry the entry's updated; the source's when it gave one, else when this
    # run noticed the change (a correction is never hidden behind an old date).
    new_updated = (datetime(2025, 9, 27, 9, 15, tzinfo=UTC) if dated else noticed).isoformat()
    for fmt in FORMATS:
        assert [e["id"] for e in after[fmt]] == [entry_id(ENV_ID)], fmt  # one entry, same id
        (entry,) = after[fmt]
        assert "voracious kelp grazers" in entry["content"]
        assert "voracious kelp eaters" not in entry["content"]
    assert after["atom"][0]["updated"] == new_updated
    assert after["json"][0]["updated"] == new_updated
    assert before["atom"][0]["updated"] == "2025-09-26T12:30:52+00:00"
    assert f"article {ENV_ID} updated in place" in pipeline_log.text

    # The feed's own updated follows its newest entry.
    feed = feedparser.parse((out / "env.atom").read_bytes()).feed
    assert feed.updated == new_updated

    # A later run with nothing new keeps that date and rewrites nothing.
    _age(out)
    snap = snapshot(out)
    clock.advance(hours=1)
    assert run(config, clock=clock).feeds_written == ()
    assert snapshot(out) == snap


def test_an_article_that_stops_passing_is_withdrawn(
    server: LoopbackServer, make_config: ConfigFactory,
    pipeline_log: pytest.LogCaptureFixture,
) -> None:
    url = server.serve(FR_PATH, FR_FEED)
    config = make_config({"fr": [url]})
    clock = Clock()
    assert run(config, clock=clock).ok
    out = config.site.output_dir
    ids = {fmt: [e["id"] for e in entries] for fmt, entries in _entries(out, "fr").items()}
    assert ids == {fmt: [entry_id(212649), entry_id(209538)] for fmt in FORMATS}

    # Upstream, the first entry (212649) now declares a licence that allows no republication
    # under our terms: CC BY-ND is gone from its <rights>.
    feed = FR_FEED.read_bytes()
    rights = TC_RIGHTS.encode()
    assert feed.count(rights) == 2
    server.serve(FR_PATH, feed.replace(rights, b"All rights reserved.", 1))
    clock.advance(hours=1)
    report = run(config, clock=clock)

    assert not report.ok  # cron hears of it (exit status 1)
    by_id = {a.article_id: a for a in report.articles}
    assert by_id[212649].outcome is Outcome.REFUSED
    assert by_id[212649].withdrawn
    assert by_id[212649].failed_rules == ("licence",)
    assert by_id[209538].outcome is Outcome.UNCHANGED
    withdrawn = [r for r in pipeline_log.records if "withdrawn" in r.getMessage()]
    assert len(withdrawn) == 1
    assert withdrawn[0].levelno == logging.WARNING
    assert "212649" in withdrawn[0].getMessage()
    assert "licence: " in withdrawn[0].getMessage()

    for fmt, entries in _entries(out, "fr").items():
        assert [e["id"] for e in entries] == [entry_id(209538)], fmt
    index = (out / "index.html").read_text(encoding="utf-8")
    refused = index[index.index('id="refused"'):]
    assert "Comment les machines succombent" in refused
    assert "<code>licence</code>" in refused


# --- atomic writes ----------------------------------------------------------------------


@contextlib.contextmanager
def files_capped_at(size: int) -> Iterator[None]:
    """A real write error from the kernel past ``size`` bytes (EFBIG: RLIMIT_FSIZE, which
    binds root too), its signal ignored."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


def test_write_if_changed_leaves_an_identical_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    assert write_if_changed(path, b"one") is True
    os.utime(path, (LONG_AGO, LONG_AGO))
    inode = path.stat().st_ino
    assert write_if_changed(path, b"one") is False
    assert path.stat().st_mtime == LONG_AGO
    assert path.stat().st_ino == inode
    assert write_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert path.stat().st_ino != inode  # a new file renamed over the old one
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """A real write error from the kernel (EFBIG: the file size limit, which binds root too)
    while the new file is half written: the old file stays whole, no temporary is left."""
    path = tmp_path / "feed.atom"
    write_if_changed(path, b"old feed\n" * 10)
    old = path.read_bytes()
    with files_capped_at(4096), pytest.raises(PublishError) as e:
        write_if_changed(path, b"new feed\n" * 10_000)
    assert str(path) in str(e.value) and "previous file is unchanged" in str(e.value)
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["feed.atom"]


def test_a_failed_first_write_claims_no_previous_file(tmp_path: Path) -> None:
    """A file that was never there is not said to be "unchanged": the error says none was."""
    path = tmp_path / "new.atom"
    with files_capped_at(4096), pytest.raises(PublishError) as e:
        write_if_changed(path, b"new feed\n" * 10_000)
    assert str(e.value).endswith("; no file was there before")
    assert "previous" not in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_output_folder_keeps_the_old_files(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    """`syndication run` (the entry point) cannot write into the output folder: it says
    which file, exits 1, and every file there is as it was. Root ignores permissions, so as
    root the run is made without CAP_DAC_OVERRIDE (setpriv), which makes the folder really
    read-only for it."""
    url = server.serve(ENV_PATH, ENV_FEED)
    config = make_config({"env": [url]})
    assert run(config, clock=Clock()).ok
    out = config.site.output_dir
    server.serve(ENV_PATH, _corrected(ENV_FEED.read_bytes(), new_updated="2025-09-27T09:15:00Z"))
    _age(out)
    before = snapshot(out)

    cmd = [sys.executable, "-m", "syndication", "run", "--config", str(config.path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and setpriv (util-linux) is missing to drop "
                        "CAP_DAC_OVERRIDE: root can write into a read-only folder")
        cmd = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *cmd]
    out.chmod(0o555)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    finally:
        out.chmod(0o755)
    if proc.stderr.startswith("setpriv:"):
        pytest.skip(f"cannot drop CAP_DAC_OVERRIDE here: {proc.stderr.strip()}")
    assert proc.returncode == 1, proc.stderr
    assert f"{out / 'env.atom'}: cannot write" in proc.stderr
    assert "the previous file is unchanged" in proc.stderr
    assert snapshot(out) == before
