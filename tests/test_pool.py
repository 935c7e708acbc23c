"""The article step in worker processes (pipeline._Steps, pool.py): a run with workers
publishes the same bytes, outcomes and stored rows as a run in one process; a worker killed
in the middle costs only its article; small runs start no worker; a killed run leaves no
worker behind and no lock held."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import pickletools
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import syndication.pipeline as pipeline
import syndication.pool
from syndication.config import Config, load_config
from syndication.models import Article, Author, Finding, Outcome
from syndication.pipeline import run

from .conftest import ENV_FEED, FR_FEED, ConfigFactory
from .crashing_step import CRASH_ID, HANG_ID, TARGET
from .feedruns import Clock, copies
from .pool_target import REFUSED
from .pool_target import TARGET as SQUARE
from .server import LoopbackServer

EXTRACT_FEED = """
[[feed]]
name = "extracts"
title = "Extracts"
sources = ["{url}"]
max_entries = 50
mode = "extract"
paragraphs = 2
"""


def _site(server: LoopbackServer, make_config: ConfigFactory, first: int = 2_000_000,
          n: int = 30) -> Config:
    """Two sources of ``n`` articles each (English and French copies of the recorded ones),
    a full feed of each, and an extract-mode feed of the French one."""
    en = server.serve("/us/environment/articles.atom", copies(ENV_FEED, n, first))
    fr = server.serve("/fr/sciences/articles.atom", copies(FR_FEED, n, first + n))
    return make_config({"en": [en], "fr": [fr]}, extra=EXTRACT_FEED.format(url=fr))


def _elsewhere(config: Config, folder: Path) -> Config:
    """The same config file in another folder: its own state and output."""
    folder.mkdir()
    shutil.copy(config.path, folder / "config.toml")
    return load_config(folder / "config.toml")


def _published(config: Config) -> dict[str, bytes]:
    out = config.site.output_dir
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _rows(config: Config) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the state database, in a stable order; but feed_files,
    output_files and runs, which name the output folder's paths."""
    with sqlite3.connect(config.site.state_file) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = "
                                           "'table' ORDER BY name")
                  if t not in ("feed_files", "output_files", "runs")]
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(),  # noqa: S608 -- names from sqlite_master
                          key=repr)
                for t in tables}


def _owned(config: Config) -> dict[str, str]:
    """What the state recorded of each file the run wrote in the output folder: its name
    and SHA-256."""
    with sqlite3.connect(config.site.state_file) as db:
        return {Path(p).name: h for p, h in db.execute("SELECT path, sha256 FROM output_files")}


@pytest.fixture
def submitted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The keys handed to worker processes during the test."""
    keys: list[object] = []
    real = syndication.pool.Pool.submit

    def spy(self: syndication.pool.Pool[Any], key: object, *args: Any) -> None:
        keys.append(key)
        real(self, key, *args)

    monkeypatch.setattr(syndication.pool.Pool, "submit", spy)
    return keys


@pytest.fixture(autouse=True)
def threshold(monkeypatch: pytest.MonkeyPatch) -> int:
    """A lower threshold than a real run's: the runs here have 20 to 60 articles, enough to
    start workers with it."""
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 24)
    return 24


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The keys of the feed files handed to worker processes to render."""
    keys: list[object] = []
    real = syndication.pool.Pool.calls

    def spy(self: syndication.pool.Pool[Any], target: str,
            calls: list[tuple[object, tuple[Any, ...]]]) -> None:
        if target == pipeline.RENDER:
            keys.extend(key for key, _args in calls)
        real(self, target, calls)

    monkeypatch.setattr(syndication.pool.Pool, "calls", spy)
    return keys


