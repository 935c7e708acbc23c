"""The real command in its own process: killed with SIGKILL at several points it leaves the
last complete feeds and a consistent database, and the next run completes; a second run
while one is running exits 75 at once, touching nothing; a killed run's lock blocks no one."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from filelock import FileLock

from syndication.errors import LockedError
from syndication.pipeline import lock_path, run

from .harness import (
    ENV,
    ENV_ID,
    ENV_PATH,
    FR_BOTH,
    FR_IDS,
    FR_PATH,
    Site,
    all_feed_ids,
    assert_nothing_unverified,
    db_consistent,
    kill9,
    snapshot,
    start_cli,
    wait_for,
)
from .server import Reply

BASELINE = {"env": {ENV_ID}, "fr": {FR_IDS[0]}, "both": {ENV_ID, FR_IDS[0]}}
FINAL = {"env": {ENV_ID}, "fr": set(FR_IDS), "both": {ENV_ID, *FR_IDS}}


class Stall:
    """A path that holds its answer until released, and tells when a request arrived."""

    def __init__(self, data: bytes, content_type: str = "application/atom+xml") -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.data = data
        self.content_type = content_type

    def reply(self) -> Reply:
        def handler(h: BaseHTTPRequestHandler) -> None:
            self.arrived.set()
            self.release.wait(30)
            h.send_response(200)
            h.send_header("Content-Type", self.content_type)
            h.send_header("Content-Length", str(len(self.data)))
            h.end_headers()
            h.wfile.write(self.data)

        return Reply(handler=handler)


@pytest.fixture
def site(server, tmp_path) -> Iterator[Site]:
    s = Site(server, tmp_path, fetch={"timeout": 10})
    stalls: list[Stall] = []
    s.stalls = stalls  # type: ignore[attr-defined]
    procs: list[subprocess.Popen[str]] = []
    s.procs = procs  # type: ignore[attr-defined]
    yield s
    for stall in stalls:
        stall.release.set()
    for proc in procs:  # a failed test leaves no process behind
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def start(site: Site, config: Path, *args: str) -> subprocess.Popen[str]:
    """The real command in a process of its own, stopped at teardown if still running."""
    proc = start_cli(config, *args)
    site.procs.append(proc)  # type: ignore[attr-defined]
    return proc


def stall(site: Site, path: str, data: bytes, content_type: str = "application/atom+xml"
          ) -> Stall:
    st = Stall(data, content_type)
    site.stalls.append(st)  # type: ignore[attr-defined]
    site.fault(path, st.reply())
    return st


def baseline_run(site: Site) -> None:
    proc = start(site, site.config_path())
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, "", "")
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == BASELINE


def check_invariants(site: Site, before: dict[str, set[int]]) -> None:
    """After a kill: every file present is a complete valid feed that kept its entries,
    carries only verified republications; the database is consistent."""
    now = all_feed_ids(site.out)  # parses each file: valid and complete, or it fails
    for name, ids in before.items():
        for ext in ("atom", "rss"):
            assert ids <= now[f"{name}.{ext}"], (name, ext)
    if site.state.exists():
        db_consistent(site.state)
        assert_nothing_unverified(site.out, site.state)


def recover(site: Site) -> None:
    """The next normal run, as cron starts it: completes, silent, everything published."""
    site.normal()
    proc = start(site, site.config_path())
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, "", "")
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == FINAL
    assert not list(site.out.glob(".*.tmp"))
    db_consistent(site.state)
    assert_nothing_unverified(site.out, site.state)


# --- SIGKILL --------------------------------------------------------------------------------


def test_killed_during_the_very_first_robots_request(site):
    """Nothing published yet: no feed file may appear half-made; the next run does all."""
    robots = stall(site, "/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain")
    proc = start(site, site.config_path())
    assert robots.arrived.wait(30)
    assert kill9(proc)  # stalled: certainly still running
    assert not site.out.exists() or list(site.out.iterdir()) == []
    recover(site)


@pytest.mark.parametrize("path", [ENV_PATH, FR_PATH], ids=["first-source", "second-source"])
def test_killed_while_a_source_is_being_fetched(site, path):
    baseline_run(site)
    files = snapshot(site.out)
    site.normal()
    st = stall(site, path, ENV if path == ENV_PATH else FR_BOTH)
    proc = start(site, site.config_path())
    assert st.arrived.wait(30)
    assert kill9(proc)  # stalled: certainly still running
    assert snapshot(site.out) == files  # killed before publishing: the very same files
    check_invariants(site, BASELINE)
    recover(site)


def test_killed_between_two_feed_files(site):
    """Killed the moment the first feed file is replaced, before the others: each file is
    the old complete one or the new complete one, never a mix or a part."""
    baseline_run(site)
    site.normal()
    first = site.out / "fr.atom"
    old = first.stat().st_mtime_ns
    proc = start(site, site.config_path())
    wait_for(lambda: first.stat().st_mtime_ns != old or proc.poll() is not None, timeout=60)
    if proc.poll() is None:
        os.kill(proc.pid, 9)
    proc.communicate(timeout=10)
    check_invariants(site, BASELINE)
    ids = all_feed_ids(site.out)
    assert ids["fr.atom"] == set(FR_IDS)  # the new one, complete
    recover(site)


def test_killed_at_moments_through_the_run(site, server, tmp_path):
    """Killed 0 to 70 ms after the first feed request arrived: the run is then fetching,
    parsing, republishing, checking, committing or writing (the whole of it takes about
    60 ms here). At each moment the invariants hold and the next run completes."""
    mid_run = 0
    for i, after in enumerate([0.0, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07]):
        (tmp_path / f"k{i}").mkdir()
        here = Site(server, tmp_path / f"k{i}", fetch={"timeout": 10})
        here.procs = site.procs  # type: ignore[attr-defined]
        baseline_run(here)
        here.normal()
        server.requests.clear()
        proc = start(here, here.config_path())
        wait_for(lambda p=proc: bool(server.requests_to(ENV_PATH)) or p.poll() is not None, 30)
        time.sleep(after)
        if proc.poll() is None and kill9(proc):
            mid_run += 1
        else:
            proc.communicate()
        check_invariants(here, BASELINE)
        recover(here)
    print(f"killed mid-run at {mid_run} of 8 moments")
    assert mid_run >= 3  # most moments caught the run at work, not after it


# --- the lock -------------------------------------------------------------------------------


def test_second_run_while_one_runs_exits_75_touching_nothing(site):
    baseline_run(site)
    site.normal()
    st = stall(site, ENV_PATH, ENV)
    first = start(site, site.config_path())  # writes config.toml; the second run reads it
    assert st.arrived.wait(30)
    requests_before = len(site.server.requests)
    files_before = snapshot(site.tmp)

    started = time.monotonic()
    second = start(site, site.tmp / "config.toml")
    out, err = second.communicate(timeout=30)
    took = time.monotonic() - started

    assert second.returncode == 75
    assert (out, err) == ("", "")  # a normal overlap: nothing for cron to mail
    assert took < 10  # at once: it does not wait for the lock (start-up time only)
    told = start(site, site.tmp / "config.toml", "-v")  # asked: it says why
    out, err = told.communicate(timeout=30)
    assert (told.returncode, out) == (75, "")
    assert err.splitlines() == [
        f"syndication: another syndication run holds the lock {site.state}.lock; not started"]
    assert len(site.server.requests) == requests_before  # no request at all
    assert snapshot(site.tmp) == files_before  # not a byte, not an mtime

    st.release.set()
    out, err = first.communicate(timeout=60)
    assert (first.returncode, out, err) == (0, "", "")
    assert {k.split(".")[0]: v for k, v in all_feed_ids(site.out).items()} == FINAL


def test_a_killed_runs_lock_does_not_block_the_next(site):
    st = stall(site, ENV_PATH, ENV)
    proc = start(site, site.config_path())
    assert st.arrived.wait(30)
    assert kill9(proc)  # stalled: certainly still running
    assert (site.tmp / "state.sqlite3.lock").exists()  # the file stays; the flock is gone
    st.release.set()
    recover(site)


def test_lock_in_process(site):
    """The library call refuses too, before touching the database."""
    config = site.config()
    with (
        FileLock(lock_path(config)),
        pytest.raises(LockedError, match="another syndication run holds the lock"),
    ):
        run(config)
    assert not site.state.exists()
