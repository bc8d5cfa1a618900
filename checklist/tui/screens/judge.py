"""Blind judging: the prompt on top, two outputs labelled only A and B, one key per verdict.

Everything shown comes from `checklist.bakeoff.judge.Judge` (the bake-off core), which
hides the vendors: the screen gets opaque ids, texts and progress, casts votes through it
and sees other raters' votes only once this rater's share is done. Reading the outputs and
writing a vote run in a worker (`checklist.tui.judging`), so a key never waits for the disk;
while a vote is being written the vote keys do nothing, so no vote is ever cast on a
comparison the judge has not seen yet.

The keys are the browser page's (`checklist bakeoff serve`): a/← A better, b/→ B better,
t tie, x both unusable, u undo. A is the plan's left output, B the right one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Static

from checklist.bakeoff.judge import Judge, Trial
from checklist.bakeoff.model import Vote
from checklist.errors import ChecklistError
from checklist.model.limits import max_length
from checklist.tui.judging import (
    VERDICT_WORDS,
    DoneView,
    JudgeView,
    current_view,
    media_in,
    verdict_words,
)
from checklist.tui.literal import cell, clean, lines, literal, markup
from checklist.tui.live import ChecklistScreen, narrow_below
from checklist.tui.messages import Judged
from checklist.tui.widgets.blind_output import BROWSER_PAGE, BlindOutputPane

NOTE_LIMIT = max_length(Vote, "note")

HELP = """\
## Blind judging

Two outputs answer the prompt shown on top. They are labelled **A** and **B** only: which
vendor wrote which is hidden from you, and recorded with your vote for the audit. A is on
the left, B on the right; below 110 columns A is above B.

- **a** or **←**: A is better; **b** or **→**: B is better; **t**: a tie; **x**: both are
  unusable. The vote is saved at once in `bakeoff/votes/<you>.yaml` and the next
  comparison follows.
- **r** picks reason tags and **n** writes a note: both optional, saved with your next vote.
- **u** takes back your last vote and shows that comparison again with its reasons and
  note, to change the verdict or add a reason before voting again.
- **tab** moves between A and B (the brighter border); **↓ ↑** or **j k** scroll it, **space**,
  **pgdn** and **pgup** by a page. "3 more lines ↓" on a border says there is more to read.
- Text is shown as written (Markdown is not rendered, so both sides look alike).
- Image, audio and video cannot be shown in a terminal: judge those comparisons in the
  browser page, `checklist bakeoff serve DIR --rater NAME` (the same keys).
- Stop whenever you like: opening again continues at the next comparison you have not
  judged.
- Once your whole share is judged, you see how the other raters voted on the same
  comparisons (still without vendors); until then their votes stay hidden from you.
