"""conversation: The Conversation's hosts, ids and editions, told apart from
lookalikes (a host that merely contains or ends with the name is not The Conversation's)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from syndication import conversation
from syndication.conversation import (
    counter_article_id,
    is_edition_feed,
    is_tc_home,
    is_tc_host,
    is_tc_url,
    tc_article_id,
)


@pytest.mark.parametrize(("host", "ours"), [
    ("theconversation.com", True),
    ("THEConversation.com", True),
    ("theconversation.com.", True),
    ("counter.theconversation.com", True),
    ("images.theconversation.com", True),
    ("theconversation.com.evil.example", False),
    ("eviltheconversation.com", False),
    ("theconversation.co", False),
    ("theconversation.com-evil.example", False),
    ("", False),
])
def test_the_host_test_rejects_lookalikes(host: str, ours: bool) -> None:
    assert is_tc_host(host) is ours


@pytest.mark.parametrize(("href", "n"), [
    ("https://theconversation.com/some-slug-263253", 263253),
    ("https://theconversation.com/some-slug-263253/?utm=x#top", 263253),
    ("http://theconversation.com:443/some-slug-263253", 263253),
    ("https://theconversation.com.evil.example/some-slug-263253", None),
    ("https://eviltheconversation.com/some-slug-263253", None),
    ("https://theconversation.com/profiles/ana-lopez-12345", None),
    ("https://theconversation.com/institutions/university-of-x-42", None),
    ("https://theconversation.com/us/topics/climate-change-27", None),
    ("https://example.com/some-slug-263253", None),
    ("http://[bad", None),
])
def test_an_article_link_is_one_on_the_conversation(href: str, n: int | None) -> None:
    assert tc_article_id(href) == n


def test_home_pages_and_edition_feeds() -> None:
    assert is_tc_home("https://theconversation.com/")
    assert is_tc_home("https://theconversation.com/ca-fr")
    assert not is_tc_home("https://theconversation.com.evil.example/")
    assert not is_tc_home("https://theconversation.com/some-slug-263253")
    assert is_edition_feed("https://theconversation.com/fr/articles.atom")
    assert is_edition_feed("http://127.0.0.1:8080/articles.atom")
    assert not is_edition_feed("https://theconversation.com/us/environment/articles.atom")
    assert not is_tc_url("https://theconversation.com@evil.example/x-1")


def test_the_counter_names_its_article() -> None:
    assert counter_article_id(
        "https://counter.theconversation.com/content/263253/count.gif?distributor=x") == 263253
    assert counter_article_id("//counter.theconversation.com/content/7/count.gif") == 7
    assert counter_article_id(
        "https://counter.theconversation.com.evil.example/content/7/count.gif") is None


# What only conversation.py may spell out: The Conversation's hosts (home, counter, images,
# entry ids) and the paths of its profile and institution pages.
ITS_LITERALS = re.compile(r"theconversation|/profiles/|/institutions/", re.I)


def literals_outside(package: Path, home: Path) -> list[str]:
    """``file:line: text`` of each string in the package's code, outside ``home``, that spells
    one of ITS_LITERALS; docstrings are prose and may name them."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path == home:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                                    | ast.AsyncFunctionDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        found += [f"{path.relative_to(package.parent)}:{node.lineno}: {node.value!r}"
                  for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and ITS_LITERALS.search(node.value)]
    return found


def test_its_hosts_and_paths_are_spelt_in_conversation_py_alone() -> None:
    """docs/the-conversation.md's facts have one home in the code: a second copy of a host or
    a path drifts from the first (issue 12)."""
    package = Path(conversation.__file__).parent
    assert literals_outside(package, Path(conversation.__file__)) == []


def test_the_literal_scan_finds_a_copy(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "stage.py").write_text(
        '"""Reads theconversation.com feeds: prose."""\n'
        'def f(href):\n'
        '    """A /profiles/ link: prose."""\n'
        '    return "counter.theconversation.com" in href or f"{href}/institutions/"\n',
        encoding="utf-8")
    assert literals_outside(tmp_path / "pkg", tmp_path / "none.py") == [
        "pkg/stage.py:4: 'counter.theconversation.com'", "pkg/stage.py:4: '/institutions/'"]
