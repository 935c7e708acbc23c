"""The command line: parse arguments, load the config, call the library, print, choose the exit
status. Logging handlers are set up here and nowhere else."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import ConfigError, LockedError, SyndicationError

log = logging.getLogger("syndication")

# Exit statuses (README "Exit status"): cron and scripts rely on them.
EXIT_OK = 0
EXIT_FAILURES = 1  # some sources, articles or feed files failed; the rest was done
EXIT_USAGE = 2  # bad configuration or arguments
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    command: Command = args.command
    try:
        return command(args)
    except ConfigError as e:
        print(f"syndication: configuration error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except LockedError as e:
        print(f"syndication: {e}; not started", file=sys.stderr)
        return EXIT_LOCKED
    except SyndicationError as e:
        print(f"syndication: {e}", file=sys.stderr)
        return EXIT_FAILURES
    except KeyboardInterrupt:
        print("syndication: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="count", default=0,
        help="-v: a summary of what was done; -vv: every step",
    )
    parser = argparse.ArgumentParser(
        prog="syndication",
        description="Licence-compliant RSS and Atom feeds of The Conversation's Creative "
        "Commons articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"syndication {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "run", parents=[common],
        help="fetch the configured sources, check every article, write the feeds",
        description="The main job (run it from cron): fetch each source feed, republish and "
        "check every new or changed article, and write {name}.atom and {name}.rss for each "
        "[[feed]] into the output directory. Silent when all is well. Exit status: 0 all "
        "well, 1 some sources, articles or files failed, 2 configuration error, 75 another "
        "run holds the lock.",
    )
    _config_argument(p)
    p.set_defaults(command=cmd_run)

    p = sub.add_parser(
        "demo", parents=[common],
        help="run the pipeline on the recorded samples shipped with syndication (offline)",
        description="Serve the recorded pages of The Conversation that ship with syndication "
        "on 127.0.0.1 and run the same pipeline against them. Needs no network and no "
        "config file; prints where the feeds were written.",
    )
    p.add_argument("--output", type=Path, default=Path("feeds"), metavar="DIR",
                   help="where to write the demo feeds (default: ./feeds)")
    p.set_defaults(command=cmd_demo)
    return parser


def _config_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", metavar="PATH", default=None,
        help="the config file (default: $SYNDICATION_CONFIG, else ./config.toml)",
    )


def _setup_logging(verbose: int) -> None:
    """Quiet for cron: warnings and errors only, unless -v or -vv."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("syndication: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def cmd_run(args: argparse.Namespace) -> int:
    from .config import load_config
    from .pipeline import run

    config = load_config(args.config)
    report = run(config)
    return EXIT_OK if report.ok else EXIT_FAILURES


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    output: Path = args.output.resolve()
    report = run_demo(output)
    published = sum(a.outcome.value == "published" for a in report.articles)
    print(f"syndication demo: {published} articles published from "
          f"{len(report.sources)} recorded source feeds.")
    print(f"Feeds in {output}:")
    for path in sorted({*report.feeds_written, *report.feeds_unchanged}):
        print(f"  {path}")
    return EXIT_OK if report.ok else EXIT_FAILURES
