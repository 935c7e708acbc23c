"""A run where every source answers 304 renders nothing (test_incremental.py) and so must not
pay for loading the libraries that parse HTML and write feeds: checked in a fresh
interpreter, on a state database a first run made."""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from syndication.lazyre import lazy_compile
from syndication.pipeline import run

from .conftest import ConfigFactory
from .feedruns import Clock, serve_recorded
from .server import LoopbackServer

HEAVY = ("feedgen", "lxml", "nh3", "defusedxml", "bs4", "tqdm",
         # and the modules of ours that only parsing, checking, republishing and rendering
         # need (their imports and records cost a start-up what the run itself costs)
         "syndication.source", "syndication.compliance", "syndication.republish",
         "syndication.publish", "syndication.index")
# Runs the pipeline in a fresh interpreter and says which heavy libraries it loaded.
DRIVER = f"""
import json, sys
from syndication.config import load_config
from syndication.lazyre import lazy_compile
from syndication.pipeline import run
report = run(load_config(sys.argv[1]))
print(json.dumps({{"ok": report.ok, "written": list(report.feeds_written),
                  "parsed": [s.url for s in report.sources if not s.not_modified],
                  "loaded": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""


def test_a_run_with_nothing_new_loads_no_html_or_feed_library(
    server: LoopbackServer, make_config: ConfigFactory
) -> None:
    env_url, fr_url = serve_recorded(server)
    config = make_config({"env": [env_url], "fr": [fr_url], "both": [env_url, fr_url]})
    assert run(config, clock=Clock(), sleep=lambda s: None).ok
    done = subprocess.run([sys.executable, "-c", DRIVER, str(config.path)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONWARNINGS": "error"})
    second = json.loads(done.stdout)
    assert second == {"ok": True, "written": [], "parsed": [], "loaded": []}


def test_the_index_page_loads_no_feed_library() -> None:
    # with workers, they render the feeds: the run's own process writes only the index page
    done = subprocess.run([sys.executable, "-c", "import sys, syndication.index; "
                           "print(sorted(m for m in sys.modules if m.startswith('feedgen')))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_records_of_an_article_are_models_and_public_api() -> None:
    import syndication
    import syndication.models

    for name in ("Article", "Author", "Finding", "Verdict"):
        assert getattr(syndication, name) is getattr(syndication.models, name)
        assert name in syndication.__all__
    # one records module: no PEP 562 deferral left in the package face or in models
    assert not hasattr(syndication.models, "__getattr__")
    assert not hasattr(syndication, "__getattr__")


# What importing the package face and the CLI (every command does) loads: no state database,
# no HTTP client, no feed writer; each command loads what it needs (cli.py).
# (json and shlex: where a command prints JSON or a shell line.)
FACE = """
import sys
import syndication, syndication.cli
print(sorted(m for m in ("requests", "urllib3", "sqlite3", "filelock", "feedgen",
                         "syndication.pipeline", "syndication.store", "json", "shlex")
             if m in sys.modules))
"""


def test_importing_the_package_loads_no_run_machinery() -> None:
    done = subprocess.run([sys.executable, "-c", FACE], capture_output=True, text=True,
                          check=True)
    assert ast.literal_eval(done.stdout) == []



def test_the_status_report_loads_no_http_library() -> None:
    # `syndication status` reads the state and fetches nothing: the bound on a wait it
    # shows lives in config, not in fetch.py (which loads requests)
    code = ("import sys, syndication.cli, syndication.status; "
            "print(sorted(m for m in ('requests', 'urllib3', 'protego') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert ast.literal_eval(done.stdout) == []

# What importing the package face, the CLI and the run's modules compiles: no pattern of
# ours (lazyre.py: each is compiled where first used; a run with nothing new uses three).
PATTERNS = """
import json, re, sys
import syndication, syndication.cli, syndication.pipeline
from syndication.lazyre import _Pattern
print(json.dumps(sorted(f"{name}.{attr}" for name, module in list(sys.modules.items())
                        if name.startswith("syndication")
                        for attr, value in vars(module).items()
                        if isinstance(value, re.Pattern)
                        or isinstance(value, _Pattern) and "search" in vars(value))))
"""


def test_importing_a_run_compiles_no_pattern() -> None:
    done = subprocess.run([sys.executable, "-c", PATTERNS], capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout) == []


def test_a_lazy_pattern_is_compiled_on_first_use_and_answers_as_the_pattern() -> None:
    lazy = lazy_compile(r"(\w+)@(\w+)", re.IGNORECASE)
    assert "search" not in vars(lazy)
    text = "Ann@Example and bob@example"
    found = lazy.search(text)
    assert found is not None and found.group(2) == "Example"
    assert "search" in vars(lazy)  # the compiled pattern's own method from now on
    compiled = re.compile(r"(\w+)@(\w+)", re.IGNORECASE)
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub(r"\2", text) == compiled.sub(r"\2", text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, 2)
    assert lazy_compile(rb"\xc2[\x80-\x9f]").search(b"a\xc2\x85") is not None


# `syndication check PAGE --original FILE`: two files, nothing fetched; prints the verdict on
# stdout, then on stderr which modules of sys.modules it loaded.
CHECK_FILES = """
import json, sys
from syndication.cli import main
status = main(["check", sys.argv[1], "--original", sys.argv[2], "--json"])
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@functools.cache
def checking_files() -> tuple[dict[str, Any], frozenset[str]]:
    """The verdict of `check PAGE --original FILE` on two recorded files (the page declares
    its encoding), and the modules it loaded, in a fresh interpreter."""
    page = Path(__file__).parent / "data" / "tc-samples" / "tc-article-209538-fr.html"
    feed = Path(__file__).parents[1] / "syndication" / "samples" / "tc-feed-fr-built-2-entries.atom"
    done = subprocess.run([sys.executable, "-c", CHECK_FILES, str(page), str(feed)],
                          capture_output=True, text=True, check=False)
    verdict = json.loads(done.stdout)
    assert verdict["article"] == 209538 and verdict["findings"]  # it was judged
    return verdict, frozenset(json.loads(done.stderr.strip().splitlines()[-1]))


