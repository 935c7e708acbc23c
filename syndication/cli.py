"""The command line: parse arguments, load the config, call the library, print, choose the exit
status. Logging handlers are set up from here (logs.to_stderr) and nowhere else."""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import utc
from ._version import __version__
from .conversation import TC_HOME
from .errors import (
    ConfigError,
    LockedError,
    PathError,
    Stopped,
    StorageError,
    SyndicationError,
)
from .models import RunReport
from .safetext import printable
from .urls import is_web_url

# Each command imports what it alone needs, where it starts (the modules of the pipeline,
# the checker, the audit...); json and shlex too, where JSON or a shell line is printed:
# importing json costs 7 M instructions (callgrind) that `check PAGE` without --json does
# not need.
if TYPE_CHECKING:
    from typing import TypeAlias

    from _typeshed import SupportsWrite

    from .config import FetchConfig

    _Subparsers: TypeAlias = "argparse._SubParsersAction[_Parser]"

# Exit statuses (README "Exit status"): cron and scripts rely on them.
EXIT_OK = 0
EXIT_FAILURES = 1  # some sources, articles or feed files failed; the rest was done
EXIT_USAGE = 2  # bad configuration or arguments
EXIT_UNCHECKED = 3  # `check`: no rule failed, but some could not be checked
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); SIGTERM 143, SIGHUP 129
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: stdout's reader went away (`| head`), as a shell says

Command = Callable[[argparse.Namespace], int]
Progress = Callable[[int, int, str], None]
PROGRESS_DELAY = 1.0  # seconds before the bar appears: quick runs show none


def console() -> int:
    """The ``syndication`` command and ``python -m syndication``: main(), then a quick exit."""
    if _command_named(sys.argv[1:]) == "check":
        # `check` judges one page, and the process ends: the garbage it leaves is freed as
        # it goes (reference counts), the collector's passes over what the checker builds
        # would find next to nothing to free. Off for the process: 9 M of the 562 M
        # instructions of `check PAGE --original FILE` (callgrind, issue 13). Not in
        # main(), a library call too, after which a process goes on.
        gc.disable()
    status = main()
    if status > 128 and _workers_left():
        # Stopped by a signal while a worker thread waits on the network (audit reads hosts
        # in parallel): it ends only at its timeout, and the interpreter would wait for it.
        # The command has closed what it opened; SQLite's journal keeps a state database
        # whole whatever the worker had in flight. So the process ends now.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(status)
    # Everything the command opened is closed by now (state database, connections, lock,
    # files; log handlers are flushed at exit as usual). What remains is the interpreter's
    # teardown, whose garbage collections walk every object of the loaded libraries for
    # nothing to finalise: a tenth of a run with nothing new (benchmarks/run.py). Frozen
    # objects are left out of them. Only here, at the very end of the process: main() is
    # a library call too, and a process that goes on must keep collecting.
    gc.freeze()
    return status


