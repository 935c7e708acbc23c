"""The only reader of config.toml and of the environment: validates everything at start and
returns a frozen Config, or raises ConfigError naming the file, the key and the problem."""

from __future__ import annotations

import codecs
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from ._version import __version__
from .conversation import ARTICLE_REF, TC_HOME
from .errors import ConfigError
from .lazyre import lazy_compile
from .models import Selection
from .safetext import FORBIDDEN
from .urls import host_of, is_web_url, joined

#: Environment variable naming the config file when --config is not given.
CONFIG_ENV = "SYNDICATION_CONFIG"
DEFAULT_CONFIG = "config.toml"
# A feed name becomes a file name in output_dir: no separators, no "..", nothing hidden.
_FEED_NAME = lazy_compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MODES = ("full", "extract")  # [[feed]] mode; the first is the default
MAX_JOBS = 256  # [run] jobs and --jobs: more processes than this is a typo
KEEP_DAYS = 30  # [site] keep_days by default: a month of originals, beyond every feed's window
MAX_ENTRIES = 50  # [[feed]] max_entries by default
PARAGRAPHS = 3  # [[feed]] paragraphs by default: an extract's length
# The longest Retry-After the fetcher obeys: a day. A longer one (a mistake, or 10**20
# seconds, or the year 9999) would leave a source unread for good; a request a day stays
# polite. Here, not in fetch.py, as `syndication status` reads it too and fetches nothing
# (fetch.py loads requests).
MAX_RETRY_AFTER = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str  # [site] title: shown as the feeds' publisher
    base_url: str  # [site] base_url: public URL of output_dir, ends with "/"
    output_dir: Path  # [site] output_dir, resolved against the config file's folder
    state_file: Path  # [site] state_file, resolved likewise
    # [site] icon / logo: absolute URLs of the feeds' square icon and 2:1 logo
    # (docs/feeds.md#what-our-feeds-carry); None: the generic feed icon and logo syndication writes
    # into output_dir
    icon: str | None = None
    logo: str | None = None
    # [site] keep_days: an article last checked longer ago than this and in no feed's window
    # keeps its id, verdict, dates and hashes but loses its original and republication
    # (README, Retention)
    keep_days: int = KEEP_DAYS


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """[fetch], its defaults defined here once: the config file, ``syndication check`` without
    one, and the demo all start from them."""

    # [fetch] user_agent: names us and a contact URL (docs/the-conversation.md#robots-and-manners)
    user_agent: str
    min_interval: float = 1.0  # [fetch] min_interval: seconds between two requests to one host
    timeout: float = 20.0  # [fetch] timeout: seconds for connecting, and for the whole response
    max_bytes: int = 10_000_000  # [fetch] max_bytes: a response larger than this is refused
    retries: int = 2  # [fetch] retries: further tries after a network error, 5xx or 429
    backoff: float = 2.0  # [fetch] backoff: seconds before the first retry, doubled each time
    # [fetch] max_wait: the longest we wait for one retry (Retry-After or backoff); a server
    # asking for longer is left alone until a later run
    max_wait: float = 120.0


#: The User-Agent of commands run without a config file (``syndication check``, the demo):
#: this version of syndication, and where to read about it.
DEFAULT_USER_AGENT = f"syndication/{__version__} (+https://pypi.org/project/syndication/)"
#: [fetch] as the defaults give it.
FETCH_DEFAULTS = FetchConfig(user_agent=DEFAULT_USER_AGENT)


@dataclass(frozen=True, slots=True)
class RunConfig:
    # [run] jobs: processes that republish and check articles; None: one per CPU; 1: all in
    # the process of the run (`syndication run --jobs N` overrides it)
    jobs: int | None = None


