"""Pure: a page drawn by its scripts (docs/compliance.md#a-page-drawn-by-its-scripts). The
checker reads a page's HTML as served; a page whose scripts draw its content in the browser
(a Next.js or Nuxt page rendered on the client, a single-page app that fetches the post)
serves little or none of the article as HTML, the rest in its script data or not at all. Such
a page is not checkable from its HTML: every rule would fail on words and links a reader is
shown. This module tells such a page from one that left the article out, and reads the
article's id from its script data when its markup has none. A page React streams (Next.js's
App Router) sends its content in hidden segments that its scripts move into place: this
module moves them as a browser does (settle_streamed), before the page is read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from ..lazyre import lazy_compile
from .compare import ANCHOR_WORDS
from .htmltext import SKIP_TAGS, drop, join_words, parse_fragment, text_of, unwrap, words

if TYPE_CHECKING:
    from lxml.etree import _Element

    from .compare import Cut
    from .original import Original
    from .page import Page

# A script's text shorter than this holds no article (a config line, a tracking call).
_DATA_CHARS = 200
# A string in a script's data shorter than this is no part of an article's text.
_STRING_CHARS = 40
# A JavaScript or JSON string literal in double quotes (a Nuxt or React Server Components
# payload is a script, not JSON: its strings are read one by one).
_STRING = lazy_compile(r'"(?:[^"\\]|\\.)*"', re.S)
# Runs of the original looked for in the script data: it carries the article when at least
# half of them are there.
_PROBES = 8
# A page whose HTML shows this share of the article's length in words is judged as it is,
# whatever its scripts carry (a rewritten copy beside the original's text in its JSON-LD).
_SHOWN_SHARE = 0.5
# A page shows fewer tokens than this, and than this share of the article's length, and runs
# scripts: a shell its scripts fill (the article fetched in the browser).
_SHELL_TOKENS = 150
_SHELL_SHARE = 0.1


def drawn_by_script(rep: Page, orig: Original) -> str | None:
    """Why the page's HTML, where the original's text is not found, is a page its scripts
    draw (a reason naming what shows it), or None: the page left the article out."""
    scripts = list(rep.root.iter("script"))
    if rep.plain or not scripts or len(rep.words) >= _SHOWN_SHARE * orig.length:
        return None  # a page of its own words: another text, or the article rewritten
    carried, seen = _carrier(scripts, orig.text.words)
    if carried is not None:
        return (f"its HTML carries none of the article's text, which is in its script data "
                f"({carried})")
    if seen >= _SHOWN_SHARE * orig.length:
        return None  # its data holds another text: the page draws that one
    if len(rep.words) < min(_SHELL_TOKENS, _SHELL_SHARE * orig.length):
        return (f"its HTML shows {len(rep.words)} words and runs {len(scripts)} scripts, "
                "which fetch and draw its content in the browser")
    return None


def draws_the_rest(rep: Page, orig: Original, cut: Cut) -> str | None:
    """Why a page whose HTML stops carrying the article at ``cut`` is one its scripts
    complete (a reason naming the script), or None: the page cut the article. Its scripts'
    data (not JSON-LD, which describes the page to search engines and draws nothing) carries
    the original's words from where the HTML stops: a Next.js or Nuxt page that renders the
    first paragraphs on the server and the rest in the browser, a "load more" over a post
    whose body is in the page's payload."""
    if rep.plain:
        return None
    scripts = [s for s in rep.root.iter("script")
               if (s.get("type") or "").strip().lower() != "application/ld+json"]
    rest = orig.text.words[cut.at:]
    if not scripts or len(rest) < ANCHOR_WORDS:
        return None
    carried, _seen = _carrier(scripts, rest)
    if carried is None:
        return None
    return (f"its HTML shows the article up to “…{join_words(cut.before)}” and the rest "
            f"({cut.missing} words) is in its script data ({carried})")


def data_strings(root: _Element) -> Iterator[str]:
    """The strings of the page's script data, decoded (JSON escapes read)."""
    for script in root.iter("script"):
        yield from _data_strings(script)


