"""Overview: every vendor against every section, and where each vendor stands.

Each cell reads "answered/total score" in text (so it needs no colour to be understood); the
row ends with the verdict, the overall score, both axes and the gates. Enter on a cell opens
scoring at that vendor and section.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from checklist import numbers as n
from checklist.bakeoff.folder import has_bakeoff
from checklist.scoring import Scorecard, VendorResult
from checklist.tui.literal import cell, lines, markup
from checklist.tui.live import LiveScorecardScreen, narrow_below
from checklist.tui.session import Session
from checklist.tui.text import clipped, gate_reason, gates_text
from checklist.tui.widgets.status import StatusLine

HELP = """\
## Overview

One row per vendor, one column per rubric section. A cell reads `answered/total score`:
how many of the section's applicable questions have an answer (from any rater; questions
marked N/A are left out of the total) and the section score from 0 to 1, where open
questions count as 0. The last columns give the vendor's verdict, overall score, the claims
and readiness axes, and its gates. When the grid is wider than the terminal, **← →** (or
**h l**) scroll it; the vendor column stays put, and the line under the grid always shows
the highlighted vendor's verdict and gates.

The summary counts answers over every question of every vendor: *your answers* are yours,
*by anyone* counts a question once any rater answered it (N/A included, and said how many).

- **Enter** (or a click) on a cell scores that vendor, starting at your first open question
  in that section.
- **c** compare the vendors, **m** preview the decision memo, **s** score where you left off.
- **d** decides: accept a vendor, reject, defer, supersede or reopen, by name (as
  `checklist decide` does; accepted, rejected and superseded make the ratings read-only).
- **v** the vendors: their product, model, channel, region ... and benchmark claims;
  **e** the evaluation: title, background, people, context flags, due date.
- **b** judges the evaluation's bake-off blind (shown when it has one): two outputs at a
  time, A or B, vendors hidden.
