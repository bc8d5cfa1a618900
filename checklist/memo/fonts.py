"""Which characters no available font can draw, and which font package would.

typst draws a character no font has as an empty box ("tofu") and says nothing, so a memo
about a Chinese vendor could reach a director with boxes for its name. Before compiling, we
look up every unusual character of the document in the character maps (`cmap` tables) of
the fonts typst will see, and name a package to install for the ones nobody covers.

Reading only each font's table directory and `cmap` keeps this cheap even with large CJK
collections installed; it runs only when the text has characters beyond basic Latin.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

# Typst embeds Libertinus Serif, New Computer Modern and DejaVu Sans Mono, which have no
# file we could read. They cover Latin, Greek, Cyrillic, Hebrew and common symbols: these
# ranges are taken as always drawable.
_EMBEDDED_RANGES = (
    (0x0000, 0x05FF),   # Latin, IPA, Greek, Cyrillic, Armenian, Hebrew
    (0x1E00, 0x1FFF),   # Latin extended additional, Greek extended
    (0x2000, 0x23FF),   # punctuation, super/subscripts, currency, letterlike, arrows, math
    (0x2500, 0x25FF),   # box drawing, block elements, geometric shapes
    (0x2C60, 0x2C7F),   # Latin extended C
    (0xA720, 0xA7FF),   # Latin extended D
    (0xFB00, 0xFB4F),   # alphabetic presentation forms (ligatures)
)

#: (first, last, package) for the scripts people most often meet, Debian/Ubuntu names.
_PACKAGES = (
    (0x1100, 0x11FF, "fonts-noto-cjk"),
    (0x2E80, 0x2FDF, "fonts-noto-cjk"),
    (0x3000, 0x9FFF, "fonts-noto-cjk"),
    (0xA960, 0xA97F, "fonts-noto-cjk"),
    (0xAC00, 0xD7FF, "fonts-noto-cjk"),
    (0xF900, 0xFAFF, "fonts-noto-cjk"),
    (0xFE30, 0xFE4F, "fonts-noto-cjk"),
    (0xFF00, 0xFFEF, "fonts-noto-cjk"),
    (0x20000, 0x3FFFF, "fonts-noto-cjk-extra"),
    (0x2600, 0x27BF, "fonts-noto-color-emoji"),
    (0x1F000, 0x1FAFF, "fonts-noto-color-emoji"),
)
DEFAULT_PACKAGE = "fonts-noto-core"


def interesting(text: str) -> set[str]:
    """The characters worth checking: visible ones outside what typst's own fonts cover."""
    out = set()
    for ch in set(text):
        cp = ord(ch)
        if any(lo <= cp <= hi for lo, hi in _EMBEDDED_RANGES):
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"):
            continue  # invisible or unassigned: nothing to draw (unassigned: nothing could)
        out.add(ch)
    return out


def missing_glyphs(text: str, font_files: Iterable[tuple[str, int]]) -> list[str]:
    """The characters of `text` that no font in `font_files` (path, face index) has."""
    wanted = interesting(text)
    if not wanted:
        return []
    for path, index in font_files:
        if not wanted:
            break
        covered = _coverage(path, index)
        if covered is None:
            continue
        wanted = {ch for ch in wanted if not covered(ord(ch))}
    return sorted(wanted)


def package_for(chars: Sequence[str]) -> list[str]:
    """Font packages to suggest for these characters, most useful first."""
    packages: list[str] = []
    for ch in chars:
        cp = ord(ch)
        name = next((p for lo, hi, p in _PACKAGES if lo <= cp <= hi), DEFAULT_PACKAGE)
        if name not in packages:
            packages.append(name)
    return packages


# --- cmap reading -----------------------------------------------------------------------------


