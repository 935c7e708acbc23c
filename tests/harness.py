"""What the operations tests share: a loopback "theconversation.com" serving the recorded
feeds and robots.txt, configs written to real files, feed variants made in memory (whole
entries kept or left out, never an edited word), and the invariants a run must keep."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import feedparser
from lxml import etree
from lxml import html as lxml_html

from syndication import cli
from syndication.config import Config, load_config
from syndication.errors import LockedError
from syndication.models import RunReport
from syndication.pipeline import run
from syndication.store import Store

from .conftest import ENV_FEED, FR_FEED, SAMPLES
from .server import LoopbackServer, Reply

ENV_PATH = "/us/environment/articles.atom"
# a section: an edition feed must select (docs/compliance.md#rule-selective)
FR_PATH = "/fr/environnement/articles.atom"
ROBOTS = SAMPLES / "tc-robots.txt"  # the recorded robots.txt: feeds allowed for "*"
ENV_ID = 263253
FR_IDS = (212649, 209538)
AGENT = "syndication-tests"  # the product token of the tests' User-Agent
ROOT = Path(__file__).parents[1]
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def split_feed(data: bytes) -> tuple[bytes, list[bytes], bytes]:
    """A feed's bytes as (head, [each <entry>…</entry> with its indentation], tail)."""
    head, _, rest = data.partition(b"  <entry>")
    parts = (b"  <entry>" + rest).split(b"  </entry>\n")
    entries = [p + b"  </entry>\n" for p in parts[:-1]]
    return head, entries, parts[-1]


def feed_with(data: bytes, keep: Callable[[int], bool]) -> bytes:
    """The feed with only the entries whose position ``keep`` accepts: whole entries left
    out, every kept byte as recorded."""
    head, entries, tail = split_feed(data)
    return head + b"".join(e for i, e in enumerate(entries) if keep(i)) + tail


FR_FIRST_ONLY = feed_with(FR_FEED.read_bytes(), lambda i: i == 0)  # 212649 alone
FR_BOTH = FR_FEED.read_bytes()
ENV = ENV_FEED.read_bytes()


@dataclass
class Site:
    """The loopback stand-in for The Conversation, and a config pointing at it."""

    server: LoopbackServer
    tmp: Path
    fetch: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.normal(fr=FR_FIRST_ONLY)

    def normal(self, *, fr: bytes = FR_BOTH, env: bytes = ENV) -> None:
        """Every path answering as The Conversation would."""
        self.server.routes.clear()
        self.server.serve("/robots.txt", ROBOTS, content_type="text/plain")
        self.server.serve(ENV_PATH, env)
        self.server.serve(FR_PATH, fr)

    def fault(self, path: str, reply: Reply) -> None:
        self.server.routes[path] = reply

    @property
    def env_url(self) -> str:
        return self.server.url(ENV_PATH)

    @property
    def fr_url(self) -> str:
        return self.server.url(FR_PATH)

    @property
    def out(self) -> Path:
        return self.tmp / "out"

    @property
    def state(self) -> Path:
        return self.tmp / "state.sqlite3"

    def config_path(self, **fetch: object) -> Path:
        settings: dict[str, object] = {
            "user_agent": f"{AGENT}/0.1 (+https://example.org/contact)",
            "min_interval": 0,
            "timeout": 2,
            "retries": 1,
            "backoff": 0.01,
            "max_wait": 30,
            **self.fetch,
            **fetch,
        }
        lines = [
            "[site]",
            'title = "Test publisher"',
            'base_url = "https://example.org/feeds/"',
            f'output_dir = "{self.out}"',
            f'state_file = "{self.state}"',
            "[fetch]",
            *(f"{k} = {v!r}".replace("'", '"') for k, v in settings.items()),
        ]
        for name, sources in (("env", [self.env_url]), ("fr", [self.fr_url]),
                              ("both", [self.env_url, self.fr_url])):
            lines += [
                "[[feed]]",
                f'name = "{name}"',
                f'title = "Feed {name}"',
                "sources = [" + ", ".join(f'"{u}"' for u in sources) + "]",
            ]
        path = self.tmp / "config.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def config(self, **fetch: object) -> Config:
        return load_config(self.config_path(**fetch))