def _workers_left() -> bool:
    """Whether a thread the interpreter waits for at exit is still running."""
    return any(t.is_alive() and not t.daemon and t is not threading.main_thread()
               for t in threading.enumerate())


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _parse(build_parser(_command_named(arguments)), arguments)
    command: Command = args.command
    if not _checks_files(args):
        _setup_logging(getattr(args, "verbose", 0))
    with _stopped_by_signals(), _printable_stdout():
        try:
            return command(args)
        except ConfigError as e:
            _say(f"syndication: configuration error: {e}")
            return EXIT_USAGE
        except LockedError as e:  # a normal overlap under cron: no mail unless asked (-v)
            if getattr(args, "verbose", 0):
                _say(f"syndication: {e}; not started")
            return EXIT_LOCKED
        except PathError as e:
            _say(f"syndication: {e}")
            return EXIT_USAGE
        except SyndicationError as e:
            _say(f"syndication: {e}")
            return EXIT_FAILURES
        except BrokenPipeError:  # `syndication report | head`: the reader has all it wanted
            _quiet_stdout()
            return EXIT_BROKEN_PIPE
        except OSError as e:  # the machine (a full disk, a read-only folder): one line
            _say(f"syndication: {e}")
            return EXIT_FAILURES
        except Stopped as e:
            _say(f"syndication: stopped by {e.name}; what was done so far is kept, the next "
                 "run goes on from there")
            return 128 + e.signum
        except KeyboardInterrupt:
            _say("syndication: interrupted; what was done so far is kept")
            return EXIT_INTERRUPTED


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when the parser of that command alone parses ``argv`` as
    the whole parser does: nothing but -v, -vv… or --verbose before it. None otherwise (-h,
    --version, no command or an unknown one: every command's parser is needed, for the list
    of commands or the error's)."""
    for arg in argv:
        if arg == "--verbose" or (arg.startswith("-v") and arg == "-" + "v" * (len(arg) - 1)):
            continue
        return arg if arg in _COMMANDS else None
    return None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what could not
    be written does not fail again ("Exception ignored … BrokenPipeError") at exit."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _say(line: str) -> None:
    """One line on stderr, control characters escaped and passwords redacted."""
    print(printable(line), file=sys.stderr)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM (kill, systemd, a container stopping) and SIGHUP (the terminal closed) stop the
    command as Ctrl-C does: the run's open transaction rolls back, the run is recorded as
    stopped, the lock is released; exit status 128 + the signal's number (143, 129)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread (a library caller)
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    handled = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    before = {s: signal.signal(s, stop) for s in handled}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _printable_stdout() -> Iterator[None]:
    """What commands print (titles, findings quoting pages, URLs) goes to the terminal with
    control characters escaped and passwords redacted (safetext.printable)."""
    raw = sys.stdout
    sys.stdout = _PrintableStream(raw)
    try:
        yield
    finally:
        sys.stdout = raw


class _PrintableStream:
    """A text stream that writes ``printable(text)`` to the stream it wraps."""

    def __init__(self, raw: TextIO):
        self._raw = raw

    def write(self, text: str) -> int:
        self._raw.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, encoding, isatty…: the wrapped stream's
        return getattr(self._raw, name)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments; a usage error of ``check --json`` is also printed as JSON on stdout."""
    if not ("check" in argv and "--json" in argv):
        return parser.parse_args(argv)
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            return parser.parse_args(argv)
    except SystemExit as e:
        sys.stderr.write(said.getvalue())
        if e.code == EXIT_USAGE:
            import json

            lines = said.getvalue().strip().splitlines()
            message = lines[-1] if lines else "usage error"
            print(json.dumps({"error": message}, ensure_ascii=False))
        raise


class _Parser(argparse.ArgumentParser):
    """argparse's own messages (usage errors quote the arguments as given) with control
    characters escaped, as every other line (add_subparsers makes its parsers this class)."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message) if message else message, file)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``command`` the parser of that one alone:
    argparse builds a help formatter for every argument it is given (measured: building all
    eight commands is 18 M instructions of `check`'s start-up); main() knows the command."""
    # -v is accepted before and after the command; SUPPRESS keeps the command's parser from
    # resetting a count given before it ("syndication -vv run"). No set_defaults here: the
    # parsers share this action, so a default would reach the command's parser too.
    common = _Parser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="count", default=argparse.SUPPRESS,
        help="-v: a summary of what was done; -vv: every step",
    )
    parser = _Parser(
        prog="syndication",
        description="Licence-compliant RSS and Atom feeds of The Conversation's Creative "
        "Commons articles.",
        parents=[common],
    )

    parser.add_argument("-V", "--version", action="version", version=f"syndication {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    for name, add in _COMMANDS.items():
        if command is None or name == command:
            add(sub, common)
    return parser


def _run_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "run", parents=[common],
        help="fetch the configured sources, check every article, write the feeds",
        description="The main job (run it from cron): fetch each source feed, republish and "
        "check every new or changed article, and write {name}.atom, {name}.rss and "
        "{name}.json for each [[feed]], and index.html, into the output directory. Silent "
        "when all is well; one line on stderr per failing source, article or file. On a "
        "terminal, a progress bar shows during long runs. Exit status: 0 all well, 1 some "
        "sources, articles or files failed (nothing published was lost), 2 configuration or "
        "usage error, 75 another run holds the lock (nothing was touched).",
    )
    _config_argument(p)
    p.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N",
        help="processes that republish and check new articles (default: [run] jobs, else "
        "one per CPU; 1: all in this process); runs with few new articles use one anyway",
    )
    p.set_defaults(command=cmd_run)


