"""Benchmark syndication against the parsing floor and morss, on a recorded site served from
127.0.0.1 (see benchmarks/recorded_site.py for how the site is built from the real samples).

    .venv/bin/python benchmarks/run.py [--repeat 3] [--no-morss] [--readme]

The runs measured as subprocesses use the current tree installed as the README installs it:
``pip install .`` into a new venv (not editable; an editable install's import hook costs
every start some 10 ms that users don't pay). The venv's packages come from the package
registry as pip is set up; without one, this interpreter's install is measured, and the
table says which.

In one process run it measures:

1. cold runs, N = 500 articles in 20 sources (one [[feed]] per source, min_interval = 0), in
   the real-size mix (recorded_site.py): ``syndication run`` as a subprocess, so interpreter
   start and imports are included, with worker processes (the default) and with --jobs 1;
   each --repeat times, the median reported with the spread. Then the same cold run in this
   process (one process) with each stage's functions wrapped from here (nothing in the
   product is changed), for the share of time in fetch, parse (the source feed), the
   article step (parse the original, prepare, republish, check), store, publish and the
   rest (pipeline glue, hashing).
2. warm runs: ``syndication run`` again on the same state, every source answering 304: wall
   time including interpreter start, and the requests the server received; the same with
   every source answering 200 with nothing new (the common cron case: a feed moved on the
   server, and holds no article the state lacks); and
   ``syndication check PAGE --original FILE`` on a recorded article page (nothing fetched).
3. N = 2000 (80 sources of 25 entries): wall time and peak resident memory (the child's
   ru_maxrss from wait4: the largest process), with workers and with --jobs 1.
4. side by side, on the same articles in the same run: the article step in this process
   against the primitives it cannot do without (lxml parse, serialise, nh3, parse the
   result again, read both texts), and morss (its own venv, see --morss-python) in both its
   modes: ``--proxy`` (feed in, feed out: like for like) and full text (fetching each
   article page from the same server), each --repeat times.

It prints a table and writes benchmarks/results.json; ``--readme`` also puts the table in
README.md between the benchmark markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recorded_site import Server, Site, build, serving, verify

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results.json"
README = ROOT / "README.md"
# morss is measured from a venv of its own, built here on first use (pip install morss),
# or from the interpreter --morss-python names.
MORSS_VENV = Path.home() / ".cache" / "syndication-bench" / "venv-morss"
STAGES = ("fetch", "parse", "step", "store", "publish", "other")
MB = 1024 * 1024

# Targets (2-core machine, loopback, no delays).
TARGET_COLD_RATE = 500.0  # articles per second, end to end, startup included, workers
TARGET_SERIAL_RATE = 300.0  # the same with --jobs 1
TARGET_STEP_RATIO = 2.0  # the article step in process at most 2x the primitives it needs
TARGET_WARM_S = 0.2  # warm run of 20 sources, wall, interpreter start included
TARGET_CHECK_S = 0.15  # `check PAGE --original FILE`, wall, interpreter start included
TARGET_RSS_MB = 64.0  # peak resident memory at N = 2000
# `check PAGE`: a recorded article page (174 KB) against the feed holding it, both files.
CHECK_PAGE = ROOT / "tests" / "data" / "tc-samples" / "tc-article-209538-fr.html"
CHECK_ORIGINAL = ROOT / "syndication" / "samples" / "tc-feed-fr-built-2-entries.atom"


# --- subprocess runs ------------------------------------------------------------------------


def syndication_command(python: Path) -> list[str]:
    script = python.with_name("syndication")
    return [str(script)] if script.exists() else [str(python), "-m", "syndication"]


def install(folder: Path, log: Path) -> tuple[Path, str]:
    """The current tree installed as the README installs it (``pip install .`` into a new
    venv, not editable: an editable install adds an import hook that every start pays, some
    10 ms, and users don't). Falls back to this interpreter when that cannot be done (no
    package registry), and says which was measured."""
    venv = folder / "venv"
    python = venv / "bin" / "python"
    try:
        with log.open("ab") as err:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], stdout=err, stderr=err,
                           check=True)
            subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                            "--disable-pip-version-check", str(ROOT)],
                           stdout=err, stderr=err, check=True)
    except subprocess.CalledProcessError as e:
        print(f"warning: could not install the tree in a new venv ({e}):\n{_tail(log)}\n"
              f"measuring {sys.executable} instead", file=sys.stderr)
        return Path(sys.executable), f"this interpreter's install ({sys.prefix})"
    return python, "pip install . (a new venv, not editable)"


# Starts the measured command from a small interpreter (-S: no site packages), not from this
# one: a child's ru_maxrss starts at the RSS of the process it was forked from (Linux folds
# the pre-exec memory's high-water mark into it), and this process holds a whole site and a
# run in memory. The launcher's own RSS (~10 MB) is below any run's. It is the "subreaper"
# of what the command starts (Linux prctl PR_SET_CHILD_SUBREAPER): the fork server a run
# with workers leaves behind is handed to it when the run ends, and reaped, so that the CPU
# time of every process of the run is counted (the workers' too). It writes
# [wall s, maxrss KiB, cpu s (the run's process), cpu s (all its processes), exit status]
# to the file named first.
LAUNCHER = """
import ctypes, json, os, resource, sys, time
PR_SET_CHILD_SUBREAPER = 36
try:
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
except (OSError, AttributeError):
    pass  # not Linux: the workers' time is not counted
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
deadline = time.monotonic() + 30  # the fork server, reparented here, ends with the run
while time.monotonic() < deadline:
    try:
        if os.waitpid(-1, os.WNOHANG) == (0, 0):
            time.sleep(0.01)
    except ChildProcessError:
        break
