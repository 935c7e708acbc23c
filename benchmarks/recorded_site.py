"""The benchmark's recorded site: N articles of The Conversation in Atom feeds of 25 entries,
built at run time from the real samples, and served from 127.0.0.1 in a separate process.

How the site is built (nothing of an article's text is changed):

- The three recorded articles are the templates: 263253 (English, the recorded US feed) and
  212649, 209538 (French, the built feed in syndication/samples, itself copied character for
  character from recorded pages). Each entry's XML is taken from its sample file as text.
- Article i (0 <= i < N) is a copy of a template under a new id, 1_000_000 + i. Only what
  names the article changes: the entry ``<id>``, the number ending the canonical link, the
  number in the page-counter URL (``content/{N}/count.gif``, so that the counter follows the
  new id as docs/the-conversation.md#entry-content says it does), and ``<published>``/``<updated>``
  (ten minutes apart, newest first). Each substitution is asserted to happen exactly once, and
  ``verify`` parses every built feed back and compares each article's content with its template's.
- Sources are feeds of 25 entries, the size of The Conversation's own feeds
  (docs/the-conversation.md#atom-feeds): N = 500 gives 20 sources. The real-size mix: a
  source is English (four in five, copies of 263253, 22 KB) or French (four entries of
  212649, 19 KB, to one of 209538, 5 KB), with its sample's feed header, as an edition's
  section feed is in one language.
- For morss, which fetches each entry's page to make a full-text feed, every source has a
  twin whose entry links point at the same server, and each article URL there answers with
  its template's page: the recorded French article pages byte for byte, and for 263253 (no
  page was recorded) a page built as docs/the-conversation.md#article-pages describes: the entry's
  content inside ``div[itemprop=articleBody]``.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "syndication" / "samples"
PAGES = ROOT / "tests" / "data" / "tc-samples"
ENTRIES_PER_SOURCE = 25
FIRST_ID = 1_000_000
NEWEST = datetime(2025, 9, 26, 12, 0, tzinfo=UTC)
TC_ID = "tag:theconversation.com,2011:article/{}"


@dataclass(frozen=True)
class Template:
    article_id: int
    sample: Path  # the feed file holding its entry
    page: Path | None  # its recorded article page, if any
    language: str  # "en" or "fr": which sources carry it


TEMPLATES = (
    Template(263253, SAMPLES / "tc-feed-us-environment-articles.atom", None, "en"),
    Template(212649, SAMPLES / "tc-feed-fr-built-2-entries.atom",
             PAGES / "tc-article-212649-fr.html", "fr"),
    Template(209538, SAMPLES / "tc-feed-fr-built-2-entries.atom",
             PAGES / "tc-article-209538-fr.html", "fr"),
)


# The French sources' entries in turn: four of 212649 (19 KB), one of 209538 (5 KB).
FRENCH_MIX = (TEMPLATES[1],) * 4 + (TEMPLATES[2],)


@dataclass(frozen=True)
class Site:
    folder: Path  # what the server serves
    n: int  # articles
    sources: tuple[str, ...]  # paths of the source feeds, e.g. /en/bench-00/articles.atom
    morss_sources: tuple[str, ...]  # their twins, entry links on the server
    template_of: dict[int, int]  # new article id -> template id


def _entry_text(sample: str, article_id: int) -> str:
    """The ``<entry>…</entry>`` of ``article_id`` in a sample feed, exactly as written."""
    for m in re.finditer(r"  <entry>.*?</entry>\n", sample, re.DOTALL):
        if f"<id>{TC_ID.format(article_id)}</id>" in m.group():
            return m.group()
    raise ValueError(f"article {article_id} is not in the sample")


def _header(sample: str) -> str:
    return sample[: sample.index("  <entry>")]


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise AssertionError(f"{old!r} occurs {text.count(old)} times, not once")
    return text.replace(old, new)


def _copy(entry: str, old: int, new: int, when: datetime,
          link: Callable[[str], str] | None) -> str:
    """The template's entry under the id ``new``: ids, counter and dates only."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = _replace_once(entry, f"article/{old}</id>", f"article/{new}</id>")
    entry = _replace_once(entry, f"content/{old}/count.gif", f"content/{new}/count.gif")
    entry = re.sub(r"<published>[^<]*</published>", f"<published>{stamp}</published>", entry)
    entry = re.sub(r"<updated>[^<]*</updated>", f"<updated>{stamp}</updated>", entry)
    href = re.search(r'<link rel="alternate" type="text/html" href="([^"]*)"/>', entry)
    assert href and href.group(1).endswith(f"-{old}"), "no canonical link"
    canonical = href.group(1)[: -len(str(old))] + str(new)
    return _replace_once(entry, href.group(0), href.group(0).replace(
        href.group(1), link(canonical) if link else canonical))


def slug_path(canonical: str) -> str:
    """``https://theconversation.com/{slug}-{N}`` -> ``/pages/{slug}-{N}`` on our server."""
    return "/pages/" + canonical.rsplit("/", 1)[1]