class _Cmap:
    """A font's character coverage: sorted (first, last) ranges with a glyph (format 4, 12)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]

    def __call__(self, cp: int) -> bool:
        import bisect

        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and self.ranges[i][0] <= cp <= self.ranges[i][1]


@lru_cache(maxsize=512)
def _coverage(path: str, index: int) -> _Cmap | None:
    try:
        with open(path, "rb") as f:
            return _read_cmap(f, index)
    except (OSError, struct.error, ValueError):
        return None


def _read_cmap(f: BinaryIO, index: int) -> _Cmap | None:
    head = f.read(12)
    offset = 0
    if head[:4] == b"ttcf":
        count = struct.unpack(">I", head[8:12])[0]
        if index >= count:
            return None
        f.seek(12 + 4 * index)
        offset = struct.unpack(">I", f.read(4))[0]
        f.seek(offset)
        head = f.read(12)
    num_tables = struct.unpack(">H", head[4:6])[0]
    f.seek(offset + 12)
    directory = f.read(16 * num_tables)
    cmap_at = None
    for i in range(num_tables):
        tag, _, at, _ = struct.unpack(">4sIII", directory[16 * i: 16 * i + 16])
        if tag == b"cmap":
            cmap_at = at
            break
    if cmap_at is None:
        return None
    f.seek(cmap_at)
    _, count = struct.unpack(">HH", f.read(4))
    records = [struct.unpack(">HHI", f.read(8)) for _ in range(count)]
    best = None
    for platform, encoding, at in records:
        f.seek(cmap_at + at)
        fmt = struct.unpack(">H", f.read(2))[0]
        rank = {12: 0, 4: 1}.get(fmt)
        if rank is None or platform not in (0, 3):
            continue
        if platform == 3 and encoding not in (1, 10):
            continue
        if best is None or rank < best[0]:
            best = (rank, cmap_at + at, fmt)
    if best is None:
        return None
    _, at, fmt = best
    f.seek(at)
    if fmt == 12:
        _, _, _, _, groups = struct.unpack(">HHIII", f.read(16))
        data = f.read(12 * groups)
        ranges = [struct.unpack(">III", data[12 * i: 12 * i + 12])[:2] for i in range(groups)]
        return _Cmap([(lo, hi) for lo, hi in ranges])
    _, length, _, seg_x2 = struct.unpack(">HHHH", f.read(8))
    f.seek(at)
    data = f.read(length)
    segs = seg_x2 // 2
    ends = struct.unpack(f">{segs}H", data[14: 14 + seg_x2])
    starts = struct.unpack(f">{segs}H", data[16 + seg_x2: 16 + 2 * seg_x2])
    deltas = struct.unpack(f">{segs}h", data[16 + 2 * seg_x2: 16 + 3 * seg_x2])
    offsets_at = 16 + 3 * seg_x2
    offsets = struct.unpack(f">{segs}H", data[offsets_at: offsets_at + seg_x2])
    ranges = []
    for i in range(segs):
        lo, hi = starts[i], ends[i]
        if lo == 0xFFFF:
            continue
        if offsets[i] == 0:
            ranges.append((lo, hi))  # glyph = cp + delta: treat the whole range as mapped
            continue
        # Per-character glyph ids: keep only characters mapped to a real glyph.
        run_start = None
        for cp in range(lo, hi + 1):
            pos = offsets_at + 2 * i + offsets[i] + 2 * (cp - lo)
            glyph = struct.unpack(">H", data[pos: pos + 2])[0] if pos + 2 <= len(data) else 0
            if glyph and (glyph + deltas[i]) & 0xFFFF:
                run_start = cp if run_start is None else run_start
            elif run_start is not None:
                ranges.append((run_start, cp - 1))
                run_start = None
        if run_start is not None:
            ranges.append((run_start, hi))
    return _Cmap(ranges)


def system_font_files(extra: Sequence[str | Path] = ()) -> list[tuple[str, int]]:
    """The font files typst will see (system fonts and `extra` folders), as (path, index)."""
    import typst

    fonts = typst.Fonts(True, False, [str(p) for p in extra])
    seen: set[tuple[str, int]] = set()
    out = []
    for info in fonts.fonts():
        if info.path is None:
            continue
        key = (str(info.path), int(info.index))
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out