@dataclass(frozen=True, slots=True)
class FeedConfig:
    name: str  # [[feed]] name -> {output_dir}/{name}.atom, .rss and .json
    title: str  # [[feed]] title
    sources: tuple[str, ...]  # [[feed]] sources: Atom feed URLs of The Conversation
    max_entries: int  # [[feed]] max_entries: newest entries kept in the feed
    description: str  # [[feed]] description: the feed's subtitle ("": the credit alone)
    language: str | None = None  # [[feed]] language, e.g. "en"; default: the entries' own
    mode: str = MODES[0]  # [[feed]] mode: "full" articles, or "extract" (first paragraphs)
    paragraphs: int = PARAGRAPHS  # [[feed]] paragraphs: how many an extract carries
    # [[feed]] keywords, exclude_keywords, authors, articles: what the feed takes
    selection: Selection = field(default_factory=Selection)
    # [[feed]] permission: the written permission relied on to take a whole edition unselected
    permission: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    path: Path  # the file this was read from
    site: SiteConfig
    fetch: FetchConfig
    feeds: tuple[FeedConfig, ...]
    run: RunConfig = field(default_factory=RunConfig)

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Hosts the configuration names: the only ones a run may contact."""
        return frozenset(
            host_of(u) for feed in self.feeds for u in feed.sources
        )

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source URL once, in the order the feeds name them."""
        return tuple(dict.fromkeys(u for feed in self.feeds for u in feed.sources))


def default_fetch_config(user_agent: str = DEFAULT_USER_AGENT) -> FetchConfig:
    """[fetch] as the defaults give it, for commands that need no config file
    (``syndication check``); ``user_agent`` must name the tool and a contact
    (docs/the-conversation.md#robots-and-manners)."""
    return replace(FETCH_DEFAULTS, user_agent=user_agent)


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The config file to read: --config, else $SYNDICATION_CONFIG, else ./config.toml."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    return Path(DEFAULT_CONFIG)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read and validate a config file (see the commented config.toml)."""
    file = config_path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError as e:
        raise ConfigError("file not found", path=file) from e
    except OSError as e:
        raise ConfigError(f"cannot read: {e.strerror}", path=file) from e
    if raw.startswith(codecs.BOM_UTF8):
        raise ConfigError("starts with a byte-order mark (BOM), which TOML does not allow: "
                          "save it as UTF-8 without BOM", path=file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ConfigError(f"line {line}: byte 0x{raw[e.start]:02x} is not UTF-8 (TOML files are "
                          "UTF-8): save it as UTF-8", path=file) from e
    # Deferred: `check PAGE` reads no config file unless --config names one, and importing
    # tomllib costs it 9 M instructions of its 790 M (callgrind):
    # tests/test_lazy_imports.py::test_checking_files_reads_no_toml.
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=file) from e
    return parse_config(data, file)


