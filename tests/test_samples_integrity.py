"""The recorded samples in the project are byte-for-byte the shared recordings, and the built
French feed is exactly what its builder makes from them (so it can always be rebuilt)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .conftest import FR_FEED, PACKAGE_SAMPLES, SAMPLES

SHARED = Path(__file__).parents[2] / "shared" / "tc-samples"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/tc-samples is not beside this clone")
@pytest.mark.parametrize("copy", sorted([*SAMPLES.iterdir(),
                                         PACKAGE_SAMPLES / "tc-feed-us-environment-articles.atom"]),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_copies_are_byte_for_byte(copy: Path) -> None:
    assert copy.read_bytes() == (SHARED / copy.name).read_bytes()


def test_built_french_feed_is_reproducible() -> None:
    builder = Path(__file__).parent / "tools" / "build_fr_feed.py"
    spec = importlib.util.spec_from_file_location("build_fr_feed", builder)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == FR_FEED.read_text(encoding="utf-8")
    assert FR_FEED.read_text(encoding="utf-8").count("<entry>") == 2
