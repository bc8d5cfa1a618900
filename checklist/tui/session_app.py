"""The half of the app that keeps one evaluation safe: saved, scored, in step with the disk.

A screen changes an answer through the `Session` (in memory, instantly) and posts
`AnswerChanged`; `SessionApp` starts one background save within `save_delay` seconds and one
re-scoring within `score_delay`, both in thread workers so a key press never waits for the
disk or the scorecard, and reads other raters' files every `poll_seconds`. Leaving (quit,
switch, change rater) runs in a worker that awaits its dialogs (`leaving`): pending answers
are written, conflicts asked about, a failed save offered a recovery file.

`ChecklistApp` (app.py) adds the screens, start-up and navigation on top.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from textual import work
from textual.app import App
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from checklist.files.decided import decided_notice
from checklist.files.folder import now
from checklist.model.ratings import Ratings
from checklist.scoring import Scorecard, score
from checklist.tui.leaving import leave_session, settle_conflicts
from checklist.tui.literal import clean
from checklist.tui.messages import AnswerChanged, DiskChanged, Saved, Scored
from checklist.tui.session import Clock, Session, scoring_day

T = TypeVar("T")


class SessionApp(App[None]):
    """Holds the open `Session` and keeps it saved and scored; see the module docstring."""

    scorecard: var[Scorecard | None] = var(None, always_update=True)
    save_status: var[str] = var("")

    def __init__(self, *, clock: Clock = now, save_delay: float = 0.4,
                 score_delay: float = 0.15, poll_seconds: float = 2.0) -> None:
        super().__init__()
        self.clock = clock
        self.save_delay = max(save_delay, 0.001)  # a zero-length Timer divides by zero
        self.score_delay = max(score_delay, 0.001)
        self.poll_seconds = poll_seconds
        self.session: Session | None = None
        self._save_timer: Timer | None = None
        self._score_timer: Timer | None = None
        self._poll_timer: Timer | None = None
        #: Held while conflicts are being asked about: one dialog at a time.
        self.conflicts_asked = asyncio.Lock()
        #: Workers waiting for the person to answer a dialog (see `ask`).
        self.waiting: set[Worker[Any]] = set()
        #: The last recovery file written (said again on exit).
        self.recovered: Path | None = None
        #: Seconds from a key press to the repainted screen, when a benchmark asks for them.
        self.latencies: list[float] | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Shows a notification as written, never as markup (`markup` is ignored).

        Notifications quote paths, error messages and names from files; every one in the
        app (screens' `notify` included) comes through here.
        """
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    async def ask(self, dialog: ModalScreen[T]) -> T:
        """Shows a dialog and waits for the person's answer; only from a worker, which is in
        `waiting` meanwhile (so a test knows it waits for a key, not for the disk)."""
        worker = get_current_worker()
        self.waiting.add(worker)
        try:
            return await self.push_screen_wait(dialog)
        finally:
            self.waiting.discard(worker)

    @work(group="leave")
    async def _leave_then(self, anyway: str, then: Callable[[], Awaitable[None]]) -> None:
        """The same steps for quitting, switching and changing rater (see `leaving`);
        `anyway` labels the button that leaves despite a failed save."""
        if await leave_session(self, anyway):
            await then()

    # --- saving ---------------------------------------------------------------------------

    def on_answer_changed(self, message: AnswerChanged) -> None:
        self.answer_changed()

    def answer_changed(self) -> None:
        """Schedules one save and one re-scoring; repeated calls ride on the same ones."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(self.save_delay, self._save_soon)
            self.save_status = "saving…"
        if self._score_timer is None:
            self._score_timer = self.set_timer(self.score_delay, self._rescore)

    def _save_soon(self) -> None:
        self._save_timer = None
        if self.session is not None:
            self._save_in_background(self.session)

    def action_save(self) -> None:
        if self.session is not None:
            self._save_in_background(self.session)

    @work(thread=True, group="save")
    def _save_in_background(self, session: Session) -> None:
        result = session.flush()
        self.post_message(Saved(session, result))

    def on_saved(self, message: Saved) -> None:
        session, result = message.session, message.result
        if session is not self.session:
            return
        rel = session.file.path.relative_to(session.path)
        if result.error and session.read_only is None:
            session.read_only = decided_notice(session.path)
            if session.read_only is not None:  # decided by another process while open
                self.save_status = "NOT SAVED: the decision was taken meanwhile; read-only"
                self.notify(f"Now read-only: {session.read_only}. Answers not saved can "
                            "go to a recovery file when you leave.", title="Read-only",
                            severity="error", timeout=30)
                return
        if result.error and session.read_only is not None:
            return
        if result.error:
            self.save_status = f"NOT SAVED ({result.error}); retrying…"
            self.notify(f"Could not write {rel}: {result.error}. Your answers are kept in "
                        "memory; retrying.", title="Not saved", severity="error")
            self.set_timer(2.0, self.answer_changed)
        elif result.at is not None and (result.saved or not self.save_status.startswith("saved")):
            local = result.at.astimezone() if result.at.tzinfo else result.at
            self.save_status = f"saved {local:%H:%M:%S} · {rel}"
        if result.still_pending and not result.error:
            self.answer_changed()
        if session.conflicts:
            self._ask_conflicts()

    @work(group="conflicts")
    async def _ask_conflicts(self) -> None:
        """Asks about conflicts a background save found; never overwrites silently."""
        session = self.session
        if session is not None and not self.conflicts_asked.locked():
            await settle_conflicts(self, session)  # else the open dialog's loop takes them

    async def action_quit(self) -> None:
        """Writes pending answers first; asks about conflicts rather than losing either side."""
        self._leave_then("Quit anyway", self._exit_after_leaving)

    async def _exit_after_leaving(self) -> None:
        kept, session = self.recovered, self.session
        if kept is not None and session is not None:
            self.exit(message=f"Answers not saved were written to "
                              f"{session.where_recovered(kept)}.")
        else:
            self.exit()

    # --- scores and other processes -------------------------------------------------------

    def _rescore(self) -> None:
        self._score_timer = None
        session = self.session
        if session is not None:
            self._score_in_background(session, session.ratings_for_scoring(), self.today())

    @work(thread=True, group="score", exclusive=True)
    def _score_in_background(self, session: Session, ratings: dict[str, Ratings],
                             today: dt.date) -> None:
        workspace = session.workspace
        card = score(workspace.evaluation, workspace.rubric, ratings, today=today)
        if not get_current_worker().is_cancelled:
            self.post_message(Scored(session, card))

    def on_scored(self, message: Scored) -> None:
        if message.session is self.session:
            self.scorecard = message.card

    def poll_disk(self) -> None:
        """Reads other raters' files now (every `poll_seconds` too)."""
        if self.session is not None:
            self._read_disk(self.session)

    @work(thread=True, group="poll", exclusive=True)
    def _read_disk(self, session: Session) -> None:
        changes = session.read_changes()
        if changes:
            self.post_message(DiskChanged(session, changes))

    def on_disk_changed(self, message: DiskChanged) -> None:
        session = message.session
        if session is not self.session:
            return
        changed = session.apply_changes(message.changes)
        others = [r for r in changed if r != session.rater_id]
        if changed:
            self._rescore()
            self.refresh_current()
        if others:
            self.notify(f"Reloaded answers from {', '.join(others)}.", timeout=3)
        if session.rater_id in changed:
            self.notify("Your ratings file was changed by another program; reloaded the "
                        "answers you had not changed.", severity="warning")

    def refresh_current(self) -> None:
        refresh = getattr(self.screen, "refresh_view", None)
        if callable(refresh):
            refresh()

    def today(self) -> dt.date:
        return scoring_day(self.clock)