everything = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump([wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime,
               everything.ru_utime + everything.ru_stime,
               os.waitstatus_to_exitcode(status)], out)
"""


def timed_child(argv: list[str], log: Path, env: dict[str, str] | None = None
                ) -> dict[str, float]:
    """Run ``argv``: its wall time (from fork to exit: interpreter start included), CPU
    time (its own, and of all the processes it started), peak RSS (MB) and exit status,
    from wait4 in a small launcher process."""
    result = log.with_name(f"{log.stem}-result.json")
    with log.open("ab") as err:
        subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(result),
                        shutil.which(argv[0]) or argv[0], *argv[1:]],
                       stdout=err, stderr=err, env=env, check=True)
    wall, maxrss_kib, cpu, cpu_all, status = json.loads(result.read_text())
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_all_s": cpu_all,
        "maxrss_mb": maxrss_kib * 1024 / MB,  # Linux reports KiB
        "exit": status,
    }


def write_config(folder: Path, base: str, site: Site) -> Path:
    """The benchmark's config: one [[feed]] per source, politeness delay zero."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "[site]",
        'title = "Benchmark"',
        'base_url = "https://example.org/feeds/"',
        'output_dir = "feeds"',
        'state_file = "state.sqlite3"',
        "[fetch]",
        'user_agent = "syndication-benchmark/0.1 (+https://example.org/contact)"',
        "min_interval = 0  # loopback: no politeness delay, we measure our own work",
        "timeout = 30",
    ]
    for k, path in enumerate(site.sources):
        lines += [
            "[[feed]]",
            f'name = "bench-{k:02d}"',
            f'title = "Benchmark feed {k:02d}"',
            f'sources = ["{base}{path}"]',
            "max_entries = 50",
        ]
    config = folder / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def outcomes(state_file: Path) -> dict[str, int]:
    from syndication.store import Store

    counts: dict[str, int] = {}
    with Store(state_file) as store:
        for a in store.articles():
            counts[str(a.status)] = counts.get(str(a.status), 0) + 1
    return counts


def feed_mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.*"))}


# --- stage attribution (in process) ---------------------------------------------------------


