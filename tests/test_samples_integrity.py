"""The recorded samples in the repository are byte-for-byte the recordings: each folder's
SHA256SUMS holds the digests taken from the original recordings (``sha256sum -c SHA256SUMS``
checks them by hand), the package's copy of the US feed is the recording, and the built
French feed is exactly what its builder makes from the recorded pages (so it can always be
rebuilt). Nothing here needs a folder beside the clone."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

from .conftest import DATA, FR_FEED, PACKAGE_SAMPLES, SAMPLES

FOLDERS = (SAMPLES, DATA / "judge-samples")
# What a folder holds beside its samples: its README (origins) and the digests.
NOT_SAMPLES = {"README.md", "SHA256SUMS"}
SUMS_LINE = re.compile(r"^([0-9a-f]{64})  (\S+)$")  # sha256sum's text mode


def recorded_digests(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 from ``folder/SHA256SUMS``; a malformed line is an error."""
    digests = {}
    for number, line in enumerate((folder / "SHA256SUMS").read_text("ascii").splitlines(), 1):
        m = SUMS_LINE.match(line)
        assert m, f"{folder.name}/SHA256SUMS:{number}: not 'DIGEST  NAME': {line!r}"
        digests[m.group(2)] = m.group(1)
    return digests


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SAMPLE_FILES = [(folder, name) for folder in FOLDERS for name in sorted(recorded_digests(folder))]


@pytest.mark.parametrize(("folder", "name"), SAMPLE_FILES,
                         ids=[f"{f.name}/{n}" for f, n in SAMPLE_FILES])
def test_sample_is_byte_for_byte_the_recording(folder: Path, name: str) -> None:
    assert sha256(folder / name) == recorded_digests(folder)[name], (
        f"{folder.name}/{name} differs from the recording: samples are never edited; build "
        "variants in memory inside the tests")


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_sample_has_a_recorded_digest(folder: Path) -> None:
    """A sample added without its digest would go unchecked; a digest without its file means
    a sample was lost."""
    on_disk = {p.name for p in folder.iterdir() if p.is_file()} - NOT_SAMPLES
    assert on_disk == set(recorded_digests(folder))
    assert on_disk, f"{folder} holds no samples"


def test_package_copy_of_the_us_feed_is_the_recording() -> None:
    """syndication/samples ships the recorded US feed for ``syndication demo``."""
    name = "tc-feed-us-environment-articles.atom"
    assert sha256(PACKAGE_SAMPLES / name) == recorded_digests(SAMPLES)[name]


def test_a_changed_byte_is_caught(tmp_path: Path) -> None:
    """The check compares bytes, not text: one byte of the recording changed (a word of the
    article, or only its line endings) gives another digest."""
    original = (SAMPLES / "tc-robots.txt").read_bytes()
    for variant in (original.replace(b"Disallow: /auth/", b"Disallow: /auth"),
                    original.replace(b"\n", b"\r\n")):
        (tmp_path / "copy").write_bytes(variant)
        assert sha256(tmp_path / "copy") != recorded_digests(SAMPLES)["tc-robots.txt"]


def test_built_french_feed_is_reproducible() -> None:
    builder = Path(__file__).parent / "tools" / "build_fr_feed.py"
    spec = importlib.util.spec_from_file_location("build_fr_feed", builder)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == FR_FEED.read_text(encoding="utf-8")
    assert FR_FEED.read_text(encoding="utf-8").count("<entry>") == 2