def _carrier(scripts: list[_Element], original: Sequence[str]) -> tuple[str | None, int]:
    """How the evidence names the script whose data carries the original's text (at least
    half of _PROBES runs of ANCHOR_WORDS tokens found in its strings), or None; and how many
    words the scripts' data held before it (all of them when none carries it)."""
    k = ANCHOR_WORDS
    step = max(1, (len(original) - k) // _PROBES)
    probes = [" " + " ".join(original[i:i + k]) + " "
              for i in range(0, len(original) - k + 1, step)][:_PROBES]
    seen = 0
    for script in scripts:
        found = [w for s in _data_strings(script) for w in _words(s)]
        seen += len(found)
        joined = " " + " ".join(found) + " "
        if probes and sum(p in joined for p in probes) * 2 >= len(probes):
            name = script.get("id")
            return (f'<script id="{name}">' if name
                    else f"a <script> of {len(script.text or '')} characters"), seen
    return None, seen


def _data_strings(script: _Element) -> Iterator[str]:
    """A script's strings: a JSON data block's every string (Next.js's __NEXT_DATA__, JSON-LD's
    articleBody), else its double-quoted literals (a Nuxt or React Server Components payload)."""
    text = script.text or ""
    if len(text) < _DATA_CHARS:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        yield from _literals(text)
        return
    stack = [data]  # walked without recursion: a hostile page nests deep
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if len(item) >= _STRING_CHARS:
                yield item
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _words(string: str) -> list[str]:
    """A data string's words: its text, read as HTML when it holds markup, without what
    HTML draws no words from (a script, a style, a template: the post's content in a
    framework's state, with a JSON-LD block whose articleBody no browser shows; red team
    F94)."""
    if "<" in string and ">" in string:
        root = parse_fragment(string, partial=True)
        for el in list(root.iter(*SKIP_TAGS)):
            drop(el)
        return words(text_of(root))
    return words(string)


def _literals(script: str) -> Iterator[str]:
    for m in _STRING.finditer(script):
        if len(m.group()) < _STRING_CHARS:
            continue
        try:
            value = json.loads(m.group())
        except ValueError:
            continue
        if isinstance(value, str):
            yield value


# React's streaming server rendering (react-dom's Fizz runtime, which Next.js's App Router,
# Remix and React Router stream with): a Suspense boundary is sent first as its fallback,
# "<!--$?--><template id="B:0"></template>…<!--/$-->", and its content later, after the page's
# shell, in <div hidden id="S:0">, with an instruction that moves it into place:
# $RC("B:0","S:0") (completeBoundary: the fallback removed, the content put before the
# boundary's end marker) or $RS("S:1","P:1") (completeSegment: the content put where the
# placeholder <template id="P:1"> stands). With a third argument $RC gives up the boundary
# (an error: the browser renders it itself), the content dropped. Without inline scripts
# (the external runtime) the same instructions are <template data-rci data-bid data-sid> and
# <template data-rsi data-sid data-pid>.
_REACT_MOVE = lazy_compile(r'\$R([CS])\(\s*"([^"\\]+)"\s*,\s*"([^"\\]+)"\s*(,)?')
# The comment data of a boundary's start markers and of its end marker.
_BOUNDARY_START = frozenset({"$", "$?", "$!"})
_BOUNDARY_END = "/$"


def settle_streamed(root: _Element) -> None:
    """Move a streamed page's Suspense content where React's instructions move it, as a
    browser does when the stream ends (docs/compliance.md#a-page-drawn-by-its-scripts): the
    content a hidden <div id="S:n"> holds is what a reader sees, in place of the boundary's
    fallback. A page with no instruction is left as it is (a hidden segment that nothing
    moves stays hidden). Moved once: a segment moved is no longer found."""
    moves: list[tuple[str, str, str, bool]] = []
    for el in root.iter("script", "template"):
        if el.tag == "script":
            text = el.text or ""
            if "$R" in text:
                moves += [(m.group(1), m.group(2), m.group(3), bool(m.group(4)))
                          for m in _REACT_MOVE.finditer(text)]
        elif el.get("data-rci") is not None:
            moves.append(("C", el.get("data-bid") or "", el.get("data-sid") or "",
                          el.get("data-dgst") is not None))
        elif el.get("data-rsi") is not None:
            moves.append(("S", el.get("data-sid") or "", el.get("data-pid") or "", False))
    if not moves:
        return
    # the segments' and placeholders' ids (a segment is a <div>, or in a table, a select or
    # an SVG a <table>, <tbody>, <tr>, <select>, <svg>…: any element with an id)
    ids: dict[str, _Element] = {}
    for el in root.iterfind(".//*[@id]"):
        ids.setdefault(el.get("id") or "", el)
    for kind, first, second, failed in moves:
        if kind == "C":
            segment, boundary = ids.pop(second, None), ids.get(first)
            if segment is None:
                continue
            drop(segment)
            if boundary is not None and not failed:
                _complete_boundary(boundary, segment)
        else:
            segment, placeholder = ids.pop(first, None), ids.pop(second, None)
            if segment is None or placeholder is None:
                continue
            drop(segment)
            _put(segment, placeholder.addprevious)
            drop(placeholder)


def _complete_boundary(template: _Element, segment: _Element) -> None:
    """React's completeBoundary: the nodes after the boundary's start marker (the comment
    before ``template``) up to its end marker removed, the segment's content put there."""
    start = template.getprevious()
    parent = template.getparent()
    if start is None or parent is None or not _is_marker(start, _BOUNDARY_START):
        return
    depth, node = 0, start.getnext()
    while node is not None:
        if _is_marker(node, {_BOUNDARY_END}):
            if depth == 0:
                break
            depth -= 1
        elif _is_marker(node, _BOUNDARY_START):
            depth += 1
        after = node.getnext()
        parent.remove(node)
        node = after
    start.tail = None  # the fallback's text
    # no end marker: the content goes last, where the loop stopped
    _put(segment, parent.append if node is None else node.addprevious)
    start.text = "$"


def _is_marker(node: _Element, data: frozenset[str] | set[str]) -> bool:
    """Whether ``node`` is a comment saying one of ``data`` (a boundary's marker)."""
    return isinstance(node, etree._Comment) and (node.text or "").strip() in data


def _put(segment: _Element, place: Callable[[_Element], None]) -> None:
    """``segment``'s content (its text, and its children with their tails) put where
    ``place`` puts an element; the segment's own tail stays where drop() left it."""
    segment.tail = None
    place(segment)
    unwrap(segment)