class StageClock:
    """Exclusive wall time per stage: entering a stage pauses the one it was called from, so
    the stages add up to the whole run; time in no stage is "other"."""

    def __init__(self) -> None:
        self.totals = dict.fromkeys(STAGES, 0.0)
        self.stack = ["other"]
        self.mark = time.perf_counter()

    def _switch(self) -> None:
        now = time.perf_counter()
        self.totals[self.stack[-1]] += now - self.mark
        self.mark = now

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._switch()
        self.stack.append(name)
        try:
            yield
        finally:
            self._switch()
            self.stack.pop()

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            with clock.stage(name):
                result = fn(*args, **kwargs)
            if hasattr(result, "__enter__") and hasattr(result, "__exit__") and \
                    type(result).__module__ == "contextlib":
                return _TimedContext(clock, name, result)  # e.g. Store.transaction()
            return result

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed


class _TimedContext:
    def __init__(self, clock: StageClock, name: str, cm: Any):
        self.clock, self.name, self.cm = clock, name, cm

    def __enter__(self) -> Any:
        with self.clock.stage(self.name):
            return self.cm.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        with self.clock.stage(self.name):
            return self.cm.__exit__(*exc)


STAGE_OF_MODULE = {
    "syndication.fetch": "fetch",
    "syndication.source": "parse",
    # the article step: parse the original once, prepare, republish, check
    "syndication.step": "step",
    "syndication.store": "store",
    "syndication.publish": "publish",
    "syndication.index": "publish",
}


def pipeline_imports() -> dict[str, set[str]]:
    """What syndication.pipeline imports from each stage module, at the top or inside its
    functions (read from its source, so refactors are followed): module -> names."""
    import ast

    import syndication.pipeline as pipeline

    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(Path(pipeline.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.setdefault(f"syndication.{node.module}", set()).update(
                a.name for a in node.names)
    return found


@contextmanager
def instrumented(clock: StageClock) -> Iterator[None]:
    """Wrap, for the duration, exactly what the pipeline calls in the stage modules: each
    name it imports from them, in the module and in the pipeline's namespace (a class:
    its methods). Nothing else is touched, so calls inside a stage cost what they cost."""
    import importlib

    import syndication.pipeline as pipeline

    undo: list[Callable[[], None]] = []

    def patch(owner: Any, attr: str, stage: str) -> None:
        original = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
        setattr(owner, attr, clock.wrap(stage, original))
        undo.append(lambda: setattr(owner, attr, original))

    for module_name, names in pipeline_imports().items():
        stage = STAGE_OF_MODULE.get(module_name)
        if stage is None:
            continue
        module = importlib.import_module(module_name)
        for name in sorted(names):
            obj = getattr(module, name)
            if isinstance(obj, type):
                if hasattr(obj, "__dataclass_fields__"):  # records are not work
                    continue
                for attr, member in list(vars(obj).items()):
                    if callable(member) and (not attr.startswith("__") or attr == "__init__"):
                        patch(obj, attr, stage)
            elif callable(obj):
                patch(module, name, stage)
                if getattr(pipeline, name, None) is obj:  # imported at the top
                    patch(pipeline, name, stage)
    try:
        yield
    finally:
        for u in reversed(undo):
            u()


def stage_shares(config_path: Path) -> dict[str, Any]:
    from syndication.config import load_config
    from syndication.pipeline import run

    config = load_config(config_path)
    clock = StageClock()
    with instrumented(clock):
        start = time.perf_counter()
        clock.mark = start
        report = run(config, jobs=1)  # the shares of one process's work
        clock._switch()
        total = time.perf_counter() - start
    return {
        "total_s": total,
        "seconds": clock.totals,
        "shares": {k: v / total for k, v in clock.totals.items()},
        "ok": report.ok,
    }


# --- the parsing floor and morss ------------------------------------------------------------


def site_articles(site: Site) -> list[Any]:
    from syndication.source import parse_feed

    return [a for path in site.sources
            for a in parse_feed((site.folder / path.lstrip("/")).read_bytes(), path).articles]


def primitives(site: Site, repeat: int) -> dict[str, float]:
    """What the article step cannot do without, per article, in C: parse the body once
    (lxml), serialise it, sanitise it (nh3), parse the published bytes again and read the
    text of both trees once (itertext). Best of ``repeat``."""
    import lxml.html
    import nh3

    bodies = [a.content for a in site_articles(site)]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for body in bodies:
            root = lxml.html.fragment_fromstring(body, create_parent="div")
            html = nh3.clean(lxml.html.tostring(root, encoding="unicode"))
            again = lxml.html.fragment_fromstring(html, create_parent="div")
            "".join(root.itertext()) == "".join(again.itertext())  # noqa: B015 -- the work
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "ms_per_article": 1000 * best / len(bodies),
            "mean_body_bytes": statistics.mean(len(b.encode()) for b in bodies)}


def step_in_process(site: Site, repeat: int) -> dict[str, float]:
    """The article step (step.process: parse, prepare, republish, check), in this process,
    on every article of the site. Best of ``repeat``."""
    from syndication.step import process

    articles = site_articles(site)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for a in articles:
            process(a, True, (), ("benchmark",))
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "ms_per_article": 1000 * best / len(articles)}


