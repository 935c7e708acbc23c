"""The docs the code cites exist: every ``docs/<file>.md#<anchor>`` written in the code, the tests,
the benchmarks, the config and the docs themselves names a file in docs/ and a heading (or an
``<a id>``) in it, and every relative link in the Markdown files reaches its file and anchor.
Also: the sections other modules cite by name stay, and each rule id has its own anchor."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from syndication.compliance import RULES
from syndication.selection import SELECTIVE

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MARKDOWN = sorted([ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.glob("*.md")])
# Where the code and its companions cite docs by path.
CITING = sorted(
    p for pattern in ("syndication/**/*.py", "tests/**/*.py", "benchmarks/**/*.py",
                      "config.toml", "pyproject.toml", "*.md", "docs/*.md")
    for p in ROOT.glob(pattern)
    if ".venv" not in p.parts
)
CITATION = re.compile(r"\bdocs/([\w.-]+\.md)(?:#([\w-]+))?")
LINK = re.compile(r"\]\(([^)\s]+)\)")  # [text](target)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")


def slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped (letters,
    digits, "-" and "_" kept, any script), spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = text.strip().lower()
    kept = "".join(c for c in text
                   if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor a Markdown file defines: its headings' (repeats numbered -1, -2 as GitHub
    does) and explicit ``<a id>``/``<a name>``; fenced code is not Markdown."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        found.update(HTML_ANCHOR.findall(line))
        m = HEADING.match(line)
        if m:
            base = slug(m.group(2))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
    return found


def _citations() -> Iterator[tuple[str, str, str | None]]:
    for path in CITING:
        text = path.read_text(encoding="utf-8")
        for m in CITATION.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield f"{path.relative_to(ROOT)}:{line}", m.group(1), m.group(2)


def _links() -> Iterator[tuple[str, Path, str | None]]:
    for path in MARKDOWN:
        fenced = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                    continue
                file, _, anchor = target.partition("#")
                yield (f"{path.relative_to(ROOT)}:{number}",
                       (path.parent / file).resolve() if file else path, anchor or None)


CITATIONS = list(_citations())
LINKS = list(_links())


def test_the_scan_finds_what_it_checks() -> None:
    """The code cites docs sections, and the docs link to each other: an empty scan would
    pass every check below without reading anything."""
    assert len(CITATIONS) > 20
    assert any(file == "the-conversation.md" for _, file, _ in CITATIONS)
    assert any(anchor for _, _, anchor in LINKS)


@pytest.mark.parametrize(("where", "file", "anchor"), CITATIONS,
                         ids=[f"{w}:{f}#{a}" for w, f, a in CITATIONS])
def test_cited_docs_section_exists(where: str, file: str, anchor: str | None) -> None:
    path = DOCS / file
    assert path.is_file(), f"{where} cites docs/{file}, which does not exist"
    if anchor:
        assert anchor in anchors(path), f"{where} cites docs/{file}#{anchor}: no such section"


@pytest.mark.parametrize(("where", "path", "anchor"), LINKS,
                         ids=[f"{w}->{p.name}#{a}" for w, p, a in LINKS])
def test_markdown_link_reaches_its_target(where: str, path: Path, anchor: str | None) -> None:
    assert path.exists(), f"{where} links {path}, which does not exist"
    if anchor and path.suffix == ".md":
        assert anchor in anchors(path), f"{where} links {path.name}#{anchor}: no such section"


@pytest.mark.parametrize(("file", "anchor"), [
    ("the-conversation.md", "editions-and-languages"),
    ("the-conversation.md", "atom-feeds"),
    ("the-conversation.md", "entry-shape"),
    ("the-conversation.md", "authors"),
    ("the-conversation.md", "rights"),
    ("the-conversation.md", "entry-content"),
    ("the-conversation.md", "figures-and-credits"),
    ("the-conversation.md", "page-counter"),
    ("the-conversation.md", "republish-package"),
    ("the-conversation.md", "article-pages"),
    ("the-conversation.md", "robots-and-manners"),
    ("feeds.md", "what-our-feeds-carry"),
    ("compliance.md", "rules"),
    *(("compliance.md", f"rule-{rule}") for rule in (*RULES, SELECTIVE)),
])
def test_section_other_modules_cite_exists(file: str, anchor: str) -> None:
    """The anchors the code was written against, and one per rule id the checker reports."""
    assert anchor in anchors(DOCS / file)


@pytest.mark.parametrize(("heading", "expected"), [
    ("Atom feeds", "atom-feeds"),
    ("Rule `unaltered-text`", "rule-unaltered-text"),
    ("Robots and manners", "robots-and-manners"),
    ("What the feeds carry", "what-the-feeds-carry"),
    ("Rule `licence` (CC BY-ND 4.0, §3)", "rule-licence-cc-by-nd-40-3"),
    ("Éditions et langues", "éditions-et-langues"),
    ("See [the rules](#rules)", "see-the-rules"),
])
def test_slug_is_githubs(heading: str, expected: str) -> None:
    assert slug(heading) == expected


def test_anchors_number_repeated_headings_and_skip_code(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text('# Usage\n\n```sh\n# not a heading\n```\n\n## Usage\n\n<a id="here"></a>\n',
                    encoding="utf-8")
    assert anchors(page) == {"usage", "usage-1", "here"}


# A merge's conflict markers, as git writes them at the start of a line: a file committed
# with them says two things at once (docs/compliance.md held both sides of a merge once).
CONFLICT = re.compile(r"^(<{7} |>{7} |\|{7} )", re.MULTILINE)


def conflict_markers(text: str) -> list[int]:
    """The line numbers of ``text`` where a conflict marker starts a line."""
    return [text.count("\n", 0, m.start()) + 1 for m in CONFLICT.finditer(text)]


def test_conflict_markers_are_found() -> None:
    merged = "one side\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\nafter\n"
    assert conflict_markers(merged) == [2, 6]
    assert conflict_markers("a setext heading\n=======\n>>> a quote, <<< an arrow\n") == []


@pytest.mark.parametrize("path", [*CITING, ROOT / ".ci" / "run"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_conflict_markers(path: Path) -> None:
    """No file of the code, the docs or the tests holds an unresolved merge."""
    lines = conflict_markers(path.read_text(encoding="utf-8"))
    assert not lines, f"{path.relative_to(ROOT)}: conflict markers at lines {lines}"
