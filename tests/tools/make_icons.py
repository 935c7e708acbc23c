"""Draw the feed icon and logo that ship in ``syndication/static/`` (the default [site] icon
and logo, docs/feeds.md#what-our-feeds-carry "icon/logo").

They are deliberately generic: the usual web-feed symbol (a dot and two arcs, white on
orange), drawn from geometry here, not The Conversation's logo: our feeds are not The
Conversation's, and borrowing its mark would suggest an endorsement it never gave.

- ``icon.png``: 144 x 144, square (Atom ``icon``, RSS ``image``, whose width may not exceed
  144, JSON Feed ``icon``/``favicon``, the index page's favicon).
- ``logo.png``: 288 x 144, the same symbol centred on a transparent 2:1 canvas (Atom ``logo``
  SHOULD be twice as wide as tall, RFC 4287 §4.2.8).

Deterministic: the same bytes every time (tests/test_feeds_assets.py compares them).

    python tests/tools/make_icons.py [OUTDIR]
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "syndication" / "static"
ORANGE = (0xE8, 0x6A, 0x10)
WHITE = (0xFF, 0xFF, 0xFF)
SIZE = 144
SAMPLES = 4  # supersampling per axis, for smooth edges


def _symbol(x: float, y: float) -> tuple[int, int, int] | None:
    """The colour at (x, y) in a unit square, None when outside the rounded square."""
    r = 0.18  # corner radius
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    # The feed symbol: its centre near the bottom-left corner.
    ox, oy = 0.25, 0.75
    d = math.hypot(x - ox, y - oy)
    if d <= 0.085:
        return WHITE
    if x >= ox - 0.06 and y <= oy + 0.06 and (0.29 <= d <= 0.41 or 0.52 <= d <= 0.64):
        return WHITE
    return ORANGE


def _pixels(width: int, height: int, left: int) -> list[bytes]:
    """RGBA rows: the symbol in a SIZE x SIZE square whose left edge is at ``left``."""
    rows = []
    for py in range(height):
        row = bytearray()
        for px in range(width):
            acc = [0, 0, 0]
            covered = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px - left + (sx + 0.5) / SAMPLES) / SIZE
                    y = (py + (sy + 0.5) / SAMPLES) / SIZE
                    colour = _symbol(x, y) if 0 <= x <= 1 else None
                    if colour is not None:
                        covered += 1
                        for i in range(3):
                            acc[i] += colour[i]
            if covered:
                row += bytes(round(c / covered) for c in acc)
                row.append(round(255 * covered / SAMPLES**2))
            else:
                row += b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return rows


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """A minimal RGBA PNG (PNG spec: IHDR, one IDAT, IEND; filter 0 on every row)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def icons() -> dict[str, bytes]:
    """File name -> PNG bytes."""
    return {
        "icon.png": png(SIZE, SIZE, _pixels(SIZE, SIZE, 0)),
        "logo.png": png(2 * SIZE, SIZE, _pixels(2 * SIZE, SIZE, SIZE // 2)),
    }


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in icons().items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