MORSS_DRIVER = r"""
import json, sys, time
t0 = time.perf_counter()
from morss.morss import FeedFetch, FeedFormat, FeedGather, Options
imported = time.perf_counter() - t0
proxy = sys.argv[1] == "proxy"
items = filled = chars = 0
for url in sys.argv[2:]:
    options = Options({"format": "rss", "proxy": proxy})
    final, rss = FeedFetch(url, options)
    rss = FeedGather(rss, final, options)
    out = FeedFormat(rss, options, "unicode")
    chars += len(out)
    for item in rss.items:
        items += 1
        filled += len(item.content or "") > 2000
print(json.dumps({"import_s": imported, "items": items, "full_text_items": filled,
                  "output_chars": chars}))
"""


def morss_python(given: Path | None, log: Path) -> Path | None:
    """The interpreter with morss: --morss-python, else the cache's venv, built on first use
    (pip install morss from the package registry). None when it cannot be had."""
    if given is not None:
        return given
    python = MORSS_VENV / "bin" / "python"
    if python.exists():
        return python
    try:
        with log.open("ab") as err:
            subprocess.run([sys.executable, "-m", "venv", str(MORSS_VENV)], stdout=err,
                           stderr=err, check=True)
            subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                            "--disable-pip-version-check", "morss"], stdout=err, stderr=err,
                           check=True)
    except subprocess.CalledProcessError:
        shutil.rmtree(MORSS_VENV, ignore_errors=True)
        return None
    return python


def run_morss(python: Path | None, base: str, site: Site, proxy: bool,
              log: Path) -> dict[str, Any]:
    if python is None or not python.exists():
        return {"error": f"morss is not installed (no {MORSS_VENV} and pip could not build it;"
                         " name an interpreter with --morss-python)"}
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "CACHE"}
    # morss fills only 5 items within 2 s by default: lift its caps so it does every one.
    env.update(MAX_ITEM="-1", LIM_ITEM="-1", MAX_TIME="-1", LIM_TIME="-1", TIMEOUT="30")
    out = log.with_suffix(".out")
    urls = [base + p for p in site.morss_sources]
    with out.open("wb") as fh, log.open("ab") as err:
        start = time.perf_counter()
        proc = subprocess.run([str(python), "-c", MORSS_DRIVER, "proxy" if proxy else "full",
                               *urls], stdout=fh, stderr=err, env=env, check=False)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or ["?"]
        return {"error": f"morss exited {proc.returncode}: {tail[0]}"}
    result: dict[str, Any] = json.loads(out.read_text().strip().splitlines()[-1])
    result.update(wall_s=wall, ms_per_article=1000 * wall / site.n, items_in=site.n)
    return result


# --- report ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                            capture_output=True, text=True, check=False).stdout.strip()
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def warm_changed(cmd: list[str], config: Path, server: Server, site: Site, repeat: int,
                 log: Path) -> dict[str, Any]:
    """``repeat`` warm runs in which every source answers 200 with what the state already
    holds: before each, every source file's modification time is moved a second past the
    last one, so that the server's Last-Modified is newer than the run's If-Modified-Since
    (the stdlib's handler answers 304 otherwise)."""
    files = [site.folder / source.lstrip("/") for source in site.sources]
    feeds = config.parent / "feeds"
    stamp = max(f.stat().st_mtime for f in files)
    runs, requests, rewritten = [], [], []
    before_files = feed_mtimes(feeds)
    for _ in range(repeat):
        stamp += 1
        for f in files:
            os.utime(f, (stamp, stamp))
        before = server.requests
        runs.append(timed_child([*cmd, "run", "--config", str(config)], log))
        requests.append(server.requests - before)
        after = feed_mtimes(feeds)
        rewritten.append(sum(after[k] != before_files.get(k) for k in after))
        before_files = after
    out = median_run(runs)
    out.update(requests=max(requests), sources=len(site.sources),
               feed_files_rewritten=max(rewritten))
    return out


