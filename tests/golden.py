"""Golden files: what the pipeline writes for the shipped samples (the demo's configuration)
with a fixed clock, kept in tests/data/golden/ and compared byte for byte by
tests/test_feeds_golden.py. After a deliberate change of the output, regenerate them with

    .venv/bin/python -m tests.golden

and review the diff before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from syndication.demo import demo_config, serve_samples
from syndication.models import RunReport
from syndication.pipeline import run

GOLDEN = Path(__file__).parent / "data" / "golden"
FIXED_NOW = datetime(2025, 10, 1, 8, 0, tzinfo=UTC)
# The demo's "all" feed: both sample sources, three articles, English and French.
FILES = ("all.atom", "all.rss", "all.json", "index.html")


def build(output: Path, state_file: Path) -> RunReport:
    """Run the pipeline on the shipped samples into ``output`` with the clock fixed."""
    with serve_samples() as base:
        return run(demo_config(base, output, state_file), clock=lambda: FIXED_NOW)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="syndication-golden-") as tmp:
        report = build(Path(tmp) / "out", Path(tmp) / "state.sqlite3")
        if not report.ok:
            sys.exit(f"the run failed, golden files not written: {report}")
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            data = (Path(tmp) / "out" / name).read_bytes()
            (GOLDEN / name).write_bytes(data)
            print(f"wrote {GOLDEN / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