def _status_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "status", parents=[common],
        help="show the last run, each source's state and the article counts",
        description="Read the state database (without locking it or changing it) and show "
        "the last run's time and outcome, for each source its last success, last error and "
        "validators, robots.txt copies, and how many articles are published and refused.",
    )
    _config_argument(p)
    p.set_defaults(command=cmd_status)


def _demo_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "demo", parents=[common],
        help="run the pipeline on the recorded samples shipped with syndication (offline)",
        description="Serve the recorded pages of The Conversation that ship with syndication "
        "on 127.0.0.1 and run the same pipeline against them. Needs no network and no "
        "config file; prints where the feeds were written and the exact `serve` command "
        "that shows them (their links point at http://localhost:PORT/).",
    )
    p.add_argument("--output", type=Path, default=Path("feeds"), metavar="DIR",
                   help="where to write the demo feeds (default: ./feeds)")
    p.add_argument("--port", type=int, default=None, metavar="N",
                   help="the port you will serve them on: their links point there "
                   "(default: 8000, serve's own default)")
    p.set_defaults(command=cmd_demo)


def _serve_parser(sub: _Subparsers, common: _Parser) -> None:
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


def _check_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "check", parents=[common],
        help="check whether a page republishing an article of The Conversation complies",
        description="Judge a page where an article of The Conversation was republished (a URL "
        "or a file; HTML, or plain text checked as text only) rule by rule: licence, author "
        "and institution credit, link to the original, licence notice, page counter, "
        "unaltered text and title, images, safe HTML (docs/compliance.md explains each). "
        "The article is found within the page by its text; the original is read from "
        "--original, else fetched from The Conversation (the page's link to it or its "
        "counter gives the id). Exit status: 0 compliant, 1 not compliant, 2 usage or "
        "input error, 3 no rule failed but some could not be checked.",
    )
    p.add_argument("page", metavar="PAGE",
                   help="URL or file of the republished page (- reads it from standard input)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--original", metavar="SOURCE",
                       help="URL or file of the original: an Atom feed holding the entry, "
                       "or the article page on The Conversation")
    which.add_argument("--no-original", action="store_true",
                       help="judge the page alone: rules that need the original are reported "
                       "as not checked")
    p.add_argument("--json", action="store_true",
                   help='print {"compliant", "article", "findings": [{"rule", "ok", '
                   '"detail"}]} (ok and compliant are null for what was not checked), or '
                   '{"error"} on exit 2')
    p.add_argument("--conversation-url", metavar="URL", default=None,
                   help=f"where to fetch originals from (default: {TC_HOME};"
                   " a mirror, or a local server in tests)")
    p.add_argument("--config", metavar="PATH", default=None,
                   help="take [fetch] (User-Agent, timeouts, size cap) from this config file")
    p.set_defaults(command=cmd_check)


def _audit_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "audit", parents=[common],
        help="check every page of a site that republishes an article of The Conversation",
        description="Find the pages of a site that republish articles of The Conversation "
        "(from the site's address, whose sitemaps, feeds or home page links are discovered; "
        "its RSS or Atom feed, its sitemap.xml or sitemap index, a page URL, a local "
        "file of any of these, or @FILE listing one URL a line) and judge each as `check` "
        "does, fetching each original once from The Conversation, politely (robots.txt, "
        "min_interval, one request at a time per host). Prints a table of the pages, their "
        "verdicts and failing rules, then what each failing page must fix. Exit status: 0 "
        "every page compliant, 1 some page not compliant, 2 no page could be judged (one "
        "line says why) or a usage error, 3 none failed but some could not be checked.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="a site's address (https://news.example.org/), a feed, sitemap or "
                   "page (URL or file), or @FILE of URLs")
    p.add_argument("--json", action="store_true",
                   help="print JSON Lines: one object per page (the shape of check --json, "
                   "plus url), then one summary object")
    p.add_argument("--conversation-url", metavar="URL", default=None,
                   help=f"where to fetch originals from (default: {TC_HOME};"
                   " a mirror, or a local server in tests)")
    p.add_argument("--report", metavar="FILE.html", type=Path, default=None,
                   help="also write one self-contained HTML page (works offline and with "
                   "scripts off): every page's verdict and evidence, the failures grouped by "
                   "rule with what to fix")
    p.add_argument("--state", metavar="FILE", type=Path, default=None,
                   help="an SQLite file kept between audits: unchanged pages and originals "
                   "are not judged again, and the output says what changed (newly failing, "
                   "fixed) since the last audit")
    p.add_argument("--max-pages", metavar="N", type=_pages, default=None,
                   help="read at most N pages (default 2000; 0: all of them), the most "
                   "recently modified first by the sitemaps' <lastmod>")
    p.add_argument("--config", metavar="PATH", default=None,
                   help="take [fetch] (User-Agent, min_interval, timeouts, size cap) from this "
                   "config file")
    p.set_defaults(command=cmd_audit)