def median_run(runs: list[dict[str, float]]) -> dict[str, Any]:
    """The median of each figure, and the wall times' spread (every run's, in order)."""
    out: dict[str, Any] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    out["exit"] = max(r["exit"] for r in runs)
    out["runs"] = [round(r["wall_s"], 3) for r in runs]
    return out


def spread(runs: list[float], scale: float = 1.0, fmt: str = ".2f", unit: str = "s") -> str:
    """The spread of wall times: "min–max unit, n runs"."""
    if len(runs) < 2:
        return "1 run"
    return f"{min(runs) * scale:{fmt}}–{max(runs) * scale:{fmt}} {unit}, {len(runs)} runs"


def cold_runs(cmd: list[str], tmp: Path, name: str, base: str, site: Site, repeat: int,
              log: Path, jobs: list[str]) -> dict[str, Any]:
    """``repeat`` cold runs of the site, each on a fresh state: median and spread."""
    runs = []
    done: dict[str, int] = {}
    for r in range(repeat):
        config = write_config(tmp / f"{name}-{r}", base, site)
        runs.append(timed_child([*cmd, "run", "--config", str(config), *jobs], log))
        done = outcomes(config.parent / "state.sqlite3")
        if done.get("published", 0) != site.n:
            print(f"warning: {name} run {r}: {done}", file=sys.stderr)
    out = median_run(runs)
    out.update(articles_per_s=site.n / out["wall_s"],
               ms_per_article=1000 * out["wall_s"] / site.n, outcomes=done,
               config=str(config))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="articles in the cold and warm runs")
    ap.add_argument("--big", type=int, default=2000, help="articles for the second memory run")
    ap.add_argument("--repeat", type=int, default=3,
                    help="cold runs of each kind, and morss runs (median reported)")
    ap.add_argument("--warm-repeat", type=int, default=5, help="warm runs (median reported)")
    ap.add_argument("--no-morss", action="store_true", help="skip morss")
    ap.add_argument("--morss-python", type=Path, default=None,
                    help=f"an interpreter with morss installed (default: {MORSS_VENV}, "
                         "built with pip on first use)")
    ap.add_argument("--readme", action="store_true", help="update README.md's figures")
    ap.add_argument("--keep", type=Path, help="build everything in this folder and keep it")
    ap.add_argument("--quick", action="store_true",
                    help="one cold run, no morss, no N = 2000 run (while optimising)")
    args = ap.parse_args(argv)
    if args.quick:
        args.repeat, args.no_morss, args.big = 1, True, 0
    results: dict[str, Any] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="syndication-bench-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        log = tmp / "children.log"
        python, installed = install(tmp, tmp / "install.log")
        results["machine"]["install"] = installed
        cmd = syndication_command(python)
        subprocess.run([*cmd, "--help"], capture_output=True, check=True)  # compile .pyc

        # Interpreter start, and with the imports a cold run and a warm run need (they are
        # lazy: a warm run loads cli and pipeline only); each ends as the command does, with
        # gc.freeze() (cli.console), so the interpreter's teardown costs what it costs it.
        def start(code: str) -> float:
            return statistics.median(
                timed_child([str(python), "-c", f"{code}; import gc; gc.freeze()"],
                            log)["wall_s"] for _ in range(5))

        results["startup"] = {
            "python_s": start("pass"),
            "warm_imports_s": start("import syndication.cli, syndication.pipeline"),
            "cold_imports_s": start(
                "import syndication.cli, syndication.pipeline, syndication.source, "
                "syndication.compliance, syndication.republish, syndication.publish, "
                "syndication.index, defusedxml.ElementTree, lxml.html, feedgen.feed"),
        }

        with serving(tmp / "site") as server:
            site = build(server.folder, args.n, server.base)
            verify(site)
            results["site"] = {"articles": site.n, "sources": len(site.sources),
                               "entries_per_source": site.n // len(site.sources)}
            print(f"site: {site.n} articles in {len(site.sources)} sources at {server.base}",
                  file=sys.stderr)

            # 1. cold runs, end to end: with workers (the default), and in one process
            cold = cold_runs(cmd, tmp, "cold", server.base, site, args.repeat, log, [])
            results["cold"] = cold
            print(f"cold: {cold['wall_s']:.2f} s", file=sys.stderr)
            serial = cold_runs(cmd, tmp, "serial", server.base, site, args.repeat, log,
                               ["--jobs", "1"])
            results["serial"] = serial
            print(f"serial: {serial['wall_s']:.2f} s", file=sys.stderr)
            config = Path(cold["config"])

            # 2. warm runs on the last cold run's state: every source answers 304
            warm_runs, requests, rewritten = [], [], []
            before_files = feed_mtimes(config.parent / "feeds")
            for _ in range(args.warm_repeat):
                before = server.requests
                warm_runs.append(timed_child([*cmd, "run", "--config", str(config)], log))
                requests.append(server.requests - before)
                after = feed_mtimes(config.parent / "feeds")
                rewritten.append(sum(after[k] != before_files.get(k) for k in after))
                before_files = after
            warm = median_run(warm_runs)
            warm.update(requests=max(requests), sources=len(site.sources),
                        feed_files_rewritten=max(rewritten))
            results["warm"] = warm

            # 2b. the common cron case beside it: every source answers 200 (a feed changed
            # on the server since the last run) and holds no article the state lacks
            results["warm_200"] = warm_changed(cmd, config, server, site, args.warm_repeat,
                                               log)

            # `check PAGE --original FILE`: nothing fetched
            results["check_page"] = median_run([
                timed_child([*cmd, "check", str(CHECK_PAGE), "--original", str(CHECK_ORIGINAL)],
                            log) for _ in range(args.warm_repeat)])
            results["check_page"]["page_bytes"] = CHECK_PAGE.stat().st_size

            # 1b. stage shares, in process, on a fresh state
            results["stages"] = stage_shares(write_config(tmp / "stages", server.base, site))

            # 4. side by side: the step against its primitives, and morss, same articles
            floor: dict[str, Any] = primitives(site, repeat=3)
            floor["step"] = step_in_process(site, repeat=3)
            floor["step_over_primitives"] = (floor["step"]["ms_per_article"]
                                             / floor["ms_per_article"])
            results["floor"] = floor
            if args.no_morss:
                results["morss"] = results["morss_proxy"] = {"error": "skipped (--no-morss)"}
            else:
                morss_py = morss_python(args.morss_python, tmp / "morss-install.log")
                for key, proxy in (("morss", False), ("morss_proxy", True)):
                    mruns = [run_morss(morss_py, server.base, site, proxy=proxy,
                                       log=tmp / f"{key}.log") for _ in range(args.repeat)]
                    good = [m for m in mruns if "wall_s" in m]
                    if not good:
                        results[key] = mruns[0]
                        continue
                    m = dict(good[0])
                    m["runs"] = [round(g["wall_s"], 3) for g in good]
                    m["wall_s"] = statistics.median(m["runs"])
                    m["ms_per_article"] = 1000 * m["wall_s"] / site.n
                    m["over_ours"] = m["ms_per_article"] / cold["ms_per_article"]
                    results[key] = m

        # 3. peak memory at the big size (N = 500's is the cold run's)
        results["memory"] = {"n": {str(site.n): cold["maxrss_mb"]},
                             "warm_maxrss_mb": warm["maxrss_mb"]}
        if args.big:
            with serving(tmp / "site-big") as server:
                big = build(server.folder, args.big, server.base)
                for key, jobs in (("big_run", []), ("big_serial", ["--jobs", "1"])):
                    config = write_config(tmp / key, server.base, big)
                    big_run: dict[str, Any] = timed_child(
                        [*cmd, "run", "--config", str(config), *jobs], log)
                    big_run["outcomes"] = outcomes(config.parent / "state.sqlite3")
                    big_run["articles_per_s"] = big.n / big_run["wall_s"]
                    results["memory"][key] = big_run
            results["memory"]["n"][str(big.n)] = results["memory"]["big_serial"]["maxrss_mb"]
        if log.stat().st_size:
            print(f"(children's stderr: {log})" if args.keep else
                  f"children's stderr, last lines:\n{_tail(log)}", file=sys.stderr)

    results["targets"] = targets(results, site.n, args.big)
    table = render_table(results, site.n, args.big)
    print(table)
    if args.quick:
        print("\n(--quick: results.json and README left as they were)")
        return 0
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(ROOT)}")
    if args.readme:
        update_readme(table)
    return 0