"""


class JudgeScreen(ChecklistScreen):
    """One comparison at a time, then the done view; keys in BINDINGS, explained in HELP."""

    CSS_PATH = "judge.tcss"
    HELP = HELP
    #: Vendor identity must not reach this screen: the palette lists no vendors here.
    BLIND: ClassVar[bool] = True
    AUTO_FOCUS = "#side-a"
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: the output panes would take ← → to scroll sideways
        Binding("a,left", "vote('left')", "A better", key_display="a", id="judge.a-better",
                priority=True),
        Binding("b,right", "vote('right')", "B better", key_display="b", id="judge.b-better",
                priority=True),
        Binding("t", "vote('tie')", "Tie", id="judge.tie"),
        Binding("x", "vote('both-unusable')", "Unusable", id="judge.both-unusable"),
        Binding("u", "undo", "Undo", id="judge.undo"),
        # the line above the footer names r and n (80 columns hold eight keys)
        Binding("r", "reasons", "Reasons", show=False, id="judge.reasons"),
        Binding("n", "note", "Note", show=False, id="judge.note"),
        Binding("tab,shift+tab", "other_side", "Other side", show=False,
                id="judge.other-side"),
        Binding("j", "scroll(1)", "Scroll down", show=False, id="judge.scroll-down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="judge.scroll-up"),
        Binding("space", "page(1)", "Page down", show=False, id="judge.page-down"),
    ]

    def __init__(self, judge: Judge) -> None:
        super().__init__()
        self.judge = judge
        self.view: JudgeView | None = None
        #: A load, vote or undo is running in the worker: vote keys wait for its result.
        self.busy = False
        #: Reasons and note for the next vote.
        self.reasons: list[str] = []
        self.note = ""
        #: Reasons and notes of the votes cast here, given back when a vote is undone.
        self._cast: dict[str, tuple[list[str], str]] = {}

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="judge-head")
        with VerticalScroll(id="prompt-box"):
            yield Static(id="prompt")
        with Container(id="sides"):
            yield BlindOutputPane("A", id="side-a")
            yield BlindOutputPane("B", id="side-b")
        with VerticalScroll(id="done"):
            yield Static(id="done-text")
            yield DataTable[Text](id="done-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="pending")
        yield Static(id="judge-status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        title = self.judge.bakeoff.settings.title
        self.sub_title = clean(f"Blind judging · {title}" if title else "Blind judging")
        self.query_one("#done").display = False
        self.query_one("#judge-status", Static).update(literal(self._saved_in()))
        self.busy = True
        self._work(None, False)

    def _saved_in(self) -> str:
        where = self.judge.file.path.relative_to(self.judge.bakeoff.evaluation)
        return f"Votes are saved in {where.as_posix()} as you cast them."

    # --- the worker -----------------------------------------------------------------------

    @work(thread=True, group="judge", exclusive=False)
    def _work(self, vote: tuple[str, str, list[str], str] | None, undo: bool) -> None:
        """Casts `vote` (comparison, verdict, reasons, note) or takes back the last vote
        (`undo`), then reads what to show next, and posts `Judged`. With neither, reads."""
        judge, said, title = self.judge, "", "Cannot read the bake-off"
        problems: tuple[str, ...] = ()
        focus: str | None = None
        try:
            if vote is not None:
                title = "Vote not recorded"
                comparison, verdict, reasons, note = vote
                progress = judge.vote(comparison, verdict,  # type: ignore[arg-type]
                                      reasons=reasons, note=note)
                said = (f"Saved: {VERDICT_WORDS[verdict]} ({progress.done} of "
                        f"{progress.total} judged). u takes it back.")
            elif undo:
                title = "Vote not taken back"
                focus = judge.undo()
                said = ("Took back your last vote: here is that comparison again."
                        if focus else "No vote to take back.")
        except ChecklistError as exc:
            problems = tuple(str(p) for p in exc.problems[:8])
        try:
            view = current_view(judge, focus)
        except ChecklistError as exc:
            title = "Cannot read the bake-off"
            problems = (*problems, *(str(p) for p in exc.problems[:8]))
            view = None
        self.post_message(Judged(view, said, title, problems))

    def on_judged(self, message: Judged) -> None:
        self.busy = False
        if message.problems:
            self.notify("\n".join(message.problems), title=message.title, severity="error",
                        timeout=15)
        if message.said:
            self.query_one("#judge-status", Static).update(literal(message.said))
        view = message.view
        if view is not None and view.trial is not None:
            # shown again unjudged (taken back, or the vote failed): its reasons and note too
            restored = self._cast.pop(view.trial.comparison, None)
            if restored is not None:
                self.reasons, self.note = restored
        if view is not None:
            self.show(view)
        self.refresh_bindings()

    # --- painting -------------------------------------------------------------------------

    def show(self, view: JudgeView) -> None:
        previous = self.view.trial.comparison if self.view and self.view.trial else None
        self.view = view
        trial = view.trial
        for part in ("#prompt-box", "#sides", "#pending"):
            self.query_one(part).display = trial is not None
        self.query_one("#done").display = view.done is not None
        if trial is not None:
            if trial.comparison != previous:
                self._show_trial(trial)
            self._show_pending()
        elif view.done is not None:
            self._show_done(view.done)

    def _show_trial(self, trial: Trial) -> None:
        prompt = trial.prompt
        self.query_one("#judge-head", Static).update(markup(
            f"[b]Comparison {trial.number} of {trial.progress.total}[/b] · "
            f"{trial.progress.done} judged · prompt [b]$prompt[/b] ($task)",
            prompt=prompt.id, task=prompt.task))
        parts = [literal(prompt.text.strip())] if prompt.text.strip() else []
        if prompt.input_kind:
            parts.append(markup(f"[i]With an input $kind: {BROWSER_PAGE}.[/i]",
                                kind=prompt.input_kind))
        self.query_one("#prompt", Static).update(lines(parts))
        self.query_one("#prompt-box", VerticalScroll).scroll_home(animate=False)
        self.query_one("#side-a", BlindOutputPane).show(trial.left)
        self.query_one("#side-b", BlindOutputPane).show(trial.right)

    def _show_pending(self) -> None:
        """What the next vote will carry, or why this comparison cannot be judged here."""
        pending = self.query_one("#pending", Static)
        trial = self.view.trial if self.view else None
        media = media_in(trial) if trial else []
        if media:
            pending.update(markup(f"[b]This comparison has {' and '.join(media)}[/b]: "
                                  f"{BROWSER_PAGE}. Voting keys are off here."))
            return
        reasons = ", ".join(self.reasons) if self.reasons else "none"
        note = self.note.replace("\n", " ") if self.note else "none"
        pending.update(markup("With your vote: [b]r[/b] reasons $reasons · [b]n[/b] note $note",
                              reasons=reasons, note=note))

    def _show_done(self, done: DoneView) -> None:
        counts = " · ".join(f"{VERDICT_WORDS[v]} {n}" for v, n in done.counts.items())
        self.query_one("#judge-head", Static).update(markup(
            f"[b]All {done.total} comparisons judged.[/b] Thank you."))
        rows = [markup(f"Your verdicts: {counts}."), Content("")]
        if done.problem:
            rows.append(markup("Other raters' votes cannot be shown: $problem",
                               problem=done.problem))
        elif not done.raters:
            rows.append(markup("No other rater has voted yet."))
        else:
            rows.append(markup("[b]Other raters[/b] (shown now that your share is done; "
                               "vendors stay hidden here):"))
            for a in done.agreements:
                share = f" ({a.same / a.shared:.0%})" if a.shared else ""
                rows.append(markup(
                    f"  $rater: {a.votes} votes; the same verdict as yours on {a.same} of the "
                    f"{a.shared} comparisons you both judged{share}", rater=a.rater))
        rows += [Content(""), markup(
            "[dim]u takes back your last vote; you have seen the others' votes, so a new "
            "one is no longer blind.[/dim]")]
        self.query_one("#done-text", Static).update(lines(rows))
        table = self.query_one("#done-table", DataTable)
        table.clear(columns=True)
        table.display = bool(done.rows)
        if done.rows:
            for label in ("#", "Prompt", "You", *done.raters):
                table.add_column(cell(label))
            for row in done.rows:
                table.add_row(cell(row.number), cell(row.prompt), cell(verdict_words(row.mine)),
                              *(cell(verdict_words(v)) for v in row.others))
            table.focus()

    # --- keys -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that apply (None: shown greyed out; False: hidden): no voting in the
        done view, and none on media, which the terminal cannot show."""
        view = self.view
        trial = view.trial if view else None
        if action == "vote":
            if view is not None and view.done is not None:
                return False
            return None if trial is None or media_in(trial) else True
        if action in ("reasons", "note"):
            if trial is None or media_in(trial):
                return False
            return action == "note" or bool(self.judge.reasons)
        if action == "undo":
            return True if view is not None and view.progress.done > 0 else None
        return True

    def action_vote(self, verdict: str) -> None:
        trial = self.view.trial if self.view else None
        if self.busy or trial is None or media_in(trial):
            return
        self.busy = True
        reasons, note = list(self.reasons), self.note
        self._cast[trial.comparison] = (reasons, note)
        self.reasons, self.note = [], ""
        self._work((trial.comparison, verdict, reasons, note), False)

    def action_undo(self) -> None:
        if self.busy or self.view is None or self.view.progress.done == 0:
            return
        if self.view.done is not None and self.view.done.raters:
            from checklist.tui.screens.dialogs import ConfirmDialog

            def decided(yes: bool | None) -> None:
                if yes:
                    self._undo()

            self.app.push_screen(ConfirmDialog(
                "Take back your last vote?", "You have seen how the other raters voted, so a "
                "new vote on this comparison would not be blind. Take it back anyway?",
                yes="Take it back", no="Keep it"), decided)
            return
        self._undo()

    def _undo(self) -> None:
        self.busy = True
        self._work(None, True)

    def action_reasons(self) -> None:
        from checklist.tui.screens.reasons import ReasonsDialog

        if not self.judge.reasons or self.view is None or self.view.trial is None:
            return

        def chosen(reasons: list[str] | None) -> None:
            if reasons is not None:
                self.reasons = reasons
                self._show_pending()

        self.app.push_screen(ReasonsDialog(self.judge.reasons, self.reasons), chosen)

    def action_note(self) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        if self.view is None or self.view.trial is None:
            return

        def written(note: str | None) -> None:
            if note is not None:
                self.note = note
                self._show_pending()

        self.app.push_screen(TextPrompt(
            "Note for your vote", "Optional; saved with your next vote (empty: no note).",
            self.note, placeholder="e.g. B ignores the word limit", check=lambda _: None,
            limit=NOTE_LIMIT, what="A note"), written)

    def action_other_side(self) -> None:
        if self.view is None or self.view.trial is None:
            return
        a = self.query_one("#side-a", BlindOutputPane)
        (self.query_one("#side-b", BlindOutputPane) if self.focused is a else a).focus()

    def _scroll_target(self) -> VerticalScroll:
        if self.view is not None and self.view.trial is None:
            return self.query_one("#done", VerticalScroll)
        focused = self.focused
        if isinstance(focused, BlindOutputPane):
            return focused
        return self.query_one("#side-a", BlindOutputPane)

    def action_scroll(self, step: int) -> None:
        if self.view is not None and self.view.trial is None:
            table = self.query_one("#done-table", DataTable)
            (table.action_cursor_down if step > 0 else table.action_cursor_up)()
            return
        target = self._scroll_target()
        target.scroll_to(y=target.scroll_y + step, animate=False)

    def action_page(self, step: int) -> None:
        target = self._scroll_target()
        if step > 0:
            target.scroll_page_down(animate=False)
        else:
            target.scroll_page_up(animate=False)