def parse_config(data: Mapping[str, Any], file: Path) -> Config:
    """Validate an already-decoded config; ``file`` is named in errors and anchors paths."""
    v = _Validator(file)
    v.only(data, "", {"site", "fetch", "feed", "run"})
    _no_forbidden_characters(v, data, "")
    site_t = v.table(data, "site", required=True)
    fetch_t = v.table(data, "fetch", required=False)
    run_t = v.table(data, "run", required=False)
    here = file.parent

    v.only(site_t, "site", {"title", "base_url", "output_dir", "state_file", "icon", "logo",
                            "keep_days"})
    base_url = v.get(site_t, "site.base_url", str, required=True)
    if not is_web_url(base_url):
        v.fail("site.base_url", f"must be an absolute http(s) URL, got {base_url!r}")
    if not base_url.endswith("/"):
        base_url += "/"
    site = SiteConfig(
        title=v.get(site_t, "site.title", str, required=True, nonempty=True),
        base_url=base_url,
        output_dir=here / v.get(site_t, "site.output_dir", str, default="feeds", nonempty=True),
        state_file=here
        / v.get(site_t, "site.state_file", str, default="syndication.sqlite3", nonempty=True),
        icon=_image_url(v, site_t, "site.icon", base_url),
        logo=_image_url(v, site_t, "site.logo", base_url),
        keep_days=int(v.number(site_t, "site.keep_days", default=KEEP_DAYS, minimum=1,
                               maximum=36500, integer=True)),
    )
    _not_a_system_folder(v, site.output_dir)
    # output_dir is published as it is: the state database inside it would be public.
    if site.state_file.resolve().is_relative_to(site.output_dir.resolve()):
        v.fail("site.state_file", f"{str(site.state_file)!r} is inside site.output_dir, which "
               "is published: keep the state database elsewhere")

    v.only(fetch_t, "fetch", {"user_agent", "min_interval", "timeout", "max_bytes", "retries",
                              "backoff", "max_wait"})
    user_agent = v.get(fetch_t, "fetch.user_agent", str, required=True, nonempty=True)
    if not user_agent.isprintable() or not user_agent.isascii():
        v.fail("fetch.user_agent", "must be printable ASCII (it is sent as an HTTP header)")
    if "http" not in user_agent and "@" not in user_agent:
        v.fail("fetch.user_agent", "must carry a contact URL or address, e.g. "
               "'syndication (+https://example.org/contact)' "
               "(docs/the-conversation.md#robots-and-manners)")
    d = FETCH_DEFAULTS
    fetch = FetchConfig(
        user_agent=user_agent,
        min_interval=v.number(fetch_t, "fetch.min_interval", default=d.min_interval, minimum=0.0,
                              maximum=3600.0),
        timeout=v.number(fetch_t, "fetch.timeout", default=d.timeout, minimum=0.1, maximum=600.0),
        max_bytes=int(v.number(fetch_t, "fetch.max_bytes", default=d.max_bytes, minimum=1024,
                               integer=True)),
        retries=int(v.number(fetch_t, "fetch.retries", default=d.retries, minimum=0, maximum=10,
                             integer=True)),
        backoff=v.number(fetch_t, "fetch.backoff", default=d.backoff, minimum=0.0, maximum=3600.0),
        max_wait=v.number(fetch_t, "fetch.max_wait", default=d.max_wait, minimum=0.0,
                          maximum=86400.0),
    )

    v.only(run_t, "run", {"jobs"})
    run = RunConfig(jobs=int(v.number(run_t, "run.jobs", default=0, minimum=0, maximum=MAX_JOBS,
                                      integer=True)) or None)

    feeds_raw = data.get("feed")
    if isinstance(feeds_raw, dict):
        v.fail("feed", "must be an array of tables: write [[feed]], not [feed]")
    if not isinstance(feeds_raw, list) or not feeds_raw:
        v.fail("feed", "at least one [[feed]] table is required")
    feeds = []
    seen: set[str] = set()
    for i, raw in enumerate(feeds_raw):
        feeds.append(_feed(v, raw, f"feed[{i}]", seen))
    return Config(path=file, site=site, fetch=fetch, feeds=tuple(feeds), run=run)


