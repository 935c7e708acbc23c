"""The checker's own cost per article, by phase: ``prepare`` (read the original for the
checker) and ``check`` (judge the republication against it), on the benchmark's real-size
mix of recorded articles (benchmarks/recorded_site.py). Republish runs between them but is
not counted. Prints milliseconds per article for each phase: the best of ``--repeat`` passes
over every article (the least disturbed by other work on the machine) and the median.

Run it at two commits to compare (issue 9's "no slower per article"):

    python benchmarks/checker.py            # 100 articles, 7 passes
    python benchmarks/checker.py --n 250 --repeat 9
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from recorded_site import build

from syndication.compliance import check, prepare
from syndication.compliance.htmltext import parse_fragment
from syndication.republish import republish
from syndication.source import parse_feed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="articles (a multiple of 25)")
    ap.add_argument("--repeat", type=int, default=7, help="passes over every article")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="syndication-checker-") as tmp:
        site = build(Path(tmp), args.n, "http://127.0.0.1:1")
        articles = [a for path in site.sources
                    for a in parse_feed((site.folder / path.lstrip("/")).read_bytes(),
                                        path).articles]
    prepare_s: list[float] = []
    check_s: list[float] = []
    for _ in range(args.repeat):
        p = c = 0.0
        for a in articles:
            root = parse_fragment(a.content)
            t0 = time.perf_counter()
            original = prepare(a, root)
            p += time.perf_counter() - t0
            html = republish(a, root=root).html
            t0 = time.perf_counter()
            verdict = check(html, original, title=a.title)
            c += time.perf_counter() - t0
            if not verdict.compliant:
                raise SystemExit(f"article {a.article_id} failed: {verdict.reason}")
        prepare_s.append(p)
        check_s.append(c)
    n = len(articles)
    for name, runs in (("prepare", prepare_s), ("check", check_s),
                       ("both", [p + c for p, c in zip(prepare_s, check_s, strict=True)])):
        print(f"{name:8} best {1000 * min(runs) / n:.3f} ms/article   "
              f"median {1000 * statistics.median(runs) / n:.3f} ms/article")
    print(f"{n} articles, {args.repeat} passes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
