"""The validator of tests/feedlint.py passes our real feeds, in every format, and catches each
fault the issue names (missing self link, duplicate ids, relative URLs in content, dates
without time zone, an entry without author) in a broken variant of them, made in memory. It
also agrees with the feed judges on their own samples (tests/data/judge-samples)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from .feedlint import ATOM, CC, CONTENT, DC, codes, lint
from .golden import GOLDEN, build

JUDGE_SAMPLES = Path(__file__).parent / "data" / "judge-samples"
FORMATS = ("atom", "rss", "json")


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("lint")
    assert build(tmp / "out", tmp / "state.sqlite3").ok
    return tmp / "out"


@pytest.mark.parametrize("feed", ["environment", "sciences-fr", "all"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_our_feeds_have_no_problem(demo_output: Path, feed: str, fmt: str) -> None:
    assert lint((demo_output / f"{feed}.{fmt}").read_bytes(), fmt) == []


# --- broken variants of our own output, made in memory ----------------------------------

Breaker = Callable[[bytes], bytes]


def _xml(edit: Callable[[etree._Element], None]) -> Breaker:
    def breaker(data: bytes) -> bytes:
        root = etree.fromstring(data)
        edit(root)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return breaker


def _json(edit: Callable[[dict[str, object]], None]) -> Breaker:
    def breaker(data: bytes) -> bytes:
        doc = json.loads(data)
        edit(doc)
        return json.dumps(doc).encode()
    return breaker


def _drop(root: etree._Element, path: str) -> None:
    for el in root.findall(path):
        el.getparent().remove(el)


def _atom_entries(root: etree._Element) -> list[etree._Element]:
    return root.findall(f"{ATOM}entry")


def _items(root: etree._Element) -> list[etree._Element]:
    return root.findall("channel/item")


def _set_text(el: etree._Element | None, text: str) -> None:
    assert el is not None
    el.text = text


def _relative_in_content(html: str) -> str:
    """The first absolute link inside the content made relative, as a careless republisher
    (or a missing make_links_absolute) would leave it."""
    changed, n = re.subn(r'href="https://[^/"]+/', 'href="/', html, count=1)
    assert n == 1
    return changed


def _atom_relative(root: etree._Element) -> None:
    content = _atom_entries(root)[1].find(f"{ATOM}content")
    assert content is not None
    content.text = _relative_in_content(content.text or "")


def _rss_relative(root: etree._Element) -> None:
    content = _items(root)[1].find(CONTENT)
    assert content is not None
    content.text = _relative_in_content(content.text or "")


def _atom_duplicate(root: etree._Element) -> None:
    entries = _atom_entries(root)
    _set_text(entries[2].find(f"{ATOM}id"), entries[1].findtext(f"{ATOM}id") or "")


def _rss_duplicate(root: etree._Element) -> None:
    items = _items(root)
    _set_text(items[2].find("guid"), items[1].findtext("guid") or "")


def _json_items(doc: dict[str, object]) -> list[dict[str, object]]:
    items = doc["items"]
    assert isinstance(items, list)
    return items


BROKEN: dict[tuple[str, str], Breaker] = {
    ("no-self", "atom"): _xml(lambda r: _drop(r, f"{ATOM}link[@rel='self']")),
    ("no-self", "rss"): _xml(lambda r: _drop(r, f"channel/{ATOM}link[@rel='self']")),
    ("no-self", "json"): _json(lambda d: d.pop("feed_url")),
    ("duplicate-id", "atom"): _xml(_atom_duplicate),
    ("duplicate-id", "rss"): _xml(_rss_duplicate),
    ("duplicate-id", "json"): _json(
        lambda d: _json_items(d)[2].update(id=_json_items(d)[1]["id"])),
    ("relative-url", "atom"): _xml(_atom_relative),
    ("relative-url", "rss"): _xml(_rss_relative),
    ("relative-url", "json"): _json(lambda d: _json_items(d)[1].update(
        content_html=_relative_in_content(str(_json_items(d)[1]["content_html"])))),
    ("date-no-timezone", "atom"): _xml(lambda r: _set_text(
        _atom_entries(r)[0].find(f"{ATOM}updated"), "2025-09-26T12:30:52")),
    ("date-no-timezone", "rss"): _xml(lambda r: _set_text(
        _items(r)[0].find("pubDate"), "Fri, 26 Sep 2025 12:30:52")),
    ("date-no-timezone", "json"): _json(
        lambda d: _json_items(d)[0].update(date_modified="2025-09-26T12:30:52")),
    ("no-author", "atom"): _xml(lambda r: _drop(_atom_entries(r)[1], f"{ATOM}author")),
    ("no-author", "rss"): _xml(lambda r: _drop(_items(r)[1], f"{DC}creator")),
    ("no-author", "json"): _json(lambda d: _json_items(d)[1].update(authors=[])),
    ("no-licence", "atom"): _xml(
        lambda r: _drop(_atom_entries(r)[0], f"{ATOM}link[@rel='license']")),
    ("no-licence", "rss"): _xml(lambda r: _drop(_items(r)[0], CC)),
    ("no-licence", "json"): _json(lambda d: _json_items(d)[0].pop("_license")),
}


@pytest.mark.parametrize(("code", "fmt"), list(BROKEN))
def test_a_broken_variant_is_caught(code: str, fmt: str) -> None:
    good = (GOLDEN / f"all.{fmt}").read_bytes()
    assert lint(good, fmt) == []
    broken = BROKEN[code, fmt](good)
    problems = lint(broken, fmt)
    assert codes(problems) == {code}, problems


@pytest.mark.parametrize("fmt", FORMATS)
def test_not_a_feed_is_caught(fmt: str) -> None:
    truncated = (GOLDEN / f"all.{fmt}").read_bytes()[:5000]
    assert codes(lint(truncated, fmt)) == {"not-parsed"}


@pytest.mark.parametrize(("text", "code"), [
    ("2025-02-30T10:00:00Z", "bad-date"),  # no such day
    ("26/09/2025", "bad-date"),
    ("2025-09-26 12:30", "date-no-timezone"),
])
def test_atom_dates_are_checked_strictly(text: str, code: str) -> None:
    broken = _xml(lambda r: _set_text(_atom_entries(r)[0].find(f"{ATOM}published"), text))(
        (GOLDEN / "all.atom").read_bytes())
    assert codes(lint(broken, "atom")) == {code}


# --- the judges' own samples: the same faults, found the same way -----------------------

# The five faults the issue names; the judges' samples carry no licence, so that code is not
# compared here.
ISSUE_CODES = {"no-self", "duplicate-id", "relative-url", "bad-date", "date-no-timezone",
               "no-author", "not-parsed"}
EXPECTED = {
    "good": set(),
    "broken-no-self": {"no-self"},
    "broken-dup-ids": {"duplicate-id"},
    "broken-relative-links": {"relative-url"},
    "broken-bad-dates": {"bad-date"},
    "broken-not-wellformed": {"not-parsed"},
}


@pytest.mark.parametrize(
    "path", [p for p in sorted(JUDGE_SAMPLES.iterdir()) if p.suffix in (".atom", ".rss")],
    ids=lambda p: p.name,
)
def test_judge_samples(path: Path) -> None:
    found = codes(lint(path.read_bytes(), path.suffix[1:])) & ISSUE_CODES
    assert found == EXPECTED[path.stem]