def _feed(v: _Validator, raw: Any, where: str, seen: set[str]) -> FeedConfig:
    if not isinstance(raw, dict):
        v.fail(where, "must be a table ([[feed]])")
    v.only(raw, where, {"name", "title", "sources", "max_entries", "description", "language",
                        "mode", "paragraphs", "keywords", "exclude_keywords", "authors",
                        "articles", "permission"})
    name = v.get(raw, f"{where}.name", str, required=True)
    if "/" in name or "\\" in name or name.startswith("."):
        v.fail(f"{where}.name", f"{name!r} would write outside output_dir or a hidden file: "
               "a feed name is a plain file name")
    if not _FEED_NAME.match(name):
        v.fail(f"{where}.name", f"{name!r} must be 1-64 letters, digits, '-' or '_' "
               "(it becomes a file name in output_dir)")
    # Compared without case: on a case-insensitive disk "News" and "news" are one file.
    if name.lower() in seen:
        v.fail(f"{where}.name", f"duplicate feed name {name!r} (names must differ by more "
               "than case: each becomes a file name)")
    seen.add(name.lower())
    sources = v.get(raw, f"{where}.sources", list, required=True)
    if not sources:
        v.fail(f"{where}.sources", "must name at least one Atom feed URL")
    for j, url in enumerate(sources):
        key = f"{where}.sources[{j}]"
        if not isinstance(url, str):
            v.fail(key, "must be a string")
        if not is_web_url(url):
            v.fail(key, f"must be an absolute http(s) URL, got {url!r}")
    title = v.get(raw, f"{where}.title", str, required=True, nonempty=True)
    mode = v.get(raw, f"{where}.mode", str, default=MODES[0])
    if mode not in MODES:
        v.fail(f"{where}.mode", f'must be "full" or "extract", got {mode!r}')
    if "paragraphs" in raw and mode != "extract":
        v.fail(f"{where}.paragraphs", 'only used with mode = "extract" (the first paragraphs '
               "of each article, then a link to the rest)")
    paragraphs = int(v.number(raw, f"{where}.paragraphs", default=PARAGRAPHS, minimum=1,
                                integer=True))
    permission = v.get(raw, f"{where}.permission", str, default=None, nonempty=True)
    if permission is not None and not permission.strip():
        v.fail(f"{where}.permission", "must say what permission you hold")
    return FeedConfig(
        name=name,
        title=title,
        sources=tuple(dict.fromkeys(sources)),
        max_entries=int(v.number(raw, f"{where}.max_entries", default=MAX_ENTRIES, minimum=1,
                                 integer=True)),
        # none: the feed's subtitle is the credit alone, in its language (publish.subtitle)
        description=v.get(raw, f"{where}.description", str, default=""),
        language=v.get(raw, f"{where}.language", str, default=None, nonempty=True),
        mode=mode,
        paragraphs=paragraphs,
        selection=Selection(
            keywords=v.words(raw, f"{where}.keywords"),
            exclude_keywords=v.words(raw, f"{where}.exclude_keywords"),
            authors=v.words(raw, f"{where}.authors"),
            articles=_articles(v, raw, f"{where}.articles"),
        ),
        permission=permission.strip() if permission else None,
    )


def _image_url(v: _Validator, table: Mapping[str, Any], dotted: str, base_url: str) -> str | None:
    """An image for the feeds: an absolute http(s) URL, or a path resolved against base_url
    (a file you put in output_dir yourself). Feed readers fetch it from anywhere, so nothing
    local (file:, data:) and nothing scripted (javascript:) is accepted."""
    value: str | None = v.get(table, dotted, str, default=None, nonempty=True)
    if value is None:
        return None
    url = joined(base_url, value) or value
    if not is_web_url(url) or any(c.isspace() for c in url):
        v.fail(dotted, f"must be an http(s) URL or a path under base_url, got {value!r}")
    return url


def _articles(v: _Validator, raw: Mapping[str, Any], dotted: str) -> tuple[int, ...]:
    """[[feed]] articles: ids (123456 or "123456") or article URLs ending in -{id}."""
    ids: list[int] = []
    for j, item in enumerate(v.get(raw, dotted, list, default=[])):
        if isinstance(item, bool) or not isinstance(item, int | str):
            v.fail(f"{dotted}[{j}]", f"must be an article id or URL, got {item!r}")
        if isinstance(item, int):
            if item < 1:
                v.fail(f"{dotted}[{j}]", f"must be a positive article id, got {item}")
            ids.append(item)
            continue
        m = ARTICLE_REF.match(item.strip())
        if not m:
            v.fail(f"{dotted}[{j}]", f"{item!r} is neither an article id nor an article URL "
                   f"ending in -{{id}} ({TC_HOME}/{{slug}}-{{id}})")
        ids.append(int(m.group(1) or m.group(2)))
    return tuple(dict.fromkeys(ids))


# Folders syndication never writes its files into (nor removes files from): a typo or an
# empty variable in output_dir must not put feeds into / or the home folder itself.
SYSTEM_FOLDERS = frozenset(Path(p) for p in (
    "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root",
    "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local",  # noqa: S108  # refused, never used
    "/usr/share", "/var", "/var/lib", "/var/www", "/Users", "/Library", "/System",
    "/Applications"))


def _not_a_system_folder(v: _Validator, folder: Path) -> None:
    resolved = folder.resolve()
    home = Path.home().resolve()
    if resolved in SYSTEM_FOLDERS or resolved in (home, home.parent):
        v.fail("site.output_dir", f"{str(folder)!r} is {str(resolved)!r}, a system or home "
               "folder: give a folder of its own, e.g. ~/feeds or /var/www/feeds")


