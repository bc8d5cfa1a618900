"""Compare: the live ranking and everything that could still change it.

Both axes and the hype gap side by side, failed gates with the rubric's reasons, rater
disagreements to talk through, whether the decision is settled (and which open answers could
flip it), the weight-sensitivity "close call", and a claims-versus-readiness chart.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from checklist import numbers as n
from checklist.scoring import Scorecard, VendorResult
from checklist.scoring.narrative import outlook
from checklist.tui.literal import cell, lines, markup
from checklist.tui.live import LiveScorecardScreen, narrow_below
from checklist.tui.text import gate_reason
from checklist.tui.widgets.chart import MARKERS, ClaimsChart, Point
from checklist.tui.widgets.claim_check import ClaimCheckPanel
from checklist.tui.widgets.status import StatusLine

HELP = """\
## Compare

The ranking updates as answers come in. Qualified vendors rank by overall score, then
readiness; **no-go** vendors (a failed gate) come last whatever their score.

- **Claims** and **Ready** (readiness) are the two axes; **Gap**, the hype gap, is
  claims − readiness. **Done** is the share of the vendor's questions answered.
- **Range** is the overall score if every open question ended at the scale minimum / maximum.
  When the runner-up's range reaches past the leader's, the decision is *not settled yet*.
- **Gates** counts failed and open gates; the analysis below names them, with the reasons.
- When the table is wider than the terminal, **← →** scroll it (rank and vendor stay put).
- **Close call**: in random re-weightings of the sections (±50%), the leader stays ahead
  less often than the rubric's policy requires.
- In the chart each vendor is its rank number; the dotted line is claims = readiness, so a
  vendor above it claims more than it has shown.
- **Claims versus our own test** (with a bake-off): each vendor claim that compares two
  vendors of the bake-off (Elo, win rate, rank), with its verdict (consistent,
  contradicted, inconclusive), what it implies, our win probability with its 95% interval
  and the smallest gap our votes could detect; the bar draws our interval (●, [━━━]) from
  0% to 100% with a ▲ at the claim. *Inconclusive* is an answer: our votes cannot tell.
  The same numbers as `checklist bakeoff results` and the memo.

