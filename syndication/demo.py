"""``syndication demo``: serve the recorded samples shipped in ``syndication/samples`` on
127.0.0.1 and run the real pipeline against them, so that a newcomer without network sees
real feeds appear. Nothing here is faked but the host the feeds come from."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from .config import FETCH_DEFAULTS, Config, FeedConfig, SiteConfig
from .models import RunReport
from .pipeline import run

# The demo's feeds: name, title, sample files (served as sources), each a real shape.
DEMO_FEEDS = (
    ("environment", "Environment + Energy (demo)", ("tc-feed-us-environment-articles.atom",)),
    ("sciences-fr", "Sciences, en français (demo)", ("tc-feed-fr-built-2-entries.atom",)),
    # Both sources at once: the same article met twice is published once.
    ("all", "Everything (demo)", ("tc-feed-us-environment-articles.atom",
                                  "tc-feed-fr-built-2-entries.atom")),
)
DEMO_PORT = 8000  # `syndication serve`'s default port: where the demo's links point


def demo_base_url(port: int = DEMO_PORT) -> str:
    """Where ``syndication serve --port PORT`` shows the demo's output: its feeds' and
    index page's links point there."""
    return f"http://localhost:{port}/"


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 -- the stdlib's own class attribute, extended
        **SimpleHTTPRequestHandler.extensions_map, ".atom": "application/atom+xml"
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_samples() -> Iterator[str]:
    """Serve the shipped samples on 127.0.0.1 (a free port); yields the base URL."""
    with resources.as_file(resources.files("syndication") / "samples") as folder:
        handler = partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


def demo_config(base: str, output: Path, state_file: Path, port: int = DEMO_PORT) -> Config:
    """The configuration the demo runs with: the sample server as the only source host, and
    links to where ``syndication serve --port PORT`` will show the output."""
    return Config(
        path=output / "(demo)",
        site=SiteConfig(
            title="syndication demo",
            base_url=demo_base_url(port),
            output_dir=output,
            state_file=state_file,
        ),
        # the defaults, but no wait between requests: the server is our own, on loopback
        fetch=replace(FETCH_DEFAULTS, min_interval=0.0),
        feeds=tuple(
            FeedConfig(
                name=name,
                title=title,
                sources=tuple(base + f for f in files),
                max_entries=50,
                description="",  # the credit alone, in the feed's language
            )
            for name, title, files in DEMO_FEEDS
        ),
    )


def run_demo(output: Path, port: int = DEMO_PORT) -> RunReport:
    """Serve the samples, run the pipeline into ``output`` with links for ``port``; the
    state is thrown away."""
    with serve_samples() as base, tempfile.TemporaryDirectory(prefix="syndication-") as tmp:
        return run(demo_config(base, output, Path(tmp) / "demo.sqlite3", port))