def _tail(log: Path, lines: int = 5) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def targets(r: dict[str, Any], n: int, big: int) -> list[dict[str, Any]]:
    rss = r["memory"]["n"]
    out = [
        {"target": f"cold ≥ {TARGET_COLD_RATE:g} articles/s end to end, with workers",
         "measured": f"{r['cold']['articles_per_s']:.0f} articles/s",
         "met": r["cold"]["articles_per_s"] >= TARGET_COLD_RATE},
        {"target": f"cold ≥ {TARGET_SERIAL_RATE:g} articles/s with --jobs 1",
         "measured": f"{r['serial']['articles_per_s']:.0f} articles/s",
         "met": r["serial"]["articles_per_s"] >= TARGET_SERIAL_RATE},
        {"target": f"article step ≤ {TARGET_STEP_RATIO:g}× its primitives (in process)",
         "measured": f"{r['floor']['step_over_primitives']:.1f}×",
         "met": r["floor"]["step_over_primitives"] <= TARGET_STEP_RATIO},
        {"target": f"warm run of {r['warm']['sources']} sources < {TARGET_WARM_S:g} s",
         "measured": f"{r['warm']['wall_s']:.3f} s",
         "met": r["warm"]["wall_s"] < TARGET_WARM_S},
        {"target": f"`check PAGE --original FILE` < {TARGET_CHECK_S:g} s",
         "measured": f"{r['check_page']['wall_s']:.3f} s",
         "met": r["check_page"]["wall_s"] < TARGET_CHECK_S},
    ]
    if str(big) in rss:
        largest = max(rss[str(big)], r["memory"]["big_run"]["maxrss_mb"])
        out.append({"target": f"peak memory < {TARGET_RSS_MB:g} MB at N = {big}",
                    "measured": f"{largest:.1f} MB (largest process)",
                    "met": largest < TARGET_RSS_MB})
    proxy = r.get("morss_proxy", {})
    out.append({"target": "like-for-like with morss --proxy (parity: ratio ≥ 1)",
                "measured": f"morss --proxy {proxy['over_ours']:.2f}× our time"
                if "wall_s" in proxy else proxy.get("error", "not run"),
                "met": proxy["over_ours"] >= 1 if "wall_s" in proxy else None})
    return out


