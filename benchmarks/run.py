"""Benchmark syndication against the parsing floor and morss, on a recorded site served from
127.0.0.1 (see benchmarks/recorded_site.py for how the site is built from the real samples).

    .venv/bin/python benchmarks/run.py [--repeat 3] [--no-morss] [--readme]

The runs measured as subprocesses use the current tree installed as the README installs it:
``pip install .`` into a new venv (not editable; an editable install's import hook costs
every start some 10 ms that users don't pay). The venv's packages come from the package
registry as pip is set up; without one, this interpreter's install is measured, and the
table says which.

In one process run it measures:

1. cold run, N = 500 articles in 20 sources (one [[feed]] per source, min_interval = 0):
   ``syndication run`` as a subprocess, so interpreter start and imports are included;
   articles per second end to end. Then the same cold run in this process with each stage's
   functions wrapped from here (nothing in the product is changed), for the share of time in
   fetch, parse, republish, check, store, publish and the rest (pipeline glue, hashing).
2. warm run: ``syndication run`` again on the same state, every source answering 304: wall
   time including interpreter start, and the requests the server received.
3. peak resident memory (the child's ru_maxrss from wait4) of a cold run at N = 500 and at
   N = 2000 (80 sources of 25 entries).
4. side by side, on the same articles in the same run: the parsing floor (lxml parsing and
   serialising each article body and nothing else) and morss (from the judges' venv)
   producing a full-text feed of each source, its article pages served by the same server.

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
from recorded_site import Site, build, serving, verify

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results.json"
README = ROOT / "README.md"
MORSS_VENV = Path("/work/shared/judges/.cache/venv-morss")
STAGES = ("fetch", "parse", "republish", "check", "store", "publish", "other")
MB = 1024 * 1024

# Targets of issue 6 (2-core machine, loopback, no delays).
TARGET_COLD_RATE = 400.0  # articles per second, end to end, startup included
TARGET_FLOOR_RATIO = 12.0  # our time per article at most this many times the floor's
TARGET_WARM_S = 0.2  # warm run of 20 sources, wall, interpreter start included
TARGET_RSS_MB = 64.0  # peak resident memory at N = 2000
FLAT_TOLERANCE = 1.10  # "flat in N": N = 2000 peaks at most 10 % above N = 500


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
# run in memory. The launcher's own RSS (~10 MB) is below any run's. It writes
# [wall s, maxrss KiB, cpu s, exit status] to the file named first.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump([wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime,
               os.waitstatus_to_exitcode(status)], out)
"""


def timed_child(argv: list[str], log: Path, env: dict[str, str] | None = None
                ) -> dict[str, float]:
    """Run ``argv``: its wall time (from fork to exit: interpreter start included), CPU
    time, peak RSS (MB) and exit status, from wait4 in a small launcher process."""
    result = log.with_name(f"{log.stem}-result.json")
    with log.open("ab") as err:
        subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(result),
                        shutil.which(argv[0]) or argv[0], *argv[1:]],
                       stdout=err, stderr=err, env=env, check=True)
    wall, maxrss_kib, cpu, status = json.loads(result.read_text())
    return {
        "wall_s": wall,
        "cpu_s": cpu,
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
    # the one parse of each original, shared by two stages
    "syndication.compliance.htmltext": "parse",
    "syndication.republish": "republish",
    "syndication.compliance": "check",
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
        report = run(config)
        clock._switch()
        total = time.perf_counter() - start
    return {
        "total_s": total,
        "seconds": clock.totals,
        "shares": {k: v / total for k, v in clock.totals.items()},
        "ok": report.ok,
    }


# --- the parsing floor and morss ------------------------------------------------------------


def parsing_floor(site: Site, repeat: int) -> dict[str, float]:
    """lxml parsing and serialising each article body, nothing else (best of ``repeat``)."""
    import lxml.html

    from syndication.source import parse_feed

    bodies = [
        a.content
        for path in site.sources
        for a in parse_feed((site.folder / path.lstrip("/")).read_bytes(), path).articles
    ]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for body in bodies:
            root = lxml.html.fragment_fromstring(body, create_parent="div")
            lxml.html.tostring(root, encoding="unicode")
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "ms_per_article": 1000 * best / len(bodies),
            "mean_body_bytes": statistics.mean(len(b.encode()) for b in bodies)}


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