def _pages(value: str) -> int:
    if not value.isascii() or not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of pages (0: all)")
    return int(value)


def _report_parser(sub: _Subparsers, common: _Parser) -> None:
    p = sub.add_parser(
        "report", parents=[common],
        help="list every article seen, published or refused, with the rules it failed",
        description="Every article the runs have seen, newest first: published or refused "
        "(and extracts refused), with the rules that failed and why, from the state "
        "database.",
    )
    _config_argument(p)
    p.add_argument("--json", action="store_true", help="print a JSON array, one per article")
    p.add_argument("--refused", action="store_true",
                   help="only articles (or extracts) that were refused or failed")
    p.set_defaults(command=cmd_report)


# Each command's parser, in the order `syndication --help` lists them.
_COMMANDS: dict[str, Callable[[_Subparsers, _Parser], None]] = {
    "run": _run_parser,
    "status": _status_parser,
    "demo": _demo_parser,
    "serve": _serve_parser,
    "check": _check_parser,
    "audit": _audit_parser,
    "report": _report_parser,
}


def _config_argument(p: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    p.add_argument(
        "--config", metavar="PATH", default=None,
        help="the config file (default: $SYNDICATION_CONFIG, else ./config.toml)",
    )


def _checks_files(args: argparse.Namespace) -> bool:
    """`check` of a file against a file (or none): nothing it loads logs (only the fetcher
    does, compliance/command.py), so it sets up no logging (tests/test_lazy_imports.py)."""
    if args.command is not cmd_check:
        return False
    return not is_web_url(args.page) and (
        args.no_original or (args.original is not None and not is_web_url(args.original)))


def _setup_logging(verbose: int) -> None:
    """Where the records of the modules that log go (logs.to_stderr)."""
    from .logs import to_stderr

    to_stderr(verbose)


def cmd_run(args: argparse.Namespace) -> int:
    from .config import load_config
    from .pipeline import run

    config = load_config(args.config)
    with _progress_bar(len(config.sources) + len(config.feeds)) as progress:
        report = run(config, progress=progress, jobs=args.jobs)
    return exit_status(report)


def _jobs(value: str) -> int:
    """--jobs N: a whole number from 1 to config.MAX_JOBS."""
    from .config import MAX_JOBS

    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_JOBS}, "
                                         f"got {value!r}")
    return n


def exit_status(report: RunReport) -> int:
    """0 when everything succeeded, 1 when a source, entry, article or feed file failed
    (each already printed as one line on stderr)."""
    return EXIT_OK if report.ok else EXIT_FAILURES


@contextlib.contextmanager
def _progress_bar(total: int) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal, shown only once a run has lasted
    PROGRESS_DELAY seconds; never in cron or a pipe. Log lines are printed above it."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from .logs import PACKAGE

    with (
        tqdm(total=total, file=sys.stderr, delay=PROGRESS_DELAY, leave=False,
             unit="step", dynamic_ncols=True) as bar,
        logging_redirect_tqdm(loggers=[PACKAGE]),
    ):
        def progress(done: int, total_now: int, what: str) -> None:
            if total_now != bar.total:  # a stage whose size is known only once it starts
                bar.reset(total=total_now)
            bar.set_postfix_str(printable(what[-40:]), refresh=False)  # a URL, a name
            bar.update(done - bar.n)

        yield progress


