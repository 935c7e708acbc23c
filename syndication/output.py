"""The output folder: the files a run writes there (every feed in every format, the shipped
images, the index page) and how they are written: atomically, and not at all when the bytes
would not change, so that ETags and conditional GETs keep working. Light on purpose: a run
with nothing new writes through it without loading the renderers (publish, index)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .config import SiteConfig
from .errors import PublishError

#: Every format written for each [[feed]]: file extension -> media type.
FORMATS = {
    "atom": "application/atom+xml",  # RFC 4287
    "rss": "application/rss+xml",
    "json": "application/feed+json",  # JSON Feed 1.1
}
#: The page for people, listing every feed (index.py renders it).
INDEX_FILE = "index.html"
#: Part of what a file is rendered from: bump it when publish.py, index.py or wording.py
#: change the bytes they write, so that existing installs render every file again (an
#: unchanged file is otherwise not rendered). FORMAT_VERSION (update.py) re-checks articles.
RENDER_VERSION = 2
#: The generic icon and logo shipped in syndication/static (drawn by tests/tools/make_icons.py),
#: written into output_dir when [site] icon / logo are not set.
ICON_FILE = "icon.png"  # 144 x 144: RSS <image> may be at most 144 wide
LOGO_FILE = "logo.png"  # 288 x 144: an Atom logo SHOULD be 2:1 (RFC 4287 §4.2.8)
#: What marks a temporary file as ours: ``.{name}.syndication-XXXXXXXX.tmp``. Only files with
#: this mark are ever deleted as leftovers, so a user's own ``.feed.atom.bak.tmp`` is safe.
TEMP_MARK = "syndication-"
TEMP_SUFFIX = ".tmp"


def shipped_assets(site: SiteConfig) -> dict[str, bytes]:
    """The shipped images the feeds point at (file name -> bytes): those [site] does not
    replace with its own URL."""
    folder = resources.files("syndication") / "static"
    names = ([ICON_FILE] if site.icon is None else []) + ([LOGO_FILE] if site.logo is None else [])
    return {name: (folder / name).read_bytes() for name in names}


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless the file already holds exactly that.

    True when the file was written. A reader (or a web server) sees the old file or the new
    one, never a part; on any failure the old file stays and PublishError names the path.
    """
    existed = True
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        existed = False
    except OSError as e:
        raise PublishError(path, f"cannot read ({e.strerror})") from e
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_MARK}", suffix=TEMP_SUFFIX,
                                   dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)  # a feed is public; mkstemp makes it 0600
        Path(tmp).replace(path)
        tmp = None
        _fsync_dir(path.parent)
    except OSError as e:
        kept = "the previous file is unchanged" if existed else "no file was there before"
        raise PublishError(path, f"cannot write ({e.strerror or e}); {kept}") from e
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
    return True


def remove_stale_temps(folder: Path, names: Sequence[str]) -> list[Path]:
    """Delete the temporary files write_if_changed leaves when its process is killed between
    creating and renaming one (``.{name}.syndication-XXXXXXXX.tmp``, mkstemp's eight random
    characters, nothing else); call it only while holding the run
    lock, never while another writer may be at work. Returns what was removed."""
    # One listing of the folder, names compared as strings: a glob per name compiled a
    # pattern each, a fifth of a run with nothing new (benchmarks/run.py).
    try:
        present = sorted(folder.iterdir())
    except OSError:  # no output folder yet: nothing was left
        return []
    prefixes = tuple(f".{name}.{TEMP_MARK}" for name in names)
    removed: list[Path] = []
    for tmp in present:
        entry = tmp.name
        if (entry.endswith(TEMP_SUFFIX)
                and any(entry.startswith(p) and _random_part(entry, p) for p in prefixes)):
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _random_part(entry: str, prefix: str) -> bool:
    """Whether what lies between ``prefix`` and the suffix is mkstemp's random part: eight
    characters of its alphabet (letters, digits, underscore)."""
    middle = entry[len(prefix):-len(TEMP_SUFFIX)]
    return len(middle) == 8 and all(c.isascii() and (c.isalnum() or c == "_") for c in middle)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