def build(folder: Path, n: int, base: str) -> Site:
    """Write the site of ``n`` articles into ``folder``; ``base`` is the server's URL."""
    if n % ENTRIES_PER_SOURCE:
        raise ValueError(f"n must be a multiple of {ENTRIES_PER_SOURCE}")
    samples = {t.sample: t.sample.read_text(encoding="utf-8") for t in TEMPLATES}
    entries = {t.article_id: _entry_text(samples[t.sample], t.article_id) for t in TEMPLATES}
    english = [t for t in TEMPLATES if t.language == "en"]
    sources, twins = [], []
    template_of: dict[int, int] = {}
    for k in range(n // ENTRIES_PER_SOURCE):
        # The real-size mix: a feed entry of The Conversation is some 22 KB (263253, and
        # 212649's 19 KB); 209538 (5 KB) is the short one, one French entry in five.
        lang = "fr" if k % 5 == 4 else "en"
        pool = english if lang == "en" else FRENCH_MIX
        header = _header(samples[pool[0].sample])
        ours, theirs = [header], [header]
        for e in range(ENTRIES_PER_SOURCE):
            i = k * ENTRIES_PER_SOURCE + e
            t = pool[i % len(pool)]
            new = FIRST_ID + i
            when = NEWEST - timedelta(minutes=10 * i)
            template_of[new] = t.article_id
            entry = entries[t.article_id]
            ours.append(_copy(entry, t.article_id, new, when, None))
            theirs.append(_copy(entry, t.article_id, new, when,
                                lambda c: base + slug_path(c)))
        path = f"/{lang}/bench-{k:02d}/articles.atom"
        twin = f"/morss/{lang}/bench-{k:02d}/articles.atom"
        for p, parts in ((path, ours), (twin, theirs)):
            file = folder / p.lstrip("/")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text("".join(parts) + "</feed>\n", encoding="utf-8")
        sources.append(path)
        twins.append(twin)
    return Site(folder, n, tuple(sources), tuple(twins), template_of)


def verify(site: Site) -> None:
    """Parse every built feed back: each article's content must be its template's, with
    only the counter's number changed."""
    from syndication.source import parse_feed

    originals = {}
    for t in TEMPLATES:
        for a in parse_feed(t.sample.read_bytes(), str(t.sample)).articles:
            originals[a.article_id] = a
    seen = 0
    for path in site.sources:
        feed = parse_feed((site.folder / path.lstrip("/")).read_bytes(), path)
        assert not feed.problems, feed.problems
        for a in feed.articles:
            old = originals[site.template_of[a.article_id]]
            back = a.content.replace(f"content/{a.article_id}/count.gif",
                                     f"content/{old.article_id}/count.gif")
            assert back == old.content, f"article {a.article_id}: content differs"
            assert (a.title, a.authors, a.rights) == (old.title, old.authors, old.rights)
            seen += 1
    assert seen == site.n, (seen, site.n)


def built_page(template: Template) -> bytes:
    """An article page for a template without a recorded one
    (docs/the-conversation.md#article-pages's shape)."""
    from syndication.source import parse_feed

    (article,) = [a for a in parse_feed(template.sample.read_bytes(), "x").articles
                  if a.article_id == template.article_id]
    return (
        "<!DOCTYPE html>\n<!-- BUILT page, not a recording (benchmarks/recorded_site.py) -->\n"
        f'<html lang="{escape(article.language or "en")}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title></head><body><article>"
        f"<h1>{escape(article.title)}</h1>"
        f'<div itemprop="articleBody">{article.content}</div>'
        "</article></body></html>\n"
    ).encode()


# --- serving --------------------------------------------------------------------------------


def _serve(folder: str, pages: dict[str, bytes], ready: Any, count: Synchronized[int]) -> None:
    """The server process: files from ``folder`` (with Last-Modified and 304s, as the
    stdlib's handler answers If-Modified-Since) and article pages for morss."""

    class Handler(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server
        extensions_map = {  # noqa: RUF012 -- the stdlib's own class attribute, extended
            **SimpleHTTPRequestHandler.extensions_map, ".atom": "application/atom+xml"
        }

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=folder, **kwargs)

        def do_GET(self) -> None:
            if self.path == "/__requests":
                self._send(str(count.value).encode(), "text/plain")
                return
            with count.get_lock():
                count.value += 1
            if self.path.startswith("/pages/"):
                slug = self.path.rsplit("-", 1)[0]
                page = pages.get(slug)
                if page is None:
                    self.send_error(404)
                    return
                self._send(page, "text/html; charset=utf-8")
                return
            super().do_GET()

        def _send(self, body: bytes, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client hanging up early (morss stops reading at 500 KiB) is its business

    httpd = Server(("127.0.0.1", 0), Handler)
    ready.send(httpd.server_address[1])
    httpd.serve_forever()


class Server:
    """The site's server in its own process, so that it takes no time from the run measured."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count: Synchronized[int] = multiprocessing.Value("q", 0)  # type: ignore[assignment]
        pages = {}
        for t in TEMPLATES:
            canonical = re.search(
                r'<link rel="alternate" type="text/html" href="([^"]*)"/>',
                _entry_text(t.sample.read_text(encoding="utf-8"), t.article_id),
            )
            assert canonical
            slug = slug_path(canonical.group(1)).rsplit("-", 1)[0]
            pages[slug] = t.page.read_bytes() if t.page else built_page(t)
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(str(folder), pages, child, self.count),
                                   daemon=True)
        self.process.start()
        self.port: int = parent.recv()
        self.base = f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> int:
        with self.count.get_lock():
            return int(self.count.value)

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


@contextmanager
def serving(folder: Path) -> Iterator[Server]:
    server = Server(folder)
    try:
        yield server
    finally:
        server.stop()

