"""Hostile and malformed conditions around a run (issue 10): configuration files that are not
UTF-8 or hold absurd numbers or system folders, signals, a full state database, a crashed run
that `status` must report, `serve` left running against idle connections and symbolic links,
passwords and control characters on the way to a terminal. Each with its neighbours."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from syndication import cli
from syndication.config import load_config
from syndication.errors import ConfigError, StorageError
from syndication.pipeline import run
from syndication.status import render_status
from syndication.store import Store

from .harness import ENV_PATH, ROOT, Site, all_feed_ids, db_consistent, drive, start_cli, wait_for
from .server import Reply
from .test_config_errors import VALID, edit

# --- configuration ------------------------------------------------------------------------


def main_exit(tmp_path: Path, data: bytes, capsys) -> tuple[int, str]:
    path = tmp_path / "config.toml"
    path.write_bytes(data)
    status = cli.main(["run", "--config", str(path)])
    err = capsys.readouterr().err
    return status, err


@pytest.mark.parametrize(("data", "says"), [
    (b"\xef\xbb\xbf" + VALID.encode(), "byte-order mark"),
    (VALID.replace('"Test publisher"', '"Test \xe9 publisher"').encode("latin-1"),
     "line 2: byte 0xe9 is not UTF-8"),
    (VALID.encode().replace(b"Environment", b"Environ\xffment"), "is not UTF-8"),
    (VALID.encode("utf-16"), "byte-order mark|not UTF-8|not valid TOML"),
    (edit("max_entries = 50", "max_entries = 100000000000000000000").encode(),
     "max_entries: must be at most 2147483647"),
    (edit("max_entries = 50", "max_entries = " + "9" * 400).encode(), "must be at most"),
    (edit("min_interval = 1.0", "min_interval = " + "9" * 400).encode(), "must be at most"),
    (edit("max_bytes = 10_000_000", "max_bytes = 100000000000000000000").encode(),
     "must be at most"),
    (edit("max_wait = 120", "max_wait = inf").encode(), "finite"),
    (edit('output_dir = "out"', 'output_dir = "/"').encode(), "system or home folder"),
    (edit('output_dir = "out"', 'output_dir = "/etc"').encode(), "system or home folder"),
    (edit('output_dir = "out"', 'output_dir = "/usr/"').encode(), "system or home folder"),
    (edit('output_dir = "out"', 'output_dir = "/usr/../var"').encode(), "system or home folder"),
    (edit('output_dir = "out"', f'output_dir = "{Path.home()}"').encode(),
     "system or home folder"),
    # a character no feed may hold, as a TOML escape: every feed unwritable on every run
    (edit('title = "Test publisher"', r'title = "Test \u0007 publisher"').encode(),
     "site.title: holds U+0007 at character 6"),
    (edit('title = "Environment"', r'title = "Env\uFFFFironment"').encode(),
     "feed[0].title: holds U+FFFF"),
    (edit('title = "Environment"', 'title = "Environment"\ndescription = "a \\u001b[2J b"')
     .encode(), "feed[0].description: holds U+001B"),
    (edit('max_entries = 50', 'max_entries = 50\nlanguage = "en\\u0085"').encode(),
     "feed[0].language: holds U+0085"),
    (edit('user_agent = "', 'user_agent = "\\uFDD0').encode(), "fetch.user_agent: holds U+FDD0"),
    (edit('articles.atom"]', 'articles.atom\\u0000"]').encode(),
     "feed[0].sources[0]: holds U+0000"),
])
def test_configuration_errors_are_exit_2_in_one_line(tmp_path, capsys, data: bytes,
                                                     says: str) -> None:
    status, err = main_exit(tmp_path, data, capsys)
    assert status == cli.EXIT_USAGE, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("syndication: configuration error: ") and str(tmp_path) in err
    assert any(part in err for part in says.split("|")), err


def test_a_folder_of_its_own_in_home_is_fine(tmp_path) -> None:
    (tmp_path / "config.toml").write_text(edit('output_dir = "out"', 'output_dir = "feeds"'))
    assert load_config(tmp_path / "config.toml").site.output_dir == tmp_path / "feeds"


def test_keep_days_beyond_a_century_is_refused(tmp_path) -> None:
    (tmp_path / "config.toml").write_text(VALID.replace("[fetch]", "keep_days = 99999999\n"
                                                        "[fetch]"))
    with pytest.raises(ConfigError, match="keep_days: must be at most 36500"):
        load_config(tmp_path / "config.toml")


# --- a full state database, and every sqlite3 error --------------------------------------


def test_a_full_database_is_one_storage_error_naming_the_reason(tmp_path, env_article) -> None:
    from syndication.models import Outcome

    with Store(tmp_path / "s.sqlite3") as store:
        (pages,) = store.db.execute("PRAGMA page_count").fetchone()
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
        with pytest.raises(StorageError, match="database or disk is full") as caught, \
                store.transaction():
            store.save_article(env_article, content_hash="x" * 64, status=Outcome.REFUSED,
                               html="<p>" + "x" * 200_000 + "</p>", findings=(), reason="r",
                               now=env_article.updated)
        assert "cannot rollback" not in str(caught.value)
        assert str(tmp_path / "s.sqlite3") in str(caught.value)
        store.db.execute("PRAGMA max_page_count = 1073741823")
        assert store.status_counts() == {}  # nothing half-written, still usable


def test_no_sqlite3_error_leaves_the_store(tmp_path) -> None:
    import sqlite3

    with Store(tmp_path / "s.sqlite3") as store:
        store.db.execute("DROP TABLE runs")  # a damaged file: the table is gone
        with pytest.raises(StorageError) as caught:
            store.last_run()
        assert not isinstance(caught.value, sqlite3.Error)
        assert "no such table: runs" in str(caught.value)
        with pytest.raises(StorageError):
            store.runs_count()


# --- a crashed run is recorded, and status says so ------------------------------------------


@pytest.fixture
def site(server, tmp_path) -> Site:
    return Site(server, tmp_path)


def test_a_crashed_run_is_recorded_as_failed_with_its_reason(site, capsys, monkeypatch) -> None:
    config = site.config()
    assert drive(config, capsys).status == 0
    from syndication import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("a bug no test foresaw")

    monkeypatch.setattr(pipeline, "_publish", broken)
    with pytest.raises(RuntimeError):
        run(config, sleep=lambda s: None)
    text = render_status(config)
    assert "FAILED: the run stopped: stopped by RuntimeError: a bug no test foresaw" in text
    db_consistent(site.state)
    monkeypatch.undo()
    assert drive(config, capsys).status == 0
    assert ", ok" in render_status(config).splitlines()[1]


# --- signals --------------------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129),
                                                (signal.SIGINT, 130)])
def test_signals_stop_a_run_in_one_line_and_the_next_run_completes(site, signum: int,
                                                                   status: int) -> None:
    arrived = []

    def hold(h) -> None:  # the env feed never answers until the test is over
        arrived.append(1)
        time.sleep(20)

    site.fault(ENV_PATH, Reply(handler=hold))
    proc = start_cli(site.config_path(timeout=30))
    try:
        wait_for(lambda: bool(arrived), timeout=20)
        os.killpg(proc.pid, signum)  # the whole session: as a terminal or systemd sends it
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == status, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert ("stopped by " + signal.Signals(signum).name if signum != signal.SIGINT
            else "interrupted") in err
    config = site.config()
    assert "FAILED: the run stopped: interrupted" in render_status(config)
    db_consistent(site.state)
    site.normal()
    done = subprocess.run([sys.executable, "-m", "syndication", "run", "--config",
                           str(site.config_path())], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert all(ids for name, ids in all_feed_ids(site.out).items() if name.startswith("env"))


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_signal_stops_a_command_waiting_on_a_silent_server(command: str, signum: int,
                                                            status: int) -> None:
    """`check` and `audit` (whose hosts are read by worker threads) stopped while a server
    accepts the connection and never answers: one line and 128 + N at once, not when the
    request times out (20 s, then its retries) and the interpreter has joined the worker."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/some-article-263253"
        proc = subprocess.Popen([sys.executable, "-m", "syndication", command, url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT)
        try:
            waiting, _ = silent.accept()  # the command's request has arrived: it now waits
            with waiting:
                time.sleep(0.5)
                started = time.monotonic()
                proc.send_signal(signum)
                _out, err = proc.communicate(timeout=60)
                assert time.monotonic() - started < 15  # well before the fetch timeout
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == status, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("command", [["report"], ["report", "--refused"], ["status"]])
def test_a_reader_that_went_away_is_no_error(site, capsys, command: list[str]) -> None:
    """`syndication report | head`: once head has what it wants, the command stops in
    silence with 141 (128 + SIGPIPE, as a shell says of a process SIGPIPE stopped), not
    "[Errno 32] Broken pipe" and exit 1, nor the interpreter's "Exception ignored"."""
    site.normal()
    assert drive(site.config(), capsys).status == 0
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "syndication", *command, "--config",
                               str(site.config_path())], stdout=write, stderr=subprocess.PIPE,
                              cwd=ROOT, timeout=60, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