**Enter** on a row scores that vendor; **space** / **b** page the analysis and the chart
down / up; **Esc** goes back to the overview.
"""


class RankingTable(DataTable[Text]):
    """Rows are selected whole, so ← → scroll sideways: by half a screen, not a column."""

    def action_cursor_right(self) -> None:
        self.scroll_to(x=self.scroll_x + max(self.scrollable_content_region.width // 2, 1),
                       animate=False)

    def action_cursor_left(self) -> None:
        self.scroll_to(x=max(self.scroll_x - max(self.scrollable_content_region.width // 2, 1),
                             0), animate=False)


class CompareScreen(LiveScorecardScreen):
    """Ranking, robustness and the chart."""

    CSS_PATH = "compare.tcss"
    HELP = HELP
    #: The table takes the arrows (rows, and sideways scrolling); space pages the body.
    AUTO_FOCUS = "#ranking"
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "score_row", "Score", id="compare.score-vendor", priority=True),
        Binding("space", "page(1)", "More", id="compare.more"),
        Binding("b", "page(-1)", "Back up", show=False, id="compare.back-up"),
        Binding("m", "app.show('memo')", "Memo", id="compare.memo"),
        Binding("escape", "app.show('overview')", "Overview", id="compare.back"),
        Binding("j", "cursor(1)", "Down", show=False, id="compare.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="compare.up"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="compare-body"):
            table = RankingTable(id="ranking", cursor_type="row")
            yield table
            yield Static(id="table-key")
            with Container(id="lower"):
                yield Static(id="analysis")
                with Vertical(id="chart-box"):
                    yield Static("[b]Claims vs readiness[/b]", id="chart-title")
                    yield ClaimsChart(id="chart")
                    yield Static(id="legend")
            yield ClaimCheckPanel(id="claim-check")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        for key, label in COLUMNS:
            table.add_column(cell(label), key=key)
        table.fixed_columns = 2
        self.follow_scorecard()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # After the first paint: the check's thread would slow it down.
        self.call_after_refresh(self._check_claims)

    def _check_claims(self) -> None:
        """The bake-off's claim check (votes may have come in on the judging screen)."""
        session = self.checklist.session
        if session is not None:
            self.query_one(ClaimCheckPanel).check(session.path)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_table_key)

    def _show_table_key(self) -> None:
        """What the short column labels mean, and that the table scrolls when it does."""
        table = self.query_one("#ranking", DataTable)
        hidden = table.virtual_size.width - table.scrollable_content_region.width
        key = self.query_one("#table-key", Static)
        if hidden > 0:
            key.update("[dim]← → scroll: Gap, Done, Range, Gates · space: more below · "
                       "F1 help[/dim]")
        else:
            key.update("[dim]Gap = claims − readiness · Done = share answered · Range = "
                       "overall if every open answer came in lowest / highest[/dim]")

    def action_page(self, step: int) -> None:
        body = self.query_one("#compare-body", VerticalScroll)
        if step > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    def refresh_view(self) -> None:
        self._stale = False
        card = self.checklist.scorecard
        if card is None:
            return
        table = self.query_one("#ranking", DataTable)
        cursor = table.cursor_row
        table.clear()
        for vendor in card.vendors:
            table.add_row(*map(cell, (
                str(vendor.rank), short(vendor.name, 22), vendor.verdict_label,
                n.score(vendor.score), n.score(vendor.claims), n.score(vendor.readiness),
                n.signed(vendor.hype_gap), n.pct(vendor.coverage),
                n.span(vendor.lower, vendor.upper), gates_count(vendor),
            )), key=vendor.id)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self.query_one("#analysis", Static).update(analysis_content(card))
        self.call_after_refresh(self._show_table_key)
        points = []
        legend = []
        for vendor in card.vendors:
            marker = MARKERS[(vendor.rank - 1) % len(MARKERS)]
            if vendor.claims is not None and vendor.readiness is not None:
                points.append(Point(marker, vendor.name, vendor.claims, vendor.readiness))
            legend.append(markup(f"{marker} $name: claims {n.score(vendor.claims)}, "
                                 f"readiness {n.score(vendor.readiness)} ($verdict)",
                                 name=vendor.name[:24], verdict=vendor.verdict_label))
        self.query_one(ClaimsChart).points = tuple(points)
        legend.append(markup("[dim]· · · claims = readiness; above it: claims ahead of what is "
                             "shown in production; * = vendors too close to tell apart[/dim]"))
        self.query_one("#legend", Static).update(lines(legend))

    def action_score_row(self) -> None:
        table = self.query_one("#ranking", DataTable)
        if not table.row_count:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self.app.call_next(self.checklist.score_at, str(row_key.value))

    def on_data_table_row_selected(self) -> None:
        self.action_score_row()

    def action_cursor(self, step: int) -> None:
        table = self.query_one("#ranking", DataTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()


#: Short labels so the whole table fits 110 columns; `#table-key` and F1 explain them.
COLUMNS = (("rank", "#"), ("vendor", "Vendor"), ("verdict", "Verdict"), ("overall", "Overall"),
           ("claims", "Claims"), ("readiness", "Ready"), ("gap", "Gap"), ("coverage", "Done"),
           ("range", "Range"), ("gates", "Gates"))


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def gates_count(vendor: VendorResult) -> str:
    """The gates in a few characters for the table ("passed", "1 failed, 2 open"); the
    analysis below names them and gives the rubric's reasons."""
    if not vendor.gates:
        return "none"
    failed, still_open = len(vendor.gates_failed), len(vendor.gates_open)
    parts = [f"{failed} failed"] if failed else []
    if still_open:
        parts.append(f"{still_open} open")
    return ", ".join(parts) or "passed"


def analysis_content(card: Scorecard) -> Content:
    """The reading of the scorecard a decision meeting needs, in words."""
    view = outlook(card, disagreements=8)
    rows = [markup("[b]$headline[/b]", headline=view.headline)]
    rows += [markup("  - $item", item=c) for c in view.conditions]
    if view.settled:
        head, _, tail = view.settled.partition(":")
        rows.append(markup("[b]$head[/b]:$tail", head=head, tail=tail))
        rows += [markup("  - $item", item=d) for d in view.deciders]
        if view.more_deciders:
            rows.append(markup(f"  … and {view.more_deciders} more"))
    if view.sensitivity:
        before, found, after = view.sensitivity.partition("close call")
        if found and card.sensitivity.close_call:
            rows.append(markup("${before}[b]CLOSE CALL[/b]$after", before=before, after=after))
        else:
            rows.append(markup("$text", text=view.sensitivity))
        rows += [markup("  - $item", item=f) for f in view.flips]
    open_total = sum(len(v.open_questions) for v in card.vendors)
    rows.append(markup(f"Still open: {open_total} vendor answers"
                       + (f"; {len(card.deciders)} could change the winner" if card.deciders
                          else "; none could change the winner")))
    failed = [(v, g) for v in card.vendors for g in v.gates_failed]
    if failed:
        rows.append(markup("[b]Failed gates[/b]:"))
        for vendor, gate in failed:
            rows.append(markup("  - $name: $gate ($text)$reason", name=vendor.name,
                               gate=gate.id, text=gate.text(), reason=gate_reason(gate)))
    if view.disagreements:
        total = len(view.disagreements) + view.more_disagreements
        rows.append(markup(f"[b]Disagreements to discuss[/b] ({total}):"))
        rows += [markup("  - $item", item=d) for d in view.disagreements]
    return lines(rows)
