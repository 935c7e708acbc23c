"""The command as cron and a person meet it, through the real entry point in a process of its
own: silent on success, -v a summary, -vv detail, one stderr line per failure, exit statuses,
a progress bar only on a terminal, and `syndication status`."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from syndication.cli import PROGRESS_DELAY

from .harness import ENV, ENV_PATH, FR_PATH, ROOT, Site, start_cli
from .server import Reply


@pytest.fixture
def site(server, tmp_path) -> Iterator[Site]:
    yield Site(server, tmp_path, fetch={"timeout": 5, "retries": 0})


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SYNDICATION")}
    return subprocess.run([sys.executable, "-m", "syndication", *args], capture_output=True,
                          text=True, cwd=ROOT, env={**base, **(env or {})}, timeout=60,
                          check=False, stdin=subprocess.DEVNULL)


def run_cli(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    return cli("run", "--config", str(site.config_path()), *args)


def test_silent_on_success_and_on_nothing_new(site):
    for _ in range(2):
        done = run_cli(site)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_verbose_summary_and_detail(site):
    one = run_cli(site, "-v")
    assert one.returncode == 0 and one.stdout == ""
    assert len(one.stderr.splitlines()) == 1
    assert re.fullmatch(
        r"syndication: 2 sources \(0 failed, 0 not modified\), 3 requests; articles: "
        r"2 published; 12 files written, 0 unchanged, 0 failed; \d+\.\d s\n", one.stderr)
    two = run_cli(site, "-vv")
    lines = two.stderr.splitlines()
    assert two.returncode == 0 and len(lines) > 1
    assert any(re.search(r"articles\.atom: not modified$", line) for line in lines)
    # -vv before the command counts the same
    before = cli("-vv", "run", "--config", str(site.tmp / "config.toml"))
    assert before.returncode == 0 and "not modified" in before.stderr


def test_one_line_per_failing_source_and_status_1(site):
    assert run_cli(site).returncode == 0
    site.normal()
    site.server.serve(ENV_PATH, b"oops", status=500)
    done = run_cli(site)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"syndication: {site.env_url}: HTTP 500, gave up after 1 try"]


def test_configuration_error_is_status_2_naming_file_and_key(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[site]\ntitle = 3\n', encoding="utf-8")
    done = cli("run", "--config", str(path))
    assert done.returncode == 2
    assert done.stderr == (f"syndication: configuration error: {path}: site.base_url: "
                           "missing\n")


def test_usage_error_is_status_2():
    done = cli("run", "--no-such-option")
    assert done.returncode == 2 and "usage:" in done.stderr


def test_config_from_environment(site):
    path = site.config_path()
    done = cli("run", env={"SYNDICATION_CONFIG": str(path)})
    assert (done.returncode, done.stderr) == (0, "")
    assert (site.out / "env.atom").exists()


@pytest.mark.parametrize("command", ["run", "status", "demo"])
def test_every_command_has_help(command):
    done = cli(command, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: syndication")
    assert len(done.stdout) > 200


def test_help_explains_exit_statuses():
    done = cli("run", "--help")
    text = " ".join(done.stdout.split())
    for words in ("0 all well", "1 some sources", "2 configuration", "75 another run"):
        assert words in text


# --- progress bar ---------------------------------------------------------------------------


def slow_env(seconds: float) -> Reply:
    def handler(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        h.send_response(200)
        h.send_header("Content-Type", "application/atom+xml")
        h.send_header("Content-Length", str(len(ENV)))
        h.end_headers()
        h.wfile.write(ENV)

    return Reply(handler=handler)


def run_on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the command with stdout and stderr on a pseudo-terminal; returns what it showed."""
    leader, follower = pty.openpty()
    # a terminal 80 columns wide (a fresh pty says 0, and a 0-wide bar shows nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "syndication", *args], stdin=follower,
                            stdout=follower, stderr=follower, cwd=ROOT, close_fds=True)
    os.close(follower)
    shown = bytearray()
    reader = threading.Thread(target=_drain, args=(leader, shown), daemon=True)
    reader.start()
    code = proc.wait(timeout=60)
    reader.join(timeout=5)
    os.close(leader)
    return code, shown.decode("utf-8", "replace")


def _drain(fd: int, into: bytearray) -> None:
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            return
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other end closed (EIO on Linux)
            return
        if not chunk:
            return
        into.extend(chunk)


def test_progress_bar_on_a_terminal_for_a_long_run(site):
    site.server.routes[ENV_PATH] = slow_env(1.5)
    code, shown = run_on_a_terminal(["run", "--config", str(site.config_path())])
    assert code == 0
    assert re.search(r"\d+/5 \[", shown), shown  # tqdm's "n/total [elapsed" after 1 s