# --- passwords and terminals ----------------------------------------------------------------


@pytest.mark.parametrize(("secret", "shown"), [
    ("reader:hunter2@", "reader:***@"),
    ("ghp_16C7e42F292c6912E7710c838347Ae178B4a@", "***@"),  # a token given as the user
])
def test_a_password_in_a_source_url_is_never_shown(site, capsys, secret: str,
                                                   shown: str) -> None:
    """Not in a line, not by `status`, and not on the index page, which is public and
    says why a feed is still empty (its sources' errors, which name their URL)."""
    path = site.config_path()
    hidden = secret.split(":")[-1].rstrip("@")
    secret_url = site.env_url.replace("http://", f"http://{secret}") + "?api_key=k3y"
    path.write_text(path.read_text().replace(site.env_url, secret_url))
    site.fault(ENV_PATH, Reply(handler=lambda h: (h.send_response(500), h.send_header(
        "Content-Length", "0"), h.end_headers())))
    status = cli.main(["-v", "run", "--config", str(path)])
    err = capsys.readouterr().err
    assert status == 1 and shown in err and hidden not in err and "api_key=***" in err
    cli.main(["status", "--config", str(path)])
    out = capsys.readouterr().out
    assert hidden not in out and "k3y" not in out
    page = (site.out / "index.html").read_text()
    assert shown in page and hidden not in page and "k3y" not in page


