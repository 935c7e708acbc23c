"""Years under cron: is a run flat in the number of articles stored, and is the state file
bounded? Prints, for stores of 1,000, 10,000 and 50,000 articles, the time of a warm run
(every source answers 304), of a run with 10 new articles, and the state file's size with
the default retention ([site] keep_days = 30).

How a store is grown (fast, and as the pipeline would leave it):

- The recorded site of benchmarks/recorded_site.py (500 articles in 20 sources of 25
  entries, copies of the real samples under new ids) is served from 127.0.0.1, and a real
  run processes every article of it: republished, checked, stored.
- The store is then grown to N articles with copies of those 500 rows under new ids, one
  article every 50 minutes going back in time (an edition's pace: 10,000 a year), each
  linked to its template's source, as if earlier runs had met it there last when they
  checked it (a source carries an article while it is among its newest). Retention would have
  pruned every copy last checked more than keep_days ago: those are inserted as retention
  leaves them (their row, verdict, dates and hashes, without original and republication);
  the rest with their original and republication. The feeds' members are left for the next
  run to decide, as after a change of selection.
- The config has one feed per source (max_entries 50, no selection) and "picked", a feed of
  all 20 sources that selects (keywords and listed ids) and matches rarely: 1 article in
  about 1,000, so it never fills its max_entries.
- A first run decides the members, prunes, and forgets the rows of the articles no source
  carried for a year (Store.forget; printed as "settle"; "rows kept" is what stays: a
  year's articles and the feeds' windows); then warm runs, then
  runs each bringing 10 new articles in one source. Times are of run() in this process
  (no interpreter start), medians; the machine is shared, so they are noisy.

    python benchmarks/longlife.py [--sizes 1000,10000,50000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import recorded_site  # this script's folder (benchmarks/) is on the path

from syndication.config import load_config
from syndication.pipeline import run
from syndication.store import Store

SITE_ARTICLES = 500  # processed for real: 20 sources of 25
NOW = recorded_site.NEWEST + timedelta(hours=1)  # the runs' clock
PACE = timedelta(minutes=50)  # one article every 50 minutes: ~10,000 a year
COPY_ID = 2_000_000  # copies' ids start here
NEW_ID = 3_000_000  # the new articles' ids
PICK_EVERY = 997  # "picked" lists one copy in PICK_EVERY: it matches rarely
TARGET_FLAT = 1.2  # warm run at the largest size within this factor of the smallest
TARGET_DB_MB = 150.0  # state file at 50,000 articles, default retention
MB = 1_000_000
WINDOW = 50  # max_entries of every feed
CHUNK = 2_000  # copies written whole, then pruned, at a time


def write_config(folder: Path, base: str, site: recorded_site.Site, picked: list[int]) -> Path:
    lines = [
        "[site]",
        'title = "Long-life benchmark"',
        'base_url = "https://example.org/feeds/"',
        'output_dir = "feeds"',
        'state_file = "state.sqlite3"',
        "[fetch]",
        'user_agent = "syndication-benchmark/0.1 (+https://example.org/contact)"',
        "min_interval = 0",
        "timeout = 30",
    ]
    for k, path in enumerate(site.sources):
        lines += ["[[feed]]", f'name = "bench-{k:02d}"', f'title = "Feed {k:02d}"',
                  f'sources = ["{base}{path}"]', f"max_entries = {WINDOW}"]
    every = ", ".join(f'"{base}{p}"' for p in site.sources)
    lines += ["[[feed]]", 'name = "picked"', 'title = "Picked"', f"sources = [{every}]",
              f"max_entries = {WINDOW}", 'keywords = ["volcano", "glacier"]',
              "articles = [" + ", ".join(map(str, picked)) + "]"]
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def iso(when: Any) -> str:
    return str(when.strftime("%Y-%m-%dT%H:%M:%SZ"))


def grow(state: Path, n: int, keep_days: int, windows: int) -> None:
    """Add copies of the stored articles until the store holds ``n``, as the pipeline and
    its retention would have left them (see the docstring): written whole, chunk by chunk,
    each chunk then pruned by Store.prune with every feed's window kept."""
    with Store(state) as store:
        db = store.db
        cursor = db.execute("SELECT * FROM articles ORDER BY published DESC")
        names = [d[0] for d in cursor.description]
        templates = [dict(zip(names, row, strict=True)) for row in cursor]
        bodies = {r[0]: r[1:] for r in db.execute(
            "SELECT article_id, content, html, findings FROM article_bodies")}
        source_of = dict(db.execute("SELECT article_id, source_url FROM article_sources"))
        stored = {url: 0 for url in source_of.values()}
        for url in source_of.values():
            stored[url] += 1
        oldest = min(datetime.fromisoformat(t["published"]) for t in templates)
        insert = (f"INSERT INTO articles ({', '.join(names)}) VALUES "  # noqa: S608 -- ours
                  f"({', '.join(':' + k for k in names)})")
        copies = range(n - len(templates))
        for start in range(0, len(copies), CHUNK):
            rows, links, whole, keep = [], [], [], []
            for c in copies[start:start + CHUNK]:
                t = templates[c % len(templates)]
                new, source = COPY_ID + c, source_of[t["article_id"]]
                published = oldest - PACE * (c + 1)
                checked = published + timedelta(minutes=5)
                old = str(t["article_id"])
                rows.append({**t, "article_id": new, "url": t["url"][: -len(old)] + str(new),
                             "published": iso(published), "updated": iso(published),
                             "first_seen": iso(checked), "last_checked": iso(checked),
                             "content_hash": t["content_hash"][:48] + f"{new:016x}",
                             "visible_hash": t["visible_hash"][:48] + f"{new:016x}"})
                links.append((new, source, iso(checked), iso(checked)))
                whole.append((new, *bodies[t["article_id"]]))
                stored[source] += 1
                if stored[source] <= windows or (c % PICK_EVERY == 0):  # in a feed's window
                    keep.append(new)
            with store.transaction():
                db.executemany(insert, rows)
                db.executemany("INSERT INTO article_sources VALUES (?, ?, ?, ?)", links)
                db.executemany("INSERT INTO article_bodies (article_id, content, html, "
                               "findings) VALUES (?, ?, ?, ?)", whole)
            store.prune(keep, NOW - timedelta(days=keep_days))
        with store.transaction():
            db.execute("DELETE FROM feeds")  # members: decided by the next run
        store.give_back()