def _no_forbidden_characters(v: _Validator, value: object, where: str) -> None:
    """Every string of the file ends up in the feeds, the index page or a terminal line: a
    character XML 1.0 forbids (a TOML escape such as "\\u0007" or "\\uFFFF") would make
    every feed unwritable on every run, so it is refused here, naming the key."""
    if isinstance(value, str):
        m = FORBIDDEN.search(value)
        if m is not None:
            v.fail(where, f"holds U+{ord(m.group()):04X} at character {m.start() + 1}, a control "
                   "character or one XML 1.0 forbids: remove it")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            dotted = f"{where}.{key}" if where else str(key)
            _no_forbidden_characters(v, key, dotted)
            _no_forbidden_characters(v, item, dotted)
    elif isinstance(value, list):
        for j, item in enumerate(value):
            _no_forbidden_characters(v, item, f"{where}[{j}]")


class _Validator:
    """Small helpers that raise ConfigError naming the file and the dotted key."""

    def __init__(self, file: Path):
        self.file = file

    def fail(self, key: str, message: str) -> NoReturn:
        raise ConfigError(message, path=self.file, key=key or None)

    def only(self, table: Mapping[str, Any], where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                dotted = f"{where}.{key}" if where else key
                self.fail(dotted, f"unknown key (expected one of: {', '.join(sorted(allowed))})")

    def table(self, data: Mapping[str, Any], key: str, *, required: bool) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(key, f"missing [{key}] table")
            return {}
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        table: Mapping[str, Any] = value
        return table

    def get(self, table: Mapping[str, Any], dotted: str, kind: type, *, required: bool = False,
            default: Any = None, nonempty: bool = False) -> Any:
        key = dotted.rsplit(".", 1)[-1]
        if key not in table:
            if required:
                self.fail(dotted, "missing")
            return default
        value = table[key]
        if not isinstance(value, kind):
            self.fail(dotted, f"must be a {_KIND_NAMES.get(kind, kind.__name__)}, "
                      f"got {type(value).__name__} {value!r}")
        if nonempty and not (value.strip() if isinstance(value, str) else value):
            self.fail(dotted, "must not be empty")
        return value

    def words(self, table: Mapping[str, Any], dotted: str) -> tuple[str, ...]:
        """A list of non-empty strings (keywords, authors)."""
        items = self.get(table, dotted, list, default=[])
        out = []
        for j, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{dotted}[{j}]", f"must be a non-empty string, got {item!r}")
            out.append(item.strip())
        return tuple(dict.fromkeys(out))

    def number(self, table: Mapping[str, Any], dotted: str, *, default: float, minimum: float,
               maximum: float | None = None, integer: bool = False) -> float:
        key = dotted.rsplit(".", 1)[-1]
        value = table.get(key, default)
        ok: Callable[[Any], bool] = (
            (lambda x: isinstance(x, int)) if integer else (lambda x: isinstance(x, int | float))
        )
        if isinstance(value, bool) or not ok(value):
            kind = "whole number" if integer else "number"
            self.fail(dotted, f"must be a {kind}, got {type(value).__name__} {value!r}")
        if isinstance(value, int) and abs(value) > MAX_INTEGER:
            self.fail(dotted, f"must be at most {MAX_INTEGER}, got {value}")
        if not math.isfinite(value):
            self.fail(dotted, f"must be a finite number, got {value!r}")
        if value < minimum:
            self.fail(dotted, f"must be at least {minimum:g}, got {value!r}")
        if maximum is not None and value > maximum:
            self.fail(dotted, f"must be at most {maximum:g}, got {value!r}")
        return float(value)


# The largest whole number a setting may be: SQLite's LIMIT and Python's float() take it; a
# larger one (10**20) is a typo, not a setting.
MAX_INTEGER = 2**31 - 1
_KIND_NAMES = {str: "string", list: "list", dict: "table", int: "whole number"}
