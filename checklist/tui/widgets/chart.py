"""Claims against readiness, drawn with characters.

Each vendor is a digit or letter (its rank), so the chart reads without colour; the dotted
diagonal is where claims equal readiness: a vendor above it claims more than it has shown
it can run in production (the hype gap).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

MARKERS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Point:
    marker: str
    name: str
    claims: float
    readiness: float


class ClaimsChart(Widget):
    """A scatter plot of vendors: readiness across, claims up."""

    DEFAULT_CSS = """
    ClaimsChart {
        height: 14;
        min-width: 24;
    }
    """

    points: reactive[tuple[Point, ...]] = reactive((), always_update=True)

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        plot_w, plot_h = max(width - 8, 4), max(height - 3, 3)
        grid = [[" "] * plot_w for _ in range(plot_h)]

        def cell(readiness: float, claims: float) -> tuple[int, int]:
            x = round(min(max(readiness, 0.0), 1.0) * (plot_w - 1))
            y = plot_h - 1 - round(min(max(claims, 0.0), 1.0) * (plot_h - 1))
            return x, y

        for step in range(plot_w):
            x, y = cell(step / max(plot_w - 1, 1), step / max(plot_w - 1, 1))
            grid[y][x] = "·"
        placed = place_markers([(cell(p.readiness, p.claims), p.marker) for p in self.points],
                               plot_w)
        for (x, y), marker in placed.items():
            grid[y][x] = marker

        text = Text("claims\n")
        for row, cells in enumerate(grid):
            if row == 0:
                axis = "1.0 ┤ "
            elif row == plot_h - 1:
                axis = "0.0 ┤ "
            elif row == (plot_h - 1) // 2:
                axis = "0.5 ┤ "
            else:
                axis = "    │ "
            text.append(axis, style="dim")
            for char in cells:
                if char in MARKERS or char == "*":
                    text.append(char, style="bold reverse")
                else:
                    text.append(char, style="dim")
            text.append("\n")
        text.append("    └" + "─" * (plot_w + 1) + "\n", style="dim")
        scale = [" "] * (6 + plot_w + 1)
        scale[6] = "0"
        for offset, char in enumerate("1.0"):
            scale[6 + plot_w - 2 + offset] = char
        label = "readiness"
        start = 6 + max((plot_w - len(label)) // 2, 2)
        for offset, char in enumerate(label):
            if start + offset < 6 + plot_w - 3:
                scale[start + offset] = char
        text.append("".join(scale).rstrip(), style="dim")
        return text


def place_markers(points: list[tuple[tuple[int, int], str]],
                  width: int) -> dict[tuple[int, int], str]:
    """Puts each marker on its cell, never right beside another one on the same row.

    Side by side, "3" and "5" would read as "35": a marker that would touch another moves
    one or two columns aside; when there is no room it shares the spot as "*".
    """
    placed: dict[tuple[int, int], str] = {}

    def free(x: int, y: int) -> bool:
        return 0 <= x < width and all((x + dx, y) not in placed for dx in (-1, 0, 1))

    for (x, y), marker in points:
        spot = next(((x + dx, y) for dx in (0, 1, -1, 2, -2) if free(x + dx, y)), None)
        if spot is None:
            taken = min((key for key in placed if key[1] == y), key=lambda k: abs(k[0] - x))
            placed[taken] = "*"
        else:
            placed[spot] = marker
    return placed