def render_table(r: dict[str, Any], n: int, big: int) -> str:
    m, c, w, f = r["machine"], r["cold"], r["warm"], r["floor"]
    sr, cp, w2 = r["serial"], r["check_page"], r["warm_200"]
    lines = [
        f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, {m['platform']} "
        f"(commit {m['commit']}, {m['date']}); installed by {m.get('install', '?')}",
        "",
        "| measure | figure |",
        "| --- | --- |",
        f"| cold run, {n} articles in {r['site']['sources']} sources "
        f"({f['mean_body_bytes'] / 1000:.0f} KB a body), end to end, workers | "
        f"{c['wall_s']:.2f} s ({spread(c['runs'])}): **{c['articles_per_s']:.0f} "
        f"articles/s**, {c['ms_per_article']:.2f} ms an article; CPU {c['cpu_all_s']:.2f} s "
        f"in all its processes ({c['cpu_s']:.2f} s in the run's own) |",
        f"| the same, `--jobs 1` (one process) | {sr['wall_s']:.2f} s ({spread(sr['runs'])}): "
        f"**{sr['articles_per_s']:.0f} articles/s** (CPU {sr['cpu_s']:.2f} s); workers are "
        f"**{sr['wall_s'] / c['wall_s']:.2f}×** faster, for {c['cpu_all_s'] / sr['cpu_s']:.2f}× "
        f"the CPU time (no run with workers on {m['nproc']} CPUs can take less than "
        f"{c['cpu_all_s'] / m['nproc']:.2f} s) |",
        f"| interpreter start + imports | cold run "
        f"{r['startup']['cold_imports_s'] * 1000:.0f} ms, warm run "
        f"{r['startup']['warm_imports_s'] * 1000:.0f} ms "
        f"(bare interpreter {r['startup']['python_s'] * 1000:.0f} ms) |",
        f"| time by stage (in process, one process, {r['stages']['total_s']:.2f} s) | "
        + ", ".join(f"{k} {v:.0%}" for k, v in r["stages"]["shares"].items()) + " |",
        f"| the article step in process / its primitives (lxml parse, serialise, nh3, "
        f"re-parse, text) | {f['step']['ms_per_article']:.2f} ms / "
        f"{f['ms_per_article']:.2f} ms an article: **{f['step_over_primitives']:.1f}×** |",
        f"| warm run (all 304), end to end | **{w['wall_s'] * 1000:.0f} ms** "
        f"({spread(w['runs'], 1000, '.0f', 'ms')}), {w['requests']} requests for "
        f"{w['sources']} sources, {w['feed_files_rewritten']} feed files rewritten |",
        f"| warm run, every source answering 200 with nothing new, end to end | "
        f"**{w2['wall_s'] * 1000:.0f} ms** ({spread(w2['runs'], 1000, '.0f', 'ms')}), "
        f"{w2['requests']} requests, {w2['feed_files_rewritten']} feed files rewritten |",
        f"| `check PAGE --original FILE` ({cp['page_bytes'] / 1000:.0f} KB page, files) | "
        f"**{cp['wall_s'] * 1000:.0f} ms** ({spread(cp['runs'], 1000, '.0f', 'ms')}) |",
    ]
    mem = r["memory"]
    if "big_run" in mem:
        b, bs = mem["big_run"], mem["big_serial"]
        lines.append(
            f"| N = {big}, end to end | workers {b['wall_s']:.2f} s "
            f"({b['articles_per_s']:.0f} articles/s), `--jobs 1` {bs['wall_s']:.2f} s "
            f"({bs['articles_per_s']:.0f} articles/s) |")
        lines.append(
            f"| peak memory (largest process), N = {n} / N = {big} | "
            f"`--jobs 1` **{sr['maxrss_mb']:.1f} MB** / "
            f"**{bs['maxrss_mb']:.1f} MB**; with workers, the run's process "
            f"{c['maxrss_mb']:.1f} / {b['maxrss_mb']:.1f} MB (each worker holds one article "
            f"at a time) (warm run {mem['warm_maxrss_mb']:.1f} MB) |")
    for key, label in (("morss", "morss, full-text feed (fetches each page)"),
                       ("morss_proxy", "morss --proxy (feed in, feed out: like for like)")):
        mo = r.get(key)
        if mo is None:
            continue
        if "wall_s" in mo:
            lines.append(
                f"| {label} | {mo['wall_s']:.2f} s ({spread(mo['runs'])}), "
                f"{mo['ms_per_article']:.2f} ms an article: **{mo['over_ours']:.2f}×** our "
                f"time with workers ({mo['items']} of {mo['items_in']} items out, "
                f"{mo['full_text_items']} with over 2,000 characters of content) |")
        else:
            lines.append(f"| {label} | not measured: {mo['error']} |")
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    for t in r["targets"]:
        met = "yes" if t["met"] else "no" if t["met"] is False else "—"
        lines.append(f"| {t['target']} | {t['measured']} | {met} |")
    return "\n".join(lines)


START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


def update_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md has no {START} … {END} markers: not updated", file=sys.stderr)
        return
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
