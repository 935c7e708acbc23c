"""The output folder may hold files syndication did not write (issue 10, item 6): a run replaces
or removes only its own files, told by what the state database recorded writing, or by the
mark its feeds, index page and images carry (files of 0.1, or a state file deleted). Real
runs against the loopback copy of The Conversation, real files, a real state database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from syndication.config import Config, load_config
from syndication.errors import PublishError
from syndication.output import ICON_FILE, carries_mark, write_if_changed

from .harness import Site, all_feed_ids, drive

# Files a user may well keep in a folder they publish, under the names a run writes: a site's
# own home page, a feed made by another tool, an icon of their own.
WORDPRESS_ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>My blog</title>
  <id>https://example.org/blog/</id>
  <updated>2026-11-30T10:00:00Z</updated>
  <generator uri="https://wordpress.org/" version="6.7">WordPress</generator>
  <entry><title>Hello</title><id>https://example.org/blog/1</id>
    <updated>2026-11-30T10:00:00Z</updated><content>syndication</content></entry>
</feed>
"""
HUGO_RSS = b"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel><title>Notes</title><link>https://example.org/</link>
    <generator>Hugo -- gohugo.io</generator>
    <item><title>Note</title><link>https://example.org/n/1</link>
      <description>&lt;generator&gt;syndication&lt;/generator&gt;</description></item>
  </channel>
</rss>
"""
OWN_JSON = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Mine",
                       "items": [{"id": "1", "content_text": "mine",
                                  "_license": {"about": "https://example.org/"}}]}).encode()
OWN_INDEX = ("<!DOCTYPE html><html lang=en><title>Ma page</title><p>Bienvenue ! "
             "Mes flux, créés avec syndication (https://pypi.org/project/syndication/), "
             "sont ci-dessous.</p></html>\n").encode()
OWN_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # not the shipped icon's bytes

USERS_OWN = {
    "index.html": OWN_INDEX,
    "env.atom": WORDPRESS_ATOM,
    "fr.rss": HUGO_RSS,
    "both.json": OWN_JSON,
    ICON_FILE: OWN_PNG,
}


@pytest.fixture
def site(server, tmp_path) -> Site:
    return Site(server, tmp_path, fetch={"timeout": 5, "retries": 0})


@pytest.mark.parametrize("name", sorted(USERS_OWN))
def test_a_users_own_file_is_never_replaced(site, capsys, name: str) -> None:
    site.out.mkdir()
    (site.out / name).write_bytes(USERS_OWN[name])
    config = site.config()
    outcome = drive(config, capsys)
    assert outcome.status == 1
    said = [line for line in outcome.lines if "did not write" in line]
    assert len(said) == 1 and str(site.out / name) in said[0], outcome.stderr
    assert "move it out of the output folder" in said[0]
    assert (site.out / name).read_bytes() == USERS_OWN[name]
    # nor on the next run; said once (README "From cron"): the run still fails at it
    outcome = drive(config, capsys)
    assert (outcome.status, outcome.stderr) == (1, "")
    assert (site.out / name).read_bytes() == USERS_OWN[name]
    # every other file was written, and is syndication's
    written = {p.name for p in site.out.iterdir()} - {name}
    assert {"env.atom", "fr.rss", "both.json", "index.html", ICON_FILE} - {name} <= written
    assert all(carries_mark(n, (site.out / n).read_bytes())
               for n in written if not n.endswith(".json") and n != "logo.png")
    # moved away, the next run writes ours there and all is well
    (site.out / name).rename(site.tmp / name)
    outcome = drive(config, capsys)
    assert (outcome.status, outcome.stderr) == (0, "")
    assert carries_mark(name, (site.out / name).read_bytes()) or name.endswith(".json")
    assert (site.tmp / name).read_bytes() == USERS_OWN[name]


def test_a_file_of_ours_replaced_by_the_user_is_theirs(site, capsys) -> None:
    config = site.config()
    assert drive(config, capsys).status == 0
    (site.out / "index.html").write_bytes(OWN_INDEX)  # the user put their page there
    site.normal()  # new articles: every file would change
    outcome = drive(config, capsys)
    assert outcome.status == 1 and "index.html: a file syndication did not write" in outcome.stderr
    assert (site.out / "index.html").read_bytes() == OWN_INDEX
    assert 212649 in all_feed_ids(site.out)["env.atom"] | all_feed_ids(site.out)["fr.atom"]


def _rewrite_all(site: Site) -> Config:
    """A config change that changes the bytes of every feed file and the index page."""
    path = site.config_path()
    path.write_text(path.read_text().replace('title = "Feed ', 'title = "Renamed feed '))
    return load_config(path)


@pytest.mark.parametrize("how", ["state file deleted", "written by 0.1"])
def test_files_syndication_wrote_before_any_record_are_adopted(site, capsys, how: str) -> None:
    """An install of 0.1 (no record of the files written) and a state file deleted: the feeds
    and the index page carry syndication's mark, and are replaced as they always were."""
    site.normal()
    assert drive(site.config(), capsys).status == 0
    before = {p.name: p.read_bytes() for p in site.out.iterdir()}
    if how == "state file deleted":
        site.state.unlink()
        for extra in site.tmp.glob("state.sqlite3-*"):
            extra.unlink()
    else:
        with sqlite3.connect(site.state) as db:  # what 0.1 knew: no output_files rows
            db.execute("DELETE FROM output_files")
            db.execute("DELETE FROM feed_files")
    outcome = drive(_rewrite_all(site), capsys)
    assert (outcome.status, outcome.stderr) == (0, ""), outcome.stderr
    for name in ("env.atom", "env.rss", "fr.atom", "both.rss", "both.json", "index.html"):
        after = (site.out / name).read_bytes()
        assert after != before[name] and b"Renamed feed" in after, name