def test_control_characters_never_reach_the_terminal(site, capsys) -> None:
    path = site.config_path()
    assert cli.main(["run", "--config", str(path)]) == 0
    with Store(site.state) as store, store.transaction():  # text as a page or feed gave it
        store.db.execute("UPDATE articles SET title = title || ?, reason = ?",
                         ("\x1b]0;owned\x07\x1b[2J\u202e", "quotes \x1b[31mred\x9b"))
    for command in (["report"], ["report", "--refused"], ["status"]):
        assert cli.main([*command, "--config", str(path)]) == 0
        out = capsys.readouterr().out
        for char in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert char not in out, (command, char)
    cli.main(["report", "--config", str(path)])
    assert "\\x1b]0;owned\\x07" in capsys.readouterr().out


HOSTILE = "\x1b]0;owned\x07\x1b[2J\u202e"


@pytest.mark.parametrize("args", [
    ["check", f"http://127.0.0.1:9/{HOSTILE}"],  # the error line quotes the URL
    ["check", "a", "b", HOSTILE],  # argparse quotes what it did not expect
    ["check", "--json", "a", "b", HOSTILE],
    ["serve", "--dir", f"/nonexistent/{HOSTILE}"],
    ["run", "--config", f"/nonexistent/{HOSTILE}.toml"],
    ["audit", f"/nonexistent/{HOSTILE}"],
])
def test_no_stderr_line_reaches_the_terminal_raw(args: list[str]) -> None:
    """Every line a command writes on stderr, whoever wrote it (a command, argparse), has
    its control characters escaped."""
    done = subprocess.run([sys.executable, "-m", "syndication", *args], capture_output=True,
                          cwd=ROOT, timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert done.returncode != 0 and done.stderr, done
    for stream in (done.stderr, done.stdout):
        for char in ("\x1b", "\x07", "\u202e"):
            assert char.encode() not in stream, (args, char, stream)
    assert b"\\x1b" in done.stderr + done.stdout


def test_log_lines_are_escaped(capsys) -> None:
    from syndication.logs import PACKAGE

    cli._setup_logging(0)
    try:
        PACKAGE.warning("title %s from %s", "a\x1b[2Jb\x07", "https://u:pw@host/feed")
    finally:
        PACKAGE.handlers.clear()
    err = capsys.readouterr().err
    assert err == "syndication: title a\\x1b[2Jb\\x07 from https://u:***@host/feed\n"


# --- serve, left running ----------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "index.html").write_text("<!DOCTYPE html><title>feeds</title>")
    (folder / "passwd.atom").symlink_to("/etc/passwd")
    (folder / "state.atom").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_text("the state database, say")
    (folder / "inside.atom").write_text("<feed/>")
    (folder / "alias.atom").symlink_to(folder / "inside.atom")  # inside: served
    (folder / "loop.atom").symlink_to(folder / "loop.atom")
    proc = subprocess.Popen([sys.executable, "-m", "syndication", "serve", "--port", "0",
                             "--dir", str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    url = next(w for w in line.split() if w.startswith("http://"))
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    yield host, int(port)
    proc.terminate()
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # a loaded machine: never leave it running
        proc.kill()
        proc.communicate()


def get(host: str, port: int, path: str) -> tuple[int, bytes]:
    import http.client

    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/passwd.atom", "/state.atom", "/loop.atom"])
def test_symlinks_leading_out_of_the_folder_are_not_followed(served, path: str) -> None:
    status, body = get(*served, path)
    assert status == 404 and b"root:" not in body and b"state database" not in body


def test_a_symlink_inside_the_folder_is_served(served) -> None:
    assert get(*served, "/alias.atom") == (200, b"<feed/>")


def test_idle_and_half_sent_connections_do_not_make_serve_unreachable(served) -> None:
    from syndication.serve import IDLE_TIMEOUT, MAX_CONNECTIONS

    held = []
    try:
        for i in range(MAX_CONNECTIONS * 3):  # idle ones, and ones that never end a request
            s = socket.create_connection(served, timeout=5)
            if i % 2:
                s.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n")  # no blank line: half
            held.append(s)
        # beyond the cap, a connection is closed at once rather than waiting forever
        status, _ = _retrying_get(served, deadline=IDLE_TIMEOUT + 10)
        assert status == 200
        # and the server closes the silent ones after IDLE_TIMEOUT (408 or just the close)
        for s in held[:2]:
            s.settimeout(IDLE_TIMEOUT + 5)
            answer = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := s.recv(4096):
                    answer += chunk
            assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer
    finally:
        for s in held:
            s.close()


@pytest.mark.parametrize(("signum", "status", "name"), [
    (signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C"), (signal.SIGHUP, 129,
                                                                      "SIGHUP")])
def test_serve_stops_at_once_under_load(tmp_path, signum: int, status: int, name: str) -> None:
    """A signal stops `serve` while every connection slot is taken by clients that are idle,
    half-sent or never read their answer, and others keep connecting and hanging up: one
    line, 128 + the signal's number, and no waiting for any client (before the first of the
    silent connections would time out)."""
    from syndication.serve import IDLE_TIMEOUT, MAX_CONNECTIONS

    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "index.html").write_bytes(b"<!DOCTYPE html><title>feeds</title>" + b"x" * 500_000)
    proc = subprocess.Popen([sys.executable, "-m", "syndication", "serve", "--port", "0",
                             "--dir", str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    held: list[socket.socket] = []
    stop = threading.Event()
    try:
        url = next(w for w in proc.stdout.readline().split() if w.startswith("http://"))
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        address = (host, int(port))
        for i in range(MAX_CONNECTIONS * 2):
            s = socket.create_connection(address, timeout=5)
            s.sendall([b"", b"GET /index.html HTTP/1.1\r\nHost: x\r\n",  # idle, half-sent,
                       b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"][i % 3])  # unread
            held.append(s)

        def hammer() -> None:  # connect, ask, hang up mid-answer: a broken pipe on its side
            while not stop.is_set():
                with contextlib.suppress(OSError), socket.create_connection(address, 2) as c:
                    c.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
                    c.recv(100)

        load = [threading.Thread(target=hammer, daemon=True) for _ in range(4)]
        for t in load:
            t.start()
        time.sleep(1)
        assert proc.poll() is None
        started = time.monotonic()
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=IDLE_TIMEOUT * 3)
        assert time.monotonic() - started < IDLE_TIMEOUT  # it waited for no silent client
    finally:
        stop.set()
        for s in held:
            s.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == status, err
    lines = err.splitlines()
    assert lines[-1] == f"syndication serve: stopped by {name}", err
    # besides it, at most the one warning that every slot is taken: no traceback, no flood
    assert len(lines) <= 2 and "Traceback" not in err, err


def _retrying_get(served, deadline: float) -> tuple[int, bytes]:
    end = time.monotonic() + deadline
    while True:
        try:
            return get(*served, "/index.html")
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


# --- two configs, one output folder -------------------------------------------------------------


def test_two_configs_sharing_an_output_folder_take_its_lock(site, capsys, tmp_path) -> None:
    from filelock import FileLock

    from syndication.errors import LockedError
    from syndication.pipeline import folder_lock_path, lock_path

    config = site.config()
    other = tmp_path / "other.toml"  # another state file, the same output folder
    other.write_text(site.config_path().read_text().replace(str(site.state),
                                                             str(tmp_path / "other.sqlite3")))
    second = load_config(other)
    assert lock_path(second) != lock_path(config)
    with FileLock(folder_lock_path(config.site.output_dir), timeout=0):  # the first run, writing
        before = sorted(p.name for p in site.out.iterdir()) if site.out.exists() else []
        with pytest.raises(LockedError, match="syndication-folder-"):
            run(second, sleep=lambda s: None)
        after = sorted(p.name for p in site.out.iterdir()) if site.out.exists() else []
        assert after == before  # touched nothing
    assert drive(second, capsys).status == 0  # once the first is done
