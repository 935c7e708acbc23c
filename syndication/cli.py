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
        "check every new or changed article, and write {name}.atom, {name}.rss and "
        "{name}.json for each [[feed]], and index.html, into the output directory. Silent "
        "when all is well. Exit status: 0 all well, 1 some sources, articles or files "
        "failed, 2 configuration error, 75 another run holds the lock.",
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

    p = sub.add_parser(
        "serve", parents=[common],
        help="serve the output directory on localhost, for a preview or a local feed reader",
        description="Serve the feeds, their images and index.html over HTTP on this machine "
        "(127.0.0.1 unless --bind says otherwise) with the feeds' media types "
        "(application/atom+xml, application/rss+xml, application/feed+json), ETag and "
        "Last-Modified, and 304 answers to conditional requests. For preview and for a feed "
        "reader on the same computer; publish the folder on a real web server for others "
        "(README, Publishing). Stop it with Ctrl-C. -v logs every request.",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--dir", type=Path, default=None, metavar="DIR",
                       help="the folder to serve (default: output_dir of the config)")
    _config_argument(where)
    p.add_argument("--port", type=int, default=None, metavar="N",
                   help="the port (default: 8000; 0 picks a free one)")
    p.add_argument("--bind", default=None, metavar="ADDRESS",
                   help="the address to listen on (default: 127.0.0.1, this machine only)")
    p.set_defaults(command=cmd_serve)
    return parser


def _config_argument(p: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
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
    print(f"Preview them: syndication serve --dir {output}  (then open http://localhost:8000/)")
    return EXIT_OK if report.ok else EXIT_FAILURES


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import DEFAULT_HOST, DEFAULT_PORT, make_server, server_url

    if args.dir is not None:
        directory: Path = args.dir
    else:
        from .config import load_config

        directory = load_config(args.config).site.output_dir
    if not directory.is_dir():
        print(f"syndication: {directory}: no such directory (run `syndication run` or "
              "`syndication demo` first, or name the folder with --dir)", file=sys.stderr)
        return EXIT_USAGE
    port = DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port <= 65535:
        print(f"syndication: --port {port}: must be 0-65535", file=sys.stderr)
        return EXIT_USAGE
    server = make_server(directory.resolve(), args.bind or DEFAULT_HOST, port)
    # One line on stdout, flushed: scripts (and the tests) read the address from it.
    print(f"Serving {directory.resolve()} on {server_url(server)} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK
