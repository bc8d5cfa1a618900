"""Overview: every vendor against every section, and where each vendor stands.

Each cell reads "answered/total score" in text (so it needs no colour to be understood); the
row ends with the verdict, the overall score, both axes and the gates. Enter on a cell opens
scoring at that vendor and section.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.widgets import DataTable, Footer, Header, Static

from checklist.scoring import Scorecard, VendorResult
from checklist.tui.live import LiveScorecardScreen
from checklist.tui.text import fmt, gates_text, pct
from checklist.tui.widgets.status import StatusLine

HELP = """\
## Overview

One row per vendor, one column per rubric section. A cell reads `answered/total score`:
how many of the section's questions have an answer (from any rater) and the section score
from 0 to 1, where open questions count as 0. The last columns give the vendor's verdict,
overall score, the claims and readiness axes, and its gates.

- **Enter** (or a click) on a cell scores that vendor, starting at your first open question
  in that section.
- **c** compare the vendors, **m** preview the decision memo, **s** score where you left off.
- Arrows or **h j k l** move the cursor.
"""


class OverviewScreen(LiveScorecardScreen):
    """The vendors x sections grid."""

    CSS_PATH = "overview.tcss"
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_cell", "Score", id="overview.score-cell"),
        Binding("s", "app.show('scoring')", "Resume", id="overview.resume"),
        Binding("c", "app.show('compare')", "Compare", id="overview.compare"),
        Binding("m", "app.show('memo')", "Memo", id="overview.memo"),
        Binding("h", "cursor('left')", "Left", show=False, id="overview.left"),
        Binding("j", "cursor('down')", "Down", show=False, id="overview.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="overview.up"),
        Binding("l", "cursor('right')", "Right", show=False, id="overview.right"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        table: DataTable[str] = DataTable(id="grid", cursor_type="cell", zebra_stripes=True)
        yield table
        yield Static(id="detail")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        session = self.checklist.session
        assert session is not None
        self.sub_title = session.workspace.evaluation.title
        table = self.query_one("#grid", DataTable)
        table.fixed_columns = 1
        table.add_column("Vendor", key="vendor")
        for section in session.workspace.rubric.sections:
            title = section.title if len(section.title) <= 18 else section.title[:17] + "…"
            table.add_column(title, key=f"s:{section.id}")
        for key, label in (("verdict", "│ Verdict"), ("overall", "Overall"),
                           ("claims", "Claims axis"), ("readiness", "Readiness axis"),
                           ("gates", "Gates")):
            table.add_column(label, key=key)
        for vendor in session.workspace.evaluation.vendors:
            table.add_row(vendor.name[:24], *[""] * (len(table.columns) - 1), key=vendor.id)
        self.follow_scorecard()

    def refresh_view(self) -> None:
        """Rewrites the cells from the latest scorecard (only cells whose text changed)."""
        self._stale = False
        card = self.checklist.scorecard
        session = self.checklist.session
        if card is None or session is None:
            return
        table = self.query_one("#grid", DataTable)
        for vendor in card.vendors:
            cells = {f"s:{sid}": f"{s.answered}/{s.total} {fmt(s.score)}"
                     for sid, s in vendor.sections.items()}
            cells.update(verdict=vendor.verdict_label, overall=fmt(vendor.score),
                         claims=fmt(vendor.claims), readiness=fmt(vendor.readiness),
                         gates=gates_text(vendor))
            for column, text in cells.items():
                if table.get_cell(vendor.id, column) != text:
                    table.update_cell(vendor.id, column, text)
        mine, total = session.progress()
        answered = sum(s.answered for v in card.vendors for s in v.sections.values())
        applicable = sum(s.total for v in card.vendors for s in v.sections.values())
        raters = ", ".join(card.raters) or "none yet"
        self.query_one("#summary", Static).update(
            f"[b]{escape(card.evaluation.title)}[/b] · rubric {escape(card.rubric.ref)} · "
            f"you are [b]{escape(session.rater)}[/b]\n"
            f"Your progress {mine}/{total} ({pct(mine / total if total else 0)}) · "
            f"answered by anyone {answered}/{applicable} · raters: {escape(raters)}"
        )
        self._show_detail(card)

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        card = self.checklist.scorecard
        if card is not None:
            self._show_detail(card)

    def _show_detail(self, card: Scorecard) -> None:
        vendor = self._row_vendor(card)
        if vendor is None:
            return
        self.query_one("#detail", Static).update(detail_markup(vendor, card))

    def _row_vendor(self, card: Scorecard) -> VendorResult | None:
        table = self.query_one("#grid", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return card.vendor(str(row_key.value))

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_open_cell()

    def action_open_cell(self) -> None:
        table = self.query_one("#grid", DataTable)
        if not table.row_count:
            return
        cell = table.coordinate_to_cell_key(table.cursor_coordinate)
        vendor = str(cell.row_key.value)
        column = str(cell.column_key.value)
        section = column[2:] if column.startswith("s:") else None
        self.app.call_next(self.checklist.score_at, vendor, None, section)

    def action_cursor(self, direction: str) -> None:
        table = self.query_one("#grid", DataTable)
        getattr(table, f"action_cursor_{direction}")()


def detail_markup(vendor: VendorResult, card: Scorecard) -> str:
    """One vendor in a few lines: verdict, why, gates with their reasons."""
    lines = [f"[b]{escape(vendor.name)}[/b] #{vendor.rank}: [b]{vendor.verdict_label}[/b] · "
             f"overall {fmt(vendor.score)} (range {fmt(vendor.lower)}–{fmt(vendor.upper)}) · "
             f"claims {fmt(vendor.claims)} · readiness {fmt(vendor.readiness)} · "
             f"coverage {pct(vendor.coverage)} · {escape(gates_text(vendor))}"]
    for gate in vendor.gates_failed:
        reason = gate.question.gate.reason.strip() if gate.question.gate else ""
        why = gate.anchor().strip()
        lines.append(f"  GATE FAILED {escape(gate.id)}: {gate.level:g} < {gate.min:g}"
                     f"{escape(': ' + reason if reason else '')}"
                     f"{escape(f' ({why})' if why else '')}")
    for gate in vendor.gates_open:
        lines.append(f"  gate open {escape(gate.id)}: needs an answer (min {gate.min:g})")
    for condition in vendor.conditions[:3] if vendor.verdict == "conditional" else ():
        lines.append(f"  condition: {escape(condition)}")
    return "\n".join(lines)
