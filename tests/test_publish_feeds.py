"""publish.py: feeds are a function of their entries (never of the clock), and files are
written atomically and only when their bytes change."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from syndication.config import FeedConfig, SiteConfig
from syndication.errors import PublishError
from syndication.models import Article, FeedEntry
from syndication.output import remove_stale_temps, write_if_changed
from syndication.publish import entry_id, render
from syndication.republish import republish

SITE = SiteConfig(title="Publisher", base_url="https://example.org/feeds/",
                  output_dir=Path("out"), state_file=Path("s.sqlite3"))
FEED = FeedConfig(name="env", title="Env", sources=("https://x/a.atom",), max_entries=10,
                  description="Env: from The Conversation")


def entry(article: Article) -> FeedEntry:
    return FeedEntry(
        article_id=article.article_id, url=article.url, title=article.title,
        summary=article.summary, published=article.published, updated=article.updated,
        authors=article.authors, categories=article.categories, language=article.language,
        rights=article.rights, html=republish(article).html,
    )


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_render_is_deterministic_and_dated_by_the_newest_entry(
    env_article: Article, fr_articles: tuple[Article, ...], fmt: str
) -> None:
    entries = [entry(a) for a in (env_article, *fr_articles)]
    first = render(fmt, SITE, FEED, entries)
    assert render(fmt, SITE, FEED, entries) == first
    parsed = feedparser.parse(first)
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == [entry_id(a.article_id)
                                              for a in (env_article, *fr_articles)]
    newest = max(a.updated for a in (env_article, *fr_articles))
    stamp = parsed.feed.get("updated_parsed")
    assert stamp is not None
    assert datetime(*stamp[:6], tzinfo=UTC) == newest
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [f"https://example.org/feeds/env.{fmt}"]


def test_empty_feed_is_valid_and_not_dated_now() -> None:
    parsed = feedparser.parse(render("atom", SITE, FEED, []))
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated.startswith("1970-01-01")


def test_write_if_changed(tmp_path: Path) -> None:
    path = tmp_path / "out" / "env.atom"
    assert write_if_changed(path, b"one") is True
    stamp = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False
    assert path.stat().st_mtime_ns == stamp
    assert write_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in path.parent.iterdir()) == ["env.atom"]  # no temp file left


def test_a_failed_write_keeps_the_old_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the new file is flushed: the old one stays, no temp left."""
    path = tmp_path / "env.atom"
    path.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PublishError) as info:
        write_if_changed(path, b"new")
    assert str(path) in str(info.value) and "No space left" in str(info.value)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["env.atom"]


def test_remove_stale_temps_takes_only_the_named_files_temporaries(tmp_path: Path) -> None:
    """What write_if_changed leaves when killed (``.{name}.syndication-XXXXXXXX.tmp``) goes,
    for the names given only; the files themselves, other dot files, other names' temporaries
    and a user's own files that merely look like temporaries stay."""
    import tempfile

    kept = ["env.atom", "env.rss", ".env.atom", ".env.atom.tmp", ".other.atom.x1y2.tmp",
            ".env.atom.x1y2.tmp.bak", "env.atom.x1y2.tmp", ".env.atom.k3x9q2ab.tmp",
            ".env.atom.syndication-short.tmp", ".env.atom.syndication-x1y2z3w4.tmp.bak",
            ".other.atom.syndication-x1y2z3w4.tmp"]
    for name in kept:
        (tmp_path / name).write_bytes(b"x")
    fd, real = tempfile.mkstemp(prefix=".env.atom.syndication-", suffix=".tmp", dir=tmp_path)
    os.close(fd)
    stale = [Path(real).name, ".env.rss.syndication-a1_b2c3d.tmp",
             ".index.html.syndication-zzzzzzzz.tmp"]
    for name in stale[1:]:
        (tmp_path / name).write_bytes(b"x")
    removed = remove_stale_temps(tmp_path, ["env.atom", "env.rss", "index.html"])
    assert sorted(p.name for p in removed) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)
    assert remove_stale_temps(tmp_path / "missing", ["env.atom"]) == []