def test_a_file_of_ours_edited_by_hand_keeps_its_mark_and_is_replaced(site, capsys) -> None:
    site.normal()
    assert drive(site.config(), capsys).status == 0
    path = site.out / "env.atom"
    path.write_bytes(path.read_bytes().replace(b"Feed env", b"Feed env (edited)"))
    assert drive(_rewrite_all(site), capsys).status == 0
    assert b"(edited)" not in path.read_bytes()


def test_a_feed_file_unchanged_since_written_is_adopted_by_its_old_record(site, capsys) -> None:
    """A state written before the output_files record (schema 8) still knows each feed file
    it wrote (feed_files: size and time), which tells an empty JSON feed, that carries no
    mark, from a user's."""
    site.normal(fr=b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>")
    assert drive(site.config(), capsys).status == 0
    empty = site.out / "fr.json"
    assert not carries_mark("fr.json", empty.read_bytes())  # no item: no mark
    with sqlite3.connect(site.state) as db:
        db.execute("DELETE FROM output_files")
    outcome = drive(_rewrite_all(site), capsys)
    assert (outcome.status, outcome.stderr) == (0, ""), outcome.stderr
    assert b"Renamed feed" in empty.read_bytes()


# --- removing what no [[feed]] writes any more ----------------------------------------------


def _without_feed(site: Site, name: str) -> Config:
    path = site.config_path()
    text = path.read_text()
    start = text.index(f'[[feed]]\nname = "{name}"')
    end = text.find("[[feed]]", start + 1)
    path.write_text(text[:start] + (text[end:] if end != -1 else ""))
    return load_config(path)


def test_a_removed_feeds_files_are_removed_and_nothing_else(site, capsys, tmp_path) -> None:
    site.normal()
    (site.out).mkdir()
    mine = {"notes.atom": WORDPRESS_ATOM, ".fr.atom.syndication-old.tmp": b"x",
            "fr.atom.bak": b"backup"}
    for name, data in mine.items():
        (site.out / name).write_bytes(data)
    assert drive(site.config(), capsys).status == 0
    (site.out / "fr.json").write_bytes(OWN_JSON)  # the user put their own there since
    config = _without_feed(site, "fr")
    outcome = drive(config, capsys, verbose=1)
    assert outcome.status == 0, outcome.stderr
    names = {p.name for p in site.out.iterdir()}
    assert "fr.atom" not in names and "fr.rss" not in names
    assert "removed " + str(site.out / "fr.atom") in outcome.stderr
    assert (site.out / "fr.json").read_bytes() == OWN_JSON  # changed since: left alone
    assert all((site.out / n).read_bytes() == d for n, d in mine.items())
    assert {"env.atom", "both.rss", "index.html"} <= names
    # and nothing is said or removed again on the next run
    again = drive(config, capsys, verbose=1)
    assert "removed" not in again.stderr and (site.out / "fr.json").exists()


def test_a_config_sharing_the_folder_never_removes_the_others_files(site, capsys,
                                                                   tmp_path) -> None:
    """Two configs, one folder, one state file: what one config wrote is not the other's
    to remove, even when the other has no [[feed]] of that name."""
    site.normal()
    assert drive(site.config(), capsys).status == 0
    other = site.tmp / "other.toml"
    text = site.config_path().read_text()
    start = text.index("[[feed]]")
    other.write_text(text[:start] + '[[feed]]\nname = "solo"\ntitle = "Solo"\n'
                     f'sources = ["{site.env_url}"]\n')
    assert drive(load_config(other), capsys).status == 0
    names = {p.name for p in site.out.iterdir()}
    assert {"env.atom", "fr.rss", "both.json", "solo.atom"} <= names


def test_an_image_no_longer_shipped_is_removed(site, capsys) -> None:
    site.normal()
    assert drive(site.config(), capsys).status == 0
    assert (site.out / "logo.png").exists()
    path = site.config_path()
    path.write_text(path.read_text().replace(
        "[fetch]", 'logo = "https://example.org/logo.png"\n[fetch]'))
    assert drive(load_config(path), capsys).status == 0
    assert not (site.out / "logo.png").exists() and (site.out / ICON_FILE).exists()


# --- the mark ---------------------------------------------------------------------------------


def test_write_if_changed_leaves_a_file_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_bytes(OWN_INDEX)
    with pytest.raises(PublishError, match="did not write"):
        write_if_changed(path, b"<!DOCTYPE html>", lambda old: False)
    assert path.read_bytes() == OWN_INDEX and list(tmp_path.iterdir()) == [path]
    assert write_if_changed(path, OWN_INDEX, lambda old: False) is False  # identical: no harm
    assert write_if_changed(path, b"new", lambda old: old == OWN_INDEX) is True


@pytest.mark.parametrize(("name", "data"), [
    *USERS_OWN.items(),
    ("env.atom", WORDPRESS_ATOM.replace(b"https://wordpress.org/",
                                        b"https://pypi.org/project/syndication-x/")),
    ("env.atom", b"<feed><entry><generator uri=\"https://pypi.org/project/syndication/\">"
                 b"</generator></entry></feed>"),  # the mark inside an entry: not the feed's
    ("env.rss", b"<rss><channel><generator>syndication</generator></channel></rss>"),
    ("env.json", b"not json"), ("env.json", b"[1, 2]"), ("env.json", b'{"items": {}}'),
    ("notes.txt", b"Made with syndication"),
])
def test_what_does_not_carry_the_mark(name: str, data: bytes) -> None:
    assert not carries_mark(name, data)


def test_the_audit_report_never_overwrites_a_users_temporary_file(tmp_path: Path) -> None:
    """`audit --report FILE` is written as the feeds are: whole, through a temporary file
    of a name only syndication makes (it used ``.FILE.tmp``, a name anyone may use)."""
    from syndication.cli import _write_report

    mine = tmp_path / ".report.html.tmp"
    mine.write_bytes(b"mine")
    _write_report(tmp_path / "report.html", "<!DOCTYPE html><title>audit</title>")
    assert mine.read_bytes() == b"mine"
    assert (tmp_path / "report.html").read_text() == "<!DOCTYPE html><title>audit</title>"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".report.html.tmp", "report.html"]