def test_workers_publish_what_one_process_publishes(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path, submitted: list[object],
    rendered: list[object],
) -> None:
    config = _site(server, make_config)
    serial = run(config, clock=Clock(), sleep=lambda s: None, jobs=1)
    assert submitted == [] and rendered == []
    pooled_config = _elsewhere(config, tmp_path / "pooled")
    pooled = run(pooled_config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert len(submitted) == 60  # every article went to a worker
    # …and every feed file too: three feeds (en, fr, extracts) in three formats
    assert sorted(rendered) == sorted(("render", f, fmt) for f in ("en", "fr", "extracts")
                                      for fmt in pipeline.FEED_FORMATS)
    assert serial.ok and pooled.ok
    assert sorted(Path(f).name for f in pooled.feeds_written) == \
        sorted(Path(f).name for f in serial.feeds_written)
    assert serial.outcome_counts() == {Outcome.PUBLISHED: 60}
    assert [(a.article_id, a.outcome, a.reason) for a in pooled.articles] == \
        [(a.article_id, a.outcome, a.reason) for a in serial.articles]
    assert _published(pooled_config) == _published(config)
    assert _rows(pooled_config) == _rows(config)
    assert len(_published(config)["extracts.json"]) > 0
    # the SHA-256 of each file, made by the worker that rendered it, is that of its bytes
    assert _owned(pooled_config) == _owned(config) == {
        name: hashlib.sha256(data).hexdigest() for name, data in _published(config).items()}


def test_an_article_two_sources_carry_is_processed_once_as_in_one_process(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path, submitted: list[object]
) -> None:
    # With workers, the second source is read (and its articles handed to them) before the
    # first one's are stored: the plan made then for an article both carry is stale by the
    # time it is taken, and must be made again, as one process makes it.
    shared = copies(FR_FEED, 30, 4_000_000)
    first = server.serve("/fr/sciences/articles.atom", shared)
    second = server.serve("/fr/environnement/articles.atom", shared)
    config = make_config({"sciences": [first], "environnement": [second]},
                         extra=EXTRACT_FEED.format(url=second))
    serial = run(config, clock=Clock(), sleep=lambda s: None, jobs=1)
    pooled_config = _elsewhere(config, tmp_path / "pooled")
    pooled = run(pooled_config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert serial.ok and pooled.ok
    assert len(submitted) > 30  # the second source's stale plans went to the workers too
    assert [(a.article_id, a.outcome, a.reason) for a in pooled.articles] == \
        [(a.article_id, a.outcome, a.reason) for a in serial.articles]
    assert len(pooled.articles) == 30
    assert _published(pooled_config) == _published(config)
    assert _rows(pooled_config) == _rows(config)


def test_a_feed_written_early_is_written_again_when_a_later_source_changes_it(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With workers, a feed is written as soon as its last source is stored, while the next
    # sources are read. A later source carrying a newer version of one of its articles (its
    # entry updated since) changes it again: the files end as one process leaves them.
    early: list[str] = []
    real = pipeline._Publisher.write

    def spy(self: pipeline._Publisher, path: Path, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("early"):
            early.append(path.name)
        real(self, path, *args, **kwargs)

    monkeypatch.setattr(pipeline._Publisher, "write", spy)
    first = copies(FR_FEED, 30, 6_000_000)
    entry = first.index(b"  <entry>")
    newer = first[:entry] + re.sub(rb"<updated>[^<]*<", b"<updated>2025-10-01T08:05:00Z<",
                                   first[entry:], count=1)
    assert newer != first
    a = server.serve("/fr/sciences/articles.atom", first)
    b = server.serve("/fr/environnement/articles.atom", newer)
    config = make_config({"sciences": [a], "environnement": [b]})
    serial = run(config, clock=Clock(), sleep=lambda s: None, jobs=1)
    assert early == []
    pooled_config = _elsewhere(config, tmp_path / "pooled")
    pooled = run(pooled_config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert sorted(early) == ["sciences.atom", "sciences.json", "sciences.rss"]
    assert serial.ok and pooled.ok
    assert [(a.article_id, a.outcome, a.reason) for a in pooled.articles] == \
        [(a.article_id, a.outcome, a.reason) for a in serial.articles]
    assert b"2025-10-01T08:05:00" in _published(config)["sciences.atom"]
    assert _published(pooled_config) == _published(config)
    assert _rows(pooled_config) == _rows(config)
    assert sorted(Path(f).name for f in pooled.feeds_written) == \
        sorted(Path(f).name for f in serial.feeds_written)
    assert pooled.feeds_unchanged == serial.feeds_unchanged == ()


def test_extracts_of_stored_articles_are_built_by_workers_as_in_one_process(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path, submitted: list[object]
) -> None:
    # A feed switched to extract mode while its source answers 304: the extracts of the
    # articles already stored are built all at once, by workers when there are enough.
    fr = server.serve("/fr/sciences/articles.atom", copies(FR_FEED, 30, 5_000_000))
    serial = make_config({"fr": [fr]})
    pooled = _elsewhere(serial, tmp_path / "pooled")
    for config in (serial, pooled):
        run(config, clock=Clock(), sleep=lambda s: None, jobs=1)
    assert submitted == []
    serial = make_config({"fr": [fr]}, extra=EXTRACT_FEED.format(url=fr))
    shutil.copy(serial.path, pooled.path)
    pooled = load_config(pooled.path)
    run(serial, clock=Clock(), sleep=lambda s: None, jobs=1)
    run(pooled, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert len(submitted) == 30
    assert len(json.loads(_published(pooled)["extracts.json"])["items"]) == 30
    assert _published(pooled) == _published(serial)
    assert _rows(pooled) == _rows(serial)


def test_a_killed_worker_is_its_articles_error_and_the_run_goes_on(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, submitted: list[object]
) -> None:
    monkeypatch.setattr(pipeline, "STEP", TARGET)
    config = _site(server, make_config, first=3_000_000, n=20)
    report = run(config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert len(submitted) == 40
    by_id = {a.article_id: a for a in report.articles}
    crashed = by_id.pop(CRASH_ID)
    assert crashed.outcome is Outcome.ERROR
    assert "worker process" in crashed.reason and "died" in crashed.reason
    # the calls in flight with it were run again: each of the others is published
    assert {a.outcome for a in by_id.values()} == {Outcome.PUBLISHED}
    assert not report.ok  # the error is reported, as any article's error
    # …and what was published is what one process publishes without that article
    serial = _elsewhere(config, tmp_path / "serial")
    monkeypatch.setattr(pipeline, "STEP", "syndication.step:process")
    run(serial, clock=Clock(), sleep=lambda s: None, jobs=1)
    ours = json.loads(_published(config)["en.json"])["items"]
    theirs = json.loads(_published(serial)["en.json"])["items"]
    assert [i for i in theirs if not i["id"].endswith(f"/{CRASH_ID}")] == ours


def test_calls_go_to_the_workers_in_batches_each_with_its_own_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed: list[int] = []  # the calls in each message to a worker
    real = ProcessPoolExecutor.submit

    def spy(self: ProcessPoolExecutor, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        handed.append(len(args[0]) if fn is syndication.pool._call_batch else 1)
        return real(self, fn, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", spy)
    answers: list[object] = []
    with syndication.pool.Pool[int](SQUARE, 2) as pool:
        for n in range(20):
            pool.submit(n, n)
        pool.flush()
        for n in range(20):
            try:
                answers.append(pool.take(n, n))
            except ValueError as e:  # raised by that call alone, in its worker
                answers.append(str(e))
    assert answers == [f"{n} refused" if n == REFUSED else n * n for n in range(20)]
    assert handed == [5, 5, 5, 5]  # two batches per worker


def test_a_run_with_a_few_new_articles_starts_no_worker(
    server: LoopbackServer, make_config: ConfigFactory, submitted: list[object], threshold: int
) -> None:
    few = threshold // 2 - 1  # two sources of them: fewer than the threshold in all
    config = _site(server, make_config, n=few)
    report = run(config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert report.outcome_counts() == {Outcome.PUBLISHED: 2 * few}
    assert submitted == []


def test_workers_start_for_the_run_expected_not_for_one_source(
    server: LoopbackServer, make_config: ConfigFactory, tmp_path: Path, submitted: list[object],
    threshold: int,
) -> None:
    # One source bringing almost the threshold: no worker. Two sources bringing half of it
    # each: the first one already says the run is big enough, and goes to the workers.
    one = server.serve("/fr/sciences/articles.atom", copies(FR_FEED, threshold - 1, 6_000_000))
    run(make_config({"fr": [one]}), clock=Clock(), sleep=lambda s: None, jobs=2)
    assert submitted == []
    half = threshold // 2
    first = server.serve("/us/environment/articles.atom", copies(ENV_FEED, half, 6_100_000))
    second = server.serve("/fr/environnement/articles.atom", copies(FR_FEED, half, 6_200_000))
    config = _elsewhere(make_config({"en": [first], "fr": [second]}), tmp_path / "two")
    report = run(config, clock=Clock(), sleep=lambda s: None, jobs=2)
    assert report.outcome_counts() == {Outcome.PUBLISHED: 2 * half}
    assert len(submitted) == 2 * half


# Runs the pipeline with the hanging step, in a process the test then kills.
DRIVER = """
import sys
import syndication.pipeline as pipeline
from syndication.config import load_config
pipeline.STEP = "tests.crashing_step:process"
pipeline.POOL_THRESHOLD = 24  # as the threshold fixture sets it
pipeline.run(load_config(sys.argv[1]), jobs=2)
"""


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_killed_run_leaves_no_worker_and_no_lock(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    config = _site(server, make_config, first=3_500_000, n=20)
    root = Path(__file__).parents[1]
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(config.path)], cwd=root,
                              env={**os.environ, "PYTHONPATH": str(root)})
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 3:  # fork server + 2 workers
            time.sleep(0.1)
            workers = _descendants(driver.pid)
        assert len(workers) >= 3, "the workers never started"
        time.sleep(0.5)  # one of them is now asleep in article HANG_ID's step
        driver.send_signal(signal.SIGKILL)
        driver.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers), "workers outlived the killed run"
    finally:
        if driver.poll() is None:
            driver.kill()
    # the lock died with the run: the next one starts (and processes every article)
    report = run(config, clock=Clock(), sleep=lambda s: None, jobs=1)
    assert len(report.articles) == 40 and HANG_ID in {a.article_id for a in report.articles}


def test_records_cross_to_the_workers_by_their_fields_and_come_back_equal(
    env_article: Article,
) -> None:
    from multiprocessing.reduction import ForkingPickler

    finding = Finding("licence", True, "the source declares it")
    with syndication.pool.Pool[object](SQUARE, 2, by_fields=(Article, Author, Finding)):
        for record in (env_article, finding, (finding, env_article.authors)):
            data = bytes(ForkingPickler.dumps(record))
            # a call of the class with the fields, not an empty object given its state after
            assert "BUILD" not in {op.name for op, _arg, _pos in pickletools.genops(data)}
            assert pickle.loads(data) == record  # noqa: S301 -- bytes pickled just above

    @dataclasses.dataclass(frozen=True, slots=True)
    class Counted:
        n: int
        seen: int = dataclasses.field(init=False, default=0)

    with pytest.raises(TypeError, match="constructor"):
        syndication.pool.Pool[object](SQUARE, 2, by_fields=(Counted,))


def test_an_article_crosses_with_its_content_as_the_utf8_made_for_its_hashes(
    env_article: Article,
) -> None:
    from multiprocessing.reduction import ForkingPickler

    for article in (env_article, dataclasses.replace(env_article, content="é \u2019 \U0001f600")):
        data = bytes(ForkingPickler.dumps(
            syndication.pool.WithUtf8(article, "content", article.content.encode())))
        back = pickle.loads(data)  # noqa: S301 -- bytes pickled just above
        assert type(back) is Article and back == article
        # the content went as the bytes given (pickle's bytes), not a text pickle encodes
        sent = {arg for op, arg, _pos in pickletools.genops(data) if "BYTES" in op.name}
        assert article.content.encode() in sent