def run_morss(base: str, site: Site, proxy: bool, log: Path) -> dict[str, Any]:
    python = MORSS_VENV / "bin" / "python"
    if not python.exists():
        return {"error": f"morss is not installed ({python} missing; run the judges once)"}
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


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    out = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    out["exit"] = max(r["exit"] for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="articles in the cold and warm runs")
    ap.add_argument("--big", type=int, default=2000, help="articles for the second memory run")
    ap.add_argument("--repeat", type=int, default=3, help="cold runs (median reported)")
    ap.add_argument("--warm-repeat", type=int, default=5, help="warm runs (median reported)")
    ap.add_argument("--no-morss", action="store_true", help="skip morss")
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

            # 1. cold runs, end to end
            cold_runs = []
            for r in range(args.repeat):
                config = write_config(tmp / f"cold-{r}", server.base, site)
                cold_runs.append(timed_child([*cmd, "run", "--config", str(config)], log))
                done = outcomes(config.parent / "state.sqlite3")
                if done.get("published", 0) != site.n:
                    print(f"warning: cold run {r}: {done}", file=sys.stderr)
            cold = median_run(cold_runs)
            cold.update(articles_per_s=site.n / cold["wall_s"],
                        ms_per_article=1000 * cold["wall_s"] / site.n, outcomes=done,
                        runs=[round(c["wall_s"], 3) for c in cold_runs])
            results["cold"] = cold
            print(f"cold: {cold['wall_s']:.2f} s", file=sys.stderr)

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
                        feed_files_rewritten=max(rewritten),
                        runs=[round(w["wall_s"], 3) for w in warm_runs])
            results["warm"] = warm

            # 1b. stage shares, in process, on a fresh state
            results["stages"] = stage_shares(write_config(tmp / "stages", server.base, site))

            # 4. side by side: the floor and morss, same articles
            floor = parsing_floor(site, repeat=5)
            floor["ours_over_floor"] = cold["ms_per_article"] / floor["ms_per_article"]
            results["floor"] = floor
            if args.no_morss:
                results["morss"] = {"error": "skipped (--no-morss)"}
            else:
                morss = run_morss(server.base, site, proxy=False, log=tmp / "morss-full.log")
                if "wall_s" in morss:
                    morss["over_ours"] = morss["ms_per_article"] / cold["ms_per_article"]
                results["morss"] = morss
                proxy = run_morss(server.base, site, proxy=True, log=tmp / "morss-proxy.log")
                if "wall_s" in proxy:
                    proxy["over_ours"] = proxy["ms_per_article"] / cold["ms_per_article"]
                results["morss_proxy"] = proxy

        # 3. peak memory at the big size (N = 500's is the cold run's)
        results["memory"] = {"n": {str(site.n): cold["maxrss_mb"]},
                             "warm_maxrss_mb": warm["maxrss_mb"]}
        if args.big:
            with serving(tmp / "site-big") as server:
                big = build(server.folder, args.big, server.base)
                config = write_config(tmp / "big", server.base, big)
                big_run: dict[str, Any] = timed_child([*cmd, "run", "--config", str(config)],
                                                      log)
                big_run["outcomes"] = outcomes(config.parent / "state.sqlite3")
                big_run["articles_per_s"] = big.n / big_run["wall_s"]
            results["memory"]["n"][str(big.n)] = big_run["maxrss_mb"]
            results["memory"]["big_run"] = big_run
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
        {"target": f"cold ≥ {TARGET_COLD_RATE:g} articles/s end to end",
         "measured": f"{r['cold']['articles_per_s']:.0f} articles/s",
         "met": r["cold"]["articles_per_s"] >= TARGET_COLD_RATE},
        {"target": f"≤ {TARGET_FLOOR_RATIO:g}× the parsing floor",
         "measured": f"{r['floor']['ours_over_floor']:.1f}×",
         "met": r["floor"]["ours_over_floor"] <= TARGET_FLOOR_RATIO},
        {"target": f"warm run of {r['warm']['sources']} sources < {TARGET_WARM_S:g} s",
         "measured": f"{r['warm']['wall_s']:.3f} s",
         "met": r["warm"]["wall_s"] < TARGET_WARM_S},
    ]
    if str(big) in rss:
        out += [
            {"target": f"peak memory < {TARGET_RSS_MB:g} MB at N = {big}",
             "measured": f"{rss[str(big)]:.1f} MB",
             "met": rss[str(big)] < TARGET_RSS_MB},
            {"target": f"memory flat in N (N = {big} within {FLAT_TOLERANCE - 1:.0%} of "
                       f"N = {n})",
             "measured": f"{rss[str(n)]:.1f} → {rss[str(big)]:.1f} MB",
             "met": rss[str(big)] <= FLAT_TOLERANCE * rss[str(n)]},
        ]
    morss = r.get("morss", {})
    if "wall_s" in morss:
        out.append({"target": "faster per article than morss",
                    "measured": f"morss {morss['over_ours']:.1f}× our time",
                    "met": morss["over_ours"] > 1})
    else:
        out.append({"target": "faster per article than morss",
                    "measured": morss.get("error", "not run"), "met": None})
    return out


