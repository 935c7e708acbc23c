"""main() builds the parser of the command it is given alone (cli.build_parser): that parser
must read the arguments, and say its help and its errors, as the whole parser does."""

from __future__ import annotations

import contextlib
import io

import pytest

from syndication.cli import _COMMANDS, _command_named, build_parser

# Each command with arguments it accepts, and with one it refuses.
ARGUMENTS = {
    "run": (["-v", "run", "--config", "c.toml", "--jobs", "2"], ["run", "--jobs", "0"]),
    "status": (["status", "-vv", "--config", "c.toml"], ["status", "--nope"]),
    "demo": (["demo", "--output", "out", "--port", "8001"], ["demo", "--port", "x"]),
    "serve": (["serve", "--dir", "d", "--bind", "::1"], ["serve", "--dir", "d", "--config", "c"]),
    "check": (["--verbose", "check", "page.html", "--original", "o.atom", "--json"],
              ["check"]),
    "audit": (["audit", "a", "b", "--state", "s.sqlite3", "--json"], ["audit"]),
    "report": (["report", "--refused", "--json"], ["report", "extra"]),
}


def said(argv: list[str], command: str | None) -> tuple[str, str, object]:
    """What parsing ``argv`` with build_parser(command) prints and gives (or its exit code)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = build_parser(command).parse_args(argv)
        except SystemExit as e:
            return out.getvalue(), err.getvalue(), e.code
    return out.getvalue(), err.getvalue(), sorted(vars(args).items())


def test_every_command_is_tested() -> None:
    assert set(ARGUMENTS) == set(_COMMANDS)


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_a_command_alone_parses_helps_and_refuses_as_the_whole_parser(name: str) -> None:
    accepted, refused = ARGUMENTS[name]
    for argv in (accepted, refused, [name, "--help"], ["-v", name, "-h"]):
        assert _command_named(argv) == name
        assert said(argv, name) == said(argv, None), argv
    assert said(accepted, name)[2] != 0 and said(refused, name)[2] == 2


@pytest.mark.parametrize("argv", [[], ["-h"], ["--version"], ["chek"], ["-h", "check"],
                                  ["-vx", "check"], ["v-", "check"], ["--", "check"],
                                  ["--verb", "check"], ["-V", "run"]])
def test_the_whole_parser_unless_only_verbose_stands_before_a_command(argv: list[str]) -> None:
    # the list of commands (help, an unknown command's error) or an option of the whole parser
    assert _command_named(argv) is None
