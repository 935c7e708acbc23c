"""The command line through its real entry point (``python -m syndication``): help texts,
exit statuses, silence on success, and the offline demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from .conftest import ENV_FEED, ConfigFactory
from .server import LoopbackServer

COMMANDS = ["run", "demo"]


def syndication(*args: str, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "syndication", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_every_command_has_help(command: list[str]) -> None:
    result = syndication(*command, "--help")
    assert result.returncode == 0
    assert "usage: syndication" in result.stdout
    for name in COMMANDS if not command else []:
        assert name in result.stdout


def test_run_is_silent_on_success_and_summarises_with_v(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    config = make_config({"environment": [server.serve("/env.atom", ENV_FEED)]})
    quiet = syndication("run", "--config", str(config.path))
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert (config.site.output_dir / "environment.atom").exists()
    verbose = syndication("run", "-v", "--config", str(config.path))
    assert verbose.returncode == 0
    assert "1 source (0 failed, 1 not modified), 1 request;" in verbose.stderr


def test_config_from_the_environment(server: LoopbackServer, make_config: ConfigFactory) -> None:
    config = make_config({"environment": [server.serve("/env.atom", ENV_FEED)]})
    result = syndication("run", env={"SYNDICATION_CONFIG": str(config.path)})
    assert result.returncode == 0, result.stderr
    assert (config.site.output_dir / "environment.rss").exists()


def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[site]\ntitle = 1\n", encoding="utf-8")
    result = syndication("run", "--config", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"{path}: site.base_url" in result.stderr or f"{path}: site." in result.stderr


def test_missing_config_exits_2(tmp_path: Path) -> None:
    result = syndication("run", cwd=tmp_path, env={"SYNDICATION_CONFIG": ""})
    assert result.returncode == 2 and "config.toml: file not found" in result.stderr


def test_a_failed_source_exits_1_with_one_line(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    config = make_config({"environment": [server.serve("/env.atom", b"<feed", etag=False)]})
    result = syndication("run", "--config", str(config.path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "/env.atom" in lines[0] and "not well-formed" in lines[0]


def test_demo_writes_real_feeds_offline(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    result = syndication("demo", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == ["all.atom", "all.json", "all.rss", "environment.atom", "environment.json",
                     "environment.rss", "icon.png", "index.html", "logo.png",
                     "sciences-fr.atom", "sciences-fr.json", "sciences-fr.rss"]
    everything = feedparser.parse((out / "all.atom").read_bytes())
    assert not everything.bozo and len(everything.entries) == 3


def test_the_command_ends_with_main_status_and_its_objects_frozen_for_a_quick_exit() -> None:
    """console() (the installed script and python -m) returns main()'s exit status, then
    freezes what is alive, so that the interpreter's teardown does not collect it again."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"]
    assert scripts == {"syndication": "syndication.cli:console"}
    assert "console()" in (root / "syndication" / "__main__.py").read_text(encoding="utf-8")
    code = ("import gc, sys; from syndication.cli import console; "
            "sys.argv = ['syndication', 'status', '--config', 'missing.toml']; "
            "status = console(); print(status, gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.split() == ["2", "True"]
    assert "missing.toml" in done.stderr


def test_a_check_runs_without_the_collector_and_main_leaves_it_on(tmp_path: Path) -> None:
    """console() turns the cyclic garbage collector off for `check` (one page, then the
    process ends); main(), which a library caller may call, leaves it as it was, and so does
    console() for the other commands."""
    page = tmp_path / "page.txt"
    page.write_text("Some words of a page.", encoding="utf-8")
    check = f"['syndication', '-v', 'check', {str(page)!r}, '--no-original']"
    status = "['syndication', 'status', '--config', 'missing.toml']"
    outcomes = []
    for argv in (check, status):
        code = ("import gc, sys; from syndication.cli import console, main; "
                f"argv = {argv}; main(argv[1:]); on = gc.isenabled(); sys.argv = argv; "
                "status = console(); print(on, gc.isenabled())")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, check=True)
        outcomes.append(done.stdout.split()[-2:])
    assert outcomes == [["True", "False"], ["True", "True"]]