- Arrows or **h j k l** move the cursor.
"""


#: The vendor column's widest name ('…' ends a longer one); and the columns of the grid
#: that are not text when scrolled to its end (cell padding, a vertical scroll bar).
VENDOR_CHARS = 24
GRID_MARGIN = 6


class OverviewScreen(LiveScorecardScreen):
    """The vendors x sections grid."""

    CSS_PATH = "overview.tcss"
    HELP = HELP
    #: Below 110 columns the footer keeps the screen's own keys and drops F2-F5 (F1 lists them).
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_cell", "Score", id="overview.score-cell"),
        Binding("s", "app.show('scoring')", "Resume", show=False,  # F3 in the footer
                id="overview.resume"),
        Binding("c", "app.show('compare')", "Compare", id="overview.compare"),
        Binding("m", "app.show('memo')", "Memo", id="overview.memo"),
        Binding("b", "judge", "Bake-off", id="overview.judge"),
        Binding("d", "decide", "Decide", show=False, id="overview.decide"),
        Binding("v", "app.record('vendors')", "Vendors", id="overview.vendors"),
        Binding("e", "app.record('evaluation')", "Evaluation", id="overview.evaluation"),
        Binding("h", "cursor('left')", "Left", show=False, id="overview.left"),
        Binding("j", "cursor('down')", "Down", show=False, id="overview.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="overview.up"),
        Binding("l", "cursor('right')", "Right", show=False, id="overview.right"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        table: DataTable[Text] = DataTable(id="grid", cursor_type="cell", zebra_stripes=True)
        yield table
        yield Static("", id="scroll-hint")
        yield Static(id="detail")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        self._has_bakeoff = has_bakeoff(session.path)
        self.refresh_bindings()
        table = self.query_one("#grid", DataTable)
        table.fixed_columns = 1
        table.add_column(cell("Vendor"), key="vendor")
        for section in session.workspace.rubric.sections:
            title = section.title if len(section.title) <= 14 else section.title[:13] + "…"
            table.add_column(cell(title), key=f"s:{section.id}")
        for key, label in (("verdict", "│ Verdict"), ("overall", "Overall"),
                           ("claims", "Claims"), ("readiness", "Readiness"),
                           ("gates", "Gates")):
            table.add_column(cell(label), key=key)
        for vendor in session.workspace.evaluation.vendors:
            table.add_row(cell(clipped(vendor.name, VENDOR_CHARS)),
                          *[cell("")] * (len(table.columns) - 1),
                          key=vendor.id)
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
            cells = {f"s:{sid}": f"{s.answered}/{s.total} {n.score(s.score)}"
                     for sid, s in vendor.sections.items()}
            cells.update(verdict=vendor.verdict_label, overall=n.score(vendor.score),
                         claims=n.score(vendor.claims), readiness=n.score(vendor.readiness),
                         gates=clipped(gates_text(vendor), self._gates_chars()))
            for column, text in cells.items():
                if table.get_cell(vendor.id, column).plain != text:
                    # update_width: the column follows its text (a gates text that grows or
                    # is cut shorter after a resize), so the table never cuts it itself
                    table.update_cell(vendor.id, column, cell(text), update_width=True)
        mine, total = session.progress()
        sections = [s for v in card.vendors for s in v.sections.values()]
        na = sum(s.na for s in sections)
        anyone = sum(s.answered for s in sections) + na
        raters = ", ".join(rater_names(card, session)) or "none yet"
        na_text = f", {na} of them N/A" if na else ""
        self.query_one("#summary", Static).update(markup(
            "You are [b]$rater[/b] · rubric $rubric\n"
            f"Your answers {mine}/{total} ({n.pct(mine / total if total else 0)}) · "
            f"by anyone {anyone}/{total}{na_text} · raters: $raters",
            rater=session.rater, rubric=card.rubric.ref, raters=raters,
        ))
        self._show_detail(card)
        self.call_after_refresh(self._show_scroll_hint)

    def on_resize(self) -> None:
        self.refresh_view()  # the gates column's text is cut to the new width
        self.call_after_refresh(self._show_scroll_hint)

    def _gates_chars(self) -> int:
        """The gates text that fits beside the vendor column once the grid is scrolled to
        its end: cut there, with '…', instead of at the screen's edge (the line under the
        grid gives the highlighted vendor's gates in full)."""
        return max(len("gates passed"), self.size.width - VENDOR_CHARS - GRID_MARGIN)

    def _show_scroll_hint(self) -> None:
        """Says that the grid scrolls sideways, and what is out of sight, when it does."""
        table = self.query_one("#grid", DataTable)
        hint = self.query_one("#scroll-hint", Static)
        hidden = table.virtual_size.width - table.scrollable_content_region.width
        if hidden <= 0:
            hint.display = False
            return
        at_end = table.scroll_x >= table.max_scroll_x
        hint.display = True
        sections = len(table.columns) - 6
        hint.update("[dim]← → (h l) scroll: "
                    + (f"the {sections} sections are to the left[/dim]" if at_end else
                       f"{sections} sections, then verdict, axes and gates[/dim]"))

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        card = self.checklist.scorecard
        if card is not None:
            self._show_detail(card)
        self.call_after_refresh(self._show_scroll_hint)

    def _show_detail(self, card: Scorecard) -> None:
        vendor = self._row_vendor(card)
        if vendor is None:
            return
        detail = detail_content(vendor, card)
        section = self._column_section(vendor)
        if section is not None:
            detail = lines([section, detail])
        self.query_one("#detail", Static).update(detail)

    def _column_section(self, vendor: VendorResult) -> Content | None:
        """The highlighted section's full title (the column shows it cut short)."""
        table = self.query_one("#grid", DataTable)
        column = str(table.coordinate_to_cell_key(table.cursor_coordinate).column_key.value)
        result = vendor.sections.get(column[2:]) if column.startswith("s:") else None
        if result is None:
            return None
        na = f", {result.na} N/A" if result.na else ""
        return markup(f"[b]$title[/b] ({result.section.axis}): {result.answered}/"
                      f"{result.total} answered{na}, score {n.score(result.score)}",
                      title=result.section.title)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"b Bake-off" only when the evaluation has a bake-off to judge."""
        if action == "judge":
            return bool(getattr(self, "_has_bakeoff", False))  # False: not in the footer
        return True

    def action_judge(self) -> None:
        self.checklist.action_judge()

    def action_decide(self) -> None:
        from checklist.tui.deciding import open_decide

        open_decide(self.checklist)

    def action_cursor(self, direction: str) -> None:
        table = self.query_one("#grid", DataTable)
        getattr(table, f"action_cursor_{direction}")()


def rater_names(card: Scorecard, session: Session) -> list[str]:
    """Raters by the names in their files ("Marco Bianchi"), as the memo shows them; this
    rater as named in this session."""
    return [session.rater if rid == session.rater_id else card.rater_name(rid)
            for rid in card.raters]


def detail_content(vendor: VendorResult, card: Scorecard) -> Content:
    """One vendor in a few lines: verdict, why, gates with their reasons."""
    rows = [markup(f"[b]$name[/b] #{vendor.rank}: [b]$verdict[/b] · "
                   f"overall {n.score(vendor.score)} (range {n.span(vendor.lower, vendor.upper)})"
                   f" · claims {n.score(vendor.claims)} · readiness {n.score(vendor.readiness)} · "
                   f"coverage {n.pct(vendor.coverage)} · $gates",
                   name=vendor.name, verdict=vendor.verdict_label, gates=gates_text(vendor))]
    for gate in vendor.gates_failed:
        rows.append(markup("  GATE FAILED $gate: $text$reason", gate=gate.id,
                           text=gate.text(), reason=gate_reason(gate)))
    for gate in vendor.gates_open:
        rows.append(markup("  gate open $gate: needs an answer (the gate asks $asks)",
                           gate=gate.id, asks=gate.bound_text()))
    for condition in vendor.conditions[:3] if vendor.verdict == "conditional" else ():
        rows.append(markup("  condition: $condition", condition=condition.text()))
    return lines(rows)