def render_table(r: dict[str, Any], n: int, big: int) -> str:
    m, c, w, s, f = r["machine"], r["cold"], r["warm"], r["stages"], r["floor"]
    lines = [
        f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}, {m['platform']} "
        f"(commit {m['commit']}, {m['date']}); installed by {m.get('install', '?')}",
        "",
        "| measure | figure |",
        "| --- | --- |",
        f"| cold run, {n} articles in {r['site']['sources']} sources, end to end | "
        f"{c['wall_s']:.2f} s: **{c['articles_per_s']:.0f} articles/s**, "
        f"{c['ms_per_article']:.2f} ms an article (CPU {c['cpu_s']:.2f} s) |",
        f"| interpreter start + imports | cold run "
        f"{r['startup']['cold_imports_s'] * 1000:.0f} ms, warm run "
        f"{r['startup']['warm_imports_s'] * 1000:.0f} ms "
        f"(bare interpreter {r['startup']['python_s'] * 1000:.0f} ms) |",
        f"| time by stage (in process, {s['total_s']:.2f} s) | "
        + ", ".join(f"{k} {v:.0%}" for k, v in s["shares"].items()) + " |",
        f"| warm run (all 304), end to end | **{w['wall_s'] * 1000:.0f} ms**, "
        f"{w['requests']} requests for {w['sources']} sources, "
        f"{w['feed_files_rewritten']} feed files rewritten |",
        f"| peak memory, N = {' / N = '.join(r['memory']['n'])} | "
        + " / ".join(f"**{v:.1f} MB**" for v in r["memory"]["n"].values())
        + f" (warm run {r['memory']['warm_maxrss_mb']:.1f} MB) |",
        f"| parsing floor: lxml parse + serialise each body ({f['mean_body_bytes'] / 1000:.0f}"
        f" KB mean) | {f['ms_per_article']:.3f} ms an article: ours is "
        f"**{f['ours_over_floor']:.1f}×** the floor |",
    ]
    for key, label in (("morss", "morss, full-text feed (fetches each page)"),
                       ("morss_proxy", "morss --proxy (feed only, no pages)")):
        mo = r.get(key)
        if mo is None:
            continue
        if "wall_s" in mo:
            lines.append(
                f"| {label} | {mo['wall_s']:.2f} s, {mo['ms_per_article']:.2f} ms an article: "
                f"**{mo['over_ours']:.1f}×** our time ({mo['items']} of {mo['items_in']} "
                f"items out, {mo['full_text_items']} with over 2,000 characters of content) |")
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