def test_no_progress_bar_when_not_a_terminal(site):
    site.server.routes[ENV_PATH] = slow_env(1.5)
    done = run_cli(site)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_no_progress_bar_for_a_quick_run_on_a_terminal(site):
    started = time.monotonic()
    code, shown = run_on_a_terminal(["run", "--config", str(site.config_path())])
    took = time.monotonic() - started
    assert code == 0
    # The bar waits PROGRESS_DELAY after the run starts: a process that ended sooner must
    # have shown nothing. (On a loaded machine the same run may last longer and show it.)
    assert shown == "" or took >= PROGRESS_DELAY, (took, shown)


# --- status ---------------------------------------------------------------------------------


def test_status_before_any_run(site):
    done = cli("status", "--config", str(site.config_path()))
    assert done.returncode == 0
    assert "no run yet" in done.stdout
    assert not site.state.exists()  # status creates nothing


def test_status_after_runs(site):
    assert run_cli(site).returncode == 0
    site.normal()
    site.server.serve(FR_PATH, b"", status=503)
    assert run_cli(site).returncode == 1
    done = cli("status", "--config", str(site.tmp / "config.toml"))
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    assert re.search(r"^last run: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(\d+\.\d s, \d+ s ago\), "
                     r"FAILED", out, re.M)
    assert re.search(r"^  sources: 2 \(1 failed, 1 not modified\); requests: 2; ", out, re.M)
    assert f"  failure: {site.fr_url}: HTTP 503, gave up after 1 try" in out
    assert "runs recorded: 2" in out
    assert "articles: 2 published, 0 refused, 0 could not be processed" in out
    assert re.search(r"^database: \d+\.\d KB; 2 articles kept whole, 0 pruned \(retention: 30 "
                     r"days, README \"Retention\"\)$", out, re.M)
    assert "; pruned: 0\n" in out
    env_block = out.split(site.env_url, 1)[1].split("\n  http", 1)[0]
    assert "last error:   none" in env_block
    assert re.search(r'validators:   ETag "[0-9a-f]{16}", Last-Modified -', env_block)
    fr_block = out.split(site.fr_url, 1)[1]
    assert "last error:   " + f"{site.fr_url}: HTTP 503, gave up after 1 try" in fr_block
    assert re.search(r"last success: \d{4}-", fr_block)  # the first run's
    assert re.search(r"robots\.txt:\n  http://127\.0\.0\.1:\d+: HTTP 200 \(rules kept\)", out)


def test_status_counts_refused_articles(site, tmp_path):
    # a source whose article is not under CC BY-ND: refused, counted, never published
    not_cc = ENV.replace("Licensed as Creative Commons – attribution, no derivatives.".encode(),
                         b"All rights reserved.", 1)
    site.server.serve(ENV_PATH, not_cc)
    assert run_cli(site).returncode == 1
    out = cli("status", "--config", str(site.tmp / "config.toml")).stdout
    assert "articles: 1 published, 1 refused, 0 could not be processed" in out


def test_status_config_error_is_status_2(tmp_path):
    done = cli("status", "--config", str(tmp_path / "missing.toml"))
    assert done.returncode == 2 and "file not found" in done.stderr


def test_status_shows_a_host_that_asked_to_wait(site):
    site.server.serve(ENV_PATH, b"", status=429, headers={"Retry-After": "86400"})
    assert run_cli(site).returncode == 1
    out = cli("status", "--config", str(site.tmp / "config.toml")).stdout
    assert re.search(r"waiting: 127\.0\.0\.1 asked \(Retry-After\) not to be contacted before "
                     r"\d{4}-", out)


def test_start_cli_helper_is_the_real_entry_point(site):
    proc = start_cli(Path(site.config_path()))
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, "", "")


def test_short_version_flag_prints_the_version():
    from syndication import __version__

    for flag in ("-V", "--version"):
        done = cli(flag)
        assert (done.returncode, done.stdout, done.stderr) == (
            0, f"syndication {__version__}\n", "")


@pytest.mark.parametrize("which", ["state_file", "output_dir"])
def test_a_state_file_or_output_folder_that_cannot_be_created_is_status_2(
        site, tmp_path, which):
    """One line naming the path, exit 2 (the configuration names a place that cannot be
    used), and no claim of a previous file that never was."""
    blocker = tmp_path / "a-file"  # a folder cannot be made inside a regular file
    blocker.write_text("not a folder\n")
    config = site.config_path()
    place = blocker / ("state.sqlite3" if which == "state_file" else "feeds")
    text = config.read_text().replace(
        f'{which} = "{site.state if which == "state_file" else site.out}"', f'{which} = "{place}"')
    assert str(place) in text
    config.write_text(text)
    done = cli("run", "--config", str(config))
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"syndication: {place.parent if which == 'state_file' else place}: "
                           "cannot create ")
    assert "previous file" not in line