def new_articles(site: recorded_site.Site, rep: int) -> None:
    """Source 0 as it would be served after 10 new articles: them, then its first 15."""
    path = site.folder / site.sources[0].lstrip("/")
    text = path.read_text(encoding="utf-8")
    head, entries = text[: text.index("  <entry>")], text[text.index("  <entry>"):]
    old = entries.split("  </entry>\n")[:-1]
    template = recorded_site.TEMPLATES[0]
    sample = template.sample.read_text(encoding="utf-8")
    entry = recorded_site._entry_text(sample, template.article_id)
    fresh = [recorded_site._copy(entry, template.article_id, NEW_ID + rep * 10 + j,
                                 NOW - timedelta(minutes=j), None) for j in range(10)]
    body = "".join(fresh) + "".join(e + "  </entry>\n" for e in old[:15])
    path.write_text(head + body + "</feed>\n", encoding="utf-8")
    stamp = time.time() + 10 * (rep + 1)  # a newer Last-Modified: answered 200, not 304
    os.utime(path, (stamp, stamp))


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def measure(n: int, repeat: int, keep: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="longlife-") as tmp:
        folder = Path(tmp) if keep is None else keep / str(n)
        (folder / "site").mkdir(parents=True)
        site = recorded_site.build(folder / "site", SITE_ARTICLES, "")
        picked = [COPY_ID + c for c in range(0, max(0, n - SITE_ARTICLES), PICK_EVERY)]
        with recorded_site.serving(site.folder) as server:
            config = load_config(write_config(folder / "run", server.base, site, picked))

            def once() -> Any:
                return run(config, clock=lambda: NOW, sleep=lambda s: None)

            first, report = timed(once)
            assert report.ok, report.failures()
            grow(config.site.state_file, n, config.site.keep_days, WINDOW)
            settle, report = timed(once)
            assert report.ok, report.failures()
            warm = []
            for _ in range(repeat):
                took, report = timed(once)
                assert report.ok and all(s.not_modified for s in report.sources)
                assert report.feeds_written == ()
                warm.append(took)
            new = []
            for rep in range(max(3, repeat // 2)):
                new_articles(site, rep)
                took, report = timed(once)
                assert report.ok
                assert sum(a.outcome.value == "published" for a in report.articles) == 10
                new.append(took)
        with sqlite3.connect(config.site.state_file) as db:
            (total,) = db.execute("SELECT count(*) FROM articles").fetchone()
            (whole,) = db.execute("SELECT count(*) FROM article_bodies").fetchone()
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            (page,) = db.execute("PRAGMA page_size").fetchone()
        files = sum(p.stat().st_size for p in folder.joinpath("run").glob("state.sqlite3*"))
        # rows no source carried for a year (Store.forget) are forgotten by the settle run
        assert total <= n + 10 * len(new), (total, n)
        return {"n": n, "first": first, "settle": settle, "pruned": report.pruned,
                "warm": statistics.median(warm), "new": statistics.median(new),
                "db": pages * page / MB, "files": files / MB, "whole": whole,
                "rows": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="build each store in DIR/N and leave it there (to inspect it)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'articles':>9} {'settle s':>9} {'warm ms':>8} {'10 new ms':>10} "
          f"{'DB MB':>7} {'kept whole':>11} {'rows kept':>10}", flush=True)
    results = []
    for n in sizes:
        r = measure(n, args.repeat, args.keep)
        results.append(r)
        print(f"{n:>9,} {r['settle']:>9.2f} {r['warm'] * 1000:>8.1f} {r['new'] * 1000:>10.0f} "
              f"{r['db']:>7.1f} {r['whole']:>11,} {r['rows']:>10,}", flush=True)
    ok = True
    if len(results) > 1:
        ratio = results[-1]["warm"] / results[0]["warm"]
        met = ratio <= TARGET_FLAT
        ok &= met
        print(f"warm run at {sizes[-1]:,} / at {sizes[0]:,}: {ratio:.2f}x "
              f"(target <= {TARGET_FLAT}x: {'met' if met else 'MISSED'})")
    for r in results:
        if r["n"] == 50_000:
            met = r["db"] < TARGET_DB_MB
            ok &= met
            print(f"state file at 50,000 articles: {r['db']:.1f} MB "
                  f"(target < {TARGET_DB_MB:.0f} MB: {'met' if met else 'MISSED'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