def cmd_status(args: argparse.Namespace) -> int:
    from .config import load_config
    from .status import render_status

    config = load_config(args.config)
    print(render_status(config), end="")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    import shlex

    from .demo import DEMO_PORT, demo_base_url, run_demo
    from .wording import count

    port = DEMO_PORT if args.port is None else args.port
    if not 1 <= port <= 65535:
        _say(f"syndication: --port {port}: must be 1-65535")
        return EXIT_USAGE
    output: Path = args.output.resolve()
    report = run_demo(output, port)
    published = sum(a.outcome.value == "published" for a in report.articles)
    print(f"syndication demo: {count(published, 'article')} published from "
          f"{count(len(report.sources), 'recorded source feed')}.")
    print(f"Feeds in {output}:")
    for path in sorted({*report.feeds_written, *report.feeds_unchanged}):
        print(f"  {path}")
    serve = shlex.join([*_command(), "serve", "--dir", str(output), "--port", str(port)])
    print(f"Preview them (their links point at {demo_base_url(port)}):\n  {serve}")
    return EXIT_OK if report.ok else EXIT_FAILURES


def _command() -> list[str]:
    """How to run this very syndication again: the script beside this Python (a venv's
    bin/ is not on PATH after the README's install), else ``python -m syndication``."""
    script = Path(sys.executable).parent / "syndication"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "syndication"]


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import DEFAULT_HOST, DEFAULT_PORT, make_server, server_url

    if args.dir is not None:
        directory: Path = args.dir
    else:
        from .config import load_config

        directory = load_config(args.config).site.output_dir
    if not directory.is_dir():
        _say(f"syndication: {directory}: no such directory (run `syndication run` or "
              "`syndication demo` first, or name the folder with --dir)")
        return EXIT_USAGE
    port = DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port <= 65535:
        _say(f"syndication: --port {port}: must be 0-65535")
        return EXIT_USAGE
    server = make_server(directory.resolve(), args.bind or DEFAULT_HOST, port)
    # One line on stdout, flushed: scripts (and the tests) read the address from it.
    print(f"Serving {directory.resolve()} on {server_url(server)} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt as e:  # Ctrl-C, or SIGTERM/SIGHUP (Stopped): one line, at once
        _say(f"syndication serve: stopped by {e.name if isinstance(e, Stopped) else 'Ctrl-C'}")
        return 128 + e.signum if isinstance(e, Stopped) else EXIT_INTERRUPTED
    finally:
        # The connections still open are left to their daemon threads, which end with the
        # process: nothing waits for a slow or silent client.
        server.server_close()
    return EXIT_OK


def _marks() -> tuple[str, str, str]:
    """✓ ✗ ? when the terminal can print them, else + x ?."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "+", "x", "?"
    return "✓", "✗", "?"


def cmd_check(args: argparse.Namespace) -> int:
    from .compliance.command import check_republication, verdict_json
    from .errors import FetchError, InputError

    try:
        fetch_config = _fetch_config(args.config)
        result = check_republication(
            args.page,
            original=args.original,
            use_original=not args.no_original,
            fetch_config=fetch_config,
            conversation_url=args.conversation_url or TC_HOME,
        )
    except (InputError, FetchError, ConfigError) as e:
        what = "configuration error: " if isinstance(e, ConfigError) else ""
        return _check_error(args.json, f"{what}{e}")
    verdict = result.verdict
    status = (EXIT_OK if verdict.compliant else EXIT_FAILURES if verdict.failed
              else EXIT_UNCHECKED)
    if args.json:
        import json

        print(json.dumps(verdict_json(verdict), ensure_ascii=False, indent=2))
        return status
    good, bad, unknown = _marks()
    ref = result.article
    about = f"article {ref.article_id} (from {ref.how})" if ref else "article id not found"
    print(f"{result.page}: {about}" + (" as plain text" if result.plain else ""))
    print(f"original: {result.original}" if result.original else
          "original: not used (--no-original)")
    width = max(len(f.rule) for f in verdict.findings)
    for f in verdict.findings:
        mark = good if f.ok else bad if f.ok is False else unknown
        print(f"  {mark} {f.rule:<{width}}  {f.detail}")
    if verdict.compliant:
        print("Compliant: every rule passed.")
    elif verdict.failed:
        rules = ", ".join(f.rule for f in verdict.failed)
        tail = f"; {len(verdict.unchecked)} not checked" if verdict.unchecked else ""
        print(f"Not compliant: {rules} failed{tail}.")
    else:
        rules = ", ".join(f.rule for f in verdict.unchecked)
        print(f"No rule failed, but {len(verdict.unchecked)} could not be checked: {rules}.")
    return status


def _check_error(as_json: bool, message: str) -> int:
    """An input or usage error of ``check``: one line on stderr, and with --json the same
    as ``{"error": …}`` on stdout, so a script reading stdout always gets JSON."""
    _say(f"syndication check: {message}")
    if as_json:
        import json

        print(json.dumps({"error": message}, ensure_ascii=False))
    return EXIT_USAGE


def _fetch_config(config_file: str | None) -> FetchConfig:
    """[fetch] of --config, else the defaults (config.FETCH_DEFAULTS)."""
    from .config import default_fetch_config, load_config

    if config_file:
        return load_config(config_file).fetch
    return default_fetch_config()


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import run_audit
    from .audit.output import EXIT_NOTHING_JUDGED, error_lines, exit_status, json_lines, table
    from .audit.report import render_html

    fetch_config = _fetch_config(args.config)
    try:
        with _progress_bar(0) as progress:
            report = run_audit(args.sources, fetch_config=fetch_config,
                               conversation_url=args.conversation_url or TC_HOME,
                               state=args.state, progress=progress,
                               **({} if args.max_pages is None
                                  else {"max_pages": args.max_pages}))
    except StorageError as e:  # --state names something that is no audit state database
        _say(f"syndication audit: {e}")
        return EXIT_NOTHING_JUDGED
    status = exit_status(report)
    if args.report is not None:
        _write_report(args.report, render_html(report, generated=utc.now(),
                                               sources=args.sources))
    if args.json:
        for line in json_lines(report):
            print(line)
    else:
        for line in table(report, _marks()):
            print(line)
    for line in error_lines(report):  # each SOURCE unread once; why nothing was judged
        _say(f"syndication audit: {line}")
    return status


def _write_report(path: Path, html: str) -> None:
    """Write the audit's HTML report whole or not at all, as the feeds are written: a
    temporary file of a name only syndication makes, renamed (a user's own
    ``.report.html.tmp`` beside it is never overwritten)."""
    from .output import write_if_changed

    write_if_changed(path, html.encode("utf-8"))


def cmd_report(args: argparse.Namespace) -> int:
    from .config import load_config
    from .models import Outcome
    from .store import Store

    config = load_config(args.config)
    if not config.site.state_file.exists():
        print(f"No article seen yet: no state database at {config.site.state_file}.")
        return EXIT_OK
    with Store(config.site.state_file) as store:
        articles = store.articles()
        extracts: dict[int, list[tuple[int, str, list[str], str]]] = {}
        for x in store.extracts():
            if x.current:
                extracts.setdefault(x.article_id, []).append(
                    (x.paragraphs, str(x.status), [f.rule for f in x.findings if f.ok is not True],
                     x.reason))
    rows = []
    for a in articles:
        mine = extracts.get(a.article_id, [])
        bad = a.status is not Outcome.PUBLISHED or any(s != "published" for _p, s, _r, _w in mine)
        if args.refused and not bad:
            continue
        rows.append((a, mine))
    if args.json:
        import json

        print(json.dumps([{
            "article": a.article_id,
            "title": a.title,
            "url": a.url,
            "status": str(a.status),
            "failed": [f.rule for f in a.findings if f.ok is not True],
            "reason": a.reason,
            "last_checked": utc.timestamp(a.last_checked),
            "extracts": [{"paragraphs": p, "status": s, "failed": r, "reason": w}
                         for p, s, r, w in mine],
        } for a, mine in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No article refused." if args.refused else "No article seen yet.")
        return EXIT_OK
    for a, mine in rows:
        failed = [f.rule for f in a.findings if f.ok is not True]
        print(f"{a.status!s:<9} {a.article_id:>7}  {a.title}")
        if a.status is not Outcome.PUBLISHED:  # the reason names each failing rule
            print(f"{'':19}{a.reason or ', '.join(failed)}")
        for _p, s, r, w in mine:
            if s != "published":
                print(f"{'':19}{w or ', '.join(r)}")
    counts: dict[str, int] = {}
    for a, _mine in rows:
        counts[str(a.status)] = counts.get(str(a.status), 0) + 1
    print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    return EXIT_OK