@dataclass
class Outcome:
    """One run as cron would see it."""

    status: int
    stderr: str
    report: RunReport | None
    seconds: float
    waits: list[float]  # what the fetcher asked to sleep

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def drive(config: Config, capsys: object, *, verbose: int = 0,
          clock: Callable[[], datetime] | None = None) -> Outcome:
    """Run the real pipeline in this process as `syndication run` would (the CLI's logging
    and exit status), with the fetcher's sleeps recorded instead of slept."""
    waits: list[float] = []
    slept = [0.0]

    def sleep(seconds: float) -> None:  # recorded, not slept: time moves on all the same
        waits.append(round(seconds, 2))
        slept[0] += seconds

    def monotonic() -> float:
        return time.monotonic() + slept[0]

    cli._setup_logging(verbose)
    capsys.readouterr()  # type: ignore[attr-defined]
    started = time.monotonic()
    try:
        report: RunReport | None = (
            run(config, sleep=sleep, monotonic=monotonic, clock=clock) if clock
            else run(config, sleep=sleep, monotonic=monotonic))
        status = cli.exit_status(report)
    except Exception as e:  # the CLI's mapping of what escapes run()
        report = None
        status = cli.EXIT_LOCKED if isinstance(e, LockedError) else cli.EXIT_FAILURES
        print(f"syndication: {e}", file=sys.stderr)
    finally:
        logging.getLogger("syndication").handlers.clear()
    seconds = time.monotonic() - started
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    return Outcome(status, err, report, seconds, waits)


# --- invariants ---------------------------------------------------------------------------


def feed_ids(path: Path) -> set[int]:
    """The article ids a feed file carries; the file must be a valid, complete feed."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version in ("atom10", "rss20"), path
    return {int(e.id.rsplit("/", 1)[1]) for e in parsed.entries}


def all_feed_ids(out: Path) -> dict[str, set[int]]:
    """{file name: ids} for every feed file in ``out`` (each one checked valid)."""
    return {p.name: feed_ids(p) for p in sorted(out.glob("*.atom")) + sorted(out.glob("*.rss"))}


def assert_nothing_unverified(out: Path, state: Path) -> None:
    """Every entry in every feed is an article the database holds as published, carrying
    exactly the republication that passed the checker, and no active content at all."""
    with Store(state) as store:
        rows = {a.article_id: a for a in store.articles()}
        html = dict(store.db.execute("SELECT article_id, html FROM article_bodies"))
    files = sorted(out.glob("*.atom")) + sorted(out.glob("*.rss")) + sorted(out.glob("*.json"))
    for path in files:
        for n, content in entry_contents(path):
            assert rows[n].status == "published", (path, n, rows[n].status)
            assert content == html[n], (path, n)
            assert_inert(content)


def entry_contents(path: Path) -> list[tuple[int, str]]:
    """(article id, the entry's HTML content as the file carries it), read with lxml (or
    json for a JSON Feed)."""
    if path.suffix == ".json":
        items = json.loads(path.read_bytes())["items"]
        return [(int(i["id"].rsplit("/", 1)[1]), i["content_html"]) for i in items]
    root = etree.fromstring(path.read_bytes())
    if root.tag == f"{{{ATOM_NS}}}feed":
        return [(int(e.findtext(f"{{{ATOM_NS}}}id").rsplit("/", 1)[1]),
                 e.findtext(f"{{{ATOM_NS}}}content"))
                for e in root.iter(f"{{{ATOM_NS}}}entry")]
    return [(int(i.findtext("guid").rsplit("/", 1)[1]), i.findtext(f"{{{CONTENT_NS}}}encoded"))
            for i in root.iter("item")]


def assert_inert(content: str) -> None:
    """No script, event handler or javascript: URL (docs/compliance.md#rule-safe-html)."""
    doc = lxml_html.fromstring(f"<div>{content}</div>")
    assert not doc.xpath("//script | //iframe | //object | //embed | //form")
    for el in doc.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert "javascript:" not in value.lower().replace(" ", ""), (el.tag, name, value)


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """(mtime_ns, size, bytes) of every file below ``folder``: to prove nothing changed."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size, p.read_bytes())
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def db_consistent(state: Path) -> None:
    """SQLite's own checks, and every feed membership pointing at a stored article."""
    with Store(state) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = store.db.execute(
            "SELECT count(*) FROM article_sources WHERE article_id NOT IN "
            "(SELECT article_id FROM articles)").fetchone()
        assert orphans == (0,)


# --- the real command, in a process of its own --------------------------------------------


def start_cli(config_path: Path, *args: str) -> subprocess.Popen[str]:
    """`python -m syndication run --config PATH` as cron starts it: no TTY, own session."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNDICATION")}
    return subprocess.Popen(
        [sys.executable, "-m", "syndication", "run", "--config", str(config_path), *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=ROOT, env=env, start_new_session=True,
    )


def kill9(proc: subprocess.Popen[str]) -> bool:
    """SIGKILL the process; True when the signal ended it (False: it had just finished)."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    return proc.returncode == -signal.SIGKILL


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