def test_checking_files_loads_no_http_library() -> None:
    _verdict, loaded = checking_files()
    assert loaded.isdisjoint({"requests", "urllib3", "http.client", "sqlite3", "feedgen", "bs4"})


def test_checking_files_guesses_no_encoding() -> None:
    # the page says its encoding (<meta charset>): no guess, so no charset-normalizer
    _verdict, loaded = checking_files()
    assert "charset_normalizer" not in loaded


def test_checking_files_loads_no_logging() -> None:
    # nothing a check of files loads logs (only the fetcher does): no logging, no handler
    _verdict, loaded = checking_files()
    assert loaded.isdisjoint({"logging", "syndication.logs", "traceback"})


def test_checking_files_loads_no_html_entities() -> None:
    # `from html import escape` would load html.entities' tables: safetext.escape instead
    _verdict, loaded = checking_files()
    assert "html.entities" not in loaded


def test_checking_files_loads_no_email_parser() -> None:
    # a page is parsed as a web archive (MHTML) only when it starts as one: no email package
    _verdict, loaded = checking_files()
    assert loaded.isdisjoint({"email.parser", "email.feedparser", "email.policy"})


def test_checking_files_loads_no_hashlib() -> None:
    # a feed read with no problem to say makes no notice (notices.notice, source._entry_key
    # hash only then): hashlib's start (OpenSSL) is 14 M instructions of the check's 528 M
    _verdict, loaded = checking_files()
    assert loaded.isdisjoint({"hashlib", "_hashlib"})


def test_checking_files_reads_no_toml() -> None:
    # no --config: the defaults of [fetch], no TOML parser
    _verdict, loaded = checking_files()
    assert "tomllib" not in loaded


# Where a function may import (issue 12): pipeline.py and cli.py decide when a stage module is
# loaded; anywhere else only where a test of this file shows the start-up need, the test named
# in a comment beside the import. Every other import is at its module's top.
DECIDERS = {"syndication/pipeline.py", "syndication/cli.py"}
MEASURED = {
    ("syndication/__init__.py", "run"): "test_importing_the_package_loads_no_run_machinery",
    ("syndication/compliance/command.py", "get"): "test_checking_files_loads_no_http_library",
    ("syndication/compliance/encoding.py", "decode"): "test_checking_files_guesses_no_encoding",
    ("syndication/config.py", "load_config"): "test_checking_files_reads_no_toml",
    ("syndication/compliance/encoding.py", "saved_page"):
        "test_checking_files_loads_no_email_parser",
    ("syndication/notices.py", "notice"): "test_checking_files_loads_no_hashlib",
    ("syndication/source.py", "_entry_key"): "test_checking_files_loads_no_hashlib",
}


def function_level_imports(root: Path) -> dict[tuple[str, str], str]:
    """(module path, function name) -> that function's source, for each function of the
    package holding an import statement (nested functions count as their own)."""
    found = {}
    for path in sorted((root / "syndication").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source, rel)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            inner = [n for n in ast.walk(node) if n is not node
                     and isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)]
            nested = {id(m) for f in inner for m in ast.walk(f)}
            if any(isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in nested
                   for n in ast.walk(node)):
                found[rel, node.name] = ast.get_source_segment(source, node) or ""
    return found


def test_function_level_imports_only_where_start_up_is_decided_or_measured() -> None:
    found = function_level_imports(Path(__file__).parents[1])
    outside = {key: source for key, source in found.items() if key[0] not in DECIDERS}
    assert set(outside) == set(MEASURED)  # a new one: move it up, or to pipeline or cli
    for key, test in MEASURED.items():
        assert test in globals() and test in outside[key]  # the test exists, named there


def test_the_scan_finds_a_function_level_import(tmp_path: Path) -> None:
    (tmp_path / "syndication").mkdir()
    (tmp_path / "syndication" / "stage.py").write_text(
        "import re\n"
        "def top():\n"
        "    return re\n"
        "class C:\n"
        "    def method(self):\n"
        "        from json import dumps\n"
        "        return dumps\n"
        "    def outer(self):\n"
        "        def inner():\n"
        "            import os\n"
        "        return inner\n",
        encoding="utf-8")
    assert set(function_level_imports(tmp_path)) == {("syndication/stage.py", "method"),
                                                      ("syndication/stage.py", "inner")}
