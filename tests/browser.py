"""Headless Chromium for the tests that open a page as a reader would (the index page, the
audit report): Debian's chromium, which .ci/run installs; a test skips only when it is
missing (the ``chromium`` fixture of conftest.py). Every run gets a fresh profile."""

from __future__ import annotations

import subprocess
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def run_chromium(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"  # a fresh profile every time
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120, check=False,
    )
