"""The output folder: the files a run writes there (every feed in every format, the shipped
images, the index page) and how they are written: atomically, not at all when the bytes
would not change (so that ETags and conditional GETs keep working), and never over a file
syndication did not write (README "The output folder is shared"). Light on purpose: a run
with nothing new writes through it without loading the renderers (publish, index)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from .config import SiteConfig
from .errors import PublishError
from .models import Author

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
#: Where every file syndication writes points at it: the generator of the feeds, the
#: ``about`` of each JSON item's licence, the index page's footer.
GENERATOR_URI = "https://pypi.org/project/syndication/"
#: What every version's files carry before their first entry, by extension: how a file that
#: syndication wrote is told from a user's own when no state database remembers writing it
#: (written by 0.1, or the state file deleted). JSON feeds carry it in their items only.
_MARKS = {
    ".atom": (b'<generator uri="' + GENERATOR_URI.encode() + b'"',),
    ".rss": (b"<generator>syndication</generator>",
             b'xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule"'),
    ".html": (b'Made with <a href="' + GENERATOR_URI.encode() + b'">syndication</a>',),
}
_FIRST_ENTRY = {".atom": b"<entry", ".rss": b"<item"}


# Named here, not in publish (feedgen), for the index page too: a run whose workers render the
# feeds writes it without loading feedgen and dateutil (60 M instructions, callgrind).
def icon_url(site: SiteConfig) -> str:
    """[site] icon, else the shipped icon at base_url."""
    return site.icon or f"{site.base_url}{ICON_FILE}"


def logo_url(site: SiteConfig) -> str:
    """[site] logo, else the shipped logo at base_url."""
    return site.logo or f"{site.base_url}{LOGO_FILE}"


def author_name(author: Author) -> str:
    """An author as the feeds name them: "Name (Institution)", the institution alongside the
    name as the guidelines ask (docs/compliance.md#rule-institution-credit)."""
    return f"{author.name} ({author.institution})" if author.institution else author.name


def shipped_assets(site: SiteConfig) -> dict[str, bytes]:
    """The shipped images the feeds point at (file name -> bytes): those [site] does not
    replace with its own URL."""
    folder = resources.files("syndication") / "static"
    names = ([ICON_FILE] if site.icon is None else []) + ([LOGO_FILE] if site.logo is None else [])
    return {name: (folder / name).read_bytes() for name in names}


def file_digest(data: bytes) -> str:
    """What the state database records of a file written (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def carries_mark(name: str, data: bytes) -> bool:
    """Whether ``data``, found in the output folder as ``name``, is a file syndication wrote:
    a feed or index page with its generator mark, a JSON feed whose items carry its licence
    object, or a shipped image as shipped. A user's own file of the same name is not."""
    suffix = Path(name).suffix.lower()
    if name in (ICON_FILE, LOGO_FILE):
        return data == (resources.files("syndication") / "static" / name).read_bytes()
    if suffix == ".json":
        return _json_marked(data)
    marks = _MARKS.get(suffix)
    if marks is None:
        return False
    head = data.split(_FIRST_ENTRY[suffix], 1)[0] if suffix in _FIRST_ENTRY else data
    return all(mark in head for mark in marks)


def _json_marked(data: bytes) -> bool:
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return False
    items = doc.get("items") if isinstance(doc, dict) else None
    return isinstance(items, list) and any(
        isinstance(item, dict) and isinstance(item.get("_license"), dict)
        and item["_license"].get("about") == GENERATOR_URI for item in items)


def write_if_changed(path: Path, data: bytes,
                     ours: Callable[[bytes], bool] | None = None, *,
                     sync_folder: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically unless the file already holds exactly that.

    True when the file was written. A reader (or a web server) sees the old file or the new
    one, never a part; on any failure the old file stays and PublishError names the path.
    ``ours(old bytes)`` tells whether a different file found there is syndication's to
    replace; when it is not, PublishError says so and the file is left as it is.
    ``sync_folder=False``: the rename is made durable later, by one sync_folder() call for
    all the files a run writes there (see it).
    """
    existed = True
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        existed = False
    except OSError as e:
        raise PublishError(path, f"cannot read ({e.strerror})") from e
    else:
        if old == data:
            return False
        if ours is not None and not ours(old):
            raise PublishError(path, "a file syndication did not write is there; it was left "
                               "as it is: move it out of the output folder (or give the "
                               "output its own folder) and the next run writes ours")
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
        if sync_folder:
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


def sync_folder(folder: Path) -> None:
    """Make the renames of the files written in ``folder`` durable, all at once. The folder
    synced after each file was half a cold run's fsync calls (63 of 126 for benchmarks/run.py's
    20 feeds): writing 63 files of 300 KB took 0.75-1.1 s that way, 0.50-0.73 s with one sync
    at the end (ext4, a shared VM). Each file is still synced before it is renamed, so a crash
    before this leaves the old file or the new one whole, never a part."""
    _fsync_dir(folder)


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
