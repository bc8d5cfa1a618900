"""Plain-text tables for the terminal, aligned even with wide (CJK) characters.

Kept dependency-free on purpose: the CLI must start fast, and Rich costs more to import
than most commands take to run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from checklist.errors import printable


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for char in text:
        if width(out + char) > limit - 1:
            break
        out += char
    return out + "…"


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], *,
           right: Sequence[int] = (), max_width: int = 60) -> str:
    """Columns separated by two spaces; `right` lists the columns to right-align (numbers)."""
    cells = [[clip(printable(" ".join(str(c).split())), max_width) for c in row] for row in rows]
    headers = [printable(h) for h in headers]
    widths = [width(h) for h in headers]
    for row in cells:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], width(cell))

    def line(values: Sequence[str]) -> str:
        parts = []
        for index, value in enumerate(values):
            pad = " " * (widths[index] - width(value))
            parts.append(pad + value if index in right else value + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])
